"""Recognizer for `committees` of RECORDS.md: boards, councils, working groups, members.

Committees are found by their head words (data: `committee_heads.tsv`) and named as
far as the text names them; short mentions ("Ban Chỉ đạo") and declared short names
("(gọi tắt là Tổ công tác 399)") refer to a committee named in full. Members come in
the shapes real documents use:

- a person, then the role: "Phó Thủ tướng Lê Thành Long là Trưởng Ban Chỉ đạo ...",
  "X - Trưởng Ban Chỉ đạo", "X, Tổ trưởng Tổ công tác 399", "X làm Phó Trưởng Ban
  thường trực Ban Chỉ đạo kiêm Tổ trưởng Tổ Biên tập";
- the role, then people or an office: "Trưởng ban là Thứ trưởng Nguyễn Huy Dũng",
  "có 2 Phó Trưởng ban là A và B", "Trưởng ban là Phó Thủ tướng Chính phủ";
- lists under a heading or "gồm:": numbered or dashed items, each a person with an
  optional role at its end or in parentheses;
- member units after "thành viên ... gồm:" or "là đại diện": a new unit starts only
  at a unit head ("Cục Xuất bản, in và Phát hành" is one);
- table rows "| Phó Chủ tịch | A B C |" and role headings "**Ủy viên:**" over office lists.

People and offices inside these shapes are the mentions of `mentions.find_mentions`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from extractor.data import table
from extractor.doc import Doc
from extractor.nlp import sentence_at, sentence_before
from extractor.recognizers.mentions import (
    _REPRESENT, TABLE_ROW, Mention, cap_words, clean_name, find_mentions, line_end, line_start, name_ok,
    role_at, split_names, unit_end,
)
from extractor.recognizers.titles import LOWER, UPPER, capitalized, fold, lexicons, phrase_pattern
from models.records import Committee, Member

ORDINARY_ROLES = {"thành viên", "ủy viên"}
LAST_UNIT_TAIL = 8   # words after a comma that still belong to the last unit of a list
_ALIAS = re.compile(r"\s*(?:[.…_]\s*)*\((?:sau đây\s+)?(?:gọi|viết)(?:\s+tắt)?\s+là\s+([^)]{3,80})\)", re.IGNORECASE)
_COUNT = re.compile(r"(?:có|gồm|với)\s+(\d{1,3})\s+(?:thành viên|ủy viên|người)", re.IGNORECASE)
_CELL_COUNT = re.compile(r"^\s*(\d{1,3})\s+(?:thành viên|ủy viên|người)\s*$", re.IGNORECASE)
_UNIT_LIST = re.compile(r"thành viên(?:[^.:;\n]{0,160}?gồm|[^.:;\n]{0,80}?là\s+đại\s+diện|[^.:;\n]{0,80}?là)\s*:?\s*",
                        re.IGNORECASE)
_LIST_INTRO = re.compile(r"(?:(?:các\s+)?(ủy viên|thành viên)[^.:\n]{0,120}?gồm\s*:|danh sách)", re.IGNORECASE)
_ITEM = re.compile(r"[ \t*|]*(?:\d{1,3}\s*[.)]|[-+•–])\s*")
_CONNECT = re.compile(r"\s*(?:,|-|–|:|\(|(?:làm|là|giữ chức(?:\s+vụ)?)(?![^\W_]))\s*")
_CELL_GAP = re.compile(r"[ \t]*\|[ \t|]*")   # the next cell of a table row
_BY = re.compile(r"\s+(?:sẽ\s+)?do\b")
_BY_UNIT = re.compile(r"(?<![^\W_])do\s+")
_UNIT_TAKES = re.compile(r"\s+(?:làm|giữ vai trò|là)\s+")
_KIEM = re.compile(r"\s*(?:kiêm|,)\s*")
_COMMA = re.compile(r",[ \t]*")
_SEMI = re.compile(r"[ \t]*;[ \t]*")
_OFFICE_DASH = re.compile(r"[ \t]*[-–][ \t]*")
# "Trưởng ban là X", "Các Phó Trưởng ban gồm: X; Y", "Trưởng đoàn: ông X", "Chủ tịch ... sẽ do X kiêm nhiệm"
_IS = re.compile(r"\s+(?:là|gồm(?:\s+có)?|(?:sẽ\s+)?do)\s*:?\s+|[ \t]*:[ \t]*")
_SHARED = re.compile(r"\s+các\s+(?P<head>bộ|sở|ban|cục|vụ|tổng cục|cơ quan)\s*:\s*")
_GAP = re.compile(r"\s*(?:[,;]|và)\s*")
_LIST_MARK = re.compile(r"[-+•–][ \t]+")
# "Hội đồng" and a word naming it, right after a role; the people's councils are units
# (a capitalized name after it is a standing institution: "Hội đồng Dân tộc", "Hội đồng Lý luận Trung ương")
_COUNCIL = re.compile(rf"[ \t]+(Hội[ \t]+đồng)(?=[ \t]+[{LOWER}])")
_NAMED_COUNCIL = re.compile(rf"(?<![^\W_])Hội[ \t]+đồng(?=[ \t]+[{UPPER}][{LOWER}])")
_LOCAL_COUNCIL = re.compile(r"Hội\s+đồng\s+nhân\s+dân", re.IGNORECASE)
_ROLE_BEFORE_HEAD = re.compile(r"(?<![^\W_])(?:Trưởng|Phó)\s+$")
_OF = re.compile(r"\s+của(?=\s)")
_COLON = re.compile(r"[ \t]*:")
_COUNTED = re.compile(r"(?<![^\W_])\d{1,3}\s+$")
_PLURAL_CAP = re.compile(r"(?<![^\W_])Các\s+$")
_SHARED_ITEM = re.compile(r"(?:và\s+)?([^\W\d_][^,;.]*?)(?=\s*(?:[,;.]|\bvà\b|$))")
_QUOTE_CLOSE = {"“": "”", '"': '"', "«": "»"}
_DATE_WORD = re.compile(r"(?:ngày|tháng|năm|quý)\s+\d", re.IGNORECASE)
_TAIL_WORD = re.compile(r"\s+(?:của|và|về|với|cho|tại|trong|các|những|theo)\s*$")
_PLURAL = re.compile(r"(?:các|những|mọi)(?![^\W_])")
_TOKEN = re.compile(r"[^\W_]+(?:[&./'’-][^\W_]+)*")


@dataclass
class _Entity:
    name: str
    head: str
    family: str
    subgroup: bool
    start: int
    end: int
    first: int                                      # where it is first mentioned
    members: list[Member] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)    # every full form it is named by, folded
    keyed: dict[tuple, Member] = field(default_factory=dict)   # members by their matching key
    count: int | None = None
    parent: _Entity | None = None


@dataclass
class _CMention:
    start: int
    end: int
    name: str
    head: str
    entity: _Entity | None = None


# --- committee names -------------------------------------------------------------

def _name_end(doc: Doc, i: int) -> int:
    """Where a committee name written from its head at i ends in running text."""
    text, flat, lx = doc.text, doc.flat, lexicons()
    end = i
    pos = i
    n = 0
    owner = False
    lower_run = 0
    while n < 40:
        ws = pos
        while ws < len(flat) and flat[ws] in " \t":
            ws += 1
        if ws >= len(flat) or text[pos:ws].count("\n") or text[ws] == "\n":
            break
        ch = flat[ws]
        if ch == '"' and not flat[ws + 1:ws + 2].isalpha():
            break   # a closing quote: the name was quoted, or a citation follows
        if _DATE_WORD.match(flat, ws) or lx.honorific.match(flat, ws):
            break   # "Ban biên tập tháng 3 năm 1989", "Ban Lễ tang đồng chí ..."
        if ch in _QUOTE_CLOSE:
            close = flat.find(_QUOTE_CLOSE[ch], ws + 1, ws + 400)
            close = close if close >= 0 else flat.find("”", ws + 1, ws + 400)
            if close < 0:
                break
            end = pos = close + 1
            n += 1
            continue
        if ch == ",":
            nxt = ws + 1
            while nxt < len(flat) and flat[nxt] == " ":
                nxt += 1
            before = flat[max(i, ws - 30):ws].split()
            if (nxt < len(flat) and flat[nxt].isalpha() and flat[nxt].islower() and not lx.stop.match(flat, nxt)
                    and not _PLURAL.match(flat, nxt) and not (before and before[-1][:1].isupper())):
                # "phòng, chống", "kiểm tra, thực hiện" go on; "tỉnh Lạng Sơn, qua ..." does not
                pos = nxt
                continue
            break
        if not ch.isalnum():
            break
        if lx.stop.match(flat, ws) and not capitalized(flat[ws]):
            break
        if capitalized(flat[ws]) and (lx.position.match(flat, ws) or lx.role.match(flat, ws)
                                      or lx.honorific.match(flat, ws) or lx.committee_head.match(flat, ws)):
            break
        if flat[ws] in UPPER:
            run = cap_words(flat, text, ws)
            if any(name_ok(text, run[:k]) for k in (2, 3, 4) if k <= len(run)):
                break   # a person's name: "Ban Chỉ đạo 389 quốc gia Đàm Thanh Thế"
        if flat.startswith("và ", ws) and end == i:
            break   # "Đoàn Kiểm tra và ...": a bare head joined to the sentence, not to its name
        if flat.startswith("và", ws):
            nx = ws + 2
            while nx < len(flat) and flat[nx] == " ":
                nx += 1
            if lx.committee_head.match(flat, nx) or lx.unit_head.match(flat, nx) and capitalized(flat[nx:nx + 1]):
                break
        if owner and not capitalized(flat[ws]) and not flat.startswith("và", ws):
            # the owner's name: each capitalized syllable may take one lower-case one ("Bộ Y tế",
            # "Bộ Xây dựng"); a second lower-case word in a row is the sentence going on
            lower_run += 1
            if lower_run > 1:
                break
        elif owner:
            lower_run = 0
        w = _TOKEN.match(flat, ws)
        if not w:
            break
        if w.group() == "của":
            owner = True
            nx = _skip_spaces(flat, w.end())
            h = lx.unit_head.match(flat, nx)
            if h and capitalized(h.group()):   # "của Chính phủ": the owner's head may hold lower case
                end = pos = h.end()
                n += 2
                lower_run = 0 if h.group().split()[-1][:1].isupper() else 1
                continue
        end = pos = w.end()
        n += 1
    # a name does not end on a linking word: "Tổ Tư vấn kinh tế của [Thủ tướng]"
    while True:
        t = _TAIL_WORD.search(flat, i, end)
        if not t:
            return end
        end = t.start()


def _skip_spaces(flat: str, i: int) -> int:
    while i < len(flat) and flat[i] == " ":
        i += 1
    return i


@cache
def _small_head() -> re.Pattern[str]:
    """A committee head whose first word is written small after a role: "Trưởng ban Chỉ đạo"."""
    return re.compile(r"(?<![^\W_])(?:Trưởng|Phó)\s+(?=(" + phrase_pattern([r["head"] for r in table("committee_heads")])
                      + r"))", re.IGNORECASE)


def _heads(doc: Doc) -> list[re.Match]:
    """Committee heads written with a capital, and those opened by a role with a small first
    word whose following word is capitalized ("Trưởng ban Chỉ đạo diễn tập")."""
    lx = lexicons()
    found = [m for m in lx.committee_head.finditer(doc.flat) if capitalized(m.group())]
    for r in _small_head().finditer(doc.flat):
        s = r.end()
        h = r.group(1)
        if not r.group().startswith(("Trưởng", "Phó")) or h[:1].isupper() or not _named_after_small_head(doc.flat, s, h):
            continue
        found.append(_HeadMatch(s, s + len(h), h))
    # "Ủy viên Thường trực Hội đồng chứng minh": a council named right after a role
    for rm in lx.role.finditer(doc.flat):
        c = _COUNCIL.match(doc.flat, rm.end())
        if c and capitalized(rm.group()) and not lx.committee_head.match(doc.flat, c.start(1)) \
                and not _LOCAL_COUNCIL.match(doc.flat, c.start(1)):
            found.append(_HeadMatch(c.start(1), c.end(1), c.group(1)))
    # "Hội đồng Quốc phòng ...", "Hội đồng Dân tộc": a council named by capitalized words is one
    # body with members (the bare head's family applies), unless the lexicon knows the head
    for c in _NAMED_COUNCIL.finditer(doc.flat):
        if not lx.committee_head.match(doc.flat, c.start()) and not _LOCAL_COUNCIL.match(doc.flat, c.start()) \
                and not any(m.start() == c.start() for m in found):
            found.append(_HeadMatch(c.start(), c.end(), c.group()))
    found.sort(key=lambda m: m.start())
    return found


def _head_row(head: str) -> tuple[str, str, bool]:
    """(head as written, family, subgroup) of a lexicon head, or of a bare council ("Hội đồng")."""
    lx = lexicons()
    row = lx.committees.get(fold(head))
    if row is None:
        _, families = _bare_pattern()
        row = (head[:1].upper() + head[1:], families.get(fold(head), "any"), False)
    return row


def _named_after_small_head(flat: str, s: int, head: str) -> bool:
    """A head written small after a role ("Trưởng ban chỉ đạo ...") opens a committee's name
    only where a capitalized word follows within it: "ban Chỉ đạo diễn tập", "ban chỉ đạo Quốc gia"."""
    words = head.split()
    if len(words) > 1 and words[1][:1].isupper():
        return True
    j = s + len(head)
    while j < len(flat) and flat[j] in " \t":
        j += 1
    return flat[j:j + 1].isupper()


@dataclass
class _HeadMatch:
    """A head found by `_heads` outside the case-sensitive pattern, with the same interface."""
    s: int
    e: int
    text: str

    def start(self) -> int:
        return self.s

    def end(self) -> int:
        return self.e

    def group(self) -> str:
        return self.text


def _committee_mentions(doc: Doc) -> list[_CMention]:
    text, flat, lx = doc.text, doc.flat, lexicons()
    out = []
    for m in _heads(doc):
        if lx.committee_not.match(flat, m.start()):
            continue
        head_row = _head_row(m.group())
        if m.group().isupper():
            le = text.find("\n", m.end())
            le = len(text) if le < 0 else le
            rest = re.match(rf"(?:\s*[{UPPER}]+(?![^\W_]))*", flat[m.end():le])
            end = m.end() + rest.end()
            name = (head_row[0] + " " + doc.value(m.end(), end).lower()).strip()
        else:
            end = _name_end(doc, m.end())
            name = doc.value(m.start(), end)
            name = name[:1].upper() + name[1:]
        out.append(_CMention(m.start(), end, name, fold(head_row[0])))
    return out


def _cfold(name: str) -> str:
    """A committee name folded for comparison: quotes and stray punctuation do not count."""
    return fold(re.sub(r"[“”\"'‘’«»?!]", " ", name))


def _extends_name(longer: str, shorter: str) -> bool:
    """A longer form names the committee more fully when it goes on with a proper noun."""
    rest = _cfold(longer)[len(_cfold(shorter)):].split()
    tail = longer.split()[len(shorter.split()):]
    return bool(rest) and bool(tail) and tail[0][:1].isupper()


def _resolve(doc: Doc, cms: list[_CMention]) -> list[_Entity]:
    """Group committee mentions into committees: a full name, longer or shorter forms
    of it, its declared short name, and bare heads referring to the nearest one."""
    lx = lexicons()
    entities: list[_Entity] = []
    aliases: dict[str, _Entity] = {}
    pending = []
    for cm in cms:
        f = _cfold(cm.name)
        if f in aliases:
            cm.entity = aliases[f]
            continue
        if f == cm.head:
            pending.append(cm)
            continue
        a = _ALIAS.match(doc.flat, cm.end)
        if a and _cfold(a.group(1)) in aliases:   # a second full name with the same short name
            cm.entity = aliases[_cfold(a.group(1))]
            continue
        short = next((e for k, e in aliases.items() if f.startswith(k + " ")), None)
        if short is not None:                     # "Tổ công tác 399 về thương mại điện tử"
            cm.entity = short
            continue
        ent = None
        for e in entities:
            if any(ef == f or ef.startswith(f + " ") or f.startswith(ef + " ") for ef in e.forms):
                ent = e
                break
        if ent is None:
            _, family, sub = _head_row(cm.head)
            ent = _Entity(cm.name, cm.head, family, sub, cm.start, cm.end, cm.start)
            entities.append(ent)
        elif f.startswith(_cfold(ent.name) + " ") and _extends_name(cm.name, ent.name):
            # the name in full: "... của Bộ" -> "... của Bộ TT&TT", not "... Quốc gia trong việc"
            ent.name, ent.start, ent.end = cm.name, cm.start, cm.end
        cm.entity = ent
        ent.forms.add(f)
        if a:
            aliases[_cfold(a.group(1))] = ent
    # short names used before they were declared ("Ra mắt Tổ công tác 399" in a headline)
    for cm in cms:
        f = _cfold(cm.name)
        short = aliases.get(f) or next((e for k, e in aliases.items() if f.startswith(k + " ")), None)
        if short is not None and cm.entity is not short:
            old = cm.entity
            cm.entity = short
            if old is not None and old in entities and not any(c.entity is old for c in cms):
                entities.remove(old)
        if cm.entity is not None and cm.entity.first > cm.start:
            cm.entity.first = cm.start
    for cm in pending:
        same = [c for c in cms if c.entity is not None and c.head == cm.head]
        before = [c for c in same if c.start < cm.start]
        after = [c for c in same if c.start > cm.start]
        if before:
            cm.entity = before[-1].entity
        elif after:
            cm.entity = after[0].entity
        else:
            _, family, sub = _head_row(cm.head)
            ent = _Entity(cm.name, cm.head, family, sub, cm.start, cm.end, cm.start)
            entities.append(ent)
            cm.entity = ent
            for c in pending:
                if c.entity is None and c.head == cm.head:
                    c.entity = ent
        if cm.entity.first > cm.start:
            cm.entity.first = cm.start
    for e in entities:
        if e.subgroup:
            e.parent = _parent(doc, e, cms)
    return entities


def _parent(doc: Doc, e: _Entity, cms: list[_CMention]) -> _Entity | None:
    s, t = _sentence(doc, e.start)
    others = [c for c in cms if c.entity is not None and not c.entity.subgroup]
    near = [c for c in others if s <= c.start < t]
    if near:
        return near[0].entity
    before = [c for c in others if c.start < e.first]
    if before:
        return before[-1].entity
    return others[0].entity if others else None


# --- context ---------------------------------------------------------------------

def _sentence(doc: Doc, i: int) -> tuple[int, int]:
    """The sentence (or list item, or paragraph) holding i."""
    s, e = sentence_at(doc, i)
    return (s, e) if e > s else (i, i)


_ITEM_LINE = re.compile(r"[ \t*]*(?:\||(?:\|\s*)?(?:\d{1,3}\s*[.)]|[-+•–])\s)")   # list items, table rows


def _near(doc: Doc, cms: list[_CMention], i: int, family: str) -> _Entity | None:
    """The committee a role without a committee name belongs to, only where the text makes
    it plain: named in the same sentence or the one before, or in the lines that introduce
    the list the role stands in ("DANH SÁCH BAN LỄ TANG", "Điều 1. Thành lập Tổ công tác ...")."""
    s, t = _sentence(doc, i)
    lo, _ = sentence_before(doc, s)
    block = _list_block_start(doc, i)
    if block is not None:
        lo = min(lo, _lines_back(doc.text, block, 2))
    # without the committee's name, the role must be one of its kind (a Trưởng ban heads a Ban)
    return _context(doc, [c for c in cms if lo <= c.start < t and c.entity is not None
                          and (family == "any" or c.entity.family == family)], i, family)




def _list_block_start(doc: Doc, i: int) -> int | None:
    """Start of the first item of the numbered or dashed list (or table) whose item holds i.
    Remembered per line, so that the items of a long list do not each walk back over it."""
    text = doc.text
    memo = doc.cache.setdefault("committees.blocks", {})
    ls = line_start(text, i)
    if not _ITEM_LINE.match(text, ls):
        return None
    seen = []
    while ls > 0 and ls not in memo:
        seen.append(ls)
        prev = line_start(text, ls - 1)
        line = text[prev:ls - 1]
        if line.strip() and not _ITEM_LINE.match(line):
            break
        ls = prev
    start = memo.get(ls, ls)
    for k in seen:
        memo[k] = start
    return start


def _lines_back(text: str, pos: int, n: int) -> int:
    """Start of the n-th non-blank line before pos, not going past a heading ("## ...")."""
    while n > 0 and pos > 0:
        pos = line_start(text, pos - 1)
        line = text[pos:line_end(text, pos)].strip()
        if line:
            n -= 1
            if line.startswith("#"):
                break
    return pos



def _context(doc: Doc, cms: list[_CMention], i: int, family: str, committee_at: int = -1) -> _Entity | None:
    """The committee a role at i belongs to: the one named right after the role; else
    one named in the same sentence, of the role's family; else the last one named before."""
    if committee_at >= 0:
        for c in cms:
            if c.start == committee_at or c.start <= committee_at < c.end:
                return c.entity
    s, t = _sentence(doc, i)
    fits = lambda c: family == "any" or c.entity.family == family  # noqa: E731
    inside = [c for c in cms if s <= c.start < t and c.entity is not None]
    for pool in ([c for c in inside if fits(c)], inside):
        before = [c for c in pool if c.start < i]
        if before:
            return before[-1].entity
        if pool:
            return pool[0].entity
    prior = [c for c in cms if c.start < i and c.entity is not None]
    fitting = [c for c in prior if fits(c)]
    if fitting:
        return fitting[-1].entity
    # a role of one kind never goes to a committee of another kind named only earlier
    # ("Trưởng ban" to an earlier "Đoàn"); a role of any kind goes to the last one named
    return None


