"""`frontline control`, the API's initial-control option, and the side-rules data file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from frontline.api import create_app, synthetic
from frontline.cli import app
from frontline.control import control_timeline, holdings_at, load_side_rules
from frontline.store import open_store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, synthetic.Synthetic]:
    data = synthetic.generate(n_events=150, n_documents=6, seed=21)
    url = f"sqlite:///{tmp_path_factory.mktemp('ctl') / 'c.db'}"
    synthetic.write(open_store(url).engine, data)
    return url, data


def test_cli_writes_the_control_geojson(db, tmp_path: Path) -> None:
    url, data = db
    out = tmp_path / "c.geojson"
    result = CliRunner().invoke(app, ["control", "--db", url, "--date", "2020-01-25", "--no-infer", "--out", str(out)])
    assert result.exit_code == 0, result.output
    fc = json.loads(out.read_text(encoding="utf-8"))
    got = {f["properties"]["place_id"]: f["properties"]["side"] for f in fc["features"] if f["properties"]["kind"] == "settlement"}
    expected = holdings_at(control_timeline(data.events), dt.date(2020, 1, 25))
    assert got == {k: h.side for k, h in expected.items()}


def test_cli_rejects_a_bad_date(db) -> None:
    result = CliRunner().invoke(app, ["control", "--db", db[0], "--date", "25/01/2020"])
    assert result.exit_code != 0


def test_api_uses_the_initial_control_file(db, tmp_path: Path) -> None:
    url, _ = db
    initial = tmp_path / "initial.csv"
    initial.write_text(
        "place_id,name,lat,lon,admin1,admin2,side,date,source,note\n"
        "init:1,Hamlet,35.5,36.5,Idleb,District 9,government,2019-12-15,Hand-drawn survey,\n",
        encoding="utf-8",
    )
    client = TestClient(create_app(url, control_initial=str(initial)))
    fc = client.get("/api/control", params={"date": "2020-01-01", "infer": "false"}).json()
    (hamlet,) = [f["properties"] for f in fc["features"] if f["properties"].get("place_id") == "init:1"]
    assert hamlet["basis"] == "initial" and hamlet["sources"] == ["Hand-drawn survey"] and hamlet["since"] == "2019-12-15"


def test_a_bad_initial_file_fails_at_start(db, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("place_id,side,date,source\nx,government,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing"):
        create_app(db[0], control_initial=str(bad))


def test_side_rules_file_is_complete_and_validated(tmp_path: Path) -> None:
    rules = load_side_rules()
    fixed = {v for v in rules.sub_event_types.values() if v != "actor1"}
    for side in fixed | set(rules.inter_codes.values()) | {rules.unknown_side}:
        assert side in rules.colors, f"no map colour for side {side!r}"
    broken = tmp_path / "sides.yaml"
    broken.write_text("sub_event_types:\n  Government regains territory: government\n", encoding="utf-8")
    with pytest.raises(ValueError, match="side"):
        load_side_rules(broken)
