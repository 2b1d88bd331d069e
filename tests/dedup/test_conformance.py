"""The checks every stage passes: picklable, deterministic, offsets valid, no crash on odd text."""

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from frontline.dedup import DedupIndex, Link, Signature, dedup_corpus, signature_of

from .helpers import make_doc
from .texts import ARTICLE, OTHER_ARTICLE


def test_signature_link_and_index_pickle() -> None:
    sig = Signature.from_text(ARTICLE)
    assert pickle.loads(pickle.dumps(sig)) == sig
    link = Link("a", "b", "quotes", 0.3, {"shared_shingles": 30})
    assert pickle.loads(pickle.dumps(link)) == link
    index = DedupIndex()
    index.add("a", sig)
    clone = pickle.loads(pickle.dumps(index))
    assert [x.kind for x in clone.add("b", Signature.from_text(ARTICLE))] == ["republishes"]


def test_result_does_not_depend_on_input_order() -> None:
    quoted = ARTICLE.split("\n\n")[2]
    docs = [
        make_doc("a", ARTICLE, outlet="Valley Herald"),
        make_doc("b", ARTICLE.replace("canal", "channel"), outlet="Digest", original_source="Valley Herald"),
        make_doc("c", OTHER_ARTICLE + "\n\nAs reported: " + quoted),
    ]

    def snapshot(res):
        return (
            sorted(
                (d.id, d.cluster_id, d.canonical_id, tuple(sorted(d.inherited.items())))
                for d in res.documents
            ),
            sorted((x.src_id, x.dst_id, x.kind) for x in res.provenance),
            sorted((*sorted((x.src_id, x.dst_id)), x.kind) for x in res.similarity),
        )

    assert snapshot(dedup_corpus(docs)) == snapshot(dedup_corpus(list(reversed(docs))))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=300), min_size=1, max_size=5))
def test_no_crash_and_valid_offsets_on_fuzzed_text(texts: list[str]) -> None:
    base = ARTICLE.split("\n\n")[0]
    docs = [make_doc(f"d{i}", (t + " " + base) if i % 2 else t or " ") for i, t in enumerate(texts)]
    res = dedup_corpus(docs)
    by_id = {d.id: d for d in res.documents}
    assert set(by_id) == {d.id for d in docs}
    for link in res.links:
        for span in link.evidence.get("shared_spans", []):
            s, e = span["src"]
            assert 0 <= s < e <= len(by_id[link.src_id].text)
            s, e = span["dst"]
            assert 0 <= s < e <= len(by_id[link.dst_id].text)
    for d in docs:
        assert len(signature_of(d).hashvalues) == 128
