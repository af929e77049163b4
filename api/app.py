"""The HTTP service: `create_app(settings)` assembles the routers, the store, the
extractor pool, the error handlers and the web page.

Run it with `vanban serve`, or `uvicorn --factory api.app:create_app`.
"""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.deps import describe_access
from api.routes import documents, extract, pages, query
from api.settings import Settings
from api.worker import ExtractionFailed, Extractor
from extractor import __version__
from models.store import Store

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent

# Pages load nothing from elsewhere and run no inline script; an upload's text
# that slipped through escaping could still not run.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


class SecurityHeaders:
    """Adds headers that make the browser stricter, to every response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for name, value in ((b"x-content-type-options", b"nosniff"),
                                    (b"content-security-policy", _CSP.encode()),
                                    (b"referrer-policy", b"same-origin")):
                    if name not in names:
                        headers.append((name, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    store = Store(settings.db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="vanban",
        version=__version__,
        summary="Structured records from Vietnamese administrative documents",
        description="Upload decisions, decrees, reports and news; ask across them for legal references, "
                    "people and their committee roles, committees and task statistics. "
                    "Writes need `Authorization: Bearer <VANBAN_TOKEN>` when the service has a token.",
        docs_url=None,  # FastAPI's /docs loads its script from a CDN; ours is served here (pages.api_docs)
        redoc_url=None,
        max_body_size=settings.max_body_bytes,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.extractor = Extractor(settings)

    routers = [module.router for module in (documents, extract, query, pages)]
    for router in routers:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(SecurityHeaders)
    describe_access(app, settings, routers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 405:
            # Starlette names the methods of the first route with this path only
            # (POST for /documents); every route with the path counts
            allowed = sorted({m for router in routers for r in router.routes
                              if getattr(r, "path_regex", None) and r.path_regex.match(request.url.path)
                              for m in r.methods or ()})
            exc = StarletteHTTPException(405, exc.detail, headers={**(exc.headers or {}), "Allow": ", ".join(allowed)})
        return await http_exception_handler(request, exc)

    @app.exception_handler(ExtractionFailed)
    async def extraction_failed(request: Request, exc: ExtractionFailed) -> JSONResponse:
        headers = {"Retry-After": "5"} if exc.status == 503 else None
        return JSONResponse({"detail": exc.message}, status_code=exc.status, headers=headers)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return JSONResponse({"detail": f"internal error: {type(exc).__name__}"}, status_code=500)

    return app
