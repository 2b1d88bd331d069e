"""Field values are clean names; their spans cover the token as it stands in the text."""

from __future__ import annotations

from frontline.clean.fields import clean_name, plausible_name


def test_markdown_link_value_and_span() -> None:
    text = "By **[Jane Roe](https://example.org/jr)**, staff"
    got = clean_name(text, 3, len(text))
    assert got is not None
    value, span = got
    assert value == "Jane Roe"
    assert text[span.start : span.end] == "**[Jane Roe](https://example.org/jr)**"


def test_trailing_detail_is_cut() -> None:
    text = "Jane Roe | Example Times"
    value, span = clean_name(text, 0, len(text))  # type: ignore[misc]
    assert value == "Jane Roe" and text[span.start : span.end] == "Jane Roe"


def test_plausible_name() -> None:
    assert plausible_name("Example Times")
    assert not plausible_name("the army said on Monday that it had taken the town and more")
    assert not plausible_name("2020")
