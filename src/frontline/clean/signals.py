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


def _may_have_links(s: str) -> tuple[bool, bool, bool]:
    """Substring prechecks (markdown link, URL, e-mail) that spare most regex passes."""
    low = s.lower()
    return ("](" in s, "http" in low or "www." in low, "@" in s or "protected]" in low)


def strip_links(s: str) -> str:
    """Text with markdown links reduced to their label and bare URLs/e-mails removed."""
    md, url, email = _may_have_links(s)
    if md:
        s = _MD_LINK.sub(lambda m: m.group(1), s)
    if url:
        s = _URL.sub(" ", s)
    if email:
        s = _EMAIL.sub(" ", s)
    return s


def link_only(s: str) -> bool:
    """True when a unit is nothing but links, URLs, e-mail addresses and glue words."""
    md, url, email = _may_have_links(s)
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
_NAME_PUNCT = set(" /|,.&'’-()")


def name_only(s: str, cues: Cues) -> bool:
    """A short line that is only a capitalised name: a signature or a credit.

    Reader comments almost always hold a lower-case word, punctuation such as
    "!" or "?", or a chat word ("Bravo", "LOL"), so they do not match.
    """
    if len(s) > NAME_ONLY_MAX_CHARS:
        return False
    words = [w for w in s.split() if any(ch.isalnum() for ch in w)]
    if not words or len(words) > cues.name_only_max_words:
        return False
    if any(not (ch.isalnum() or ch in _NAME_PUNCT) for ch in s):
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


def words_of(s: str) -> list[str]:
    return _WORDS.findall(s)


def boiler_score(s: str, cues: Cues) -> Score:
    """Boilerplate score of one unit's text."""
    sc = Score()
    lowered = s.lower()
    todo = cues.candidate_categories(lowered)
    for ci, cat in enumerate(cues.boiler):
        if ci not in todo:
            continue
        hits = cat.hits(s, lowered)
        if hits:
            # Further patterns of the same kind add half weight each: a long
            # disclaimer shows several of its phrases, a passing mention one.
            sc.add(cat.name, cat.weight * (1 + 0.5 * (hits - 1)))
    stripped = s.strip()
    shape = cues.shape_weights
    if _SEPARATOR.match(stripped) and not any(ch.isalnum() for ch in stripped):
        sc.add("separator", shape["separator"])
    elif link_only(stripped):
        sc.add("links_only", shape["links_only"])
    elif name_only(stripped, cues):
        sc.add("name_only", shape["name_only"])
    low = stripped.lower().lstrip("*_#>-• ")
    n_words = len(stripped.split())
    if n_words <= cues.imperative_max_words:
        for imp in cues.imperatives:
            if low.startswith(imp) and (len(low) == len(imp) or not low[len(imp)].isalnum()):
                sc.add("imperative", cues.imperative_weight)
                break
    return sc


_OPENERS = "“«„"
_CLOSERS = "”»"


def unquoted(s: str) -> str:
    """The unit with quoted stretches removed (speech reported in a body).

    A quotation can run over several lines when a report is pasted one
    sentence per line: an opening curly quote with no closing one quotes
    the rest of the unit, a closing one with no opening quotes what precedes it.
    """
    if '"' not in s and not any(q in s for q in _OPENERS + _CLOSERS):
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


def comment_score(s: str, cues: Cues, median_words: float) -> Score:
    """Comment-vs-body log-odds-like score of one unit's text (positive = comment)."""
    w = cues.comment_weights
    sc = Score()
    sc.add("bias", cues.comment_bias)
    plain = strip_links(s).strip()
    n = len(plain.split())
    for max_words, weight in cues.comment_length:
        if n <= max_words:
            sc.add(f"length<={max_words}", weight)
            break
    if median_words > 0 and n < cues.short_ratio * median_words:
        sc.add("short_vs_median", cues.short_ratio_weight)
    outside = unquoted(plain)
    low_words = [x.lower() for x in words_of(outside)]
    lw = set(low_words)
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
    if _EMOJI.search(s) or (any(h in s for h in _EMOTICON_HINTS) and _EMOTICON.search(s)):
        sc.add("emoji", w["emoji"])
    if lw & cues.chat_words:
        sc.add("chat", w["chat_lexicon"])
    low_outside = outside.lower()
    if lw & cues.praise_words or any(p in low_outside for p in cues.praise_phrases):
        sc.add("praise", w["praise_lexicon"])
    if any(p in low_outside for p in cues.meta_phrases):
        sc.add("meta_reference", w["meta_reference"])
    if lw & cues.opinion_words:
        sc.add("opinion", w["opinion"])
    first_alpha = next((ch for ch in plain if ch.isalpha()), "")
    if first_alpha and first_alpha.islower():
        sc.add("lowercase_start", w["lowercase_start"])
    if plain and plain[-1].isalnum():
        sc.add("no_final_punct", w["no_terminal_punctuation"])
    if _may_have_links(s)[1] and _URL.search(s):
        sc.add("url", w["url"])
    if _SHOUT.search(outside):
        sc.add("shouting", w["shouting"])
    if lw & cues.bare_contractions:
        sc.add("bare_contraction", w["bare_contraction"])
    if any(p.match(plain) for p in cues.reply):
        sc.add("reply", w["reply_marker"])
    if lw & cues.reporting_words or any(p in low_outside for p in cues.reporting_phrases):
        sc.add("reporting", w["reporting"])
    if cues.dateline_lead.match(plain):
        sc.add("dateline_lead", w["dateline_lead"])
    if _NUMBER.search(outside):
        sc.add("numbers", w["numbers"])
    return sc
