"""ACLED interaction codes: lower code first, foreign state forces per convention."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontline.actors import NotAnArmedActor, combine, inter_code, interaction, registry


@given(st.integers(1, 8), st.integers(1, 8))
def test_combine_puts_the_lower_code_first_and_is_symmetric(a: int, b: int) -> None:
    code = combine(a, b)
    assert code == combine(b, a)
    assert code // 10 == min(a, b) and code % 10 == max(a, b)


def test_single_actor_is_ten_times_its_code() -> None:
    assert combine(6) == 60
    with pytest.raises(ValueError):
        combine(9, 1)


def _first(kind: str, *, foreign: bool | None = None):
    reg = registry()
    for a in reg.actors.values():
        if a.kind != kind:
            continue
        if foreign is None or (a.country not in (None, reg.country)) == foreign:
            return a
    raise AssertionError(f"registry has no {kind} (foreign={foreign})")


def test_home_state_force_against_rebels_is_12() -> None:
    home = _first("state_force", foreign=False)
    rebels = _first("rebel_group")
    assert interaction(home.id, rebels.id) == (1, 2, 12)
    assert interaction(rebels.id, home.id) == (2, 1, 12)


def test_foreign_state_forces_follow_the_chosen_convention() -> None:
    home = _first("state_force", foreign=False)
    foreign = _first("state_force", foreign=True)
    assert interaction(foreign.id, home.id) == (8, 1, 18)
    assert interaction(foreign.id, home.id, convention="2024") == (1, 1, 11)
    # in its own country the same force is an ordinary state force
    assert inter_code(foreign.id, country=foreign.country) == 1
    with pytest.raises(ValueError, match="convention"):
        inter_code(foreign.id, convention="1997")


def test_civilian_targets_and_lone_actors() -> None:
    home = _first("state_force", foreign=False)
    civ = _first("civilians")
    assert interaction(home.id, civ.id)[2] == 17
    assert interaction(civ.id) == (7, 0, 70)


@pytest.mark.parametrize("kind", ["person", "monitor", "media"])
def test_persons_and_sources_are_never_armed_actors(kind: str) -> None:
    who = _first(kind)
    home = _first("state_force", foreign=False)
    with pytest.raises(NotAnArmedActor):
        interaction(who.id, home.id)
    with pytest.raises(NotAnArmedActor):
        inter_code(who.id)
