"""The span layer: tokens of the normalized text in a spaCy `Doc`, and span groups of what
administrative text names — honorifics, job titles, committee roles, Party ranks, committee
heads, unit heads, fields, bodies, provinces, place words — found by spaCy's PhraseMatcher
over the tables of the register (`extractor/register`).

The tokenizer is a regular expression that keeps offsets into `doc.text` (spaCy's Doc is
built from its words, so its own offsets do not match ours: `Spans.start[i]`/`end[i]` do).
Phrases match case-insensitively (signature blocks are in capitals), whichever of "i"/"y" a
syllable is spelled with ("thư kí", "thư ký": `register.spelling`), and across line breaks
(crawled text wraps inside a title); callers check capitalization where it matters.
Person names are added by `extractor.names` and units by `extractor.units`, both from these
groups. Built once per document: `spans(doc)`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from extractor import register as reg
from extractor.doc import Doc

# a word: letters and digits, with inner & . ' ’ / - ("TT&TT", "H’Vi", "49/2017/NĐ-CP", "GS.TS");
# any other character is a token of its own, except crawl debris (markdown stars, hashes, quote
# marks, table bars), which separates tokens like a space does: `Spans.gap` still shows it.
# A list number glued to the word after its dot ("1.Trưởng ban", "Điều 2.Hiệu lực") is a
# token of its own, then the dot
TOKEN = re.compile(r"\d{1,3}(?=\.[^\W\d_])|[^\W_]+(?:[&.'’/\-][^\W_]+)*|[^\w\s*#>|_]")

# groups filled from the register; their matches carry the table row they came from
PHRASE_GROUPS = ("honorific", "position", "role", "rank", "committee_head", "unit_head", "field", "body",
                 "province", "town", "place_word", "place", "country", "not_name")


@dataclass(frozen=True)
class Span:
    start: int        # offsets into doc.text
    end: int
    label: str
    i: int            # first token
    j: int            # token after the last
    value: str = ""   # what the table says it is (the role value, the canonical body ...)


@dataclass
class Spans:
    text: str
    start: list[int]                  # token -> offset of its first character
    end: list[int]                    # token -> offset after its last character
    sdoc: object                      # the spaCy Doc of the tokens
    words: list[str] = field(default_factory=list)   # token -> its text (kept: read on every token)
    groups: dict[str, list[Span]] = field(default_factory=dict)
    _by_start: dict[str, dict[int, Span]] = field(default_factory=dict)
    _starts: dict[str, list[int]] = field(default_factory=dict)
    _by_end: dict[str, dict[int, Span]] = field(default_factory=dict)
    _reach: dict[str, int] = field(default_factory=dict)   # label -> tokens of its longest span
    _newlines: list[int] | None = None                     # offsets of the text's line breaks

    def line_start(self, offset: int) -> int:
        """Where the line holding `offset` starts (a bisection, never a scan of the text:
        called once per name-like run, a scan back is quadratic on a text without breaks)."""
        k = bisect.bisect_left(self._breaks(), offset)
        return self._newlines[k - 1] + 1 if k else 0

    def line_end(self, offset: int) -> int:
        """The line break at or after `offset`, or the text's end."""
        k = bisect.bisect_left(self._breaks(), offset)
        return self._newlines[k] if k < len(self._newlines) else len(self.text)

    def _breaks(self) -> list[int]:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        return self._newlines

    def __len__(self) -> int:
        return len(self.start)

    def word(self, i: int) -> str:
        return self.words[i]

    def token_at(self, offset: int) -> int:
        """The token that starts at or after `offset`."""
        return bisect.bisect_left(self.start, offset)

    def token_before(self, offset: int) -> int:
        """The last token that ends at or before `offset` (-1 if none)."""
        return bisect.bisect_right(self.end, offset) - 1

    def add(self, label: str, spans: list[Span]) -> None:
        self.groups[label] = sorted(spans, key=lambda s: (s.start, -s.end))
        self._starts[label] = [s.start for s in self.groups[label]]
        self._by_start[label] = {}
        self._by_end[label] = {}
        for s in self.groups[label]:
            self._by_start[label].setdefault(s.i, s)
            self._by_end[label].setdefault(s.j, s)
        self._reach[label] = max((s.j - s.i for s in self.groups[label]), default=0)

    def at(self, label: str, i: int) -> Span | None:
        """The (longest) span of `label` starting at token i."""
        return self._by_start.get(label, {}).get(i)

    def covering(self, label: str, i: int) -> Span | None:
        """The first span of `label` that holds token i: looked for back from i, no further
        than the group's longest span reaches (the layer is read token by token)."""
        group = self.groups.get(label, ())
        if not group or not 0 <= i < len(self.start):
            return None
        k = bisect.bisect_right(self._starts[label], self.start[i]) - 1
        found = None
        while k >= 0 and group[k].i > i - self._reach[label]:
            if group[k].i <= i < group[k].j:
                found = group[k]
            k -= 1
        return found

    def ending(self, label: str, j: int) -> Span | None:
        """The (longest) span of `label` whose last token is j - 1."""
        return self._by_end.get(label, {}).get(j)

    def between(self, label: str, a: int, b: int) -> list[Span]:
        """Spans of `label` lying within characters [a, b)."""
        group = self.groups.get(label, ())
        k = bisect.bisect_left(self._starts[label], a)
        out = []
        for s in group[k:]:
            if s.start >= b:
                break
            if s.end <= b:
                out.append(s)
        return out

    def gap(self, a: int, b: int) -> str:
        """The characters between two offsets (what separates two spans)."""
        return self.text[a:b]

    def is_cap(self, i: int) -> bool:
        """Token i starts with a capital letter."""
        w = self.word(i)
        return w[:1].isupper()


