"""The status of each count: the status word before it (the verb whose object it is) or after
its noun (the qualifier), the count it divides ("trong đó"), the modality around it (a plan,
a target, a future or an obligation sets work out: `assigned`), and the list it continues.
"""
from __future__ import annotations

import re

from extractor.doc import Doc
from extractor.recognizers.task_stats import holders, modality, when, windows
from extractor.recognizers.task_stats.find import Mention
from extractor.recognizers.task_stats.lexicon import (
    ADJACENT, AND_BEFORE_RE, BEFORE_ONLY, CLAUSE_MARK_RE, COORDINATOR_BEFORE_RE, DIVISION_RE,
    DOCUMENT_SUBJECTS, DONE_RE, DONE_STATUSES, ENTRY_SUBJECTS, FUTURE_RE, JOIN_RE, LIST_GAP, LIST_HEAD_RE,
    LIST_OBJECT, LIST_OPEN_RE, MUST_RE, NOT_RECIPIENTS_RE, OBJECTS, PLAN_HAS_RE, PLAN_REF_RE, POST_ASSIGNED,
    POST_SPAN, PREDICATE_RE, PRE_CLAUSE_MARK_RE, PRE_GAP, PROGRESSIVE_RE, RECIPIENTS, SPECIFIC, STATUS_RE,
    TARGET_SUBJECTS, TIMING, TO_WHOM_RE, lower, phrase_key, status_of,
)


def _clause_start(flat: str, lo: int, pos: int) -> int:
    """Start of the clause that `pos` is in, not before `lo`."""
    start = lo
    for mark in PRE_CLAUSE_MARK_RE.finditer(flat, lo, pos):
        start = mark.end()
    for cue in DIVISION_RE.finditer(flat, lo, pos):
        if LIST_OPEN_RE.search(flat, cue.start(), pos) and not any(c.isdigit() for c in flat[start:cue.start()]):
            continue   # "ban hành các văn bản gồm: 06 ...": no count before it to divide, the verb's list opens
        start = max(start, cue.end())
    return start


def _pre_status(doc: Doc, sentence: tuple[int, int], lo: int, pos: int) -> tuple[str | None, int]:
    """The status word governing the count at `pos` (the last one before it, close by).
    "tổng số" right before the count says assigned unless a verb before it says more."""
    flat = lower(doc)
    seen = windows.matches(doc, flat, STATUS_RE, sentence, max(lo, pos - 80), pos)
    if not seen:
        return None, pos
    last = seen[-1]
    status = status_of(last.group())
    if status == "total":
        if len(seen) > 1 and status_of(seen[-2].group()) not in ("-", "total"):
            last, status = seen[-2], status_of(seen[-2].group())
        elif flat[last.end():pos].strip():
            return None, pos
        else:
            status = "assigned"
    if status in ("other", "work") and len(seen) > 1 and status_of(seen[-2].group()) not in ("-", "total", "other", "work") \
            and flat[seen[-2].end():last.start()].strip() in ("và", ",", "hoặc"):
        last, status = seen[-2], status_of(seen[-2].group())  # "ban hành và sửa đổi 12 thông tư"
    if status == "work":  # "hoàn thành nhiệm vụ triển khai tích hợp 70 DVCTT": done, the verbs of work its object
        k = len(seen) - 1
        while k > 0 and status_of(seen[k - 1].group()) == "work" and not flat[seen[k - 1].end():seen[k].start()].strip():
            k -= 1
        if k > 0 and status_of(seen[k - 1].group()) == "completed" \
                and len(flat[seen[k - 1].end():seen[k].start()].split()) <= 3 \
                and not CLAUSE_MARK_RE.search(flat, seen[k - 1].end(), seen[k].start()):
            last, status = seen[k - 1], "completed"
    gap = flat[last.end():pos]
    listed = len(gap.strip()) <= LIST_OBJECT and LIST_OPEN_RE.search(gap)
    if (len(gap.strip()) > PRE_GAP and not listed) or any(c.isdigit() for c in gap):
        return None, pos
    if phrase_key(last.group()) in ADJACENT and len(gap.split()) > 2:
        return None, pos  # "thông qua Cổng thông tin ... đối với 7 thủ tục": "via", not passed
    if status in TIMING and len(gap.strip()) > 1:
        return None, pos  # "4 dự án chậm tiến độ và 6 nhiệm vụ": the timing is said of the noun before it
    return (None if status == "-" else status), last.start()


