"""One member as a list item, a clause or a table cell writes it.

An item names a person with the titles around them ("Ông Đỗ Văn Chung - Giám đốc Sở Nội vụ,
Phó Trưởng ban Thường trực"), an office without a person ("Bộ trưởng Bộ Công an", "Thủ trưởng
đơn vị"), or a unit that takes part ("đại diện lãnh đạo Vụ Pháp chế"); a role may open it
("Trưởng ban: ...", "Tổ phó là ...") or close it (" - Phó Trưởng ban", ", Ủy viên", "(Ủy viên
thường trực)", " làm Thành viên"). A title shared over several bodies ("Thứ trưởng các bộ: Kế
hoạch và Đầu tư; Văn hóa, Thể thao và Du lịch") gives one office a body, the register telling
where each body's name ends.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from extractor import register as reg
from extractor.data import words
from extractor.layout_titles import OVER_PERIODS
from extractor.persons import title_at
from extractor.recognizers.committees.context import Context, Role, role_of
from extractor.spans import Span, Spans
from extractor.units import unit_at

# words and phrases between a member and the role said of them (the copula, verbs of
# appointing, adverbs of time), as tuples of words
LINKS = frozenset(tuple(w.casefold().split()) for w in words("member_links"))
_LINK_LENGTHS = sorted({len(p) for p in LINKS}, reverse=True)
MAX_LINK = 6
PLURAL = frozenset({"các", "những", "hai", "ba", "bốn", "năm", "sáu"})
REPRESENT = re.compile(r"(?:các\s+)?(?:đồng\s+chí\s+)?(?:đại\s+diện|lãnh\s+đạo)(?:\s+(?:lãnh\s+đạo|có\s+thẩm\s+quyền))?"
                        r"(?:\s+của)?\s*:?\s*", re.IGNORECASE)
_COUNT = re.compile(r"\(?\d{1,3}\)?")
_STANDING = re.compile(r"[ \t]*[(,-][ \t]*thường\s+trực", re.IGNORECASE)
_COUNTRY = re.compile(r"[ \t]+Việt\s+Nam\b")
# a person's slot a form leaves blank: "Ông/bà …", "Ông (bà) ........", "Đồng chí …" or the
# blank alone, then the separator before the office it is for
_BLANK_PERSON = re.compile(r"(?:(?:ông|bà)\s*(?:/\s*(?:ông|bà)|\(\s*(?:ông|bà)\s*\))(?:\s*(?:…|\.{2,}))*"
                           r"|(?:(?:ông|bà|đồng\s+chí|đ/c)\s*)?(?:…|\.{2,})(?:\s*(?:…|\.))*)\s*[-–:,]?\s*",
                           re.IGNORECASE)
_SHARED = re.compile(r"\s*các\s+(bộ|sở|ban|cục|vụ|tổng cục|cơ quan|phòng)\s*:\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Part:
    kind: str                  # person | office | unit
    name: str | None
    position: str | None
    organization: str | None
    role: Role | None          # a role written inside the item
    role_entity: int           # the committee named with that role (-1)
    start: int
    end: int


@cache
def _qualifiers() -> tuple[str, ...]:
    return tuple(sorted((reg.fold(q) for q in reg.words("role_qualifiers")), key=len, reverse=True))


def qualified(ctx: Context, role: Role, b: int) -> Role:
    """The role with the qualifier written right after it ("Phó Trưởng ban phụ trách",
    "Thành viên kiêm nhiệm"): one role, as written."""
    text = ctx.text
    k = role.span.end
    while k < b and text[k] in " \t":
        k += 1
    rest = reg.fold(text[k:min(b, k + 24)])
    for q in _qualifiers():
        if rest.startswith(q) and (len(rest) == len(q) or not rest[len(q)].isalpha()):
            sp = role.span
            return Role(role.value, role.family, role.bound, Span(sp.start, k + len(q), sp.label, sp.i, sp.j, sp.value))
    end = _portfolio_end(ctx, role, b)
    if end:
        sp = role.span
        return Role(role.value, role.family, role.bound, Span(sp.start, end, sp.label, sp.i, sp.j, sp.value))
    return role


_NOT_PORTFOLIO = ("committee_head", "unit_head", "body", "place", "province", "role", "position", "honorific", "rank")
_PORTFOLIO_WORDS = 3
_PORTFOLIO_STOPS = frozenset({"kiêm", "và", "của", "tại", "là", "làm", "từ", "đến", "năm", "khóa"})


def _portfolio_end(ctx: Context, role: Role, b: int) -> int | None:
    """A portfolio written after a role that closes its item ("Trung tướng A: Ủy viên Kinh tế",
    "Ủy viên Ngoại giao kiêm Tổng Thư ký"): a capitalized word and a few more, no body, unit,
    committee, title or person among them, then the item's end, a ";" or "kiêm". Where it ends,
    or None."""
    sp = ctx.sp
    i = sp.token_at(role.span.end)
    if i >= len(sp) or not sp.is_cap(i) or ctx.committee_at(role.span.j - 1) or ctx.committee_at(i):
        return None   # "Trưởng ban Chỉ đạo ...": the role's "ban" opens its committee's name
    k = i
    while k < len(sp) and k - i < _PORTFOLIO_WORDS and sp.start[k] < b and sp.word(k).isalpha() \
            and sp.word(k).casefold() not in _PORTFOLIO_STOPS \
            and "\n" not in ctx.text[sp.end[k - 1]:sp.start[k]] and k not in ctx.person_starts \
            and not any(sp.at(label, k) for label in _NOT_PORTFOLIO):
        k += 1
    if k == i:
        return None
    closed = k >= len(sp) or sp.start[k] >= b or "\n" in ctx.text[sp.end[k - 1]:sp.start[k]] \
        or sp.word(k) in (";", ".") or sp.word(k).casefold() == "kiêm"
    return sp.end[k - 1] if closed else None


def standing_mark(ctx: Context, end: int, b: int) -> str:
    """A standing mark in brackets after a member ("Hầu A Lềnh (Thường trực)"): it qualifies
    the role the member's list gives."""
    m = _STANDING.match(ctx.text, end, b)
    return " thường trực" if m else ""


