"""The holder of each count resolved to a full body, never a bare head.

- A bare reference ("Bộ", "đơn vị", "ngành", "UBND tỉnh", RECORDS.md: never a bare "Bộ") is the
  last body named before it with the same head ("Bộ" -> "Bộ TT&TT"; "UBND tỉnh" -> "UBND tỉnh
  Đắk Nông"), for a generic word the last unit named, else the document's issuer, else nobody.
- A count whose sentence names no holder is held by the body its work belongs to ("361 thủ tục
  ... thuộc lĩnh vực quản lý của Bộ Xây dựng"), else by the holder of the count before it in the
  same paragraph ("Tính đến ngày 13/6 có 04/39 Thông tư ... được ban hành" after "Bộ TT&TT đã
  hoàn thành ..."); a count of many bodies ("202 thủ tục của 13 bộ, ngành") is held by none.
Units are read from the span layer (`extractor.units.unit_at`), so a name ends where the
register says it does.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from extractor.doc import Doc
from extractor.recognizers.task_stats.find import Mention
from extractor.recognizers.task_stats.holders import holder_in
from extractor.recognizers.task_stats.lexicon import HOLDER_REFS, NOBODY_RE, OF_HOLDER_RE, lower
from extractor.register import bodies, canonical, fold, is_province, provinces
from extractor.spans import spans
from extractor.units import unit_at

_REFS = {fold(w) for w in HOLDER_REFS}
_GENERIC = {fold(w) for w in HOLDER_REFS if w[:1].islower() or fold(w) in ("ngành", "đơn vị")}
# the generic words as written, standing alone before a verb ("đơn vị đã ...", not "đơn vị hành chính")
GENERIC_REF_RE = re.compile(r"(?<![^\W\d_])(?:" + "|".join(
    re.escape(w) for w in sorted(HOLDER_REFS, key=len, reverse=True) if fold(w) in _GENERIC) + r")(?=\s+(?:đã|đang|sẽ|vừa|cũng|đều|tiếp tục|được)\s)")
_LEVELS = ("tỉnh", "thành phố", "huyện")
_KINDS = {b.name: b.kind for b in bodies()}
_NOT_HOLDING = ("party",)   # a Party leadership body of the register is not what a bare "Bộ" stands for
_OF_GAP = 150      # how far after the noun "thuộc ... của X" may name the body the work belongs to
_OF_GAP_SHORT = 40  # how far a bare "của X" may stand


def resolve_holders(doc: Doc, items: list[Mention]) -> None:
    previous: Mention | None = None
    for m in items:
        if _of_many(doc, m):
            m.holder = None   # "80 thủ tục của 12 sở, ngành": whoever reports it, many bodies hold it
        elif m.holder:
            m.holder = _full(doc, m.holder, m.start)
        elif not m.settled and _generic_subject(doc, m):
            m.holder = _full(doc, _generic_subject(doc, m), m.start)
        elif not m.settled and not _nobody(doc, m):
            m.holder = _belongs_to(doc, m)
            if m.holder is None and previous is not None and previous.holder and _same_paragraph(doc, previous, m):
                m.holder = previous.holder
        previous = m


def _nobody(doc: Doc, m: Mention) -> bool:
    """The count's sentence says it is of many bodies, or of the whole country."""
    seen = doc.cache.setdefault("task_nobody", {})   # sentence -> whether it says so: read once per sentence
    if m.sentence not in seen:
        seen[m.sentence] = bool(NOBODY_RE.search(lower(doc), *m.sentence))
    return seen[m.sentence]


def _of_many(doc: Doc, m: Mention) -> bool:
    """The count's own noun phrase says it is of many bodies ("80 thủ tục của 12 sở, ngành")."""
    hit = NOBODY_RE.search(lower(doc), m.end, min(m.sentence[1], m.end + 40))
    return bool(hit) and hit.group().startswith("của")


def _generic_subject(doc: Doc, m: Mention) -> str | None:
    """A generic word standing as the subject before the count's verb ("đơn vị đã hoàn thành")."""
    hit = GENERIC_REF_RE.match(doc.flat, m.clause + len(doc.flat[m.clause:m.verb_at]) - len(
        doc.flat[m.clause:m.verb_at].lstrip(" ,\n")))
    # only where it opens its clause: "Các bộ ban ngành sẽ ..." names a class, not a body
    return hit.group() if hit and hit.end() <= m.verb_at else None


