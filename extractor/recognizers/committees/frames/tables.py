"""Members in tables.

- A list with column headers ("STT | Họ và tên | Chức vụ | Đơn vị công tác | Chức danh"): the
  name, the job title and unit, and the role in the committee each from their column.
- Rows of a role and the people holding it ("| Phó Chủ tịch | A B C |", an encyclopedia's
  box of a body; not the box of a person's offices, whose rows of a role are that office's other
  holders), and columns headed by roles over rows of terms ("| Nhiệm kỳ | Chủ tịch | Phó Chủ tịch |").
The committee is the one named just above the table, else the document's.
"""
from __future__ import annotations

import re

from extractor.layout_titles import OVER_PERIODS, office_box
from extractor.persons import title_at
from extractor.recognizers.committees.context import Candidate, Context, role_of
from extractor.recognizers.committees.frames.common import candidates
from extractor.recognizers.committees.items import Part, lead_role, parse, qualified
from extractor.structure import Row

NAME = "tables"
PRIORITY = 2
_COLUMNS = (("name", re.compile(r"^họ\s*(?:và|,)?\s*tên", re.IGNORECASE)),
            ("position", re.compile(r"^chức\s+vụ", re.IGNORECASE)),
            ("org", re.compile(r"^(?:đơn\s+vị|cơ\s+quan)", re.IGNORECASE)),
            ("role", re.compile(r"^(?:chức\s+danh|nhiệm\s+vụ|vai\s+trò|chức\s+vụ\s+trong)", re.IGNORECASE)))
ABOVE = 800   # characters above a table where its committee is named


def find(ctx: Context) -> list[Candidate]:
    if not ctx.entities:
        return []
    out: list[Candidate] = []
    tables: dict[int, list[Row]] = {}
    for r in ctx.st.rows:
        tables.setdefault(r.table, []).append(r)
    for rows in tables.values():
        named = _named_above(ctx, rows[0].start)
        entity = named if named >= 0 else ctx.main
        header = _header(ctx, rows[0])
        if header and "name" in header:
            role = None
            if "role" not in header:   # holders of one role: "### Chủ tịch Hội đồng X (1948–1959)" over the table
                above = _role_above(ctx, rows[0].start)
                if above == _OTHER_BODY:
                    continue   # "## Ủy viên Ban Chấp hành Đảng bộ tỉnh" over the table: another body's roll
                if above:
                    role, entity = above[0], above[1] if above[1] >= 0 else entity
                elif named < 0:
                    continue   # names with neither a role nor a committee over them: a roll of office holders
            out += _columns(ctx, rows[1:], header, len(rows[0].cells), entity, role)
            continue
        role_cols = _role_columns(ctx, rows[0])
        if role_cols:
            out += _role_columns_rows(ctx, rows[1:], role_cols, entity)
            continue
        out += _role_rows(ctx, rows, entity)
    return out


def says_roles(ctx: Context, at: int) -> bool:
    """The table holding offset `at` has columns of names and of roles: this frame reads each
    of its rows as one member in the role the row gives (a list frame over it adds nothing)."""
    row = ctx.st.row_at(at)
    if row is None:
        return False
    header = _header(ctx, ctx.st.table_rows(row.table)[0])
    return bool(header and "name" in header and "role" in header)


_HEADING_RE = re.compile(r"^[ \t]*#{1,6}[ \t]", re.MULTILINE)


def _named_above(ctx: Context, at: int) -> int:
    """The committee named in the lead-in or heading over the table: in running text, not in the
    cell of an earlier table ("Phó Chủ tịch Hội đồng Nhà nước" as a commander's last office), and
    not above the section heading the table stands under; else -1."""
    lo = max(0, at - ABOVE)
    headings = list(_HEADING_RE.finditer(ctx.text, lo, at))
    if headings:
        lo = headings[-1].start()
    return ctx.committee_before(at, limit=at - lo, outside_tables=True)


