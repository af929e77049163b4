"""Members listed under a line that introduces them.

"Điều 1. Thành lập Ban X, gồm các ông, bà có tên sau:" opens a list; its items (numbered,
lettered, dashed, or one member a line) name the members. A role header inside the list
("2. Các Phó Trưởng ban:", "Các Ủy viên gồm:") gives its role to the items under it; a role in
an item ("Trưởng ban: Ông A", "Ông B - Phó Trưởng ban") wins over it; a member with no role
is "Thành viên" (or "Ủy viên" where the list says its items are ủy viên). Items that group
members by unit ("a) Sở Nội vụ") pass their list's role on. A run-in list after the colon on
the same line ("Ủy viên gồm: A; B; C") is read clause by clause.
"""
from __future__ import annotations

import re

from extractor import register as reg
from extractor.recognizers.committees.context import Candidate, Context, Role, role_of
from extractor.recognizers.committees.frames import tables
from extractor.recognizers.committees.frames.common import candidates, member_items
from extractor.recognizers.committees.items import PLURAL, lead_role, parse
from extractor.structure import FOLLOWING_RE, without_end_marks

NAME = "lists"
PRIORITY = 2
# what a line that introduces members says right before its colon
_CUE = re.compile(r"(?:gồm(?:\s+có)?|thành\s+viên|có\s+tên(?:\s+sau)?|như\s+sau|sau\s+đây|ông\s*\(?,?\s*bà\)?|đồng\s+chí|"
                  r"ủy\s+viên|danh\s+sách|cụ\s+thể|là)[^:.;]{0,40}:\s*$", re.IGNORECASE)


def find(ctx: Context) -> list[Candidate]:
    st = ctx.st
    out: list[Candidate] = []
    for k, blk in enumerate(st.blocks):
        own = ctx.text[blk.body:blk.end]
        lead = _role_alone(ctx, blk)
        if lead and not st.children(k):
            # a role over the items after it: "### Phó Trưởng ban", "**Ủy viên**"
            entity = lead[1] if lead[1] >= 0 else _context_entity(ctx, k)
            out += _items_after(ctx, k, lead[0], entity)
            continue
        tail = _role_tail(ctx, blk)
        if tail and st.children(k):
            # "**Chủ tịch: Trần Thanh Mẫn****Phó Chủ tịch:**" over a list: the last role is the list's
            role, start = tail
            entity = _context_entity(ctx, k)
            if ctx.text[blk.body:start].strip(" *"):
                out += candidates(ctx, parse(ctx, blk.body, start), None, entity, PRIORITY, NAME)
            out += _walk(ctx, k, role, entity, "Thành viên")
            continue
        if _heading(own):
            mentions = [m for m in ctx.committees_in(blk.start, blk.end) if m.entity >= 0]
            if mentions:
                out += _items_after(ctx, k, None, mentions[0].entity)
            continue
        colon = own.rfind(":")
        if colon < 0 and st.children(k) and FOLLOWING_RE.search(own):
            own = own.rstrip(" \t*") + ":"   # "... gồm các thành phần sau" over its list: the colon left out
            colon = len(own) - 1
        if colon < 0:
            continue
        # a paragraph of several sentences may open a run-in list in each ("... gồm 5 thành
        # viên: A, B. Sau đó lập Ủy ban Y gồm: C, D."): each reads its own sentence
        for m in re.finditer(":", own[:colon]):
            s, e = st.sentence_at(blk.body + m.start())
            if e < blk.body + colon:
                out += _run_in(ctx, own[max(s - blk.body, 0):m.start() + 1], max(s, blk.start), blk.body + m.start(), e)
        out += _run_in(ctx, own[:colon + 1], blk.start, blk.body + colon, blk.end, k)
    return out


