"""Indexed search (issue 16): every search is answered through an index on both databases,
with the same meaning (phrases, legal numbers by their leading part), and batches of
documents are written in one transaction."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import event, text

import models.store as store_module
from models import query
from models.search import key
from models.store import Entry, Store
from store_support import db_url, filled_store, gold_record, gold_stems, store  # noqa: F401 - fixtures

SEED = "seed_003_kien_toan_bcd_cchc"
DECISION = "039_qd44-2025-qd-ttg-bai-bo-vbqppl"
SEARCHED = ("documents", "people", "members", "committees", "task_stats", "legal_refs")


def _statements(store: Store, ask) -> list[tuple[str, object]]:
    """The SELECT statements (with their parameters) that `ask()` runs on the store."""
    seen: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        ask()
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    return seen


def _full_scans(store: Store, statements) -> list[str]:
    """Plan lines that read a searched table whole."""
    scans = []
    with store.engine.connect() as c:
        if store.engine.dialect.name == "postgresql":
            c.exec_driver_sql("SET enable_seqscan = off")  # tiny tables: ask whether an index *can* answer
        for statement, parameters in statements:
            explain = "EXPLAIN QUERY PLAN " if store.engine.dialect.name == "sqlite" else "EXPLAIN "
            plan = [str(row[-1]) for row in c.exec_driver_sql(explain + statement, parameters)]
            for line in plan:
                full = re.search(r"^SCAN (\w+)$", line.strip()) or re.search(r"Seq Scan on (\w+)", line)
                if full and full.group(1) in SEARCHED:
                    scans.append(f"{line.strip()}  <-  {statement[:200]}")
    return scans


QUERIES = {
    "people": lambda s: query.people(s, "pham minh ti"),
    "references by number": lambda s: query.references(s, "44/2025/QĐ-TTg"),
    "references by leading part": lambda s: query.references(s, "số 44/2025"),
    "references by name": lambda s: query.references(s, "luat ban hanh van ban"),
    "committees": lambda s: query.committees(s, "ban chi dao cai cach"),
    "tasks by holder": lambda s: query.task_stats(s, holder="Bộ TT&TT"),
    "documents by text": lambda s: s.documents(q="to chuc can bo"),
    "documents by a long phrase": lambda s: s.documents(q="ve viec kien toan ban chi dao"),
    "documents by number": lambda s: s.documents(q="44/2025"),
    "documents by issuer": lambda s: s.documents(issuer="thu tuong"),
}


@pytest.mark.parametrize("kind", QUERIES)
def test_every_search_goes_through_an_index(filled_store, kind):
    statements = _statements(filled_store, lambda: QUERIES[kind](filled_store))
    assert statements
    assert _full_scans(filled_store, statements) == []


def test_legal_numbers_by_their_leading_part(filled_store):
    decision = gold_record(DECISION)
    for typed in ("44/2025", "số 44/2025", "44 / 2025", "Quyết định số 44/2025"):
        found = query.references(filled_store, typed)
        assert any(decision.document.id in {d.id for d in r.documents} for r in found), typed
        assert decision.document.id in {d.id for d in filled_store.documents(q=typed)}, typed
    # a leading part ends where the number has a "/": "44/202" is not "44/2025/..."
    assert not any(r.number == decision.document.number for r in query.references(filled_store, "44/202"))


def _with_text(stem: str, text_: str, **document):
    record = gold_record(stem)
    doc = record.document.model_copy(update={"id": f"synthetic-{abs(hash(text_))}", **document})
    return record.model_copy(update={"document": doc, "text": text_, "legal_refs": [], "dates": [],
                                     "task_stats": [], "committees": [], "people": []})


def test_text_search_is_a_phrase_on_both_databases(store):
    """Words in order, the last possibly cut short; words that are each present but not as
    the phrase do not match (on PostgreSQL the index finds the pairs, the text decides)."""
    a = store.add(_with_text(SEED, "Zeta quorum xylo. Rồi quorum vexa ở đây.", issued_on="2020-01-01"))
    b = store.add(_with_text(SEED, "Đây là zeta quorum vexa thật.", issued_on="2021-01-01"))
    ids = lambda q: [d.id for d in store.documents(q=q)]  # noqa: E731
    assert ids("zeta quorum vexa") == [b]
    assert ids("ZETA QUORUM XY") == [a]                 # the last word cut short
    assert ids("quorum") == [b, a]                      # newest first
    assert ids("quorum zeta") == []                     # not in that order
    assert ids("zeta xylo") == []                       # not side by side
    assert ids("uorum") == []                           # words start where they start


def test_a_last_word_cut_short_finds_every_word_it_starts(store, monkeypatch):
    """"quor" is each stored word it starts as a phrase of its own on SQLite (or the prefix
    itself, past `_MOST_ENDINGS` words), the pair's prefix on PostgreSQL: the same documents."""
    a = store.add(_with_text(SEED, "Zeta quorum xylo.", issued_on="2020-01-01"))
    b = store.add(_with_text(SEED, "Zeta quorums vexa.", issued_on="2021-01-01"))
    store.add(_with_text(SEED, "Zeta quo quarum vexa.", issued_on="2022-01-01"))
    ids = lambda q: [d.id for d in store.documents(q=q)]  # noqa: E731
    for most in (200, 1):
        monkeypatch.setattr(store_module, "_MOST_ENDINGS", most)
        assert ids("zeta quor") == [b, a]
        assert ids("zeta quorums") == [b]
        assert ids("zeta quorx") == []


