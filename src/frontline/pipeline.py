"""Named pipeline stages, registered in one explicit place.

Per-document stages are pure functions ``Document -> Document``: easy to test,
to parallelise and to ship to Dask workers.  Each declares what it requires
and what it assigns (spaCy's component factories), so ``check_order`` can
refuse a chain that would read a field before any stage wrote it.

Registrations live in :func:`default_stages` (not in import side effects) so
there are no import cycles and the order is visible in one place.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from frontline.model import Document

DocFn = Callable[[Document], Document]


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    func_path: str  # "module:function", imported lazily so workers load only what they run
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def load(self) -> DocFn:
        module, _, attr = self.func_path.partition(":")
        return getattr(importlib.import_module(module), attr)


#: The per-document chain, in order.  ``parts`` is assigned by cleaning.
PER_DOCUMENT: tuple[Stage, ...] = (
    Stage("clean", "frontline.clean:clean_document", ("text",), ("parts", "sentences", "paragraphs", "title", "byline", "outlet", "original_source", "publication_date", "date_source", "field_spans")),
    Stage("geo", "frontline.geo:geoparse_document", ("parts", "sentences"), ("place_mentions",)),
    Stage("actors", "frontline.actors:link_actors", ("parts", "sentences"), ("actor_mentions",)),
    Stage("framing", "frontline.framing:frame_document", ("parts", "sentences"), ("framing_spans",)),
    Stage("events", "frontline.events:extract_events", ("place_mentions", "actor_mentions", "framing_spans", "publication_date"), ("events",)),
)


def check_order(stages: Sequence[Stage], available: Iterable[str] = ("text",)) -> None:
    """Raise if a stage requires a field no earlier stage assigns."""
    have = set(available)
    for stage in stages:
        missing = [r for r in stage.requires if r not in have]
        if missing:
            raise ValueError(f"stage {stage.name!r} requires {missing} which no earlier stage assigns")
        have.update(stage.assigns)


def select(names: Iterable[str] | None = None) -> list[Stage]:
    """The per-document stages named (all by default), in pipeline order."""
    if names is None:
        return list(PER_DOCUMENT)
    wanted = set(names)
    unknown = wanted - {s.name for s in PER_DOCUMENT}
    if unknown:
        raise ValueError(f"unknown stages: {sorted(unknown)}")
    return [s for s in PER_DOCUMENT if s.name in wanted]


def run_stages(doc: Document, stages: Sequence[Stage]) -> Document:
    """Run per-document stages in order."""
    for stage in stages:
        doc = stage.load()(doc)
    return doc
