"""Reading order of positioned text: scanned pages (Tesseract's word boxes) and PDF
pages whose content stream runs across columns.

A Vietnamese decision's header is two independent columns — issuer and number on
the left, national motto and date line on the right — and so is its signature block
("Nơi nhận" list left, signer right). Read line by line across the page, the two
columns interleave ("CHÍNH PHỦ CỘNG HÒA XÃ HỘI ..."). `layout_lines` puts them back:
where consecutive lines are cut by a wide gap at the same place, the left column's
lines come first, then the right column's. Lines cut into three or more pieces are
table rows, written with " | " between cells, and so are runs of four or more lines
that all have exactly two pieces (a borderless two-column table: its rows belong together).
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field


@dataclass
class Word:
    """A positioned piece of text; y grows downwards."""
    left: float
    top: float
    right: float
    bottom: float
    text: str


@dataclass
class Line:
    words: list[Word] = field(default_factory=list)
    block: int = 0  # Tesseract's block number: a blank line is kept between blocks

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


def _segments(line: Line, gap: float) -> list[list[Word]]:
    """The line cut where the space between two words is wider than `gap`."""
    words = sorted(line.words, key=lambda w: w.left)
    segs = [[words[0]]]
    for prev, word in zip(words, words[1:]):
        if word.left - prev.right > gap:
            segs.append([word])
        else:
            segs[-1].append(word)
    return segs


def _text(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


_ROW_LABEL_RE = re.compile(r"^(?:\d+(?:[.)]\d*)*|[a-zđ][.)]|[IVXL]+[.)]?)$")


def _is_row_label(seg: list[Word]) -> bool:
    # "1", "2.1", "a)", "IV.": the numbering column of a table, not a text column.
    return len(seg) == 1 and bool(_ROW_LABEL_RE.match(seg[0].text))


def _has_text(seg: list[Word]) -> bool:
    # Rules, underlines and stamp borders come out as "__", "|", "—": not text.
    return any(ch.isalnum() for w in seg for ch in w.text)


def column_gap(lines: list[Line]) -> float:
    """Space between words wider than this separates columns or cells: words are about a
    third of a line height apart, a little more in justified text."""
    heights = [w.bottom - w.top for ln in lines for w in ln.words if w.bottom > w.top]
    return 1.5 * (statistics.median(heights) if heights else 10)


def has_column_gap(line: Line, gap: float) -> bool:
    return len([s for s in _segments(line, gap) if _has_text(s)]) > 1


def layout_lines(lines: list[Line]) -> str:
    """Text of `lines` (in reading order of lines) with two-column runs de-interleaved."""
    lines = [ln for ln in lines if ln.words]
    if not lines:
        return ""
    gap = column_gap(lines)
    height = gap / 1.5
    out: list[str] = []
    run: list[tuple[str | None, str | None]] = []  # (left, right) of each line of a two-column run
    gap_lo = gap_hi = 0.0                            # the gap between the run's columns
    prev: Line | None = None

    def close_run() -> None:
        if len(run) >= 4 and all(left and right for left, right in run):
            out.extend(f"{left} | {right}" for left, right in run)
        else:
            out.extend([left for left, _ in run if left] + [right for _, right in run if right])
        run.clear()

    for line in lines:
        segs = [seg for seg in _segments(line, gap) if _has_text(seg)]
        if not segs:
            continue
        near = prev is not None and line.top - prev.bottom < 2 * height
        if len(segs) == 2 and not _is_row_label(segs[0]):
            if run and not near:
                close_run()
            gap_lo, gap_hi = segs[0][-1].right, segs[1][0].left
            run.append((_text(segs[0]), _text(segs[1])))
        elif len(segs) == 1 and run and near and (segs[0][-1].right <= gap_hi or segs[0][0].left >= gap_lo):
            # one column's line inside a two-column run
            seg = segs[0]
            mid = (seg[0].left + seg[-1].right) / 2
            on_left = seg[-1].right <= gap_hi and (seg[0].left < gap_lo or mid < (gap_lo + gap_hi) / 2)
            run.append((_text(seg), None) if on_left else (None, _text(seg)))
        else:
            close_run()
            if prev is not None and line.block != prev.block and out and out[-1]:
                out.append("")
            out.append(" | ".join(_text(s) for s in segs))
        prev = line
    close_run()
    return "\n".join(out).strip()


def group_lines(words: list[Word]) -> list[Line]:
    """Words of a page (any order) as lines, top to bottom: a word belongs to the line
    whose vertical extent holds its middle."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.top, w.left)):
        middle = (word.top + word.bottom) / 2
        if lines and lines[-1].top <= middle <= lines[-1].bottom:
            lines[-1].words.append(word)
        else:
            lines.append(Line([word]))
    return lines