_HEADER_ALONE = re.compile(r"[ \t*_]*:[ \t*_]*\n?")


def lead_role(ctx: Context, a: int, b: int) -> tuple[Role, int, int] | None:
    """A role opening text[a:b] ("Trưởng ban:", "Các Phó Trưởng ban:", "Tổ phó là", "Ủy viên gồm",
    a heading "Phó Trưởng ban phụ trách"), with the committee named after it (-1) and the
    offset where its members start (b when the text is the role alone)."""
    sp = ctx.sp
    i = sp.token_at(a)
    if i < len(sp) and sp.word(i).casefold() in PLURAL:
        i += 1
    r = sp.at("role", i) if i < len(sp) else None
    if not r or sp.start[i] >= b:
        return None
    role = qualified(ctx, role_of(r), b)
    k, entity = sp.token_at(role.span.end), -1
    c = ctx.committee_at(k) or ctx.committee_at(r.j - 1)
    if c and c.entity >= 0:
        k, entity = c.j, c.entity
        periods = OVER_PERIODS.match(ctx.text, c.end, b)
        if periods and periods.end() >= b:
            return role, entity, b   # a heading over the holders of the role over time
    elif role.bound and not _HEADER_ALONE.fullmatch(ctx.text, role.span.end, b):
        return None   # "Chủ nhiệm Văn phòng Chính phủ" is a job; "- Chủ nhiệm:" alone heads the members below
    if k < len(sp) and sp.start[k] < b and _COUNT.fullmatch(ctx.text[sp.start[k]:min(b, sp.end[min(k + 2, len(sp) - 1)])].strip()):
        k = sp.token_at(min(b, sp.end[min(k + 2, len(sp) - 1)]))   # "Ủy viên (4)": a count, not a member
    opened = k
    while k < len(sp) and sp.start[k] < b and sp.word(k).casefold() in ("gồm", "có", "là", ":", "bao", ","):
        k += 1
    if k < len(sp) and sp.start[k] < b and k > opened:
        return role, entity, sp.start[k]
    if k >= len(sp) or sp.start[k] >= b:
        if c and reg.is_collegial(c.name) and not _HEADER_ALONE.match(ctx.text, sp.end[k - 1], b + 1):
            return None   # "- Chủ nhiệm Ủy ban Công tác đại biểu" alone: the office of a council the state keeps
        return role, entity, b   # a role header alone: "2. Các Phó Trưởng ban:"
    return None


