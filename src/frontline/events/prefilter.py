"""Skip regexes that cannot match: one Aho-Corasick pass over required literals.

Why: the trigger and date rules are dozens of data regexes, and Python's
``re`` runs each one over every sentence even though most sentences contain
none of their words.  For each pattern we read, from its parse tree, a set
of literal strings one of which every match must contain ("airstrike" or
"warplane" or …).  One Aho-Corasick scan of the sentence then says which
patterns can match at all; only those are run.  The result is exactly the
same as running every pattern (the literals are necessary conditions, not
heuristics); a pattern from which no useful literal can be read is always
run.

The scan works on case-folded text so it serves ``re.IGNORECASE`` patterns
too: literals are lower-cased, and the few characters that Python's
case-insensitive matching equates with an ASCII letter but ``str.lower``
does not fold to it ("İ", "ı", "ſ") are mapped first.  Literals that are not
ASCII are not used (such a pattern is then simply always run).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from re import _constants as C
from re import _parser as sre_parse

import ahocorasick

#: Shortest literal worth scanning for (shorter ones match nearly every sentence).
MIN_LITERAL = 3

_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT))

Factors = frozenset[str] | None  # None: no literal is known to be required

#: Pseudo-literal "some decimal digit": patterns that must match a digit
#: ("[12]\\d", "(?:19|20)\\d\\d") are run only on texts that contain one.
DIGIT = "\x00digit"
_ANY_DIGIT = re.compile(r"\d")
_DIGIT_CHARS = frozenset("0123456789")


def fold(text: str) -> str:
    """Case-fold ``text`` the way the literals are folded (length may change)."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD).lower()


def _weight(lit: str) -> int:
    """Selectivity of a literal: its length (a digit counts like a 2-letter word)."""
    return 2 if lit == DIGIT else len(lit)


def _better(a: Factors, b: Factors) -> Factors:
    """The more selective of two requirements (longer shortest literal, then fewer)."""
    if a is None:
        return b
    if b is None:
        return a
    ka, kb = (min(map(_weight, a)), -len(a)), (min(map(_weight, b)), -len(b))
    return a if ka >= kb else b


def _is_digit_class(av: object) -> bool:
    """An ``IN`` class that only admits decimal digits (``\\d``, ``[0-9]``, ``[12]``)."""
    items = list(av)  # type: ignore[call-overload]
    if not items:
        return False
    for op, arg in items:
        if op is C.CATEGORY and arg is C.CATEGORY_DIGIT:
            continue
        if op is C.LITERAL and chr(arg) in _DIGIT_CHARS:
            continue
        if op is C.RANGE and ord("0") <= arg[0] <= arg[1] <= ord("9"):
            continue
        return False  # NEGATE, letters, other categories
    return True


#: Largest set of exact strings tracked for a run of literal-only items.
_MAX_EXACT = 256


def _exact(op: object, av: object) -> frozenset[str] | None:
    """All strings an item matches when that is a small finite set of literals, else None.

    Lets a trie-shaped alternation ("a(?:pr(?:il)?|ug(?:ust)?)") still
    yield its words as literals.
    """
    if op is C.LITERAL:
        return frozenset({chr(av)})  # type: ignore[arg-type]
    if op is C.SUBPATTERN:
        return _exact_seq(av[-1])  # type: ignore[index]
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:  # type: ignore[index]
            e = _exact_seq(alt)
            if e is None:
                return None
            out |= e
            if len(out) > _MAX_EXACT:
                return None
        return frozenset(out)
    if op in _REPEATS:
        lo, hi, sub = av  # type: ignore[misc]
        if (lo, hi) == (0, 1):
            e = _exact_seq(sub)
            return None if e is None else e | {""}
        if (lo, hi) == (1, 1):
            return _exact_seq(sub)
    return None


def _exact_seq(items: Sequence[tuple[object, object]]) -> frozenset[str] | None:
    acc: frozenset[str] = frozenset({""})
    for op, av in items:
        e = _exact(op, av)
        if e is None or len(acc) * len(e) > _MAX_EXACT:
            return None
        acc = frozenset(a + b for a in acc for b in e)
    return acc


def _as_factor(strings: frozenset[str]) -> frozenset[str]:
    return frozenset(DIGIT if s.isascii() and s.isdigit() else s for s in strings)


