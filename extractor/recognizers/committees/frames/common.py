"""Turning the members an item names into candidates of one frame."""
from __future__ import annotations

from dataclasses import replace

from extractor.recognizers.committees.context import Candidate, Context, Role
from extractor.recognizers.committees.items import Part, fold, role_value, standing_mark


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
