"""The register of the state's bodies, offices and roles, as data.

One table per kind of knowledge, beside this module:

- `bodies.tsv`: bodies at the centre that are not "Bộ" + a field (the National Assembly and
  its committees, the Government, ministry-level agencies, courts, Party central bodies, the
  Fatherland Front and mass organizations), with abbreviations, symbol codes and the dates
  each name was in use;
- `fields.tsv`: the fields that name ministries and provincial departments ("Bộ"/"Sở" +
  field), with their abbreviations and the 2007 and 2025 restructurings;
- `provinces.tsv`: provinces and centrally-run cities before and after the 2025 merger, and
  those merged or split before 1997; `towns.txt`: cities and towns whose names look like
  personal names; `places.txt`: continents, seas, countries and regions;
- `unit_heads.tsv`: the generic shapes of units (Sở/Cục/Vụ/Văn phòng/Ủy ban nhân dân + ...);
- `positions.tsv`: job titles; `roles.tsv`: roles inside a committee;
  `committee_heads.tsv`: words that open a committee's name;
- one-column lists: `honorifics.txt`, `party_ranks.txt`, `surnames.txt`, `name_stops.txt`.

Everything here is loaded once per process. `canonical()` resolves a body as a text writes it
("Bộ TT&TT", "UBND tỉnh Lâm Đồng") to one name, so that people, committees, the document
header, reference issuers and search agree on who is meant.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

DIR = Path(__file__).resolve().parent


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `<name>.tsv` as dicts (empty cells are ""); "#" lines are comments."""
    with (DIR / f"{name}.tsv").open(encoding="utf-8", newline="") as f:
        lines = (line for line in f if line.strip() and not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        return tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)


@cache
def words(name: str) -> tuple[str, ...]:
    """Entries of the one-column list `<name>.txt`."""
    text = (DIR / f"{name}.txt").read_text(encoding="utf-8")
    return tuple(s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#"))


def _day(s: str) -> date | None:
    return date.fromisoformat(s) if s else None


def _list(s: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in s.split("|") if p.strip())


@dataclass(frozen=True)
class Body:
    name: str
    kind: str
    short: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    valid_from: date | None = None
    valid_to: date | None = None
    successor: str | None = None
    collegial: bool = False   # a council or committee whose members texts list (bodies.tsv "members")

    def valid(self, on: date | None) -> bool:
        """Whether the body existed under this name on `on` (any day when None)."""
        if on is None:
            return True
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class Field:
    name: str
    forms: tuple[str, ...]   # abbreviations and variant spellings
    heads: tuple[str, ...]
    valid_from: date | None
    valid_to: date | None
    successor: str | None


@dataclass(frozen=True)
class Province:
    name: str
    kind: str                 # "tỉnh" or "thành phố"
    valid_from: date | None
    valid_to: date | None
    merged_into: str | None

    def valid(self, on: date | None) -> bool:
        if on is None:
            return True
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on <= self.valid_to)


@cache
def fields() -> tuple[Field, ...]:
    return tuple(Field(r["field"], _list(r["forms"]), _list(r["heads"]), _day(r["from"]), _day(r["to"]),
                       r["successor"] or None) for r in rows("fields"))


@cache
def bodies() -> tuple[Body, ...]:
    """Every central body: the rows of bodies.tsv and one ministry per field that heads "Bộ"."""
    out = [Body(r["name"], r["kind"], _list(r["short"]), _list(r["code"]), _day(r["from"]), _day(r["to"]),
                r["successor"] or None, (r.get("members") or "") == "yes") for r in rows("bodies")]
    for f in fields():
        if "Bộ" in f.heads:
            out.append(Body("Bộ " + f.name, "ministry", tuple("Bộ " + a for a in f.forms), (),
                            f.valid_from, f.valid_to, "Bộ " + f.successor if f.successor else None))
    return tuple(out)


@cache
def provinces() -> tuple[Province, ...]:
    return tuple(Province(r["name"], r["kind"], _day(r["from"]), _day(r["to"]), r["merged_into"] or None)
                 for r in rows("provinces"))


@cache
def unit_heads() -> tuple[tuple[str, str], ...]:
    """(head, takes) pairs, longest head first."""
    return tuple(sorted(((r["head"], r["takes"]) for r in rows("unit_heads")), key=lambda p: -len(p[0])))


