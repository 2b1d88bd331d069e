"""Date expressions in war reporting, resolved against the publication date.

Reports date events relative to when they were written ("yesterday", "on
Monday", "during the last few days", "since December 19") and leave out the
year.  :func:`parse_dates` is a pure function of (sentence, anchor) so it can
be tested exhaustively; the anchor is the document's publication date (stated
or inherited from its republication cluster).  Without an anchor, relative
expressions and year-less dates stay *unknown* — a date is never invented.

Month names, weekday names, "few"-style counts and the year-inference slack
are data (``data/events/dates.yaml``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from frontline.events._data import load_yaml
from frontline.events.prefilter import DIGIT, LiteralPrefilter, required_literals, trie_alternation

PRECISIONS = ("day", "range", "month", "unknown")


@dataclass(frozen=True, slots=True)
class DateExpr:
    """One date expression: offsets into the sentence, and what it resolves to.

    ``date`` is the best single day (the start of a range is not used: ACLED
    codes a range by its first day, and so do we), ``range`` the inclusive
    bounds.  ``precision`` is "unknown" when the expression could not be
    resolved (no anchor, impossible day).
    """

    start: int
    end: int
    text: str
    date: dt.date | None
    range: tuple[dt.date, dt.date] | None
    precision: str
    #: The pattern that matched: "single", "between", "span_md" write month and day in the
    #: text (only a missing year comes from the anchor); the others count back from the anchor.
    kind: str = ""


# -- data-driven regex pieces ---------------------------------------------------------------


@lru_cache(maxsize=1)
def _cfg() -> dict[str, Any]:
    return load_yaml("dates.yaml")


def _alt(words: list[str]) -> str:
    """Longest-first alternation of literal words, as a prefix trie (same matches, fewer attempts)."""
    return trie_alternation(words)


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """(regex, handler name) in priority order; built once from the data file."""
    cfg = _cfg()
    mon = rf"(?:{_alt(list(cfg['months']))})\.?"
    full_wd = _alt([w for w in cfg["weekdays"] if len(w) > 4])
    any_wd = _alt(list(cfg["weekdays"]))
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?:19|20)\d\d"
    part = r"(?:\s+(?:morning|afternoon|evening|night))?"
    md = rf"(?P<M1>{mon})\s+(?P<D1>{day})(?!\d)(?:,?\s+(?P<Y1>{year}))?"
    dm = rf"(?P<D2>{day})(?:\s+of)?\s+(?P<M2>{mon})(?:,?\s+(?P<Y2>{year}))?"
    iso = rf"(?P<IY>{year})-(?P<IM>0[1-9]|1[0-2])-(?P<ID>0[1-9]|[12]\d|3[01])"
    single = rf"(?:{iso}|{md}|{dm})"

    def numbered(expr: str, n: int) -> str:
        return re.sub(r"\(\?P<([A-Z]+)(\d?)>", lambda m: f"(?P<{m.group(1)}{m.group(2)}_{n}>", expr)

    a, b = numbered(single, 1), numbered(single, 2)
    vague = _alt(list(cfg["vague_counts"]))
    rel = _alt(list(cfg["relative_days"]))
    numword = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|thirty)"
    raw = [
        (rf"\bbetween\s+{a}\s+and\s+(?:{b}|(?P<DB>{day}))\b", "between"),
        (rf"\bfrom\s+{a}\s+(?:to|until|till|through)\s+(?:{b}|(?P<DB>{day}))\b", "between"),
        (rf"\b(?P<RM>{mon})\s+(?P<RD1>{day})\s*(?:-|–|to|and)\s*(?P<RD2>{day})(?:,?\s+(?P<RY>{year}))?\b", "span_md"),
        (rf"\b(?P<RD1>{day})\s*(?:-|–|to|and)\s*(?P<RD2>{day})\s+(?P<RM>{mon})(?:,?\s+(?P<RY>{year}))?\b", "span_md"),
        (rf"\bsince\s+(?:(?:{any_wd}),?\s+)?{a}", "since"),
        (rf"\b(?:during|over|in|for|within)\s+the\s+(?:last|past)\s+(?:(?P<VQ>{vague})|(?P<NQ>{numword}))?\s*(?P<UNIT>days?|weeks?|hours?)\b", "last_n"),
        (rf"\b(?:the\s+)?(?:last|past)\s+(?:(?P<VQ>{vague})|(?P<NQ>{numword}))\s+(?P<UNIT>days|weeks|hours)\b", "last_n"),
        (r"\b(?P<NQ>\d+|one|two|three|four|five|six|seven|ten)\s+(?P<UNIT>days?|weeks?)\s+ago\b", "ago"),
        (r"\b(?:earlier\s+)?this\s+week\b", "this_week"),
        (r"\blast\s+week\b", "last_week"),
        (r"\b(?:earlier\s+)?this\s+month\b", "this_month"),
        (r"\blast\s+month\b", "last_month"),
        (rf"\b(?:(?:{any_wd}),?\s+)?{single}{part}\b", "single"),
        (rf"\b(?:since\s+)?(?:in|during|since|early|late|mid-|of|last|this)\s*(?P<MO>{mon})(?:\s+(?P<MY>{year}))?\b", "month"),
        (rf"\b(?:since\s+)?(?:in|during|since|early|late|mid-?|of|by)\s*(?P<YR>{year})\b", "year"),
        (r"\blast\s+year\b", "last_year"),
        (rf"\b(?P<REL>{rel})\b", "relative"),
        (rf"\b(?:(?P<LAST>last)\s+|on\s+)?(?P<WD>{full_wd})(?P<WP>\s+(?:morning|afternoon|evening|night))?\b", "weekday"),
    ]
    return [(re.compile(p, re.IGNORECASE), h) for p, h in raw]


# -- resolution helpers ---------------------------------------------------------------------


def _month(word: str) -> int:
    return int(_cfg()["months"][word.lower().rstrip(".")])


def _day(word: str) -> int:
    return int(re.match(r"\d+", word).group(0))  # type: ignore[union-attr]


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def infer_year(month: int, day: int, anchor: dt.date | None) -> dt.date | None:
    """The date of a year-less "Month day": the anchor's year, or the previous one.

    A date far after the anchor is read as last year's ("December 19" in a
    January report); a date up to ``future_slack_days`` ahead stays in the
    anchor's year (reports do mention planned events).
    """
    if anchor is None:
        return None
    cand = _make(anchor.year, month, day)
    if cand is None:
        return None
    if (cand - anchor).days > int(_cfg()["future_slack_days"]):
        return _make(anchor.year - 1, month, day)
    return cand


def _single(m: re.Match[str], anchor: dt.date | None, suffix: str = "") -> dt.date | None:
    g = {k[: -len(suffix)] if suffix and k.endswith(suffix) else k: v for k, v in m.groupdict().items()}
    if g.get("IY"):
        return _make(int(g["IY"]), int(g["IM"]), int(g["ID"]))
    for mk, dk, yk in (("M1", "D1", "Y1"), ("M2", "D2", "Y2")):
        if g.get(mk) and g.get(dk):
            month, day = _month(g[mk]), _day(g[dk])
            if g.get(yk):
                return _make(int(g[yk]), month, day)
            return infer_year(month, day, anchor)
    return None


def _count(m: re.Match[str]) -> int:
    vq, nq = m.groupdict().get("VQ"), m.groupdict().get("NQ")
    if vq:
        return int(_cfg()["vague_counts"][vq.lower()])
    if nq:
        words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "thirty": 30}
        return int(nq) if nq.isdigit() else words[nq.lower()]
    return 1


def _days_back(n: int, unit: str) -> int:
    unit = unit.lower().rstrip("s")
    if unit == "hour":
        return max(1, -(-n // 24))
    if unit == "week":
        return 7 * n
    return n


def _resolve(handler: str, m: re.Match[str], anchor: dt.date | None) -> tuple[dt.date | None, tuple[dt.date, dt.date] | None, str]:
    """(date, range, precision) for one match; precision "unknown" when unresolvable."""
    unknown: tuple[dt.date | None, tuple[dt.date, dt.date] | None, str] = (None, None, "unknown")
    g = m.groupdict()
    if handler == "single":
        d = _single(m, anchor)
        return (d, (d, d), "day") if d else unknown
    if handler == "between":
        d1 = _single(m, anchor, "_1")
        d2 = _make(d1.year, d1.month, _day(g["DB"])) if g.get("DB") and d1 else _single(m, anchor, "_2")
        if d1 and d2 and d2 < d1:
            d1 = _make(d1.year - 1, d1.month, d1.day)  # "between December 28 and January 3"
        if d1 and d2 and d1 <= d2:
            return d1, (d1, d2), "range"
        return unknown
    if handler == "span_md":
        month, d1n, d2n = _month(g["RM"]), _day(g["RD1"]), _day(g["RD2"])
        if g.get("RY"):
            d1, d2 = _make(int(g["RY"]), month, d1n), _make(int(g["RY"]), month, d2n)
        else:
            d1, d2 = infer_year(month, d1n, anchor), infer_year(month, d2n, anchor)
        if d1 and d2 and d1 <= d2:
            return d1, (d1, d2), "range"
        return unknown
    if handler == "since":
        d1 = _single(m, anchor, "_1")
        if d1 and anchor and d1 <= anchor:
            return d1, (d1, anchor), "range"
        return unknown
    if handler == "year" and anchor is None:
        yr = int(g["YR"])
        return dt.date(yr, 1, 1), (dt.date(yr, 1, 1), dt.date(yr, 12, 31)), "range"
    if handler == "month" and anchor is None and g.get("MY"):
        yr, month = int(g["MY"]), _month(g["MO"])
        d1 = dt.date(yr, month, 1)
        return d1, (d1, dt.date(yr, month, calendar.monthrange(yr, month)[1])), "month"
    if anchor is None:
        return unknown
    if handler in ("last_n", "ago"):
        back = _days_back(_count(m), g["UNIT"])
        if handler == "ago":
            d = anchor - dt.timedelta(days=back)
            return d, (d, d), "day" if g["UNIT"].lower().startswith("day") else "range"
        d1 = anchor - dt.timedelta(days=back)
        return d1, (d1, anchor), "range"
    if handler == "this_week":
        d1 = anchor - dt.timedelta(days=anchor.weekday())
        return d1, (d1, anchor), "range"
    if handler == "last_week":
        d1 = anchor - dt.timedelta(days=anchor.weekday() + 7)
        return d1, (d1, d1 + dt.timedelta(days=6)), "range"
    if handler == "this_month":
        d1 = anchor.replace(day=1)
        return d1, (d1, anchor), "range"
    if handler == "last_month":
        last = anchor.replace(day=1) - dt.timedelta(days=1)
        d1 = last.replace(day=1)
        return d1, (d1, last), "month"
    if handler == "month":
        month = _month(g["MO"])
        year = int(g["MY"]) if g.get("MY") else None
        if year is None:
            first = infer_year(month, 1, anchor)
            if first is None:
                return unknown
            year = first.year
        d1 = dt.date(year, month, 1)
        d2 = dt.date(year, month, calendar.monthrange(year, month)[1])
        if m.group(0).lower().startswith("since") and d1 <= anchor:
            return d1, (d1, anchor), "range"
        return d1, (d1, d2), "month"
    if handler == "year":
        yr = int(g["YR"])
        d1, d2 = dt.date(yr, 1, 1), dt.date(yr, 12, 31)
        if m.group(0).lower().startswith("since") and anchor and d1 <= anchor:
            return d1, (d1, anchor), "range"
        return d1, (d1, d2), "range"
    if handler == "last_year":
        d1 = dt.date(anchor.year - 1, 1, 1)
        return d1, (d1, dt.date(anchor.year - 1, 12, 31)), "range"
    if handler == "relative":
        back = int(_cfg()["relative_days"][re.sub(r"\s+", " ", g["REL"].lower())])
        d = anchor - dt.timedelta(days=back)
        return d, (d, d), "day"
    if handler == "weekday":
        wd = int(_cfg()["weekdays"][g["WD"].lower()])
        back = (anchor.weekday() - wd) % 7
        if g.get("LAST") and back == 0:
            back = 7
        d = anchor - dt.timedelta(days=back)
        return d, (d, d), "day"
    return unknown


def _month_word_ok(handler: str, m: re.Match[str]) -> bool:
    """Reject "may"/"march" used as ordinary words: a bare month must be capitalised."""
    if handler != "month":
        return True
    mo = m.group("MO")
    return mo[:1].isupper()


def parse_dates(sentence: str, anchor: dt.date | None) -> list[DateExpr]:
    """All date expressions in ``sentence``, left to right, resolved against ``anchor``.

    Overlapping candidates are settled by pattern priority (ranges before
    single days before bare months), then by length.  Offsets are into
    ``sentence``; ``sentence[e.start:e.end] == e.text`` always holds.
    """
    return list(_parse_dates(sentence, anchor))


class _DatePrefilter:
    """The literal pre-filter, then a cheap necessary check for the patterns that only need "a digit".

    Why: the literal scan can only say "some digit" for patterns built on
    numbers, and most war-report sentences contain a digit (a death toll),
    so the costly year and day-month patterns ran nearly everywhere.  A
    year pattern cannot match without "19dd"/"20dd"; a day-month pattern
    not without a month word (then the bare-month pattern, whose literals
    are exactly the month words, is possible too) or an ISO date.  Checking
    that first is exact.
    """

    def __init__(self, literal: LiteralPrefilter, needs: list[tuple[re.Pattern[str], int | None] | None]) -> None:
        self.literal, self.needs = literal, needs

    def possible(self, text: str) -> list[int]:
        found = self.literal.possible(text)
        out: list[int] = []
        for i in found:
            need = self.needs[i]
            if need is not None:
                rx, or_possible = need
                if (or_possible is None or or_possible not in found) and rx.search(text) is None:
                    continue
            out.append(i)
        return out


@lru_cache(maxsize=1)
def _prefilter() -> _DatePrefilter:
    """Which date patterns can match a sentence (exact, see prefilter and ``_DatePrefilter``)."""
    pats = _patterns()
    handlers = [h for _rx, h in pats]
    year = re.compile(r"(?:19|20)\d\d")
    needs: list[tuple[re.Pattern[str], int | None] | None] = [None] * len(pats)
    needs[handlers.index("year")] = (year, None)
    single, month = handlers.index("single"), handlers.index("month")
    month_words = required_literals(pats[month][0])
    single_lits = required_literals(pats[single][0])
    if month_words and single_lits and single_lits - {DIGIT} == month_words:
        # a day-month date has a month word (then "month" is possible) or is ISO
        needs[single] = (re.compile(r"(?:19|20)\d\d-"), month)
    else:  # the patterns changed shape: check for a month word directly
        needs[single] = (re.compile(rf"(?:19|20)\d\d-|{_alt(list(_cfg()['months']))}", re.IGNORECASE), None)
    return _DatePrefilter(LiteralPrefilter([rx for rx, _h in pats]), needs)


@lru_cache(maxsize=4096)
def _parse_dates(sentence: str, anchor: dt.date | None) -> tuple[DateExpr, ...]:
    """Cached: the extractor asks for a sentence's dates more than once (dating, blocking places)."""
    found: list[tuple[int, int, int, str, re.Match[str]]] = []
    pats = _patterns()
    for prio in _prefilter().possible(sentence):  # only patterns whose words occur
        rx, handler = pats[prio]
        for m in rx.finditer(sentence):
            if m.end() > m.start() and _month_word_ok(handler, m):
                found.append((prio, m.start(), m.end(), handler, m))
    found.sort(key=lambda t: (t[0], -(t[2] - t[1]), t[1]))
    taken: list[tuple[int, int]] = []
    out: list[DateExpr] = []
    for _prio, s, e, handler, m in found:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        date, rng, precision = _resolve(handler, m, anchor)
        out.append(DateExpr(s, e, sentence[s:e], date, rng, precision, handler))
    out.sort(key=lambda d: d.start)
    return tuple(out)


def best_date(exprs: list[DateExpr]) -> DateExpr | None:
    """The expression that dates the event: the first resolved one, preferring day precision."""
    resolved = [e for e in exprs if e.precision != "unknown"]
    if not resolved:
        return exprs[0] if exprs else None
    days = [e for e in resolved if e.precision == "day"]
    return days[0] if days else resolved[0]
