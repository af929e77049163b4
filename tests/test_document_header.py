"""The document header recognizer: legal headers, crawled metadata boxes and news pages,
written from the conventions of Vietnamese administrative documents."""
from __future__ import annotations

import pytest

from extractor.doc import Doc
from extractor.normalize import normalize
from extractor.recognizers import document

BODY = "Nội dung văn bản được trình bày tại đây với đầy đủ các điều khoản cần thiết cho việc thi hành.\n"


def _header(text: str, meta: dict | None = None):
    doc = Doc(text=normalize(text), source="x.txt", meta=meta or {})
    return document.recognize(doc), doc


DECISION = """|
**BỘ TÀI CHÍNH**
--------
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
Số: 1234/QĐ-BTC
|
*Hà Nội, ngày 05
tháng 3 năm 2024*
|
**QUYẾT ĐỊNH**
VỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC CỦA
BỘ TÀI CHÍNH
**BỘ TRƯỞNG BỘ TÀI CHÍNH**
*Căn cứ Nghị định số 29/2025/NĐ-CP;*
""" + BODY + """|
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
|
**KT. BỘ TRƯỞNG**
THỨ TRƯỞNG
Trần Văn An
|
"""


def test_decision_header():
    d, doc = _header(DECISION)
    assert (d.kind, d.number, d.issuer, d.issued_on, d.place) == (
        "decision", "1234/QĐ-BTC", "Bộ Tài chính", "2024-03-05", "Hà Nội")
    assert d.title == "Quyết định về việc ban hành quy chế làm việc của Bộ Tài chính"
    assert (d.signer.name, d.signer.position) == ("Trần Văn An", "Thứ trưởng")
    assert d.author is None
    (a, b), = doc.cache["own_number_spans"]
    assert doc.text[a:b] == "1234/QĐ-BTC"


def test_provincial_directive_with_capital_name_and_two_authority_lines():
    text = """ỦY BAN NHÂN DÂN
TỈNH ĐẮK LẮK
--------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 07/CT-UBND
Đắk Lắk, ngày 26 tháng 11 năm 2025
CHỈ THỊ
VỀ VIỆC TĂNG CƯỜNG CẢI CÁCH THỦ TỤC HÀNH CHÍNH
""" + BODY + """TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
NGUYỄN VĂN BÌNH
"""
    d, _ = _header(text)
    assert (d.kind, d.issuer, d.place) == ("directive", "Ủy ban nhân dân tỉnh Đắk Lắk", "Đắk Lắk")
    assert (d.signer.name, d.signer.position) == ("Nguyễn Văn Bình", "Phó Chủ tịch")


def test_authority_line_continued_on_the_next_line():
    text = """VĂN PHÒNG
CHÍNH PHỦ
--------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 659/TB-VPCP
Hà Nội, ngày 29 tháng 11 năm 2025
THÔNG BÁO
KẾT LUẬN CỦA PHÓ THỦ TƯỚNG
""" + BODY + """KT. BỘ TRƯỞNG,
CHỦ NHIỆM
PHÓ CHỦ NHIỆM
Đỗ Ngọc Huỳnh
"""
    d, _ = _header(text)
    assert (d.kind, d.issuer, d.number) == ("report", "Văn phòng Chính phủ", "659/TB-VPCP")
    assert (d.signer.name, d.signer.position) == ("Đỗ Ngọc Huỳnh", "Phó Chủ nhiệm")


def test_official_letter_with_vv_summary():
    text = """BỘ NỘI VỤ
--------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 11208/BNV-KHTC
*V/v tỷ lệ chi phí quản lý thực hiện chính
sách ưu đãi người có công năm 2026*
*Hà Nội, ngày 26 tháng 11 năm 2025*
Kính gửi: Ủy ban nhân dân các tỉnh
""" + BODY + """KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Mạnh Khương
"""
    d, _ = _header(text)
    assert (d.kind, d.issuer, d.issued_on) == ("other", "Bộ Nội vụ", "2025-11-26")
    assert d.title == "Công văn về tỷ lệ chi phí quản lý thực hiện chính sách ưu đãi người có công năm 2026"
    assert d.signer.name == "Nguyễn Mạnh Khương"