def _text(ctx: Context, cell) -> str:
    return ctx.text[cell.start:cell.end].strip(" *")


def _header(ctx: Context, row: Row) -> dict[str, int] | None:
    cols: dict[str, int] = {}
    for n, cell in enumerate(row.cells):
        t = _text(ctx, cell)
        for key, pat in _COLUMNS:
            if key not in cols and pat.search(t):
                cols[key] = n
                break
        if cols.get("role") == n and "position" not in cols and _ALSO_POSTS.search(t):
            cols["position"] = n   # "Chức danh/Chức vụ/Đơn vị": one column of the member's posts
    return cols or None


_ALSO_POSTS = re.compile(r"chức\s+vụ|đơn\s+vị|cơ\s+quan", re.IGNORECASE)


_OTHER_BODY = "other body"


def _role_above(ctx: Context, at: int):
    """The role a heading right above a table names ("Chủ tịch Hội đồng X các khóa"), with
    its committee (-1: the one the table is under); `_OTHER_BODY` where the heading names
    the role in a body that is no committee (a Party organ, a ministry)."""
    st = ctx.st
    k = st.block_before(at)
    seen = 0
    while k >= 0 and seen < 3:
        blk = st.blocks[k]
        if at - blk.start > ABOVE:
            break
        text = ctx.text[blk.body:blk.end].strip(" *#[]")
        if text and "|" not in text:
            i = ctx.sp.token_at(blk.body)
            while i < len(ctx.sp) and not ctx.sp.word(i)[:1].isalpha():
                i += 1
            r = ctx.sp.at("role", i) if i < len(ctx.sp) else None
            if r:
                c = ctx.committee_at(r.j) or ctx.committee_at(r.j - 1)
                if c:
                    return role_of(r), c.entity
                rest = ctx.text[r.end:blk.end].strip(" *#:[]")
                if rest and ctx.sp.is_cap(r.j) and not OVER_PERIODS.match(rest):
                    return _OTHER_BODY   # the role of a body that is no committee ("Ủy viên Bộ Chính trị")
                return role_of(r), -1
            seen += 1
        k -= 1
    return None


def _columns(ctx: Context, rows: list[Row], header: dict[str, int], width: int, entity: int,
             role=None) -> list[Candidate]:
    out: list[Candidate] = []
    for row in rows:
        cells = row.cells
        name_cell = cells[header["name"]] if header["name"] < len(cells) else None
        people = ctx.people_in(name_cell.start, name_cell.end) if name_cell else []
        name = people[0].name if people else (_bare_name(ctx, name_cell) if name_cell else None)
        short = not name and len(cells) < width
        if short:
            # a row short of cells (an empty image column the crawl dropped): its person is
            # the first one it names, whichever cell; its other columns cannot be told apart
            people = ctx.people_in(row.start, row.end)
            name_cell = next((c for c in cells if people and c.start <= people[0].start < c.end), None)
            name = people[0].name if name_cell else None
        if not name:
            continue
        position = organization = None
        if "position" in header and header["position"] < len(cells) and not short:
            pc = cells[header["position"]]
            t = title_at(ctx.sp, ctx.sp.token_at(pc.start), ctx.person_starts)
            position = t.position if t else (_text(ctx, pc) or None)
            organization = t.organization if t else None
        if "org" in header and header["org"] < len(cells) and not short:
            organization = _text(ctx, cells[header["org"]]) or organization
        row_role, row_entity = role, entity
        if "role" in header and header["role"] < len(cells) and not short:
            rc = cells[header["role"]]
            merged = header["role"] == header.get("position", header.get("org"))
            r = _posts_role(ctx, rc, entity) if merged else _cell_role(ctx, rc)
            if r:
                row_role = r
        part = Part("person", name, position, organization, None, -1, name_cell.start, row.end)
        out += candidates(ctx, [part], row_role, row_entity, PRIORITY, NAME)
    return out


