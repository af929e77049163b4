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
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from extractor import register
from extractor.data import table, words
from extractor.doc import Doc
from extractor.recognizers import calendar as cal
from extractor.recognizers import ref_relations
from extractor.recognizers import symbols as sy
from models.records import LegalRef

_WORD = r"[^\W\d_]"
# Type words in the cases text writes them; what stands before is checked in `_left_clear`.
_TYPE_RE = re.compile(r"(?P<type>" + sy.type_words_pattern(cased=True) + r")(?!" + _WORD + r")")
_BARE_SYMBOL_RE = re.compile(sy.SYMBOL_NUMBER)


def _left_clear(flat: str, i: int, bad: str = "") -> bool:
    return i == 0 or not (flat[i - 1].isalnum() or flat[i - 1] == "_" or flat[i - 1] in bad)
_NUMBER_AFTER_RE = re.compile(
    # "Văn bản hợp nhất số ...": a consolidated text (spaces matched possessively: a long run
    # of them must not be tried again at every length)
    r"(?:\s++(?i:hợp\s+nhất))?(?P<so>\s++(?i:s[ốô])(?:\s+(?i:hiệu))?)?\s*+:?\s*+(?:" + sy.SYMBOL_NUMBER
    # a symbol spelled with spaces, as page titles write it: "Nghị định 211 2025 NĐ CP"
    + r"|(?P<sp_num>\d{1,5})\s(?P<sp_year>" + cal.YEAR + r")\s(?P<sp_code>[A-ZĐ]{1,4})\s(?P<sp_iss>[A-ZĐ][A-Za-zĐ0-9]{1,9})(?![\w/])"
    # the short form news writes: "Nghị định 168/2024"
    + r"|(?P<short>\d{1,5}[a-zđ]?/" + cal.YEAR + r")(?![\w/]|[.,]\d|\s?[-–]\s?[A-ZĐ\d])"
    + r"|(?P<bare>\d{1,5}[a-zđ]?)(?![\w/]|[.,]\d|\s?[-–]\s?\d))"
)
_LIST_NEXT_RE = re.compile(
    r"\s*(?:,|;|\bvà\b|\bhoặc\b)\s*(?:(?i:số)\s+)?" + sy.SYMBOL_NUMBER.replace("?P<", "?P<n_")
)
_OF_RE = re.compile(r"\s*,?\s*(?i:của|do)\s+")
# "năm 2025" after a number names the year it was issued (not "2021 - 2025", a period)
_YEAR_AFTER_RE = re.compile(r"\s*,?\s*(?i:năm)\s+" + cal.YEAR + r"(?![\w/]|[.,]\d|\s?[-–]\s?\d)")
# a date left blank in a template or a crawl ("ngày 19 tháng năm 2025", "ngày ... tháng ... năm"):
# it belongs to the number but gives no day
_BLANK_DATE_RE = re.compile(
    r"\s*,?\s*(?i:ngày)\s*(?:\d{1,2}|[.…_]+)?\s*(?i:tháng)\s*(?:\d{1,2}|[.…_]+)?\s*(?i:năm)\s*(?:"
    + cal.YEAR + r"|20[.…_]*|[.…_]+)(?!\d)")
_PAREN_OPEN_RE = re.compile(r"\s*\(")
_PAREN_CLOSE_RE = re.compile(r"\s*\)")
# within one enumeration; a ";" ends an item of a list of grounds, each with its own issuer
_ENUM_SEP_RE = re.compile(r"\s*(?:,|\bvà\b|\bhoặc\b)\s*$")
_PUNCT = set(",;:.()[]\"“”‘’?!|^")


@dataclass
class _Ref:
    start: int
    end: int            # end of the evidence (number, date and the issuer words)
    num_end: int        # end of the number (and its date): where a list continues
    type: str
    number: str | None
    title: str | None = None
    issuer: str | None = None
    words_issuer: str | None = None
    issued_on: str | None = None
    relation: str | None = None


# --- names of laws without a number ----------------------------------------------