@cache
def positions() -> tuple[tuple[str, bool], ...]:
    """(title, whole) pairs, longest first; `whole` titles name their body themselves."""
    return tuple(sorted(((r["title"], r["whole"] == "yes") for r in rows("positions")), key=lambda p: -len(p[0])))


@cache
def deputy(title: str) -> str | None:
    """The title of a head's deputy, who signs "KT." (on the head's behalf): the `deputy` column
    where it is not "Phó" + the title ("Bộ trưởng": "Thứ trưởng"); None for a title without one."""
    row = _positions_by_key().get(fold(title))
    if row is None:
        return None
    if row["deputy"]:
        return row["deputy"]
    vice = _positions_by_key().get(fold("Phó " + title))
    return vice["title"] if vice else None


@cache
def _positions_by_key() -> dict[str, dict[str, str]]:
    return {fold(r["title"]): r for r in rows("positions")}


@cache
def whole_titles() -> frozenset[str]:
    """Folded titles that name their body themselves ("Chủ tịch nước"), with "Phó"/"nguyên"."""
    base = {fold(t) for t, whole in positions() if whole}
    return frozenset(base | {f"{p} {t}" for t in base for p in ("phó", "quyền", "nguyên")})


@cache
def roles() -> tuple[dict[str, str], ...]:
    """Committee roles: phrase as written, the role value, the committee family it belongs to."""
    return rows("roles")


@cache
def family_head(family: str) -> str | None:
    """The role that heads a committee of this family ("doan": "Trưởng đoàn")."""
    return next((r["role"] for r in roles() if r["family"] == family and r.get("heads") == "yes"), None)


@cache
def committee_heads() -> tuple[dict[str, str], ...]:
    return rows("committee_heads")


# --- resolving a body as written -----------------------------------------------------

_SPACE = re.compile(r"\s+")
_DASH = re.compile(r"\s*[-‐‑–—]\s*")
# tone placement of the register: "hóa", "hòa", "thủy" (RECORDS.md), whatever the text used
_OLD_TONES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe",
              "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
_OLD_RE = re.compile("(?<!q)(" + "|".join(_OLD_TONES) + r")(?![^\W\d_])")
# "kí"/"ký", "lí"/"lý", "mĩ"/"mỹ", "sĩ"/"sỹ": a syllable whose only vowel is i or y after its
# initial consonants is spelled either way (both spellings are in official use); `spelling`
# takes "i"
_Y_TO_I = {"y": "i", "ý": "í", "ỳ": "ì", "ỷ": "ỉ", "ỹ": "ĩ", "ỵ": "ị"}
_Y_SYLLABLE = re.compile(r"(?<![^\W\d_])([bcdđghklmnprstvx]{1,3})([yýỳỷỹỵ])(?![^\W\d_])")
_LOCAL_ABBR = (("ubnd", "ủy ban nhân dân"), ("hđnd", "hội đồng nhân dân"), ("tp.", "thành phố "),
               ("tp ", "thành phố "), ("ubmttq", "ủy ban mặt trận tổ quốc"), ("mttq", "mặt trận tổ quốc"))


@lru_cache(maxsize=1 << 16)
def fold(s: str) -> str:
    """The key a name is compared by: NFC, one tone placement, case and spacing folded,
    dashes written one way. Cached: the same words are folded over and over."""
    s = unicodedata.normalize("NFC", s).casefold()
    s = _OLD_RE.sub(lambda m: _OLD_TONES[m.group(1)], s)
    s = _DASH.sub(" - ", s)
    return _SPACE.sub(" ", s).strip(" .,;:")


@lru_cache(maxsize=1 << 16)
def spelling(s: str) -> str:
    """Words as the span layer's phrase tables are matched by: case folded and "i"/"y"
    spelled one way. Applied to single words and to `fold`ed phrases alike (it changes no
    spacing, so a word stays one token)."""
    s = s.casefold()
    return s if s.isascii() and "y" not in s else _Y_SYLLABLE.sub(lambda m: m.group(1) + _Y_TO_I[m.group(2)], s)


def match_key(phrase: str) -> str:
    """The key a phrase of the register is matched by in a text: `fold`, then `spelling`."""
    return spelling(fold(phrase))


