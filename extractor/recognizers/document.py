"""The `document` header: kind, title, number, issuer, date, place, signer, author.

A Vietnamese legal or administrative document opens with a two-column header: the
issuing body on the left ("BỘ TÀI CHÍNH"), the national motto on the right, then
"Số: 4014/QĐ-BTC", the date line "Hà Nội, ngày 01 tháng 12 năm 2025", the type in
capitals ("QUYẾT ĐỊNH") and the summary ("VỀ VIỆC ..."; "V/v ..." in an official
letter); it ends with a signature block ("KT. BỘ TRƯỞNG / THỨ TRƯỞNG / Nguyễn Đức Tâm";
KT./TM./TL./Q. say on whose behalf, they are not the position). Crawled legal
databases put a metadata box before it ("Số hiệu:", "Loại văn bản:", "Nơi ban hành:",
"Người ký:", "Ngày ban hành:"), which stands in where the header itself is missing.

A news article has a headline (a "# " line, a line underlined with "===", or the
page's front matter "title:"), a dateline or publication stamp ("Thứ ba, 20/06/2017
10:59", "Ngày giờ đăng bài viết gốc: 20:00 22/05/2025", "date: Sat, 21 Dec 2024 ..."),
and a byline: a short name on its own line after the body ("Thu Hương", "N.Linh (ghi)",
"Tác giả: T Kiên"). What the HTML reader found (`meta` title/published/author) wins.

The spans of the document's own number are left in `doc.cache["own_number_spans"]`:
that number is not a reference.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from extractor.data import table, words
from extractor import register
from extractor.doc import Doc
from extractor.readers import quality
from extractor.recognizers import calendar as cal
from extractor.recognizers import symbols as sy
from models.records import Document, Signer

_DEBRIS = " \t|*#_>`"


@dataclass
class _Line:
    start: int
    end: int
    text: str  # without markdown debris and outer spaces


def _lines(doc: Doc) -> list[_Line]:
    out, pos = [], 0
    for raw in doc.text.split("\n"):
        clean = " ".join(raw.strip(_DEBRIS).replace("**", " ").split()).strip(_DEBRIS)
        out.append(_Line(pos, pos + len(raw), clean))
        pos += len(raw) + 1
    return out


# Where one line holds several parts of a header: table cells (" | "), tab stops and wide
# gaps of spaces (a DOCX laid out with spaces, a PDF's columns on one line).
_CELL_GAP_RE = re.compile(r"(?<!\s)\s*\|\s*|\t+|(?<=\S) {3,}(?=\S)")   # (?<!\s): a blank run is tried once, not from each of its characters
# Parts that flattening puts on one line with others: the country's name, the motto, a
# Party document's name, the number line after the issuer ("QUỐC HỘI Số: 101/2015/QH13"),
# the place and date after the number or the motto ("Số: 12/QĐ-BNV Hà Nội, ngày ...").
_COUNTRY = r"CỘNG\s+H(?:ÒA|OÀ|OA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM"
_PARTY = r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM"
_NUMBER_WORD = r"(?:S[ốỐóÓôÔ]|SỐ)"
_PLACE_WORD = r"[A-ZĐÀ-Ỹ][^\W\d_]*"
_PLACE = rf"{_PLACE_WORD}(?:\s+(?:{_PLACE_WORD}|phố|xã|trấn)){{0,4}}"
# each finds where a part begins (group "at")
_PART_RES = (
    re.compile(rf"\S\s*(?P<at>{_COUNTRY}|{_PARTY}|(?i:Độc\s+lập\s*[-–—]?\s*Tự\s+do))"),
    re.compile(r"[Hh]ạnh phúc\s+(?P<at>[A-ZĐÀ-Ỹ])"),
    re.compile(rf"\S\s+(?P<at>{_NUMBER_WORD}\s*[:.]?\s*[\d/])"),
    re.compile(rf"(?<![^\s*_|])(?P<at>{_PLACE}\s*,\s*(?i:ngày)(?!\w))"),
)
# blanks left for the number and the day, to be written in by hand: not column gaps
_BLANK_BEFORE = ("số:", "số", "ngày", "tháng", "năm")
_BLANK_AFTER = ("/", "tháng", "năm")
_PIECES_REACH = 5000  # header parts are split apart only near the top


def _pieces(doc: Doc) -> list[_Line]:
    """`_lines`, each line cut into the parts of a header it holds: what flattening a
    two-column header or a table row puts on one line comes apart again, in its order."""
    out: list[_Line] = []
    for ln in _lines(doc):
        raw = doc.text[ln.start:ln.end]
        # the words around a gap are read in place (a slice of the whole line per gap is quadratic)
        cuts = [(m.start(), m.end()) for m in _CELL_GAP_RE.finditer(raw)
                if not (m.group().startswith(" ") and (raw[max(0, m.start() - 8):m.start()].casefold().endswith(_BLANK_BEFORE)
                                                       or raw.startswith(_BLANK_AFTER, m.end())))]
        if ln.start < _PIECES_REACH:
            cuts += [(m.start("at"), m.start("at")) for rx in _PART_RES for m in rx.finditer(raw)]
        if not cuts:
            out.append(ln)
            continue
        pos, parts = 0, []
        for a, b in sorted(cuts):
            if a >= pos:
                parts.append((pos, a))
                pos = max(b, a)
        parts.append((pos, len(raw)))
        for a, b in parts:
            clean = " ".join(raw[a:b].strip(_DEBRIS).replace("**", " ").split()).strip(_DEBRIS)
            if clean:
                out.append(_Line(ln.start + a, ln.start + b, clean))
    return out


_RULE_RE = re.compile(r"[-=_~. ]+")


def _nonempty(lines: list[_Line]) -> list[_Line]:
    return [ln for ln in lines if ln.text and not _RULE_RE.fullmatch(ln.text)]


# --- metadata box of crawled legal databases ---------------------------------------

@cache
def _meta_labels() -> dict[str, list[str]]:
    """Label (folded, spaces around "/" dropped) -> the fields of the cells after it."""
    return {_label_key(r["label"]): r["fields"].split("/") for r in table("metadata_labels")}


def _label_key(text: str) -> str:
    return re.sub(r"\s*/\s*", "/", " ".join(text.split())).casefold().rstrip(" :")


_LABEL_RE = re.compile(r"^(?P<label>[^\W\d_][^:|]{1,60}?)\s*:\s*(?P<value>.*)$")


def _metadata(lines: list[_Line]) -> dict[str, tuple[str, _Line]]:
    """Field -> (value, line holding the value), from the first box only: "Label: value"
    lines (the value may stand on the next line) and table rows of label and value cells."""
    found: dict[str, tuple[str, _Line]] = {}
    labels = _meta_labels()
    ne = _nonempty(lines)
    for i, ln in enumerate(ne):
        m = _LABEL_RE.match(ln.text)
        if m and _label_key(m["label"]) in labels:
            field = labels[_label_key(m["label"])][0]
            if field in found:
                continue
            if m["value"]:
                found[field] = (m["value"].strip(), ln)
            elif i + 1 < len(ne) and not (_LABEL_RE.match(ne[i + 1].text)
                                          and _label_key(_LABEL_RE.match(ne[i + 1].text)["label"]) in labels):
                found[field] = (ne[i + 1].text, ne[i + 1])
            continue
        if " | " not in ln.text:
            continue
        cells = [c.strip() for c in ln.text.split("|")]
        for k, cell in enumerate(cells):
            fields = labels.get(_label_key(cell)) if cell else None
            for field, value in zip(fields or [], cells[k + 1:]):
                if value and field not in found:
                    found[field] = (value, ln)
    return found


# --- the header of a legal document ------------------------------------------------

# The national motto of a header: the country's name in capitals, then "Độc lập - Tự do
# - Hạnh phúc" (the name alone also stands in running text and titles).
_MOTTO_RE = re.compile(
    r"CỘNG\s+H(?:ÒA|OÀ|OA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM\W{0,20}(?i:Độc\s+lập\s*[-–]\s*Tự\s+do)"
    r"|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM(?=\W{0,20}(?:\*|\n|$|[^\W\d_]+,\s*ngày))")  # a Party document
# "Số: 12/QĐ-UBND"; a law or resolution writes its type first: "Luật số: 64/2025/QH15".
_NUMBER_LINE_RE = re.compile(r"[Ss][ốỐ]\s*:\s*(?=\d)")
_HEADER_REACH = 6000  # the header stands at the top, after a crawled page's preamble
_DATE_LINE_RE = re.compile(
    r"(?P<place>[^\W\d_][^,;:|*\n]{0,40}?)\s*,\s*(?:ngày|NGÀY)\s+(?:" + cal.NUM_DAY_CORE + "|" + cal.WORD_DAY + ")",
)
_PASSED_RE = re.compile(r"(?i:này)\s+được\s+[^.]{0,200}?(?i:thông\s+qua)\s+(?i:ngày)\s+(?i:" + cal.WORD_DAY + ")")
_AUTHORITY_RE = re.compile(r"^(?:KT|TM|TL|TUQ|Q|K/T|T/M)\s*\.\s*", re.I)


def _own_number(doc: Doc, lines: list[_Line], meta: dict) -> tuple[str | None, list[tuple[int, int]]]:
    spans: list[tuple[int, int]] = []
    number = None
    for m in _NUMBER_LINE_RE.finditer(doc.flat, 0, _HEADER_REACH):
        line_start = doc.text.rfind("\n", 0, m.start()) + 1
        before = doc.text[line_start:m.start()].strip(_DEBRIS)
        if before and not sy.canonical_type(before):
            continue  # "Số:" opens its line in a header, after the type in a law ("Luật số:")
        sm = sy.SYMBOL_NUMBER_RE.match(doc.flat, m.end())
        if sm:
            number = number or sy.normalize_number(sm.group())
            spans.append(sm.span())
            break
    if "number" in meta:
        value, ln = meta["number"]
        i = doc.text.find(value, ln.start)
        if i >= 0:
            spans.append((i, i + len(value)))
        number = number or sy.normalize_number(value)
    return number, spans


def _place(doc: Doc, start: int, end: int) -> str | None:
    """The place before ", ngày", which may wrap ("Hà\\nNội"): the last pieces of it that
    hold only words (not the number line, the motto or debris above it)."""
    words_: list[str] = []
    pos = end
    for piece in reversed(doc.text[start:end].split("\n")):
        line_start = doc.text.rfind("\n", 0, pos - len(piece)) + 1
        whole = doc.flat[line_start:pos]
        pos -= len(piece) + 1
        piece = piece.strip(_DEBRIS)
        if (not piece or re.search(r"[\d/:|\-]", piece) or len(words_) + len(piece.split()) > 5
                or (words_ and _MOTTO_TAIL_RE.search(whole))):
            break
        words_[:0] = piece.split()
    return " ".join(words_) or None


_MOTTO_TAIL_RE = re.compile(r"(?i:hạnh\s+phúc|độc\s+lập|tự\s+do)")


@cache
def _stamp_words() -> frozenset[str]:
    return frozenset(words("received_stamps"))


@cache
def _body_heads() -> tuple[str, ...]:
    """Words that open a body's name (case-folded, longest first), from the register: the
    heads of units ("Sở", "Ủy ban nhân dân", "Công an"), the names of bodies that stand
    alone ("Chính phủ") and the heads of committees ("Ban Chỉ đạo", "Tổ giúp việc": a
    head that needs a committee word after it is taken with each of them)."""
    heads = {h for h, _ in register.unit_heads()}
    heads |= {b.name for b in register.bodies() if b.kind in ("government", "assembly", "party")}
    committee_words = register.words("committee_words")
    for row in register.committee_heads():
        if row["next"] == "words":
            heads |= {f"{row['head']} {w}" for w in committee_words}
        else:
            heads.add(row["head"])
    return tuple(sorted({h.casefold() for h in heads}, key=len, reverse=True))


@cache
def _body_heads_folded() -> tuple[str, ...]:
    return tuple(sy.fold(h) for h in _body_heads())


def _opens_body(text: str) -> bool:
    """Whether `text` opens with the head of a body's name (marks aside: "UY BAN NHÂN DÂN")."""
    low = sy.fold(" ".join(text.split()))
    return any(low == h or low.startswith(h + " ") for h in _body_heads_folded())


