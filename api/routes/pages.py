"""The web page: upload a document and see its record highlighted in its text,
search people, references and committees, list the documents, chart a holder's
task statistics, and the API reference at /docs.

Server-rendered with Jinja2 (every value escaped); a little JS (static/app.js)
only marks the evidence of a clicked item. A browser cannot send a bearer
header from a form, so the page takes the token in a form field and keeps it in
an HttpOnly, same-site cookie.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Query, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from api import labels
from api.chart import build as build_chart
from api.deps import COOKIE, token_matches
from api.highlight import KINDS, marks, segments
from api.routes.documents import store_upload
from api.schemas import DocumentOut
from api.settings import Settings
from api.worker import ExtractionFailed
from models import query

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")
templates.env.globals.update(labels=labels, label=labels.label)


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def _has_token(request: Request, given: str | None = None) -> bool:
    """Whether the page's user may write: no token set, or the right one given
    (in the form) or remembered (in the cookie)."""
    expected = _settings(request).token_value
    if not expected:
        return True
    return token_matches(given, expected) or token_matches(request.cookies.get(COOKIE), expected)


def _render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    settings = _settings(request)
    return templates.TemplateResponse(request, name, {
        "token_set": bool(settings.token_value), "may_write": _has_token(request),
        "max_upload_mb": settings.max_upload_bytes / 1024 / 1024, **context,
    }, status_code=status_code)


def _cross_site(request: Request) -> HTMLResponse | None:
    """A form posted from another site's page (the browser says so in `Origin`) is
    refused: another site must not upload through a visitor's browser."""
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host"):
        return _render(request, "message.html", {"title": "Bị từ chối",
                                                 "message": "Biểu mẫu này chỉ gửi được từ chính trang này."}, 403)
    return None


def _may_read(request: Request) -> bool:
    return not _settings(request).read_token_required or _has_token(request)


def _login_page(request: Request) -> HTMLResponse:
    return _render(request, "login.html", {}, status_code=status.HTTP_401_UNAUTHORIZED)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> HTMLResponse:
    if not _may_read(request):
        return _login_page(request)
    store = request.app.state.store
    docs = await run_in_threadpool(store.documents, limit=100)
    return _render(request, "index.html", {"documents": docs})


@router.post("/login")
async def login(request: Request) -> Response:
    if refused := _cross_site(request):
        return refused
    form = await request.form(max_files=0, max_fields=5)
    token, expected = form.get("token"), _settings(request).token_value
    if not (isinstance(token, str) and expected and token_matches(token, expected)):
        return _render(request, "login.html", {"error": "Mã truy cập không đúng."}, status.HTTP_401_UNAUTHORIZED)
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
    if not _has_token(request, token):
        docs = await run_in_threadpool(request.app.state.store.documents, limit=100) if _may_read(request) else []
        return _render(request, "index.html", {"documents": docs, "error": "Mã truy cập không đúng."},
                       status.HTTP_401_UNAUTHORIZED)
    try:
        document, _ = await store_upload(request, _settings(request), request.app.state.store,
                                         request.app.state.extractor)
    except (HTTPException, ExtractionFailed) as e:
        code = e.status_code if isinstance(e, HTTPException) else e.status
        message = e.detail if isinstance(e, HTTPException) else e.message
        docs = await run_in_threadpool(request.app.state.store.documents, limit=100) if _may_read(request) else []
        return _render(request, "index.html", {"documents": docs, "error": str(message)}, code)
    response = RedirectResponse(f"/view/{document.id}", status.HTTP_303_SEE_OTHER)
    expected = _settings(request).token_value
    if expected and token_matches(token, expected):  # typed in the form: keep it for next time
        _remember(response, request, token)
    return response


@router.get("/view/{doc_id}", response_class=HTMLResponse)
async def view(request: Request, doc_id: str) -> HTMLResponse:
    """A document: its header, its items by kind, its text with every item marked."""
    if not _may_read(request):
        return _login_page(request)
    stored = await run_in_threadpool(request.app.state.store.get, doc_id[:128])
    if stored is None:
        return _render(request, "message.html", {"title": "Không tìm thấy",
                                                 "message": f"Không có văn bản {doc_id[:128]}."}, 404)
    document = DocumentOut.of(stored)
    record = document.record
    by_kind = marks(record)
    text = document.text or ""
    limit = _settings(request).max_view_chars
    shown = text[:limit]
    everything = [m for kind in by_kind.values() for m in kind]
    return _render(request, "view.html", {
        "doc": document, "record": record, "marks": by_kind, "kinds": KINDS,
        "segments": segments(shown, everything), "cut": len(text) - len(shown),
    })


@router.get("/search", response_class=HTMLResponse)
async def search(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    """People, references and committees matching what was typed."""
    if not _may_read(request):
        return _login_page(request)
    store = request.app.state.store
    q = q.strip()
    found: dict[str, list] = {"people": [], "references": [], "committees": [], "documents": []}
    if q:
        found["documents"] = await run_in_threadpool(store.documents, q=q, limit=20)
        found["people"] = await run_in_threadpool(query.people, store, q, limit=50)
        found["references"] = await run_in_threadpool(query.references, store, q, limit=50)
        found["committees"] = await run_in_threadpool(query.committees, store, q, limit=50)
    return _render(request, "search.html", {"q": q, **found})


@router.get("/chart", response_class=HTMLResponse)
async def chart(request: Request, holder: Annotated[str, Query(max_length=200)] = "",
                subject: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    """Task statistics of a holder over time."""
    if not _may_read(request):
        return _login_page(request)
    rows = await run_in_threadpool(query.task_stats, request.app.state.store, holder.strip() or None)
    columns = [(s, word) for s, word in labels.STATUSES.items() if any(getattr(r, s) is not None for r in rows)]
    return _render(request, "chart.html", {"holder": holder.strip(), "rows": rows, "columns": columns,
                                           "has_total": any(r.total is not None for r in rows),
                                           "chart": build_chart(rows, subject)})


@router.get("/docs", response_class=HTMLResponse)
async def api_docs(request: Request) -> HTMLResponse:
    """The API reference, rendered here from the OpenAPI description (/openapi.json)."""
    spec = request.app.openapi()
    operations = [
        {"method": method.upper(), "path": path, **op}
        for path, methods in spec.get("paths", {}).items() for method, op in methods.items()
    ]
    return _render(request, "docs.html", {"spec": spec, "operations": operations})
