"""Benchmark helpers: memory sampling, stage discovery, the summary arithmetic, the load-test statistics."""

from __future__ import annotations

import subprocess
import sys
import time

from frontline import pipeline
from frontline.scale.bench import PeakRSS, available_stages, summarise, to_markdown
from frontline.scale.load import LoadResult, Sample, _items


def test_peak_rss_sees_a_child_process_allocation() -> None:
    code = "import time; b = bytearray(300 * 2**20); b[::4096] = b'x' * len(b[::4096]); time.sleep(1.5)"
    with PeakRSS(interval=0.05) as rss:
        proc = subprocess.Popen([sys.executable, "-c", code])
        time.sleep(1.0)
        rss.mark()
        proc.wait()
    assert rss.peak > 250 * 2**20
    assert rss.cpu_seconds >= 0


def test_available_stages_are_pipeline_names_in_order() -> None:
    names = available_stages()
    order = [s.name for s in pipeline.PER_DOCUMENT]
    assert names == [n for n in order if n in names]


def _results() -> dict:
    return {
        "date": "d",
        "machine": {"cpus": 2, "memory_gib": 24, "python": "3.11", "platform": "linux", "load_average": [1, 1, 1]},
        "stages": ["clean"],
        "missing_stages": [],
        "sizes": {
            "100": {"single": {"inputs": 100, "docs_per_second": 10, "docs_per_cpu_second": 20.0,
                               "cpu_seconds_documents": 5.0, "cpu_seconds_corpus": 5.0, "peak_rss_mb": 100}},
            "400": {"single": {"inputs": 400, "docs_per_second": 8, "docs_per_cpu_second": 16.0,
                               "cpu_seconds_documents": 25.0, "cpu_seconds_corpus": 10.0, "peak_rss_mb": 120}},
        },
        "workers": {"1": {"docs_per_second": 4.0, "inputs": 50}, "2": {"docs_per_second": 7.0, "inputs": 50}},
        "baseline": {"documents": 100, "docs_per_second": 50, "docs_per_cpu_second": 80.0},
        "per_stage": {"documents": 10, "clean": {"docs_per_second": 5, "docs_per_cpu_second": 6, "failures": 0}},
        "db_writes": {"sqlite": {"documents": 10, "rows_per_document": 5, "docs_per_second": 3, "rows_per_second": 15},
                      "postgresql": {"error": "boom"}},
    }


def test_summary_numbers() -> None:
    s = summarise(_results())
    assert s["docs_per_cpu_second_documents_phase"] == 20.0
    assert s["docs_per_cpu_second_end_to_end"] == 10.0  # 100 docs / (5 + 5) CPU-seconds
    assert s["per_document_cost_growth_largest_vs_smallest"] == 1.25
    assert s["speedup_2_vs_1_workers_wall"] == 1.75
    assert s["ratio_vs_baseline_cpu"] == 0.25
    assert s["peak_rss_mb"] == {"100": 100, "400": 120}


def test_summary_compares_stage_and_end_to_end_with_both_baselines() -> None:
    r = _results()
    r["per_stage"]["geo"] = {"docs_per_second": 100, "docs_per_cpu_second": 160.0, "failures": 0}
    r["baseline_pattern"] = {"documents": 100, "docs_per_second": 90, "docs_per_cpu_second": 200.0}
    s = summarise(r)
    assert s["ratio_geoparse_stage_vs_baseline_cpu"] == 2.0  # 160 / 80
    assert s["ratio_end_to_end_vs_baseline_cpu"] == 0.125  # 10 / 80
    assert s["ratio_end_to_end_vs_pattern_baseline_cpu"] == 0.05  # 10 / 200
    md = to_markdown(r)
    assert "small NER model" in md and "pattern-only" in md


def test_markdown_has_a_row_per_measurement_and_shows_errors() -> None:
    md = to_markdown(_results())
    assert md.count("| single process |") == 2
    assert "| Dask, 1 worker(s) |" in md and "| Dask, 2 worker(s) |" in md
    assert "baseline" in md and "error: boom" in md


def test_load_summary_percentiles_and_errors() -> None:
    samples = [Sample("read", "/api/x", 200, i / 1000) for i in range(1, 101)]
    samples += [Sample("write", "/api/documents", 201, 2.0), Sample("read", "/api/y", 500, 0.5, "oops")]
    s = LoadResult("sqlite", 102, 4, 10.0, samples).summary()
    assert s["requests"] == 102 and s["throughput_rps"] == 10.2
    assert s["errors"] == 1 and "500 /api/y oops" in s["error_examples"][0]
    assert s["read"]["count"] == 101 and s["read"]["p50_ms"] == 51.0
    assert s["read"]["p99_ms"] == 100.0
    assert s["write"] == {"count": 1, "p50_ms": 2000.0, "p99_ms": 2000.0, "max_ms": 2000.0}


def test_items_accepts_the_api_list_shapes() -> None:
    assert _items([{"a": 1}]) == [{"a": 1}]
    assert _items({"total": 1, "events": [{"a": 1}]}) == [{"a": 1}]
    assert _items({"items": [{"b": 2}]}) == [{"b": 2}]
    assert _items({"nothing": 1}) == []