@cache
def _short_heads() -> frozenset[str]:
    """Heads of a body's name of two letters ("BỘ", "SỞ"), which a wrapped header puts alone."""
    return frozenset(h for h in _body_heads() if len(h) <= 2)


def _caps_block(doc: Doc, lines: list[_Line], i: int) -> list[str]:
    """The lines in capitals ending at line `i` (blank and rule lines before them skipped),
    without a received stamp ("CÔNG VĂN ĐẾN" and the receiver's name above it) and
    without scraps of two letters or fewer (a scan's specks)."""
    got: list[str] = []
    while i >= 0 and (not lines[i].text or re.fullmatch(r"[-=_ ]+", lines[i].text)):
        i -= 1
    stamp = False
    while i >= 0 and len(got) < 6:
        raw = doc.text[lines[i].start:lines[i].end].strip()
        text = lines[i].text
        if raw and not raw.strip("*_ "):  # a stray "**" of bold that wrapped
            i -= 1
            continue
        if not text or re.fullmatch(r"[-=_ ]+", text) or not text.isupper():
            break
        if text.casefold() in _stamp_words():
            stamp, got = True, []
        elif stamp:
            stamp = False  # the receiver's name
        elif len(text.replace(" ", "")) > 2 or text.casefold() in _short_heads():
            got.insert(0, text)
        i -= 1
    return got


_ABBR_RE = re.compile(r"^[A-ZĐ][A-ZĐ&]{1,6}$")


def issuer_name(block: list[str], doc: Doc) -> str | None:
    """The issuing body named by the issuer block of a header (its lines in capitals,
    top to bottom). The one place where a header's issuer gets its name.

    Where the block names a superior body and then the issuer ("UBND TỈNH LÂM ĐỒNG /
    SỞ NỘI VỤ"; "BỘ TÀI CHÍNH / TỔNG CỤC THUẾ"), the issuer is the last body, with the
    place the superior's name ends in where its own has none ("Sở Nội vụ tỉnh Lâm
    Đồng") or ends in a bare "TỈNH". Abbreviations the block uses ("KHCN, ĐMST") and a
    place it leaves out are taken from the name as the document's text writes it in full."""
    starts = [k for k, t in enumerate(block) if _opens_body(t)]
    if starts and not _position(" ".join(block[:starts[0]])) and not _opens_body(" ".join(block[:starts[0] + 1])):
        # capitals above the first body's name are not the issuer's (unless an office
        # that issues in its own name, "THỦ TƯỚNG / CHÍNH PHỦ", or the start of the name
        # a wrap cut, "VĂN / PHÒNG CHÍNH PHỦ"): on a scan, the signing
        # stamp's lines ("NHAN DAN TINH") that OCR reads among the header's
        block = block[starts[0]:]
        starts = [k - starts[0] for k in starts]
    superior: list[str] = []
    if len(starts) > 1 and register.canonical(" ".join(block)) is None:
        superior, block = block[:starts[-1]], block[starts[-1]:]
    if not block:
        return None
    block = _without_division(block)
    written = " ".join(block)
    name = _respelled(_written_in_full(sy.org_case(written), written, doc), doc)
    place = _place_of(sy.org_case(" ".join(superior))) if superior else None
    if place and not _place_of(name):
        unit = place.split()[0]
        name = f"{name} {place[len(unit) + 1:]}" if name.casefold().endswith(" " + unit) else f"{name} {place}"
    name = _as_written(name, doc)
    return register.canonical(name) or name