def test_law_number_line():
    text = """QUỐC HỘI
--------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Luật số: 64/2025/QH15
Hà Nội, ngày 19 tháng 2 năm 2025
LUẬT
BAN HÀNH VĂN BẢN QUY PHẠM PHÁP LUẬT
""" + BODY
    d, _ = _header(text)
    assert (d.number, d.issuer, d.issued_on, d.title) == (
        "64/2025/QH15", "Quốc hội", "2025-02-19", "Luật ban hành văn bản quy phạm pháp luật")


def test_number_line_between_issuer_and_motto():
    """A text layer that reads the left column first: body, number, then the motto."""
    text = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
Số: 88/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ngãi, ngày 4 tháng 8 năm 2025
QUYẾT ĐỊNH
Về việc giao chỉ tiêu
""" + BODY + """**TM. ỦY BAN
NHÂN DÂN**
**KT. CHỦ TỊCH**
**PHÓ CHỦ TỊCH**

**Đinh Văn Sơn**
"""
    d, _ = _header(text)
    assert (d.issuer, d.place) == ("Ủy ban nhân dân tỉnh Quảng Ngãi", "Quảng Ngãi")  # not "Hạnh phúc Quảng Ngãi"
    assert (d.signer.name, d.signer.position) == ("Đinh Văn Sơn", "Phó Chủ tịch")


def test_scan_header_with_received_stamp_and_misread_marks():
    """A scan: a "received" stamp of another body lands above the motto, OCR drops tone
    marks; the enacting clause names an ordinance that has no summary line."""
    text = """BỘ TƯ PHÁP
ii
Thông tư số: 05/2021/TT-BTP
SỞ NỘI VỤ |
CÔNG VĂN ĐẾN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 4 tháng 5 năm 2021
THÔNG TƯ
Hướng dẫn một số điều
""" + BODY + """KT. BỘ TRƯỞNG
_ THU TRƯỞNG
Mai Lương Khôi
"""
    d, _ = _header(text)
    assert (d.number, d.issuer, d.place) == ("05/2021/TT-BTP", "Bộ Tư pháp", "Hà Nội")
    assert (d.signer.name, d.signer.position) == ("Mai Lương Khôi", "Thứ trưởng")


def test_summary_glued_to_its_type():
    text = ("CHÍNH PHỦ\n|\nSố: 12/2024/NĐ-CP |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Hà Nội, ngày 5 tháng 2 năm 2024\n**NGHỊ ĐỊNH**Quy định về xử phạt vi phạm hành chính\n" + BODY)
    d, _ = _header(text)
    assert (d.kind, d.title) == ("decree", "Nghị định quy định về xử phạt vi phạm hành chính")


def test_summary_in_capitals_gets_its_names_back():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\n--------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 9/QĐ-UBND\nHà Giang, ngày 5 tháng 2 năm 2024\nQUYẾT ĐỊNH\nVỀ VIỆC GIAO NHIỆM VỤ CHO UBND HUYỆN "
            "MÈO VẠC TRONG LĨNH VỰC KHOA HỌC VÀ CÔNG NGHỆ\n"
            "Căn cứ đề nghị của UBND huyện Mèo Vạc; Sở Khoa học và Công nghệ ban hành Quyết định.\n" + BODY)
    d, _ = _header(text)
    assert d.title == ("Quyết định về việc giao nhiệm vụ cho UBND huyện Mèo Vạc "
                       "trong lĩnh vực khoa học và công nghệ")


def test_ordinance_named_by_its_enacting_clause():
    text = """ỦY BAN THƯỜNG VỤ QUỐC HỘI
--------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Pháp lệnh số: 07/2022/UBTVQH15
Hà Nội, ngày 2 tháng 3 năm 2022
PHÁP LỆNH

Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;

Ủy ban Thường vụ Quốc hội ban hành Pháp lệnh Chi phí tố tụng
và thủ tục.

Điều 1. Phạm vi
""" + BODY
    d, _ = _header(text)
    assert (d.number, d.title) == ("07/2022/UBTVQH15", "Pháp lệnh Chi phí tố tụng và thủ tục")


def test_metadata_box_stands_in_for_a_missing_header():
    text = """Đang tải văn bản...
