"""``frontline serve`` (the REST API and the offline map) and ``frontline control`` (control as GeoJSON)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import typer


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add ``serve`` and ``control`` (no eval commands: the map has no accuracy to measure)."""

    @app.command()
    def serve(
        db: str = typer.Option(None, "--db", help="Database URL (default: $FRONTLINE_DATABASE_URL or sqlite:///frontline.db)."),
        host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
        port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
        token: str = typer.Option(None, "--token", envvar="FRONTLINE_API_TOKEN", help="Bearer token for POST /api/documents."),
    ) -> None:
        """Serve the REST API under /api/ and the map at / (OpenAPI docs at /docs)."""
        from frontline.api import serve as run

        typer.echo(f"frontline map: http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
        run(db, host=host, port=port, token=token)

    @app.command("control")
    def control_cmd(
        date: str = typer.Option(None, "--date", help="YYYY-MM-DD (default: the latest event date)."),
        db: str = typer.Option(None, "--db", help="Database URL."),
        initial: Path = typer.Option(None, "--initial", exists=True, dir_okay=False, help="Initial-control CSV/YAML (docs/web.md)."),
        infer: bool = typer.Option(True, "--infer/--no-infer", help="Spread to unreported settlements (flagged inferred)."),
        gazetteer: bool = typer.Option(False, "--gazetteer", help="Let inference also colour gazetteer settlements near reported places."),
        out: Path = typer.Option(None, "--out", help="Write GeoJSON here (default: stdout)."),
    ) -> None:
        """Territorial control on a date as GeoJSON: areas by side, front lines, settlements."""
        from sqlalchemy import func, select

        from frontline.control import control_at, load_initial
        from frontline.control.from_store import control_inputs, gazetteer_candidates
        from frontline.store import open_store
        from frontline.store import schema as t

        try:
            day = dt.date.fromisoformat(date) if date else None
            rows = load_initial(initial) if initial else None
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from exc
        with open_store(db).engine.connect() as conn:
            day = day or conn.scalar(select(func.max(t.events.c.event_date))) or dt.date.today()
            timeline, settlements = control_inputs(conn, rows)
        if infer and gazetteer:
            from frontline.geo.gazetteer import default_gazetteer

            settlements = settlements + gazetteer_candidates(timeline, default_gazetteer())
        fc = control_at(day, timeline=timeline, settlements=settlements if infer else (), infer=infer)
        text = json.dumps(fc, ensure_ascii=False, default=str)
        if out:
            out.write_text(text, encoding="utf-8")
            props = fc["properties"]
            typer.echo(f"{out}: control on {props['date']}: {props['observed']} observed, {props['inferred']} inferred settlements")
        else:
            typer.echo(text)
