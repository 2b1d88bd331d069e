"""Place mentions: gazetteer, transliteration-aware matching, context disambiguation.

Public API:

* ``geoparse_document(doc) -> doc`` — pipeline stage (fills ``doc.place_mentions``);
* ``geoparse_text(text, spans=None) -> list[PlaceMention]``;
* ``Gazetteer`` (``search(q, limit)``, ``get(place_id)``) and
  ``default_gazetteer()`` — loaded once per process.
"""

from frontline.geo.gazetteer import Gazetteer, default_gazetteer
from frontline.geo.geoparse import geoparse_document, geoparse_text
from frontline.geo.supplement import SupplementError, read_supplement

__all__ = [
    "Gazetteer",
    "SupplementError",
    "default_gazetteer",
    "geoparse_document",
    "geoparse_text",
    "read_supplement",
]
