import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontline.dedup.config import load_config
from frontline.dedup.index import DedupIndex, Link, Overlap, _MultiMap, classify, link_all
from frontline.dedup.signature import Signature

from .texts import ARTICLE, BOILERPLATE, OTHER_ARTICLE, SAME_TOPIC


def sig(text: str) -> Signature:
    return Signature.from_text(text)


def typos(text: str, rate: float, seed: int = 3) -> str:
    rng = random.Random(seed)
    out = []
    for w in text.split(" "):
        if len(w) > 4 and rng.random() < rate:
            i = rng.randrange(1, len(w) - 1)
            w = w[:i] + w[i + 1 :]
        out.append(w)
    return " ".join(out)


def first_half(text: str) -> str:
    paras = text.split("\n\n")
    return "\n\n".join(paras[: len(paras) // 2])


def kinds_against(original: str, other: str) -> list[str]:
    index = DedupIndex()
    index.add("orig", sig(original))
    return [link.kind for link in index.add("other", sig(other))]


@pytest.mark.parametrize(
    "copy",
    [
        BOILERPLATE + "\n\n" + ARTICLE + "\n\n" + BOILERPLATE,
        typos(ARTICLE, 0.05),
        first_half(ARTICLE),
        "\n\n".join(reversed(ARTICLE.split("\n\n"))),
        typos(first_half(ARTICLE), 0.03) + "\n\n" + BOILERPLATE,
    ],
    ids=["boilerplate", "typos", "truncated", "reordered", "truncated+typos+boilerplate"],
)
def test_republications_are_linked(copy: str) -> None:
    assert kinds_against(ARTICLE, copy) == ["republishes"]


def test_one_quoted_paragraph_is_a_quote_not_a_copy() -> None:
    quoted = ARTICLE.split("\n\n")[1]
    host = OTHER_ARTICLE.replace(
        "\n\nNot everyone", f"\n\nA report from the valley said: {quoted}\n\nNot everyone"
    )
    assert kinds_against(ARTICLE, host) == ["quotes"]


def test_unrelated_and_same_topic_texts_are_not_linked() -> None:
    assert kinds_against(ARTICLE, OTHER_ARTICLE) == []
    assert kinds_against(ARTICLE, SAME_TOPIC) == []


def test_classify_thresholds_come_from_config() -> None:
    cfg = load_config()
    small, big = 100, 300
    shared_ok = int(np.ceil(cfg.containment * small))
    assert classify(Overlap(shared_ok, small, big), cfg) == "republishes"
    assert classify(Overlap(shared_ok - 1, small, big), cfg) != "republishes"
    assert classify(Overlap(cfg.quote_min_shared - 1, small, big), cfg) is None
    assert classify(Overlap(cfg.quote_min_shared, small, big), cfg) == "quotes"
    assert classify(Overlap(cfg.quote_min_shared, small, big), cfg, rare_share=0.5) is None


def test_adding_never_changes_old_documents_and_rebuild_matches() -> None:
    texts = {"a": ARTICLE, "b": OTHER_ARTICLE, "c": SAME_TOPIC, "d": typos(ARTICLE, 0.04)}
    incremental = DedupIndex()
    for doc_id, text in texts.items():
        incremental.add(doc_id, sig(text))
    before = incremental.signature("a")
    rebuilt = DedupIndex.from_signatures((d, sig(t)) for d, t in texts.items())
    new = sig(first_half(ARTICLE))
    by_incremental = sorted((x.dst_id, x.kind) for x in incremental.add("e", new))
    by_rebuilt = sorted((x.dst_id, x.kind) for x in rebuilt.add("e", new))
    assert by_incremental == by_rebuilt == [("a", "republishes"), ("d", "republishes")]
    assert incremental.signature("a") is before


def test_duplicate_ids_are_refused() -> None:
    index = DedupIndex()
    index.add("a", sig(ARTICLE))
    with pytest.raises(ValueError):
        index.add("a", sig(OTHER_ARTICLE))
    with pytest.raises(ValueError):
        DedupIndex.from_signatures([("x", sig(ARTICLE)), ("x", sig(ARTICLE))])


def test_boilerplate_shared_by_many_documents_is_not_a_quote() -> None:
    """Cleaning may miss a republisher's footer; many documents then share it."""
    long_footer = " ".join([BOILERPLATE] * 3)
    filler = [f"Item {i}: " + " ".join(f"w{i}x{j}" for j in range(80)) for i in range(8)]
    items = [(f"d{i}", sig(text + "\n\n" + long_footer)) for i, text in enumerate(filler)]
    _, links = link_all(items)
    assert [x for x in links if x.kind == "quotes"] == []


def test_link_kind_is_validated_and_dicts_round_trip() -> None:
    with pytest.raises(ValueError):
        Link("a", "b", "same", 1.0)
    link = Link("a", "b", "quotes", 0.5, {"shared_shingles": 20})
    assert Link.from_dict(link.to_dict()) == link


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 30)), max_size=300), st.integers(1, 64))
def test_multimap_matches_a_dict(entries: list[tuple[int, int]], buffer: int) -> None:
    mm = _MultiMap(max_buffer=buffer)
    ref: dict[int, list[int]] = {}
    for key, ident in entries:
        mm.add(np.array([key], dtype=np.uint64), ident)
        ref.setdefault(key, []).append(ident)
    for key, ids in ref.items():
        got = sorted(i for arr in mm.lookup(np.array([key], dtype=np.uint64)) for i in arr.tolist())
        assert got == sorted(ids)
    assert len(mm) == len(entries)


def test_empty_texts_are_indexed_but_never_linked() -> None:
    index = DedupIndex()
    for i in range(5):
        assert index.add(f"e{i}", sig("")) == []
    assert index.candidates(sig("")) == {}
    assert len(index) == 5
    assert len(DedupIndex.from_signatures([("e", sig("")), ("a", sig(ARTICLE))])) == 2
