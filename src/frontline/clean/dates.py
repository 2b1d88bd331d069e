"""Find a stated calendar date in a short string (datelines, header lines).

Careful regexes instead of ``dateparser``: a dateline is one of a handful of
shapes ("January 30, 2020", "30 Jan 2020", "2020-01-30", "Wed 05 Apr 2017",
"30.01.2020"), and the regexes are ~100× faster, need no locale data and never
guess a date from a bare number.  Numeric day/month order is ambiguous
(01/02/2020), so slash dates are read day-first only when the first number
exceeds 12, month-first only when the second does, and otherwise skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from frontline.clean.lexicon import Cues


@dataclass(frozen=True, slots=True)
class FoundDate:
    date: dt.date
    start: int
    end: int


@lru_cache(maxsize=4)
def _patterns(month_names: tuple[str, ...], weekday_names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    mon = "|".join(sorted((re.escape(m) for m in month_names), key=len, reverse=True))
    wd = "|".join(sorted((re.escape(d) for d in weekday_names), key=len, reverse=True))
    wd_opt = rf"(?:(?:{wd})\.?,?\s+)?"
    return (
        # ISO 2020-01-30 (optionally followed by a time)
        re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
        # January 30, 2020 / Jan. 30 2020 / Wed, Jan 30th, 2020
        re.compile(
            rf"{wd_opt}(?P<mon>{mon})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)",
            re.IGNORECASE,
        ),
        # 30 January 2020 / Wed 05 Apr 2017 / 30th of Jan, 2020
        re.compile(
            rf"{wd_opt}(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{mon})\.?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)",
            re.IGNORECASE,
        ),
        # 30.01.2020 / 30/01/2020 / 1/30/2020
        re.compile(r"(?<![\d.])(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./](?P<y>(?:19|20)\d\d)(?!\d)"),
    )


def find_date(s: str, cues: Cues) -> FoundDate | None:
    """The first unambiguous date stated in ``s``, with its offsets in ``s``."""
    pats = _patterns(tuple(cues.months), tuple(sorted(cues.weekdays)))
    best: FoundDate | None = None
    for pat in pats:
        for m in pat.finditer(s):
            date = _to_date(m, cues, dot_is_day_first="." in m.group(0))
            if date is not None:
                if best is None or m.start() < best.start:
                    best = FoundDate(date, m.start(), m.end())
                break
    return best


def _to_date(m: re.Match[str], cues: Cues, dot_is_day_first: bool) -> dt.date | None:
    g = m.groupdict()
    try:
        year = int(g["y"])
        if g.get("mon") is not None:
            month = cues.months[g["mon"].lower().rstrip(".")]
            day = int(g["d"])
        elif g.get("m") is not None:
            month, day = int(g["m"]), int(g["d"])
        else:
            a, b = int(g["a"]), int(g["b"])
            if dot_is_day_first or a > 12:
                day, month = a, b
            elif b > 12:
                month, day = a, b
            else:
                return None  # 01/02/2020: ambiguous, not guessed
        return dt.date(year, month, day)
    except (ValueError, KeyError):
        return None
