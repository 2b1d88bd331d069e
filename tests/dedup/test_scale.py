import pytest

from frontline.dedup.scale import run, synthetic_corpus


def test_synthetic_corpus_has_copies_of_earlier_documents(eval_path) -> None:
    corpus = synthetic_corpus(200, seed=5)
    ids = [d for d, _, _ in corpus]
    assert len(set(ids)) == 200
    for i, (_, _, src) in enumerate(corpus):
        assert src is None or ids.index(src) < i


def test_small_run_finds_the_copies(eval_path) -> None:
    result = run(400, seed=2)
    assert result["copy_recall"] >= 0.95
    assert result["indexed_after_rebuild"] == 400


@pytest.mark.slow
def test_ten_thousand_documents(eval_path) -> None:
    result = run(10_000)
    assert result["copy_recall"] >= 0.97
    assert result["peak_rss_mb"] < 1024
