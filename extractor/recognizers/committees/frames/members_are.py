"""A sentence that says who the members are, without a list layout: "Các thành viên của Tổ
công tác là đại diện A; B; C", "Ban Chỉ đạo có 21 thành viên là đại diện lãnh đạo các đơn vị
gồm: A, B, C", "thành viên gồm đại diện lãnh đạo: A, B". The items are read one by one
(units, offices or people); their role is "Thành viên" unless an item says its own.

The committee's own name may open the sentence instead: "Đoàn kiểm tra gồm các ông A, B và
C", "Tổ thẩm định (do Sở X thành lập) gồm 3 người: A, B, C", "Trong Hội đồng biên soạn còn
có các ông A, B". There the items are read as people only: "Ban Chỉ đạo gồm các bộ, ngành"
says which bodies take part, not who sits on it."""
from __future__ import annotations

import re

from extractor.recognizers.committees.context import Candidate, Context
from extractor.recognizers.committees.frames.common import as_written, candidates, member_items
from extractor.recognizers.committees.items import parse

NAME = "members_are"
PRIORITY = 2
_OPEN = re.compile(r"(?:các\s+)?(?:thành\s+viên|ủy\s+viên)\b[^.;:]{0,120}?\b(?:là|gồm(?:\s+có)?|bao\s+gồm)\s*:?\s*"
                   r"(?:(?:các\s+)?đại\s+diện(?:\s+lãnh\s+đạo)?(?:\s+(?:của|các))?\s*:?\s*)?", re.IGNORECASE)
# right after a committee's name: an aside, then "gồm", a count of people, a plural honorific
_AFTER_NAME = re.compile(r"\s*(?:\([^()]{0,80}\)\s*)?,?\s*(?:bao\s+gồm|gồm(?:\s+có)?)\s*"
                         r"(?:\d+\s+(?:người|đồng\s+chí|vị)\s*)?:?\s*"
                         r"(?:các\s+(?:ông|bà|đồng\s+chí|vị)(?:\s*,?\s*(?:ông|bà))?\s+)?"
                         # or "(còn) có" before the people it has, named with their honorific: "Trong
                         # Hội đồng biên soạn còn có các ông A, B", "Đoàn có ông A, Phó Giám đốc Sở"
                         r"|(?P<has>\s*(?:còn\s+|cũng\s+)?có\s+)(?:các\s+)?(?:ông|bà|đồng\s+chí|vị)(?:\s*,?\s*(?:ông|bà))?\s+",
                         re.IGNORECASE)


def find(ctx: Context) -> list[Candidate]:
    if not ctx.entities:
        return []
    st = ctx.st
    out: list[Candidate] = []
    for s, e in st.sentences:
        for m in _OPEN.finditer(ctx.text, s, e):
            if ctx.sp.covering("rank", ctx.sp.token_at(m.start())):
                continue   # "Xứ ủy viên là Trưởng ban": a Party rank, not the members
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
        for c in ctx.committees_in(s, e):
            m = _AFTER_NAME.match(ctx.text, c.end, e)
            if c.entity < 0 or m is None:
                continue
            parts = [p for p in parse(ctx, m.end(), e, joined=True) if p.kind == "person"]
            if parts and (ctx.sp.between("role", m.end(), parts[0].start)
                          or any(ch.isdigit() for ch in ctx.text[m.end():parts[0].start])):
                continue   # "gồm 27 thành viên, với Tổ trưởng là A": the role frames read it
            if parts and m.group("has") and parts[0].start > m.end() + 2:
                continue   # "có" someone further on: what the committee has is not its people
            out += candidates(ctx, parts, None, c.entity, PRIORITY, NAME)
    return out