# --- members -------------------------------------------------------------------------

class _Collector:
    def __init__(self, doc: Doc, cms: list[_CMention]):
        self.doc, self.cms = doc, cms

    def add(self, ent: _Entity | None, role: str, m: Mention | None = None, *, office: str | None = None,
            unit: str | None = None, position: str | None = None, span: tuple[int, int] | None = None) -> None:
        if ent is None:
            return
        doc = self.doc
        if m is not None and m.name:
            item = Member(name=m.name, role=role, position=m.position, organization=m.organization,
                          evidence=doc.evidence(*(span or (m.start, m.end))))
        elif m is not None and m.kind == "unit":
            item = Member(name=None, role=role, organization=m.organization,
                          evidence=doc.evidence(*(span or (m.start, m.end))))
        elif office is not None:
            item = Member(name=None, role=role, position=office, evidence=doc.evidence(*span))
        elif unit is not None:
            item = Member(name=None, role=role, position=position, organization=unit, evidence=doc.evidence(*span))
        else:
            return
        self._keep(ent, item)

    def add_office(self, ent: _Entity | None, role: str, m: Mention) -> None:
        """An office as member in running text: its title as position, its unit as organization
        ("Bộ trưởng Bộ Tài chính" -> "Bộ trưởng", "Bộ Tài chính"); a title that names its body
        ("Phó Thủ tướng Thường trực Chính phủ") is the position whole."""
        if m.organization:
            self.add(ent, role, unit=m.organization, position=m.position, span=(m.start, m.end))
        else:
            self.add(ent, role, office=m.office or m.position, span=(m.start, m.end))

    def _keep(self, ent: _Entity, item: Member) -> None:
        # the same person or unit twice is one member; an office may be listed twice
        key = _key(item) if (item.name or item.organization) else (*_key(item), item.evidence.start)
        old = ent.keyed.get(key)
        if old is None:
            ent.keyed[key] = item
            ent.members.append(item)
            return
        old.position = old.position or item.position   # a later mention may say more
        if old.organization is None and (item.position is None or fold(item.position) == fold(old.position or "")):
            old.organization = item.organization


