"""The person an encyclopedia's biography is about, named by the page's title.

A biography page opens with its title as a heading ("# Lò Văn Pả", "# Minh Hà (ca sĩ)":
the bracket tells apart pages of one name) and a box of facts whose rows say the page is a
person's life ("| Sinh | ... |", "| Thông tin cá nhân |"). The title is then the subject's
name as the page writes it, whatever the name recognizer makes of it: a rare family name, a
foreign name, a pen or stage name, a name that is also a place's or begins with a committee
word (the family name "Đoàn").
"""
from __future__ import annotations

import re

from extractor.data import words

_HEAD_LINES = 3        # non-empty lines before the title (a crawl's "Giao diện" and the like)
_BOX_LINES = 60        # lines under the title where the box stands
_SCAN = 100            # lines read at the top of the page
_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_NAME_WORD = re.compile(r"[^\W\d_][\w’'.\-]*")


def page_subject(text: str) -> str | None:
    """The name of a biography page's subject, else None."""
    lines = text.split("\n", _SCAN)[:_SCAN]
    seen = 0
    for k, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > _HEAD_LINES:
            return None
        if not line.startswith("# "):
            continue
        name = _NOTE.sub("", line[2:]).strip(" *")
        if not _name_shaped(name) or not _has_box(lines[k + 1:k + 1 + _BOX_LINES]):
            return None
        return name
    return None


def _name_shaped(name: str) -> bool:
    parts = name.split()
    return 1 <= len(parts) <= 6 and all(_NAME_WORD.fullmatch(w) and w[0].isupper() for w in parts)


def _has_box(lines: list[str]) -> bool:
    labels = {w.casefold() for w in words("biography_labels")}
    for line in lines:
        cells = [c.strip(" *") for c in line.strip().strip("|").split("|")]
        if "|" in line and cells and cells[0].casefold() in labels:
            return True
    return False
