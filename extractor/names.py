"""Person names by the shape of a Vietnamese name in its context.

A full name is two to five capitalized syllables: a family name, middle names and a given
name ("Nguyễn Thị Bích Ngọc"), written in one run. A run is read as a name
- where it starts with a family name of the register (`surnames.txt`), or
- where its context says a person follows: an honorific before it ("ông", "bà", "đồng chí"),
  which is how names of ethnic minorities and rare family names are still found ("bà H’Vi
  ÊBan", "ông Điểu Ken").
Words that the span layer already reads as something else — a job title, a role, a unit
head, a body, a field, a province, a Party rank — are not part of a name; so in "Thứ trưởng
Bộ Công Thương Trương Thanh Hoài" the run left for the name is "Trương Thanh Hoài". A run that
is a place ("tỉnh Hà Nam", "đường Lê Lợi") is not a name. When a run holds a unit's proper
words before the name ("Trường Đại học Lâm Nghiệp Trần Văn Bình"), the name is the suffix that
starts with a family name, three syllables preferred (the common length), then four, two, five.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from extractor import register as reg
from extractor.data import table
from extractor.spans import Span, Spans
from extractor.structure import wrapped

MIN_NAME, MAX_NAME = 2, 5
# syllable shapes: "Ngọc", "H’Vi", "ÊBan", "Ksor"; all capitals in signature blocks ("NGUYỄN")
# a name word: a syllable, or a foreign name's hyphenated word in plain Latin letters ("Jong-un",
# "Jean-Paul"; "Rịa-Vũng" of a province written without its spaces is not one)
# (a foreign name's word may be long: "Rosenberger", "Szczepański")
_SYLLABLE = re.compile(r"[^\W\d_](?:[^\W\d_]|[’']){0,13}|[A-Z][a-z]{0,9}(?:-[A-Za-z][a-z]{0,9}){1,2}")
_BLOCKING = ("position", "role", "unit_head", "body", "field", "rank", "committee_head", "honorific", "not_name",
             "place")
# one-word heads and honorifics that are also given names ("Bế Xuân Trường", "Trần Tuấn Anh",
# "Nguyễn Văn Hội"): inside a run they end a name when nothing follows them in the run,
# and start a unit when more capitalized words follow ("Trường Đại học ...", "Hội Nông dân")
_SOFT = ("unit_head", "honorific", "committee_head")
_HARD_HONORIFICS = frozenset({"ông", "bà", "đồng chí", "đ/c", "các ông", "các bà", "các đồng chí"})
# the middle name that marks a woman's name: a name goes on after it ("Đặng Thị Mỹ Khôi": the
# country's name there is her given name's first word), and no name ends with it
_MIDDLE_ONLY = frozenset({"thị"})
# words that make the noun after them plural ("các huyện", "hai Phó Trưởng ban")
PLURAL = frozenset({"các", "những", "hai", "ba", "bốn", "năm"})
_SCORES = {3: 3, 4: 2, 2: 1}   # how likely a name of this many syllables is, for splitting runs
SPLIT_FROM = 5                 # a run this long may be several names side by side
PREFERRED_LENGTHS = (3, 4, 2, 5)


@cache
def _surnames() -> frozenset[str]:
    return frozenset(s.casefold() for s in reg.words("surnames"))


@cache
def _stops() -> frozenset[str]:
    return frozenset(s.casefold() for s in reg.words("name_stops"))


@cache
def _baptismal() -> frozenset[str]:
    return frozenset(s.casefold() for s in reg.words("baptismal_names"))


def _without_baptismal(sp: Spans, i: int, j: int) -> int:
    """Where the name in tokens [i, j) starts without the saint's names a Catholic writes
    before it ("Phêrô Máctinô Ngô Đình Thục" is Ngô Đình Thục): like an honorific, they are no
    part of the name, which is the same in every document that names the person."""
    k = past_baptismal(sp, i, j)
    return k if j - k >= MIN_NAME else i


def baptismal_before(sp: Spans, i: int) -> int:
    """Where the saint's names written right before token i (a name's start) start, else i."""
    k = i
    while k > 0:
        if k > 1 and f"{sp.word(k - 2)} {sp.word(k - 1)}".casefold() in _baptismal():
            k -= 2
        elif sp.word(k - 1).casefold() in _baptismal():
            k -= 1
        else:
            break
    return k


def past_baptismal(sp: Spans, k: int, end: int | None = None) -> int:
    """After the saint's names written from token k when a family name follows them, else k."""
    end = len(sp) if end is None else end
    m = k
    while m < end:
        if m + 1 < end and f"{sp.word(m)} {sp.word(m + 1)}".casefold() in _baptismal():
            m += 2
        elif sp.word(m).casefold() in _baptismal():
            m += 1
        else:
            break
    return m if m > k and m < end and is_surname(sp.word(m)) else k


