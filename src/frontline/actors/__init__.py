"""Actors: the registry, mention detection and linking, sides and ACLED interaction codes.

Public API (stable, used by events, store, export and the CLI):

* ``registry() -> Registry`` (cached) and ``load_registry(path)`` (validating)
* ``link_actors(doc) -> doc`` — the pipeline stage (fills ``doc.actor_mentions``)
* ``find_mentions(text, regions, paragraphs=, sentences=) -> list[ActorMention]``
* ``resolve_name(text) -> Actor | None``
* ``inter_code(actor_id, country=) -> int`` and
  ``interaction(actor_a_id, actor_b_id) -> (inter1, inter2, interaction)``
"""

from frontline.actors.interaction import NotAnArmedActor, combine, inter_code, interaction
from frontline.actors.linker import find_mentions, link_actors, resolve_name
from frontline.actors.registry import Actor, Registry, RegistryError, load_registry, registry

__all__ = [
    "Actor",
    "NotAnArmedActor",
    "Registry",
    "RegistryError",
    "combine",
    "find_mentions",
    "inter_code",
    "interaction",
    "link_actors",
    "load_registry",
    "registry",
    "resolve_name",
]