@cache
def _forms() -> dict[str, str]:
    """Every written form of a central body or a department shape, folded, to its name."""
    out: dict[str, str] = {}
    for b in bodies():
        for form in (b.name, *b.short):
            out.setdefault(fold(form), b.name)
    for f in fields():
        for head in f.heads:
            for form in (f.name, *f.forms):
                out.setdefault(fold(f"{head} {form}"), f"{head} {f.name}")
    return out


@cache
def _province_forms() -> dict[str, str]:
    out: dict[str, str] = {}
    for p in provinces():
        out[fold(p.name)] = out[fold(f"{p.kind} {p.name}")] = f"{p.kind} {p.name}"
    for p in provinces():   # a city also written "tỉnh X" keeps its own kind word where a text gives one
        out.setdefault(fold(f"tỉnh {p.name}"), f"tỉnh {p.name}")
    out[fold("Thành phố Hồ Chí Minh")] = "thành phố Hồ Chí Minh"
    out[fold("TP.HCM")] = out[fold("TPHCM")] = out[fold("TP HCM")] = "thành phố Hồ Chí Minh"
    return out


def is_province(name: str) -> bool:
    """A province or centrally-run city, with or without "tỉnh"/"thành phố"."""
    return fold(name) in _province_forms()


def canonical(name: str | None) -> str | None:
    """The register's name for a body as a text writes it, or None when the register does not
    know it. Local bodies keep their place: "UBND tỉnh Lâm Đồng" -> "Ủy ban nhân dân tỉnh Lâm Đồng"."""
    if not name:
        return None
    key = fold(name)
    for abbr, full in _LOCAL_ABBR:
        if key.startswith(abbr):
            key = fold(full + key[len(abbr):])
    hit = _forms().get(key)
    if hit:
        return hit
    # a local body: a known head, then a place ("Sở Nội vụ tỉnh Nghệ An")
    for place_word in (" tỉnh ", " thành phố "):
        k = key.rfind(place_word)
        if k > 0 and key[k:].strip() in _province_forms():
            head = _forms().get(key[:k]) or _restore(name, key[:k])
            return f"{head} {_province_forms()[key[k:].strip()]}" if head else None
    if key.startswith(("ủy ban nhân dân", "hội đồng nhân dân")):
        return _restore(name, key)
    return None


def _restore(name: str, key: str) -> str | None:
    """A folded local-body key ("ủy ban nhân dân tỉnh lâm đồng") written back with the
    capitals the register uses; the place only when the register knows it."""
    for full in ("ủy ban nhân dân", "hội đồng nhân dân"):
        if key.startswith(full):
            rest = key[len(full):].strip()
            place = _province_forms().get(rest)
            head = full[0].upper() + full[1:]
            if not rest:
                return head
            return f"{head} {place}" if place else None
    return None

@cache
def _collegial() -> frozenset[str]:
    return frozenset(b.name for b in bodies() if b.collegial)


def is_collegial(name: str) -> bool:
    """A body of the register that is a council or committee whose members texts list
    ("Ủy ban Quốc phòng và An ninh", "Hội đồng Lý luận Trung ương")."""
    return _forms().get(fold(name)) in _collegial()


@cache
def _not_committees() -> tuple[tuple[str, str], ...]:
    """(opening, ending) of each name of `not_committees.txt`; "A * B" opens with A and ends
    with B, a plain name only opens."""
    out = []
    for w in words("not_committees"):
        head, _, tail = fold(w).partition(" * ")
        out.append((head, tail))
    return tuple(out)


def is_standing_body(name: str) -> bool:
    """A body that opens like a committee's name but stands on its own: a body of the register
    or a name of `not_committees.txt` (Party departments, people's councils, commissions of the
    state ...)."""
    key = fold(name)
    if key in _forms():
        return _forms()[key] not in _collegial()
    for head, tail in _not_committees():
        if tail:
            if key.startswith(head + " ") and key.endswith(" " + tail):
                return True
        elif key == head or key.startswith(head + " "):
            return True
    return False


def same_body(a: str | None, b: str | None) -> bool:
    """Whether two written names mean the same body (through the register), or are written alike."""
    if not a or not b:
        return False
    if fold(a) == fold(b):
        return True
    ca, cb = canonical(a), canonical(b)
    return ca is not None and ca == cb


def successor(name: str) -> str | None:
    """The body that took over the work of a body no longer in existence, if the register knows."""
    canon = canonical(name)
    for b in bodies():
        if b.name == canon:
            return b.successor
    return None
