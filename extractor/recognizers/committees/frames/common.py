"""Turning the members an item names into candidates of one frame, and cutting a run-in list
into its members' items."""
from __future__ import annotations

import re
from dataclasses import replace

from extractor.persons import title_at
from extractor.recognizers.committees.context import Candidate, Context, Role
from extractor.recognizers.committees.items import REPRESENT, Part, fold, role_value, standing_mark


def candidates(ctx: Context, parts: list[Part], role: Role | None, entity: int, priority: int, frame: str,
               default_role: str | None = "Thành viên") -> list[Candidate]:
    """Candidates for the parts of one item: the role written in the item wins over the role
    its list gives; the committee named with the role wins over the list's."""
    out = []
    for p in parts:
        r = p.role or role
        if r and not p.role and "thường trực" not in r.value.casefold():
            r = replace(r, suffix=standing_mark(ctx, p.end, p.end + 40))   # "A (Thường trực)" under "Phó Trưởng ban"
        value = role_value(ctx, r) if r else default_role
        if value is None:
            continue
        e = p.role_entity if p.role_entity >= 0 else entity
        e = fit_family(ctx, e, r.family if r else "any", p.start)
        if e < 0:
            continue
        position, organization = p.position, p.organization
        if p.name and position and fold(position) == fold(value) and (
                not organization or fold(organization) == fold(ctx.entities[e].name)):
            # "Thư ký: bà A", "Chủ tịch HĐQT: A": the role read as a title before the name is no post
            position = organization = None
        out.append(Candidate(e, p.name, value, position, organization, p.start, p.end, priority, frame))
    return out


def fit_family(ctx: Context, entity: int, family: str, at: int) -> int:
    """A role of another family than the committee's ("Tổ trưởng" in a sentence about a Ban
    and its Tổ) belongs to the nearest committee of its own family named before it."""
    if entity < 0:
        entity = ctx.main
    if entity < 0 or family == "any" or ctx.entities[entity].family in (family, "any"):
        return entity
    other = ctx.committee_before(at, family=family)
    if other >= 0:
        return other
    same = [k for k, e in enumerate(ctx.entities) if e.family == family]
    return same[0] if same else -1   # "Trưởng ban" where only a Đoàn is named heads no committee here


def member_items(ctx: Context, a: int, b: int, colon: bool, one_person: bool = False) -> list[tuple[int, int]]:
    """The items of a run-in list: cut at semicolons where it has them; a clause that lists
    offices, representatives and units with commas ("phó hiệu trưởng, đại diện cấp ủy, chủ tịch
    Công đoàn") is cut again at each comma that opens a new member. `one_person`: an item that
    names a person is that person's alone (a list item, not a run-in list)."""
    out = []
    for x, y in ctx.st.clauses(a, b):
        cuts = _member_commas(ctx, x, y, colon, one_person)
        for s, e in zip([x] + [c + 1 for c in cuts], cuts + [y]):
            s, e = _trim(ctx.text, s, e)
            if s < e:
                out.append((s, e))
    return out


_AS_WRITTEN_WORDS = 10
_DETERMINER = re.compile(r"^(?:các|những)\s+", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")


def as_written(ctx: Context, a: int, b: int) -> list[Part]:
    """An item of a members list that names an office or a body the register does not know
    ("tổng phụ trách Đội", "đại diện hội đồng trường"): a short phrase without digits is the
    member as written -- a representative's body as its organization, else an office."""
    text = ctx.text[a:b]
    text = _PARENTHESIS.sub("", text)   # "(nếu có)"
    words = text.split()
    if not words or len(words) > _AS_WRITTEN_WORDS or any(ch.isdigit() for ch in text) or ":" in text:
        return []
    rep = REPRESENT.match(text)
    if rep:
        body = _DETERMINER.sub("", " ".join(text[rep.end():].split()))
        return [Part("unit", None, None, body, None, -1, a, b)] if body else []
    return [Part("office", None, _DETERMINER.sub("", " ".join(words)), None, None, -1, a, b)]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t\n*•+-–":   # a bullet left on the item
        a += 1
    while b > a and text[b - 1] in " \t\n.":
        b -= 1
    return a, b


def _member_commas(ctx: Context, a: int, b: int, colon: bool, one_person: bool) -> list[int]:
    """Commas in text[a:b] after which a new member begins: a title, a representative, a unit
    or a person. A comma inside a body's name ("Bộ Văn hóa, Thể thao và Du lịch") is followed by
    none of these; "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ" is one office (a bare title, then a
    title named with its body) and is not cut."""
    sp, out = ctx.sp, []
    start = a
    if sp.token_at(a) >= len(sp) or not _opens_member(ctx, sp.token_at(a)):
        return []   # "là thành viên của Quốc hội, Chính phủ và ...": the list names where members come from
    if one_person and ctx.people_in(a, b):
        return []   # a list item's person and their titles ("Ông A, Giám đốc Sở X, Phó Trưởng ban"): one member
    # a list written in lower case ("phó hiệu trưởng, tổng phụ trách Đội, ...") marks each item so;
    # in a capitalized list a lower-case word after a comma goes on with the item before it
    lower_list = colon and sp.word(sp.token_at(a)).islower()
    for comma in re.finditer(",", ctx.text[a:b]):
        c = a + comma.start()
        k = sp.token_at(c + 1)
        if k >= len(sp) or sp.start[k] >= b:
            break
        if sp.covering("body", sp.token_at(c)) or sp.covering("field", sp.token_at(c)):
            continue   # the comma is inside a body's name
        if one_person and not sp.at("position", k):
            continue   # a list item names one member, or several offices: "Trưởng phòng A, Trưởng phòng B"
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
    return k < len(ctx.sp) and bool(ctx.sp.at("position", k) or REPRESENT.match(ctx.text, ctx.sp.start[k]))


def _opens_member(ctx: Context, k: int) -> bool:
    sp = ctx.sp
    unit = (sp.at("unit_head", k) or sp.at("body", k)) and sp.is_cap(k)   # "..., ủy ban nhân dân" goes on
    return bool(k in ctx.person_starts or sp.at("position", k) or sp.at("honorific", k) or unit
                or REPRESENT.match(ctx.text, sp.start[k]))
