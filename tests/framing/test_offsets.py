"""Every stage output keeps valid offsets, on arbitrary Unicode (no exceptions either)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontline.framing import frame_document, neutral_terms, neutralize
from frontline.framing.sarcasm import load_cues
from frontline.framing.tokens import tokenize
from frontline.model import Document, Part

# Text with the characters that break naive code: quotes, apostrophes,
# hyphens, newlines, letters whose lower case is longer (İ), and loaded words.
pieces = st.sampled_from([
    " ", "\n", "\n\n", '"', "“", "”", "'", "’", "‘", "-", ",", ".", "!", "İ", "ß", "ﬁ", "\u0301", "😀",
    "terrorists", "liberated", "regime", "peaceful", "al-Qaeda", "Regretfully", "and other", "cake",
    "moderate rebels", "12", "dozens of",
])
texts = st.lists(st.one_of(pieces, st.text(max_size=6)), max_size=60).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_tokens_and_cues_offsets(text: str) -> None:
    toks = tokenize(text)
    for w, a, b in zip(toks.words, toks.starts, toks.ends, strict=True):
        assert text[a:b] == w
    for c in load_cues().find(text):
        assert 0 <= c.start < c.end <= len(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.integers(min_value=0, max_value=200))
def test_frame_document_offsets(text: str, cut: int) -> None:
    cut = min(cut, len(text))
    parts = [Part("body", 0, cut), Part("comment", cut, len(text))]
    doc = frame_document(Document(id="x", content_hash="x", source_path="-", text=text, parts=parts))
    for s in doc.framing_spans:
        assert 0 <= s.start < s.end <= len(text)
        assert (s.end <= cut) or (s.start >= cut)  # never straddles a part boundary
        assert s.source in ("lexicon", "model", "sarcasm")
    for para in doc.extras["sarcasm"]:
        assert 0 <= para["start"] <= para["end"] <= len(text)
        assert 0.0 <= para["score"] <= 1.0


@settings(max_examples=60, deadline=None)
@given(texts)
def test_neutral_terms_offsets(text: str) -> None:
    for a, b, orig, _new in neutral_terms(text):
        assert text[a:b] == orig
    assert isinstance(neutralize(text), str)


def test_stage_is_deterministic_picklable_and_jsonable() -> None:
    import json
    import pickle

    from frontline.model import to_jsonable

    text = "Alas, the 'brave' jihadists fled.\nThe regime liberated the town, officials said."
    doc = Document(id="p", content_hash="p", source_path="-", text=text)
    a, b = frame_document(doc), frame_document(doc)
    assert a.framing_spans == b.framing_spans and a.extras == b.extras
    assert pickle.loads(pickle.dumps(a)).framing_spans == a.framing_spans
    json.dumps(to_jsonable(a))
    assert doc.framing_spans == [] and "sarcasm" not in doc.extras  # the input is not mutated