def _post_statuses(flat: str, m: Mention, next_start: int) -> list[str]:
    hi = min(m.sentence[1], next_start, m.end + POST_SPAN)
    mark = CLAUSE_MARK_RE.search(flat, m.end, hi)
    if mark:
        hi = mark.start()
    cue = DIVISION_RE.search(flat, m.end, hi)
    if cue:
        hi = cue.start()
    if hi == next_start:  # "14 thủ tục mới ban hành và 06 ...": what follows "và" is the next count's
        joins = [j.start() for j in JOIN_RE.finditer(flat, m.end, hi)]
        hi = joins[-1] if joins else hi
    m.post_end = hi
    out = []
    for x in STATUS_RE.finditer(flat, m.end, hi):
        status = status_of(x.group())
        if status in ("-", "total") or phrase_key(x.group()).lower() in BEFORE_ONLY:
            continue
        if status == "assigned" and x.start() - m.end > POST_ASSIGNED:
            continue  # "... vượt kế hoạch đề ra": set out is said of something else
        out.append(status)
    return out


def _combine(pre: str | None, post: list[str], parent: Mention | None,
             sibling: Mention | None = None) -> tuple[str | None, str | None]:
    """(status, base) from the word before the count, those after its noun and the count it divides
    (or, for a bare timing word, the timed count listed before it: "giải quyết đúng hạn 120 hồ
    sơ, trễ hạn 4 hồ sơ")."""
    if pre in SPECIFIC:
        return pre, pre.split("_")[0]
    base = pre if pre not in (None, *TIMING) else None
    timing = pre if pre in TIMING else None
    for s in post if pre != "other" else ():  # "bãi bỏ 03 TTHC được ban hành kèm theo ...": the verb says it
        if s in SPECIFIC:
            if base in (None, "other", "work", s.split("_")[0]):
                return s, s.split("_")[0]
        elif s in TIMING:
            timing = timing or s
        elif s == "work":  # the weakest word: "cung cấp 25 dịch vụ công được giao" is assigned
            base = base or s
        elif base in (None, "other", "work") and s != "other":
            base = s
        elif base is None:
            base = s
    if base is None and timing is None:
        return (parent.status, parent.base) if parent and parent.status else (None, None)
    if base is None:
        outer = parent.base if parent else (sibling.base if sibling and sibling.status in SPECIFIC else None)
        if timing == "within":
            return "pending_on_time", "pending"
        if timing == "on_time":
            return ("pending_on_time", "pending") if outer == "pending" else ("completed_on_time", "completed")
        # late items of what was done or processed ("giải quyết ..., trễ hạn 50") were done late;
        # late items of what was given or is still open are overdue
        return ("completed_late", "completed") if outer in ("completed", "other") else ("pending_overdue", "pending")
    if base == "other" and timing in ("on_time", "late"):  # "xử lý đúng hạn", "giải quyết trễ hạn"
        return ("completed_late" if timing == "late" else "completed_on_time"), "completed"
    if base == "completed" and timing:
        return ("completed_late" if timing == "late" else "completed_on_time"), base
    if base == "pending" and timing:
        return ("pending_overdue" if timing == "late" else "pending_on_time"), base
    return base, base