# (on the form without marks: a scan's "TĨNH LÂM ĐÓNG")
def _fold_in_place(text: str) -> str:
    """`sy.fold` of `text` character for character, so that offsets stay those of `text`
    (a character whose case-folded form is longer, "ß", is left as it is)."""
    folded = sy.fold(text)
    if len(folded) == len(text):
        return folded
    return "".join(f if len(f := sy.fold(c)) == 1 else c for c in text)


_CONTINUES_RE = re.compile(r"^(?:ve|va|cua|thuoc|truc thuoc|tinh|thanh pho|huyen|quan|thi xa|xa|phuong|"
                           r"thi tran|dac khu|khu vuc|[-–(,&])(?!\w)")


def _without_division(block: list[str]) -> list[str]:
    """The block without a line under a whole body's name that names a division or a
    team of it ("PHÒNG VĂN HÓA - XÃ HỘI" / "CẢI CÁCH HÀNH CHÍNH, KHOA HỌC CÔNG NGHỆ"):
    a line that does not go on with the name (by "về", "và", a place ...) after lines
    the register knows as a body's whole name."""
    for k in range(1, len(block)):
        if (register.canonical(" ".join(block[:k])) and not register.canonical(" ".join(block[:k + 1]))
                and not _CONTINUES_RE.match(sy.fold(block[k])) and not _opens_body(block[k])):
            return block[:k]
    return block


def _with_place(name: str, place: str | None, doc: Doc) -> str:
    """A local office's name without a place ("Phòng Văn hóa - Xã hội") with the place of
    its date line, which is where the office sits (Decree 30/2020/NĐ-CP, Appendix I), as
    the text writes it with its unit ("xã Phù Mỹ Bắc")."""
    if not place or _place_of(name) or not name.split()[0] in _LOCAL_HEADS:
        return name
    if any(b.name == name for b in register.bodies()):
        return name
    m = re.search(r"(?<!\w)(" + "|".join(sorted(sy.ADMIN_UNITS, key=len, reverse=True)) + r")\s+"
                  + r"\s+".join(map(re.escape, place.split())) + r"(?!\w)", doc.flat[:60_000])
    return f"{name} {m.group(1)} {place}" if m else name


# heads of offices of a locality (a province's departments, a commune's offices): not "Bộ"
_LOCAL_HEADS = frozenset({"Sở", "Phòng", "Công an", "Chi cục", "Trung tâm", "Ban"})


def _as_written(name: str, doc: Doc) -> str:
    """`name` as the document's running text writes it most often, where it does: the
    text knows which words of a name are capitalized ("Tổ giúp việc về Cải cách hành
    chính tỉnh Lâm Đồng"), which capitals cannot tell, and how the words a scan's OCR
    misread in the header's capitals are spelled ("ĐIÊU TRA ... VẺ MA TÚY"). Compared
    without marks (`sy.fold` keeps every character's place)."""
    flat = doc.flat[:60_000]
    pat = r"(?<!\w)" + r"\s+".join(map(re.escape, sy.fold(name).split())) + r"(?!\w)"
    counts: dict[str, int] = {}
    for m in re.finditer(pat, _fold_in_place(flat)):
        found = " ".join(flat[m.start():m.end()].split())
        if not found.isupper() and found[:1].isupper():  # a name, not words of a sentence
            counts[found] = counts.get(found, 0) + 1
    return max(counts, key=lambda f: (counts[f], f == name)) if counts else name


_CAPITALIZED_RUN_RE = re.compile(r"(?<![^\W\d_])[A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+[A-ZĐÀ-Ỹ][^\W\d_]*){0,3}")


def _spellings(doc: Doc) -> dict[str, str]:
    """Capitalized names as the document's running text spells them most often, by their
    form without marks: how a scan's OCR-misread capitals in its header ("TỈNH LÂM ĐÔNG")
    get the name's spelling back from the body ("tỉnh Lâm Đồng", many times)."""
    if "name_spellings" not in doc.cache:
        counts: dict[str, dict[str, int]] = {}
        for line in doc.text[:60_000].split("\n"):
            if line.isupper():
                continue
            for m in _CAPITALIZED_RUN_RE.finditer(line):
                words_ = m.group().split()
                for n in range(1, len(words_) + 1):
                    for k in range(len(words_) - n + 1):
                        phrase = " ".join(words_[k:k + n])
                        by = counts.setdefault(sy.fold(phrase), {})
                        by[phrase] = by.get(phrase, 0) + 1
        doc.cache["name_spellings"] = {key: max(by, key=by.get) for key, by in counts.items()
                                       if max(by.values()) >= 2}
    return doc.cache["name_spellings"]


def _respelled(name: str, doc: Doc) -> str:
    """`name` with its place ("tỉnh Lâm Đông") spelled as the document's text spells it."""
    # on the unmarked form (same length), so that a misread unit ("Tĩnh") is found too
    units = sorted({sy.fold(u) for u in sy.ADMIN_UNITS if " " in u or len(u) > 2}, key=len, reverse=True)
    m = re.search(r"(?<!\w)(" + "|".join(map(re.escape, units)) + r")\s+([^\W\d_].*)$", sy.fold(name))
    if not m:
        return name
    spelled = _spellings(doc).get(m.group(2))
    unit = next(u for u in sy.ADMIN_UNITS if sy.fold(u) == m.group(1))
    return f"{name[:m.start(1)]}{unit} {spelled}" if spelled else name


_UNITS_RE = re.compile(r"(?<!\w)(" + "|".join(sorted(sy.ADMIN_UNITS, key=len, reverse=True))
                       + r")\s+((?:[A-ZĐÀ-Ỹ][^\W\d_]*\s*){1,4})$")


def _place_of(name: str) -> str | None:
    """The place a body's name ends in: "tỉnh Lâm Đồng" of "Ủy ban nhân dân tỉnh Lâm Đồng"."""
    m = _UNITS_RE.search(name.strip())
    return f"{m.group(1)} {m.group(2).strip()}" if m else None


