"""What every membership frame reads: the document's layers, its people and its committees,
computed once; and the candidate a frame proposes."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from extractor import persons
from extractor.doc import Doc
from extractor.persons import Mention
from extractor.recognizers.committees import names
from extractor.spans import Span, Spans, spans
from extractor.structure import Structure, structure


@dataclass(frozen=True)
class Role:
    """A committee role as written: its value, the family of committees it belongs to."""
    value: str
    family: str
    bound: bool          # a role only when a committee's name follows it
    span: Span
    suffix: str = ""     # a qualifier written apart from it ("Hầu A Lềnh (Thường trực)")


def role_of(span: Span) -> Role:
    value, family, bound = (span.value.split("\t") + ["", "", ""])[:3]
    return Role(value, family or "any", bound == "yes", span)


@dataclass(frozen=True)
class Candidate:
    """A member one frame proposes: who, in which role, of which committee, how sure."""
    entity: int           # index into Context.entities (-1: the document's main committee)
    name: str | None
    role: str
    position: str | None
    organization: str | None
    start: int            # evidence
    end: int
    priority: int         # higher wins when frames disagree on the same member
    frame: str


@dataclass
class Context:
    doc: Doc
    sp: Spans
    st: Structure
    people: list[Mention]
    person_at: dict[int, Mention]          # first token of a name -> its mention
    person_starts: set[int]
    committees: list[names.CMention]
    entities: list[names.Entity]
    main: int
    _cstarts: list[int] = field(default_factory=list)
    _by_head: dict[int, names.CMention] = field(default_factory=dict)
    _by_start: dict[int, Mention] = field(default_factory=dict)   # people by where their mention starts
    _by_name: list[Mention] = field(default_factory=list)         # people in the order of their names
    _by_name_end: dict[int, Mention] = field(default_factory=dict)  # people by the token after their name
    _name_starts: list[int] = field(default_factory=list)
    _topic: Mention | None | bool = None

    @classmethod
    def build(cls, doc: Doc) -> Context:
        sp, st = spans(doc), structure(doc)
        people = [m for m in persons.mentions(doc) if m.name]
        starts = {m.name_i for m in people}
        found = names.find(sp, starts)
        entities, main = names.resolve(sp, found)
        ctx = cls(doc, sp, st, people, {m.name_i: m for m in people}, starts, found, entities, main)
        ctx._cstarts = [m.start for m in found]
        for m in found:
            ctx._by_head.setdefault(m.i, m)
        for p in people:
            ctx._by_start.setdefault(p.start, p)
        ctx._by_name_end = {m.name_j: m for m in people}
        ctx._by_name = sorted(people, key=lambda m: sp.start[m.name_i])
        ctx._name_starts = [sp.start[m.name_i] for m in ctx._by_name]
        return ctx

    def person_named_before(self, k: int) -> Mention | None:
        """The person whose name (not the titles after it) ends right before token k."""
        return self._by_name_end.get(k)

    def person_starting(self, at: int) -> Mention | None:
        """The first person mention that starts at offset `at`."""
        return self._by_start.get(at)

    @property
    def text(self) -> str:
        return self.doc.text

    def committee_at(self, i: int) -> names.CMention | None:
        """The committee mention whose head is token i."""
        return self._by_head.get(i)

    def committees_in(self, a: int, b: int) -> list[names.CMention]:
        k = bisect.bisect_left(self._cstarts, a)
        out = []
        while k < len(self.committees) and self.committees[k].start < b:
            out.append(self.committees[k])
            k += 1
        return out

    def committee_before(self, a: int, limit: int = 3000, family: str | None = None,
                         outside_tables: bool = False) -> int:
        """The committee named last before offset a (within `limit` characters), else -1; with
        `outside_tables`, one named in running text or a heading, not in a table's cell."""
        k = bisect.bisect_left(self._cstarts, a) - 1
        lo = a - limit
        while k >= 0 and self.committees[k].start >= lo:
            m = self.committees[k]
            if m.entity >= 0 and (family in (None, "any") or m.family in (family, "any")) \
                    and not (outside_tables and self.st.row_at(m.start) is not None):
                return m.entity
            k -= 1
        return -1

    def topic(self, at: int) -> Mention | None:
        """Who a passage without a named subject is about: the person its section's heading
        names ("### Phó Thủ tướng Lê Văn A làm nhiệm vụ" over a list of duties), else the person
        the document is about (an encyclopedia's biography, a page titled "Tiểu sử ...")."""
        section = _section_topic(self, at)
        if section is not None:
            return section
        if self._topic is None:
            self._topic = _document_topic(self)
        return self._topic or None

    def section_office(self, at: int) -> str | None:
        """The office a section's heading names and nothing else ("### Phó Thủ tướng Chính phủ
        phụ trách Nội chính, Ngoại giao" over its duties: "Làm nhiệm vụ: Trưởng Ban Chỉ đạo X"):
        the heading's words as the office."""
        blk = _section_heading(self, at)
        if blk is None or self.people_in(blk.start, blk.end):
            return None
        line = self.text[blk.start:blk.end].split("\n", 1)[0]
        a = blk.start + len(line) - len(line.lstrip(" #*"))
        b = blk.start + len(line.rstrip(" #*"))
        i = self.sp.token_at(a)
        t = persons.title_at(self.sp, i, self.person_starts) if i < len(self.sp) else None
        if t is None or not (t.organization or t.whole) or b - a > _HEADING_REACH:
            return None   # a bare "### Chủ tịch" heads a section about the committee's own role
        return _DISAMBIGUATION.sub("", " ".join(self.text[a:b].split()))   # "(Việt Nam)": the page's note

    def people_in(self, a: int, b: int) -> list[Mention]:
        """The people whose name starts within characters [a, b), in the text's order."""
        k = bisect.bisect_left(self._name_starts, a)
        out = []
        while k < len(self._by_name) and self._name_starts[k] < b:
            out.append(self._by_name[k])
            k += 1
        return out


