"""Codes and Vietnamese wording for the English messages of the extractor and the
service: record warnings, read errors, HTTP errors, batch failures.

The contract keeps a record's `warnings` as English strings; this module puts a
code and a Vietnamese message around each one, from the table `data/messages.tsv`
(a row per message: code, the English with `{name}` for each value, the
Vietnamese with the same names). `explain(message)` gives a `Message`:

    >>> explain("3 control characters removed from the text").vi
    'đã bỏ 3 ký tự điều khiển khỏi văn bản'

A value written `{name:msg}` in the table is a message itself and is translated in
turn ("pages 1, 2: ..." -> "các trang 1, 2: ..."). A message that starts with a
file name ("r.bin: binary data, not text ...", as read errors do) keeps the name.
A message the table does not know keeps its English, with the code "unknown".
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, Field

TABLE = Path(__file__).resolve().parent / "data" / "messages.tsv"
_SLOT = re.compile(r"\{(\w+)(?::(msg))?\}")
UNKNOWN = "unknown"


class Message(BaseModel):
    """A message in both languages, with the code that names its kind."""

    code: str = Field(description="stable name of the kind of message (pdf.page_limit, task.account ...)")
    en: str = Field(description="the message as the record or the error gives it")
    vi: str = Field(description="the same in Vietnamese")


@dataclass(frozen=True)
class Entry:
    code: str
    en: str
    vi: str
    pattern: re.Pattern[str]
    nested: frozenset[str]  # slots whose value is a message itself

    @property
    def literal(self) -> int:
        """How much fixed text the English has: longer wins when two rows match."""
        return len(_SLOT.sub("", self.en))


def _compile(en: str) -> re.Pattern[str]:
    parts, at = [], 0
    for m in _SLOT.finditer(en):
        parts.append(re.escape(en[at:m.start()]))
        parts.append(f"(?P<{m.group(1)}>.+?)")
        at = m.end()
    parts.append(re.escape(en[at:]))
    return re.compile("".join(parts), re.S)


@cache
def entries() -> tuple[Entry, ...]:
    """The rows of the table, the most specific first."""
    with TABLE.open(encoding="utf-8", newline="") as f:
        lines = (line for line in f if line.strip() and not line.startswith("#"))
        rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    out = []
    for row in rows:
        en, vi = row["en"].strip(), row["vi"].strip()
        nested = frozenset(m.group(1) for m in _SLOT.finditer(en) if m.group(2))
        out.append(Entry(row["code"].strip(), en, vi, _compile(en), nested))
    return tuple(sorted(out, key=lambda e: -e.literal))


def _match(message: str, depth: int) -> tuple[str, str] | None:
    """(code, Vietnamese) of a message the table knows whole."""
    for entry in entries():
        m = entry.pattern.fullmatch(message)
        if not m:
            continue
        values = {name: _vi(value, depth + 1) if name in entry.nested else value
                  for name, value in m.groupdict().items()}
        return entry.code, _SLOT.sub(lambda s: values[s.group(1)], entry.vi)
    return None


def _split_source(message: str, depth: int) -> tuple[str, str, str] | None:
    """(code, file name, Vietnamese) of "<file name>: <known message>", the name kept as it is."""
    at = message.find(": ")
    while at > 0:
        found = _match(message[at + 2:], depth)
        if found:
            return found[0], message[:at], found[1]
        at = message.find(": ", at + 2)
    return None


def _vi(message: str, depth: int) -> str:
    if depth > 4:  # a message inside a message inside ...: enough
        return message
    found = _match(message, depth)
    if found:
        return found[1]
    named = _split_source(message, depth)
    return f"{named[1]}: {named[2]}" if named else message


def explain(message: str) -> Message:
    """The code and the Vietnamese of an English message ("unknown" and the English when
    the table has no row for it)."""
    found = _match(message, 0)
    if found:
        return Message(code=found[0], en=message, vi=found[1])
    named = _split_source(message, 0)
    if named:
        return Message(code=named[0], en=message, vi=f"{named[1]}: {named[2]}")
    return Message(code=UNKNOWN, en=message, vi=message)


def _capital(s: str) -> str:
    return s[:1].upper() + s[1:]


def vi(message: str) -> str:
    """The Vietnamese of a message as a sentence on the page: a capital first letter
    (after the file name, which stays as it is)."""
    found = _match(message, 0)
    if found:
        return _capital(found[1])
    named = _split_source(message, 0)
    return f"{named[1]}: {_capital(named[2])}" if named else message