def _key(m: Member) -> tuple:
    if m.name:
        return ("name", fold(m.name), fold(m.role))
    if m.organization:
        return ("org", fold(m.organization), fold(m.role))
    return ("pos", fold(m.position or ""), fold(m.role))


def _role(flat: str, i: int, text: str | None = None) -> tuple[str, str, int, int] | None:
    """(role value, family, role end, committee start or -1) for a committee role at i."""
    r = role_at(flat, i, text)
    if not r:
        lx = lexicons()
        m = lx.role.match(flat, i)
        c = _COUNCIL.match(flat, m.end()) if m and capitalized(m.group()) else None
        if not c or _LOCAL_COUNCIL.match(flat, c.start(1)):
            return None
        r = (m, c.start(1))   # "Phó Chủ tịch Thường trực Hội đồng trị sự": a council named after the role
    m, k = r
    role, family = lexicons().roles[fold(m.group())]
    return role, family, m.end(), k


def _person_then_role(doc: Doc, col: _Collector, mentions: list[Mention]) -> None:
    flat = doc.flat
    for idx, m in enumerate(mentions):
        if m.name and m.name_end < m.end:
            _roles_among_titles(doc, col, m)
        c = _CONNECT.match(flat, m.end) or _CELL_GAP.match(doc.text, m.end)
        semi = None if c else _SEMI.match(flat, m.end)
        if m.kind == "office":
            # an office holding a role: "Bộ trưởng Bộ Tài chính - Phó Trưởng ban Thường trực Ban Chỉ đạo ..."
            if not c or not _OFFICE_DASH.fullmatch(c.group()):
                continue
        elif not c and m.kind == "person":
            # "X, Phó Chủ tịch UBND tỉnh; Trưởng Ban Chỉ đạo": after the posts, the role names its committee
            if not semi or not m.titles:
                continue
            c = semi
        elif not c:
            continue
        r = _role(flat, c.end(), doc.text)
        if not r:
            continue
        role, family, rend, k = r
        if (m.kind == "office" or c is semi) and k < 0:
            continue
        ent = _context(doc, col.cms, c.end(), family, k) if k >= 0 else _near(doc, col.cms, c.end(), family)
        if m.kind == "office":
            col.add_office(ent, role, m)
            continue
        col.add(ent, role, m)
        # earlier people given the same role: "A; B là Phó Trưởng ban Ban Chỉ đạo"
        j = idx
        while j > 0:
            prev = mentions[j - 1]
            gap = flat[prev.end:mentions[j].start]
            if prev.kind == "office" or not _GAP.fullmatch(gap) or "\n" in doc.text[prev.end:mentions[j].start] \
                    or bool(prev.titles) != bool(mentions[j].titles):
                break   # names listed alike share the role; "A, nguyên Chủ tịch X, ông B, Chủ tịch Y" do not
            col.add(ent, role, prev)
            j -= 1
        # "... kiêm Tổ trưởng Tổ Biên tập"
        pos = _after_committee(col, k, rend)
        while True:
            kiem = _KIEM.match(flat, pos)
            if not kiem:
                break
            r2 = _role(flat, kiem.end())
            if not r2 or "," in kiem.group() and r2[3] < 0:
                break   # after a comma, only a role with its committee named: "..., Phó Chủ tịch Hội đồng B"
            role2, fam2, rend2, k2 = r2
            col.add(_context(doc, col.cms, kiem.end(), fam2, k2), role2, m)
            pos = _after_committee(col, k2, rend2)


