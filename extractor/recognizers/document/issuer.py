"""The issuing body of a header: the block of capitals of its left column, named as the
register and the document's own text write it."""
from __future__ import annotations

import re
from functools import cache

from extractor import register
from extractor.data import words
from extractor.doc import Doc
from extractor.readers import quality
from extractor.recognizers import symbols as sy
from extractor.recognizers.document.lines import _Line
from extractor.recognizers.document.signer import _position


@cache
def _stamp_words() -> frozenset[str]:
    return frozenset(words("received_stamps"))


@cache
def _body_heads() -> tuple[str, ...]:
    """Words that open a body's name (case-folded, longest first), from the register: the
    heads of units ("Sở", "Ủy ban nhân dân", "Công an"), the names of bodies that stand
    alone ("Chính phủ") and the heads of committees ("Ban Chỉ đạo", "Tổ giúp việc": a
    head that needs a committee word after it is taken with each of them)."""
    heads = {h for h, _ in register.unit_heads()}
    heads |= {b.name for b in register.bodies() if b.kind in ("government", "assembly", "party")}
    committee_words = register.words("committee_words")
    for row in register.committee_heads():
        if row["next"] == "words":
            heads |= {f"{row['head']} {w}" for w in committee_words}
        else:
            heads.add(row["head"])
    return tuple(sorted({h.casefold() for h in heads}, key=len, reverse=True))


@cache
def _body_heads_folded() -> tuple[str, ...]:
    return tuple(sy.fold(h) for h in _body_heads())


def _opens_body(text: str) -> bool:
    """Whether `text` opens with the head of a body's name (marks aside: "UY BAN NHÂN DÂN")."""
    low = sy.fold(" ".join(text.split()))
    return any(low == h or low.startswith(h + " ") for h in _body_heads_folded())


@cache
def _short_heads() -> frozenset[str]:
    """Heads of a body's name of two letters ("BỘ", "SỞ"), which a wrapped header puts alone."""
    return frozenset(h for h in _body_heads() if len(h) <= 2)


def _caps_block(doc: Doc, lines: list[_Line], i: int) -> list[str]:
    """The lines in capitals ending at line `i` (blank and rule lines before them skipped),
    without a received stamp ("CÔNG VĂN ĐẾN" and the receiver's name above it) and
    without scraps of two letters or fewer (a scan's specks)."""
    got: list[str] = []
    while i >= 0 and (not lines[i].text or re.fullmatch(r"[-=_ ]+", lines[i].text)):
        i -= 1
    stamp = False
    while i >= 0 and len(got) < 6:
        raw = doc.text[lines[i].start:lines[i].end].strip()
        text = lines[i].text
        if raw and not raw.strip("*_ "):  # a stray "**" of bold that wrapped
            i -= 1
            continue
        if not text or re.fullmatch(r"[-=_ ]+", text) or not text.isupper():
            break
        if text.casefold() in _stamp_words():
            stamp, got = True, []
        elif stamp:
            stamp = False  # the receiver's name
        elif len(text.replace(" ", "")) > 2 or text.casefold() in _short_heads():
            got.insert(0, text)
        i -= 1
    return got


_ABBR_RE = re.compile(r"^[A-ZĐ][A-ZĐ&]{1,6}$")


def issuer_name(block: list[str], doc: Doc) -> str | None:
    """The issuing body named by the issuer block of a header (its lines in capitals,
    top to bottom). The one place where a header's issuer gets its name.

    Where the block names a superior body and then the issuer ("UBND TỈNH LÂM ĐỒNG /
    SỞ NỘI VỤ"; "BỘ TÀI CHÍNH / TỔNG CỤC THUẾ"), the issuer is the last body, with the
    place the superior's name ends in where its own has none ("Sở Nội vụ tỉnh Lâm
    Đồng") or ends in a bare "TỈNH". Abbreviations the block uses ("KHCN, ĐMST") and a
    place it leaves out are taken from the name as the document's text writes it in full."""
    starts = [k for k, t in enumerate(block) if _opens_body(t)]
    if starts and not _position(" ".join(block[:starts[0]])) and not _opens_body(" ".join(block[:starts[0] + 1])):
        # capitals above the first body's name are not the issuer's (unless an office
        # that issues in its own name, "THỦ TƯỚNG / CHÍNH PHỦ", or the start of the name
        # a wrap cut, "VĂN / PHÒNG CHÍNH PHỦ"): on a scan, the signing
        # stamp's lines ("NHAN DAN TINH") that OCR reads among the header's
        block = block[starts[0]:]
        starts = [k - starts[0] for k in starts]
    superior: list[str] = []
    if len(starts) > 1 and register.canonical(" ".join(block)) is None:
        superior, block = block[:starts[-1]], block[starts[-1]:]
    if not block:
        return None
    block = _without_division(block)
    written = " ".join(block)
    name = _respelled(_written_in_full(sy.org_case(written), written, doc), doc)
    place = _place_of(sy.org_case(" ".join(superior))) if superior else None
    if place and not _place_of(name):
        unit = place.split()[0]
        name = f"{name} {place[len(unit) + 1:]}" if name.casefold().endswith(" " + unit) else f"{name} {place}"
    name = _as_written(name, doc)
    return register.canonical(name) or name