def is_surname(word: str) -> bool:
    return word.casefold() in _surnames()


def _name_like(sp: Spans, i: int, blocked: list[bool], after_honorific: bool = False) -> bool:
    if blocked[i]:
        return False
    shape = _word_shape(sp.word(i))
    return shape == 2 or (shape == 1 and after_honorific)   # "ông Từ ...": after an honorific a name starts


@lru_cache(maxsize=1 << 16)
def _word_shape(w: str) -> int:
    """0: no name word; 1: a capitalized syllable that stops a name ("Từ", "Theo"); 2: a name word.
    Cached by word: texts repeat their words, and this runs on every token."""
    if not w[0].isupper() or not _SYLLABLE.fullmatch(w):
        return 0
    return 1 if w.casefold() in _stops() else 2


def _joined(sp: Spans, i: int) -> bool:
    """Token i follows token i-1 inside one run: only spaces between them, or a line break
    that wrapped a long line."""
    gap = sp.text[sp.end[i - 1]:sp.start[i]]
    return not gap.strip(" \t") or wrapped(sp.text, sp.end[i - 1], sp.start[i])


def name_span(sp: Spans, a: int, b: int) -> Span:
    return Span(sp.start[a], sp.end[b - 1], "person", a, b, _casing(" ".join(run_words(sp, a, b)).replace(" .", ".")))


def run_words(sp: Spans, a: int, b: int, *, periods: bool = True) -> list[str]:
    """The words of the run of tokens [a, b), with or without an initial's period ("K." of
    "John K. Miller"): the period is a token of its own."""
    return [sp.word(k) for k in range(a, b) if periods or sp.word(k) != "."]


def _initial_period(sp: Spans, k: int) -> bool:
    """Token k is the period that closes a capital initial inside a name ("John K. Miller",
    "Anna B. Roth"): right after the letter, which follows a capitalized word, a space after it
    and a capitalized word next."""
    return (sp.word(k) == "." and 2 <= k < len(sp) - 1 and len(sp.word(k - 1)) == 1 and sp.word(k - 1).isupper()
            and sp.end[k - 1] == sp.start[k] and sp.text[sp.end[k]:sp.start[k + 1]] == " "
            and sp.word(k + 1)[:1].isupper() and sp.text[sp.end[k - 2]:sp.start[k - 1]] == " "
            and sp.word(k - 2)[:1].isupper())


def _casing(name: str) -> str:
    """A name in capitals ("NGUYỄN VĂN A") written the way names are ("Nguyễn Văn A")."""
    return " ".join(w if not w.isupper() or len(w) == 1 else w[0] + w[1:].lower() for w in name.split())


