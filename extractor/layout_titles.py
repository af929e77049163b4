"""Job titles the layout gives the people a table or a list sets out.

Rosters and encyclopedia pages set people out in tables and lists, where a person's title is
not written beside the name but given by the layout. In a table, in this order of priority:

0. the name's own cell goes on under the name with its posts ("PGS. Lê Văn A" over
   "Trưởng khoa Vật lý" in one cell);
1. the header of the name's own column is a job title: "| STT | Bộ trưởng | Nhiệm kỳ |", each
   name under it held that office;
2. the heading over a table of one office's holders: "## Chính ủy qua các thời kỳ" over
   "| TT | Họ tên | Nhiệm kỳ |";
3. the row's column of posts, "Chức vụ" (however qualified: "Chức vụ cao nhất", "Chức vụ
   Đảng và Nhà nước"), read as a chain of titles like the titles written after a name (Party
   ranks skipped, the last job title wins).

A box of a person's offices (rows of predecessors and successors) gives the person its caption
names the first post it lists, and the other names in it nothing.

In a list, the lead line over items that are bare names ("Chính ủy:", a heading naming an
office) gives them that office (`title_over_list`).

A title that is also a committee's role ("Chủ tịch", "Trưởng ban") and names no unit is the
role in a committee's table, not a job: the committee frames read those.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.spans import Span, Spans
from extractor.structure import Row, Structure

ABOVE = 800        # characters above a table where its heading stands
HEADER_ROWS = 3    # a caption row may stand over the header row
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(.+)$", re.MULTILINE)
_POSTS = re.compile(r"[\s*]*chức\s+vụ(?!\s+trong)", re.IGNORECASE)
# a heading may open with the words of a list before the office: "Danh sách Bộ trưởng"
_LIST_OF = re.compile(r"[ \t*]*(?:danh\s+sách\s+)?(?:(?:các|những)\s+)?", re.IGNORECASE)
# the periods a heading of an office's holders spans ("Tư lệnh qua các thời kỳ", "... các khóa")
OVER_PERIODS = re.compile(r"[ \t]*(?:qua[ \t]+)?(?:các|những)[ \t]+(?:thời[ \t]+k[yỳiì]|khóa|nhiệm[ \t]+k[yỳiì]|giai[ \t]+đoạn)"
                          r"[ \t*_:]*", re.IGNORECASE)


@dataclass(frozen=True)
class _Table:
    """What one table says about all its rows, read once (`Structure.derived`)."""
    rows: list[Row]
    header: Row | None      # the row of column labels
    box: bool               # a box of a person's offices
    first_office: object    # its first post (a box), or None
    heading: object         # the office the heading over it names, or None


def _table(sp: Spans, st: Structure, table: int, persons: set[int]) -> _Table:
    key = ("layout_titles.table", table)
    facts = st.derived.get(key)
    if facts is None:
        rows = st.table_rows(table)
        box = office_box(sp.text, rows)
        facts = st.derived[key] = _Table(rows, _header(sp, rows, persons), box,
                                         _first_office(sp, rows, persons) if box else None,
                                         _heading_title(sp, rows[0].start, persons))
    return facts


def title_in_table(sp: Spans, st: Structure, name: Span, persons: set[int]):
    """The title the table around a name gives it, or None."""
    # (persons reads titles and asks this module for a table's: imported when called)
    from extractor.persons import is_role_title, title_at, titles_in_cell

    row = st.row_at(name.start)
    if row is None:
        return None
    col = next((n for n, c in enumerate(row.cells) if c.start <= name.start < c.end), None)
    if col is None:
        return None
    table = _table(sp, st, row.table, persons)
    if table.box:
        return table.first_office if row is table.rows[0] else None
    cell = row.cells[col]
    if name.j < len(sp) and sp.start[name.j] < cell.end and sp.text[name.end:sp.start[name.j]].strip(" \t") == "\n":
        # the cell goes on under the name with its posts: "PGS. Lê Văn A\nTrưởng khoa Vật lý"
        t = titles_in_cell(sp, sp.start[name.j], cell.end, persons)
        if t is not None:
            return t
    header = table.header if table.header is not None and table.header.start < row.start else None
    if header is not None and col < len(header.cells):
        cell = header.cells[col]
        t = title_at(sp, _first_word(sp, cell.start), persons)
        # a column's label is a bare title ("Bộ trưởng"), without a unit or "nguyên"
        if (t and t.organization is None and not is_role_title(sp, t) and sp.start[t.i] < cell.start + 3
                and not sp.text[sp.end[t.j - 1]:cell.end].strip(" *:")):
            return t
    if table.heading is not None:
        return table.heading
    if header is not None:
        for n, cell in enumerate(header.cells):
            if n != col and n < len(row.cells) and _POSTS.match(sp.text, cell.start, cell.end):
                t = titles_in_cell(sp, row.cells[n].start, row.cells[n].end, persons)
                if t is not None:
                    return t
    return None


def title_over_list(sp: Spans, st: Structure, name: Span, persons: set[int]):
    """The office a lead line gives the bare names listed under it ("Chính ủy:", "## Phó Tư
    lệnh qua các thời kỳ" over "- Thiếu tướng Lê Văn A (1920–2015)"): an item that is a name
    with its ranks and brackets only; a name with a post of its own keeps it."""
    from extractor.persons import is_role_title, title_at

    k = st.block_at(name.start)
    if k < 0 or st.blocks[k].kind not in _ITEMS:
        return None
    item = st.blocks[k]
    if not (_bare(sp, sp.token_at(item.body), name.i) and _bare(sp, name.j, sp.token_at(item.end))):
        return None
    lead = item.parent if item.parent >= 0 else _block_over_run(st, k)
    if lead < 0 or st.blocks[lead].kind in _ITEMS and lead != item.parent:
        return None
    blk = st.blocks[lead]
    t = title_at(sp, _first_word(sp, blk.body), persons)
    if t is None or is_role_title(sp, t) or sp.start[t.i] >= blk.end:
        return None
    return t if _PERIODS.fullmatch(sp.text, sp.end[t.j - 1], blk.end) else None


def _block_over_run(st: Structure, k: int) -> int:
    """The block right over the run of sibling items that holds item k (a heading opens no
    list, so items under it have no parent). Every item of the run walked is given the answer,
    so that a long list is walked once."""
    walked, j = [], k
    while True:
        known = st.derived.get(("layout_titles.over", j))
        if known is not None:
            over = known
            break
        walked.append(j)
        if j - 1 >= 0 and st.blocks[j - 1].kind == st.blocks[k].kind and st.blocks[j - 1].level == st.blocks[k].level:
            j -= 1
            continue
        over = j - 1
        break
    for x in walked:
        st.derived[("layout_titles.over", x)] = over
    return over


_ITEMS = frozenset({"number", "subnumber", "letter", "dash", "plus"})


def _bare(sp: Spans, a: int, b: int) -> bool:
    """Tokens [a, b) hold ranks, honorifics, punctuation and brackets only."""
    depth = 0
    k = a
    while k < b:
        w = sp.word(k)
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and w[:1].isalpha():
            span = sp.at("rank", k) or sp.at("honorific", k)
            if span is None:
                return False
            k = span.j
            continue
        k += 1
    return True


def office_box(text: str, rows: list[Row]) -> bool:
    """An encyclopedia's box of a person's offices: rows of the predecessor and successor in
    each office ("| Tiền nhiệm | ... |"). The names in it held the box's offices before or
    after the person, or under them: the layout gives them no title of their own."""
    return any(_OFFICE_BOX_ROW.match(text, row.cells[0].start, row.cells[0].end) for row in rows if row.cells)


def _first_office(sp: Spans, rows: list[Row], persons: set[int]):
    """The post a box of a person's offices lists first (its latest): the first row that is a
    job title alone ("Tổng cục trưởng Tổng cục Tiếp vận | |" over "| Nhiệm kỳ | ... |")."""
    from extractor.persons import is_role_title, title_at

    for r in rows[1:]:
        if not r.cells or any(c.end > c.start for c in r.cells[1:]):
            continue
        cell = r.cells[0]
        t = title_at(sp, _first_word(sp, cell.start), persons)
        if t and not is_role_title(sp, t) and sp.start[t.i] < cell.start + 3 and sp.end[t.j - 1] <= cell.end:
            return t
    return None


_OFFICE_BOX_ROW = re.compile(r"[\s*]*(?:tiền\s+nhiệm|kế\s+nhiệm)[\s*]*$", re.IGNORECASE)


def _first_word(sp: Spans, at: int) -> int:
    i = sp.token_at(at)
    while i < len(sp) and not sp.word(i)[:1].isalpha():
        i += 1
    return i


def _header(sp: Spans, rows: list[Row], persons: set[int]) -> Row | None:
    """The table's row of column labels: in markdown the row over the rule ("|---|---|") among
    the first rows, or the row under it where the row over it is a caption; in a table without
    rules (DOCX, PDF) its first row. A header names nobody."""
    end = rows[-1].end
    ruled = _RULE.search(sp.text, rows[0].start, end) is not None
    for n, r in enumerate(rows[:HEADER_ROWS]):
        nxt = rows[n + 1].start if n + 1 < len(rows) else end
        if (_RULE.search(sp.text, r.end, nxt) if ruled else n == 0):
            if sum(c.end > c.start for c in r.cells) < 2 and n + 1 < len(rows):
                r = rows[n + 1]   # a caption over the rule ("| Ban Chấp hành khóa X | | |"), the labels under it
            a, b = sp.token_at(r.start), sp.token_at(r.end)
            return None if any(k in persons for k in range(a, b)) else r
    return None


_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}", re.MULTILINE)


def _heading_title(sp: Spans, top: int, persons: set[int]):
    """The office a heading right above a table starting at `top` names, alone or over its periods."""
    from extractor.persons import is_role_title, title_at

    heading = None
    for heading in _HEADING.finditer(sp.text, max(0, top - ABOVE), top):
        pass
    if heading is None:
        return None
    lead = _LIST_OF.match(sp.text, heading.start(1), heading.end(1))
    t = title_at(sp, _first_word(sp, lead.end()), persons)
    if t is None or is_role_title(sp, t) or sp.start[t.i] >= heading.end(1):
        return None
    end = t.j
    place = sp.at("place", end) or sp.at("province", end) or sp.at("country", end)
    if place:   # the office's land: "Khâm sứ Trung Kỳ", "Đại sứ Pháp"
        end = place.j
    return t if _PERIODS.fullmatch(sp.text, sp.end[end - 1], heading.end(1)) else None


# what may follow the office in such a heading: its periods, its years ("(1886-1945)")
_PERIODS = re.compile(r"(?:" + OVER_PERIODS.pattern + r")?[ \t*:]*(?:\(\s*\d{4}\s*[-–]\s*(?:\d{4}|nay)?\s*\))?[ \t*:]*",
                      re.IGNORECASE)
