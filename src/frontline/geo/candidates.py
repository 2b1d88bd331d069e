"""Fold and match only the runs of a report where a gazetteer hit can start.

WHY: the geoparser keeps a gazetteer hit only when its first letter is a
capital, a digit or a non-Latin letter (``geoparse._capitalised``), yet
folding (``frontline.text.normalize``) and the Aho-Corasick scan used to run
over every word of a report.  About 70 % of an English report's characters
are lower-case words outside any name.  One compiled regex finds the runs
that can hold such a hit (a capitalised word, then capitalised words or
short / listed lower-case words: "Deir ez-Zor", "Ras al Ain", "Idlib
province"); only those runs are folded and scanned, joined by a separator
that folds to a run of spaces, so no hit can span two runs.  Offsets are
mapped back per hit with one bisect.

Measured alternative, not kept: folding and scanning each distinct run once
per process (a cache per run string) was slower — on new reports about half
the runs are unseen, and a call per run costs more than one joined pass.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from frontline.geo.patterns import compiled
from frontline.paths import PACKAGE_DATA
from frontline.text.normalize import Normalized, normalize

CANDIDATES_PATH: Path = PACKAGE_DATA / "geo" / "candidates.yaml"

#: Joins runs: "\x00" is neither folded nor a word character, so after the
#: matcher turns it into a space the runs are separated by three spaces and
#: no " name " key can cross.
_SEP = " \x00 "


@lru_cache(maxsize=1)
def run_pattern() -> re.Pattern[str]:
    """The regex of candidate runs, built once per process from ``candidates.yaml``."""
    with CANDIDATES_PATH.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    words = {w.lower() for w in data["continuation_words"]}
    words |= {w for w in compiled().features if " " not in w}
    listed = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    n = int(data["short_word_max"])
    cap = r"[^\W_a-z]\S*"  # starts with a capital, digit or non-Latin letter
    low = rf"(?:[a-z]{{1,{n}}}(?:[-'’]\S*)?|(?:{listed})\W?)(?!\S)"
    return re.compile(rf"{cap}(?:\s+(?:{cap}|{low}))*")


@dataclass(slots=True)
class Candidates:
    """The candidate runs of one text joined into one string, folded, with the way back."""

    text: str
    norm: Normalized
    #: start of each run in ``text`` and in the raw document
    starts: list[int]
    raw_starts: list[int]

    def to_raw(self, pos: int) -> int:
        """Raw offset of position ``pos`` of :attr:`text` (hits never cross runs)."""
        k = bisect.bisect_right(self.starts, pos) - 1
        return pos + self.raw_starts[k] - self.starts[k]


def candidates(text: str) -> Candidates:
    """The runs of ``text`` where a capitalised gazetteer hit can be, folded once."""
    spans = [m.span() for m in run_pattern().finditer(text)]
    starts: list[int] = []
    pos = 0
    step = len(_SEP)
    for a, b in spans:
        starts.append(pos)
        pos += b - a + step
    joined = _SEP.join([text[a:b] for a, b in spans])
    return Candidates(joined, normalize(joined), starts, [a for a, _ in spans])
