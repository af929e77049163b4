"""A news article's headline, dateline and byline, and the kind of a text without a header."""
from __future__ import annotations

import re

from extractor.data import words
from extractor.doc import Doc
from extractor.recognizers import calendar as cal
from extractor.recognizers import symbols as sy
from extractor.recognizers.document.lines import _Line, _nonempty

_FRONT_TITLE_RE = re.compile(r"^title:\s*\"?\s*(?:\[[^\]]*\]\s*)?(.*?)\"?\s*$", re.M)
_FRONT_DATE_RE = re.compile(r"^date:\s*(.+)$", re.M)
# the marks before the label stay on its line: a run of blank lines is not rescanned from each one
_STAMP_RE = re.compile(
    r"^[^\w\n]*(?:ngày\s+giờ|giờ|ngày|thời\s+gian)\s+(?:đăng|xuất\s+bản|cập\s+nhật)[^:\n]{0,30}:\s*(.+)$", re.I | re.M)
_DATELINE_RE = re.compile(
    r"^(?:(?:" + cal.alternation("weekday") + r")\s*,?\s*)?" + cal.NUM_DAY
    + r"(?:\s*[-,|]?\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*\(?GMT[+\-]?\d*\)?)?$", re.I)
# a byline label (data/byline_labels.txt), bold or not ("**Tác giả:** Minh Anh")
_LABELS = sorted(words("byline_labels"), key=len, reverse=True)
_BYLINE_LABEL_RE = re.compile(
    r"^[*_\s]*(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in _LABELS) + r")\s*:[*_\s]*(.+?)[*_\s]*$",
    re.I)
