"""Core commands: run, docs, show, demo, export, events."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text
from sqlalchemy.exc import OperationalError

from frontline.ingest import DEFAULT_MAX_BYTES
from frontline.model import Document
from frontline.paths import examples_dir
from frontline.runner import RunReport, run_paths
from frontline.store import Store, open_store

# Tables are wide; when output is piped (CI logs, files) do not squeeze them into 80 columns.
console = Console(width=None if Console().is_terminal else 160)
err = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: FRONTLINE_DATABASE_URL or sqlite:///frontline.db)."),
]

#: Colours of document parts in ``frontline show``.
PART_STYLES = {
    "title": "bold cyan",
    "byline": "magenta",
    "dateline": "magenta",
    "body": "default",
    "boilerplate": "dim yellow",
    "comment": "green",
}


def doc_json(doc: Document) -> dict:
    """The DESIGN contract's JSON form of a stored document."""
    return {
        "id": doc.id,
        "source_path": doc.source_path,
        "content_hash": doc.content_hash,
        "title": doc.title,
        "byline": doc.byline,
        "outlet": doc.outlet,
        "original_source": doc.original_source,
        "publication_date": doc.publication_date.isoformat() if doc.publication_date else None,
        "date_source": doc.date_source,
        "cluster_id": doc.cluster_id,
        "canonical_id": doc.canonical_id,
        "parts": [{"kind": p.kind, "start": p.start, "end": p.end} for p in doc.parts],
    }


def summary_table(report: RunReport) -> Table:
    table = Table(title="frontline run", show_lines=False)
    for col in ("file", "outlet", "title", "date", "body words", "comments", "events", "status"):
        table.add_column(col, overflow="fold", justify="right" if col in ("body words", "comments", "events") else "left")
    for r in report.results:
        status = Text(r.status if not r.reason else f"{r.status}: {r.reason}")
        status.stylize("red" if r.status == "error" else "yellow" if r.status != "stored" else "green")
        table.add_row(
            Path(r.source_path).name,
            Text(r.outlet or "—"),
            Text((r.title or "—")[:70]),
            r.date or "—",
            str(r.body_words),
            str(r.comments),
            str(r.events),
            status,
        )
    return table


