"""Place commands: ``frontline geoparse``, ``frontline places`` and ``frontline eval geoparse|translit``.

Thin wrappers: the work is in :mod:`frontline.geo` (geoparsing, gazetteer),
:mod:`frontline.geo.unresolved` and :mod:`frontline.geo.evaluate`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

PLACES_HELP = "Local place supplement CSV (columns as frontline_places.csv); default $FRONTLINE_PLACES."


def toponym_record(m) -> dict[str, Any]:
    """One mention in the DESIGN contract's ``toponyms`` shape."""
    p = m.place
    return {
        "start": m.start,
        "end": m.end,
        "name": m.text,
        "lat": p.lat if p is not None else None,
        "lon": p.lon if p is not None else None,
        "geonames_id": p.geonames_id if p is not None and m.resolved else None,
        "admin1": p.admin1 if p is not None else None,
        "feature_type": p.feature_type if p is not None and m.resolved else None,
    }


def geoparse_records(records: Iterable[dict[str, Any]], places: str | None = None) -> Iterator[dict[str, Any]]:
    """Add ``toponyms`` to ``{"id","text"}`` records (other keys are kept)."""
    from frontline.geo import default_gazetteer, geoparse_text

    gaz = default_gazetteer(places)
    for rec in records:
        text = rec.get("text")
        if not isinstance(text, str):
            raise typer.BadParameter(f"record {rec.get('id')!r}: 'text' must be a string")
        yield {**rec, "toponyms": [toponym_record(m) for m in geoparse_text(text, gazetteer=gaz)]}


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise typer.BadParameter(f"{path}:{n}: not JSON: {exc}") from exc
                if not isinstance(rec, dict):
                    raise typer.BadParameter(f"{path}:{n}: expected a JSON object")
                yield rec


