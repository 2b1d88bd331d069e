"""Transliteration-aware normalisation that never loses the way back to the raw text.

Arabic place and actor names reach English reports in many spellings
(``Kafr Zita`` / ``Kfar Zeita``, ``Tell`` / ``Tal``,
``Sheikh`` / ``Shaykh``).  :func:`normalize` folds such variants to one form
so a dictionary matcher can find them, and keeps, for every character of the
folded text, the ``[start, end)`` slice of the raw text it came from.  That
map is what lets every downstream span stay an offset into the original
document (spaCy's one-text-many-views rule).

What is folded (rules in ``data/text/translit.yaml``, not in this code):

* case, diacritics (NFKD, combining marks removed), a few letters NFKD keeps
  (ø, ł, đ, ħ, ß, æ, œ);
* apostrophes, ayn/hamza marks (``' ’ ‘ ʿ ʾ```) are deleted, possessive
  ``'s`` is deleted, hyphens/dashes/slashes become spaces, whitespace runs
  become one space;
* the Arabic article: ``al-``/``el-`` before any word, assimilated forms
  (``an-N…``, ``as-S…``, ``ash-Sh…``) only before their own consonant;
* whole-word variants (``tell/tal/tel`` → ``tal``, ``jebel`` → ``jabal``,
  ``sheikh`` → ``shaykh`` …);
* letter sequences (``ou`` → ``u``, ``ee`` → ``i``, ``aa`` → ``a`` …) and any
  doubled letter;
* Arabic script: harakat and tatweel removed, alef/ya/ta-marbuta unified,
  the article ``ال`` removed.

The same function is applied to dictionary entries and to searched text, so
a rule only has to make two spellings equal, never "correct".

:func:`skeleton` is a coarser key (consonant classes, inner vowels dropped)
used only to block candidates for fuzzy lookup.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress
from operator import itemgetter
from pathlib import Path
from typing import Any

import yaml

from frontline.paths import PACKAGE_DATA

RULES_PATH: Path = PACKAGE_DATA / "text" / "translit.yaml"
#: Bumped when the folding *code* changes in a way that changes keys.
KEY_VERSION = "2"

#: Letters NFKD does not decompose into ASCII.
_EXTRA_FOLDS = {"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th"}


class _Edits:
    """Sparse record of one substitution pass: only replaced regions are stored.

    Unchanged text maps linearly, so a document with a few hundred edits
    needs a few hundred tuples, not one integer per character.
    """

    __slots__ = ("out_len", "out_starts", "rows", "src_len")

    def __init__(self, rows: list[tuple[int, int, int, int]], src_len: int, out_len: int) -> None:
        self.rows = rows  # (out_start, out_end, src_start, src_end)
        self.out_starts = [r[0] for r in rows]
        self.src_len = src_len
        self.out_len = out_len


    def start_of(self, p: int) -> int:
        """Source start of output char ``p`` (``src_len`` for the end sentinel)."""
        if p >= self.out_len:
            return self.src_len
        # the last edit starting at or before p; a deletion at p precedes char p
        k = bisect.bisect_right(self.out_starts, p) - 1
        if k < 0:
            return p
        os_, oe, ss, se = self.rows[k]
        if p < oe:
            return ss + min(p - os_, se - ss - 1)
        return se + (p - oe)

    def end_of(self, p: int) -> int:
        """Source end (exclusive) of output char ``p``."""
        if p >= self.out_len:
            return self.src_len
        k = bisect.bisect_right(self.out_starts, p) - 1
        if k < 0:
            return p + 1
        os_, oe, ss, se = self.rows[k]
        if p < oe:
            i, n, w = p - os_, oe - os_, se - ss
            return se if i == n - 1 else ss + min(i + 1, w)
        return se + (p - oe) + 1


class Normalized:
    """Folded text plus the way back to raw offsets.

    ``raw_span(s, e)`` gives the raw ``[start, end)`` covering folded
    ``[s, e)``.  ``offsets[i]`` / ``ends[i]`` are the raw start / end of
    folded char ``i`` (with a sentinel at ``len(text)``); they are built on
    first access, since most callers only map a few spans.
    """

    __slots__ = ("_a", "_b", "_ends", "_offsets", "raw_len", "text")

    def __init__(self, text: str, a: _Edits, b: _Edits, raw_len: int) -> None:
        self.text = text
        self._a, self._b = a, b
        self.raw_len = raw_len
        self._offsets: list[int] | None = None
        self._ends: list[int] | None = None

    def raw_start(self, p: int) -> int:
        return self._a.start_of(self._b.start_of(p))

    def raw_end(self, p: int) -> int:
        """Raw end (exclusive) of folded char ``p``."""
        if p >= len(self.text):
            return self.raw_len
        return self._a.end_of(self._b.end_of(p) - 1)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[start, end)`` covering folded ``[start, end)``."""
        if end <= start:
            pos = self.raw_start(start)
            return pos, pos
        return self.raw_start(start), self.raw_end(end - 1)

    def raw_spans(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """:meth:`raw_span` of many spans at once (the matcher maps every hit).

        Same arithmetic as ``raw_span`` with the two edit maps' lookups
        inlined: a document's hits cost a few bisects each instead of eight
        method calls.
        """
        a, b = self._a, self._b
        n, raw_len = len(self.text), self.raw_len
        ab, arows, a_len, a_src = a.out_starts, a.rows, a.out_len, a.src_len
        bb, brows, b_len, b_src = b.out_starts, b.rows, b.out_len, b.src_len
        out: list[tuple[int, int]] = []
        for start, end in spans:
            # start: a.start_of(b.start_of(start))
            rs = _start_in(_start_in(start, bb, brows, b_len, b_src), ab, arows, a_len, a_src)
            if end <= start:
                out.append((rs, rs))
                continue
            # end: a.end_of(b.end_of(end - 1) - 1), raw_len past the folded text
            q = end - 1
            if q >= n:
                out.append((rs, raw_len))
                continue
            p = _end_in(q, bb, brows, b_len, b_src) - 1
            out.append((rs, _end_in(p, ab, arows, a_len, a_src)))
        return out

    @property
    def offsets(self) -> list[int]:
        if self._offsets is None:
            self._offsets = [self.raw_start(i) for i in range(len(self.text))] + [self.raw_len]
        return self._offsets

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            self._ends = [self.raw_end(i) for i in range(len(self.text))] + [self.raw_len]
        return self._ends


@dataclass(frozen=True, slots=True)
class _Rules:
    stage_a: re.Pattern[str]
    stage_b: re.Pattern[str]
    drop: frozenset[str]
    space: frozenset[str]
    words: dict[str, str]
    letters: dict[str, str]
    arabic_map: dict[str, str]
    arabic_drop: frozenset[str]
    skel_digraphs: dict[str, str]
    skel_letters: dict[str, str]
    #: Chunk ends where a stage-B match may span the next space (see :func:`_stage_b`).
    b_tail: re.Pattern[str]
    #: Longest string ``b_tail`` can match, plus one (it is anchored at the chunk's end).
    b_tail_len: int
    #: The plain-article part of ``b_tail`` ("al "): it takes in the space before any word.
    #: An assimilated one ("an ", "as ", "at ") only before its own consonant, i.e. a
    #: word starting with one of ``asm_first`` — so English "in the" needs no gluing.
    b_tail_plain: re.Pattern[str]
    asm_first: frozenset[str]


def load_rules(path: Path = RULES_PATH) -> dict[str, Any]:
    """Read and validate the rule file (fails loudly on a missing section)."""
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    for key in ("drop_chars", "space_chars", "article", "words", "letters", "arabic", "skeleton"):
        if key not in data:
            raise ValueError(f"{path}: missing section {key!r}")
    return data


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_rules()
    drop = frozenset(data["drop_chars"])
    space = frozenset(data["space_chars"])
    words: dict[str, str] = {}
    for canon, variants in data["words"].items():
        for v in [canon, *variants]:
            words[v] = canon
    letters = {k: v for k, v in data["letters"].items()}
    art = data["article"]
    plain = "|".join(sorted(map(re.escape, art["plain"]), key=len, reverse=True))
    assim = "|".join(sorted(map(re.escape, art["assimilated"]), key=len, reverse=True))
    vowels = re.escape(art["vowels"])
    ar_article = re.escape(data["arabic"]["article"])
    word_alt = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    letter_alt = "|".join(sorted(map(re.escape, letters), key=len, reverse=True))
    # Stage A works on characters: anything non-ASCII, the drop/space sets,
    # possessive 's, and whitespace that is not a single plain space.
    drop_cls = re.escape("".join(sorted(drop)))
    space_cls = re.escape("".join(sorted(space)))
    # Equivalent to, in this order at each position:
    #   (?<=[a-z])[drop]s\b | [^\x00-\x7f] | [drop space] | \s{2,} | [^\S ]
    # but written to start with one character class, so the regex engine
    # skips straight to candidate characters instead of trying five
    # alternatives at every position (~3x faster on English text); the
    # lookbehinds then check which kind of character was taken.  A plain
    # space is a candidate only before more whitespace (the other ASCII
    # whitespace characters are listed): prose has one space per word, and
    # trying each of them cost a third of the scan.
    any_cls = rf"\x80-\U0010ffff{drop_cls}{space_cls}\t\n\r\f\v\x1c-\x1f"
    stage_a = re.compile(
        rf"(?:[{any_cls}]| (?=\s))(?:(?<=[a-z][{drop_cls}])(?P<poss>s\b)|(?<=[\x80-\U0010ffff])"
        rf"|(?<=[{drop_cls}{space_cls}])|(?<=\s)\s+|(?<=[^\S ]))"
    )
    # Stage B works on words; alternatives are tried in this order at each position.
    stage_b = re.compile(
        rf"(?P<sp> {{2,}})"
        rf"|(?P<art>\b(?:{plain}) (?=\w))"
        rf"|(?P<asm>\b[{vowels}](?P<cons>{assim})(?P=cons)? (?=(?P=cons)))"
        rf"|(?P<arart>(?<!\w){ar_article}(?=\w))"
        rf"|\b(?P<word>{word_alt})\b"
        rf"|(?P<let>{letter_alt})"
        rf"|(?P<dbl>[a-z])(?P=dbl)"
    )
    # Superset of the chunk ends after which a stage-B match takes in the
    # space: an article ("al", "as") that starts a word.
    b_tail = re.compile(rf"(?<!\w)(?:{plain}|[{vowels}](?:{assim}){{1,2}})$")
    ar = data["arabic"]
    sk = data["skeleton"]
    return _Rules(
        stage_a=stage_a,
        stage_b=stage_b,
        drop=drop,
        space=space,
        words=words,
        letters=letters,
        arabic_map=dict(ar["map"]),
        arabic_drop=frozenset(ar["drop"]),
        skel_digraphs=dict(sk["digraphs"]),
        skel_letters=dict(sk["letters"]),
        b_tail=b_tail,
        b_tail_plain=re.compile(rf"(?<!\w)(?:{plain})$"),
        asm_first=frozenset(w[0] for w in art["assimilated"]),
        b_tail_len=1 + max(max(map(len, art["plain"])), 1 + 2 * max(map(len, art["assimilated"]))),
    )


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """Fold one character (used for the rare non-ASCII/punctuation hits)."""
    r = _rules()
    if ch in r.drop or ch in r.arabic_drop:
        return ""
    if ch in r.space or ch.isspace():
        return " "
    if ch in r.arabic_map:
        return r.arabic_map[ch]
    low = ch.lower()
    out = []
    for c in unicodedata.normalize("NFKD", low):
        if unicodedata.combining(c):
            continue
        out.append(_EXTRA_FOLDS.get(c, c))
    folded = "".join(out).lower()
    # Anything that folded to an apostrophe-like mark is dropped as well.
    return "".join(c for c in folded if c not in r.drop)


def _stage_a_repl(m: re.Match[str]) -> str:
    if m.group("poss") is not None:
        return ""
    s = m.group(0)
    if len(s) > 1 or s.isspace():
        return " "
    return _fold_char(s)


def _stage_b_repl(m: re.Match[str]) -> str:
    r = _rules()
    kind = m.lastgroup
    if kind == "sp":
        return " "
    if kind in ("art", "asm", "cons", "arart"):
        return ""
    if kind == "word":
        return r.words[m.group("word")]
    if kind == "let":
        return r.letters[m.group("let")]
    return m.group("dbl")


def _sub_rows(s: str, pattern: re.Pattern[str], repl) -> tuple[str, list[tuple[int, int, int, int]]]:
    """``pattern.sub`` that also returns edit rows ``(out_start, out_end, src_start, src_end)``.

    Only matches whose replacement differs from the match make a row; the
    input is returned as it is (not copied) when nothing matched.
    """
    pieces: list[str] = []
    rows: list[tuple[int, int, int, int]] = []
    prev = out_pos = 0
    for m in pattern.finditer(s):
        a, b = m.span()
        if a > prev:
            pieces.append(s[prev:a])
            out_pos += a - prev
        out = repl(m)
        if out != m.group(0):
            rows.append((out_pos, out_pos + len(out), a, b))
        if out:
            pieces.append(out)
            out_pos += len(out)
        prev = b
    if not pieces and prev == 0:
        return s, rows
    pieces.append(s[prev:])
    return "".join(pieces), rows


def _sub_with_edits(s: str, pattern: re.Pattern[str], repl) -> tuple[str, _Edits]:
    """``pattern.sub`` that also records where the output came from."""
    out, rows = _sub_rows(s, pattern, repl)
    return out, _Edits(rows, len(s), len(out))


#: Stage-B result per chunk (mostly single words): (folded, edit rows relative to
#: the chunk, a glue flag: whether a stage-B match could run on over the next space).
_B_CACHE: dict[str, tuple[str, tuple[tuple[int, int, int, int], ...], int]] = {}
_B_CACHE_MAX = 200_000
_FOLDED, _ROWS, _GLUE = itemgetter(0), itemgetter(1), itemgetter(2)
_IS_NONE = None.__class__.__instancecheck__  # x is None, as a C-level predicate
#: Texts shorter than this are scanned directly.
_B_CHUNK_MIN = 256


#: Glue flags of a chunk (see :func:`_fold_chunk`).
_NO_GLUE, _GLUE_ALWAYS, _GLUE_BEFORE_CONSONANT = 0, 1, 2


def _fold_chunk(t: str, r: _Rules) -> tuple[str, tuple[tuple[int, int, int, int], ...], int]:
    """Stage B of one chunk: (folded, edit rows, may a match run on over the next space).

    The flag: ``_GLUE_ALWAYS`` for an empty chunk or one ending in a plain
    article, ``_GLUE_BEFORE_CONSONANT`` for one ending in an assimilated form
    only (then only a next chunk starting with an ``asm_first`` letter can
    complete the match), else ``_NO_GLUE``.

    Rows come as a tuple, not an :class:`_Edits`, because they are cached
    per chunk and shifted into the document's edits by the caller.  A long
    report brings ~100 words a process has not seen, so this runs ~100
    times per report until the cache is warm.  The article
    test looks only at the chunk's last ``b_tail_len`` characters (the
    longest article form); its lookbehind still sees the character before.
    """
    glue = _NO_GLUE
    if not t:
        glue = _GLUE_ALWAYS
    elif r.b_tail.search(t, tail := max(0, len(t) - r.b_tail_len)) is not None:
        glue = _GLUE_ALWAYS if r.b_tail_plain.search(t, tail) is not None else _GLUE_BEFORE_CONSONANT
    folded, rows = _sub_rows(t, r.stage_b, _stage_b_repl)
    return folded, tuple(rows), glue


def _stage_b(s: str, r: _Rules) -> tuple[str, _Edits]:
    """Stage B, chunk by chunk with a cache; same result as one ``stage_b`` scan of ``s``.

    WHY: running the many-alternative stage-B regex over a whole document
    costs ~0.3 ms per 1,000 characters, yet a report repeats a few hundred
    distinct words.  No stage-B match crosses a space except a run of spaces
    (empty chunks) and an article right before one ("al ", "ash "; chunks
    flagged by ``r.b_tail``), so the text is cut at every other space, each
    distinct chunk is folded once per process, and only chunks that changed
    produce edit rows (shifted back to document positions, so the offset map
    is identical to the single scan's).
    """
    if len(s) < _B_CHUNK_MIN:  # a name or a short line: one scan is cheaper than the bookkeeping
        return _sub_with_edits(s, r.stage_b, _stage_b_repl)
    toks = s.split(" ")
    cache = _B_CACHE
    if len(cache) > _B_CACHE_MAX:
        cache.clear()
    # every per-token step below is a C-level map/compress, not a Python loop
    ents = list(map(cache.get, toks))
    if None in ents:  # words not seen before in this process
        for t in set(compress(toks, map(_IS_NONE, ents))):
            cache[t] = _fold_chunk(t, r)
        ents = list(map(cache.__getitem__, toks))
    glue_at = list(compress(range(len(ents)), map(_GLUE, ents)))
    if glue_at:
        glue: set[int] = set()  # i: the space after chunk i must not be a cut
        last = len(toks) - 1
        asm_first = r.asm_first
        for i in glue_at:
            # (an empty next chunk is flagged itself and glues this one below)
            if ents[i][2] == _GLUE_BEFORE_CONSONANT and (i >= last or toks[i + 1][:1] not in asm_first):
                continue
            glue.add(i)
            if not toks[i]:
                glue.add(i - 1)
        # right to left, so a glued chunk can be glued again; only glued chunks are looked up
        for i in sorted((i for i in glue if 0 <= i < last), reverse=True):
            t = toks[i] + " " + toks[i + 1]
            e = cache.get(t)
            if e is None:
                e = cache[t] = _fold_chunk(t, r)
            toks[i : i + 2] = [t]
            ents[i : i + 2] = [e]
    text = " ".join(map(_FOLDED, ents))
    changed = list(compress(range(len(ents)), map(_ROWS, ents)))
    rows: list[tuple[int, int, int, int]] = []
    if changed:
        # chunk i starts at (total length of chunks before it) + i, in source and output
        src = list(accumulate(map(len, toks), initial=0))
        dst = list(accumulate(map(len, map(_FOLDED, ents)), initial=0))
        for i in changed:
            a, o = src[i] + i, dst[i] + i
            chunk_rows = ents[i][1]
            if len(chunk_rows) == 1:  # the usual case ("killed", "country"): no generator
                os_, oe, ss, se = chunk_rows[0]
                rows.append((os_ + o, oe + o, ss + a, se + a))
            else:
                rows.extend((os_ + o, oe + o, ss + a, se + a) for os_, oe, ss, se in chunk_rows)
    return text, _Edits(rows, len(s), len(text))


def _lower(text: str) -> str:
    """``str.lower`` that keeps the length (a few code points expand)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def normalize(text: str) -> Normalized:
    """Fold ``text`` for matching and keep the map back to raw offsets."""
    r = _rules()
    a_text, a_edits = _sub_with_edits(_lower(text), r.stage_a, _stage_a_repl)
    b_text, b_edits = _stage_b(a_text, r)
    return Normalized(b_text, a_edits, b_edits, len(text))


def normalize_name(name: str) -> str:
    """The folded key of a name: its folded words joined by single spaces.

    Punctuation is dropped ("U.S." -> "u s"), so this is exactly the key
    :class:`frontline.text.Matcher` stores and reports as ``Match.norm``.
    """
    return index_key(name)


_WORDS = re.compile(r"[^\W_]+")


@lru_cache(maxsize=65536)
def index_key(name: str) -> str:
    """Dictionary key of a name (same as :func:`normalize_name`).

    Punctuation is dropped ("U.S." -> "u s"), so keys only ever match whole
    words of the folded text (see :class:`frontline.text.Matcher`).  Cached:
    the geoparser looks the same names up in document after document.
    """
    return " ".join(_WORDS.findall(normalize(name).text))


@lru_cache(maxsize=65536)
def skeleton(folded: str) -> str:
    """A coarse consonant key of already folded text, for fuzzy blocking only."""
    r = _rules()
    s = folded
    for k, v in r.skel_digraphs.items():
        s = s.replace(k, v)
    s = "".join(r.skel_letters.get(c, c) for c in s)
    words = []
    for w in s.split():
        key = "".join(c for c in w if c not in "aiu") or w[:1]
        words.append(re.sub(r"(.)\1+", r"\1", key))
    return " ".join(words)


def _start_in(pos: int, starts: list[int], rows: list, out_len: int, src_len: int) -> int:
    """Source offset where output offset ``pos`` starts, for one folding layer.

    Inlined arithmetic of the layer's ``start_of``: ``raw_spans`` maps many
    spans through two layers and the method-call overhead dominated.
    """
    if pos >= out_len:
        return src_len
    k = bisect.bisect_right(starts, pos) - 1
    if k < 0:
        return pos
    os_, oe, ss, se = rows[k]
    return ss + min(pos - os_, se - ss - 1) if pos < oe else se + (pos - oe)


def _end_in(pos: int, starts: list[int], rows: list, out_len: int, src_len: int) -> int:
    """Source offset just past output offset ``pos``, for one folding layer (see ``_start_in``)."""
    if pos >= out_len:
        return src_len
    k = bisect.bisect_right(starts, pos) - 1
    if k < 0:
        return pos + 1
    os_, oe, ss, se = rows[k]
    if pos < oe:
        i, m, w = pos - os_, oe - os_, se - ss
        return se if i == m - 1 else ss + min(i + 1, w)
    return se + (pos - oe) + 1
