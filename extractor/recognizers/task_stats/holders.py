"""Who carries the counted tasks (`holder`) and who gave them (`assigned_by`)."""
from __future__ import annotations

import re
from bisect import bisect_left

from extractor import persons
from extractor.doc import Doc
from extractor.recognizers.task_stats import windows
from extractor.recognizers.task_stats.find import Mention
from extractor.recognizers.task_stats.lexicon import (
    ACTIVE_ASSIGN_RE, BY_UNIT_AFTER_RE, COOPERATE_RE, FOR_RE, GIVEN_BY_AFTER_RE, GIVEN_BY_BEFORE_RE,
    FRONTED_RE, GIVER_HEAD_RE, HOLDER_HEAD_RE, HOLDER_STOP_RE, NOT_HOLDER_BEFORE_RE, VERB_STOP_RE, lower,
)
from extractor.spans import spans


def who(doc: Doc, m: Mention, pre: str | None, verb_at: int, clause: int, assign: re.Match | None) -> None:
    """Set `m.holder` and `m.assigned_by` from the words around the count."""
    flat, lo = lower(doc), m.sentence[0]
    # "Bộ Công an chủ trì, phối hợp Văn phòng Chính phủ ... thực hiện": the clause after
    # the comma names who helps; the one who leads carries the tasks
    helpers = COOPERATE_RE.match(flat, clause)
    # after a colon the list names its own units ("như: Vụ X hoàn thành 15/15 nhiệm vụ")
    named = max(clause, flat.rfind(":", clause, verb_at) + 1)
    m.holder = (None if helpers else holder_in(doc, named, verb_at, region=m.sentence)) \
        or holder_in(doc, lo, verb_at, region=m.sentence) \
        or body_in(doc, lo, verb_at)   # a unit without a head word: a body of the register
    if m.holder is None and BY_UNIT_AFTER_RE.match(flat, m.end):
        # "2 Quyết định được Tổng cục Hải quan trình ký ban hành": the unit after the noun
        m.holder = holder_in(doc, BY_UNIT_AFTER_RE.match(flat, m.end).end(), m.post_end or m.end,
                             right_after=True, region=m.sentence)
    if assign and ACTIVE_ASSIGN_RE.match(assign.group()):
        # "UBND tỉnh giao cho Sở Nội vụ 15 nhiệm vụ": the unit after the verb (or after the
        # noun: "giao 15 nhiệm vụ cho Sở Nội vụ") carries them, the one before it gave them.
        # Before a verb of work ("phân công các đơn vị để triển khai"), the one before
        # carries them unless a unit is named right after.
        given_to = holder_in(doc, assign.end(), verb_at if verb_at > assign.end() else m.start,
                             to_count=True, right_after=True, region=m.sentence)
        direct = pre == "assigned" and verb_at == assign.start()
        if direct and not given_to and FOR_RE.match(flat, m.end):
            given_to = holder_in(doc, FOR_RE.match(flat, m.end).end(), min(m.sentence[1], m.end + 100),
                                 to_count=True, right_after=True, region=m.sentence)
        if given_to or direct:
            m.holder = given_to
            m.assigned_by = holder_in(doc, max(clause if clause < assign.start() else lo, lo),
                                      assign.start(), heads=GIVER_HEAD_RE, region=m.sentence)
    _main_clause(doc, m)
    by = GIVEN_BY_BEFORE_RE.search(doc.flat, max(lo, verb_at - 100), m.start) if pre == "assigned" else None
    by = by or GIVEN_BY_AFTER_RE.search(doc.flat[m.end:m.post_end])
    if by:
        m.assigned_by = doc.value(*_span(by, "by", m.end if by.re is GIVEN_BY_AFTER_RE else 0))
        if by.re is GIVEN_BY_BEFORE_RE:
            m.holder = holder_in(doc, lo, by.start(), region=m.sentence) or m.holder



def _main_clause(doc: Doc, m: Mention) -> None:
    """A count inside a fronted opening ("Thực hiện ..., X tổ chức ...") is carried by the main
    clause's subject after the comma that closes the opening, or by nobody where it names none
    ("Trên cơ sở ..., các bộ, ngành nghiên cứu ...")."""
    flat, (lo, hi) = lower(doc), m.sentence
    if not FRONTED_RE.match(flat, lo):
        return
    end = min((k for k in (flat.find(";", m.end, hi), flat.find(":", m.end, hi)) if k >= 0), default=hi)
    commas = []
    k = flat.find(", ", m.end, end + 1)
    while k >= 0:   # every ", " that starts before `end`
        commas.append(k)
        k = flat.find(", ", k + 1, end + 1)
    if not commas:
        return
    # the opening may list things with commas itself: the main clause starts at the comma a unit follows
    m.holder = next((h for k in commas if (h := holder_in(doc, k + 2, min(end, k + 120), right_after=True, region=m.sentence))),
                    None)
    m.settled = True


