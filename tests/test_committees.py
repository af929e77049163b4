"""Committees: what is not a per-text case. The per-text cases are the case tables of
`tests/cases/committees/` (one per membership frame, run by `test_committee_frames.py`); here
the dev corpus by the reference scorer, and what a case table does not say (the people a
committee's list names)."""
from __future__ import annotations

from extractor.doc import Doc
from extractor.normalize import normalize
from extractor.recognizers import committees, people
from models.records import Document


def test_dev_corpus_members_and_people_by_the_reference_scorer():
    """Regression guard on the annotated dev corpus (issue 5: members and people F1 >= 0.90,
    member position and organization accuracy >= 0.90)."""
    import importlib.util
    from pathlib import Path

    from extractor.pipeline import make_doc
    from extractor.readers import read_path
    from extractor.recognizers import document

    root = Path(__file__).resolve().parent
    spec = importlib.util.spec_from_file_location("reference_score", root / "reference" / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    dev = root.parent / "corpora" / "dev"
    preds = []
    for path in sorted(dev.glob("*.txt")):
        doc = make_doc(read_path(path), str(path))
        doc.document = document.recognize(doc)
        ps = people.recognize(doc)
        doc.cache["people"] = ps
        cs = committees.recognize(doc)
        preds.append({"document": {"source": str(path)},
                      "people": [p.model_dump() for p in ps], "committees": [c.model_dump() for c in cs]})
    out = scorer.score(str(dev), preds)
    assert out["members"]["f1"] >= 0.9 and out["people"]["f1"] >= 0.9
    assert out["member.position"]["acc"] >= 0.9 and out["member.organization"]["acc"] >= 0.9


def test_people_named_in_a_committees_role_lines_keep_their_posts():
    """"- <role> [committee]: Name (post)": the people with the post in parentheses (the members
    are a case of `lists.yaml`)."""
    text = ("Hội đồng Bảo trợ Quốc gia được lập năm 1950, gồm:\n\n"
            "- Chủ tịch Hội đồng: Trịnh Minh Hòa (Bộ trưởng Bộ Tư pháp)\n"
            "- Các ủy viên: Đinh Thị Lan (Thứ trưởng Bộ Y tế), Cao Văn Sơn (Bộ trưởng Bộ Giáo dục).\n"
            "- Thư ký: chưa chọn.\n")
    doc = _doc(text)
    assert [(p.name, p.position, p.organization) for p in people.recognize(doc)] == [
        ("Trịnh Minh Hòa", "Bộ trưởng", "Bộ Tư pháp"), ("Đinh Thị Lan", "Thứ trưởng", "Bộ Y tế"),
        ("Cao Văn Sơn", "Bộ trưởng", "Bộ Giáo dục")]


def test_a_member_whose_membership_names_no_post_takes_the_post_the_document_gives():
    text = ("Phó Giám đốc Sở Nội vụ Khương Văn Lộc chủ trì cuộc họp.\n\n"
            "Tổ công tác cải cách thủ tục hành chính gồm:\n"
            "- Tổ trưởng: Khương Văn Lộc\n"
            "- Tổ phó: Trịnh Thị Hạnh\n")
    doc = _doc(text)
    doc.cache["people"] = people.recognize(doc)
    members = [(m.name, m.role, m.position, m.organization) for c in committees.recognize(doc) for m in c.members]
    assert members == [("Khương Văn Lộc", "Tổ trưởng", "Phó Giám đốc", "Sở Nội vụ"),
                       ("Trịnh Thị Hạnh", "Tổ phó", None, None)]


def _doc(text: str) -> Doc:
    doc = Doc(text=normalize(text), source="t")
    doc.document = Document(id=doc.id, source="t")
    return doc
