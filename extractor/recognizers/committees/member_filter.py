"""A learned check on the members arbitration kept: is this reading a seat on a committee?

Frames read shapes; what they cannot weigh is the whole picture around a reading: a roll of
two hundred names under a Party congress, a list of deputies on a legislature's page, a role
word met three screens after the committee was last named. Each kept candidate is described
by features of that picture (the frame and how many frames agree, what kind of committee and
how far its name is, the block the reading sits in, how many members its committee has, the
document's genre) and a logistic model (`extractor/logistic.py`) trained on the annotated corpora
(`scripts/train_member_filter.py`) gives the probability that the reading is a gold member;
readings below the model's threshold are dropped.

No word of any document is a feature: only shapes and counts, so what the model learns is
how texts set out committees, not which committees a corpus holds.
"""
from __future__ import annotations

import math

from extractor import logistic, register as reg
from extractor.recognizers.committees.arbitrate import identity
from extractor.recognizers.committees.context import Candidate, Context

MODEL = "member_filter"
ORDINARY_ROLES = frozenset({"thành viên", "ủy viên"})
_FAMILIES = ("ban", "to", "hoidong", "doan")
_BLOCK_KINDS = ("article", "roman", "number", "subnumber", "letter", "dash", "plus", "para")


def _log(x: float) -> float:
    return math.log1p(max(x, 0.0))


def features(ctx: Context, kept: list[Candidate], cands: list[Candidate]) -> list[dict[str, float]]:
    """One feature dict per kept candidate (a missing key is 0)."""
    n_text = max(len(ctx.text), 1)
    per_entity: dict[int, int] = {}
    for c in kept:
        per_entity[c.entity] = per_entity.get(c.entity, 0) + 1
    agree: dict[tuple, set[str]] = {}
    for c in cands:
        agree.setdefault((identity(c), reg.fold(c.role)), set()).add(c.frame)
    seats: dict[tuple, set[int]] = {}
    for c in kept:
        seats.setdefault(identity(c), set()).add(c.entity)
    kinds = {c.frame for c in kept}
    out = []
    for c in kept:
        f: dict[str, float] = {"bias": 1.0}
        f["frame=" + c.frame] = 1.0
        f["priority"] = c.priority / 10.0
        kind = identity(c)[0]
        f["ident=" + kind] = 1.0
        f["has_position"] = float(bool(c.position))
        f["has_organization"] = float(bool(c.organization))
        role = reg.fold(c.role)
        f["role_ordinary"] = float(role in ORDINARY_ROLES)
        f["frames_agreeing"] = float(len(agree.get((identity(c), role), ())) - 1)
        f["other_committees_of_member"] = _log(len(seats[identity(c)]) - 1)
        f["members_of_committee"] = _log(per_entity[c.entity])
        f["members_in_document"] = _log(len(kept))
        f["frames_in_document"] = float(len(kinds))
        f["committees_in_document"] = _log(len(ctx.entities))
        f["people_in_document"] = _log(len(ctx.people))
        f["text_length"] = _log(n_text / 1000.0)
        f["place_in_text"] = c.start / n_text
        if c.entity < 0:
            f["committee=main"] = 1.0
            e = ctx.entities[ctx.main] if 0 <= ctx.main < len(ctx.entities) else None
        else:
            e = ctx.entities[c.entity]
        if e is not None:
            f["family=" + (e.family if e.family in _FAMILIES else "other")] = 1.0
            f["subgroup"] = float(e.subgroup)
            f["has_parent"] = float(e.parent >= 0)
            f["committee_mentions"] = _log(len(e.mentions))
            f["committee_name_words"] = _log(len(e.name.split()))
            before = [m.end for m in e.mentions if m.end <= c.start]
            gap = c.start - max(before) if before else n_text
            f["chars_after_committee"] = _log(gap / 100.0)
            f["committee_named_after"] = float(not before)
        row = ctx.st.row_at(c.start)
        if row is not None:
            f["in_table"] = 1.0
            f["table_rows"] = _log(len(ctx.st.table_rows(row.table)))
        else:
            k = ctx.st.block_at(c.start)
            if k >= 0:
                blk = ctx.st.blocks[k]
                f["block=" + (blk.kind if blk.kind in _BLOCK_KINDS else "other")] = 1.0
                f["block_level"] = float(min(blk.level, 6)) / 6.0
                f["heading"] = float(ctx.text[blk.start:blk.end].lstrip().startswith("#"))
        s, e_ = ctx.st.sentence_at(c.start)
        f["sentence_length"] = _log((e_ - s) / 100.0)
        f["people_in_sentence"] = _log(len(ctx.people_in(s, e_)))
        f["committees_in_sentence"] = _log(len(ctx.committees_in(s, e_)))
        out.append(f)
    return out


def keep(ctx: Context, kept: list[Candidate], cands: list[Candidate]) -> list[Candidate]:
    m = logistic.load(MODEL)
    if m is None or not kept:
        return kept
    return [c for c, f in zip(kept, features(ctx, kept, cands)) if logistic.accepts(m, f)]
