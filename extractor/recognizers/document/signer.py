"""The signature block: on whose behalf (KT./TM./TL./Q.), the position, the signer's name."""
from __future__ import annotations

import re
from functools import cache

from extractor import register
from extractor.data import words
from extractor.readers import quality
from extractor.recognizers import symbols as sy
from extractor.recognizers.document.lines import _Line
from models.records import Signer

# on whose behalf a block signs: not the position
_AUTHORITY_RE = re.compile(r"^(?:KT|TM|TL|TUQ|Q|K/T|T/M)\s*\.\s*", re.I)


@cache
def _positions() -> dict[str, str]:
    """Job titles of the register, by their case-folded form."""
    return {p.casefold(): p for p, _ in register.positions()}


@cache
def _positions_folded() -> dict[str, tuple[str, ...]]:
    """Titles by their form without marks: several where only marks tell them apart
    ("Thứ trưởng", "Thủ trưởng")."""
    out: dict[str, tuple[str, ...]] = {}
    for p, _ in register.positions():
        out[sy.fold(p)] = out.get(sy.fold(p), ()) + (p,)
    return out


def _title(key: str) -> str | None:
    """The register's title written as `key` (case-folded), or misread in its marks by a
    scan's OCR ("PHO THỦ TƯỜNG"): of titles alike without marks, the one with most marks in common."""
    if key in _positions():
        return _positions()[key]
    alike = _positions_folded().get(sy.fold(key))
    if not alike:
        return None
    return min(alike, key=lambda p: sum(a != b for a, b in zip(p.casefold(), key)))


def _position(text: str) -> str | None:
    """A signature block's position in the register's case: a title ("PHÓ CHỦ TỊCH"), or a
    title with the body it heads ("CHỦ TỊCH QUỐC HỘI", "GIÁM ĐỐC SỞ NỘI VỤ"); None for
    what is neither."""
    key = " ".join(text.split()).strip(" ,").casefold()
    title = _title(key)
    if title:
        return title
    words_ = key.split()
    for n in range(len(words_) - 1, 0, -1):
        title = _title(" ".join(words_[:n]))
        body = register.canonical(" ".join(text.split()[n:]).strip(" ,")) if title else None
        if body:  # a body the register knows, not any words after a title
            return f"{title} {body}"
    return None


def _position_case(text: str) -> str:
    key = " ".join(text.split()).strip(" ,")
    return _position(key) or key[:1].upper() + key[1:].casefold()


def _name_case(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split()) if text.isupper() else text


@cache
def _position_openers() -> frozenset[str]:
    return frozenset(p.split()[0].casefold() for p in _positions().values())


def _is_name(text: str) -> bool:
    """A person's name as a signature block writes it: two to five words, each
    capitalized ("Nguyễn Đức Tâm", "HỒ QUỐC DŨNG")."""
    toks = text.split()
    # (a word of one letter is a scan's speck, unless an initial: "A.")
    if not 2 <= len(toks) <= 5 or not all(t[0].isupper() and t.rstrip(".").isalpha() and (len(t) > 1 or t.endswith("."))
                                          for t in toks):
        return False
    if _AUTHORITY_RE.match(text) or sy.fold(text) in _positions_folded():
        return False
    if text.split()[0].casefold() in _position_openers():
        return False  # "PHÓ GIÁM ĐỐC THƯỜNG TRỰC": a position the list does not hold
    heads = [h.casefold() for h in sy.issuer_words()[0] + sy.issuer_words()[1]]
    low = text.casefold()
    return not any(low.startswith(h + " ") or (" " + h + " ") in low for h in heads)


_SIGNED_MARK_RE = re.compile(r"\(?(?:đã ký|đã ký và đóng dấu|ký)\)?", re.I)


def _is_position(text: str) -> bool:
    return _position(_AUTHORITY_RE.sub("", text)) is not None


def _signer(lines: list[_Line], from_line: int) -> Signer | None:
    """The signature block: an authority line ("KT. BỘ TRƯỞNG") or a position, then
    perhaps more of them ("TM. ỦY BAN / NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"); the
    name is the first name after the last of them, the position the one the block signs in
    (`_signing_position`).
    On a scan, the seal and the signature between them come out as lines of debris
    ("⁄ mm ¬", "4`: ẹ"), and specks stick to the lines' ends ("x—GIÁM ĐÓC"): these are
    passed over, up to a line of running text."""
    # the list of recipients ("Nơi nhận: / - Như trên; / - Lưu: VT") beside the block,
    # which flattening interleaves with it, is no part of it
    ne = [_Line(ln.start, ln.end, _despeckled(ln.text)) for ln in lines[from_line:]
          if ln.text and not _RECIPIENT_RE.match(ln.text)]
    ne = [ln for ln in ne if ln.text]
    for i, ln in enumerate(ne):
        if not _is_block_line(ln.text):
            continue
        block = [b for b in ne[i:i + 8] if not _SIGNED_MARK_RE.fullmatch(b.text)]
        last = max(k for k, b in enumerate(block) if _is_block_line(b.text))
        block = [b for b in ne[i:i + last + 1 + _NAME_REACH] if not _SIGNED_MARK_RE.fullmatch(b.text)]
        # the name may wrap over two lines ("**Trần\nChí Hùng**")
        for j in range(last + 1, len(block)):
            wrapped = all(quality.is_syllable(t) for t in block[j].text.split())  # not a speck's line
            for name in (block[j].text, " ".join(b.text for b in block[j:j + 1 + wrapped])):
                rank = _RANK_RE.match(sy.fold(name))  # fold keeps every character's place
                name = name[rank.end():] if rank and name[rank.end():][:1].isupper() else name
                if _is_name(name):
                    top = last  # the block's own lines: the run of them that ends above the name,
                    while top > 0 and (_is_block_line(block[top - 1].text)  # over a scan's specks
                                       or sum(c.isalpha() for c in block[top - 1].text) < 3):
                        top -= 1
                    return Signer(name=_name_case(name), position=_signing_position([b.text for b in block[top:last + 1]]))
            if _is_running_text(block[j].text):
                break
    return _name_under_recipients(lines[from_line:])


