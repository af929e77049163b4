"""A role that names its members after it, in a text about a committee: "Trưởng ban là Thứ
trưởng Nguyễn Huy Dũng", "Trưởng đoàn: ông A", "có 2 Phó Trưởng ban là A và B", "Các Ủy viên
gồm: ...", and roles coordinated before one list ("thư ký và ủy viên là chuyên viên của
Sở": each role with each member). The role stands alone (its committee is the one the
sentence or the document is about); a role word followed by a unit is a job ("Chủ tịch Ủy
ban nhân dân tỉnh"), not this."""
from __future__ import annotations

from extractor.recognizers.committees.context import Candidate, Context, role_of
from extractor.recognizers.committees.frames.common import candidates
from extractor.recognizers.committees.items import parse
from extractor.units import unit_at

NAME = "role_is"
PRIORITY = 2
_OPENERS = ("là", ":", "gồm", "gồm:", "gồm có")
_AND = (",", "và", "hoặc")


def find(ctx: Context) -> list[Candidate]:
    if not ctx.entities:
        return []
    sp, st = ctx.sp, ctx.st
    out: list[Candidate] = []
    followers: set[int] = set()   # roles read as part of a coordination that starts before them
    for r in sp.groups.get("role", ()):
        if r.i in followers or sp.covering("rank", r.i):
            continue   # "Xứ ủy viên là ...", "Ủy viên Bộ Chính trị là ...": a Party rank, no committee's role
        chain = _coordinated(ctx, r)
        followers.update(x.i for x in chain[1:])
        if any(role_of(x).bound or ctx.committee_at(x.j) or ctx.committee_at(x.j - 1) for x in chain):
            continue
        last = chain[-1]
        k = last.j
        if k >= len(sp) or sp.word(k).casefold() not in _OPENERS:
            continue
        if "\n" in sp.text[sp.end[last.j - 1]:sp.start[k]]:
            continue
        a = sp.end[k]
        s, e = st.sentence_at(sp.start[r.i])
        if e <= a:
            continue
        if _unit_owns(ctx, s, r.start):
            continue   # "Hội Mỹ thuật tỉnh X: số 5 phố Y, chủ tịch là A": the office of a unit, no committee's role
        entity = _entity(ctx, s, r.start)
        for x, y in st.clauses(a, e)[:1]:
            parts = parse(ctx, x, y, joined=True)
            for each in chain:
                out += candidates(ctx, parts, role_of(each), entity, PRIORITY, NAME)
    return out


def _coordinated(ctx: Context, r) -> list:
    """The role spans joined to `r` by commas and "và"/"hoặc" on one line ("thư ký, giám
    khảo"), `r` first."""
    sp = ctx.sp
    chain = [r]
    k = r.j
    while k + 1 < len(sp) and sp.word(k).casefold() in _AND and "\n" not in sp.gap(sp.end[k - 1], sp.start[k + 1]):
        nxt = sp.at("role", k + 1)
        if nxt is None:
            break
        chain.append(nxt)
        k = nxt.j
    return chain


def _unit_owns(ctx: Context, s: int, at: int) -> bool:
    """The role stands in a line or list item about a unit (an association, a department: not a
    committee) that opens with its name ("- Hội Mỹ thuật tỉnh X: số 5 phố Y, chủ tịch là A"): a
    bare role there is that unit's office."""
    sp, text = ctx.sp, ctx.text
    line = text.rfind("\n", 0, at) + 1
    first = sp.token_at(line)
    while first < len(sp) and sp.start[first] < at and not sp.word(first)[:1].isalnum():
        first += 1   # the list marker
    if first >= len(sp) or sp.start[first] >= at or not sp.at("unit_head", first) or ctx.committee_at(first):
        return False
    return unit_at(sp, first, ctx.person_starts) is not None


def _entity(ctx: Context, s: int, at: int) -> int:
    ms = [m for m in ctx.committees_in(s, at) if m.entity >= 0]
    if ms:
        return ms[-1].entity
    before = ctx.committee_before(at, limit=1500)
    return before if before >= 0 else ctx.main
