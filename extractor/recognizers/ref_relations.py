"""What a document does to each document it names (RECORDS.md `legal_refs[].relation`):
`based_on`, `amends`, `replaces`, `repeals`, `implements`, or None.

Decided from the clause that governs a mention, not from the words next to it:

- a ground of the preamble ("Căn cứ ...", and grounds that run on from it) makes every
  document it names `based_on`, those named inside another's title included;
- a phrase of `relations.tsv` acts on the documents named after it only when its subject is
  this document: the phrase opens its clause ("Điều 1. Bãi bỏ ...", the title "Về việc bãi
  bỏ ..."), or the nearest subject before it is this document (its own number, "Quyết định
  này", or the bare type word of its own type: "... ban hành Nghị quyết sửa đổi ...");
  a phrase whose subject is another document ("Nghị định 214 quy định chi tiết Luật Đấu
  thầu") gives nothing;
- a phrase after a mention acts on it ("Quyết định số X hết hiệu lực"); an item of a list
  takes the phrase of its lead-in ("Bãi bỏ các văn bản sau:");
- a document named inside another's title ("Nghị định A sửa đổi Nghị định B") is not what
  the clause acts on and takes nothing, except inside the title of an amending text that is
  a ground or is implemented (the amended text is then a ground or implemented too);
- in a news article nothing: another document, not the article, does the amending.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from extractor.data import table
from extractor.doc import Doc
from extractor.recognizers import symbols as sy
from extractor.structure import marker_at, structure


@dataclass
class Mention:
    start: int
    end: int
    type: str
    number: str | None


@dataclass(frozen=True)
class _Phrase:
    start: int
    end: int
    relation: str
    use: str


# what may stand before a clause's verb without being its subject: list markers, emphasis,
# the title's "Về việc", a purpose clause's "Để"
_CLAUSE_OPENER_RE = re.compile(
    r"[\s*_#>|\-–•+\"“]*(?:(?:Điều|ĐIỀU)\s+\d+\w*\s*[.:]?|\(?\d{1,3}(?:\.\d{1,2})*[.)]|\(?[a-zđ]\)|[IVX]{1,4}[.)])?"
    r"[\s*_\"“]*(?:(?i:về\s+việc|v/v|về|đồng\s+thời|nay)\s*:?\s*)?[\s*_]*$")
_PURPOSE_RE = re.compile(r"[\s*_#>|\-–•+]*(?i:để)\s")
_PASSIVE_RE = re.compile(r"(?<!\w)(?i:được|bị)\s+(?:(?i:đề\s+nghị|tiếp\s+tục)\s+)?$")
_AGENT_AFTER_RE = re.compile(r"\s*(?:(?i:kể\s+từ|từ)\s+[^,;]{0,40}?\s+)?(?i:bởi|bằng|tại|theo)\s+$")
_THIS_RE = re.compile(r"\s+(?i:này)(?!\w)")
_SEPARATOR_END_RE = re.compile(r"(?:[,;]|(?<!\w)(?i:và|hoặc|cùng|với))[\s*_]*$")
_SEPARATOR_ONLY_RE = re.compile(r"[\s*_,;()]*(?:(?i:và|hoặc)[\s*_]*)?$")
# the title of an amending text, running into the text it amends
_AMENDING_TITLE_RE = re.compile(
    r"[\s,]*(?i:(?:về\s+việc\s+|về\s+)?sửa\s+đổi(?:\s*,?\s*bổ\s+sung)?(?:\s+một\s+số\s+(?:điều|nội\s+dung))?(?:\s+của)?)\s*$")
_ADDRESS_RE = re.compile(r"(?i:kính\s+gửi)(?!\w)")
_GROUND_RE = re.compile(r"[\s*_>|]*(?i:căn\s+cứ)(?!\w)")
# what opens the other lines of a preamble: proposals, reports, the enacting words
_NOT_GROUND = r"(?:Theo\s+đề\s+nghị|Theo|Xét|Trên\s+cơ\s+sở|Thực\s+hiện|Để|QUYẾT|Điều)(?!\w)"
_NOT_GROUND_RE = re.compile(_NOT_GROUND)
_NOT_GROUND_IN_RE = re.compile(r"(?<=[;.])[\s*_]*" + _NOT_GROUND)
_INHERITED = ("based_on", "implements")
_CLAUSE_REACH = 2000
_SENTENCE_NEXT_RE = re.compile(r"[\"”’)*_]*\s+[\"“(*_]*[^\W\d_a-zđ]|[\"”’)*_]*\s*$")
_ABBREV_RE = re.compile(r"(?:^|[\s(])(?:[A-ZĐ][A-Za-zĐđ]{0,3}|TP|Tp|Th\.S)$")


@cache
def _phrases() -> tuple[re.Pattern, dict[str, tuple[str, str]]]:
    rows = {r["phrase"].casefold(): (r["relation"], r["use"]) for r in table("relations")}
    alts = "|".join(re.escape(p).replace(r"\ ", r"\s+").replace(",", r"\s*,") for p in sorted(rows, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alts + r")(?!\w)", re.I), rows


@cache
def _object_words() -> tuple[tuple[tuple[str, ...], str], ...]:
    rows = [(tuple(r["word"].casefold().split()), r["kind"]) for r in table("relation_objects")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def _extent(text: str) -> str | None:
    """What the words between a phrase and a document say it acts on: "whole" ("các",
    "toàn bộ"), "part" ("khoản 2 Điều 3", "một số từ, cụm từ của Quy định kèm theo"), or
    None where they name something else ("số lượng máy móc ... quy định tại")."""
    # the type words of what it acts on say nothing of the extent: "thay thế các quyết định:"
    text = _type_words_re().sub(" ", text)
    toks = [t for t in re.findall(r"[^\W\d_]+", text.casefold()) if len(t) > 1 or t in ("từ",)]
    toks = [t for t in toks if not re.fullmatch(r"[ivxlc]+|[a-zđ]", t)]
    kind, i = "whole", 0
    while i < len(toks):
        for words_, k in _object_words():
            if tuple(toks[i:i + len(words_)]) == words_:
                kind = "part" if k == "part" else kind
                i += len(words_)
                break
        else:
            # other words, then a part of the document right before it: "Thay thế Bản mô tả
            # ... tại Phụ lục VI ban hành kèm theo Thông tư số X" changes a part of X; not
            # where they only refer to it ("... đã quy định tại khoản 1 Điều 4 Quyết định X")
            if _part_before_re().search(text) and not _REFERS_RE.search(text):
                return "part"
            return None
    return kind


@cache
def _type_words_re() -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + sy.type_words_pattern() + r")(?!\w)", re.I)


@cache
def _part_before_re() -> re.Pattern:
    parts = "|".join(re.escape(r["word"]).replace(r"\ ", r"\s+") for r in table("relation_objects") if r["kind"] == "part")
    part = r"(?i:" + parts + r")(?:\s+[\w.]+){0,2}"
    # one part or a list of them: "tại Phụ lục I, Phụ lục II và Phụ lục IX ban hành kèm theo"
    return re.compile(r"(?<!\w)(?i:tại|của)\s+" + part + r"(?:\s*(?:,|(?i:và))\s*" + part + r")*"
                      r"(?:\s+(?i:ban\s+hành))?(?:\s+(?i:kèm\s+theo))?(?:\s+(?i:của))?\s*$")

_REFERS_RE = re.compile(r"(?i:quy\s+định\s+tại|theo\s+quy\s+định|(?<!kèm\s)theo(?!\w))")


def _find_phrases(flat: str) -> list[_Phrase]:
    pattern, rows = _phrases()
    out = []
    for m in pattern.finditer(flat):
        rel, use = rows[" ".join(m.group().split()).replace(" ,", ",").casefold()]
        if use != "not":
            out.append(_Phrase(m.start(), m.end(), rel, use))
    return out


def _own_type(doc: Doc) -> str | None:
    d = doc.document
    if d is None:
        return None
    if d.title:
        m = re.match(sy.type_words_pattern(), d.title, re.I)
        if m:
            return sy.canonical_type(m.group())
    return sy.type_from_symbol(d.number) if d.number else None


def _same_number(a: str | None, b: str | None) -> bool:
    return bool(a and b) and sy.normalize_number(a).casefold() == sy.normalize_number(b).casefold()


class _Reader:
    """The clauses of one document and the mentions in them."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc, self.flat, self.mentions = doc, doc.flat, mentions
        self.st = structure(doc)
        self.phrases = _find_phrases(doc.flat)
        self.own_number = doc.document.number if doc.document else None
        self.own_type = _own_type(doc)
        self.type_re = re.compile(r"(?<!\w)(?:" + sy.type_words_pattern() + r")(?!\w)", re.I)
        self.grounds = self._grounds()
        # sorted starts, so that every lookup below is a bisection, never a scan of the document
        self._ph_starts = [ph.start for ph in self.phrases]
        self._m_starts = [m.start for m in mentions]
        self._g_starts = [a for a, _ in self.grounds]
        merged: list[list[int]] = []
        for m in mentions:
            if merged and m.start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], m.end)
            else:
                merged.append([m.start, m.end])
        self._covered = merged
        self._cov_starts = [a for a, _ in merged]

    def phrases_in(self, s: int, e: int) -> list[_Phrase]:
        """Phrases that start in [s, e), in text order."""
        return self.phrases[bisect.bisect_left(self._ph_starts, s):bisect.bisect_left(self._ph_starts, e)]

    def mentions_in(self, s: int, e: int) -> list[Mention]:
        """Mentions that start in [s, e), in text order."""
        return self.mentions[bisect.bisect_left(self._m_starts, s):bisect.bisect_left(self._m_starts, e)]

    def in_mention(self, i: int) -> bool:
        k = bisect.bisect_right(self._cov_starts, i) - 1
        return k >= 0 and i < self._covered[k][1]

    # --- places --------------------------------------------------------------------

    def clause_start(self, i: int) -> int:
        """Where the clause holding offset i begins: after a semicolon outside brackets, a
        table cell's border, a sentence's end, or a line break that ends a line closed by
        punctuation, a blank line or one that opens a list item; a line that only wraps
        ("... của Quy định kèm theo\nNghị quyết số ...") does not end it."""
        text, depth = self.doc.text, 0
        lo = max(0, i - _CLAUSE_REACH)
        for j in range(i - 1, lo - 1, -1):
            c = text[j]
            if c in ")]":
                depth += 1
            elif c in "([" and depth:
                depth -= 1
            elif (c == ";" and not depth) or c == "|":
                return j + 1
            elif c in ".!?" and _SENTENCE_NEXT_RE.match(text, j + 1) and not _ABBREV_RE.search(text, max(0, j - 8), j):
                return j + 1
            elif c == "\n" and self._breaks(j):
                return j + 1
        return lo

    def clause_end(self, i: int, semicolon: bool = True) -> int:
        """Where the clause holding offset i ends; without `semicolon`, where its sentence or
        list item does (a document's summary may hold a ";")."""
        text, depth = self.doc.text, 0
        hi = min(len(text), i + _CLAUSE_REACH)
        for j in range(i, hi):
            c = text[j]
            if c in "([":
                depth += 1
            elif c in ")]" and depth:
                depth -= 1
            elif (c == ";" and not depth and semicolon) or c == "|":
                return j
            elif c in ".!?" and _SENTENCE_NEXT_RE.match(text, j + 1) and not _ABBREV_RE.search(text, max(0, j - 8), j):
                return j
            elif c == "\n" and self._breaks(j):
                return j
        return hi

    def _breaks(self, j: int) -> bool:
        """Whether the line break at j ends a clause."""
        text = self.doc.text
        a = text.rfind("\n", 0, j) + 1
        before = text[a:j].strip(" \t*_")
        if not before or before[-1] in ".;:!?":
            return True
        e = text.find("\n", j + 1)
        after = text[j + 1:e if e >= 0 else len(text)]
        if not after.strip(" \t*_") or marker_at(text, j + 1, e if e >= 0 else len(text)) is not None:
            return True
        # a line opened by a capitalized verb ("Triển khai việc ...") begins a clause; a
        # capitalized noun may only wrap ("... kèm theo\nNghị quyết số ...")
        head = after.lstrip(" \t*_")
        return head[:1].isupper() and bool(_phrases()[0].match(head))

    def _grounds(self) -> list[tuple[int, int]]:
        """Spans of the preamble's grounds, read line by line before the first article: a
        line opened by "Căn cứ", the lines that wrap it, and lines that run on with the next
        document of the list ("Luật số 87/2025/QH15;"); a "Theo đề nghị ..." or "Xét ..."
        run into the same line ends it."""
        first_article = next((b.start for b in self.st.blocks if b.kind == "article"), len(self.flat))
        out: list[tuple[int, int]] = []
        open_ = False
        for s, e in self.st.lines:
            if s >= first_article:
                break
            line = self.flat[s:e].strip(" *_>|\t")
            if _ADDRESS_RE.match(line):
                break  # a letter's body follows "Kính gửi": its "Căn cứ quy định tại ..." is no ground
            if not line:
                open_ = False
                continue
            if _GROUND_RE.match(self.flat, s):  # from the line on: "Căn\ncứ" may be broken
                out.append((s, e))
            elif out and out[-1][1] + 1 >= s and (open_ or (self.type_re.match(line) and line[:1].isupper())) \
                    and not _NOT_GROUND_RE.match(line):
                out[-1] = (out[-1][0], e)
            else:
                open_ = False
                continue
            open_ = not re.search(r"[;.:]$", line)
        cut = []
        for a, b in out:
            m = _NOT_GROUND_IN_RE.search(self.flat, a, b)
            cut.append((a, m.start() if m else b))
        return cut

    def quoted(self, i: int) -> bool:
        """Whether offset i lies inside a quotation opened by “ and not yet closed."""
        window = self.doc.text[max(0, i - _CLAUSE_REACH):i]
        return window.count("“") > window.count("”")

    def in_ground(self, m: Mention) -> bool:
        k = bisect.bisect_right(self._g_starts, m.start) - 1
        return k >= 0 and m.start < self.grounds[k][1]

    # --- subjects ------------------------------------------------------------------

    def is_this(self, m: Mention) -> bool:
        return _same_number(m.number, self.own_number)

    def subject_is_this(self, ph: _Phrase, cs: int, explicit: bool = False) -> bool | None:
        """Whether the subject of the phrase is this document: True, False (another
        document, a person, a body), None (passive: it acts on what stands before it).
        With `explicit`, only a subject written before it counts (not the clause's start)."""
        # verbs joined into one ("Thay thế, bãi bỏ một số từ"): the subject of the first
        start = ph.start
        for other in reversed(self.phrases_in(cs, start)):
            if other.end <= start and re.fullmatch(r"[\s*_]*(?:,|(?i:và|hoặc))?[\s*_]*",
                                                                        self.flat[other.end:start]):
                start = other.start
            elif other.end <= start:
                break
        before = self.flat[cs:start]
        if _PASSIVE_RE.search(before):
            return None
        if ph.use == "purpose" or (_PURPOSE_RE.match(before) and ph.relation == "implements"):
            return bool(_PURPOSE_RE.match(before)) and not explicit
        if _CLAUSE_OPENER_RE.fullmatch(before):
            return not explicit
        # the nearest document before the phrase: a mention, "X này", a bare type word
        best = None
        for m in self.mentions_in(cs, start):
            if m.end <= start:
                best = ("mention", m.end, m)
        for t in self.type_re.finditer(self.flat, cs, start):
            if self.in_mention(t.start()):
                continue
            if best is None or t.end() > best[1]:
                best = ("type", t.end(), t)
        if best is None:
            return False
        kind, end, obj = best
        if kind == "mention":
            return self.is_this(obj)
        if _THIS_RE.match(self.flat, end):
            return True
        if sy.canonical_type(obj.group()) != self.own_type:
            return False
        # the bare type word of this document's own type, right before the phrase ("ban hành
        # Nghị quyết sửa đổi ...") or as the subject that opens the clause ("Quyết định có
        # hiệu lực kể từ ngày ký, đồng thời thay thế ...")
        opens = _CLAUSE_OPENER_RE.fullmatch(self.flat[cs:obj.start()]) is not None
        return (opens or not self.flat[end:start].strip(" *_,")) and not re.search(
            r"(?i:các|những|một|mỗi|\d)\s*$", self.flat[cs:obj.start()])

    # --- the rules -----------------------------------------------------------------

    def phrase_after_separator(self, s: int, e: int) -> bool:
        """Whether text[s:e] ends with a verb phrase that follows a separator: "... và sửa
        đổi", a new verb of the clause, not the title of the document before."""
        for ph in self.phrases_in(s, e):
            if ph.end <= e and ph.use == "verb" and not self.flat[ph.end:e].strip(" *_,:") \
                    and _SEPARATOR_END_RE.search(self.flat[s:ph.start]):
                return True
        return False

    def own_phrase_in(self, s: int, e: int) -> bool:
        """Whether text[s:e] holds a verb phrase whose written subject is this document."""
        return any(ph.end <= e and ph.use == "verb" and self.subject_is_this(ph, s, explicit=True)
                   for ph in self.phrases_in(s, e))

    def governing(self, m: Mention, cs: int) -> _Phrase | None:
        """The nearest verb phrase before the mention in its clause."""
        best = None
        for ph in self.phrases_in(cs, m.start):
            if ph.use != "after" and not self.in_mention(ph.start):
                if ph.use == "purpose" and not _PURPOSE_RE.match(self.flat[cs:ph.start]):
                    continue
                best = ph
        return best

    def after(self, m: Mention, ce: int, only_after: bool = False) -> str | None:
        """A phrase after the mention that acts on it: "Quyết định số X hết hiệu lực",
        "... bị bãi bỏ" (not "... được sửa đổi bởi Luật Y", not "đã hết hiệu lực"). With
        `only_after`, only a phrase that follows what it acts on ("hết hiệu lực")."""
        for ph in self.phrases_in(m.end, ce):
            if only_after and ph.use != "after":
                continue
            if self.mentions_in(m.end, ph.start):
                return None
            gap = self.flat[m.end:ph.start]
            passive = _PASSIVE_RE.search(gap)
            if ph.use == "after" and not re.search(r"(?i:đã|chưa|còn|sẽ)\s+$", gap):
                return _acting(ph.relation, self.flat[self.clause_start(m.start):m.start])
            if passive and ph.use == "verb" and ph.relation != "implements":
                nxt = next(iter(self.mentions_in(ph.end, ce)), None)
                if nxt and _AGENT_AFTER_RE.fullmatch(self.flat[ph.end:nxt.start]) and not self.is_this(nxt):
                    return None
                return _acting(ph.relation, self.flat[self.clause_start(m.start):m.start])
            return None
        return None

    def lead_in(self, m: Mention) -> str | None:
        """The relation stated by the lead-in of the list item that opens with this mention
        ("1. Quyết định số ..." under "Điều 1. Bãi bỏ ...", "a) Khoản 2 Điều 3 Quyết định số
        ..." under "Bãi bỏ:")."""
        k = self.st.block_at(m.start)
        if k < 0:
            return None
        b = self.st.blocks[k]
        first = next(iter(self.mentions_in(b.body, len(self.flat))), None)
        if first is not m or b.kind == "para" or self.phrase_in(b.body, m.start):
            return None
        p = b.parent
        while p >= 0:
            lead = self.st.blocks[p]
            if lead.kind == "article" or self.flat[lead.body:lead.end].rstrip(" *_").endswith(":"):
                rel = self._lead_relation(lead.body, lead.end)
                return _acting(rel, self.flat[b.body:m.start]) if rel else None
            p = lead.parent
        return None

    def phrase_in(self, s: int, e: int) -> bool:
        return bool(self.phrases_in(s, e))

    def _lead_relation(self, s: int, e: int) -> str | None:
        if any(not self.is_this(o) for o in self.mentions_in(s, e)):
            return None  # "Nghị định X quy định các nội dung sau:": another document speaks
        for ph in self.phrases_in(s, e):
            if ph.use == "after":
                return ph.relation
            if ph.use == "purpose":
                continue
            subject = self.subject_is_this(ph, s)
            if subject is None or subject:
                return ph.relation if ph.relation != "implements" or subject else None
            return None
        return None


