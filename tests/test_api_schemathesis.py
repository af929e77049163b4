"""Schemathesis against the service's own OpenAPI description, with every check it
has (server errors, status codes, content types, response schemas and headers,
positive and negative data, authentication, unsupported methods and their `Allow`
header, resources after deletion). Bounded: a few dozen examples per operation.

One check is told what the description itself says: a well-formed upload whose
content is not a readable document (an empty file, random bytes) is refused with
422, "invalid input, or a document that cannot be read" (the 422 response of
POST /documents and POST /extract), so for those two operations 422 is an
expected answer to schema-valid data (`positive_data_acceptance`); and 503 (queue
full) is documented there too."""
from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from api.app import create_app
from api.settings import Settings

TOKEN = "schemathesis-token"
_folder = Path(tempfile.mkdtemp(prefix="vanban-schemathesis-"))
app = create_app(Settings(db=str(_folder / "store.sqlite3"), token=TOKEN, max_upload_bytes=200_000,
                          extract_timeout=60))
CONFIG = """
[[operations]]
include-path-regex = "^/(documents|extract)$"
include-method = "POST"
checks.positive_data_acceptance.expected-statuses = ["2XX", "422", "503"]
"""
schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=SchemathesisConfig.from_str(CONFIG))


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_check(case):
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"})