def _same_paragraph(doc: Doc, a: Mention, b: Mention) -> bool:
    """No empty line stands between the two counts."""
    return not re.search(r"\n[ \t]*\n", doc.text[a.end:b.start])


def _belongs_to(doc: Doc, m: Mention) -> str | None:
    """"... thuộc lĩnh vực quản lý của Bộ Xây dựng", "04 văn bản của Bộ TT&TT": the body named
    after the count's noun that its work belongs to."""
    flat = lower(doc)
    hi = min(m.sentence[1], m.end + _OF_GAP)
    for c in OF_HOLDER_RE.finditer(flat, m.end, hi):
        gap = flat[m.end:c.start()]
        if re.search(r"[;:.]", gap) or c.group().split()[0] == "của" and len(c.group().split()) == 1 \
                and len(gap) > _OF_GAP_SHORT:
            break
        name = holder_in(doc, c.end(), min(len(flat), c.end() + 80), to_count=True, right_after=True)
        if name:
            return _full(doc, name, m.start)
    return None


def _units(doc: Doc) -> list[tuple[int, str]]:
    """(start, name) of every unit named in the document, in text order (so by start), computed once."""
    cached = doc.cache.get("task_units")
    if cached is None:
        sp = spans(doc)
        heads = sorted({s.i for s in sp.groups.get("unit_head", [])} | {s.i for s in sp.groups.get("body", [])})
        cached, seen_end = [], -1
        for i in heads:
            if sp.start[i] < seen_end:
                continue
            u = unit_at(sp, i)
            head = sp.at("unit_head", i) or sp.at("body", i)
            # a head and a proper name, or a body of the register ("Bộ hoàn thiện ..." is no unit)
            if u and u.j > head.j and (sp.is_cap(head.j) or canonical(u.name) or sp.at("place_word", head.j)):
                cached.append((u.start, u.name))
                seen_end = u.end
        doc.cache["task_units"] = cached
    return cached


def _full(doc: Doc, name: str, pos: int) -> str | None:
    """The full body a holder as written stands for (itself where it is already full)."""
    key = fold(name)
    if key in _REFS:
        # the last unit named before `pos`: of any kind for a generic word, else one with the same head
        starts, names = _named(doc, None if key in _GENERIC else key)
        k = bisect_left(starts, pos)
        if k:
            return names[k - 1]
        issuer = doc.document.issuer if doc.document else None
        if issuer and (key in _GENERIC or fold(issuer).startswith(key.split()[0])):
            return issuer
        return _with_place(doc, name, pos)
    if _bare_level(name):
        return _with_place(doc, name, pos) or name   # "Cục Hải quan tỉnh" where the text names no province
    return name


def _named(doc: Doc, key: str | None) -> tuple[list[int], list[str]]:
    """(starts, names) of the units a bare reference `key` may stand for, in text order (every
    unit for a generic word, `key` None), computed once per key: "Bộ" stands for a ministry,
    not "Bộ Chính trị", nor a level without its place."""
    cache = doc.cache.setdefault("task_named", {})
    if key not in cache:
        units = [(s, n) for s, n in _units(doc) if key is None or (
            fold(n).startswith(key + " ") and not _bare_level(n) and _KINDS.get(canonical(n) or "", "") not in _NOT_HOLDING)]
        # in token order, so by start (a unit begins at its head): the last one before a place is found by bisection
        cache[key] = ([s for s, _ in units], [n for _, n in units])
    return cache[key]


def _bare_level(name: str) -> bool:
    """"UBND tỉnh", "Sở Nội vụ tỉnh": a unit whose place is a level without its name."""
    return fold(name).rsplit(" ", 1)[-1] in _LEVELS or fold(name).endswith(" thành phố")


def _with_place(doc: Doc, name: str, pos: int) -> str | None:
    """"UBND tỉnh" completed with the province the text names before it (or in its title)."""
    if not _bare_level(name):
        return None
    sp = spans(doc)
    places = [s for s in sp.groups.get("province", []) if s.start < pos] or sp.groups.get("province", [])[:1]
    if not places:
        return None
    place = doc.text[places[-1].start:places[-1].end]
    full = f"{name} {place}"
    return full if is_province(place) or any(p.name == place for p in provinces()) else None