def _roles_among_titles(doc: Doc, col: _Collector, m: Mention) -> None:
    """Roles written among a person's titles, each with its committee named: "X, Ủy viên
    Thường trực Hội đồng A, Phó Chủ tịch Hội đồng B, ..." (the person is a member of each)."""
    flat = doc.flat
    for comma in _COMMA.finditer(flat, m.name_end, m.end):
        r = _role(flat, comma.end(), doc.text)
        if r and r[3] >= 0:
            role, family, _, k = r
            col.add(_context(doc, col.cms, comma.end(), family, k), role, m)


def _unit_then_role(doc: Doc, col: _Collector) -> None:
    """A unit holding a role: "Đoàn Kiểm tra liên ngành, do Cục Quản lý thị trường làm Trưởng
    đoàn" (the unit is the member; no person is named)."""
    flat, lx = doc.flat, lexicons()
    for d in _BY_UNIT.finditer(flat):
        i = d.end()
        if not (lx.unit_head.match(flat, i) and capitalized(flat[i])):
            continue
        uend, name = unit_end(doc.text, flat, i, _sentence(doc, i)[1])
        la = _UNIT_TAKES.match(flat, uend)
        if name or not la:
            continue
        r = _role(flat, la.end(), doc.text)
        rm = lx.role.match(flat, la.end())
        if not rm or not capitalized(rm.group()):
            continue
        role, family = lx.roles[fold(rm.group())]
        k = r[3] if r else -1
        ent = _context(doc, col.cms, la.end(), family, k) if k >= 0 else _near(doc, col.cms, la.end(), family)
        col.add(ent, role, unit=doc.value(i, uend), span=(i, uend))


