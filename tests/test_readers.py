"""Each reader on real inputs: the corpus PDFs, DOCX files built with python-docx,
HTML pages wrapped around a dev text, and text in every accepted encoding."""
from __future__ import annotations

import io
import re

import pytest

from extractor.readers import ReadError, read_bytes, read_path, sniff
from conftest import ROOT
from hostile_corpus import DEV, FILES

DEV_TEXT = (DEV / "seed_000_so_ket_cchc_2017.txt").read_text(encoding="utf-8")
SENTENCE = "Bộ Thông tin và Truyền thông đã hoàn thành 246 nhiệm vụ được giao trong 6 tháng đầu năm 2017."


# --- format sniffing: by content, not by name -------------------------------------------

@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n...", "pdf"),
    (b"\n\n%PDF-1.4 junk before the header", "pdf"),
    (b"PK\x03\x04" + b"\0" * 26 + b"word/document.xml", "docx"),
    (b"PK\x03\x04" + b"\0" * 40, "zip"),
    (b"\x89PNG\r\n\x1a\n....", "image"),
    (b"\xff\xd8\xff\xe0....", "image"),
    (b"II*\x00....", "image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"{\\rtf1\\ansi hello}", "rtf"),
    (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
    ("\ufeff<html lang='vi'>".encode(), "html"),
    (SENTENCE.encode(), "text"),
    (b"Quyet dinh <b> khong phai HTML", "text"),
    (b'<div class="content"><p>QUYET DINH</p></div>', "html"),
    (b"<!-- saved page --><table><tr><td>So: 12/QD-BNV</td></tr></table>", "html"),
    (b"Text with </p> one closing tag", "text"),
])
def test_sniff(data, kind):
    assert sniff(data) == kind


# --- text --------------------------------------------------------------------------------