**Số hiệu:**
|
45/2024/TT-BTC
|
**Loại văn bản:**
|
Thông tư
|
**Nơi ban hành:**
|
Bộ Tài chính
|
**Người ký:**
|
Lê Văn Cường
|
**Ngày ban hành:**
|
12/06/2024
|
""" + BODY
    d, doc = _header(text)
    assert (d.kind, d.number, d.issuer, d.issued_on) == ("circular", "45/2024/TT-BTC", "Bộ Tài chính", "2024-06-12")
    assert d.signer.name == "Lê Văn Cường"
    (a, b), = doc.cache["own_number_spans"]
    assert doc.text[a:b] == "45/2024/TT-BTC"


@pytest.mark.parametrize("text, title, issued_on, author", [
    # a "# " headline, a dateline under it, a byline after the body
    ("# Bộ Y tế họp sơ kết\n\nThứ ba, 20/06/2017 10:59\n\n" + BODY * 3 + "Thu Hương\nbanner\nicon\n",
     "Bộ Y tế họp sơ kết", "2017-06-20", "Thu Hương"),
    # a headline underlined with "===", a bold byline with "(ghi)"
    ("Hải quan giảm 209 đội\n=====================\n\n" + BODY * 3 + "\n**N.Linh (ghi)**\n\nmore teaser",
     "Hải quan giảm 209 đội", None, "N.Linh"),
    # page front matter and a labelled author with a publication stamp
    ('---\nlayout: post\ntitle: " [Chuyên mục] Bộ Nội vụ triển khai nhiệm vụ"\ndate: Sat, 21 Dec 2024 10:00:00 +0700\n---\n'
     + BODY * 3 + "Tác giả: T Kiên\n\nGiờ đăng bài viết gốc: 01/04/2025 21:59\n",
     "Bộ Nội vụ triển khai nhiệm vụ", "2024-12-21", "T Kiên"),
    ("# Tin ngắn\n\n" + BODY * 3 + "Ngày giờ đăng bài viết gốc: 20:00 22/05/2025", "Tin ngắn", "2025-05-22", None),
    # two authors in one byline
    ("# Tin\n\n" + BODY * 3 + "Lê Hà- Minh Châu\n", "Tin", None, "Lê Hà- Minh Châu"),
    # a byline after the body's last sentence, however short; a byline with the dateline under the headline
    ("# Phỏng vấn\n\n" + BODY * 3 + "Xin cảm ơn bà!\n\n**Hải Yến**\n\nmore teaser\n", "Phỏng vấn", None, "Hải Yến"),
    ("# Tin nhanh\n\nMinh Khôi - Thứ hai, 06/05/2024 10:15 (GMT+7)\n\n" + BODY * 3, "Tin nhanh", "2024-05-06",
     "Minh Khôi"),
    # a legal Q&A page names its writer in bold under the question, its reviewer after
    ("# Thủ tục sang tên sổ đỏ gồm những gì?\n\n**Chuyên viên pháp lý:**Trần Thu Hoài\n\n"
     "**Tham vấn bởi Luật sư:**Lê Văn Bảo\n\n" + BODY * 3, "Thủ tục sang tên sổ đỏ gồm những gì?", None, "Trần Thu Hoài"),
])
def test_news(text, title, issued_on, author):
    d, _ = _header(text)
    assert (d.kind, d.title, d.issued_on, d.author, d.number, d.signer) == ("news", title, issued_on, author, None, None)


@pytest.mark.parametrize("closing", [
    "Ông Nguyễn Văn Thọ",      # a quoted person, not a byline
    "QUÁ TRÌNH CÔNG TÁC",       # a heading in capitals
    "Gia đình",                 # a section heading
    "Theo TTXVN",               # a source
    "Socrates",                 # one word
    "Hà Nội - Huế - Đà Nẵng",   # places joined by dashes: a one-word part is no name
])
def test_not_bylines(closing):
    d, _ = _header("# Tin\n\n" + BODY * 3 + closing + "\n")
    assert d.author is None


def test_body_date_is_not_a_publication_date():
    d, _ = _header("# Tin\n\nNgày 4/12/2025, Bộ ban hành Quyết định 419.\n" + BODY)
    assert d.issued_on is None


def test_motto_quoted_in_running_text_is_no_header():
    d, _ = _header("# Thẻ có những dòng chữ nào?\n\n" + BODY + "a) Màu xanh đối với dòng chữ: CỘNG HÒA XÃ HỘI "
                   "CHỦ NGHĨA VIỆT NAM, Độc lập - Tự do - Hạnh phúc; Số định danh.\n" + BODY)
    assert (d.kind, d.title) == ("news", "Thẻ có những dòng chữ nào?")


def test_motto_on_the_issuers_line():
    """A text layer that ran both header columns into one line."""
    d, _ = _header("SỞ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                   "Số: 15/2024/TT-BYT\nHà Nội, ngày 2 tháng 8 năm 2024\nTHÔNG TƯ\nQUY ĐỊNH VỀ KHÁM BỆNH\n" + BODY)
    assert (d.kind, d.number, d.issued_on, d.place) == ("circular", "15/2024/TT-BYT", "2024-08-02", "Hà Nội")
    assert d.issuer == "Sở Y tế"


def test_body_sentence_is_no_headline():
    """A text cut from a document's body: it names itself, it has no headline."""
    text = "Thông tư này quy định về việc cấp\nphép hoạt động.\n" + "".join(
        f"{i}. Thông tư này áp dụng đối với cơ quan được giao.\n" for i in range(3))
    d, _ = _header(text)
    assert (d.kind, d.title) == ("circular", None)