def _run_in(ctx: Context, own: str, start: int, colon: int, end: int, k: int = -1) -> list[Candidate]:
    """The members a line or sentence lists after its colon (text[colon] is ":"): `own` is its
    text up to the colon, `start` where its committee may be named; the items run on to `end`,
    and for the line's last colon (block `k`) also in the items under the line."""
    st = ctx.st
    cue = _CUE.search(own)
    if not cue:
        return []
    mentions = [m for m in ctx.committees_in(start, end if k >= 0 else colon) if m.entity >= 0]
    entity = mentions[-1].entity if mentions else (_inherited(ctx, k) if k >= 0 else -1)
    if entity < 0:
        return []
    if mentions and _PARTNERS.search(ctx.text, mentions[-1].end, colon):
        return []   # "Đoàn kiểm tra làm việc với các đồng chí: ...": whom it meets, not its members
    body = colon + 1 - len(own)
    lead = lead_role(ctx, body, end)
    role = lead[0] if lead else _role_before_cue(ctx, colon)
    if lead and lead[1] >= 0:
        entity = lead[1]
    default = "Ủy viên" if re.search(r"các\s+ủy\s+viên\s*(?:gồm|là)?\s*:?\s*$", own, re.IGNORECASE) else "Thành viên"
    # units and offices are members only where the line says the list is of members: "Cơ cấu
    # tổ chức gồm: Văn phòng, Vụ ..." lists the committee's departments
    bodies = bool(_MEMBERS.search(own))
    out: list[Candidate] = []
    if ctx.text[colon + 1:end].strip():   # members run on after the colon
        for a, b in st.clauses(colon + 1, end):
            out += candidates(ctx, _kept(parse(ctx, a, b), bodies), role, entity, PRIORITY, NAME, default)
    if k >= 0:
        out += _walk(ctx, k, role, entity, default, bodies)
    return out


def _role_before_cue(ctx: Context, colon: int) -> Role | None:
    """The role a sentence opens its list with: "... được thành lập. Ủy viên gồm: ...", "Các Phó
    Trưởng ban gồm: ..."."""
    sp = ctx.sp
    s, _ = ctx.st.sentence_at(colon)
    i = sp.token_at(s)
    while i < len(sp) and sp.start[i] < colon and not sp.word(i)[:1].isalpha():
        i += 1
    if i < len(sp) and sp.word(i).casefold() in PLURAL:
        i += 1
    r = sp.at("role", i) if i < len(sp) else None
    if not r or r.end > colon or ctx.committee_at(r.j) or ctx.committee_at(r.j - 1):
        return None
    return role_of(r) if _OPENS.fullmatch(ctx.text, r.end, colon + 1) else None


_OPENS = re.compile(r"\s*(?:gồm(?:\s+có)?|bao\s+gồm|là)?\s*:", re.IGNORECASE)


def _role_tail(ctx: Context, blk) -> tuple[Role, int] | None:
    """A role that closes a line with a colon ("... **Phó Chủ tịch:**", "Các Ủy viên:") and the
    offset where it starts; it heads the items under the line."""
    sp = ctx.sp
    own = without_end_marks(ctx.text[blk.body:blk.end])
    if not own.endswith(":"):
        return None
    k = sp.token_before(blk.body + len(own) - 1)
    r = sp.covering("role", k) if k >= 0 else None
    if not r or r.start < blk.body or r.j != k + 1:
        return None
    before = ctx.text[max(blk.body, r.start - 6):r.start]
    if r.start > blk.body and not re.search(r"(?:[*.:;]|^|\bcác)\s*$", before, re.IGNORECASE):
        return None
    return role_of(r), r.start


def _heading(own: str) -> bool:
    """A heading over a list: a line in capitals ("DANH SÁCH BAN LỄ TANG") or one that says it
    is a list ("Danh sách thành viên ...")."""
    first = own.strip(" *#\n").split("\n", 1)[0].strip(" *#")
    letters = [c for c in first if c.isalpha()]
    return bool(letters) and (first.upper() == first and len(letters) > 6 or reg.fold(first).startswith("danh sách"))


_ITEMS = ("number", "dash", "letter", "plus", "line", "roman")


