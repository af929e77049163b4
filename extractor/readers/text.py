"""Plain text: UTF-8 (with or without BOM), UTF-16 (with BOM), Windows-1258."""
from __future__ import annotations

import codecs

from extractor.readers import ReadError, ReadResult


def decode_text(data: bytes, source: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ReadError(source, f"broken UTF-16 at byte {e.start}") from None
    if b"\x00" in data[:4096] and data[1:4096:2].count(0) > len(data[1:4096:2]) // 2:
        # UTF-16 without a BOM: mostly zero high bytes
        try:
            return data.decode("utf-16-le")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        pos = utf8_error.start
    # Windows-1258 is the legacy Vietnamese code page; accept it only when the
    # result looks like Vietnamese (combining tone marks after vowels), so that
    # random bytes are refused rather than turned into mojibake.
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        raise ReadError(source, f"not UTF-8 (invalid byte at {pos}) nor Windows-1258 text") from None
    tones = sum(text.count(c) for c in "\u0300\u0301\u0303\u0309\u0323")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if tones == 0 or controls > len(text) // 100:
        raise ReadError(source, f"not UTF-8 (invalid byte at {pos}) and not Vietnamese Windows-1258 text")
    return text


def read_text(data: bytes, source: str) -> ReadResult:
    return ReadResult(text=decode_text(data, source), format="text")
