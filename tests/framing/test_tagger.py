"""The learned tagger: fast inference equals the training formulation, decoding rules, determinism."""

from __future__ import annotations

import numpy as np
import pytest

from frontline.framing.frame import Framer
from frontline.framing.lexicon import normalise
from frontline.framing.tagger import TokenMemo, decode, load_tagger, sentence_matrix, token_table
from frontline.framing.tokens import tokenize

TEXT = ("Officials reported shelling near the northern crossing.\n"
        "The cowardly enemy will never break our glorious nation!\n"
        "Aid convoys waited at the border for a third day.")


def test_sentence_probs_match_the_sparse_training_matrix() -> None:
    m = load_tagger()
    toks = tokenize(TEXT)
    wids = token_table(toks, m.vocab)[:, 0]
    fast = m.sentence_probs(toks, wids)
    slow = 1.0 / (1.0 + np.exp(-(sentence_matrix(toks, wids, len(m.sent_w)) @ m.sent_w + m.sent_b)))
    assert np.allclose(fast, slow)


def test_memo_gives_the_same_table() -> None:
    m = load_tagger()
    toks = tokenize(TEXT)
    memo = TokenMemo(limit=3)
    a = token_table(toks, m.vocab, memo)
    b = token_table(toks, m.vocab, memo)  # memo over its limit: cleared and rebuilt
    assert np.array_equal(a, b)
    assert np.array_equal(a, token_table(toks, m.vocab))


def test_memo_is_safe_across_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    m = load_tagger()
    texts = [f"Report {i}: word{i} and word{i + 1} near place{i % 7}." * 20 for i in range(40)]
    expected = [m.token_probs(tokenize(t), normalise(t)) for t in texts]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda t: m.token_probs(tokenize(t), normalise(t)), texts))
    assert all(np.array_equal(a, b) for a, b in zip(expected, got, strict=True))


def test_decode_bridges_small_gaps_within_a_sentence_only() -> None:
    text = "a b c d e\nf g"
    toks = tokenize(text)
    p = np.array([0.9, 0.1, 0.9, 0.1, 0.1, 0.9, 0.9])
    got = decode(toks, p, 0.5, max_gap=1)
    assert [(a, b) for a, b, _ in got] == [(0, 5), (10, 13)]
    assert [m for _, _, m in got] == pytest.approx([p[:3].mean(), 0.9])
    spans = decode(toks, p, 0.5, max_gap=0)
    assert [(a, b) for a, b, _ in spans] == [(0, 1), (4, 5), (10, 13)]
    # "e" ends line 1, "f" starts line 2: adjacent tokens, but never one span
    p2 = np.array([0.1, 0.1, 0.1, 0.1, 0.9, 0.9, 0.1])
    assert [(a, b) for a, b, _ in decode(toks, p2, 0.5, max_gap=3)] == [(8, 9), (10, 11)]
    assert [(a, b) for a, b, _ in decode(toks, p, 0.5, max_gap=1, min_tokens=3)] == [(0, 5)]


def test_loaded_sentence_scores_above_plain_reporting() -> None:
    m = load_tagger()
    toks = tokenize(TEXT)
    probs = m.token_probs(toks, normalise(TEXT))
    by_sent = [probs[toks.sent == k].mean() for k in range(3)]
    assert by_sent[1] > by_sent[0] and by_sent[1] > by_sent[2]


def test_model_spans_are_deterministic_and_labelled() -> None:
    fr = Framer.default()
    a = fr.model_spans(TEXT)
    assert a == fr.model_spans(TEXT)
    assert all(s.source == "model" and s.technique for s in a)


def test_technique_probs_match_a_plain_dot_product() -> None:
    from frontline.framing.techniques import SpanContext, load_technique_model, span_features

    tm = load_technique_model()
    ctx = SpanContext.of(TEXT)
    feats = [span_features(ctx, 57, 70), {}, span_features(ctx, 0, 9), {"never-seen-feature": 1.0}]
    got = tm.probs(feats)
    for row, f in zip(got, feats, strict=True):
        z = tm.intercept.copy()
        for k, v in f.items():
            j = tm.index.get(k)
            if j is not None:
                z += v * tm.coef[:, j]
        e = np.exp(z - z.max())
        assert np.allclose(row, e / e.sum())


def test_repeated_gold_span_gets_distinct_techniques() -> None:
    from frontline.framing.techniques import load_technique_model

    labels = load_technique_model().predict(TEXT, [(57, 113), (57, 113), (0, 9)])
    assert labels[0][0] != labels[1][0]


def test_decode_min_peak_drops_lukewarm_runs_only() -> None:
    """Hysteresis: a run survives only if one of its tokens is confident; the run keeps its low edges."""
    text = "a b c d e\nf g"
    toks = tokenize(text)
    p = np.array([0.3, 0.3, 0.1, 0.35, 0.8, 0.3, 0.3])
    # run "d e" peaks at 0.8 and keeps its 0.35 edge; "a b" and "f g" never pass 0.5
    got = decode(toks, p, 0.25, max_gap=0, min_peak=0.5)
    assert [(a, b) for a, b, _ in got] == [(6, 9)]
    # a run whose peak is the last token of the text (reduceat boundary)
    p_end = np.array([0.1, 0.1, 0.1, 0.1, 0.1, 0.3, 0.9])
    assert [(a, b) for a, b, _ in decode(toks, p_end, 0.25, min_peak=0.5)] == [(10, 13)]
    # min_peak 0 is the plain decoder
    assert decode(toks, p, 0.25, max_gap=0) == decode(toks, p, 0.25, max_gap=0, min_peak=0.0)
    assert len(decode(toks, p, 0.25, max_gap=0)) == 3


def test_repetition_features_see_earlier_uses_of_a_phrase() -> None:
    """Written for the test: the second "peace through strength" is a repeat, the first is not."""
    from frontline.framing.techniques import SpanContext, span_features

    text = "We want peace through strength. Again, peace through strength, said the Senate Majority Leader."
    ctx = SpanContext.of(text)
    first = text.index("peace through strength")
    second = text.index("peace through strength", first + 1)
    n = len("peace through strength")
    assert span_features(ctx, first, first + n)["earlier:0"] == 1.0
    assert span_features(ctx, second, second + n)["earlier:1"] == 1.0
    assert "wrep:1" in span_features(ctx, first, first + n)  # its key words occur twice (bucket 1)
    said = text.index("said")
    assert "wrep:0" in span_features(ctx, said, said + 4)  # "said" occurs once
    leader = text.index("Senate Majority Leader")
    caps = span_features(ctx, leader, leader + len("Senate Majority Leader"))
    assert "caps:3" in caps  # both later words capitalised: share 2/3 > 0.6
