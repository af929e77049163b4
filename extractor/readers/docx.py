"""DOCX: paragraphs and tables in body order (python-docx), with the first page's
header above them and its footer below where they hold words.

A Vietnamese decision's header is a two-column table (issuer and number left,
national motto and date line right). A table row becomes one line with " | "
between cells: in such a layout table a cell's paragraphs stay together, one line
each, so each cell's text remains the phrase it is; in a grid of data (a list of
members) a cell's lines are joined with spaces, so that each row is one line.

Runs in a legacy font (".VnTime" = TCVN3, "VNI-Times" = VNI) hold 8-bit codes
as Windows-1252 characters; they are converted to Unicode run by run.

A DOCX is a zip: its directory is checked against the limits (members, declared
sizes, compression ratio) before anything is decompressed, so a zip bomb is
refused without being inflated.
"""
from __future__ import annotations

import io
import re
import zipfile

from extractor.readers import ReadError, ReadResult
from extractor.readers.legacy import decode_font_text, font_encoding
from extractor.readers.limits import MB, Limits, unpack_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def check_zip(data: bytes, source: str, lim: Limits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as e:
        raise ReadError(source, f"corrupt or truncated DOCX (not a readable zip: {e})") from None
    if len(infos) > lim.max_zip_members:
        raise ReadError(source, f"DOCX with {len(infos)} zip members (limit {lim.max_zip_members})")
    total = sum(i.file_size for i in infos)
    if total > lim.max_unzipped:
        raise ReadError(source, f"DOCX would unpack to {total / MB:.0f} MB (limit {lim.max_unzipped / MB:.0f} MB): zip bomb?")
    for info in infos:
        if info.file_size > 1 * MB and info.file_size > lim.max_zip_ratio * max(info.compress_size, 1):
            raise ReadError(source, f"DOCX member {info.filename} is compressed {info.file_size // max(info.compress_size, 1)}:1: zip bomb?")
        if info.filename.endswith(".xml") and info.file_size > lim.max_xml_bytes:
            raise ReadError(source, f"DOCX member {info.filename} is {info.file_size / MB:.0f} MB of XML "
                                    f"(limit {lim.max_xml_bytes / MB:.0f} MB)")
    names = {i.filename.replace("\\", "/") for i in infos}
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise ReadError(source, "a zip archive without a Word document in it")


class _Fonts:
    """The font a run is drawn in: its own, its character style's, its paragraph style's
    (following based-on styles), or the document default."""

    def __init__(self, document):
        self.styles = {}
        styles_el = document.styles.element
        for st in styles_el.iterchildren(f"{W}style"):
            self.styles[st.get(f"{W}styleId")] = st
        self.default = None
        rpr_default = styles_el.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        if rpr_default is not None:
            self.default = self._own(rpr_default)
        self.converted = 0  # runs in a legacy font

    @staticmethod
    def _own(rpr) -> str | None:
        if rpr is None:
            return None
        fonts = rpr.find(f"{W}rFonts")
        if fonts is None:
            return None
        return fonts.get(f"{W}hAnsi") or fonts.get(f"{W}ascii")

    def style_font(self, style_id: str | None, depth: int = 0) -> str | None:
        st = self.styles.get(style_id) if style_id else None
        if st is None or depth > 20:  # based-on chains can loop in broken files
            return None
        own = self._own(st.find(f"{W}rPr"))
        if own:
            return own
        based = st.find(f"{W}basedOn")
        return self.style_font(based.get(f"{W}val"), depth + 1) if based is not None else None

    def run_font(self, run_el, para_style: str | None) -> str | None:
        rpr = run_el.find(f"{W}rPr")
        own = self._own(rpr)
        if own:
            return own
        if rpr is not None:
            rstyle = rpr.find(f"{W}rStyle")
            if rstyle is not None:
                font = self.style_font(rstyle.get(f"{W}val"))
                if font:
                    return font
        return self.style_font(para_style) or self.default


def _run_text(run_el) -> str:
    parts = []
    for child in run_el.iterchildren():
        tag = child.tag
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":  # "NĐ-CP" typed with a non-breaking hyphen
            parts.append("-")
    return "".join(parts)


def _paragraph(p, fonts: _Fonts, tables: list[list[str]], out: list[str], depth: int) -> None:
    """The paragraph's line, then the lines of text boxes anchored in it (each box's
    paragraphs on lines of their own, so that its text is not glued to the paragraph's)."""
    ppr = p.find(f"{W}pPr")
    style_el = ppr.find(f"{W}pStyle") if ppr is not None else None
    para_style = style_el.get(f"{W}val") if style_el is not None else None
    parts: list[str] = []
    boxes: list[str] = []

    def walk(el) -> None:
        # Runs also sit inside hyperlinks, smart tags, insertions and fields.
        for child in el.iterchildren():
            tag = child.tag
            if tag == f"{W}r":
                text = _run_text(child)
                if text:
                    font = fonts.run_font(child, para_style)
                    if font_encoding(font):
                        fonts.converted += 1
                        text = decode_font_text(text, font)
                    parts.append(text)
                walk(child)  # a drawing in the run may hold a text box
            elif tag == f"{W}txbxContent":
                _blocks(child, fonts, tables, boxes, depth + 1)
            elif tag == f"{MC}Fallback":
                continue  # the same text box again, for old Word versions
            elif isinstance(tag, str):
                walk(child)

    walk(p)
    out.append("".join(parts))
    out.extend(boxes)


def _blocks(container, fonts: _Fonts, tables: list[list[str]], out: list[str], depth: int = 0) -> None:
    """Lines of the paragraphs and tables directly in `container` (body, cell, content control)."""
    if depth > 30:  # tables nested this deep are a hostile file, not a document
        return
    for el in container.iterchildren():
        if el.tag == f"{W}p":
            _paragraph(el, fonts, tables, out, depth)
        elif el.tag == f"{W}tbl":
            _table(el, fonts, tables, out, depth)
        elif el.tag == f"{W}sdt":
            content = el.find(f"{W}sdtContent")
            if content is not None:
                _blocks(content, fonts, tables, out, depth + 1)


def _table(tbl, fonts: _Fonts, tables: list[list[str]], out: list[str], depth: int) -> None:
    """A table's rows, one line each with " | " between cells.

    A grid of data (three or more columns over two or more rows: a list of members, a
    schedule) keeps each row on one line, a cell's own line breaks read as spaces
    ("Phó Giám đốc (Thủ trưởng ...)"), so that a row is read whole. A layout table (a
    header's or a signature block's two columns) keeps each cell's lines: there every
    line is a part of its own ("ỦY BAN NHÂN DÂN" / "TỈNH LÂM ĐỒNG"; "PHÓ CHỦ TỊCH" /
    the signer's name)."""
    rows = list(tbl.iterchildren(f"{W}tr"))
    grid = len(rows) >= 2 and max(len(list(tr.iterchildren(f"{W}tc"))) for tr in rows) >= 3
    for tr in rows:
        cells = []
        for tc in tr.iterchildren(f"{W}tc"):
            lines: list[str] = []
            _blocks(tc, fonts, tables, lines, depth + 1)
            lines = [line.strip() for line in lines if line.strip()]
            cell = " ".join(" ".join(lines).split()) if grid else "\n".join(lines)
            if cell:
                cells.append(cell)
        if cells:
            tables.append(cells)
            out.append(" | ".join(cells))


def _forward_slashes(data: bytes) -> bytes:
    """The zip again with "/" in its member names where a tool wrote "\\" ("word\\document.xml"):
    Word opens such files, python-docx looks parts up by their proper names. `data` comes
    from `unpack_zip`: every member was already inflated within the limits."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        if not any("\\" in n for n in z.namelist()):
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
            for info in z.infolist():
                w.writestr(info.filename.replace("\\", "/"), z.read(info))
    return out.getvalue()


def _margins(document, fonts: _Fonts, tables: list[list[str]], which: str) -> list[str]:
    """Lines of the first section's page header or footer ("header"/"footer") that hold
    words: a running title or the issuer's name, not a page number alone."""
    if not document.sections:
        return []
    section = document.sections[0]
    part = getattr(section, f"first_page_{which}") if section.different_first_page_header_footer \
        else getattr(section, which)
    if part.is_linked_to_previous:  # no part of its own
        return []
    lines: list[str] = []
    _blocks(part._element, fonts, tables, lines, 1)
    return [ln for ln in lines if any(c.isalpha() for c in ln)]


def _title_agrees(title: str, text: str) -> bool:
    """A core-properties title is the document's only where its words stand in the body's
    opening: Word keeps the title of the file a document was copied from ("UBND TỈNH
    BÌNH THUẬN" in another province's letter), python-docx invents "Word Document"."""
    words = [w for w in re.findall(r"[^\W\d_]+", title.casefold()) if len(w) > 1]
    if len(words) < 2:
        return False
    opening = set(re.findall(r"[^\W\d_]+", text[:5000].casefold()))
    return sum(w in opening for w in words) >= 0.9 * len(words)


def read_docx(data: bytes, source: str, lim: Limits) -> ReadResult:
    import docx

    check_zip(data, source, lim)
    try:
        # sizes counted as members inflate (never the declared ones), then names made proper
        document = docx.Document(io.BytesIO(_forward_slashes(unpack_zip(data, source, lim))))
        fonts = _Fonts(document)
        tables: list[list[str]] = []
        lines: list[str] = []
        _blocks(document.element.body, fonts, tables, lines)
        lines = _margins(document, fonts, tables, "header") + lines + _margins(document, fonts, tables, "footer")
        title = document.core_properties.title
    except ReadError:
        raise
    except MemoryError:
        raise ReadError(source, "DOCX too large to read in memory") from None
    except Exception as e:  # noqa: BLE001 - python-docx raises many kinds on broken files
        cause = str(e).splitlines()[0][:160] if str(e) else ""
        raise ReadError(source, f"corrupt DOCX ({type(e).__name__}{': ' + cause if cause else ''})") from None
    meta: dict = {}
    text = "\n".join(lines).strip("\n")
    if title and _title_agrees(title, text):
        meta["title"] = " ".join(title.split())
    if tables:
        meta["tables"] = tables
    if fonts.converted:
        meta["encoding"] = "legacy fonts"
    return ReadResult(text=text, format="docx", meta=meta)
