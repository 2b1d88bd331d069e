"""``frontline bench``: the scale benchmark (corpus generator, throughput, memory, baseline)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

console = Console(stderr=True)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add ``frontline bench`` to the main app."""

    @app.command("bench")
    def bench(
        sizes: Annotated[str, typer.Option(help="Corpus sizes, comma-separated (e.g. 1000,10000).")] = "1000",
        full: Annotated[bool, typer.Option("--full", help="Also run the 100k-document corpus (slow).")] = False,
        workers: Annotated[str, typer.Option(help="Dask worker counts to compare, comma-separated.")] = "1,2",
        pg_url: Annotated[
            str | None,
            typer.Option("--pg-url", help="PostgreSQL server for the write benchmark (default: FRONTLINE_TEST_PG_URL)."),
        ] = None,
        baseline: Annotated[bool, typer.Option(help="Run the spaCy baseline (needs the 'bench' extra).")] = True,
        work_dir: Annotated[Path | None, typer.Option(help="Where corpora and databases go (default: $TMPDIR/frontline-bench).")] = None,
        stage_docs: Annotated[int, typer.Option(help="Documents for the per-stage measurement.")] = 200,
        speedup_docs: Annotated[int, typer.Option(help="Documents for the 1-vs-2-workers measurement.")] = 1000,
        out: Annotated[Path | None, typer.Option(help="Write the results as JSON here.")] = None,
        markdown: Annotated[Path | None, typer.Option(help="Write the results table (Markdown) here.")] = None,
    ) -> None:
        """Measure documents/second per stage and end to end, peak memory, 1 vs 2 workers, DB writes, baseline."""
        from frontline.scale.bench import run_benchmarks, to_markdown

        size_list = [int(s) for s in sizes.split(",") if s.strip()]
        if full and 100_000 not in size_list:
            size_list.append(100_000)
        results = run_benchmarks(
            size_list,
            workers=[int(w) for w in workers.split(",") if w.strip()],
            pg_url=pg_url or os.environ.get("FRONTLINE_TEST_PG_URL"),
            baseline=baseline,
            work_dir=work_dir,
            stage_docs=stage_docs,
            speedup_docs=speedup_docs,
            log=lambda msg: console.log(msg),
        )
        table = to_markdown(results)
        if out:
            out.write_text(json.dumps(results, indent=2, default=str))
        if markdown:
            markdown.write_text(table)
        typer.echo(table)