def _not_holder_before(flat: str, a: int, b: int) -> bool:
    """A cue right before a unit that says it holds nothing ("theo", "của"), read in flat[a:b]
    lower-cased (one character before `a` kept for the cue's word boundary)."""
    k = max(0, a - 1)
    return bool(NOT_HOLDER_BEFORE_RE.search(flat[k:b].lower(), a - k))


_HEAD_OF = (["trưởng"], ["phó"])   # the word after a head that makes it the title of the unit's head


def _person_from(doc: Doc, a: int, b: int) -> int | None:
    """Where the first person named in doc.flat[a:b] starts (`extractor.persons`), or None."""
    starts = doc.cache.get("person_starts")
    if starts is None:
        sp = spans(doc)
        starts = doc.cache["person_starts"] = sorted(sp.start[m.name_i] for m in persons.mentions(doc) if m.name)
    k = bisect_left(starts, a)
    return starts[k] if k < len(starts) and starts[k] < b else None


def holder_in(doc: Doc, lo: int, hi: int, to_count: bool = False, right_after: bool = False,
              heads: re.Pattern = HOLDER_HEAD_RE, region: tuple[int, int] | None = None) -> str | None:
    """The first unit named in doc.flat[lo:hi], up to the verb or particle after it (or up to
    the count, `to_count`: "; Vụ Tổ chức biên chế 08/08 nhiệm vụ"); `right_after`: only
    where it begins the span (after "cho", "các"). `region`: the count's sentence, whose heads
    are then found once for all its counts."""
    flat = doc.flat
    # searched past `hi` so that the word after a head right before the verb can be seen
    if region is not None:
        region = (region[0], min(len(flat), region[1] + _PAST))
    head = next((h for h in windows.heads(doc, heads, region, lo, min(len(flat), hi + _PAST))
                 if h.start() < hi and (h.group()[0].isupper() or h["next"].isupper())
                 and flat[h.end():h.end() + 12].split()[:1] not in _HEAD_OF   # "Bộ trưởng": a person's title
                 and not _not_holder_before(flat, max(lo, h.start() - 20), h.start())), None)
    if not head or right_after and flat[lo:head.start()].strip().lower() not in ("", "cho", "các", "cho các"):
        return None
    stops = [s for s in (HOLDER_STOP_RE.search(flat, head.end(), hi), VERB_STOP_RE.search(flat, head.end(), hi)) if s]
    stop = min(stops, key=lambda s: s.start()) if stops else None
    end = stop.start() if stop else hi
    body = _body_at(doc, head.start())
    if body and end < body.end <= max(hi, end):
        end, stop = body.end, None   # a body's name holds a comma: "Bộ Văn hóa, Thể thao và Du lịch"
    # the verb or particle at `hi` ends the name as well as one inside the span
    stop = stop or HOLDER_STOP_RE.match(flat, max(head.end(), hi - 1))
    person = _person_from(doc, head.end(), end)
    if person is not None:   # "Cục Hải quan thành phố Lê Văn A cho biết": the unit ends at its head's name
        end = person
    name = " ".join(flat[head.start():end].split()).rstrip(".,;:- ")
    # without a particle, a verb or a person's name to end it, a long run of words is more than a name
    ended = stop is not None or person is not None or to_count
    if len(name.split()) > (14 if ended else 6) or any(c.isdigit() for c in name.rsplit(" ", 1)[0]):
        return None   # a number ends a name ("Chi cục Hải quan ... khu vực 1"), it does not stand inside one
    return name


_PAST = 40   # how far past the window a head's next word is looked for


def body_in(doc: Doc, lo: int, hi: int) -> str | None:
    """The first body of the register named whole in doc.flat[lo:hi] ("Kiểm toán Nhà nước",
    "Chính phủ"), not after a cue that says it holds nothing ("theo Chính phủ") nor as the
    owner of something ("nghị quyết của Chính phủ"), as written."""
    flat = doc.flat
    for body in spans(doc).between("body", lo, hi):
        owner = flat[max(lo, body.start - 8):body.start].lower().split()[-1:] == ["của"]
        if not owner and not _not_holder_before(flat, max(lo, body.start - 20), body.start):
            return " ".join(doc.text[body.start:body.end].split())
    return None


def _body_at(doc: Doc, at: int):
    """The register's body whose name starts at offset `at`, if any (the span layer)."""
    sp = spans(doc)
    i = sp.token_at(at)
    return sp.at("body", i) if i < len(sp) and sp.start[i] == at else None


def _span(match: re.Match, group: str, offset: int) -> tuple[int, int]:
    return match.start(group) + offset, match.end(group) + offset