def test_text_search_finds_every_match_when_lists_span_pages(store):
    """Newest first, every document with the phrase: FTS5 (SQLite 3.40) loses matches of a
    phrase when it reads rowids in descending order once the lists of its words span pages
    (made so here with tiny pages over the dev texts; at 20,000 documents with pages of the
    default size it lost a third of them), so the store's rowids run newest first ascending."""
    if store.engine.dialect.name == "sqlite":
        with store.engine.begin() as c:
            c.execute(text("INSERT INTO search_texts(search_texts, rank) VALUES ('pgsz', 64)"))
    stems = gold_stems()
    records = [_with_text(SEED, gold_record(stems[n % len(stems)]).text + f" Bản số {n}.",
                          issued_on=f"20{10 + n % 15}-0{1 + n % 9}-1{n % 10}")
               for n in range(300)]  # the dev texts again and again, on other days
    for at in range(0, len(records), 100):  # as a batch writes them
        store.add_many([Entry(r) for r in records[at:at + 100]])
    texts = {r.document.id: key(r.text) for r in records}
    listed = [d.id for d in store.documents(limit=1000)]  # newest first, as the store orders them
    for phrase in ("quyết định", "ban chỉ đạo", "ủy ban nhân dân", "nhiệm vụ", "thủ tướng chính phủ"):
        expected = [doc for doc in listed if key(phrase) in texts[doc]]
        assert expected and [d.id for d in store.documents(q=phrase, limit=1000)] == expected, phrase


@pytest.mark.parametrize("filler", [
    "nhieu " * 300,          # a word more often than a tsvector keeps its positions (255)
    "tu%d " * 17000,         # more words than a tsvector places (16383)
    "x" * 3000 + " ",        # a word longer than a tsvector takes (2046)
])
def test_text_search_in_texts_beyond_the_tsvector_limits(store, filler):
    """The phrase after the filler is found, and a phrase that is not there is not, on both
    databases (a term longer than a tsvector takes is cut and the text checked whole:
    `models.search.terms`)."""
    filler = filler % tuple(range(filler.count("%d"))) if "%d" in filler else filler
    a = store.add(_with_text(SEED, filler + "nhieu zeta quorum vexa.", issued_on="2020-01-01"))
    ids = lambda q: [d.id for d in store.documents(q=q)]  # noqa: E731
    assert ids("nhieu zeta quorum ve") == [a]
    assert ids("zeta quorum") == [a]
    assert ids("quorum zeta") == []
    assert ids("nhieu nhieu nhieu") == ([a] if filler.startswith("nhieu") else [])
    if filler.startswith("x"):
        assert ids("xxxx") == [a] and ids(filler.strip() + " nhieu zeta") == [a]


def test_add_many_is_one_transaction(store, monkeypatch):
    records = [gold_record(stem) for stem in gold_stems()[:4]]
    real = store_module._item_rows
    calls = {"n": 0}

    def fails_on_the_third(*args):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("crash while writing")
        yield from real(*args)

    monkeypatch.setattr(store_module, "_item_rows", fails_on_the_third)
    with pytest.raises(RuntimeError):
        store.add_many([Entry(r) for r in records])
    assert set(store.counts().values()) == {0}
    monkeypatch.undo()
    ids = store.add_many([Entry(r, filename=f"{i}.txt") for i, r in enumerate(records)])
    assert ids == [r.document.id for r in records] and store.counts()["documents"] == 4


