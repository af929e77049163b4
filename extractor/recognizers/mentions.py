"""Mentions of people (and of offices) in running text, with their titles.

A mention is what a text writes about one person in one place: an honorific or a
job title, the unit, the name — "Vụ trưởng Vụ Tổ chức cán bộ Phạm Minh Tiến",
"Đồng chí Lương Cường, Ủy viên Bộ Chính trị, Chủ tịch nước ...", "Nguyễn Phú Tiến,
Phó Cục trưởng Cục Tin học hóa". Its position is the last job title written with it
(party ranks skipped), its organization the unit of that title. A title with a unit
but no name is an office ("Bộ trưởng Bộ Quốc phòng"): committees may list offices.

`find_mentions(doc)` scans the whole text once (cached in `doc.cache["mentions"]`);
`people` and `committees` both read it. All offsets are offsets into `doc.text`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from extractor.data import table
from extractor.data import words as word_list
from extractor.doc import Doc
from extractor.normalize import normalize
from extractor.recognizers.titles import (
    CAP_WORD, LOWER, UPPER, WORD_END, capitalized, fold, lexicons, phrase_pattern, sentence_case, title_case,
)

MAX_NAME = 5          # syllables in a Vietnamese full name
MIN_NAME = 2
MAX_UNIT_WORDS = 18   # a unit written in running text is shorter than this

_WORD = re.compile(r"[^\W_]+(?:[&.'’/][^\W_]+)*|[^\w\s]")
MAX_RUN = 24          # capitalized words read at once (a unit's proper part and a name)
_CAP_RUN = re.compile(rf"{CAP_WORD}{WORD_END}(?:[ \t]+{CAP_WORD}{WORD_END}){{0,{MAX_RUN - 1}}}")
_SPACE = re.compile(r"\s*")
# a table row's first two cells: "| Phó Chủ tịch | A B |" (markdown) or "Phó Chủ tịch | A B" (DOCX, PDF, HTML)
# (a cell's text starts and ends with a non-blank character: no two quantifiers can
# share a run of spaces, so a long blank line costs linear time, not cubic)
_CELL = r"([^|\n \t](?:[^|\n]*[^|\n \t])?)"
TABLE_ROW = re.compile(rf"^\|?[ \t]*{_CELL}[ \t]*\|[ \t]*{_CELL}[ \t]*(?:\||$)", re.MULTILINE)
# places often named after people: "phường Trần Phú", "đường Lê Lợi" (a province is not:
# "Chủ tịch UBND tỉnh Hà Sỹ Đồng" names the chairman)
_PLACE_BEFORE = re.compile(r"(?<![^\W_])(?:xã|phường|thị trấn|đường|phố)\s+$")
_LOCALITY = re.compile(r"(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)(?![^\W_])")
_ACRONYM = re.compile(rf"[{UPPER}][{UPPER}&]{{1,9}}(?![^\W_])")
_ROMAN_NUM = re.compile(r"(?=[IVXLC])L?X{0,3}(?:IX|IV|V?I{0,3})|XL|XC")   # "Khóa XIII" is not a unit
_CELL_OR_LINE = re.compile(r"\||\n[ \t]*\n")   # a title is never split by a table's bar or a blank line
_CAP_BEFORE = re.compile(rf"(?<![^\W_])[{UPPER}][{LOWER}]*[ \t]+$")
_STANDING_MARK = re.compile(r"[Tt]hường\s+trực\s*(?:[;.)]|$)")
_NGUYEN = re.compile(r"nguyên\s+", re.IGNORECASE)   # "nguyên Chủ tịch nước": a former post
_FORMER_BEFORE = re.compile(r"(?<![^\W_])nguyên\s+$", re.IGNORECASE)
# the opening of a dashed or numbered list line, a role word may follow: "- Chủ tịch Hội đồng: ..."
_ROLE_LINE = re.compile(r"^[ \t*]*(?:[-+•–]|\d{1,3}\s*[.)])[ \t]+(?:(?:Các|các)[ \t]+)?", re.MULTILINE)
_LIST_OPEN = re.compile(r"(?<![^\W_])gồm(?:\s+có)?\s*:\s*")
_REPRESENT_SCAN = re.compile(r"[Đđ]ại\s+diện\s")   # case-sensitive: found fast; _REPRESENT reads it
_REPRESENT = re.compile(r"(?:các\s+)?đại\s+diện(?:\s+lãnh\s+đạo)?\s+", re.IGNORECASE)


@dataclass
class Mention:
    start: int                       # the whole mention: titles, unit and name
    end: int
    name: str | None = None
    name_start: int = -1
    name_end: int = -1
    position: str | None = None
    organization: str | None = None
    office: str | None = None        # title and unit when no person is named
    kind: str = "person"             # person | office | unit
    ranked: bool = False             # Party ranks were written with the name
    titles: list[tuple[str, str | None]] = field(default_factory=list)


# --- names -------------------------------------------------------------------

def cap_words(flat: str, text: str, i: int) -> list[tuple[int, int]]:
    """Spans of the capitalized words starting at i, cut before any word that starts a
    title, role, rank or committee, before a word no name holds ("Theo", "Qua"), and at a
    blank line (a single line break may wrap a name: "Đỗ Ngọc\nHuỳnh")."""
    m = _CAP_RUN.match(flat, i)
    if not m:
        return []
    lx = lexicons()
    spans = []
    for w in re.finditer(r"\S+", m.group()):
        s, e = i + w.start(), i + w.end()
        if spans and (_line_break_ends(text, spans[-1][1], s) or "|" in text[spans[-1][1]:s]
                      or fold(w.group()) in lx.name_stops):
            break   # a blank line, a short line's end, another table cell, a sentence word
        t = lx.title_like.match(flat, s) if spans else None
        if t and not _CELL_OR_LINE.search(text, s, t.end()):
            break   # a title starts here ("Chính ủy" across a table's bar is no title)
        # a one-word unit head ends the name only when a unit follows it: "Bế Xuân Trường"
        # is a name, "... Bộ Tài chính" is not part of one
        h = lx.unit_head.match(flat, s)
        if spans and h and (h.end() > e or i + w.end() < m.end()) and not _middle_name(text, spans, h.end(), m.end()):
            break
        spans.append((s, e))
    return spans


def _middle_name(text: str, spans: list[tuple[int, int]], head_end: int, run_end: int) -> bool:
    """A one-word head that is also a family name ("Đoàn") right after a lone family name
    is a middle name when a short name ends the run: "Bùi Đoàn Như" (a unit after it would be
    longer or follow a word that names no person: "Tỉnh Đoàn Bắc Giang")."""
    if len(spans) != 1 or not is_surname(text[spans[0][0]:spans[0][1]]):
        return False
    if not is_surname(text[spans[0][1]:head_end].strip()):
        return False
    return 1 <= len(text[head_end:run_end].split()) <= 2


WRAPPED_LINE = 60   # a line this long that ends inside a name was wrapped by the layout
LINE_WINDOW = 2000  # how far a line is looked for: one huge line must not make every lookup long
CLAUSE_WINDOW = 600  # a mention with its titles and unit is shorter than this


def line_start(text: str, i: int) -> int:
    s = text.rfind("\n", max(0, i - LINE_WINDOW), i)
    return s + 1 if s >= 0 else max(0, i - LINE_WINDOW)


def line_end(text: str, i: int) -> int:
    e = text.find("\n", i, i + LINE_WINDOW)
    return e if e >= 0 else min(len(text), i + LINE_WINDOW)


def _line_break_ends(text: str, a: int, b: int) -> bool:
    """Whether the line breaks between two words end a name: a blank line always; a single
    break only after a short line (a list or table line), not inside wrapped prose."""
    n = text.count("\n", a, b)
    if n == 0:
        return False
    if n > 1:
        return True
    return a - line_start(text, a) < WRAPPED_LINE


def is_surname(word: str) -> bool:
    return fold(word) in lexicons().surnames


# a headline cut short by the crawl: "... Trung ương Nguyễn Văn ..."
_ELLIPSIS_AFTER = re.compile(r"[ \t]*(?:\.\.\.|…)")


def name_ok(text: str, words: list[tuple[int, int]]) -> bool:
    if not MIN_NAME <= len(words) <= MAX_NAME:
        return False
    if len(words) == MIN_NAME and _ELLIPSIS_AFTER.match(text, words[-1][1]):
        return False   # two words before an ellipsis are a name cut off, not a two-syllable name
    s = text[words[0][0]:words[-1][1]]
    return fold(s) not in lexicons().not_names and is_surname(text[words[0][0]:words[0][1]])


# one Vietnamese syllable, written without tone marks: onset, one vowel cluster, coda
_VI_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")
_ASCII_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?")
MAX_FOREIGN = 4


def is_foreign_word(word: str) -> bool:
    """A capitalized word in Latin letters that no Vietnamese syllable spells: "Keisuke",
    "Modi", "John" (foreign names are written without tone marks and in several syllables).
    Acronyms ("VAMN") are not words of a name."""
    return bool(_ASCII_WORD.fullmatch(word)) and not _VI_SYLLABLE.fullmatch(word.lower())


def foreign_tail(text: str, run: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """A foreign personal name closing a run of capitalized words ("Hiệp hội VAMN Keisuke
    Tsuruzono"): its last 2-4 words, each one spelled as no Vietnamese syllable is."""
    k = len(run)
    while k > 0 and len(run) - k < MAX_FOREIGN and is_foreign_word(text[run[k - 1][0]:run[k - 1][1]]):
        k -= 1
    return run[k:] if len(run) - k >= MIN_NAME else None


def name_in_run(text: str, run: list[tuple[int, int]], after_unit: bool,
                after_place: bool = False, unit_named: bool = False) -> list[tuple[int, int]] | None:
    """The personal name inside a run of capitalized words. Right after a title the
    whole run is the name; after a unit the name is the tail of the run that starts
    with a family name ("Bộ Công Thương Nguyễn Hồng Diên"), three syllables preferred.
    After a place word ("phường Trần Phú") the run's first words name the place."""
    if not run:
        return None
    if not after_unit and not after_place and name_ok(text, run):
        return run
    for n in (3, 4, 2, 5):
        if len(run) - after_place >= n and name_ok(text, run[-n:]):
            return run[-n:]
    tail = foreign_tail(text, run)
    # after a unit head something must name the unit first: "Công ty Samsung Electronics" is a unit
    return tail if tail and (not after_unit or unit_named or len(tail) < len(run)) else None


_NAME_SIZE_COST = {2: 2, 3: 0, 4: 1, 5: 3}


def split_names(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """"Đỗ Văn Chiến Nguyễn Hòa Bình Bùi Thị Minh Hoài": names run together in a table
    cell, split where a family name starts a 2-5 syllable name."""
    words = [(m.start() + s, m.end() + s) for m in re.finditer(r"\S+", text[s:e])]
    if not words or not all(text[a:b][:1].isupper() and text[a:b].isalpha() for a, b in words):
        return []
    n = len(words)
    if not is_surname(text[words[0][0]:words[0][1]]):
        return []
    # the cheapest cut into 2-5 word names each starting at a family name; three-word names are
    # the common case, so "Trần Thanh Mẫn Phan Văn Giang" is two names though "Mẫn" is a family name too
    best: list[tuple[int, list[int]] | None] = [None] * (n + 1)
    best[n] = (0, [])
    for k in range(n - 1, -1, -1):
        if not is_surname(text[words[k][0]:words[k][1]]):
            continue
        for size in range(MIN_NAME, MAX_NAME + 1):
            rest = best[k + size] if k + size <= n else None
            if rest is None:
                continue
            cost = rest[0] + _NAME_SIZE_COST[size]
            if best[k] is None or cost < best[k][0]:
                best[k] = (cost, [k, *rest[1]])
    if best[0] is None:
        return []
    cuts = best[0][1] + [n]
    return [(words[a][0], words[b - 1][1]) for a, b in zip(cuts, cuts[1:])]


def clean_name(s: str) -> str:
    s = " ".join(s.split())
    return title_case(s) if s.isupper() else s


# --- titles and units ---------------------------------------------------------

def _skip(flat: str, i: int) -> int:
    return _SPACE.match(flat, i).end()


def role_at(flat: str, i: int, text: str | None = None) -> tuple[re.Match, int] | None:
    """A committee role at i: the match and where the role's committee name would start
    (the role's own last word when it doubles as the head: "Trưởng Ban Lễ tang"), or -1
    when the role ends its clause (".", ";", a table cell's bar, a line end, "là", "kiêm")."""
    lx = lexicons()
    m = lx.role.match(flat, i)
    if not m or not capitalized(m.group()):
        return None
    j = _skip(flat, m.end())
    last = m.start() + m.group().rstrip().rfind(" ") + 1
    for k in (j, last):
        c = lx.committee_head.match(flat, k)
        if c and not lx.committee_not.match(flat, k):
            return m, k
    # "Trưởng ban Chỉ đạo ...": the role's last word written small, the committee's next word capitalized
    c = _committee_head_any().match(flat, last)
    if c and flat[last].islower():
        words, after = c.group().split(), _skip(flat, c.end())
        if len(words) > 1 and words[1][:1].isupper() or flat[after:after + 1].isupper():
            return m, last
    nxt = flat[j:j + 1]
    if text is not None and re.search(r"[|\n]", text[m.end():j]):
        return m, -1
    if not nxt or nxt in ".;)\n" or flat.startswith("kiêm", j) or lx.stop.match(flat, j) and nxt.islower():
        return m, -1
    return None


@cache
def _committee_head_any() -> re.Pattern[str]:
    return re.compile(phrase_pattern([r["head"] for r in table("committee_heads")]) + WORD_END, re.IGNORECASE)


def unit_end(text: str, flat: str, i: int, limit: int) -> tuple[int, list[tuple[int, int]] | None]:
    """Scan a unit written from i; return where it ends and, if the scan ran into a
    personal name, the name's word spans (the name ends the unit)."""
    lx = lexicons()
    end = i
    n = 0
    pos = i
    after_head = False
    while pos < limit and n < MAX_UNIT_WORDS:
        pos = _skip(flat, pos)
        if pos >= limit or end > i and _line_break_ends(text, end, pos):
            break
        ch = flat[pos]
        if ch == ",":
            nxt = _skip(flat, pos + 1)
            if (lx.position.match(flat, nxt) or lx.rank.match(flat, nxt) or lx.unit_head.match(flat, nxt)
                    or lx.role.match(flat, nxt) or _LOCALITY.match(flat, nxt) or lx.stop.match(flat, nxt)
                    or _NGUYEN.match(flat, nxt) or lx.honorific.match(flat, nxt)
                    or _REPRESENT.match(flat, nxt) or not flat[nxt:nxt + 1].isalpha()):
                break
            run = cap_words(flat, text, nxt)
            if name_in_run(text, run, after_unit=False):
                break
            pos = nxt
            continue
        if ch == "-" and flat[pos + 1:pos + 2] == " ":
            nxt = _skip(flat, pos + 1)
            if lx.role.match(flat, nxt) or lx.position.match(flat, nxt) or not flat[nxt:nxt + 1].isalpha() \
                    or _STANDING_MARK.match(flat, nxt):
                break   # "... - Thường trực": the member is the standing one, the unit has ended
            pos = nxt
            continue
        if not (ch.isalnum()):
            break
        if n and lx.stop.match(flat, pos) and not capitalized(flat[pos]):
            break
        if n and flat.startswith("và ", pos):
            # "Cục Tin học hóa và Nguyễn Phú Tiến": "và" joins two people, not two words of a unit
            nx = _skip(flat, pos + 2)
            if (name_in_run(text, cap_words(flat, text, nx), after_unit=False)
                    or lx.position.match(flat, nx) or lx.honorific.match(flat, nx)):
                break
        if n and not after_head and (lx.position.match(flat, pos) or lx.role.match(flat, pos)) \
                and capitalized(flat[pos]):
            break   # a new title; right after a head it names the unit: "Văn phòng Chủ tịch nước"
        after_head = False
        if flat[pos] in UPPER:
            h = lx.unit_head.match(flat, pos)
            if h:   # a unit head ("Bộ", "Đoàn", also inside a unit: "Thanh tra Bộ") is never part of a name
                end = pos = h.end()
                n += 1
                after_head = True
                continue
            run = cap_words(flat, text, pos)
            if run:
                name = name_in_run(text, run, after_unit=bool(n),
                                   after_place=bool(_PLACE_BEFORE.search(flat, max(i, pos - 12), pos)),
                                   unit_named=n > 1)
                if name:
                    k = run.index(name[0])
                    return (run[k - 1][1] if k else end), name
                end = pos = run[-1][1]
                n += len(run)
                continue
        w = _WORD.match(flat, pos)
        if not w:
            break
        end = w.end()
        n += 1
        pos = end
    return end, None


def parse_title(doc: Doc, i: int, limit: int | None = None, any_case: bool = False) -> Mention | None:
    """A mention that starts with a job title at i: title, unit, and the name if one
    follows ("Thứ trưởng Bộ Y tế Đỗ Xuân Tuyên"); else an office ("Bộ trưởng Bộ Nội vụ")."""
    text, flat, lx = doc.text, doc.flat, lexicons()
    limit = min(len(flat), limit if limit is not None else i + 400)
    start = i
    prefix = _NGUYEN.match(flat, i)
    if prefix:
        i = prefix.end()
    m = (lx.position_any if any_case else lx.position).match(flat, i)
    if not m or not (any_case or capitalized(m.group())):
        return None
    position = doc.value(start, m.end())
    if m.group().isupper():
        position = sentence_case(position) if not prefix else "nguyên " + sentence_case(doc.value(i, m.end()))
    j = _skip(flat, m.end())
    unit_start = None
    overlap = lx.overlap_positions.get(fold(m.group()))
    if overlap and not capitalized(flat[m.end() - len(overlap)]):
        overlap = None   # "Phó Trưởng ban Ban Nội chính": a title written small names no unit of its own
    if overlap and fold(overlap) in lx.unit_heads and capitalized(flat[j:j + 1]) \
            and lx.unit_head.match(flat, j) and "\n" not in text[m.end():j]:
        unit_start = m.end() - len(overlap)   # "Chánh Văn phòng Bộ Tư pháp": the office of the ministry
    elif lx.unit_head.match(flat, j) and capitalized(flat[j:j + 1]):
        unit_start = j
    elif overlap and _LOCALITY.match(flat, j) and "\n" not in text[m.end():j]:
        unit_start = m.end() - len(overlap)   # "Trưởng Công an phường": the post of the ward's police
    elif overlap and flat[j:j + 1].isalpha() and capitalized(flat[j]) and "\n" not in text[m.end():j]:
        run = cap_words(flat, text, j)
        if not name_in_run(text, run, after_unit=False):
            unit_start = m.end() - len(overlap)
    acr = _ACRONYM.match(flat, j) if unit_start is None and "\n" not in text[m.end():j] else None
    if acr and not _ROMAN_NUM.fullmatch(acr.group()):
        # "Thứ trưởng BQP", "Chủ tịch VCCI": an upper-case abbreviation after a title is its unit
        unit = acr.group()
        k = _skip(flat, acr.end())
        run = cap_words(flat, text, k) if "\n" not in text[acr.end():k] else []
        name = name_in_run(text, run, after_unit=False) if run and run[0][0] == k else None
        if name:
            return _person(doc, start, position, unit, name)
        return Mention(start=start, end=acr.end(), kind="office", office=doc.value(start, acr.end()),
                       position=position, organization=unit)
    if unit_start is None:
        run = cap_words(flat, text, j) if "\n" not in text[m.end():j] else []
        several = split_names(text, run[0][0], run[-1][1]) if len(run) > 3 else []
        if len(several) > 1:   # names run together after a title (a table cell): the first one
            run = [w for w in run if w[1] <= several[0][1]]
        name = name_in_run(text, run, after_unit=False)
        if name:
            return _person(doc, start, position, None, name)
        return Mention(start=start, end=m.end(), kind="office", office=position, position=position)
    uend, name = unit_end(text, flat, max(unit_start, j), limit)
    unit = doc.value(unit_start, uend) if uend > unit_start else None
    if name:
        return _person(doc, start, position, unit, name)
    if not unit:
        return Mention(start=start, end=m.end(), kind="office", office=position, position=position)
    return Mention(start=start, end=uend, kind="office", office=doc.value(start, uend),
                   position=position, organization=unit)


def _person(doc: Doc, start: int, position: str | None, unit: str | None,
            name: list[tuple[int, int]]) -> Mention:
    ns, ne = name[0][0], name[-1][1]
    return Mention(start=start, end=ne, name=clean_name(doc.text[ns:ne]), name_start=ns, name_end=ne,
                   position=position, organization=unit, titles=[(position, unit)] if position else [])


def parse_titles_after(doc: Doc, m: Mention, limit: int) -> Mention:
    """The titles written after a name ("X, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Quốc phòng"):
    ranks skipped, the last job title and its unit kept. Stops at a committee role."""
    flat, lx = doc.flat, lexicons()
    pos = m.end
    while pos < limit:
        j = _skip(flat, pos)
        after_comma = j < limit and flat[j] == ","
        dash = pos == m.name_end and flat.startswith("- ", j) and "\n" not in doc.text[pos:j]
        if after_comma or dash:
            # "X, Bộ trưởng ..."; in lists also "X - Ủy viên Trung ương Đảng, Phó Trưởng ban"
            j = _skip(flat, j + 1)
            if dash and not (lx.rank.match(flat, j) or lx.position.match(flat, j)):
                break
        elif j != pos and j < limit and lx.position.match(flat, j) and capitalized(flat[j]) \
                and "\n" not in doc.text[pos:j]:
            pass   # "Đỗ Công Anh Cục trưởng Cục Tin học hóa": a title right after the name
        else:
            break
        r = _NGUYEN.match(flat, j)
        k = r.end() if r else j
        rank = lx.rank.match(flat, k)
        if not rank and role_at(flat, j, doc.text):
            break
        if rank and capitalized(rank.group()) or rank and rank.group()[:1] == "đ":
            m.ranked = True
            nxt = flat.find(",", rank.end(), limit)
            semi = min([x for x in (flat.find(";", rank.end(), limit), flat.find(".", rank.end(), limit)) if x >= 0],
                       default=limit)
            if nxt < 0 or nxt > semi:
                break
            pos = nxt
            continue
        t = parse_title(doc, j, limit, any_case=after_comma)
        if not t and lx.unit_head.match(flat, j) and capitalized(flat[j]):
            # a unit the post belongs to: "Tư lệnh Quân khu 5, Bộ Quốc phòng" (the post's unit stays)
            uend, name = unit_end(doc.text, flat, j, limit)
            if name:
                break
            m.end = pos = uend
            continue
        if not t or t.name:
            break
        m.titles.append((t.position, t.organization))
        m.position, m.organization = t.position, t.organization
        m.end = t.end
        pos = t.end
    return m


def parse_named(doc: Doc, i: int, limit: int, honorific: bool) -> Mention | None:
    """A mention that starts with a name at i (after an honorific, or a list marker)."""
    text, flat = doc.text, doc.flat
    run = cap_words(flat, text, i)
    if not run:
        if honorific and text[i:i + 40].split()[:1] and text[i:i + 40].split()[0].isupper():
            return _upper_name(doc, i)
        return None
    # "nhà báo Mỹ Anna Louise Strong": a country or place before the name is not part of it
    for k in range(len(run) - MIN_NAME, 0, -1):
        if fold(text[run[0][0]:run[k - 1][1]]) in lexicons().not_names:
            run = run[k:]
            break
    if len(run) > MAX_NAME:
        run = run[:MAX_NAME]
    if len(run) < MIN_NAME:
        return None
    s = text[run[0][0]:run[-1][1]]
    if fold(s) in lexicons().not_names:
        return None
    if (not honorific or len(run) == MIN_NAME) and not is_surname(text[run[0][0]:run[0][1]]):
        return None   # a two-word name after an honorific still starts with a family name
    m = Mention(start=i, end=run[-1][1], name=clean_name(s), name_start=run[0][0], name_end=run[-1][1])
    return parse_titles_after(doc, m, limit)


_UPPER_WORD = re.compile(rf"[{UPPER}]+(?![^\W_])")


def _upper_name(doc: Doc, i: int) -> Mention | None:
    """"ĐỒNG CHÍ TRẦN ĐỨC LƯƠNG": an upper-case name after an upper-case honorific,
    up to the end of the line or a comma."""
    words = []
    pos = i
    while len(words) < 4:
        pos = _skip(doc.flat, pos)
        w = _UPPER_WORD.match(doc.flat, pos)
        if not w or "\n" in doc.text[words[-1][1] if words else i:pos]:
            break
        if words and (lexicons().position.match(doc.flat, pos) or lexicons().rank.match(doc.flat, pos)):
            break
        words.append((w.start(), w.end()))
        pos = w.end()
    if len(words) < 3 or not is_surname(doc.text[words[0][0]:words[0][1]]):
        return None   # only three- and four-syllable upper-case names are told from headings safely
    ns, ne = words[0][0], words[-1][1]
    return Mention(start=i, end=ne, name=clean_name(doc.text[ns:ne]), name_start=ns, name_end=ne)


# --- the whole document ---------------------------------------------------------



# a name left blank in a model document: "Ông/Bà ..........", "Ông ……", "Bà ____"
_PLACEHOLDER = re.compile(r"(?:[.…_][ \t]*){3,}")


def _blank_name(doc: Doc, start: int, blank_end: int, limit: int) -> Mention | None:
    """"Ông/Bà ........ - Phó Chủ tịch Ủy ban nhân dân phường": an office held by whoever
    will be named; its titles are read as after a name."""
    m = Mention(start=start, end=blank_end, name_start=start, name_end=blank_end)
    m = parse_titles_after(doc, m, limit)
    if not m.position:
        return None
    m.kind = "office"
    m.office = m.position if not m.organization else f"{m.position} {m.organization}"
    return m


_BLOCK_START = re.compile(r"[ \t]*(?:[-+•|#*]|\d{1,3}[.)])")   # a list item, table row, heading
_TITLE_COMMA = re.compile(r"\s*,\s*")
_CLAUSE_END = re.compile(r"[;.](?:\s|$)")


def _sentence_end(doc: Doc, i: int) -> int:
    """End of the clause a mention may extend over: ';' or '. ', or the end of its line —
    of the next line too where the layout wrapped a long line ("Phó Giám đốc Sở Nông\nnghiệp")."""
    text = doc.text
    le = min(line_end(text, i), i + CLAUSE_WINDOW)
    for _ in range(3):
        nxt = le + 1
        if text[le:nxt] != "\n" or le - line_start(text, le) < WRAPPED_LINE or nxt >= len(text) \
                or not text[nxt:nxt + 1].strip() or _BLOCK_START.match(text, nxt):
            break
        le = min(line_end(text, nxt), i + CLAUSE_WINDOW)
    m = _CLAUSE_END.search(doc.flat, i, le)
    return m.start() if m else le


@cache
def _anchors() -> dict[str, re.Pattern[str]]:
    """Patterns that start a mention without a title before the name."""
    lx = lexicons()
    abbr = "|".join(sorted(map(re.escape, lx.position_abbr), key=len, reverse=True))
    surnames = "|".join(sorted({normalize(s) for s in word_list("surnames")}, key=len, reverse=True))
    return {
        # a family name starting a capitalized run (a name written before its titles)
        "name": re.compile(rf"(?<![^\W_])(?:{surnames})(?:[ \t]+{CAP_WORD}{WORD_END}){{1,4}}"),
        # an abbreviated title at the start of a recipient-list item: "- TT Nguyễn Thị Hà;"
        "abbr": re.compile(rf"(?:^|(?<=[-–;,:]\s))\s*({abbr})\s+(?={CAP_WORD})"),
        "photo": re.compile(rf"Ảnh\s*:\s*(?={CAP_WORD}{WORD_END}[ \t]+{CAP_WORD})"),
        "signed": re.compile(r"Người ký\s*:?"),
    }


def find_mentions(doc: Doc) -> list[Mention]:
    """Every mention of a person or an office in the document, in text order, not overlapping."""
    if "mentions" in doc.cache:
        return doc.cache["mentions"]
    text, flat, lx = doc.text, doc.flat, lexicons()
    found: list[Mention] = []

    spans: list[tuple[int, int]] = []   # mentions with a name found so far, sorted

    def add(m: Mention | None) -> None:
        if m and (m.name or m.office):
            found.append(m)
            if m.name:
                bisect.insort(spans, (m.start, m.end))

    def covered(i: int) -> bool:
        """Inside a named mention already read (its titles need no second reading)."""
        k = bisect.bisect_right(spans, (i, len(text) + 1)) - 1
        return k >= 0 and spans[k][0] <= i < spans[k][1]

    # 1. honorifics: "Đồng chí Lương Cường, ...", "ông Đàm Thanh Thế", "các ông Đỗ Công Anh"
    for h in lx.honorific.finditer(flat):
        if lx.not_name_start.match(flat, h.start()):
            continue   # "Bà Rịa - Vũng Tàu": a place that begins like an honorific
        j = _skip(flat, h.end())
        if "\n" in text[h.end():j]:
            continue
        h2 = lx.honorific.match(flat, j)   # "Đồng chí Đại tướng Phan Văn Giang"
        if h2:
            j = _skip(flat, h2.end())
        lim = _sentence_end(doc, j)
        if _REPRESENT.match(flat, j):
            continue   # "Đồng chí đại diện lãnh đạo Bộ Nội vụ": a unit, found below
        blank = _PLACEHOLDER.match(flat, j)
        if blank:
            add(_blank_name(doc, h.start(), blank.end(), lim))
            continue
        m = parse_named(doc, j, lim, honorific=True)
        if m:
            m.start = h.start()
        add(m)
    # a unit acting as member through a representative: "4. Đại diện lãnh đạo Vụ Pháp chế - Thành viên;"
    for r in _REPRESENT_SCAN.finditer(flat):
        rep = _REPRESENT.match(flat, r.start())
        u = lx.unit_head.match(flat, rep.end())
        if u and capitalized(u.group()):
            lim = _sentence_end(doc, rep.end())
            uend, _ = unit_end(text, flat, rep.end(), lim)
            unit = doc.value(rep.end(), uend)
            while True:   # the body the unit belongs to: "Vụ Tổ chức cán bộ, Bộ Tư pháp"
                c = _TITLE_COMMA.match(flat, uend)
                if not (c and lx.unit_head.match(flat, c.end()) and capitalized(flat[c.end()])):
                    break
                uend, _ = unit_end(text, flat, c.end(), lim)
            found.append(Mention(start=rep.start(), end=uend, kind="unit", organization=unit))
    # 2. titles: "Vụ trưởng Vụ Tổ chức cán bộ Phạm Minh Tiến", offices, upper-case signature titles
    titles = [p for p in lx.position.finditer(flat) if capitalized(p.group())
              and not _CELL_OR_LINE.search(text, p.start(), p.end())]
    for p in titles:
        s = p.start()
        former = _FORMER_BEFORE.search(flat, max(0, s - 10), s)
        if former:
            s = former.start()
        if p.group().isupper():
            add(_signature(doc, p))
            continue
        if not covered(s):
            add(parse_title(doc, s, _sentence_end(doc, p.end())))
    # 3. a name followed by its titles: "Nguyễn Phú Tiến, Phó Cục trưởng Cục Tin học hóa"
    anchors = _anchors()
    for n in anchors["name"].finditer(flat):
        before = _CAP_BEFORE.search(flat, max(0, n.start() - 30), n.start())
        if covered(n.start()) or before and fold(before.group()) not in lx.name_stops:
            continue   # the tail of a longer capitalized name: "Huyện Đoàn Gò Dầu" is a body
        m = parse_named(doc, n.start(), _sentence_end(doc, n.start()), honorific=False)
        if m and (m.titles or m.ranked):
            add(m)
    # 4. plural titles before a list of names: "các Thứ trưởng: Vũ Chiến Thắng, Trương Hải Long, ..."
    for p in titles:
        j = _skip(flat, p.end())
        if flat[j:j + 1] != ":" or not capitalized(p.group()):
            continue
        lim = _sentence_end(doc, j)
        pos = j + 1
        position = doc.value(p.start(), p.end())
        while pos < lim:
            pos = _skip(flat, pos)
            run = cap_words(flat, text, pos)
            name = name_in_run(text, run, after_unit=False) if run else None
            if not name or name[0][0] != pos:
                break
            found.append(_person(doc, pos, position, None, name))
            pos = _skip(flat, name[-1][1])
            if flat[pos:pos + 1] == ",":
                pos += 1
            elif flat.startswith("và", pos):
                pos += 2
            else:
                break
    # 4b. a list line opened by a committee role and a colon, bare names after it: "- Phó Chủ tịch
    # Hội đồng: A (Bộ trưởng Bộ Tài chính)", "- Các ủy viên: A (...), B (...)"; a post in
    # parentheses after a name is the person's
    for r in _ROLE_LINE.finditer(text):
        if not lx.role.match(flat, r.end()):
            continue
        ls, le = r.end(), line_end(text, r.end())
        colon = flat.find(":", ls, min(le, ls + 120))
        if colon < 0:
            continue
        pos = colon + 1
        while pos < le:
            pos = _skip(flat, pos)
            run = cap_words(flat, text, pos)
            name = name_in_run(text, run, after_unit=False) if run else None
            if not name or name[0][0] != pos or covered(pos):
                break
            m = _person(doc, pos, None, None, name)
            pos = _skip(flat, m.end)
            if flat[pos:pos + 1] == "(":
                close = flat.find(")", pos, le)
                t = parse_title(doc, pos + 1, close) if close > 0 and lx.position.match(flat, pos + 1) else None
                if t is not None and t.name is None:
                    m.position = t.position
                    m.organization = t.organization
                    m.titles = [(t.position, t.organization)]
                if close > 0:
                    m.end = close + 1
                    pos = _skip(flat, close + 1)
            found.append(m)
            if flat[pos:pos + 1] in ",;":
                pos += 1
            elif flat.startswith("và ", pos):
                pos += 3
            else:
                break
    # 4c. a list of people after "gồm:", one per item between semicolons, each item opened by a
    # bare name: "gồm: A, mã số ...; B, mã số ...". Two such items at least: one capitalized
    # phrase after "gồm:" may be anything
    for g in _LIST_OPEN.finditer(flat):
        lim = line_end(text, g.end())   # items hold colons of their own ("mã số:"): the line bounds them
        pos, items = g.end(), []
        while pos < lim:
            pos = _skip(flat, pos)
            run = cap_words(flat, text, pos)
            name = name_in_run(text, run, after_unit=False) if run else None
            if not name or name[0][0] != pos or flat[name[-1][1]:name[-1][1] + 1] not in (",", ";", ".", "") \
                    or covered(pos):
                break
            items.append(name)
            nxt = flat.find(";", name[-1][1], lim)
            if nxt < 0:
                break
            pos = nxt + 1
        if len(items) >= 2:
            found.extend(_person(doc, n[0][0], None, None, n) for n in items)
    # 5. abbreviated titles in recipient lists: "- TT Nguyễn Thị Hà;"
    for a in anchors["abbr"].finditer(flat):
        j = a.end()
        run = cap_words(flat, text, j)
        name = name_in_run(text, run, after_unit=False)
        if name and name[0][0] == j:
            found.append(_person(doc, a.start(1), lx.position_abbr[a.group(1)], None, name))
    # 6. photo credits and the crawled "Người ký:" box
    for a in anchors["photo"].finditer(flat):
        run = cap_words(flat, text, a.end())
        if MIN_NAME <= len(run) <= 4 and fold(text[run[0][0]:run[-1][1]]) not in lx.not_names \
                and all(w[1] - w[0] > 1 for w in run):
            found.append(_person(doc, a.end(), None, None, run))
    for a in anchors["signed"].finditer(flat):
        j = _skip(flat, a.end())
        run = cap_words(flat, text, j)
        if run and name_ok(text, run) and run[-1][1] <= line_end(text, j):
            found.append(_person(doc, j, None, None, run))
    # 7. table rows: "| Phó Chủ tịch | Đỗ Văn Chiến Nguyễn Hòa Bình |"
    for row in TABLE_ROW.finditer(text):
        head = row.group(1)
        if not (lx.role.match(head) or lx.position.match(head)) or not capitalized(head):
            continue
        for a, b in split_names(text, row.start(2), row.end(2)):
            found.append(Mention(start=a, end=b, name=clean_name(text[a:b]), name_start=a, name_end=b))
    found = _dedupe(found, flat)
    _shared_office(flat, found)
    doc.cache["mentions"] = found
    return found


_SIGN_PREFIX = re.compile(r"^(?:KT|TM|TL|Q|TUQ)\.\s*")
_SIGNED_NOTE = re.compile(r"^\(?\s*(?:đã ký|ký|đã ký và đóng dấu|chữ ký số)[^)]*\)?$", re.IGNORECASE)
_DEBRIS = re.compile(r"[*|_#]")


def _signature(doc: Doc, p: re.Match) -> Mention | None:
    """Upper-case title opening its own line, the signer's name on a following one:
    "KT. BỘ TRƯỞNG / THỨ TRƯỞNG / (Đã ký) / Nguyễn Mạnh Khương" (or "HỒ QUỐC DŨNG")."""
    text = doc.text
    ls = line_start(text, p.start())
    le = line_end(text, p.end())
    line = _DEBRIS.sub(" ", text[ls:le]).strip().rstrip(",")
    line = _SIGN_PREFIX.sub("", line)
    if not line.startswith(" ".join(p.group().split())) or not line.isupper():
        return None
    nxt = le + 1
    for _ in range(4):   # the name may sit a few lines down, after blank lines or "(Đã ký)"
        if nxt >= len(text):
            return None
        ne = line_end(text, nxt)
        cand = _DEBRIS.sub(" ", text[nxt:ne]).strip()
        if cand and not _SIGNED_NOTE.match(cand):
            break
        nxt = ne + 1
    else:
        return None
    words = cand.split()
    if not MIN_NAME <= len(words) <= MAX_NAME or not all(w[:1].isupper() and w.isalpha() for w in words):
        return None
    if (cand.isupper() and not is_surname(words[0])) or fold(cand) in lexicons().not_names:
        return None
    ns = text.find(words[0], nxt)
    ne = text.find(words[-1], ns) + len(words[-1])
    return Mention(start=p.start(), end=ne, name=clean_name(text[ns:ne]), name_start=ns, name_end=ne,
                   position=sentence_case(" ".join(p.group().split())), titles=[])


_SHARED_GAP = re.compile(r"\s*(?:[,;]|và)\s*")


def _shared_office(flat: str, found: list[Mention]) -> None:
    """An office with its unit followed by a colon heads the people listed after it: "các đồng chí ...,
    Thứ trưởng Bộ Quốc phòng: Thượng tướng A, Ủy viên ...; Thượng tướng B" are each that
    office's holder, when no post of their own is written."""
    for k, o in enumerate(found):
        if o.kind != "office" or not o.position or not o.organization or flat[_skip(flat, o.end):_skip(flat, o.end) + 1] != ":":
            continue
        pos = _skip(flat, o.end) + 1
        for m in found[k + 1:]:
            if m.start != _skip(flat, pos) or not m.name:
                break
            if m.position is None:
                m.position, m.organization = o.position, o.organization
                m.titles = m.titles or [(o.position, o.organization)]
            end = m.end
            while True:   # Party ranks written after the name: "A, Ủy viên Thường vụ Quân ủy Trung ương;"
                c = _TITLE_COMMA.match(flat, end)
                r = lexicons().rank.match(flat, c.end()) if c else None
                if not r:
                    break
                end = r.end()
            g = _SHARED_GAP.match(flat, end)
            if not g:
                break
            pos = g.end()


def _dedupe(found: list[Mention], flat: str) -> list[Mention]:
    """Keep the first-starting (then longest) of overlapping mentions. A bare title right
    before another title and a name is part of that mention: "Bộ trưởng, Chủ nhiệm Văn
    phòng Chính phủ Trần Văn Sơn"."""
    found.sort(key=lambda m: (m.start, -m.end))
    for a, b in zip(found, found[1:]):
        if a.kind == "office" and a.organization is None and b.name and b.titles \
                and _TITLE_COMMA.fullmatch(flat, a.end, b.start):
            b.start = a.start
            a.end = a.start   # dropped below: it is inside b now
    found = [m for m in found if m.end > m.start]
    found.sort(key=lambda m: (m.start, -m.end))
    out: list[Mention] = []
    for m in found:
        if out and m.start < out[-1].end:
            prev = out[-1]
            # a name-first mention inside an office span is the better reading of it
            if prev.kind == "office" and m.name:
                out[-1] = m
            continue
        out.append(m)
    return out