def _name_under_recipients(lines: list[_Line]) -> Signer | None:
    """A scan whose seal hid the block's position lines: the name that closes the block still
    comes right after the list of recipients ("- Lưu: VT, ..."), specks between them passed over."""
    ends = [k for k, ln in enumerate(lines) if _FILED_RE.match(ln.text)]
    if not ends:
        return None
    for ln in lines[ends[-1] + 1:ends[-1] + 4]:
        text = _despeckled(ln.text)
        if sum(c.isalpha() for c in text) < 3:
            continue
        return Signer(name=_name_case(text), position=None) if _is_name(text) else None
    return None


def _is_block_line(text: str) -> bool:
    return bool(_AUTHORITY_RE.match(text)) or _is_position(text) or _is_label(text)


def _signing_position(block: list[str]) -> str | None:
    """The position a block signs in: the first position after the last authority line; a
    signer who also holds an office writes that office below it ("TM. HỘI ĐỒNG / CHỦ TỊCH / GIÁM
    ĐỐC SỞ TƯ PHÁP" is signed by the council's chair). Under "KT. X" (on behalf of the head X) the signer is
    X's deputy: where the deputy's line is missing, or reads X again because a scan lost its
    "PHÓ", the register's deputy of X. An authority line ending in a comma goes on below ("KT. BỘ
    TRƯỞNG, / CHỦ NHIỆM": the head of an office that is a ministry). A block with only a label
    above the name has none."""
    auth = max((k for k, text in enumerate(block) if _AUTHORITY_RE.match(text)), default=None)
    first = 0 if auth is None else auth + 1
    while 0 < first < len(block) and block[first - 1].rstrip().endswith(","):
        first += 1
    head = _position(_AUTHORITY_RE.sub("", block[first - 1]).strip(" ,")) if auth is not None else None
    on_behalf = auth is not None and _ON_BEHALF_RE.match(block[auth]) and head
    below = [text for text in block[first:] if _is_position(text)]
    if below:
        position = _position_case(below[0])
        return _deputy(head) or position if on_behalf and position == head else position
    if on_behalf:
        return _deputy(head) or head
    if auth is not None and _BY_ORDER_RE.match(block[auth]):
        return None  # signed by order of the head by someone under it, whose post is not read
    return head


def _deputy(position: str) -> str | None:
    """The deputy of a title, with the body it heads if one follows ("Giám đốc Sở Nội vụ")."""
    words_ = position.split()
    for n in range(len(words_), 0, -1):
        title = register.deputy(" ".join(words_[:n]))
        if title:
            return " ".join([title, *words_[n:]])
    return None


_ON_BEHALF_RE = re.compile(r"^(?:KT|K/T)\s*\.", re.I)
_BY_ORDER_RE = re.compile(r"^(?:TL|TUQ)\s*\.", re.I)
_NAME_REACH = 12  # lines after the last position where the name may stand (a scan's seal between)
_SPECK_RE = re.compile(r"^(?:[^\w(]|_)+|(?<=[\w,])(?:[^\w.,)]|_)+$|^[a-z](?:[^\w\s]|_)+(?=[A-ZĐÀ-Ỹ])")


def _despeckled(text: str) -> str:
    """A line without the specks a scan's OCR sticks to its ends ("`“ “Nguyễn Ngọc Phúc",
    "x—GIÁM ĐÓC", "_——. Nguyễn Văn Cường") nor quotes inside its words ("Thạch “Cảnh")."""
    text = re.sub(r"[“”\"`]", "", text)
    for _ in range(2):
        text = _SPECK_RE.sub("", text).strip()
    return text


def _is_running_text(text: str) -> bool:
    """A line of words in running case: a sentence, not debris nor a name."""
    toks = text.split()
    return not text.isupper() and len(toks) >= 4 and sum(quality.is_syllable(t.strip(".,;:")) for t in toks) >= 0.75 * len(toks)


_FILED_RE = re.compile(r"^\W*(?i:lưu)\s*:")  # the recipients' last line: the copy kept on file
_RECIPIENT_RE = re.compile(r"^(?:[-+•]\s|(?i:nơi\s+nhận)|(?i:lưu)\s*:?\s*VT)")
# (without marks, as a scan's OCR may misread them: "Thiểu tướng")
_RANK_RE = re.compile(r"^(?:" + "|".join(r"\s+".join(map(re.escape, sy.fold(r).split())) for r in words("official_ranks"))
                      + r")\s+(?=\w)")


def _is_label(text: str) -> bool:
    return text.rstrip(":").casefold() in {w.casefold() for w in words("signature_labels")}
