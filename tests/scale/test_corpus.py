"""The benchmark corpus: deterministic, realistic in the ways that matter to the pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontline.scale import corpus as corpus_mod
from frontline.scale.corpus import (
    Article,
    CorpusGenerator,
    Mix,
    _typo,
    load_articles,
    templates,
    write_corpus,
)


@pytest.fixture(scope="module")
def articles(eval_path: Path) -> list[Article]:
    return load_articles(eval_path)


def test_articles_come_from_the_three_eval_sets(articles: list[Article], eval_path: Path) -> None:
    texts = set()
    for name in corpus_mod.SOURCES:
        with (eval_path / name).open(encoding="utf-8") as fh:
            texts.update(json.loads(line)["text"] for line in fh if line.strip())
    assert len(articles) > 900
    sample = articles[::97]
    assert all(any(a.paragraphs[0][:40] in t for t in texts) for a in sample)


def test_same_seed_same_corpus_other_seed_other_corpus(articles: list[Article]) -> None:
    a = list(CorpusGenerator(articles, seed=1).generate(120))
    b = list(CorpusGenerator(articles, seed=1).generate(120))
    c = list(CorpusGenerator(articles, seed=2).generate(120))
    assert a == b
    assert a != c


def test_corpus_has_republications_refetches_comments_and_varied_lengths(articles: list[Article]) -> None:
    t = templates()
    docs = [text for _, text in CorpusGenerator(articles, seed=3, mix=Mix(refetch=0.05)).generate(600)]
    republished = [d for d in docs if any(r in d for r in t["republishers"])]
    assert 0.15 < len(republished) / len(docs) < 0.4
    assert len(set(docs)) < len(docs)  # exact re-fetches exist
    reactions = [d for d in docs if any(c in d for c in t["comment_reactions"])]
    assert len(reactions) > 50
    lengths = sorted(len(d) for d in docs)
    assert lengths[len(lengths) // 10] * 3 < lengths[9 * len(lengths) // 10]  # a wide spread of lengths


def test_republication_carries_the_original_body(articles: list[Article]) -> None:
    gen = CorpusGenerator(articles, seed=5, mix=Mix(republication=0.9, refetch=0.0, typo=0.0))
    docs = [text for _, text in gen.generate(60)]
    originals = [d for d in docs if not any(r in d for r in templates()["republishers"])]
    republished = [d for d in docs if d not in originals]
    # Most republications contain the last body paragraph of an earlier original
    # (comments may follow either, so not all can be matched this simply).
    assert republished
    assert sum(any(o.strip().split("\n\n")[-1][:60] in r for o in originals) for r in republished) > len(republished) // 2


def test_typo_swaps_two_letters_of_one_word() -> None:
    import random

    text = "the government forces advanced towards the highway yesterday"
    out = _typo(text, random.Random(0))
    assert out != text and len(out) == len(text) and sorted(out) == sorted(text)
    assert sum(a != b for a, b in zip(out.split(), text.split(), strict=True)) == 1


def test_write_corpus_shards_and_reuses(tmp_path: Path, articles: list[Article]) -> None:
    out = write_corpus(tmp_path / "c", 25, seed=9, articles=articles)
    files = sorted(out.rglob("*.txt"))
    assert len(files) == 25 and files[0].parent.name == "0000"
    stamp = files[0].stat().st_mtime_ns
    write_corpus(tmp_path / "c", 25, seed=9, articles=articles)
    assert files[0].stat().st_mtime_ns == stamp  # not rewritten
    assert (out / ".corpus.json").exists()


def test_templates_loader_rejects_missing_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "scale").mkdir()
    (tmp_path / "scale" / "corpus.yaml").write_text("republishers: [x]\n")
    monkeypatch.setattr(corpus_mod, "PACKAGE_DATA", tmp_path)
    templates.cache_clear()
    try:
        with pytest.raises(ValueError, match="lacks"):
            templates()
    finally:
        templates.cache_clear()
