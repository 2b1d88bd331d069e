"""Bytes → text: binary refusal and encoding detection.

Reports arrive from scrapers, e-mail and copy-paste in whatever encoding the
source used.  We try the unambiguous signals first (BOMs, strict UTF-8), then
UTF-16 without BOM (recognised by its NUL pattern), then let
charset-normalizer choose among the legacy code pages seen in this field
(Windows-1252/Latin-1 for Western outlets, Windows-1256/ISO-8859-6 for Arabic).
A file that is none of these is refused as binary rather than decoded into
mojibake that would poison every later stage.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

#: Code pages we accept from the detector; anything else is suspicious.
LEGACY_ENCODINGS = ("cp1252", "latin_1", "cp1256", "iso8859_6", "utf_8", "ascii", "cp1250", "iso8859_15")


class DecodeError(ValueError):
    """The input is binary or undecodable; ``reason`` is a short machine code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


#: Control characters other than whitespace (C0 without \t\n\v\f\r, DEL and C1).  A regex
#: search is one C-level scan that stops at the first hit, and most texts have none.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    if not text or _CONTROL.search(text) is None:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII-heavy text has NULs at every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4000]
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nul > 0.6 and even_nul < 0.1:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.1:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` or raise :class:`DecodeError` with a clear reason."""
    if not data:
        raise DecodeError("empty", "the input is empty (0 bytes)")
    if data.startswith(codecs.BOM_UTF8):
        return _checked(data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError("bad-encoding", f"UTF-16 byte-order mark but invalid UTF-16: {exc}") from exc
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return _checked(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        raise DecodeError("binary", "the input contains NUL bytes and is not UTF-16 text: looks binary")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise DecodeError("binary", "no text encoding fits the input: looks binary")
    return _checked(str(best), best.encoding)


def _checked(text: str, encoding: str) -> Decoded:
    if _control_ratio(text[:20000]) > 0.05:
        raise DecodeError("binary", f"decodes as {encoding} but is mostly control characters: looks binary")
    if not text.strip():
        raise DecodeError("empty", "the input holds only whitespace")
    return Decoded(text=text, encoding=encoding)
