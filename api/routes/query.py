"""Questions across the stored documents, as `vanban query` asks them:
people, references, committees, task statistics."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool

from api.deps import DeclaredQueryOnly, CanRead, StoreDep
from api.schemas import ERRORS, ISO_BOUND
from models import query
from models.query import CommitteeResult, PersonResult, ReferenceResult, TaskRow
from models.records import Relation

router = APIRouter(tags=["query"], dependencies=[CanRead, DeclaredQueryOnly], responses=ERRORS)

Limit = Annotated[int, Query(ge=1, le=1000)]
IsoBound = Annotated[str | None, Query(pattern=ISO_BOUND, description="ISO day, month or year: 2017, 2017-06, 2017-06-20")]


@router.get("/people", response_model=list[PersonResult])
async def people(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=200,
                 description="a name; accents and case do not matter (pham minh tien)")],
                 limit: Limit = 100) -> list[PersonResult]:
    """Every person whose name matches, with every committee role and position
    found across the documents, in date order."""
    return await run_in_threadpool(query.people, store, q, limit=limit)


@router.get("/references", response_model=list[ReferenceResult])
async def references(store: StoreDep, number: Annotated[str, Query(
                     min_length=1, max_length=200,
                     description="a legal number however spaced or dashed (49/2017/ND-CP), or a law's name")],
                     relation: Annotated[Relation | None, Query(
                         description="only citing documents that do this to it (repeals: what repealed it)")] = None,
                     limit: Limit = 100) -> list[ReferenceResult]:
    """The documents that cite a legal number (or a named law), each with what it does
    to it (`cited_by[].relations`), and the stored document that bears it."""
    return await run_in_threadpool(query.references, store, number, relation=relation, limit=limit)


@router.get("/committees", response_model=list[CommitteeResult])
async def committees(store: StoreDep, q: Annotated[str | None, Query(
                     max_length=200, description="words of the name (ban chi dao cai cach); all when empty")] = None,
                     limit: Limit = 100) -> list[CommitteeResult]:
    """Committees whose name matches, with their members, in date order."""
    return await run_in_threadpool(query.committees, store, q, limit=limit)


@router.get("/tasks", response_model=list[TaskRow])
async def tasks(store: StoreDep,
                holder: Annotated[str | None, Query(max_length=200, description="who carries the tasks (Bộ TT&TT)")] = None,
                date_from: IsoBound = None, date_to: IsoBound = None) -> list[TaskRow]:
    """Task counts by holder and period: a row per document, holder, period and
    subject, a column per status."""
    return await run_in_threadpool(query.task_stats, store, holder, date_from, date_to)
