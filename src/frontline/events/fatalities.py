"""Fatality figures the ACLED way: conservative, with honest bounds and the words kept.

A report's numbers count many things (troops deployed, villages taken, air
strikes flown); only a number tied to a *killed* outcome is a fatality.
"Killed or wounded" figures are casualties: fatalities stay 0 and the number
is kept as an upper bound, unless a killed share is stated.  Vague words
("dozens" = 12, "tens" = 10, "hundreds" = 100) follow the ACLED codebook.
Number words, qualifiers, outcome words and non-person nouns are data
(``data/events/numbers.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from frontline.events._data import load_yaml
from frontline.events.prefilter import LiteralPrefilter, trie_alternation

AUX = r"(?:(?:were|was|have been|had been|has been|are|is|been|reportedly|also|all|later|being|got|left|found)\s+){0,3}"
PERSON_NOUNS = (
    r"(?:person|people|man|men|woman|women|child|children|boy|boys|girl|girls|civilians?|soldiers?|troops?|"
    r"fighters?|militants?|members?|officers?|servicem[ae]n|personnel|rebels?|insurgents?|terrorists?|"
    r"residents?|villagers?|policem[ae]n|guards?|gunmen|attackers?|protesters?|demonstrators?|individuals?|"
    r"students?|workers?|journalists?|doctors?|medics?|farmers?|infants?|others?|of them|among them)"
)


@dataclass(slots=True)
class Figure:
    """One number tied to an outcome, with its offsets in the sentence."""

    start: int
    end: int
    value: int
    kind: str  # killed | casualties | injured
    bound: str  # exact | min | over | max | approx | vague
    cue_start: int


@dataclass(slots=True)
class Fatalities:
    """The fatality reading of one sentence."""

    fatalities: int = 0
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    fatalities_text: str | None = None
    start: int | None = None
    end: int | None = None
    injured: int | None = None
    figures: list[Figure] = field(default_factory=list)


@lru_cache(maxsize=1)
def _cfg() -> dict[str, Any]:
    return load_yaml("numbers.yaml")


def _alt(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _regexes() -> dict[str, re.Pattern[str]]:
    cfg = _cfg()
    # the number words as prefix tries: same matches as the flat longest-first
    # alternations, far fewer branch attempts (this regex runs at every word)
    units = trie_alternation([u for u in cfg["units"] if u not in ("a", "an", "both")])
    scales = trie_alternation(list(cfg["scales"]))
    vague = trie_alternation(list(cfg["vague"]))
    word_num = rf"(?:{units}(?:[\s\-]+(?:and\s+)?(?:{units}|{scales}))*)"
    number = rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+|{word_num}|{vague}(?:\s+of)?|an?(?=\s+{PERSON_NOUNS}\b))"
    quals = trie_alternation(list(cfg["qualifiers"]))
    killed = _alt(cfg["outcomes"]["killed"])
    injured = _alt(cfg["outcomes"]["injured"])
    casualties = _alt(cfg["outcomes"]["casualties"])
    outcome = rf"(?P<out>{casualties}|{killed}|{injured})"
    non_people = _alt(cfg["non_people"])
    between = r"(?:[\w\-’']+\s+){0,7}?"
    return {
        "number": re.compile(rf"\b(?:(?P<qual>{quals})\s+)?{number}\b", re.IGNORECASE),
        # "12 civilians were killed", "dozens of soldiers dead", "1,200 casualties"
        "after": re.compile(rf"^\s*{between}{AUX}{outcome}\b", re.IGNORECASE),
        # "killing at least 6", "killed 20", "left 5 dead", "death toll rose to 9"
        "before": re.compile(
            r"(?P<out>killing|killed|kills|kill|claimed the lives of|death toll\s+(?:\w+\s+){0,3}?(?:to|at|of)|toll\s+(?:rose|climbed|reached|stands?|stood)\s+(?:to|at)?|killing or wounding|killed or wounded|killed or injured|wounding|injuring|wounded|injured)\s+(?:(?:at least|more than|over|up to|nearly|almost|about|around|some|an estimated|as many as)\s+)?$",
            re.IGNORECASE,
        ),
        "non_people": re.compile(rf"^\s*(?:[\w\-]+\s+){{0,2}}?(?:{non_people})\b", re.IGNORECASE),
        "killed": re.compile(rf"^(?:{killed})$", re.IGNORECASE),
        "casualties": re.compile(rf"^(?:{casualties}|killing or wounding|killed or wounded|killed or injured)$", re.IGNORECASE),
        "injured": re.compile(rf"^(?:{injured}|wounding|injuring)$", re.IGNORECASE),
        "casualty_tail": re.compile(r"^\s*(?:[\w\-]+\s+){0,3}?(?:or|and|and/or)\s+(?:wounded|injured)\b", re.IGNORECASE),
        "active_after": re.compile(r"^\s*(?:\d|at least|more than|some|the|a|an|two|three|four|five|six|seven|eight|nine|ten|dozens|scores|hundreds|several)\b", re.IGNORECASE),
        "aux": re.compile(r"\b(?:were|was|have been|had been|has been|been|are|is|left|found)\b", re.IGNORECASE),
        "year": re.compile(r"^(?:19|20)\d\d$"),
    }


# Fixed helper patterns, compiled once: ``find_figures`` runs them for every
# number of every candidate sentence, and ``re.match(str, …)`` pays a cache
# lookup per call.
_OF_TAIL = re.compile(r"\s+of$")
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_WORD_SEP = re.compile(r"[\s\-]+")
_SPACES = re.compile(r"\s+")
_SUBSET_AFTER = re.compile(r"\s+(?:of them|of whom|among them)\b", re.IGNORECASE)
_SUBSET_BEFORE = re.compile(r"\b(?:including|among them|among whom|of them)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_NEARER_NUMBER = re.compile(r"\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s", re.IGNORECASE)
_LISTED_NUMBER = re.compile(
    r"\bincluding\b|\bamong them\b|^\s*(?:[\w\-]+\s+){0,2}(?:and|,)\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)", re.IGNORECASE
)
_ACTIVE_VERB = re.compile(r"killed|injured|wounded|kill", re.IGNORECASE)


@lru_cache(maxsize=4096)
def word_to_int(text: str) -> int | None:
    """'twenty-five' → 25, '1,200' → 1200, 'two hundred' → 200, 'dozens' → 12; None if not a number.

    Cached: a pure function of the words, and reports repeat the same few
    number words ("two", "dozens", "10") in sentence after sentence.
    """
    cfg = _cfg()
    t = _OF_TAIL.sub("", text.strip().lower())
    if _DIGITS.fullmatch(t):
        digits = t.replace(",", "")
        # No count of people has more than 15 digits; longer runs are ids, hashes or noise
        # (and int() refuses strings past 4,300 digits).
        return int(digits) if len(digits) <= 15 else None
    if t in cfg["vague"]:
        return int(cfg["vague"][t])
    if t in ("a", "an"):
        return 1
    if t in cfg["units"]:
        return int(cfg["units"][t])
    total, current, seen = 0, 0, False
    for w in _WORD_SEP.split(t):
        if w == "and":
            continue
        if w in cfg["units"]:
            current += int(cfg["units"][w])
            seen = True
        elif w in cfg["scales"]:
            current = max(current, 1) * int(cfg["scales"][w])
            if int(cfg["scales"][w]) >= 1000:
                total, current = total + current, 0
            seen = True
        else:
            return None
    return total + current if seen else None


@lru_cache(maxsize=1024)
def _kind(out: str) -> str:
    """killed / casualties / injured for an outcome phrase (cached: a handful of phrases recur)."""
    rx = _regexes()
    o = _SPACES.sub(" ", out.lower())
    if rx["casualties"].match(o):
        return "casualties"
    if rx["injured"].match(o):
        return "injured"
    if o.startswith(("death toll", "toll")) or rx["killed"].match(o) or o in ("killing", "kills", "kill", "claimed the lives of"):
        return "killed"
    return "injured"


@lru_cache(maxsize=1)
def _outcome_prefilter() -> LiteralPrefilter:
    """Literal scan for the outcome words a figure needs (before or after the number)."""
    rx = _regexes()
    return LiteralPrefilter([rx["before"], rx["after"]])


def find_figures(sentence: str) -> list[Figure]:
    """Every number in the sentence that counts people killed, injured or both.

    A figure needs an outcome word ("killed", "wounded", "death toll" …)
    next to it, so a sentence without any is answered by one literal scan
    instead of trying the number pattern at every word (exact: see prefilter).
    """
    if not _outcome_prefilter().possible(sentence):
        return []
    rx = _regexes()
    cfg = _cfg()
    figures: list[Figure] = []
    for m in rx["number"].finditer(sentence):
        num = m.group("num")
        if rx["year"].match(num) or (num.isdigit() and m.start("num") > 0 and sentence[m.start("num") - 1] in "-/:."):
            continue
        value = word_to_int(num)
        if value is None:
            continue
        rest = sentence[m.end():]
        end = m.end() - 3 if num.lower().endswith(" of") else m.end()
        if rx["non_people"].match(rest):
            continue
        if _SUBSET_AFTER.match(rest) or _SUBSET_BEFORE.search(sentence[max(0, m.start() - 40) : m.start()]):
            continue  # a subset of a total given elsewhere ("17 killed, two of them medics")
        qual = (m.group("qual") or "").lower()
        low = num.lower().removesuffix(" of").strip()
        bound = "vague" if low in cfg["vague"] else str(cfg["qualifiers"].get(qual, "exact")) if qual else "exact"
        before = rx["before"].search(sentence[max(0, m.start() - 60) : m.start()])
        if before:
            kind = _kind(before.group("out"))
            if kind == "killed" and rx["casualty_tail"].match(rest):
                kind = "casualties"
            figures.append(Figure(m.start(), end, value, kind, bound, m.start() - len(before.group(0))))
            continue
        after = rx["after"].match(rest)
        if after:
            out = after.group("out")
            kind = _kind(out)
            if kind == "killed" and rx["casualty_tail"].match(rest[after.end():]):
                kind = "casualties"
            between = rest[: after.start("out")]
            if _NEARER_NUMBER.search(between) and not _LISTED_NUMBER.search(between):
                continue  # a nearer number owns the outcome word ("0 612 A woman … killed")
            passive = bool(rx["aux"].search(between)) or not _ACTIVE_VERB.match(out)
            if not passive and rx["active_after"].match(rest[after.end():]):
                continue  # "5 gunmen killed 3 civilians": 5 are the agents
            figures.append(Figure(m.start(), end, value, kind, bound, m.end() + after.start("out")))
    return figures


def parse_fatalities(sentence: str) -> Fatalities:
    """The sentence's fatality reading (all zeros/None when it states none).

    Figures tied to the same outcome word are a coordinated list ("5 soldiers
    and 3 civilians were killed") and are summed; otherwise the first killed
    figure counts (later ones usually restate or revise it).
    """
    figures = find_figures(sentence)
    result = Fatalities(figures=figures)
    injured = [f for f in figures if f.kind == "injured"]
    if injured:
        result.injured = injured[0].value
    killed = [f for f in figures if f.kind == "killed"]
    casualties = [f for f in figures if f.kind == "casualties"]
    chosen = killed or casualties
    if not chosen:
        return result
    cue = chosen[0].cue_start
    group = [f for f in chosen if f.cue_start == cue]
    value = sum(f.value for f in group)
    start, end = min(f.start for f in group), max(f.end for f in group)
    bounds = {f.bound for f in group}
    result.start, result.end = start, end
    result.fatalities_text = sentence[start:end]
    if chosen is casualties:
        result.fatalities, result.fatalities_min, result.fatalities_max = 0, 0, (None if bounds & {"min", "over"} else value)
        return result
    result.fatalities = value
    if bounds == {"exact"}:
        result.fatalities_min = result.fatalities_max = value
    elif bounds & {"min", "vague"}:
        result.fatalities_min = value
    elif "over" in bounds:
        result.fatalities_min = value + 1
    elif "max" in bounds:
        result.fatalities_max = value
    return result
