"""Sentences and underthesea tokens mapped back onto the normalized text."""
from __future__ import annotations

import socket

import pytest

from extractor import nlp
from extractor.doc import Doc
from extractor.normalize import normalize


def make(text: str) -> Doc:
    return Doc(text=normalize(text))


def test_sentences():
    doc = make("Câu một. Câu hai!\n\nĐoạn mới\n1. Mục một;\n- Mục hai")
    assert [doc.text[s:e] for s, e in nlp.sentences(doc)] == [
        "Câu một.", "Câu hai!", "Đoạn mới", "1. Mục một;", "- Mục hai"]
    assert nlp.sentence_at(doc, doc.text.index("hai")) == nlp.sentences(doc)[1]
    assert nlp.sentence_before(doc, doc.text.index("Đoạn")) == nlp.sentences(doc)[1]
    assert nlp.sentence_before(doc, 0) == (0, 0)


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("network access at run time")
    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_tokens_keep_titles_and_names_and_map_to_offsets(no_network):
    # old-style tone placement in the raw text ("hoá"): offsets still point into doc.text
    doc = make("Vụ trưởng Vụ Tổ chức cán bộ Phạm Minh Tiến và Cục trưởng Cục Tin học hoá\nĐỗ Công Anh.")
    toks = nlp.tag(doc, 0, len(doc.text))
    for t in toks:
        assert " ".join(doc.text[t.start:t.end].split()).casefold() == normalize(t.text).casefold()
    words = {doc.text[t.start:t.end]: t.tag for t in toks}
    assert words["Vụ trưởng"] == "N" and words["Cục trưởng"] == "N"   # titles kept whole (fixed words)
    assert words["Phạm Minh Tiến"] == "Np"
    assert "Đỗ Công Anh" in words                                       # across the line break
    assert nlp.tag(doc, 0, len(doc.text)) is toks                       # cached per document


def test_is_tagged_name(no_network):
    doc = make("Bộ trưởng Sùng A Hồ phát biểu tại hội nghị.")
    s = doc.text.index("Sùng")
    assert nlp.is_tagged_name(doc, s, s + len("Sùng A Hồ"))
    v = doc.text.index("phát")
    assert not nlp.is_tagged_name(doc, v, v + len("phát biểu"))


def test_align_is_robust():
    text = "Thủy  lợi\nvà   hòa bình"
    # a piece the text does not hold gets an empty span; the others are still found
    assert nlp.align(text, ["Thuỷ lợi", "xyz", "và", "hoà bình"], 0, len(text)) == [
        (0, 9), (9, 9), (10, 12), (15, 23)]


def test_spacy_doc_carries_offsets(no_network):
    doc = make("Thứ trưởng Nguyễn Huy Dũng chủ trì.")
    sp = nlp.spacy_doc(doc, 0, len(doc.text))
    offs = sp.user_data["offsets"]
    assert len(offs) == len(sp)
    assert [doc.text[s:e] for s, e in offs][:2] == ["Thứ trưởng", "Nguyễn Huy Dũng"]
    assert sp[1].tag_ == "Np"
