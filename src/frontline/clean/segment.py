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

import re
import statistics
from dataclasses import dataclass, field
from typing import Any

from frontline.clean.blocks import Unit, split_units, word_count
from frontline.clean.dates import FoundDate, find_date
from frontline.clean.fields import plausible_name
from frontline.clean.lexicon import Cues
from frontline.clean.sentences import split_sentences
from frontline.clean.signals import Score, boiler_score, comment_score, link_only, strip_links

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


def _looks_like_title(s: str, cues: Cues, known_title: str | None) -> bool:
    plain = strip_links(s).strip(" #*_")
    if not plain:
        return False
    if known_title:
        kt = " ".join(known_title.split()).lower()
        if " ".join(plain.split()).lower() == kt:
            return True
    n = word_count(plain)
    if n == 0 or n > cues.title_max_words or len(plain) > cues.title_max_chars:
        return False
    first = plain[0]
    if not (first.isdigit() or first.isupper() or not first.isalpha()) or not any(ch.isalpha() for ch in plain):
        return False
    if plain.endswith(".") and not plain.endswith("..."):
        # A one-sentence lead can end with a period; a title rarely does unless title-cased.
        words = [w for w in plain.split() if w[:1].isalpha()]
        capitalised = sum(1 for w in words if w[0].isupper())
        return n <= 14 and bool(words) and capitalised / len(words) >= 0.6
    return True


def _dateline(s: str, cues: Cues) -> FoundDate | None:
    """The date of a dateline-shaped line: a date plus at most a short name or prefix."""
    if word_count(s) > DATELINE_MAX_WORDS:
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
    if word_count(s) > BYLINE_MAX_WORDS:
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
                or (word_count(s) <= cues.title_max_words and _header_line_follows(text, units, i, cues, have, 3))
            )
        ):
            # A title must be followed by more text; a long first line is the lead, not a title.
            labels[i] = Labelled("title", u.start, u.end, {})
            have["title"] = True
            continue
        if labels and _header_line_follows(text, units, i, cues, have) and word_count(s) <= HEADER_FURNITURE_WORDS:
            # A short unknown line between header lines ("Reading time: 4 min") is header furniture.
            labels[i] = Labelled("boilerplate", u.start, u.end, {"signals": ["between_header_lines"]})
            continue
        break
    return labels, found_date


def _sentence_per_line(candidates: list[int], texts: list[str], cues: Cues) -> bool:
    """Whether the article is laid out one sentence per line.

    Then a short, personal last line is as likely the author's as a
    reader's (the line shape that sets a comment apart from a paragraph is
    gone), so a thread needs stronger evidence.
    """
    head = candidates[: max(2, (len(candidates) * 3 + 4) // 5)]
    if len(head) < SENTENCE_LINE_MIN_UNITS:
        return False
    single = sum(1 for i in head if len(split_sentences(texts[i], 0, len(texts[i]), cues.abbreviations)) <= 1)
    return single >= SENTENCE_LINE_SHARE * len(head)


def body_end(scores: list[float], min_thread: float = MIN_THREAD_SCORE) -> int:
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


def _discount_body_register(candidates: list[int], texts: list[str], cscores: list[Score], cues: Cues) -> None:
    """Signals the article itself uses often are no evidence of a comment.

    An opinion column says "I" and "you" in its long paragraphs; then a
    short closing "I hope I am wrong." is the author's, not a reader's.  For
    each person/exclamation signal seen in at least a third of the long
    paragraphs of the document's first 60 % (and in two or more), its weight
    is taken back everywhere.
    """
    # Sample the first 60 % of the units, where the article is (a thread follows it).
    head = candidates[: max(2, (len(candidates) * 3 + 4) // 5)]
    long_ones = [k for k, i in enumerate(head) if len(texts[i].split()) >= REGISTER_SAMPLE_WORDS]
    if len(long_ones) < 2:
        return
    w = cues.comment_weights
    weights = {"first_person": w["first_person_singular"], "second_person": w["second_person"], "exclamation": w["exclamation"]}
    for name, weight in weights.items():
        seen = sum(1 for k in long_ones if name in cscores[k].signals)
        if seen >= 2 and seen * 3 >= len(long_ones):
            for sc in cscores:
                if name in sc.signals:
                    sc.add(f"-{name}(article register)", -weight)


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
    bscores = [boiler_score(t, cues) for t in texts]
    header, found_date = label_header(text, units, bscores, cues, known_title)
    first = max(header) + 1 if header else 0
    th = cues.thresholds
    labels: list[Labelled | None] = [header.get(i) for i in range(len(units))]

    # Strong boilerplate anywhere after the header.
    candidates: list[int] = []
    for i in range(first, len(units)):
        sc = bscores[i]
        long_unit = word_count(texts[i]) > th["inside_long_words"]
        if sc.value >= (th["inside_long"] if long_unit else th["inside"]):
            labels[i] = Labelled("boilerplate", units[i].start, units[i].end, {"signals": sc.signals})
        else:
            candidates.append(i)

    if candidates:
        lengths = [len(strip_links(texts[i]).split()) for i in candidates]
        typical = float(statistics.quantiles(lengths, n=4)[2]) if len(lengths) >= 2 else float(lengths[0])
        cscores = [comment_score(texts[i], cues, typical) for i in candidates]
        _discount_body_register(candidates, texts, cscores, cues)
        # Position: a unit after a footer-only kind of boilerplate (a copyright
        # line, a donation note) is past the article's end.
        footer_seen = False
        k = 0
        for i in range(first, len(units)):
            lab = labels[i]
            if lab is not None and lab.kind == "boilerplate":
                # Only after some article text: a header can hold "originally published by".
                footer_seen = footer_seen or (k > 0 and bool(cues.footer_categories & set(bscores[i].signals)))
            elif k < len(candidates) and candidates[k] == i:
                if footer_seen and k > 0:
                    cscores[k].add("after_footer", cues.comment_weights["after_footer"])
                k += 1
        # Weak boilerplate is neither evidence for nor against a thread.
        values = [0.0 if bscores[i].value >= th["footer"] else cs.value for i, cs in zip(candidates, cscores, strict=True)]
        sentence_lines = _sentence_per_line(candidates, texts, cues)
        last_body = body_end(values, SENTENCE_LINE_THREAD_SCORE if sentence_lines else MIN_THREAD_SCORE)
        for k, i in enumerate(candidates):
            u = units[i]
            if k <= last_body:
                labels[i] = Labelled("body", u.start, u.end, {})
            elif bscores[i].value >= th["footer"]:
                labels[i] = Labelled("boilerplate", u.start, u.end, {"signals": bscores[i].signals})
            else:
                labels[i] = Labelled(
                    "comment", u.start, u.end, {"score": round(cscores[k].value, 2), "signals": cscores[k].signals}
                )
    _trailing_footer(labels, bscores, th["footer"])
    items = [lab for lab in labels if lab is not None]
    return Segmentation(items, units, found_date)