def resolve(doc: Doc, found: list[Mention]) -> None:
    flat = lower(doc)
    plan = bool(doc.document and doc.document.kind == "plan")
    dates = when.days(doc)
    for i, m in enumerate(found):
        lo = m.sentence[0]
        prev = found[i - 1] if i and found[i - 1].sentence == m.sentence else None
        nxt = found[i + 1].start if i + 1 < len(found) else len(flat)
        clause = _clause_start(flat, max(lo, prev.end if prev else lo), m.start)
        if prev:  # "giao 50 nhiệm vụ và đã hoàn thành 40": what stands before "và" is the last count's
            joins = [j.end() for j in JOIN_RE.finditer(flat, clause, m.start)]
            clause = joins[-1] if joins else clause
        pre, verb_at = (m.given, m.start) if m.given else _pre_status(doc, m.sentence, clause, m.start)
        if pre is None:  # "giao cho các bộ, cơ quan 1.245 nhiệm vụ": the recipients may hold a comma
            given = _to_whom(doc, m.sentence, m.start)
            if given:
                pre, verb_at = status_of(given.group()), given.start()
        post = _post_statuses(flat, m, nxt)
        m.parent = _divided(doc, found, i)
        m.status, m.base = _combine(pre, post, m.parent, prev)
        m.post_only = pre is None and bool(post)
        m.clause, m.verb_at = clause, verb_at
        m.bare = pre is None and not post
        if pre and AND_BEFORE_RE.search(flat, max(clause, m.start - 6), m.start):
            # "hoàn thành công tác X và 5 nhiệm vụ đang triển khai": the verb before "và" has
            # other objects; a status word after the noun is said of this count
            own = _combine(None, post, m.parent, prev)
            if own[0] not in (None, "other", "work"):
                m.status, m.base = own
        if m.status is None and m.parent is None and (prev is None or prev.verb_at < prev.start):
            # "sẽ triển khai giải pháp ... và 25 dịch vụ công": the last of the verb's objects;
            # "đề ra 6 nhóm biện pháp ..., cũng như 12 nhiệm vụ": a count before it may be
            # another object of the same verb
            far = _coordinated_verb(flat, lo, m.start)
            if far and (prev is None or far.start() == prev.verb_at):
                pre, verb_at = status_of(far.group()), far.start()
                m.status, m.base = _combine(pre, post, None)
                m.verb_at = verb_at
        if m.parent is None and m.status not in (*SPECIFIC, "pending") and m.subject not in ENTRY_SUBJECTS \
                and _under_way(doc, m, clause, verb_at):
            m.status = m.base = "pending"  # "đang soạn thảo 4 thông tư", "3 đề án này đang được thẩm định"
        if (pre is None and m.status in (None, "other", "work") and prev and prev.status and m.parent is None
                and _listed_after(doc, prev, m)):
            m.status, m.base = prev.status, prev.base
            m.holder = holders.holder_in(doc, prev.post_end, m.start, to_count=True, region=m.sentence) or prev.holder
            m.assigned_by, m.as_of = prev.assigned_by, prev.as_of
            continue
        if m.status in (None, "work") and m.parent is None and m.subject not in ENTRY_SUBJECTS \
                and LIST_HEAD_RE.search(flat, max(lo, m.start - 20), m.start):
            m.status = m.base = "assigned"  # "Danh sách 21 dự án triển khai ...": a list sets its items out
        if m.status is None and m.parent is None and PLAN_REF_RE.search(doc.flat, m.end, m.post_end):
            m.status = m.base = "work"  # "25 dịch vụ công ... tại Kế hoạch số 02": work the plan sets out
        if m.status is None and prev is None and PLAN_HAS_RE.search(doc.flat, lo, m.start):
            m.status = m.base = "assigned"  # "Kế hoạch gồm 5 nhóm nhiệm vụ": the plan's own list
        if m.status == "reached":  # "đạt và vượt 12/15 chỉ tiêu": a target reached is done
            m.status = m.base = "completed" if m.subject in TARGET_SUBJECTS else None
        if m.status in (None, "work") and modality.delivered(doc, m, clause):
            m.status = m.base = "completed"  # "đã cung cấp 202 DVCTT", "nâng số DVCTT ... lên 72"
        if m.status in (None, *DONE_STATUSES, "work") and m.parent is None and pre not in ("other", "-") \
                and modality.set_out_by_frame(doc, m, clause):
            m.status = m.base = "assigned"  # a directive's task, a time limit, a lead-in of tasks
        if m.status is None and m.total is not None:
            m.status = m.base = "other"  # "3/3 thủ tục hành chính": counted work, no status word
        if m.status is None:
            continue
        if m.status == "approved":  # approving a scheme issues it; an approved file is processed
            m.status = m.base = "issued" if m.subject in DOCUMENT_SUBJECTS else "other"
        assign = _assigning(flat, lo, verb_at) if m.status in ("work", "assigned") else None
        if m.status in (*DONE_STATUSES, "work") and _is_set_out(doc, m, pre, verb_at, assign, plan):
            m.status = m.base = "assigned"
        if m.status == "work":
            m.status = m.base = "other"  # work reported as carried out: none of the vocabulary
            m.weak = True
        if m.parent:
            m.holder, m.assigned_by, m.as_of = m.parent.holder, m.parent.assigned_by, m.parent.as_of
        else:
            holders.who(doc, m, pre, verb_at, clause, assign)
        m.as_of = m.as_of or when.as_of_at(doc, dates, lo, m.start)
        if m.subject is None:
            m.status = None


