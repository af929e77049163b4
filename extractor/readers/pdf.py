"""PDF: page text from the text layer, tables where pages have ruled tables, OCR
for pages without a text layer and for pages whose text layer is not readable text.

Page text is PDFium's own (pypdfium2), in the order of the page's content stream:
for Word/LibreOffice exports that keeps a table cell's text together, so a decision's
two-column header comes out column by column, and it never cuts a glyph run (laying
text out again from run boxes did: "Că Că n c ứ ứ"). Where a producer wrote a header
across the page, its parts share a line; the header recognizer reads them by their
parts. It reads about 200 pages a second (`bench/pdf_speed.py`). pdfplumber, slower, is
used only on pages drawn with many lines (ruled tables) to read their tables as rows
with " | " between cells, within a time budget per document.

Each page's text is checked (`quality.syllable_share`): a text layer in a legacy
Vietnamese font encoding is converted when a decoding makes it Vietnamese, else the
page goes to OCR, like a bad OCR layer under a scan; the warnings say which pages and why.

PDFium is not thread-safe: every call into it holds `PDFIUM_LOCK`.
"""
from __future__ import annotations

import io
import re
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from extractor.readers import ReadError, ReadResult
from extractor.readers import quality
from extractor.readers.legacy import _CP1252_EXTRA, DECODERS
from extractor.readers.limits import Deadline, Limits

PDFIUM_LOCK = threading.RLock()
TABLE_MIN_PATHS = 12      # path objects (ruling lines, cell borders) that make a page worth a table pass
MIN_CHECKED_WORDS = 30    # a page with fewer words is not judged by its share of syllables
GOOD_SHARE = 0.8          # clean pages have over 0.95 of syllables, broken layers under 0.6


def _open(data: bytes, source: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            raise ReadError(source, "password-protected PDF") from None
        if "format" in msg.lower() or "file" in msg.lower():
            raise ReadError(source, "corrupt or truncated PDF (PDFium cannot parse it)") from None
        raise ReadError(source, f"unreadable PDF ({msg})") from None


def _page_text(page) -> str:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        tail = _stamp_tail(textpage, text)
        if tail is not None:
            text = _splice(textpage, text, tail)
    finally:
        textpage.close()
    return _clean(text)


def _clean(text: str) -> str:
    # PDFium joins a line that ends in a hyphen to the next and writes U+FFFE (0x02 in
    # older builds) for the hyphen and the break: a hyphen of the text ("NĐ-" / "CP").
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\ufffe", "-\n").replace("\x02", "-\n")


_STAMP_TAIL_RE = re.compile(r"(?:\s+\d{1,6})+\s*$")


def _stamp_tail(textpage, text: str) -> int | None:
    """Where the page's text ends in numbers stamped into its blanks, or None.

    A document signed electronically is printed with blanks ("Số: /SNV-TCBC", "ngày
    tháng năm 2025"); the signing platform then writes the number and date over the
    blanks, after the page's own text in its content stream (or in signature fields,
    which flattening turns into such text). So the page's text ends in a few numbers
    that stand higher on the page than the text before them."""
    m = _STAMP_TAIL_RE.search(text[-80:])
    if not m or len(text) != textpage.count_chars():
        return None
    start = len(text) - 80 + m.start() if len(text) > 80 else m.start()
    first = start + len(text[start:]) - len(text[start:].lstrip())
    last_own = len(text[:start].rstrip()) - 1
    if last_own < 0:
        return None
    _, bottom, _, top = textpage.get_charbox(first)
    _, own_bottom, _, own_top = textpage.get_charbox(last_own)
    return first if bottom > own_top + 2 * max(top - bottom, 1.0) else None


def _splice(textpage, text: str, tail: int) -> str:
    """The page's text without its stamped tail, each stamped word put back after the
    printed character nearest to its left on its line ("Số: 1547 /SNV-TCBC")."""
    own_boxes = [textpage.get_charbox(k) for k in range(tail)]
    inserts: list[tuple[int, str]] = []
    for start, end in _words(text, tail, len(text)):
        left, bottom, right, top = textpage.get_charbox(start)
        y = (top + bottom) / 2
        # by the middle of characters: the stamp may overlap a colon
        best, best_x = None, None
        for k, (l2, b2, r2, t2) in enumerate(own_boxes):
            mid = (l2 + r2) / 2
            if b2 <= y <= t2 and mid < left + 0.5 and not text[k].isspace() and (best_x is None or mid > best_x):
                best, best_x = k, mid
        if best is None:
            continue
        # a colon that the stamp overlaps still belongs before it ("Số: 1778")
        while best + 1 < tail and text[best + 1] in ":." and own_boxes[best + 1][0] < left + (top - bottom) / 2:
            best += 1
        inserts.append((best + 1, text[start:end]))
    own = text[:tail]
    for k, word in sorted(inserts, reverse=True):
        own = own[:k] + " " + word + " " + own[k:]
    return own


def _has_widgets(page) -> bool:
    import pypdfium2.raw as pdfium_c

    for k in range(min(pdfium_c.FPDFPage_GetAnnotCount(page), 50)):
        annot = pdfium_c.FPDFPage_GetAnnot(page, k)
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) == pdfium_c.FPDF_ANNOT_WIDGET:
                return True
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return False


