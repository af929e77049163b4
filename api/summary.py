"""A record as a few readable lines for a terminal (`vanban extract` on a terminal):
the header, the count of items per section, the first items of each, the warnings.
Scripts get JSON (`--format json|jsonl`, and whenever the output is not a terminal).
"""
from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from api.titles import display_title, type_label
from models.records import Record

FIRST = 3  # items shown per section


def _join(*parts: str | None, sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


def _more(n: int) -> str:
    return f"[dim]… and {n - FIRST} more[/]" if n > FIRST else ""


def print_summary(record: Record, console: Console, text: str | None = None) -> None:
    d = record.document
    console.print(f"[bold]{escape(display_title(d, text))}[/]")
    console.print(escape(_join(type_label(d.kind, d.title), d.number and f"số {d.number}", d.issuer, d.issued_on,
                               d.place, sep=" · ")), style="cyan")
    if d.signer and (d.signer.name or d.signer.position):
        console.print(f"signed by {escape(_join(d.signer.name, d.signer.position))}")
    if d.author:
        console.print(f"by {escape(d.author)}")
    if d.pages_ocr:
        console.print(f"[yellow]{len(d.pages_ocr)} of {d.pages} pages read by OCR[/]")
    counts = Table.grid(padding=(0, 2))
    sections = [("legal_refs", len(record.legal_refs)), ("dates", len(record.dates)),
                ("task_stats", len(record.task_stats)), ("committees", len(record.committees)),
                ("members", sum(len(c.members) for c in record.committees)), ("people", len(record.people)),
                ("warnings", len(record.warnings))]
    for name, _ in sections:
        counts.add_column(justify="right")
    counts.add_row(*(f"[dim]{name}[/]" for name, _ in sections))
    counts.add_row(*(f"[bold]{n}[/]" for _, n in sections))
    console.print(counts)

    def section(title: str, lines: list[str], total: int) -> None:
        if not lines:
            return
        console.print(f"[bold]{title}[/]")
        for line in lines:
            console.print(f"  {line}")
        if more := _more(total):
            console.print(f"  {more}")

    refs = record.legal_refs
    section("legal_refs", [escape(_join(f"{r.type} {r.number or r.title or ''}".strip(), r.issuer, r.issued_on,
                                         r.relation, sep=" · ")) for r in refs[:FIRST]], len(refs))
    values = Counter(x.value for x in record.dates)
    section("dates", [escape(f"{v}" + (f" ×{n}" if n > 1 else "")) for v, n in values.most_common(FIRST)],
            len(values))
    tasks = record.task_stats
    section("task_stats", [escape(_join(f"{t.count}{'/' + str(t.total) if t.total is not None else ''} {t.subject}",
                                        t.status, t.holder, t.as_of, sep=" · ")) for t in tasks[:FIRST]], len(tasks))
    for c in record.committees[:FIRST]:
        head = _join(c.name, f"{c.member_count} members stated" if c.member_count is not None else None, sep=" · ")
        section(f"committee: {escape(head)}", [escape(_join(m.role, m.name or m.organization, m.position, sep=" · "))
                                               for m in c.members[:FIRST]], len(c.members))
    if len(record.committees) > FIRST:
        console.print(f"  {_more(len(record.committees))}")
    people = record.people
    section("people", [escape(_join(p.name, p.position, p.organization, sep=" · ")) for p in people[:FIRST]],
            len(people))
    if record.warnings:
        console.print("[bold yellow]warnings[/]")
        for w in record.warnings:
            console.print(f"  [yellow]{escape(w)}[/]")
    console.print(f"[dim]{escape(d.source)} · id {d.id[:12]} · whole record: --format json[/]")
