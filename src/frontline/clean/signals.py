"""Per-unit scores: how much a unit reads like boilerplate, and like a comment.

Two independent scores, both sums of weighted signals (weights in the data
files), so every decision can be explained by listing the signals that fired:

* :func:`boiler_score` — cue phrases (donation notes, share prompts,
  disclaimers, …) plus shape signals that hold for any site: a line that is
  only links/URLs/e-mail addresses, a lone separator such as ``*`` or ``---``,
  a short call to action.
* :func:`comment_score` — register signals: first/second person and
  exclamations outside quotations, chat words and emoji, a lower-case start,
  missing final punctuation, shortness relative to the document's paragraphs;
  reporting verbs and agency datelines count against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from frontline.clean.lexicon import Cues

_MD_LINK = re.compile(r"!?\[([^\[\]\n]{0,300})\]\(([^()\s]{0,500})\)")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\")\]]+|<https?://[^>\s]+>", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email[\s\u00a0]*protected\]", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[\W_]{1,40}$")
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d[\d,.]*")
# Quoted stretches: straight or curly double quotes, guillemets (not apostrophes,
# which are too ambiguous with elisions).
_QUOTED = re.compile(r"\"[^\"\n]{0,600}\"|“[^”\n]{0,600}”|«[^»\n]{0,600}»|„[^“”\n]{0,600}[“”]")
_EMOJI = re.compile("[\U0001f300-\U0001faff\U00002600-\U000027bf\U0001f000-\U0001f2ff]")
_EMOTICON = re.compile(r"(?<!\w)[:;=8][-']?[)(DPp](?!\w)")
_EMOTICON_HINTS = (":)", ":(", ":D", ":P", ":p", ";)", ":-", ";-", "=)", "=(", "8)")
#: ``any(h in s for h in _EMOTICON_HINTS)`` in one regex pass.
_EMOTICON_HINT = re.compile("|".join(re.escape(h) for h in _EMOTICON_HINTS))
_REPEAT_HINTS = ("!!", "??", "..", "?!", "!?")
_REPEATED = re.compile(r"[!?]{2,}|\.\.(?!\.)|\.{4,}|\?!|!\?")
_SHOUT = re.compile(r"\b[A-Z]{6,}\b")
_NUMBER = re.compile(r"\d")


@dataclass(slots=True)
class Score:
    """A score and the names of the signals that contributed to it."""

    value: float = 0.0
    signals: list[str] = field(default_factory=list)

    def add(self, name: str, weight: float) -> None:
        if weight:
            self.value += weight
            self.signals.append(name)


def _may_have_links(s: str, lowered: str | None = None) -> tuple[bool, bool, bool]:
    """Substring prechecks (markdown link, URL, e-mail) that spare most regex passes."""
    low = s.lower() if lowered is None else lowered
    return ("](" in s, "http" in low or "www." in low, "@" in s or "protected]" in low)


def strip_links(s: str, lowered: str | None = None) -> str:
    """Text with markdown links reduced to their label and bare URLs/e-mails removed.

    ``lowered`` is ``s.lower()`` when the caller has it already.
    """
    md, url, email = _may_have_links(s, lowered)
    if md:
        s = _MD_LINK.sub(lambda m: m.group(1), s)
    if url:
        s = _URL.sub(" ", s)
    if email:
        s = _EMAIL.sub(" ", s)
    return s


def link_only(s: str, lowered: str | None = None) -> bool:
    """True when a unit is nothing but links, URLs, e-mail addresses and glue words.

    ``lowered`` is ``s.lower()`` when the caller has it already.
    """
    md, url, email = _may_have_links(s, lowered)
    if not (md or url or email):
        return False
    rest = _MD_LINK.sub(" ", s) if md else s
    if url:
        rest = _URL.sub(" ", rest)
    if email:
        rest = _EMAIL.sub(" ", rest)
    if rest == s:
        return False
    words = [w for w in _WORDS.findall(rest) if len(w) > 3]
    return len(words) <= 2


#: A name-only line is short; longer units are not even inspected.
NAME_ONLY_MAX_CHARS = 80
_CONNECTORS = frozenset({"and", "of", "the", "al", "el", "bin", "ibn", "de", "van", "von", "da", "for"})
#: A character other than a letter, a digit (``str.isalnum``) or one of `` /|,.&'’-()``.
_NOT_NAME_CHAR = re.compile(r"[^\w /|,.&'’()\-]|_")


def name_only(s: str, cues: Cues) -> bool:
    """A short line that is only a capitalised name: a signature or a credit.

    Reader comments almost always hold a lower-case word, punctuation such as
    "!" or "?", or a chat word ("Bravo", "LOL"), so they do not match.
    """
    # Every test below can only say no, so the cheapest ones come first.
    if len(s) > NAME_ONLY_MAX_CHARS or _NOT_NAME_CHAR.search(s):
        return False
    words = [w for w in s.split() if any(ch.isalnum() for ch in w)]
    if not words or len(words) > cues.name_only_max_words:
        return False
    if s.endswith(".") and len(words) > 1 and not words[-1][:-1].isupper():
        return False  # "Peace now." is a sentence
    low = {w.lower().strip(".,") for w in words}
    if low & cues.chat_words or low & cues.opinion_words:
        return False
    for w in words:
        core = w.strip("/|,.&'’-()")
        parts = [p for p in re.split(r"[/'’-]", core) if p]
        for p in parts:
            if p.lower() in _CONNECTORS or p[0].isdigit():
                continue
            if not p[0].isupper():
                return False
    return any(ch.isalpha() for ch in s)


#: Below this length one regex pass beats splitting into words.
SHORT_TEXT = 300


def has_shouting(s: str) -> bool:
    """``_SHOUT.search(s)``, tried only on the words that could hold six capitals in a row.

    A word never spans whitespace and ``\\b`` holds at a space, so each
    whitespace chunk can be searched alone; a chunk whose tail has no capital
    ("Syria," "attacked") has at most one and is skipped.  The regex over
    a whole paragraph would be tried at every position.
    """
    if len(s) < SHORT_TEXT:
        return _SHOUT.search(s) is not None
    return any(len(chunk) >= 6 and not chunk[1:].islower() and _SHOUT.search(chunk) for chunk in s.split())


def words_of(s: str) -> list[str]:
    return _WORDS.findall(s)


#: Punctuation that may wrap a word ("(said," "“Yes!”"); none of it is a word character.
_WRAPPERS = "\"'’‘“”.,;:!?()[]{}-–—*«»"


def lowered_word_set(s: str, lowered: str) -> set[str]:
    """``{w.lower() for w in words_of(s)}``, computed from whitespace chunks.

    The word regex costs ~0.5 µs per word on a long paragraph; most chunks
    of ``lowered.split()`` are one plain word, possibly wrapped in
    punctuation, and ``str.strip``/``str.isalpha`` settle those in C.  A
    word never spans whitespace, so the regex is needed only for the other
    chunks ("al-Assad", "don't", "5km").  Lower-casing first changes no
    character's class (letter, digit, apostrophe or space); when it changes
    the length (a dotted capital I), the plain way is used.
    """
    if len(lowered) != len(s):
        return {w.lower() for w in _WORDS.findall(s)}
    chunks = set(lowered.split())
    out = {c for c in chunks if c.isalpha()}  # most chunks are a bare word
    for chunk in chunks - out:
        core = chunk.strip(_WRAPPERS)
        if core.isalpha():
            out.add(core)
        elif core:
            out.update(_WORDS.findall(chunk))
    return out


def boiler_score(s: str, cues: Cues, lowered: str | None = None) -> Score:
    """Boilerplate score of one unit's text (``lowered``: its ``lower()``, if at hand)."""
    sc = Score()
    if lowered is None:
        lowered = s.lower()
    for ci, hits in cues.category_hits(s, lowered):
        cat = cues.boiler[ci]
        # Further patterns of the same kind add half weight each: a long
        # disclaimer shows several of its phrases, a passing mention one.
        sc.add(cat.name, cat.weight * (1 + 0.5 * (hits - 1)))
    stripped = s.strip()
    # Units come trimmed, so the lower-cased text is usually already at hand.
    low_stripped = lowered if len(stripped) == len(s) else stripped.lower()
    shape = cues.shape_weights
    if _SEPARATOR.match(stripped) and not any(ch.isalnum() for ch in stripped):
        sc.add("separator", shape["separator"])
    elif link_only(stripped, low_stripped):
        sc.add("links_only", shape["links_only"])
    elif name_only(stripped, cues):
        sc.add("name_only", shape["name_only"])
    low = low_stripped.lstrip("*_#>-• ")
    # str.startswith with a tuple tests every opener in one call; most units start with none.
    if low.startswith(cues.imperatives) and len(stripped.split()) <= cues.imperative_max_words:
        for imp in cues.imperatives:
            if low.startswith(imp) and (len(low) == len(imp) or not low[len(imp)].isalnum()):
                sc.add("imperative", cues.imperative_weight)
                break
    return sc


