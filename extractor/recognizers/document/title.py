"""The type line in capitals ("QUYẾT ĐỊNH") and the summary under it ("VỀ VIỆC ...", an
official letter's "V/v ..."), which make the document's title, in the case of running text."""
from __future__ import annotations

import re
from functools import cache

from extractor.data import words
from extractor.doc import Doc
from extractor.recognizers import symbols as sy
from extractor.recognizers.document.lines import _Line


_SUMMARY_STOP_RE = re.compile(r"^(?:căn cứ|theo đề nghị|kính gửi|điều \d|nơi nhận)", re.I)


_CAPS_TYPE_RE = re.compile(r"(?P<type>" + sy.type_words_pattern(cased=True) + r")\s+(?P<rest>[^\W\d_].*)$")
_GLUED_TYPE_RE = re.compile(r"(?P<type>[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]+?)\s+(?P<rest>(?:"
                            + "|".join(map(re.escape, words("summary_openers"))) + r")\s.+)$")


@cache
def _types_folded() -> dict[str, str]:
    """Type words by their form without marks, where that form is one type's only."""
    by: dict[str, list[str]] = {}
    for row in sy.types():
        by.setdefault(sy.fold(row["type"]), []).append(row["type"])
    return {k: v[0] for k, v in by.items() if len(set(v)) == 1}


def _type_of(text: str) -> str | None:
    """The type a type line in capitals names, its marks misread by a scan's OCR or not
    ("QUYÉT ĐỊNH")."""
    return sy.canonical_type(text) or _types_folded().get(sy.fold(" ".join(text.split())))


def _type_and_summary(doc: Doc, lines: list[_Line], start: int) -> tuple[str | None, str | None, int]:
    """After the date line: the type in capitals and the summary lines under it."""
    ne = [(k, ln) for k, ln in enumerate(lines[start:], start) if ln.text]
    for idx, (k, ln) in enumerate(ne[:8]):
        t = _type_of(ln.text.rstrip(":")) if ln.text.isupper() else None
        glued = None if t else _GLUED_TYPE_RE.match(ln.text)
        if glued and sy.canonical_type(glued["type"]):
            # "**NGHỊ ĐỊNH**Quy định về ...": the summary glued to its type on one line
            return sy.canonical_type(glued["type"]), glued["rest"], k
        caps = None if t or not ln.text.isupper() else _CAPS_TYPE_RE.match(ln.text)
        if caps and len(caps["rest"].split()) >= 2 and sy.canonical_type(caps["type"]):
            # "BÁO CÁO CÔNG TÁC TUẦN 02 THÁNG 6": a report's type and summary in one line of capitals
            return sy.canonical_type(caps["type"]), caps["rest"], k
        if not t:
            continue
        summary: list[str] = []
        prev = k
        mixed = False
        for k2, ln2 in ne[idx + 1: idx + 8]:
            raw = doc.text[lines[k2].start:lines[k2].end].strip()
            bold = raw.startswith("**") and raw.endswith("**") and not summary
            # the summary is in capitals, or (a PDF's text layer) in running case right
            # under the type, up to the rule line or "Căn cứ"
            running = not summary and k2 == k + 1 and not ln2.text.isupper() and not bold
            if running:
                mixed = True
            if ((not ln2.text.isupper() and not bold and not (mixed and not ln2.text.isupper()))
                    or _SUMMARY_STOP_RE.match(ln2.text) or k2 > prev + 1 and summary
                    or (summary and "**" in raw) or (mixed and ln2.text.isupper())):
                break
            summary.append(ln2.text)
            prev = k2
            if mixed and ln2.text.endswith(".") and len(ln2.text) > 60:
                break  # a sentence of the body: a summary ends without a full stop
        return t, " ".join(summary) or None, prev
    return None, None, start


def _enacted_name(doc: Doc, type_: str, pos: int) -> str | None:
    """A law or ordinance has no summary under its type: its name stands in the enacting
    clause after the grounds ("Quốc hội ban hành Luật Đầu tư công.")."""
    pat = r"ban\s+hành\s+" + re.escape(type_).replace(r"\ ", r"\s+") + r"\s+(?P<n>[^\W\d_][^.;:]{2,200}?)\s*\."
    m = re.search(pat, doc.flat[pos:pos + 4000])
    return doc.value(pos + m.start("n"), pos + m.end("n")) if m else None


