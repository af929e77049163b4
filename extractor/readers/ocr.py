"""OCR of page images with Tesseract's Vietnamese model, one subprocess per page.

Tesseract runs with `OMP_THREAD_LIMIT=1`: its own threading makes a page 4-5 times
slower on a small shared machine (measured 1.4-1.9 s per page single-threaded).
Nothing is cached on disk; the page image goes through a pipe.

Tesseract reads a Vietnamese decision's two-column header ("CHÍNH PHỦ" left,
"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" right) as single lines across both columns;
`layout_tsv` puts its words back in reading order (see `layout`).
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
from functools import cache

from extractor.readers.layout import Line, Word, layout_lines
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


def ocr_image(image, lim: Limits, header: bool = False) -> str:
    """Text of one page image (a PIL image) in reading order; on a page that opens a
    document (`header`), the figures of its number and date lines are read again (`figures`)."""
    gray = image.convert("L")
    if gray.width * gray.height > lim.max_pixels:  # a giant image is shrunk, never refused
        scale = (lim.max_pixels / (gray.width * gray.height)) ** 0.5
        gray = gray.resize((max(1, int(gray.width * scale)), max(1, int(gray.height * scale))))
    original = gray
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
    lines = _parse_tsv(run.stdout.decode("utf-8", "replace"))
    if header:
        from extractor.readers import figures

        lines = figures.reread(original, lines)  # handwriting is lighter than print: not binarized
    return layout_lines(lines)


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


def _parse_tsv(tsv: str) -> list[Line]:
    """Tesseract's lines, in its reading order, from its TSV output (level 5 = words)."""
    lines: dict[tuple[int, int, int], Line] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        block, par, line = int(cols[2]), int(cols[3]), int(cols[4])
        left, top, width, height = (int(c) for c in cols[6:10])
        lines.setdefault((block, par, line), Line(block=block)).words.append(
            Word(left, top, left + width, top + height, cols[11].strip()))
    return list(lines.values())


def layout_tsv(tsv: str) -> str:
    return layout_lines(_parse_tsv(tsv))
