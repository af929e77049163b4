"""Pages that answer across documents, the reason to store records at all:

    /person?name=      one person: every committee role and every position, in date
                       order, as a timeline, with the document each comes from
    /reference?number= one legal number (whole or its leading part, "49/2017"): the
                       stored document that bears it and every document that cites it,
                       with what it does to it (based on, amends, repeals ...) and when
    /committee?name=   one committee: its members across the documents that set it up
                       or changed it, who came, who left, whose role changed
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from api.web import login_page, may_read, openings, render
from models import query
from models.search import fold, key

router = APIRouter(include_in_schema=False)

Text = Annotated[str, Query(max_length=200)]


# --- a person ----------------------------------------------------------------------


@dataclass
class Event:
    """One line of a person's timeline: a committee role, or a mention with a position."""
    date: str | None
    document: Any
    start: int
    position: str | None
    organization: str | None
    role: str | None = None
    committee: str | None = None


@dataclass
class Post:
    """A position held, with the first and last dates documents show it."""
    position: str
    organization: str | None
    first: str | None = None
    last: str | None = None
    documents: set[str] = field(default_factory=set)


def timeline(person: query.PersonResult) -> tuple[list[tuple[str, list[Event]]], list[Post]]:
    """The person's roles and mentions as events grouped by year (undated last), and
    the positions with the span of dates documents show them in."""
    events = [Event(r.document.issued_on, r.document, r.evidence.start, r.position, r.organization,
                    r.role, r.committee) for r in person.roles]
    events += [Event(m.document.issued_on, m.document, m.evidence.start, m.position, m.organization)
               for m in person.mentions]
    events.sort(key=lambda e: (e.date is None, e.date or "", e.document.id, e.start))
    years: dict[str, list[Event]] = defaultdict(list)
    posts: dict[tuple[str, str], Post] = {}
    for e in events:
        years[e.date[:4] if e.date else "Không rõ ngày"].append(e)
        if not e.position:
            continue
        post = posts.setdefault((fold(e.position), key(e.organization)), Post(e.position, e.organization))
        if e.date:
            post.first = min(filter(None, (post.first, e.date)))
            post.last = max(filter(None, (post.last, e.date)))
        post.documents.add(e.document.id)
    return list(years.items()), sorted(posts.values(), key=lambda p: (p.first is None, p.first or ""))


@router.get("/person", response_class=HTMLResponse)
async def person(request: Request, name: Text = "") -> HTMLResponse:
    """One person across documents."""
    if not may_read(request):
        return login_page(request)
    name = name.strip()
    found = await run_in_threadpool(query.people, request.app.state.store, name, limit=50) if name else []
    exact = [p for p in found if fold(p.name) == fold(name)]
    chosen = exact[0] if exact else (found[0] if len(found) == 1 else None)
    context: dict[str, Any] = {"name": name, "found": found, "person": chosen}
    if chosen:
        context["years"], context["posts"] = timeline(chosen)
        docs = [r.document for r in chosen.roles] + [m.document for m in chosen.mentions]
        context["openings"] = await openings(request, docs)
        context["documents"] = len({d.id for d in docs})
    return render(request, "person.html", context)


# --- a legal number ------------------------------------------------------------------


@router.get("/reference", response_class=HTMLResponse)
async def reference(request: Request, number: Text = "") -> HTMLResponse:
    """One legal number: who bears it, who cites it, how and when."""
    if not may_read(request):
        return login_page(request)
    number = number.strip()
    results = await run_in_threadpool(query.references_matching, request.app.state.store, number,
                                      limit=20) if number else []
    docs = [d for r in results for d in (*r.documents, *(c.document for c in r.mentions))]
    return render(request, "reference.html", {"number": number, "results": results,
                                              "citing": [citing_rows(r) for r in results],
                                              "openings": await openings(request, docs)})


@dataclass
class CitingRow:
    """The mentions of one number in one citing document with one relation."""
    document: Any
    relation: str | None
    evidence: list[Any]


def citing_rows(result: query.ReferenceResult) -> list[CitingRow]:
    """A row per citing document and relation, in date order ("nêu tên" twice is one row, × 2)."""
    rows: dict[tuple[str, str | None], CitingRow] = {}
    for c in result.mentions:
        row = rows.setdefault((c.document.id, c.relation), CitingRow(c.document, c.relation, []))
        row.evidence.append(c.evidence)
    return list(rows.values())


# --- a committee -------------------------------------------------------------------


@dataclass
class Seat:
    """One member across the documents: the role in each (None where absent)."""
    label: str
    detail: str | None
    person: bool                                          # named (else a unit or an office)
    roles: dict[str, str] = field(default_factory=dict)   # committee row's index -> role


def _who(m: query.MemberResult) -> str:
    return f"n:{fold(m.name)}" if m.name else f"o:{key(m.organization or m.position)}|{fold(m.role)}"


def across(committees: list[query.CommitteeResult]) -> tuple[list[Seat], dict[int, dict]]:
    """Members as rows against the documents (in date order) as columns, and what
    each document changed against the one before it."""
    seats: dict[str, Seat] = {}
    changes: dict[int, dict] = {}
    before: dict[str, str] = {}
    for i, c in enumerate(committees):
        now: dict[str, str] = {}
        for m in c.members:
            who = _who(m)
            seat = seats.setdefault(who, Seat(m.name or m.organization or m.position or m.role,
                                              ", ".join(p for p in (m.position, m.organization if m.name else None) if p)
                                              or None, bool(m.name)))
            seat.roles.setdefault(str(i), m.role)
            now.setdefault(who, m.role)
        if i and c.members:
            changes[i] = {
                "added": [(seats[w].label, r) for w, r in now.items() if w not in before],
                "left": [(seats[w].label, r) for w, r in before.items() if w not in now],
                "moved": [(seats[w].label, before[w], r) for w, r in now.items() if w in before and before[w] != r],
            }
        if c.members:
            before = now
    order = sorted(seats.values(), key=lambda s: min(int(k) for k in s.roles))
    return order, changes


@router.get("/committee", response_class=HTMLResponse)
async def committee(request: Request, name: Text = "") -> HTMLResponse:
    """One committee across the documents that name it."""
    if not may_read(request):
        return login_page(request)
    name = name.strip()
    found = await run_in_threadpool(query.committees, request.app.state.store, name, limit=500) if name else []
    by_name: dict[str, list[query.CommitteeResult]] = defaultdict(list)
    for c in found:
        by_name[key(c.name)].append(c)
    wanted = key(name)
    chosen = by_name.get(wanted) or (next(iter(by_name.values())) if len(by_name) == 1 else None)
    context: dict[str, Any] = {"name": name, "choices": [cs[0].name for cs in by_name.values()], "committees": chosen}
    if chosen:
        context["seats"], context["changes"] = across(chosen)
        context["openings"] = await openings(request, [c.document for c in chosen])
        context["title"] = chosen[-1].name
    return render(request, "committee.html", context)