_OPENERS = "“«„"
_CLOSERS = "”»"
_QUOTE_MARKS = _OPENERS + _CLOSERS


def unquoted(s: str) -> str:
    """The unit with quoted stretches removed (speech reported in a body).

    A quotation can run over several lines when a report is pasted one
    sentence per line: an opening curly quote with no closing one quotes
    the rest of the unit, a closing one with no opening quotes what precedes it.
    """
    if '"' not in s and not any(q in s for q in _QUOTE_MARKS):
        return s
    s = _QUOTED.sub(" ", s)
    opens = [i for i in (s.find(q) for q in _OPENERS) if i >= 0]
    closes = [i for i in (s.rfind(q) for q in _CLOSERS) if i >= 0]
    if opens and not closes:
        s = s[: min(opens)]
    elif closes and not opens:
        s = s[max(closes) + 1 :]
    elif s.count('"') % 2 == 1:
        k = s.index('"')
        s = s[:k] if k < len(s) / 2 else s[k + 1 :]
    return s


def _plain(s: str, lowered: str | None = None) -> tuple[str, bool]:
    """The unit without links, stripped; and whether it may hold a URL."""
    low_s = s.lower() if lowered is None else lowered
    links = _may_have_links(s, low_s)
    return (strip_links(s, low_s) if any(links) else s).strip(), links[1]