@pytest.mark.parametrize("encode, encoding", [
    (lambda s: s.encode("utf-8"), "utf-8"),
    (lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"), "utf-8"),
    (lambda s: s.encode("utf-16"), "utf-16"),        # with BOM
    (lambda s: s.encode("utf-16-le"), "utf-16"),     # without BOM
    (lambda s: s.encode("utf-16-be"), "utf-16"),
])
def test_text_encodings(encode, encoding):
    result = read_bytes(encode(DEV_TEXT), "x.txt")
    assert result.format == "text"
    assert result.text == DEV_TEXT
    assert result.meta["encoding"] == encoding


def to_cp1258(text: str) -> bytes:
    """Windows-1258 has â ê ô ơ ư ă đ precomposed but writes the five tones as combining marks."""
    import unicodedata

    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def test_windows_1258():
    import unicodedata

    result = read_bytes(to_cp1258(SENTENCE), "x.txt")
    assert unicodedata.normalize("NFC", result.text) == SENTENCE
    assert result.meta["encoding"] == "windows-1258"


@pytest.mark.parametrize("data, cause", [
    (b"", "empty file"),
    (bytes(range(256)) * 40, "binary data"),
    (b"\x00\x01\x02\x03\xff\xfe\xfd" * 500, "binary data"),
    ("Nguyễn Văn A".encode("utf-8")[:-1] + b"\xff\xfe garbage \x81\x8d" * 3, "not text"),
])
def test_text_refused(data, cause):
    with pytest.raises(ReadError) as err:
        read_bytes(data, "bad.txt")
    assert str(err.value).startswith("bad.txt: ")
    assert cause in str(err.value)
    assert "\n" not in str(err.value)


def test_control_characters_removed_with_warning():
    result = read_bytes(("Quyết định\x00 số\x07 12/QĐ-BNV\x1b").encode(), "x.txt")
    assert result.text == "Quyết định số 12/QĐ-BNV"
    assert any("control characters" in w for w in result.meta["warnings"])


def test_text_truncated_at_limit(monkeypatch):
    monkeypatch.setenv("VANBAN_MAX_CHARS", "1000")
    result = read_bytes(DEV_TEXT.encode(), "x.txt")
    assert len(result.text) == 1000
    assert any("truncated" in w for w in result.meta["warnings"])


def test_file_size_limit(monkeypatch, tmp_path):
    monkeypatch.setenv("VANBAN_MAX_BYTES", "100")
    path = tmp_path / "big.txt"
    path.write_text(DEV_TEXT, encoding="utf-8")
    with pytest.raises(ReadError, match="too large"):
        read_path(path)
    with pytest.raises(ReadError, match="too large"):
        read_bytes(DEV_TEXT.encode(), "big.txt")


def test_read_path_errors(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_path(tmp_path / "missing.pdf")
    with pytest.raises(ReadError, match="is a directory"):
        read_path(tmp_path)


# --- HTML ----------------------------------------------------------------------------------

def _page(article_html: str, head: str = "") -> bytes:
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">{head}
<title>Sơ kết cải cách hành chính - Cổng thông tin điện tử</title>
<script>var tracking = "Trang chủ Liên hệ Đăng nhập";</script><style>.nav{{color:red}}</style></head>
<body><header><div class="banner">CỔNG THÔNG TIN ĐIỆN TỬ BỘ THÔNG TIN VÀ TRUYỀN THÔNG</div>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li>
<li><a href="/tin-tuc">Tin tức sự kiện</a></li><li><a href="/lien-he">Liên hệ</a></li></ul></nav></header>
<main><article>{article_html}</article>
<aside><h3>Tin liên quan</h3><ul><li><a href="/a">Hội nghị trực tuyến toàn quốc</a></li>
<li><a href="/b">Thông báo tuyển dụng viên chức</a></li></ul></aside></main>
<footer><p>Bản quyền thuộc về Bộ Thông tin và Truyền thông. Địa chỉ: 18 Nguyễn Du, Hà Nội.</p>
<p>Điện thoại: 024 3943 7328</p></footer></body></html>""".encode("utf-8")


def _article_from_dev_text() -> tuple[str, list[str]]:
    paragraphs = [p.strip().replace("**", "").replace("#", "").strip()
                  for p in DEV_TEXT.split("\n\n") if len(p.strip()) > 60 and "|" not in p][:8]
    return "".join(f"<p>{p}</p>" for p in paragraphs), paragraphs


def test_html_main_content_without_navigation_and_footer():
    body, paragraphs = _article_from_dev_text()
    result = read_bytes(_page(f"<h1>Sơ kết công tác cải cách hành chính 6 tháng đầu năm 2017</h1>{body}"), "p.html")
    assert result.format == "html"
    for p in paragraphs:  # every paragraph of the article, each kept on its own
        assert " ".join(p.split()) in result.text
    for debris in ("Giới thiệu", "Tin tức sự kiện", "Bản quyền thuộc về", "Điện thoại", "tracking",
                   "Thông báo tuyển dụng", "color:red"):
        assert debris not in result.text
    assert "\n\n" in result.text  # paragraph breaks kept
    assert result.meta["title"].startswith("Sơ kết công tác cải cách hành chính")


def test_html_metadata():
    body, _ = _article_from_dev_text()
    head = ('<meta property="article:published_time" content="2017-06-20T10:59:00+07:00">'
            '<meta name="author" content="Thu Hương">')
    result = read_bytes(_page(f"<h1>Sơ kết 6 tháng</h1>{body}", head), "p.html")
    assert result.meta["published"] == "2017-06-20T10:59"
    assert result.meta["author"] == "Thu Hương"


def test_html_without_date_or_author_states_none():
    body, _ = _article_from_dev_text()
    result = read_bytes(_page(body), "p.html")
    assert "author" not in result.meta
    assert "published" not in result.meta


def test_html_reader_never_goes_online(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the HTML reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    body, _ = _article_from_dev_text()
    page = _page(f'<h1>Tin</h1><img src="http://example.com/a.png">{body}<a href="http://example.com/x">x</a>',
                 '<link rel="canonical" href="http://example.com/tin"><base href="http://example.com/">')
    assert "Tin" in read_bytes(page, "p.html").text


def test_html_table_rows_with_bars():
    body, _ = _article_from_dev_text()
    table = ("<table><tr><th>STT</th><th>Đơn vị</th><th>Số nhiệm vụ</th></tr>"
             "<tr><td>1</td><td>Cục Xuất bản, in và Phát hành</td><td>12</td></tr></table>")
    result = read_bytes(_page(body + table + body), "p.html")
    assert "STT | Đơn vị | Số nhiệm vụ" in result.text
    assert "1 | Cục Xuất bản, in và Phát hành | 12" in result.text
    assert ["1", "Cục Xuất bản, in và Phát hành", "12"] in result.meta["tables"]


def test_html_scripts_never_in_text():
    html = (b"<html><body><script>document.write('<p>Quyet dinh gia</p>')</script>"
            b"<p>Noi dung that cua trang</p><script>alert(1)</script></body></html>")
    result = read_bytes(html, "s.html")
    assert "alert" not in result.text and "document.write" not in result.text
    assert "Noi dung that" in result.text


def test_html_legacy_charset():
    import unicodedata

    page = f"<html><head><meta charset='windows-1258'></head><body><p>{SENTENCE}</p></body></html>"
    data = to_cp1258(page)
    result = read_bytes(data, "old.html")
    assert unicodedata.normalize("NFC", result.text) == SENTENCE


# --- PDF with a text layer -------------------------------------------------------------------

@pytest.fixture(scope="module")
def nd55():
    return read_path(FILES / "nd-55-2023-nd-cp_signed.pdf")


def test_pdf_text_layer(nd55):
    assert nd55.format == "pdf"
    assert nd55.meta["pages"] == 7
    assert "pages_without_text" not in nd55.meta
    assert "Số: 55/2023/NĐ-CP" in nd55.text
    assert "Hà Nội, ngày 21 tháng 7 năm 2023" in nd55.text
    assert "\r" not in nd55.text


def test_pdf_header_columns_do_not_interleave(nd55):
    lines = [line.strip() for line in nd55.text.splitlines()]
    # Issuer column and motto column each come out whole, never on one shared line.
    assert "CHÍNH PHỦ" in lines
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert not any("CHÍNH PHỦ" in line and "CỘNG HÒA" in line for line in lines)
    assert not any("Số:" in line and "Hà Nội" in line for line in lines)


def _line_ordered_pdf(lines: list[bytes]) -> bytes:
    """A page whose content stream writes each printed line across the whole page,
    as some PDF producers do: `lines` are content-stream text objects."""
    from hostile_corpus import _stream, make_pdf

    return make_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(b"\n".join(lines)), b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])


def test_pdf_stream_across_columns_keeps_whole_runs():
    """A producer that writes each printed line across both header columns: the text is
    PDFium's, line by line, every run whole (the header recognizer reads the parts that
    share a line); no glyph run is cut or doubled by laying the page out again."""
    pdf = _line_ordered_pdf([
        b"BT /F1 12 Tf 72 780 Td (BO NOI VU) Tj 250 0 Td (CONG HOA XA HOI CHU NGHIA VIET NAM) Tj ET",
        b"BT /F1 12 Tf 340 765 Td (Doc lap - Tu do - Hanh phuc) Tj ET",
        b"BT /F1 12 Tf 72 740 Td (So: 12/QD-BNV) Tj 280 0 Td (Ha Noi, ngay 5 thang 3 nam 2024) Tj ET",
        b"BT /F1 12 Tf 250 700 Td (QUYET DINH) Tj ET",
    ])
    assert read_bytes(pdf, "lines.pdf").text.splitlines() == [
        "BO NOI VU CONG HOA XA HOI CHU NGHIA VIET NAM", "Doc lap - Tu do - Hanh phuc",
        "So: 12/QD-BNV Ha Noi, ngay 5 thang 3 nam 2024", "QUYET DINH",
    ]


def test_pdf_line_end_hyphen_kept():
    """PDFium marks a hyphen that ends a line as U+FFFE; it is the symbol's hyphen."""
    pdf = _line_ordered_pdf([b"BT /F1 12 Tf 72 700 Td (Nghi dinh so 126/2024/ND-) Tj ET",
                             b"BT /F1 12 Tf 72 686 Td (CP ngay 08/10/2024) Tj ET"])
    assert "126/2024/ND-\nCP" in read_bytes(pdf, "hyphen.pdf").text


def test_pdf_page_number_alone_on_a_line_is_dropped():
    """The number an official document prints at the top of its second page stands between a
    list's items that run on over the page; a number in the text stays."""
    from hostile_corpus import _stream, make_pdf

    page2 = (b"BT /F1 12 Tf 290 800 Td (2) Tj ET\n"
             b"BT /F1 12 Tf 72 770 Td (- Ong Nguyen Van An) Tj ET\n"
             b"BT /F1 12 Tf 72 750 Td (2) Tj ET\nBT /F1 12 Tf 72 730 Td (het) Tj ET")
    pdf = make_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 7 0 R >> >> >>",
        _stream(b"BT /F1 12 Tf 72 770 Td (a\\) So Noi vu) Tj ET"),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R "
        b"/Resources << /Font << /F1 7 0 R >> >> >>",
        _stream(page2), b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])
    assert read_bytes(pdf, "folio.pdf").text.splitlines() == ["a) So Noi vu", "", "- Ong Nguyen Van An", "2", "het"]


