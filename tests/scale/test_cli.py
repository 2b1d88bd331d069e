"""``frontline bench`` end to end on a tiny corpus (the real command, all measurements)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontline.cli import app


def test_bench_help_lists_the_options() -> None:
    result = CliRunner().invoke(app, ["bench", "--help"])
    assert result.exit_code == 0
    for option in ("--sizes", "--full", "--workers", "--pg-url", "--baseline", "--out"):
        assert option in result.output


@pytest.mark.slow
@pytest.mark.dask
def test_bench_runs_every_measurement_on_a_tiny_corpus(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = CliRunner().invoke(
        app,
        ["bench", "--sizes", "6", "--stage-docs", "3", "--speedup-docs", "6", "--workers", "1",
         "--pg-url", "", "--work-dir", str(tmp_path), "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    r = json.loads(out.read_text())
    single = r["sizes"]["6"]["single"]
    assert single["inputs"] == 6 and single["stored"] + single["duplicates"] == 6
    assert single["docs_per_cpu_second"] > 0 and single["peak_rss_mb"] > 50
    assert r["workers"]["1"]["inputs"] == 6
    assert "error" not in r["workers"]["1"] and not any("error" in w for w in r["db_writes"].values())
    assert r["db_writes"]["sqlite (bulk_save_batch)"]["documents"] == single["stored"]
    assert set(r["per_stage"]) >= {"documents", *r["stages"]}
    assert "| single process | 6 |" in result.output
