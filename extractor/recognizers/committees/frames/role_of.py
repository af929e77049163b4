"""A role written with its committee's name: "Trưởng Ban Chỉ đạo X", "Chủ tịch Hội đồng Y",
"Ủy viên Ủy ban Z". The member is the person the phrase is said of — before it ("Phó Thủ
tướng Lê Thành Long là Trưởng Ban Chỉ đạo X", "A, Tổ trưởng Tổ công tác", "Bộ trưởng Bộ Công
an làm Phó Trưởng ban") or after it ("Trưởng Ban Chỉ đạo X Nguyễn Văn A"; "Chủ tịch Hội đồng
là Thủ trưởng đơn vị"; "Trưởng đoàn: ông A")."""
from __future__ import annotations

import re

from extractor.persons import Title, title_at
from extractor.recognizers.committees.context import Candidate, Context, role_of
from extractor.recognizers.committees.frames.common import candidates
from extractor.recognizers.committees.items import MAX_LINK, Part, link_ending, office_values, parse
from extractor.spans import Spans

NAME = "role_of"
PRIORITY = 3
_AFTER = ("là", ":", "gồm", "do")


def find(ctx: Context) -> list[Candidate]:
    sp = ctx.sp
    ends = {m.j: m for m in ctx.people}
    out: list[Candidate] = []
    for r in sp.groups.get("role", ()):
        c = ctx.committee_at(r.j) or ctx.committee_at(r.j - 1)
        if not c and r.j + 1 < len(sp) and sp.word(r.j).casefold() in ("của", "trong"):
            c = ctx.committee_at(r.j + 1)   # "Phó Chủ tịch của Hội đồng là ...", "thành viên trong đoàn ..."
        if not c or c.entity < 0:
            continue
        role = role_of(r)
        before = _before(ctx, r.i, ends)
        if before:
            # "Bộ trưởng Bộ Tài chính A; Bộ trưởng Bộ Công Thương B là Phó Trưởng ban": each; but
            # a role that is one person's own title ("A, nguyên Chủ tịch X, B, Chủ tịch Hội đồng Y") is theirs
            m = ctx.person_starting(before.start)
            own = m is not None and m.end != before.end
            if before.kind == "office":
                shared = _offices_listed_before(ctx, before)
            else:
                shared = [] if own else _listed_before(ctx, before, ends)
            out += candidates(ctx, shared + [before], role, c.entity, PRIORITY, NAME)
            continue
        k = c.j
        if k + 1 < len(sp) and sp.word(k) in ("-", "–") and k + 1 in ctx.person_starts:
            k += 1   # news style puts a dash between the office and the name ("Trưởng đoàn ... - Nguyễn Văn A")
        elif k + 1 < len(sp) and sp.word(k) == "," and not c.bare and _set_off(ctx, k + 1):
            k += 1   # the name set off by commas after the office ("Chủ tịch Hội đồng X, Lê Văn A, cho biết")
        if k < len(sp) and k in ctx.person_starts or (sp.at("honorific", k) and sp.at("honorific", k).j in ctx.person_starts):
            p = ctx.person_at.get(k) or ctx.person_at.get(sp.at("honorific", k).j)
            if p:
                out += candidates(ctx, [Part("person", p.name, p.position, p.organization, None, -1, p.start, p.end)],
                                  role, c.entity, PRIORITY, NAME)
            continue
        if k < len(sp) and sp.word(k).casefold() in _AFTER:
            a = sp.start[k + 1] if k + 1 < len(sp) else len(ctx.text)
            b = ctx.st.sentence_at(a)[1] or a
            clause = ctx.st.clauses(a, b)[:1]
            if sp.word(k).casefold() == "do" and clause and _PROPOSED.search(ctx.text, *clause[0]):
                continue   # "Thành viên Hội đồng do Giám đốc Sở X đề nghị": proposed by the office, not held
            for x, y in clause:
                out += candidates(ctx, parse(ctx, x, y, joined=True), role, c.entity, PRIORITY, NAME)
            continue
        if not _unnamed(ctx, r.i):
            continue
        topic = ctx.topic(r.start)
        if topic:
            # an encyclopedia's biography: "Năm 2016, ông làm Trưởng Ban Chỉ đạo X", "Chủ tịch Hội đồng Y (2011–2016)"
            part = Part("person", topic.name, topic.position, topic.organization, None, -1, r.start, c.end)
            out += candidates(ctx, [part], role, c.entity, TOPIC_PRIORITY, NAME)
            continue
        office = ctx.section_office(r.start)
        if office:
            # the duties of an office under its heading: "Làm nhiệm vụ: Trưởng Ban Chỉ đạo X; ..."
            part = Part("office", None, office, None, None, -1, r.start, c.end)
            out += candidates(ctx, [part], role, c.entity, TOPIC_PRIORITY, NAME)
    return out