@cache
def _law_stops(first: bool) -> tuple[tuple[str, ...], ...]:
    """Stop phrases; with `first`, also those that only stop a name's first word."""
    return tuple(tuple(w.lstrip("^").casefold().split()) for w in words("law_name_stops")
                 if first or not w.startswith("^"))


def _tokens(flat: str, pos: int, limit: int = 400):
    """Words and punctuation from `pos`: (start, end, text)."""
    # capitals joined by dots are one word ("T.Ư", an abbreviation of "Trung ương")
    for m in re.finditer(r"(?:[A-ZĐƯ]\.)+[A-ZĐƯ](?![\w.])|[^\s,;:.()\[\]\"“”‘’?!|^]+|[,;:.()\[\]\"“”‘’?!|^]",
                         flat[pos:pos + limit]):
        yield pos + m.start(), pos + m.end(), m.group()


def _stop_at(toks: list[tuple[int, int, str]], i: int, first: bool = False) -> bool:
    low = [t[2].casefold() for t in toks[i:i + 4]]
    if low[0] == "số" and len(low) > 1 and low[1][:1].isdigit():
        return True  # "Luật Tổ chức Chính phủ số 63/2025/QH15"; but "Luật Dân số"
    return any(tuple(low[: len(p)]) == p for p in _law_stops(first))


@cache
def _comma_words() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(w.casefold().split()) for w in words("law_name_commas"))


