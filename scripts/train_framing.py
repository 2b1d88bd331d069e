"""Train the framing models (span tagger + technique classifier) on the PTC training split.

Usage::

    nice .venv/bin/python scripts/train_framing.py [--out src/frontline/data/models]

Uses only the ``train`` part of ``ptc_semeval2020_task11_train.jsonl`` (see
``frontline.framing.ptc.split_of``); the ``heldout`` part is never read here,
so ``frontline eval framing`` measures on unseen articles.  Decoding
settings and regularisation are chosen on an internal development slice of
the training part (a second hash split), then the final models are refit on
the whole training part.  Runs in about a minute on one CPU core.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier

from frontline.framing.metrics import si_score, tc_score
from frontline.framing.ptc import Article, load_articles
from frontline.framing.tagger import (
    MODEL_PATH,
    TaggerModel,
    Vocab,
    block_sizes,
    decode,
    sentence_matrix,
    token_blocks,
    token_table,
    word_ids,
)
from frontline.framing.techniques import MODEL_PATH as TC_PATH
from frontline.framing.techniques import SpanContext, TechniqueModel, span_features
from frontline.framing.tokens import Tokens, tokenize

#: SGD regularisation of the token model (1e-5 … 1e-4 scored within 0.01 of each other).
ALPHA = 1e-4
N_FOLDS = 4


def _dev_fold(aid: str) -> bool:
    return int(hashlib.md5(aid.encode()).hexdigest(), 16) % 5 == 0


def _prep(arts: list[Article]) -> list[tuple[Article, Tokens, np.ndarray]]:
    out = []
    for a in arts:
        toks = tokenize(a.text)
        mask = np.zeros(len(a.text) + 1, dtype=np.int64)
        for s, e in a.si_spans:
            mask[s] += 1
            mask[e] -= 1
        inside = np.cumsum(mask)[:-1] > 0
        # a token is positive if any of its characters is inside a gold span
        csum = np.concatenate([[0], np.cumsum(inside)])
        y = (csum[toks.ends] - csum[toks.starts]) > 0
        out.append((a, toks, y.astype(np.int64)))
    return out


def _fit_sentence(data, vocab: Vocab, c: float = 1.0) -> tuple[np.ndarray, float]:
    mats, ys = [], []
    nw = len(vocab.words) + 2
    for _a, toks, y in data:
        if not len(toks):
            continue
        wids = word_ids(toks, vocab)
        mats.append(sentence_matrix(toks, wids, nw))
        ys.append(np.bincount(toks.sent, weights=y, minlength=int(toks.sent[-1]) + 1) > 0)
    x = sparse.vstack(mats).tocsr()
    clf = LogisticRegression(C=c, max_iter=300)
    clf.fit(x, np.concatenate(ys))
    return clf.coef_[0], float(clf.intercept_[0])


def _sent_probs(toks: Tokens, vocab: Vocab, w: np.ndarray, b: float) -> np.ndarray:
    m = TaggerModel(vocab, w, b, np.zeros(1), 0.5)
    return m.sentence_probs(toks, word_ids(toks, vocab))


def _token_xy(data, vocab: Vocab, sprobs: list[np.ndarray]):
    nfeat = sum(s for _, s in block_sizes(vocab))
    rows, ys = [], []
    for (_a, toks, y), sp in zip(data, sprobs, strict=True):
        if not len(toks):
            continue
        rows.append(token_blocks(toks, token_table(toks, vocab), vocab, sp))
        ys.append(y)
    g = np.concatenate(rows)
    n, k = g.shape
    x = sparse.csr_matrix(
        (np.ones(n * k, dtype=np.float32), g.ravel(), np.arange(0, n * k + 1, k)), shape=(n, nfeat)
    )
    return x, np.concatenate(ys)


def _fit_tokens(x, y, alpha: float) -> np.ndarray:
    clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=50, tol=1e-4, random_state=0)
    clf.fit(x, y)
    w = clf.coef_[0].copy()
    w[-1] += clf.intercept_[0]  # the last block is the always-on bias feature
    return w


def _oof_sentence_probs(data, vocab: Vocab, folds: int = 3) -> list[np.ndarray]:
    """Out-of-fold sentence probabilities, so the token model trains on honest inputs."""
    out: list[np.ndarray | None] = [None] * len(data)
    for f in range(folds):
        tr = [d for i, d in enumerate(data) if i % folds != f]
        w, b = _fit_sentence(tr, vocab)
        for i, d in enumerate(data):
            if i % folds == f:
                out[i] = _sent_probs(d[1], vocab, w, b)
    return out  # type: ignore[return-value]


def _train_tagger(data, alpha: float) -> tuple[Vocab, np.ndarray, float, np.ndarray]:
    vocab = Vocab.build(t.words for _, t, _ in data)
    oof = _oof_sentence_probs(data, vocab)
    x, y = _token_xy(data, vocab, oof)
    tok_w = _fit_tokens(x, y, alpha)
    sw, sb = _fit_sentence(data, vocab)
    return vocab, sw, sb, tok_w


def _tc_xy(arts: list[Article]):
    feats, labels = [], []
    for a in arts:
        ctx = SpanContext.of(a.text)
        for s, e, t in a.tc_spans:
            feats.append(span_features(ctx, s, e))
            labels.append(t)
    return feats, labels


def _fit_tc(arts: list[Article], c: float) -> TechniqueModel:
    feats, labels = _tc_xy(arts)
    dv = DictVectorizer()
    x = dv.fit_transform(feats)
    # drop features seen once: they only memorise
    df = np.asarray((x > 0).sum(axis=0)).ravel()
    keep = np.flatnonzero(df >= 2)
    x = x[:, keep]
    names = [dv.feature_names_[j] for j in keep]
    clf = LogisticRegression(C=c, max_iter=1000, class_weight=None)
    clf.fit(x, labels)
    return TechniqueModel(list(clf.classes_), {n: i for i, n in enumerate(names)}, clf.coef_, clf.intercept_)


def _eval_tc(model: TechniqueModel, arts: list[Article]) -> float:
    pred, gold = [], []
    for a in arts:
        spans = [(s, e) for s, e, _ in a.tc_spans]
        pred += [t for t, _ in model.predict(a.text, spans)]
        gold += [t for _, _, t in a.tc_spans]
    return tc_score(pred, gold).micro_f1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=MODEL_PATH.parent)
    args = ap.parse_args()
    t0 = time.time()
    arts = load_articles("train")
    fit_arts = [a for a in arts if not _dev_fold(a.article_id)]
    dev_arts = [a for a in arts if _dev_fold(a.article_id)]
    print(f"train split: {len(arts)} articles ({len(fit_arts)} fit / {len(dev_arts)} internal dev for TC)")

    # 1. span tagger: decoding settings from out-of-fold probabilities over
    #    the whole training split (4 folds by article hash): one 50-article
    #    slice proved too noisy a guide.
    data = _prep(arts)
    folds = [int(hashlib.md5(a.article_id.encode()).hexdigest(), 16) % N_FOLDS for a in arts]
    oof: list[np.ndarray | None] = [None] * len(data)
    for f in range(N_FOLDS):
        tr = [d for d, k in zip(data, folds, strict=True) if k != f]
        vocab, sw, sb, tw = _train_tagger(tr, ALPHA)
        model = TaggerModel(vocab, sw, sb, tw, 0.5)
        for i, (d, k) in enumerate(zip(data, folds, strict=True)):
            if k == f:
                oof[i] = model.token_probs(d[1])
        print(f"  fold {f} done ({time.time() - t0:.0f}s)")
    gold = {a.article_id: a.si_spans for a in arts}
    best = (-1.0, 0.0, 0, 0, 0.0)
    for thr in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4):
        for gap in (1, 3, 8):
            for min_tok in (1, 2, 3):
                for peak in (0.0, 0.25, 0.3):
                    if peak and peak <= thr:
                        continue
                    pred = {a.article_id: [(s, e) for s, e, _ in decode(t, p, thr, gap, min_tok, peak)]
                            for (a, t, _), p in zip(data, oof, strict=True)}
                    f1 = si_score(pred, gold).f1
                    if f1 > best[0]:
                        best = (f1, thr, gap, min_tok, peak)
    print(f"  SI out-of-fold F1={best[0]:.3f} at thr={best[1]} gap={best[2]} min_tokens={best[3]} "
          f"min_peak={best[4]}")
    _, thr, gap, min_tok, peak = best

    # 2. technique classifier: choose C on the internal dev slice
    best_c = (-1.0, 1.0)
    for c in (1.0, 3.0, 10.0):
        f = _eval_tc(_fit_tc(fit_arts, c), dev_arts)
        print(f"  TC C={c}: internal dev micro-F1={f:.3f}")
        best_c = max(best_c, (f, c))

    # 3. refit on the whole training split and save
    vocab, sw, sb, tw = _train_tagger(data, ALPHA)
    args.out.mkdir(parents=True, exist_ok=True)
    TaggerModel(vocab, sw, sb, tw, thr, gap, min_tok, peak).save(args.out / MODEL_PATH.name)
    _fit_tc(arts, best_c[1]).save(args.out / TC_PATH.name)
    print(f"saved to {args.out} in {time.time() - t0:.0f}s "
          f"(SI alpha={ALPHA:g} thr={thr} gap={gap} min_tokens={min_tok} min_peak={peak}; TC C={best_c[1]})")


if __name__ == "__main__":
    main()