def link_at(sp: Spans, k: int) -> int:
    """Tokens of the linking phrase that starts at token k, the longest (0: none)."""
    return next((n for n in _LINK_LENGTHS if k + n <= len(sp) and _is_link(sp, k, k + n)), 0)


def link_ending(sp: Spans, k: int) -> int:
    """Tokens of the linking phrase that ends right before token k, the longest (0: none)."""
    return next((n for n in _LINK_LENGTHS if k - n >= 0 and _is_link(sp, k - n, k)), 0)


def _is_link(sp: Spans, a: int, b: int) -> bool:
    return tuple(sp.word(x).casefold() for x in range(a, b)) in LINKS


def role_after(ctx: Context, j: int, b: int) -> tuple[Role, int, int] | None:
    """A role written after a member, within a few linking words, before offset b: the role,
    the committee named with it (-1), and the token after it."""
    sp = ctx.sp
    k = j
    while k < len(sp) and sp.start[k] < b and k - j <= MAX_LINK:
        apart = sp.word(k - 1) in (",", "-", "–")
        rank = sp.at("rank", k) if apart else None
        if rank:
            k = j = rank.j   # "A – Tỉnh ủy viên là Trưởng ban": the member's Party rank
            continue
        u = unit_at(sp, k, ctx.person_starts) if apart else None
        if u and u.j > k and not sp.at("role", k):
            k = u.j   # "..., Trưởng phòng X, Sở Nội vụ - Thư ký Hội đồng": the unit above the member's
            j = k
            continue
        r = sp.at("role", k)
        if r and not _is_job(ctx, r):
            role = qualified(ctx, role_of(r), b)
            c = ctx.committee_at(r.j) or ctx.committee_at(r.j - 1)
            end = c.j if c and c.entity >= 0 else sp.token_at(role.span.end)
            if end < len(sp) and sp.word(end).casefold() in _OPENS_CLAUSE:
                return None   # "..., Phó Chủ tịch Hội đồng là ...": the role opens the next clause
            if c and c.entity >= 0:
                return role, c.entity, c.j
            if not role.bound:
                return role, -1, sp.token_at(role.span.end)
        n = link_at(sp, k)
        if k in ctx.person_starts or not n:
            return None
        k += n
    return None


_OPENS_CLAUSE = frozenset({"là", "gồm"})


def more_roles(ctx: Context, after, b: int) -> list:
    """Roles joined to a first one by "kiêm" ("... làm Phó Trưởng ban thường trực Ban Chỉ đạo
    kiêm Tổ trưởng Tổ giúp việc"): each with its committee and the token after it."""
    sp = ctx.sp
    out = []
    while after and after[2] < len(sp) and sp.word(after[2]).casefold() == "kiêm":
        after = role_after(ctx, after[2] + 1, b)
        if after:
            out.append(after)
    return out


def _is_job(ctx: Context, r) -> bool:
    """A role word used as a job title: a unit follows it ("Chủ tịch Ủy ban nhân dân tỉnh"),
    or a Party rank opens with it ("Ủy viên Ban Thường vụ Đảng ủy")."""
    rank = ctx.sp.at("rank", r.i)
    if rank and rank.j > r.j:
        return True
    t = title_at(ctx.sp, r.i, ctx.person_starts)
    return bool(t and t.organization and t.j > r.j and not ctx.committee_at(r.j) and not ctx.committee_at(r.j - 1))