def _after_committee(col: _Collector, k: int, rend: int) -> int:
    if k >= 0:
        for c in col.cms:
            if c.start == k:
                return c.end
    return rend


def _role_then_people(doc: Doc, col: _Collector, mentions: list[Mention]) -> None:
    """"Trưởng ban là Thứ trưởng X", "2 Phó Trưởng ban là A và B", "Trưởng ban là Phó Thủ
    tướng Chính phủ" (an office), "Ủy viên gồm Bộ trưởng các bộ: Công an, Quốc phòng"."""
    flat, lx = doc.flat, lexicons()
    starts = {m.start: i for i, m in enumerate(mentions)}
    for rm in lx.role.finditer(flat):
        if not capitalized(rm.group()) and not _PLURAL_CAP.search(flat, max(0, rm.start() - 5), rm.start()) \
                and not (_COUNTED.search(flat, max(0, rm.start() - 6), rm.start()) and _COLON.match(flat, rm.end())):
            continue   # "Các thành viên Hội đồng gồm:", "04 ủy viên:" name a role too ("gồm 11 thành viên do" does not)
        role, family = lx.roles[fold(rm.group())]
        after, committee_at = rm.end(), -1
        r = role_at(flat, rm.start())
        bare = None
        if r and r[1] >= 0:   # "Chủ tịch Hội đồng quản lý là Giám đốc Sở ..."
            committee_at = r[1]
            after = _after_committee(col, r[1], rm.end())
        else:
            bare = _bare_committee(flat, rm.end())   # "Chủ tịch Hội đồng: ...": the council the text is about
            if bare:
                after = bare[0]
            of = _OF.match(flat, rm.end())   # "Phó Chủ tịch của Hội đồng (X) là ...": the role's committee after "của"
            if of and not bare:
                k = _skip_spaces(flat, of.end())
                named = next((c for c in col.cms if c.start == k), None)
                if named is not None:
                    committee_at, after = k, named.end
                else:
                    bare = _bare_committee(flat, of.end())
                    if bare:
                        after = bare[0]
        la = _IS.match(flat, after)
        if not la or bare and _BY.match(la.group()):
            continue   # "Thành viên Hội đồng do Cục trưởng đề nghị": proposed by, not held by
        if committee_at >= 0:
            ent = _context(doc, col.cms, rm.start(), family, committee_at)
        elif bare:
            ent = _context(doc, col.cms, rm.start(), bare[1] if family == "any" else family)
        else:
            ent = _near(doc, col.cms, rm.start(), family)
        pos = la.end()
        if not capitalized(rm.group()) and _COUNTED.search(flat, max(0, rm.start() - 6), rm.start()) \
                and "\n" in doc.text[rm.end():pos]:
            continue   # "gồm có 6 thành viên:" over a list: the list's own roles name each member
        item = _LIST_MARK.match(flat, pos)   # "gồm:\n- Ông A, ...; - Bà B, ..."
        in_list = bool(item) and "\n" in doc.text[la.start():pos + 1]
        if in_list:
            pos = item.end()
        if _shared_head(doc, col, ent, role, pos):
            continue
        rep = _REPRESENT.match(flat, pos)
        if rep and lexicons().unit_head.match(flat, rep.end()) and capitalized(flat[rep.end()]):   # "Thành viên là đại diện lãnh đạo Sở Tài chính"
            uend, _ = unit_end(doc.text, flat, rep.end(), _sentence(doc, pos)[1])
            col.add(ent, role, unit=doc.value(rep.end(), uend), span=(pos, uend))
            continue
        while pos in starts:
            m = mentions[starts[pos]]
            if m.kind == "office":
                r2 = role_at(flat, m.start)
                if r2 and r2[1] >= 0:   # "... là Chủ tịch Hội đồng thành viên X": a role, no office
                    break
                col.add(ent, role, office=m.office, span=(m.start, m.end))
            elif in_list:   # a role closing the person's own item wins: "- Ông A, Chánh Văn phòng, Ủy viên kiêm Thư ký."
                col.add(ent, _item_role(doc, m.end, line_end(doc.text, m.end)) or role, m)
            else:
                col.add(ent, role, m)
            g = _GAP.match(flat, m.end)
            if not g:
                break
            pos = g.end()
            item = _LIST_MARK.match(flat, pos)
            if item:
                pos = item.end()
                in_list = True
            nr = lx.role.match(flat, pos)
            if nr and _IS.match(flat, nr.end()):
                break   # "...; Thư ký: bà Y": the next role starts its own list