# (on the form without marks: a scan's "TĨNH LÂM ĐÓNG")
def _fold_in_place(text: str) -> str:
    """`sy.fold` of `text` character for character, so that offsets stay those of `text`
    (a character whose case-folded form is longer, "ß", is left as it is)."""
    folded = sy.fold(text)
    if len(folded) == len(text):
        return folded
    return "".join(f if len(f := sy.fold(c)) == 1 else c for c in text)


_CONTINUES_RE = re.compile(r"^(?:ve|va|cua|thuoc|truc thuoc|tinh|thanh pho|huyen|quan|thi xa|xa|phuong|"
                           r"thi tran|dac khu|khu vuc|[-–(,&])(?!\w)")


def _without_division(block: list[str]) -> list[str]:
    """The block without a line under a whole body's name that names a division or a
    team of it ("PHÒNG VĂN HÓA - XÃ HỘI" / "CẢI CÁCH HÀNH CHÍNH, KHOA HỌC CÔNG NGHỆ"):
    a line that does not go on with the name (by "về", "và", a place ...) after lines
    the register knows as a body's whole name."""
    for k in range(1, len(block)):
        if (register.canonical(" ".join(block[:k])) and not register.canonical(" ".join(block[:k + 1]))
                and not _CONTINUES_RE.match(sy.fold(block[k])) and not _opens_body(block[k])):
            return block[:k]
    return block


def _with_place(name: str, place: str | None, doc: Doc) -> str:
    """A local office's name without a place ("Phòng Văn hóa - Xã hội") with the place of
    its date line, which is where the office sits (Decree 30/2020/NĐ-CP, Appendix I), as
    the text writes it with its unit ("xã Phù Mỹ Bắc")."""
    if not place or _place_of(name) or not name.split()[0] in _LOCAL_HEADS:
        return name
    if any(b.name == name for b in register.bodies()):
        return name
    m = re.search(r"(?<!\w)(" + "|".join(sorted(sy.ADMIN_UNITS, key=len, reverse=True)) + r")\s+"
                  + r"\s+".join(map(re.escape, place.split())) + r"(?!\w)", doc.flat[:60_000])
    return f"{name} {m.group(1)} {place}" if m else name


# heads of offices of a locality (a province's departments, a commune's offices): not "Bộ"
_LOCAL_HEADS = frozenset({"Sở", "Phòng", "Công an", "Chi cục", "Trung tâm", "Ban"})


def _as_written(name: str, doc: Doc) -> str:
    """`name` as the document's running text writes it most often, where it does: the
    text knows which words of a name are capitalized ("Tổ giúp việc về Cải cách hành
    chính tỉnh Lâm Đồng"), which capitals cannot tell, and how the words a scan's OCR
    misread in the header's capitals are spelled ("ĐIÊU TRA ... VẺ MA TÚY"). Compared
    without marks (`sy.fold` keeps every character's place)."""
    flat = doc.flat[:60_000]
    pat = r"(?<!\w)" + r"\s+".join(map(re.escape, sy.fold(name).split())) + r"(?!\w)"
    counts: dict[str, int] = {}
    for m in re.finditer(pat, _fold_in_place(flat)):
        found = " ".join(flat[m.start():m.end()].split())
        if not found.isupper() and found[:1].isupper():  # a name, not words of a sentence
            counts[found] = counts.get(found, 0) + 1
    return max(counts, key=lambda f: (counts[f], f == name)) if counts else name


