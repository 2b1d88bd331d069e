"""Label every unit of a report: header lines, body, boilerplate, comments.

The layout of a pasted report is ``[header] body [footer]``, where the header
holds the title, byline, dateline and site taxonomy lines; boilerplate blocks
can sit anywhere (a video link between paragraphs, a donation note after the
body); and reader comments only follow the article.  So the segmenter:

1. walks the first units while they look like header lines
   (:func:`label_header`);
2. marks strong boilerplate anywhere by its score (cue phrases and shapes);
3. finds where the body ends as the change point that maximises the summed
   comment score of everything after it (:func:`body_end`).  A suffix sum
   lets a thread carry a comment that looks neutral on its own ("The problem
   is they are fighting three armies."), while a short closing paragraph of
   the article ("The battle is ongoing.") stays body because nothing
   comment-like follows it;
4. after the body end, units with a weaker boilerplate score are boilerplate
   and the rest are comments, one per unit.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from frontline.clean.blocks import Unit, more_words_than, split_units, word_count
from frontline.clean.dates import FoundDate, find_date
from frontline.clean.fields import plausible_name
from frontline.clean.lexicon import Cues
from frontline.clean.sentences import split_sentences
from frontline.clean.signals import (
    Score,
    boiler_score,
    comment_score,
    link_only,
    register_signals,
    strip_links,
)
from frontline.model import Span

#: How many leading units may be header lines.
MAX_HEADER_UNITS = 12
#: An unknown line between header lines is furniture only if this short.
HEADER_FURNITURE_WORDS = 8
#: A byline line holds at most this many words.
BYLINE_MAX_WORDS = 16
#: A dateline is a short line: at most this many words.
DATELINE_MAX_WORDS = 14
#: Words besides the date (outlet name, "Published:") a dateline may hold.
DATELINE_RESIDUE_WORDS = 6
_BY_TAIL = re.compile(r"\bby\b.*$", re.IGNORECASE)
#: The thread after the body must score at least this much to be comments.
MIN_THREAD_SCORE = 1.5
#: One-sentence-per-line articles (at least this many units in the article
#: region, this share of them single sentences) need this thread score.
SENTENCE_LINE_MIN_UNITS = 8
SENTENCE_LINE_SHARE = 0.75
SENTENCE_LINE_THREAD_SCORE = 6.0
#: A unit scoring this low (long, reported, no personal voice) is article, not thread.
STRONG_BODY = -2.5


@dataclass(slots=True)
class Labelled:
    """One labelled stretch ``[start, end)`` (trimmed) of the text."""

    kind: str
    start: int
    end: int
    info: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Segmentation:
    """The labelled stretches in text order, plus what the header stated."""

    items: list[Labelled]
    units: list[Unit]
    dateline_date: FoundDate | None = None  # offsets are document offsets
    #: Sentences already split while segmenting, by ``(start, end)`` of the unit (document offsets).
    sentences: dict[tuple[int, int], list[Span]] = field(default_factory=dict)


def _looks_like_title(s: str, cues: Cues, known_title: str | None) -> bool:
    plain = strip_links(s).strip(" #*_")
    if not plain:
        return False
    if known_title:
        kt = " ".join(known_title.split()).lower()
        if " ".join(plain.split()).lower() == kt:
            return True
    if len(plain) > cues.title_max_chars or more_words_than(plain, cues.title_max_words) or not plain.split(None, 1):
        return False
    first = plain[0]
    if not (first.isdigit() or first.isupper() or not first.isalpha()) or not any(ch.isalpha() for ch in plain):
        return False
    if plain.endswith(".") and not plain.endswith("..."):
        # A one-sentence lead can end with a period; a title rarely does unless title-cased.
        words = [w for w in plain.split() if w[:1].isalpha()]
        capitalised = sum(1 for w in words if w[0].isupper())
        return not more_words_than(plain, 14) and bool(words) and capitalised / len(words) >= 0.6
    return True


def _dateline(s: str, cues: Cues) -> FoundDate | None:
    """The date of a dateline-shaped line: a date plus at most a short name or prefix."""
    if more_words_than(s, DATELINE_MAX_WORDS):
        return None
    fd = find_date(s, cues)
    if fd is None:
        return None
    residue = strip_links(s[: fd.start] + " " + s[fd.end :])
    residue = _BY_TAIL.sub(" ", residue)
    if word_count(residue) > DATELINE_RESIDUE_WORDS:
        return None
    return fd


def _is_byline(s: str, cues: Cues) -> bool:
    """A "By …" line whose rest is a short name, not a sentence ("By Monday, the army …")."""
    if more_words_than(s, BYLINE_MAX_WORDS):
        return False
    for p in cues.byline:
        m = p.match(s)
        if m:
            name = strip_links(m.group("name")).strip(" *_")
            return plausible_name(name) and not name.rstrip().endswith((".", "!", "?"))
    return False


def _header_line_follows(
    text: str, units: list[Unit], i: int, cues: Cues, have: dict[str, bool], within: int = 2
) -> bool:
    """Whether one of the next ``within`` units is a byline or dateline not seen yet."""
    for u in units[i + 1 : i + 1 + within]:
        s = u.slice(text)
        if not have["byline"] and _is_byline(s, cues):
            return True
        if not have["dateline"] and _dateline(s, cues) is not None:
            return True
    return False


def label_header(
    text: str, units: list[Unit], bscores: list[Score], cues: Cues, known_title: str | None
) -> tuple[dict[int, Labelled], FoundDate | None]:
    """Header labels by unit index, and the dateline's date (document offsets)."""
    labels: dict[int, Labelled] = {}
    found_date: FoundDate | None = None
    have = {"title": False, "byline": False, "dateline": False}
    inside = cues.thresholds["inside"]
    for i, u in enumerate(units[:MAX_HEADER_UNITS]):
        s = u.slice(text)
        if i == len(units) - 1 and not labels:
            break  # a one-unit text is body
        if not have["byline"] and _is_byline(s, cues):
            labels[i] = Labelled("byline", u.start, u.end, {})
            have["byline"] = True
            continue
        if not have["dateline"]:
            fd = _dateline(s, cues)
            if fd is not None:
                labels[i] = Labelled("dateline", u.start, u.end, {})
                have["dateline"] = True
                found_date = FoundDate(fd.date, u.start + fd.start, u.start + fd.end)
                continue
        if bscores[i].value >= inside or link_only(s):
            labels[i] = Labelled("boilerplate", u.start, u.end, {"signals": bscores[i].signals or ["links_only"]})
            continue
        if (
            not have["title"]
            and not have["byline"]
            and i < len(units) - 1
            and (
                _looks_like_title(s, cues, known_title)
                or (not more_words_than(s, cues.title_max_words) and _header_line_follows(text, units, i, cues, have, 3))
            )
        ):
            # A title must be followed by more text; a long first line is the lead, not a title.
            labels[i] = Labelled("title", u.start, u.end, {})
            have["title"] = True
            continue
        if labels and _header_line_follows(text, units, i, cues, have) and not more_words_than(s, HEADER_FURNITURE_WORDS):
            # A short unknown line between header lines ("Reading time: 4 min") is header furniture.
            labels[i] = Labelled("boilerplate", u.start, u.end, {"signals": ["between_header_lines"]})
            continue
        break
    return labels, found_date


