"""`vanban query ...`: questions across the store, printed as a table, JSON or CSV.

JSON gives the results of `models.query` whole (as the HTTP API does); a table and
CSV give one line per role, mention, member or count, with the document it is in.
"""
from __future__ import annotations

import csv
import json
import sys
from typing import Any, Callable, Optional

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

query_app = typer.Typer(help="Search everything stored: people, references, committees, documents, task statistics.",
                        no_args_is_help=True)

FORMATS = ("table", "json", "csv")
DbOption = typer.Option(None, "--db", help="Store URL or SQLite path (default $VANBAN_DB or the user's data folder).")
FormatOption = typer.Option("table", "--format", "-f", help="table, json or csv.")


def _open(db: Optional[str]):
    from models.migrations import SchemaError
    from models.store import Store

    try:
        return Store(db)
    except SchemaError as e:
        Console(stderr=True).print(f"[red]error:[/] {e}", highlight=False)
        raise typer.Exit(2)


def _doc(d: Any) -> str:
    """A document in one cell: its number, else its title, else where it came from."""
    label = d.number or d.title or d.source
    return label if len(label) <= 60 else label[:57] + "..."


def _emit(results: list[BaseModel], fmt: str, columns: list[str], rows: Callable[[BaseModel], list[list[Any]]],
          title: str) -> None:
    if fmt not in FORMATS:
        raise typer.BadParameter(f"must be one of {', '.join(FORMATS)}", param_hint="--format")
    if fmt == "json":
        print(json.dumps([r.model_dump(mode="json") for r in results], ensure_ascii=False, indent=1))
        return
    lines = [line for r in results for line in rows(r)]
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if v is None else v for v in line] for line in lines])
        return
    table = Table(title=f"{title}: {len(results)} found", show_lines=False)
    for c in columns:
        if "document" in c or c in ("title", "source", "mention"):  # long labels: one line, cut short
            table.add_column(c, overflow="ellipsis", no_wrap=True, max_width=30)
        else:
            table.add_column(c, overflow="fold")
    for line in lines:
        table.add_row(*("" if v is None else str(v) for v in line))
    Console().print(table)


@query_app.command("people")
def people_cmd(q: str = typer.Argument(..., help="A name, with or without accents, in whole or in part."),
               db: Optional[str] = DbOption, format: str = FormatOption) -> None:
    """People by name, with every committee role and position across documents, in date order."""
    from models.query import people

    with _open(db) as store:
        results = people(store, q)

    def rows(p):
        out = [[p.name, r.role, r.committee, r.position, r.organization, r.document.issued_on, _doc(r.document)]
               for r in p.roles]
        out += [[p.name, None, None, m.position, m.organization, m.document.issued_on, _doc(m.document)]
                for m in p.mentions]
        return out

    _emit(results, format, ["name", "role", "committee", "position", "organization", "date", "document"], rows,
          "people")


@query_app.command("refs")
def refs_cmd(number: str = typer.Argument(..., help="A legal number however written (49/2017/ND-CP) or a law's name."),
             relation: Optional[str] = typer.Option(
                 None, "--relation", "-r",
                 help="Only citing documents that do this to it: based_on, amends, replaces, repeals, implements "
                      "(--relation repeals: what repealed it)."),
             db: Optional[str] = DbOption, format: str = FormatOption) -> None:
    """The documents that cite a legal document, each with what it does to it (relation), date order."""
    from models.query import RELATIONS, references

    if relation is not None and relation not in RELATIONS:
        raise typer.BadParameter(f"must be one of {', '.join(RELATIONS)}", param_hint="--relation")
    with _open(db) as store:
        results = references(store, number, relation=relation)

    def rows(r):
        return [[r.type, r.number or r.title, r.issuer, r.issued_on, "; ".join(c.relations) or None,
                 c.document.issued_on, _doc(c.document), c.mentions] for c in r.cited_by] or \
               [[r.type, r.number, r.issuer, r.issued_on, None, d.issued_on, _doc(d), "(the document itself)"]
                for d in r.documents]

    _emit(results, format, ["type", "number", "issuer", "issued_on", "relation", "date", "citing document",
                            "mentions"], rows, "references")