def _flattened(pdf, i: int):
    """Page `i` with its fields' appearances made page content (see `_stamp_tail`); the
    page as it is where PDFium cannot flatten it (fields without a form dictionary)."""
    page = pdf[i]
    try:
        page.flatten()
    except Exception:  # noqa: BLE001 - the page's own text is still worth having
        return page
    page.close()
    return pdf[i]


def _words(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out, start = [], None
    for k in range(lo, hi):
        if text[k].isspace():
            if start is not None:
                out.append((start, k))
                start = None
        elif start is None:
            start = k
    if start is not None:
        out.append((start, hi))
    return out


def _counts(page) -> tuple[int, int]:
    """(path objects, image objects) on the page, at the top level (through PDFium's
    own calls: pypdfium2's object wrappers cost more than the rest of reading a page)."""
    import pypdfium2.raw as pdfium_c

    paths = images = 0
    for k in range(pdfium_c.FPDFPage_CountObjects(page)):
        kind = pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(page, k))
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
        if paths >= TABLE_MIN_PATHS and images or k > 5000:
            break  # enough to know; a hostile page may hold millions
    return paths, images


def _table_page(plumber_page) -> tuple[str, list[list[str]]] | None:
    """Text of a page with ruled tables: lines outside the tables and table rows, top to bottom."""
    found = [t for t in plumber_page.find_tables() if any(len([c for c in row if c]) >= 2 for row in t.extract())]
    if not found:
        return None
    boxes = [t.bbox for t in found]

    def outside(obj) -> bool:
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    pieces: list[tuple[float, str]] = [
        (line["top"], line["text"]) for line in plumber_page.filter(outside).extract_text_lines()
    ]
    rows_all: list[list[str]] = []
    for table in found:
        rows = [[" ".join(c.split()) for c in row if c and c.strip()] for row in table.extract()]
        rows = [r for r in rows if r]
        rows_all += rows
        # One piece per table, at the table's top, rows on lines of their own.
        pieces.append((table.bbox[1], "\n".join(" | ".join(r) for r in rows)))
    pieces.sort(key=lambda p: p[0])
    return "\n".join(text for _, text in pieces), rows_all


def _legible(text: str) -> tuple[str, str | None, float]:
    """(text, legacy encoding it was converted from or None, syllable share) of a page's
    text layer. A layer in a legacy font encoding ("BØ CÔNG AN") becomes Unicode when
    one of the decodings makes it read as Vietnamese."""
    good, total = quality.syllable_counts(text)
    if total < MIN_CHECKED_WORDS or good >= GOOD_SHARE * total:
        return text, None, good / total if total else 1.0
    share = good / total
    best = (text, None, share)
    if all(ord(c) < 0x100 or c in _CP1252_EXTRA for c in text):
        for name, decode in DECODERS.items():
            converted = decode(text)
            conv_share = quality.syllable_share(converted)
            if conv_share >= GOOD_SHARE and conv_share > best[2]:
                best = (converted, name, conv_share)
    return best