def test_add_many_with_a_document_twice(store):
    """The same document twice in one batch is written as two adds, in order."""
    old = gold_record(SEED)
    newer = old.model_copy(update={"extractor_version": "0.2.0", "people": old.people[:1]})
    store.add_many([Entry(old, filename="a.txt"), Entry(newer, filename="b.txt", content_hash="other")])
    stored = store.get(old.document.id)
    assert stored.extractor_version == "0.2.0" and len(stored.record["people"]) == 1
    assert store.counts()["documents"] == 1 and store.counts()["sources"] == 2
    assert len(query.people(store, old.people[0].name)) == 1


def test_replacing_and_deleting_keep_the_text_index_in_step(store):
    record = _with_text(SEED, "Zeta quorum xylo.", issued_on="2020-01-01")
    doc_id = store.add(record)
    store.add(record.model_copy(update={"extractor_version": "0.2.0", "text": "Alpha beta gamma."}))
    assert [d.id for d in store.documents(q="alpha beta")] == [doc_id]
    assert store.documents(q="zeta quorum") == []
    assert store.delete(doc_id)
    assert store.documents(q="alpha beta") == []
    if store.engine.dialect.name == "sqlite":
        with store.engine.begin() as c:  # FTS5's own check that the index matches what it was given
            c.execute(text("INSERT INTO search_people(search_people) VALUES ('integrity-check')"))


@pytest.mark.parametrize("revision", ["0003", "0004", "0005"])
def test_a_store_made_before_the_indexes_gets_them(db_url, revision):
    """A store at an earlier revision with documents: opening it adds the indexes and fills
    them, and every search answers as before."""
    from alembic import command
    from sqlalchemy import create_engine

    from models.migrations import config

    with Store(db_url) as s:
        for stem in gold_stems()[:5]:
            s.add(gold_record(stem), filename=f"{stem}.txt")
        before = {q: [d.id for d in s.documents(q=q)] for q in ("ban chi dao", "thu tuong")}
        people = [p.name for p in query.people(s, "nguyen")]
        numbers = [ref.number for stem in gold_stems()[:5] for ref in gold_record(stem).legal_refs if ref.number]
        cited = {q: [(r.number, r.title, r.mention_count, len(r.mentions)) for r in query.references(s, q)]
                 for q in ("luat", numbers[0], numbers[-1].split("/")[0])}
        boards = [(c.document.id, c.name) for c in query.committees(s, "ban")]
    assert all(cited.values()) and boards, cited
    engine = create_engine(db_url)
    command.downgrade(config(engine), revision)
    if revision == "0004" and engine.dialect.name == "sqlite":  # its FTS5 tables still kept in step
        with engine.connect() as c:
            triggers = set(c.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
        assert {f"search_{t}_{e}" for t in ("committees", "legal_refs") for e in ("insert", "delete", "update")} <= triggers
    engine.dispose()
    with Store(db_url) as s:
        assert [(c.document.id, c.name) for c in query.committees(s, "ban")] == boards
        assert {q: [d.id for d in s.documents(q=q)] for q in before} == before
        assert [p.name for p in query.people(s, "nguyen")] == people
        assert {q: [(r.number, r.title, r.mention_count, len(r.mentions)) for r in query.references(s, q)]
                for q in cited} == cited
        assert all(d.id for d in s.documents(limit=100))


def test_postgresql_bulk_write_settings(store):
    """Revision 0006 on PostgreSQL: the documents' large values compressed with LZ4 where the
    server has it, and the text index keeping a 32 MB pending list for the store's merger."""
    if store.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's storage settings")
    with store.engine.connect() as c:
        lz4 = "lz4" in c.execute(text("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'")).scalar()
        methods = dict(c.execute(text(
            "SELECT attname, attcompression FROM pg_attribute WHERE attrelid = 'documents'::regclass "
            "AND attname IN ('text', 'text_key', 'text_terms', 'record')")).all())
        options = c.execute(text("SELECT reloptions FROM pg_class WHERE relname = 'ix_search_texts_text_terms'")).scalar()
    assert methods == dict.fromkeys(("text", "text_key", "text_terms", "record"), "l" if lz4 else "")
    assert options == ["gin_pending_list_limit=32768"]
