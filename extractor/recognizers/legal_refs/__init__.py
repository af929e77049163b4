"""Recognizer for `legal_refs` of RECORDS.md: every mention of a legal or
administrative document.

A mention is a type word ("Nghị định", "QUYẾT ĐỊNH", "quyết định số") with a number
("49/2017/NĐ-CP", "126-KL/TW", "Quyết định 34"), a list of numbers under one type word
("các Nghị định số 49/2017/NĐ-CP, 50/2017/NĐ-CP và 51/2017/NĐ-CP"), a law, code,
ordinance or constitution named without a number ("Luật Ban hành văn bản quy phạm
pháp luật", "Hiến pháp 2013"), or a full symbol standing alone.

Around each: `issued_on` from the date right after the number, `issuer` from the
symbol's code (by year) or else from the words ("của Bộ Nội vụ", which a list shares;
"Ban Chỉ đạo ... đã ký Quyết định ..."), `title` from the summary or the law's name,
`relation` from the clause that governs it (`ref_relations`).

Not references: a type word alone or with "này", a count ("3 Nghị định", "Báo cáo 6
tháng"), the document's own number in its "Số:" / "Số hiệu:" line (the header
recognizer leaves its span in `doc.cache["own_number_spans"]`).

The parts, one module each: `patterns` (the shapes of a mention), `law_names`, `tail` (date,
issuer words and title after a number), `issuers` (issuers in words), `places` (the place of a
local issuer).
"""
from __future__ import annotations

import re
from bisect import bisect_left

from extractor.doc import Doc
from extractor.recognizers import calendar as cal
from extractor.recognizers import ref_relations
from extractor.recognizers import symbols as sy
from extractor.recognizers.legal_refs.issuers import (
    _code_expansion, _completes, _completion, _office_of, _share_issuers, _subject_issuer, _year_for,
)
from extractor.recognizers.legal_refs.law_names import (
    _AMENDING_RE, _YEAR_TITLE_RE, _law_name, _not_after_re, amended_group_end, amended_laws,
)
from extractor.recognizers.legal_refs.patterns import (
    _BARE_SYMBOL_RE, _LIST_NEXT_RE, _NUMBER_AFTER_RE, _TYPE_RE, _YEAR_AFTER_RE, _Ref, _left_clear,
)
from extractor.recognizers.legal_refs.places import _placed, _without_country
from extractor.recognizers.legal_refs.tail import _tail, _title_after
from models.records import LegalRef

__all__ = ["recognize"]


# the label a document's own number stands after, alone at the start of its line or cell
_NUMBER_LABEL_RE = re.compile(r"[\s*_#>]*(?i:số)(?:\s+(?i:hiệu)(?:\s+(?i:văn\s+bản))?)?\s*:?[\s*_]*")


def _cell_before(text: str, pos: int) -> str:
    """The text of the line or table cell before `pos` (the cell before, where the number
    opens its own: "| Số hiệu | 28/2016/TT-BTC |"), at most 40 characters back."""
    lo = max(0, pos - 40)
    start = max(text.rfind("\n", lo, pos), text.rfind("|", lo, pos))
    if start >= 0 and text[start] == "|" and not text[start + 1:pos].strip():
        pos, start = start, max(text.rfind("\n", lo, start), text.rfind("|", lo, start))
    return text[start + 1:pos] if start >= 0 else text[lo:pos]


def _is_mention_case(type_text: str, has_symbol: bool, has_so: bool) -> bool:
    """Capitalized or upper-case type words always; lower-case only with "số" or a symbol."""
    return type_text[0].isupper() or has_symbol or has_so