def _role_alone(ctx: Context, blk) -> tuple[Role, int, int] | None:
    """The role (`lead_role`) of a line that holds nothing else ("- Phó Trưởng ban:[2]", a note
    mark after it): it heads the items below."""
    end = blk.body + len(without_end_marks(ctx.text[blk.body:blk.end]))
    lead = lead_role(ctx, blk.body, end)
    return lead if lead and lead[2] >= end else None


def _items_after(ctx: Context, k: int, role: Role | None, entity: int) -> list[Candidate]:
    """The list items after a heading (a subtitle line between at most), up to the next
    paragraph or heading: members of the heading's committee, in its role."""
    st = ctx.st
    blk = st.blocks[k]
    if entity < 0:
        return []
    out: list[Candidate] = []
    n = k + 1
    while n < len(st.blocks) and st.blocks[n].kind not in _ITEMS:
        if n - k > 2 or _heading(ctx.text[st.blocks[n].body:st.blocks[n].end]) or lead_role(
                ctx, st.blocks[n].body, st.blocks[n].end):
            return out   # a subtitle line under the heading at most
        n += 1
    while n < len(st.blocks) and st.blocks[n].kind in _ITEMS:
        b = st.blocks[n]
        if b.parent not in (blk.parent, k):
            n += 1
            continue
        if _role_alone(ctx, b):
            break   # the next role's items begin
        out += candidates(ctx, parse(ctx, b.body, b.end), role, entity, PRIORITY, NAME)
        n += 1
    return out


def _context_entity(ctx: Context, k: int) -> int:
    e = _inherited(ctx, k)
    if e < 0:
        e = ctx.committee_before(ctx.st.blocks[k].start, limit=4000)
    return e if e >= 0 else ctx.main


def _inherited(ctx: Context, k: int) -> int:
    """The committee an enclosing block names (a role header inside a committee's list)."""
    st = ctx.st
    p = st.blocks[k].parent
    while p >= 0:
        ms = [m for m in ctx.committees_in(st.blocks[p].start, st.blocks[p].end) if m.entity >= 0]
        if ms:
            return ms[-1].entity
        p = st.blocks[p].parent
    return -1


_PARTNERS = re.compile(r"\bvới\b", re.IGNORECASE)
_MEMBERS = re.compile(r"thành\s+viên|thành\s+phần|vị\s+trí|chức\s+danh|ủy\s+viên|đại\s+diện|ông|bà|đồng\s+chí|có\s+tên|trưởng|phó|chủ\s+tịch|thư\s+ký",
                      re.IGNORECASE)


def _kept(parts, bodies: bool):
    return parts if bodies else [p for p in parts if p.kind == "person" or p.role is not None]


def _walk(ctx: Context, k: int, role: Role | None, entity: int, default: str, bodies: bool = True) -> list[Candidate]:
    st = ctx.st
    out: list[Candidate] = []
    for c in st.children(k):
        blk = st.blocks[c]
        if blk.kind in ("article", "part"):
            break   # the next article: the list is over
        if tables.says_roles(ctx, blk.start):
            continue   # a table of names and roles under the line: the tables frame reads its rows
        lead = lead_role(ctx, blk.body, blk.end)
        r, e = role, entity
        if lead:
            r = lead[0]
            e = lead[1] if lead[1] >= 0 else entity
        if st.children(c):
            if (lead is None or lead[2] < blk.end) and ctx.people_in(blk.body, blk.end):
                # a group's heading names its members only as people ("a) Sở Nội vụ" over its people is no member)
                out += candidates(ctx, parse(ctx, blk.body, blk.end), r, e, PRIORITY, NAME, default)
            out += _walk(ctx, c, r, e, _header_default(ctx, blk, default), bodies or lead is not None)
            continue
        for a, b in member_items(ctx, blk.body, blk.end, True, one_person=True):
            out += candidates(ctx, _kept(parse(ctx, a, b), bodies or r is not None), r, e, PRIORITY, NAME, default)
    return out


def _header_default(ctx: Context, blk, default: str) -> str:
    own = reg.fold(ctx.text[blk.body:blk.end])
    return "Ủy viên" if own.startswith(("các ủy viên", "ủy viên")) else default