@cache
def _not_after_re() -> re.Pattern:
    alts = "|".join(re.escape(w) for w in sorted(words("law_not_after"), key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alts + r")\s*$", re.I)


@cache
def _part_words() -> frozenset[str]:
    """First words of the names of a document's parts ("Điều", "Khoản", "Phụ lục")."""
    return frozenset(r["word"].split()[0].casefold() for r in table("relation_objects") if r["kind"] == "part")


@cache
def _known_names_re() -> re.Pattern:
    alts = [r"\s+".join(re.escape(w) for w in n.split()) for n in sorted(words("law_names"), key=len, reverse=True)]
    return re.compile(r"\s*(?:" + "|".join(alts) + r")(?!\w)", re.I)


# a qualifier in parentheses that belongs to a law's name: "(sửa đổi)", "(HIV/AIDS)"
_NAME_PAREN_RE = re.compile(r"\s*\((?:sửa\s+đổi(?:\s*,\s*bổ\s+sung)?|[A-Z][A-Z0-9/&-]+)\)")


def _law_name(doc: Doc, pos: int) -> tuple[int, int] | None:
    """Span of the name of a law after its type word, or None."""
    known = _known_names_re().match(doc.flat, pos)
    if known:  # a name that holds a stop word: "Luật Đầu tư theo phương thức đối tác công tư"
        return pos + len(known.group()) - len(known.group().lstrip()), known.end()
    span = _scan_law_name(doc, pos)
    if span:
        paren = _NAME_PAREN_RE.match(doc.flat, span[1])
        if paren:
            span = (span[0], paren.end())
    return span


def _scan_law_name(doc: Doc, pos: int) -> tuple[int, int] | None:
    toks = list(_tokens(doc.flat, pos))
    if not toks or toks[0][2] in _PUNCT or toks[0][2][0].isdigit() or _stop_at(toks, 0, first=True):
        return None
    end = None
    i = 0
    while i < len(toks) and i < 18:
        s, e, w = toks[i]
        gap = doc.text[toks[i - 1][1]:s] if i else ""
        if "|" in gap or "\n\n" in gap or re.search(r"\n\s*[|*#>+\-]", gap):
            break
        if w == ",":
            low = tuple(t[2].casefold() for t in toks[i + 1:i + 3])
            if any(low[: len(p)] == p for p in _comma_words()) or _name_runs_to_number(doc, toks, i + 1):
                i += 1
                continue
            break
        if w in _PUNCT or w[0].isdigit() or _stop_at(toks, i) and not _AMENDED_NAME_RE.match(doc.flat, s):
            break
        if w.casefold() in ("và", "hoặc"):
            nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
            # a name goes on ("Bảo vệ và phát triển rừng", "Bầu cử Quốc hội và Hội đồng nhân
            # dân"); "Luật Đường bộ và Điều 5 ...", "... và Nghị định" start something else
            if not nxt or nxt in _PUNCT or nxt.casefold() in ("các", "những") or (
                    nxt[:1].isupper() and nxt.casefold() in _part_words()) or _TYPE_RE.match(doc.flat, toks[i + 1][0]):
                break
        if i and _TYPE_RE.match(doc.flat, s) and w[0].isupper():
            break
        end = e
        i += 1
    return (pos, end) if end else None


_LAW_YEAR_END_RE = re.compile(r"\s+năm\s+" + cal.YEAR + r"\s*(?:[;,.)]|$)")


def _name_runs_to_number(doc: Doc, toks: list[tuple[int, int, str]], i: int) -> bool:
    """After a comma in a law's name: do lower-case words (and more commas) run on to
    its number, date or year, or to the next document of a list? "Luật Quản lý, sử dụng
    tài sản công số 15/2017/QH14", "Luật Thi đua, khen thưởng năm 2022;", "Luật An
    toàn, vệ sinh lao động, Nghị định ..." hold the comma; "Luật Đất đai, người dân
    phải ..." does not."""
    for j in range(i, min(i + 14, len(toks))):
        s, _, w = toks[j]
        low = w.casefold()
        if low == "số" and j + 1 < len(toks) and toks[j + 1][2][:1].isdigit():
            return j > i
        if low in ("ngày", "năm") and j > i and (cal.day_at(doc.flat, s) or _LAW_YEAR_END_RE.match(doc.flat, s - 1)):
            return True
        if w in (",", ";") and j > i and j + 1 < len(toks) and toks[j + 1][2][:1].isupper() and _TYPE_RE.match(doc.flat, toks[j + 1][0]):
            return True  # the next item of a list of documents: "Luật An toàn, vệ sinh lao động, Nghị định ..."
        if w == ",":
            continue
        if w in _PUNCT or not w[:1].islower() or _stop_at(toks, j):
            return False
    return False


# "Luật sửa đổi, bổ sung một số điều của Luật ...": the title of a law may begin in capitals
_AMENDING_RE = re.compile(r"\s*(?i:sửa\s+đổi(?:\s*,\s*bổ\s+sung)?(?:\s+một\s+số\s+điều)?(?:\s+của)?)\s+(?=(?:Bộ\s+luật|Luật|Pháp\s+lệnh)\s)")
# "Luật Kiểm toán nhà nước sửa đổi 2019": "sửa đổi" before a year is part of the law's usual name
# or before the end of the phrase or the sentence's verb: "Luật Quản lý thuế sửa đổi đã quy định"
_AMENDED_NAME_RE = re.compile(
    r"(?i:sửa\s+đổi)(?:\s+(?:(?i:năm)\s+)?" + cal.YEAR + r"(?![\w/]|[.,]\d)"
    r"|(?=\s+(?:đã|được|có|quy\s+định|là|thì|sẽ|đang|vẫn|cũng|nêu|mới)(?!\w)))")
_YEAR_TITLE_RE = re.compile(r"\s+(?:năm\s+)?(?P<y>" + cal.YEAR + r")(?![\w/]|[.,]\d)")


# --- issuers in words --------------------------------------------------------------

@cache
def _org_stops() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(w.casefold().split()) for w in words("issuer_stops"))


