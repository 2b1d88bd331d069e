"""Sarcasm cues on sentences written for these tests (not taken from the example reports)."""

from __future__ import annotations

from frontline.framing.sarcasm import combine, load_cues, paragraph_scores


def kinds(text: str) -> list[tuple[str, str]]:
    return [(c.kind, text[c.start : c.end]) for c in load_cues().find(text)]


def test_ironic_pairing_praise_before_hostile_label() -> None:
    got = kinds("The gentle ISIS commanders held a picnic.")
    assert ("ironic_pairing", "gentle ISIS") in got


def test_no_pairing_across_sentences_or_in_plain_news() -> None:
    assert kinds("Peace talks resumed in Geneva on Monday. Extremists were not invited.") == []
    assert kinds("The army said it had repelled an attack near the dam.") == []


def test_mock_sympathy_clause_initial_only() -> None:
    got = kinds("Alas, the patrol somehow wandered into a minefield.")
    assert ("mock_sympathy", "Alas") in got
    assert not [k for k in kinds("The town was sadly familiar to him.") if k[0] == "mock_sympathy"]


def test_accidentally_is_a_weak_cue_anywhere() -> None:
    got = load_cues().find("Two convoys were accidentally bombed twice.")
    assert [c.kind for c in got] == ["mock_sympathy"]
    assert got[0].weight < 0.5


def test_scare_quotes_versus_reported_speech() -> None:
    got = kinds("The 'peaceful jihadists' met the “brave defenders” again.")
    assert ("scare_quotes", "'peaceful jihadists'") in got
    assert ("scare_quotes", "“brave defenders”") in got
    assert not [k for k in kinds('The minister said "we will respond" today.') if k[0] == "scare_quotes"]
    # apostrophes inside words are not quotes
    assert not [k for k in kinds("The soldiers' rifles and the pilots' maps") if k[0] == "scare_quotes"]


def test_absurd_list_needs_incongruous_items_or_a_tail() -> None:
    got = kinds("Jets struck clinics, toy shops, kittens, circus tents and a mosque.")
    assert [k for k, _ in got] == ["absurd_list"]
    assert kinds("They bought bread, milk, eggs, rice and tea.") == []


def test_paragraph_scores_combine_cues_noisy_or() -> None:
    text = "Alas, the gentle ISIS men left.\nThe river rose."
    cues = load_cues().find(text)
    paras = paragraph_scores([(0, 31, "body"), (32, len(text), "body")], cues)
    assert paras[0]["score"] == round(combine([c.weight for c in cues]), 4) > 0.6
    assert paras[1]["score"] == 0.0 and paras[1]["cues"] == []
    assert combine([]) == 0.0
    assert abs(combine([0.5, 0.5]) - 0.75) < 1e-9