def _written_in_full(name: str, written: str, doc: Doc) -> str:
    """The body's name as the document's text writes it in full, where the header shortens
    it with abbreviations ("KHCN, ĐMST") or leaves out its place."""
    words_ = name.split()
    abbrs = [k for k, w in enumerate(written.split()) if _ABBR_RE.match(w.strip(",;.")) and not quality.is_syllable(w.strip(",;."))
             and w.strip(",;.") not in sy.issuer_words()[2]]
    flat = doc.flat[:60_000]
    if abbrs and len(words_) == len(written.split()):
        head, tail = words_[:abbrs[0]], words_[abbrs[-1] + 1:]
        if head:
            pat = (r"(?<!\w)" + r"\s+".join(map(re.escape, head)) + r"\s+[^.;:\n]{3,160}?"
                   + (r"\s+" + r"\s+".join(map(re.escape, tail)) if tail else "") + r"(?!\w)")
            for m in re.finditer(pat, flat, re.I):
                if not any(_ABBR_RE.match(w.strip(",;.")) for w in m.group().split()[len(head):]):
                    name = doc.value(*m.span())
                    break
    if _place_of(name) or name.casefold() in sy.known_bodies():
        return name
    # the place on the same line, in capitalized words ("... tỉnh Lâm Đồng", not the
    # capitals of the next line that flattening glues to it)
    m = re.search(r"(?i:(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r")[ \t]+((?i:tỉnh|thành phố)"
                  r"(?:[ \t]+(?!\w*[A-ZĐ]\w*[A-ZĐ])[A-ZĐÀ-Ỹ][^\W\d_]*){1,3})(?!\w)", doc.text[:60_000])
    return f"{name} {' '.join(m.group(1).split())}" if m else name


@cache
def _positions() -> dict[str, str]:
    """Job titles of the register, by their case-folded form."""
    return {p.casefold(): p for p, _ in register.positions()}


@cache
def _positions_folded() -> dict[str, tuple[str, ...]]:
    """Titles by their form without marks: several where only marks tell them apart
    ("Thứ trưởng", "Thủ trưởng")."""
    out: dict[str, tuple[str, ...]] = {}
    for p, _ in register.positions():
        out[sy.fold(p)] = out.get(sy.fold(p), ()) + (p,)
    return out


def _title(key: str) -> str | None:
    """The register's title written as `key` (case-folded), or misread in its marks by a
    scan's OCR ("PHO THỦ TƯỜNG"): of titles alike without marks, the one with most marks in common."""
    if key in _positions():
        return _positions()[key]
    alike = _positions_folded().get(sy.fold(key))
    if not alike:
        return None
    return min(alike, key=lambda p: sum(a != b for a, b in zip(p.casefold(), key)))


def _position(text: str) -> str | None:
    """A signature block's position in the register's case: a title ("PHÓ CHỦ TỊCH"), or a
    title with the body it heads ("CHỦ TỊCH QUỐC HỘI", "GIÁM ĐỐC SỞ NỘI VỤ"); None for
    what is neither."""
    key = " ".join(text.split()).strip(" ,").casefold()
    title = _title(key)
    if title:
        return title
    words_ = key.split()
    for n in range(len(words_) - 1, 0, -1):
        title = _title(" ".join(words_[:n]))
        body = register.canonical(" ".join(text.split()[n:]).strip(" ,")) if title else None
        if body:  # a body the register knows, not any words after a title
            return f"{title} {body}"
    return None


def _position_case(text: str) -> str:
    key = " ".join(text.split()).strip(" ,")
    return _position(key) or key[:1].upper() + key[1:].casefold()


def _name_case(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split()) if text.isupper() else text


@cache
def _position_openers() -> frozenset[str]:
    return frozenset(p.split()[0].casefold() for p in _positions().values())


def _is_name(text: str) -> bool:
    """A person's name as a signature block writes it: two to five words, each
    capitalized ("Nguyễn Đức Tâm", "HỒ QUỐC DŨNG")."""
    toks = text.split()
    # (a word of one letter is a scan's speck, unless an initial: "A.")
    if not 2 <= len(toks) <= 5 or not all(t[0].isupper() and t.rstrip(".").isalpha() and (len(t) > 1 or t.endswith("."))
                                          for t in toks):
        return False
    if _AUTHORITY_RE.match(text) or sy.fold(text) in _positions_folded():
        return False
    if text.split()[0].casefold() in _position_openers():
        return False  # "PHÓ GIÁM ĐỐC THƯỜNG TRỰC": a position the list does not hold
    heads = [h.casefold() for h in sy.issuer_words()[0] + sy.issuer_words()[1]]
    low = text.casefold()
    return not any(low.startswith(h + " ") or (" " + h + " ") in low for h in heads)


_SIGNED_MARK_RE = re.compile(r"\(?(?:đã ký|đã ký và đóng dấu|ký)\)?", re.I)


def _is_position(text: str) -> bool:
    return _position(_AUTHORITY_RE.sub("", text)) is not None


def _signer(lines: list[_Line], from_line: int) -> Signer | None:
    """The signature block: an authority line ("KT. BỘ TRƯỞNG") or a position, then
    perhaps more of them ("TM. ỦY BAN / NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"); the
    name is the first name after the last of them, the position the line above it.
    On a scan, the seal and the signature between them come out as lines of debris
    ("⁄ mm ¬", "4`: ẹ"), and specks stick to the lines' ends ("x—GIÁM ĐÓC"): these are
    passed over, up to a line of running text."""
    # the list of recipients ("Nơi nhận: / - Như trên; / - Lưu: VT") beside the block,
    # which flattening interleaves with it, is no part of it
    ne = [_Line(ln.start, ln.end, _despeckled(ln.text)) for ln in lines[from_line:]
          if ln.text and not _RECIPIENT_RE.match(ln.text)]
    ne = [ln for ln in ne if ln.text]
    for i, ln in enumerate(ne):
        label = _is_label(ln.text)
        if not _AUTHORITY_RE.match(ln.text) and not _is_position(ln.text) and not label:
            continue
        block = [b for b in ne[i:i + 8] if not _SIGNED_MARK_RE.fullmatch(b.text)]
        last = max(k for k, b in enumerate(block)
                   if _AUTHORITY_RE.match(b.text) or _is_position(b.text) or _is_label(b.text))
        block = [b for b in ne[i:i + last + 1 + _NAME_REACH] if not _SIGNED_MARK_RE.fullmatch(b.text)]
        # the name may wrap over two lines ("**Trần\nChí Hùng**")
        for j in range(last + 1, len(block)):
            wrapped = all(quality.is_syllable(t) for t in block[j].text.split())  # not a speck's line
            for name in (block[j].text, " ".join(b.text for b in block[j:j + 1 + wrapped])):
                rank = _RANK_RE.match(sy.fold(name))  # fold keeps every character's place
                name = name[rank.end():] if rank and name[rank.end():][:1].isupper() else name
                if _is_name(name):
                    above = block[last].text
                    position = None if (_AUTHORITY_RE.match(above) and not _is_position(above)) or _is_label(above) \
                        else _position_case(_AUTHORITY_RE.sub("", above))
                    return Signer(name=_name_case(name), position=position)
            if _is_running_text(block[j].text):
                break
    return None


_NAME_REACH = 12  # lines after the last position where the name may stand (a scan's seal between)
_SPECK_RE = re.compile(r"^(?:[^\w(]|_)+|(?<=\w)(?:[^\w.)]|_)+$|^[a-z](?:[^\w\s]|_)+(?=[A-ZĐÀ-Ỹ])")


def _despeckled(text: str) -> str:
    """A line without the specks a scan's OCR sticks to its ends ("`“ “Nguyễn Ngọc Phúc",
    "x—GIÁM ĐÓC", "_——. Nguyễn Văn Cường") nor quotes inside its words ("Thạch “Cảnh")."""
    text = re.sub(r"[“”\"`]", "", text)
    for _ in range(2):
        text = _SPECK_RE.sub("", text).strip()
    return text


def _is_running_text(text: str) -> bool:
    """A line of words in running case: a sentence, not debris nor a name."""
    toks = text.split()
    return not text.isupper() and len(toks) >= 4 and sum(quality.is_syllable(t.strip(".,;:")) for t in toks) >= 0.75 * len(toks)


