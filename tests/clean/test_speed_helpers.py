"""The helpers that make cleaning fast give exactly the answers of the slow ways they replace.

All texts here are written for these tests or generated at random (not taken
from the examples or the benchmark templates).
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontline.clean.lexicon import load_cues
from frontline.clean.prefilter import has_case_traps, may_match, required_needles
from frontline.clean.segment import REGISTER_SAMPLE_WORDS, CommentScores
from frontline.clean.sentences import _BOUNDARY, boundaries, punct_positions, word_before
from frontline.clean.signals import Score, comment_score, lowered_word_set, words_of

# --- prefilter -----------------------------------------------------------------------------


def test_required_needles_of_simple_shapes() -> None:
    assert required_needles(r"\bfair use\b") == (("fair use",),)
    assert set(required_needles(r"\b(first|last) (call|bell)\b")[0]) == {"first call", "first bell", "last call", "last bell"}
    assert set(required_needles(r"\bcross-?over\b")[0]) == {"crossover", "cross-over"}
    # A class of listed characters is a set of one-character strings.
    assert set(required_needles(r"^[▲▼]\d+")[0]) == {"▲", "▼"}
    # Open repeats end a clause: two separate requirements.
    assert required_needles(r"\bgood\s+night\b") == (("good",), ("night",))
    # An alternation with a non-literal branch keeps that branch's best literal.
    assert set(required_needles(r"^(alpha|be.?tas)\b")[0]) == {"alpha", "tas"}
    # Nothing to require: always search.
    assert required_needles(r"\d+\s*\w+") == ()
    assert required_needles(r"(?i:x)yz") == (("yz",),)


def test_needles_are_lower_case_and_skip_cased_non_ascii() -> None:
    assert required_needles(r"ABC") == (("abc",),)
    # "É" folds to several forms under IGNORECASE: no needle from it.
    assert required_needles(r"\bÉté\b") == (("t",),)


def test_may_match_and_case_traps() -> None:
    needles = (("red", "blue"), ("car",))
    assert may_match(needles, "a blue car")
    assert not may_match(needles, "a blue bus")
    assert may_match((), "anything")
    assert has_case_traps("ſhare") and has_case_traps("İstanbul") and not has_case_traps("Istanbul")


_NEEDLE_PATTERNS = [
    r"\b(click|tap) (here|now)\b",
    r"^\W*(more|less) (news|views)\s*:",
    r"\bre-?post(ed|ing)?\b",
    r"[;,]\s*(photos|video) by\b",
    r"\b(media|press) (kit|room)s?\b",
    r"^[^\n]{0,20}\s(wrote|said)\s*:\s*$",
    r"\b(sign|log) ?in\b",
]


@pytest.mark.parametrize("pattern", _NEEDLE_PATTERNS)
def test_needles_never_reject_a_matching_string(pattern: str) -> None:
    rx = re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    needles = required_needles(pattern)

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(rx), st.text(max_size=8), st.text(max_size=8))
    def check(core: str, before: str, after: str) -> None:
        s = before + core + after
        if rx.search(s) and not has_case_traps(s):
            assert may_match(needles, s.lower()), (pattern, s)

    check()


# --- boilerplate categories ----------------------------------------------------------------

_LINES = [
    "Kindly donate via our PayPal page to keep the lights on.",
    "Share this article with a friend | Tweet on Twitter",
    "© 2031 Nowhere Gazette. All rights reserved.",
    "This story first appeared in the Weekly Nowhere.",
    "Reply · 3 hours ago",
    "▲ 12 ▼",
    "Tags: weather, rivers",
    "The ferry resumed service on Tuesday after the storm passed, officials said.",
    "Source: Nowhere Wire",
    "ſhare this ſtory with your friends",  # characters IGNORECASE folds but str.lower does not
    "Don't miss: the harvest festival",
    "PHOTO: https://example.invalid/pic.jpg",
]


@pytest.mark.parametrize("line", _LINES)
def test_category_hits_equal_trying_every_category(line: str) -> None:
    cues = load_cues()
    low = line.lower()
    todo = cues.candidate_categories(low)
    slow = [(ci, cat.hits(line, low, True)) for ci, cat in enumerate(cues.boiler) if ci in todo]
    assert cues.category_hits(line, low) == [(ci, n) for ci, n in slow if n]


def test_phrase_groups_equal_substring_tests() -> None:
    cues = load_cues()
    rng = random.Random(3)
    pool = [*cues.praise_phrases, *cues.meta_phrases, *cues.reporting_phrases, "the river", "a boat", "said nothing"]
    for _ in range(200):
        text = " ".join(rng.choice(pool) for _ in range(rng.randint(0, 4))).lower()
        want = set()
        if any(p in text for p in cues.praise_phrases):
            want.add("praise")
        if any(p in text for p in cues.meta_phrases):
            want.add("meta")
        if any(p in text for p in cues.reporting_phrases):
            want.add("reporting")
        assert cues.phrase_groups(text) == want


# --- sentences -----------------------------------------------------------------------------

_ALPHABET = "ab AB.!?…\"')”\n  Xx9_-’"


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 80))) for _ in range(n)]


def test_boundaries_equal_finditer() -> None:
    for text in _random_texts(3000, 1):
        assert [m.span() for m in boundaries(text)] == [m.span() for m in _BOUNDARY.finditer(text)], text
        assert punct_positions(text) == [i for i, ch in enumerate(text) if ch in ".!?…"]


def test_word_before_equals_anchored_regex() -> None:
    rx = re.compile(r"([\w.'’-]+)$")
    for text in _random_texts(3000, 2):
        for dot in range(len(text) + 1):
            m = rx.search(text, max(0, dot - 40), dot)
            assert word_before(text, dot) == (m.group(1) if m else None), (text, dot)


def test_word_before_long_run_is_cut_at_the_window() -> None:
    text = "x" * 60 + "."
    assert word_before(text, 60) == "x" * 40


# --- comment signals -----------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aBc İıſK’'-_.,!? 5\n\tÉé\u0307ΣσςΟ")), max_size=60))
def test_lowered_word_set_equals_regex_words(text: str) -> None:
    assert lowered_word_set(text, text.lower()) == {w.lower() for w in words_of(text)} or any(
        ch in text for ch in "Σ"  # context-dependent final sigma: not in any (English) lexicon
    )


def _eager(texts: list[str], cues, typical: float, after_footer: list[bool]) -> list[Score]:
    """The scoring as it was before it became lazy: everything up front."""
    cands = list(range(len(texts)))
    scores = [comment_score(t, cues, typical) for t in texts]
    head = cands[: max(2, (len(cands) * 3 + 4) // 5)]
    long_ones = [k for k, i in enumerate(head) if len(texts[i].split()) >= REGISTER_SAMPLE_WORDS]
    if len(long_ones) >= 2:
        w = cues.comment_weights
        weights = {"first_person": w["first_person_singular"], "second_person": w["second_person"], "exclamation": w["exclamation"]}
        for name, weight in weights.items():
            seen = sum(1 for k in long_ones if name in scores[k].signals)
            if seen >= 2 and seen * 3 >= len(long_ones):
                for sc in scores:
                    if name in sc.signals:
                        sc.add(f"-{name}(article register)", -weight)
    for k, flag in enumerate(after_footer):
        if flag:
            scores[k].add("after_footer", cues.comment_weights["after_footer"])
    return scores


def test_lazy_comment_scores_equal_eager_ones() -> None:
    cues = load_cues()
    rng = random.Random(5)
    column = "I think you will agree that I have seen this before, and I tell you the river will rise again, as it did when I was young and you were not yet born here."
    report = "The council said on Monday that the bridge over the river would reopen in spring, according to a statement from the works department issued late in the day."
    short = ["I hope so!", "you wish lol", "Great piece, thanks", "The road is closed.", "why?", "42 boats"]
    for _ in range(60):
        texts = [rng.choice([column, report]) for _ in range(rng.randint(2, 6))]
        texts += [rng.choice(short) for _ in range(rng.randint(0, 5))]
        after = [k > 0 and rng.random() < 0.3 for k in range(len(texts))]
        bscores = [Score() for _ in texts]
        lazy = CommentScores(list(range(len(texts))), texts, bscores, cues, 20.0, after)
        eager = _eager(texts, cues, 20.0, after)
        for k in reversed(range(len(texts))):  # the order body_end reads them in
            assert lazy[k] == eager[k].value
            assert lazy.score(k).signals == eager[k].signals


def test_name_character_test_equals_the_per_character_rule() -> None:
    """``_NOT_NAME_CHAR`` finds a character that is neither ``str.isalnum`` nor name punctuation."""
    from frontline.clean.signals import _NOT_NAME_CHAR

    allowed = set(" /|,.&'’-()")
    rng = random.Random(7)
    alphabet = "aZ9_ /|,.&'’()-!?é\t·ß٣"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        slow = any(not (ch.isalnum() or ch in allowed) for ch in text)
        assert (_NOT_NAME_CHAR.search(text) is not None) == slow, text


def test_more_words_than_equals_counting() -> None:
    from frontline.clean.blocks import more_words_than, word_count

    rng = random.Random(11)
    for _ in range(5000):
        text = "".join(rng.choice("ab \t\n\u00a0") for _ in range(rng.randint(0, 30)))
        for n in range(0, 12):
            assert more_words_than(text, n) == (word_count(text) > n), (text, n)
