"""People as a text writes them: a name with the titles around it.

Titles stand before a name ("Thứ trưởng Bộ Y tế Đỗ Xuân Tuyên", "Đại tướng Phan Văn Giang")
or after it, set off by a comma, a dash or a bracket ("Nguyễn Phú Tiến, Phó Cục trưởng Cục
Tin học hóa", "Ông Đỗ Văn Chung - Giám đốc Sở Nội vụ"). A person's position is the last job
title of the chain written with the name (Party ranks are skipped: "Ủy viên Bộ Chính trị" is
no job), its organization the unit of that title. A title that is also a committee role
("Phó Trưởng ban") and names no unit after it is the role, not a job: the chain stops there.
A title with a unit and no name is an office ("Bộ trưởng Bộ Công an"); `title_at` reads one
wherever a committee lists offices as members.

`mentions(doc)` reads the span layer once and keeps the result on the Doc.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from extractor import layout_titles, name_check, names, register as reg, units
from extractor.doc import Doc
from extractor.spans import Span, Spans, spans
from extractor.structure import structure
from extractor.subject import page_subject

SEPARATORS = (",", "-", "–", "(", ":")
MAX_GAP = 3   # characters of punctuation and space between the parts of a chain


@dataclass(frozen=True)
class Title:
    i: int                 # tokens [i, j) of the title with its unit
    j: int
    position: str          # the job title as written ("Phó Giám đốc")
    organization: str | None
    whole: bool = False    # the title names its body itself ("Thủ tướng Chính phủ")


@dataclass(frozen=True)
class Mention:
    name: str | None       # None for an office without a person
    start: int             # offsets of the whole mention (titles and name)
    end: int
    i: int                 # tokens of the whole mention
    j: int
    name_i: int = -1       # tokens of the name
    name_j: int = -1
    position: str | None = None
    organization: str | None = None
    honorific: bool = False


_COUNTRY = re.compile(r"\s*(?:nước\s+)?(?:Cộng\s+hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+Việt\s+Nam|CHXHCN\s+Việt\s+Nam)",
                      re.IGNORECASE)


def _country(sp: Spans, t: Title | None) -> Title | None:
    """"Chủ tịch nước Cộng hòa xã hội chủ nghĩa Việt Nam": the country's name after a title is
    part of the mention, not of the title or its unit."""
    if t is None or t.j >= len(sp):
        return t
    m = _COUNTRY.match(sp.text, sp.end[t.j - 1])
    if not m:
        return t
    return Title(t.i, sp.token_before(m.end()) + 1, t.position, t.organization, t.whole)


def title_at(sp: Spans, i: int, persons: set[int]) -> Title | None:
    """A job title starting at token i, with the unit written after it."""
    return _country(sp, _title_at(sp, i, persons))


def _title_at(sp: Spans, i: int, persons: set[int]) -> Title | None:
    p = sp.at("position", i) or _deputy_pair(sp, i)
    if not p:
        a = sp.at("title_abbr", i)   # "TT Nguyễn Thị Hà": only right before a name
        if a and a.j in persons and _tight(sp, a.j, a.j):
            return Title(i, a.j, a.value, None)
        return None
    position = " ".join(sp.text[p.start:p.end].split())
    if position.isupper():   # a signature block in capitals: the title as the register writes it
        position = p.value
    if reg.fold(p.value) in reg.whole_titles():
        return Title(i, p.j, position, None, whole=True)
    alt = sp.at("position", p.j + 1) if p.j + 1 < len(sp) and sp.word(p.j) == "/" else None
    if alt:   # "Giám đốc/Phó Giám đốc Sở Nội vụ": the first of two titles, the unit after both
        p = Span(p.start, alt.end, p.label, p.i, alt.j, p.value)
    # a title ending in a unit head shares it with the unit: "Trưởng Ban Tổ chức Tỉnh ủy",
    # "Chánh Văn phòng Bộ"
    head = sp.covering("unit_head", p.j - 1) or sp.covering("body", p.j - 1)
    if head and head.i > i and head.j == p.j:
        u = units.unit_at(sp, head.i, persons, lower_head=True)
        if u and u.j > p.j:
            return Title(i, u.j, position, _unit_name(u.name))
    k = _skip_gap(sp, p.j, allow=())
    blank = _blank_end(sp, k) if k is not None else k
    if blank != k and blank < len(sp) and sp.word(blank) == ",":
        k = blank + 1   # a form's blank, then the unit: "Trưởng phòng …, Sở Nội vụ"
    # the unit's head may be in lower case after a title when a capitalized name follows it:
    # "Chuyên viên phòng Kế hoạch - Tài chính", "Phó Giám đốc sở Tư pháp"
    u = units.unit_at(sp, k, persons, lower_head=_named_after(sp, k)) if k is not None else None
    if u:
        return Title(i, u.j, position, _unit_name(u.name))
    if k is not None and k < len(sp) and _acronym(sp.word(k)) and k not in persons:
        return Title(i, k + 1, position, sp.word(k))   # "Giám đốc VNPT"
    shared = _shared_unit(sp, p, k, persons) if k is not None else None
    if shared:   # "Phó Trưởng phòng và công chức phòng Tổ chức, Sở Nội vụ": the unit named once for both
        return Title(i, p.j, position, _unit_name(shared.name))
    return Title(i, p.j, position, None)


_SHARED_REACH = 4   # words between "và" and the unit's head word in "... và công chức phòng X"


def _shared_unit(sp: Spans, p: Span, k: int, persons: set[int]):
    """The unit a title ending in a unit's head word shares with the staff named after it:
    "Phó Trưởng phòng và công chức phòng Tổ chức" (the head word said again before the unit)."""
    if k >= len(sp) or sp.word(k) != "và":
        return None
    head = sp.word(p.j - 1).casefold()
    for m in range(k + 1, min(len(sp), k + 1 + _SHARED_REACH)):
        w = sp.word(m)
        if w.casefold() == head:
            return units.unit_at(sp, m, persons, lower_head=True)
        if not w[:1].islower():
            return None
    return None


def _blank_end(sp: Spans, k: int) -> int:
    """After the blank a form leaves at token k for its filler ("…", "....": an ellipsis or
    two dots at least; one dot ends a sentence), or k where there is none."""
    j = k
    while j < len(sp) and sp.word(j) in ("…", "."):
        j += 1
    return j if j - k >= 2 or (j > k and sp.word(k) == "…") else k


def _named_after(sp: Spans, k: int) -> bool:
    """Token k is a unit head with a capitalized word right after it on the same line."""
    head = sp.at("unit_head", k)
    return bool(head) and head.j < len(sp) and sp.is_cap(head.j) and "\n" not in sp.text[sp.end[head.j - 1]:sp.start[head.j]]


def _deputy_pair(sp: Spans, i: int) -> Span | None:
    """A head and the deputy's title written once: "Chánh/Phó Chánh Văn phòng" is "Chánh Văn
    phòng" or "Phó Chánh Văn phòng" (the title with the deputy's, as one span)."""
    if i + 3 >= len(sp) or sp.word(i + 1) != "/" or sp.word(i + 2).casefold() != "phó":
        return None
    alt = sp.at("position", i + 2)
    if not alt or alt.j <= i + 3 or sp.word(i + 3).casefold() != sp.word(i).casefold():
        return None
    return Span(sp.start[i], alt.end, alt.label, i, alt.j, alt.value)


