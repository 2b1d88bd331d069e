"""re3d split, scoring arithmetic, and an accuracy gate on the held-out half."""

from __future__ import annotations

import pytest

from frontline.actors.evaluate import (
    TYPES,
    Score,
    evaluate,
    gold_spans,
    load_re3d,
    rules_predictor,
    score_document,
    split_of,
)
from frontline.actors.tagger import EntityTagger, bio_labels, decode, model_available, tokenize


def test_split_is_deterministic_disjoint_and_balanced(eval_path) -> None:
    tune = load_re3d(eval_path / "re3d.jsonl", "tune")
    held = load_re3d(eval_path / "re3d.jsonl", "heldout")
    assert {d["id"] for d in tune}.isdisjoint({d["id"] for d in held})
    assert len(tune) + len(held) == 98
    assert 30 <= len(held) <= 68
    assert all(split_of(d["id"]) == "heldout" for d in held)


def test_scoring_exact_and_partial() -> None:
    gold = {"Organisation": [(0, 10), (20, 30)], "Person": [(40, 45)], "Location": []}
    pred = {"Organisation": [(0, 10), (22, 25), (50, 55)], "Person": [], "Location": []}
    scores: dict[str, Score] = {}
    score_document(gold, pred, scores)
    assert scores["Organisation"].exact() == pytest.approx((1 / 3, 1 / 2, 0.4))
    p, r, _ = scores["Organisation"].partial()
    assert (p, r) == pytest.approx((2 / 3, 1.0))
    assert scores["Person"].exact() == (0.0, 0.0, 0.0)


def test_bio_round_trip() -> None:
    text = "Abu Omar met the Free Syrian Army in Idlib."
    toks = tokenize(text)
    org = text.index("Free Syrian Army")
    spans = [(0, 8, "Person"), (org, org + len("Free Syrian Army"), "Organisation")]
    assert decode(toks, bio_labels(toks, spans)) == spans


def _no_geo_rules():
    predict = rules_predictor()

    def f(text: str):
        out = predict(text)
        out["Location"] = []
        return out

    return f


@pytest.mark.slow
def test_gate_rules_on_heldout(eval_path) -> None:
    report = evaluate(_no_geo_rules(), part="heldout", path=eval_path / "re3d.jsonl")
    org = report.scores["Organisation"]
    per = report.scores["Person"]
    # floors a little under the measured values (docs/actors.md); raise them with the rules
    assert org.partial()[2] >= 0.58
    assert org.exact()[0] >= 0.6
    assert per.partial()[0] >= 0.9


@pytest.mark.slow
def test_gate_tagger_on_heldout(eval_path) -> None:
    assert model_available(), "the trained tagger must be bundled (scripts/train_ner.py)"
    tagger = EntityTagger.load()
    docs = load_re3d(eval_path / "re3d.jsonl", "heldout")

    def predict(text: str):
        out = {t: [] for t in TYPES}
        for s, e, typ in tagger.predict(text):
            out[typ].append((s, e))
        return out

    scores: dict[str, Score] = {}
    for d in docs:
        score_document(gold_spans(d), predict(d["text"]), scores)
    assert scores["Organisation"].partial()[2] >= 0.7
    assert scores["Person"].partial()[2] >= 0.62
