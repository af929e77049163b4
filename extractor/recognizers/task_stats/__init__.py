"""Recognizer for `task_stats` of RECORDS.md: counts of tasks and work items with a status.

The pipeline is the package's modules, in the order they run:

- `find`: counts with what they count ("246 nhiệm vụ", "04/39 Thông tư", "hai nhiệm vụ"), the
  noun first ("số nhiệm vụ đã hoàn thành: 246"), bare counts beside a status word in a sentence
  that holds a mention ("; 3 quá hạn"); labels, years, row and item numbers are not counts.
- `status`: the status word before the count (the verb whose object it is) or after its noun
  (the qualifier), the count it divides ("trong đó": on time / late of the completed ones,
  within deadline / overdue of the pending ones), the list it continues;
- `modality`: the frame of the clause from the structure layer — a time limit, a directive's
  imperative item, a lead-in of tasks, a future or an obligation set work out (`assigned`);
  work delivered when done ("đã cung cấp", "đã được cắt giảm", "nâng ... lên") is `completed`;
  a target reached ("đạt và vượt 12/15 chỉ tiêu") is `completed`;
- `holders`, `when`: who carries the count and who gave it, the day it stands at;
- `repeats`: counts that share the verb after a list, and headlines, teasers and captions that
  repeat a count stated in the body;
- `resolve`: holders resolved to a full body (never a bare "Bộ", "đơn vị", "ngành");
- `checks`: sums that should hold and do not become warnings that name the numbers.

Patterns run over the lower-cased `doc.flat` (same length as the text, so offsets hold).
Lexicons are data (`extractor/data/task_*`): `task_subjects.tsv`, `task_status.tsv`,
`task_cues.tsv`, `task_holder_heads.txt`, `task_giver_heads.txt`, `task_holder_stops.txt`,
`task_holder_refs.txt`; number words in `vi_numbers`.
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
