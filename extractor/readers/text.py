"""Plain text: UTF-8 (with or without BOM), UTF-16, Windows-1258, and the legacy
Vietnamese 8-bit encodings TCVN3 and VNI (see `legacy`)."""
from __future__ import annotations

import codecs

from extractor.readers import ReadError, ReadResult
from extractor.readers.legacy import DECODERS, fix_mojibake, vietnamese_score, word_count


def _utf16(data: bytes) -> str | None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    # UTF-16 without a BOM: every other byte (the high byte of ASCII letters) is zero.
    head = data[:4096]
    for order, highs in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if len(highs) >= 8 and highs.count(0) > len(highs) * 3 // 4:
            return data.decode(order)
    return None


def _cp1258_plausible(text: str) -> bool:
    # Windows-1258 writes tones as combining marks after vowels; random bytes decoded
    # as cp1258 have few of them and many control characters.
    tones = sum(text.count(c) for c in "\u0300\u0301\u0303\u0309\u0323")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    return tones > 0 and controls <= len(text) // 100


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """(text, encoding name) of a text file, or ReadError."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = _utf16(data)
    except UnicodeDecodeError as e:
        raise ReadError(source, f"broken UTF-16 at byte {e.start}") from None
    if text is not None:
        return text, "utf-16"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        bad_at = e.start
    else:
        # Legacy-encoded text saved again as UTF-8 ("Céng hßa ..."): convert it.
        fixed, legacy = fix_mojibake(text)
        return fixed, f"utf-8+{legacy}" if legacy else "utf-8"

    # Not UTF-8: one of the 8-bit Vietnamese encodings. Decode every way and keep the
    # reading with the most real Vietnamese words.
    head = data[:200_000]
    controls = sum(head.count(b) for b in range(32) if b not in b"\t\n\r\f")
    if controls > len(head) // 100:
        raise ReadError(source, f"binary data, not text (invalid UTF-8 at byte {bad_at})")
    latin = data.decode("latin-1")
    candidates: dict[str, str] = {name: decode(latin) for name, decode in DECODERS.items()}
    try:
        candidates["windows-1258"] = data.decode("cp1258")
    except UnicodeDecodeError:
        pass
    if candidates:
        scores = {name: vietnamese_score(t[:200_000]) for name, t in candidates.items()}
        best = max(scores, key=scores.get)
        # Bytes read as Vietnamese by chance make a few words, never one in fifty.
        if scores[best] >= max(3, word_count(candidates[best][:200_000]) // 50):
            return candidates[best], best
    if "windows-1258" in candidates and _cp1258_plausible(candidates["windows-1258"]):
        return candidates["windows-1258"], "windows-1258"
    raise ReadError(source, f"not text: invalid UTF-8 at byte {bad_at} and not Vietnamese in "
                            "Windows-1258, TCVN3 or VNI")


def read_text(data: bytes, source: str) -> ReadResult:
    text, encoding = decode_text(data, source)
    return ReadResult(text=text, format="text", meta={"encoding": encoding})
