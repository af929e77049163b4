"""Names of laws, codes, ordinances and constitutions written without a number ("Luật Ban
hành văn bản quy phạm pháp luật", "Luật sửa đổi, bổ sung một số điều của Luật ...",
"Hiến pháp 2013")."""
from __future__ import annotations

import re
from functools import cache

from extractor import register as reg
from extractor.data import table, words
from extractor.doc import Doc
from extractor.recognizers import calendar as cal
from extractor.recognizers.legal_refs.patterns import _PUNCT, _TYPE_RE, _tokens


@cache
def _law_stops(first: bool) -> tuple[tuple[str, ...], ...]:
    """Stop phrases; with `first`, also those that only stop a name's first word."""
    return tuple(tuple(w.lstrip("^").casefold().split()) for w in words("law_name_stops")
                 if first or not w.startswith("^"))


def _stop_at(toks: list[tuple[int, int, str]], i: int, first: bool = False) -> bool:
    low = [t[2].casefold() for t in toks[i:i + 4]]
    if low[0] == "số" and len(low) > 1 and low[1][:1].isdigit():
        return True  # "Luật Tổ chức Chính phủ số 63/2025/QH15"; but "Luật Dân số"
    if low[:3] == ["của", "nhà", "nước"]:
        return False  # no law is issued "của Nhà nước" (the State): the words are its name's
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
        if paren and not _initials_of(paren.group().strip(" ()"), doc.flat[span[0]:span[1]]):
            span = (span[0], paren.end())
    return span


def _initials_of(abbr: str, name: str) -> bool:
    """Whether `abbr` is the initials of the name's last words: "(DNNVV)" after "Hỗ trợ doanh
    nghiệp nhỏ và vừa" abbreviates it and is no part of the name ("(HIV/AIDS)" is)."""
    letters = [c for c in reg.fold(abbr) if c.isalpha()]
    words = [w for w in reg.fold(name).split() if w[:1].isalpha()]
    return len(letters) >= 2 and len(words) >= len(letters) and [w[0] for w in words[-len(letters):]] == letters


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
        if w.casefold() not in ("và", "hoặc"):
            end = e  # a name does not end on a conjunction: "... về thuế và sửa đổi ..."
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
        if j == i and _LAW_WORD_RE.match(doc.flat, s):
            return False  # the next law of a list: "luật chứng khoán, luật kế toán"
        if low == "số" and j + 1 < len(toks) and toks[j + 1][2][:1].isdigit():
            return j > i
        if low in ("ngày", "năm") and j > i and (cal.day_at(doc.flat, s) or _LAW_YEAR_END_RE.match(doc.flat, s - 1)):
            return True
        if w in (",", ";") and j > i and j + 1 < len(toks) and (
                toks[j + 1][2][:1].isupper() and _TYPE_RE.match(doc.flat, toks[j + 1][0])
                or _LAW_WORD_RE.match(doc.flat, toks[j + 1][0])):
            # the next item of a list of documents: "Luật An toàn, vệ sinh lao động, Nghị định ...",
            # "luật thuế xuất khẩu, thuế nhập khẩu, luật đầu tư"
            return True
        if w == ",":
            continue
        if w in _PUNCT or not w[:1].islower() or _stop_at(toks, j):
            return False
    return False


# "Luật sửa đổi, bổ sung một số điều của Luật ...": the title of a law may begin in capitals,
# and the laws it amends may be written in lower case ("... của luật chứng khoán, luật kế toán")
_AMENDING_RE = re.compile(r"\s*(?i:sửa\s+đổi(?:\s*,\s*bổ\s+sung)?(?:\s+một\s+số\s+điều)?(?:\s+của)?)\s+"
                          r"(?=(?i:(?:các|những|\d+)\s+)?(?i:bộ\s+luật|luật|pháp\s+lệnh)\s)")
# laws amended as a group: "... của các luật về thuế", "... của 15 luật trong lĩnh vực nông nghiệp"
_AMENDED_GROUP_RE = re.compile(r"(?i:các|những|\d+)\s+(?i:luật|pháp\s+lệnh)\s+"
                               r"(?i:về|trong\s+lĩnh\s+vực|trong|(?:có\s+)?liên\s+quan\s+đến)\s+")
# a named law's type word in any case, as the titles of amending laws write them
_LAW_WORD_RE = re.compile(r"(?P<type>(?i:bộ\s+luật|luật|pháp\s+lệnh))\s")
_AMENDED_NEXT_RE = re.compile(r"\s*(?:,|;|(?i:và))\s*(?=(?i:bộ\s+luật|luật|pháp\s+lệnh)\s)")


def amended_group_end(doc: Doc, pos: int) -> int | None:
    """Where the title of an amending law that names its laws as a group ends ("... của các
    luật về thuế"), or None."""
    m = _AMENDED_GROUP_RE.match(doc.flat, pos)
    if m is None:
        return None
    span = _scan_law_name(doc, m.end())
    return span[1] if span else None


def amended_laws(doc: Doc, pos: int) -> list[tuple[int, str, tuple[int, int]]]:
    """The laws the title of an amending law names from `pos` on, each as (start of its
    type word, the type word, span of its name): "... của Luật Cán bộ, công chức và Luật
    Viên chức", "... của luật chứng khoán, luật kế toán, luật kiểm toán độc lập ..."."""
    out = []
    while (m := _LAW_WORD_RE.match(doc.flat, pos)) is not None:
        span = _law_name(doc, m.end())
        if not span:
            break
        out.append((m.start(), m["type"], span))
        nxt = _AMENDED_NEXT_RE.match(doc.flat, span[1])
        if not nxt:
            break
        pos = nxt.end()
    return out


# "Luật Kiểm toán nhà nước sửa đổi 2019": "sửa đổi" before a year is part of the law's usual name
# or before the end of the phrase or the sentence's verb: "Luật Quản lý thuế sửa đổi đã quy định"
_AMENDED_NAME_RE = re.compile(
    r"(?i:sửa\s+đổi)(?:\s+(?:(?i:năm)\s+)?" + cal.YEAR + r"(?![\w/]|[.,]\d)"
    r"|(?=\s+(?:đã|được|có|quy\s+định|là|thì|sẽ|đang|vẫn|cũng|nêu|mới)(?!\w)))")
_YEAR_TITLE_RE = re.compile(r"\s+(?:năm\s+)?(?P<y>" + cal.YEAR + r")(?![\w/]|[.,]\d)")