def parse(ctx: Context, a: int, b: int, *, joined: bool = False) -> list[Part]:
    """The members written in text[a:b]. `joined`: only the first member and those joined to it
    by "và" or a comma (the members a role names in running text: "Phó Trưởng ban là A và B")."""
    sp = ctx.sp
    lead = lead_role(ctx, a, b)
    role, entity = (lead[0], lead[1]) if lead else (None, -1)
    if lead:
        a = lead[2]
    people = [p for p in ctx.people_in(a, b) if not _replaced(ctx, p)]
    if joined and people:
        people = _joined(ctx, people)
    parts: list[Part] = []
    for n, p in enumerate(people):
        stop = sp.start[people[n + 1].i] if n + 1 < len(people) else b
        after = role_after(ctx, p.j, stop)
        r, e = (after[0], after[1]) if after else (role, entity)
        parts.append(Part("person", p.name, p.position, p.organization, r, e, p.start,
                          sp.end[after[2] - 1] if after else p.end))
        for more in more_roles(ctx, after, stop):
            parts.append(Part("person", p.name, p.position, p.organization, more[0], more[1], p.start,
                              sp.end[more[2] - 1]))
    if parts:
        return parts
    return _offices_or_units(ctx, a, b, role, entity)


def _replaced(ctx: Context, p) -> bool:
    """A person named as the one a member replaces ("... thay đồng chí Lê Văn Thanh", "thay thế
    ông A") is no member."""
    sp = ctx.sp
    k = p.i - 1
    if k >= 0 and sp.at("honorific", k) is None and sp.covering("honorific", k):
        k = sp.covering("honorific", k).i - 1
    if k >= 0 and sp.word(k) == "thế":
        k -= 1
    return k >= 0 and sp.word(k) == "thay"


def _joined(ctx: Context, people) -> list:
    """The first person and the ones listed right after them ("A và B", "A, B"): between two,
    only the titles of the first and a comma or "và"."""
    sp = ctx.sp
    out = [people[0]]
    for p in people[1:]:
        k = out[-1].j
        gap = [sp.word(t).casefold() for t in range(k, p.i)]
        if not gap or not all(w in (",", "và", ";") for w in gap):
            break
        out.append(p)
    return out


def _offices_or_units(ctx: Context, a: int, b: int, role: Role | None, entity: int) -> list[Part]:
    sp = ctx.sp
    text = ctx.text
    blank = _BLANK_PERSON.match(text, a, b)
    if blank and blank.end() > a:
        a = blank.end()   # an unnamed member: the office the form names
    i0 = sp.token_at(a)
    if i0 < len(sp) and sp.at("honorific", i0) and sp.start[i0] < b:
        a = sp.end[sp.at("honorific", i0).j - 1]   # "Đồng chí đại diện lãnh đạo Bộ Nội vụ"
        while a < b and text[a] == " ":
            a += 1
    m = REPRESENT.match(text, a, b)
    represent = bool(m and m.end() > a)
    if represent:
        a = m.end()
        colon = text.find(":", a, b)
        if colon >= 0 and not unit_at(sp, sp.token_at(a), ctx.person_starts):
            # "Đại diện lãnh đạo các bộ, ban, ngành: Bộ Quốc phòng, Bộ Công an": the kinds of
            # bodies, then the bodies
            a = colon + 1
            while a < b and text[a] in " \t":
                a += 1
    i = sp.token_at(a)
    out: list[Part] = []
    if i >= len(sp) or sp.start[i] >= b:
        return out
    t = title_at(sp, i, ctx.person_starts)
    if t and t.organization is None and not t.whole and sp.at("role", t.i) and sp.at("role", t.i).j >= t.j:
        t = None   # a committee role alone ("Chủ tịch") names no office
    if t and not represent:
        shared = _SHARED.match(text, sp.end[t.j - 1] if t.j > 0 else a, b)
        if shared and t.organization is None:
            return _shared_head(ctx, t.position, shared.group(1), shared.end(), b, role, entity)
        return _offices(ctx, t, b, role, entity)
    k = i
    while k < len(sp) and sp.start[k] < b:
        if sp.word(k).casefold() in PLURAL and k + 1 < len(sp):
            k += 1   # "lãnh đạo các Sở Công Thương, Sở Y tế": the plural before the units
        u = unit_at(sp, k, ctx.person_starts)
        if not u:
            break
        u = _to_separator(ctx, u, b)
        after = role_after(ctx, u.j, b)
        r, e = (after[0], after[1]) if after else (role, entity)
        out.append(Part("unit", None, None, u.name, r, e, u.start, u.end))
        k = u.j
        while k < len(sp) and sp.start[k] < b and sp.word(k) in (",", ";", "và", "và các"):
            k += 1
        if after:
            break
    return out


