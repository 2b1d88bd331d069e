"""Commands of the cleaning stage: ``frontline eval clean``."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add this module's commands to the main app and the eval group."""

    @eval_app.command("clean")
    def eval_clean(
        n: int = typer.Option(300, "--n", help="Number of synthetic documents to generate."),
        seed: int = typer.Option(0, "--seed", help="Generator seed (seed 1 was used for tuning)."),
    ) -> None:
        """Boundary accuracy of the cleaner on synthetic reports built from FA-KES bodies."""
        from frontline.clean.evaluate import evaluate

        if n < 1:
            raise typer.BadParameter("--n must be at least 1")
        scores = evaluate(n=n, seed=seed)
        table = Table(title=f"frontline clean — synthetic benchmark (n={n}, seed={seed})")
        table.add_column("metric")
        table.add_column("value", justify="right")
        for name, value in scores.rows():
            table.add_row(name, value)
        Console().print(table)
