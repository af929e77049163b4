"""A committee and the one who leads it, in running text: "Đoàn công tác của Bộ do Thứ trưởng
A dẫn đầu", "Đoàn đại biểu ... do ông B, Phó Chủ tịch tỉnh, dẫn đầu". The leader holds the role
that heads a committee of its family (register/roles.tsv: "Trưởng đoàn" of a Đoàn, "Trưởng
ban" of a Ban, ...). "do A làm <role>" names the role itself, and binds it to the committee
named before "do" even where the role word alone would be a job title ("Ủy ban ... do ông A làm
chủ nhiệm"). Only a person leads here: "do Sở Y tế chủ trì" says which body runs the work, not
who sits on the committee."""
from __future__ import annotations

from extractor import register as reg
from extractor.recognizers.committees.context import Candidate, Context, role_of
from extractor.recognizers.committees.frames.common import candidates
from extractor.recognizers.committees.items import Part
from extractor.recognizers.committees.names import LED_BY

NAME = "led_by"
PRIORITY = 2


def find(ctx: Context) -> list[Candidate]:
    out: list[Candidate] = []
    for c in ctx.committees:
        if c.entity < 0:
            continue
        _, e = ctx.st.sentence_at(c.start)
        m = LED_BY.match(ctx.text, c.end, max(e, c.end))
        if not m:
            continue
        people = ctx.people_in(m.start(1), m.end(1))
        if len(people) != 1 or people[0].start - m.start(1) > 40:
            continue   # one leader, named near "do" (a title may come before the name, or after it)
        p = people[0]
        part = Part("person", p.name, p.position, p.organization, None, -1, p.start, p.end)
        if m.group(2).casefold() == "làm":
            span = ctx.sp.at("role", ctx.sp.token_at(m.end(2)))
            if span is not None:
                out += candidates(ctx, [part], role_of(span), c.entity, PRIORITY, NAME)
            continue
        head = reg.family_head(ctx.entities[c.entity].family)
        if head is not None:
            out += candidates(ctx, [part], None, c.entity, PRIORITY, NAME, head)
    return out
