"""Sarcasm, irony and mock-sympathy cues, and a per-paragraph sarcasm score.

A sarcastic report says the opposite of what it means ("peaceful extremist
fighters", "Regretfully, the soldiers accidentally came too close"), yet the
events it reports are usually real.  The event extractor must not read the
literal words as the writer's claim, so each paragraph gets a score in
[0, 1] built from cues: scare quotes around labels, praise words paired with
hostile labels, mock sympathy, set ironic phrases, and absurd lists of
targets.  Cue words and weights are data
(``frontline/data/framing/sarcasm.yaml``); the score of a paragraph is
``1 - Π(1 - weight)`` over its cues, so one weak cue stays weak and several
agreeing cues add up.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from frontline.framing.lexicon import LexiconError, PhraseMatcher, load_yaml, normalise
from frontline.framing.ptc import TECHNIQUES
from frontline.framing.tokens import TOKEN_RE
from frontline.paths import PACKAGE_DATA

CUES_PATH = PACKAGE_DATA / "framing" / "sarcasm.yaml"
_CLAUSE_START = frozenset(".!?;:\n\"“(—–")
_SECTIONS = ("mock_sympathy", "ironic_pairing", "mock_praise", "scare_quotes", "absurd_list")


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    kind: str  # a section name of sarcasm.yaml
    weight: float
    technique: str


class SarcasmCues:
    """Compiled cue lists (see ``sarcasm.yaml`` for what each section means)."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        missing = [s for s in _SECTIONS if s not in raw]
        if missing:
            raise LexiconError(f"sarcasm cues: missing sections {missing}")
        for s in _SECTIONS:
            tech = raw[s].get("technique")
            if tech not in TECHNIQUES:
                raise LexiconError(f"sarcasm cues: {s}.technique {tech!r} is not a SemEval-2020 technique")
            w = raw[s].get("weight")
            if not isinstance(w, int | float) or not 0 < w <= 1:
                raise LexiconError(f"sarcasm cues: {s}.weight must be in (0, 1]")
        self.raw = raw
        ms = raw["mock_sympathy"]
        self._initial = PhraseMatcher(ms["clause_initial"])
        self._anywhere_w = {normalise(k): float(v) for k, v in (ms.get("anywhere") or {}).items()}
        self._anywhere = PhraseMatcher(self._anywhere_w)
        ip = raw["ironic_pairing"]
        self.praise = frozenset(normalise(w) for w in ip["praise"])
        self.hostile = frozenset(normalise(w) for w in ip["hostile"])
        self.window = int(ip.get("window", 3))
        self._praise_matcher = PhraseMatcher(self.praise)
        self._mock_praise = PhraseMatcher(raw["mock_praise"]["phrases"])
        sq = raw["scare_quotes"]
        self.max_words = int(sq["max_words"])
        self.speech = frozenset(normalise(w) for w in sq["speech_verbs"])
        self.speech_window = int(sq.get("speech_window", 4))
        self._quote_res = []
        for op, cl in sq["pairs"]:
            body = rf"[^\n{re.escape(op)}{re.escape(cl)}]{{1,80}}"
            if op == "'" or cl == "'":  # apostrophes: the quote must sit at word edges
                pat = rf"(?<!\w){re.escape(op)}(?=\w)({body}?)(?<=[\w.!?]){re.escape(cl)}(?!\w)"
            else:
                pat = rf"{re.escape(op)}({body}){re.escape(cl)}"
            self._quote_res.append(re.compile(pat))
        al = raw["absurd_list"]
        self.min_items = int(al["min_items"])
        self._tails = PhraseMatcher(al["tail_markers"])
        self.incongruous = frozenset(normalise(w) for w in al["incongruous"])

    # -- cue finders --------------------------------------------------------
    def find(self, text: str, start: int = 0, end: int | None = None, low: str | None = None) -> list[Cue]:
        """All cues in ``text[start:end]``, sorted by offset."""
        end = len(text) if end is None else end
        if low is None:
            low = normalise(text)
        cues = (
            self._mock_sympathy(low, start, end)
            + self._pairings(low, start, end)
            + self._phrases(low, start, end)
            + self._scare_quotes(text, low, start, end)
            + self._lists(low, start, end)
        )
        return sorted(cues, key=lambda c: (c.start, c.end))

    def _sec(self, name: str) -> tuple[float, str]:
        return float(self.raw[name]["weight"]), self.raw[name]["technique"]

    def _mock_sympathy(self, low: str, start: int, end: int) -> list[Cue]:
        w, tech = self._sec("mock_sympathy")
        out = []
        for a, b, _ in self._initial.find(low, start, end, low):
            j = a
            while j > start and low[j - 1] in " \t":
                j -= 1
            if j <= start or low[j - 1] in _CLAUSE_START:
                out.append(Cue(a, b, "mock_sympathy", w, tech))
        taken = {(c.start, c.end) for c in out}
        for a, b, key in self._anywhere.find(low, start, end, low):
            if (a, b) not in taken:
                out.append(Cue(a, b, "mock_sympathy", self._anywhere_w[key], tech))
        return out

    def _is_hostile(self, tok: str) -> bool:
        if tok in self.hostile:
            return True
        return "-" in tok and any(part in self.hostile for part in _hyphen_prefixes(tok))

    def _pairings(self, low: str, start: int, end: int) -> list[Cue]:
        """A praise word followed, within ``window`` tokens of one clause, by a hostile label."""
        w, tech = self._sec("ironic_pairing")
        out = []
        for a, b, _ in self._praise_matcher.find(low, start, end, low):
            following = TOKEN_RE.finditer(low, b, min(end, b + 200))
            for k, m in enumerate(following):
                if k > self.window or m.group() in ".!?;:":
                    break
                if self._is_hostile(m.group()):
                    out.append(Cue(a, m.end(), "ironic_pairing", w, tech))
                    break
        return out

    def _phrases(self, low: str, start: int, end: int) -> list[Cue]:
        w, tech = self._sec("mock_praise")
        return [Cue(a, b, "mock_praise", w, tech) for a, b, _ in self._mock_praise.find(low, start, end, low)]

    def _scare_quotes(self, text: str, low: str, start: int, end: int) -> list[Cue]:
        sq = self.raw["scare_quotes"]
        tech = sq["technique"]
        out: list[Cue] = []
        taken: list[tuple[int, int]] = []
        for rx in self._quote_res:
            for m in rx.finditer(text, start, end):
                a, b = m.span()
                inner = TOKEN_RE.findall(low[m.start(1) : m.end(1)])
                words = [t for t in inner if t[0].isalnum()]
                if not words or len(words) > self.max_words:
                    continue
                if any(a < tb and ta < b for ta, tb in taken):
                    continue
                before = TOKEN_RE.findall(low[max(start, a - 60) : a])[-self.speech_window :]
                if any(t in self.speech for t in before) or (before and before[-1] in ":,"):
                    continue
                labelled = any(t in self.praise or self._is_hostile(t) for t in words)
                weight = float(sq["label_weight"] if labelled else sq["weight"])
                out.append(Cue(a, b, "scare_quotes", weight, tech))
                taken.append((a, b))
        return out

    def _lists(self, low: str, start: int, end: int) -> list[Cue]:
        """Comma lists of short items ending in "and other …" or holding incongruous items."""
        al = self.raw["absurd_list"]
        w, tech = float(al["weight"]), al["technique"]
        out = []
        for m in _SENTENCE_RE.finditer(low, start, end):
            sent_a = m.start()
            segs = []
            pos = sent_a
            for part in m.group().split(","):
                segs.append((pos, pos + len(part)))
                pos += len(part) + 1
            if len(segs) < self.min_items - 1:
                continue
            # runs of consecutive short segments (≤ 6 words): the list items
            run: list[tuple[int, int]] = []
            for seg in [*segs, None]:
                if seg is not None and len(low[seg[0] : seg[1]].split()) <= 6:
                    run.append(seg)
                    continue
                if seg is not None and run:
                    run.append(seg)  # the last item may carry the rest of the sentence
                items = len(run) + (1 if run and " and " in low[run[-1][0] : run[-1][1]] else 0)
                if items >= self.min_items:
                    a, b = run[0][0], run[-1][1]
                    chunk = low[a:b]
                    toks = set(TOKEN_RE.findall(chunk))
                    odd = bool(toks & self.incongruous)
                    tail = bool(self._tails.find(chunk))
                    if odd or tail:
                        a += len(chunk) - len(chunk.lstrip())
                        weight = float(al["incongruous_weight"]) if odd else w
                        out.append(Cue(a, b, "absurd_list", weight, tech))
                run = []
        return out


