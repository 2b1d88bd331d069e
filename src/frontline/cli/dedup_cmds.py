"""Commands of the dedup stage: ``frontline clusters`` and ``frontline eval dedup``."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

console = Console()


def clusters_command(
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Database URL (default: FRONTLINE_DATABASE_URL or sqlite:///frontline.db)."
        ),
    ] = None,
    all_docs: Annotated[
        bool, typer.Option("--all", help="Also list documents that are their own cluster.")
    ] = False,
) -> None:
    """Show each republication cluster: its original, its copies and their differences."""
    from frontline.dedup.render import render_clusters
    from frontline.store import open_store

    store = open_store(db)
    console.print(render_clusters(store.load_documents(), store.load_links(), include_singletons=all_docs))


def eval_dedup_command(
    n: Annotated[int | None, typer.Option("--n", help="Use only the first N originals of the split.")] = None,
    split: Annotated[str, typer.Option(help="Benchmark split to report: test (held out) or train.")] = "test",
    seed: Annotated[int, typer.Option(help="Seed of the generated republications.")] = 7,
    calibrate: Annotated[
        bool, typer.Option("--calibrate", help="Print the thresholds the TRAIN split suggests.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the raw numbers as JSON.")] = False,
) -> None:
    """Pair precision/recall on the generated republication benchmark: frontline vs plain LSH."""
    from frontline.dedup.benchgen import generate
    from frontline.dedup.evaluate import calibrate as run_calibration
    from frontline.dedup.evaluate import calibrate_quotes, evaluate

    if calibrate:
        bench = generate("train", n_originals=n, seed=seed)
        result = {"republishes": run_calibration(bench), "quotes": calibrate_quotes(bench)}
        console.print_json(json.dumps(result))
        return
    result = evaluate(split=split, n_originals=n, seed=seed)
    if as_json:
        console.print_json(json.dumps(result))
        return
    table = Table(title=f"republication pairs, {split} split ({result['gold_pairs']} gold pairs)")
    for col in ("method", "precision", "recall", "F1", "TP", "FP", "FN", "seconds"):
        table.add_column(col, justify="right" if col != "method" else "left")
    for name, key in (
        ("frontline (LSH + anchors + exact check)", "frontline"),
        ("plain LSH (datasketch)", "plain_lsh"),
    ):
        r = result[key]
        table.add_row(
            name,
            f"{r['precision']:.4f}",
            f"{r['recall']:.4f}",
            f"{r['f1']:.4f}",
            str(r["tp"]),
            str(r["fp"]),
            str(r["fn"]),
            f"{r['seconds']:.2f}",
        )
    console.print(table)
    q = result["quotes"]
    console.print(
        f"quotation links (cluster pairs): precision {q['precision']:.3f}, recall {q['recall']:.3f}"
    )
    console.print(
        "recall by transformation: "
        + ", ".join(f"{k} {v:.3f}" for k, v in result["recall_by_transform"].items())
    )
    console.print(f"benchmark: {result['benchmark']}")


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add ``clusters`` to the main app and ``dedup`` to the eval group."""
    app.command("clusters")(clusters_command)
    eval_app.command("dedup")(eval_dedup_command)