def _is_set_out(doc: Doc, m: Mention, pre: str | None, verb_at: int, assign: re.Match | None, plan: bool) -> bool:
    """Work done or carried out (`m.status` a done status or "work") that is in fact set out."""
    flat, lo = lower(doc), m.sentence[0]
    # a work verb is set out by a future or obligation word right before it ("sẽ tiếp tục triển
    # khai", "phải trình", "thời hạn trình"), not by one further back ("sẽ là căn cứ để thực hiện
    # 12 nhiệm vụ" says what the tasks are for)
    if pre == "work":
        future = [f for f in windows.matches(doc, flat, MUST_RE, m.sentence, lo, m.start) if f.start() < verb_at]
        if future and flat[max(lo, future[-1].start() - 6):future[-1].start()].split()[-1:] == ["không"]:
            future = []  # "không phải trình": no obligation
        if future and len(flat[future[-1].end():verb_at].split()) <= 2 or _set_out(doc, m, verb_at, plan):
            return True
        if _done_right_before(flat, lo, verb_at):
            return False  # "đã thực hiện 6 nhiệm vụ theo Kế hoạch": carried out
    elif _set_out(doc, m, lo, plan):
        return True
    if m.status == "work" and FUTURE_RE.search(flat, m.end, m.post_end):
        return True   # "2 chứng từ này dự kiến sẽ được kết nối"
    # "phân công ... để triển khai 21 nhiệm vụ", "... tại Kế hoạch số 02"
    return m.status == "work" and bool(assign or PLAN_REF_RE.search(doc.flat, m.end, m.post_end))




def _done_right_before(flat: str, lo: int, pos: int) -> bool:
    """A word of work done ("đã") right before the verb at `pos`: "đã thực hiện 6 nhiệm vụ theo
    Kế hoạch" reports the plan's work carried out, not set out."""
    done = list(DONE_RE.finditer(flat, max(lo, pos - 30), pos))
    return bool(done) and len(flat[done[-1].end():pos].split()) <= 2


def _to_whom(doc: Doc, sentence: tuple[int, int], pos: int) -> re.Match | None:
    """A verb that takes recipients ("giao cho", "trình"), with only its recipients between it
    and the count at `pos` ("sẽ trình Quốc hội, Chính phủ 11 đề án"): no count, no other status
    word, no mark that opens another clause, at most RECIPIENTS characters."""
    flat, lo = lower(doc), sentence[0]
    last = windows.last(doc, flat, STATUS_RE, sentence, max(lo, pos - RECIPIENTS - 20), pos)
    if last is None or not TO_WHOM_RE.fullmatch(last.group()) and not TO_WHOM_RE.fullmatch(
            flat[last.start():last.end() + 4].rstrip()):
        return None
    gap = flat[last.end():pos]
    if AND_BEFORE_RE.search(gap) or gap.rstrip().endswith("hoặc"):
        return None   # "trình Chính phủ, Thủ tướng và 6 thông tư": the count is the verb's next object
    if not gap.strip() or len(gap) > RECIPIENTS or any(c.isdigit() for c in gap) or NOT_RECIPIENTS_RE.search(gap):
        return None
    return last


def _coordinated_verb(flat: str, lo: int, pos: int) -> re.Match | None:
    """The verb whose list of objects the count at `pos` continues after a coordinator ("triển
    khai giải pháp X và 25 dịch vụ công", "giao 5 đề án ..., cũng như 9 nhiệm vụ"):
    no other status word and no ";" between, at most OBJECTS characters. The caller makes sure
    no count found before it stands in the sentence, so a number between is no object counted."""
    if not COORDINATOR_BEFORE_RE.search(flat, max(lo, pos - 12), pos):
        return None
    seen = list(STATUS_RE.finditer(flat, max(lo, pos - OBJECTS), pos))
    if not seen:
        return None
    verb = seen[-1]
    if status_of(verb.group()) in ("-", "total", *TIMING) or ";" in flat[verb.end():pos]:
        return None
    return verb


