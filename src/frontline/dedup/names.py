"""Comparing outlet and byline names with "original source" statements.

Statements name outlets loosely ("North Star", "northstar.org", "The Foo
Times"); a stated outlet may be written with or without spaces.  Names are
compared after dropping articles and web-address parts (``names.yaml``) and
also with spaces removed, so "north star" matches "northstar.org".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import yaml

from frontline.paths import PACKAGE_DATA

NAMES_FILE = PACKAGE_DATA / "dedup" / "names.yaml"
_TOKEN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def drop_tokens() -> frozenset[str]:
    """Tokens ignored when comparing names (loaded from ``names.yaml``)."""
    with NAMES_FILE.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return frozenset(str(t).lower() for t in data.get("drop_tokens", []))


def name_key(name: str | None) -> str:
    """A comparison key: lower-case, accent-free tokens minus the dropped ones."""
    if not name:
        return ""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    tokens = [t for t in _TOKEN.findall(plain) if t not in drop_tokens()]
    return " ".join(tokens)


@lru_cache(maxsize=65536)
def compact_key(name: str | None) -> str:
    """:func:`name_key` without spaces: two names are the same exactly when these are equal
    and not empty, so members can be looked up by it instead of compared pairwise."""
    return name_key(name).replace(" ", "")


def same_name(a: str | None, b: str | None) -> bool:
    """True when two names denote the same outlet/author (spacing-insensitive)."""
    ka, kb = compact_key(a), compact_key(b)
    return bool(ka) and ka == kb