_SENTENCE_RE = re.compile(r"[^.!?\n]+")


def _hyphen_prefixes(tok: str) -> list[str]:
    parts = tok.split("-")
    return ["-".join(parts[: i + 1]) for i in range(len(parts))] + parts


@lru_cache(maxsize=4)
def load_cues(path: str = str(CUES_PATH)) -> SarcasmCues:
    """The cue set at ``path`` (the shipped one by default), compiled once per process."""
    return SarcasmCues(load_yaml(Path(path)))


def combine(weights: list[float]) -> float:
    """Noisy-OR of cue weights: independent pieces of evidence for sarcasm."""
    p = 1.0
    for w in weights:
        p *= 1.0 - w
    return 1.0 - p


def paragraph_scores(
    regions: list[tuple[int, int, str]], cues: list[Cue], text: str | None = None
) -> list[dict[str, Any]]:
    """``[{"start","end","part","score","cues":[…]}]`` for each ``(start, end, part_kind)`` region."""
    out = []
    for a, b, kind in regions:
        inside = [c for c in cues if a <= c.start and c.end <= b]
        out.append({
            "start": a,
            "end": b,
            "part": kind,
            "score": round(combine([c.weight for c in inside]), 4),
            "cues": [{"start": c.start, "end": c.end, "kind": c.kind, "weight": c.weight} for c in inside],
        })
    return out
