"""A person, then the role they hold, in running text about a committee: "Ông A - Phó Trưởng
ban", "A, Ủy viên", "A làm Trưởng ban", "A (Ủy viên thường trực)". The committee is the one
named with the role, else the one the sentence names, else the one named last before."""
from __future__ import annotations

from extractor.recognizers.committees.context import Candidate, Context
from extractor.recognizers.committees.frames.common import candidates
from extractor.recognizers.committees.items import Part, more_roles, role_after

NAME = "appositive"
PRIORITY = 1


def find(ctx: Context) -> list[Candidate]:
    if not ctx.entities:
        return []
    sp, st = ctx.sp, ctx.st
    out: list[Candidate] = []
    for p in ctx.people:
        s, e = st.sentence_at(p.start)
        after = role_after(ctx, p.j, max(e, p.end))
        if not after:
            continue
        role, entity, j = after
        if entity < 0:
            ms = [m for m in ctx.committees_in(s, e) if m.entity >= 0]
            entity = ms[0].entity if ms else ctx.committee_before(p.start, limit=1500)
        if entity < 0:
            continue
        parts = [Part("person", p.name, p.position, p.organization, role, entity, p.start, sp.end[j - 1])]
        parts += [Part("person", p.name, p.position, p.organization, r, e, p.start, sp.end[k - 1])
                  for r, e, k in more_roles(ctx, after, max(e, p.end))]
        out += candidates(ctx, parts, role, entity, PRIORITY, NAME)
    return out
