"""The sentence gate: the fast scorer equals the training matrix, hashing is stable, gating is exact."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from frontline.framing.gate import N_FEATURES, SentenceGate, gate_hashes, gate_matrix, sentence_spans
from frontline.framing.lexicon import normalise
from frontline.framing.tagger import TaggerModel, load_tagger, token_table
from frontline.framing.tokens import tokenize

TEXT = ("Officials reported shelling near the northern crossing.\n"
        "The cowardly enemy will never break our glorious nation!\n"
        "Aid convoys waited at the border.Next day \"nothing\" changed.")


def _random_gate(threshold: float = 0.5) -> SentenceGate:
    rng = np.random.default_rng(7)
    return SentenceGate(rng.normal(size=N_FEATURES), rng.random(N_FEATURES) + 1.0, -0.2, threshold)


def _wids(text: str) -> np.ndarray:
    return token_table(tokenize(text), load_tagger().vocab)[:, 0]


def test_fast_probs_equal_the_training_matrix() -> None:
    gate = _random_gate()
    toks, low, wids = tokenize(TEXT), normalise(TEXT), _wids(TEXT)
    x = gate_matrix(low, toks, wids, gate.idf)
    slow = 1.0 / (1.0 + np.exp(-(x @ gate.w + gate.b)))
    assert np.allclose(gate.probs(low, toks, wids), slow)


def test_character_ngrams_stay_inside_their_sentence() -> None:
    """Each sentence has exactly words + word pairs + its own 2–5-grams (none across a break)."""
    toks = tokenize(TEXT)
    rows, _ = gate_hashes(normalise(TEXT), toks, _wids(TEXT))
    first, last, _ids = sentence_spans(toks)
    expected = []
    for a, b in zip(first, last, strict=True):
        chars = int(toks.ends[b - 1] - toks.starts[a])
        words = int(b - a)
        expected.append(words + words - 1 + sum(max(0, chars - n + 1) for n in (2, 3, 4, 5)))
    assert np.bincount(rows).tolist() == expected


def test_hash_ids_do_not_depend_on_the_python_hash_seed() -> None:
    code = ("import numpy as np; from frontline.framing.gate import gate_hashes;"
            "from frontline.framing.tokens import tokenize; t='Glorious nation, never again!';"
            "k=tokenize(t); print(gate_hashes(t.lower(), k, np.arange(len(k)))[1].sum())")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout for seed in ("1", "2")}
    assert len(outs) == 1


def test_gated_sentences_score_exactly_as_ungated() -> None:
    """A kept sentence's token probabilities do not change because others were skipped."""
    base = load_tagger()
    toks, low = tokenize(TEXT), normalise(TEXT)
    wids = token_table(toks, base.vocab)[:, 0]
    for thr in (0.0, 0.5, 1.01):
        gated = TaggerModel(base.vocab, base.sent_w, base.sent_b, base.tok_w, base.threshold,
                            gate=_random_gate(thr))
        full = gated.token_probs(toks, low)
        sub, probs = gated.gated_probs(toks, low)
        keep = np.isin(toks.starts, sub.starts)
        assert np.allclose(probs, full[keep])
        sent_p = gated.sentence_feature(toks, wids, low)
        expected = np.flatnonzero(sent_p >= thr) if thr > 0 else np.unique(toks.sent)
        assert np.unique(toks.sent[keep]).tolist() == expected.tolist()
        kept_sents = set(toks.sent[keep].tolist())
        for s, _e, _p in gated.spans(toks, low=low):
            assert toks.sent[np.searchsorted(toks.starts, s)] in kept_sents


def test_gated_tagger_needs_the_normalised_text() -> None:
    base = load_tagger()
    gated = TaggerModel(base.vocab, base.sent_w, base.sent_b, base.tok_w, base.threshold, gate=_random_gate())
    with pytest.raises(ValueError):
        gated.token_probs(tokenize(TEXT))


def test_gate_survives_a_save_and_load(tmp_path) -> None:
    base = load_tagger()
    gated = TaggerModel(base.vocab, base.sent_w, base.sent_b, base.tok_w, base.threshold, gate=_random_gate(0.4))
    gated.save(tmp_path / "t.npz")
    back = TaggerModel.load(tmp_path / "t.npz")
    assert back.gate is not None and back.gate.threshold == 0.4
    assert back.gate.char_ngrams == gated.gate.char_ngrams  # type: ignore[union-attr]
    toks, low = tokenize(TEXT), normalise(TEXT)
    assert np.allclose(back.token_probs(toks, low), gated.token_probs(toks, low), atol=1e-2)
