"""Questions across everything in a `Store`, answered as pydantic models (the HTTP
service uses them as response models, `vanban query` prints them).

    people(store, q)            -> list[PersonResult]     who is named so, with every committee
                                                          role and position, in date order
    references(store, number)   -> list[ReferenceResult]  a legal number (however spaced or dashed,
                                                          whole or its leading part: "49/2017") or a
                                                          law's name: the stored document that bears
                                                          it, and every mention citing it
    committees(store, q)        -> list[CommitteeResult]  committees by name, with their members
    task_stats(store, holder, date_from, date_to) -> list[TaskRow]
                                                          task counts by holder and period, one row
                                                          per document, holder, period and subject,
                                                          a column per status

Names match accent- and case-insensitively as whole words, the last word possibly
cut short ("pham minh ti"); units and committees also through aliases ("Bộ TT&TT").
Every match goes through an index (`models.indexes`). Documents without a date sort last.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Iterable, get_args

from pydantic import BaseModel
from sqlalchemy import and_, bindparam, false, func, select

from models import indexes
from models.records import Evidence, Relation
from models.search import fold, key, number_key
from models.store import (
    CommitteeRow, DocumentRow, DocumentSummary, LegalRefRow, LegalTitleRow, MemberRow, PersonRow, Store,
    TaskStatRow, _date_range,
)

# --- results -----------------------------------------------------------------


class CommitteeRole(BaseModel):
    """A person's place in one committee of one document."""
    committee: str
    parent: str | None = None
    role: str
    position: str | None = None
    organization: str | None = None
    document: DocumentSummary
    evidence: Evidence


class PersonMention(BaseModel):
    """A person as named in one document (the `people` section)."""
    position: str | None = None
    organization: str | None = None
    document: DocumentSummary
    evidence: Evidence


class PersonResult(BaseModel):
    name: str                       # as most documents write it
    positions: list[str]            # every job title found, first seen first (date order)
    roles: list[CommitteeRole]      # date order
    mentions: list[PersonMention]   # date order


class Citation(BaseModel):
    """One mention of a legal document inside a stored document."""
    type: str
    number: str | None = None
    title: str | None = None
    issuer: str | None = None
    issued_on: str | None = None
    relation: str | None = None
    document: DocumentSummary       # the citing document
    evidence: Evidence


RELATIONS = get_args(Relation)


class CitingDocument(BaseModel):
    """A document that cites the reference, and what it does to it (RECORDS.md relation)."""
    document: DocumentSummary
    relations: list[str]               # distinct relations of its mentions, in text order; empty: only cites it
    mentions: int


class ReferenceResult(BaseModel):
    type: str
    number: str | None = None
    title: str | None = None
    issuer: str | None = None
    issued_on: str | None = None
    documents: list[DocumentSummary]   # stored documents that bear this number themselves
    citing: list[DocumentSummary]      # documents that mention it, date order (of the mentions listed)
    cited_by: list[CitingDocument]     # the same documents, each with its relation to it
    mentions: list[Citation]           # date order, the first `references(mentions=...)` of them
    mention_count: int = 0             # every mention, listed or not
    citing_count: int = 0              # every document that mentions it, listed or not


class MemberResult(BaseModel):
    name: str | None = None
    role: str
    position: str | None = None
    organization: str | None = None
    evidence: Evidence


class CommitteeResult(BaseModel):
    name: str
    parent: str | None = None
    member_count: int | None = None
    document: DocumentSummary
    evidence: Evidence
    members: list[MemberResult]


STATUSES = ("assigned", "completed", "completed_on_time", "completed_late", "pending", "pending_on_time",
            "pending_overdue", "issued", "other")


class TaskRow(BaseModel):
    holder: str | None = None       # as written, else the document's issuer, else the one holder it names
    period: str | None = None       # the date the counts stand at, else the document's date
    subject: str
    total: int | None = None
    assigned: int | None = None
    completed: int | None = None
    completed_on_time: int | None = None
    completed_late: int | None = None
    pending: int | None = None
    pending_on_time: int | None = None
    pending_overdue: int | None = None
    issued: int | None = None
    other: int | None = None
    document: DocumentSummary


# --- helpers -----------------------------------------------------------------

# The columns of a summary: selected alone so that no query loads a document's text.
_SUMMARY = [getattr(DocumentRow, f) for f in DocumentSummary.model_fields]


