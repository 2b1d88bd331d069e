"""Runs of capitalised words ("Free Syrian Army", "Army of Islam") on one line of text.

A run is a chain of tokens joined by " ", "-" or " - ", each token
capitalised (upper-case first letter, an Arabic article before a capital as
in "al-Nusra", or an ordinal such as "4th") or, inside a run, a connector
("of", "al"); trailing connectors and leading connectors or sentence
starters ("The", "According") are trimmed.

WHY a regex: the plain definition is a Python loop over every token of the
body, and most tokens are lower-case words that only end a run.  For most
lines one compiled regex finds the chains directly, so Python only sees the
few chains; it spells out the same tokenisation (a token is the first
letter or digit of a run of ``[\\w'’.-]`` characters up to the run's last
word character) and the same tests.  Lines with a non-ASCII upper-case
letter or digit use the loop (:func:`_loop_sequences`), whose
``str.isupper``/``str.isdigit`` cover more than ``[A-Z]``/``[0-9]``.  ``tests/actors/test_speed_paths.py`` checks both
against the reference loop.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

from frontline.actors.lexicon import Candidates

Sequence_ = tuple[int, int, list[str]]

TOKEN = re.compile(r"[^\W_](?:[\w'’.\-]*[\w])?", re.UNICODE)
_ARTICLE_WORDS = "al|el|ash|as|ad|an|ar|at|az|ul"
ARTICLE_PREFIX = re.compile(rf"^(?:{_ARTICLE_WORDS})[-‐](?=[A-Z])")
ORDINAL_ENDS = ("th", "st", "nd", "rd")
_GAPS = (" ", "-", " - ")


def is_cap(tok: str) -> bool:
    """A token that can be part of a name by itself (not a connector)."""
    return (
        tok[:1].isupper()
        or bool(ARTICLE_PREFIX.match(tok))
        or (tok[:1].isdigit() and tok[-2:] in ORDINAL_ENDS)
    )


@lru_cache(maxsize=8)
def _chain_rx(connectors: frozenset[str], multi: bool) -> tuple[re.Pattern[str], ...]:
    """Chains of capitalised tokens/connectors on an ASCII line (two or more tokens if ``multi``)."""
    cont = r"[\w'’.\-]"
    whole = rf"(?!{cont}*\w)"  # the token runs to the last word character of its run
    cap = (
        rf"(?:[A-Z](?:{cont}*\w)?|(?:{_ARTICLE_WORDS})-[A-Z](?:{cont}*\w)?"
        rf"|[0-9]{cont}*(?:{'|'.join(ORDINAL_ENDS)})){whole}"
    )
    # only connectors that are whole tokens can ever be one ("al-" never is)
    words = sorted((c for c in connectors if TOKEN.fullmatch(c)), key=len, reverse=True)
    conn = rf"(?:{'|'.join(map(re.escape, words))}){whole}" if words else r"(?!)"
    gap = "|".join(re.escape(g) for g in sorted(_GAPS, key=len, reverse=True))
    more = "+" if multi else "*"
    run = rf"[_'’.\-]*(?P<c>{cap}(?P<t>(?:{gap})(?:{cap}|{conn})){more})"
    # Three forms: at the line start, after a space, after another character
    # that ends a run of token characters.  The last two begin with a literal
    # or a character class, which lets ``re`` skip the letters inside words
    # in C instead of trying the pattern at each of them (a look-behind first
    # defeats that); see :func:`_chains` for why splitting them is exact.
    return re.compile(run), re.compile(rf" {run}"), re.compile(rf"[^\w'’.\- ]{run}")


def capitalised_sequences(region: str, cand: Candidates, min_words: int = 1) -> list[Sequence_]:
    """Runs of capitalised words (with name connectors inside) on one line of text.

    ``min_words`` drops shorter runs (the linker only uses runs of two or
    more words, which lets the scan skip single capitalised words).
    """
    if not region.isascii() and _has_other_caps(region):
        return [s for s in _loop_sequences(region, cand) if len(s[2]) >= min_words]
    out: list[Sequence_] = []
    stop_first = cand.stop_first
    connectors = cand.connectors
    for m in _chains(region, _chain_rx(connectors, min_words >= 2)):
        s, e = m.span("c")
        if m.group("t") is None:  # one capitalised token
            tok = m.group("c")
            if tok.lower() not in stop_first:
                out.append((s, e, [tok]))
            continue
        run = _split_chain(m.group("c"), s)
        _trim(run, cand)
        if len(run) >= min_words and run:
            out.append((run[0][0], run[-1][1], [t[2] for t in run]))
    return out


def _chains(region: str, forms: tuple[re.Pattern[str], ...]) -> list[re.Match[str]]:
    """The chains, as one left-to-right scan with "(?<![\\w'’.-])" before the chain would find them.

    The after-space and after-other forms are scanned separately and merged
    by start, dropping any match that starts before the previous one ends.
    That is exact: a chain is made of token characters and spaces only, so
    an after-other match never starts inside another chain, and an
    after-space match that starts inside a chain (at one of its inner
    spaces) runs to that chain's end, since extending a chain depends only
    on the text after it.
    """
    at_start, after_space, after_other = forms
    first = at_start.match(region)
    pos = first.end() if first is not None else 0
    found = sorted(chain(after_space.finditer(region, pos), after_other.finditer(region, pos)), key=_start)
    out: list[re.Match[str]] = [first] if first is not None else []
    last = pos
    for m in found:
        if m.start() >= last:
            out.append(m)
            last = m.end()
    return out


def _start(m: re.Match[str]) -> int:
    return m.start()


def _has_other_caps(region: str) -> bool:
    """True if a non-ASCII character could start a capitalised token ("É", "Ⅳ", "٣").

    Only then does the loop's ``str.isupper``/``str.isdigit`` differ from the
    regex's ``[A-Z]``/``[0-9]``; curly quotes and accented lower-case
    letters keep the regex path.
    """
    return any(c.isupper() or c.isdigit() for c in set(region) if not c.isascii())


def _split_chain(text: str, start: int) -> list[tuple[int, int, str]]:
    """The tokens of a matched chain, with offsets.

    Inside a chain tokens are separated by " " or " - " only (a bare "-"
    between two tokens would have made them one token), so splitting on
    spaces and dropping the "-" pieces gives the tokens without a regex.
    """
    out: list[tuple[int, int, str]] = []
    pos = start
    for part in text.split(" "):
        if part != "-":
            out.append((pos, pos + len(part), part))
        pos += len(part) + 1
    return out


def _trim(run: list[tuple[int, int, str]], cand: Candidates) -> None:
    """Drop trailing connectors and leading connectors/sentence starters (in place)."""
    while run and (run[-1][2] in cand.connectors or not is_cap(run[-1][2])):
        run.pop()
    while run and (run[0][2] in cand.connectors or run[0][2].lower() in cand.stop_first):
        run.pop(0)


def _loop_sequences(region: str, cand: Candidates) -> list[Sequence_]:
    """The token-by-token definition (used for lines with non-ASCII capitals or digits)."""
    out: list[Sequence_] = []
    run: list[tuple[int, int, str]] = []

    def flush() -> None:
        _trim(run, cand)
        if run:
            out.append((run[0][0], run[-1][1], [t[2] for t in run]))
        run.clear()

    connectors = cand.connectors
    for m in TOKEN.finditer(region):
        s, e, tok = m.start(), m.end(), m.group(0)
        if run and region[run[-1][1] : s] not in _GAPS:
            flush()
        c = tok[0]
        if (
            c.isupper()
            or (c in "aeu" and ARTICLE_PREFIX.match(tok) is not None)
            or (c.isdigit() and tok[-2:] in ORDINAL_ENDS)
            or (run and tok in connectors)
        ):
            run.append((s, e, tok))
        elif run:
            flush()
    flush()
    return out
