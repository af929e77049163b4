"""Counts written in digits and in Vietnamese words."""
import re

import pytest

from extractor.recognizers.vi_numbers import COUNT, parse_count


@pytest.mark.parametrize("text, value", [
    ("06", 6),
    ("290", 290),
    ("1.234", 1234),
    ("127.258", 127258),
    ("hai", 2),
    ("mười", 10),
    ("mười hai", 12),
    ("mười lăm", 15),
    ("hai mươi", 20),
    ("hai mươi mốt", 21),
    ("Ba mươi tư", 34),
    ("chín mươi chín", 99),
    ("một trăm", 100),
    ("một trăm linh năm", 105),
    ("hai trăm lẻ một", 201),
    ("bốn trăm năm mươi", 450),
    ("ba nghìn", 3000),
    ("hai nghìn năm trăm", 2500),
])
def test_parse_count(text, value):
    assert re.fullmatch(COUNT, text), text
    assert parse_count(text) == value


@pytest.mark.parametrize("text", ["7,5", "không", "mốt", "lăm", "", "abc", "1.2.3"])
def test_not_a_count(text):
    assert not re.fullmatch(COUNT, text)
    assert parse_count(text) is None


@pytest.mark.parametrize("text, counts", [
    ("giảm 7,5% so với cùng kỳ", []),                 # a decimal is not a count
    ("ngày 16/6 có 04/39 văn bản", ["16", "04"]),   # nothing right after a slash
    ("có 1.425 tờ khai và 3 hồ sơ", ["1.425", "3"]),
    ("hai nhiệm vụ, mười hai đề án", ["hai", "mười hai"]),
    ("không có nhiệm vụ nào", []),                   # "không" alone is the negation
    ("Bahai người", []),                              # no number inside a word
    ("mười năm qua", ["mười", "năm"]),    # a five after mười/mươi is "lăm": "mười năm" is ten years
])
def test_counts_in_text(text, counts):
    assert re.findall(COUNT, text) == counts