TOPIC_PRIORITY = 1
# what an office does to members "do" it: proposes, appoints, sets up — it does not hold the role
_PROPOSED = re.compile(r"\b(?:đề\s+nghị|đề\s+xuất|giới\s+thiệu|cử|lựa\s+chọn|quyết\s+định|thành\s+lập|"
                       r"phân\s+công|bổ\s+nhiệm|mời)\b", re.IGNORECASE)
_PRONOUNS = frozenset({"ông", "bà", "anh", "chị", "đồng chí", "người"})


def _unnamed(ctx: Context, i: int) -> bool:
    """Nobody else is named in the clause before the role: it is said of the document's subject."""
    sp = ctx.sp
    s, _ = ctx.st.sentence_at(sp.start[i])
    k = i - 1
    while k >= 0 and sp.start[k] >= s and sp.word(k) not in (",", ";", ":", "(", "|"):
        if k in ctx.person_starts:
            return False
        k -= 1
    return True


def _listed_before(ctx: Context, last: Part, ends) -> list[Part]:
    """People listed before the one a role phrase follows, joined by ";", "," or "và", in the
    same sentence: the role is said of all of them."""
    sp = ctx.sp
    s, _ = ctx.st.sentence_at(last.start)
    out: list[Part] = []
    m = ctx.person_starting(last.start)
    while m is not None:
        k = m.i
        if k == 0 or sp.word(k - 1) not in (";", ",", "và") or sp.start[k - 1] < s:
            break
        prev = ends.get(k - 1)
        if prev is None:
            break
        out.insert(0, Part("person", prev.name, prev.position, prev.organization, None, -1, prev.start, prev.end))
        m = prev
    return out


def _set_off(ctx: Context, k: int) -> bool:
    """A person's name alone starts at token k and a comma or the sentence's end follows it,
    not another name (a list of members after a role is another frame's)."""
    sp = ctx.sp
    p = ctx.person_at.get(k)
    if p is None or p.position is not None:
        return False
    j = sp.token_at(p.end)   # the token after the name
    _, end = ctx.st.sentence_at(p.start)
    if j >= len(sp) or sp.start[j] >= end:
        return True
    return sp.word(j) in (".", ";") or sp.word(j) == "," and j + 1 not in ctx.person_starts


def _offices_listed_before(ctx: Context, last: Part) -> list[Part]:
    """Offices listed before the one a role phrase follows, joined by "," or "và" ("Chủ tịch
    Quốc hội, Bộ trưởng Bộ Công an và Bộ trưởng Bộ Quốc phòng là Ủy viên Hội đồng"): the role
    is said of each. A unit's name that holds a comma is read whole by the title before it."""
    sp = ctx.sp
    s, _ = ctx.st.sentence_at(last.start)
    out: list[Part] = []
    k = sp.token_at(last.start)
    for _ in range(_MAX_LISTED):
        if k == 0 or sp.word(k - 1).casefold() not in _JOINS or sp.start[k - 1] < s:
            break
        t = _office_ending(ctx, k - 1)
        if t is None or sp.start[t.i] < s or ctx.people_in(sp.start[t.i], sp.end[t.j - 1]) or (
                t.i > 0 and sp.word(t.i - 1).casefold() in _COPULAS):
            break   # "A làm Trưởng ban, Bộ trưởng Bộ Y tế làm Phó Trưởng ban": the first clause's role is no office
        position, organization = office_values(ctx, t)
        out.insert(0, Part("office", None, position, organization, None, -1, sp.start[t.i], sp.end[t.j - 1]))
        k = t.i
    return out


