import pytest

from extractor.normalize import clean_value, flatten, normalize


@pytest.mark.parametrize("raw, expected", [
    ("hoà bình", "hòa bình"),
    ("Hoá đơn", "Hóa đơn"),
    ("HOÀ", "HÒA"),
    ("thuỷ lợi", "thủy lợi"),
    ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
    ("khoẻ mạnh", "khỏe mạnh"),
    ("quý I", "quý I"),             # after q the tone stays
    ("hoàn thành", "hoàn thành"),   # a final consonant keeps the tone on the main vowel
    ("khuyến khích", "khuyến khích"),
    ("Ban\u00a0chỉ\u200bđạo", "Ban chỉđạo"),
    ("số\u00ad1", "số1"),
    ("a\r\nb\rc", "a\nb\nc"),
    ("Nghi\u0323 đi\u0323nh", "Nghị định"),  # decomposed input becomes NFC
    ("381\u2044TTr-SNV, 12\u2215QĐ, 5\uff0fKH", "381/TTr-SNV, 12/QĐ, 5/KH"),  # look-alike slashes
    ("Chính ủy\u02d0 Lê An; Tổ trưởng\uff1a Hà Bình", "Chính ủy: Lê An; Tổ trưởng: Hà Bình"),  # look-alike colons
])
def test_normalize(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize("text, value", [
    ("Nghị định số\n49/2017/NĐ-CP", "Nghị định số 49/2017/NĐ-CP"),
    ("**Thủ\ntướng**", "Thủ tướng"),
    ("| Bộ Nội vụ |\n---|", "Bộ Nội vụ"),
    ("Vụ Thi đua - Khen thưởng", "Vụ Thi đua - Khen thưởng"),
    ("## Tiêu đề", "Tiêu đề"),
])
def test_flatten_keeps_phrases_and_length(text, value):
    assert len(flatten(text)) == len(text)
    assert clean_value(text) == value


def test_evidence_offsets_point_into_normalized_text(dev_records):
    """text[start:end] == evidence.text for every item of every dev document."""
    checked = 0
    for name, record in dev_records.items():
        text = record.text
        items = [*record.legal_refs, *record.dates, *record.task_stats, *record.people, *record.committees]
        items += [m for c in record.committees for m in c.members]
        for item in items:
            ev = item.evidence
            assert text[ev.start:ev.end] == ev.text, (name, item)
            checked += 1
        assert normalize(text) == text, name  # normalization is idempotent


def test_an_encyclopedia_edit_link_is_the_line_break_it_stands_for():
    raw = "### Khóa II\n\n[sửa | sửa mã nguồn]- Trưởng ban:\n- Lê Văn Hai\n## Ghi chú [sửa]"
    text = normalize(raw)
    assert len(text) == len(raw)
    assert "\n- Trưởng ban:\n" in text and "sửa" not in text
    assert normalize(text) == text
    assert normalize("Đề nghị [sửa đổi] Điều 5") == "Đề nghị [sửa đổi] Điều 5"   # only the link itself


def test_note_marks_a_crawler_put_at_the_start_of_a_line_go_back_to_the_line_they_mark():
    raw = "- Trần Văn Khải (đến 2015)\n[3] - Lê Văn Bảo\n[4][5]\n- Phạm Thị Hà\n\n[6]Năm 2016"
    text = normalize(raw)
    assert len(text) == len(raw)
    assert text.splitlines()[:2] == ["- Trần Văn Khải (đến 2015)[3]", " - Lê Văn Bảo[4][5]"]
    assert "\n- Phạm Thị Hà[6]\n" in text and text.endswith("\nNăm 2016")
    assert normalize(text) == text
    assert normalize("[1] Chú thích đầu trang") == "[1] Chú thích đầu trang"   # nothing above to go back to


def test_a_name_glued_to_the_next_word_by_a_lost_line_break_gets_its_space_back():
    assert normalize("| Đại tướng Lê Văn Antừ Hà Tĩnh |") == "| Đại tướng Lê Văn An từ Hà Tĩnh |"
    assert normalize("ông Trần Bìnhlà Chủ tịch") == "ông Trần Bình là Chủ tịch"
    for kept in ("Phêrô Trần Văn Bình", "Kitô giáo", "Hà Nội và Huế", "José María"):   # one word each
        assert normalize(kept) == kept
