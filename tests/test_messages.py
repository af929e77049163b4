"""Every message of the extractor and the service has a code and a Vietnamese wording
(`api/data/messages.tsv`): found in the source by its shape, so that a new warning or
error without a row fails here rather than showing English on the Vietnamese page."""
from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

import pytest

from api.messages import UNKNOWN, _SLOT, entries, explain, vi
from conftest import ROOT

# Calls whose arguments at these positions are messages a user may read (or parts of
# one: `read_stream`'s `what`, "standard input", goes into "<what> is too large ...").
MESSAGE_CALLS = {"ReadError": (1,), "OcrError": (0,), "HTTPException": (1,), "ExtractionFailed": (1,),
                 "_error": (1,),                          # extractor.readers.limits: a ReadError
                 "read_stream": (3, 4), "read_member": (4,)}
# Calls whose keyword argument is a message: a batch input that failed, and why.
MESSAGE_KEYWORDS = {"Item": "error", "Outcome": "error"}


def _shape(node: ast.AST) -> str | None:
    """The text of a string literal with "{}" for each value; None when not a literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _shape(node.left), _shape(node.right)
        return None if left is None or right is None else left + right
    return None


def _shapes(node: ast.AST) -> list[str]:
    """The shapes a message argument may take: both sides of `a if c else b`, the
    literals of `given or "default"`."""
    if isinstance(node, ast.IfExp):
        return _shapes(node.body) + _shapes(node.orelse)
    if isinstance(node, ast.BoolOp):
        return [s for value in node.values for s in _shapes(value)]
    shape = _shape(node)
    return [shape] if shape is not None else []


def _normal(shape: str) -> str:
    """Values side by side are one value ("({}{})" gives "({})")."""
    return re.sub(r"(\{\})+", "{}", shape)


def messages_in_source() -> list[tuple[str, str]]:
    """(where, shape) of every literal message: warnings appended to a `warnings` list,
    and the messages of read errors, OCR errors and HTTP errors."""
    found = []
    for folder in ("extractor", "api"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                args = []
                if name in MESSAGE_CALLS:
                    args = [node.args[i] for i in MESSAGE_CALLS[name] if i < len(node.args)]
                elif name == "append" and isinstance(func, ast.Attribute) and node.args \
                        and "warnings" in ast.unparse(func.value):
                    args = [node.args[0]]
                if name in MESSAGE_KEYWORDS:
                    args += [k.value for k in node.keywords if k.arg == MESSAGE_KEYWORDS[name]]
                for shape in (s for arg in args for s in _shapes(arg)):
                    # "{}: {}" and the like put messages together: their parts are rows
                    if re.search(r"[A-Za-z]", shape.replace("{}", "")):
                        found.append((f"{path.relative_to(ROOT)}:{node.lineno}", _normal(shape)))
    return found


def test_the_source_scan_finds_messages():
    shapes = {shape for _, shape in messages_in_source()}
    assert "the file holds no text" in shapes  # a warning
    assert "binary data, not text (invalid UTF-8 at byte {})" in shapes  # a read error
    assert "the file is empty" in shapes  # an HTTP error
    assert len(shapes) > 50


def test_every_message_in_the_source_has_a_row():
    rows = {_normal(_SLOT.sub("{}", e.en)) for e in entries()}
    missing = [f"{where}: {shape!r}" for where, shape in messages_in_source() if shape not in rows]
    assert not missing, "messages without a row in api/data/messages.tsv:\n" + "\n".join(missing)


def _has_vietnamese_letters(s: str) -> bool:
    return any(c in "đĐ" or unicodedata.normalize("NFD", c) != c for c in s)


def test_rows_are_well_formed():
    codes = [e.code for e in entries()]
    assert len(codes) == len(set(codes)), "a code is used twice"
    for e in entries():
        assert re.fullmatch(r"[a-z]+\.[a-z0-9_]+", e.code), e.code
        en_slots = sorted(m.group(1) for m in _SLOT.finditer(e.en))
        vi_slots = sorted(m.group(1) for m in _SLOT.finditer(e.vi))
        assert en_slots == vi_slots, (e.code, en_slots, vi_slots)
        words = _SLOT.sub("", e.vi).split()  # "trang {page}" has too few words to tell
        assert e.vi != e.en and (_has_vietnamese_letters(e.vi) or len(words) <= 2), e.code


@pytest.mark.parametrize("message, code, expected", [
    ("3 control characters removed from the text", "read.control_chars", "đã bỏ 3 ký tự điều khiển khỏi văn bản"),
    # a read error names the file first: the name is kept
    ("r.bin: binary data, not text (invalid UTF-8 at byte 128)", "text.binary",
     "r.bin: dữ liệu nhị phân, không phải văn bản (mã UTF-8 sai ở byte 128)"),
    # a value that is a message itself is translated too
    ("pages 4, 5: text layer in the legacy TCVN3 font encoding, converted to Unicode", "pdf.legacy_font",
     "các trang 4, 5: lớp chữ dùng bảng mã phông cũ TCVN3, đã chuyển sang Unicode"),
    ("issue date 2055-01-01 of the header dropped: the number 12/2025/QĐ-UBND says 2025", "header.date_dropped",
     "đã bỏ ngày ban hành 2055-01-01 ở phần đầu văn bản: số hiệu 12/2025/QĐ-UBND ghi năm 2025"),
    ("page 3: Tesseract took more than 60 s", "ocr.page_error", "trang 3: Tesseract chạy quá 60 giây"),
    ("Tổ công tác: text states 27 members; 3 listed (1 without a leading role)", "committee.count",
     "Tổ công tác: văn bản nêu 27 thành viên nhưng liệt kê 3 người (1 người không giữ vai trò lãnh đạo)"),
    ("task_stats: nhiệm vụ completed on time (240) and late (5) make 245, but the text says 246 were completed: "
     "“hoàn thành 246 nhiệm vụ”", "task.parts_quoted",
     "số liệu nhiệm vụ: nhiệm vụ hoàn thành đúng hạn (240) và quá hạn (5) cộng lại là 245, nhưng văn bản nói có 246 "
     "đã hoàn thành: “hoàn thành 246 nhiệm vụ”"),
    # the bounded reads: what was too large is a message itself, the file name stays in front
    ("-: standard input is too large (over the limit of 40 MB)", "limit.too_large",
     "-: dữ liệu vào chuẩn (stdin) quá lớn (vượt giới hạn 40 MB)"),
    ("a.zip!b.docx: zip member word/document.xml is too large (over the limit of 1 MB)", "limit.too_large",
     "a.zip!b.docx: thành phần nén word/document.xml quá lớn (vượt giới hạn 1 MB)"),
    ("bomb.docx: DOCX would unpack to more than 200 MB: zip bomb?", "limit.bomb",
     "bomb.docx: DOCX giải nén ra hơn 200 MB: có thể là bom nén"),
    ("flood.docx: DOCX member word/document.xml has 2000001 XML tags (limit 2000000): an XML flood?",
     "limit.xml_tags", "flood.docx: DOCX: thành phần word/document.xml có 2000001 thẻ XML (giới hạn 2000000): "
     "có thể là tấn công làm tràn XML"),
])
def test_explain(message, code, expected):
    m = explain(message)
    assert (m.code, m.vi, m.en) == (code, expected, message)


def test_an_unknown_message_keeps_its_english():
    assert explain("something new happened").model_dump() == {
        "code": UNKNOWN, "en": "something new happened", "vi": "something new happened"}
    assert vi("the file holds no text") == "Tệp không có chữ nào"


def test_office_kinds_are_translated():
    from extractor.readers.office import INSTALL_HINT, NAMES

    for kind, name in NAMES.items():
        m = explain(f"f.{kind}: {name}, not a document: save the text as DOCX, PDF or plain text")
        assert m.code == "office.not_document" and name not in m.vi, (kind, m.vi)
    m = explain(f"f.doc: {NAMES['doc']}; reading it needs a converter: {INSTALL_HINT}")
    assert m.code == "office.needs_converter" and "cài LibreOffice" in m.vi


def test_every_warning_on_the_dev_corpus_is_known(dev_records):
    warnings = [w for record in dev_records.values() for w in record.warnings]
    assert all(explain(w).code != UNKNOWN for w in warnings), [w for w in warnings if explain(w).code == UNKNOWN]


def test_warnings_of_real_files_are_known():
    """PDFs whose layers the reader converts, OCRs or keeps each say so: in both languages."""
    from extractor.readers.pdf import _illegible_notes, _pages

    assert explain(_pages([3])).vi == "trang 3" and explain(_pages([1, 2])).vi == "các trang 1, 2"
    notes = _illegible_notes({0: 0.2, 1: 0.3}, {0: "x", 1: "y"}, ["", ""], [1])
    assert [explain(n).code for n in notes] == ["pdf.bad_layer_ocr", "pdf.bad_layer_kept"]
