"""The number and the date of a scanned header, read a second time.

An office prints a document with blanks in its number line and its date line ("Số:
/QĐ-UBND", "ngày  tháng 10 năm 2025"); the clerk writes the number and the day in by
hand, or stamps them, when the document is registered and sent (Decree 30/2020/NĐ-CP,
art. 15). Tesseract's Vietnamese model reads print, and misreads those figures ("Só:/492"
for a handwritten 493, "ngày .(::tháng"). A text-line recognizer trained on handwriting
as well as print, PP-OCR (RapidOCR's ONNX models, shipped inside its package), reads
them far better; it knows no Vietnamese letters, so only the figures of its reading are
taken, and put in the place of Tesseract's in the number line and the date line of the
page's top.

Where RapidOCR is not installed, Tesseract's reading stays as it is.
"""
from __future__ import annotations

import re
import threading
from dataclasses import replace
from functools import cache

from extractor.readers.layout import Line, Word, _segments, column_gap

HEADER_SHARE = 0.45       # the header's lines stand in the top of the page
MARGIN = 0.8              # line heights around the line: handwriting goes over and under it
DET_SIDE = 960            # detector input's longer side (the crop is about that wide at 300 dpi)

_LOCK = threading.Lock()  # one recognizer per process, one call at a time

# Tesseract's reading of the two lines (figures may be garbled into anything)
_NUMBER_WORD_RE = re.compile(r"^S[ốỐóÓôÔoOơƠ6ồỒ]")
_DAY_WORD_RE = re.compile(r"ng[àaằ]y", re.I)
# PP-OCR's reading (no Vietnamese marks: "S6:5689 /BCA-C04", "Ha Noi, ngay l6 thang 12 nam 2025")
_NUMBER_READ_RE = re.compile(r"^\W*S(?:[^\W\d]|6(?=\W))?\W{0,3}?(?P<fig>[0-9A-Za-z|]{1,7}?)\s*/\s*(?P<symbol>\S+)")
_DATE_READ_RE = re.compile(r"ng\w{0,2}y\W*(?P<d>[0-9A-Za-z|]{1,2})\W*th\w{0,3}g\W*(?P<m>[0-9A-Za-z|]{1,2})\W*n\w{0,2}m\W*"
                           r"(?P<y>\d{4})")
# Letters the recognizer gives for figures written by hand: a "1" with a long upstroke
# reads "A" or "l", a "0" reads "O", a "5" reads "S"; only read inside a figure's slot.
_LOOKALIKE_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "i": "1", "|": "1",
                                   "A": "1", "Z": "2", "z": "2", "S": "5", "s": "5", "b": "6", "G": "6",
                                   "B": "8", "g": "9", "q": "9"})


@cache
def _engine():
    """RapidOCR's recognizer, or None where the package is not installed."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        return None
    # one thread: documents are read side by side in processes of their own
    return RapidOCR(det_limit_side_len=DET_SIDE, det_limit_type="max", intra_op_num_threads=1,
                    inter_op_num_threads=1, use_cls=False)


def available() -> bool:
    return _engine() is not None


def _figures(text: str, lo: int, hi: int) -> str | None:
    """`text` as figures (lookalike letters read as the digits they stand for), or None."""
    fig = text.translate(_LOOKALIKE_DIGITS)
    return fig if fig.isdigit() and lo <= int(fig) <= hi else None


def _read(image, words: list[Word]) -> str:
    """PP-OCR's text of the part of `image` around `words` (one line of the page)."""
    height = max(w.bottom - w.top for w in words)
    box = (max(0, int(words[0].left - MARGIN * height)), max(0, int(min(w.top for w in words) - MARGIN * height)),
           min(image.width, int(words[-1].right + MARGIN * height)),
           min(image.height, int(max(w.bottom for w in words) + MARGIN * height)))
    import numpy as np

    crop = np.asarray(image.crop(box).convert("RGB"))
    with _LOCK:
        result, _ = _engine()(crop)
    # the pieces on this line, left to right (not those of the lines above and below it
    # that the margin takes in): their middle within the line's own height
    lo, hi = min(w.top for w in words) - box[1], max(w.bottom for w in words) - box[1]
    on_line = [r for r in result or [] if lo <= sum(p[1] for p in r[0]) / 4 <= hi]
    return " ".join(r[1] for r in sorted(on_line, key=lambda r: r[0][0][0]))


