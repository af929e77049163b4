"""A legal document's header put together from its parts: number, issuer, place and date,
type and summary, signer; the metadata box stands in for what the header lacks."""
from __future__ import annotations

import re

from extractor.doc import Doc
from extractor.recognizers import calendar as cal
from extractor.recognizers import symbols as sy
from extractor.recognizers.document.issuer import _caps_block, _with_place, issuer_name
from extractor.recognizers.document.lines import _DEBRIS, _Line, _pieces
from extractor.recognizers.document.news import _first_day
from extractor.recognizers.document.parts import (
    _DATE_LINE_RE, _DATE_PIECE_RE, _HEADER_PIECES, _PASSED_RE, _date_text, _find_parts, _header_day,
    _is_motto, _motto_spans, _number_of, _place, _plausible, _signed_on, _wrapped_place,
)
from extractor.recognizers.document.signer import _is_name, _signer
from extractor.recognizers.document.title import _enacted_name, _sentence_case, _type_and_summary, _vv_summary
from models.records import Signer


def _legal_header(doc: Doc, lines: list[_Line], box: dict, number: str | None, own_spans: list,
                  warnings: list[str]) -> dict:
    pieces = _pieces(doc)
    spans = _motto_spans(doc)
    parts = _find_parts(pieces, spans)
    out: dict = {"number": number}
    if parts.number is not None and number is None:
        out["number"], span = _number_of(doc, pieces[parts.number])
        if span:
            own_spans.insert(0, span)
    # the issuer: the capitals of the left column, above the number line (the country's
    # name and motto, which flattening may interleave with them, left out), else above the motto
    left = [pc for pc in pieces[:_HEADER_PIECES] if not _is_motto(pc, spans)]
    block: list[str] = []
    if parts.number is not None:
        block = _caps_block(doc, left, left.index(pieces[parts.number]) - 1)
    if not block and parts.motto is not None:
        block = _caps_block(doc, pieces, parts.motto - 1)
    # the place and date line
    issued_on = place = None
    if parts.date is not None:
        text = _date_text(pieces, parts.date)
        place = _wrapped_place(doc, pieces, parts.date, _DATE_PIECE_RE.match(text)["place"])
        issued_on = _header_day(text)  # None where the day is left blank, as in a draft
    elif "date" not in box:
        # no date line in the header: some put it above the signature
        dm = next((m for m in _DATE_LINE_RE.finditer(doc.flat, pieces[parts.motto].end if parts.motto is not None else 0)
                   if not doc.text[doc.text.rfind("\n", 0, m.start("place")) + 1:m.start("place")].strip(_DEBRIS)), None)
        if dm:
            issued_on = cal.day_from_match(dm)
            place = _place(doc, dm.start("place"), dm.end("place"))
    if issued_on is None and parts.date is None and "date" in box:
        issued_on = _first_day(box["date"][0])
    if issued_on is None and parts.date is None:
        # an Assembly's resolution: "Nghị quyết này được Quốc hội ... thông qua ngày ..."
        pm = _PASSED_RE.search(doc.flat)
        issued_on = cal.day_from_match(pm) if pm else None
    if issued_on is None:
        issued_on = _signed_on(doc, _date_text(pieces, parts.date) if parts.date is not None else "")
    out["issued_on"], out["place"] = _plausible(issued_on, out["number"], warnings), place
    issuer = _with_place(issuer_name(block, doc), place, doc) if block and issuer_name(block, doc) else None
    if issuer is None and "issuer" in box:
        issuer = sy.org_case(box["issuer"][0]) if box["issuer"][0].isupper() else box["issuer"][0]
    if issuer is None and out["number"]:
        issuer = sy.issuer_from_symbol(out["number"], None)
    out["issuer"] = issuer
    # the type line and summary: after the date line, else after the number or the motto
    anchors = [k for k in (parts.date, parts.number, parts.motto) if k is not None]
    start_piece = pieces[max(anchors)] if anchors else None
    start = next((k for k, ln in enumerate(lines) if start_piece and ln.start <= start_piece.start <= ln.end), 0)
    start = start + 1 if anchors else 0
    type_, summary, after = _type_and_summary(doc, lines, start)
    if type_ is None:
        type_, summary, after = _type_and_summary(doc, _as_lines(pieces, start_piece), 0)
        after = next((k for k, ln in enumerate(lines) if ln.start >= (start_piece.end if start_piece else 0)), start)
    if type_ is None and "type" in box:
        type_ = sy.canonical_type(box["type"][0])
    if type_ is None and (out["number"] or parts.number is not None):
        type_ = sy.type_from_symbol(out["number"] or _blank_symbol(pieces[parts.number].text))
    vv = _vv_summary(doc, lines, max(0, start - 6), start + 6)
    if summary is None and vv:
        summary = "về " + vv[3:].strip(" :")
    name = None
    if type_ and summary is None and type_ in sy.named_types():
        name = _enacted_name(doc, type_, lines[start].start if start < len(lines) else 0)
    if type_:
        out["kind"] = sy.kind_of_type(type_)
        out["title"] = (f"{type_} {_sentence_case(summary, doc)}" if summary
                        else f"{type_} {name}" if name else type_)
    else:
        out["kind"], out["title"] = "other", None
    signer = _signer(_pieces_after(pieces, lines[after].start if after < len(lines) else 0), 0)
    if signer is None and "signer" in box and _is_name(box["signer"][0]):
        # (a signing certificate's "Người ký:" may name an office's portal, not a person)
        signer = Signer(name=box["signer"][0], position=box.get("position", (None,))[0])
    out["signer"] = signer
    return out


def _as_lines(pieces: list[_Line], after: _Line | None) -> list[_Line]:
    """The pieces after `after`, as lines for the type-and-summary reader."""
    k = pieces.index(after) + 1 if after is not None else 0
    return pieces[k:k + 30]


def _pieces_after(pieces: list[_Line], pos: int) -> list[_Line]:
    return [pc for pc in pieces if pc.start >= pos]


def _blank_symbol(text: str) -> str:
    """A draft's number line without its number ("Số: /QĐ-UBND"), as a number the symbol
    readers take ("0/QĐ-UBND")."""
    m = re.search(r"/\s*(\S.*)$", text)
    return "0/" + re.sub(r"\s+", "", m.group(1)) if m else ""
