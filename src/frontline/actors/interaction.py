"""ACLED inter codes and interaction codes from registry actors.

ACLED codes every event's actors by category (1 state forces, 2 rebel groups,
3 political militias, 4 identity militias, 5 rioters, 6 protesters,
7 civilians, 8 external/other forces) and the pair as one two-digit
``interaction`` with the lower code first (12 = state forces vs rebels; a
single actor ``x`` gives ``10·x``).

Foreign state forces: in the numeric codebook (the one whose two-digit
interaction codes the export writes), state forces operating outside their
own country are "External/Other Forces" (8); ACLED's 2024 codebook instead
codes them as state forces (1) and dropped numeric interaction codes.  frontline
follows the numeric codebook by default (``convention="numeric"``) and
offers ``convention="2024"``; the registry keeps each force's home-country
code so either can be derived.
"""

from __future__ import annotations

from frontline.actors.registry import NON_COMBATANT_KINDS, Actor, Registry, registry

CONVENTIONS = ("numeric", "2024")
#: Kinds that are "state forces" of their country (and so foreign outside it).
_STATE_KINDS = frozenset({"state_force", "unit", "government"})
EXTERNAL = 8


class NotAnArmedActor(ValueError):
    """Raised when a person, monitor or media outlet is asked for an inter code."""


def inter_code(
    actor: Actor | str,
    *,
    country: str | None = None,
    convention: str = "numeric",
    reg: Registry | None = None,
) -> int:
    """The ACLED inter code of ``actor`` for an event in ``country``.

    ``country`` defaults to the registry's theatre country.  Persons,
    monitors and media raise :class:`NotAnArmedActor`: they are never coded
    as armed actors, and silently returning a code would hide that bug.
    """
    reg = reg or registry()
    a = reg.get(actor) if isinstance(actor, str) else actor
    if convention not in CONVENTIONS:
        raise ValueError(f"unknown convention {convention!r}; use one of {CONVENTIONS}")
    if a.kind in NON_COMBATANT_KINDS or a.inter is None:
        raise NotAnArmedActor(f"{a.id!r} ({a.kind}) is not an armed actor and has no inter code")
    where = country or reg.country
    if convention == "numeric" and a.kind in _STATE_KINDS and a.country and where and a.country != where:
        return EXTERNAL
    return a.inter


def combine(inter1: int, inter2: int | None = None) -> int:
    """ACLED's two-digit interaction: lower code first; one actor ``x`` → ``10·x``."""
    for v in (inter1, inter2):
        if v is not None and not 0 <= v <= 8:
            raise ValueError(f"inter codes are 0-8, got {v}")
    if not inter2:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


def interaction(
    actor_a_id: str,
    actor_b_id: str | None = None,
    *,
    country: str | None = None,
    convention: str = "numeric",
    reg: Registry | None = None,
) -> tuple[int, int, int]:
    """``(inter1, inter2, interaction)`` for two registry actors (``inter2`` 0 if alone)."""
    i1 = inter_code(actor_a_id, country=country, convention=convention, reg=reg)
    i2 = inter_code(actor_b_id, country=country, convention=convention, reg=reg) if actor_b_id else 0
    return i1, i2, combine(i1, i2)
