"""The event commands honour the DESIGN contract (thin wrappers over library functions)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from frontline.cli import app
from frontline.events.typology import event_type_of, sub_event_types


def test_classify_adds_acled_names(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    out = tmp_path / "out.jsonl"
    rows = [{"id": "a", "text": "Helicopters dropped barrel bombs on the market."},
            {"id": "b", "text": "Riot police detained forty students at the sit-in.", "extra": 1}]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["classify", "--in", str(src), "--out", str(out)])
    assert res.exit_code == 0, res.output
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [g["id"] for g in got] == ["a", "b"] and got[1]["extra"] == 1
    for g in got:
        assert g["sub_event_type"] in sub_event_types()
        assert g["event_type"] == event_type_of(g["sub_event_type"])
    assert got[0]["sub_event_type"] == "Air/drone strike"


def test_classify_rejects_bad_json(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("{not json\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["classify", "--in", str(src), "--out", str(tmp_path / "o.jsonl")])
    assert res.exit_code != 0


def test_eval_classify_json(eval_path) -> None:
    res = CliRunner().invoke(app, ["eval", "classify", "--method", "rules", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["method"] == "rules" and 0 < data["macro_f1"] <= 1 and data["n_test"] > 0


def test_eval_classify_unknown_method() -> None:
    assert CliRunner().invoke(app, ["eval", "classify", "--method", "magic"]).exit_code != 0