def test_pdf_signature_block_in_order(nd55):
    tail = nd55.text[nd55.text.index("Nơi nhận"):]
    assert re.search(r"TM\. CHÍNH PHỦ\nKT\. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nTrần Hồng Hà", tail)


def test_pdf_tables_as_rows():
    result = read_path(FILES / "nd-55-2023-nd-cp_phu-luc_signed.pdf")
    assert result.meta["pages"] == 12
    rows = result.meta["tables"]
    assert ["STT", "Đối tượng", "Mức trợ cấp, phụ cấp"] in rows
    # A cell spread over several lines in the PDF is one phrase in its row.
    assert re.search(r"^1\.1 \| Người hoạt động cách mạng trước ngày 01 tháng 01 năm 1945:$", result.text, re.M)
    assert re.search(r"^Diện thoát ly \| 2\.297\.000 \| 390\.000/01 thâm niên$", result.text, re.M)
    assert "(Kèm theo Nghị định số 55/2023/NĐ-CP" in result.text  # text outside the tables kept


def test_pdf_page_limit(monkeypatch):
    monkeypatch.setenv("VANBAN_MAX_PAGES", "2")
    result = read_path(FILES / "nd-55-2023-nd-cp_signed.pdf")
    assert result.meta["pages"] == 7
    assert "Trần Hồng Hà" not in result.text
    assert any("first 2 of 7 pages" in w for w in result.meta["warnings"])