_BYLINE_SUFFIX_RE = re.compile(r"\s*\((?:ghi|tổng hợp|lược dịch|theo [^)]*)\)\s*$", re.I)
_BYLINE_RE = re.compile(r"(?:[^\W\d_]\.\s?)?(?:[^\W\d_]+\.?\s?){1,4}")
_AUTHORS_SEP_RE = re.compile(r"\s*[-–,]\s*|\s+và\s+")
_HONORIFICS = ("ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "đồng chí")
# a news site's line under the headline: the author, a dash, the weekday and the date
_BYLINE_DATELINE_RE = re.compile(r"[*_\s]*(?P<name>[^\W\d_][^-–|\n]{1,40}?)\s+[-–]\s+(?:"
                                 + cal.alternation("weekday") + r")\s*,\s*\d{1,2}/\d{1,2}/\d{4}", re.I)
_DATELINE_REACH = 15   # nonempty lines from the top where it stands


def _first_day(text: str) -> str | None:
    m = re.search(cal.NUM_DAY, text)
    if m:
        return cal.day_from_match(m)
    m = re.search(r"(?P<d>\d{1,2})\s+(?P<mon>" + cal.alternation("month_en") + r")[a-z]*\.?\s+(?P<y>" + cal.YEAR + ")", text)
    if m:
        return cal.iso_day(int(m["y"]), int(cal.words("month_en")[m["mon"]]), int(m["d"]))
    m = re.search(r"(" + cal.YEAR + r")-(\d{2})-(\d{2})", text)
    return cal.iso_day(int(m[1]), int(m[2]), int(m[3])) if m else None


def _news_title(doc: Doc, lines: list[_Line]) -> str | None:
    m = _FRONT_TITLE_RE.search(doc.text[:2000]) if doc.text.startswith("---") else None
    if m and m.group(1).strip():
        return m.group(1).strip()
    ne = _nonempty(lines)
    raw = [ln for ln in lines if ln.text or "=" in doc.text[ln.start:ln.end]]
    if not ne:
        return None
    first = ne[0]
    if _SELF_REF_RE.match(first.text):
        return None  # "Nghị quyết này quy định ...": the body of a document, not a headline
    if doc.text[first.start:first.end].lstrip().startswith("#"):
        return first.text
    k = raw.index(first)
    if k + 1 < len(raw) and re.fullmatch(r"\s*={3,}\s*", doc.text[raw[k + 1].start:raw[k + 1].end]):
        return first.text
    if len(first.text) <= 200 and not first.text.endswith((".", ":", "…", "!", ";")):
        return first.text
    return None


def _news_date(doc: Doc, lines: list[_Line]) -> str | None:
    if doc.text.startswith("---"):
        m = _FRONT_DATE_RE.search(doc.text[:2000])
        if m and _first_day(m.group(1)):
            return _first_day(m.group(1))
    m = _STAMP_RE.search(doc.text)
    if m and _first_day(m.group(1)):
        return _first_day(m.group(1))
    for ln in _nonempty(lines)[:6]:
        if _DATELINE_RE.match(ln.text) or _BYLINE_DATELINE_RE.match(ln.text):
            return _first_day(ln.text)
    return None


def _news_author(doc: Doc, lines: list[_Line]) -> str | None:
    for ln in lines:
        m = _BYLINE_LABEL_RE.match(ln.text)
        if m:
            return _BYLINE_SUFFIX_RE.sub("", m.group(1)).strip() or None
    ne = _nonempty(lines)
    for ln in ne[:_DATELINE_REACH]:   # "Minh Khôi - Thứ hai, 06/05/2024 10:15": byline and dateline
        m = _BYLINE_DATELINE_RE.match(ln.text)
        if m and _looks_like_byline(m["name"]):
            return m["name"]
    best = None
    tail = len(doc.text) * 0.55  # a byline closes the article
    for i in range(1, len(ne)):
        if ne[i].start < tail or doc.text[ne[i].start:ne[i].end].lstrip().startswith("#"):
            continue
        text = _BYLINE_SUFFIX_RE.sub("", ne[i].text).strip()
        # several authors: "Nguyễn Tâm - Hải Tú", "Thu Hà, Minh Anh"; after the body's last
        # paragraph or its last sentence, however short ("Xin cảm ơn ông!" closing an interview)
        parts = _AUTHORS_SEP_RE.split(text)
        closes = len(ne[i - 1].text) >= 80 or ne[i - 1].text.rstrip(" *_").endswith((".", "!", "?", "…"))
        if (closes and 3 <= len(text) <= 30 * len(parts) and len(parts) <= 3
                and all(_BYLINE_RE.fullmatch(p) and _looks_like_byline(p) for p in parts)):
            best = text
    return best


def _looks_like_byline(text: str) -> bool:
    """"Thu Hương", "N.Linh", "T Kiên": every word capitalized, not all capitals, two
    words or an initial, no honorific ("Ông ..." is a quote, not a byline)."""
    toks = text.replace(".", ". ").split()
    if text.isupper() or not all(t[0].isupper() and (t[1:].islower() or t[1:] in ("", ".")) for t in toks):
        return False
    if len(toks) < 2 or toks[0].casefold() in _HONORIFICS:
        return False
    return _is_name_like(text)


def _is_name_like(text: str) -> bool:
    heads = [h.casefold() for h in sy.issuer_words()[0] + sy.issuer_words()[1]]
    low = text.casefold()
    return not any(low == h or low.startswith(h + " ") for h in heads) and not low.startswith(("theo ", "nguồn", "ảnh"))


# --- kind for texts without a header ---------------------------------------------

_SELF_REF_RE = re.compile(r"(" + sy.type_words_pattern(cased=True) + r")\s+này(?!\w)")


def _self_reference_kind(doc: Doc) -> str | None:
    """A text that calls itself "Kết luận này" three times is that document."""
    counts: dict[str, int] = {}
    for m in _SELF_REF_RE.finditer(doc.flat):
        t = sy.canonical_type(m.group(1))
        if t and m.group(1)[0].isupper() and not (m.start() and doc.flat[m.start() - 1].isalnum()):
            counts[t] = counts.get(t, 0) + 1
    if counts:
        t = max(counts, key=counts.get)
        first = next((ln for ln in doc.flat.split("  ") if ln.strip()), "")[:600]
        # "Ngày 9/9, Phó Thủ tướng đã ký Nghị quyết số 05/2025/NQ-CP ...": news about that
        # document, which it then quotes; the document itself does not open that way
        reported = re.search(r"(?<!\w)(?i:" + re.escape(t).replace(r"\ ", r"\s+") + r")\s+(?:(?i:số)\s+)?\d", first)
        if counts[t] >= 3 and not reported:
            return sy.kind_of_type(t)
    return None
