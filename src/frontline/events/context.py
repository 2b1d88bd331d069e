"""Per-document lookups built once, so per-sentence work does not rescan the document.

Why: the extractor asks, for every candidate sentence, which place and actor
mentions lie inside it, which country the report is about and whether a
sarcasm span touches it.  Answering each question by scanning all of the
document's mentions made event locations alone cost more than classifying
the sentences.  A :class:`DocContext` sorts the mentions by offset once and
answers range questions with ``bisect``; results that depend only on the
document (theatre country, admin1 fallback) are computed on first use and
kept in ``memo``.  Orders are preserved exactly: mentions are sorted stably,
so ties keep the document's order, as the plain scans did.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from frontline.model import ActorMention, Document, PlaceMention


@dataclass(slots=True)
class DocContext:
    """Mentions of one document indexed by offset, plus a memo for document-level answers."""

    doc: Document
    places: list[PlaceMention]
    place_starts: list[int]
    actors: list[ActorMention]
    actor_starts: list[int]
    longest_actor: int
    #: Source-role actor mentions (claimants) in document order.
    sources: list[ActorMention]
    memo: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Document) -> DocContext:
        places = sorted(doc.place_mentions, key=lambda m: m.start)
        actors = sorted(doc.actor_mentions, key=lambda m: m.start)
        longest = max(0, max((a.end - a.start for a in actors), default=0))
        sources = [a for a in doc.actor_mentions if a.role == "source"]
        return cls(doc, places, [m.start for m in places], actors, [a.start for a in actors], longest, sources)

    def places_within(self, start: int, end: int) -> list[PlaceMention]:
        """Place mentions lying inside [start, end), by start offset (ties in document order)."""
        lo = bisect_left(self.place_starts, start)
        hi = bisect_right(self.place_starts, end, lo)  # an empty mention may sit at ``end``
        return [m for m in self.places[lo:hi] if m.end <= end]

    def actors_within(self, start: int, end: int) -> list[ActorMention]:
        """Actor mentions lying inside [start, end), by start offset (ties in document order)."""
        lo = bisect_left(self.actor_starts, start)
        hi = bisect_right(self.actor_starts, end, lo)
        return [a for a in self.actors[lo:hi] if a.end <= end]

    def actors_overlapping(self, start: int, end: int) -> list[ActorMention]:
        """Actor mentions that share at least one character with [start, end)."""
        lo = bisect_left(self.actor_starts, start - self.longest_actor)
        hi = bisect_left(self.actor_starts, end, lo)
        return [a for a in self.actors[lo:hi] if start < a.end]
