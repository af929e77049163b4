"""Recognizer for `committees` of RECORDS.md: boards, councils, working groups, members.

The layers below do the reading: the structure layer (lists, tables, clauses), the span layer
(roles, titles, units, bodies from the register), people with their titles
(`extractor.persons`), committees and which one each mention means (`names`). Membership frames
(`frames/`) each propose candidates in one shape texts use; `arbitrate` decides between them;
a learned check (`member_filter`) drops the readings its model finds unlikely; here the
winners become the contract's records, with the member count a text states.
"""
from __future__ import annotations

import re

from extractor.doc import Doc
from extractor.persons import Mention
from extractor.recognizers.committees import member_filter
from extractor.recognizers.committees.arbitrate import decide
from extractor.recognizers.committees.context import Candidate, Context
from extractor.recognizers.committees.frames import FRAMES
from extractor.recognizers.committees.items import fold
from models.records import Committee, Member

_COUNT = re.compile(r"(?:gồm|có|với|bao\s+gồm)\s*(?:có\s*)?:?\s*(\d{1,3})\s+(?:thành\s+viên|ủy\s+viên|người|đồng\s+chí)",
                    re.IGNORECASE)
COUNT_WINDOW = 200   # characters after a committee's name where its size is stated
_CELL_COUNT = re.compile(r"\s*(\d{1,3})\s+(?:thành\s+viên|ủy\s+viên|người)\s*", re.IGNORECASE)
TABLE_WINDOW = 600   # a table this close after a committee's name is its own (an encyclopedia's box)


def candidates(ctx: Context) -> list[Candidate]:
    out: list[Candidate] = []
    for frame in FRAMES:
        out += frame.find(ctx)
    return out


def recognize(doc: Doc) -> list[Committee]:
    ctx = Context.build(doc)
    if not ctx.entities:
        return []
    members: dict[int, list[Member]] = {}
    cands = candidates(ctx)
    posts: dict[str, Mention] = {}   # each person's first mention with a post
    for m in ctx.people:
        if m.position:
            posts.setdefault(fold(m.name), m)
    for c in member_filter.keep(ctx, decide(cands), cands):
        entity = c.entity if c.entity >= 0 else ctx.main
        if entity < 0:
            continue
        position, organization = c.position, c.organization
        known = posts.get(fold(c.name)) if c.name and position is None else None
        if known is not None and not (known.start < c.end and c.start < known.end) and fold(known.position) != fold(c.role):
            # where the membership names no post, the person's post as the document gives it
            # elsewhere (as `people` does: the first mention that gives one); not the title the
            # membership itself reads as its role ("A, Chủ tịch Hội đồng thành viên ...")
            position, organization = known.position, known.organization
        members.setdefault(entity, []).append(Member(name=c.name, role=c.role, position=position,
                                                     organization=organization, evidence=doc.evidence(c.start, c.end)))
    out: list[Committee] = []
    for k, e in enumerate(ctx.entities):
        if k not in members:
            continue
        parent = ctx.entities[e.parent].name if e.parent >= 0 else None
        count = _count(ctx, k)
        _check_count(doc, e.name, count, members[k])
        out.append(Committee(name=e.name, parent=parent, member_count=count, members=members[k],
                             evidence=doc.evidence(e.first.start, e.first.end)))
    return out


ORDINARY_ROLES = frozenset({"thành viên", "ủy viên"})


def _check_count(doc: Doc, name: str, count: int | None, members: list[Member]) -> None:
    """RECORDS.md: a stated member count that differs from the listed members is a warning. A
    text may count all members or only the ordinary ones ("1 Chủ tịch và 02 ủy viên")."""
    if count is None:
        return
    ordinary = sum(1 for m in members if m.role.casefold() in ORDINARY_ROLES)
    if count not in (len(members), ordinary):
        doc.warnings.append(f"{name}: text states {count} members; {len(members)} listed "
                            f"({ordinary} without a leading role)")


def _count(ctx: Context, k: int) -> int | None:
    """The number of members the text states right after the committee is named."""
    for m in ctx.entities[k].mentions:
        s, e = ctx.st.sentence_at(m.start)
        hit = _COUNT.search(ctx.text, m.end, min(max(e, m.end), m.end + COUNT_WINDOW))
        if hit:
            return int(hit.group(1))
    first = ctx.entities[k].first
    for row in ctx.st.rows:   # "| Ủy viên | 14 thành viên |" in the box under the name
        if row.start < first.end or row.start > first.end + TABLE_WINDOW:
            continue
        for cell in row.cells[1:]:
            hit = _CELL_COUNT.fullmatch(ctx.text, cell.start, cell.end)
            if hit:
                return int(hit.group(1))
    return None