def _named_mention_context(doc: Doc, tm: re.Match) -> bool:
    """A law named without a number is written "Luật", "Bộ luật", "Hiến pháp" in title
    case, and is not the tail of a longer capitalized phrase ("THƯ VIỆN PHÁP LUẬT",
    "cộng đồng Dân Luật Việt Nam") or of "pháp luật"."""
    t = tm["type"]
    if not (t[0].isupper() and t[1:2].islower()):
        return False
    before = doc.flat[max(0, tm.start() - 40):tm.start()]
    if _not_after_re().search(before):
        return False  # "Trường Đại học Luật Hà Nội"
    if before.endswith(("-", "/")):
        return False
    prev = re.search(r"(\S+)\s*$", before)
    if not prev:
        return True
    word = prev.group(1).strip("*_\"“”(")
    if word.casefold() == "pháp":
        return False
    if word[:1].isupper():
        # only at the start of a sentence may a capitalized word stand before it
        earlier = before[: prev.start()].rstrip(" *_")
        return earlier == "" or earlier[-1] in ".:;!?|\n" or bool(re.search(r"(?:^|[.:;!?|])\s*$", earlier))
    return True


class _Spans:
    """Spans sorted by start with the running maximum of their ends: whether any of them
    overlaps [start, end) is one binary search (the ones starting before `end`) and one
    look-up (does the furthest of their ends pass `start`)."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach: list[int] = []
        for _, b in spans:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)
        return i > 0 and self.reach[i - 1] > start


# a second type word, in lower case, right after the first ("Thông báo kết luận")
_INNER_TYPE_RE = re.compile(r"\s+(?=[^\W\d_A-ZĐ])(?:" + sy.type_words_pattern(cased=True) + r")(?!\w)")
# a line break, then a list's dash: in the flat text the dash would continue the symbol
_LIST_DASH_RE = re.compile(r"\n[ \t*_]*[-–+•]")


def _symbol_end(doc: Doc, start: int, end: int) -> int:
    """Where a symbol matched in the flat text ends: at a line break that a list's dash follows
    ("... 71/2016/NĐ-CP\n- Nghị định ..."), else where it was matched ("NĐ-\nCP" wraps)."""
    m = _LIST_DASH_RE.search(doc.text, start, end)
    return m.start() if m else end


def recognize(doc: Doc) -> list[LegalRef]:
    flat = doc.flat
    own = doc.cache.get("own_number_spans") or []
    units = sy.unit_follows_re()
    refs: list[_Ref] = []
    taken: list[tuple[int, int]] = []
    # spans are taken in the order of their starts, so a start lies inside one of them
    # exactly when it lies before the furthest end so far: one comparison, not a scan
    taken_to = -1

    for tm in _TYPE_RE.finditer(flat):
        if taken and taken[-1][1] > taken_to:
            taken_to = taken[-1][1]
        if not _left_clear(flat, tm.start()):
            continue
        type_ = sy.canonical_type(tm["type"])
        if not type_ or tm.start() < taken_to:
            continue
        nm = _NUMBER_AFTER_RE.match(flat, tm.end())
        if nm is None and (inner := _INNER_TYPE_RE.match(flat, tm.end())) is not None:
            # "Thông báo kết luận số 49/TB-VPCP": two type words before one number, and the
            # symbol's code says which is the document's type
            inner_nm = _NUMBER_AFTER_RE.match(flat, inner.end())
            if inner_nm and inner_nm["sym"] and sy.type_from_symbol(
                    sy.normalize_number(flat[inner_nm.start("num"):inner_nm.end()])) == type_:
                nm = inner_nm
        if nm and nm["bare"] and (not tm["type"][0].isupper() or (units.match(flat, nm.end()) and not (
                # "Công văn 11554 năm 2025": a number and its year; "Kế hoạch 5 năm" a count;
                # a leading zero writes an identifier, never a count ("Đề án 02 tỉnh ...")
                len(nm["bare"]) > 1 and (_YEAR_AFTER_RE.match(flat, nm.end()) or nm["bare"][0] == "0")))):
            nm = None
        if nm and nm["sp_num"] and sy.type_from_symbol(f"1/{nm['sp_code']}-X") is None:
            nm = None
        if nm and nm["bare"] and not nm["so"] and type_ not in sy.named_types() and re.fullmatch(
                cal.YEAR, nm["bare"]) and not _YEAR_AFTER_RE.match(flat, nm.end()):
            # "Chương trình 2018", "Kế hoạch 2025": the year of the programme, not its number
            # (but "Hướng dẫn 2047 năm 2023": a number and its year)
            nm = None
        if nm and not _is_mention_case(tm["type"], bool(nm["sym"] or nm["sp_num"] or nm["short"]), bool(nm["so"])):
            nm = None
        if nm:
            num_start = nm.start("bare" if nm["bare"] else "sp_num" if nm["sp_num"] else "short" if nm["short"] else "num")
            if any(a < nm.end() and num_start < b for a, b in own):
                continue
            if nm["bare"] and type_ in sy.named_types() and re.fullmatch(cal.YEAR, nm["bare"]):
                # "Hiến pháp 2013": a year names the text, it is not its number
                refs.append(_Ref(tm.start(), nm.end(), nm.end(), type_, None, title=nm["bare"]))
                taken.append((tm.start(), nm.end()))
                continue
            end = _symbol_end(doc, num_start, nm.end())
            number = sy.normalize_number(flat[num_start:end])
            if nm["sp_num"]:
                # "Thông tư 99 2025 TT BTC": the slashes are gone, so is the symbol; the number
                # stands as a short form does ("Thông tư 99")
                number = nm["sp_num"]
            ref = _Ref(tm.start(), end, end, type_, number)
            ref.end = _tail(doc, ref, end)
            refs.append(ref)
            # a list under the same type word: ", 50/2017/NĐ-CP và 51/2017/NĐ-CP"
            while (lm := _LIST_NEXT_RE.match(flat, ref.num_end)) is not None:
                number = sy.normalize_number(flat[lm.start("n_num"):lm.end()])
                ref = _Ref(lm.start("n_num"), lm.end(), lm.end(), type_, number)
                ref.end = _tail(doc, ref, lm.end())
                refs.append(ref)
            taken.append((tm.start(), ref.end))
            continue
        if type_ not in sy.named_types() or not _named_mention_context(doc, tm):
            continue
        # a law named without a number, maybe with one after its name
        am = _AMENDING_RE.match(flat, tm.end())
        if am:
            amended = amended_laws(doc, am.end())
            title_end = amended[-1][2][1] if amended else amended_group_end(doc, am.end())
            if title_end is None:
                continue
            title = doc.value(tm.end(), title_end)
            # the number or the date after the whole title is the amending law's; each law it
            # amends is a mention of its own, without either
            nm = _NUMBER_AFTER_RE.match(flat, title_end)
            if nm and nm["sym"] and nm["so"]:
                number = sy.normalize_number(flat[nm.start("num"):nm.end()])
                ref = _Ref(tm.start(), nm.end(), nm.end(), type_, number, title=title)
                ref.end = _tail(doc, ref, nm.end())
            else:
                ref = _Ref(tm.start(), title_end, title_end, type_, None, title=title)
                d = cal.day_at(flat, title_end)
                if d:
                    ref.issued_on, ref.end = d
            refs.append(ref)
            for start, word, span in amended:
                refs.append(_Ref(start, span[1], span[1], sy.canonical_type(word), None,
                                 title=doc.value(*span)))
            taken.append((tm.start(), ref.end))
            continue
        span = _law_name(doc, tm.end())
        if span and type_ == "Hiến pháp" and not any(w[:1].isupper() for w in doc.value(*span).split()):
            span = None  # a constitution is named by its country or its year
        if span is None:
            ym = _YEAR_TITLE_RE.match(flat, tm.end())
            if ym:  # "Hiến pháp 2013", "Hiến pháp năm 2013": the year as written
                refs.append(_Ref(tm.start(), ym.end(), ym.end(), type_, None, title=doc.value(tm.end(), ym.end())))
            continue
        title = doc.value(*span)
        nm = _NUMBER_AFTER_RE.match(flat, span[1])
        if nm and nm["sym"] and nm["so"]:
            number = sy.normalize_number(flat[nm.start("num"):nm.end()])
            ref = _Ref(tm.start(), nm.end(), nm.end(), type_, number, title=title)
            ref.end = _tail(doc, ref, nm.end())
        else:
            ref = _Ref(tm.start(), span[1], span[1], type_, None, title=title)
            d = cal.day_at(flat, span[1])  # "Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015"
            if d:
                ref.issued_on, ref.end = d
        refs.append(ref)
        taken.append((tm.start(), ref.end))

    # full symbols standing alone: type from the symbol
    blocked = _Spans(taken + list(own))
    for m in _BARE_SYMBOL_RE.finditer(flat):
        if not _left_clear(flat, m.start(), "/.-") or blocked.overlaps(m.start(), m.end()):
            continue
        number = sy.normalize_number(m.group())
        code, codes = sy.split_symbol(number)
        # a law's number alone in a table or in brackets: "| 71/2014/QH13 |", "(số 45/2013/QH13)"
        law = bool(codes) and re.fullmatch(r"QH\d+", codes[0]) is not None and sy.year_of_number(number) is not None
        # alone, a symbol must look like one: written without spaces ("1940 - Kh" is a list)
        if not (code or law) or number != m.group() or _NUMBER_LABEL_RE.fullmatch(_cell_before(doc.text, m.start())):
            continue   # "Số: 12/QĐ-UBND", "| Số hiệu | ...": a label's number is a document's own
        ref = _Ref(m.start(), m.end(), m.end(), sy.type_from_symbol(number), number)
        ref.end = _tail(doc, ref, m.end())
        refs.append(ref)

    refs.sort(key=lambda r: r.start)
    _share_issuers(doc, refs)
    # one number names one document: a mention without words takes the issuer another
    # mention of it names in words ("Quyết định số 270/QĐ-UBND" ... "270/QĐ-UBND của UBND tỉnh X")
    named: dict[tuple[str, str], str] = {}
    for r in refs:
        if r.number and r.words_issuer:
            named.setdefault((r.type, r.number), r.words_issuer)
    for r in refs:
        if r.number and r.words_issuer is None and (r.type, r.number) in named:
            r.words_issuer = named[(r.type, r.number)]
    rels = ref_relations.relations(doc, [ref_relations.Mention(r.start, r.end, r.type, r.number) for r in refs])
    for r in refs:
        r.words_issuer = _without_country(r.words_issuer)
    out = []
    for r, rel in zip(refs, rels):
        r.relation = rel
        if r.number:
            r.issuer = sy.issuer_from_symbol(r.number, _year_for(r.number, r.issued_on, doc, r.start))
            how = sy.partial_issuer(r.number) if r.issuer else None
            if how and r.words_issuer and _completes(r.words_issuer, r.issuer, how):
                r.issuer = r.words_issuer
            elif r.issuer and r.words_issuer and _office_of(r.words_issuer, r.issuer):
                r.issuer = r.words_issuer
            elif how == "yes":
                r.issuer = _completion(doc, r.issuer)
            if r.issuer and not r.words_issuer:
                # the body in the subject that issued it, when it is another whose name holds
                # the coded one: "Hội đồng Chính phủ ban hành Quyết định số 326-CP"
                subject = _subject_issuer(doc, r.start)
                if subject and subject != r.issuer and re.search(
                        r"(?<!\w)" + re.escape(r.issuer) + r"(?!\w)", subject) and not any(
                        subject.startswith(p + " ") for p in sy.issuer_words()[1]):
                    r.issuer = subject
            if r.issuer is None and doc.document and doc.document.number == r.number:
                r.issuer = doc.document.issuer  # the document itself, mentioned again
            if r.issuer is None:
                codes = sy.split_symbol(r.number)[1]
                # the words after it, the code spelled out in the text, the subject that
                # signed it, what its type implies: from the surest to the loosest
                r.issuer = (r.words_issuer or (_code_expansion(doc, codes[0]) if codes else None)
                            or _subject_issuer(doc, r.start) or sy.issuer_of_type(r.type))
            r.issuer = _placed(doc, r)
            if r.title is None:
                r.title = _title_after(doc, r.end)
        out.append(LegalRef(type=r.type, number=r.number, title=r.title, issuer=r.issuer,
                            issued_on=r.issued_on, relation=r.relation,
                            evidence=doc.evidence(r.start, r.end)))
    return out
