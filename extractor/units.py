"""Where the name of a unit (an organization) ends, from its head word.

A unit is written as a head of the register (`unit_heads.tsv`: Sở, Cục, Vụ, Văn phòng, Ủy ban
nhân dân ...) and what that head takes:
- a field ("Sở Văn hóa, Thể thao và Du lịch", "Bộ Kế hoạch và Đầu tư"): the register knows the
  field whole, commas and "và" included, so a list of bodies is never split inside a name;
- a place ("Ủy ban nhân dân tỉnh Lâm Đồng", "Công an tỉnh");
- a proper name: capitalized words, and lower-case words that go on a name ("Cục Tin học hóa",
  "Vụ Tổ chức cán bộ"), a comma only before a word that is not a new unit, title, role or
  person ("Cục Xuất bản, in và Phát hành", but "Vụ Pháp chế, Văn phòng Bộ" are two units);
- a unit nested after it ("Văn phòng Ủy ban nhân dân tỉnh", "Ban Tổ chức Tỉnh ủy");
and, for any of them, a place after it ("Sở Nội vụ tỉnh Nghệ An", "Sở Tư pháp tỉnh").
A body of the register ("Đài Truyền hình Việt Nam") is taken whole.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from extractor import register as reg
from extractor.spans import Spans
from extractor.structure import wrapped

MAX_UNIT_TOKENS = 18
_CONNECTORS = frozenset({"và", "về", "của", "các", "cho", "tại", "trên", "dưới", "với", "phục", "vụ"})
_STOP_TAGS = ("position", "role", "honorific", "rank", "committee_head")


@cache
def _stops() -> frozenset[str]:
    """Lower-case words that end a unit's name: the verbs and prepositions of clauses, and
    "thuộc" before the body a unit belongs to ("Phòng X thuộc Sở Y": the unit is Phòng X)."""
    from extractor.data import words
    return frozenset(w.casefold() for w in words("clause_stops")) | frozenset({"là", "làm", "kiêm", "gồm", "thay",
                                                                               "giữ", "theo", "do", "được", "có",
                                                                               "thuộc"})


@dataclass(frozen=True)
class Unit:
    start: int       # offsets into the text
    end: int
    i: int           # tokens [i, j)
    j: int
    name: str        # as written, whitespace collapsed


_LEVELS = frozenset({"tỉnh", "huyện", "xã"})   # "cấp tỉnh": the level of the administration


def _place_tail(sp: Spans, j: int, persons: set[int]) -> int:
    """Tokens of a place written after a unit: "tỉnh Lâm Đồng", "thành phố", "huyện Đông Anh",
    or the level of any such place in a rule ("Ủy ban nhân dân cấp tỉnh"). (The register's
    place words match in any case: "Tp" reads as "TP".)"""
    if j + 1 < len(sp) and sp.word(j) == "cấp" and sp.word(j + 1) in _LEVELS and not _line_break(sp, j):
        return j + 2
    pw = sp.at("place_word", j)
    if not pw or pw.value not in ADMIN_LEVELS | {"TP"}:
        return j
    if sp.word(j)[0].isupper() and pw.value != "TP" and not sp.at("province", pw.j):
        return j   # "Tỉnh" in capitals starts a sentence, unless a province follows ("Thành phố Hồ Chí Minh")
    if _line_break(sp, j):
        return j
    k = pw.j
    if pw.value == "TP" and k < len(sp) and sp.word(k) == ".":
        k += 1   # "TP. Hồ Chí Minh"
    prov = sp.at("province", k)
    if prov and not _line_break(sp, k):
        return prov.j
    while k < len(sp) and k - pw.j < 4 and k not in persons and sp.is_cap(k) and not _line_break(sp, k) \
            and not _tagged(sp, k):
        k += 1
    return k


def _line_break(sp: Spans, k: int) -> bool:
    """A line break (or a table bar) stands right before token k; not a break the layout made
    wrapping a long line inside the name ("Phòng Quản lý Giá và Công\nsản")."""
    if k <= 0 or k >= len(sp):
        return True
    gap = sp.text[sp.end[k - 1]:sp.start[k]]
    return "|" in gap or "\n" in gap and not wrapped(sp.text, sp.end[k - 1], sp.start[k])


def _tagged(sp: Spans, k: int) -> bool:
    return any(sp.covering(t, k) for t in _STOP_TAGS)


def unit_at(sp: Spans, i: int, persons: set[int] | None = None, *, lower_head: bool = False) -> Unit | None:
    """The unit whose head is token i, or None. `persons`: tokens that start a person's name
    (a unit never runs into a name). `lower_head`: the head may be in lower case (it is the
    last word of a title: "Phó Trưởng ban Tổ chức Tỉnh ủy")."""
    persons = persons or set()
    if i >= len(sp):
        return None
    body = sp.at("body", i)
    head = sp.at("unit_head", i)
    if body and (sp.is_cap(i) or lower_head) and (not head or body.j >= head.j):
        j = _place_tail(sp, body.j, persons)
        return _unit(sp, i, j)
    ch = sp.at("committee_head", i)
    if ch and (not head or ch.j >= head.j) and not reg.is_standing_body(sp.text[sp.start[i]:sp.start[i] + 80].split("\n")[0]):
        return None   # "Ban Chỉ đạo ...", "Tổ công tác ...": a committee, not a unit
    if not head or not (sp.is_cap(i) or lower_head):
        return None
    takes = head.value
    j = head.j
    if takes == "none":
        return _unit(sp, i, j)
    field = sp.at("field", j)
    if field and takes in ("field", "any") and not _line_break(sp, j):
        end = _lower_tail(sp, field.j) if takes == "any" else field.j
        return _unit(sp, i, _place_tail(sp, end, persons))
    if takes == "place":
        return _unit(sp, i, _place_tail(sp, j, persons))
    if head.j - head.i == 1 and head.j < len(sp) and sp.word(head.j)[:1].islower() and not sp.at("place_word", head.j):
        return None   # "Trường hợp", "Báo cáo", "Hội nghị": a one-word head before a lower-case word is no unit
    j = _proper_words(sp, j, i, persons)
    if j == head.j and takes == "field":
        return None   # "Bộ" alone in running text is not a unit
    return _unit(sp, i, _place_tail(sp, j, persons))


_TAIL_ENDS = frozenset({",", ";", ")", "-", "–", "."})
MAX_TAIL = 3


def _lower_tail(sp: Spans, j: int) -> int:
    """Where a division's name ends that goes on past its field in lower case ("Phòng Xây
    dựng nông thôn, Sở Nông nghiệp"): a few lower-case words up to a separator or the line's end,
    none a clause word or a place; else at j (in running text, "Phòng Nội vụ phối hợp với ..."
    the words after the field are the clause's)."""
    k = j
    while k < len(sp) and k - j <= MAX_TAIL and sp.word(k)[:1].isalpha() and sp.word(k)[:1].islower() \
            and not _line_break(sp, k) and not _stop_at(sp, k) and not _place_starts(sp, k) \
            and sp.word(k).casefold() not in _CONNECTORS:
        k += 1
    if k == j or k - j > MAX_TAIL:
        return j
    return k if k == len(sp) or sp.word(k) in _TAIL_ENDS or _line_break(sp, k) else j


def _proper_words(sp: Spans, j: int, i: int, persons: set[int]) -> int:
    """The words after a head that go on a unit's proper name."""
    n = len(sp)
    while j < n and j - i < MAX_UNIT_TOKENS and not _line_break(sp, j) and j not in persons:
        w = sp.word(j)
        if sp.at("committee_head", j) and sp.is_cap(j):
            j = _proper_words(sp, sp.at("committee_head", j).j, j, persons)   # "Văn phòng Thường trực Ban Chỉ đạo ..."
            continue
        nested = sp.at("body", j) or sp.at("unit_head", j)
        if nested and sp.is_cap(j):
            inner = unit_at(sp, j, persons)
            if inner is not None and inner.j > j:
                j = inner.j
                continue
            if sp.at("unit_head", j) and sp.at("unit_head", j).value == "field" and sp.at("unit_head", j).j == j + 1:
                j += 1   # "Văn phòng Bộ", "Thanh tra Sở": the ministry or department it belongs to
                break
            if sp.at("body", j) or j - i > 1 and not sp.word(j - 1)[:1].isupper():
                break   # a unit of its own starts here
            j += 1      # "Cục Báo chí": a head word that is a proper word here
            continue
        if _tagged(sp, j):
            break
        if w == ",":
            if j + 1 < n and _comma_goes_on(sp, j + 1, persons):
                j += 1
                continue
            break
        if not w[0].isalnum():
            if w == "&" or (w in ("-", "–") and j + 1 < n and _dash_goes_on(sp, j + 1, persons)):
                j += 1   # "Vụ Thi đua - Khen thưởng", "Sở Lao động - Thương binh và Xã hội"
                continue
            break
        if w[0].isupper() or w[0].isdigit():
            j += 1
            continue
        if _stop_at(sp, j) or _place_starts(sp, j) or _lower_run(sp, j) > MAX_LOWER_RUN:
            break
        j += 1
    while j > i + 1 and sp.word(j - 1).casefold() in _CONNECTORS | {","} and not sp.covering("field", j - 1):
        j -= 1   # a name does not end on "và", "của" or a comma ("Sở Nội vụ" does end on its field)
    return j


ADMIN_LEVELS = frozenset({"tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn"})


def _place_starts(sp: Spans, k: int) -> bool:
    """A place begins at token k: an administrative level ("tỉnh", "huyện" ...), or another
    place word before a capitalized name ("thôn Đông"); "Xuất bản", "Đường bộ" go on."""
    pw = sp.at("place_word", k)
    if not pw:
        return False
    return pw.value in ADMIN_LEVELS or (pw.j < len(sp) and sp.is_cap(pw.j) and not _line_break(sp, pw.j))


MAX_LOWER_RUN = 6   # lower-case words in a row inside a unit's name ("Vụ Tổ chức cán bộ", "Phục vụ hành chính công")


def _lower_run(sp: Spans, j: int) -> int:
    """How many lower-case words stand in a row up to token j."""
    k = j
    while k >= 0 and sp.word(k)[:1].islower():
        k -= 1
    return j - k


def _dash_goes_on(sp: Spans, k: int, persons: set[int]) -> bool:
    """After a dash inside a unit's name comes a word that starts nothing else: "Vụ Thi đua -
    Khen thưởng", "Vụ Pháp luật dân sự - kinh tế" (not " - Tổ phó", " - Ông A")."""
    if k in persons or _tagged(sp, k) or sp.at("unit_head", k) or sp.at("body", k) or _line_break(sp, k):
        return False
    w = sp.word(k)
    return w[:1].isalpha() and (w[0].isupper() or not _stop_at(sp, k))


# nouns whose second word is elsewhere a clause's verb: "việc làm" (employment) goes on a
# unit's name ("Phòng Dân tộc, việc làm và Tôn giáo", "Trung tâm Dịch vụ việc làm")
_NOUN_COMPOUNDS = frozenset({("việc", "làm")})


def _stop_at(sp: Spans, k: int) -> bool:
    """A clause word starts at token k: one word ("là") or two ("phát biểu", "cho biết")."""
    w = sp.word(k).casefold()
    if k > 0 and (sp.word(k - 1).casefold(), w) in _NOUN_COMPOUNDS:
        return False
    return w in _stops() or k + 1 < len(sp) and f"{w} {sp.word(k + 1).casefold()}" in _stops()


def _comma_goes_on(sp: Spans, k: int, persons: set[int]) -> bool:
    """After a comma, a unit's name goes on with a word that starts no new unit, title, role,
    person or place: "Cục Xuất bản, in và Phát hành", "Báo và Phát thanh, Truyền hình"."""
    if k in persons or _tagged(sp, k) or sp.at("unit_head", k) or sp.at("body", k) or _line_break(sp, k):
        return False
    w = sp.word(k)
    if not w[0].isalpha() or _place_starts(sp, k):
        return False
    return not _stop_at(sp, k)   # ", Lãnh đạo một số đơn vị": a clause word starts the next member


def _unit(sp: Spans, i: int, j: int) -> Unit:
    name = " ".join(sp.text[sp.start[i]:sp.end[j - 1]].split())
    return Unit(sp.start[i], sp.end[j - 1], i, j, name)


def canonical(name: str) -> str:
    """The register's name for a unit when it knows it, else the name as written."""
    return reg.canonical(name) or name
