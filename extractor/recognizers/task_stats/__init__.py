"""Recognizer for `task_stats` of RECORDS.md: counts of tasks and work items with a status.

A mention is a count followed by what it counts ("246 nhiệm vụ", "04/39 Thông tư",
"48 trên tổng số 52 nhiệm vụ", "hai nhiệm vụ"), or the noun first with the count
closing its clause ("số nhiệm vụ đã hoàn thành: 246"); inside a sentence that
already holds one, a bare count next to a status word ("đang triển khai 21",
"; 3 quá hạn") counts the same thing. Its status comes from the status word right
before the count (the verb whose object it is: "đã hoàn thành 246 nhiệm vụ") or
after its noun (the qualifier: "240 nhiệm vụ đúng hạn", "... được ban hành"); a
count after "trong đó" divides the count before it, so a bare timing word takes
its meaning from that count ("đúng hạn"/"quá hạn" of completed ones are
completed_on_time/late, of pending ones pending_on_time/overdue). A count without
a status word of its own in a list ("01 Nghị định ... và 01 Quyết định") shares
the status of the one before. Work set out rather than done ("sẽ ban hành", a
plan's own list) is assigned. Verbs of carrying work out ("triển khai", "thực hiện",
"trình") report none of the vocabulary (`other`) unless the work is set out: a future
or obligation word right before them, an assigning word before them in the sentence
("phân công ... để triển khai 21 nhiệm vụ"), a named plan after the noun ("... tại Kế
hoạch số 02"). In a table flattened with "|", a count takes the row's label cell
("| Nhiệm vụ đã hoàn thành | 98 |"); a row number or a marking scheme's points do not.
Sums that should hold and do not become warnings.

Everything runs as regexes over the lower-cased `doc.flat` (same length, so offsets
hold; patterns without case folding or a leading look-behind are searched for
quickly), and only sentences holding a mention are looked at closely. Lexicons are
data: `task_subjects.tsv`, `task_status.tsv`, `task_cues.tsv`, `task_holder_heads.txt`,
`task_giver_heads.txt`, `task_holder_stops.txt`; number words in `vi_numbers`.
"""
from __future__ import annotations

from extractor.doc import Doc
from extractor.recognizers.task_stats.checks import check_sums
from extractor.recognizers.task_stats.find import find
from extractor.recognizers.task_stats.lexicon import lower
from extractor.recognizers.task_stats.resolve import resolve_holders
from extractor.recognizers.task_stats.repeats import share_predicates, take_from_repeats
from extractor.recognizers.task_stats.status import resolve
from models.records import TaskStat


def recognize(doc: Doc) -> list[TaskStat]:
    found = find(doc)
    resolve(doc, found)
    share_predicates(lower(doc), found)
    resolve_holders(doc, [m for m in found if m.status is not None])
    take_from_repeats(found)
    items = [m for m in found if m.status is not None]
    check_sums(doc, items)
    return [
        TaskStat(subject=m.subject, status=m.status, count=m.count, total=m.total, holder=m.holder,
                 assigned_by=m.assigned_by, as_of=m.as_of, evidence=doc.evidence(m.start, m.end))
        for m in items
    ]