_CAPITALIZED_RUN_RE = re.compile(r"(?<![^\W\d_])[A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+[A-ZĐÀ-Ỹ][^\W\d_]*){0,3}")


def _spellings(doc: Doc) -> dict[str, str]:
    """Capitalized names as the document's running text spells them most often, by their
    form without marks: how a scan's OCR-misread capitals in its header ("TỈNH LÂM ĐÔNG")
    get the name's spelling back from the body ("tỉnh Lâm Đồng", many times)."""
    if "name_spellings" not in doc.cache:
        counts: dict[str, dict[str, int]] = {}
        for line in doc.text[:60_000].split("\n"):
            if line.isupper():
                continue
            for m in _CAPITALIZED_RUN_RE.finditer(line):
                words_ = m.group().split()
                for n in range(1, len(words_) + 1):
                    for k in range(len(words_) - n + 1):
                        phrase = " ".join(words_[k:k + n])
                        by = counts.setdefault(sy.fold(phrase), {})
                        by[phrase] = by.get(phrase, 0) + 1
        doc.cache["name_spellings"] = {key: max(by, key=by.get) for key, by in counts.items()
                                       if max(by.values()) >= 2}
    return doc.cache["name_spellings"]


def _respelled(name: str, doc: Doc) -> str:
    """`name` with its place ("tỉnh Lâm Đông") spelled as the document's text spells it."""
    # on the unmarked form (same length), so that a misread unit ("Tĩnh") is found too
    units = sorted({sy.fold(u) for u in sy.ADMIN_UNITS if " " in u or len(u) > 2}, key=len, reverse=True)
    m = re.search(r"(?<!\w)(" + "|".join(map(re.escape, units)) + r")\s+([^\W\d_].*)$", sy.fold(name))
    if not m:
        return name
    spelled = _spellings(doc).get(m.group(2))
    unit = next(u for u in sy.ADMIN_UNITS if sy.fold(u) == m.group(1))
    return f"{name[:m.start(1)]}{unit} {spelled}" if spelled else name


_UNITS_RE = re.compile(r"(?<!\w)(" + "|".join(sorted(sy.ADMIN_UNITS, key=len, reverse=True))
                       + r")\s+((?:[A-ZĐÀ-Ỹ][^\W\d_]*\s*){1,4})$")


def _place_of(name: str) -> str | None:
    """The place a body's name ends in: "tỉnh Lâm Đồng" of "Ủy ban nhân dân tỉnh Lâm Đồng"."""
    m = _UNITS_RE.search(name.strip())
    return f"{m.group(1)} {m.group(2).strip()}" if m else None


def _written_in_full(name: str, written: str, doc: Doc) -> str:
    """The body's name as the document's text writes it in full, where the header shortens
    it with abbreviations ("KHCN, ĐMST") or leaves out its place."""
    words_ = name.split()
    abbrs = [k for k, w in enumerate(written.split()) if _ABBR_RE.match(w.strip(",;.")) and not quality.is_syllable(w.strip(",;."))
             and w.strip(",;.") not in sy.issuer_words()[2]]
    flat = doc.flat[:60_000]
    if abbrs and len(words_) == len(written.split()):
        head, tail = words_[:abbrs[0]], words_[abbrs[-1] + 1:]
        if head:
            pat = (r"(?<!\w)" + r"\s+".join(map(re.escape, head)) + r"\s+[^.;:\n]{3,160}?"
                   + (r"\s+" + r"\s+".join(map(re.escape, tail)) if tail else "") + r"(?!\w)")
            for m in re.finditer(pat, flat, re.I):
                if not any(_ABBR_RE.match(w.strip(",;.")) for w in m.group().split()[len(head):]):
                    name = doc.value(*m.span())
                    break
    if _place_of(name) or name.casefold() in sy.known_bodies():
        return name
    # the place on the same line, in capitalized words ("... tỉnh Lâm Đồng", not the
    # capitals of the next line that flattening glues to it)
    m = re.search(r"(?i:(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r")[ \t]+((?i:tỉnh|thành phố)"
                  r"(?:[ \t]+(?!\w*[A-ZĐ]\w*[A-ZĐ])[A-ZĐÀ-Ỹ][^\W\d_]*){1,3})(?!\w)", doc.text[:60_000])
    return f"{name} {' '.join(m.group(1).split())}" if m else name