def _acronym(w: str) -> bool:
    return 2 <= len(w) <= 8 and w.isupper() and w.isalpha()


def _unit_name(name: str) -> str:
    return name[0].upper() + name[1:] if name[:1].islower() else name


def _skip_gap(sp: Spans, j: int, allow: tuple[str, ...]) -> int | None:
    """The token after j's gap when only spaces (or one of `allow`) stand between."""
    if j >= len(sp):
        return None
    gap = sp.text[sp.end[j - 1]:sp.start[j]] if j > 0 else ""
    if "\n\n" in gap:
        return None
    k = j
    while k < len(sp) and sp.word(k) in allow:
        k += 1
    return k


def is_role_title(sp: Spans, t: Title) -> bool:
    """A title that is also a committee role and names no unit: the role, not a job."""
    r = sp.at("role", t.i)
    return bool(r) and t.organization is None and not t.whole and r.j >= t.j


def mentions(doc: Doc) -> list[Mention]:
    """The person mentions of the document, found once and kept on the Doc."""
    if doc.mentions is None:
        doc.mentions = find(doc)
    return doc.mentions


def find(doc: Doc) -> list[Mention]:
    sp = spans(doc)
    st = structure(doc)
    runs: list = []
    found = names.find(sp, runs)
    found += [names.name_span(sp, a, b) for a, b in name_check.accepted(sp, runs, found)]   # the learned second look
    people = _with_subject(sp, sorted(found, key=lambda s: s.i))
    # where a name starts, for the titles and units before it to stop: its saint's names included
    persons = {p.i for p in people} | {names.baptismal_before(sp, p.i) for p in people}
    out: list[Mention] = []
    name_at = {p.i: p for p in people}
    # titles before a name: the last title of a chain of titles right before it
    before: dict[int, tuple[int, Title]] = {}    # name token -> (chain start, last title)
    n = len(sp)
    # a title starts where a position or an abbreviated title does: visit only those tokens
    starts = sorted({s.i for label in ("position", "title_abbr") for s in sp.groups.get(label, ())})
    c = 0
    k = 0
    while c < len(starts):
        if starts[c] < k:
            c += 1
            continue
        k = starts[c]
        t = title_at(sp, k, persons)
        if not t:
            k += 1
            continue
        chain_start, last = k, t
        m = t.j
        while True:
            m2 = _next_part(sp, m)
            if m2 is None:
                break
            rank = sp.at("rank", m2)
            if rank:
                m = rank.j
                continue
            t2 = title_at(sp, m2, persons)
            if t2 and not is_role_title(sp, t2):
                last, m = t2, t2.j
                continue
            break
        target = _name_after(sp, m)
        country = (sp.at("place", target) or sp.at("country", target)) if target < n else None
        if country:
            target = country.j   # "Thủ tướng Ấn Độ Narendra Modi", "Tổng thống Pháp Emmanuel Macron"
        colon = target < n and sp.word(target) == ":"
        if colon:
            # "các Thứ trưởng: Vũ Chiến Thắng, Trương Hải Long"; ranks may stand before the
            # name ("Chính ủy: Trung tướng Lê Văn An")
            target += 1
            while target < n and (rank := sp.at("rank", target)):
                target = rank.j
            target = _name_after(sp, target)
        if target in name_at and _tight(sp, m, target):
            before[target] = (chain_start, last)
            if _plural(sp, chain_start) or colon:
                for other in _listed_after(sp, name_at[target], name_at):
                    before.setdefault(other.i, (other.i, last))
        k = max(m, k + 1)
    for p in people:
        start_i = p.i
        position = organization = None
        honorific = False
        h = _honorific_before(sp, p.i)
        if h is not None:
            start_i, honorific = h, True
        if p.i in before:
            chain_start, t = before[p.i]
            start_i = min(start_i, chain_start)
            position, organization = t.position, t.organization
        end_j = p.j
        after = _titles_after(sp, p.j, persons)
        if after:
            t, end_j = after
            if position is None or not (t.whole or t.organization is None):
                position, organization = t.position, t.organization
        if position is None:
            t = (_signature_title(sp, p, persons) or _row_title(sp, p, persons)
                 or layout_titles.title_in_table(sp, st, p, persons)
                 or layout_titles.title_over_list(sp, st, p, persons))
            if t:
                position, organization = t.position, t.organization
        out.append(Mention(p.value, sp.start[start_i], sp.end[end_j - 1], start_i, end_j, p.i, p.j,
                           position, organization, honorific))
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _with_subject(sp: Spans, people: list[Span]) -> list[Span]:
    """The subject of a biography page (`extractor.subject`) is a person wherever its name is
    written whole, though its shape alone would not say so; not where a place word or a
    longer name holds it ("huyện Hải Hậu")."""
    name = page_subject(sp.text)
    if name is None:
        return people
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)")
    place_ends = {s.j for label in ("place_word", "province") for s in sp.groups.get(label, ())}
    starts = [p.i for p in people]   # the names found are in order and never overlap
    dropped: set[int] = set()
    added: list[Span] = []
    for m in pattern.finditer(sp.text):
        a, b = sp.token_at(m.start()), sp.token_before(m.end()) + 1
        if a >= b or sp.start[a] != m.start() or sp.end[b - 1] != m.end() or a in place_ends:
            continue
        k = bisect.bisect_left(starts, b) - 1
        inside = []
        while k >= 0 and people[k].j > a:
            inside.append(k)
            k -= 1
        if any(people[x].i < a or people[x].j > b for x in inside):
            continue
        dropped.update(inside)
        added.append(Span(m.start(), m.end(), "person", a, b, name))
    if not added:
        return people
    return sorted([p for x, p in enumerate(people) if x not in dropped] + added, key=lambda s: s.i)


