"""Issuers in words: the body named after a number ("của Bộ Nội vụ"), a code spelled out
in the text, the body in the subject that signed it, the year that chooses among the bodies a
code stood for, and the words that complete or name the office of a coded body."""
from __future__ import annotations

import re
from functools import cache

from extractor.data import words
from extractor.doc import Doc
from extractor.recognizers import calendar as cal
from extractor.recognizers import symbols as sy
from extractor.recognizers.legal_refs.patterns import _ENUM_SEP_RE, _PUNCT, _TYPE_RE, _WORD, _Ref, _tokens


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
    place_start = -1  # where that place name starts
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
_SIGNED_REACH = 60   # characters: the longest phrase _SIGNED_RE takes, with room for spacing


def _signed_at(window: str) -> int | None:
    """Where a phrase of signing ("đã ký", "vừa ban hành") closes `window`, else None. The
    pattern is anchored at the end: tried at every position of the whole window, it was the
    largest cost of a text dense with references, so only the window's tail is read, and
    only when it ends with the verb."""
    tail = window.rstrip()
    if not tail.casefold().endswith(("ký", "hành")):
        return None
    base = max(0, len(tail) - _SIGNED_REACH)
    m = _SIGNED_RE.search(window, base)
    return m.start() if m else None


_CLAUSE_START_RE = re.compile(r"[.;:!?\n(]|\b" + cal.NUM_DAY_CORE.replace("?P<", "?P<c").replace("?P=", "?P=c") + r"\s*,")


def _subject_issuer(doc: Doc, start: int) -> str | None:
    """"Ban Chỉ đạo X vừa ký Quyết định ...": the body in the subject of the clause."""
    window = doc.flat[max(0, start - 250):start]
    at = _signed_at(window)
    if at is None:
        return None
    before = window[:at]
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


def _year_for(number: str | None, issued_on: str | None, doc: Doc, start: int | None = None) -> int | None:
    """The year that chooses among the bodies a code stood for: the number's, its issue
    date's, the date of the sentence that tells it was signed ("Ngày 29 tháng 12 năm 1978,
    Hội đồng Chính phủ ban hành Quyết định số 326-CP"), else the document's."""
    return (sy.year_of_number(number) if number else None) or (
        int(issued_on[:4]) if issued_on else None) or (
        _signing_year(doc, start) if start is not None else None) or doc.year


def _signing_year(doc: Doc, start: int) -> int | None:
    window = doc.flat[max(0, start - 250):start]
    at = _signed_at(window)
    if at is None:
        return None
    before = window[:at]
    sentence = re.split(r"[.;!?]\s", before)[-1]
    years = re.findall(r"(?<![\d/])(19[4-9]\d|20\d\d)(?!\d)", sentence)
    return int(years[-1]) if years else None


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
