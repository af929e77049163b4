"""Imported once, by the fork server of `api.worker` only: runs one small extraction
so that the lazily loaded parts of the extractor (spaCy's vocabulary and matchers, lexicons,
compiled patterns) are in memory before any child is forked from it. Every
extraction child then starts warm instead of loading them again per document."""
from __future__ import annotations

import gc

from extractor.pipeline import extract_text

# Made up for the purpose: one of each kind of item, so that every recognizer loads what it needs.
SAMPLE = (
    "BỘ NỘI VỤ\nSố: 1/QĐ-BNV\nHà Nội, ngày 02 tháng 01 năm 2024\n\nQUYẾT ĐỊNH\n"
    "Căn cứ Nghị định số 63/2022/NĐ-CP ngày 12/9/2022 của Chính phủ;\n"
    "Điều 1. Thành lập Ban chỉ đạo gồm: Trưởng ban là ông Nguyễn Văn An, Thứ trưởng; "
    "Phó Trưởng ban là bà Trần Thị Bình, Vụ trưởng Vụ Pháp chế.\n"
    "Đến ngày 30/6/2024, Bộ đã hoàn thành 12/15 nhiệm vụ được giao.\n"
)

try:
    extract_text(SAMPLE, "warm-up")
except Exception:  # noqa: BLE001 - a broken recognizer shows again, per document, as a warning
    pass

# Children should not copy the server's memory page by page when their garbage
# collector walks it: what is loaded by now stays as it is.
gc.collect()
gc.freeze()
