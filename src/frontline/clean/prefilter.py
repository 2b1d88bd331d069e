"""Necessary substrings of a regex: a cheap test that lets most regex searches be skipped.

The cue patterns are case-insensitive and mostly start with ``\\b`` or a
group, so Python's ``re`` cannot use its fast literal-prefix scan and tries
the whole pattern at every position of a long paragraph.  Most paragraphs
cannot match at all: ``\\b(originally|first) (published|appeared|posted)\\b``
needs one of six literal strings.  :func:`required_needles` reads those
strings off the parsed pattern, so a search is run only when a plain
substring test (``in``, a fast C scan) says a match is possible.

The result is a conjunction of clauses, each clause a tuple of alternatives:
every match of the pattern contains, for every clause, at least one of its
strings (lower-cased).  It is derived from the pattern itself, never written
by hand, so adding a cue pattern cannot make the prefilter wrong.

``re.IGNORECASE`` also lets the ASCII letters ``i``, ``s`` and ``k`` match
``İ``/``ı``, ``ſ`` and the Kelvin sign, which ``str.lower`` does not map to
them; :func:`may_match` therefore gives up (answers "maybe") on a text that
holds one of those characters.  Non-ASCII cased characters never become
needles, for the same reason.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the stdlib's own regex parser (Python 3.11+)
from re._constants import BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN
from typing import Any

#: One clause per required piece; a clause holds that piece's alternatives.
Needles = tuple[tuple[str, ...], ...]

#: Most alternatives a clause may hold (a cross product of groups grows fast).
MAX_ALTERNATIVES = 32
#: Characters that ``re.IGNORECASE`` equates with an ASCII letter but ``str.lower`` does not.
CASE_TRAPS = ("İ", "ı", "ſ", "\u212a")


def _literal(code: int) -> set[str] | None:
    ch = chr(code)
    if not ch.isascii() and ch.lower() != ch.upper():
        return None  # a cased non-ASCII letter may fold to several forms
    return {ch.lower()}


def _char_set(members: list) -> set[str] | None:
    """The characters of a class made only of listed characters (``[▲▼]``), else None."""
    out: set[str] = set()
    for op, av in members:
        got = _literal(av) if op is LITERAL else None
        if got is None:
            return None
        out |= got
    return out if len(out) <= MAX_ALTERNATIVES else None


def _product(a: set[str], b: set[str]) -> set[str] | None:
    if len(a) * len(b) > MAX_ALTERNATIVES:
        return None
    return {x + y for x in a for y in b}


def _options(items: list) -> set[str] | None:
    """The exact strings a parsed sequence can match, or None if not a small finite set."""
    out: set[str] | None = {""}
    for op, av in items:
        if op is LITERAL:
            opts = _literal(av)
        elif op is SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            opts = None if add_flags or del_flags else _options(list(sub))
        elif op is BRANCH:
            opts = set()
            for alt in av[1]:
                got = _options(list(alt))
                if got is None:
                    opts = None
                    break
                opts |= got
        elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            got = _options(list(av[2]))
            opts = None if got is None else got | {""}
        elif op is IN:
            opts = _char_set(av)
        else:
            opts = None
        if opts is None or out is None:
            return None
        out = _product(out, opts)
    return out


def _clause(strings: set[str]) -> tuple[str, ...] | None:
    """A clause from a set of alternatives; None when it is no constraint (may be empty)."""
    if not strings or "" in strings:
        return None
    # An alternative that contains another adds nothing: keep the shortest ones.
    keep = sorted(strings, key=len)
    minimal = [s for i, s in enumerate(keep) if not any(t in s for t in keep[:i])]
    return tuple(minimal)


def _contained(op: Any, av: Any) -> list[tuple[str, ...]]:
    """Clauses every match of one item that is not a small finite set contains.

    A group contributes its sequence's clauses; a repeat taken at least once
    its body's; an alternation one clause that joins the most selective
    clause of each alternative (``don.?t miss`` gives ``"t miss"``), and
    nothing if some alternative has none.
    """
    if op is SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return [] if add_flags or del_flags else _sequence(list(sub))
    if op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
        return _sequence(list(av[2]))
    if op is BRANCH:
        joined: set[str] = set()
        for alt in av[1]:
            got = _sequence(list(alt))
            if not got:
                return []
            joined.update(_best(got))
        c = _clause(joined)
        return [c] if c and len(c) <= MAX_ALTERNATIVES else []
    return []


def _best(clauses: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The most selective clause: the one whose shortest string is longest."""
    return max(clauses, key=lambda c: min(len(x) for x in c))


def _sequence(items: list) -> list[tuple[str, ...]]:
    """Clauses of a parsed sequence (see :func:`required_needles`)."""
    clauses: list[tuple[str, ...]] = []
    cur: set[str] = {""}
    for op, av in items:
        opts = _options([(op, av)])
        joined = _product(cur, opts) if opts is not None else None
        if joined is not None:
            cur = joined
            continue
        c = _clause(cur)
        if c:
            clauses.append(c)
        if opts is not None:
            cur = opts
        else:
            cur = {""}
            clauses.extend(_contained(op, av))
    c = _clause(cur)
    if c:
        clauses.append(c)
    return clauses


def required_needles(pattern: str) -> Needles:
    """Clauses of lower-case strings every match of ``pattern`` (IGNORECASE) contains.

    Walks the parsed pattern, joining consecutive pieces that match a small
    finite set of strings (literals, classes of listed characters,
    alternations of literals, optional literals) into one clause; anything
    else (ranges, categories, open repeats, anchors, lookarounds) ends the
    current clause, and groups, alternations and repeats of such things are
    looked into (:func:`_contained`).  An empty result means "no cheap
    test": always search.
    """
    return tuple(_sequence(list(sre_parse.parse(pattern, re.IGNORECASE))))


def has_case_traps(text: str) -> bool:
    """Whether ``text`` holds a character the needle test cannot see through (see module doc)."""
    return not text.isascii() and any(ch in text for ch in CASE_TRAPS)  # isascii() is O(1)


def may_match(needles: Needles, lowered: str) -> bool:
    """False only when ``lowered`` lacks every alternative of some clause (so no match is possible).

    ``lowered`` is the text's ``str.lower()``; callers must skip this test
    (always search) when :func:`has_case_traps` is true for the text.
    """
    for clause in needles:
        for s in clause:
            if s in lowered:
                break
        else:
            return False
    return True
