"""Shared text-matching machinery: transliteration-aware folding and dictionary matching.

Places (``frontline.geo``) and actors (``frontline.actors``) use the same
functions, so a spelling rule added once helps both.

Public API (stable):

* ``normalize(text) -> Normalized(text, offsets, ends)`` with ``.raw_span(s, e)``
* ``normalize_name(name) -> str`` and ``skeleton(folded) -> str``
* ``Matcher(entries: Iterable[tuple[str, key]])`` with
  ``.find(text, normalized=None) -> list[Match(start, end, key, surface, score, keys, norm)]``,
  ``.fuzzy(name, limit=5, min_score=0.5) -> list[tuple[key, float]]`` and ``.keys_for(name)``
* ``similarity(a, b) -> (ratio, skeleton_ratio)``
"""

from frontline.text.matcher import Calibration, Match, Matcher, load_calibration, similarity
from frontline.text.normalize import Normalized, normalize, normalize_name, skeleton

__all__ = [
    "Calibration",
    "Match",
    "Matcher",
    "Normalized",
    "load_calibration",
    "normalize",
    "normalize_name",
    "similarity",
    "skeleton",
]
