"""The actor commands are thin wrappers; check they run and speak JSON."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from frontline.cli import app


def test_actors_text_json() -> None:
    res = CliRunner().invoke(
        app, ["actors", "--text", "Pro-government sources said the SDF retreated.", "--format", "json"]
    )
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert {r["role"] for r in rows} == {"source", "actor"}


def test_actors_registry_listing() -> None:
    res = CliRunner().invoke(app, ["actors", "--format", "json"])
    assert res.exit_code == 0
    assert any(r["kind"] == "person" for r in json.loads(res.output))


def test_actors_unknown_on_an_empty_store(tmp_path) -> None:
    res = CliRunner().invoke(app, ["actors", "--unknown", "--db", f"sqlite:///{tmp_path / 'e.db'}"])
    assert res.exit_code == 0, res.output
    assert "no unknown actor candidates" in res.output