def _document_topic(ctx: Context) -> Mention | bool:
    """The person a document's first heading names and nothing else ("# Nguyễn Văn Nên",
    "title: Nguyễn Văn Nên"), or the one person a biography's title names ("Tiểu sử Chủ tịch
    nước Nguyễn Văn A")."""
    for blk in ctx.st.blocks[:3]:
        at = blk.body
        for line in ctx.text[blk.body:blk.end].split("\n")[:_HEAD_LINES]:   # a front matter's "title:" line too
            a, at = at, at + len(line) + 1
            if len(line) > _HEADING_REACH:
                continue   # a heading that is a name is short
            words = " ".join(line.strip(" #*\"").removeprefix("title:").strip(" \"[]").split()).casefold()
            words = _DISAMBIGUATION.sub("", words)   # "Nguyễn Văn A (chính khách)": a page's note on which A
            named = [m for m in ctx.people if a <= m.start < a + len(line)]
            for m in named:
                if m.name and words == m.name.casefold():
                    return m
            if named and len({m.name.casefold() for m in named}) == 1 and _BIOGRAPHY.search(words):
                return named[0]
    return False


def _section_heading(ctx: Context, at: int):
    """The heading of the section around `at` (a markdown heading line within a few blocks
    before it), unless `at` is in it or it names a committee; else None."""
    st = ctx.st
    k = st.block_before(at + 1)
    for _ in range(_SECTION_REACH):
        if k < 0:
            return None
        blk = st.blocks[k]
        if ctx.text[blk.start:blk.end].lstrip().startswith("#"):
            if blk.start <= at < blk.end or ctx.committees_in(blk.start, blk.end):
                return None   # the role is in the heading itself, or the heading is a committee's
            return blk
        k -= 1
    return None


def _section_topic(ctx: Context, at: int) -> Mention | None:
    """The person the heading of the section around `at` names, alone among people; None where
    the heading names nobody (the document's topic then) or none is near."""
    blk = _section_heading(ctx, at)
    named = ctx.people_in(blk.start, blk.end) if blk else []
    return named[0] if named and len({m.name.casefold() for m in named}) == 1 else None


_HEADING_REACH = 200
_DISAMBIGUATION = re.compile(r"\s*\([^()]*\)$")
_HEAD_LINES = 4       # lines of each of the first blocks where a title stands
_SECTION_REACH = 30   # blocks looked back for the heading of a section
# a title that says the page is one person's life
_BIOGRAPHY = re.compile(r"\b(?:tiểu sử|lý lịch|chân dung)\b")
