"""The record contract as pydantic models; `docs/records.md` explains it and its
field tables are generated from these models (`python -m api.contract_docs`).

One document gives one `Record`. Every extracted item carries `Evidence`:
offsets into the document's normalized text. Fields beyond the contract are
allowed (the contract says output may carry more), e.g. `format` and `pages` of
a document.
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

    start: int = Field(ge=0, description="offset of the first character in the normalized text")
    end: int = Field(ge=0, description="offset just after the last character")
    text: str = Field(description="the normalized text between them")


class Signer(_Model):
    name: str | None = Field(default=None, description="who signed, without honorific")
    position: str | None = Field(default=None, description="the signer's title as the signature block gives it")


class Document(_Model):
    id: str = Field(description="hex sha256 of the normalized text; for a document without text, "
                                "of \"\\0original\\0\" and the hex sha256 of the file's bytes")
    source: str = Field(description="file name, path or URL it came from")
    kind: DocumentKind = Field(default="other", description="the kind of document")
    title: str | None = Field(default=None, description=(
        "a news article's headline; a legal document's type and summary line "
        "(\"Quyết định về việc kiện toàn Ban chỉ đạo ...\")"))
    number: str | None = Field(default=None, description=(
        "the document's own number and symbol (\"34/QĐ-BTTTT\"), written as `legal_refs[].number` is"))
    issuer: str | None = Field(default=None, description="the issuing body in full (\"Bộ Thông tin và Truyền thông\")")
    issued_on: str | None = Field(default=None, description="ISO day it was issued, or an article's publication day")
    place: str | None = Field(default=None, description="the place of the date line (\"Hà Nội\")")
    signer: Signer | None = Field(default=None, description="who signed a legal document")
    author: str | None = Field(default=None, description="a news article's byline (\"Thu Hương\")")
    # what the reader knew about the file, beyond the contract
    format: str | None = Field(default=None, description="what the file was read as: text, html, pdf, docx, image ...")
    pages: int | None = Field(default=None, description="the file's pages, where it has pages")
    pages_without_text: list[int] = Field(default_factory=list, description="1-based pages with no text layer")
    pages_ocr: list[int] = Field(default_factory=list, description="1-based pages whose text came from OCR")


class LegalRef(_Model):
    type: str = Field(description=(
        "the full Vietnamese type, capital first: Luật, Bộ luật, Pháp lệnh, Nghị định, Quyết định, Thông tư, ..."))
    number: str | None = Field(default=None, description=(
        "number and symbol as written, without spaces, ASCII hyphens (\"49/2017/NĐ-CP\", \"126-KL/TW\", \"34\"); "
        "null for a law named without a number"))
    title: str | None = Field(default=None, description=(
        "a named law's name after its type word, or the summary that follows the number"))
    issuer: str | None = Field(default=None, description="the issuing body in full, from the symbol or the words")
    issued_on: str | None = Field(default=None, description="ISO day given right after the number")
    relation: Relation | None = Field(default=None, description=(
        "what this document does to the one it names, where the text says so; null for a plain mention"))
    evidence: Evidence = Field(description="the mention")


class DateItem(_Model):
    value: str = Field(description=(
        "ISO 8601: a day \"2017-06-20\", a day and time \"2017-06-20T10:59\", a month \"2021-12\", a year "
        "\"2021\", an interval \"2017-01-01/2017-06-30\""))
    granularity: Granularity = Field(description="what the text names: a day, a month, a quarter, a range ...")
    relative: bool = Field(default=False, description=(
        "resolved against the document's date (\"từ đầu năm đến nay\"); the evaluation leaves these out"))
    evidence: Evidence = Field(description="the mention")


class TaskStat(_Model):
    subject: str = Field(description="what is counted, its head noun in lower case (\"nhiệm vụ\", \"thủ tục hành chính\")")
    status: TaskStatus = Field(description="what the count says of them")
    count: int = Field(description="the number (\"06\" is 6)")
    total: int | None = Field(default=None, description="the denominator of \"04/39\" or \"x trên tổng số y\"")
    holder: str | None = Field(default=None, description="who carries the tasks, as written (\"Bộ TT&TT\")")
    assigned_by: str | None = Field(default=None, description="who gave them, as written")
    as_of: str | None = Field(default=None, description="ISO date the count stands at (\"Tính đến ngày 16/6/2017\")")
    evidence: Evidence = Field(description="the count with its noun")


class Member(_Model):
    name: str | None = Field(default=None, description=(
        "the person's full name without honorific; null where only a unit or an office is the member"))
    role: str = Field(default="Thành viên", description=(
        "the role in the committee, capital first (\"Trưởng ban\", \"Phó Trưởng ban\", \"Ủy viên\", \"Tổ trưởng\")"))
    position: str | None = Field(default=None, description="the person's job outside the committee (\"Thứ trưởng\")")
    organization: str | None = Field(default=None, description="the unit the member stands for, as written")
    evidence: Evidence = Field(description="the member's mention")


class Committee(_Model):
    name: str = Field(description="as the text names it, in full where it gives it in full")
    parent: str | None = Field(default=None, description="the committee it belongs to (a Tổ giúp việc's Ban chỉ đạo)")
    member_count: int | None = Field(default=None, description="the number of members the text states")
    members: list[Member] = Field(default_factory=list, description="its members, in text order")
    evidence: Evidence = Field(description="the mention that names it")


class Person(_Model):
    name: str = Field(description="full name without honorific; one item per person in a document")
    position: str | None = Field(default=None, description="the job title given with the name, first given")
    organization: str | None = Field(default=None, description="the unit given with it")
    evidence: Evidence = Field(description="the first full mention")


class Record(_Model):
    schema_version: Literal[1] = Field(default=SCHEMA_VERSION, description="the version of this contract")
    extractor_version: str | None = Field(default=None, description="the version of vanban that made the record")
    document: Document = Field(description="the document's header")
    legal_refs: list[LegalRef] = Field(default_factory=list, description="every mention of a legal document")
    dates: list[DateItem] = Field(default_factory=list, description="every calendar expression")
    task_stats: list[TaskStat] = Field(default_factory=list, description="every count of work with a status")
    committees: list[Committee] = Field(default_factory=list, description="boards, councils, groups and their members")
    people: list[Person] = Field(default_factory=list, description="every person named")
    warnings: list[str] = Field(default_factory=list, description="problems worth a human look, in English words")
    text: str | None = Field(default=None, description="the normalized text, with --with-text")
