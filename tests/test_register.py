"""Integrity of the register of the state's bodies (extractor/register), and resolving a body
as texts write it."""
from __future__ import annotations

import csv
from datetime import date

import pytest

from extractor import register as reg


@pytest.mark.parametrize("path", sorted(reg.DIR.glob("*.tsv")), ids=lambda p: p.name)
def test_every_row_has_the_columns_of_its_header(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    for n, line in enumerate(csv.reader(lines[1:], delimiter="\t", quoting=csv.QUOTE_NONE), 2):
        assert len(line) <= len(header), f"{path.name}: row {n} has more cells than the header"
        assert line[0].strip() == line[0] and line[0], f"{path.name}: row {n} has no first cell"


@pytest.mark.parametrize("name", [p.stem for p in sorted(reg.DIR.glob("*.txt"))])
def test_word_lists_have_no_duplicates(name):
    entries = [w.casefold() for w in reg.words(name)]
    assert len(entries) == len(set(entries)), name


def test_provinces_before_and_after_the_2025_merger():
    assert sum(p.valid(date(2024, 6, 1)) for p in reg.provinces()) == 63
    assert sum(p.valid(date(2025, 7, 1)) for p in reg.provinces()) == 34
    after = {p.name for p in reg.provinces() if p.valid(date(2025, 7, 1))}
    for p in reg.provinces():
        if p.merged_into:
            assert p.merged_into in after, p
            assert p.valid_to is not None


def test_former_provinces_are_provinces_of_their_time():
    former = {p.name: p for p in reg.provinces() if p.valid_to and p.valid_to < date(2000, 1, 1)}
    assert {"Hà Bắc", "Nghệ Tĩnh", "Hà Đông"} <= set(former)
    assert reg.is_province("tỉnh Hà Bắc") and not former["Hà Bắc"].valid(date(2010, 1, 1))
    assert former["Hà Bắc"].valid(date(1980, 1, 1))


def test_successors_are_in_the_register():
    names = {b.name for b in reg.bodies()}
    for b in reg.bodies():
        if b.successor and b.successor.startswith(("Bộ ", "Ủy ban", "Ban ", "Đảng ủy")):
            assert b.successor in names, b
        if b.valid_from and b.valid_to:
            assert b.valid_from <= b.valid_to, b
    fields = {f.name for f in reg.fields()}
    for f in reg.fields():
        assert not f.successor or f.successor in fields, f


def test_deputies_are_titles_of_the_register():
    """Who signs "KT." (on behalf of) a head: a title of the register, "Phó" + the head's title
    unless the table says otherwise."""
    titles = {t for t, _ in reg.positions()}
    for row in reg.rows("positions"):
        assert not row["deputy"] or row["deputy"] in titles, row
    assert (reg.deputy("Bộ trưởng"), reg.deputy("Giám đốc"), reg.deputy("Phó Giám đốc")) == (
        "Thứ trưởng", "Phó Giám đốc", None)


def test_no_written_form_names_two_bodies():
    seen: dict[str, str] = {}
    for b in reg.bodies():
        for form in (b.name, *b.short):
            key = reg.fold(form)
            assert seen.setdefault(key, b.name) == b.name, (form, seen[key], b.name)


def test_the_2025_restructuring_of_ministries():
    on = date(2025, 6, 1)
    ministries = {b.name for b in reg.bodies() if b.kind == "ministry" and b.valid(on) and b.name.startswith("Bộ ")}
    assert len(ministries) == 14
    assert reg.successor("Bộ Kế hoạch và Đầu tư") == "Bộ Tài chính"
    assert reg.successor("Bộ TT&TT") == "Bộ Khoa học và Công nghệ"


@pytest.mark.parametrize("written, name", [
    ("Bộ TT&TT", "Bộ Thông tin và Truyền thông"),
    ("Bộ LĐ-TB&XH", "Bộ Lao động - Thương binh và Xã hội"),
    ("bộ kế hoạch và đầu tư", "Bộ Kế hoạch và Đầu tư"),
    ("Uỷ ban Dân tộc", "Ủy ban Dân tộc"),
    ("VPCP", "Văn phòng Chính phủ"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
    ("UBND tỉnh Nghệ An", "Ủy ban nhân dân tỉnh Nghệ An"),
    ("Ủy ban nhân dân TP.HCM", "Ủy ban nhân dân thành phố Hồ Chí Minh"),
    ("Sở Tư pháp tỉnh Cà Mau", "Sở Tư pháp tỉnh Cà Mau"),
    ("Vụ Không Có Trong Sổ", None),
])
def test_canonical(written, name):
    assert reg.canonical(written) == name


def test_same_body_across_abbreviations():
    assert reg.same_body("Bộ GD&ĐT", "Bộ Giáo dục và Đào tạo")
    assert reg.same_body("UBND tỉnh Quảng Ninh", "Ủy ban nhân dân tỉnh Quảng Ninh")
    assert not reg.same_body("Bộ Tài chính", "Bộ Tư pháp")


@pytest.mark.parametrize("one,other", [("Thư kí", "thư ký"), ("kĩ thuật", "Kỹ thuật"), ("Bác sĩ", "bác sỹ"),
                                       ("LÍ LUẬN", "lý luận")])
def test_i_and_y_spellings_match_as_one(one, other):
    assert reg.spelling(one) == reg.spelling(other)


@pytest.mark.parametrize("word", ["quý", "thủy", "tuyển", "yêu", "Huy", "ý kiến"])
def test_y_that_is_not_a_syllable_s_only_vowel_stays(word):
    assert reg.spelling(word) == word.casefold()
