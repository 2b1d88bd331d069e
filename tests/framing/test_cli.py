"""The ``frontline framing`` contract and the ``profile`` command."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from frontline.cli import app
from frontline.framing.ptc import TECHNIQUES

runner = CliRunner()


def test_framing_adds_spans_per_the_contract(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": "a", "text": "The heroic army liberated the town from the bloodthirsty terrorists!", "extra": 1},
        {"id": "b", "text": ""},
        {"id": "c", "text": "Prices of bread rose by 3% in March."},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["framing", "--in", str(src), "--out", str(out)])
    assert res.exit_code == 0, res.output
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [g["id"] for g in got] == ["a", "b", "c"]
    assert got[0]["extra"] == 1  # other fields are kept
    for g in got:
        for s in g["spans"]:
            assert set(s) == {"start", "end", "technique"}
            assert 0 <= s["start"] < s["end"] <= len(g["text"])
            assert s["technique"] in TECHNIQUES
    surfaces = {got[0]["text"][s["start"] : s["end"]] for s in got[0]["spans"]}
    assert {"liberated", "terrorists"} <= surfaces
    assert got[1]["spans"] == []


def test_framing_rejects_a_bad_line(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a"}\n', encoding="utf-8")
    res = runner.invoke(app, ["framing", "--in", str(src), "--out", str(tmp_path / "o.jsonl")])
    assert res.exit_code == 2


def test_profile_of_a_text_file(tmp_path: Path) -> None:
    f = tmp_path / "r.txt"
    f.write_text("Regime forces shelled the town. The regime denied it.\n", encoding="utf-8")
    res = runner.invoke(app, ["profile", str(f), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["kind"] == "document" and data["favours"] == "pro-opposition"