def read_pdf(data: bytes, source: str, lim: Limits) -> ReadResult:
    deadline = Deadline(lim.max_seconds)
    warnings: list[str] = []
    texts: list[str] = []
    no_text: list[int] = []           # 0-based page indexes
    illegible: dict[int, float] = {}  # 0-based page -> syllable share of its text layer
    converted: dict[str, list[int]] = {}
    table_candidates: list[int] = []
    with PDFIUM_LOCK:
        pdf = _open(data, source)
        pdf.init_forms()  # so that pages signed with stamped fields can be flattened
    try:
        with PDFIUM_LOCK:
            n_pages = len(pdf)
            if n_pages == 0:
                raise ReadError(source, "PDF without pages")
            n_read = min(n_pages, lim.max_pages)
            if n_read < n_pages:
                warnings.append(f"only the first {n_read} of {n_pages} pages were read (page limit)")
            for i in range(n_read):
                if deadline.expired():
                    warnings.append(f"reading stopped after {i} of {n_pages} pages (time limit)")
                    break
                try:
                    page = pdf[i]
                    if _has_widgets(page):
                        page.close()
                        page = _flattened(pdf, i)
                    try:
                        text = _page_text(page)
                        paths, images = _counts(page)
                    finally:
                        page.close()
                except Exception as e:  # noqa: BLE001 - one broken page costs that page only
                    warnings.append(f"page {i + 1} could not be read ({type(e).__name__})")
                    text, paths, images = "", 0, 0
                if images and quality.syllable_counts(text)[1] < MIN_CHECKED_WORDS:
                    # a scan: no text layer, or only a signature stamp's lines over the image
                    no_text.append(i)
                else:
                    text, encoding, share = _legible(text)
                    if encoding:
                        converted.setdefault(encoding, []).append(i + 1)
                    elif share < GOOD_SHARE:
                        illegible[i] = share
                    elif paths >= TABLE_MIN_PATHS:
                        table_candidates.append(i)
                texts.append(text)
        for encoding, pages in converted.items():
            warnings.append(f"{_pages(pages)}: text layer in the legacy {encoding.upper()} font encoding, "
                            "converted to Unicode")
        # OCR outside the lock (Tesseract is a subprocess); only rendering takes it.
        layers = {i: texts[i] for i in illegible}
        stamps = {i: texts[i].strip() for i in no_text if texts[i].strip()}
        pages_ocr, ocr_warnings = _ocr_pages(pdf, sorted(no_text + list(illegible)), texts, lim, deadline)
        for i, stamp in stamps.items():
            if i + 1 in pages_ocr:  # the stamp's lines ("Ký bởi: ...") after the page's own text
                texts[i] = f"{texts[i].rstrip()}\n\n{stamp}"
        warnings += ocr_warnings
    finally:
        with PDFIUM_LOCK:
            pdf.close()
    if illegible:
        warnings += _illegible_notes(illegible, layers, texts, pages_ocr)

    tables = _read_tables(data, table_candidates, texts, deadline, lim.table_seconds, warnings) if table_candidates else []
    if b"%%EOF" not in data[-2048:]:
        # PDFium rebuilds what it can of a cut-off file without a word: say so.
        warnings.append("the PDF looks truncated (no end-of-file marker); only what could be read was kept")
    meta: dict = {"pages": n_pages, "warnings": warnings}
    if no_text:
        meta["pages_without_text"] = [i + 1 for i in no_text]
    if pages_ocr:
        meta["pages_ocr"] = pages_ocr
    if converted:
        meta["pages_converted"] = sorted(p for pages in converted.values() for p in pages)
    if tables:
        meta["tables"] = tables
    text = "\n\n".join(_without_folio(t.strip("\n"), n) for n, t in enumerate(texts, 1))
    return ReadResult(text=text, format="pdf", meta=meta)


def _without_folio(text: str, page: int) -> str:
    """A page without the page number printed alone on its first or last line ("2", "- 2 -"):
    an official document numbers its pages from the second at the top, and the number would
    stand between a list's items that run on over the page."""
    lines = text.split("\n")
    for k in (0, -1):
        folio = _FOLIO.fullmatch(lines[k].strip()) if len(lines) > 1 else None
        if folio and int(folio[1]) == page:
            del lines[k]
    return "\n".join(lines)


_FOLIO = re.compile(r"[-–]?\s*(\d{1,4})\s*[-–]?")


def _illegible_notes(illegible: dict[int, float], layers: dict[int, str], texts: list[str],
                     pages_ocr: list[int]) -> list[str]:
    """What became of pages whose text layer is not readable text: OCRed (where OCR read
    them better than the layer), or kept as they are; each with the layer's share of syllables."""
    ocred, kept = [], []
    for i, share in sorted(illegible.items()):
        if i + 1 in pages_ocr and quality.syllable_share(texts[i]) > share:
            ocred.append(i + 1)
        else:
            texts[i] = layers[i]
            kept.append(i + 1)
    lowest = min(illegible.values())
    why = (f"text layer is not readable Vietnamese (as few as {lowest:.0%} of its words are syllables: "
           "a bad OCR layer or an unknown font encoding)")
    notes = []
    if ocred:
        notes.append(f"{_pages(ocred)}: {why}; read by OCR instead")
    if kept:
        notes.append(f"{_pages(kept)}: {why}; kept as it is, OCR could not do better")
    return notes