def test_country_name_in_running_text_is_no_header():
    d, _ = _header("# Thông cáo\n\nChủ tịch nước CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM đã ký.\n" + BODY)
    assert (d.kind, d.issuer, d.number) == ("news", None, None)


def test_reader_metadata_wins_for_news():
    d, _ = _header("Một dòng mở đầu.\n" + BODY, meta={"title": "Tiêu đề", "published": "2024-05-01", "author": "Minh Anh"})
    assert (d.title, d.issued_on, d.author) == ("Tiêu đề", "2024-05-01", "Minh Anh")


def test_headerless_text_that_names_itself():
    text = "Tại phiên họp, Bộ Chính trị có ý kiến như sau:\n" + "".join(
        f"{i}. Các cơ quan căn cứ Kết luận này để thực hiện nhiệm vụ được giao.\n" for i in range(3))
    d, _ = _header(text)
    assert d.kind == "report"


def test_dev_documents():
    """The header of every dev document against its gold file, field by field."""
    import json

    from tests.conftest import DEV

    for path in sorted(DEV.glob("*.txt")):
        gold = json.loads(path.with_suffix("").with_suffix(".gold.json").read_text(encoding="utf-8"))["document"]
        d, _ = _header(path.read_text(encoding="utf-8"))
        for field in ("kind", "number", "issued_on", "issuer", "author"):
            if gold.get(field) is not None:
                assert getattr(d, field) == gold[field], (path.name, field)
        if gold.get("signer"):
            assert d.signer.name == gold["signer"]["name"], path.name


def test_decree_pdf_header():
    """The text layer of a signed decree: title with its summary, signer under KT."""
    from extractor.pipeline import extract
    from tests.conftest import FILES

    d = extract(FILES / "nd-55-2023-nd-cp_signed.pdf").document
    assert (d.kind, d.number, d.issuer, d.issued_on, d.place) == (
        "decree", "55/2023/NĐ-CP", "Chính phủ", "2023-07-21", "Hà Nội")
    assert d.title.startswith("Nghị định sửa đổi, bổ sung một số điều của Nghị định số 75/2021/NĐ-CP")
    assert (d.signer.name, d.signer.position) == ("Trần Hồng Hà", "Phó Thủ tướng")


# --- headers as real files flatten them (NĐ 30/2020/NĐ-CP, Appendix I: the issuer and the
# number on the left, the country's name, motto and place-and-date on the right, then the type
# and summary, and at the end the recipients on the left beside the signature block) ---------

def test_table_row_header_from_a_docx():
    """A DOCX header table: each row one line, cells joined by " | ", a cell's lines kept."""
    text = """ỦY BAN NHÂN DÂN
XÃ AN PHÚ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/TB-UBND | An Phú, ngày 03 tháng 02 năm 2025
THÔNG BÁO
Kết quả kiểm tra công tác văn thư năm 2024
""" + BODY + """Nơi nhận:
- Như trên;
- Lưu: VT. | TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Thị Mai
"""
    d, _ = _header(text)
    assert (d.kind, d.number, d.issuer, d.issued_on, d.place) == (
        "report", "15/TB-UBND", "Ủy ban nhân dân xã An Phú", "2025-02-03", "An Phú")
    assert (d.signer.name, d.signer.position) == ("Trần Thị Mai", "Chủ tịch")


def test_columns_run_together_on_each_line():
    """A text layer that writes each printed line across both columns."""
    text = """BỘ XÂY DỰNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 210/BXD-KHTC Hà Nội, ngày 14 tháng 01 năm 2025
V/v báo cáo tình hình thực hiện kế hoạch năm 2024
Kính gửi: Các đơn vị thuộc Bộ
""" + BODY + """KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Lê Văn Khánh
"""
    d, _ = _header(text)
    assert (d.number, d.issuer, d.issued_on, d.place) == ("210/BXD-KHTC", "Bộ Xây dựng", "2025-01-14", "Hà Nội")
    assert d.signer.name == "Lê Văn Khánh"


