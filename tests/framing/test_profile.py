"""Profiles: density, side balance with evidence, comments apart, irony inverts sides."""

from __future__ import annotations

import pytest

from frontline.framing import frame_document, profile_document, profile_outlet
from frontline.framing.frame import Framer
from frontline.model import Document, Part

BODY = "Rebel units liberated a hill. Regime troops fled from the regime checkpoints."
COMMENT = "Death to the terrorists and their terrorist friends!"


def _doc(doc_id: str, body: str, comment: str = "", outlet: str = "Test Wire") -> Document:
    text = body + ("\n" + comment if comment else "")
    parts = [Part("body", 0, len(body))]
    if comment:
        parts.append(Part("comment", len(body) + 1, len(text)))
    return Document(id=doc_id, content_hash=doc_id, source_path="-", text=text, parts=parts, outlet=outlet)


@pytest.fixture(scope="module")
def lexicon_only() -> Framer:
    fr = Framer.default()
    return Framer(fr.lexicon, fr.cues, None, None)


def test_body_and_comments_profiled_apart(lexicon_only: Framer) -> None:
    doc = frame_document(_doc("d1", BODY, COMMENT), lexicon_only)
    p = profile_document(doc)
    assert p.kind == "document" and p.words == 12
    assert p.favours == "pro-opposition"  # "regime" ×3 against nothing
    assert {e["text"] for e in p.evidence} == {"Regime troops", "regime"}
    assert p.comments is not None and p.comments.favours == "pro-government"
    assert p.comments.words == 8
    # density: Name_Calling/Loaded spans per 1,000 words
    assert p.loaded_per_1000 == pytest.approx(1000 * p.loaded / p.words)
    assert p.loaded == 3  # liberated, Regime troops, regime


def test_outlet_profile_sums_documents(lexicon_only: Framer) -> None:
    docs = [frame_document(_doc(f"d{i}", BODY), lexicon_only) for i in range(3)]
    p = profile_outlet(docs)
    assert p.name == "Test Wire" and p.documents == 3 and p.words == 36
    assert p.comments is not None and p.comments.documents == 0


def test_ironic_paragraph_words_are_evidence_but_not_counted(lexicon_only: Framer) -> None:
    ironic = "Alas, the gentle ISIS heroes of the 'peaceful jihadists' fled the deceitful regime."
    sincere = "Regime troops shelled the valley."
    doc = frame_document(_doc("d2", ironic + "\n" + sincere), lexicon_only)
    assert doc.extras["sarcasm"][0]["score"] >= 0.5
    assert doc.extras["sarcasm"][1]["score"] == 0.0
    p = profile_document(doc)
    regime = [e for e in p.evidence if e["text"] == "regime"]
    assert regime and regime[0]["ironic"] and regime[0]["counted_for"] is None
    assert p.sides == {"pro-opposition": pytest.approx(0.7)}  # only the sincere "Regime troops"


def test_unframed_documents_are_framed_first() -> None:
    p = profile_document(_doc("d3", BODY))
    assert p.sources.get("lexicon", 0) >= 2