def _cell_role(ctx: Context, cell):
    """The role a cell opens with ("Chủ tịch HĐ", "Thành viên Hội đồng", "Ủy viên thường trực"):
    what follows it in the cell names the committee, not the member."""
    i = ctx.sp.token_at(cell.start)
    r = ctx.sp.at("role", i) if i < len(ctx.sp) else None
    if not r or r.start >= cell.end:
        return None
    return qualified(ctx, role_of(r), cell.end)


def _posts_role(ctx: Context, cell, entity: int):
    """The role in a cell that lists a member's posts ("Chức danh/Chức vụ/Đơn vị": "Bí thư
    Đảng ủy, Chủ tịch Hội đồng X"): a role whose committee named after it is the table's, or a
    role that is the whole cell. A role followed by another body ("Chủ tịch Hội đồng quản trị
    Tập đoàn Y", "Ủy viên Ban Thường vụ Đảng ủy") is a post held elsewhere."""
    sp = ctx.sp
    cell_text = ctx.text[cell.start:cell.end]
    for r in sp.between("role", cell.start, cell.end):
        before = ctx.text[cell.start:r.start].rstrip(" *")
        if before and not before.endswith((",", ";")):
            continue   # inside a post ("Phó Chủ tịch" in "Ủy viên, Phó Chủ tịch Thường trực Hội ...")
        named = ctx.committee_at(r.j) or ctx.committee_at(r.j - 1)
        if named and named.entity == entity and entity >= 0:
            return qualified(ctx, role_of(r), cell.end)
        if not named and not before and not cell_text[r.end - cell.start:].strip(" *"):
            return qualified(ctx, role_of(r), cell.end)
    return None


def _bare_name(ctx: Context, cell) -> str | None:
    """A name column's cell holds a name even without a family name the register knows."""
    words = _text(ctx, cell).split()
    if 2 <= len(words) <= 5 and all(w[:1].isupper() and w.replace("’", "").replace("'", "").isalpha() for w in words):
        return " ".join(words)
    return None


def _role_columns(ctx: Context, row: Row) -> dict[int, object]:
    cols = {}
    for n, cell in enumerate(row.cells):
        lead = lead_role(ctx, cell.start, cell.end)
        if lead and lead[2] >= cell.end:
            cols[n] = lead
    # a header row of roles: terms in the first column, roles over the others; a row whose
    # first cell alone is a role is a row of holders, not a header
    return cols if cols and (0 not in cols or len(cols) >= 2) else {}


def _role_columns_rows(ctx: Context, rows: list[Row], cols: dict[int, object], entity: int) -> list[Candidate]:
    out: list[Candidate] = []
    for row in rows:
        for n, lead in cols.items():
            if n < len(row.cells):
                cell = row.cells[n]
                out += candidates(ctx, parse(ctx, cell.start, cell.end), lead[0],
                                  lead[1] if lead[1] >= 0 else entity, PRIORITY, NAME)
    return out


def _role_rows(ctx: Context, rows: list[Row], entity: int) -> list[Candidate]:
    out: list[Candidate] = []
    # the role rows of a box of a person's offices name the office's other holders in that
    # term (the deputies under the person), not a committee's members
    if office_box(ctx.text, rows):
        return out
    for row in rows:
        if len(row.cells) < 2:
            continue
        first = row.cells[0]
        role = _cell_role(ctx, first)
        if not role or role.bound:
            continue
        rest = ctx.text[role.span.end:first.end].strip(" *")
        if rest and not re.fullmatch(r"\(?\d{1,3}\)?", rest):
            continue   # the first cell says more than a role ("Ủy viên Hội đồng | 14 thành viên" is a count)
        cell = row.cells[1]
        people = ctx.people_in(cell.start, cell.end)
        parts = [Part("person", p.name, p.position, p.organization, None, -1, p.start, p.end) for p in people]
        out += candidates(ctx, parts, role, entity, PRIORITY, NAME)
    return out
