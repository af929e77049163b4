"""A sentence that says who the members are, without a list layout: "Các thành viên của Tổ
công tác là đại diện A; B; C", "Ban Chỉ đạo có 21 thành viên là đại diện lãnh đạo các đơn vị
gồm: A, B, C", "thành viên gồm đại diện lãnh đạo: A, B". The items are read one by one
(units, offices or people); their role is "Thành viên" unless an item says its own."""
from __future__ import annotations

import re

from extractor.persons import title_at
from extractor.recognizers.committees.context import Candidate, Context
from extractor.recognizers.committees.frames.common import candidates
from extractor.recognizers.committees.items import Part, parse

NAME = "members_are"
PRIORITY = 2
_OPEN = re.compile(r"(?:các\s+)?(?:thành\s+viên|ủy\s+viên)\b[^.;:]{0,120}?\b(?:là|gồm(?:\s+có)?|bao\s+gồm)\s*:?\s*"
                   r"(?:(?:các\s+)?đại\s+diện(?:\s+lãnh\s+đạo)?(?:\s+(?:của|các))?\s*:?\s*)?", re.IGNORECASE)


def find(ctx: Context) -> list[Candidate]:
    if not ctx.entities:
        return []
    st = ctx.st
    out: list[Candidate] = []
    for s, e in st.sentences:
        for m in _OPEN.finditer(ctx.text, s, e):
            if ctx.sp.between("role", m.start() + 8, m.end()):
                continue   # "gồm 27 thành viên, với Tổ trưởng là ...": a role names these members
            ms = [c for c in ctx.committees_in(s, m.end()) if c.entity >= 0]
            entity = ms[-1].entity if ms else ctx.committee_before(s, limit=1500)
            if entity < 0:
                continue
            default = "Ủy viên" if "ủy viên" in m.group().casefold()[:12] else "Thành viên"
            colon = ":" in m.group()
            items = _items(ctx, m.end(), e, colon)
            for a, b in items:
                parts = parse(ctx, a, b) or (_as_written(ctx, a, b) if colon and len(items) > 1 else [])
                out += candidates(ctx, parts, None, entity, PRIORITY, NAME, default)
    return out


def _items(ctx: Context, a: int, b: int, colon: bool) -> list[tuple[int, int]]:
    """The items of a run-in list: cut at semicolons where it has them; a clause that lists
    offices, representatives and units with commas ("phó hiệu trưởng, đại diện cấp ủy, chủ tịch
    Công đoàn") is cut again at each comma that opens a new member."""
    out = []
    for x, y in ctx.st.clauses(a, b):
        cuts = _member_commas(ctx, x, y, colon)
        for s, e in zip([x] + [c + 1 for c in cuts], cuts + [y]):
            s, e = _trim(ctx.text, s, e)
            if s < e:
                out.append((s, e))
    return out


_AS_WRITTEN_WORDS = 10
_DETERMINER = re.compile(r"(?:các|những)\s+", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")


def _as_written(ctx: Context, a: int, b: int) -> list[Part]:
    """An item of a members list that names an office or a body the register does not know
    ("tổng phụ trách Đội", "đại diện hội đồng trường"): a short phrase without digits is the
    member as written -- a representative's body as its organization, else an office."""
    text = ctx.text[a:b]
    text = _PARENTHESIS.sub("", text)   # "(nếu có)"
    words = text.split()
    if not words or len(words) > _AS_WRITTEN_WORDS or any(ch.isdigit() for ch in text) or ":" in text:
        return []
    rep = _REPRESENT_START.match(text)
    if rep:
        body = " ".join(text[rep.end():].split())
        body = _DETERMINER.sub("", body, count=1) if _DETERMINER.match(body) else body
        return [Part("unit", None, None, body, None, -1, a, b)] if body else []
    office = " ".join(text.split())
    office = _DETERMINER.sub("", office, count=1) if _DETERMINER.match(office) else office
    return [Part("office", None, office, None, None, -1, a, b)]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t\n":
        a += 1
    while b > a and text[b - 1] in " \t\n.":
        b -= 1
    return a, b


def _member_commas(ctx: Context, a: int, b: int, colon: bool) -> list[int]:
    """Commas in text[a:b] after which a new member begins: a title, a representative, a unit
    or a person. A comma inside a body's name ("Bộ Văn hóa, Thể thao và Du lịch") is followed by
    none of these; "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ" is one office (a bare title, then a
    title named with its body) and is not cut."""
    sp, out = ctx.sp, []
    start = a
    if sp.token_at(a) >= len(sp) or not _opens_member(ctx, sp.token_at(a)):
        return []   # "là thành viên của Quốc hội, Chính phủ và ...": the list names where members come from
    # a list written in lower case ("phó hiệu trưởng, tổng phụ trách Đội, ...") marks each item so;
    # in a capitalized list a lower-case word after a comma goes on with the item before it
    lower_list = colon and sp.word(sp.token_at(a)).islower()
    for c in (k for k in range(a, b) if ctx.text[k] == ","):
        k = sp.token_at(c + 1)
        if k >= len(sp) or sp.start[k] >= b:
            break
        if sp.covering("body", sp.token_at(c)) or sp.covering("field", sp.token_at(c)):
            continue   # the comma is inside a body's name
        if not (_opens_member(ctx, k) or lower_list and sp.word(k).islower() and _office_like(ctx, start)):
            continue   # in a list written in lower case, after an office, a lower-case item is one more
        before = title_at(sp, sp.token_at(start), ctx.person_starts) if start < c else None
        nxt = title_at(sp, k, ctx.person_starts)
        bare = before and before.organization is None and not before.whole
        if bare and (sp.end[before.j - 1] >= c and nxt and (nxt.organization or nxt.whole)
                     or not nxt and (sp.at("unit_head", k) or sp.at("body", k))):
            continue   # one office: two titles and their body, or a title and its unit after the comma
        out.append(c)
        start = c + 1
    return out


def _office_like(ctx: Context, a: int) -> bool:
    """The item at `a` opens with a title or a representative (not a unit, whose name a comma
    may continue: "Cục Xuất bản, in và Phát hành")."""
    k = ctx.sp.token_at(a)
    return k < len(ctx.sp) and bool(ctx.sp.at("position", k) or _REPRESENT_START.match(ctx.text, ctx.sp.start[k]))


def _opens_member(ctx: Context, k: int) -> bool:
    sp = ctx.sp
    unit = (sp.at("unit_head", k) or sp.at("body", k)) and sp.is_cap(k)   # "..., ủy ban nhân dân" goes on
    return bool(k in ctx.person_starts or sp.at("position", k) or sp.at("honorific", k) or unit
                or _REPRESENT_START.match(ctx.text, sp.start[k]))


_REPRESENT_START = re.compile(r"(?:đại\s+diện|lãnh\s+đạo)(?![^\W\d_])", re.IGNORECASE)
