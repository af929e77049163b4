"""Dependencies shared by the routes: settings, the store, the extractor, and the
bearer-token checks for reads and writes (`Annotated` aliases, FastAPI style)."""
from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.settings import Settings
from api.worker import Extractor
from models.store import Store

_bearer = HTTPBearer(
    auto_error=False,
    description="`VANBAN_TOKEN`: needed for writes when set, and for reads with `VANBAN_READ_TOKEN_REQUIRED`",
)


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_extractor(request: Request) -> Extractor:
    return request.app.state.extractor


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
ExtractorDep = Annotated[Extractor, Depends(get_extractor)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def declared_query_only(request: Request) -> None:
    """Refuse query parameters an operation does not have: a misspelt one ("?with_txt=true")
    would otherwise be ignored and the caller would get another answer than asked for."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    declared = {p.alias for p in _query_params(dependant)}
    unknown = sorted(set(request.query_params) - declared)
    if unknown:
        unknown_names, takes = ", ".join(unknown), ", ".join(sorted(declared)) or "none"
        raise HTTPException(422,
                            f"unknown query parameters: {unknown_names} (this operation takes: {takes})")


def _query_params(dependant) -> list:
    """The query parameters of an operation and of all its dependencies."""
    out = list(dependant.query_params)
    for sub in dependant.dependencies:
        out += _query_params(sub)
    return out


DeclaredQueryOnly = Depends(declared_query_only)


def token_matches(given: str | None, expected: str) -> bool:
    """Constant-time comparison, so that response times tell nothing about the token."""
    if given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8"))


def _check(credentials: HTTPAuthorizationCredentials | None, expected: str) -> None:
    if not token_matches(credentials.credentials if credentials else None, expected):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "missing or wrong token: send `Authorization: Bearer <VANBAN_TOKEN>`",
            headers={"WWW-Authenticate": "Bearer"},
        )


def require_write(settings: SettingsDep, credentials: Credentials) -> None:
    if settings.token_value:
        _check(credentials, settings.token_value)


COOKIE = "vanban_token"  # set by the page's login form (HttpOnly, SameSite=Strict)


def require_read(request: Request, settings: SettingsDep, credentials: Credentials) -> None:
    """Reads also accept the page's cookie, so that links from the page (the JSON of a
    document, its original file) open in the browser that logged in."""
    if settings.read_token_required and settings.token_value:
        if token_matches(request.cookies.get(COOKIE), settings.token_value):
            return
        _check(credentials, settings.token_value)


CanWrite = Depends(require_write)
CanRead = Depends(require_read)


def describe_access(app, settings: Settings, routers) -> None:
    """Make the app's OpenAPI description say what this service asks for: FastAPI lists
    the bearer token as required on every route that can check it, but reads need it
    only with `VANBAN_READ_TOKEN_REQUIRED` and writes only when `VANBAN_TOKEN` is set;
    an operation that needs no token lists no security and no 401. `routers`: the
    APIRouters the app includes (their own dependencies count for each route)."""
    from fastapi.routing import APIRoute

    generate = app.openapi

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = generate()
        reads_need = bool(settings.read_token_required and settings.token_value)
        writes_need = bool(settings.token_value)
        for router, route in ((r, route) for r in routers for route in r.routes):
            if not isinstance(route, APIRoute):
                continue
            checks = {d.dependency for d in (*router.dependencies, *route.dependencies)}
            if (require_read in checks and not reads_need) or (require_write in checks and not writes_need):
                for method in route.methods:
                    operation = schema.get("paths", {}).get(route.path_format, {}).get(method.lower())
                    if operation:
                        operation.pop("security", None)
                        operation.get("responses", {}).pop("401", None)
        return schema

    app.openapi = openapi
