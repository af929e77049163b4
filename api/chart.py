"""Task statistics of a holder over time as a line chart: the geometry here, the
SVG in the template (so that every label goes through the template's escaping).

One line per status (and one for the stated total, "x/y"), x by the date the
counts stand at, y by count; a point per row of `models.query.task_stats`, the
latest document winning where two give the same date.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from api.labels import STATUSES as STATUS_LABELS
from models.query import STATUSES, TaskRow

SERIES = ("total", *STATUSES)  # what a row can give a point to
SERIES_LABELS = {"total": "tổng số", **STATUS_LABELS}

COLOURS = ["#1f5fa8", "#2a9d55", "#8a5cc2", "#d9822b", "#c23b3b", "#4d9de0", "#7a7a7a", "#b8860b", "#444"]

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40


@dataclass
class Point:
    x: float
    y: float
    period: str
    count: int
    document_id: str
    document_title: str


@dataclass
class Line:
    status: str
    label: str
    colour: str
    points: list[Point] = field(default_factory=list)

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass
class Chart:
    subject: str
    subjects: list[str]
    holders: list[str]
    lines: list[Line]
    x_ticks: list[tuple[float, str, str]]  # x, label, text-anchor
    y_ticks: list[tuple[float, int]]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom: int = HEIGHT - BOTTOM
    right: int = WIDTH - RIGHT
    top: int = TOP


def _day(period: str) -> dt.date | None:
    """First day of an ISO day, month or year; the start of an interval."""
    head = period.split("/")[0][:10]
    parts = head.split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _nice_step(top: int) -> int:
    """A round step giving about five grid lines up to `top`."""
    step = 1
    while top / step > 5:
        for factor in (2, 2.5, 2):
            step = int(step * factor)
            if top / step <= 5:
                break
    return max(step, 1)


def build(rows: list[TaskRow], subject: str | None = None) -> Chart | None:
    """The chart of the rows' most common subject (or `subject`); None when no row has a date."""
    dated = [(r, d) for r in rows if r.period and (d := _day(r.period))]
    if not dated:
        return None
    subjects = [s for s, _ in Counter(r.subject for r, _ in dated).most_common()]
    if subject not in subjects:
        subject = subjects[0]
    chosen = [(r, d) for r, d in dated if r.subject == subject]
    # one value per status and date: the document added last wins
    values: dict[str, dict[dt.date, tuple[int, TaskRow]]] = {}
    for r, d in sorted(chosen, key=lambda x: (x[1], x[0].document.added_at or dt.datetime.min.replace(tzinfo=dt.timezone.utc))):
        for status in SERIES:
            count = getattr(r, status)
            if count is not None:
                values.setdefault(status, {})[d] = (count, r)
    days = sorted({d for per in values.values() for d in per})
    if not days:
        return None
    first, last = days[0].toordinal(), days[-1].toordinal()
    span = max(last - first, 1)
    top_value = max(c for per in values.values() for c, _ in per.values()) or 1
    step = _nice_step(top_value)
    y_max = step * -(-top_value // step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(d: dt.date) -> float:
        if first == last:
            return LEFT + plot_w / 2
        return LEFT + plot_w * (d.toordinal() - first) / span

    def y_of(v: int) -> float:
        return TOP + plot_h * (1 - v / y_max)

    lines = []
    for i, status in enumerate(s for s in SERIES if s in values):
        line = Line(status, SERIES_LABELS[status], COLOURS[i % len(COLOURS)])
        for d in sorted(values[status]):
            count, r = values[status][d]
            line.points.append(Point(x_of(d), y_of(count), r.period or "", count, r.document.id,
                                     r.document.title or r.document.number or r.document.source))
        lines.append(line)
    shown = days if len(days) <= 8 else [days[round(i * (len(days) - 1) / 6)] for i in range(7)]
    x_ticks = [(x_of(d), d.isoformat(), "middle") for d in shown]
    if len(x_ticks) > 1:  # the outer labels grow inwards, so that none is cut at the edge
        x_ticks[0] = (*x_ticks[0][:2], "start")
        x_ticks[-1] = (*x_ticks[-1][:2], "end")
    y_ticks = [(y_of(v), v) for v in range(0, y_max + 1, step)]
    holders = sorted({r.holder for r, _ in chosen if r.holder})
    return Chart(subject, subjects, holders, lines, x_ticks, y_ticks)