_MAX_LISTED = 12   # offices one role phrase is said of


def _before(ctx: Context, i: int, ends) -> Part | None:
    """The person or office the role phrase at token i is said of, written right before it."""
    sp = ctx.sp
    k = _links_before(sp, i)
    steps = i - k
    m = ends.get(k)
    if m and _breaks(ctx.text, m.end, sp.start[i]):
        return None   # the person ends a table cell or a line; the role opens the next one
    if m:
        return Part("person", m.name, m.position, m.organization, None, -1, m.start, m.end)
    m = ctx.person_named_before(k)
    if m and m.j > i and not _breaks(ctx.text, sp.end[k - 1], sp.start[i]):
        # the person's mention took the role and its committee as a title ("A, Chủ nhiệm Ủy
        # ban X": a job and a seat at once): the name holds the role, without that title
        return Part("person", m.name, None, None, None, -1, m.start, sp.end[k - 1])
    if steps and sp.word(i - 1).casefold() in ("làm", "là") and k > 0:
        # a unit takes part: "Đồng chí đại diện lãnh đạo Bộ Ngoại giao làm Thành viên Ban Chỉ đạo"
        s, _ = ctx.st.sentence_at(sp.start[k])
        rep = ctx.text.rfind("đại diện", s, sp.start[k])
        if rep >= 0 and not ctx.people_in(rep, sp.start[k]):
            units = [p for p in parse(ctx, rep, sp.start[k]) if p.kind == "unit"]
            if units:
                return units[-1]
        # an office does the role: "Bộ trưởng Bộ Công an làm Phó Trưởng ban"
        t = _office_ending(ctx, k)
        if t:
            position, organization = office_values(ctx, t)
            return Part("office", None, position, organization, None, -1, sp.start[t.i], sp.end[t.j - 1])
    if steps and sp.word(k).casefold() in _JOINS:
        return _subject_of_offices(ctx, k, ends)
    return None


def _breaks(text: str, a: int, b: int) -> bool:
    """A table cell or a line ends between offsets a and b."""
    return "|" in text[a:b] or "\n" in text[a:b]


def _office_ending(ctx: Context, k: int) -> Title | None:
    """The office (a title with its unit) that ends right before token k."""
    sp = ctx.sp
    for p in sp.between("position", sp.start[max(0, k - _OFFICE_REACH)], sp.start[k]):
        t = title_at(sp, p.i, ctx.person_starts)
        if t and t.j == k:
            return t
    return None


_OFFICE_REACH = 30   # tokens: the longest title with its unit


def _links_before(sp: Spans, i: int) -> int:
    """Where the linking words ("là", "đã", ",", "được bầu làm" ...) right before token i begin,
    within a line."""
    k = i
    while i - k <= MAX_LINK and (n := link_ending(sp, k)) and "\n" not in sp.text[sp.start[k - n]:sp.start[k]]:
        k -= n
    return k


_JOINS = frozenset({",", "và"})
_COPULAS = frozenset({"là", "làm", "giữ", "nhận"})
_MAX_OFFICES = 3


def _subject_of_offices(ctx: Context, k: int, ends) -> Part | None:
    """The role is the last of several offices a person is said to hold ("A hiện là Tổng giám
    đốc Công ty X và Chủ tịch Hội đồng Y"): back over the offices joined by commas and "và" to
    the copula, and the person before it."""
    sp = ctx.sp
    for _ in range(_MAX_OFFICES):
        office = _office_ending(ctx, k)
        if office is None:
            return None
        k = _links_before(sp, office.i)
        links = {sp.word(x).casefold() for x in range(k, office.i)}
        m = ends.get(k)
        if m and links & _COPULAS:
            return Part("person", m.name, m.position, m.organization, None, -1, m.start, m.end)
        if m or not links & _JOINS:
            return None
    return None
