"""The CLI contract: run's exit codes and summary, docs --format json, export formats."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from frontline.cli import app
from frontline.export import csv_columns

runner = CliRunner()

REPORT = (
    "Clashes near the dam\n\n"
    "Government forces shelled the village of Kafr Hamra on Tuesday, killing three civilians, a monitor said.\n\n"
    "Rebels said they repelled an advance on the nearby hill.\n"
)


def _db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_run_reports_bad_inputs_and_exits_zero(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "in" / "bin.txt").write_bytes(bytes(range(256)) * 8)
    result = runner.invoke(app, ["run", str(tmp_path / "in"), "--db", _db(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "binary" in result.output
    again = runner.invoke(app, ["run", str(tmp_path / "in"), "--db", _db(tmp_path)])
    assert again.exit_code == 0
    assert "already stored" in again.output


def test_run_exits_nonzero_when_nothing_processed(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(tmp_path / "missing.txt"), "--db", _db(tmp_path)])
    assert result.exit_code == 1
    assert "not-found" in result.output


def test_docs_json_contract(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    runner.invoke(app, ["run", str(tmp_path / "r.txt"), "--db", _db(tmp_path)])
    result = runner.invoke(app, ["docs", "--format", "json", "--db", _db(tmp_path)])
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    assert len(docs) == 1
    keys = {"id", "source_path", "content_hash", "title", "byline", "outlet", "original_source",
            "publication_date", "date_source", "cluster_id", "canonical_id", "parts"}
    assert set(docs[0]) == keys
    text = (tmp_path / "r.txt").read_text(encoding="utf-8")
    for part in docs[0]["parts"]:
        assert set(part) == {"kind", "start", "end"}
        assert 0 <= part["start"] <= part["end"] <= len(text)


def test_export_formats(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    runner.invoke(app, ["run", str(tmp_path / "r.txt"), "--db", _db(tmp_path)])
    out = tmp_path / "e.csv"
    result = runner.invoke(app, ["export", "--format", "acled-csv", "--out", str(out), "--db", _db(tmp_path)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header == csv_columns()
    assert header[:3] == ["event_id_cnty", "event_date", "year"]
    gj = tmp_path / "e.geojson"
    assert runner.invoke(app, ["export", "--format", "geojson", "--out", str(gj), "--db", _db(tmp_path)]).exit_code == 0
    assert json.loads(gj.read_text())["type"] == "FeatureCollection"
    bad = runner.invoke(app, ["export", "--format", "xml", "--out", str(gj), "--db", _db(tmp_path)])
    assert bad.exit_code != 0
