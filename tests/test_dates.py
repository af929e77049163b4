"""The dates recognizer, table-driven: (text -> expected values) for every form of
RECORDS.md and issue 3, and the things that are not dates."""
from __future__ import annotations

import pytest

from extractor.doc import Doc
from extractor.normalize import normalize
from extractor.recognizers import dates
from models.records import Document


def _dates(text: str, issued_on: str | None = None, relative: bool = False) -> list[str]:
    doc = Doc(text=normalize(text))
    doc.document = Document(id=doc.id, source="-", issued_on=issued_on)
    items = dates.recognize(doc)
    for d in items:  # the offset guarantee
        assert doc.text[d.evidence.start:d.evidence.end] == d.evidence.text
    return [d.value for d in items if d.relative == relative]


@pytest.mark.parametrize("text, expected", [
    # days in every spelling
    ("Ngày 24/4/2017 Bộ ban hành", ["2017-04-24"]),
    ("hạn chót 24-4-2017.", ["2017-04-24"]),
    ("hạn chót 24.4.2017.", ["2017-04-24"]),
    ("ký ngày 05 tháng 3 năm 2020 tại", ["2020-03-05"]),
    ("Hà Nội, ngày\n01 tháng 12 năm 2025", ["2025-12-01"]),
    ("NGÀY 30 THÁNG 4 NĂM 2025", ["2025-04-30"]),
    ("sinh 28 tháng 1, 1962 tại Huế", ["1962-01-28"]),
    # days with a time
    ("Thứ ba, 20/06/2017 10:59", ["2017-06-20T10:59"]),
    ("Ngày giờ đăng: 20:00 22/05/2025", ["2025-05-22T20:00"]),
    ("date: Sat, 21 Dec 2024 10:00:00 +0700", ["2024-12-21T10:00"]),
    ("lúc 7 giờ 00 phút ngày 25 tháng 5 năm 2025 tại", ["2025-05-25T07:00"]),
    # a clock time before the day, with or without minutes
    ("khai mạc vào 9 giờ ngày 3/10/2025", ["2025-10-03T09:00"]),
    ("lúc 15h45 ngày 1/9/2023,", ["2023-09-01T15:45"]),
    ("từ 7h sáng ngày 2/1/2024", ["2024-01-02T07:00"]),
    ("ký ngày 07 tháng5 năm 2019", ["2019-05-07"]),   # month glued to its word
    ("ngày 20/6/2017 15 đơn vị", ["2017-06-20"]),     # a number after a day is no hour
    ("Câu 5: 20/6/2024 là hạn", ["2024-06-20"]),      # a colon without minutes is no time
    # months, quarters, halves, spans of months
    ("cuối tháng 12/2021, Bộ", ["2021-12"]),
    ("từ tháng 02 năm 1955 ông", ["1955-02"]),
    ("trong quý I/2023 đã", ["2023-01-01/2023-03-31"]),
    ("quý 4 năm 2024", ["2024-10-01/2024-12-31"]),
    ("sơ kết 6 tháng đầu năm 2017", ["2017-01-01/2017-06-30"]),
    ("nhiệm vụ 6 tháng cuối năm 2017", ["2017-07-01/2017-12-31"]),
    ("kết quả 9 tháng đầu năm 2023", ["2023-01-01/2023-09-30"]),
    ("trong 10 tháng năm 2024, Văn phòng", ["2024-01-01/2024-10-31"]),
    # years
    ("kế hoạch năm 2021 của Bộ", ["2021"]),
    ("phấn đấu đến năm 2030", ["2030"]),
    ("theo Luật Giáo dục 2019 như sau", ["2019"]),
    ("giảm 7,5% so với 2019.", ["2019"]),
    ("nhà thơ (1949)", ["1949"]),
    # ranges
    ("giai đoạn 2021-2025", ["2021/2025"]),
    ("giai đoạn 2023- 2025 gồm", ["2023/2025"]),
    ("Khóa XV(2021 - 2026)", ["2021/2026"]),
    ("ông (1956–2018) là", ["1956/2018"]),
    ("từ ngày 01/01/2017 đến ngày 07/6/2017.", ["2017-01-01/2017-06-07"]),
    ("từ tháng 02 năm 1987 đến tháng 9 năm 1992;", ["1987-02/1992-09"]),
    ("Tháng 02/1955 đến tháng 9/1955: học", ["1955-02/1955-09"]),
    ("từ 7 giờ 00 phút ngày 24 tháng 5 năm 2025 đến 7 giờ 00 phút ngày 25 tháng 5 năm 2025",
     ["2025-05-24T07:00/2025-05-25T07:00"]),
    ("từ ngày 1 đến ngày 15/3/2025", ["2025-03-01/2025-03-15"]),
    ("diễn ra từ ngày 01-15/3/2025", ["2025-03-01/2025-03-15"]),
    ("từ tháng 10 đến tháng 12/2024", ["2024-10/2024-12"]),
    ("từ 20/11 đến 5/12/2023, Cục", ["2023-11-20/2023-12-05"]),   # the first day borrows the year
    ("từ ngày 1-3 đến ngày 30-4-2022", ["2022-03-01/2022-04-30"]),
    ("trong tháng 10 - 12 năm 2024", ["2024-10/2024-12"]),
    # coordinated ellipsis
    ("báo cáo 6 tháng đầu năm và phương hướng nhiệm vụ 6 tháng cuối năm 2017",
     ["2017-01-01/2017-06-30", "2017-07-01/2017-12-31"]),
    ("sơ kết công tác 6 tháng, triển khai nhiệm vụ 6 tháng cuối năm 2018",
     ["2018-01-01/2018-06-30", "2018-07-01/2018-12-31"]),
    ("(ngày 24 và ngày 25 tháng 5 năm 2025)", ["2025-05-24", "2025-05-25"]),
    ("sản xuất, kinh doanh năm 2025 và 2026", ["2025", "2026"]),
    ("trong quý I và quý II năm 2023", ["2023-01-01/2023-03-31", "2023-04-01/2023-06-30"]),
    ("trong tháng 5 và tháng 6/2024", ["2024-05", "2024-06"]),
    # a list of days under one month: three or more in a row are a period, others each a day
    ("diễn ra các ngày 10, 11, 12/8/2023 tại", ["2023-08-10/2023-08-12"]),
    ("họp các ngày 2, 9 và 16/3/2022", ["2022-03-02", "2022-03-09", "2022-03-16"]),
    ("vào ngày 4, 5/1/2021", ["2021-01-04", "2021-01-05"]),
    # a year standing after a name, before a dash and a word
    ("Hội chợ Xuân 2025 - Trang chủ", ["2025"]),
])
def test_forms(text, expected):
    assert _dates(text) == expected