def _sentence_per_line(
    candidates: list[int], text: str, units: list[Unit], cues: Cues, split: dict[tuple[int, int], list[Span]]
) -> bool:
    """Whether the article is laid out one sentence per line.

    Then a short, personal last line is as likely the author's as a
    reader's (the line shape that sets a comment apart from a paragraph is
    gone), so a thread needs stronger evidence.  The sentences split here
    are kept in ``split`` (by unit offsets) for the stage to reuse.
    """
    head = candidates[: max(2, (len(candidates) * 3 + 4) // 5)]
    if len(head) < SENTENCE_LINE_MIN_UNITS:
        return False
    single = 0
    for i in head:
        u = units[i]
        sents = split_sentences(text, u.start, u.end, cues.abbreviations)
        split[(u.start, u.end)] = sents
        single += len(sents) <= 1
    return single >= SENTENCE_LINE_SHARE * len(head)


def body_end(scores: Sequence[float], min_thread: float = MIN_THREAD_SCORE) -> int:
    """Index of the last body unit among ``scores`` (comment scores in order).

    Returns ``len(scores) - 1`` when no suffix scores at least
    ``min_thread``.  The first unit is always body, and so is every unit up
    to the last one scoring :data:`STRONG_BODY` or less.
    """
    best_sum = min_thread
    best_end = len(scores) - 1
    running = 0.0
    for j in range(len(scores) - 1, 0, -1):
        if scores[j] <= STRONG_BODY:
            break  # a thread never holds a unit that reads plainly as reporting
        running += scores[j]
        if running >= best_sum:
            best_sum = running
            best_end = j - 1
    return best_end


#: Paragraphs at least this long are taken as samples of the article's own register.
REGISTER_SAMPLE_WORDS = 25


#: The person/exclamation signals an article's own register can take back.
REGISTER_SIGNALS = (
    ("first_person", "first_person_singular"),
    ("second_person", "second_person"),
    ("exclamation", "exclamation"),
)


class CommentScores(Sequence[float]):
    """The comment scores of the candidate units, computed only when asked for.

    :func:`body_end` reads the scores from the last unit backwards and stops
    at the first one that reads plainly as reporting, and only the units
    after the body need their signals, so most of a long article is never
    scored: scoring is most of the stage's cost.  Indexing gives the value
    :func:`body_end` works on (0.0 for weak boilerplate, which is neither
    evidence for nor against a thread); :meth:`score` the full score.

    A score is the unit's :func:`comment_score`, minus the signals the
    article's own register discounts (:meth:`discounted`), plus
    ``after_footer`` — the same signals, weights and order as scoring every
    unit up front, so the result is identical.
    """

    def __init__(
        self,
        candidates: list[int],
        texts: list[str],
        bscores: list[Score],
        cues: Cues,
        typical: float,
        after_footer: list[bool],
        lowers: list[str] | None = None,
    ) -> None:
        self._candidates = candidates
        self._texts = texts
        self._bscores = bscores
        self._cues = cues
        self._typical = typical
        self._after_footer = after_footer
        self._lowers = lowers
        self._raw: list[Score | None] = [None] * len(candidates)
        self._final: list[Score | None] = [None] * len(candidates)
        self._discounted: frozenset[str] | None = None

    def __len__(self) -> int:
        return len(self._candidates)

    def __getitem__(self, k):  # type: ignore[override]  # int only
        if self._bscores[self._candidates[k]].value >= self._cues.thresholds["footer"]:
            return 0.0
        return self.score(k).value

    def _raw_score(self, k: int) -> Score:
        sc = self._raw[k]
        if sc is None:
            i = self._candidates[k]
            sc = comment_score(self._texts[i], self._cues, self._typical, self._lowers[i] if self._lowers else None)
            self._raw[k] = sc
        return sc

    def discounted(self) -> frozenset[str]:
        """Signals the article itself uses often are no evidence of a comment.

        An opinion column says "I" and "you" in its long paragraphs; then a
        short closing "I hope I am wrong." is the author's, not a reader's.  A
        person/exclamation signal seen in at least a third of the long
        paragraphs of the document's first 60 % (and in two or more) has its
        weight taken back everywhere.
        """
        if self._discounted is None:
            cands = self._candidates
            # Sample the first 60 % of the units, where the article is (a thread follows it).
            head = cands[: max(2, (len(cands) * 3 + 4) // 5)]
            long_ones = [k for k, i in enumerate(head) if more_words_than(self._texts[i], REGISTER_SAMPLE_WORDS - 1)]
            found: set[str] = set()
            if len(long_ones) >= 2:
                registers = [self._register(k) for k in long_ones]
                for name, _ in REGISTER_SIGNALS:
                    seen = sum(1 for r in registers if name in r)
                    if seen >= 2 and seen * 3 >= len(long_ones):
                        found.add(name)
            self._discounted = frozenset(found)
        return self._discounted

    def _register(self, k: int) -> frozenset[str]:
        """The register signals of candidate ``k``, from its score if it has one."""
        raw = self._raw[k]
        if raw is not None:
            return frozenset(name for name, _ in REGISTER_SIGNALS if name in raw.signals)
        i = self._candidates[k]
        return register_signals(self._texts[i], self._cues, self._lowers[i] if self._lowers else None)

    def score(self, k: int) -> Score:
        """The full score of candidate ``k`` (register discount and position included)."""
        final = self._final[k]
        if final is not None:
            return final
        raw = self._raw_score(k)
        final = Score(raw.value, list(raw.signals))
        if any(name in raw.signals for name, _ in REGISTER_SIGNALS):
            discounted = self.discounted()
            w = self._cues.comment_weights
            for name, weight_key in REGISTER_SIGNALS:
                if name in discounted and name in raw.signals:
                    final.add(f"-{name}(article register)", -w[weight_key])
        if self._after_footer[k]:
            final.add("after_footer", self._cues.comment_weights["after_footer"])
        self._final[k] = final
        return final


def _trailing_footer(labels: list[Labelled | None], bscores: list[Score], footer: float) -> None:
    """Body units after the last boilerplate-free body unit that carry cues are footer.

    A long fair-use notice may score too low to be taken out of the middle of
    an article, but once nothing but boilerplate and comments follows it, it
    is part of the footer.
    """
    for i in range(len(labels) - 1, -1, -1):
        lab = labels[i]
        if lab is None or lab.kind in ("boilerplate", "comment"):
            continue
        if lab.kind != "body" or bscores[i].value < footer:
            return
        if not any(x is not None and x.kind == "body" for x in labels[:i]):
            return  # never take the whole body
        labels[i] = Labelled("boilerplate", lab.start, lab.end, {"signals": bscores[i].signals})


def segment_text(text: str, cues: Cues, known_title: str | None = None) -> Segmentation:
    """Label the units of ``text`` (see the module docstring)."""
    units = split_units(text)
    if not units:
        return Segmentation([], units)
    texts = [u.slice(text) for u in units]
    split: dict[tuple[int, int], list[Span]] = {}
    lowers = [t.lower() for t in texts]  # shared by the boilerplate and comment signals
    bscores = [boiler_score(t, cues, low) for t, low in zip(texts, lowers, strict=True)]
    header, found_date = label_header(text, units, bscores, cues, known_title)
    first = max(header) + 1 if header else 0
    th = cues.thresholds
    labels: list[Labelled | None] = [header.get(i) for i in range(len(units))]

    # Strong boilerplate anywhere after the header.
    candidates: list[int] = []
    for i in range(first, len(units)):
        sc = bscores[i]
        long_unit = more_words_than(texts[i], math.floor(th["inside_long_words"]))  # n > x ⇔ n > ⌊x⌋
        if sc.value >= (th["inside_long"] if long_unit else th["inside"]):
            labels[i] = Labelled("boilerplate", units[i].start, units[i].end, {"signals": sc.signals})
        else:
            candidates.append(i)

    if candidates:
        lengths = [len(strip_links(texts[i], lowers[i]).split()) for i in candidates]
        typical = float(statistics.quantiles(lengths, n=4)[2]) if len(lengths) >= 2 else float(lengths[0])
        # Position: a unit after a footer-only kind of boilerplate (a copyright
        # line, a donation note) is past the article's end.
        after_footer = [False] * len(candidates)
        footer_seen = False
        k = 0
        for i in range(first, len(units)):
            lab = labels[i]
            if lab is not None and lab.kind == "boilerplate":
                # Only after some article text: a header can hold "originally published by".
                footer_seen = footer_seen or (k > 0 and bool(cues.footer_categories & set(bscores[i].signals)))
            elif k < len(candidates) and candidates[k] == i:
                after_footer[k] = footer_seen and k > 0
                k += 1
        cscores = CommentScores(candidates, texts, bscores, cues, typical, after_footer, lowers)
        sentence_lines = _sentence_per_line(candidates, text, units, cues, split)
        last_body = body_end(cscores, SENTENCE_LINE_THREAD_SCORE if sentence_lines else MIN_THREAD_SCORE)
        for k, i in enumerate(candidates):
            u = units[i]
            if k <= last_body:
                labels[i] = Labelled("body", u.start, u.end, {})
            elif bscores[i].value >= th["footer"]:
                labels[i] = Labelled("boilerplate", u.start, u.end, {"signals": bscores[i].signals})
            else:
                sc = cscores.score(k)
                labels[i] = Labelled("comment", u.start, u.end, {"score": round(sc.value, 2), "signals": sc.signals})
    _trailing_footer(labels, bscores, th["footer"])
    items = [lab for lab in labels if lab is not None]
    return Segmentation(items, units, found_date, split)
