"""The place of a local body that a reference names without it ("của Ủy ban nhân dân tỉnh",
a bare "...-UBND" symbol): the document's own province, or the one its sentence names."""
from __future__ import annotations

import re

from extractor import register
from extractor.doc import Doc
from extractor.recognizers import symbols as sy
from extractor.recognizers.legal_refs.patterns import _Ref

# local bodies: the code in a symbol, and a name that stops at its unit ("của Ủy ban nhân dân tỉnh")
_LOCAL_CODES = {"ubnd": "Ủy ban nhân dân", "hđnd": "Hội đồng nhân dân"}
_UNIT_ONLY_RE = re.compile(r"(?:Ủy ban nhân dân|Hội đồng nhân dân)\s+(?P<unit>tỉnh|thành phố)", re.I)
_PLACE_RE = re.compile(r"(?<!\w)(?P<unit>tỉnh|thành phố|TP\.?)\s+(?P<name>[A-ZĐ][^\W\d_]*(?:\s+[A-ZĐ][^\W\d_]*){0,3})")


def _placed(doc: Doc, r: _Ref) -> str | None:
    """A local body named without its place takes the place the text gives: "của Ủy ban nhân
    dân tỉnh" the document's own province (same unit), else one named in the same sentence;
    a bare "...-UBND" symbol only a province named in its sentence ("UBND tỉnh Lào Cai đã có
    Kế hoạch 133/KH-UBND", "Lào Cai tuyển dụng ... theo Kế hoạch 133/KH-UBND")."""
    if r.issuer:
        m = _UNIT_ONLY_RE.fullmatch(r.issuer)
        if not m:
            return r.issuer
        unit = m["unit"].casefold()
        own = doc.document.issuer if doc.document else None
        om = _PLACE_RE.search(own or "")
        if om and om["unit"].casefold() == unit and register.is_province(om["name"]):
            return f"{r.issuer} {om['name']}"
        place = _sentence_place(doc, r.start, unit)
        return f"{r.issuer} {place[1]}" if place else r.issuer
    codes = sy.split_symbol(r.number)[1] if r.number else []
    body = _LOCAL_CODES.get(codes[0].casefold()) if codes else None
    if body is None:
        return None
    place = _sentence_place(doc, r.start, None)
    return f"{body} {place[0]} {place[1]}" if place else None


def _sentence_place(doc: Doc, pos: int, unit: str | None) -> tuple[str, str] | None:
    """(unit, name) of the one province or city named in the sentence around pos."""
    flat = doc.flat
    a = max((flat.rfind(c, 0, pos) for c in ".;!?"), default=-1) + 1
    a = max(a, doc.text.rfind("\n\n", 0, pos) + 1, pos - 400)
    ends = [i for i in (flat.find(c, pos) for c in ".;!?") if i >= 0]
    b = min(ends + [len(flat), pos + 400])
    nb = doc.text.find("\n\n", pos)
    b = min(b, nb) if nb >= 0 else b
    found: dict[str, str] = {}
    for m in _PLACE_RE.finditer(flat, a, b):
        words_ = m["name"].split()
        for k in range(len(words_), 0, -1):
            name = " ".join(words_[:k])
            if register.is_province(name):
                found[name] = "thành phố" if m["unit"].casefold().startswith(("thành", "tp")) else "tỉnh"
                break
    if unit is None and not found:
        for p in register.provinces():
            if re.search(r"(?<!\w)" + re.escape(p.name) + r"(?!\w)", flat[a:b]):
                found.setdefault(p.name, p.kind)
    if unit is not None:
        found = {n: u for n, u in found.items() if u == unit}
    if len(found) != 1:
        return None
    name, u = next(iter(found.items()))
    return u, name


def _without_country(name: str | None) -> str | None:
    """"Chính phủ Việt Nam" -> "Chính phủ": the country after a body that is one in the whole
    country (not "Ngân hàng Nhà nước Việt Nam", whose name holds it)."""
    if name and name.endswith(" Việt Nam") and register.canonical(name) is None:
        head = register.canonical(name[: -len(" Việt Nam")])
        return head or name
    return name
