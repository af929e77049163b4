"""The subject of an encyclopedia biography: the page's title names a person, whatever the
name recognizer makes of the name alone (a rare family name, a foreign or a stage name)."""
from conftest import ROOT
from extractor.doc import Doc
from extractor.normalize import normalize
from extractor.persons import mentions
from extractor.pipeline import extract, extract_text
from extractor.subject import page_subject

COMMITTEES = ROOT / "corpora" / "committees"


def _page(title: str, box: str) -> str:
    return f"# {title}\n\n| {title} | |\n|---|---|\n{box}\n\nÔng là Ủy viên Hội đồng Nghệ thuật.\n"


def test_a_biography_title_names_its_subject():
    assert page_subject(_page("Lò Văn Pả", "| Sinh | 1902 |")) == "Lò Văn Pả"
    # the bracket that tells apart pages of one name is no part of it
    assert page_subject(_page("Minh Hà (ca sĩ)", "| Thông tin cá nhân | |")) == "Minh Hà"


def test_a_title_without_a_persons_box_names_nobody():
    assert page_subject(_page("Trường Cao đẳng Nghề Số 5", "| Hoạt động | 1964 |")) is None
    assert page_subject("Lò Văn Pả\n\n| Sinh | 1902 |\n") is None          # no heading
    assert page_subject(_page("cơ quan nhà nước", "| Sinh | 1902 |")) is None  # no name's shape


def test_the_subject_is_a_person_where_its_name_is_written_whole():
    text = _page("Lò Văn Pả", "| Sinh | 1902 |") + "Năm 1945, Lò Văn Pả là Ủy viên Ủy ban Kháng chiến.\n"
    names = [p.name for p in extract_text(text).people]
    assert names.count("Lò Văn Pả") == 1


def test_a_place_of_the_subjects_name_is_no_person():
    text = _page("Hải Hậu", "| Sinh | 1912 |") + "Ông sinh ở huyện Hải Hậu, tỉnh Nam Định.\n"
    doc = Doc(text=normalize(text), source="-", meta={"format": "text"})
    place = doc.text.index("huyện Hải Hậu") + len("huyện ")
    starts = {m.start for m in mentions(doc) if m.name == "Hải Hậu"}
    assert 2 in starts and place not in starts


def test_a_real_biography_gives_its_subjects_committee_roles():
    rec = extract(next(COMMITTEES.glob("committees-n_09_*.txt")))
    assert "Ca Văn Thỉnh" in {p.name for p in rec.people}
    held = {(c.name, m.role) for c in rec.committees for m in c.members if m.name == "Ca Văn Thỉnh"}
    assert ("Ủy ban kháng chiến hành chính Nam Bộ", "Ủy viên") in held
