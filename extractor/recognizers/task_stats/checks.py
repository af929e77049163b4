"""Consistency of the counts: parts that should add up to a whole and do not become warnings."""
from __future__ import annotations

from extractor.doc import Doc
from extractor.recognizers.task_stats.find import Mention


def check_sums(doc: Doc, items: list[Mention]) -> None:
    """Warn where parts should add up to a whole and do not; never change a number."""
    for m in items:
        if m.total is not None and m.count > m.total:
            doc.warnings.append(
                f"task_stats: {m.count}/{m.total} {m.subject}: the count exceeds its total ({doc.value(m.start, m.end)!r})"
            )
    # parts of one divided count: on time + late = completed
    for head in {id(m.parent): m.parent for m in items if m.parent is not None}.values():
        if head.base != "completed":
            continue
        kids = [m for m in items if m.parent is head and m.status in ("completed_on_time", "completed_late")]
        on_time = [m.count for m in kids if m.status == "completed_on_time"]
        late = [m.count for m in kids if m.status == "completed_late"]
        if on_time and late and sum(on_time) + sum(late) != head.count:
            doc.warnings.append(
                f"task_stats: {sum(on_time)} on time + {sum(late)} late = {sum(on_time) + sum(late)}, "
                f"but {head.count} {head.subject} completed ({doc.value(head.start, head.end)!r})"
            )
    # one paragraph's account: completed + pending = assigned
    paragraphs: dict[tuple[int, str], list[Mention]] = {}
    for m in items:
        para = doc.text.rfind("\n\n", 0, m.start)
        paragraphs.setdefault((para, m.subject), []).append(m)
    for (_, subject), ms in paragraphs.items():
        assigned = [m.count for m in ms if m.status == "assigned" and m.parent is None]
        completed = [m for m in ms if m.base == "completed" and (m.parent is None or m.parent.base != "completed")]
        pending = [m.count for m in ms if m.base == "pending" and (m.parent is None or m.parent.base != "pending")]
        if not assigned and len(completed) == 1 and completed[0].total is not None:
            assigned = [completed[0].total]  # "hoàn thành 106/109 nhiệm vụ, còn 3 nhiệm vụ đang thực hiện"
        if len(assigned) != 1 or not completed or not pending:
            continue
        a, c, p = assigned[0], sum(m.count for m in completed), sum(pending)
        if c + p != a:
            doc.warnings.append(
                f"task_stats: {c} completed + {p} pending = {c + p}, but {a} {subject} assigned"
            )