def _org(doc: Doc, pos: int, heads: tuple[str, ...]) -> tuple[str, int] | None:
    """The name of a body (or issuing office) starting at `pos`: (name, end).
    Stop words end it only in lower case ("Ban Chỉ đạo" is a name, "chỉ đạo" a verb),
    except in a heading written all in capitals."""
    flat = doc.flat
    caps = flat[pos:pos + 12].split(" ")[0].isupper() and not flat[pos:pos + 12].split(" ")[0].isascii()
    norm = (lambda x: x.casefold()) if caps else (lambda x: x)
    head = next((h for h in heads if norm(flat[pos:pos + len(h)]) == norm(h)
                 and not re.match(_WORD, flat[pos + len(h):pos + len(h) + 1])), None)
    if head is None:
        return None
    toks = list(_tokens(flat, pos, 300))
    stops = _org_stops()
    end, i, n = pos + len(head), len(head.split()), 0
    all_heads = sy.issuer_words()[0] + sy.issuer_words()[1]

    def starts_head(k: int) -> bool:
        return k < len(toks) and any(norm(flat[toks[k][0]:toks[k][0] + len(h)]) == norm(h) for h in all_heads)

    def stop_at(k: int) -> bool:
        low = tuple(t[2].casefold() for t in toks[k:k + 3])
        if low[0] == "thành" and low[1:2] != ("phố",) and toks[k][2][:1].islower():
            return True  # "tách thành", "hợp nhất thành"; but "thành phố Hà Nội"
        if subject and low[0] == "số" and not (len(low) > 1 and low[1][:1].isdigit()):
            return False  # "... chuyển đổi số": a word of the subject, not "số 12"
        return (caps or toks[k][2][:1].islower()) and any(low[: len(p)] == p for p in stops)

    def lower_word(k: int) -> bool:
        return k < len(toks) and toks[k][2] not in _PUNCT and toks[k][2][:1].islower() and not stop_at(k)

    place = False  # after "tỉnh", "thành phố" ...: a place name, capitalized syllables only
    subject = False  # inside "về <subject>" of a body named by it

    while i < len(toks) and n < (30 if subject else 14):
        s, e, w = toks[i]
        gap = doc.text[toks[i - 1][1]:s]
        if "|" in gap or "\n\n" in gap:
            break
        if w in _PUNCT and w != ",":
            break
        if (w == "về" and not subject and not caps and doc.value(pos, end).casefold() in sy.subject_named()
                and lower_word(i + 1) and toks[i + 1][2] != "việc"):
            # "Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ ...": its subject names it
            subject = True
            i += 1
            continue
        if subject and w in (",", "và") and lower_word(i + 1):
            i += 1
            continue
        if w == ",":
            nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
            later = [t[2] for t in toks[i + 1:i + 5]]
            if nxt and not caps and (starts_head(i + 1) or (
                    nxt[0].islower() and not stop_at(i + 1)
                    and any(x[0].isupper() for x in later[1:4] if x not in _PUNCT))):
                i += 1
                continue
            break
        if stop_at(i):
            break
        if w.casefold() == "và":
            nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
            if (caps or not nxt or not nxt[0].isupper() or _TYPE_RE.match(flat, toks[i + 1][0])
                    or starts_head(i + 1)):
                break
        if _TYPE_RE.match(flat, s) and w[0].isupper():
            break
        if place and not caps:
            if not w[0].isupper():
                break
            nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
            if nxt[:1].islower() and not stop_at(i + 1) and end != place_start:
                break  # "tỉnh Bình Phước Thành lập ...": a capitalized verb opens the title
        if w[0].isdigit() and sy.unit_follows_re().match(flat, e):
            break  # "Ban Chỉ đạo 389" is a name, "... 02 đơn vị" a count
        if w.casefold() in sy.ADMIN_UNITS_FIRST and not place:
            nxt = toks[i + 1][2].casefold() if i + 1 < len(toks) else ""
            unit = f"{w.casefold()} {nxt}" if f"{w.casefold()} {nxt}" in sy.ADMIN_UNITS else w.casefold()
            if unit in sy.ADMIN_UNITS:
                place = True
                i += len(unit.split())
                end = toks[i - 1][1]
                place_start = end
                n += 1
                continue
        end = e
        i += 1
        n += 1
    name = sy.expand_abbreviations(doc.value(pos, end))
    return (sy.org_case(name) if caps else name), end