def _offices(ctx: Context, t, b: int, role: Role | None, entity: int) -> list[Part]:
    """Offices listed in text[..b]: "Bộ trưởng Bộ Quốc phòng, Bộ trưởng Bộ Công an và Thống
    đốc Ngân hàng Nhà nước" is three. A title without its unit chained by a comma to the next
    ("Tổng Thư ký, Chủ nhiệm Văn phòng Quốc hội", "Bộ trưởng, Chủ nhiệm ...") is one office;
    a chain in which no title names its unit ("giáo viên, chuyên viên") is one office per title."""
    sp = ctx.sp
    out: list[Part] = []
    while t:
        chain = [t]
        while t.organization is None and not t.whole and t.j + 1 < len(sp) and sp.word(t.j) == "," and sp.start[t.j + 1] < b:
            nxt = title_at(sp, t.j + 1, ctx.person_starts)
            if not nxt:
                break
            t = nxt
            chain.append(t)
        if len(chain) > 1 and t.organization is None and not t.whole:
            # no title of the chain names a unit: kinds of staff, each a member of its own
            # ("là giáo viên, chuyên viên của trường")
            for c in chain[:-1]:
                out.append(Part("office", None, office_values(ctx, c)[0], None, role, entity,
                                sp.start[c.i], sp.end[c.j - 1]))
        elif len(chain) > 1:
            t = replace(t, i=chain[0].i)
        position, organization = office_values(ctx, t)
        after = role_after(ctx, t.j, b)
        r, e = (after[0], after[1]) if after else (role, entity)
        out.append(Part("office", None, position, organization, r, e, sp.start[t.i], sp.end[t.j - 1]))
        k = after[2] if after else t.j
        if k >= len(sp) or sp.start[k] >= b or sp.word(k) not in (",", ";", "và") or k + 1 >= len(sp):
            break
        k += 1
        nxt = title_at(sp, k, ctx.person_starts) if sp.start[k] < b else None
        if not nxt or nxt.organization is None and not nxt.whole:
            break   # a list goes on only with another office named with its body
        t = nxt
    return out


def office_values(ctx: Context, t) -> tuple[str, str | None]:
    """An office as a member. A post of a body at the centre is one office, named whole ("Phó
    Thủ tướng Chính phủ", "Bộ trưởng Bộ Quốc phòng": ANNOTATION.md's offices); the head of a
    local or subordinate unit that takes part is its title and its unit ("Giám đốc/Phó Giám đốc",
    "Sở Tư pháp"), as "Bộ trưởng Bộ Tài chính" gives a person's position and organization."""
    sp = ctx.sp
    end = sp.end[t.j - 1]
    country = _COUNTRY.match(ctx.text, end)
    if country and (t.whole or t.organization is None or reg.canonical(t.organization) in _central_bodies()):
        end = country.end()   # "Thủ tướng Chính phủ Việt Nam": the office of the country's body
    written = " ".join(ctx.text[sp.start[t.i]:end].split())
    if t.organization is None:
        # the unit after a comma: "Chuyên viên, Văn phòng UBND huyện" (after a form's blank,
        # "Trưởng phòng …, Sở Tư pháp", `title_at` has found it)
        blank = _COMMA_AFTER_TITLE.match(ctx.text, end)
        u = unit_at(sp, sp.token_at(blank.end()), ctx.person_starts) if blank else None
        if u and reg.canonical(u.name) not in _central_bodies():
            return written, u.name
    if t.organization is None or reg.canonical(t.organization) in _central_bodies():
        return written, None
    return " ".join(ctx.text[sp.start[t.i]:_title_end(ctx, t)].split()), t.organization


