"""TCVN3 (ABC, .VnTime fonts) and VNI (VNI-Times fonts): test files are made by
encoding real Vietnamese sentences with our own tables, then read back."""
from __future__ import annotations

import io
import unicodedata

import pytest

from extractor.data import table
from extractor.readers import read_bytes
from extractor.readers.legacy import (
    font_encoding,
    guess_legacy,
    tcvn3_to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
    vni_to_unicode,
)
from hostile_corpus import DEV

# Real sentences of administrative text, with every tone on every vowel kind among them.
SENTENCES = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Quyết định về việc kiện toàn Ban chỉ đạo cải cách hành chính của Bộ Thông tin và Truyền thông",
    "Căn cứ Nghị định số 17/2017/NĐ-CP ngày 17 tháng 02 năm 2017 của Chính phủ quy định chức năng, nhiệm vụ",
    "Bộ trưởng, Thủ trưởng cơ quan ngang bộ chịu trách nhiệm thi hành Quyết định này.",
    "Đồng chí Nguyễn Huy Dũng, Thứ trưởng, làm Trưởng ban; ông Phạm Văn Lưỡng làm Thư ký.",
    "Tính đến ngày 16/6/2017, đã hoàn thành 246 nhiệm vụ, trong đó có 240 nhiệm vụ đúng hạn.",
    "Những người ở huyện vùng sâu được hưởng chế độ ưu đãi; kỹ thuật, mỹ thuật, thủy lợi, ngẫu nhiên.",
    "Ăn quả nhớ kẻ trồng cây; uống nước nhớ nguồn; ỷ lại, ỵ, ễnh ương, ẵm bồng, ẳng, ặc.",
]


def test_tables_cover_every_vietnamese_letter():
    letters = {unicodedata.normalize("NFC", base + tone)
               for base in "aăâeêioôơuưy"
               for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")}
    tcvn3 = {row["char"] for row in table("tcvn3")}
    vni = {row["char"] for row in table("vni")}
    non_ascii = {ch for ch in letters if not ch.isascii()}
    assert non_ascii | {"đ", "Đ"} <= tcvn3
    assert non_ascii | {ch.upper() for ch in non_ascii} | {"đ", "Đ"} <= vni
    # one byte per letter in TCVN3, and no byte used twice
    codes = [row["byte"] for row in table("tcvn3")]
    assert len(codes) == len(set(codes))
    assert all(0xA1 <= int(c, 16) <= 0xFE for c in codes)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_tcvn3_round_trip(sentence):
    data = unicode_to_tcvn3(sentence)
    assert data != sentence.encode("utf-8")
    decoded = tcvn3_to_unicode(data.decode("latin-1"))
    # TCVN3 has no toned capitals: those come back in lowercase, everything else exactly.
    expected = "".join(ch if ch.isascii() or ch in "ĂÂÊÔƠƯĐ" else ch.lower() for ch in sentence)
    assert decoded == expected


@pytest.mark.parametrize("sentence", SENTENCES)
def test_vni_round_trip(sentence):
    data = unicode_to_vni(sentence)
    assert vni_to_unicode(data.decode("cp1252")) == sentence
    assert vni_to_unicode(unicode_to_vni(sentence.upper()).decode("cp1252")) == sentence.upper()


@pytest.mark.parametrize("encoded, expected", [
    # as such text shows up when opened without the right font
    ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
])
def test_tcvn3_known_strings(encoded, expected):
    assert tcvn3_to_unicode(encoded) == expected


@pytest.mark.parametrize("encoded, expected", [
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("QUYEÁT ÑÒNH", "QUYẾT ĐỊNH"),
    ("Thuû töôùng Chính phuû", "Thủ tướng Chính phủ"),
])
def test_vni_known_strings(encoded, expected):
    assert vni_to_unicode(encoded) == expected


def _dev_paragraph() -> str:
    text = (DEV / "seed_003_kien_toan_bcd_cchc.txt").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if len(line) > 40)[:3000]


@pytest.mark.parametrize("encode, name", [(unicode_to_tcvn3, "tcvn3"), (unicode_to_vni, "vni")])
def test_text_file_in_legacy_encoding(encode, name):
    source = unicodedata.normalize("NFC", _dev_paragraph())
    # characters outside the legacy repertoire (curly quotes...) are not part of this test
    source = "".join(ch for ch in source if ch.isascii() or unicodedata.category(ch).startswith("L"))
    result = read_bytes(encode(source), f"old_{name}.txt")
    assert result.meta["encoding"] == name
    if name == "vni":
        assert result.text == source
    else:
        assert result.text.lower() == source.lower()


