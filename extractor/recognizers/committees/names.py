"""Committees as a text names them, and which committee each mention means.

A committee's name opens with a head of the register (`committee_heads.tsv`: Ban, Ban Chỉ đạo,
Hội đồng, Ủy ban, Tổ, Đoàn, Tiểu ban ...) and goes on with its proper words, lower-case ones
included ("Ban Chỉ đạo cải cách hành chính của Bộ TT&TT", "Hội đồng cấp tỉnh xét duyệt địa bàn
cấp xã không ma túy", "Tổ công tác 399"), a comma only before a word that goes on the name
("phòng, chống"), "của"/"về" before what the name is of or about. It ends at a clause verb
("là", "gồm", "có" ...), a role, a title, a person, or the end of the line. After a one-word
head ("Ban", "Tổ", "Đoàn") a name starts with a capital or with a committee word of the
register ("Tổ công tác", but "Tổ chức", "Ban hành" are not committees). Names of standing
bodies (register bodies, `not_committees.txt`: Party departments, people's councils ...) are
not committees.

A short mention ("Ban Chỉ đạo", "Hội đồng"), a declared short name ("(sau đây gọi tắt là Tổ
giúp việc)") or a bare head after a role ("Trưởng ban") means a committee named in full
elsewhere: the nearest one named before it whose name it begins, else the first after it,
else the document's main committee of that family.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from extractor import register as reg
from extractor.spans import Spans
from extractor.units import ADMIN_LEVELS, unit_at

MAX_NAME_TOKENS = 40
_ALIAS = re.compile(r"\s*\((?:sau\s+đây\s+)?(?:gọi|viết)(?:\s+tắt)?\s+là\s*:?\s*[\"“]?([^)\"”]{2,80}?)[\"”]?\s*\)",
                    re.IGNORECASE)
_OPEN_QUOTES = {"“": "”", '"': '"', "«": "»"}
_GOES_ON = frozenset({"về", "của", "và", "cho", "đối", "với", "tại", "thuộc", "trong", "các", "cấp"})
# clause words and quantifiers that end a committee's name (one or two syllables, as
# Vietnamese words are): "Ban Chỉ đạo mỗi tháng họp" names "Ban Chỉ đạo"
_STOP = frozenset({"là", "làm", "gồm", "bao gồm", "có", "do", "được", "đã", "đang", "sẽ", "để", "nhằm", "theo", "khi",
                   "thì", "này", "đó", "kèm theo", "tiến hành", "họp", "ra mắt", "chịu trách nhiệm", "thực hiện",
                   "ban hành", "trình", "kiêm", "thay", "thay thế", "giữ", "từ", "đến", "năm", "ngày", "tháng",
                   "nhiệm kỳ", "khóa", "sau", "trước", "gọi", "nay", "cũng", "vẫn", "đề nghị", "quyết định", "chủ trì",
                   "phối hợp", "tổng kết", "hiện", "vừa", "mới", "với", "tại", "trong", "nhằm", "triển khai",
                   "tổ chức", "chỉ đạo", "lãnh đạo", "báo cáo", "yêu cầu", "thống nhất", "cho biết", "cho thấy",
                   "làm việc", "tham dự", "dự", "đi", "về việc", "chưa", "cần", "phải", "còn", "gồm có", "bên cạnh",
                   "nhằm", "cùng", "tiếp tục", "hoàn thành", "mong muốn", "trên cơ sở", "ra sao", "như thế nào",
                   "thế nào", "mỗi", "mọi", "hằng", "những", "từng", "vào", "phát biểu", "nhấn mạnh",
                   "khẳng định", "phân công", "nhưng", "tuy nhiên"})
# words after a head that make it a committee in general ("các Ủy ban khác", "Ban nào")
_ANY_OTHER = frozenset({"khác", "nào"})
# ... except where they open what the committee does or covers, after a head that takes it
_NAME_PHRASES = frozenset({"chỉ đạo", "tổ chức", "thẩm định", "giúp việc", "đánh giá", "thực hiện"})


@dataclass
class CMention:
    start: int
    end: int
    i: int
    j: int
    name: str             # as written, whitespace collapsed
    head: str             # the head as the register writes it
    family: str
    subgroup: bool
    bare: bool            # only the head (or a short name): it means a committee named elsewhere
    entity: int = -1      # index of the committee it names


@dataclass
class Entity:
    name: str
    family: str
    subgroup: bool
    first: CMention
    mentions: list[CMention] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    parent: int = -1


@cache
def _heads() -> dict[str, tuple[str, str, bool, bool]]:
    """folded head -> (head, family, sub-group, whether a committee word must follow)."""
    return {reg.fold(r["head"]): (r["head"], r["family"], r["subgroup"] == "yes", r["next"] == "words")
            for r in reg.committee_heads()}


@cache
def _committee_words() -> frozenset[str]:
    return frozenset(reg.fold(w) for w in reg.words("committee_words"))


def _line_break(sp: Spans, k: int) -> bool:
    gap = sp.text[sp.end[k - 1]:sp.start[k]] if k > 0 else "\n"
    if "|" in gap or "\n\n" in gap:
        return True
    if "\n" in gap:
        line_start = sp.text.rfind("\n", 0, sp.end[k - 1]) + 1
        return sp.end[k - 1] - line_start < 60 or not sp.word(k)[:1].islower()
    return False


def _tagged(sp: Spans, k: int) -> bool:
    return any(sp.at(t, k) for t in ("role", "position", "honorific", "rank"))


def mention_at(sp: Spans, i: int, persons: set[int], *, after_role: bool = False, led: bool = False) -> CMention | None:
    """The committee named from token i (its head), or None. `led`: the sentence goes on to say
    who leads it ("một phái đoàn của Hội Chữ thập đỏ do A dẫn đầu"): a head alone there is a committee of
    its own, named by the words up to "do"."""
    h = sp.at("committee_head", i)
    if not h or not (sp.is_cap(i) or after_role):
        return None
    ahead = sp.text[sp.start[i]:sp.start[i] + 80]
    body = sp.at("body", i)
    if reg.is_standing_body(ahead.split("\n")[0]) or body and not reg.is_collegial(body.value):
        return None   # "Ủy ban Mặt trận Tổ quốc ...", "Ban Tổ chức Trung ương": standing bodies
    head, family, subgroup, needs_word = _heads().get(reg.fold(sp.text[h.start:h.end]), (h.value, "any", False, False))
    n = len(sp)
    k = h.j
    if k < n and sp.word(k).casefold() in _ANY_OTHER:
        return None   # "các Ủy ban khác", "Hội đồng nào": committees in general, none named
    one_word = h.j - h.i == 1
    if one_word and k < n and not _line_break(sp, k):
        w = sp.word(k)
        two = reg.fold(w + " " + sp.word(k + 1)) if k + 1 < n else ""
        word = reg.fold(w) in _committee_words() or two in _committee_words()
        if not word and (w[:1].islower() or w.isupper() or needs_word):
            return None   # "Tổ chức", "Ban hành", "BAN HÀNH", "Đoàn kết", "Tổ dân phố": not a committee
    k = _name_end(sp, k, i, persons, subgroup)
    if led and k == h.j:
        k = _up_to_leader(sp, k)
    name = " ".join(sp.text[sp.start[i]:sp.end[k - 1]].split())
    if name[:1].islower():
        name = name[0].upper() + name[1:]
    if reg.is_standing_body(name):
        return None
    # an abbreviation ("HĐQT") is a whole name, not a short mention of one named elsewhere
    return CMention(sp.start[i], sp.end[k - 1], i, k, name, head, family, subgroup, bare=k == h.j and not head.isupper())


def _name_end(sp: Spans, k: int, i: int, persons: set[int], subgroup: bool) -> int:
    n = len(sp)
    start = k
    if sp.word(i).isupper() and len(sp.word(i)) > 1:
        # a heading in capitals ("HỘI ĐỒNG GIÁO SƯ CƠ SỞ"): its words in capitals are the name
        while k < n and k - i < MAX_NAME_TOKENS and not _line_break(sp, k) and sp.word(k).isupper() \
                and sp.word(k)[0].isalnum():
            k += 1
        return k
    while k < n and k - i < MAX_NAME_TOKENS and not _line_break(sp, k) and k not in persons:
        w = sp.word(k)
        if w in _OPEN_QUOTES and k == start:
            close = _OPEN_QUOTES[w]
            m = k + 1
            while m < n and sp.word(m) not in (close, "”", '"') and m - k < MAX_NAME_TOKENS:
                m += 1
            if m < n:
                k = m + 1
            break
        if _tagged(sp, k) and not sp.at("committee_head", k) and not (
                k == start and (_committee_word_at(sp, k) or _collective_title(sp, k, persons))):
            break   # a title or role ends the name, except the committee word right after its head ("Đoàn đại biểu")
        if w == ",":
            if k + 1 < n and _comma_goes_on(sp, k + 1, persons):
                k += 1
                continue
            break
        if w in ("-", "–") and k + 1 < n and sp.is_cap(k + 1) and k + 1 not in persons and not _tagged(sp, k + 1):
            k += 1   # "Hội đồng Thi đua - Khen thưởng Trung ương"
            continue
        if not w[0].isalnum():
            break
        if w[0].isdigit() or w[0].isupper():
            if sp.at("committee_head", k) and k > start and not subgroup:
                break   # "Ban Chỉ đạo X và Tổ giúp việc": another committee (a sub-group names its parent)
            k += 1
            continue
        low = w.casefold()
        if low in ("của", "thuộc", "cho") and k + 1 < n:
            nxt = unit_at(sp, k + 1, persons) if sp.is_cap(k + 1) else None
            if nxt or (sp.at("committee_head", k + 1) and sp.is_cap(k + 1)):
                k = nxt.j if nxt else k + 1
                if nxt and k < n and sp.word(k)[:1].islower() and sp.word(k).casefold() not in _GOES_ON | {"nước"}:
                    break   # "Ủy ban X của Quốc hội nhìn nhận ...": the body it belongs to ends the name
                            # (its country may follow: "của Chính phủ nước Cộng hòa ...")
                continue
            if low == "của" and (sp.is_cap(k + 1) or _stops(sp, k + 1)):
                break   # "của" before a name that is no unit or committee: the clause goes on elsewhere
        place = sp.ending("province", k) or sp.ending("place", k)
        if place and k > start and low not in _GOES_ON and all(sp.is_cap(t) for t in range(place.i, place.j)):
            break   # after a place the name is whole ("Hội đồng Luật sư Việt Nam thường họp ...")
        pw = sp.at("place_word", k)
        if pw and pw.value in ADMIN_LEVELS:
            k = pw.j
            prov = sp.at("province", k)
            if prov:
                k = prov.j
            continue
        if _stops(sp, k):
            break
        k += 1
    while k > start and sp.word(k - 1).casefold() in _GOES_ON | {",", "-", "–"}:
        k -= 1
    return max(k, start)


def _stops(sp: Spans, k: int) -> bool:
    """A lower-case word (or two-word phrase) that ends a committee's name: a clause verb or a
    function word. A phrase that names what the committee does goes on right after its head
    ("Ban chỉ đạo", "Hội đồng thẩm định", "Tổ giúp việc")."""
    one = sp.word(k).casefold()
    two = reg.fold(one + " " + sp.word(k + 1)) if k + 1 < len(sp) else one
    three = reg.fold(two + " " + sp.word(k + 2)) if k + 2 < len(sp) else two
    if three in _STOP:
        return True
    if two in _STOP:
        return not (two in _NAME_PHRASES and _after_head(sp, k))
    return one in _STOP


def _committee_word_at(sp: Spans, k: int) -> bool:
    """A committee word of the register opens at token k ("đại biểu" after "Đoàn", though
    "Đại biểu Quốc hội" is also a title)."""
    one = reg.fold(sp.word(k))
    two = reg.fold(one + " " + sp.word(k + 1)) if k + 1 < len(sp) else one
    return one in _committee_words() or two in _committee_words()


def _collective_title(sp: Spans, k: int, persons: set[int]) -> bool:
    """A council named for the office its members hold, the title capitalized right after the
    head ("Hội đồng Thẩm phán", "Hội đồng Luật sư"): the title is part of the name, unless a
    person's name follows it (then it is that person's title) or it is a committee role."""
    t = sp.at("position", k) or sp.at("honorific", k)
    return bool(t and sp.is_cap(k) and not sp.at("role", k) and t.j not in persons
                and t.j < len(sp) and not _line_break(sp, t.j) and sp.is_cap(t.j))


def _after_head(sp: Spans, k: int) -> bool:
    return k > 0 and sp.covering("committee_head", k - 1) is not None


def _comma_goes_on(sp: Spans, k: int, persons: set[int]) -> bool:
    """After a comma a name goes on with a phrase in lower case ("phòng, chống thiên tai",
    "thẩm định, đánh giá Chỉ số"): two words at least, neither a clause word, and not after a
    proper name (a place, a body, an acronym, a number: "... tỉnh Yên Bái, đi công tác",
    "Quân khu II, tham gia ...": the clause goes on there, not the name)."""
    if k < 2 or _proper_end(sp, k - 2):
        return False
    if k in persons or _tagged(sp, k) or sp.at("unit_head", k) or sp.at("committee_head", k) or _line_break(sp, k):
        return False
    w = sp.word(k)
    if not (w[:1].isalpha() and w[:1].islower()) or _stops(sp, k) or k + 1 >= len(sp):
        return False
    nxt = sp.word(k + 1)
    return nxt[:1].isalpha() and not _stops(sp, k + 1) and not _line_break(sp, k + 1)


def _proper_end(sp: Spans, k: int) -> bool:
    """Token k ends a proper name: a place's or a body's name, an acronym or a number."""
    w = sp.word(k)
    if w[:1].isdigit() or (w.isupper() and w[:1].isalpha()):
        return True
    return any(sp.ending(label, k + 1) for label in ("province", "place", "body"))


def find(sp: Spans, persons: set[int]) -> list[CMention]:
    """Every committee mention, left to right (a name inside a longer one is not a second mention)."""
    out: list[CMention] = []
    role_ends = {r.j - 1: r for r in sp.groups.get("role", ())}
    k = 0
    for h in sp.groups.get("committee_head", ()):
        if h.i < k:
            continue
        if h.i in role_ends and not sp.is_cap(h.i) and h.j < len(sp) and sp.at("committee_head", h.j) and sp.is_cap(h.j):
            continue   # "Phó Trưởng ban Ban Chỉ đạo": the role's "ban", then the committee's name
        # a role's own head ("Trưởng ban ...") or a head right after a role ("thành viên ban giám
        # khảo ..."): a name in lower case is a committee's there
        # ... or a head the sentence goes on to say who leads ("đoàn đại biểu ... do A dẫn đầu")
        led = _led_after(sp, h.j, persons)
        m = mention_at(sp, h.i, persons, after_role=h.i in role_ends or h.i - 1 in role_ends or led, led=led)
        if m:
            out.append(m)
            k = m.j
    return out


# after a committee's name (and what it is of: "của Bộ Tài chính"), "do" the leader "dẫn đầu"
# or "làm" a role (frames/led_by.py reads the leader)
LED_BY = re.compile(r"[^.;:\n]{0,80}?\bdo\s+([^.;:\n]{3,140}?),?\s+(dẫn\s+đầu|làm)\b", re.IGNORECASE)


def _up_to_leader(sp: Spans, k: int) -> int:
    """The end of a committee's name written as what it is of, up to the "do" of its leader
    ("phái đoàn của Hội Chữ thập đỏ do ..."): at most a few words; else the head alone (k)."""
    for t in range(k, min(len(sp), k + _OWNER_WORDS + 1)):
        if sp.word(t).casefold() == "do":
            while t > k and sp.word(t - 1) in (",", "-", "–"):
                t -= 1
            return t
        if _line_break(sp, t) or not sp.word(t)[0].isalnum():
            break
    return k


_OWNER_WORDS = 6


def _led_after(sp: Spans, j: int, persons: set[int]) -> bool:
    """The words after token j say that a person leads what was just named."""
    if j >= len(sp):
        return False
    m = LED_BY.match(sp.text, sp.start[j])
    return bool(m) and any(m.start(1) <= sp.start[k] < m.start(1) + 40 for k in persons)


def resolve(sp: Spans, mentions: list[CMention]) -> tuple[list[Entity], int]:
    """Group mentions into committees; return them and the index of the main committee (-1)."""
    entities: list[Entity] = []
    by_name: dict[str, int] = {}
    aliases: dict[str, int] = {}
    for m in mentions:
        if m.bare:
            continue
        key = reg.fold(m.name)
        if key in aliases and key not in by_name:
            # the declared short name itself ("(sau đây gọi là Ban soạn thảo)") is no committee of its own
            m.entity = aliases[key]
            entities[m.entity].mentions.append(m)
            continue
        if key not in by_name:
            by_name[key] = len(entities)
            entities.append(Entity(m.name, m.family, m.subgroup, m))
        elif entities[by_name[key]].name.isupper() and not m.name.isupper():
            # a header or a title line in capitals named it first: the name as running text writes it
            entities[by_name[key]].name = m.name
        m.entity = by_name[key]
        entities[m.entity].mentions.append(m)
        a = _ALIAS.match(sp.text, m.end)
        if a:
            alias = reg.fold(a.group(1))
            aliases[alias] = m.entity
            entities[m.entity].aliases.add(alias)
    # a mention whose name begins a longer one, or is a declared short name, means that committee
    for m in mentions:
        key = reg.fold(m.name)
        target = aliases.get(key)
        if target is None and (m.bare or not _is_own(entities, by_name, key)):
            target = _nearest(entities, m, key)
        if target is not None and target != m.entity:
            if m.entity >= 0 and not m.bare:
                entities[m.entity].mentions.remove(m)
            m.entity = target
            entities[target].mentions.append(m)
    _parents(entities)
    return entities, _main(entities)


def _is_own(entities: list[Entity], by_name: dict[str, int], key: str) -> bool:
    """A full name that is not just the beginning of another committee's longer name."""
    return not any(e.name != key and reg.fold(e.name).startswith(key + " ") for e in entities)


