"""The speed paths of the events stage must give exactly what the plain paths give.

Each fast path (literal pre-filter, cached n-gram counts) is compared with a
straightforward reference on text the rules were not written from: CASE 2021
snippets and FA-KES articles from the shared evaluation data, plus generated
strings.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontline.events import attribution, dates, neutral, rules
from frontline.events.classify import _tfidf_transform, load_shipped
from frontline.events.prefilter import DIGIT, LiteralPrefilter, fold, required_literals, trie_alternation
from tests.conftest import eval_texts


@lru_cache(maxsize=1)
def _sentences() -> list[str]:
    """~1,500 sentences of real reporting the rules were not written from."""
    out: list[str] = []
    for name, limit in (("case2021_task2.jsonl", 300), ("fakes.jsonl", 25)):
        for text in eval_texts(name, limit):
            out.extend(s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip())
    out += [
        "On Tuesday, İdlib residents said ſhelling hit the town 2 days ago.",
        "Troops RECAPTURED the village on ٣ March, officials claimed.",
        "",
        "2020",
    ]
    return out


@lru_cache(maxsize=1)
def _all_prefilter() -> LiteralPrefilter:
    return LiteralPrefilter(_all_patterns())


@lru_cache(maxsize=1)
def _all_patterns() -> list[re.Pattern[str]]:
    table, _pre = rules._rule_table()
    hedges, claims, _pre = attribution._compiled()
    return (
        [t[0] for t in table]
        + [rx for rx, _h2 in dates._patterns()]
        + [rx for rx, _r in neutral._table()]
        + hedges
        + claims
    )


def test_prefilter_never_hides_a_match_on_eval_text() -> None:
    pats = _all_patterns()
    pre = LiteralPrefilter(pats)
    assert pre.always != list(range(len(pats)))  # it must actually filter something
    for sent in _sentences():
        for text in (sent, rules._lower(sent)):
            possible = set(pre.possible(text))
            for i, rx in enumerate(pats):
                if i not in possible:
                    assert rx.search(text) is None, (rx.pattern[:80], text)


_ALPHABET = st.sampled_from([*"abcdeirstlmo 0123456789-.,İıſKX\n", "air strike", "march", "killed", "said", "since"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join))
def test_prefilter_never_hides_a_match_on_generated_text(text: str) -> None:
    pats = _all_patterns()
    possible = set(_all_prefilter().possible(text))
    for i, rx in enumerate(pats):
        if i not in possible:
            assert rx.search(text) is None, (rx.pattern[:80], text)


def test_required_literals_reads_the_parse_tree() -> None:
    assert required_literals(re.compile(r"\bshell(?:ed|ing)\b")) == frozenset({"shelled", "shelling"})
    # a trie-shaped alternation still yields its words
    trie = re.compile(trie_alternation(["march", "mar", "may"]) + r"\.?\s+\d", re.I)
    assert required_literals(trie) == frozenset({"mar", "mar.", "march", "march.", "may", "may."})
    assert [m.group() for m in trie.finditer("MARCH 3, Mar. 4, may 5")] == ["MARCH 3", "Mar. 4", "may 5"]
    assert required_literals(re.compile(r"\b(?:mortar|rocket)s?\b", re.I)) == frozenset({"mortar", "mortars", "rocket", "rockets"})
    assert required_literals(re.compile(r"(?:19|20)\d\d")) == frozenset({DIGIT})
    assert required_literals(re.compile(r"(?:big\s+)?a\b")) is None  # optional part only; "a" too short
    assert required_literals(re.compile(r"[a-z]+")) is None


def test_case_folding_covers_re_ignorecase_specials() -> None:
    rx = re.compile(r"\bsiege\b", re.IGNORECASE)
    pre = LiteralPrefilter([rx])
    for text in ("SIEGE", "the ſiege", "SİEGE".replace("İ", "I"), "sıege"):
        if rx.search(text):
            assert pre.possible(text) == [0], text
    assert fold("İDLİB") == "idlib"


def test_digit_requirement_uses_unicode_digits_like_re() -> None:
    rx = re.compile(r"\b\d+\s+killed")
    pre = LiteralPrefilter([rx])
    assert pre.possible("no figures here") == [] or rx.search("no figures here") is None
    assert pre.possible("٣ killed") == [0]  # Arabic-Indic digit: \d matches it, so must the filter


def _naive_triggers(sentence: str) -> tuple[rules.Trigger, ...]:
    low = rules._lower(sentence)
    out: list[rules.Trigger] = []
    label = None
    for rx, sub, weight, territory in rules._rule_table()[0]:
        for m in rx.finditer(low):
            if m.end() > m.start():
                if territory:
                    label = label or rules.territory_default(sentence)
                    out.append(rules.Trigger(m.start(), m.end(), label, weight, True))
                else:
                    out.append(rules.Trigger(m.start(), m.end(), sub, weight))
    out.sort(key=lambda t: (t.start, -t.weight))
    return tuple(out)


def test_find_triggers_equals_running_every_rule() -> None:
    hits = 0
    for sent in _sentences():
        got = tuple(rules.find_triggers(sent))
        assert got == _naive_triggers(sent), sent
        hits += bool(got)
    assert hits > 50  # the comparison is not vacuous


def _naive_neutralize(text: str) -> str:
    for rx, repl in neutral._table():
        text = rx.sub(repl, text)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\s+([,.;:])", r"\1", text).strip()


def test_own_neutralize_equals_every_replacement_in_order() -> None:
    changed = 0
    for sent in _sentences():
        got = neutral.own_neutralize(sent)
        assert got == _naive_neutralize(sent), sent
        changed += got != " ".join(sent.split())
    assert changed > 0


def test_parse_dates_equals_running_every_pattern() -> None:
    import datetime as dt

    anchor = dt.date(2020, 2, 5)
    original = dates._prefilter

    class _All:
        def possible(self, _text: str) -> list[int]:
            return list(range(len(dates._patterns())))

    found = 0
    try:
        for sent in _sentences():
            fast = dates.parse_dates(sent + " ", anchor)  # fresh cache key
            dates._prefilter = lambda: _All()  # type: ignore[assignment]
            slow = dates.parse_dates(sent + "  ", anchor)
            dates._prefilter = original
            assert [(d.start, d.end, d.date, d.range, d.precision) for d in fast] == [
                (d.start, d.end, d.date, d.range, d.precision) for d in slow
            ], sent
            found += bool(fast)
    finally:
        dates._prefilter = original
    assert found > 10


@pytest.mark.parametrize("part", ["word", "char"])
def test_fast_tfidf_is_bit_identical_to_sklearn(part: str) -> None:
    union = load_shipped().learned.pipeline_.named_steps["features"]
    vec = dict(union.transformer_list)[part]
    texts = [*_sentences()[:400], "", " ", "a", "ab", "abc", "Ünïcode  tést\tX", "x  y\n z"]
    a = vec.transform(texts)
    b = _tfidf_transform(vec, texts)
    assert a.shape == b.shape
    assert np.array_equal(a.indptr, b.indptr)
    assert np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data)
    b2 = _tfidf_transform(vec, texts)  # second call: every word from the cache
    assert np.array_equal(a.data, b2.data)


def test_reaches_min_score_equals_the_summed_rule_scores() -> None:
    fired = 0
    for sent in _sentences():
        scores = rules.rule_scores(sent)
        expected = bool(scores) and max(scores.values()) >= rules.min_score()
        assert rules.reaches_min_score(sent) == expected, sent
        fired += expected
    assert 50 < fired < len(_sentences())  # both answers occur


def test_fatality_outcome_prefilter_never_hides_a_figure() -> None:
    from frontline.events import fatalities

    found = 0
    original = fatalities._outcome_prefilter

    class _All:
        def possible(self, _text: str) -> list[int]:
            return [0, 1]

    try:
        for sent in _sentences():
            fast = fatalities.find_figures(sent)
            fatalities._outcome_prefilter = lambda: _All()  # type: ignore[assignment]
            slow = fatalities.find_figures(sent)
            fatalities._outcome_prefilter = original
            assert fast == slow, sent
            found += bool(fast)
    finally:
        fatalities._outcome_prefilter = original
    assert found > 10


def test_sarcasm_cue_equals_trying_every_cue() -> None:
    cues = [attribution.compile_pattern(p) for p in attribution._cfg()["sarcasm_cues"]]
    texts = [*_sentences(), 'The so-called "moderate rebels" shelled the town.', 'Of course the brave army "liberated" it.']
    hits = 0
    for sent in texts:
        expected = any(rx.search(sent) for rx in cues)
        assert attribution.sarcasm_cue(sent) == expected, sent
        hits += expected
    assert hits >= 2


_DATE_TEXTS = st.lists(
    st.sampled_from([*"0123456789- ,.", "may", "MAY ", "3 ", "2019", "2020-02-03", "19", "in ", "since ", "Feb", "march"]),
    max_size=14,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_DATE_TEXTS)
def test_date_prefilter_never_hides_a_date_pattern(text: str) -> None:
    possible = set(dates._prefilter().possible(text))
    for i, (rx, _handler) in enumerate(dates._patterns()):
        if i not in possible:
            assert rx.search(text) is None, (i, text)


def test_date_prefilter_on_eval_text_and_edge_cases() -> None:
    texts = [*_sentences(), "On 2020-02-03 12 were killed.", "12 killed on 3 May", "in 2013", "12 died, 30 hurt", "May 3-5, 2019"]
    skipped = 0
    for text in texts:
        possible = set(dates._prefilter().possible(text))
        literal = set(dates._prefilter().literal.possible(text))
        skipped += len(literal - possible)
        for i, (rx, _handler) in enumerate(dates._patterns()):
            if i not in possible:
                assert rx.search(text) is None, (i, text)
    assert skipped > 0  # the necessary checks do skip patterns
