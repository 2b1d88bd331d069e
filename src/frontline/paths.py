"""Where bundled data and the shared evaluation sets live."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

#: Data shipped inside the package (lexicons, registry, compiled gazetteer, models).
PACKAGE_DATA = Path(str(resources.files("frontline") / "data"))

#: The repository root when running from a checkout (None when installed elsewhere).
_REPO = Path(__file__).resolve().parents[2]
REPO_ROOT: Path | None = _REPO if (_REPO / "pyproject.toml").exists() else None


def shared_dir() -> Path:
    """``../shared`` beside the checkout, or ``FRONTLINE_SHARED`` if set."""
    env = os.environ.get("FRONTLINE_SHARED")
    if env:
        return Path(env)
    base = REPO_ROOT if REPO_ROOT is not None else Path.cwd()
    return base.parent / "shared"


def eval_dir() -> Path:
    """The public evaluation sets (``shared/data/eval``)."""
    return shared_dir() / "data" / "eval"


def examples_dir() -> Path:
    """The bundled example reports."""
    if REPO_ROOT is not None and (REPO_ROOT / "examples" / "idlib-2020").exists():
        return REPO_ROOT / "examples" / "idlib-2020"
    return PACKAGE_DATA / "examples" / "idlib-2020"