def test_number_line_beside_the_motto_and_issuer_over_two_lines():
    """"Số: ... | CỘNG HÒA ..." in one row: the motto does not open the issuer's line."""
    text = """ỦY BAN NHÂN DÂN
TỈNH HÒA BÌNH
Số: 88/QĐ-UBND | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hòa Bình, ngày 20 tháng 3 năm 2024
QUYẾT ĐỊNH
Về việc phê duyệt danh mục nhiệm vụ năm 2024
""" + BODY
    d, _ = _header(text)
    assert (d.kind, d.number, d.issuer, d.place) == ("decision", "88/QĐ-UBND", "Ủy ban nhân dân tỉnh Hòa Bình",
                                                     "Hòa Bình")


def test_draft_with_blank_number_and_day():
    """A draft leaves the number and the day blank for the clerk: both null, kind from the symbol."""
    text = """ỦY BAN NHÂN DÂN
TỈNH HÒA BÌNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số:            /QĐ-UBND | Hòa Bình, ngày        tháng 5 năm 2025
DỰ THẢO
""" + BODY
    d, _ = _header(text)
    assert (d.kind, d.number, d.issued_on, d.issuer) == ("decision", None, None, "Ủy ban nhân dân tỉnh Hòa Bình")


def test_department_under_the_province_takes_its_place():
    text = """UBND TỈNH HÒA BÌNH
SỞ TƯ PHÁP
Số: 301/STP-VP
V/v góp ý dự thảo quy chế
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hòa Bình, ngày 05 tháng 6 năm 2025
Kính gửi: Văn phòng Ủy ban nhân dân tỉnh
""" + BODY + """KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Phạm Quốc Huy
"""
    d, _ = _header(text)
    assert (d.number, d.issuer, d.issued_on) == ("301/STP-VP", "Sở Tư pháp tỉnh Hòa Bình", "2025-06-05")
    assert (d.signer.name, d.signer.position) == ("Phạm Quốc Huy", "Phó Giám đốc")


def test_recipients_beside_the_signature_and_a_rank_before_the_name():
    text = """BỘ CÔNG AN
CÔNG AN TỈNH HÒA BÌNH
Số: 77/TTr-CAT | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hòa Bình, ngày 09 tháng 7 năm 2025
TỜ TRÌNH
Về việc đề nghị phê duyệt kế hoạch
""" + BODY + """Nơi nhận:     	    GIÁM ĐỐC
- Như trên;
- Lưu: VT.
Đại tá Vũ Đình Lâm
"""
    d, _ = _header(text)
    assert (d.kind, d.issuer) == ("other", "Công an tỉnh Hòa Bình")
    assert (d.signer.name, d.signer.position) == ("Vũ Đình Lâm", "Giám đốc")


def test_portal_attribute_table():
    text = """Thuộc tính văn bản
Số ký hiệu | 12/2024/QH15 | Ngày ban hành | 18/01/2024
Loại văn bản | Luật | Ngày có hiệu lực | 01/07/2024
Cơ quan ban hành/ Chức danh / Người ký | Quốc hội | Chủ tịch Quốc hội | Vương Đình Huệ
"""
    d, _ = _header(text)
    assert (d.kind, d.number, d.issued_on, d.issuer) == ("other", "12/2024/QH15", "2024-01-18", "Quốc hội")
    assert (d.signer.name, d.signer.position) == ("Vương Đình Huệ", "Chủ tịch Quốc hội")


def test_implausible_issue_date_is_dropped_with_a_warning():
    """An OCR "2055" for "2025": years away from the number's year."""
    text = DECISION.replace("Số: 1234/QĐ-BTC", "Số: 1234/2025/QĐ-BTC").replace("năm 2024", "năm 2055")
    d, doc = _header(text)
    assert d.issued_on is None
    assert any("2055-03-05" in w and "dropped" in w for w in doc.warnings)