@cache
def _bare_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    rows = table("committee_bare")
    words = "|".join(sorted((re.escape(r["word"]) for r in rows), key=len, reverse=True))
    return re.compile(rf"\s+({words})(?![^\W_])"), {fold(r["word"]): r["family"] for r in rows}


def _bare_committee(flat: str, i: int) -> tuple[int, str] | None:
    """A committee's head word alone after a role: (where it ends, its family)."""
    pattern, families = _bare_pattern()
    m = pattern.match(flat, i)
    return (m.end(), families[fold(m.group(1))]) if m else None


def _shared_head(doc: Doc, col: _Collector, ent: _Entity | None, role: str, i: int) -> bool:
    """"Bộ trưởng các bộ: Công Thương, Quốc phòng, Công an": one member per unit, each
    unit named with the shared head ("Bộ Công Thương"), the shared title as position."""
    p = lexicons().position.match(doc.flat, i)
    m = _SHARED.match(doc.flat, p.end()) if p else None
    if not m:
        return False
    end = _sentence(doc, m.end())[1]
    head = m.group("head")
    head = head[:1].upper() + head[1:]
    position = doc.value(i, p.end())
    for piece in _SHARED_ITEM.finditer(doc.flat, m.end(), end):
        if piece.group(1)[:1].isupper():
            col.add(ent, role, unit=f"{head} {piece.group(1)}", position=position, span=piece.span(1))
    return True


def _lists(doc: Doc, col: _Collector, mentions: list[Mention]) -> None:
    """Numbered or dashed lists after an intro naming a committee."""
    text, flat = doc.text, doc.flat
    by_start = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in by_start]
    for intro in _LIST_INTRO.finditer(flat):
        ls = line_start(text, intro.start())
        le = text.find("\n", intro.end())
        le = len(text) if le < 0 else le
        # the committee: named on the intro line, or on the line after a "DANH SÁCH" heading
        cs = [c for c in col.cms if ls <= c.start < le + 1]
        if not cs:
            continue
        ent = cs[0].entity
        default = "Ủy viên" if (intro.group(1) or "").lower() == "ủy viên" else "Thành viên"
        # under a "DANH SÁCH" heading only numbered or dashed lines are members (the line
        # after the heading may name the deceased, the event ...)
        need_marker = intro.group(1) is None
        pos = le + 1
        blank_lines = 0
        while pos < len(text):
            e = text.find("\n", pos)
            e = len(text) if e < 0 else e
            line = text[pos:e]
            if not line.strip():
                blank_lines += 1
                if blank_lines > 2:
                    break
                pos = e + 1
                continue
            item = _ITEM.match(line)
            k = bisect.bisect_left(starts, pos)
            inner = [m for m in by_start[k:bisect.bisect_left(starts, e)]]
            if not inner:
                if item or blank_lines == 0 and line.strip().startswith("**"):
                    pos = e + 1
                    blank_lines = 0
                    continue
                break
            if need_marker and not item:
                pos = e + 1
                continue
            first = inner[0]
            lead = text[pos:first.start]
            if re.sub(r"[\s*|\d.)\-+•–]", "", lead):
                break
            blank_lines = 0
            if first.kind != "office":
                col.add(ent, _item_role(doc, first.end, e) or default, first)
            pos = e + 1


