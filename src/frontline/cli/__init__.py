"""The ``frontline`` command line: a thin Typer layer over library functions.

Every command module exposes ``register(app, eval_app)``; they are wired
together in :data:`COMMAND_MODULES`, the one place that lists them.  Commands
return data from library functions and only format it, so the API and the Dask
runner call the same code.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="frontline",
    help="Turn raw, slanted, duplicated war reporting into a mapped, dated, sourced event record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
eval_app = typer.Typer(help="Measure accuracy on the public evaluation sets.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

#: Command modules, in help order.  Each defines ``register(app, eval_app)``.
COMMAND_MODULES = (
    "frontline.cli.core",  # run, docs, show, demo, export, events, serve
    "frontline.cli.clean_cmds",
    "frontline.cli.dedup_cmds",
    "frontline.cli.geo_cmds",
    "frontline.cli.actor_cmds",
    "frontline.cli.event_cmds",
    "frontline.cli.framing_cmds",
    "frontline.cli.web_cmds",
    "frontline.cli.scale_cmds",
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app, eval_app)


def main() -> None:
    app()
