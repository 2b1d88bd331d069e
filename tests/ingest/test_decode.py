"""Encoding detection and binary refusal on text we write here (not the examples)."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontline.ingest.decode import DecodeError, decode_bytes

SAMPLE = "Shelling hit the village of Kafr Hamra on Tuesday; résumé of café reports — “quoted”."
ARABIC = "قصفت القوات الحكومية قرية كفر حمرة يوم الثلاثاء"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_unicode_encodings_round_trip(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == SAMPLE
    assert decoded.encoding == encoding


def test_windows_1252_is_detected_not_mojibake() -> None:
    text = "The café owner said the “ceasefire” was broken — again. " * 5
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.text == text


def test_arabic_code_page_is_decoded() -> None:
    text = (ARABIC + " ") * 8
    decoded = decode_bytes(text.encode("cp1256"))
    assert "القوات" in decoded.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t  \n", "empty"),
        (bytes(range(256)) * 20, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
    ],
)
def test_bad_bytes_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    assert info.value.reason == reason
    assert info.value.detail


@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_raise_decode_error(data: bytes) -> None:
    try:
        decoded = decode_bytes(data)
    except DecodeError:
        return
    assert isinstance(decoded.text, str) and decoded.text.strip()


@given(st.text())
def test_control_ratio_counts_non_whitespace_control_characters(text: str) -> None:
    from frontline.ingest.decode import _control_ratio

    def is_control(c: str) -> bool:
        return (ord(c) < 32 and c not in "\t\n\r\f\v") or 0x7F <= ord(c) < 0xA0

    expected = sum(map(is_control, text)) / len(text) if text else 0.0
    assert _control_ratio(text) == expected
