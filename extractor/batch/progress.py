"""The batch's progress bar (rich, on standard error) and its closing summary."""
from __future__ import annotations

import threading

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.table import Table
from rich.text import Text

from extractor.batch.runner import KINDS, Summary


def _rate(x: float) -> str:
    for unit, scale in (("M", 1e6), ("k", 1e3)):
        if x >= scale:
            return f"{x / scale:.1f}{unit}"
    return f"{x:.1f}"


class _Rates(ProgressColumn):
    """documents/s and characters/s since the start."""

    def render(self, task) -> Text:
        elapsed = task.elapsed or 0.0
        if elapsed <= 0:
            return Text("- docs/s - chars/s", style="progress.data.speed")
        docs = task.completed / elapsed
        chars = task.fields.get("chars", 0) / elapsed
        return Text(f"{_rate(docs)} docs/s {_rate(chars)} chars/s", style="progress.data.speed")


class BatchProgress:
    """Implements runner.Progress: a bar with done/total, documents/s, chars/s, ETA.
    The total arrives from a counting thread; until then the bar pulses."""

    def __init__(self, console: Console | None = None):
        self.console = console or Console(stderr=True)
        self._bar = Progress(
            TextColumn("[bold]batch"), BarColumn(bar_width=16), MofNCompleteColumn(),
            _Rates(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=self.console, transient=False, refresh_per_second=4,
        )
        self._task = self._bar.add_task("batch", total=None, chars=0)
        self._chars = 0
        self._lock = threading.Lock()

    def __enter__(self) -> "BatchProgress":
        self._bar.start()
        return self

    def __exit__(self, *exc) -> None:
        self._bar.stop()

    def set_total(self, total: int) -> None:
        self._bar.update(self._task, total=total)

    def advance(self, chars: int) -> None:
        with self._lock:
            self._chars += chars
            self._bar.update(self._task, advance=1, chars=self._chars)


def print_summary(summary: Summary, console: Console | None = None) -> None:
    console = console or Console(stderr=True)
    s = summary
    table = Table(title="batch" + (" (interrupted: run again to finish)" if s.interrupted else ""), show_header=False)
    table.add_column("what")
    table.add_column("n", justify="right")
    table.add_row("documents found", str(s.documents))
    table.add_row("extracted", str(s.extracted))
    table.add_row("skipped (already stored)", str(s.skipped))
    table.add_row("failed", str(s.failed))
    for kind in KINDS:
        table.add_row(f"  {kind}", str(s.items.get(kind, 0)))
    table.add_row("characters", f"{s.chars:,}")
    table.add_row("time", f"{s.seconds:.1f} s")
    if s.seconds:
        table.add_row("documents/s", f"{s.extracted / s.seconds:.1f}")
        table.add_row("characters/s", f"{s.chars / s.seconds:,.0f}")
    console.print(table)
    for name, n in s.recognizer_failures.most_common():
        console.print(f"[yellow]recognizer {name} raised on {n} documents[/] (their records lack its items): "
                      f"{s.recognizer_errors.get(name, '')}", highlight=False)
    for id_, reason in s.failures[:10]:
        console.print(f"[red]failed:[/] {id_}: {reason}", highlight=False, markup=True)
    if s.failed > 10:
        console.print(f"... and {s.failed - 10} more failures")


__all__ = ["BatchProgress", "print_summary"]
