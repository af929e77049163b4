"""The web page: upload a document and see its record highlighted in its text,
search people, references and committees, list the documents, chart a holder's
task statistics, and the API reference at /docs.

Server-rendered (`api.web`); a little JS (static/app.js) only marks the evidence
of a clicked item. The pages of one person, one legal number and one committee
across documents are in `api.routes.answers`.
"""
from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Query, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api import labels, messages
from api.chart import build as build_chart
from api.deps import COOKIE, token_matches
from api.highlight import KINDS, grouped, marks, segments
from api.routes.documents import store_upload
from api.schemas import DocumentOut
from api.titles import display_title
from api.worker import ExtractionFailed
from api.web import has_token, login_page, may_read, not_found, openings, render, settings_of
from models import query
from models.search import key

router = APIRouter(include_in_schema=False)


def _cross_site(request: Request) -> HTMLResponse | None:
    """A form posted from another site's page (the browser says so in `Origin`) is
    refused: another site must not upload through a visitor's browser."""
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host"):
        return render(request, "message.html", {"title": "Bị từ chối",
                                                 "message": "Biểu mẫu này chỉ gửi được từ chính trang này."}, 403)
    return None


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    if not may_read(request):
        return login_page(request)
    store = request.app.state.store
    docs = await run_in_threadpool(store.documents, limit=100)
    return render(request, "index.html", {"documents": docs, "openings": await openings(request, docs)})


@router.post("/login")
async def login(request: Request) -> Response:
    if refused := _cross_site(request):
        return refused
    form = await request.form(max_files=0, max_fields=5)
    token, expected = form.get("token"), settings_of(request).token_value
    if not (isinstance(token, str) and expected and token_matches(token, expected)):
        return render(request, "login.html", {"error": "Mã truy cập không đúng."}, status.HTTP_401_UNAUTHORIZED)
    response = RedirectResponse("/", status.HTTP_303_SEE_OTHER)
    _remember(response, request, token)
    return response


def _remember(response: Response, request: Request, token: str) -> None:
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https",
                        max_age=30 * 24 * 3600)


@router.post("/upload")
async def upload(request: Request) -> Response:
    """The upload form: store the document, then show it."""
    if refused := _cross_site(request):
        return refused
    form = await request.form(max_files=1, max_fields=10)
    token = form.get("token") if isinstance(form.get("token"), str) else None
    if not has_token(request, token):
        docs = await run_in_threadpool(request.app.state.store.documents, limit=100) if may_read(request) else []
        return render(request, "index.html", {"documents": docs, "error": "Mã truy cập không đúng."},
                       status.HTTP_401_UNAUTHORIZED)
    try:
        document, _ = await store_upload(request, settings_of(request), request.app.state.store,
                                         request.app.state.extractor)
    except (HTTPException, ExtractionFailed) as e:
        code = e.status_code if isinstance(e, HTTPException) else e.status
        message = e.detail if isinstance(e, HTTPException) else e.message
        docs = await run_in_threadpool(request.app.state.store.documents, limit=100) if may_read(request) else []
        return render(request, "index.html", {"documents": docs, "openings": await openings(request, docs),
                                              "error": messages.vi(str(message))}, code)
    response = RedirectResponse(f"/view/{document.id}", status.HTTP_303_SEE_OTHER)
    expected = settings_of(request).token_value
    if expected and token_matches(token, expected):  # typed in the form: keep it for next time
        _remember(response, request, token)
    return response


@router.get("/view/{doc_id}", response_class=HTMLResponse)
async def view(request: Request, doc_id: str) -> HTMLResponse:
    """A document: its header, its items by kind, its text with every item marked."""
    if not may_read(request):
        return login_page(request)
    stored = await run_in_threadpool(request.app.state.store.get, doc_id[:128])
    if stored is None:
        return not_found(request, f"Không có văn bản {doc_id[:128]}.")
    document = DocumentOut.of(stored)
    record = document.record
    by_kind = marks(record)
    text = document.text or ""
    limit = settings_of(request).max_view_chars
    shown = text[:limit]
    everything = [m for kind in by_kind.values() for m in kind]
    panels = {**by_kind, "date": grouped(by_kind["date"])}  # a year said six times is one line
    return render(request, "view.html", {
        "doc": document, "record": record, "marks": by_kind, "panels": panels, "kinds": KINDS,
        "title": display_title(record.document, text), "warnings": document.warnings_coded,
        "segments": segments(shown, everything), "cut": len(text) - len(shown),
    })


@router.get("/search", response_class=HTMLResponse)
async def search(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    """People, references and committees matching what was typed."""
    if not may_read(request):
        return login_page(request)
    store = request.app.state.store
    q = q.strip()
    found: dict[str, list] = {"people": [], "references": [], "committees": [], "documents": []}
    if q:
        found["documents"] = await run_in_threadpool(store.documents, q=q, limit=20)
        found["people"] = await run_in_threadpool(query.people, store, q, limit=50)
        found["references"] = await run_in_threadpool(query.references_matching, store, q, limit=50)
        found["committees"] = await run_in_threadpool(query.committees, store, q, limit=50)
    docs = [*found["documents"], *(d for r in found["references"] for d in (*r.documents, *r.citing)),
            *(c.document for c in found["committees"]),
            *(x.document for p in found["people"] for x in (*p.roles, *p.mentions))]
    return render(request, "search.html", {"q": q, **found, "openings": await openings(request, docs)})


@router.get("/chart", response_class=HTMLResponse)
async def chart(request: Request, holder: Annotated[str, Query(max_length=200)] = "",
                subject: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    """The task counts of one unit over time, the unit chosen from those the store knows
    (the one with most counts when none is asked for)."""
    if not may_read(request):
        return login_page(request)
    store = request.app.state.store
    holders = await run_in_threadpool(query.task_holders, store)
    asked = holder.strip()
    chosen = pick_holder(holders, asked) if asked else (holders[0] if holders else None)
    rows: list = []
    if chosen is not None:
        found = await run_in_threadpool(query.task_stats, store, chosen.name)
        rows = [r for r in found if key(r.holder) == chosen.key]  # this unit only, not every unit of the words
    drawn = build_chart(rows, chosen.name, subject) if chosen else None
    undated = [r for r in rows if not r.period]
    columns = [(s, word) for s, word in labels.STATUSES.items() if any(getattr(r, s) is not None for r in undated)]
    return render(request, "chart.html", {"holders": holders, "asked": asked, "chosen": chosen, "chart": drawn,
                                           "undated": undated, "columns": columns,
                                           "has_total": any(r.total is not None for r in undated)})


def pick_holder(holders: list[query.HolderCount], asked: str) -> query.HolderCount | None:
    """The known unit meant by what was typed: the one of the same key (aliases and
    accents aside), else the one with most counts among those holding every word."""
    wanted = key(asked)
    if not wanted.strip():
        return None
    for h in holders:
        if h.key == wanted:
            return h
    words = wanted.split()
    return next((h for h in holders if all(f" {w} " in h.key for w in words)), None)


@router.get("/docs", response_class=HTMLResponse)
async def api_docs(request: Request) -> HTMLResponse:
    """The API reference, rendered here from the OpenAPI description (/openapi.json)."""
    spec = request.app.openapi()
    operations = [
        {"method": method.upper(), "path": path, **op}
        for path, methods in spec.get("paths", {}).items() for method, op in methods.items()
    ]
    return render(request, "docs.html", {"spec": spec, "operations": operations})
