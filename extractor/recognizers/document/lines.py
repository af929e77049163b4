"""A document's lines, and the pieces a header's line holds: what flattening a two-column
header or a table row puts on one line comes apart again, in its order."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.doc import Doc

_DEBRIS = " \t|*#_>`"


@dataclass
class _Line:
    start: int
    end: int
    text: str  # without markdown debris and outer spaces


def _lines(doc: Doc) -> list[_Line]:
    out, pos = [], 0
    for raw in doc.text.split("\n"):
        clean = " ".join(raw.strip(_DEBRIS).replace("**", " ").split()).strip(_DEBRIS)
        out.append(_Line(pos, pos + len(raw), clean))
        pos += len(raw) + 1
    return out


# Where one line holds several parts of a header: table cells (" | "), tab stops and wide
# gaps of spaces (a DOCX laid out with spaces, a PDF's columns on one line).
# (a bar's spaces are taken from where they begin, never from inside a run of them: tried at
# every space of a long run, "\s*\|" would rescan the run each time)
_CELL_GAP_RE = re.compile(r"(?<!\s)\s*\|\s*|\t+|(?<=\S) {3,}(?=\S)")
# Parts that flattening puts on one line with others: the country's name, the motto, a
# Party document's name, the number line after the issuer ("QUỐC HỘI Số: 101/2015/QH13"),
# the place and date after the number or the motto ("Số: 12/QĐ-BNV Hà Nội, ngày ...").
_COUNTRY = r"CỘNG\s+H(?:ÒA|OÀ|OA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM"
_PARTY = r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM"
_NUMBER_WORD = r"(?:S[ốỐóÓôÔ]|SỐ)"
_PLACE_WORD = r"[A-ZĐÀ-Ỹ][^\W\d_]*"
_PLACE = rf"{_PLACE_WORD}(?:\s+(?:{_PLACE_WORD}|phố|xã|trấn)){{0,4}}"
# each finds where a part begins (group "at")
_PART_RES = (
    re.compile(rf"\S\s*(?P<at>{_COUNTRY}|{_PARTY}|(?i:Độc\s+lập\s*[-–—]?\s*Tự\s+do))"),
    re.compile(r"[Hh]ạnh phúc\s+(?P<at>[A-ZĐÀ-Ỹ])"),
    re.compile(rf"\S\s+(?P<at>{_NUMBER_WORD}\s*[:.]?\s*[\d/])"),
    re.compile(rf"(?<![^\s*_|])(?P<at>{_PLACE}\s*,\s*(?i:ngày)(?!\w))"),
)
# blanks left for the number and the day, to be written in by hand: not column gaps
_BLANK_BEFORE = ("số:", "số", "ngày", "tháng", "năm")
_BLANK_AFTER = ("/", "tháng", "năm")
_BLANK_REACH = max(map(len, _BLANK_BEFORE))
_PIECES_REACH = 5000  # header parts are split apart only near the top


def _pieces(doc: Doc) -> list[_Line]:
    """`_lines`, each line cut into the parts of a header it holds: what flattening a
    two-column header or a table row puts on one line comes apart again, in its order."""
    out: list[_Line] = []
    for ln in _lines(doc):
        raw = doc.text[ln.start:ln.end]
        # (only the few characters around a gap are looked at: a line may be very long)
        cuts = [(m.start(), m.end()) for m in _CELL_GAP_RE.finditer(raw)
                if not (m.group().startswith(" ") and (
                    raw[max(0, m.start() - _BLANK_REACH):m.start()].casefold().endswith(_BLANK_BEFORE)
                    or raw.startswith(_BLANK_AFTER, m.end())))]
        if ln.start < _PIECES_REACH:
            cuts += [(m.start("at"), m.start("at")) for rx in _PART_RES for m in rx.finditer(raw)]
        if not cuts:
            out.append(ln)
            continue
        pos, parts = 0, []
        for a, b in sorted(cuts):
            if a >= pos:
                parts.append((pos, a))
                pos = max(b, a)
        parts.append((pos, len(raw)))
        for a, b in parts:
            clean = " ".join(raw[a:b].strip(_DEBRIS).replace("**", " ").split()).strip(_DEBRIS)
            if clean:
                out.append(_Line(ln.start + a, ln.start + b, clean))
    return out


_RULE_RE = re.compile(r"[-=_~. ]+")


def _nonempty(lines: list[_Line]) -> list[_Line]:
    return [ln for ln in lines if ln.text and not _RULE_RE.fullmatch(ln.text)]
