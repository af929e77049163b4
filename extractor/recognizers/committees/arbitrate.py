"""One decision over every frame's candidates, independent of the order frames ran.

Candidates are the same member when they name the same committee, the same person (or unit,
or office; an office listed item by item is one seat per item) and the same role; the one of highest priority wins, then the earliest in the text.
Two roles of one member in one committee where one says more ("Phó Trưởng ban" and "Phó
Trưởng ban thường trực") are one role: the fuller. A member found by a weaker frame in another
committee than a stronger frame found it in is the stronger frame's, unless the weaker frame
read the committee's name with the role ("Chủ tịch Hội đồng X" in a life that also has
"Chủ tịch Hội đồng Y": two seats). What a winner leaves out
(a position, a unit) is taken from the other candidates for the same person. An office
without a person is dropped where a named member of the committee holds that very seat.
"""
from __future__ import annotations

from extractor import register as reg
from extractor.recognizers.committees.context import Candidate
from extractor.recognizers.committees.frames import lists, role_of, tables


def identity(c: Candidate) -> tuple[str, str]:
    if c.name:
        return ("name", reg.fold(c.name))
    if c.organization:
        return ("org", reg.fold(c.organization))
    return ("pos", reg.fold(c.position or ""))


def _seat(c: Candidate) -> int | None:
    """An office without a person, listed item by item, is a seat per item: "- Phó Chủ tịch
    Quốc hội" three times is three deputies. Elsewhere one office is one member."""
    return c.start if c.frame in _ITEM_FRAMES and identity(c)[0] == "pos" else None


_ITEM_FRAMES = frozenset({lists.NAME, tables.NAME})


def decide(cands: list[Candidate]) -> list[Candidate]:
    order = sorted(cands, key=lambda c: (-c.priority, c.start))
    best: dict[tuple, Candidate] = {}
    seen: set[tuple] = set()
    for c in order:
        mention = (c.start, identity(c), reg.fold(c.role))
        if mention in seen:
            continue   # one mention is one member, whichever committee a weaker reading gave it
        seen.add(mention)
        best.setdefault((c.entity, identity(c), reg.fold(c.role), _seat(c)), c)
    kept = list(best.values())
    # one role of a member in one committee: the fuller wording wins
    by_member: dict[tuple, list[Candidate]] = {}
    for c in kept:
        by_member.setdefault((c.entity, identity(c)), []).append(c)
    out: list[Candidate] = []
    for group in by_member.values():
        roles = [reg.fold(c.role) for c in group]
        for c, r in zip(group, roles):
            if any(o != r and o.startswith(r + " ") for o in roles):
                continue
            out.append(c)
    # a weaker frame's member whose role a stronger frame put in another committee
    strongest: dict[tuple, int] = {}
    for c in out:
        key = (identity(c), reg.fold(c.role))
        strongest[key] = max(strongest.get(key, 0), c.priority)
    out = [c for c in out if c.priority >= strongest[(identity(c), reg.fold(c.role))] or c.frame == role_of.NAME]
    titled: dict[tuple, Candidate] = {}   # each member's first candidate that gives a position
    for o in cands:
        if o.position:
            titled.setdefault(identity(o), o)
    out = [_filled(c, titled) for c in sorted(out, key=lambda c: c.start)]
    # an office without a person whose seat a named member holds (same committee, role, title
    # and unit: "Tổ phó là Phó Giám đốc Sở Nội vụ" after "Tổ phó: Ông A - Phó Giám đốc Sở Nội vụ")
    held = {_office(c) for c in out if c.name and c.position}
    return [c for c in out if c.name or _office(c) not in held]


def _office(c: Candidate) -> tuple:
    return (c.entity, reg.fold(c.role), reg.fold(c.position or ""), reg.fold(c.organization or ""))


def _filled(c: Candidate, titled: dict[tuple, Candidate]) -> Candidate:
    """A member without a position takes the one another reading of the same member gives."""
    if c.position or not c.name:
        return c
    o = titled.get(identity(c))
    if o is None:
        return c
    return Candidate(c.entity, c.name, c.role, o.position, o.organization or c.organization,
                     c.start, c.end, c.priority, c.frame)