def find(sp: Spans, rejected: list[tuple[int, int, dict]] | None = None) -> list[Span]:
    """The person names of the text, as spans of the span layer (value: the name). Runs of
    name words the rules do not read as a name go to `rejected`, with what the rules saw at
    their start, for a second look (`extractor.name_check`)."""
    n = len(sp)
    blocked = [False] * n
    soft = [False] * n
    places = [False] * n   # blocked as a place's name only
    for label in _BLOCKING:
        for s in sp.groups.get(label, ()):
            if label in _SOFT and s.j - s.i == 1 and not (label == "honorific" and reg.fold(s.value) in _HARD_HONORIFICS):
                soft[s.i] = True
                continue
            for k in range(s.i, s.j):
                places[k] = (label == "place") and (places[k] or not blocked[k])
                blocked[k] = True
    in_place = {k for p in sp.groups.get("province", ()) for k in range(p.i, p.j)}
    honorifics = [s for s in sp.groups.get("honorific", ())]
    honor_end = {s.j for s in honorifics if s.i not in in_place} | _credits(sp)
    for s in honorifics:   # "tỉnh Bà Rịa Vũng Tàu": "Bà" is the place's, not an honorific
        if s.i in in_place:
            for k in range(s.i, s.j):
                blocked[k] = True
    # a country between an honorific and a name is its attribute: "nhà báo Mỹ Anna Louise Strong"
    honor_end |= {p.j for p in sp.groups.get("place", ()) if p.i in honor_end}
    unit_end = {s.j for label in ("unit_head", "body", "field", "place") for s in sp.groups.get(label, ())}
    titled = {s.j for s in sp.groups.get("position", ())}
    titled |= {p.j for p in sp.groups.get("place", ()) if p.i in titled}   # "Thủ tướng Ấn Độ Narendra Modi"
    place_end = {s.j for s in sp.groups.get("place_word", ())}
    # "các huyện A, B", "6 huyện: A, B"
    plural_place_end = {s.j + (s.j < n and sp.word(s.j) == ":") for s in sp.groups.get("place_word", ())
                        if s.i > 0 and (sp.word(s.i - 1).casefold() in PLURAL or sp.word(s.i - 1).isdigit())}
    out: list[Span] = []
    last_place: tuple[int, bool] | None = None
    i = 0
    while i < n:
        if not _name_like(sp, i, blocked, i in honor_end):
            i += 1
            continue
        if soft[i] and i not in honor_end and i + 1 < n and _name_like(sp, i + 1, blocked) and _joined(sp, i + 1):
            i += 1   # "Trường Đại học ...", "Hội Nông dân ...": a unit starts here, not a name
            continue
        j = i + 1
        while j < n and (_initial_period(sp, j) or _joined(sp, j) and (_name_like(sp, j, blocked)
                                                                        or _after_middle(sp, i, j, places)
                                                                        or _given_inside(sp, i, j, places, blocked))):
            if sp.word(j) == ".":
                j += 1   # "John K. Miller": an initial's period inside a foreign name
                continue
            if soft[j] and _run_length(sp, j + 1, blocked) >= 2:
                break   # a unit starts inside the run ("... Hội Cựu chiến binh Việt Nam")
            j += 1
            if soft[j - 1] and _run_length(sp, j, blocked) == 0:
                break
        after_unit = i in unit_end
        place = sp.at("province", i)
        if place and place.j < j:   # "tỉnh Lâm Đồng Nguyễn Văn A": the place, then the name
            i, after_unit = place.j, True
        country = sp.at("country", i) if i in titled else None
        if country and j - country.j >= MIN_NAME:
            i = country.j   # "Tổng thống Pháp Emmanuel Macron": the title's country, then the name
            titled.add(i)
        if _after_number(sp, i) or (cyclic_year(sp, i, j) and i not in honor_end and i not in titled):
            i = j   # "số 5 Trần Thánh Tông": an address; "năm Giáp Tuất" (not "NSƯT Đinh Thìn"): a year
            continue
        named_unit = False
        while i < j - 1 and len(sp.word(i)) > 1 and sp.word(i).isupper() and not sp.word(i + 1).isupper():
            i, after_unit, named_unit = i + 1, True, True   # "Hiệp hội JETRO Hiroshi Tanaka": the acronym, the name
        j = _acronym_cut(sp, i, j)
        pw = sp.at("place_word", i)
        if pw and pw.j < j and is_surname(sp.word(pw.j)) and not (is_surname(sp.word(i)) and pw.j - i == 1):
            i = pw.j   # "Đường Trần Bình Trọng" opening a line: the place word, then what it is named for
            place_end.add(i)
        after_place = (i in place_end or i in plural_place_end or _after_locative(sp, i, j)) and not after_unit \
            and not _open_level(sp, i)
        listed = i in plural_place_end   # "các huyện A, B ...": a place word in the plural opens a list
        if not after_place and last_place and (_coordinated(sp, last_place[0], i, last_place[1]) or (
                # "đường Phan Đình Giót và Trần Khánh Dư": places named for people under one place
                # word, joined by "và" (a person's full name of three words named the first)
                last_place[2] and is_surname(sp.word(i)) and i not in honor_end and i not in titled
                and [sp.word(k) for k in range(last_place[0], i)] == ["và"])):
            after_place, listed = True, True   # "các huyện Bến Cầu, Trảng Bàng và Châu Thành"
        # where the last place ends; in a list or not; named for a person or not
        last_place = (j, listed, j - i == 3 and is_surname(sp.word(i))) if after_place else None
        pieces = _split(sp, i, j) if j - i >= SPLIT_FROM else None
        if pieces and after_place:
            pieces = pieces[1:]   # "xã Lê Lợi Nguyễn Văn Đức": the place, then the name
        if not pieces:
            one = _pick(sp, i, j, after_honorific=i in honor_end or _signed(sp, i, j), after_place=after_place,
                        after_unit=after_unit)
            if one is None and (named_unit or i in titled) and foreign(sp, i, j):
                one = (i, j)   # "Chủ tịch Hiệp hội JETRO Hiroshi Tanaka", "Thủ tướng Ấn Độ Narendra Modi"
            as_person = i in titled or (_in_clause_as_person(sp, i) and not after_place and not after_unit)
            if one is None and as_person and _named_for_person(sp, i, j):
                one = (i, j)   # "Chủ tịch Hồ Chí Minh", "Năm ấy, Hồ Chí Minh viết ...": the person a city is named for
            pieces = [one] if one and not _cut_short(sp, one) else []
            if not pieces and rejected is not None:
                rejected.append((i, j, {"after_honorific": i in honor_end, "after_place": after_place,
                                        "after_unit": after_unit, "titled": i in titled,
                                        "as_person": as_person}))
        for a, b in pieces:
            out.append(name_span(sp, a, b))
        i = j
    return out