@query_app.command("committees")
def committees_cmd(q: Optional[str] = typer.Argument(None, help="Words of the committee's name (all when left out)."),
                   db: Optional[str] = DbOption, format: str = FormatOption,
                   limit: int = typer.Option(100, "--limit", help="At most this many committees.")) -> None:
    """Committees by name, with their members."""
    from models.query import committees

    with _open(db) as store:
        results = committees(store, q, limit=limit)

    def rows(c):
        head = [c.name, c.document.issued_on, _doc(c.document)]
        return [head + [m.role, m.name, m.position, m.organization] for m in c.members] or [head + [None] * 4]

    _emit(results, format, ["committee", "date", "document", "role", "name", "position", "organization"], rows,
          "committees")


@query_app.command("documents")
def documents_cmd(kind: Optional[str] = typer.Option(None, "--kind", help="decision, decree, circular, report, news ..."),
                  issuer: Optional[str] = typer.Option(None, "--issuer", help="Words of the issuer's name."),
                  date_from: Optional[str] = typer.Option(None, "--from", help="Issued on or after (2017, 2017-06, 2017-06-20)."),
                  date_to: Optional[str] = typer.Option(None, "--to", help="Issued on or before."),
                  q: Optional[str] = typer.Option(None, "--q", "-q", help="Words of the text, or a document number."),
                  limit: int = typer.Option(50, "--limit"), offset: int = typer.Option(0, "--offset"),
                  db: Optional[str] = DbOption, format: str = FormatOption) -> None:
    """Stored documents, newest first."""
    with _open(db) as store:
        results = store.documents(kind=kind, issuer=issuer, date_from=date_from, date_to=date_to, q=q,
                                  limit=limit, offset=offset)
    _emit(results, format, ["id", "kind", "number", "issued_on", "issuer", "title", "source"],
          lambda d: [[d.id[:12] if format == "table" else d.id, d.kind, d.number, d.issued_on, d.issuer, d.title,
                      d.source]], "documents")


@query_app.command("tasks")
def tasks_cmd(holder: Optional[str] = typer.Option(None, "--holder", help="Who carries the tasks (Bộ TT&TT, bo noi vu)."),
              date_from: Optional[str] = typer.Option(None, "--from", help="Periods from (2017, 2017-06 ...)."),
              date_to: Optional[str] = typer.Option(None, "--to", help="Periods up to."),
              db: Optional[str] = DbOption, format: str = FormatOption) -> None:
    """Task statistics as a table: a row per holder, period and subject, a column per status."""
    from models.query import STATUSES, task_stats

    with _open(db) as store:
        results = task_stats(store, holder=holder, date_from=date_from, date_to=date_to)
    if format == "table":  # only the statuses that occur, to fit a terminal
        statuses = [s for s in STATUSES if any(getattr(r, s) is not None for r in results)]
    else:  # the same columns every time, for scripts
        statuses = list(STATUSES)
    columns = ["holder", "period", "subject", "total", *statuses, "document"]
    _emit(results, format, columns,
          lambda r: [[r.holder, r.period, r.subject, r.total, *(getattr(r, s) for s in statuses), _doc(r.document)]],
          "task statistics")


@query_app.command("document")
def document_cmd(doc_id: str = typer.Argument(..., help="The document's id, or the start of it (as `query documents` shows)."),
                 with_text: bool = typer.Option(False, "--with-text", help="Include the normalized text."),
                 db: Optional[str] = DbOption) -> None:
    """The stored record of one document, as JSON."""
    from sqlalchemy import select

    from models.store import DocumentRow

    with _open(db) as store:
        with store.session() as s:
            ids = s.scalars(select(DocumentRow.id).where(DocumentRow.id.like(f"{doc_id.lower()}%")).limit(2)).all()
        if len(ids) != 1 or not doc_id.strip():
            Console(stderr=True).print(f"[red]error:[/] {'no' if not ids else 'more than one'} document "
                                       f"with an id starting {doc_id!r}", highlight=False)
            raise typer.Exit(1)
        stored = store.get(ids[0])
    record = dict(stored.record)
    if with_text:
        record["text"] = stored.text
    print(json.dumps(record, ensure_ascii=False, indent=1))
