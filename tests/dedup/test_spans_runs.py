"""The linear run finder agrees with a brute-force definition of shared runs."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from frontline.dedup.spans import common_runs, runs_of_ids

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


def _reference_runs(xa: list[str], xb: list[str], k: int) -> list[tuple[int, int, int]]:
    """The definition, position by position: first occurrence in xb, extend, skip past the run."""
    runs: list[tuple[int, int, int]] = []
    i = 0
    while k > 0 and i <= len(xa) - k:
        j = next((j for j in range(len(xb) - k + 1) if xb[j : j + k] == xa[i : i + k]), None)
        if j is None:
            i += 1
            continue
        size = k
        while i + size < len(xa) and j + size < len(xb) and xa[i + size] == xb[j + size]:
            size += 1
        runs.append((i, j, size))
        i += size
    return runs


@given(words, words, st.integers(min_value=1, max_value=5))
def test_hashed_windows_give_the_runs_of_the_definition(xa: list[str], xb: list[str], k: int) -> None:
    assert common_runs(xa, xb, k) == _reference_runs(xa, xb, k)


def test_a_forced_hash_collision_cannot_invent_a_run() -> None:
    ia, ib = [0, 1, 2, 3], [3, 2, 1, 0]
    same = np.zeros(3, dtype=np.uint64)  # every window "hashes" alike
    assert runs_of_ids(ia, ib, 2, same, same) == []
    assert runs_of_ids([0, 1, 2], [9, 1, 2], 2, same[:2], same[:2]) == [(1, 1, 2)]