def _code_expansion(doc: Doc, code: str) -> str | None:
    """An issuer code the table does not know, spelled out in the document itself:
    "BCĐ389" -> the body named "Ban Chỉ đạo 389 ..." (initials, then the number)."""
    cache = doc.cache.setdefault("legal_refs.code_expansions", {})
    if code in cache:
        return cache[code]
    cache[code] = None
    m = re.fullmatch(r"([A-ZĐ]{2,6})(\d*)", code)
    if m and not re.search(r"[FJWZ]", m.group(1)):
        pat = r"(?<!\w)" + r"\s+".join("(?i:" + ch + r")[^\W\d_]*" for ch in m.group(1))
        pat += (r"\s+" + m.group(2) + r"(?!\d)") if m.group(2) else r"(?!\w)"
        found: dict[str, int] = {}
        for hm in re.finditer(pat, doc.flat):
            o = _org(doc, hm.start(), sy.issuer_words()[0])
            if o and len(o[0]) >= hm.end() - hm.start():
                found[o[0]] = found.get(o[0], 0) + 1
        if found:
            cache[code] = max(found, key=lambda k: (found[k], -len(k)))
    return cache[code]


_SIGNED_RE = re.compile(
    r"(?:\s(?:đã|vừa|mới))?(?:\s+chính\s+thức)?(?:\s+(?:ký|ban\s+hành|ký\s+ban\s+hành|ký\s+quyết\s+định\s+ban\s+hành))\s+$",
    re.I,
)
_CLAUSE_START_RE = re.compile(r"[.;:!?\n(]|\b" + cal.NUM_DAY_CORE.replace("?P<", "?P<c").replace("?P=", "?P=c") + r"\s*,")


def _subject_issuer(doc: Doc, start: int) -> str | None:
    """"Ban Chỉ đạo X vừa ký Quyết định ...": the body in the subject of the clause."""
    window = doc.flat[max(0, start - 250):start]
    m = _SIGNED_RE.search(window)
    if not m:
        return None
    before = window[: m.start()]
    cuts = [c.end() for c in _CLAUSE_START_RE.finditer(before)]
    clause = before[cuts[-1] if cuts else 0:]
    segs = re.split(r"\s[-–]\s|,\s(?=[A-ZĐÀ-Ỹ])", clause)
    last = segs[-1]
    base = max(0, start - 250) + (cuts[-1] if cuts else 0) + clause.rfind(last)
    lead = last.strip(" *_").casefold()
    for body in sy.coded_bodies():  # "Thủ tướng Chính phủ Phạm Minh Chính đã ký ..."
        if lead.startswith(body.casefold()):
            return body
    heads = sy.issuer_words()[0]
    for hm in re.finditer(r"(?<!\w)", last):
        found = _org(doc, base + hm.start(), heads)
        if found and found[1] <= base + len(last) + 1:
            return _without_person(found[0])
    return None


def _without_person(name: str) -> str:
    """"Chính phủ Phạm Minh Chính" -> "Chính phủ": a known body followed by capitalized
    words only is a body and the name of its head."""
    low = name.casefold()
    for k, canon in sorted(sy.known_bodies().items(), key=lambda kv: -len(kv[0])):
        if " " in k and low.startswith(k + " "):
            rest = name[len(k) + 1:].split()
            if 2 <= len(rest) <= 4 and all(w[:1].isupper() for w in rest):
                return canon
            break
    return name


# --- titles ------------------------------------------------------------------------

_TITLE_RE = re.compile(
    r"\s*,?\s*(?P<t>(?:về việc|về|V/v|quy định|hướng dẫn|phê duyệt|ban hành|sửa đổi|thành lập|tạm ngưng)\s"
    r"(?:[^;:(|\[\]]|:(?=\d)){3,250}?)(?=\s*(?:[;(|\[\]]|:(?!\d)|\.\s|\.$|\s(?:và|,)\s+(?:các\s+)?(?i:" + sy.type_words_pattern() + r")\s"
    r"|\s(?:bởi\s+|theo\s+|tại\s+)?(?i:" + sy.type_words_pattern() + r")\s+(?:(?i:số)\s+)?\d|$))",
)