def _plural(sp: Spans, k: int) -> bool:
    """The title is written for several people: "các Thứ trưởng", "hai Phó Chủ tịch", "các
    đồng chí Ủy viên Trung ương Đảng, Thứ trưởng ..."."""
    if k > 0 and (sp.word(k - 1).casefold() in names.PLURAL or sp.word(k - 1).isdigit()):
        return True
    h = sp.covering("honorific", k - 1) if k > 0 else None
    return bool(h) and h.j == k and sp.word(h.i).casefold() in names.PLURAL


def _listed_after(sp: Spans, first: Span, name_at: dict[int, Span]) -> list[Span]:
    """Names listed after a name, one after another ("A, B và C"; "Trung tướng A, Ủy viên Ban
    Thường vụ; Trung tướng B"), none with a job title of its own (Party ranks and honorifics
    may stand with them)."""
    out, k = [], first.j
    while k < len(sp):
        while k < len(sp) and sp.word(k) == "," and sp.at("rank", k + 1):
            k = sp.at("rank", k + 1).j   # its ranks
        if k >= len(sp) or sp.word(k) not in (",", ";", "và"):
            break
        k += 1
        h = sp.at("honorific", k)
        nxt = name_at.get(h.j if h else k)
        if nxt is None:
            break
        out.append(nxt)
        k = nxt.j
    return out


