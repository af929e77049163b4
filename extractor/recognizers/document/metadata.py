"""The metadata box of crawled legal databases ("Số hiệu:", "Loại văn bản:", "Nơi ban
hành:", "Người ký:", "Ngày ban hành:"): it stands in where the header itself is missing."""
from __future__ import annotations

import re
from functools import cache

from extractor.data import table
from extractor.recognizers.document.lines import _Line, _nonempty


@cache
def _meta_labels() -> dict[str, list[str]]:
    """Label (folded, spaces around "/" dropped) -> the fields of the cells after it."""
    return {_label_key(r["label"]): r["fields"].split("/") for r in table("metadata_labels")}


def _label_key(text: str) -> str:
    return re.sub(r"\s*/\s*", "/", " ".join(text.split())).casefold().rstrip(" :")


_LABEL_RE = re.compile(r"^(?P<label>[^\W\d_][^:|]{1,60}?)\s*:\s*(?P<value>.*)$")


def _metadata(lines: list[_Line]) -> dict[str, tuple[str, _Line]]:
    """Field -> (value, line holding the value), from the first box only: "Label: value"
    lines (the value may stand on the next line) and table rows of label and value cells."""
    found: dict[str, tuple[str, _Line]] = {}
    labels = _meta_labels()
    ne = _nonempty(lines)
    for i, ln in enumerate(ne):
        m = _LABEL_RE.match(ln.text)
        if m and _label_key(m["label"]) in labels:
            field = labels[_label_key(m["label"])][0]
            if field in found:
                continue
            if m["value"]:
                found[field] = (m["value"].strip(), ln)
            elif i + 1 < len(ne) and not (_LABEL_RE.match(ne[i + 1].text)
                                          and _label_key(_LABEL_RE.match(ne[i + 1].text)["label"]) in labels):
                found[field] = (ne[i + 1].text, ne[i + 1])
            continue
        if " | " not in ln.text:
            continue
        cells = [c.strip() for c in ln.text.split("|")]
        for k, cell in enumerate(cells):
            fields = labels.get(_label_key(cell)) if cell else None
            for field, value in zip(fields or [], cells[k + 1:]):
                if value and field not in found:
                    found[field] = (value, ln)
    return found