def _under_way(doc: Doc, m: Mention, clause: int, verb_at: int) -> bool:
    """The work counted is under way: the progressive "đang" right before the verb whose object
    the count is (at most three words between, none of them "đã"), or after the noun before a
    verb of the vocabulary ("3 đề án này đang được thẩm định"). Said of work items, not
    of entries of a register (procedures put online stay as their verbs say)."""
    flat = lower(doc)
    if verb_at < m.start:
        cue = next(reversed(list(PROGRESSIVE_RE.finditer(flat, max(clause, verb_at - 30), verb_at))), None)
        if cue and len(flat[cue.end():verb_at].split()) <= 3 and not DONE_RE.search(flat, cue.end(), verb_at):
            return True
    for cue in PROGRESSIVE_RE.finditer(flat, m.end, m.post_end):
        verb = STATUS_RE.match(flat, cue.end() + 1) or (
            flat.startswith("được ", cue.end() + 1) and STATUS_RE.match(flat, cue.end() + 6))
        if verb and status_of(verb.group()) not in ("-", "pending", *TIMING):
            return True   # a verb of work ("đang được trình"), not "đang còn" (still)
    return False


def _assigning(flat: str, lo: int, pos: int) -> re.Match | None:
    """The assigning word ("giao", "phân công", "được giao") that governs the verb at `pos`:
    the last before it in its sentence, with no count and no word of work done between
    ("được giao 50 nhiệm vụ, đã triển khai 40" is not)."""
    last = None
    for x in STATUS_RE.finditer(flat, max(lo, pos - 150), pos + 30):
        if x.start() <= pos and status_of(x.group()) == "assigned":
            last = x
    if last is None:
        return None
    between = flat[last.end():pos]
    if any(c.isdigit() for c in between) or DONE_RE.search(between):
        return None
    return last


def _divided(doc: Doc, found: list[Mention], i: int) -> Mention | None:
    """The count that the one at `i` divides: the last count before a "trong đó" that
    stands between it and the count, in the same sentence."""
    m = found[i]
    cue = windows.last(doc, lower(doc), DIVISION_RE, m.sentence, m.sentence[0], m.start)
    if cue is None:
        return None
    # counts are in text order, so those of one sentence stand together: look back only in it
    for k in range(i - 1, -1, -1):
        if found[k].sentence != m.sentence:
            break
        if found[k].end <= cue.start():
            return found[k]
    return None


def _listed_after(doc: Doc, prev: Mention, m: Mention) -> bool:
    """True where `m` only continues the list `prev` stands in ("01 Nghị định ... và 01
    Quyết định", "15/15 nhiệm vụ; Vụ X 08/08 nhiệm vụ"): close by, no status word between."""
    flat = lower(doc)
    gap_start = max(prev.end, prev.post_end)
    if m.start - prev.end > LIST_GAP:
        return False
    if PREDICATE_RE.search(flat, gap_start, m.start) or PREDICATE_RE.search(flat, m.end, m.post_end):
        return False  # "..., đến nay đã trình 10 đề án", "3 văn bản còn nợ đọng": a verb phrase of its own
    if _new_predicate(doc.flat[gap_start:m.start]):
        return False
    return not any(status_of(s.group()) != "-" for s in STATUS_RE.finditer(flat, gap_start, m.start))


_SEPARATOR_RE = re.compile(r"[,;:]|(?<![^\W\d_])(?:và|hoặc)(?![^\W\d_])")
# what may stand between a list's separator and its next count: "và các 5 ...", "cùng 3 ..."
_LIST_WORDS = frozenset({"các", "những", "cả", "cùng", "thêm", "với", "tổng", "số", "là", "gồm", "có"})


def _new_predicate(gap: str) -> bool:
    """After the list's last separator, a lower-case word that is not the list's own (a
    determiner) opens a verb phrase of its own: "thông qua 5 luật, 17 nghị quyết và cho ý
    kiến đối với 6 dự án luật"; a name may stand there ("; Vụ Tổ chức biên chế 08/08 nhiệm vụ")."""
    seps = list(_SEPARATOR_RE.finditer(gap))
    if not seps:
        return False
    words = [w for w in re.findall(r"[^\W\d_]+", gap[seps[-1].end():]) if w not in _LIST_WORDS]
    return bool(words) and words[0].islower()


def _set_out(doc: Doc, m: Mention, lo: int, plan: bool) -> bool:
    """Work that is set out, not done, between `lo` and the count: "sẽ ban hành", "dự kiến hoàn
    thành", or a plan's own list."""
    flat = lower(doc)
    future = [f.end() for f in windows.matches(doc, flat, FUTURE_RE, m.sentence, lo, m.start)]
    done = [d.end() for d in windows.matches(doc, flat, DONE_RE, m.sentence, lo, m.start)]
    if future:
        return not done or max(done) < max(future)
    return plan and not done
