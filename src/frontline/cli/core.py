"""Core commands: run, docs, show, demo, export, events, serve."""

from __future__ import annotations

import typer


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add the core commands."""