def register_signals(s: str, cues: Cues, lowered: str | None = None) -> frozenset[str]:
    """Which of ``first_person``, ``second_person``, ``exclamation`` :func:`comment_score` gives ``s``.

    The same tests on the same text, without the rest of the score: all an
    article's long paragraphs are asked for is their register.
    """
    w = cues.comment_weights
    outside = unquoted(_plain(s, lowered)[0])
    found = []
    if "!" in outside and w["exclamation"]:
        found.append("exclamation")
    if w["first_person_singular"] or w["second_person"]:
        lw = lowered_word_set(outside, outside.lower())
        if w["first_person_singular"] and lw & cues.first_person:
            found.append("first_person")
        if w["second_person"] and lw & cues.second_person:
            found.append("second_person")
    return frozenset(found)


def comment_score(s: str, cues: Cues, median_words: float, lowered: str | None = None) -> Score:
    """Comment-vs-body log-odds-like score of one unit's text (positive = comment).

    ``lowered`` is ``s.lower()`` when the caller has it already.
    """
    w = cues.comment_weights
    sc = Score()
    sc.add("bias", cues.comment_bias)
    plain, maybe_url = _plain(s, lowered)
    n = len(plain.split())
    for max_words, weight in cues.comment_length:
        if n <= max_words:
            sc.add(f"length<={max_words}", weight)
            break
    if median_words > 0 and n < cues.short_ratio * median_words:
        sc.add("short_vs_median", cues.short_ratio_weight)
    outside = unquoted(plain)
    low_outside = outside.lower()
    lw = lowered_word_set(outside, low_outside)
    phrases = cues.phrase_groups(low_outside)
    if lw & cues.first_person:
        sc.add("first_person", w["first_person_singular"])
    if lw & cues.second_person:
        sc.add("second_person", w["second_person"])
    if "!" in outside:
        sc.add("exclamation", w["exclamation"])
    if any(h in plain for h in _REPEAT_HINTS) and _REPEATED.search(plain):
        sc.add("repeated_punct", w["repeated_punctuation"])
    stripped_end = plain.rstrip(" \"'”’)»*_")
    if stripped_end.endswith("?"):
        sc.add("question_end", w["question_end"])
    if (not s.isascii() and _EMOJI.search(s)) or (_EMOTICON_HINT.search(s) and _EMOTICON.search(s)):
        sc.add("emoji", w["emoji"])
    if lw & cues.chat_words:
        sc.add("chat", w["chat_lexicon"])
    if lw & cues.praise_words or "praise" in phrases:
        sc.add("praise", w["praise_lexicon"])
    if "meta" in phrases:
        sc.add("meta_reference", w["meta_reference"])
    if lw & cues.opinion_words:
        sc.add("opinion", w["opinion"])
    first_alpha = next((ch for ch in plain if ch.isalpha()), "")
    if first_alpha and first_alpha.islower():
        sc.add("lowercase_start", w["lowercase_start"])
    if plain and plain[-1].isalnum():
        sc.add("no_final_punct", w["no_terminal_punctuation"])
    if maybe_url and _URL.search(s):
        sc.add("url", w["url"])
    if has_shouting(outside):
        sc.add("shouting", w["shouting"])
    if lw & cues.bare_contractions:
        sc.add("bare_contraction", w["bare_contraction"])
    if cues.reply_any.match(plain) if cues.reply_any is not None else any(p.match(plain) for p in cues.reply):
        sc.add("reply", w["reply_marker"])
    if lw & cues.reporting_words or "reporting" in phrases:
        sc.add("reporting", w["reporting"])
    if cues.dateline_lead.match(plain):
        sc.add("dateline_lead", w["dateline_lead"])
    if _NUMBER.search(outside):
        sc.add("numbers", w["numbers"])
    return sc
