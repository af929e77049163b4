"""How the page and the summary name documents and their types, and write dates."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from api.titles import display_title, first_sentence, page_ranges, type_label, vi_date


def doc(**fields):
    base = {"id": "x", "kind": "other", "title": None, "number": None, "issued_on": None, "filename": None,
            "source": "upload.pdf"}
    return SimpleNamespace(**{**base, **fields})


@pytest.mark.parametrize("kind, title, expected", [
    ("other", "Pháp lệnh Ưu đãi người có công với cách mạng", "Pháp lệnh"),   # an ordinance, not "Khác"
    ("news", "Phụ lục I", "Phụ lục"),                                          # an appendix PDF, not "Tin bài"
    ("other", "Bộ luật tố tụng hình sự", "Bộ luật"),                          # the longest type word wins
    ("report", "Thông báo kết luận của Phó Thủ tướng", "Thông báo"),          # a kind the type table gives it
    ("news", "Kế hoạch hành động của ngành Hải quan", "Tin bài"),            # a headline is not a plan
    ("decision", "Quyết định về việc kiện toàn Ban chỉ đạo", "Quyết định"),
    ("other", None, "Khác"),
])
def test_type_label(kind, title, expected):
    assert type_label(kind, title) == expected


@pytest.mark.parametrize("fields, opening, expected", [
    ({"title": "Công văn", "number": "1547/SNV-TCBC"}, None, "Công văn số 1547/SNV-TCBC"),
    ({"title": "Tờ trình", "issued_on": "2025-03-12"}, None, "Tờ trình ngày 12/03/2025"),
    ({"kind": "news"}, "Quyết định 34 về kiện toàn Ban chỉ đạo vừa được ban hành.\n\nSau khi ...",
     "Quyết định 34 về kiện toàn Ban chỉ đạo vừa được ban hành"),
    ({"kind": "news"}, "|\n**THỦ TƯỚNG CHÍNH PHỦ**\n", "**THỦ TƯỚNG CHÍNH PHỦ**"),
    ({"kind": "decree", "number": "55/2023/NĐ-CP"}, None, "Nghị định số 55/2023/NĐ-CP"),
    ({"filename": "scan.pdf"}, None, "scan.pdf"),
])
def test_display_title(fields, opening, expected):
    assert display_title(doc(**fields), opening) == expected


def test_a_long_first_sentence_is_cut_at_a_word():
    words = "Thủ tướng Chính phủ vừa ký quyết định thành lập Ban Chỉ đạo quốc gia về phát triển khoa học công nghệ " * 3
    title = first_sentence(words)
    assert title.endswith("…") and len(title) <= 111 and words.startswith(title[:-1])


@pytest.mark.parametrize("value, bare, expected", [
    ("2017-06-20", False, "20/06/2017"), ("2017-06-20T10:59", False, "10:59 20/06/2017"),
    ("2021-12", False, "tháng 12/2021"), ("2021-12", True, "12/2021"), ("2021", False, "năm 2021"),
    ("2021", True, "2021"), ("2017-01-01/2017-06-30", False, "01/01/2017 – 30/06/2017"),
    ("2016/2020", False, "2016 – 2020"), (None, False, ""), ("sometime", False, "sometime"),
])
def test_vi_date(value, bare, expected):
    assert vi_date(value, bare) == expected


def test_page_ranges():
    assert page_ranges([1, 2, 3, 5, 7, 8]) == "1–3, 5, 7–8"
    assert page_ranges([4]) == "4"
