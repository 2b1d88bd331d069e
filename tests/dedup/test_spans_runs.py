"""The linear run finder agrees with a brute-force definition of shared runs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from frontline.dedup.spans import common_runs

words = st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=40)


@given(words, words, st.integers(min_value=1, max_value=5))
def test_runs_are_real_maximal_and_disjoint(xa: list[str], xb: list[str], k: int) -> None:
    runs = common_runs(xa, xb, k)
    last_end = 0
    for i, j, size in runs:
        assert size >= k
        assert xa[i : i + size] == xb[j : j + size]
        assert i >= last_end
        last_end = i + size
        # maximal to the right
        assert i + size == len(xa) or j + size == len(xb) or xa[i + size] != xb[j + size]


def test_finds_a_quoted_passage() -> None:
    quote = ["the", "army", "said", "it", "had", "taken", "the", "hill", "after", "heavy", "fighting"]
    a = ["x"] * 5 + quote + ["y"] * 5
    b = ["z"] * 12 + quote
    assert common_runs(a, b, 8) == [(5, 12, len(quote))]
    assert common_runs(a, ["z"] * 30, 8) == []