def _acting(relation: str, between: str) -> str | None:
    """The relation a phrase gives the document it acts on, by the words between them:
    replacing or repealing a part of a document amends it; words that name something
    else mean the phrase does not act on the document."""
    if relation == "implements":
        return relation  # "triển khai thực hiện một số quy định có hiệu lực từ ... tại Luật X"
    extent = _extent(between)
    if extent is None:
        return None
    return "amends" if extent == "part" else relation


def relations(doc: Doc, mentions: list[Mention]) -> list[str | None]:
    """The relation of each mention (in text order) to the document that names it."""
    d = doc.document
    if d is None or (d.kind == "news" and not d.number):
        return [None] * len(mentions)
    r = _Reader(doc, mentions)
    out: list[str | None] = []
    for i, m in enumerate(mentions):
        out.append(_relation(r, mentions, out, i))
    return out


def _relation(r: _Reader, mentions: list[Mention], done: list[str | None], i: int) -> str | None:
    m = mentions[i]
    outer = next((k for k in range(i - 1, -1, -1) if mentions[k].start <= m.start and m.end <= mentions[k].end
                  and (mentions[k].start, mentions[k].end) != (m.start, m.end)), None)
    if outer is not None:  # a law named inside another's title: "Luật sửa đổi ... của Luật X"
        return done[outer] if done[outer] in _INHERITED else None
    if r.is_this(m):
        return None  # a document is not based on itself ("... ban hành Thông tư số X" closing the grounds)
    if r.in_ground(m):
        return "based_on"
    if r.quoted(m.start):
        return None  # quoted text speaks for another document ("... như sau: “Nghị định này thay thế ...”")
    cs, ce = r.clause_start(m.start), r.clause_end(m.end)
    head_k = i  # the first of the documents listed with this one ("Quyết định A, B và C")
    k = i - 1
    while k >= 0 and mentions[k].start >= cs and mentions[k].end <= mentions[head_k].start:
        prev, head = mentions[k], mentions[head_k]
        gap = r.flat[prev.end:head.start]
        if r.is_this(prev) or r.phrase_after_separator(prev.end, head.start):
            break  # "Quyết định này thay thế ...", "bãi bỏ A và sửa đổi B": a verb of its own
        if _SEPARATOR_END_RE.search(gap) or not gap.strip(" *_\n"):
            head_k, k = k, k - 1  # listed with the one before
            continue
        if r.own_phrase_in(prev.end, head.start):
            break  # "Xét Tờ trình ... về dự thảo Nghị quyết sửa đổi ... Nghị quyết số X": this one's verb
        if head_k != i:
            if m.type == prev.type != head.type:
                head_k, k = k, k - 1  # "Kết luận A về tổng kết Nghị quyết B và Kết luận C": C goes with A
                continue
            return done[head_k]  # listed with one named inside a title: as that one
        # named inside the previous one's title or summary: not what the clause acts on
        return done[k] if done[k] in _INHERITED and _AMENDING_TITLE_RE.fullmatch(gap) else None
    ph = r.governing(mentions[head_k], cs)
    if ph is not None:
        subject = r.subject_is_this(ph, cs)
        if subject:
            return _acting(ph.relation, r.flat[ph.end:mentions[head_k].start])
        if subject is False:
            return None
    found = r.after(m, ce)
    if found:
        return found
    # "Quyết định số X ... quy định A; B ... hết hiệu lực": the summary's ";" is no clause's end
    found = r.after(m, r.clause_end(m.end, semicolon=False), only_after=True)
    if found:
        return found
    return r.lead_in(mentions[head_k])