@cache
def _vocab():
    import spacy
    return spacy.blank("xx").vocab


def _words(phrase: str) -> list[str]:
    return TOKEN.findall(phrase)


@cache
def _phrases() -> dict[str, dict[str, str]]:
    """label -> {folded phrase: value} from the register (`register.match_key`)."""
    out: dict[str, dict[str, str]] = {g: {} for g in PHRASE_GROUPS}
    for h in reg.words("honorifics"):
        out["honorific"][reg.match_key(h)] = h
    for title, _whole in reg.positions():
        out["position"][reg.match_key(title)] = title
    for r in reg.roles():
        out["role"][reg.match_key(r["phrase"])] = "\t".join((r["role"], r["family"], r.get("bound") or ""))
    for r in reg.words("party_ranks"):
        out["rank"][reg.match_key(r)] = r
    for r in reg.committee_heads():
        out["committee_head"][reg.match_key(r["head"])] = r["family"] + "\t" + r["subgroup"]
    for head, takes in reg.unit_heads():
        out["unit_head"][reg.match_key(head)] = takes
    for f in reg.fields():
        for form in (f.name, *f.forms):
            out["field"][reg.match_key(form)] = f.name
    for b in reg.bodies():
        for form in (b.name, *b.short):
            out["body"][reg.match_key(form)] = b.name
    for p in reg.provinces():
        out["province"][reg.match_key(p.name)] = p.name
        out["province"][reg.match_key(p.name.replace(" - ", " "))] = p.name   # "Bà Rịa Vũng Tàu"
    for w in reg.words("place_words"):
        out["place_word"][reg.match_key(w)] = w
    for w in reg.words("places"):
        out["place"][reg.match_key(w)] = w
    for w in reg.words("towns"):
        out["town"][reg.match_key(w)] = w
    for w in reg.words("countries"):
        out["country"][reg.match_key(w)] = w
    for w in reg.words("not_in_names"):
        out["not_name"][reg.match_key(w)] = w
    return out


@cache
def _abbr_values() -> dict[str, str]:
    """Abbreviated titles before a name ("TT Nguyễn Thị Hà", "PCT Trần Văn A"), each one word:
    capitals only, matched as written (a lower-case "tt" is another word)."""
    return {r["abbr"]: r["position"] for r in reg.rows("position_abbr")}


@cache
def _matcher():
    from spacy.matcher import PhraseMatcher
    vocab = _vocab()
    m = PhraseMatcher(vocab, attr="ORTH")   # over `reg.spelling` of the words (`build`)
    from spacy.tokens import Doc as SpacyDoc
    for label, phrases in _phrases().items():
        m.add(label, [SpacyDoc(vocab, words=_words(p)) for p in phrases if _words(p)])
    return m


_SLASH_WORDS = re.compile(r"(?<=[^\W\d_]{2})/(?=[^\W\d_]{2})")   # "Giám đốc/Phó Giám đốc": two words