def _vv_summary(doc: Doc, lines: list[_Line], lo: int, hi: int) -> str | None:
    """An official letter's summary "V/v ..." under its number, over its wrapped lines."""
    for k in range(lo, min(hi, len(lines))):
        if re.match(r"V/v\b", lines[k].text, re.I):
            parts = [lines[k].text]
            for ln in lines[k + 1:k + 4]:
                raw = doc.text[ln.start:ln.end]
                if (not ln.text or ", ngày" in ln.text or raw.startswith(("**", "|"))
                        or doc.text[lines[k].start:lines[k].end].rstrip().endswith("*") and len(parts) == 1
                        and doc.text[lines[k].start:lines[k].end].count("*") >= 2):
                    break
                parts.append(ln.text)
                if raw.rstrip().endswith("*"):
                    break
            return " ".join(parts)
    return None


_TYPE_START_RE = re.compile(r"(?:" + sy.type_words_pattern() + r")(?!\w)")
_WORDS_RE = re.compile(r"[^\W\d_]+")


def _names_in_text(doc: Doc) -> dict[str, str]:
    """Names and abbreviations as the document's running text writes them, by their
    lower-case form: how a summary in capitals gets its proper nouns back. A name is two
    to four capitalized words after a lower-case one ("tỉnh Bắc Ninh", "của Sở Tư pháp"),
    not a type word ("ban hành Quyết định"); an abbreviation is in capitals ("UBND")."""
    out: dict[str, str] = {}
    for line in doc.text[:40000].split("\n"):
        if line.isupper():
            continue
        toks = [(m.group(), m.start(), m.end()) for m in _WORDS_RE.finditer(line)]
        k = 1
        while k < len(toks):
            w = toks[k][0]
            if 2 <= len(w) <= 6 and w.isupper():
                out.setdefault(w.lower(), w)
            j = k
            while j < len(toks) and j - k < 4 and toks[j][0][:1].isupper() and toks[j][0][1:].islower() \
                    and line[toks[j - 1][2]:toks[j][1]] == " ":
                j += 1
            if j - k >= 2 and toks[k - 1][0].islower() and line[toks[k - 1][2]:toks[k][1]] == " ":
                name = line[toks[k][1]:toks[j - 1][2]]
                if not _TYPE_START_RE.match(name):  # "ban hành Quyết định": a type, and a verb too
                    out.setdefault(name.lower(), name)
            k = max(j, k + 1)
    return out


def _sentence_case(summary: str, doc: Doc | None = None) -> str:
    """A summary written in capitals, in the case of running text: document numbers as
    written, names of bodies and type words before a number restored, and the names and
    abbreviations the document's text writes ("tỉnh Bắc Ninh", "UBND"). A summary already
    in running case is left as it is."""
    if not summary.isupper():
        # "Về việc ..." under the type reads "Nghị quyết về việc ..."
        return summary[:1].lower() + summary[1:] if summary[1:2].islower() else summary
    low = " ".join(w if any(c.isdigit() for c in w) else w.lower() for w in summary.split())
    known = sy.known_bodies()
    for k in sorted((k for k in known if " " in k), key=len, reverse=True):  # "ban" alone is a verb too
        low = re.sub(r"(?<!\w)" + re.escape(k) + r"(?!\w)", known[k], low)
    if doc is not None:
        for k, name in sorted(_names_in_text(doc).items(), key=lambda kv: -len(kv[0])):
            if k in low:
                low = re.sub(r"(?<![\wÀ-ỹ])" + re.escape(k) + r"(?![\wÀ-ỹ])", name, low)
    return re.sub(r"(?<!\w)(" + sy.type_words_pattern(cased=True) + r")(?=\s+(?:số\s+)?\d)",
                  lambda m: sy.canonical_type(m.group(1)) or m.group(1), low)
