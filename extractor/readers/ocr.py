"""OCR of page images with Tesseract's Vietnamese model, one subprocess per page.

Tesseract runs with `OMP_THREAD_LIMIT=1`: its own threading makes a page 4-5 times
slower on a small shared machine (measured 1.4-1.9 s per page single-threaded).
Nothing is cached on disk; the page image goes through a pipe.

Tesseract reads a Vietnamese decision's two-column header ("CHÍNH PHỦ" left,
"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" right) as single lines across both columns.
`layout_tsv` puts the text back in reading order from the word boxes: where
consecutive lines are split by a wide horizontal gap at the same place, the left
column's lines come first, then the right column's.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass, field
from functools import cache

from extractor.readers.limits import Limits

LANG = "vie"


@cache
def unavailable() -> str | None:
    """Why OCR cannot run here, or None when Tesseract with the Vietnamese model is installed."""
    exe = shutil.which("tesseract")
    if not exe:
        return "Tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)"
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=30).stdout.decode()
    except (OSError, subprocess.SubprocessError) as e:
        return f"Tesseract does not run ({e})"
    if LANG not in langs.split():
        return "Tesseract has no Vietnamese model (Debian: apt-get install tesseract-ocr-vie)"
    return None


class OcrError(Exception):
    pass


def ocr_image(image, lim: Limits) -> str:
    """Text of one page image (a PIL image) in reading order."""
    gray = image.convert("L")
    if gray.width * gray.height > lim.max_pixels:  # a giant image is shrunk, never refused
        scale = (lim.max_pixels / (gray.width * gray.height)) ** 0.5
        gray = gray.resize((max(1, int(gray.width * scale)), max(1, int(gray.height * scale))))
    gray = binarize(gray)
    buf = io.BytesIO()
    gray.save(buf, format="PPM")  # uncompressed: cheaper to write than PNG, and Tesseract reads it
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        run = subprocess.run(["tesseract", "stdin", "stdout", "-l", LANG, "--psm", "3", "tsv"],
                             input=buf.getvalue(), capture_output=True, env=env, timeout=lim.ocr_timeout)
    except subprocess.TimeoutExpired:
        raise OcrError(f"Tesseract took more than {lim.ocr_timeout:.0f} s") from None
    except OSError as e:
        raise OcrError(f"Tesseract failed to start: {e}") from None
    if run.returncode != 0:
        err = run.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(f"Tesseract failed: {err[-1] if err else run.returncode}")
    return layout_tsv(run.stdout.decode("utf-8", "replace"))


def binarize(gray):
    """Black ink on white, with light-gray marks dropped.

    Official scans carry a round seal and a signature over the signer's title and
    name; printed in a lighter tone than the text, they make Tesseract skip those
    lines as a picture. A threshold well on the ink's side of the way from ink to
    paper keeps the text's strokes and drops the seal. Ink is the 1st percentile
    of the page's gray levels, paper the median."""
    hist = gray.histogram()
    total = sum(hist)

    def percentile(q: float) -> int:
        seen = 0
        for level, count in enumerate(hist):
            seen += count
            if seen >= q * total:
                return level
        return 255

    ink, paper = percentile(0.01), percentile(0.5)
    if paper - ink < 60:  # blank or low-contrast page: nothing to separate
        return gray
    threshold = ink + 0.4 * (paper - ink)
    return gray.point(lambda v: 255 if v > threshold else v)  # ink keeps its gray edges


@dataclass
class _Word:
    left: int
    top: int
    right: int
    bottom: int
    text: str


@dataclass
class _Line:
    block: int
    words: list[_Word] = field(default_factory=list)

    @property
    def top(self) -> int:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> int:
        return max(w.bottom for w in self.words)


def _parse_tsv(tsv: str) -> list[_Line]:
    lines: dict[tuple[int, int, int], _Line] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        block, par, line = int(cols[2]), int(cols[3]), int(cols[4])
        left, top, width, height = (int(c) for c in cols[6:10])
        key = (block, par, line)
        lines.setdefault(key, _Line(block)).words.append(
            _Word(left, top, left + width, top + height, cols[11].strip()))
    for line in lines.values():
        line.words.sort(key=lambda w: w.left)
    return list(lines.values())


def _segments(line: _Line, gap: float) -> list[list[_Word]]:
    """The line cut where the space between two words is wider than `gap`."""
    segs = [[line.words[0]]]
    for prev, word in zip(line.words, line.words[1:]):
        if word.left - prev.right > gap:
            segs.append([word])
        else:
            segs[-1].append(word)
    return segs


def _text(words: list[_Word]) -> str:
    return " ".join(w.text for w in words)


_ROW_LABEL_RE = re.compile(r"^(?:\d+(?:[.)]\d*)*|[a-zđ][.)]|[IVXL]+[.)]?)$")


def _is_row_label(seg: list[_Word]) -> bool:
    # "1", "2.1", "a)", "IV.": the numbering column of a table, not a text column.
    return len(seg) == 1 and bool(_ROW_LABEL_RE.match(seg[0].text))


def _has_text(seg: list[_Word]) -> bool:
    # Rules, underlines and stamp borders come out as "__", "|", "—": not text.
    return any(ch.isalnum() for w in seg for ch in w.text)


def layout_tsv(tsv: str) -> str:
    lines = _parse_tsv(tsv)
    if not lines:
        return ""
    height = statistics.median(w.bottom - w.top for ln in lines for w in ln.words) or 1
    out: list[str] = []
    left_col: list[str] = []
    right_col: list[str] = []
    gap_lo = gap_hi = 0        # horizontal gap between the columns of the current run
    prev: _Line | None = None

    def close_run() -> None:
        out.extend(left_col + right_col)
        left_col.clear()
        right_col.clear()

    for line in lines:
        # Words are a third of a line height apart, a little more in justified text;
        # one and a half heights is a gap between columns or table cells.
        segs = [seg for seg in _segments(line, 1.5 * height) if _has_text(seg)]
        if not segs:
            continue
        in_run = bool(left_col or right_col)
        near = prev is not None and line.top - prev.bottom < 2 * height
        if len(segs) == 2 and not _is_row_label(segs[0]):
            if in_run and not near:
                close_run()
            gap_lo, gap_hi = segs[0][-1].right, segs[1][0].left
            left_col.append(_text(segs[0]))
            right_col.append(_text(segs[1]))
        elif len(segs) == 1 and in_run and near and (segs[0][-1].right <= gap_hi or segs[0][0].left >= gap_lo):
            # one column's line inside a two-column run
            seg = segs[0]
            mid = (seg[0].left + seg[-1].right) / 2
            (left_col if seg[-1].right <= gap_hi and (seg[0].left < gap_lo or mid < (gap_lo + gap_hi) / 2)
             else right_col).append(_text(seg))
        else:
            close_run()
            if prev is not None and line.block != prev.block and out and out[-1]:
                out.append("")  # blank line between Tesseract's blocks
            out.append(" | ".join(_text(s) for s in segs))
        prev = line
    close_run()
    return "\n".join(out).strip()