def _signature_title(sp: Spans, p: Span, persons: set[int]) -> Title | None:
    """A name alone on its line under a signature's title line ("THỨ TRƯỞNG", blank lines and
    "(Đã ký)" between)."""
    text = sp.text
    # alone on its line: only blanks and marks to the line's ends (read outward from the name,
    # so that a long line costs no more than its blanks)
    line_start = p.start
    while line_start > 0 and text[line_start - 1] in " \t*|":
        line_start -= 1
    if line_start > 0 and text[line_start - 1] != "\n":
        return None
    line_end = p.end
    while line_end < len(text) and text[line_end] in " \t*|":
        line_end += 1
    if line_end < len(text) and text[line_end] != "\n":
        return None
    above = names.signature_title_line(text, line_start)
    if above is None:
        return None
    k = sp.token_at(above)
    while k < len(sp) and not sp.word(k)[:1].isalpha():
        k += 1
    t = title_at(sp, k, persons) if k < p.i else None
    # the signer's title as the block prints it (a role word too: "PHÓ CHỦ TỊCH"), its unit left
    # to the header (a block in capitals runs units over lines)
    return Title(t.i, t.j, t.position, None) if t else None


_CELL_REACH = 300   # a title's cell is shorter than this


# capitalized words only (names run together in one cell), no digits, no lower-case word
# (and the dates of each in brackets: "Lê Văn A (1/2016-) Trần Thị B (2/2018-)")
_NAMES_ONLY = re.compile(r"[\s*]*(?:(?:[^\W\d_a-zđ][^\W\d_]*|\([^()|\n]{0,30}\))[\s*]+)+")