def test_scan_with_handwritten_figures_dated_by_its_signing_stamp():
    """A signed scan whose number and day were written in by hand: OCR reads neither, so
    the number is unknown, the issuer still comes from the capitals above the number line,
    and the day from the signing platform's stamp, whose month and year agree with the line."""
    text = """Ký bởi: ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH
Thời gian ký: 14/05/2025
BỘ CÔNG AN
CÔNG AN TỈNH HÒA BÌNH
Só¿4f /TTr- CAT-PC04
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hòa Bình, ngày .(::tháng 5 năm 2025
TỜ TRÌNH
""" + BODY
    d, _ = _header(text)
    assert (d.kind, d.number, d.issuer, d.issued_on, d.place) == (
        "other", None, "Công an tỉnh Hòa Bình", "2025-05-14", "Hòa Bình")


@pytest.mark.parametrize("date_line, issued_on", [
    ("Hòa Bình, ngày24tháng 5 năm 2025", "2025-05-24"),         # OCR dropped the spaces: the line's own day
    ("Hòa Bình, ngày .(::tháng 6 năm 2025", None),             # the stamp's month disagrees
    ("Hòa Bình, ngày 12 tháng L1 năm 2025", "2025-05-14"),     # month misread: the stamp's day
])
def test_signing_stamp_only_where_the_date_line_cannot_say(date_line, issued_on):
    text = f"""Thời gian ký: 2025-05-14T16:52:54+07:00
SỞ TƯ PHÁP TỈNH HÒA BÌNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 301/STP-VP | {date_line}
""" + BODY
    d, _ = _header(text)
    assert d.issued_on == issued_on


def test_issuer_abbreviations_written_out_as_the_text_does():
    """A committee's name shortened in the header ("KHCN, ĐMST, CĐS") is written in full as
    the text's first full mention writes it, with the province of the body above it; a
    committee word on the next line ("TỔ TRƯỞNG ...") is no part of the place."""
    text = """UBND TỈNH HÒA BÌNH
BAN CHỈ ĐẠO
VỀ PHÁT TRIỂN KHCN, ĐMST, CĐS VÀ ĐỀ ÁN 06 | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/QĐ-BCĐ | Hòa Bình, ngày 05 tháng 8 năm 2025
QUYẾT ĐỊNH
Về việc thành lập Tổ giúp việc
TRƯỞNG BAN CHỈ ĐẠO
Căn cứ Quyết định số 88/QĐ-UBND ngày 11 tháng 7 năm 2025 của Ủy ban nhân dân tỉnh về việc thành lập Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06 tỉnh Hòa Bình
TỔ TRƯỞNG TỔ GIÚP VIỆC
""" + BODY
    d, _ = _header(text)
    assert d.issuer == ("Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số "
                        "và Đề án 06 tỉnh Hòa Bình")


def test_signer_position_with_the_body_it_heads():
    """A portal's page signs with the title and the body it heads on one line."""
    text = DECISION.replace("**KT. BỘ TRƯỞNG**\nTHỨ TRƯỞNG\n", "Chủ tịch Quốc hội\n(Đã ký)\n")
    assert text != DECISION
    d, _ = _header(text)
    assert (d.signer.name, d.signer.position) == ("Trần Văn An", "Chủ tịch Quốc hội")


@pytest.mark.parametrize("block, position", [
    ("TM. HỘI ĐỒNG\nCHỦ TỊCH\nGIÁM ĐỐC SỞ TƯ PHÁP\n", "Chủ tịch"),       # the council's chair, a director too
    ("TỔ TRƯỞNG\nPHÓ GIÁM ĐỐC SỞ XÂY DỰNG\n", "Tổ trưởng"),              # no authority line: the first position
    ("KT. BỘ TRƯỞNG\n", "Thứ trưởng"),                                 # the deputy's line lost: a minister's deputy
    ("KT. CỤC TRƯỞNG\nCỤC TRƯỞNG\n", "Phó Cục trưởng"),                  # the head again: a scan lost "PHÓ"
    ("KT. BỘ TRƯỞNG,\nCHỦ NHIỆM\nPHÓ CHỦ NHIỆM\n", "Phó Chủ nhiệm"),     # an authority line goes on after its comma
    ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n", "Phó Chủ tịch"),
    ("TL. BỘ TRƯỞNG\nCHÁNH VĂN PHÒNG\n", "Chánh Văn phòng"),               # by order of the minister
    ("TL. BỘ TRƯỞNG\n", None),                                         # ... by someone whose post is not read
])
def test_signing_position_is_the_one_the_block_signs_in(block, position):
    text = DECISION.replace("**KT. BỘ TRƯỞNG**\nTHỨ TRƯỞNG\n", block)
    assert text != DECISION
    d, _ = _header(text)
    assert (d.signer.name, d.signer.position) == ("Trần Văn An", position)