def run_with_progress(store: Store, paths: list[str], max_bytes: int, stages: list[str] | None) -> RunReport:
    with Progress(
        SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=err, transient=False, disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("ingesting", total=None)
        report = run_paths(
            store,
            paths,
            max_bytes=max_bytes,
            stages=stages,
            progress=lambda _kind, n: progress.advance(task, n),
        )
        progress.update(task, description="done")
    return report


def print_report(report: RunReport) -> None:
    console.print(summary_table(report))
    stored, dup, bad = report.count("stored") + report.count("stored-with-errors"), report.count("duplicate"), report.count("error")
    console.print(
        f"[bold]{stored}[/] stored, {dup} already stored, [red]{bad}[/] failed in {report.elapsed:.1f}s"
    )
    for key, value in report.corpus.items():
        if key.endswith("_trace"):
            continue
        line = str(value).splitlines()[0] if str(value) else ""
        style = "red" if key.endswith("_error") else "default"
        console.print(f"  {key}: {line[:300]}", style=style, markup=False)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add the core commands."""

    @app.command()
    def run(
        paths: Annotated[list[str], typer.Argument(help="Files or folders (.txt, .html, .jsonl, RSS/Atom); '-' for stdin.")],
        db: DbOption = None,
        max_bytes: Annotated[int, typer.Option(help="Refuse inputs larger than this many bytes.")] = DEFAULT_MAX_BYTES,
        stages: Annotated[str | None, typer.Option(help="Comma-separated per-document stages (default: all).")] = None,
        workers: Annotated[int, typer.Option(help="Run on a local Dask cluster with N workers (0 = in-process).")] = 0,
        scheduler: Annotated[str | None, typer.Option(help="Address of an existing Dask scheduler.")] = None,
    ) -> None:
        """Ingest and process reports; prints a summary table.  Exit 1 only if nothing could be processed."""
        chosen = [s.strip() for s in stages.split(",")] if stages else None
        try:
            store = open_store(db)
            if workers or scheduler:
                from frontline.scale import run_distributed

                report = run_distributed(paths, store.url, workers=workers or None, scheduler=scheduler, stages=chosen)
            else:
                report = run_with_progress(store, paths, max_bytes, chosen)
        except OperationalError as exc:
            # Batches already committed are safe; the next run skips them by hash and resumes.
            reason = str(exc.orig or exc).splitlines()[0]
            err.print(f"[red]database unavailable:[/] {reason}\nEverything committed so far is kept; re-run the same command to resume.")
            raise typer.Exit(2) from None
        print_report(report)
        if not report.ok:
            raise typer.Exit(1)

    @app.command()
    def docs(
        db: DbOption = None,
        format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    ) -> None:
        """List stored documents (JSON per the DESIGN contract with --format json)."""
        store = open_store(db)
        documents = store.load_documents()
        if format == "json":
            sys.stdout.write(json.dumps([doc_json(d) for d in documents], ensure_ascii=False, indent=1) + "\n")
            return
        if format != "table":
            raise typer.BadParameter("use --format table or --format json")
        table = Table(title=f"{len(documents)} documents")
        for col in ("id", "outlet", "title", "date", "date source", "cluster", "parts"):
            table.add_column(col, overflow="fold")
        for d in documents:
            kinds = {k: len(d.parts_of(k)) for k in ("body", "boilerplate", "comment")}
            table.add_row(
                d.id, Text(d.outlet or "—"), Text((d.title or "—")[:60]),
                d.publication_date.isoformat() if d.publication_date else "—", d.date_source or "—",
                d.cluster_id or "—", ", ".join(f"{v} {k}" for k, v in kinds.items()),
            )
        console.print(table)

    @app.command()
    def show(doc_id: Annotated[str, typer.Argument(help="Document id (or unique prefix).")], db: DbOption = None) -> None:
        """Print a document with its parts coloured (title, byline, body, boilerplate, comments)."""
        doc = open_store(db).load_document(doc_id)
        if doc is None:
            err.print(f"[red]no single document matches {doc_id!r}[/]")
            raise typer.Exit(1)
        console.print(f"[bold]{doc.id}[/] {doc.source_path}")
        for field in ("title", "byline", "outlet", "original_source", "publication_date", "date_source", "cluster_id", "canonical_id"):
            console.print(f"  {field}: {getattr(doc, field) or '—'}")
        legend = Text("  parts: ")
        for kind, style in PART_STYLES.items():
            legend.append(f"{kind} ", style=style)
        console.print(legend)
        body = Text()
        for part in doc.parts:
            body.append(doc.text[part.start : part.end], style=PART_STYLES.get(part.kind, "default"))
        console.print(body)

    @app.command()
    def events(db: DbOption = None, limit: Annotated[int, typer.Option(help="Rows to show.")] = 200) -> None:
        """Print the merged events as a table."""
        evs = open_store(db).load_events()
        console.print(events_table(evs[:limit], title=f"{len(evs)} events"))

    @app.command()
    def export(
        format: Annotated[str, typer.Option("--format", help="acled-csv, geojson or parquet")],
        out: Annotated[Path, typer.Option("--out", help="Output file.")],
        db: DbOption = None,
    ) -> None:
        """Export the merged events (ACLED CSV columns first, then frontline's)."""
        from frontline.export import FORMATS, export_events

        if format not in FORMATS:
            raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}")
        n = export_events(open_store(db).load_events(), format, out)
        err.print(f"wrote {n} events to {out}")

    @app.command()
    def demo(
        db: Annotated[str, typer.Option("--db", help="Where to build the demo database.")] = "sqlite:///frontline-demo.db",
        serve: Annotated[bool, typer.Option(help="Serve the map after processing.")] = True,
        host: str = "127.0.0.1",
        port: int = 8000,
    ) -> None:
        """Process the bundled example reports into a fresh database, show the result, serve the map."""
        if db.startswith("sqlite:///"):
            path = Path(db.removeprefix("sqlite:///"))
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        store = open_store(db)
        report = run_with_progress(store, [str(examples_dir())], DEFAULT_MAX_BYTES, None)
        print_report(report)
        evs = store.load_events()
        console.print(events_table(evs, title=f"{len(evs)} events"))
        if serve:
            from frontline.api import serve as serve_api

            console.print(f"[bold green]map:[/] http://{host}:{port}/   (Ctrl-C to stop)")
            serve_api(store.url, host=host, port=port)


def events_table(evs: list, title: str) -> Table:
    table = Table(title=title)
    for col in ("date", "prec", "type", "location", "gp", "actor1", "actor2", "fat.", "srcs", "hedged/attribution"):
        table.add_column(col, overflow="fold")
    for e in evs:
        fat = str(e.fatalities)
        if e.fatalities_max is not None and e.fatalities_max != e.fatalities:
            fat += f" ({e.fatalities_min}-{e.fatalities_max})"
        table.add_row(
            e.event_date.isoformat() if e.event_date else "—",
            e.date_precision,
            Text(e.sub_event_type),
            Text(e.location or "—"),
            str(e.geo_precision or "—"),
            Text(e.actor1 or "—"),
            Text(e.actor2 or "—"),
            fat,
            str(e.independent_sources),
            Text(("hedged " if e.hedged else "") + (e.attribution or "")),
        )
    return table
