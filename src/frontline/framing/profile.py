"""Slant profiles of a document or an outlet: how loaded, which techniques, whose words.

An analyst comparing outlets wants three numbers with evidence: how dense
the loaded language is (per 1,000 words, so long and short reports
compare), which techniques dominate, and whose vocabulary the text adopts
("the regime" vs "terrorists").  Reader comments are a different voice from
the article, so they get their own profile beside the body's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from frontline.model import Document, FramingSpan

_WORD_RE = re.compile(r"\w+")
#: Techniques counted as loaded language in the density figure.
LOADED = ("Loaded_Language", "Name_Calling,Labeling")
#: Share of side-marked words one side needs before the wording "favours" it.
FAVOUR_SHARE = 0.6
#: Paragraph sarcasm score from which side-marked words are read as irony.
#: A sarcastic "the deceitful regime" borrows the other side's word to mock
#: it, but sincere labels sit in the same paragraphs, so which side an ironic
#: word serves cannot be read off the word: such words are kept as evidence
#: (``ironic: true``) and left out of the balance.
IRONY_SCORE = 0.5


@dataclass(slots=True)
class Profile:
    """Framing measurements of one document or outlet (body, with comments apart)."""

    name: str
    kind: str  # "document" | "outlet" | "comments"
    documents: int = 0
    words: int = 0
    loaded: int = 0
    techniques: dict[str, int] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)
    sides: dict[str, float] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    max_sarcasm: float = 0.0
    comments: Profile | None = None

    @property
    def loaded_per_1000(self) -> float:
        """Loaded-language spans per 1,000 words."""
        return 1000.0 * self.loaded / self.words if self.words else 0.0

    @property
    def favours(self) -> str | None:
        """The side whose vocabulary dominates, ``"balanced"``, or None without side-marked words."""
        total = sum(self.sides.values())
        if not total:
            return None
        side, top = max(self.sides.items(), key=lambda kv: kv[1])
        return side if top / total >= FAVOUR_SHARE else "balanced"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "documents": self.documents,
            "words": self.words,
            "loaded": self.loaded,
            "loaded_per_1000": round(self.loaded_per_1000, 2),
            "techniques": dict(sorted(self.techniques.items(), key=lambda kv: -kv[1])),
            "sources": self.sources,
            "sides": {k: round(v, 2) for k, v in self.sides.items()},
            "favours": self.favours,
            "max_sarcasm": self.max_sarcasm,
            "evidence": self.evidence,
            "comments": self.comments.to_dict() if self.comments else None,
        }


def _dedup(spans: Iterable[FramingSpan]) -> list[FramingSpan]:
    """One span per (offsets, technique): the lexicon and the model often agree."""
    seen: dict[tuple[int, int, str], FramingSpan] = {}
    for s in spans:
        seen.setdefault((s.start, s.end, s.technique), s)
    return list(seen.values())


def _irony_regions(doc: Document) -> list[tuple[int, int]]:
    return [(q["start"], q["end"]) for q in doc.extras.get("sarcasm", []) if q["score"] >= IRONY_SCORE]


def _add(p: Profile, doc: Document, regions: list[tuple[int, int]], spans: list[FramingSpan]) -> None:
    p.words += sum(len(_WORD_RE.findall(doc.text[a:b])) for a, b in regions)
    inside = [s for s in spans if any(a <= s.start and s.end <= b for a, b in regions)]
    inside = _dedup(inside)
    ironic_regions = _irony_regions(doc)
    tech = Counter(p.techniques)
    src = Counter(p.sources)
    for s in inside:
        tech[s.technique] += 1
        src[s.source] += 1
        if s.technique in LOADED:
            p.loaded += 1
        if s.side:
            ironic = any(a <= s.start and s.end <= b for a, b in ironic_regions)
            side = None if ironic else s.side
            if side:
                p.sides[side] = p.sides.get(side, 0.0) + s.score
            p.evidence.append({
                "document_id": doc.id, "start": s.start, "end": s.end, "text": doc.text[s.start : s.end],
                "side": s.side, "counted_for": side, "ironic": ironic, "technique": s.technique,
                "neutral": s.neutral,
            })
    p.techniques = dict(tech)
    p.sources = dict(src)
    for para in doc.extras.get("sarcasm", []):
        if any(a <= para["start"] and para["end"] <= b for a, b in regions):
            p.max_sarcasm = max(p.max_sarcasm, float(para["score"]))


def _framed(doc: Document) -> Document:
    if "sarcasm" in doc.extras:
        return doc
    from frontline.framing.frame import frame_document

    return frame_document(doc)


def _regions(doc: Document, kind: str) -> list[tuple[int, int]]:
    if not doc.parts:
        return [(0, len(doc.text))] if kind == "body" else []
    return [(p.start, p.end) for p in doc.parts if p.kind == kind]


def profile_outlet(docs: Iterable[Document], name: str | None = None) -> Profile:
    """Profile of several documents together (e.g. all of one outlet's reports).

    Documents not yet framed are framed first.
    """
    body = Profile(name or "", "outlet")
    comments = Profile(name or "", "comments")
    for doc in docs:
        doc = _framed(doc)
        if not body.name:
            body.name = comments.name = doc.outlet or doc.id
        body.documents += 1
        _add(body, doc, _regions(doc, "body"), doc.framing_spans)
        com = _regions(doc, "comment")
        if com:
            comments.documents += 1
            _add(comments, doc, com, doc.framing_spans)
    body.comments = comments
    return body


def profile_document(doc: Document) -> Profile:
    """Profile of one document (its comments profiled separately in ``.comments``)."""
    p = profile_outlet([doc], name=doc.id)
    p.kind = "document"
    return p
