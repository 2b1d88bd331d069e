"""The framing stage: propaganda-technique spans, lexicon hits and sarcasm cues of a document.

Three detectors, each with its own ``source`` label so users (and the
evaluation) can tell them apart:

* ``lexicon`` — the conflict lexicon (loaded territorial verbs, actor labels,
  …) with the side the wording favours and its neutral replacement;
* ``model`` — the learned span tagger plus technique classifier, trained on
  the propaganda corpus (general news, so it catches rhetoric the conflict
  lexicon does not list);
* ``sarcasm`` — scare quotes, ironic pairings, mock sympathy, absurd lists.

Body and reader comments are both analysed; the part a span lies in is
known from its offsets, so profiles keep them apart.
"""

from __future__ import annotations

import dataclasses

from frontline.framing.lexicon import Lexicon, load_lexicon, normalise
from frontline.framing.neutral import neutral_for
from frontline.framing.sarcasm import Cue, SarcasmCues, load_cues, paragraph_scores
from frontline.framing.tagger import TaggerModel, load_tagger
from frontline.framing.techniques import SpanContext, TechniqueModel, load_technique_model
from frontline.framing.tokens import concat, tokenize
from frontline.model import Document, FramingSpan

#: Part kinds the framing stage reads (titles, bylines and boilerplate are not argument).
FRAMED_PARTS = ("body", "comment")


@dataclasses.dataclass(slots=True)
class Framer:
    """The detectors bundled, so tests and the evaluation can swap one out."""

    lexicon: Lexicon
    cues: SarcasmCues
    tagger: TaggerModel | None
    techniques: TechniqueModel | None

    @classmethod
    def default(cls) -> Framer:
        """The shipped lexicon, cues and models (each loaded once per process)."""
        return cls(load_lexicon(), load_cues(), load_tagger(), load_technique_model())

    def model_spans(self, text: str, start: int = 0, end: int | None = None) -> list[FramingSpan]:
        """Spans found by the learned tagger in ``text[start:end]``, labelled by the technique classifier."""
        return self.model_spans_in(text, [(start, len(text) if end is None else end)])

    def model_spans_in(self, text: str, ranges: list[tuple[int, int]],
                       low: str | None = None) -> list[FramingSpan]:
        """Model spans of several ranges of one text, in one pass of each model.

        A report with dozens of short reader comments costs one model call,
        not one per comment; spans never cross a range (ranges never share a
        sentence).
        """
        if self.tagger is None:
            return []
        toks = concat([tokenize(text, a, b) for a, b in ranges])
        low = normalise(text) if low is None else low
        spans = self.tagger.spans(toks, low=low)
        if not spans:
            return []
        if self.techniques is None:
            return [FramingSpan(a, b, "Loaded_Language", round(p, 4), "model") for a, b, p in spans]
        ctx = SpanContext.of(text, toks, low)
        labels = self.techniques.predict(ctx, [(a, b) for a, b, _ in spans])
        return [
            FramingSpan(a, b, tech, round(p * q, 4), "model")
            for (a, b, p), (tech, q) in zip(spans, labels, strict=True)
        ]

    def lexicon_spans(self, text: str, start: int = 0, end: int | None = None,
                      low: str | None = None) -> list[FramingSpan]:
        low = normalise(text) if low is None else low
        out = []
        for hit in self.lexicon.find(text, start, end, low):
            e = hit.entry
            neutral = neutral_for(hit, text, low, self.lexicon)
            out.append(FramingSpan(hit.start, hit.end, e.technique, e.weight, "lexicon", neutral, e.side))
        return out

    def sarcasm_spans(self, text: str, start: int = 0, end: int | None = None,
                      low: str | None = None) -> list[FramingSpan]:
        return [FramingSpan(c.start, c.end, c.technique, c.weight, "sarcasm")
                for c in self.cues.find(text, start, end, low)]

    def spans(self, text: str, start: int = 0, end: int | None = None,
              low: str | None = None, cues: list[Cue] | None = None) -> list[FramingSpan]:
        """All framing spans of ``text[start:end]``, sorted by offset.

        ``cues`` are the sarcasm cues of the range when the caller already has them.
        """
        low = normalise(text) if low is None else low
        if cues is None:
            cues = self.cues.find(text, start, end, low)
        sarc = [FramingSpan(c.start, c.end, c.technique, c.weight, "sarcasm") for c in cues]
        model = self.model_spans_in(text, [(start, len(text) if end is None else end)], low)
        out = self.lexicon_spans(text, start, end, low) + sarc + model
        return sorted(out, key=lambda s: (s.start, s.end, s.source))


def frame_text(text: str, framer: Framer | None = None) -> list[FramingSpan]:
    """Framing spans of a plain text (no document structure)."""
    return (framer or Framer.default()).spans(text)


def _regions(doc: Document) -> list[tuple[int, int, str]]:
    parts = [(p.start, p.end, p.kind) for p in doc.parts if p.kind in FRAMED_PARTS]
    if not doc.parts:  # not cleaned: the whole text is the body
        parts = [(0, len(doc.text), "body")]
    return sorted(parts)


def _paragraphs(doc: Document, regions: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Paragraphs inside the framed parts (the cleaner's, else non-empty lines)."""
    out = []
    for a, b, kind in regions:
        paras = [(p.start, p.end) for p in doc.paragraphs if a <= p.start and p.end <= b]
        if not paras:
            pos = a
            for line in doc.text[a:b].split("\n"):
                if line.strip():
                    lo = pos + len(line) - len(line.lstrip())
                    paras.append((lo, pos + len(line.rstrip())))
                pos += len(line) + 1
        out += [(pa, pb, kind) for pa, pb in paras]
    return out


def frame_document(doc: Document, framer: Framer | None = None) -> Document:
    """Fill ``framing_spans`` and ``extras["sarcasm"]`` over the body and the comments.

    ``extras["sarcasm"]`` is ``[{"start","end","part","score","cues":[…]}]``
    per paragraph, for the event extractor to discount literal readings.
    """
    framer = framer or Framer.default()
    text = doc.text
    low = normalise(text)
    regions = _regions(doc)
    spans: list[FramingSpan] = []
    cues: list[Cue] = []
    for a, b, _kind in regions:
        region_cues = framer.cues.find(text, a, b, low)
        cues += region_cues
        spans += framer.lexicon_spans(text, a, b, low)
        spans += [FramingSpan(c.start, c.end, c.technique, c.weight, "sarcasm") for c in region_cues]
    spans += framer.model_spans_in(text, [(a, b) for a, b, _ in regions], low)
    spans.sort(key=lambda s: (s.start, s.end, s.source))
    extras = dict(doc.extras)
    extras["sarcasm"] = paragraph_scores(_paragraphs(doc, regions), cues)
    return dataclasses.replace(doc, framing_spans=spans, extras=extras)