# "Thông tư X quy định như sau:", "... quy định tại Điều 5": the verb of a sentence, no summary
_NOT_TITLE_RE = re.compile(r"quy\s+định\s*(?::|như\s+sau|rằng|tại|cụ\s+thể|rõ)", re.I)


def _title_after(doc: Doc, pos: int) -> str | None:
    m = _TITLE_RE.match(doc.flat, pos)
    if not m or _NOT_TITLE_RE.match(doc.flat, m.start("t")):
        return None
    end = m.end("t")
    tail = re.search(r"\s+như\s+sau\s*$", doc.flat[m.start("t"):end])  # "... như sau:" leads into a quote
    return doc.value(m.start("t"), m.start("t") + tail.start() if tail else end)


# --- the recognizer ----------------------------------------------------------------

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


def _year_for(number: str | None, issued_on: str | None, doc: Doc, start: int | None = None) -> int | None:
    """The year that chooses among the bodies a code stood for: the number's, its issue
    date's, the date of the sentence that tells it was signed ("Ngày 29 tháng 12 năm 1978,
    Hội đồng Chính phủ ban hành Quyết định số 326-CP"), else the document's."""
    return (sy.year_of_number(number) if number else None) or (
        int(issued_on[:4]) if issued_on else None) or (
        _signing_year(doc, start) if start is not None else None) or doc.year


def _signing_year(doc: Doc, start: int) -> int | None:
    window = doc.flat[max(0, start - 250):start]
    m = _SIGNED_RE.search(window)
    if not m:
        return None
    before = window[: m.start()]
    sentence = re.split(r"[.;!?]\s", before)[-1]
    years = re.findall(r"(?<![\d/])(19[4-9]\d|20\d\d)(?!\d)", sentence)
    return int(years[-1]) if years else None


def _tail(doc: Doc, ref: _Ref, pos: int) -> int:
    """After a number: its date, then "của <issuer>". Returns the new end."""
    flat = doc.flat
    twice = _NGAY_TWICE_RE.match(flat, pos)  # "ngày ngày 08 tháng 6 năm 2010": a typo
    d = cal.day_at(flat, twice.end() if twice else pos)
    if d is None and (po := _PAREN_OPEN_RE.match(flat, pos)):
        # "Quyết định số 1254/QĐ-TTg (ngày 26/9/2018)": the date in parentheses
        d = cal.day_at(flat, po.end())
        pc = _PAREN_CLOSE_RE.match(flat, d[1]) if d else None
        d = (d[0], pc.end()) if pc else None
    blank = None if d else _BLANK_DATE_RE.match(flat, pos)
    if d:
        ref.issued_on, pos = d
        ref.num_end = pos
    elif blank:
        pos = ref.num_end = blank.end()
    else:
        y = _YEAR_AFTER_RE.match(flat, pos)  # "Quyết định 419-QĐ/TW năm 2025 của ..."
        if y:
            pos = y.end()
    m = _OF_RE.match(flat, pos)
    if m:
        heads, positions, _ = sy.issuer_words()
        found = _org(doc, m.end(), positions + heads)
        if found:
            ref.words_issuer, pos = found
            if ref.issued_on is None:  # "Nghị định số 115/2024/NĐ-CP của Chính phủ ngày 16 tháng 9 năm 2024"
                d = cal.day_at(flat, pos)
                if d:
                    ref.issued_on, pos = d
    return pos


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


