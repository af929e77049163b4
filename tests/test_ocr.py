"""OCR of the two scanned decrees in corpora/files (no text layer): their number,
date line and signer must come out of Tesseract. Slow (seconds per page): each
file is read once per session."""
from __future__ import annotations

import io
import re

import pytest

from extractor.readers import ocr, read_bytes, read_path
from extractor.readers.ocr import layout_tsv
from hostile_corpus import FILES

needs_tesseract = pytest.mark.skipif(ocr.unavailable() is not None, reason=str(ocr.unavailable()))


@pytest.fixture(scope="module")
def nd77():
    return read_path(FILES / "nd-77-2024-nd-cp_scan.pdf")


@pytest.fixture(scope="module")
def phap_lenh():
    # 30 pages: the OCR page limit keeps it to the first and the last page (header and signature).
    mp = pytest.MonkeyPatch()
    mp.setenv("VANBAN_MAX_OCR_PAGES", "2")
    try:
        return read_path(FILES / "phap-lenh-02-2020-ubtvqh14_scan.pdf")
    finally:
        mp.undo()


@needs_tesseract
def test_scanned_decree(nd77):
    assert nd77.meta["pages_ocr"] == list(range(1, 14))
    assert nd77.meta["pages_without_text"] == list(range(1, 14))
    text = nd77.text
    assert re.search(r"Số:\s*77/2024/NĐ-CP", text)
    assert re.search(r"Hà Nội, ngày 0?1 tháng 7 năm 2024", text)
    assert re.search(r"TM\. CHÍNH PHỦ", text)
    assert "Lê Thành Long" in text


@needs_tesseract
def test_scanned_header_columns_not_interleaved(nd77):
    lines = nd77.text.splitlines()
    assert not any("CHÍNH PHỦ" in line and "CỘNG HÒA" in line for line in lines)
    assert not any("77/2024" in line and "Hà Nội" in line for line in lines)


@needs_tesseract
def test_scanned_ordinance_first_and_last_page(phap_lenh):
    assert phap_lenh.meta["pages_ocr"] == [1, 30]
    assert any("2 of 30" in w for w in phap_lenh.meta["warnings"])
    text = phap_lenh.text
    assert re.search(r"số:?\s*02/2020/UBTVQH14", text, re.I)
    assert re.search(r"Hà Nội, ngày 09 tháng 12 năm 2020", text)
    assert re.search(r"ỦY BAN THƯỜNG VỤ QU[ỐÓ]C HỘI", text)
    assert "Kim Ngân" in text  # the seal and signature cover the family name on this scan


@needs_tesseract
def test_scanned_decree_through_pipeline(nd77):
    from extractor.pipeline import extract_doc, make_doc

    record = extract_doc(make_doc(nd77, "nd-77-2024-nd-cp_scan.pdf"))
    # The text was OCRed: no "pages have no text layer" warning.
    assert not any("no text layer" in w for w in record.warnings)
    numbers = {ref.number for ref in record.legal_refs}
    assert "75/2021/NĐ-CP" in numbers


@needs_tesseract
def test_image_upload():
    import pypdfium2 as pdfium

    from extractor.readers.limits import Limits
    from extractor.readers.pdf import render

    pdf = pdfium.PdfDocument(FILES / "nd-77-2024-nd-cp_scan.pdf")
    image = render(pdf[0], Limits())
    pdf.close()
    for fmt in ("PNG", "JPEG", "TIFF"):
        buf = io.BytesIO()
        image.save(buf, format=fmt)
        result = read_bytes(buf.getvalue(), f"page.{fmt.lower()}")
        assert result.format == "image"
        assert result.meta["pages_ocr"] == [1]
        assert re.search(r"77/2024/NĐ-CP", result.text), fmt
        if fmt == "PNG":
            break  # one format is enough for the text; the others only need to open
    buf = io.BytesIO()
    image.convert("RGB").save(buf, format="JPEG")
    assert read_bytes(buf.getvalue(), "page.jpg").format == "image"


def test_without_tesseract_a_warning_not_a_crash(monkeypatch):
    from extractor.pipeline import extract

    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setenv("VANBAN_MAX_PAGES", "2")
    ocr.unavailable.cache_clear()
    try:
        record = extract(FILES / "nd-77-2024-nd-cp_scan.pdf")
    finally:
        ocr.unavailable.cache_clear()
    assert any("Tesseract is not installed" in w for w in record.warnings)
    assert any("no text layer" in w for w in record.warnings)


# --- the reading order of two-column lines, on Tesseract's TSV output -------------------------

def _tsv(lines: list[list[tuple[int, int, str]]], height: int = 40) -> str:
    """TSV rows for words given as (left, top, text) per line; block 1, one paragraph."""
    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"]
    for n, words in enumerate(lines, start=1):
        for w, (left, top, text) in enumerate(words, start=1):
            rows.append(f"5\t1\t1\t1\t{n}\t{w}\t{left}\t{top}\t{len(text) * 20}\t{height}\t95\t{text}")
    return "\n".join(rows)


def test_layout_two_columns_left_then_right():
    tsv = _tsv([
        [(100, 100, "BỘ"), (160, 100, "NỘI"), (240, 100, "VỤ"), (1000, 100, "CỘNG"), (1100, 100, "HÒA")],
        [(1000, 160, "Độc"), (1080, 160, "lập")],
        [(100, 220, "Số:"), (180, 220, "12/QĐ-BNV"), (1000, 220, "Hà"), (1060, 220, "Nội")],
        [(100, 500, "QUYẾT"), (240, 500, "ĐỊNH")],  # far below: the columns have ended
    ])
    assert layout_tsv(tsv).splitlines() == ["BỘ NỘI VỤ", "Số: 12/QĐ-BNV", "CỘNG HÒA", "Độc lập", "Hà Nội",
                                            "QUYẾT ĐỊNH"]


def test_layout_single_column_untouched():
    tsv = _tsv([[(100, 100, "Điều"), (200, 100, "1.")], [(100, 160, "Phạm"), (200, 160, "vi")]])
    assert layout_tsv(tsv) == "Điều 1.\nPhạm vi"


def test_layout_table_rows_are_not_columns():
    tsv = _tsv([
        [(100, 100, "1"), (400, 100, "Thân"), (500, 100, "nhân"), (1400, 100, "2.055.000")],
        [(100, 160, "2"), (400, 160, "Liệt"), (500, 160, "sĩ"), (1400, 160, "4.110.000")],
    ])
    assert layout_tsv(tsv).splitlines() == ["1 | Thân nhân | 2.055.000", "2 | Liệt sĩ | 4.110.000"]


def test_layout_empty():
    assert layout_tsv("") == ""
    assert layout_tsv(_tsv([])) == ""
