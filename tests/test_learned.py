"""The learned parts: the logistic models of `extractor/logistic.py`, the second look at name
runs (`extractor/name_check.py`) and the check on committee members
(`extractor/recognizers/committees/member_filter.py`). Texts are written in the register of
news and decisions, not taken from a corpus."""
from __future__ import annotations

import sys

import pytest

from extractor import logistic, name_check, names
from extractor.doc import Doc
from extractor.normalize import normalize
from extractor.recognizers import committees, people
from extractor.spans import spans
from models.records import Document


def _doc(text: str) -> Doc:
    doc = Doc(text=normalize(text), source="t")
    doc.document = Document(id=doc.id, source="t")
    return doc


def _without(monkeypatch, model: str) -> None:
    """Run as if `model` had never been trained."""
    load = logistic.load
    monkeypatch.setattr(logistic, "load", lambda name: None if name == model else load(name))


def test_fit_learns_a_separable_feature_and_applies_the_threshold():
    rows = [{"a": 1.0, "b": x / 10} for x in range(10)] + [{"b": x / 10} for x in range(10)]
    labels = [True] * 10 + [False] * 10
    m = logistic.fit(rows, labels, l2=0.1, steps=500)
    assert m["weights"]["a"] > 0 and abs(m["weights"]["b"]) < m["weights"]["a"]
    m = logistic.prepared(dict(m, threshold=0.5))
    assert logistic.accepts(m, {"a": 1.0, "b": 0.3}) and not logistic.accepts(m, {"b": 0.3})
    # the shipped scorer and the training one agree
    assert logistic.probability(m, {"a": 1.0}) == pytest.approx(logistic.scores(m, [{"a": 1.0}])[0])


def test_shipped_models_load_with_a_threshold_and_an_untrained_one_is_none():
    for name in (name_check.MODEL, "member_filter"):
        m = logistic.load(name)
        assert m is not None and 0 < m["threshold"] < 1 and len(m["weights"]) > 10
    assert logistic.load("no_such_model") is None


def test_the_rules_hand_over_the_runs_they_do_not_read():
    sp = spans(_doc("Ông Trần Minh Khôi cho biết, tại Bình Định và Phú Yên mưa lớn."))
    runs: list = []
    found = names.find(sp, runs)
    assert [s.value for s in found] == ["Trần Minh Khôi"]
    left = {" ".join(sp.word(k) for k in range(i, j)): r for i, j, r in runs}
    assert {"Bình Định", "Phú Yên"} <= set(left)
    assert left["Bình Định"]["as_person"] is False


BYLINES = ("## Chú thích\n"
           "1. ^ Minh Khôi (ngày 3 tháng 5 năm 2021). \"Khánh thành cầu mới\". Báo Tin tức. "
           "Truy cập ngày 4 tháng 5 năm 2021.\n"
           "2. ^ Hà Linh (ngày 9 tháng 6 năm 2021). \"Mùa lúa mới\". Báo Nông nghiệp.")


def test_a_byline_without_a_family_name_is_read_by_the_model(monkeypatch):
    """A reporter's byline before the date of the article ("Minh Khôi (ngày ...)") opens with
    no family name; the rules leave it, the model reads it from its place."""
    assert "Minh Khôi" in {p.name for p in people.recognize(_doc(BYLINES))}
    _without(monkeypatch, name_check.MODEL)
    assert "Minh Khôi" not in {p.name for p in people.recognize(_doc(BYLINES))}


@pytest.mark.parametrize("text", [
    "Đoàn công tác làm việc tại Quảng Ninh và Hải Phòng.",
    "Hãng hàng không Sky Wings mở đường bay mới tới Bangkok.",
    "Ông Trần Minh Khôi cho biết, tại Bình Định và Phú Yên mưa lớn.",
])
def test_places_and_firms_stay_out(text):
    assert {p.name for p in people.recognize(_doc(text))} <= {"Trần Minh Khôi"}


DECISION = """QUYẾT ĐỊNH
Về việc thành lập Ban Chỉ đạo chuyển đổi số của Bộ

Điều 1. Thành lập Ban Chỉ đạo chuyển đổi số của Bộ, gồm các thành viên sau:
1. Ông Lê Quang Định, Thứ trưởng - Trưởng ban;
2. Bà Phạm Thị Hồng Vân, Vụ trưởng Vụ Kế hoạch - Tài chính - Phó Trưởng ban;
3. Ông Đỗ Văn Trung, Chánh Văn phòng Bộ - Ủy viên;
4. Ông Hồ Tấn Phát, Cục trưởng Cục Công nghệ thông tin - Ủy viên.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
"""


def _members(text: str) -> list[tuple[str, str]]:
    doc = _doc(text)
    doc.cache["people"] = people.recognize(doc)
    return [(m.name, m.role) for c in committees.recognize(doc) for m in c.members]


def test_the_member_check_keeps_a_plain_list_of_a_decision(monkeypatch):
    got = _members(DECISION)
    assert [n for n, _ in got] == ["Lê Quang Định", "Phạm Thị Hồng Vân", "Đỗ Văn Trung", "Hồ Tấn Phát"]
    _without(monkeypatch, "member_filter")
    assert _members(DECISION) == got


@pytest.mark.parametrize("script", ["train_name_check", "train_member_filter"])
def test_training_refuses_sealed_sets(monkeypatch, script):
    import importlib
    module = importlib.import_module("scripts." + script)
    monkeypatch.setattr(sys, "argv", [script, "corpora/sealed/committees10"])
    with pytest.raises(SystemExit, match="sealed"):
        module.main()
