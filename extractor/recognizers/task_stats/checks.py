"""Consistency of the counts: parts that should add up to a whole and do not become warnings.

A warning names the numbers that disagree and where the text states them, in the words an
analyst checks a report by ("... completed on time (240) and late (5) make 245, but the text
says 246 were completed: 'hoàn thành 246 nhiệm vụ'"). Numbers are never changed."""
from __future__ import annotations

from extractor.doc import Doc
from extractor.recognizers.task_stats import windows
from extractor.recognizers.task_stats.find import Mention


def check_sums(doc: Doc, items: list[Mention]) -> None:
    """Warn where parts should add up to a whole and do not; never change a number."""
    for m in items:
        if m.total is not None and m.count > m.total:
            doc.warnings.append(
                f"task_stats: {m.count} of {m.total} {m.subject} is more than the total it is counted from: "
                f"{_quote(doc, m)}"
            )
    # parts of one divided count: on time + late = completed
    kids_of: dict[int, list[Mention]] = {}   # id of a divided count -> the counts that divide it, in order
    for m in items:
        if m.parent is not None:
            kids_of.setdefault(id(m.parent), []).append(m)
    for head in {id(m.parent): m.parent for m in items if m.parent is not None}.values():
        if head.base != "completed":
            continue
        kids = [m for m in kids_of[id(head)] if m.status in ("completed_on_time", "completed_late")]
        on_time = [m.count for m in kids if m.status == "completed_on_time"]
        late = [m.count for m in kids if m.status == "completed_late"]
        if on_time and late and sum(on_time) + sum(late) != head.count:
            doc.warnings.append(
                f"task_stats: {head.subject} completed on time ({' + '.join(map(str, on_time))}) and late "
                f"({' + '.join(map(str, late))}) make {sum(on_time) + sum(late)}, but the text says {head.count} "
                f"were completed: {_quote(doc, head)}"
            )
    # one paragraph's account: completed + pending = assigned
    paragraphs: dict[tuple[int, str], list[Mention]] = {}
    for m in items:
        para = windows.paragraph_break(doc, m.start)
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
            where = next((m for m in ms if m.status == "assigned" and m.parent is None), completed[0])
            doc.warnings.append(
                f"task_stats: {subject} completed ({c}) and not yet completed ({p}) make {c + p}, but the text "
                f"says {a} were assigned: {_quote(doc, where)}"
            )


def _quote(doc: Doc, m: Mention, width: int = 60) -> str:
    """The words around a count in its sentence, quoted, so that a reader finds the place."""
    lo, hi = max(m.sentence[0], m.start - width), min(m.sentence[1], m.end + width)
    text = doc.value(lo, hi)
    return f"“{'…' if lo > m.sentence[0] else ''}{text}{'…' if hi < m.sentence[1] else ''}”"
