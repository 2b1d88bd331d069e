"""Cut a text into the units the segmenter labels: lines or blank-line blocks.

Pasted reports come in two layouts: one paragraph per line (often with no
blank lines at all, and one reader comment per line), or paragraphs separated
by blank lines, sometimes hard-wrapped at ~70 characters.  In the first layout
a line is the natural unit (a comment is a line); in the hard-wrapped layout a
line is a fragment, so the unit is the blank-line block.  :func:`split_units`
decides which, per document, and returns units as trimmed offsets (no leading
or trailing whitespace), so whitespace between units can be given to a
neighbouring part later.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Hard-wrapped text keeps (nearly) every line at most this long.
WRAP_WIDTH = 100


@dataclass(slots=True)
class Unit:
    """A trimmed line or block: ``text[start:end]`` has no outer whitespace."""

    start: int
    end: int
    #: Index of the unit's first non-empty line among all non-empty lines.
    line_no: int
    #: Number of non-empty lines in the unit.
    n_lines: int
    #: Index of the blank-line block the unit belongs to.
    block_no: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


def _trimmed_lines(text: str) -> list[tuple[int, int, int]]:
    """Non-empty lines as ``(start, end, block_no)``, trimmed of whitespace."""
    out: list[tuple[int, int, int]] = []
    block = 0
    blank_run = True
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        s, e = pos, line_end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            if blank_run and out:
                block += 1
            out.append((s, e, block))
            blank_run = False
        else:
            blank_run = True
        pos = line_end + 1
    return out


def is_hard_wrapped(text: str, lines: list[tuple[int, int, int]]) -> bool:
    """True when most lines sit in multi-line blocks and are short (wrapped prose)."""
    if len(lines) < 4:
        return False
    per_block: dict[int, int] = {}
    for _, _, b in lines:
        per_block[b] = per_block.get(b, 0) + 1
    in_multi = sum(1 for _, _, b in lines if per_block[b] > 1)
    if len(per_block) < 2 or in_multi < 0.6 * len(lines):
        return False
    # Wrapped text has no long lines at all; one-paragraph-per-line text has
    # long body lines even when short comment lines sit in one block.
    # (a long URL on its own line does not count: it has no spaces to wrap at).
    return not any(e - s > WRAP_WIDTH and text.count(" ", s, e) > 3 for s, e, _ in lines)


#: A line broken mid-sentence is at least this long (shorter ones may be comments).
CONTINUATION_MIN_CHARS = 100
#: Lines are re-joined only when a document shows this many such breaks.
MIN_BROKEN_LINES = 2


def _continues(text: str, prev: tuple[int, int, int], start: int) -> bool:
    """A long line cut mid-sentence, and the next line goes on in lower case.

    Some extractors break lines at odd places; a comment thread's short lines
    never merge this way because the previous line must be long.
    """
    last = text[prev[1] - 1]
    return (
        prev[1] - prev[0] >= CONTINUATION_MIN_CHARS
        and (last.isalnum() or last in ",;-–(")
        and text[start].islower()
    )


def split_units(text: str) -> list[Unit]:
    """The document's units (lines, or blocks when the text is hard-wrapped)."""
    lines = _trimmed_lines(text)
    if not lines:
        return []
    wrapped = is_hard_wrapped(text, lines)
    breaks: set[int] = set()
    if not wrapped:
        breaks = {
            i for i in range(1, len(lines)) if lines[i][2] == lines[i - 1][2] and _continues(text, lines[i - 1], lines[i][0])
        }
        if len(breaks) < MIN_BROKEN_LINES:
            breaks = set()  # one odd break is more likely a lower-case comment after the article
    units: list[Unit] = []
    for i, (s, e, b) in enumerate(lines):
        if units and units[-1].block_no == b and (wrapped or i in breaks):
            units[-1].end = e
            units[-1].n_lines += 1
        else:
            units.append(Unit(s, e, i, 1, b))
    return units


def word_count(s: str) -> int:
    return len(s.split())


def more_words_than(s: str, n: int) -> bool:
    """``word_count(s) > n``, without splitting all of a long paragraph.

    ``str.split(None, n)`` stops after ``n`` cuts, so asking whether a
    3,000-character paragraph is longer than a 16-word byline costs what
    reading its first 17 words costs.  A text shorter than ``2n + 1``
    characters cannot hold ``n + 1`` words and their separators.
    """
    if len(s) <= 2 * n:
        return False
    return len(s.split(None, n)) > n