@pytest.mark.parametrize("encode, name", [(unicode_to_tcvn3, "tcvn3"), (unicode_to_vni, "vni")])
def test_legacy_text_saved_as_utf8(encode, name):
    # A legacy text opened as Windows-1252 and saved again as UTF-8: the characters are mojibake.
    source = "\n".join(SENTENCES[:6])
    mojibake = encode(source).decode("cp1252", errors="replace").encode("utf-8")
    result = read_bytes(mojibake, "saved_again.txt")
    assert result.meta["encoding"] == f"utf-8+{name}"
    assert result.text.lower() == source.lower()


@pytest.mark.parametrize("text", [
    "\n".join(SENTENCES),                                     # real Unicode Vietnamese
    "Plain English text about the Ministry of Home Affairs.",  # no Vietnamese at all
    "Café, naïve, façade, São Paulo, Zürich, Ångström — ¿qué?",  # Latin-1 letters, not Vietnamese
])
def test_unicode_text_is_left_alone(text):
    result = read_bytes(text.encode("utf-8"), "x.txt")
    assert result.text == text
    assert result.meta["encoding"] == "utf-8"


def test_guess_refuses_too_little_evidence():
    assert guess_legacy("abc def") is None
    assert guess_legacy(unicode_to_tcvn3("\n".join(SENTENCES)).decode("latin-1")) == "tcvn3"
    assert guess_legacy(unicode_to_vni("\n".join(SENTENCES)).decode("cp1252")) == "vni"


@pytest.mark.parametrize("font, expected", [
    (".VnTime", ("tcvn3", False)),
    (".VnTimeH", ("tcvn3", True)),
    (".VnArial", ("tcvn3", False)),
    (".VnArialH", ("tcvn3", True)),
    ("VNI-Times", ("vni", False)),
    ("VNI-Helve", ("vni", False)),
    ("Times New Roman", None),
    ("Arial", None),
    (None, None),
])
def test_font_names(font, expected):
    assert font_encoding(font) == expected


@pytest.mark.parametrize("text, font, expected", [
    # curly quotes (Windows-1252 0x93/0x94) around legacy text do not stop the conversion
    ("\u201c" + unicode_to_vni("Quyết định").decode("cp1252") + "\u201d", "VNI-Times", "\u201cQuyết định\u201d"),
    ("\u201c" + unicode_to_tcvn3("về việc").decode("latin-1") + "\u201d", ".VnTime", "\u201cvề việc\u201d"),
    # real Unicode Vietnamese in a legacy-named font is left as it is
    ("Quyết định số 12", ".VnTime", "Quyết định số 12"),
])
def test_font_text(text, font, expected):
    from extractor.readers.legacy import decode_font_text

    assert decode_font_text(text, font) == expected


def test_docx_runs_in_legacy_fonts():
    import docx
    from docx.oxml.ns import qn

    d = docx.Document()
    p = d.add_paragraph()
    r = p.add_run(unicode_to_tcvn3("Quyết định về việc kiện toàn Ban chỉ đạo").decode("latin-1"))
    r.font.name = ".VnTime"
    p.add_run(" và ")
    r = p.add_run(unicode_to_vni("Tổ giúp việc của Bộ Nội vụ").decode("cp1252"))
    r.font.name = "VNI-Times"
    # .VnTimeH draws every letter as a capital
    r = d.add_paragraph().add_run(unicode_to_tcvn3("ủy ban nhân dân tỉnh").decode("latin-1"))
    r.font.name = ".VnTimeH"
    # font inherited from the paragraph style, not set on the run
    style = d.styles.add_style("Cu", 1)
    style.font.name = "VNI-Times"
    d.add_paragraph(unicode_to_vni("Hà Nội, ngày 10 tháng 01 năm 2022").decode("cp1252"), style="Cu")
    # a Unicode run next to them stays as it is
    d.add_paragraph("Bộ trưởng Bộ Nội vụ")
    # a legacy font in a table cell
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    run = cell.paragraphs[0].add_run(unicode_to_tcvn3("Số: 12/QĐ-BNV").decode("latin-1"))
    run.font.name = ".VnTime"
    assert style.element.find(qn("w:rPr")) is not None
    buf = io.BytesIO()
    d.save(buf)
    result = read_bytes(buf.getvalue(), "old.docx")
    assert result.text.splitlines() == [
        "Quyết định về việc kiện toàn Ban chỉ đạo và Tổ giúp việc của Bộ Nội vụ",
        "ỦY BAN NHÂN DÂN TỈNH",
        "Hà Nội, ngày 10 tháng 01 năm 2022",
        "Bộ trưởng Bộ Nội vụ",
        "Số: 12/QĐ-BNV",
    ]
    assert result.meta["encoding"] == "legacy fonts"
