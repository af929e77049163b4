"""The windows of task_stats (`windows.py`) give what a scan of the window itself gives."""
from __future__ import annotations

from pathlib import Path

from extractor.doc import Doc
from extractor.normalize import normalize
from extractor.recognizers.task_stats import lexicon, windows

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = [lexicon.STATUS_RE, lexicon.DIVISION_RE, lexicon.MUST_RE, lexicon.FUTURE_RE, lexicon.DONE_RE,
            lexicon.DEADLINE_RE, lexicon.AS_OF_CUE_RE, lexicon.NOBODY_RE, lexicon.OF_HOLDER_RE]


def _doc(name: str) -> Doc:
    return Doc(text=normalize((ROOT / "corpora" / "tasks" / name).read_text(encoding="utf-8")))


def _texts() -> list[Doc]:
    docs = [_doc(p.name) for p in sorted((ROOT / "corpora" / "tasks").glob("*.txt"))[:6]]
    # windows that cut a word, a phrase or a run of spaces
    docs.append(Doc(text="đã hoàn thành trong đó 5 nhiệm vụ, trong  số  đó sẽ   hoàn thành trong tháng 9 đãx"))
    return docs


def test_window_matches_are_the_window_scan():
    for doc in _texts():
        low = lexicon.lower(doc)
        n = len(low)
        sentence = (0, n)
        for rx in PATTERNS:
            for lo in range(0, n, max(1, n // 40)):
                for hi in (lo + 1, lo + 7, lo + 40, lo + 333, n):
                    hi = min(hi, n)
                    want = [(m.start(), m.end(), m.group()) for m in rx.finditer(low, lo, hi)]
                    got = [(m.start(), m.end(), m.group()) for m in windows.matches(doc, low, rx, sentence, lo, hi)]
                    assert got == want, (rx.pattern[:40], lo, hi)


def test_heads_are_the_window_scan():
    for doc in _texts():
        n = len(doc.flat)
        for rx in (lexicon.HOLDER_HEAD_RE, lexicon.GIVER_HEAD_RE):
            for lo in range(0, n, max(1, n // 40)):
                for hi in (lo + 3, lo + 50, lo + 500, n):
                    hi = min(hi, n)
                    want = [(m.start(), m.end(), m["next"]) for m in rx.finditer(doc.flat, lo, hi)]
                    got = [(m.start(), m.end(), m["next"]) for m in windows.heads(doc, rx, (0, n), lo, hi)]
                    assert got == want, (lo, hi)


def test_lines_and_paragraphs_by_bisection():
    doc = Doc(text="a\n\nb\nc\n\n\nd")
    for pos in range(len(doc.text) + 1):
        assert windows.line_start(doc, pos) == doc.text.rfind("\n", 0, pos) + 1
        assert windows.line_end(doc, pos) == doc.text.find("\n", pos)
        assert windows.paragraph_break(doc, pos) == doc.text.rfind("\n\n", 0, pos)


def test_a_window_that_cuts_a_word_is_scanned_again():
    """"đãx" holds no word "đã", but a window ending before the "x" does: its own scan is kept."""
    doc = Doc(text="sẽ làm đãx")
    low = lexicon.lower(doc)
    whole = (0, len(low))
    assert windows.matches(doc, low, lexicon.DONE_RE, whole, *whole) == []
    hi = low.index("x")
    assert [m.group() for m in windows.matches(doc, low, lexicon.DONE_RE, whole, 0, hi)] == ["đã"]