_STANDING = re.compile(r"[-–(,]\s*thường\s+trực\s*\)?\s*[;.]?\s*$", re.IGNORECASE)


def _standing(doc: Doc, role: str, i: int, e: int) -> str:
    """"Phó Trưởng ban" with "- Thường trực" closing the item is the standing deputy."""
    if _STANDING.search(doc.flat, i, e + 1):
        standing = lexicons().roles.get(fold(role + " thường trực"))
        if standing:
            return standing[0]
    return role


def _item_role(doc: Doc, i: int, e: int) -> str | None:
    """A role written at the end of a list item, after the person: "..., Trưởng ban.",
    "... - Ủy viên kiêm Thư ký;", "... (Ủy viên thường trực)"."""
    flat = doc.flat
    for k in range(i, e):
        if flat[k - 1] in " ,-–(" and flat[k].isupper():
            r = _role(flat, k, doc.text)
            if r:
                return r[0]
    return None


def _unit_lists(doc: Doc, col: _Collector) -> None:
    """Member units: "21 thành viên là đại diện ... gồm: Vụ Bưu chính, Cục Xuất bản, in và
    Phát hành, ..." or "thành viên của X là đại diện A; B (Bộ Y); C"."""
    text, flat, lx = doc.text, doc.flat, lexicons()
    for t in _UNIT_LIST.finditer(flat):
        end = _sentence(doc, t.end())[1]
        body = flat[t.end():end]
        lead = len(body) - len(body.lstrip())
        if not lx.unit_head.match(body, lead) or lx.position.match(body, lead):
            continue
        s0, _ = _sentence(doc, t.start())
        named = [c for c in col.cms if s0 <= c.start < t.end() and c.entity is not None]
        if not named:
            continue   # "thành viên ... gồm:" outside a sentence naming a committee lists something else
        ent = named[-1].entity
        base = t.end()
        parts = _split_units(body, ";" in body)
        for s, e in parts:
            seg = body[s:e]
            seg_clean = re.sub(r"\([^)]*\)", "", seg)
            seg_clean = re.sub(r"^\s*(?:đại diện\s+)?(?:lãnh đạo\s+)?", "", seg_clean)
            value = " ".join(seg_clean.split()).strip(" ,.;")
            if not value or not lx.unit_head.match(value) or not capitalized(value):
                continue
            col.add(ent, "Thành viên", unit=value, span=(base + s, base + e))


_PEOPLE_LIST = re.compile(r"\s+(?:gồm|có)(?:\s+có)?\s+các\s+(?:đồng\s+chí|ông|bà)\s*:\s*", re.IGNORECASE)


def _people_listed(doc: Doc, col: _Collector, mentions: list[Mention]) -> None:
    """"Đoàn kiểm tra có các đồng chí: A, ..., Phó Trưởng Đoàn; B, Phó Chủ nhiệm ...": each
    person opening an item of the list is a member; one whose item states no role is an
    ordinary member (run last: a role found by the other shapes wins)."""
    flat = doc.flat
    for c in col.cms:
        g = _PEOPLE_LIST.match(flat, c.end)
        if not g or c.entity is None:
            continue
        lim = _sentence(doc, g.end())[1]
        starts = {g.end()}
        for m in mentions:
            if m.start >= lim:
                break
            if m.name and m.start in starts:
                if not any(x.name and fold(x.name) == fold(m.name) for x in c.entity.members):
                    col.add(c.entity, "Thành viên", m)
                semi = flat.find(";", m.end, lim)
                if semi < 0:
                    break
                starts.add(_skip_spaces(flat, semi + 1))


def _split_units(body: str, by_semicolon: bool) -> list[tuple[int, int]]:
    lx = lexicons()
    cuts = [0]
    if by_semicolon:
        cuts += [m.end() for m in re.finditer(r";", body)]
    else:
        for m in re.finditer(r",\s*", body):
            h = lx.unit_head.match(body, m.end())
            if h and capitalized(h.group()):
                cuts.append(m.end())
    cuts.append(len(body) + 1)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        e = b - 1 if b <= len(body) else len(body)
        out.append((a, e))
    # the last unit ends where the sentence goes on: "..., Sở Khoa học và Công nghệ, tiếp tục
    # thực hiện ..." (a comma inside a unit's name is followed by a few words only)
    a, e = out[-1]
    for m in re.finditer(r",\s*(?=[^\W\d_])", body[a:e]):
        rest = body[a + m.end():e].split()
        if rest and rest[0][:1].islower() and (len(rest) > LAST_UNIT_TAIL or lx.stop.match(body, a + m.end())):
            out[-1] = (a, a + m.start())
            break
    return out


def _tables(doc: Doc, col: _Collector) -> None:
    text, flat = doc.text, doc.flat
    for row in TABLE_ROW.finditer(text):
        role_m = lexicons().role.match(flat, row.start(1))
        if not role_m or not capitalized(role_m.group()):
            continue
        role, family = lexicons().roles[fold(role_m.group())]
        ent = _context(doc, col.cms, row.start(), family)
        cell = row.group(2)
        cnt = _CELL_COUNT.match(cell)
        if cnt:
            if ent is not None and ent.count is None:
                ent.count = int(cnt.group(1))
            continue
        for a, b in split_names(text, row.start(2), row.end(2)):
            name = clean_name(text[a:b])
            col.add(ent, role, Mention(start=a, end=b, name=name, name_start=a, name_end=b))


