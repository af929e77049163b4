"""A sentence that says who the members are, without a list layout: "Các thành viên của Tổ
công tác là đại diện A; B; C", "Ban Chỉ đạo có 21 thành viên là đại diện lãnh đạo các đơn vị
gồm: A, B, C", "thành viên gồm đại diện lãnh đạo: A, B". The items are read one by one
(units, offices or people); their role is "Thành viên" unless an item says its own."""
from __future__ import annotations

import re

from extractor.recognizers.committees.context import Candidate, Context
from extractor.recognizers.committees.frames.common import as_written, candidates, member_items
from extractor.recognizers.committees.items import parse

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
            items = member_items(ctx, m.end(), e, colon)
            for a, b in items:
                parts = parse(ctx, a, b) or (as_written(ctx, a, b) if colon and len(items) > 1 else [])
                out += candidates(ctx, parts, None, entity, PRIORITY, NAME, default)
    return out