_NGAY_TWICE_RE = re.compile(r"\s*(?i:ngày)(?=\s+(?i:ngày)\s+\d)")


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
        if nm and nm["bare"] and (not tm["type"][0].isupper() or (units.match(flat, nm.end()) and not (
                # "Công văn 11554 năm 2025": a number and its year; "Kế hoạch 5 năm" a count
                len(nm["bare"]) > 1 and _YEAR_AFTER_RE.match(flat, nm.end())))):
            nm = None
        if nm and nm["sp_num"] and sy.type_from_symbol(f"1/{nm['sp_code']}-X") is None:
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
            number = sy.normalize_number(flat[num_start:nm.end()])
            if nm["sp_num"]:
                # "Thông tư 99 2025 TT BTC": the slashes are gone, so is the symbol; the number
                # stands as a short form does ("Thông tư 99")
                number = nm["sp_num"]
            ref = _Ref(tm.start(), nm.end(), nm.end(), type_, number)
            ref.end = _tail(doc, ref, nm.end())
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
            inner = _TYPE_RE.match(flat, am.end())
            span = _law_name(doc, inner.end()) if inner else None
            if not span:
                continue
            title = doc.value(tm.end(), span[1])
            nm = _NUMBER_AFTER_RE.match(flat, span[1])
            if nm and nm["sym"] and nm["so"]:
                # the number after the whole title is the amending law's; the law it amends
                # is a mention of its own, without a number
                number = sy.normalize_number(flat[nm.start("num"):nm.end()])
                ref = _Ref(tm.start(), nm.end(), nm.end(), type_, number, title=title)
                ref.end = _tail(doc, ref, nm.end())
                refs.append(ref)
                refs.append(_Ref(inner.start(), span[1], span[1], sy.canonical_type(inner["type"]), None,
                                 title=doc.value(inner.end(), span[1])))
                taken.append((tm.start(), ref.end))
            else:
                refs.append(_Ref(tm.start(), span[1], span[1], type_, None, title=title))
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
        if not (code or law) or number != m.group() or re.search(r"(?<!\()(?i:số(?:\s+hiệu)?)\s*:?\s*$",
                                                                  flat[max(0, m.start() - 40):m.start()]):
            continue
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


# local bodies: the code in a symbol, and a name that stops at its unit ("của Ủy ban nhân dân tỉnh")
_LOCAL_CODES = {"ubnd": "Ủy ban nhân dân", "hđnd": "Hội đồng nhân dân"}
_UNIT_ONLY_RE = re.compile(r"(?:Ủy ban nhân dân|Hội đồng nhân dân)\s+(?P<unit>tỉnh|thành phố)", re.I)
_PLACE_RE = re.compile(r"(?<!\w)(?P<unit>tỉnh|thành phố|TP\.?)\s+(?P<name>[A-ZĐ][^\W\d_]*(?:\s+[A-ZĐ][^\W\d_]*){0,3})")


def _placed(doc: Doc, r: _Ref) -> str | None:
    """A local body named without its place takes the place the text gives: "của Ủy ban nhân
    dân tỉnh" the document's own province (same unit), else one named in the same sentence;
    a bare "...-UBND" symbol only a province named in its sentence ("UBND tỉnh Lào Cai đã có
    Kế hoạch 133/KH-UBND", "Lào Cai tuyển dụng ... theo Kế hoạch 133/KH-UBND")."""
    if r.issuer:
        m = _UNIT_ONLY_RE.fullmatch(r.issuer)
        if not m:
            return r.issuer
        unit = m["unit"].casefold()
        own = doc.document.issuer if doc.document else None
        om = _PLACE_RE.search(own or "")
        if om and om["unit"].casefold() == unit and register.is_province(om["name"]):
            return f"{r.issuer} {om['name']}"
        place = _sentence_place(doc, r.start, unit)
        return f"{r.issuer} {place[1]}" if place else r.issuer
    codes = sy.split_symbol(r.number)[1] if r.number else []
    body = _LOCAL_CODES.get(codes[0].casefold()) if codes else None
    if body is None:
        return None
    place = _sentence_place(doc, r.start, None)
    return f"{body} {place[0]} {place[1]}" if place else None