def _row_title(sp: Spans, p: Span, persons: set[int]) -> Title | None:
    """"| Tổng biên tập | Lê Quốc Minh |": a table row whose first cell is a title, the next the name."""
    text = sp.text
    bar = p.start   # the bar that opens the name's cell, only blanks (or the names before it) between
    while bar > 0 and text[bar - 1] in " \t*":
        bar -= 1
    if bar > 0 and text[bar - 1] != "|":
        # "| Phó Thủ tướng | Lê Văn A Trần Thị B |": a cell of names run together, each the title's
        cell_start = text.rfind("|", max(0, p.start - _CELL_REACH), p.start)
        names_before = text[cell_start + 1:p.start] if cell_start >= 0 else ""
        if cell_start >= 0 and "\n" not in names_before and _NAMES_ONLY.fullmatch(names_before):
            bar = cell_start + 1
    if bar == 0 or text[bar - 1] != "|":
        return None
    bar -= 1
    before = text.rfind("|", max(0, bar - _CELL_REACH), bar)   # the bar that opens the title's cell
    if before < 0 or "\n" in text[before:bar]:
        return None
    a = before + 1
    cell = text[a:bar]
    k = sp.token_at(a + len(cell) - len(cell.lstrip()))
    t = title_at(sp, k, persons)
    if t and sp.end[t.j - 1] <= a + len(cell.rstrip()) and not text[sp.end[t.j - 1]:a + len(cell)].strip(" *"):
        return t if not is_role_title(sp, t) else None
    return None


def titles_in_cell(sp: Spans, a: int, b: int, persons: set[int]) -> Title | None:
    """The job title a table cell of posts gives ("Ủy viên Bộ Chính trị, Phó Thủ tướng Chính
    phủ (1998-2002)"): the last of the chain it opens with, Party ranks skipped."""
    k = sp.token_at(a)
    last = None
    while k < len(sp) and sp.start[k] < b:
        rank = sp.at("rank", k) or sp.at("honorific", k)
        if rank:
            k = _after_term(sp, rank.j)
        else:
            t = title_at(sp, k, persons)
            if not t or sp.end[t.j - 1] > b or is_role_title(sp, t):
                break
            last, k = t, _after_term(sp, t.j)
        if k < len(sp) and sp.word(k) == "," and sp.start[k] < b:
            k += 1
            continue
        break
    return last


def _name_after(sp: Spans, m: int) -> int:
    """Where a name would start after a title ending at token m (an honorific and a Catholic's
    saint's names may stand between: "Giám mục Phêrô Lê Văn A")."""
    h = sp.at("honorific", m)
    return names.past_baptismal(sp, h.j if h else m)


def _tight(sp: Spans, a: int, b: int) -> bool:
    """Tokens a..b stand in one cell and one paragraph (a single line break is allowed: a
    signature block puts the name under the title)."""
    for k in range(max(a, 1), min(b, len(sp) - 1) + 1):
        gap = sp.text[sp.end[k - 1]:sp.start[k]]
        if "\n\n" in gap or "|" in gap:
            return False
    return True


def _honorific_before(sp: Spans, i: int) -> int | None:
    h = sp.ending("honorific", i)
    return h.i if h else None


def _next_part(sp: Spans, m: int) -> int | None:
    """After a title: the next part of the chain when a comma (or just a space) separates it."""
    if m >= len(sp):
        return None
    if sp.word(m) == ",":
        m += 1
    if m >= len(sp) or "\n" in sp.text[sp.end[m - 1]:sp.start[m]]:
        return None
    return m