def _pages(pages: list[int]) -> str:
    shown = ", ".join(map(str, pages[:20])) + (" ..." if len(pages) > 20 else "")
    return f"page {shown}" if len(pages) == 1 else f"pages {shown}"


def _read_tables(data: bytes, pages: list[int], texts: list[str], deadline: Deadline,
                 seconds: float, warnings: list[str]) -> list[list[str]]:
    """Tables of `pages` as rows, in page order while the time budget lasts: pdfplumber
    takes about 0.1 s a page, which a document of hundreds of ruled pages cannot afford."""
    import pdfplumber

    tables: list[list[str]] = []
    budget = Deadline(seconds)
    done = 0
    try:
        # only the pages asked for: pdfplumber parses every page it is given up front
        with pdfplumber.open(io.BytesIO(data), pages=[i + 1 for i in pages]) as pdf:
            for i, plumber_page in zip(pages, pdf.pages):
                if deadline.expired() or budget.expired():
                    warnings.append(f"tables were read as rows on {done} of {len(pages)} pages with ruled "
                                    "lines (time budget); the others keep their plain text")
                    break
                try:
                    found = _table_page(plumber_page)
                except Exception:  # noqa: BLE001 - keep PDFium's text of that page
                    continue
                finally:
                    done += 1
                    plumber_page.close()  # pdfplumber caches each page's objects: free them
                if found:
                    texts[i], rows = found
                    tables += rows
    except Exception:  # noqa: BLE001 - pdfplumber cannot parse what PDFium could: keep PDFium's text
        warnings.append("tables could not be read (pdfplumber failed on this PDF)")
    return tables


def _ocr_pages(pdf, pages: list[int], texts: list[str], lim: Limits,
               deadline: Deadline) -> tuple[list[int], list[str]]:
    """OCR the pages without text (0-based) in place in `texts`; (1-based pages done, warnings)."""
    if not pages:
        return [], []
    from extractor.readers import ocr

    why_not = ocr.unavailable()
    if why_not:
        return [], [f"{len(pages)} pages without text layer were not OCRed: {why_not}"]
    done: list[int] = []
    warnings: list[str] = []
    # First and last page first: they hold the header (number, date) and, in a short
    # document, the signature — what matters most when a limit stops OCR early.
    order = list(dict.fromkeys([pages[0], pages[-1], *pages]))
    if len(order) > lim.max_ocr_pages:
        warnings.append(f"only {lim.max_ocr_pages} of {len(pages)} pages without text were OCRed (OCR page limit)")
        order = order[: lim.max_ocr_pages]
    # Tesseract runs single-threaded, so `ocr_workers` pages go through it side by side;
    # rendering stays in this thread (PDFium), and at most that many page images wait.
    running: dict[Future, int] = {}

    def collect(block: bool) -> None:
        finished, _ = wait(running, return_when=FIRST_COMPLETED) if block else (
            [f for f in running if f.done()], None)
        for future in finished:
            i = running.pop(future)
            try:
                texts[i] = future.result()
                done.append(i + 1)
            except ocr.OcrError as e:
                warnings.append(f"page {i + 1}: {e}")
            except Exception as e:  # noqa: BLE001 - a page OCR fails on costs that page only
                warnings.append(f"page {i + 1}: OCR failed ({type(e).__name__})")

    stopped = False
    with ThreadPoolExecutor(max_workers=max(1, lim.ocr_workers)) as pool:
        for i in order:
            if deadline.expired():
                stopped = True
                break
            while len(running) >= max(1, lim.ocr_workers):
                collect(block=True)
            try:
                with PDFIUM_LOCK:
                    image = render(pdf[i], lim)
            except Exception as e:  # noqa: BLE001 - a page that does not render costs that page only
                warnings.append(f"page {i + 1} could not be rendered for OCR ({type(e).__name__})")
                continue
            running[pool.submit(ocr.ocr_image, image, lim, i == 0)] = i
        while running:
            collect(block=True)
    if stopped:
        warnings.append(f"OCR stopped at the time limit: {len(done)} of {len(pages)} pages without text were OCRed")
    return sorted(done), warnings


def render(page, lim: Limits):
    """A page as a grayscale PIL image at `lim.ocr_dpi`, smaller if it would exceed `max_pixels`."""
    width, height = page.get_size()  # points
    scale = lim.ocr_dpi / 72
    if width * height * scale * scale > lim.max_pixels:
        scale = (lim.max_pixels / max(width * height, 1)) ** 0.5
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        return bitmap.to_pil().copy()  # a copy that does not share PDFium's buffer
    finally:
        bitmap.close()
        page.close()
