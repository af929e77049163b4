"""Membership frames: each module reads one way texts set out who sits on a committee and
proposes candidates with its priority; `arbitrate` decides between them, so no result depends
on the order frames run. A new frame is one module here (with `NAME`, `PRIORITY` and
`find(ctx) -> list[Candidate]`), listed in FRAMES, and one case table in
`tests/cases/committees/`."""
from __future__ import annotations

from extractor.recognizers.committees.frames import (appositive, led_by, lists, members_are, role_is, role_of,
                                                    signer, tables)

FRAMES = (lists, tables, members_are, role_of, role_is, appositive, led_by, signer)
