"""What the page routes share: the templates and the words they use, rendering, who
may read and write, and names for documents that have no title.

Server-rendered with Jinja2 (every value escaped). A browser cannot send a bearer
header from a form, so the page takes the token in a form field and keeps it in an
HttpOnly, same-site cookie (`api.deps.COOKIE`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from fastapi import Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context

from api import labels, messages, titles
from api.deps import COOKIE, token_matches
from api.settings import Settings
from models import query


@pass_context
def _doc_title(context: Any, doc: Any) -> str:
    """A document's name on the page: its title, else the first sentence of the text
    the route looked up (`openings`), else its number, else its file."""
    return titles.display_title(doc, (context.get("openings") or {}).get(getattr(doc, "id", None)))


templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
templates.env.globals.update(
    labels=labels, label=labels.label, doc_title=_doc_title, type_label=titles.type_label,
    vi_date=titles.vi_date, vi_message=messages.vi, page_ranges=titles.page_ranges,
)


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def has_token(request: Request, given: str | None = None) -> bool:
    """Whether the page's user may write: no token set, or the right one given
    (in the form) or remembered (in the cookie)."""
    expected = settings_of(request).token_value
    if not expected:
        return True
    return token_matches(given, expected) or token_matches(request.cookies.get(COOKIE), expected)


def may_read(request: Request) -> bool:
    return not settings_of(request).read_token_required or has_token(request)


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    settings = settings_of(request)
    return templates.TemplateResponse(request, name, {
        "token_set": bool(settings.token_value), "may_write": has_token(request),
        "max_upload_mb": settings.max_upload_bytes / 1024 / 1024, **context,
    }, status_code=status_code)


def login_page(request: Request) -> HTMLResponse:
    return render(request, "login.html", {}, status_code=status.HTTP_401_UNAUTHORIZED)


def not_found(request: Request, message: str) -> HTMLResponse:
    return render(request, "message.html", {"title": "Không tìm thấy", "message": message}, 404)


async def openings(request: Request, docs: Iterable[Any]) -> dict[str, str]:
    """The start of the text of the documents without a title, by id (see `_doc_title`)."""
    untitled = [d.id for d in docs if not d.title]
    if not untitled:
        return {}
    return await run_in_threadpool(query.openings, request.app.state.store, untitled)
