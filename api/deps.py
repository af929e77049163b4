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
