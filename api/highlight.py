"""The items of a record as marks in its text, for the document page.

Every item with evidence becomes a `Mark` (id, kind, label, start, end). The
text is cut at every mark's start and end into `Segment`s; a segment lists the
marks covering it, and takes its colour from the narrowest of them (a member's
name inside the committee's mention shows as the member). Offsets are Python
string indices, so the cutting is done here and not in the browser (whose
strings count UTF-16 units).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from api.labels import GRANULARITIES, RELATIONS, STATUSES, label
from api.titles import vi_date
from models.records import Record

KINDS = {  # kind -> label on the page, in the order of the legend
    "committee": "Ban, tổ, hội đồng",
    "member": "Thành viên",
    "person": "Người",
    "ref": "Văn bản dẫn chiếu",
    "date": "Ngày tháng",
    "task": "Nhiệm vụ",
}


@dataclass
class Mark:
    id: str
    kind: str
    label: str
    start: int
    end: int
    detail: str = ""
    children: list["Mark"] = field(default_factory=list)
    also: list[str] = field(default_factory=list)  # ids of the same value further on (`grouped`)
    number: str | None = None  # a reference's number (the page links it to the number's page)

    @property
    def targets(self) -> list[str]:
        """Every mark a click on this item selects."""
        return [self.id, *self.also]


@dataclass
class Segment:
    text: str
    ids: list[str]                 # every mark covering this piece
    kind: str | None = None        # kind of the narrowest of them (its colour)
    main: str | None = None        # id of the narrowest of them (what a click on it selects)
    start: int = 0                 # where it starts in the text (links to "#at-<start>")


def _join(*parts: str | None, sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


def marks(record: Record) -> dict[str, list[Mark]]:
    """The record's items as marks, by kind; a committee's members are its children."""
    out: dict[str, list[Mark]] = {k: [] for k in KINDS}
    for i, c in enumerate(record.committees):
        committee = Mark(f"c{i}", "committee", c.name, c.evidence.start, c.evidence.end,
                         _join(f"thuộc {c.parent}" if c.parent else None,
                               f"{c.member_count} thành viên" if c.member_count is not None else None))
        for j, m in enumerate(c.members):
            committee.children.append(Mark(
                f"c{i}m{j}", "member", _join(m.role, m.name or m.organization or m.position, sep=": "),
                m.evidence.start, m.evidence.end, _join(m.position, m.organization if m.name else None)))
        out["committee"].append(committee)
        out["member"].extend(committee.children)
    for i, p in enumerate(record.people):
        out["person"].append(Mark(f"p{i}", "person", p.name, p.evidence.start, p.evidence.end,
                                  _join(p.position, p.organization)))
    for i, r in enumerate(record.legal_refs):
        out["ref"].append(Mark(f"r{i}", "ref", _join(r.type, r.number or r.title, sep=" "),
                               r.evidence.start, r.evidence.end, _join(r.issuer, vi_date(r.issued_on), label(RELATIONS, r.relation)),
                               number=r.number))
    for i, d in enumerate(record.dates):
        out["date"].append(Mark(f"d{i}", "date", vi_date(d.value), d.evidence.start, d.evidence.end,
                                _join(label(GRANULARITIES, d.granularity), "tương đối" if d.relative else None)))
    for i, t in enumerate(record.task_stats):
        count = f"{t.count}/{t.total}" if t.total is not None else str(t.count)
        out["task"].append(Mark(f"t{i}", "task", f"{count} {t.subject}", t.evidence.start, t.evidence.end,
                                _join(label(STATUSES, t.status), t.holder, vi_date(t.as_of))))
    return out


def grouped(items: list[Mark]) -> list[Mark]:
    """Items of the same label and detail as one, in the order of their first mention,
    with the ids of the others in `also` ("năm 2017" six times is one line, × 6)."""
    out: dict[tuple[str, str], Mark] = {}
    for m in items:
        first = out.get((m.label, m.detail))
        if first is None:
            out[(m.label, m.detail)] = Mark(m.id, m.kind, m.label, m.start, m.end, m.detail, number=m.number)
        else:
            first.also.append(m.id)
    return list(out.values())


def segments(text: str, all_marks: list[Mark]) -> list[Segment]:
    """`text` cut at every mark boundary; each piece with the marks that cover it."""
    spans = [m for m in all_marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in spans), *(m.end for m in spans)})
    # sweep: marks sorted by start; keep the ones open at each piece
    spans.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Segment] = []
    open_marks: list[Mark] = []
    k = 0
    for a, b in zip(cuts, cuts[1:]):
        while k < len(spans) and spans[k].start <= a:
            open_marks.append(spans[k])
            k += 1
        open_marks = [m for m in open_marks if m.end > a]
        if not open_marks:
            out.append(Segment(text[a:b], [], start=a))
            continue
        narrowest = min(open_marks, key=lambda m: m.end - m.start)
        out.append(Segment(text[a:b], [m.id for m in open_marks], narrowest.kind, narrowest.id, a))
    return out