def _seq(items: Sequence[tuple[object, object]]) -> Factors:
    """Literals a sequence requires: its best run of literal-only items or other sub-item.

    A run of consecutive items with a small finite language (literal
    characters, alternations and optional parts of literals) requires one
    of the strings of their product.
    """
    best: Factors = None
    run: frozenset[str] | None = None

    def close() -> None:
        nonlocal best, run
        if run is not None and "" not in run:
            best = _better(best, _as_factor(run))
        run = None

    for op, av in items:
        e = _exact(op, av)
        if e is not None:
            prod = frozenset(a + b for a in (run or {""}) for b in e) if len(run or {""}) * len(e) <= _MAX_EXACT else None
            if prod is not None:
                run = prod
                continue
            close()
            run = e
            continue
        close()
        best = _better(best, _item(op, av))
    close()
    return best


def _item(op: object, av: object) -> Factors:
    if op is C.SUBPATTERN:
        return _seq(av[-1])  # type: ignore[index]
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _seq(av)  # type: ignore[arg-type]
    if op in _REPEATS:
        lo, _hi, sub = av  # type: ignore[misc]
        return _seq(sub) if lo >= 1 else None
    if op is C.IN:
        return frozenset({DIGIT}) if _is_digit_class(av) else None
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:  # type: ignore[index]
            f = _seq(alt)
            if f is None:
                return None
            out |= f
        return frozenset(out)
    return None  # classes, anchors, assertions, back-references: nothing certain


def required_literals(pattern: re.Pattern[str]) -> Factors:
    """Folded literals one of which every match of ``pattern`` contains, or None.

    None when the pattern admits matches without any usable literal (too
    short, not ASCII, or inside optional parts only).
    """
    if pattern.flags & re.VERBOSE:
        return None  # keep the parse simple: verbose patterns are always run
    try:
        tree = sre_parse.parse(pattern.pattern, pattern.flags)
    except re.error:
        return None
    found = _seq(list(tree))
    if not found:
        return None
    folded = {s if s == DIGIT else fold(s) for s in found}
    if any(s != DIGIT and (len(s) < MIN_LITERAL or not s.isascii()) for s in folded):
        return None
    return frozenset(folded)


class LiteralPrefilter:
    """Which of a list of patterns can match a text, by one literal scan.

    ``possible(text)`` returns the indices (ascending) of the patterns that
    may match; every pattern that does match is among them.
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.n = len(patterns)
        self.always: list[int] = []
        self._owners: dict[str, list[int]] = {}
        for i, rx in enumerate(patterns):
            lits = required_literals(rx)
            if lits is None:
                self.always.append(i)
                continue
            for lit in lits:
                self._owners.setdefault(lit, []).append(i)
        self._auto = ahocorasick.Automaton()
        self._digit_owners = self._owners.pop(DIGIT, [])
        for lit, owners in self._owners.items():
            self._auto.add_word(lit, tuple(owners))
        if self._owners:
            self._auto.make_automaton()

    def possible(self, text: str) -> list[int]:
        # the automaton's value is the owner tuple itself; a set comprehension
        # keeps the per-hit work in C (literals repeat a lot in one text)
        found = {owners for _end, owners in self._auto.iter(fold(text))} if self._owners else set()
        digits = bool(self._digit_owners) and _ANY_DIGIT.search(text) is not None
        if not found and not digits:
            return list(self.always)
        hit = set(self.always)
        if digits:
            hit.update(self._digit_owners)
        for owners in found:
            hit.update(owners)
        return sorted(hit)


def trie_alternation(words: Sequence[str]) -> str:
    """A regex accepting exactly ``words`` (literal), written as a prefix trie, longest first.

    Why: Python's ``re`` tries a flat alternation's branches one by one at
    every position; a trie fails after the first character.  Equivalent to
    the flat ``"|".join(sorted(map(re.escape, words), key=len, reverse=True))``
    because literal words that match at one position are prefixes of each
    other, and the trie tries a node's longer continuations before ending
    there.  Case-insensitive use needs lower-case ASCII words (then "A" and
    "a" cannot be separate branches); other lists get the flat form.
    """
    uniq = set(words)
    if not uniq:
        return "(?!)"
    if not all(w.isascii() and w == w.lower() for w in uniq):
        return "(?:" + "|".join(sorted(map(re.escape, uniq), key=len, reverse=True)) + ")"
    tree: dict = {}
    for w in uniq:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        kids = sorted(k for k in node if k)
        branches = [re.escape(k) + emit(node[k]) for k in kids]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return "(?:" + emit(tree) + ")"
