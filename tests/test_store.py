"""The store (models/store.py) on SQLite and PostgreSQL: what is stored comes back,
idempotency, replacement by a newer extractor, atomicity, filters, migrations."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect

import models.store as store_module
from models.store import Store
from store_support import db_url, filled_store, gold_record, gold_stems, store  # noqa: F401 - fixtures

SEED = "seed_003_kien_toan_bcd_cchc"       # a board and its working group, with members
DECISION = "039_qd44-2025-qd-ttg-bai-bo-vbqppl"  # a numbered decision with many references


def item_counts(record) -> dict[str, int]:
    return {
        "legal_refs": len(record.legal_refs), "dates": len(record.dates), "task_stats": len(record.task_stats),
        "committees": len(record.committees), "members": sum(len(c.members) for c in record.committees),
        "people": len(record.people),
    }


def test_what_is_stored_comes_back(store):
    record = gold_record(SEED)
    original = b"the file's bytes \x00\xff"
    doc_id = store.add(record, original=original, filename="upload.txt")
    assert doc_id == record.document.id
    got = store.get(doc_id)
    assert got.record == record.model_dump(mode="json", exclude={"text"})
    assert got.text == record.text
    assert got.original == original
    assert got.filename == "upload.txt"
    assert got.extractor_version == "0.1.0"
    counts = store.counts()
    assert {k: counts[k] for k in item_counts(record)} == item_counts(record)
    assert counts["documents"] == counts["originals"] == counts["sources"] == 1


def test_every_dev_record_round_trips(filled_store):
    for stem in gold_stems():
        record = gold_record(stem)
        assert filled_store.get(record.document.id).record == record.model_dump(mode="json", exclude={"text"})


def test_extracted_records_round_trip(store):
    """Records as the extractor makes them today, whatever its recognizers find."""
    from extractor.pipeline import extract
    from store_support import DEV

    for path in sorted(DEV.glob("*.txt"))[:6]:
        record = extract(path, with_text=True)
        doc_id = store.add(record, original=path.read_bytes(), filename=path.name)
        got = store.get(doc_id)
        assert got.record == record.model_dump(mode="json", exclude={"text"})
        assert got.text == record.text and got.original == path.read_bytes()


def test_same_content_twice_is_one_document(store):
    record = gold_record(SEED)
    first = store.add(record, original=b"x", filename="a.txt")
    before = store.counts()
    assert store.add(record, original=b"x", filename="a.txt") == first
    assert store.counts() == before


def test_has_answers_for_the_callers_hash_and_version(store):
    record = gold_record(SEED)
    assert not store.has("abc123", "0.1.0")
    store.add(record, content_hash="abc123")
    assert store.has("abc123", "0.1.0")
    assert store.has("abc123", "0.0.9")       # stored by a newer extractor: nothing to redo
    assert not store.has("abc123", "0.2.0")   # a newer extractor should run again
    assert store.has(record.document.id, "0.1.0")  # the doc id answers too
    assert not store.has("other", "0.1.0")
    assert store.document_id("abc123") == store.document_id(record.document.id) == record.document.id
    assert store.document_id("other") is None


def test_newer_extractor_replaces_the_records(store):
    old = gold_record(SEED)
    doc_id = store.add(old)
    newer = old.model_copy(update={"extractor_version": "0.10.0", "people": old.people[:1], "legal_refs": []})
    assert store.add(newer) == doc_id
    assert store.get(doc_id).extractor_version == "0.10.0"
    counts = store.counts()
    assert counts["people"] == 1 and counts["legal_refs"] == 0
    assert counts["members"] == item_counts(old)["members"]
    # a newer record that comes without its text keeps the stored text
    store.add(newer.model_copy(update={"extractor_version": "0.11.0", "text": None}))
    assert store.get(doc_id).text == old.text
    assert store.documents(q="pham minh tien")[0].id == doc_id
    # an older extractor does not undo it
    store.add(old.model_copy(update={"extractor_version": "0.9.1"}))
    assert store.get(doc_id).extractor_version == "0.11.0"
    assert store.counts()["people"] == 1


def test_an_input_read_into_other_text_by_a_newer_extractor_replaces_its_document(store):
    """A newer extractor that normalizes an input otherwise gives it another doc id (the
    hash of its text): the input then gives the new document, and the old one is gone."""
    old = gold_record(SEED)
    store.add(old, content_hash="file-1", filename="a.txt")
    other = gold_record(DECISION)
    store.add(other, content_hash="file-2")
    text = old.text + "\n"
    newer = old.model_copy(update={"extractor_version": "0.10.0", "text": text,
                                   "document": old.document.model_copy(update={"id": "f" * 64})})
    assert store.add(newer, content_hash="file-1", filename="a.txt") == "f" * 64
    assert store.document_id("file-1") == "f" * 64
    assert store.get(old.document.id) is None
    counts = store.counts()
    assert counts["documents"] == counts["sources"] == 2
    assert counts["members"] == item_counts(old)["members"] + item_counts(other)["members"]
    assert [d.id for d in store.documents(q="pham minh tien")] == ["f" * 64]   # the old text is unindexed
    assert store.document_id("file-2") == other.document.id


def _failing_items(after: int):
    """The rows of a record, with a crash after `after` tables are written."""
    real = store_module._item_rows

    def item_rows(*args):
        for i, table_rows in enumerate(real(*args)):
            if i == after:
                raise RuntimeError("crash while writing")
            yield table_rows
    return item_rows


def test_a_crash_while_adding_leaves_nothing(store, monkeypatch):
    monkeypatch.setattr(store_module, "_item_rows", _failing_items(after=4))
    with pytest.raises(RuntimeError):
        store.add(gold_record(SEED), original=b"x")
    assert set(store.counts().values()) == {0}


def test_a_crash_while_replacing_keeps_the_old_records(store, monkeypatch):
    old = gold_record(SEED)
    doc_id = store.add(old)
    before = store.counts()
    monkeypatch.setattr(store_module, "_item_rows", _failing_items(after=3))
    with pytest.raises(RuntimeError):
        store.add(old.model_copy(update={"extractor_version": "0.2.0", "people": []}))
    assert store.counts() == before
    assert store.get(doc_id).extractor_version == "0.1.0"


def test_delete(store):
    doc_id = store.add(gold_record(SEED), original=b"x")
    other = store.add(gold_record(DECISION))
    assert store.delete(doc_id)
    assert store.get(doc_id) is None
    assert not store.delete(doc_id)
    assert store.get(other) is not None
    assert store.counts()["members"] == 0 and store.counts()["originals"] == 0


def test_failures_are_recorded_and_cleared_by_success(store):
    store.add_failure("archive.jsonl:17", "timeout after 60 s")
    store.add_failure("archive.jsonl:17", "bad encoding")
    store.add_failure("b.pdf", "not a PDF")
    assert [(f.source_id, f.reason) for f in store.failures()] == [
        ("archive.jsonl:17", "bad encoding"), ("b.pdf", "not a PDF")]
    store.add(gold_record(SEED), filename="b.pdf")
    assert [f.source_id for f in store.failures()] == ["archive.jsonl:17"]
    store.add(gold_record(DECISION), filename="17.txt", source_id="archive.jsonl:17")
    assert store.failures() == []


def test_document_filters(filled_store):
    s = filled_store
    decisions = s.documents(kind="decision")
    assert decisions and {d.kind for d in decisions} == {"decision"}
    assert DECISION + ".txt" in {d.source for d in decisions}
    assert not s.documents(kind="decree")
    # issue date range; bounds may be a year or a month
    in_2025 = s.documents(date_from="2025", date_to="2025", limit=100)
    assert in_2025 and all(d.issued_on.startswith("2025") for d in in_2025)
    assert all(d.issued_on <= "2017-12-31" for d in s.documents(date_to="2017", limit=100))
    assert [d.issued_on for d in s.documents(date_from="2025-11-29", date_to="2025-11-30")] == ["2025-11-29"]
    # newest first, undated last
    dated = [d.issued_on for d in s.documents(limit=100) if d.issued_on]
    assert dated == sorted(dated, reverse=True)
    assert s.documents(limit=100)[-1].issued_on is None
    # paging
    assert s.documents(limit=3, offset=3) == s.documents(limit=100)[3:6]


def test_document_text_search_folds_accents_and_aliases(filled_store):
    s = filled_store
    seed = gold_record(SEED).document.id
    assert seed in {d.id for d in s.documents(q="nguyen huy dung", limit=100)}
    assert seed in {d.id for d in s.documents(q="PHẠM MINH TIẾN", limit=100)}
    assert seed in {d.id for d in s.documents(q="to chuc can bo", limit=100)}
    # the text says "Bộ TT&TT"; the full name finds it
    assert seed in {d.id for d in s.documents(q="Bộ Thông tin và Truyền thông", limit=100)}
    assert not s.documents(q="khong co tu nay o dau ca")
    # a document by its own number, however written
    assert [d.source for d in s.documents(q="44 / 2025 / QD – TTg")] == [DECISION + ".txt"]


def test_issuer_filter_folds(filled_store):
    found = filled_store.documents(issuer="thu tuong chinh phu", limit=100)
    assert found and all("Thủ tướng" in d.issuer for d in found)


def test_schema_is_at_head_and_matches_the_tables(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from models.migrations import config, current, managed

    head = ScriptDirectory.from_config(config()).get_current_head()
    assert current(store.engine) == head
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False, "include_name": managed}),
                                store_module.Base.metadata)
    assert diff == []
    assert {"documents", "legal_refs", "members", "people"} <= set(inspect(store.engine).get_table_names())


def test_reopening_keeps_the_data(db_url):
    with Store(db_url) as s:
        doc_id = s.add(gold_record(SEED))
    with Store(db_url) as s:
        assert s.get(doc_id) is not None


def test_default_location(monkeypatch, tmp_path):
    monkeypatch.setenv("VANBAN_DB", f"sqlite:///{tmp_path / 'env.sqlite3'}")
    assert Store().url.endswith("env.sqlite3")
    monkeypatch.delenv("VANBAN_DB")
    monkeypatch.setattr("platformdirs.user_data_dir", lambda app: str(tmp_path / "data" / app))
    s = Store()
    assert s.url == f"sqlite:///{tmp_path / 'data' / 'vanban' / 'vanban.sqlite3'}"
    assert (tmp_path / "data" / "vanban" / "vanban.sqlite3").exists()
    # a plain path is an SQLite file; a PostgreSQL URL without a driver gets psycopg 3
    assert Store(str(tmp_path / "plain.db")).url == f"sqlite:///{tmp_path / 'plain.db'}"
    assert store_module._resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert store_module._resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def test_migrations_upgrade_stored_data_and_downgrade(db_url):
    """A database made by the first revision, with data, upgrades to head and back."""
    from sqlalchemy import create_engine, text

    from models.migrations import current, upgrade

    engine = create_engine(db_url)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (id, source, kind, issuer, schema_version, record, added_at, updated_at)"
                          " VALUES ('d1', 'a.txt', 'report', 'Bộ Nội vụ', 1, '{}', '2025-01-01', '2025-01-01')"))
        conn.execute(text("INSERT INTO task_stats (document_id, subject, status, count, holder, seq, ev_start, ev_end,"
                          " ev_text) VALUES ('d1', 'nhiệm vụ', 'completed', 3, NULL, 0, 0, 0, '')"))
    engine.dispose()
    with Store(db_url) as s:
        from models import query

        assert [r.holder for r in query.task_stats(s)] == ["Bộ Nội vụ"]
    engine = create_engine(db_url)
    from alembic import command

    from models.migrations import config
    command.downgrade(config(engine), "base")
    assert current(engine) is None
    assert "documents" not in inspect(engine).get_table_names()
    engine.dispose()


def test_a_schema_newer_than_the_code_is_refused(db_url):
    from sqlalchemy import create_engine, text

    from models.migrations import SchemaError

    Store(db_url).close()
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(SchemaError, match="9999"):
        Store(db_url)


def test_two_processes_opening_a_new_database_at_once(db_url):
    """Both find the schema made, whichever of them made it."""
    import subprocess
    import sys

    code = "import sys; from models.store import Store; Store(sys.argv[1]).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code, db_url]) for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with Store(db_url) as s:
        assert s.counts()["documents"] == 0


def test_search_keys_follow_the_alias_table(db_url, monkeypatch):
    """Keys stored under one alias table are rebuilt when the store is opened under another."""
    import extractor.data
    import models.search as search
    from models import query

    with Store(db_url) as s:
        s.add(gold_record(SEED))
        assert not query.committees(s, "zeta quorum cai cach hanh chinh")
    real = extractor.data.table
    monkeypatch.setattr(extractor.data, "table", lambda name: (
        *real(name), {"alias": "Ban chỉ đạo", "full": "Zeta Quorum"}) if name == "aliases" else real(name))
    search._aliases.cache_clear()
    try:
        with Store(db_url) as s:  # another fingerprint: the keys are made again
            assert query.committees(s, "zeta quorum cai cach hanh chinh")
    finally:
        monkeypatch.undo()
        search._aliases.cache_clear()
    with Store(db_url) as s:
        assert not query.committees(s, "zeta quorum cai cach hanh chinh")
        assert s.reindex() > 0


def test_writers_in_two_processes_at_once(db_url):
    """Two processes adding the same documents at once: each stored once, nothing lost."""
    import subprocess
    import sys
    from pathlib import Path

    Store(db_url).close()
    code = ("import sys; sys.path.insert(0, sys.argv[2]); from store_support import gold_record, gold_stems; "
            "from models.store import Store; s = Store(sys.argv[1]); "
            "[s.add(gold_record(stem), filename=stem) for stem in gold_stems()[::int(sys.argv[3])]]")
    tests = str(Path(__file__).parent)
    procs = [subprocess.Popen([sys.executable, "-c", code, db_url, tests, step]) for step in ("1", "2")]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    with Store(db_url) as s:
        assert s.counts()["documents"] == len(gold_stems())
        for stem in gold_stems():
            record = gold_record(stem)
            assert s.get(record.document.id).record == record.model_dump(mode="json", exclude={"text"})


def test_killed_writer_leaves_every_document_whole(db_url):
    """A writer killed (SIGKILL) while replacing records: each document's rows are those
    of the record stored with it, never a mix or a part."""
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from sqlalchemy import func, select

    Store(db_url).close()
    # add every dev record, then replace them again and again with newer versions that
    # drop an item each time, until killed
    code = ("import sys; sys.path.insert(0, sys.argv[2]); from store_support import gold_record, gold_stems; "
            "from models.store import Store; s = Store(sys.argv[1]); print('ready', flush=True)\n"
            "for n in range(1, 10000):\n"
            "    for stem in gold_stems():\n"
            "        r = gold_record(stem)\n"
            "        s.add(r.model_copy(update={'extractor_version': f'1.{n}', 'dates': r.dates[n % 3:]}))\n")
    child = subprocess.Popen([sys.executable, "-c", code, db_url, str(Path(__file__).parent)],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    time.sleep(3)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    with Store(db_url) as s:
        assert s.counts()["documents"] > 0
        with s.session() as session:
            for doc in s.documents(limit=1000):
                record = s.get(doc.id).record
                dates = session.execute(select(func.count()).select_from(store_module.DateRow)
                                        .where(store_module.DateRow.document_id == doc.id)).scalar_one()
                members = session.execute(select(func.count()).select_from(store_module.MemberRow)
                                          .where(store_module.MemberRow.document_id == doc.id)).scalar_one()
                assert dates == len(record["dates"])
                assert members == sum(len(c["members"]) for c in record["committees"])


def test_settle_merges_what_the_search_indexes_keep_pending(store):
    """After a bulk load the store is settled: on PostgreSQL the GIN indexes hold nothing
    pending (a second settle finds nothing to merge) and text search still finds what it
    found; SQLite has nothing to settle."""
    for stem in gold_stems():
        store.add(gold_record(stem), filename=f"{stem}.txt")
    found = {d.id for d in store.documents(q="cai cach hanh chinh", limit=50)}
    assert found
    merged = store.settle()
    if store.engine.dialect.name == "postgresql":
        assert store.settle() == 0
    else:
        assert merged == 0
    assert {d.id for d in store.documents(q="cai cach hanh chinh", limit=50)} == found


def test_pending_index_entries_are_merged_beside_the_writer(store):
    """PostgreSQL: what each write leaves pending in the GIN search indexes is merged by the
    store's own merging thread, without waiting for `settle` (the dev texts' terms fit in the
    text index's pending list: nothing else would merge them)."""
    if store.engine.dialect.name != "postgresql":
        pytest.skip("GIN pending lists are PostgreSQL's")
    from models.pending import merge_pending

    for stem in gold_stems():
        store.add(gold_record(stem), filename=f"{stem}.txt")
    assert store._merger.drain(timeout=120)
    assert store._merger.merged > 0
    assert merge_pending(store.engine) == 0
    assert store.documents(q="cai cach hanh chinh", limit=50)
