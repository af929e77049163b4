"""The task counts of one unit over time, as grouped bars: the geometry here, the SVG
in the template (so that every label goes through the template's escaping).

One unit at a time (counts of different units never share an axis), one subject
("nhiệm vụ", "thủ tục hành chính" ...), one column of bars per date the counts stand
at, one bar — one series — per status. Dates sit at even steps, in order: reports
come at irregular times and a time-proportional axis would pile their labels up.
Where labels would still touch, some are left out (the latest date always
keeps its label), and `Chart.table` holds every number for the table beside the chart.

A stated total ("106/109 nhiệm vụ") counts as the number assigned where the
document gives no "được giao" count of its own for that date.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from api.labels import STATUSES as STATUS_LABELS
from api.titles import vi_date
from models.query import STATUSES, TaskRow

COLOURS = {  # by status, so that a status keeps its colour from one unit to the next
    "assigned": "#1f5fa8", "completed": "#2a9d55", "completed_on_time": "#7cc68d", "completed_late": "#d9822b",
    "pending": "#c23b3b", "pending_on_time": "#e39a9a", "pending_overdue": "#8a1c1c", "issued": "#8a5cc2",
    "other": "#7a7a7a",
}

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 24, 56
TICK_FONT = 12           # px, as style.css sets `svg.chart .tick`
CHAR_WIDTH = 0.62        # a digit or "/" of the tick font is at most this many font sizes wide
LABEL_GAP = 8            # px between two x labels at least


@dataclass
class Bar:
    status: str
    label: str
    colour: str
    count: int
    x: float
    y: float
    width: float
    height: float
    document_id: str
    document_title: str


@dataclass
class Slot:
    """One date on the x axis and its bars."""
    period: str
    label: str
    x: float               # centre
    label_x: float = 0.0   # where its label is centred (kept inside the plot)
    show_label: bool = True
    bars: list[Bar] = field(default_factory=list)


@dataclass
class Series:
    status: str
    label: str
    colour: str


@dataclass
class Chart:
    holder: str
    subject: str
    subjects: list[str]
    series: list[Series]
    slots: list[Slot]
    y_ticks: list[tuple[float, int]]
    table: list[dict]      # per slot: period label, count per status, document
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    tick_font: int = TICK_FONT


def _day(period: str) -> dt.date | None:
    """First day of an ISO day, month or year; the start of an interval."""
    head = period.split("/")[0][:10]
    parts = head.split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _nice_step(top: int) -> int:
    """A round step (1, 2, 5, 10, 20, 25, 50 ...) giving at most five grid lines up to `top`."""
    step, factors, i = 1, (2, 2.5, 2), 0
    while top / step > 5:
        step = int(step * factors[i % 3])
        i += 1
    return max(step, 1)


def label_width(text: str, font: int = TICK_FONT) -> float:
    """Width a tick label may take, in px (digits and separators of the tick font)."""
    return len(text) * font * CHAR_WIDTH


def _place_labels(slots: list["Slot"], left: float, right: float) -> None:
    """Each label centred under its slot but kept inside the plot; from the latest date
    back, a label is shown only where it clears the one shown after it."""
    limit = right
    for slot in reversed(slots):
        half = label_width(slot.label) / 2
        slot.label_x = min(max(slot.x, left + half), right - half)
        slot.show_label = slot.label_x + half + LABEL_GAP <= limit or limit == right
        if slot.show_label:
            limit = slot.label_x - half


def build(rows: list[TaskRow], holder: str, subject: str | None = None) -> Chart | None:
    """The chart of one unit's rows (the caller keeps to one unit): its most common
    subject, or `subject`; None when no row has a date."""
    dated = [(r, d) for r in rows if r.period and (d := _day(r.period))]
    if not dated:
        return None
    # the subject counted at most dates first (one date tells little), then the one with most counts
    dates_of: dict[str, set] = {}
    counts_of: Counter = Counter()
    for r, _ in dated:
        dates_of.setdefault(r.subject, set()).add(r.period)
        counts_of[r.subject] += sum(getattr(r, s) is not None for s in STATUSES)
    subjects = sorted(counts_of, key=lambda s: (-len(dates_of[s]), -counts_of[s], s))
    if subject not in subjects:
        subject = subjects[0]
    # one value per status and date: the document added last wins
    values: dict[str, dict[str, tuple[int, TaskRow]]] = {}
    order: dict[str, dt.date] = {}
    # added_at is aware (UTC): so must the stand-in for a missing one be
    earliest = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    for r, d in sorted(((r, d) for r, d in dated if r.subject == subject),
                       key=lambda x: (x[1], x[0].document.added_at or earliest)):
        order[r.period] = d
        per = values.setdefault(r.period, {})
        for status in STATUSES:
            count = getattr(r, status)
            if count is not None:
                per[status] = (count, r)
        if r.total is not None and "assigned" not in per:
            per["assigned"] = (r.total, r)
    periods = sorted(values, key=lambda p: (order[p], p))
    statuses = [s for s in STATUSES if any(s in values[p] for p in periods)]
    series = [Series(s, STATUS_LABELS[s], COLOURS[s]) for s in statuses]

    top_value = max(c for per in values.values() for c, _ in per.values()) or 1
    step = _nice_step(top_value)
    y_max = step * -(-top_value // step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot_w = plot_w / len(periods)
    bar_w = min(28.0, slot_w * 0.8 / max(len(statuses), 1))
    slots, table = [], []
    for i, period in enumerate(periods):
        centre = LEFT + slot_w * (i + 0.5)
        slot = Slot(period, vi_date(period, bare=True), centre)
        first = centre - bar_w * len(statuses) / 2
        row: dict = {"period": slot.label, "counts": {}, "documents": {}}
        for j, status in enumerate(statuses):
            if status not in values[period]:
                continue
            count, r = values[period][status]
            height = plot_h * count / y_max
            slot.bars.append(Bar(status, STATUS_LABELS[status], COLOURS[status], count, first + j * bar_w,
                                 TOP + plot_h - height, bar_w, height, r.document.id,
                                 r.document.title or r.document.number or r.document.source))
            row["counts"][status] = count
            row["documents"][r.document.id] = r.document
        slots.append(slot)
        table.append(row)
    _place_labels(slots, LEFT, WIDTH - RIGHT)
    y_ticks = [(TOP + plot_h * (1 - v / y_max), v) for v in range(0, y_max + 1, step)]
    return Chart(holder, subject, subjects, series, slots, y_ticks, table)
