"""Event commands: ``frontline classify`` and ``frontline eval classify|events``.

Thin wrappers: the work is in :mod:`frontline.events.evaluate`,
:mod:`frontline.events.gold` and :func:`classify_records`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table


def classify_records(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Add ACLED ``event_type``/``sub_event_type`` to ``{"id","text"}`` records (shipped hybrid)."""
    from frontline.events.classify import load_shipped
    from frontline.events.typology import event_type_of

    clf = load_shipped()
    batch: list[dict[str, Any]] = []

    def flush() -> Iterator[dict[str, Any]]:
        if batch:
            for rec, sub in zip(batch, clf.predict([str(r.get("text") or "") for r in batch]), strict=True):
                yield {**rec, "event_type": event_type_of(sub), "sub_event_type": sub}
            batch.clear()

    for rec in records:
        batch.append(rec)
        if len(batch) >= 256:
            yield from flush()
    yield from flush()


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise typer.BadParameter(f"{path}:{n}: not JSON: {exc}") from exc


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add ``classify`` to the main app and ``classify``/``events`` to the eval group."""

    @app.command("classify")
    def classify_cmd(
        in_path: Path = typer.Option(..., "--in", exists=True, dir_okay=False, help="JSONL with {id, text}."),
        out_path: Path = typer.Option(..., "--out", help="JSONL written with event_type and sub_event_type added."),
    ) -> None:
        """Classify texts into ACLED event and sub-event types."""
        n = 0
        with out_path.open("w", encoding="utf-8") as out:
            for rec in classify_records(_read_jsonl(in_path)):
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
        Console(stderr=True).print(f"classified {n} records → {out_path}")

    @eval_app.command("classify")
    def eval_classify_cmd(
        method: str = typer.Option("hybrid", help="rules | learned | hybrid"),
        as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    ) -> None:
        """Macro/micro F1 over ACLED sub-event types on the held-out CASE 2021 Task 2 split."""
        from frontline.events.evaluate import METHODS, evaluate_classify

        if method not in METHODS:
            raise typer.BadParameter(f"--method must be one of {', '.join(METHODS)}")
        res = evaluate_classify(method)
        if as_json:
            typer.echo(json.dumps(res, indent=2))
            return
        table = Table(title=f"CASE 2021 Task 2 subtask 1 — {res['split']}")
        for col in ("method", "train", "test", "macro F1", "micro F1", "weighted F1"):
            table.add_column(col)
        table.add_row(
            method, str(res["n_train"]), str(res["n_test"]),
            f"{res['macro_f1']:.3f}", f"{res['micro_f1']:.3f}", f"{res['weighted_f1']:.3f}",
        )
        Console().print(table)

    @eval_app.command("events")
    def eval_events_cmd(
        as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    ) -> None:
        """Event precision/recall on the hand-coded FA-KES gold set (full per-document pipeline)."""
        from frontline.events.gold import evaluate_gold

        res = evaluate_gold()
        if as_json:
            typer.echo(json.dumps(res, indent=2))
            return
        table = Table(title=f"Hand-coded gold: {res['n_articles']} FA-KES articles, {res['n_gold']} events")
        table.add_column("measure")
        table.add_column("value")
        for key in ("precision", "recall", "f1", "type_accuracy", "location_accuracy", "date_accuracy",
                    "actor1_accuracy", "fatalities_accuracy"):
            v = res[key]
            table.add_row(key, "n/a" if v is None else f"{v:.3f}")
        Console().print(table)
