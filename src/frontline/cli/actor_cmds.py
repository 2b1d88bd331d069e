"""Actor commands: ``frontline actors`` (registry, unknown candidates, ad-hoc linking)
and ``frontline eval entities`` (re3d)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

console = Console()
wide = Console(width=130)


def _registry_table() -> Table:
    from frontline.actors import registry

    reg = registry()
    table = Table(title=f"actor registry: {reg.theatre} ({len(reg)} entries)")
    for col in ("id", "name", "kind", "inter", "side", "parent"):
        table.add_column(col)
    for a in reg.actors.values():
        table.add_row(
            a.id,
            a.name,
            a.kind,
            "" if a.inter is None else str(a.inter),
            a.side,
            a.parent or a.affiliation or "",
        )
    return table


def actors_cmd(
    unknown: Annotated[
        bool, typer.Option("--unknown", help="List unlinked organisation-like names from the store.")
    ] = False,
    text: Annotated[
        str | None, typer.Option("--text", help="Link the actors in this text and print them.")
    ] = None,
    calibrate: Annotated[
        bool,
        typer.Option("--calibrate", help="Re-fit the fuzzy-name calibration on the registry and save it."),
    ] = False,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Database URL (default: FRONTLINE_DATABASE_URL or sqlite:///frontline.db)."
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="How many unknown names to list.")] = 50,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Show the actor registry, link actors in a text, or list unknown actor candidates."""
    if fmt not in ("table", "json"):
        raise typer.BadParameter("--format must be table or json")
    if calibrate:
        from frontline.actors.fuzzy import CALIBRATION_PATH, fit_calibration

        cal = fit_calibration()
        console.print(f"calibration written to {CALIBRATION_PATH}: {cal}")
        return
    if text is not None:
        from frontline.actors import find_mentions
        from frontline.model import to_jsonable

        mentions = find_mentions(text)
        if fmt == "json":
            typer.echo(json.dumps(to_jsonable(mentions), ensure_ascii=False, indent=2))
            return
        table = Table(title="actor mentions")
        for col in ("start", "end", "text", "actor", "side", "role", "inter", "conf", "descr"):
            table.add_column(col)
        for m in mentions:
            table.add_row(
                str(m.start),
                str(m.end),
                m.text,
                m.name or "?",
                m.side or "",
                m.role,
                "" if m.inter_code is None else str(m.inter_code),
                f"{m.confidence:.2f}",
                "yes" if m.descriptor else "",
            )
        console.print(table)
        return
    if unknown:
        from frontline.actors.unknown import unknown_actors
        from frontline.store import open_store

        items = unknown_actors(open_store(db).engine, limit=limit)
        if fmt == "json":
            typer.echo(
                json.dumps(
                    [
                        {
                            "name": u.surface,
                            "count": u.count,
                            "documents": u.documents,
                            "examples": u.examples,
                        }
                        for u in items
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        table = Table(title="unknown actor candidates (add them to data/actors/<theatre>.yaml)")
        for col in ("name", "count", "docs", "example"):
            table.add_column(col)
        for u in items:
            table.add_row(
                u.surface, str(u.count), str(u.documents), u.examples[0]["sentence"] if u.examples else ""
            )
        console.print(table)
        if not items:
            console.print("no unknown actor candidates in the store")
        return
    if fmt == "json":
        from frontline.actors import registry
        from frontline.model import to_jsonable

        typer.echo(json.dumps(to_jsonable(list(registry().actors.values())), ensure_ascii=False, indent=2))
        return
    console.print(_registry_table())


def eval_entities_cmd(
    part: Annotated[
        str, typer.Option("--part", help="heldout (reported) or tune (used for tuning/training).")
    ] = "heldout",
    system: Annotated[str, typer.Option("--system", help="rules, tagger or all.")] = "all",
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Entity P/R/F1 (Organisation, Person, Location; exact and partial) on re3d."""
    from frontline.actors.evaluate import evaluate_rules

    if system not in ("rules", "tagger", "all"):
        raise typer.BadParameter("--system must be rules, tagger or all")
    if part not in ("heldout", "tune"):
        raise typer.BadParameter("--part must be heldout or tune")
    reports = []
    if system in ("rules", "all"):
        reports.append(evaluate_rules(part))
    if system in ("tagger", "all"):
        from frontline.actors.tagger import evaluate_tagger, model_available

        if model_available():
            reports.append(evaluate_tagger(part))
        elif system == "tagger":
            raise typer.BadParameter("no trained tagger is bundled; run scripts/train_ner.py")
    rows = [row for r in reports for row in r.rows()]
    if fmt == "json":
        typer.echo(
            json.dumps(
                {"dataset": "re3d", "part": part, "documents": reports[0].documents, "rows": rows}, indent=2
            )
        )
        return
    table = Table(title=f"re3d entities, {part} part ({reports[0].documents} documents)")
    for col in (
        "system",
        "type",
        "gold",
        "pred",
        "exact P",
        "exact R",
        "exact F1",
        "partial P",
        "partial R",
        "partial F1",
    ):
        table.add_column(col)
    for row in rows:
        if not row["available"]:
            table.add_row(row["system"], row["type"], *["N/A"] * 8)
            continue
        table.add_row(
            row["system"],
            row["type"],
            str(row["gold"]),
            str(row["pred"]),
            *(
                f"{row[k]:.3f}"
                for k in ("exact_p", "exact_r", "exact_f1", "partial_p", "partial_r", "partial_f1")
            ),
        )
    wide.print(table)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add this module's commands to the main app and the eval group."""
    app.command("actors")(actors_cmd)
    eval_app.command("entities")(eval_entities_cmd)