def _places_option(places: Path | None) -> str | None:
    from frontline.geo import SupplementError, read_supplement

    path = str(places) if places else os.environ.get("FRONTLINE_PLACES") or None
    if path:
        try:
            read_supplement(path)
        except SupplementError as exc:
            raise typer.BadParameter(str(exc), param_hint="--places / FRONTLINE_PLACES") from exc
    return path


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add ``geoparse`` and ``places``, and ``eval geoparse`` / ``eval translit``."""

    @app.command("geoparse")
    def geoparse_cmd(
        in_path: Path = typer.Option(..., "--in", exists=True, dir_okay=False, help="JSONL with {id, text}."),
        out_path: Path = typer.Option(..., "--out", help="JSONL written with toponyms added."),
        places: Path | None = typer.Option(None, "--places", help=PLACES_HELP),
    ) -> None:
        """Find and resolve place names: adds toponyms [{start,end,name,lat,lon,geonames_id,admin1,feature_type}]."""
        supplement = _places_option(places)
        n = 0
        with out_path.open("w", encoding="utf-8") as out:
            for rec in geoparse_records(_read_jsonl(in_path), supplement):
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
        Console(stderr=True).print(f"geoparsed {n} records → {out_path}")

    @app.command("places")
    def places_cmd(
        query: str | None = typer.Argument(None, help="Search the gazetteer for this name."),
        unresolved: bool = typer.Option(False, "--unresolved", help="List unresolved place names in the store."),
        db: str | None = typer.Option(None, "--db", help="Database URL (default $FRONTLINE_DATABASE_URL or sqlite)."),
        limit: int = typer.Option(20, "--limit", min=1),
        as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
        places: Path | None = typer.Option(None, "--places", help=PLACES_HELP),
    ) -> None:
        """Search the gazetteer, or list names no gazetteer holds (--unresolved) with counts and contexts."""
        console = Console()
        if unresolved:
            from frontline.geo.unresolved import unresolved_names
            from frontline.store import open_store

            rows = unresolved_names(open_store(db).engine, limit=limit, width=40)
            if as_json:
                typer.echo(json.dumps([r.__dict__ if hasattr(r, "__dict__") else _asdict(r) for r in rows],
                                      ensure_ascii=False, indent=1))
                return
            from frontline.geo import default_gazetteer

            gaz = default_gazetteer(_places_option(places))

            def ref_name(pid: str | None) -> str:
                try:
                    return f"{gaz.get(pid).name} ({pid})" if pid else "-"
                except KeyError:
                    return pid or "-"

            table = Table(title="Unresolved place names (add them to a --places supplement)")
            for col in ("name", "count", "docs", "coded at", "context"):
                table.add_column(col)
            for r in rows:
                ref = f"{r.relation or 'near'} {ref_name(r.reference)}" if r.reference else "-"
                table.add_row(r.name, str(r.count), str(r.documents), ref, r.contexts[0] if r.contexts else "")
            console.print(table)
            return
        if not query:
            raise typer.BadParameter("give a name to search, or --unresolved")
        from frontline.geo import default_gazetteer

        found = default_gazetteer(_places_option(places)).search(query, limit)
        if as_json:
            from frontline.model import to_jsonable

            typer.echo(json.dumps(to_jsonable(found), ensure_ascii=False, indent=1))
            return
        table = Table(title=f"Gazetteer: {query}")
        for col in ("id", "name", "type", "admin1", "country", "lat", "lon", "population"):
            table.add_column(col)
        for p in found:
            table.add_row(p.place_id, p.name, p.feature_type, p.admin1 or "", p.country or "", f"{p.lat:.4f}",
                          f"{p.lon:.4f}", str(p.population or ""))
        console.print(table)

    @eval_app.command("geoparse")
    def eval_geoparse_cmd(
        dataset: str = typer.Option("lgl", "--dataset", help="geowebnews | trnews | lgl"),
        limit: int | None = typer.Option(None, "--limit", help="Only the first N articles."),
        no_demonyms: bool = typer.Option(False, "--no-demonyms", help="Do not count demonyms as country mentions."),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """Toponym recognition P/R/F1 and resolution (acc@161 km, error km, AUC, exact GeoNames id)."""
        from frontline.geo.evaluate import DATASETS, evaluate_geoparse

        if dataset not in DATASETS:
            raise typer.BadParameter(f"choose from {sorted(DATASETS)}", param_hint="--dataset")
        res = evaluate_geoparse(dataset, limit=limit, demonyms=not no_demonyms)
        if as_json:
            typer.echo(json.dumps(res, indent=1))
            return
        console = Console()
        rec = res["recognition"]
        console.print(f"[bold]{dataset}[/bold]: {res['items']} articles, {res['gold_toponyms']} gold toponyms; "
                      f"recognition P {rec['precision']:.3f} R {rec['recall']:.3f} F1 {rec['f1']:.3f} "
                      f"(overlap R {rec['overlap_recall']:.3f})")
        table = Table()
        for col in ("mode", "n", "acc@161km", "mean km", "median km", "AUC", "exact id acc"):
            table.add_column(col)
        for mode in ("end_to_end", "gold_spans"):
            r = res[mode]
            if not r.get("n"):
                continue
            table.add_row(mode, str(r["n"]), f"{r['acc_161km']:.3f}", str(r["mean_km"]), str(r["median_km"]),
                          f"{r['auc']:.3f}", f"{r['exact_id_acc']:.3f}" if r["exact_id_acc"] is not None else "-")
        console.print(table)
        th = res["theatre_gold_spans"]
        if th.get("n"):
            console.print(f"{th['theatre']} toponyms (gold spans): n={th['n']}, within 161 km {th['acc_161km']:.3f}, "
                          f"within 5 km {th['acc_5km']:.3f}")
        console.print(f"speed: {res['docs_per_cpu_second']} docs per CPU second")

    @eval_app.command("translit")
    def eval_translit_cmd(as_json: bool = typer.Option(False, "--json")) -> None:
        """Hit rate of transliteration variants (transliteration_examples.tsv); seed rows separately."""
        from frontline.geo.evaluate import evaluate_translit

        res = evaluate_translit()
        if as_json:
            typer.echo(json.dumps(res, indent=1))
            return
        table = Table(title="Transliteration variants → canonical place")
        for col in ("rows", "n", "gazetteer top1", "gazetteer top5", "primary-names top1", "primary-names top5",
                    "fold-equal"):
            table.add_column(col)
        for label, r in res.items():
            table.add_row(label, str(r["n"]), f"{r['gazetteer']['top1']:.3f}", f"{r['gazetteer']['top5']:.3f}",
                          f"{r['primary_names']['top1']:.3f}", f"{r['primary_names']['top5']:.3f}",
                          f"{r['fold_equal']:.3f}")
        Console().print(table)


def _asdict(obj) -> dict[str, Any]:
    return {f: getattr(obj, f) for f in obj.__slots__}
