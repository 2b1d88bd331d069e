"""Framing and propaganda analysis: technique spans, sarcasm cues, neutral wording, profiles.

Public API (what other stages and the CLI call):

* :func:`frame_document` — the pipeline stage (``Document -> Document``);
* :func:`frame_text` — framing spans of a plain string;
* :func:`neutralize`, :func:`neutral_terms` — neutral rewording for event notes;
* :func:`profile_document`, :func:`profile_outlet` — slant profiles.

Heavy pieces (models, lexicon) load lazily on first use, once per process.
"""

from __future__ import annotations

from frontline.framing.frame import Framer, frame_document, frame_text
from frontline.framing.neutral import neutral_terms, neutralize
from frontline.framing.profile import Profile, profile_document, profile_outlet

__all__ = [
    "Framer",
    "Profile",
    "frame_document",
    "frame_text",
    "neutral_terms",
    "neutralize",
    "profile_document",
    "profile_outlet",
]