def _summary(row: Any) -> DocumentSummary:
    return DocumentSummary(**{f: getattr(row, f) for f in DocumentSummary.model_fields})


def _evidence(item: Any) -> Evidence:
    return Evidence(start=item.ev_start, end=item.ev_end, text=item.ev_text)


def _date_order(doc: DocumentSummary) -> tuple:
    """Dated documents first, oldest first; then undated ones in the order they were added."""
    return (doc.issued_on is None, doc.issued_on or "", doc.added_at or 0, doc.id)


def _rows(store: Store, stmt) -> list:
    with store.session() as s:
        return list(s.execute(stmt))


# --- people ------------------------------------------------------------------


def people(store: Store, q: str, *, limit: int = 100) -> list[PersonResult]:
    """Everyone whose name matches `q` ("nguyen huy dung" finds "Nguyễn Huy Dũng"),
    one result per distinct name, with their committee roles and mentions in date order."""
    dialect = store.engine.dialect.name
    if not fold(q).strip():
        return []
    # the `limit` names found most often first, then their rows only
    found: Counter = Counter()
    for table in (MemberRow, PersonRow):
        matches = indexes.has_phrase(dialect, table, "name_key", fold(q))
        for name_key, n in _rows(store, select(table.name_key, func.count()).where(matches)
                                 .group_by(table.name_key)):
            found[name_key] += n
    top = [k for k, _ in found.most_common(limit)]
    if not top:
        return []
    members = _rows(store, select(MemberRow, CommitteeRow.name, CommitteeRow.parent, *_SUMMARY)
                    .join(CommitteeRow, MemberRow.committee_id == CommitteeRow.id)
                    .join(DocumentRow, MemberRow.document_id == DocumentRow.id)
                    .where(MemberRow.name_key.in_(top)))
    persons = _rows(store, select(PersonRow, *_SUMMARY).join(DocumentRow, PersonRow.document_id == DocumentRow.id)
                    .where(PersonRow.name_key.in_(top)))
    spellings: dict[str, Counter] = defaultdict(Counter)
    roles: dict[str, list[CommitteeRole]] = defaultdict(list)
    mentions: dict[str, list[PersonMention]] = defaultdict(list)
    for row in members:
        m = row.MemberRow
        spellings[m.name_key][m.name] += 1
        roles[m.name_key].append(CommitteeRole(
            committee=row.name, parent=row.parent, role=m.role, position=m.position, organization=m.organization,
            document=_summary(row), evidence=_evidence(m)))
    for row in persons:
        p = row.PersonRow
        spellings[p.name_key][p.name] += 1
        mentions[p.name_key].append(PersonMention(position=p.position, organization=p.organization,
                                                  document=_summary(row), evidence=_evidence(p)))
    results = []
    for name_key, names in spellings.items():
        person_roles = sorted(roles[name_key], key=lambda r: (_date_order(r.document), r.evidence.start))
        person_mentions = sorted(mentions[name_key], key=lambda m: _date_order(m.document))
        positions = [p for p in _ordered(person_roles, person_mentions) if p]
        results.append(PersonResult(name=names.most_common(1)[0][0], positions=list(dict.fromkeys(positions)),
                                    roles=person_roles, mentions=person_mentions))
    results.sort(key=lambda r: (-len(r.roles) - len(r.mentions), fold(r.name)))
    return results[:limit]


def _ordered(roles: list[CommitteeRole], mentions: list[PersonMention]) -> Iterable[str | None]:
    """Positions of roles and mentions together, in date order."""
    both = [(r.document, r.position) for r in roles] + [(m.document, m.position) for m in mentions]
    return (p for _, p in sorted(both, key=lambda x: _date_order(x[0])))


# --- references --------------------------------------------------------------


# the most mentions one reference lists (its counts say how many there are in all): a law
# cited by a tenth of a large store has tens of thousands, more than an answer can carry;
# and the most one answer lists, shared among its references (a law's short name, "dat dai",
# is in the titles of a hundred documents: ten mentions each)
MENTIONS = 50
ANSWER_MENTIONS = 1000