_COMMA_AFTER_TITLE = re.compile(r"[ \t]*,[ \t]*")


@cache
def _central_bodies() -> frozenset[str]:
    return frozenset(b.name for b in reg.bodies())


def _title_end(ctx: Context, t) -> int:
    """Where the title words of an office end (the unit follows; a title may share its last
    word with the unit: "Chánh Văn phòng")."""
    sp = ctx.sp
    k = t.i + 1   # its first word is the title's ("Chánh" of "Chánh/Phó Chánh Văn phòng")
    while k < t.j and (sp.covering("position", k) or sp.word(k) == "/"):
        k += 1
    return sp.end[k - 1]


def _to_separator(ctx: Context, u, b: int):
    """In a list of units a unit's name runs to the separator before the next unit ("Cục An
    ninh mạng và phòng chống tội phạm sử dụng công nghệ cao, Cục ..."): lower-case words a
    name reader would stop at belong to it while no person, role or clause verb comes first."""
    sp = ctx.sp
    k = u.j
    while k < len(sp) and sp.start[k] < b and sp.word(k) not in (",", ";", "(", ".", ")"):
        if k in ctx.person_starts or sp.at("role", k) or sp.word(k).casefold() in ("làm", "là", "do", "gồm"):
            return u
        k += 1
    if k == u.j or k - u.j > 12:
        return u
    nxt = k + 1
    if k < len(sp) and sp.start[k] < b and sp.word(k) in (",", ";") and nxt < len(sp) and not (
            sp.at("unit_head", nxt) or sp.at("body", nxt)):
        return u   # the comma goes on inside the sentence, not to the next unit
    return type(u)(u.start, sp.end[k - 1], u.i, k, " ".join(ctx.text[u.start:sp.end[k - 1]].split()))


def _shared_head(ctx: Context, position: str, head: str, a: int, b: int, role: Role | None,
                 entity: int) -> list[Part]:
    """"Thứ trưởng các bộ: A; B; C": one office per body, each body named whole through the
    register's fields (commas and "và" inside a field's name do not split it)."""
    sp = ctx.sp
    unit_head = head[0].upper() + head[1:]
    out: list[Part] = []
    k = sp.token_at(a)
    while k < len(sp) and sp.start[k] < b:
        f = sp.at("field", k)
        if f:
            end = f.j
        else:
            end = k
            while end < len(sp) and sp.start[end] < b and sp.word(end) not in (",", ";", ".") and sp.word(end) != "và":
                end += 1
            if end == k:
                k += 1
                continue
        body = unit_head + " " + " ".join(ctx.text[sp.start[k]:sp.end[end - 1]].split())
        out.append(Part("office", None, f"{position} {body}", None, role, entity, sp.start[k], sp.end[end - 1]))
        k = end
        while k < len(sp) and sp.start[k] < b and sp.word(k) in (",", ";", "và"):
            k += 1
    return out


def role_value(ctx: Context, role: Role) -> str:
    """The role as the text writes it (RECORDS.md: "as the text says"), with a capital first
    letter; a role in capitals takes the register's spelling, and so does a role spelled with
    the other of "i"/"y" ("Thư kí" is the register's "Thư ký")."""
    span = role.span
    written = " ".join(ctx.text[span.start:span.end].split()) + role.suffix
    if written.isupper():
        written = role.value
    base = role.value
    phrase_end = ctx.sp.end[span.j - 1]
    if reg.match_key(ctx.text[span.start:phrase_end]) != reg.match_key(base):
        # a short form the register spells out ("Phó ban" is "Phó Trưởng ban"), its qualifier kept
        written = " ".join((base, " ".join(ctx.text[phrase_end:span.end].split()))).strip() + role.suffix
    if reg.match_key(written).startswith(reg.match_key(base)):
        # the register's spelling of the role ("Trưởng Ban" -> "Trưởng ban"), its qualifier as written
        written = base + written[len(base):].lower() if written[len(base):].strip() else base
    return written[:1].upper() + written[1:]


def fold(s: str | None) -> str:
    return reg.fold(s or "")