def _nearest(entities: list[Entity], m: CMention, key: str) -> int | None:
    """The committee a short mention means: named before it and beginning with its words
    (nearest first), else named after it, else the first of its family."""
    fitting = [k for k, e in enumerate(entities) if reg.fold(e.name).startswith(key) and reg.fold(e.name) != key]
    if m.bare:
        fitting = fitting or [k for k, e in enumerate(entities) if e.family == m.family]
    before = [k for k in fitting if entities[k].first.start < m.start]
    if before:
        return max(before, key=lambda k: entities[k].first.start)
    return fitting[0] if fitting else None


def _parents(entities: list[Entity]) -> None:
    """A sub-group whose name holds another committee's name belongs to it ("Tổ giúp việc của
    Hội đồng thẩm định ...", "Tổ giúp việc Ban Chỉ đạo ..."); one named without it belongs to the
    committee named first before it ("Ban Chỉ đạo ... và Tổ giúp việc")."""
    for k, e in enumerate(entities):
        if not e.subgroup:
            continue
        low = reg.fold(e.name)
        for p, other in enumerate(entities):
            if p != k and not other.subgroup and reg.fold(other.name) in low:
                e.parent = p
                break
        else:
            before = [p for p, o in enumerate(entities) if not o.subgroup and o.first.start < e.first.start]
            if before and len(low.split()) <= 4:
                e.parent = before[0]


def _main(entities: list[Entity]) -> int:
    """The committee a document is about: the one named most often, the first on a tie."""
    if not entities:
        return -1
    return max(range(len(entities)), key=lambda k: (len(entities[k].mentions) + (0 if entities[k].subgroup else 1),
                                                    -entities[k].first.start))