def _sentence_place(doc: Doc, pos: int, unit: str | None) -> tuple[str, str] | None:
    """(unit, name) of the one province or city named in the sentence around pos."""
    flat = doc.flat
    a = max((flat.rfind(c, 0, pos) for c in ".;!?"), default=-1) + 1
    a = max(a, doc.text.rfind("\n\n", 0, pos) + 1, pos - 400)
    ends = [i for i in (flat.find(c, pos) for c in ".;!?") if i >= 0]
    b = min(ends + [len(flat), pos + 400])
    nb = doc.text.find("\n\n", pos)
    b = min(b, nb) if nb >= 0 else b
    found: dict[str, str] = {}
    for m in _PLACE_RE.finditer(flat, a, b):
        words_ = m["name"].split()
        for k in range(len(words_), 0, -1):
            name = " ".join(words_[:k])
            if register.is_province(name):
                found[name] = "thành phố" if m["unit"].casefold().startswith(("thành", "tp")) else "tỉnh"
                break
    if unit is None and not found:
        for p in register.provinces():
            if re.search(r"(?<!\w)" + re.escape(p.name) + r"(?!\w)", flat[a:b]):
                found.setdefault(p.name, p.kind)
    if unit is not None:
        found = {n: u for n, u in found.items() if u == unit}
    if len(found) != 1:
        return None
    name, u = next(iter(found.items()))
    return u, name


def _without_country(name: str | None) -> str | None:
    """"Chính phủ Việt Nam" -> "Chính phủ": the country after a body that is one in the whole
    country (not "Ngân hàng Nhà nước Việt Nam", whose name holds it)."""
    if name and name.endswith(" Việt Nam") and register.canonical(name) is None:
        head = register.canonical(name[: -len(" Việt Nam")])
        return head or name
    return name


def _office_of(words_: str, coded: str) -> bool:
    """The words name the office that heads the body the code names, and that issues in
    its own name: "QĐ-KTNN ... của Tổng Kiểm toán nhà nước"."""
    # one word fused to the body's name makes the office's title ("Tổng" + "Kiểm toán nhà
    # nước"); an office with a head of its own ("Bộ trưởng Bộ Tài chính") speaks for the body
    w, c = words_.casefold(), coded.casefold()
    head, _, rest = w.partition(" ")
    return rest == c and any(w.startswith(p.casefold() + " ") for p in sy.issuer_words()[1])


def _completes(words_: str, coded: str, how: str) -> bool:
    """The words name in full what the code only begins: "BCSĐ" -> "Ban cán sự đảng Bộ
    Tài chính", "BCĐTW" -> "Ban Chỉ đạo Trung ương về ..." (how "yes": a name or the
    subject follows), "STC" -> "Sở Tài chính tỉnh Nghệ An" (how "place": a place
    follows); not a loose word ("Bộ Y tế mới")."""
    if not words_.casefold().startswith(coded.casefold() + " "):
        return False
    rest = words_[len(coded) + 1:]
    first = rest.split()[0]
    if any(rest.casefold().startswith(u + " ") for u in sy.ADMIN_UNITS):
        return True
    return first[:1].isupper() or (how == "yes" and first == "về")


def _completion(doc: Doc, begun: str) -> str | None:
    """The one full name the document gives a body whose code only begins it."""
    cache = doc.cache.setdefault("legal_refs.completions", {})
    if begun not in cache:
        found = set()
        for m in re.finditer(r"(?<!\w)" + re.escape(begun).replace(r"\ ", r"\s+") + r"(?!\w)", doc.flat, re.I):
            o = _org(doc, m.start(), sy.issuer_words()[0])
            if o and _completes(o[0], begun, "yes"):
                found.add(o[0])
        cache[begun] = found.pop() if len(found) == 1 else None
    return cache[begun]


def _share_issuers(doc: Doc, refs: list[_Ref]) -> None:
    """"các Quyết định số 128-QĐ/X, ngày ... và Quyết định số 336-QĐ/X ... của Y":
    the words naming the issuer after the last of an enumeration name it for all."""
    for i in range(len(refs) - 2, -1, -1):
        a, b = refs[i], refs[i + 1]
        if (a.words_issuer is None and b.words_issuer and a.number and b.number and a.type == b.type
                and a.end <= b.start and _ENUM_SEP_RE.match(doc.flat[a.end:b.start])):
            a.words_issuer = b.words_issuer
