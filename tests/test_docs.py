"""Docs that tests keep honest (datasette's test_docs): every command is in the README."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from frontline.cli import app, eval_app

README = Path(__file__).resolve().parents[1] / "README.md"


def _commands(typer_app: typer.Typer) -> list[str]:
    group = typer.main.get_command(typer_app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_every_command_is_documented_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [c for c in _commands(app) if c != "eval" and not re.search(rf"frontline {c}\b", text)]
    assert not missing, f"README does not mention: {missing}"


def test_every_eval_is_documented_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [c for c in _commands(eval_app) if not re.search(rf"eval {c}\b", text)]
    assert not missing, f"README does not mention: {['eval ' + m for m in missing]}"


def test_readme_names_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text
