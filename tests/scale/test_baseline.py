"""The NER baseline's training data (the training itself runs in ``frontline bench``'s set-up)."""

from __future__ import annotations

from frontline.scale.baseline import RE3D_LABELS, training_rows


def test_training_rows_are_valid_spans_with_a_seeded_dev_tenth() -> None:
    train, dev = training_rows(seed=1)
    assert len(dev) == (len(train) + len(dev)) // 10 > 0
    labels = {"LOC", *RE3D_LABELS.values()}
    spans = [(text, a, b, lab) for text, rows in train + dev for a, b, lab in rows]
    assert len(spans) > 1000
    assert all(0 <= a < b <= len(text) and lab in labels for text, a, b, lab in spans)
    _, again_dev = training_rows(seed=1)
    assert [t for t, _ in again_dev] == [t for t, _ in dev]  # same seed, same split
