"""The conflict lexicon and the sarcasm cue file: schema checks and matching, on sentences written here."""

from __future__ import annotations

import copy

import pytest

from frontline.framing.lexicon import LexiconError, PhraseMatcher, load_lexicon, load_yaml, parse_lexicon
from frontline.framing.ptc import TECHNIQUES
from frontline.framing.sarcasm import CUES_PATH, SarcasmCues, load_cues


def test_shipped_lexicon_is_valid() -> None:
    lx = load_lexicon()
    assert len(lx.entries) > 50
    assert all(e.technique in TECHNIQUES for e in lx.entries.values())
    assert all(e.side in (*lx.sides, None) for e in lx.entries.values())


def _minimal() -> dict:
    return {
        "sides": ["a", "b"],
        "entries": [{"category": "actor_label", "technique": "Name_Calling,Labeling", "side": "a",
                     "weight": 0.5, "forms": {"bandits": "fighters"}}],
    }


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("technique",), "Sarcasm"),
        (("side",), "c"),
        (("category",), "colour"),
        (("weight",), 2.0),
        (("forms",), {}),
        (("actor_label",), "alien"),
        (("colour",), "red"),
        (("counted",), {"robbers": "x"}),
    ],
)
def test_schema_errors_are_raised(path: tuple[str, ...], value: object) -> None:
    raw = _minimal()
    raw["entries"][0][path[0]] = value
    with pytest.raises(LexiconError):
        parse_lexicon(raw)


def test_duplicate_form_across_entries_is_an_error() -> None:
    raw = _minimal()
    raw["entries"].append(copy.deepcopy(raw["entries"][0]))
    with pytest.raises(LexiconError, match="already"):
        parse_lexicon(raw)


def test_matching_is_whole_word_case_insensitive_longest() -> None:
    m = PhraseMatcher(["red fox", "red", "fox"])
    text = "A Red Fox, a redder fox and red."
    got = [text[a:b] for a, b, _ in m.find(text)]
    assert got == ["Red Fox", "fox", "red"]


def test_lexicon_on_new_sentences() -> None:
    lx = load_lexicon()
    text = "Government troops liberated two hamlets while the Regime’s warplanes circled; the truce regime held."
    hits = {text[h.start : h.end]: h.entry for h in lx.find(text)}
    assert hits["liberated"].neutral == "captured"
    assert hits["Regime"].side == "pro-opposition"
    # "truce regime" is a technical use, excluded by not_after
    assert [k for k in hits if k.lower() == "regime"] == ["Regime"]


def test_offsets_survive_length_changing_lowercase() -> None:
    lx = load_lexicon()
    text = "İİİ the terrorists left"
    hits = lx.find(text)
    assert [text[h.start : h.end] for h in hits] == ["terrorists"]


def test_cue_file_loads_and_rejects_bad_technique() -> None:
    cues = load_cues()
    assert cues.window >= 1
    raw = load_yaml(CUES_PATH)
    raw["scare_quotes"]["technique"] = "Irony"
    with pytest.raises(LexiconError):
        SarcasmCues(raw)