def test_office_with_a_team_line_takes_the_place_of_its_date_line():
    """A commune's office heads its report with the team that wrote it under its name: the
    issuer is the office, in the commune its date line names."""
    text = """PHÒNG KINH TẾ
TỔ TỔNG HỢP, THỐNG KÊ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tân Lạc, ngày 25 tháng 6 năm 2026
BÁO CÁO CÔNG TÁC TUẦN 02 THÁNG 6 NĂM 2026
Tổng hợp báo cáo của xã Tân Lạc gửi về Văn phòng UBND tỉnh.
""" + BODY
    d, _ = _header(text)
    assert (d.kind, d.issuer, d.issued_on) == ("report", "Phòng Kinh tế xã Tân Lạc", "2026-06-25")


def test_scan_header_under_a_signing_stamp():
    """A scan whose signing stamp ("Ký bởi ... / Cơ quan: ...") OCR reads above the header's
    capitals, with the marks of the issuer's place and of the type line misread."""
    text = """Ký bởi: UY BẠN
3 NHAN DAN TINH
DÓNG
ỦY BAN NHÂN DÂN
TĨNH HÒA BINH
Số: /“ /QĐĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hòa Bình, ngày .(::tháng 10 năm 2025
QUYÉT ĐỊNH
Về việc thành lập Hội đồng thẩm định
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH
Căn cứ Quyết định số 820/QĐ-UBND ngày 27 tháng 8 năm 2025 của Ủy ban nhân dân tỉnh Hòa Bình;
Theo đề nghị của Giám đốc Sở Nội vụ tỉnh Hòa Bình.
""" + BODY + """KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
4`: ẹ
Ạ
Nýz
`“ “Nguyễn Văn Bình
"""
    d, _ = _header(text)
    assert (d.kind, d.issuer, d.signer.name, d.signer.position) == (
        "decision", "Ủy ban nhân dân tỉnh Hòa Bình", "Nguyễn Văn Bình", "Phó Chủ tịch")


def test_legal_text_whose_header_a_crawl_lost():
    """No issuer, number, motto or date: the type in capitals opens the text, its grounds
    follow ("Căn\ncứ" broken by the crawl); a news page that names a type in capitals is news."""
    text = ("**THÔNG TƯ**\n\nQUY ĐỊNH VỀ QUẢN LÝ KHO LƯU TRỮ\n\n*Căn\ncứ Luật Lưu trữ số 1/2030/QH16;*\n\n"
            "**Điều 1. Phạm vi điều chỉnh**\n\nThông tư này quy định ...\n")
    d, _ = _header(text)
    assert (d.kind, d.title) == ("circular", "Thông tư quy định về quản lý kho lưu trữ")
    d, _ = _header('<jsontable name="bang_0"> </jsontable>\n' + text)   # a crawler's markup line first
    assert (d.kind, d.title) == ("circular", "Thông tư quy định về quản lý kho lưu trữ")
    d, _ = _header("# QUYẾT ĐỊNH\n\nNgày 3/2, tỉnh đã trao quyết định cho 12 hộ dân.\n")
    assert d.kind == "news"
    assert d.issuer is None


def test_date_line_wrapped_after_the_place():
    """A crawl may break the place-and-date line after the place's comma."""
    text = ("HỘI ĐỒNG NHÂN\nDÂN\nTỈNH QUẢNG NAM\n-------\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nSố:\n12/2024/NQ-HĐND\n*Tỉnh Quảng Nam,\nngày 4 tháng 5 năm 2024*\n\n"
            "NGHỊ QUYẾT\nVỀ GIÁ DỊCH VỤ\n\n" + BODY)
    d, _ = _header(text)
    assert (d.number, d.issued_on, d.place) == ("12/2024/NQ-HĐND", "2024-05-04", "Tỉnh Quảng Nam")


def test_date_line_with_emphasis_between_its_parts():
    """A Word page converted to markdown leaves emphasis between the date's parts."""
    text = ("**BỘ TÀI CHÍNH**\n\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc**\n\n"
            "Số: 1234/BTC-TCT\n\n*V/v hoàn thuế*\n\n*Hà Nội, ngày 18* *tháng 12* *năm 2013*\n\n" + BODY)
    d, _ = _header(text)
    assert (d.number, d.issued_on, d.place) == ("1234/BTC-TCT", "2013-12-18", "Hà Nội")