_CREDIT = re.compile(r"(?:Ảnh|Video|Clip|Đồ họa|Bài|Nguồn ảnh)\s*(?::|-|–)\s*", re.IGNORECASE)
# a Vietnamese syllable: initial consonants, vowels with their marks, a final consonant
VI_SYLLABLE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{1,3}"
    r"(?:ng|nh|ch|[cmnpt])?", re.IGNORECASE)


def _credits(sp: Spans) -> set[int]:
    """Tokens where a photo or article credit's name starts ("Ảnh: Minh Anh")."""
    return {sp.token_at(m.end()) for m in _CREDIT.finditer(sp.text)}


def foreign(sp: Spans, i: int, j: int) -> bool:
    """Two to four capitalized words of which one at least is no Vietnamese syllable: a
    foreign name ("Hiroshi Tanaka"), not a company's or a work's ("Sunrise Bank")."""
    words = [sp.word(k) for k in range(i, j)]
    return (2 <= len(words) <= 4 and not any(w.isupper() for w in words)
            and any(not VI_SYLLABLE.fullmatch(w) for w in words) and not names_a_thing(sp, i, j))


@cache
def _org_words() -> frozenset[str]:
    return frozenset(reg.words("org_words"))


def names_a_thing(sp: Spans, i: int, j: int) -> bool:
    """A word of the run makes it a company's, venue's, event's or work's name ("Book Store")."""
    return any(sp.word(k) in _org_words() for k in range(i, j))


def _cut_short(sp: Spans, piece: tuple[int, int]) -> bool:
    """A headline cut by the crawl ("Giám đốc Sở Xây dựng Trần Văn ..."): two words before an
    ellipsis begin a name that is not there."""
    a, b = piece
    return b - a == 2 and sp.text[sp.end[b - 1]:sp.end[b - 1] + 4].lstrip().startswith(("...", "…"))


def _signed(sp: Spans, i: int, j: int) -> bool:
    """A name alone on its line under a signature's title ("KT. BỘ TRƯỞNG / THỨ TRƯỞNG /
    (Đã ký) / Mạnh Thị Tuyết Mai"): a person, whatever the family name (in capitals, a family
    name of the register still: "PHỤ LỤC" is a heading)."""
    if all(sp.word(k).isupper() for k in range(i, j)) and not is_surname(sp.word(i)):
        return False
    return _caps_context(sp, i, j)


def _named_for_person(sp: Spans, i: int, j: int) -> bool:
    """The run is a place named for a person, written whole as a person's full name (a surname
    and two given names, with no place word before it): after a title it is the person."""
    return j - i == 3 and place_run(sp, i, j) and is_surname(sp.word(i)) and not any(
        sp.word(k).isupper() for k in range(i, j))


# words after which a name stands as a person in a clause (the city would have "thành phố",
# "tại", "ở" ... before it)
_PERSON_SLOT = frozenset({",", ";", "(", ":", "-", "–", "và", "với", "cùng", "của", "gồm", "như", "là", "bởi"})


