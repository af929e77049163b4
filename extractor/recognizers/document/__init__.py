"""The `document` header: kind, title, number, issuer, date, place, signer, author.

A Vietnamese legal or administrative document opens with a two-column header: the
issuing body on the left ("BỘ TÀI CHÍNH"), the national motto on the right, then
"Số: 4014/QĐ-BTC", the date line "Hà Nội, ngày 01 tháng 12 năm 2025", the type in
capitals ("QUYẾT ĐỊNH") and the summary ("VỀ VIỆC ..."; "V/v ..." in an official
letter); it ends with a signature block ("KT. BỘ TRƯỞNG / THỨ TRƯỞNG / Nguyễn Đức Tâm";
KT./TM./TL./Q. say on whose behalf, they are not the position). Crawled legal
databases put a metadata box before it ("Số hiệu:", "Loại văn bản:", "Nơi ban hành:",
"Người ký:", "Ngày ban hành:"), which stands in where the header itself is missing.

A news article has a headline (a "# " line, a line underlined with "===", or the
page's front matter "title:"), a dateline or publication stamp ("Thứ ba, 20/06/2017
10:59", "Ngày giờ đăng bài viết gốc: 20:00 22/05/2025", "date: Sat, 21 Dec 2024 ..."),
and a byline: a short name on its own line after the body ("Thu Hương", "N.Linh (ghi)",
"Tác giả: T Kiên"). What the HTML reader found (`meta` title/published/author) wins.

The spans of the document's own number are left in `doc.cache["own_number_spans"]`:
that number is not a reference.

The parts, one module each: `lines` (lines and a header's pieces), `metadata` (a legal
database's box), `parts` (motto, number, place and date), `issuer`, `signer`, `title` (type
and summary), `legal` (a legal header put together), `news` (headline, date, byline).
"""
from __future__ import annotations

import re

from extractor import register
from extractor.doc import Doc
from extractor.recognizers import calendar as cal
from extractor.recognizers import symbols as sy
from extractor.recognizers.document.issuer import _opens_body, issuer_name
from extractor.recognizers.document.legal import _legal_header
from extractor.recognizers.document.lines import _lines, _pieces
from extractor.recognizers.document.metadata import _metadata
from extractor.recognizers.document.news import _news_author, _news_date, _news_title, _self_reference_kind
from extractor.recognizers.document.parts import _PASSED_RE, _find_parts, _motto_spans, _own_number, _plausible
from extractor.recognizers.document.signer import _position, _signer
from extractor.recognizers.document.title import _sentence_case, _type_and_summary
from models.records import Document, Signer

__all__ = ["issuer_name", "recognize"]


def recognize(doc: Doc) -> Document:
    meta = doc.meta
    lines = _lines(doc)
    box = _metadata(lines)
    number, own_spans = _own_number(doc, lines, box)
    doc.cache["own_number_spans"] = own_spans
    parts = _find_parts(_pieces(doc), _motto_spans(doc))
    legal = bool(number or box.get("number") or parts.motto is not None)

    kind = "news"
    title = issuer = issued_on = place = None
    signer = None
    author = meta.get("author")
    if legal:
        found = _legal_header(doc, lines, box, number, own_spans, doc.warnings)
        kind, title, number = found["kind"], found["title"], found["number"]
        issuer, issued_on, place, signer = found["issuer"], found["issued_on"], found["place"], found["signer"]
    elif (headless := _headless_legal(doc, lines)) is not None:
        kind, title, issuer = headless
        signer = _signer(lines, _first_article(lines))   # the signature block closes the articles
        passed = _PASSED_RE.search(doc.flat)   # "Nghị quyết này được Quốc hội ... thông qua ngày ..."
        issued_on = _plausible(cal.day_from_match(passed) if passed else None, None, doc.warnings)
    elif (letter := _headless_letter(doc, lines)) is not None:
        kind, issuer, signer = "other", *letter
    else:
        title = meta.get("title") or _news_title(doc, lines)
        issued_on = meta.get("published") or _news_date(doc, lines)
        author = author or _news_author(doc, lines)
        if not title:
            kind = _self_reference_kind(doc) or "news"
    if meta.get("published") and not issued_on and not legal:
        issued_on = meta["published"]
    if issued_on and len(issued_on) > 10:
        issued_on = issued_on[:10]
    return Document(
        id=doc.id, source=doc.source, kind=kind, title=title, number=number, issuer=issuer,
        issued_on=issued_on, place=place, signer=signer, author=author if not legal else meta.get("author"),
        format=meta.get("format"), pages=meta.get("pages"),
        pages_without_text=meta.get("pages_without_text") or [],
        pages_ocr=meta.get("pages_ocr") or [],
    )


# the body of a legal text: its grounds or its first article
_BODY_START_RE = re.compile(r"(?m)^(?:Căn\s+cứ|Điều\s+1\b)", re.I)


