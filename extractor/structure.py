"""The structure layer: the layout a document's text carries, read once.

Administrative text is built of blocks: articles ("Điều 1."), numbered, lettered and dashed
list items nested under one another, paragraphs, table rows with their cells, and inside
them sentences and semicolon clauses. `structure(doc)` reads them in one pass over the lines
and keeps them as typed attributes; every recognizer asks it ("which item holds this offset,
what are its children, which row, which sentence") instead of re-deriving its own.

Nesting follows the rank of the marker, the way Vietnamese documents are drafted (Nghị định
30/2020/NĐ-CP, Phụ lục I): Phần/Chương/Mục > Điều > I. > 1. > 1.1. > a) > - > +. A paragraph
without a marker closes the lists above it; a line that only wraps the one before (no closing
punctuation before it, a lower-case start) continues the same block.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from extractor.doc import Doc

# marker kinds, outermost first: their rank decides nesting
RANKS = {"part": 0, "article": 1, "roman": 2, "number": 3, "subnumber": 4, "letter": 5, "dash": 6, "line": 6, "plus": 7}
_LEAD = r"[ \t>#*]*"     # crawl debris before a marker: indentation, quote marks, emphasis, heading hashes
_MARKERS = [
    ("part", re.compile(_LEAD + r"(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)[ \t]+(?:[IVXLC]+|\d{1,3})\b[ \t.:]*")),
    ("article", re.compile(_LEAD + r"(?:Điều|ĐIỀU)[ \t]+\d{1,3}[a-z]?[ \t]*[.:]?[ \t]*")),
    ("roman", re.compile(_LEAD + r"(?=[IVX])(?:X{0,3})(?:IX|IV|V?I{0,3})[ \t]*[.)][ \t]+")),
    ("subnumber", re.compile(_LEAD + r"\d{1,2}(?:\.\d{1,2}){1,3}\.?[ \t]+(?=\S)")),
    ("number", re.compile(_LEAD + r"(?:\(\d{1,3}\)|\d{1,3}[ \t]*[.)/](?![\d/]))[ \t]*(?=\S)")),
    ("letter", re.compile(_LEAD + r"(?:\([a-zđ]\)|[a-zđ][ \t]*\))[ \t]*(?=\S)")),
    ("dash", re.compile(r"[ \t>*]*[-–—•●▪◦·][ \t]*(?=\S)")),
    ("plus", re.compile(r"[ \t>*]*\+[ \t]*(?=\S)")),
]
_TABLE_RULE = re.compile(r"^[\s|:\-–=+]*$")
_CLOSED = re.compile(r"[.:;!?…)\]\"”]\s*$")   # a line that ends a sentence, a clause or a heading
# sentence ends: . ! ? (and an encyclopedia's note marks after them: ".[5]") before a capital
# or a line end, and between two bold runs a crawl glued together ("**Chủ tịch: A****Phó Chủ tịch:**")
_SENT_END = re.compile(r"[.!?…]+[\"”’)]*(?:\[\d{1,3}\])*(?=\s+[\"“(\[]?[^\W\d_a-zđ]|\s*$)|[.!?…]+(?=\s*\n)|\*\*(?=\*\*\S)")
# an abbreviation or an initial is in capitals ("TP.", "N."), or one of the few written in mixed
# case; a short capitalized word ("... Lê Văn An. Các ...") is a word and ends its sentence
_ABBREV_BEFORE = re.compile(r"(?:^|[\s(])(?:[A-ZĐ]{1,4}|[a-zđ]|Tp|ThS|Th\.S|St|Mr|Mrs|Ms|Dr|Jr|Sr|Co|Inc|Ltd)$")


@dataclass(frozen=True)
class Block:
    """A list item, an article, a heading or a paragraph: what lies between two markers."""
    start: int        # start of the line (the marker included)
    body: int         # where the text after the marker starts
    end: int          # end of the block's own text (its children are not part of it)
    kind: str         # a key of RANKS, or "para"
    label: str        # the marker as written, stripped ("1.", "a)", "-", "Điều 2.")
    level: int        # depth in the tree of blocks
    parent: int       # index of the enclosing block, -1 at the top


@dataclass(frozen=True)
class Cell:
    start: int
    end: int


@dataclass(frozen=True)
class Row:
    start: int
    end: int
    cells: tuple[Cell, ...]
    table: int        # rows of one table share it
    index: int        # position of the row in its table (separator rules not counted)


@dataclass
class Structure:
    text: str
    lines: list[tuple[int, int]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    _block_starts: list[int] = field(default_factory=list)
    _row_starts: list[int] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)
    _children: dict[int, list[int]] = field(default_factory=dict)
    _row_tables: list[int] = field(default_factory=list)
    _ends: dict[tuple[int, int], str] = field(default_factory=dict)   # (start, end) -> last character kept
    _firsts: dict[int, int] = field(default_factory=dict)             # start -> first offset not stripped
    # what a reader derives from one table or list and asks again for each of its rows or
    # items (`extractor.layout_titles`): computed once per document, keyed by the reader
    derived: dict[tuple, object] = field(default_factory=dict)

    # --- lookups ---------------------------------------------------------------------
    def block_at(self, i: int) -> int:
        """Index of the block whose own text holds offset i, or -1."""
        k = bisect.bisect_right(self._block_starts, i) - 1
        return k if k >= 0 and i < self.blocks[k].end else -1

    def block_before(self, i: int) -> int:
        """Index of the last block that starts before offset i, or -1 (a table's rows are no blocks)."""
        return bisect.bisect_left(self._block_starts, i) - 1

    def children(self, k: int) -> list[int]:
        return self._children.get(k, [])

    def descendants_end(self, k: int) -> int:
        """End of block k together with everything nested under it."""
        end = self.blocks[k].end
        kids = self.children(k)
        while kids:
            end = self.blocks[kids[-1]].end
            kids = self.children(kids[-1])
        return end

    def row_at(self, i: int) -> Row | None:
        k = bisect.bisect_right(self._row_starts, i) - 1
        return self.rows[k] if k >= 0 and i <= self.rows[k].end else None

    def table_rows(self, table: int) -> list[Row]:
        # rows are read in order and a table's rows follow one another: found by bisection
        return self.rows[bisect.bisect_left(self._row_tables, table):bisect.bisect_right(self._row_tables, table)]

    def sentence_at(self, i: int) -> tuple[int, int]:
        """The sentence holding i, or (i, i) between sentences."""
        k = bisect.bisect_right(self._sent_starts, i) - 1
        if k >= 0 and i < self.sentences[k][1]:
            return self.sentences[k]
        return (i, i)

    def sentence_before(self, i: int) -> tuple[int, int]:
        k = bisect.bisect_right(self._sent_starts, i) - 1
        while k >= 0 and self.sentences[k][1] > i:
            k -= 1
        return self.sentences[k] if k >= 0 else (i, i)

    def clauses(self, start: int, end: int) -> list[tuple[int, int]]:
        """text[start:end] cut at semicolons outside brackets (the items of a run-in list)."""
        out, depth, s = [], 0, start
        for j in range(start, end):
            c = self.text[j]
            if c in "([":
                depth += 1
            elif c in ")]" and depth:
                depth -= 1
            elif c == ";" and not depth:
                out.append((s, j))
                s = j + 1
        out.append((s, end))
        return [_trim(self.text, a, b) for a, b in out if self.text[a:b].strip()]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t\n":
        a += 1
    while b > a and text[b - 1] in " \t\n.":
        b -= 1
    return a, b


WRAP = 60   # a line at least this long that ends inside a phrase was wrapped by the layout


def wrapped(text: str, a: int, b: int) -> bool:
    """The gap text[a:b] between two words is a line break the layout made, not the writer:
    one line break, the line before it at least WRAP long and ending no sentence or clause,
    and no list item opening the line after it ("... Phó Trưởng phòng Quản lý Giá và Công
    \nsản." of a PDF)."""
    gap = text[a:b]
    if gap.strip(" \t") != "\n":
        return False
    line_start = text.rfind("\n", 0, a) + 1
    if a - line_start < WRAP or text[a - 1] in ".;:!?":
        return False
    return marker_at(text, b, min(len(text), b + 12)) is None


def marker_at(text: str, i: int, end: int) -> tuple[str, int] | None:
    """(kind, body start) of a list marker opening the line at i, if any."""
    for kind, pat in _MARKERS:
        m = pat.match(text, i, end)
        if m and m.end() > i:
            if kind == "roman" and m.group().strip(" \t>#*.)") == "":
                continue
            return kind, m.end()
    return None


_COMMA_NUMBER = re.compile(r"[ \t>*]*(\d{1,2}),[ \t]+(?=[^\W\d_])")


def _misread_number(st: Structure, text: str, s: int, e: int) -> tuple[str, int] | None:
    """A numbered item whose dot a scan's OCR read as a comma ("3, Các ủy viên gồm:"): taken as
    the marker only where it goes on the numbering of the item before it ("2." then "3,")."""
    m = _COMMA_NUMBER.match(text, s, e)
    if m is None:
        return None
    before = next((b for b in reversed(st.blocks) if b.kind == "number"), None)
    if before is None or before.label.rstrip(".)") != str(int(m.group(1)) - 1):
        return None
    return "number", m.end()


def _is_table_line(text: str, s: int, e: int) -> bool:
    line = text[s:e]
    return line.count("|") >= 1 and bool(line.replace("|", "").strip()) and (
        line.lstrip().startswith("|") or line.rstrip().endswith("|") or line.count("|") >= 2 or " | " in line)


def _open_row(st: Structure, row: Row) -> bool:
    """A markdown row that opened with a bar and has not closed with one yet (read from its
    first and last characters: a row that grows line by line is not read again whole)."""
    return _first_kept(st, row.start, row.end) == "|" and _last_kept(st, row.start, row.end) != "|"


def _first_kept(st: Structure, a: int, b: int) -> str:
    """The first character of text[a:b] after `.lstrip(" \t*")` ("" if none); where the run of
    stripped characters from `a` ends is kept per `a` (a row is asked again for each line it takes)."""
    k = st._firsts.get(a)
    if k is None:
        k = a
        while k < len(st.text) and st.text[k] in " \t*":
            k += 1
        st._firsts[a] = k
    return st.text[k] if k < b else ""


def _last_kept(st: Structure, a: int, b: int) -> str:
    """The last character of text[a:b] without its end marks (`without_end_marks`: "" if
    none), kept per span: the open block above is asked again for every line that follows it."""
    key = (a, b)
    last = st._ends.get(key)
    if last is None:
        last = st._ends[key] = without_end_marks(st.text[a:b])[-1:]
    return last


_NOTE_MARK = re.compile(r"(?:\[(?:\d{1,3}|[a-z])\])+$")


def without_end_marks(line: str) -> str:
    """A line without what follows its last word: spaces, emphasis stars and an encyclopedia's
    note marks ("- Phó Chủ tịch:[1]" ends with its colon)."""
    line = line.rstrip(" \t*")
    note = _NOTE_MARK.search(line, max(0, len(line) - 40))   # marks close the line: only its end is read
    return line[:note.start()].rstrip(" \t*") if note else line


def _cells(text: str, s: int, e: int) -> tuple[Cell, ...]:
    cells, a = [], s
    for j in range(s, e + 1):
        if j == e or text[j] == "|":
            if j > a or (j == e and a < e):
                ca, cb = a, j
                while ca < cb and text[ca] in " \t*":
                    ca += 1
                while cb > ca and text[cb - 1] in " \t*":
                    cb -= 1
                if j != e or ca < cb:
                    cells.append(Cell(ca, cb))
            a = j + 1
    # a leading bar opens no cell of its own
    if cells and cells[0].start == cells[0].end and text[s:e].lstrip().startswith("|"):
        cells = cells[1:]
    return tuple(cells)


def build(text: str) -> Structure:
    st = Structure(text=text)
    pos = 0
    n = len(text)
    while pos <= n:
        e = text.find("\n", pos)
        e = n if e < 0 else e
        st.lines.append((pos, e))
        pos = e + 1
    stack: list[int] = []          # open blocks, outermost first
    table, index, prev_table_line = -1, 0, -2
    blank = False                  # a blank line stands between this line and the block above
    grown: set[int] = set()        # rows that took more lines: their cells are read at the end
    for li, (s, e) in enumerate(st.lines):
        line = text[s:e]
        if not line.strip():
            blank = True
            if stack and st.blocks[stack[-1]].kind == "para" and not _opens_list(st, st.blocks[stack[-1]]):
                stack.pop()
            continue
        if _is_table_line(text, s, e):
            if _TABLE_RULE.match(line):
                prev_table_line = li
                continue
            if prev_table_line != li - 1:
                table, index = table + 1, 0
            last = st.rows[-1] if st.rows and prev_table_line == li - 1 else None
            if last and _open_row(st, last) and not line.lstrip(" *").startswith("|"):
                # a cell that holds a line break: "| 1 | PGS. A\nGiám đốc | Chủ tịch HĐ |" is one row
                # (its cells are read once it is whole, below)
                st.rows[-1] = Row(last.start, e, (), last.table, last.index)
                grown.add(len(st.rows) - 1)
            else:
                st.rows.append(Row(s, e, _cells(text, s, e), table, index))
                index += 1
            prev_table_line = li
        mk = marker_at(text, s, e) or _misread_number(st, text, s, e)
        after_blank, blank = blank, False
        if mk is None:
            if st.blocks and not after_blank and _continues(text, st.blocks[-1], s, e):
                # (a block that took more lines holds no bar and ends in its last line: only that line is read)
                b = st.blocks[-1]
                st.blocks[-1] = Block(b.start, b.body, e, b.kind, b.label, b.level, b.parent)
                continue
            if _run_in_line(st, stack):
                kind, body = "line", s   # "Ủy viên gồm:" then one member a line, no markers
            else:
                while stack and st.blocks[stack[-1]].kind not in ("part", "article") and not (
                        _opens_list(st, st.blocks[stack[-1]]) and st.blocks[stack[-1]].kind != "para"):
                    stack.pop()
                kind, body = "para", s
        else:
            kind, body = mk
            rank = RANKS[kind]
            while stack and _yields(st, st.blocks[stack[-1]], rank):
                stack.pop()
        parent = stack[-1] if stack else -1
        label = text[s:body].strip(" \t>#*")
        st.blocks.append(Block(s, body, e, kind, label, len(stack), parent))
        k = len(st.blocks) - 1
        if parent >= 0:
            st._children.setdefault(parent, []).append(k)
        stack.append(k)
    for k in grown:
        r = st.rows[k]
        st.rows[k] = Row(r.start, r.end, _cells(text, r.start, r.end), r.table, r.index)
    st._block_starts = [b.start for b in st.blocks]
    st._row_starts = [r.start for r in st.rows]
    st._row_tables = [r.table for r in st.rows]
    st.sentences = _sentences(text, st.blocks)
    st._sent_starts = [s for s, _ in st.sentences]
    return st


def _opens_list(st: Structure, b: Block) -> bool:
    """A block that introduces a list: its text ends with a colon, or with the word that
    announces what follows where the colon is left out ("... gồm các thành phần sau")."""
    last = _last_kept(st, b.body, b.end)
    return last == ":" or last.isalpha() and bool(FOLLOWING_RE.search(st.text, max(b.body, b.end - 24), b.end))


# "sau", "sau đây", "dưới đây" closing a line: what follows is announced (the colon left out)
FOLLOWING_RE = re.compile(r"(?<![^\W\d_])(?:sau(?:\s+đây)?|dưới\s+đây)[ \t*]*$", re.IGNORECASE)


def _yields(st: Structure, top: Block, rank: int) -> bool:
    """Whether the open block `top` ends before a new item of this rank: an item of the same
    or an outer rank ends it; a paragraph ends unless it introduces a list."""
    if top.kind == "para":
        return not _opens_list(st, top)
    return RANKS[top.kind] >= rank


def _run_in_line(st: Structure, stack: list[int]) -> bool:
    """An unmarked line right under a paragraph that opened a list is an item of that list
    until one of them ends with a full stop (the last item of a run-in list does)."""
    while stack and st.blocks[stack[-1]].kind == "line":
        last = st.blocks[stack[-1]]
        if _last_kept(st, last.body, last.end) in (".", "!", "?"):
            return False
        stack.pop()
    return bool(stack) and st.blocks[stack[-1]].kind == "para" and _opens_list(st, st.blocks[stack[-1]])


def _continues(text: str, prev: Block, s: int, e: int) -> bool:
    """A line without a marker goes on with the block above when that block's last line
    did not close (no final punctuation) and this one does not open a new thought (it starts
    in lower case), or when the block above is a wrapped long line."""
    # a block grows only by lines without a bar and none blank, so its bars and its last
    # character are those of its last line (reading it whole for every line is quadratic)
    nl = text.rfind("\n", prev.start, prev.end)
    last_line = text[nl + 1 if nl >= 0 else prev.start:prev.end]
    if "|" in last_line or "|" in text[s:e]:
        return False
    if _CLOSED.search(last_line):
        return False
    first = text[s:e].lstrip(" \t*")[:1]
    return first.islower() or first.isdigit() or len(last_line) >= 70


def _sentences(text: str, blocks: list[Block]) -> list[tuple[int, int]]:
    """Sentences inside each block: a block boundary always ends a sentence, and inside a
    block a sentence ends at . ! ? before a capital (not after an abbreviation or an
    initial: "TP. Hồ Chí Minh", "N. Linh")."""
    out: list[tuple[int, int]] = []
    for b in blocks:
        s = b.start
        for m in _SENT_END.finditer(text, b.body, b.end):
            if m.group().startswith(".") and _ABBREV_BEFORE.search(text, max(b.body, m.start() - 8), m.start()):
                continue
            if m.end() > s:
                out.append(_trim_sentence(text, s, m.end()))
            s = m.end()
        if b.end > s and text[s:b.end].strip():
            out.append(_trim_sentence(text, s, b.end))
    return [(a, z) for a, z in out if z > a]


def _trim_sentence(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def structure(doc: Doc) -> Structure:
    """The document's structure, read once and kept on the Doc."""
    if doc.structure is None:
        doc.structure = build(doc.text)
    return doc.structure