def _tokens(text: str) -> tuple[list[int], list[int], list[str]]:
    """Starts, ends and words of the tokens; a slash between two words splits them
    ("đốc/Phó"), a slash in a number or an abbreviation does not ("49/2017/NĐ-CP", "đ/c")."""
    ms = list(TOKEN.finditer(text))
    if not _SLASH_WORDS.search(text):   # the common case, in comprehensions (this runs on every text)
        return [m.start() for m in ms], [m.end() for m in ms], [m.group() for m in ms]
    starts, ends, words = [], [], []
    for m in ms:
        w = m.group()
        if "/" in w and _SLASH_WORDS.search(w):
            a = m.start()
            for piece in re.split(r"(/)", w):
                if piece:
                    starts.append(a)
                    ends.append(a + len(piece))
                    words.append(piece)
                    a += len(piece)
        else:
            a, b = m.span()
            starts.append(a)
            ends.append(b)
            words.append(w)
    return starts, ends, words


def build(text: str) -> Spans:
    """The span layer of `text`."""
    from spacy.tokens import Doc as SpacyDoc
    starts, ends, words = _tokens(text)
    # matched case- and "i"/"y"-insensitively; each distinct word spelled once
    spelled = {w: reg.spelling(w) for w in set(words)}
    sdoc = SpacyDoc(_vocab(), words=[spelled[w] for w in words], spaces=[True] * len(words))
    sp = Spans(text=text, start=starts, end=ends, sdoc=sdoc, words=words)
    if not words:
        for label in (*PHRASE_GROUPS, "title_abbr"):
            sp.add(label, [])
        return sp
    phrases = _phrases()
    found: dict[str, list[Span]] = {g: [] for g in PHRASE_GROUPS}
    strings = _vocab().strings
    for match_id, i, j in _matcher()(sdoc):
        if "|" in text[starts[i]:ends[j - 1]]:
            continue   # a phrase never spans a table's bar ("Chính | ... | Ủy" is no "Chính ủy")
        label = strings[match_id]
        value = phrases[label].get(reg.match_key(text[starts[i]:ends[j - 1]]))
        if value is None:   # marks between the words ("TRƯỞNG **BAN"): the words alone say which row
            value = phrases[label].get(reg.match_key(" ".join(words[i:j])))
        if value is None:
            continue
        found[label].append(Span(starts[i], ends[j - 1], label, i, j, value))
    abbr = _abbr_values()
    found["title_abbr"] = [Span(starts[i], ends[i], "title_abbr", i, i + 1, abbr[w])
                           for i, w in enumerate(words) if w in abbr]
    for s in list(found["role"]):
        # "Phó"/"Quyền" before a role makes a role of its own ("Quyền Chủ tịch", "Phó Tổ trưởng")
        if s.i > 0 and words[s.i - 1].casefold() in ("phó", "quyền") and words[s.i].casefold() not in _TITLE_PREFIXES:
            role, family, bound = s.value.split("\t")
            found["role"].append(Span(starts[s.i - 1], s.end, "role", s.i - 1, s.j,
                                      "\t".join((words[s.i - 1].capitalize() + " " + role, family, bound))))
    grown = list(found["position"])
    while grown:
        # "Phó"/"Quyền"/"nguyên" before any title makes a title of its own ("Phó Tổng Thư ký",
        # "nguyên Phó Thủ tướng")
        more = []
        for s in grown:
            if s.i > 0 and words[s.i - 1].casefold() in _TITLE_PREFIXES and words[s.i - 1].casefold() != words[s.i].casefold():
                prefix = words[s.i - 1].casefold()
                value = (prefix if prefix == "nguyên" else prefix.capitalize()) + " " + s.value
                more.append(Span(starts[s.i - 1], s.end, "position", s.i - 1, s.j, value))
        found["position"] += more
        grown = more
    for label, group in found.items():
        sp.add(label, _longest(group))
    return sp


_TITLE_PREFIXES = frozenset({"phó", "quyền", "nguyên"})   # "nguyên" (former) stays in the title as written


def _longest(group: list[Span]) -> list[Span]:
    """Of overlapping matches of one label the longest wins (then the first): spaCy's
    `filter_spans` rule, on a list of taken tokens so that it stays linear."""
    taken: set[int] = set()
    kept = []
    for s in sorted(group, key=lambda s: (-(s.j - s.i), s.i)):
        if not taken.intersection(range(s.i, s.j)):
            taken.update(range(s.i, s.j))
            kept.append(s)
    return sorted(kept, key=lambda s: s.i)


def spans(doc: Doc) -> Spans:
    """The document's span layer, built once and kept on the Doc."""
    if doc.spans is None:
        doc.spans = build(doc.text)
    return doc.spans