def _in_clause_as_person(sp: Spans, i: int) -> bool:
    """Token i opens a clause or follows a word that takes a person: the text's start, a new
    line, a punctuation mark, a conjunction ("Năm ấy, Hồ Chí Minh ...", "gồm Hồ Chí Minh, ...")."""
    if i == 0 or "\n" in sp.text[sp.end[i - 1]:sp.start[i]]:
        return True
    if sp.word(i - 1).casefold() not in _PERSON_SLOT:
        return False
    # "tại Hà Nội và Hồ Chí Minh": listed after a place, it is a place
    return i < 2 or not (sp.ending("province", i - 1) or sp.ending("place", i - 1))


# words after which a name without an honorific names a place or a family, not a person: "sinh
# tại Cao Lãnh", "dạy học ở Hoàng Su Phì", "nhà thờ họ Tạ Quang"
_NOT_PERSON_AFTER = frozenset({"tại", "ở", "họ"})


def _after_locative(sp: Spans, i: int, j: int) -> bool:
    """The run [i, j) is a place's or family's name of two or three words right after such a
    word; a longer run may hold a name after other words ("tại Wayback Machine Lê Văn An")."""
    return i > 0 and sp.word(i - 1).casefold() in _NOT_PERSON_AFTER and j - i <= 3 and is_surname(sp.word(i))


def cyclic_year(sp: Spans, i: int, j: int) -> bool:
    """The run [i, j) names a year of the sixty-year cycle: a heavenly stem, then an earthly
    branch ("Giáp Tuất", "Tân Mùi"; `data/calendar_words.tsv`)."""
    return j - i == 2 and sp.word(i).casefold() in _cycle("stem") and sp.word(i + 1).casefold() in _cycle("branch")


@cache
def _cycle(kind: str) -> frozenset[str]:
    return frozenset(r["word"].casefold() for r in table("calendar_words") if r["kind"] == kind)


def place_run(sp: Spans, i: int, j: int) -> bool:
    """The run [i, j) is a province's or a town's name, whole."""
    return any(p is not None and p.j == j for p in (sp.at("province", i), sp.at("town", i)))


def _acronym_cut(sp: Spans, i: int, j: int) -> int:
    """A run in mixed case ends before a word in capitals: "Lưu VT", "Đoàn ĐBQH" (an acronym
    is no part of a name written in lower case)."""
    if all(sp.word(k).isupper() for k in range(i, j)):
        return j
    for k in range(i + 1, j):
        w = sp.word(k)
        if len(w) > 1 and w.isupper():
            return k
    return j


def _run_length(sp: Spans, k: int, blocked: list[bool]) -> int:
    """How many name-like tokens follow one another from token k."""
    m = k
    while m < len(sp) and m - k < MAX_NAME and _name_like(sp, m, blocked) and _joined(sp, m):
        m += 1
    return m - k


def _after_number(sp: Spans, i: int) -> bool:
    """A house number stands right before the run, in the same cell: it names a street."""
    if i == 0 or not sp.word(i - 1)[:1].isdigit():
        return False
    gap = sp.text[sp.end[i - 1]:sp.start[i]]
    return "\n" not in gap and "|" not in gap


def _open_level(sp: Spans, i: int) -> bool:
    """"tỉnh"/"thành phós" before a run that is no province: the province was left out and a
    name follows ("Chủ tịch UBND tỉnh Hà Sỹ Đồng"); provinces are a closed set, villages not."""
    pw = sp.groups.get("place_word", ())
    for s in pw:
        if s.j == i:
            return reg.fold(s.value) in ("tỉnh", "thành phố") and not sp.at("province", i)
        if s.i > i:
            break
    return False


def _coordinated(sp: Spans, a: int, b: int, listed: bool) -> bool:
    """Tokens [a, b) join two runs of a list that a place word in the plural opened: a comma,
    "và" or "hoặc" ("Tại tỉnh X, Nguyễn Văn A ...", "thành phố X và Giám mục A" are no list)."""
    between = [sp.word(k).casefold() for k in range(a, b)]
    return listed and between in ([","], ["và"], [",", "và"], ["hoặc"])


def _after_middle(sp: Spans, i: int, j: int, places: list[bool]) -> bool:
    """Token j is a place's name that goes on a woman's name begun at i, after its middle name
    ("Nguyễn Thị Xuân Mỹ")."""
    return (places[j] and j - i < MAX_NAME and _word_shape(sp.word(j)) == 2
            and any(sp.word(k).casefold() in _MIDDLE_ONLY for k in range(max(i, j - 3), j)))


