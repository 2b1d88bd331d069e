"""The bundled example reports, the pipeline stage, and accuracy floors on small eval slices.

Floors only move with an explicit change (trafilatura's eval gate).  Tuning
was done on LGL; the GWN slice is a held-out check.
"""

from __future__ import annotations

import pickle

import pytest

from frontline.geo import geoparse_document, geoparse_text
from frontline.geo.evaluate import evaluate_geoparse, evaluate_translit
from frontline.model import Document, Part
from frontline.pipeline import select


@pytest.fixture(scope="module")
def report(examples) -> str:
    return sorted(examples.glob("000_*.txt"))[0].read_text(encoding="utf-8")


def test_example_report_places(report: str) -> None:
    ms = geoparse_text(report)
    for m in ms:
        assert report[m.start : m.end] == m.text
    by = {}
    for m in ms:
        by.setdefault(m.text, m)
    # a homonym on the Turkish border must not be chosen for the hill near Aleppo
    tell = by["Tell Abiad"]
    assert tell.place is None or tell.place.admin1 == "Aleppo"
    assert not tell.resolved and tell.geo_precision == 2
    # villages a source holds resolve; those it does not are coded at the stated reference
    assert by["Khan Tuman"].resolved and by["Khan Tuman"].place.admin1 == "Aleppo"
    assert by["Maarrat Dibsah"].resolved and by["Maarrat Dibsah"].place.admin1 == "Idleb"
    r5 = by["Rashidin 5"]
    assert not r5.resolved and r5.reference is not None and r5.reference.admin1 == "Aleppo"
    assert by["M5 highway"].geo_precision == 2


def test_stage_uses_body_only_and_is_picklable(report: str) -> None:
    cut = report.index("yes excellent")
    doc = Document(id="d", content_hash="h", source_path="x", text=report,
                   parts=[Part("body", 0, cut), Part("comment", cut, len(report))])
    stage = next(iter(select(["geo"]))).load()
    assert stage is geoparse_document
    out = stage(doc)
    assert out.place_mentions and all(m.end <= cut for m in out.place_mentions)
    assert pickle.loads(pickle.dumps(out)).place_mentions == out.place_mentions
    # deterministic
    assert geoparse_document(doc).place_mentions == out.place_mentions


def test_eval_gate_lgl_slice(eval_path) -> None:
    res = evaluate_geoparse("lgl", limit=40)
    assert res["recognition"]["f1"] >= 0.45
    assert res["gold_spans"]["acc_161km"] >= 0.45


def test_eval_gate_gwn_slice(eval_path) -> None:
    res = evaluate_geoparse("geowebnews", limit=20)
    assert res["recognition"]["f1"] >= 0.5
    assert res["gold_spans"]["exact_id_acc"] >= 0.55


@pytest.mark.slow
def test_translit_gate(eval_path) -> None:
    res = evaluate_translit()
    assert res["geonames_ocha"]["gazetteer"]["top1"] >= 0.85
    assert res["geonames_ocha"]["primary_names"]["top5"] >= 0.55
