"""`frontline geoparse` and `frontline places` per the DESIGN contract."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from frontline.cli import app

runner = CliRunner()
KEYS = {"start", "end", "name", "lat", "lon", "geonames_id", "admin1", "feature_type"}


def test_geoparse_contract(tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    recs = [
        {"id": "a", "text": "Shelling hit Ankara and the outskirts of Damascus.", "extra": 1},
        {"id": "b", "text": "nothing here"},
    ]
    src.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["geoparse", "--in", str(src), "--out", str(out)])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines] == ["a", "b"] and lines[0]["extra"] == 1
    tops = lines[0]["toponyms"]
    assert {t["name"] for t in tops} >= {"Ankara", "Damascus"}
    for t in tops:
        assert set(t) == KEYS
        assert recs[0]["text"][t["start"] : t["end"]] == t["name"]
    assert lines[1]["toponyms"] == []


def test_geoparse_rejects_bad_supplement(tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    bad = tmp_path / "p.csv"
    bad.write_text("name,lat,lon,feature_type\nX,100,0,hill\n", encoding="utf-8")
    res = runner.invoke(app, ["geoparse", "--in", str(src), "--out", str(tmp_path / "o"), "--places", str(bad)])
    assert res.exit_code != 0
    assert "lat/lon" in res.output


def test_places_search() -> None:
    res = runner.invoke(app, ["places", "Idleb", "--json", "--limit", "3"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert rows and all("place_id" in r for r in rows)


def test_eval_geoparse_command(eval_path) -> None:
    res = runner.invoke(app, ["eval", "geoparse", "--dataset", "trnews", "--limit", "3", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["items"] == 3 and 0 <= out["recognition"]["f1"] <= 1
    assert {"acc_161km", "auc", "exact_id_acc"} <= set(out["gold_spans"])
    bad = runner.invoke(app, ["eval", "geoparse", "--dataset", "nope"])
    assert bad.exit_code != 0
