"""The SI and TC scores against small cases computed by hand."""

from __future__ import annotations

import pytest

from frontline.framing.metrics import merge_spans, si_score, tc_score


def test_merge_spans() -> None:
    assert merge_spans([(5, 8), (0, 3), (2, 4), (8, 9), (10, 10)]) == [(0, 4), (5, 9)]


def test_si_exact_match_is_perfect() -> None:
    s = si_score({"a": [(0, 10)]}, {"a": [(0, 10)]})
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)


def test_si_partial_overlap_by_hand() -> None:
    # predicted [0,10) covers gold [5,15) on 5 chars: P = 5/10, R = 5/10
    s = si_score({"a": [(0, 10)]}, {"a": [(5, 15)]})
    assert s.precision == pytest.approx(0.5) and s.recall == pytest.approx(0.5)
    # two predictions, one miss: P = (5/10 + 0) / 2 = 0.25; R = 5/10
    s = si_score({"a": [(0, 10), (30, 40)]}, {"a": [(5, 15)]})
    assert s.precision == pytest.approx(0.25) and s.recall == pytest.approx(0.5)
    assert s.f1 == pytest.approx(2 * 0.25 * 0.5 / 0.75)


def test_si_merges_overlaps_before_scoring_and_sums_over_articles() -> None:
    # overlapping predictions [0,6) + [4,10) merge into [0,10): same as one span
    a = si_score({"x": [(0, 6), (4, 10)]}, {"x": [(0, 10)]})
    assert a.precision == 1.0 and a.n_pred == 1
    # article y has gold but no prediction: recall halves, precision unchanged
    b = si_score({"x": [(0, 10)]}, {"x": [(0, 10)], "y": [(0, 4)]})
    assert b.precision == 1.0 and b.recall == pytest.approx(0.5)


def test_si_empty() -> None:
    assert si_score({}, {"a": [(0, 1)]}).f1 == 0.0


def test_tc_micro_f1_is_accuracy_and_per_class_f1() -> None:
    s = tc_score(["A", "A", "B", "C"], ["A", "B", "B", "C"])
    assert s.micro_f1 == pytest.approx(0.75)
    assert s.per_technique["A"] == pytest.approx(2 / 3)  # P 1/2, R 1
    assert s.per_technique["B"] == pytest.approx(2 / 3)  # P 1, R 1/2
    with pytest.raises(ValueError):
        tc_score(["A"], [])