def _headless_legal(doc: Doc, lines) -> tuple[str, str, str | None] | None:
    """A legal text whose header (issuer, number, motto, date) was lost in a crawl: it opens
    with its type in capitals ("THÔNG TƯ", "NGHỊ QUYẾT"), its summary under it, and its
    grounds or first article follow. Its kind, title and issuer (`_authority`), or None."""
    first = _first_text(lines)
    if first is None:
        return None
    type_, summary, after = _type_and_summary(doc, lines, first)
    if type_ is None or not lines[first].text.isupper() or sy.canonical_type(lines[first].text.rstrip(":")) != type_:
        return None
    following = [ln.text for ln in lines[after + 1:after + 40] if ln.text]
    body = "\n".join(following)
    if not _BODY_START_RE.search(body):  # "Căn\ncứ": a crawl may break a line inside a word pair
        return None
    title = f"{type_} {_sentence_case(summary, doc)}" if summary else type_
    return sy.kind_of_type(type_), title, _authority(doc, following, type_)


# a letter's addressee line, and the writer who says what it answers ("Sở Tài chính nhận được công văn số ...")
_ADDRESSEE_RE = re.compile(r"[*_\s]*Kính\s+gửi\s*[*_]*\s*:", re.I)
_ANSWERS_RE = re.compile(r"(?:^|[.\n])\s*(?P<who>[^\W\d_][^.,;:\n]{1,80}?)\s+(?:đã\s+)?nhận\s+được\s+"
                         r"(?:công\s+văn|văn\s+bản|đơn|thư|phiếu|tờ\s+trình|báo\s+cáo)")


def _headless_letter(doc: Doc, lines) -> tuple[str | None, Signer | None] | None:
    """An official letter (công văn) whose header a crawl lost: it opens with its addressee
    ("Kính gửi: ...") and closes with its signature block. Its writer, where the letter names
    itself as the one who received what it answers, and its signer; None for anything else."""
    k = _first_text(lines)
    first = lines[k] if k is not None else None
    if first is None or not _ADDRESSEE_RE.match(first.text):
        return None
    m = _ANSWERS_RE.search(doc.text, first.end, first.end + 3000)
    writer = _issuing_body(" ".join(m["who"].split()), doc) if m else None
    return writer, _signer(lines, 0)


def _first_article(lines) -> int:
    """The index of the line that opens the first article ("Điều 1."), else past the end."""
    return next((k for k, ln in enumerate(lines) if _ARTICLE_1_RE.match(ln.text)), len(lines))


_ARTICLE_1_RE = re.compile(r"[\W_]*Điều\s+1\b")


# a crawler's markup left on a line of its own ("<jsontable name=...> </jsontable>"): no text
_TAGS_ONLY_RE = re.compile(r"\s*(?:</?[a-z][^<>\n]{0,200}>?\s*)+")   # (a line's last ">" may be trimmed)


def _first_text(lines) -> int | None:
    """The index of the first line with text, a crawler's markup line not counted."""
    return next((k for k, ln in enumerate(lines) if ln.text and not _TAGS_ONLY_RE.fullmatch(ln.text)), None)


# the enacting words that close a legal text's grounds: "<authority> ban hành <type> ..."
_ENACTS_RE = re.compile(r"(?:^|[;:\n*])\s*(?P<who>[^\n;:*]{3,150}?)\s+ban\s+hành\s+(?P<type>[^\n;:*]{2,20})", re.I)


def _authority(doc: Doc, following: list[str], type_: str) -> str | None:
    """The issuer a legal text without its header still names (Decree 30/2020/NĐ-CP sets the
    order: type, summary, authority, grounds): the lines in capitals between the summary and
    the grounds ("QUỐC HỘI", "BỘ TRƯỞNG BỘ TÀI CHÍNH"), else the enacting words that close the
    grounds ("Bộ trưởng Bộ Tư pháp ban hành Thông tư ...")."""
    caps = []
    for text in following:
        line = text.strip(" *#_")
        if _BODY_START_RE.match(line) or caps and not line.isupper():
            break
        if line.isupper() and sy.canonical_type(line) is None:
            caps.append(line)   # a wrapped authority goes on over the next line
    if caps and len(" ".join(caps)) <= 150:
        return _issuing_body(" ".join(caps), doc)
    for m in _ENACTS_RE.finditer(" ".join(following)):
        words = m["type"].split()
        if any(sy.canonical_type(" ".join(words[:n])) == type_ for n in (1, 2)):   # not another document's
            return _issuing_body(" ".join(m["who"].split()).strip(" ,"), doc)
    return None


def _issuing_body(authority: str, doc: Doc) -> str | None:
    """The issuer an authority names: a body of the register ("Chính phủ"), an office that
    issues in its own name ("Thủ tướng Chính phủ"), else the body an office heads ("Bộ trưởng
    Bộ Tài chính": "Bộ Tài chính"; "Trưởng Ban Chỉ đạo X": "Ban Chỉ đạo X")."""
    named = register.canonical(authority)
    if named:
        return named
    words = authority.split()
    for k in range(1, min(5, len(words))):
        if not _position(" ".join(words[:k])):
            continue
        # the body after the office; or sharing its last word ("Trưởng Ban" + "Ban Chỉ đạo X")
        for rest in (words[k:], words[k - 1:]):
            if _opens_body(" ".join(rest)):
                return issuer_name([" ".join(rest)], doc)
    return issuer_name([authority], doc) if _opens_body(authority) else None
