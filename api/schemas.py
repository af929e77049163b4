"""What the API takes and gives, apart from the record contract itself
(`models.records.Record`) and the query results (`models.query`)."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from models.records import Record
from models.store import DocumentSummary, StoredDocument


# An ISO day, month or year that exists, as the date filters take them ("2017",
# "2017-06", "2017-06-20"; not "2024-13-45", "2023-02-29" or "0000"). The pattern
# itself says which, so the OpenAPI description is exact: a client (or a test
# generator) that follows it never meets a 422 for a date.
_YEAR = r"(?:[1-9]\d{3}|0[1-9]\d{2}|00[1-9]\d|000[1-9])"
_LEAP_YEAR = r"(?:\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_DAY = (rf"(?:{_YEAR}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)"
        rf"|02-(?:0[1-9]|1\d|2[0-8]))|{_LEAP_YEAR}-02-29)")
ISO_BOUND = rf"^(?:{_DAY}|{_YEAR}-(?:0[1-9]|1[0-2])|{_YEAR})$"


class TextIn(BaseModel):
    """A document sent as text (JSON) instead of a file."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the document's text")
    source: str | None = Field(default=None, max_length=200,
                               description="a name for it: file name or URL (a label only)")


class DocumentOut(DocumentSummary):
    """A stored document: its header, its record, its normalized text (every
    evidence offset points into it)."""

    record: Record
    text: str | None = None
    content_hash: str | None = Field(default=None, description="sha256 of the file as uploaded")
    has_original: bool = Field(default=False, description="GET /documents/{id}/original gives the file")

    @classmethod
    def of(cls, stored: StoredDocument) -> "DocumentOut":
        fields = stored.model_dump(exclude={"record", "original"})
        return cls(**fields, record=Record.model_validate(stored.record),
                   has_original=stored.original is not None)


class Error(BaseModel):
    """Every 4xx/5xx answer: what is wrong, in words (or, for invalid parameters,
    FastAPI's list of the fields at fault)."""

    detail: str | list[dict[str, Any]]


# Responses every route may give, for the OpenAPI description.
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Error, "description": "missing or wrong bearer token"},
    422: {"model": Error, "description": "invalid input, or a document that cannot be read"},
}
UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    400: {"model": Error, "description": "a malformed request body"},
    413: {"model": Error, "description": "the document is larger than the upload limit"},
    415: {"model": Error, "description": "neither multipart/form-data nor JSON"},
    503: {"model": Error, "description": "too many uploads waiting to be extracted; try again (Retry-After)"},
}

# The request body of the routes that take a document: a file, or JSON text.
UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary",
                                            "description": "PDF, DOCX, HTML or text; the format is read from the content"}},
                    "required": ["file"],
                }
            },
            "application/json": {"schema": TextIn.model_json_schema()},
        },
    }
}