@pytest.mark.parametrize("text", [
    "Nghị định số 49/2017/NĐ-CP quy định",          # a year inside a document number
    "Nghị quyết số 19-2017/NQ-CP của Chính phủ",
    "hệ thống quản lý chất lượng TCVN ISO 9001:2008",  # a standard's version
    "hệ thống TCVN ISO:2008 đã",
    "theo ISO/IEC 17025: 2017 về phòng thí nghiệm",
    "hoàn thành 106/109 nhiệm vụ, 08/08 nhiệm vụ",   # counts, not days
    "ước khoảng 2000 tỷ đồng",                        # an amount
    "có 1.425 tờ khai, 2020 hồ sơ",
    "Hotline: 090 488 5833, (028) 3930 3279",         # phone numbers
    "Mã số thuế: 0315459414",
    "Tổng đài 1900 6192 hỗ trợ",
    "![ảnh](https://site.vn/uploads/2021/01/anh-2020.jpg)",  # URLs and file names
    "2017620-u1.jpg",
    "xem https://moha.gov.vn/tin-tuc-2025/bai-2024.html",
    "ngày 31/2/2020 là ngày không có",               # impossible days
    "ngày 12/13/2020",
    "tặng thưởng Huy hiệu 65 năm tuổi Đảng",
    "tải Thong tu 68 2019",                          # a file name spelled out
    "(tức ngày 23 tháng 4 năm Ất Tỵ)",               # a lunar date
    "Kỷ niệm 80 năm thành lập; kéo dài 3 năm",
    "Quyết định số 2024-QĐ/TW của",                  # a Party number
    "theo văn bản 2019 - BTC gửi",                   # a symbol spaced around its dash
])
def test_not_dates(text):
    assert _dates(text) == []


def test_link_text_is_a_mention_its_target_is_not():
    assert _dates("[Bộ triển khai nhiệm vụ năm 2025](https://x.vn/nhiem-vu-nam-2025.htm)") == ["2025"]


@pytest.mark.parametrize("text, expected", [
    ("Tính đến ngày 13/6 có 04/39 Thông tư", ["2017-06-13"]),
    ("từ đầu năm đến nay, Bộ đã", ["2017-01-01/2017-06-20"]),
    ("trong năm nay", ["2017"]),
    ("Đến hết tháng 9, đơn vị", ["2017-09"]),
    ("trong quý III sẽ", ["2017-07-01/2017-09-30"]),
    ("6 tháng cuối năm số lượng văn bản", ["2017-07-01/2017-12-31"]),
    ("Năm hoạt động: 1990 – nay", ["1990/2017"]),
    ("nhiệm kỳ (2011 - tới nay) gồm", ["2011/2017"]),
    ("giai đoạn 1995-nay", ["1995/2017"]),
    ("Từ năm 2008 đến nay, bà giữ chức", ["2008/2017"]),
    ("năm 2010 tới hiện nay", ["2010/2017"]),
])
def test_relative_dates_resolved_against_the_document(text, expected):
    assert _dates(text, issued_on="2017-06-20", relative=True) == expected
    assert _dates(text, issued_on="2017-06-20") == []


def test_relative_dates_need_the_document_date():
    assert _dates("Tính đến ngày 13/6 có", relative=True) == []


@pytest.mark.parametrize("text", ["khóa (2011 - tới nay)", "thời kỳ 1995-nay", "Từ năm 2008 đến nay, bà"])
def test_open_ended_range_without_document_date_is_not_a_plain_year(text):
    # the start year alone would be a wrong absolute date; the range needs "now"
    assert _dates(text) == [] and _dates(text, relative=True) == []


@pytest.mark.parametrize("text, expected", [
    ("Từ năm 2008 đến năm 2012, bà", ["2008/2012"]),
    ("nay là năm 2010 đến 2015", ["2010/2015"]),
])
def test_closed_ranges_stay_absolute(text, expected):
    assert _dates(text) == expected


def test_granularity():
    doc = Doc(text=normalize("quý I/2023; 6 tháng đầu năm 2017; 20/06/2017 10:59; giai đoạn 2016-2020"))
    doc.document = Document(id=doc.id, source="-")
    assert [d.granularity for d in dates.recognize(doc)] == ["quarter", "half", "datetime", "range"]