def _given_inside(sp: Spans, i: int, j: int, places: list[bool], blocked: list[bool]) -> bool:
    """Token j is a place's name that is a given name inside a person's name: after a family
    name and a middle name, with one more given name after it ("Hà Diệp Mỹ Linh")."""
    return (places[j] and is_surname(sp.word(i)) and j - i == 2 and _word_shape(sp.word(j)) == 2
            and j + 1 < len(sp) and _joined(sp, j + 1) and _name_like(sp, j + 1, blocked) and not places[j + 1]
            and not any(sp.covering(label, j + 1) for label in ("place", "town", "province")))   # "Mỹ Tho"


def _split(sp: Spans, i: int, j: int) -> list[tuple[int, int]] | None:
    """A run longer than any name that is several names side by side (a table cell that lost
    its line breaks): cut it into names that each start with a family name, the common
    lengths preferred."""
    # best[a]: (score, end of the first name) of the best cut of [a, j); back-pointers keep it linear
    best: dict[int, tuple[int, int]] = {j: (0, j)}
    for a in range(j - 1, i - 1, -1):
        if not is_surname(sp.word(a)):
            continue
        for length, score in _SCORES.items():
            b = a + length
            if b in best and sp.word(b - 1).casefold() not in _MIDDLE_ONLY:
                total = score + best[b][0]
                if a not in best or total > best[a][0]:
                    best[a] = (total, b)
    if i not in best:
        return None
    out, a = [], i
    while a < j:
        b = best[a][1]
        out.append((a, b))
        a = b
    return out


def _pick(sp: Spans, i: int, j: int, *, after_honorific: bool, after_place: bool,
          after_unit: bool) -> tuple[int, int] | None:
    """The name inside the run of capitalized tokens [i, j), if there is one."""
    if after_place or j - i < MIN_NAME:
        return None
    words = [sp.word(k) for k in range(i, j)]
    if all(w.isupper() for w in words) and not _caps_context(sp, i, j):
        return None   # a heading in capitals, not a name
    if after_honorific and j - i <= MAX_NAME:
        # "Tòa giám mục Quảng Nam": a province or town whole after a title is the place the
        # office is of, unless it is written as the full name of the person it is named for
        return None if place_run(sp, i, j) and not _named_for_person(sp, i, j) else (_without_baptismal(sp, i, j), j)
    if is_surname(words[0]) and j - i <= MAX_NAME and not after_unit:
        return None if place_run(sp, i, j) else (i, j)
    starts = [k for k in range(i, j) if is_surname(sp.word(k)) and j - k >= MIN_NAME and not place_run(sp, k, j)]
    for length in PREFERRED_LENGTHS:
        for k in starts:
            if j - k == length:
                return (k, j)
    return None


def _caps_context(sp: Spans, i: int, j: int) -> bool:
    """A name in capitals fills its line under a job title: a signature block."""
    text = sp.text
    line_start = sp.line_start(sp.start[i])
    line_end = sp.line_end(sp.end[j - 1])
    if not _blank(text, line_start, sp.start[i]) or not _blank(text, sp.end[j - 1], line_end):
        return False
    above = signature_title_line(text, line_start)
    if above is None:
        return False
    k = sp.token_at(above)
    return any(sp.covering("position", t) for t in range(k, min(i, k + 8)))


def _blank(text: str, a: int, b: int) -> bool:
    """text[a:b] holds only spaces, tabs, bars and stars: read back from b to the first other
    character, never sliced whole (a line without breaks is the whole text, once per name)."""
    k = b
    while k > a and text[k - 1] in " \t|*":
        k -= 1
    return k == a


_SIGNED_MARK = re.compile(r"[\s*_()|]*(?:đã\s+ký|\(?ký\)?|\[?đã\s+ký\]?|ký\s+tên|\(ký,\s*đóng\s+dấu\))?[\s*_()|.]*$",
                          re.IGNORECASE)


def signature_title_line(text: str, line_start: int) -> int | None:
    """Where the line above a name starts, past blank lines and "(Đã ký)" marks (at most four
    lines up): in a signature block it holds the signer's title."""
    end = line_start - 1
    for _ in range(5):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip(" \t*_|") and not _SIGNED_MARK.fullmatch(line):
            return start
        end = start - 1
    return None