_RECIPIENT_RE = re.compile(r"^(?:[-+•]\s|(?i:nơi\s+nhận)|(?i:lưu)\s*:?\s*VT)")
# (without marks, as a scan's OCR may misread them: "Thiểu tướng")
_RANK_RE = re.compile(r"^(?:" + "|".join(r"\s+".join(map(re.escape, sy.fold(r).split())) for r in words("official_ranks"))
                      + r")\s+(?=\w)")


def _is_label(text: str) -> bool:
    return text.rstrip(":").casefold() in {w.casefold() for w in words("signature_labels")}


_SUMMARY_STOP_RE = re.compile(r"^(?:căn cứ|theo đề nghị|kính gửi|điều \d|nơi nhận)", re.I)


_CAPS_TYPE_RE = re.compile(r"(?P<type>" + sy.type_words_pattern(cased=True) + r")\s+(?P<rest>[^\W\d_].*)$")
_GLUED_TYPE_RE = re.compile(r"(?P<type>[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]+?)\s+(?P<rest>(?:"
                            + "|".join(map(re.escape, words("summary_openers"))) + r")\s.+)$")


@cache
def _types_folded() -> dict[str, str]:
    """Type words by their form without marks, where that form is one type's only."""
    by: dict[str, list[str]] = {}
    for row in sy.types():
        by.setdefault(sy.fold(row["type"]), []).append(row["type"])
    return {k: v[0] for k, v in by.items() if len(set(v)) == 1}


def _type_of(text: str) -> str | None:
    """The type a type line in capitals names, its marks misread by a scan's OCR or not
    ("QUYÉT ĐỊNH")."""
    return sy.canonical_type(text) or _types_folded().get(sy.fold(" ".join(text.split())))


def _type_and_summary(doc: Doc, lines: list[_Line], start: int) -> tuple[str | None, str | None, int]:
    """After the date line: the type in capitals and the summary lines under it."""
    ne = [(k, ln) for k, ln in enumerate(lines[start:], start) if ln.text]
    for idx, (k, ln) in enumerate(ne[:8]):
        t = _type_of(ln.text.rstrip(":")) if ln.text.isupper() else None
        glued = None if t else _GLUED_TYPE_RE.match(ln.text)
        if glued and sy.canonical_type(glued["type"]):
            # "**NGHỊ ĐỊNH**Quy định về ...": the summary glued to its type on one line
            return sy.canonical_type(glued["type"]), glued["rest"], k
        caps = None if t or not ln.text.isupper() else _CAPS_TYPE_RE.match(ln.text)
        if caps and len(caps["rest"].split()) >= 2 and sy.canonical_type(caps["type"]):
            # "BÁO CÁO CÔNG TÁC TUẦN 02 THÁNG 6": a report's type and summary in one line of capitals
            return sy.canonical_type(caps["type"]), caps["rest"], k
        if not t:
            continue
        summary: list[str] = []
        prev = k
        mixed = False
        for k2, ln2 in ne[idx + 1: idx + 8]:
            raw = doc.text[lines[k2].start:lines[k2].end].strip()
            bold = raw.startswith("**") and raw.endswith("**") and not summary
            # the summary is in capitals, or (a PDF's text layer) in running case right
            # under the type, up to the rule line or "Căn cứ"
            running = not summary and k2 == k + 1 and not ln2.text.isupper() and not bold
            if running:
                mixed = True
            if ((not ln2.text.isupper() and not bold and not (mixed and not ln2.text.isupper()))
                    or _SUMMARY_STOP_RE.match(ln2.text) or k2 > prev + 1 and summary
                    or (summary and "**" in raw) or (mixed and ln2.text.isupper())):
                break
            summary.append(ln2.text)
            prev = k2
            if mixed and ln2.text.endswith(".") and len(ln2.text) > 60:
                break  # a sentence of the body: a summary ends without a full stop
        return t, " ".join(summary) or None, prev
    return None, None, start


def _enacted_name(doc: Doc, type_: str, pos: int) -> str | None:
    """A law or ordinance has no summary under its type: its name stands in the enacting
    clause after the grounds ("Quốc hội ban hành Luật Đầu tư công.")."""
    pat = r"ban\s+hành\s+" + re.escape(type_).replace(r"\ ", r"\s+") + r"\s+(?P<n>[^\W\d_][^.;:]{2,200}?)\s*\."
    m = re.search(pat, doc.flat[pos:pos + 4000])
    return doc.value(pos + m.start("n"), pos + m.end("n")) if m else None


def _vv_summary(doc: Doc, lines: list[_Line], lo: int, hi: int) -> str | None:
    """An official letter's summary "V/v ..." under its number, over its wrapped lines."""
    for k in range(lo, min(hi, len(lines))):
        if re.match(r"V/v\b", lines[k].text, re.I):
            parts = [lines[k].text]
            for ln in lines[k + 1:k + 4]:
                raw = doc.text[ln.start:ln.end]
                if (not ln.text or ", ngày" in ln.text or raw.startswith(("**", "|"))
                        or doc.text[lines[k].start:lines[k].end].rstrip().endswith("*") and len(parts) == 1
                        and doc.text[lines[k].start:lines[k].end].count("*") >= 2):
                    break
                parts.append(ln.text)
                if raw.rstrip().endswith("*"):
                    break
            return " ".join(parts)
    return None


_TYPE_START_RE = re.compile(r"(?:" + sy.type_words_pattern() + r")(?!\w)")
_WORDS_RE = re.compile(r"[^\W\d_]+")


def _names_in_text(doc: Doc) -> dict[str, str]:
    """Names and abbreviations as the document's running text writes them, by their
    lower-case form: how a summary in capitals gets its proper nouns back. A name is two
    to four capitalized words after a lower-case one ("tỉnh Bắc Ninh", "của Sở Tư pháp"),
    not a type word ("ban hành Quyết định"); an abbreviation is in capitals ("UBND")."""
    out: dict[str, str] = {}
    for line in doc.text[:40000].split("\n"):
        if line.isupper():
            continue
        toks = [(m.group(), m.start(), m.end()) for m in _WORDS_RE.finditer(line)]
        k = 1
        while k < len(toks):
            w = toks[k][0]
            if 2 <= len(w) <= 6 and w.isupper():
                out.setdefault(w.lower(), w)
            j = k
            while j < len(toks) and j - k < 4 and toks[j][0][:1].isupper() and toks[j][0][1:].islower() \
                    and line[toks[j - 1][2]:toks[j][1]] == " ":
                j += 1
            if j - k >= 2 and toks[k - 1][0].islower() and line[toks[k - 1][2]:toks[k][1]] == " ":
                name = line[toks[k][1]:toks[j - 1][2]]
                if not _TYPE_START_RE.match(name):  # "ban hành Quyết định": a type, and a verb too
                    out.setdefault(name.lower(), name)
            k = max(j, k + 1)
    return out


def _sentence_case(summary: str, doc: Doc | None = None) -> str:
    """A summary written in capitals, in the case of running text: document numbers as
    written, names of bodies and type words before a number restored, and the names and
    abbreviations the document's text writes ("tỉnh Bắc Ninh", "UBND"). A summary already
    in running case is left as it is."""
    if not summary.isupper():
        # "Về việc ..." under the type reads "Nghị quyết về việc ..."
        return summary[:1].lower() + summary[1:] if summary[1:2].islower() else summary
    low = " ".join(w if any(c.isdigit() for c in w) else w.lower() for w in summary.split())
    known = sy.known_bodies()
    for k in sorted((k for k in known if " " in k), key=len, reverse=True):  # "ban" alone is a verb too
        low = re.sub(r"(?<!\w)" + re.escape(k) + r"(?!\w)", known[k], low)
    if doc is not None:
        for k, name in sorted(_names_in_text(doc).items(), key=lambda kv: -len(kv[0])):
            if k in low:
                low = re.sub(r"(?<![\wÀ-ỹ])" + re.escape(k) + r"(?![\wÀ-ỹ])", name, low)
    return re.sub(r"(?<!\w)(" + sy.type_words_pattern(cased=True) + r")(?=\s+(?:số\s+)?\d)",
                  lambda m: sy.canonical_type(m.group(1)) or m.group(1), low)


