"""Train the shipped ACLED sub-event classifier on the TRAIN split of CASE 2021 Task 2.

Why a script: the model file in the package must be reproducible.  It fits the
learned part on TRAIN only (never the held-out split that ``frontline eval
classify`` reports), picks the hybrid rule weight by 5-fold cross-validation
on TRAIN, and writes ``src/frontline/data/models/subevent_clf.joblib`` plus a
JSON record (sklearn version, split sizes, CV scores).  Deterministic: fixed
fold seed, no randomness in the models.

    nice .venv/bin/python scripts/train_subevent_classifier.py
"""

from __future__ import annotations

import hashlib
import warnings

from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from frontline.events.casedata import SPLIT_SEED, load_case, split_case
from frontline.events.classify import HybridClassifier, LearnedClassifier, RuleClassifier, save_model

WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5)


def cv_scores(texts: list[str], labels: list[str]) -> dict[float, float]:
    """Macro F1 per rule weight, out-of-fold on TRAIN."""
    preds: dict[float, list[str]] = {w: [""] * len(texts) for w in WEIGHTS}
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for tr, te in folds.split(texts, labels):
            learned = LearnedClassifier().fit([texts[i] for i in tr], [labels[i] for i in tr])
            for w in WEIGHTS:
                hyb = HybridClassifier(learned, w)
                hyb.rules.fit([texts[i] for i in tr], [labels[i] for i in tr])
                for i, p in zip(te, hyb.predict([texts[i] for i in te]), strict=True):
                    preds[w][i] = p
    return {w: f1_score(labels, preds[w], average="macro") for w in WEIGHTS}


def main() -> None:
    train, held = split_case(load_case())
    texts, labels = [s.text for s in train], [s.label for s in train]
    scores = cv_scores(texts, labels)
    best = max(WEIGHTS, key=lambda w: (round(scores[w], 4), -w))
    for w in WEIGHTS:
        print(f"rule_weight={w:<5} CV macro-F1={scores[w]:.4f}{'  <- chosen' if w == best else ''}")
    rules_only = RuleClassifier().fit(texts, labels)
    print(f"rules alone on TRAIN: macro-F1={f1_score(labels, rules_only.predict(texts), average='macro'):.4f}")
    hybrid = HybridClassifier(LearnedClassifier(), best).fit(texts, labels)
    ids = ",".join(s.id for s in train)
    save_model(
        hybrid,
        {
            "trained_on": "case2021_task2.jsonl subtask-1 items, frontline TRAIN split",
            "split_seed": SPLIT_SEED,
            "n_train": len(train),
            "n_held_out": len(held),
            "train_ids_sha256": hashlib.sha256(ids.encode()).hexdigest(),
            "cv_macro_f1": {str(w): round(s, 4) for w, s in scores.items()},
        },
    )
    print("saved model")


if __name__ == "__main__":
    main()