_ROLE_HEADING = None


def _role_headings(doc: Doc, col: _Collector, mentions: list[Mention]) -> None:
    """"**Phó Chủ tịch:**" followed by "- office" lines; "Chủ tịch: A, titles" inline."""
    global _ROLE_HEADING
    lx = lexicons()
    if _ROLE_HEADING is None:
        # "**Phó Chủ tịch:**", "1. Trưởng ban: ...", "3. Các Ủy viên:"
        # "**1.Trưởng ban**" alone on its line heads a list too, but not a dashed item: "- Trưởng ban"
        # in a list of roles is one of the roles
        _ROLE_HEADING = re.compile(r"(?:^|(?<=\*))[ \t*]*(?:(?:\d{1,3}\s*[.)]\s*|[-+•]\s*)?(?:[Cc]ác\s+)?("
                                   + lx.role.pattern + r")\s*:[ \t*]*|(?:\d{1,3}\s*[.)]\s*)?(?:[Cc]ác\s+)?("
                                   + lx.role.pattern + r")[ \t*]*(?=\n|$))",
                                   re.IGNORECASE | re.MULTILINE)
    text, flat = doc.text, doc.flat
    starts = {m.start: m for m in mentions}
    prev_ent, prev_end = None, -1
    for h in _ROLE_HEADING.finditer(text):
        head = h.group(1) or h.group(2)
        if not capitalized(head):
            continue
        role, family = lx.roles[fold(head)]
        # headings that follow one another ("Chủ tịch:", "Phó Chủ tịch:", "Ủy viên:") share
        # the committee; the first one needs it named close by
        if prev_ent is not None and not re.sub(r"[\s*|]", "", text[prev_end:h.start()]):
            ent = prev_ent
        else:
            ent = _near(doc, col.cms, h.start(), family)
        le = text.find("\n", h.end())
        le = len(text) if le < 0 else le
        inline_end = text.find("**", h.end(), le)
        inline_end = le if inline_end < 0 else inline_end
        prev_ent, prev_end = ent, inline_end
        j = h.end()
        if j < inline_end and j in starts:
            col.add(ent, role, starts[j])
            continue
        if text[j:inline_end].strip():
            continue
        pos = le + 1
        while pos < len(text):
            e = text.find("\n", pos)
            e = len(text) if e < 0 else e
            line = text[pos:e]
            if not line.strip():
                pos = e + 1
                continue
            item = re.match(r"[ \t]*[-+•][ \t]+", line)
            if not item:
                break
            s = pos + item.end()
            if s in starts and starts[s].name:
                col.add(ent, _item_role(doc, starts[s].end, e) or role, starts[s])
            elif s in starts and starts[s].kind == "office" and flat[starts[s].start:starts[s].start + 1].isupper() \
                    and lx.honorific.match(flat, s):
                # "- Ông/Bà ...... - Trưởng Phòng Kinh tế - Thường trực;": a model decision's blank name
                m = starts[s]
                col.add_office(ent, _item_role(doc, m.end, e) or _standing(doc, role, m.end, e), m)
            else:
                value = doc.value(s, e).rstrip(" .;")
                r = lx.role.match(flat, s)
                if r and not value[len(doc.value(s, r.end())):].strip():
                    break   # "- Phó Trưởng ban": a list of roles, not of offices
                if lx.position.match(flat, s) and capitalized(value):
                    col.add(ent, role, office=value, span=(s, e))
            pos = prev_end = e + 1


def _counts(doc: Doc, cms: list[_CMention]) -> None:
    for m in _COUNT.finditer(doc.flat):
        s, _ = _sentence(doc, m.start())
        before = [c for c in cms if s <= c.start < m.start() and c.entity is not None]
        if not before:
            continue
        ent = before[-1].entity
        if ent.count is None:
            ent.count = int(m.group(1))


def _without_held_offices(members: list[Member]) -> list[Member]:
    """An office named in the role a named person holds with the same title and unit is
    that person ("Phó Thủ tướng Chính phủ X - Trưởng ban ...", later "báo cáo Phó Thủ
    tướng Chính phủ - Trưởng ban ...")."""
    held = {(fold(m.role), fold(m.position or ""), fold(m.organization or "")) for m in members if m.name}
    return [m for m in members if m.name or m.position is None
            or (fold(m.role), fold(m.position), fold(m.organization or "")) not in held]


def recognize(doc: Doc) -> list[Committee]:
    cms = _committee_mentions(doc)
    if not cms:
        return []
    entities = _resolve(doc, cms)
    _counts(doc, cms)
    mentions = find_mentions(doc)
    col = _Collector(doc, cms)
    _tables(doc, col)
    _person_then_role(doc, col, mentions)
    _unit_then_role(doc, col)
    _role_then_people(doc, col, mentions)
    _lists(doc, col, mentions)
    _role_headings(doc, col, mentions)
    _unit_lists(doc, col)
    _people_listed(doc, col, mentions)
    out = []
    for e in sorted(entities, key=lambda e: e.first):
        e.members = _without_held_offices(e.members)
        if not e.members and _NAMED_COUNCIL.match(e.name) and not lexicons().committee_head.match(e.name):
            continue   # "Hội đồng Dân tộc" named in passing is a standing institution, no committee
        if e.count is not None and e.members:
            ordinary = sum(1 for m in e.members if fold(m.role) in ORDINARY_ROLES)
            if e.count not in (len(e.members), ordinary):
                doc.warnings.append(f"{e.name}: text states {e.count} members; {len(e.members)} listed "
                                    f"({ordinary} without a leading role)")
        out.append(Committee(name=e.name, parent=e.parent.name if e.parent else None, member_count=e.count,
                             members=sorted(e.members, key=lambda m: m.evidence.start),
                             evidence=doc.evidence(e.start, e.end)))
    return out