def test_pdf_scan_pages_reported_without_ocr(monkeypatch):
    monkeypatch.setenv("VANBAN_MAX_OCR_PAGES", "0")
    result = read_path(FILES / "nd-77-2024-nd-cp_scan.pdf")
    assert result.meta["pages_without_text"] == list(range(1, 14))
    assert not result.meta.get("pages_ocr")


@pytest.mark.parametrize("mangle, cause", [
    (lambda d: d[: len(d) // 3], "PDF"),
    (lambda d: d[:2000], "PDF"),
    (lambda d: d[:9] + bytes(len(d) - 9), "PDF"),
])
def test_pdf_broken(mangle, cause):
    data = (FILES / "nd-55-2023-nd-cp_signed.pdf").read_bytes()
    try:
        result = read_bytes(mangle(data), "broken.pdf")
    except ReadError as e:
        assert str(e).startswith("broken.pdf: ") and cause in str(e)
    else:  # PDFium repairs what it can: then what it read is returned, maybe nothing
        assert result.format == "pdf"


def test_pdf_truncated_but_readable_says_so():
    data = (FILES / "nd-55-2023-nd-cp_signed.pdf").read_bytes()
    result = read_bytes(data[: len(data) * 9 // 10], "cut.pdf")
    assert any("truncated" in w for w in result.meta["warnings"])
    assert "warnings" not in read_bytes(data, "whole.pdf").meta


def test_pdf_password_protected():
    import pypdfium2  # noqa: F401 - only to be sure the backend is there
    from hostile_corpus import encrypted_pdf

    with pytest.raises(ReadError, match="password-protected PDF"):
        read_bytes(encrypted_pdf(), "secret.pdf")


# --- DOCX --------------------------------------------------------------------------------------

def _decision_docx(**extra) -> bytes:
    import docx

    d = docx.Document()
    d.core_properties.title = "Quyết định kiện toàn Ban chỉ đạo"
    header = d.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    header.cell(1, 0).text = "Số: 34/QĐ-BTTTT"
    header.cell(1, 1).text = "Hà Nội, ngày 10 tháng 01 năm 2022"
    d.add_paragraph("QUYẾT ĐỊNH")
    d.add_paragraph("Về việc kiện toàn Ban chỉ đạo cải cách hành chính")
    members = d.add_table(rows=2, cols=3)
    for c, t in enumerate(["1", "Ông Nguyễn Huy Dũng", "Thứ trưởng, Trưởng ban"]):
        members.cell(0, c).text = t
    for c, t in enumerate(["2", "Ông Phạm Văn A", "Vụ trưởng Vụ Tổ chức cán bộ,\nPhó Trưởng ban"]):
        members.cell(1, c).text = t
    d.add_paragraph("Quyết định này có hiệu lực kể từ ngày ký.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_body_order_and_tables():
    result = read_bytes(_decision_docx(), "qd.docx")
    assert result.format == "docx"
    lines = result.text.splitlines()
    assert lines[0] == "BỘ THÔNG TIN VÀ TRUYỀN THÔNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert lines[1] == "Độc lập - Tự do - Hạnh phúc"
    assert lines[2] == "Số: 34/QĐ-BTTTT | Hà Nội, ngày 10 tháng 01 năm 2022"
    # paragraphs and tables in the order of the body
    order = [result.text.index(s) for s in ("Số: 34", "QUYẾT ĐỊNH", "Nguyễn Huy Dũng", "hiệu lực")]
    assert order == sorted(order)
    assert "1 | Ông Nguyễn Huy Dũng | Thứ trưởng, Trưởng ban" in lines
    # a grid's row on one line, its cell's line break read as a space
    assert "2 | Ông Phạm Văn A | Vụ trưởng Vụ Tổ chức cán bộ, Phó Trưởng ban" in lines
    assert result.meta["title"] == "Quyết định kiện toàn Ban chỉ đạo"
    assert ["Số: 34/QĐ-BTTTT", "Hà Nội, ngày 10 tháng 01 năm 2022"] in result.meta["tables"]


def test_docx_through_pipeline():
    from extractor.pipeline import extract_bytes

    record = extract_bytes(_decision_docx(), "qd.docx", with_text=True)
    assert "Số: 34/QĐ-BTTTT" in record.text
    assert not any("failed" in w for w in record.warnings)


def test_docx_text_box_lines_of_their_own():
    from hostile_corpus import make_docx

    box = ("<w:txbxContent><w:p><w:r><w:t>TM. ỦY BAN NHÂN DÂN</w:t></w:r></w:p>"
           "<w:p><w:r><w:t>CHỦ TỊCH</w:t></w:r></w:p></w:txbxContent>")
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Nơi nhận: </w:t></w:r><w:r><mc:AlternateContent>'
        f'<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r><w:r><w:t>- Như Điều 3;</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>Nguyễn Văn Bình</w:t></w:r></w:p>'
    )
    xml = ('<?xml version="1.0" encoding="UTF-8"?><w:document '
           'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
           'xmlns:v="urn:schemas-microsoft-com:vml">'
           f"<w:body>{body}</w:body></w:document>")
    result = read_bytes(make_docx(xml.encode()), "box.docx")
    # the box's text once (not again from the fallback), on lines of its own
    assert result.text.splitlines() == ["Nơi nhận: - Như Điều 3;", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                                        "Nguyễn Văn Bình"]


@pytest.mark.parametrize("mangle", [
    lambda d: d[: len(d) // 2],
    lambda d: d[:100],
    lambda d: d.replace(b"word/document.xml", b"word/documenX.xml"),
])
def test_docx_corrupt(mangle):
    with pytest.raises(ReadError) as err:
        read_bytes(mangle(_decision_docx()), "bad.docx")
    assert str(err.value).startswith("bad.docx: ")
    assert "\n" not in str(err.value)


def test_wrong_suffix_is_read_by_content(tmp_path):
    path = tmp_path / "actually_a_docx.pdf"
    path.write_bytes(_decision_docx())
    assert read_path(path).format == "docx"
    path = tmp_path / "actually_a_pdf.txt"
    path.write_bytes((FILES / "nd-55-2023-nd-cp_signed.pdf").read_bytes())
    assert read_path(path).format == "pdf"


def test_zip_and_ole_refused():
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "hello")
    with pytest.raises(ReadError, match="zip archive"):
        read_bytes(buf.getvalue(), "a.zip")
    with pytest.raises(ReadError, match="OLE"):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old.doc")


def _renamed(data: bytes, rename) -> bytes:
    """The same zip with its members renamed by `rename`."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
        for info in z.infolist():
            w.writestr(rename(info.filename), z.read(info))
    return out.getvalue()


def test_docx_with_backslash_member_names():
    """Some tools write "word\\document.xml"; Word opens such files, so do we."""
    data = _renamed(_decision_docx(), lambda n: n.replace("/", "\\"))
    result = read_bytes(data, "backslash.docx")
    assert result.format == "docx"
    assert "Số: 34/QĐ-BTTTT | Hà Nội, ngày 10 tháng 01 năm 2022" in result.text.splitlines()


def test_docx_core_title_kept_only_when_the_body_agrees():
    import docx

    d = docx.Document(io.BytesIO(_decision_docx()))
    d.core_properties.title = "UBND TỈNH BÌNH ĐỊNH"  # left over from the file it was copied from
    buf = io.BytesIO()
    d.save(buf)
    assert "title" not in read_bytes(buf.getvalue(), "copied.docx").meta
    assert read_bytes(_decision_docx(), "own.docx").meta["title"] == "Quyết định kiện toàn Ban chỉ đạo"


def test_docx_without_core_properties_has_no_invented_title():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_decision_docx())) as z, zipfile.ZipFile(out, "w") as w:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "_rels/.rels":  # no relationship to the core properties either
                data = re.sub(rb"<Relationship [^>]*core-properties[^>]*/>", b"", data)
            if info.filename != "docProps/core.xml":
                w.writestr(info, data)
    assert "title" not in read_bytes(out.getvalue(), "bare.docx").meta  # not "Word Document"


def test_docx_page_header_with_words_comes_first():
    import docx

    d = docx.Document(io.BytesIO(_decision_docx()))
    d.sections[0].header.paragraphs[0].text = "ỦY BAN NHÂN DÂN XÃ AN BÌNH"
    d.sections[0].footer.paragraphs[0].text = "3"  # a page number alone is not kept
    buf = io.BytesIO()
    d.save(buf)
    lines = read_bytes(buf.getvalue(), "header.docx").text.splitlines()
    assert lines[0] == "ỦY BAN NHÂN DÂN XÃ AN BÌNH"
    assert lines[-1] == "Quyết định này có hiệu lực kể từ ngày ký."


def _ooxml(part: str) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(part, "<x/>")
    return out.getvalue()


def _odf(mimetype: str, content: str = "<office:document-content/>") -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>"))
    return out.getvalue()


@pytest.mark.parametrize("data, says", [
    (_ooxml("xl/workbook.xml"), "an Excel spreadsheet (.xlsx), not a document"),
    (_ooxml("ppt/presentation.xml"), "a PowerPoint presentation (.pptx), not a document"),
    (_odf("application/vnd.oasis.opendocument.spreadsheet"), "an OpenDocument spreadsheet (.ods), not a document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + b"\0" * 600,
     "an Excel spreadsheet (.xls), not a document"),
])
def test_spreadsheets_and_presentations_refused(data, says):
    with pytest.raises(ReadError) as err:
        read_bytes(data, "table.bin")
    assert str(err.value).startswith("table.bin: " + says)


ODT_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    "<office:body><office:text><text:p>ỦY BAN NHÂN DÂN TỈNH AN GIANG</text:p>"
    "<text:p>Số: 15/QĐ-UBND</text:p><text:p>QUYẾT ĐỊNH</text:p></office:text></office:body>"
    "</office:document-content>")
RTF = (r"{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}"
       "\\pard " + "".join(f"\\u{ord(c)}?" if ord(c) > 127 else c for c in "BỘ NỘI VỤ") + r"\par"
       "\\pard S\\u7889?: 12/Q\\u272?-BNV\\par}")


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice is not installed")
@pytest.mark.parametrize("data, kind, expected", [
    (_odf("application/vnd.oasis.opendocument.text", ODT_CONTENT), "odt",
     ["ỦY BAN NHÂN DÂN TỈNH AN GIANG", "Số: 15/QĐ-UBND", "QUYẾT ĐỊNH"]),
    (RTF.encode("ascii"), "rtf", ["BỘ NỘI VỤ", "Số: 12/QĐ-BNV"]),
])
def test_odt_and_rtf_through_libreoffice(data, kind, expected):
    result = read_bytes(data, f"x.{kind}")
    assert result.format == kind
    assert [ln for ln in result.text.splitlines() if ln.strip()] == expected


def test_doc_without_a_converter_says_what_to_install(monkeypatch):
    from extractor.readers import office

    monkeypatch.setattr(office, "converter", lambda: None)
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    data = (ROOT / "corpora" / "real" / "real_063.doc").read_bytes()
    with pytest.raises(ReadError) as err:
        read_bytes(data, "old.doc")
    assert str(err.value) == ("old.doc: a Word 97-2003 document (.doc); reading it needs a converter: install "
                              "LibreOffice (Debian: apt-get install libreoffice-writer-nogui) or, for .doc only, "
                              "antiword (apt-get install antiword)")


@pytest.mark.skipif(not __import__("shutil").which("antiword"), reason="antiword is not installed")
def test_doc_with_antiword_where_libreoffice_is_missing(monkeypatch):
    from extractor.readers import office

    monkeypatch.setattr(office, "converter", lambda: None)
    result = read_bytes((ROOT / "corpora" / "real" / "real_063.doc").read_bytes(), "old.doc")
    assert result.format == "doc"
    assert "THÔNG BÁO" in result.text and "antiword" in result.meta["warnings"][0]


# --- figures of a scanned header, read again ----------------------------------------------

@pytest.mark.parametrize("read, expected", [
    ("S6:5689 /BCA-C04", "5689"),          # "Số" without its marks
    ("So: 2388 /C04-P6", "2388"),
    ("S6:4S32/BCA-C04", "4532"),           # a handwritten 5 read as "S"
    ("S6:J93/TB-UBND", None),              # a letter that is no figure: nothing taken
    ("S:/QD-UBND", None),                  # no figures at all
])
def test_figures_of_a_number_line(read, expected):
    from extractor.readers import figures

    m = figures._NUMBER_READ_RE.match(read)
    assert (figures._figures(m["fig"], 1, 10 ** 7) if m else None) == expected


@pytest.mark.parametrize("read, day_month", [
    ("Ha Noi, ngay l6 thang 12 nam 2025", ("16", "12")),   # a handwritten 1 read as "l"
    (", ngay23 thang 12 nam 2025", ("23", "12")),
    ("ngay46thang10nam2025", (None, "10")),                # no 46th day
])
def test_figures_of_a_date_line(read, day_month):
    from extractor.readers import figures

    m = figures._DATE_READ_RE.search(read)
    assert (figures._figures(m["d"], 1, 31), figures._figures(m["m"], 1, 12)) == day_month
