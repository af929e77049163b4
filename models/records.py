"""The record contract of shared/spec/RECORDS.md as pydantic models.

One document gives one `Record`. Every extracted item carries `Evidence`:
offsets into the document's normalized text. Fields beyond the contract are
allowed (the contract says output may carry more), e.g. `relation` on a
legal reference.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

DocumentKind = Literal[
    "decision", "decree", "circular", "resolution", "directive", "plan", "report", "news", "other"
]
Granularity = Literal["datetime", "day", "month", "quarter", "half", "year", "range"]
TaskStatus = Literal[
    "assigned", "completed", "completed_on_time", "completed_late", "pending",
    "pending_on_time", "pending_overdue", "issued", "other",
]
Relation = Literal["based_on", "amends", "replaces", "repeals", "implements"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    """Where an item was found: `text == normalized_text[start:end]`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Signer(_Model):
    name: str | None = None
    position: str | None = None


class Document(_Model):
    id: str = Field(description="hex sha256 of the normalized text; for a document without text, "
                                "of \"\\0original\\0\" and the hex sha256 of the file's bytes")
    source: str = Field(description="file name, path or URL it came from")
    kind: DocumentKind = "other"
    title: str | None = None
    number: str | None = None
    issuer: str | None = None
    issued_on: str | None = None
    place: str | None = None
    signer: Signer | None = None
    author: str | None = None
    # what the reader knew about the file, beyond the contract
    format: str | None = Field(default=None, description="text, html, pdf, docx, image")
    pages: int | None = None
    pages_without_text: list[int] = Field(default_factory=list, description="1-based pages with no text layer")
    pages_ocr: list[int] = Field(default_factory=list, description="1-based pages whose text came from OCR")


class LegalRef(_Model):
    type: str
    number: str | None = None
    title: str | None = None
    issuer: str | None = None
    issued_on: str | None = None
    relation: Relation | None = None
    evidence: Evidence


class DateItem(_Model):
    value: str
    granularity: Granularity
    relative: bool = False
    evidence: Evidence


class TaskStat(_Model):
    subject: str
    status: TaskStatus
    count: int
    total: int | None = None
    holder: str | None = None
    assigned_by: str | None = None
    as_of: str | None = None
    evidence: Evidence


class Member(_Model):
    name: str | None = None
    role: str = "Thành viên"
    position: str | None = None
    organization: str | None = None
    evidence: Evidence


class Committee(_Model):
    name: str
    parent: str | None = None
    member_count: int | None = None
    members: list[Member] = Field(default_factory=list)
    evidence: Evidence


class Person(_Model):
    name: str
    position: str | None = None
    organization: str | None = None
    evidence: Evidence


class Record(_Model):
    schema_version: Literal[1] = SCHEMA_VERSION
    extractor_version: str | None = None
    document: Document
    legal_refs: list[LegalRef] = Field(default_factory=list)
    dates: list[DateItem] = Field(default_factory=list)
    task_stats: list[TaskStat] = Field(default_factory=list)
    committees: list[Committee] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    text: str | None = Field(default=None, description="the normalized text, with --with-text")
