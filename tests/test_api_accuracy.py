"""Issue 17, item 8: the service answers what its OpenAPI description says — search
terms without a word match nothing, dates that do not exist are refused, times
carry their zone, the token requirements are the ones in force, a 405 names every
method of its path."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.schemas import ISO_BOUND
from api.settings import Settings

TOKEN = "t0ken-for-accuracy"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = "Quyết định số 12/QĐ-BNV ngày 05/3/2024 của Bộ Nội vụ."


@pytest.fixture
def client(tmp_path):
    with TestClient(create_app(Settings(db=str(tmp_path / "s.sqlite3"), token=TOKEN, workers=1))) as c:
        assert c.post("/documents", json={"text": TEXT}, headers=AUTH).status_code == 201
        yield c


@pytest.mark.parametrize("q", ["%", "_", "*", "%%", " _ ", "?"])
def test_a_query_without_words_matches_nothing(client, q):
    assert client.get("/documents", params={"q": q}).json() == []
    assert client.get("/documents", params={"issuer": q}).json() == []
    assert client.get("/committees", params={"q": q}).json() == []
    assert client.get("/tasks", params={"holder": q}).json() == []


def test_a_query_with_words_still_matches(client):
    assert len(client.get("/documents", params={"q": "quyet dinh"}).json()) == 1
    assert len(client.get("/documents", params={"q": "12/QĐ-BNV"}).json()) == 1


@pytest.mark.parametrize("value, exists", [
    ("2024", True), ("2024-02", True), ("2024-02-29", True), ("2000-02-29", True), ("2024-12-31", True),
    ("2024-13", False), ("2024-00", False), ("2024-13-45", False), ("2023-02-29", False), ("1900-02-29", False),
    ("2024-04-31", False), ("2024-01-00", False), ("0000", False), ("24-01-01", False), ("2024-1-1", False),
])
def test_date_bounds_are_days_that_exist(client, value, exists):
    assert bool(re.match(ISO_BOUND, value)) is exists
    if exists:  # the pattern agrees with the calendar
        parts = [int(p) for p in value.split("-")] + [1, 1]
        dt.date(*parts[:3])
    for path, name in (("/documents", "date_from"), ("/documents", "date_to"), ("/tasks", "date_from")):
        assert client.get(path, params={name: value}).status_code == (200 if exists else 422)


def test_added_at_has_a_time_zone(client):
    added = client.get("/documents").json()[0]["added_at"]
    assert dt.datetime.fromisoformat(added).utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize("settings, read_needs, write_needs", [
    ({}, False, False),
    ({"token": TOKEN}, False, True),
    ({"token": TOKEN, "read_token_required": True}, True, True),
])
def test_openapi_says_which_operations_need_the_token(tmp_path, settings, read_needs, write_needs):
    with TestClient(create_app(Settings(db=str(tmp_path / "s.sqlite3"), **settings))) as c:
        paths = c.get("/openapi.json").json()["paths"]
    for path, method, needs in (("/documents", "get", read_needs), ("/people", "get", read_needs),
                                ("/documents/{doc_id}/original", "get", read_needs),
                                ("/documents", "post", write_needs), ("/extract", "post", write_needs),
                                ("/documents/{doc_id}", "delete", write_needs)):
        operation = paths[path][method]
        assert bool(operation.get("security")) is needs, (path, method)
        assert ("401" in operation["responses"]) is needs, (path, method)


@pytest.mark.parametrize("method, path, allowed", [
    ("put", "/documents", "GET, POST"),
    ("patch", "/documents/abc", "DELETE, GET"),
    ("post", "/people", "GET"),
])
def test_405_names_every_method_of_the_path(client, method, path, allowed):
    r = client.request(method.upper(), path)
    assert r.status_code == 405 and r.headers["allow"] == allowed