# --- news -----------------------------------------------------------------------------

_FRONT_TITLE_RE = re.compile(r"^title:\s*\"?\s*(?:\[[^\]]*\]\s*)?(.*?)\"?\s*$", re.M)
_FRONT_DATE_RE = re.compile(r"^date:\s*(.+)$", re.M)
_STAMP_RE = re.compile(
    r"^\W*(?:ngày\s+giờ|giờ|ngày|thời\s+gian)\s+(?:đăng|xuất\s+bản|cập\s+nhật)[^:\n]{0,30}:\s*(.+)$", re.I | re.M)
_DATELINE_RE = re.compile(
    r"^(?:(?:" + cal.alternation("weekday") + r")\s*,?\s*)?" + cal.NUM_DAY
    + r"(?:\s*[-,|]?\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*\(?GMT[+\-]?\d*\)?)?$", re.I)
_BYLINE_LABEL_RE = re.compile(r"^(?:tác\s+giả|bài(?:\s+và\s+ảnh)?|người\s+viết)\s*:\s*(.+)$", re.I)
_BYLINE_SUFFIX_RE = re.compile(r"\s*\((?:ghi|tổng hợp|lược dịch|theo [^)]*)\)\s*$", re.I)
_BYLINE_RE = re.compile(r"(?:[^\W\d_]\.\s?)?(?:[^\W\d_]+\.?\s?){1,4}")
_AUTHORS_SEP_RE = re.compile(r"\s*[-–,]\s*|\s+và\s+")
_HONORIFICS = ("ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "đồng chí")


def _first_day(text: str) -> str | None:
    m = re.search(cal.NUM_DAY, text)
    if m:
        return cal.day_from_match(m)
    m = re.search(r"(?P<d>\d{1,2})\s+(?P<mon>" + cal.alternation("month_en") + r")[a-z]*\.?\s+(?P<y>" + cal.YEAR + ")", text)
    if m:
        return cal.iso_day(int(m["y"]), int(cal.words("month_en")[m["mon"]]), int(m["d"]))
    m = re.search(r"(" + cal.YEAR + r")-(\d{2})-(\d{2})", text)
    return cal.iso_day(int(m[1]), int(m[2]), int(m[3])) if m else None


def _news_title(doc: Doc, lines: list[_Line]) -> str | None:
    m = _FRONT_TITLE_RE.search(doc.text[:2000]) if doc.text.startswith("---") else None
    if m and m.group(1).strip():
        return m.group(1).strip()
    ne = _nonempty(lines)
    raw = [ln for ln in lines if ln.text or "=" in doc.text[ln.start:ln.end]]
    if not ne:
        return None
    first = ne[0]
    if _SELF_REF_RE.match(first.text):
        return None  # "Nghị quyết này quy định ...": the body of a document, not a headline
    if doc.text[first.start:first.end].lstrip().startswith("#"):
        return first.text
    k = raw.index(first)
    if k + 1 < len(raw) and re.fullmatch(r"\s*={3,}\s*", doc.text[raw[k + 1].start:raw[k + 1].end]):
        return first.text
    if len(first.text) <= 200 and not first.text.endswith((".", ":", "…", "!", ";")):
        return first.text
    return None


def _news_date(doc: Doc, lines: list[_Line]) -> str | None:
    if doc.text.startswith("---"):
        m = _FRONT_DATE_RE.search(doc.text[:2000])
        if m and _first_day(m.group(1)):
            return _first_day(m.group(1))
    m = _STAMP_RE.search(doc.text)
    if m and _first_day(m.group(1)):
        return _first_day(m.group(1))
    for ln in _nonempty(lines)[:6]:
        if _DATELINE_RE.match(ln.text):
            return _first_day(ln.text)
    return None


def _news_author(doc: Doc, lines: list[_Line]) -> str | None:
    for ln in lines:
        m = _BYLINE_LABEL_RE.match(ln.text)
        if m:
            return _BYLINE_SUFFIX_RE.sub("", m.group(1)).strip() or None
    ne = _nonempty(lines)
    best = None
    tail = len(doc.text) * 0.55  # a byline closes the article
    for i in range(1, len(ne)):
        if ne[i].start < tail or doc.text[ne[i].start:ne[i].end].lstrip().startswith("#"):
            continue
        text = _BYLINE_SUFFIX_RE.sub("", ne[i].text).strip()
        # several authors: "Nguyễn Tâm - Hải Tú", "Thu Hà, Minh Anh"
        parts = _AUTHORS_SEP_RE.split(text)
        if (len(ne[i - 1].text) >= 80 and 3 <= len(text) <= 30 * len(parts) and len(parts) <= 3
                and all(_BYLINE_RE.fullmatch(p) and _looks_like_byline(p) for p in parts)):
            best = text
    return best


def _looks_like_byline(text: str) -> bool:
    """"Thu Hương", "N.Linh", "T Kiên": every word capitalized, not all capitals, two
    words or an initial, no honorific ("Ông ..." is a quote, not a byline)."""
    toks = text.replace(".", ". ").split()
    if text.isupper() or not all(t[0].isupper() and (t[1:].islower() or t[1:] in ("", ".")) for t in toks):
        return False
    if len(toks) < 2 or toks[0].casefold() in _HONORIFICS:
        return False
    return _is_name_like(text)


def _is_name_like(text: str) -> bool:
    heads = [h.casefold() for h in sy.issuer_words()[0] + sy.issuer_words()[1]]
    low = text.casefold()
    return not any(low == h or low.startswith(h + " ") for h in heads) and not low.startswith(("theo ", "nguồn", "ảnh"))


# --- kind for texts without a header ---------------------------------------------

_SELF_REF_RE = re.compile(r"(" + sy.type_words_pattern(cased=True) + r")\s+này(?!\w)")


def _self_reference_kind(doc: Doc) -> str | None:
    """A text that calls itself "Kết luận này" three times is that document."""
    counts: dict[str, int] = {}
    for m in _SELF_REF_RE.finditer(doc.flat):
        t = sy.canonical_type(m.group(1))
        if t and m.group(1)[0].isupper() and not (m.start() and doc.flat[m.start() - 1].isalnum()):
            counts[t] = counts.get(t, 0) + 1
    if counts:
        t = max(counts, key=counts.get)
        first = next((ln for ln in doc.flat.split("  ") if ln.strip()), "")[:600]
        # "Ngày 9/9, Phó Thủ tướng đã ký Nghị quyết số 05/2025/NQ-CP ...": news about that
        # document, which it then quotes; the document itself does not open that way
        reported = re.search(r"(?<!\w)(?i:" + re.escape(t).replace(r"\ ", r"\s+") + r")\s+(?:(?i:số)\s+)?\d", first)
        if counts[t] >= 3 and not reported:
            return sy.kind_of_type(t)
    return None


def _header_prefix(before: str) -> bool:
    """What may stand before the motto on its line: debris, or a header's capitals."""
    rest = before.strip(_DEBRIS)
    return not rest or rest.isupper()


@dataclass
class _Parts:
    """Where the parts of a header stand among the pieces (indexes), each found on its own."""
    motto: int | None = None        # the country's name, the motto or a Party document's name
    number: int | None = None       # "Số: ..." (its number may be blank in a draft)
    date: int | None = None         # "<place>, ngày ..." (its day may be blank)


_NUMBER_PIECE_RE = re.compile(rf"^(?:(?P<type>[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+)?) )?{_NUMBER_WORD}\s*[:.]?\s*"
                              r"(?=[\d/]|$|[^\s/]{1,5}\s?/[A-ZĐ])")
_DATE_PIECE_RE = re.compile(rf"^(?P<place>{_PLACE})\s*[,.]\s*(?i:ngày)(?![^\W\d_])")
_HEADER_DAY_RE = re.compile(r"(?i:ngày)\s*(?P<d>\d{1,2})\s*(?i:tháng)\s*(?P<m>\d{1,2})\s*,?\s*(?i:năm)\s*(?P<y>\d{4})")
_HEADER_PIECES = 60  # the header's parts stand among the first pieces of a document


# (a scan's OCR may garble a word of each: "CHỦ Nhì lL ề FT NAM", "Hạn] phúc")
_MOTTO_SPAN_RE = re.compile(rf"(?<!NƯỚC )(?<!nước )(?P<country>{_COUNTRY}"
                            r"|C[ỘỌÔO]NG\s+H[ÒOÓ][AÀ]?\s+X[ÃAÀ]\s+H[ỘỌÔO]I\s+CH[ỦUÚ]\b)"
                            rf"|(?P<party>{_PARTY})"
                            r"|(?i:Độc\s+lập\s*[-–—]?\s*Tự\s+do)(?:\s*[-–—]?\s*\S+\s+phúc)?"
                            r"|(?i:Tự\s+do\s*[-–—]\s*Hạnh\s+phúc)")


def _motto_spans(doc: Doc) -> list[tuple[int, int]]:
    """Where the header's motto stands, wrapped over lines as it may be: the country's
    name in capitals (not "nước CỘNG HÒA ..." naming it), "Độc lập - Tự do - Hạnh phúc",
    a Party document's "ĐẢNG CỘNG SẢN VIỆT NAM" standing on its own (not ending a
    committee's name: "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG CỘNG SẢN VIỆT NAM")."""
    spans = []
    for m in _MOTTO_SPAN_RE.finditer(doc.flat, 0, _HEADER_REACH):
        line_start = doc.text.rfind("\n", 0, m.start()) + 1
        before = doc.text[line_start:m.start()]
        gap = _CELL_GAP_RE.search(before[-4:] + "x") is not None
        # quoted in running text ("dòng chữ: CỘNG HÒA ..."), it is no header's
        if not gap and not _header_prefix(before) and not _MOTTO_SPAN_RE.match(before.strip(_DEBRIS + ",")):
            continue
        if m["party"] and before.strip(_DEBRIS) and not gap:
            continue
        spans.append(m.span())
    return spans


def _is_motto(pc: _Line, spans: list[tuple[int, int]]) -> bool:
    return any(a < pc.end and pc.start < b for a, b in spans)


def _find_parts(pieces: list[_Line], spans: list[tuple[int, int]]) -> _Parts:
    parts = _Parts()
    for k, pc in enumerate(pieces[:_HEADER_PIECES]):
        if pc.start >= _HEADER_REACH:
            break
        if _is_motto(pc, spans):
            if parts.motto is None:
                parts.motto = k
        elif parts.number is None and _NUMBER_PIECE_RE.match(pc.text) and (
                not _NUMBER_PIECE_RE.match(pc.text)["type"] or sy.canonical_type(_NUMBER_PIECE_RE.match(pc.text)["type"])):
            parts.number = k
        elif parts.date is None and _DATE_PIECE_RE.match(pc.text) and (parts.motto is not None or parts.number is not None):
            parts.date = k
    return parts


def _number_of(doc: Doc, piece: _Line) -> tuple[str | None, tuple[int, int] | None]:
    """The number of a number line and its span; (None, None) where it is left blank."""
    m = _NUMBER_PIECE_RE.match(doc.flat, 0) if False else None  # noqa: F841 - (kept simple below)
    head = _NUMBER_PIECE_RE.match(piece.text)
    # the number after "Số:" in the text itself, so that its span is the text's
    at = doc.flat.find(":", piece.start, piece.end)
    at = piece.start + len(head.group()) - 1 if at < 0 else at + 1
    sm = sy.SYMBOL_NUMBER_RE.search(doc.flat, at, piece.end)
    if sm and not doc.flat[at:sm.start()].strip(" ."):
        return sy.normalize_number(sm.group()), sm.span()
    return None, None


def _wrapped_place(doc: Doc, pieces: list[_Line], k: int, place: str) -> str:
    """The place of a date line, with its first word where a crawl wrapped it onto the line
    above ("*Hà" / "Nội, ngày ...")."""
    pc = pieces[k]
    if k and doc.text[pc.start - 1:pc.start] == "\n" or pc.start == 0:
        prev = pieces[k - 1] if k else None
        if (prev and len(prev.text.split()) == 1 and _PLACE_WORD and re.fullmatch(_PLACE_WORD, prev.text)
                and prev.end == pc.start - 1 and not doc.text[prev.start:prev.end].rstrip().endswith("*")):
            return f"{prev.text} {place}"
    return place


def _header_day(text: str) -> str | None:
    m = _HEADER_DAY_RE.search(text)
    if m:
        return cal.iso_day(int(m["y"]), int(m["m"]), int(m["d"]))
    m = re.search(r"(?i:ngày)\s+" + cal.NUM_DAY_CORE, text)
    return cal.day_from_match(m) if m else None


def _date_text(pieces: list[_Line], k: int) -> str:
    """The date line's text, with the pieces it wraps onto ("ngày 05 / tháng 3 năm 2024")."""
    text = pieces[k].text
    for pc in pieces[k + 1:k + 3]:
        if _HEADER_DAY_RE.search(text) or re.search(r"(?i:năm)\s*\d{4}", text):
            break
        text += " " + pc.text
    return text


def _legal_header(doc: Doc, lines: list[_Line], box: dict, number: str | None, own_spans: list,
                  warnings: list[str]) -> dict:
    pieces = _pieces(doc)
    spans = _motto_spans(doc)
    parts = _find_parts(pieces, spans)
    out: dict = {"number": number}
    if parts.number is not None and number is None:
        out["number"], span = _number_of(doc, pieces[parts.number])
        if span:
            own_spans.insert(0, span)
    # the issuer: the capitals of the left column, above the number line (the country's
    # name and motto, which flattening may interleave with them, left out), else above the motto
    left = [pc for pc in pieces[:_HEADER_PIECES] if not _is_motto(pc, spans)]
    block: list[str] = []
    if parts.number is not None:
        block = _caps_block(doc, left, left.index(pieces[parts.number]) - 1)
    if not block and parts.motto is not None:
        block = _caps_block(doc, pieces, parts.motto - 1)
    # the place and date line
    issued_on = place = None
    if parts.date is not None:
        text = _date_text(pieces, parts.date)
        place = _wrapped_place(doc, pieces, parts.date, _DATE_PIECE_RE.match(text)["place"])
        issued_on = _header_day(text)  # None where the day is left blank, as in a draft
    elif "date" not in box:
        # no date line in the header: some put it above the signature
        dm = next((m for m in _DATE_LINE_RE.finditer(doc.flat, pieces[parts.motto].end if parts.motto is not None else 0)
                   if not doc.text[doc.text.rfind("\n", 0, m.start("place")) + 1:m.start("place")].strip(_DEBRIS)), None)
        if dm:
            issued_on = cal.day_from_match(dm)
            place = _place(doc, dm.start("place"), dm.end("place"))
    if issued_on is None and parts.date is None and "date" in box:
        issued_on = _first_day(box["date"][0])
    if issued_on is None and parts.date is None:
        # an Assembly's resolution: "Nghị quyết này được Quốc hội ... thông qua ngày ..."
        pm = _PASSED_RE.search(doc.flat)
        issued_on = cal.day_from_match(pm) if pm else None
    if issued_on is None:
        issued_on = _signed_on(doc, _date_text(pieces, parts.date) if parts.date is not None else "")
    out["issued_on"], out["place"] = _plausible(issued_on, out["number"], warnings), place
    issuer = _with_place(issuer_name(block, doc), place, doc) if block and issuer_name(block, doc) else None
    if issuer is None and "issuer" in box:
        issuer = sy.org_case(box["issuer"][0]) if box["issuer"][0].isupper() else box["issuer"][0]
    if issuer is None and out["number"]:
        issuer = sy.issuer_from_symbol(out["number"], None)
    out["issuer"] = issuer
    # the type line and summary: after the date line, else after the number or the motto
    anchors = [k for k in (parts.date, parts.number, parts.motto) if k is not None]
    start_piece = pieces[max(anchors)] if anchors else None
    start = next((k for k, ln in enumerate(lines) if start_piece and ln.start <= start_piece.start <= ln.end), 0)
    start = start + 1 if anchors else 0
    type_, summary, after = _type_and_summary(doc, lines, start)
    if type_ is None:
        type_, summary, after = _type_and_summary(doc, _as_lines(pieces, start_piece), 0)
        after = next((k for k, ln in enumerate(lines) if ln.start >= (start_piece.end if start_piece else 0)), start)
    if type_ is None and "type" in box:
        type_ = sy.canonical_type(box["type"][0])
    if type_ is None and (out["number"] or parts.number is not None):
        type_ = sy.type_from_symbol(out["number"] or _blank_symbol(pieces[parts.number].text))
    vv = _vv_summary(doc, lines, max(0, start - 6), start + 6)
    if summary is None and vv:
        summary = "về " + vv[3:].strip(" :")
    name = None
    if type_ and summary is None and type_ in sy.named_types():
        name = _enacted_name(doc, type_, lines[start].start if start < len(lines) else 0)
    if type_:
        out["kind"] = sy.kind_of_type(type_)
        out["title"] = (f"{type_} {_sentence_case(summary, doc)}" if summary
                        else f"{type_} {name}" if name else type_)
    else:
        out["kind"], out["title"] = "other", None
    signer = _signer(_pieces_after(pieces, lines[after].start if after < len(lines) else 0), 0)
    if signer is None and "signer" in box and _is_name(box["signer"][0]):
        # (a signing certificate's "Người ký:" may name an office's portal, not a person)
        signer = Signer(name=box["signer"][0], position=box.get("position", (None,))[0])
    out["signer"] = signer
    return out


# A signing platform's stamp on an electronically signed document: "Thời gian ký:
# 13/11/2025", "Thời gian ký: 2025-10-09T16:52:54+07:00", "26.07.2021 16:39:39".
_SIGNED_AT_RE = re.compile(r"(?i:thời\s+gian\s+ký)\s*:\s*(?:(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})"
                           r"|(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2}))")


def _signed_on(doc: Doc, date_line: str) -> str | None:
    """The day an electronically signed document was signed, where its date line does not
    say (a scan's handwritten day, which OCR misreads): the signing platform stamps the
    signing time, and the office dates such a document the day it is signed. Taken only
    when the date line's legible year and month agree with it."""
    m = _SIGNED_AT_RE.search(doc.flat[:_HEADER_REACH])
    if not m:
        return None
    y, mo, d = (int(m["y"]), int(m["m"]), int(m["d"])) if m["y"] else (int(m["y2"]), int(m["m2"]), int(m["d2"]))
    year = re.search(r"(?i:năm)\s*(\d{4})", date_line)
    month = re.search(r"(?i:tháng)\s*(\d{1,2})(?!\w)", date_line)
    if (year and int(year[1]) != y) or (month and int(month[1]) != mo):
        return None
    return cal.iso_day(y, mo, d)


def _as_lines(pieces: list[_Line], after: _Line | None) -> list[_Line]:
    """The pieces after `after`, as lines for the type-and-summary reader."""
    k = pieces.index(after) + 1 if after is not None else 0
    return pieces[k:k + 30]


def _pieces_after(pieces: list[_Line], pos: int) -> list[_Line]:
    return [pc for pc in pieces if pc.start >= pos]


def _blank_symbol(text: str) -> str:
    """A draft's number line without its number ("Số: /QĐ-UBND"), as a number the symbol
    readers take ("0/QĐ-UBND")."""
    m = re.search(r"/\s*(\S.*)$", text)
    return "0/" + re.sub(r"\s+", "", m.group(1)) if m else ""


def _plausible(issued_on: str | None, number: str | None, warnings: list[str]) -> str | None:
    """The issue date, unless it cannot be the document's: later than next year, before
    the state's first documents (1945), or years away from the year in its number (an OCR
    "2055" for "2025"). Such a date is dropped with a warning, not kept silently."""
    if not issued_on:
        return issued_on
    year = int(issued_on[:4])
    this_year = date.today().year
    in_number = sy.year_of_number(number) if number else None
    why = None
    if year > this_year + 1:
        why = f"it is after {this_year + 1}"
    elif year < 1945:
        why = "it is before 1945"
    elif in_number and abs(year - in_number) > 1:
        why = f"the number {number} says {in_number}"
    if why:
        warnings.append(f"issue date {issued_on} of the header dropped: {why}")
        return None
    return issued_on


def recognize(doc: Doc) -> Document:
    meta = doc.meta
    lines = _lines(doc)
    box = _metadata(lines)
    number, own_spans = _own_number(doc, lines, box)
    doc.cache["own_number_spans"] = own_spans
    parts = _find_parts(_pieces(doc), _motto_spans(doc))
    legal = bool(number or box.get("number") or parts.motto is not None)

    kind = "news"
    title = issuer = issued_on = place = None
    signer = None
    author = meta.get("author")
    if legal:
        found = _legal_header(doc, lines, box, number, own_spans, doc.warnings)
        kind, title, number = found["kind"], found["title"], found["number"]
        issuer, issued_on, place, signer = found["issuer"], found["issued_on"], found["place"], found["signer"]
    else:
        title = meta.get("title") or _news_title(doc, lines)
        issued_on = meta.get("published") or _news_date(doc, lines)
        author = author or _news_author(doc, lines)
        if not title:
            kind = _self_reference_kind(doc) or "news"
    if meta.get("published") and not issued_on and not legal:
        issued_on = meta["published"]
    if issued_on and len(issued_on) > 10:
        issued_on = issued_on[:10]
    return Document(
        id=doc.id, source=doc.source, kind=kind, title=title, number=number, issuer=issuer,
        issued_on=issued_on, place=place, signer=signer, author=author if not legal else meta.get("author"),
        format=meta.get("format"), pages=meta.get("pages"),
        pages_without_text=meta.get("pages_without_text") or [],
        pages_ocr=meta.get("pages_ocr") or [],
    )