def references(store: Store, number: str, *, relation: str | None = None, limit: int = 100,
               mentions: int = MENTIONS) -> list[ReferenceResult]:
    """Mentions of a legal number however written ("49/2017/ND-CP", "49 / 2017 / NĐ – CP",
    "Nghị định 49/2017/NĐ-CP"), or, for words without a digit, of every document cited
    under a title with those words, a named law or code ("luat ban hanh van ban") or a
    numbered one; grouped per referenced document, the most mentioned first.
    With `relation` only the mentions that state it: `relation="repeals"` answers "what
    repealed Nghị định X". Each result lists its first `mentions` mentions in date order,
    fewer when more than `ANSWER_MENTIONS // mentions` results share the answer;
    `mention_count` and `citing_count` count them all."""
    if relation is not None and relation not in RELATIONS:
        raise ValueError(f"relation must be one of {', '.join(RELATIONS)}, not {relation!r}")
    dialect = store.engine.dialect.name
    # the referenced documents asked for (`target_key`): those of the mentions that bear the
    # number, or those cited under a title with the words
    if any(c.isdigit() for c in number):
        k = number_key(number)
        if not k:
            return []
        targets = (select(LegalRefRow.target_key).where(indexes.number_matches(dialect, LegalRefRow.number_key, k))
                   .distinct())
        documents_stmt = select(*_SUMMARY).where(indexes.number_matches(dialect, DocumentRow.number_key, k))
    else:
        words = indexes.has_words(dialect, LegalTitleRow, "title_key", key(number))
        if words is None:
            return []
        targets = select(LegalTitleRow.target_key).where(words).distinct()
        documents_stmt = None
    filters = [] if relation is None else [LegalRefRow.relation == relation]
    typed = _typed(number)  # "Quyết định 34": only decisions numbered 34, when there are any
    if typed:
        types = [t for t in _rows(store, select(LegalRefRow.type).where(LegalRefRow.target_key.in_(targets), *filters)
                                  .distinct()) if fold(t[0]) == typed]
        if types:
            filters.append(LegalRefRow.type.in_([t[0] for t in types]))
    condition = and_(LegalRefRow.target_key.in_(targets), *filters)
    # per target its mentions and the documents citing it (one date key each), most mentioned first
    counted = _rows(store, select(LegalRefRow.target_key, func.count(), func.count(LegalRefRow.date_key.distinct()))
                    .where(condition).group_by(LegalRefRow.target_key))
    counted.sort(key=lambda g: (-g[1], -g[2], g[0]))
    counted = counted[:limit]
    mentions = min(mentions, max(1, ANSWER_MENTIONS // len(counted))) if counted else mentions
    bearers = [_summary(r) for r in _rows(store, documents_stmt)] if documents_stmt is not None else []
    if not counted:
        if bearers and relation is None:  # a stored document that nothing cites yet
            d = bearers[0]
            return [ReferenceResult(type=d.kind, number=d.number, issuer=d.issuer, issued_on=d.issued_on,
                                    documents=bearers, citing=[], cited_by=[], mentions=[])]
        return []
    # the first `mentions` of each target in date order, each a short walk along the index
    # of targets (a window over them all would read every mention of a law cited 20,000 times)
    first = (select(LegalRefRow.id).where(LegalRefRow.target_key == bindparam("target"), *filters)
             .order_by(LegalRefRow.date_key, LegalRefRow.ev_start).limit(mentions))
    ref = (LegalRefRow.type.label("ref_type"), LegalRefRow.number.label("ref_number"), LegalRefRow.title.label("ref_title"),
           LegalRefRow.issuer.label("ref_issuer"), LegalRefRow.issued_on.label("ref_issued_on"), LegalRefRow.relation,
           LegalRefRow.ev_start, LegalRefRow.ev_end, LegalRefRow.ev_text, LegalRefRow.target_key)
    with store.session() as s:
        ids = [i for g in counted for i in s.execute(first, {"target": g[0]}).scalars()]
        rows = list(s.execute(select(*ref, *_SUMMARY).join(DocumentRow, LegalRefRow.document_id == DocumentRow.id)
                              .where(LegalRefRow.id.in_(ids))))
    found: dict[int, list] = defaultdict(list)
    summaries: dict[str, DocumentSummary] = {}  # a document citing it many times is one summary
    for r in rows:
        document = summaries.get(r.id) or summaries.setdefault(r.id, _summary(r))
        # built without validation: the values come from the store, as validated when stored
        found[r.target_key].append(Citation.model_construct(
            type=r.ref_type, number=r.ref_number, title=r.ref_title, issuer=r.ref_issuer,
            issued_on=r.ref_issued_on, relation=r.relation, document=document,
            evidence=Evidence.model_construct(start=r.ev_start, end=r.ev_end, text=r.ev_text)))
    results = []
    for g in counted:
        listed = sorted(found[g[0]], key=lambda c: (_date_order(c.document), c.evidence.start))
        by_document: dict[str, list[Citation]] = {}
        for c in listed:
            by_document.setdefault(c.document.id, []).append(c)
        citing = [cs[0].document for cs in by_document.values()]
        cited_by = [CitingDocument(document=cs[0].document, mentions=len(cs),
                                   relations=list(dict.fromkeys(c.relation for c in cs if c.relation)))
                    for cs in by_document.values()]

        def first(field: str) -> Any:  # the most common non-empty value among the mentions
            values = Counter(getattr(c, field) for c in listed if getattr(c, field))
            return values.most_common(1)[0][0] if values else None

        results.append(ReferenceResult(type=first("type"), number=first("number"), title=first("title"),
                                       issuer=first("issuer"), issued_on=first("issued_on"),
                                       documents=bearers, citing=citing, cited_by=cited_by, mentions=listed,
                                       mention_count=g[1], citing_count=g[2]))
    return results


def _typed(number: str) -> str:
    """The folded type words a user wrote before a number ("Quyết định số 34" -> " quyet dinh ")."""
    first_digit = next((i for i, c in enumerate(number) if c.isdigit()), 0)
    words = fold(number[:first_digit]).split()
    if words and words[-1] == "so":  # "số"
        words.pop()
    return f" {' '.join(words)} " if words else ""


# --- committees --------------------------------------------------------------


def committees(store: Store, q: str | None = None, *, limit: int = 100) -> list[CommitteeResult]:
    """Committees whose name matches `q` (all when empty), with members, in date order."""
    stmt = select(CommitteeRow, *_SUMMARY).join(DocumentRow, CommitteeRow.document_id == DocumentRow.id)
    if q:  # a q without a word to look for ("%", "*") matches nothing, not everything
        words = indexes.has_words(store.engine.dialect.name, CommitteeRow, "name_key", key(q))
        stmt = stmt.where(words if words is not None else false())
    stmt = stmt.order_by(CommitteeRow.date_key, CommitteeRow.seq).limit(limit)
    with store.session() as s:
        rows = list(s.execute(stmt))
        committee_ids = [row.CommitteeRow.id for row in rows]
        members: dict[int, list[MemberRow]] = defaultdict(list)
        if committee_ids:
            for m in s.scalars(select(MemberRow).where(MemberRow.committee_id.in_(committee_ids))
                               .order_by(MemberRow.seq)):
                members[m.committee_id].append(m)
    return [
        CommitteeResult(
            name=c.name, parent=c.parent, member_count=c.member_count, document=_summary(row), evidence=_evidence(c),
            members=[MemberResult(name=m.name, role=m.role, position=m.position, organization=m.organization,
                                  evidence=_evidence(m)) for m in members[c.id]])
        for row in rows for c in [row.CommitteeRow]
    ]


# --- task statistics ---------------------------------------------------------


def task_stats(store: Store, holder: str | None = None, date_from: str | None = None,
               date_to: str | None = None) -> list[TaskRow]:
    """Task counts as a table: a row per document, holder, period and subject, a column
    per status. `holder` matches folded, with aliases ("bo tt&tt"); a count without a
    holder belongs to its document's issuer, or to the one holder an article names. Periods are ISO dates; bounds may be prefixes."""
    stmt = select(TaskStatRow, *_SUMMARY).join(DocumentRow, TaskStatRow.document_id == DocumentRow.id)
    if holder:  # a holder without a word ("%", "*") matches nothing
        words = indexes.has_words(store.engine.dialect.name, TaskStatRow, "holder_key", key(holder))
        stmt = stmt.where(words if words is not None else false())
    stmt = _date_range(stmt, TaskStatRow.period, date_from, date_to)
    stmt = stmt.order_by(TaskStatRow.period.asc().nulls_last(), DocumentRow.added_at, TaskStatRow.seq)
    table: dict[tuple, TaskRow] = {}
    for row in _rows(store, stmt):
        t = row.TaskStatRow
        doc = _summary(row)
        group = (doc.id, t.holder_key or "", t.period, t.subject)
        if group not in table:
            table[group] = TaskRow(holder=t.holder_name, period=t.period, subject=t.subject, document=doc)
        out = table[group]
        if getattr(out, t.status) is None:  # a repeated count (headline and body) is counted once
            setattr(out, t.status, t.count)
        if t.total is not None and out.total is None:
            out.total = t.total
    rows = list(table.values())
    rows.sort(key=lambda r: (fold(r.holder), r.period is None, r.period or "", r.subject))
    return rows



# --- for the web page's pickers and labels -------------------------------------


class HolderCount(BaseModel):
    """A unit that holds task counts: its name as most rows write it, how many rows."""
    name: str
    key: str
    rows: int
    periods: int


def task_holders(store: Store) -> list[HolderCount]:
    """Every holder of task counts (one per search key, so "Bộ TT&TT" and "Bộ Thông
    tin và Truyền thông" are one), most rows first."""
    stmt = (select(TaskStatRow.holder_key, TaskStatRow.holder_name, TaskStatRow.period, func.count())
            .where(TaskStatRow.holder_key.is_not(None))
            .group_by(TaskStatRow.holder_key, TaskStatRow.holder_name, TaskStatRow.period))
    names: dict[str, Counter] = defaultdict(Counter)
    periods: dict[str, set] = defaultdict(set)
    for holder_key, name, period, n in _rows(store, stmt):
        names[holder_key][name] += n
        if period:
            periods[holder_key].add(period)
    out = [HolderCount(name=spellings.most_common(1)[0][0], key=k, rows=sum(spellings.values()),
                       periods=len(periods[k])) for k, spellings in names.items()]
    out.sort(key=lambda h: (-h.rows, fold(h.name)))
    return out


def numbers_starting(store: Store, number: str, *, limit: int = 20) -> list[str]:
    """Full legal numbers, stored as references or as documents' own numbers, that begin
    with a partial one at a part boundary: "49/2017" gives "49/2017/NĐ-CP" and
    "49/2017/QĐ-TTg"; a full number gives itself. As written, most mentioned first."""
    k = number_key(number)
    if not k:
        return []
    pattern = k.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%"
    found: Counter = Counter()
    spelled: dict[str, Counter] = defaultdict(Counter)
    for column, written in ((LegalRefRow.number_key, LegalRefRow.number), (DocumentRow.number_key, DocumentRow.number)):
        stmt = (select(column, written, func.count()).where((column == k) | column.like(pattern, escape="\\"))
                .group_by(column, written))
        for number_k, as_written, n in _rows(store, stmt):
            found[number_k] += n
            spelled[number_k][as_written] += n
    return [spelled[nk].most_common(1)[0][0] for nk, _ in found.most_common(limit)]


def openings(store: Store, ids: Iterable[str], chars: int = 400) -> dict[str, str]:
    """The first `chars` characters of the text of each document (to name one without a title)."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    stmt = select(DocumentRow.id, func.substr(DocumentRow.text, 1, chars)).where(DocumentRow.id.in_(ids))
    return {doc_id: text or "" for doc_id, text in _rows(store, stmt)}


def references_matching(store: Store, q: str, *, relation: str | None = None,
                        limit: int = 100) -> list[ReferenceResult]:
    """`references` of every full number a partial one stands for ("49/2017": the
    decree 49/2017/NĐ-CP and the decision 49/2017/QĐ-TTg, each apart); of `q` itself
    when it is whole, bare ("Quyết định 34") or a law's name. `relation` as for
    `references`: only the mentions that state it."""
    if relation is not None and relation not in RELATIONS:
        raise ValueError(f"relation must be one of {', '.join(RELATIONS)}, not {relation!r}")
    results: list[ReferenceResult] = []
    seen: set[str] = set()
    if any(c.isdigit() for c in q):
        for number in numbers_starting(store, q, limit=limit):
            for r in references(store, number, relation=relation, limit=limit):
                k = number_key(r.number) or r.number or ""
                if k not in seen:
                    seen.add(k)
                    results.append(r)
    if not results:
        results = references(store, q, relation=relation, limit=limit)
    results.sort(key=lambda r: -len(r.mentions) - len(r.documents))
    return results[:limit]
