"""Accuracy of the sub-event classifiers on frontline's HELD-OUT split of CASE 2021 Task 2.

Returned as plain data so the CLI, the docs table and the accuracy gate in
the tests all read the same numbers.
"""

from __future__ import annotations

import time
from typing import Any

from sklearn.metrics import f1_score

from frontline.events.casedata import load_case, split_case
from frontline.events.classify import RuleClassifier, SubEventClassifier, load_shipped

METHODS = ("rules", "learned", "hybrid")


def classifier_for(method: str, train_texts: list[str], train_labels: list[str]) -> SubEventClassifier:
    """The classifier a method names: rules fitted on TRAIN (fallback label), or the shipped model."""
    if method == "rules":
        return RuleClassifier().fit(train_texts, train_labels)
    if method == "learned":
        return load_shipped().learned
    if method == "hybrid":
        return load_shipped()
    raise ValueError(f"unknown method {method!r}; use one of {METHODS}")


def evaluate_classify(method: str = "hybrid") -> dict[str, Any]:
    """Macro, micro and weighted F1 over ACLED sub-event types on the held-out split."""
    train, held = split_case(load_case())
    clf = classifier_for(method, [s.text for s in train], [s.label for s in train])
    gold = [s.label for s in held]
    t0 = time.perf_counter()
    pred = clf.predict([s.text for s in held])
    elapsed = time.perf_counter() - t0
    labels = sorted(set(gold))
    per_label = f1_score(gold, pred, labels=labels, average=None, zero_division=0)
    return {
        "method": method,
        "split": "frontline held-out (30 % of the shared subtask-1 items, seed 7, stratified)",
        "n_train": len(train),
        "n_test": len(held),
        "macro_f1": float(f1_score(gold, pred, labels=labels, average="macro", zero_division=0)),
        "micro_f1": float(f1_score(gold, pred, labels=labels, average="micro", zero_division=0)),
        "weighted_f1": float(f1_score(gold, pred, labels=labels, average="weighted", zero_division=0)),
        "per_label_f1": {lab: round(float(v), 4) for lab, v in zip(labels, per_label, strict=True)},
        "snippets_per_second": len(held) / elapsed if elapsed > 0 else None,
    }
