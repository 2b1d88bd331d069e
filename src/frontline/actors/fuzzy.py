"""Calibrating fuzzy actor-name lookup.

The shared :class:`frontline.text.Matcher` turns two similarities (folded
string, consonant skeleton) into a probability with a logistic curve.  Its
default curve is fitted on *place-name* transliteration pairs, where names are
short and one letter matters; actor names are long ("Hayat Tahrir al-Sham"),
so one dropped letter ("Hayat Tahir al Sham") scores only ~0.6 there.  This
module fits the same curve on actor-name pairs instead:

* positives: registry aliases with synthetic reporter errors (a letter
  dropped, doubled, swapped or replaced by a vowel variant, spaces/hyphens
  changed) and pairs of aliases of the same actor;
* negatives: aliases of *different* actors, hardest (most similar) first.

The fit is deterministic (fixed seed) and stored in
``data/actors/fuzzy_calibration.json``; ``frontline actors --calibrate``
re-fits it after the registry grows.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from rapidfuzz import fuzz

from frontline.actors.registry import DATA_DIR, Registry, registry
from frontline.text import Calibration, normalize_name, skeleton

CALIBRATION_PATH: Path = DATA_DIR / "fuzzy_calibration.json"
_VOWEL_SWAPS = {"a": "e", "e": "a", "i": "ee", "u": "ou", "o": "u", "y": "i"}


def _typos(name: str, rng: random.Random, n: int = 4) -> list[str]:
    out = []
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    for _ in range(n):
        if not letters:
            break
        i = rng.choice(letters)
        op = rng.randrange(5)
        if op == 0:
            out.append(name[:i] + name[i + 1 :])
        elif op == 1:
            out.append(name[:i] + name[i] + name[i:])
        elif op == 2 and i + 1 < len(name):
            out.append(name[:i] + name[i + 1] + name[i] + name[i + 2 :])
        elif op == 3:
            c = name[i].lower()
            out.append(name[:i] + _VOWEL_SWAPS.get(c, c) + name[i + 1 :])
        else:
            out.append(name.replace("-", " ") if "-" in name else name.replace(" ", "-", 1))
    return out


def _features(a: str, b: str) -> tuple[float, float]:
    na, nb = normalize_name(a), normalize_name(b)
    return fuzz.ratio(na, nb) / 100.0, fuzz.ratio(skeleton(na), skeleton(nb)) / 100.0


def training_pairs(reg: Registry, seed: int = 20261123) -> tuple[list[tuple[float, float]], list[int]]:
    """Feature rows and labels (1 = same actor) for the calibration fit."""
    rng = random.Random(seed)
    names = [(n, a.id) for a in reg.actors.values() for n in a.names if len(normalize_name(n)) >= 6]
    X: list[tuple[float, float]] = []
    y: list[int] = []
    for n, _ in names:
        for t in _typos(n, rng):
            X.append(_features(n, t))
            y.append(1)
    by_actor: dict[str, list[str]] = {}
    for n, aid in names:
        by_actor.setdefault(aid, []).append(n)
    for group in by_actor.values():
        for i in range(len(group) - 1):
            X.append(_features(group[i], group[i + 1]))
            y.append(1)
    negatives: list[tuple[float, tuple[float, float]]] = []
    for i, (n1, a1) in enumerate(names):
        for n2, a2 in names[i + 1 :]:
            if a1 != a2:
                f = _features(n1, n2)
                negatives.append((f[0] + f[1], f))
    negatives.sort(key=lambda t: -t[0])
    for _, f in negatives[: max(len(y), 1) * 2]:
        X.append(f)
        y.append(0)
    return X, y


def fit_calibration(reg: Registry | None = None, path: Path | None = CALIBRATION_PATH) -> Calibration:
    """Fit the logistic curve on actor-name pairs; write it to ``path`` if given."""
    from sklearn.linear_model import LogisticRegression

    X, y = training_pairs(reg or registry())
    model = LogisticRegression(C=10.0, max_iter=1000).fit(X, y)
    cal = Calibration(float(model.intercept_[0]), float(model.coef_[0][0]), float(model.coef_[0][1]))
    if path is not None:
        path.write_text(
            json.dumps(
                {"bias": cal.bias, "w_ratio": cal.w_ratio, "w_skeleton": cal.w_skeleton, "pairs": len(y)},
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    return cal


def load_actor_calibration(path: Path = CALIBRATION_PATH) -> Calibration | None:
    """The fitted actor-name curve, or None (then the shared default is used)."""
    if not path.exists():
        return None
    d = json.loads(path.read_text(encoding="utf-8"))
    return Calibration(float(d["bias"]), float(d["w_ratio"]), float(d["w_skeleton"]))