def test_headless_resolution_is_dated_by_its_adoption():
    text = ("**NGHỊ QUYẾT**\n\n**Về việc thành lập thị xã**\n\n**QUỐC HỘI**\n\n*Căn cứ Hiến pháp;*\n\n"
            "**Điều 1.** Thành lập thị xã.\n\n*Nghị quyết này được Quốc hội khóa XVI, Kỳ họp thứ 2 thông qua "
            "ngày 20 tháng 6 năm 2024.*\n")
    d, _ = _header(text)
    assert (d.kind, d.issuer, d.issued_on) == ("resolution", "Quốc hội", "2024-06-20")


def test_letter_whose_header_a_crawl_lost():
    """A letter that opens with its addressee: a letter (kind other), written by the body that
    says it received what it answers, signed at its end."""
    text = ("**Kính gửi:**\nCông ty TNHH Minh Phát\n\nSở Tài chính nhận được công văn số 12/2024/MP ngày "
            "3/9/2024 của Công ty về việc hoàn thuế. Về vấn đề này, Sở Tài chính có ý kiến như sau:\n\n"
            + BODY * 2 + "\n|\n*Nơi nhận:*\n- Như trên;\n- Lưu: VT.\n|\n**KT. GIÁM ĐỐC**\nPHÓ GIÁM ĐỐC\nTrần Văn Lộc\n")
    d, _ = _header(text)
    assert (d.kind, d.title, d.issuer, d.signer.name, d.signer.position) == (
        "other", None, "Sở Tài chính", "Trần Văn Lộc", "Phó Giám đốc")


def test_headless_legal_text_keeps_its_signature_block():
    """The articles of a text without its header still end in the signature block; a position
    in capitals above the articles (the authority) is not read as one."""
    text = ("**THÔNG TƯ**\n\nQUY ĐỊNH VỀ QUẢN LÝ KHO LƯU TRỮ\n\n**BỘ TRƯỞNG BỘ TƯ PHÁP**\n\n"
            "*Căn cứ Luật Lưu trữ số 1/2030/QH16;*\n\n**Điều 1. Phạm vi điều chỉnh**\n\nThông tư này quy định ...\n\n"
            "**Điều 2. Hiệu lực**\n\nThông tư này có hiệu lực từ ngày ký.\n\n"
            "**KT. BỘ TRƯỞNG**\nTHỨ TRƯỞNG\n**Lê Văn Khải**\n")
    d, _ = _header(text)
    assert (d.issuer, d.signer.name, d.signer.position) == ("Bộ Tư pháp", "Lê Văn Khải", "Thứ trưởng")


@pytest.mark.parametrize("authority,issuer", [
    # the authority line between the summary and the grounds (Decree 30/2020/NĐ-CP)
    ("**CHÍNH PHỦ**\n\n", "Chính phủ"),
    ("**BỘ TRƯỞNG BỘ TƯ PHÁP**\n\n", "Bộ Tư pháp"),
    ("**TRƯỞNG BAN CHỈ ĐẠO CẢI CÁCH\nHÀNH CHÍNH CỦA CHÍNH PHỦ**\n\n", "Ban Chỉ đạo cải cách hành chính của Chính phủ"),
    # else the enacting words that close the grounds, for this document's type
    ("*Căn cứ Nghị định số 5/2031/NĐ-CP;*\n\n*Bộ trưởng Bộ Tư pháp ban hành Thông tư quy định về quản lý kho lưu trữ.*\n\n",
     "Bộ Tư pháp"),
    ("*Căn cứ Thông tư số 7/2030/TT-BTP do Bộ trưởng Bộ Nội vụ ban hành Quyết định số 2;*\n\n", None),
])
def test_headless_legal_text_names_its_authority(authority, issuer):
    text = ("**THÔNG TƯ**\n\nQUY ĐỊNH VỀ QUẢN LÝ KHO LƯU TRỮ\n\n" + authority
            + "*Căn cứ Luật Lưu trữ số 1/2030/QH16;*\n\n**Điều 1. Phạm vi điều chỉnh**\n\nThông tư này quy định ...\n"
            # a name in capitals is cased as the text writes it elsewhere
            "Ban Chỉ đạo cải cách hành chính của Chính phủ theo dõi việc thi hành.\n")
    d, _ = _header(text)
    assert (d.kind, d.issuer) == ("circular", issuer)
