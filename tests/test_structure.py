"""The structure layer's sentences: where a period ends one and where it is an abbreviation's
(texts written in the register of news and decisions)."""
from __future__ import annotations

import pytest

from extractor.doc import Doc
from extractor.normalize import normalize
from extractor.structure import structure, wrapped


def _sentences(text: str) -> list[str]:
    doc = Doc(text=normalize(text), source="t")
    return [doc.text[a:b] for a, b in structure(doc).sentences]


@pytest.mark.parametrize("text,count", [
    # a short given name without marks is a word: its period ends the sentence
    ("Trưởng ban là ông Lê Văn An. Các Phó Trưởng ban gồm ông Bảo và ông Cường.", 2),
    ("Chủ trì là bà Trần Thị Linh. Tham dự có đại diện các sở.", 2),
    # abbreviations and initials in capitals do not
    ("Hội nghị tổ chức tại TP. Hồ Chí Minh với sự tham gia của các tỉnh.", 1),
    ("Bài viết của N. Linh được đăng lại.", 1),
    ("Chủ trì là GS. TS Nguyễn Văn Bình, Viện trưởng.", 1),
    ("Ông gặp Mr. Smith tại Hà Nội.", 1),
    # an encyclopedia's note marks after the period still end the sentence
    ("Ủy ban gồm 3 thành viên.[5] Ngày 7/11 Ủy ban họp phiên đầu tiên.[6][7] Sau đó giải tán.", 3),
])
def test_sentence_ends(text, count):
    assert len(_sentences(text)) == count, _sentences(text)


LONG = "- Bà Lê Thị Hoa - Phó Trưởng phòng Quản lý Giá và Công sản của Sở"


@pytest.mark.parametrize("text,soft", [
    (LONG + " \nTài chính tỉnh.", True),          # a long line broken inside a phrase
    ("- Bà Lê Thị Hoa - Phó Trưởng phòng\nTài chính.", False),   # a short line: the writer's break
    (LONG + ".\nTài chính tỉnh.", False),          # the line ends a sentence
    (LONG + "\n2. Ông Trần Văn Bình.", False),     # the next line opens a list item
    (LONG + "\n\nTài chính tỉnh.", False),        # a blank line between
])
def test_line_breaks_the_layout_made(text, soft):
    br = text.index("\n")
    a = len(text[:br].rstrip(" "))                 # end of the word before the break
    b = len(text) - len(text[br:].lstrip(" \n"))  # start of the word after it
    assert wrapped(text, a, b) is soft


@pytest.mark.parametrize("text, kinds", [
    # a dot read as a comma by OCR, going on the numbering: a numbered item
    ("1. Chủ tịch: A.\n2. Phó Chủ tịch: B.\n3, Các ủy viên gồm:\n", ["number", "number", "number"]),
    # a number and a comma that go on no numbering: running text
    ("Ngày 2 tháng 3.\n3, Các ủy viên gồm:\n", ["para", "para"]),
    ("1. Chủ tịch: A.\n5, Các ủy viên gồm:\n", ["number", "para"]),
])
def test_a_numbered_item_whose_dot_ocr_read_as_a_comma(text, kinds):
    from extractor.structure import build

    assert [b.kind for b in build(text).blocks] == kinds