def _number_words(seg: list[Word], k: int, image, line_rest: list[Word]) -> list[Word] | None:
    """The words of a number line from its "Số" on, with the figures PP-OCR reads;
    `line_rest`: the words after the column's up to its symbol, where a wide handwritten
    figure cut the column ("Số: 4 § | !/BCA-C04")."""
    words = seg[k:]
    m = _NUMBER_READ_RE.match(_read(image, words + line_rest))
    fig = _figures(m["fig"], 1, 10 ** 7) if m else None
    if not fig:
        return None
    # the symbol as Tesseract reads it (it knows "Đ"), unless it holds debris ("BCA-C0+")
    own = " ".join(w.text for w in words + line_rest)
    symbol = own[own.index("/") + 1:].strip() if "/" in own else ""
    if not re.fullmatch(r"[^\W_]+(?:[-.()/][^\W_]*)*", symbol):
        symbol = m["symbol"]
    first = words[0]
    return [Word(first.left, first.top, words[-1].right, max(w.bottom for w in words), f"Số: {fig}/{symbol}")]


def _date_words(seg: list[Word], k: int, image) -> list[Word] | None:
    """The words of a date line from its "ngày" on, with the day and month PP-OCR reads."""
    words = seg[k:]
    m = _DATE_READ_RE.search(_read(image, words))
    if not m:
        return None
    day, month = _figures(m["d"], 1, 31), _figures(m["m"], 1, 12)
    if not day or not month:
        return None
    own = re.search(r"(?i:năm)\s*(\d{4})", " ".join(w.text for w in words))
    year = own[1] if own else m["y"]
    first = words[0]
    return [Word(first.left, first.top, words[-1].right, max(w.bottom for w in words),
                 f"ngày {day} tháng {month} năm {year}")]


def _to_symbol(line: Line, seg: list[Word]) -> list[Word]:
    """The words after `seg` on its line up to the first that holds "/", when `seg` has
    none and that word is near (a few line heights): the rest of a number line."""
    if any("/" in w.text for w in seg):
        return []
    after = sorted((w for w in line.words if w.left >= seg[-1].right), key=lambda w: w.left)
    height = max(w.bottom - w.top for w in seg)
    out: list[Word] = []
    for w in after:
        if w.left - seg[-1].right > 8 * height:
            break
        out.append(w)
        if "/" in w.text:
            return out
    return []


def reread(image, lines: list[Line]) -> list[Line]:
    """`lines` (Tesseract's, of a page image) with the figures of the header's number line
    and date line as PP-OCR reads them. Unchanged where RapidOCR is missing or reads no
    figures there."""
    if not lines or _engine() is None:
        return lines
    gap = column_gap(lines)
    top = HEADER_SHARE * image.height
    done = {"number": False, "date": False}
    out: list[Line] = []
    for line in lines:
        if line.top > top or all(done.values()):
            out.append(line)
            continue
        words: list[Word] = []
        skip: set[int] = set()
        for seg in _segments(line, gap):
            seg = [w for w in seg if id(w) not in skip]
            if not seg:
                continue
            new = None
            # "Số" opens its column (after a speck at most); "ngày" follows the place and its comma
            k = next((i for i, w in enumerate(seg[:2]) if _NUMBER_WORD_RE.match(w.text)), None)
            if not done["number"] and k is not None and not any(c.isalnum() for w in seg[:k] for c in w.text):
                rest = _to_symbol(line, seg)
                new = _number_words(seg, k, image, rest)
                if new and rest:
                    skip.update(id(w) for w in rest)
                if new:
                    done["number"] = True
                    new = seg[:k] + new
            k = next((i for i, w in enumerate(seg) if _DAY_WORD_RE.match(w.text)), None)
            if new is None and not done["date"] and k and seg[k - 1].text.endswith((",", ".")):
                new = _date_words(seg, k, image)
                if new:
                    done["date"] = True
                    new = seg[:k] + new
            words += new or seg
        out.append(replace(line, words=words))
    return out
