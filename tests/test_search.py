"""Search keys: folding, aliases, legal numbers (models/search.py)."""
import pytest

from models.search import expand_aliases, fold, key, like_each_word, like_phrase, number_key

FOLD = [
    ("Nguyễn Huy Dũng", " nguyen huy dung "),
    ("NGUYỄN HUY DŨNG", " nguyen huy dung "),
    ("Đỗ Công Anh", " do cong anh "),          # đ/Đ is a letter of its own: NFD keeps it
    ("Vụ Tổ chức cán bộ", " vu to chuc can bo "),
    ("Cục Xuất bản, in và Phát hành", " cuc xuat ban in va phat hanh "),
    ("Thủy lợi / hòa bình", " thuy loi hoa binh "),
    ("Nguye\u0302\u0303n", " nguyen "),          # decomposed marks (not NFC) fold the same
    ("  ", ""),
    (None, ""),
    ("Quý I/2023", " quy i 2023 "),
]


@pytest.mark.parametrize("text,expected", FOLD)
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize("a,b", [
    ("Bộ TT&TT", "Bộ Thông tin và Truyền thông"),
    ("Sở TT&TT tỉnh", "Sở Thông tin và Truyền thông tỉnh"),
    ("BCĐ CCHC", "Ban Chỉ đạo cải cách hành chính"),
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
    ("bo tt&tt", "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"),
])
def test_aliases_give_one_key(a, b):
    assert key(a) == key(b)


@pytest.mark.parametrize("text", [
    "Bộ Tài chính",
    "TTg",                 # an issuer code, not the alias "TT&TT"
    "thông tư TT",         # one "tt" is not "tt tt"
])
def test_aliases_only_whole_words(text):
    assert key(text) == fold(text)


def test_alias_expansion_keeps_surrounding_words():
    assert expand_aliases(" vu ke hoach ubnd tinh ") == " vu ke hoach uy ban nhan dan tinh "


NUMBERS = [
    ("49/2017/NĐ-CP", "49/2017/NDCP"),
    ("49 / 2017 / NĐ – CP", "49/2017/NDCP"),
    ("49/2017/ND-CP", "49/2017/NDCP"),
    ("49/2017/nđ-cp", "49/2017/NDCP"),
    ("Nghị định số 49/2017/NĐ-CP", "49/2017/NDCP"),
    ("01/2011/TT-BNV", "1/2011/TTBNV"),
    ("1/2011/TT‑BNV", "1/2011/TTBNV"),        # non-breaking hyphen
    ("126-KL/TW", "126KL/TW"),
    ("30c/NQ-CP", "30C/NQCP"),
    ("Quyết định 34", "34"),
    ("2017", "2017"),
    ("", ""),
    (None, ""),
]


@pytest.mark.parametrize("text,expected", NUMBERS)
def test_number_key(text, expected):
    assert number_key(text) == expected


@pytest.mark.parametrize("a,b", [
    ("49/2017/NĐ-CP", "50/2017/NĐ-CP"),
    ("632/QĐ-TTg", "632/QĐ-BTTTT"),
    ("44/2025/QĐ-TTg", "44/2024/QĐ-TTg"),
])
def test_different_numbers_differ(a, b):
    assert number_key(a) != number_key(b)


def test_like_patterns():
    assert like_phrase(fold("pham minh ti")) == "% pham minh ti%"
    assert like_phrase("") is None
    assert like_phrase("   ") is None
    assert like_each_word(key("BCĐ Bộ TT&TT")) == [
        "% ban %", "% chi %", "% dao %", "% bo %", "% thong %", "% tin %", "% va %", "% truyen %", "% thong%"]
    assert like_each_word("") == []