_TERM_WORDS = frozenset({"khóa", "khoá", "nhiệm kỳ"})
_TERM_RE = re.compile(r"(?:[IVXLC]+|\d{1,4}(?:\s*[-–]\s*\d{2,4})?)$")


def _after_term(sp: Spans, k: int) -> int:
    """Past the term written after a rank or title ("Ủy viên Bộ Chính trị khóa XIII, ...",
    "Chủ tịch nhiệm kỳ 2020-2025"): where the chain goes on."""
    if k + 1 < len(sp) and sp.word(k).casefold() in _TERM_WORDS and _TERM_RE.match(sp.word(k + 1)):
        return k + 2
    if k + 2 < len(sp) and f"{sp.word(k)} {sp.word(k + 1)}".casefold() in _TERM_WORDS and _TERM_RE.match(sp.word(k + 2)):
        return k + 3
    return k


_YEAR_WORDS = frozenset({"-", "–", "?", "nay", "sinh", "s", "."})


def _past_years(sp: Spans, k: int) -> int:
    """Past the years in brackets at token k ("(1920–2015)", "(2019)", "(sinh 1970)"), else k."""
    if k >= len(sp) or sp.word(k) != "(":
        return k
    m = k + 1
    while m < len(sp) and m - k <= 6 and sp.word(m) != ")":
        w = sp.word(m).casefold()
        if w not in _YEAR_WORDS and not (any(c.isdigit() for c in w) and all(c.isdigit() or c in "-–/." for c in w)):
            return k
        m += 1
    return m + 1 if m < len(sp) and sp.word(m) == ")" and m > k + 1 else k


def _titles_after(sp: Spans, j: int, persons: set[int]) -> tuple[Title, int] | None:
    """Titles written after a name: ", Phó Cục trưởng Cục Tin học hóa", " - Giám đốc Sở Nội vụ",
    " (Thứ trưởng Bộ Y tế)"; Party ranks skipped; the last job title wins."""
    if j >= len(sp):
        return None
    if "\n" not in sp.text[sp.end[j - 1]:sp.start[j]]:
        j = _past_years(sp, j)   # "Lò Văn A (1920–2015), Thiếu tướng, ...": the years, then the titles
        if j >= len(sp):
            return None
    # "| PGS. TS Nguyễn Văn A | Đảng ủy viên, Trưởng khoa Viễn thông |": the next cell of the row
    gap = sp.text[sp.end[j - 1]:sp.start[j]]   # table bars are no tokens: they stand in the gap
    cell = "|" in gap and "\n" not in gap and sp.word(j) not in SEPARATORS
    if sp.word(j) not in SEPARATORS and not cell:
        t = title_at(sp, j, persons)   # "các ông Đỗ Công Minh Cục trưởng Cục Viễn thông": no comma
        if t and t.organization and not _name_after(sp, t.j) in persons and "\n" not in sp.text[sp.end[j - 1]:sp.start[j]]:
            return t, t.j
        return None
    if "\n" in gap:
        return None
    k = j if cell else j + 1
    last: Title | None = None
    end = j
    while k < len(sp):
        if sp.word(k) == "nguyên" and sp.at("rank", k + 1):
            k += 1   # "nguyên Ủy viên Bộ Chính trị": a former rank is still a rank
        rank = sp.at("rank", k) or sp.at("honorific", k)   # "A: Giáo sư, TSKH, Viện trưởng Viện X"
        if rank:
            k = _past_years(sp, _after_term(sp, rank.j))   # "Thiếu tướng (2019), ..."
        else:
            t = title_at(sp, k, persons)
            if not t or is_role_title(sp, t) or _name_after(sp, t.j) in persons:
                break   # a role, or the title of the next person named ("..., Phó Chủ nhiệm VPCP Đỗ Ngọc Huỳnh")
            last, end, k = t, t.j, _past_years(sp, _after_term(sp, t.j))
        if k < len(sp) and sp.word(k) == "," and "\n" not in sp.text[sp.end[k - 1]:sp.start[k]]:
            k += 1
            continue
        break
    return (last, end) if last else None
