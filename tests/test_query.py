"""Queries across the store (models/query.py) on SQLite and PostgreSQL, over the gold
records of the dev corpus."""
from __future__ import annotations

import pytest

from models import query
from models.search import fold, key
from store_support import db_url, filled_store, gold_record, gold_stems, store  # noqa: F401 - fixtures

SEED = "seed_003_kien_toan_bcd_cchc"


def all_members():
    """(name, role, committee, stem) of every named member in the gold records."""
    for stem in gold_stems():
        for c in gold_record(stem).committees:
            for m in c.members:
                if m.name:
                    yield m.name, m.role, c.name, stem


def test_people_finds_every_role_across_committees(filled_store):
    # a person who sits on two committees of one document: both roles come back
    by_name: dict[str, set] = {}
    for name, role, committee, _ in all_members():
        by_name.setdefault(name, set()).add((committee, role))
    name, roles = next((n, r) for n, r in sorted(by_name.items()) if len({c for c, _ in r}) > 1)
    found = query.people(filled_store, fold(name).strip())  # typed without accents
    assert found[0].name == name
    assert {(r.committee, r.role) for r in found[0].roles} >= roles
    assert found[0].mentions  # also named in the people section


def test_people_typed_without_accents_case_or_in_part(filled_store):
    for typed in ("pham minh tien", "PHẠM MINH TIẾN", "Pham Minh Ti", "minh tien"):
        names = [p.name for p in query.people(filled_store, typed)]
        assert "Phạm Minh Tiến" in names, typed
    roles = {r.role for r in query.people(filled_store, "pham minh tien")[0].roles}
    assert {"Phó Trưởng ban", "Tổ trưởng"} <= roles


def test_people_d_and_dd(filled_store):
    # "đ" folds to "d", so "do cong anh" finds "Đỗ Công Anh" and "dung" finds "Dũng"
    assert any(p.name == "Đỗ Công Anh" for p in query.people(filled_store, "do cong anh"))
    assert any(p.name == "Nguyễn Huy Dũng" for p in query.people(filled_store, "nguyen huy dung"))


def test_people_whole_words_only(filled_store):
    assert not query.people(filled_store, "guyen huy")   # not inside a word
    assert not query.people(filled_store, "khong ai ten nay")
    assert not query.people(filled_store, "   ")


def test_people_in_date_order_with_positions(store):
    old = gold_record(SEED)
    later = old.model_copy(deep=True)
    later.text = old.text + "\n(bản cập nhật)"
    later.document.id = "f" * 64
    later.document.issued_on = "2030-01-01"
    later.committees[0].members[1].position = "Thứ trưởng"
    store.add(later)
    store.add(old.model_copy(update={"document": old.document.model_copy(update={"issued_on": "2017-03-01"})}))
    person = query.people(store, "pham minh tien")[0]
    dates = [r.document.issued_on for r in person.roles]
    assert dates == sorted(dates) and dates[0] == "2017-03-01" and dates[-1] == "2030-01-01"
    assert person.positions == ["Vụ trưởng", "Thứ trưởng"]  # in the order they were held


def test_references_however_written(filled_store):
    seed0 = gold_record("seed_000_so_ket_cchc_2017")
    ref = next(r for r in seed0.legal_refs if r.number and "/" in r.number and "Đ" in r.number)
    plain = ref.number.replace("Đ", "D")
    spaced = " / ".join(ref.number.split("/")).replace("-", " – ")
    for typed in (ref.number, plain, spaced, f"{ref.type} số {ref.number}", plain.lower()):
        results = query.references(filled_store, typed)
        assert len(results) == 1, typed
        assert results[0].number == ref.number and results[0].type == ref.type
        assert seed0.document.id in {d.id for d in results[0].citing}
        assert all(c.evidence.text for c in results[0].mentions)


def test_references_count_every_citing_document(filled_store):
    citing: dict[tuple, set] = {}
    for stem in gold_stems():
        for r in gold_record(stem).legal_refs:
            if r.number:
                citing.setdefault((r.type, r.number), set()).add(gold_record(stem).document.id)
    (_, number), docs = max(citing.items(), key=lambda kv: len(kv[1]))
    result = query.references(filled_store, number)[0]
    assert {d.id for d in result.citing} == docs


def test_references_find_the_document_bearing_the_number(filled_store):
    decision = gold_record("039_qd44-2025-qd-ttg-bai-bo-vbqppl")
    results = query.references(filled_store, decision.document.number.replace("-", " "))
    assert results and decision.document.id in {d.id for r in results for d in r.documents}


def test_references_to_a_named_law(filled_store):
    results = query.references(filled_store, "luat ban hanh van ban quy pham phap luat")
    assert results and all(r.type == "Luật" for r in results)
    # the law named without a number is one result (a numbered law of that name is another)
    assert any(r.number is None and fold(r.title) == fold("Ban hành văn bản quy phạm pháp luật") for r in results)


def test_references_not_found(filled_store):
    assert query.references(filled_store, "9999/2099/NĐ-CP") == []
    assert query.references(filled_store, "") == []


def test_committees_by_name_with_members(filled_store):
    found = query.committees(filled_store, "ban chi dao cai cach hanh chinh")
    seed = gold_record(SEED)
    board = next(c for c in found if c.document.id == seed.document.id and c.name == seed.committees[0].name)
    assert [m.name for m in board.members] == [m.name for m in seed.committees[0].members]
    assert board.member_count == seed.committees[0].member_count
    # the alias and the full name find the same committees
    by_alias = {c.name for c in query.committees(filled_store, "BCĐ CCHC Bộ TT&TT")}
    by_name = {c.name for c in query.committees(filled_store, "Ban chỉ đạo cải cách hành chính Bộ Thông tin")}
    assert board.name in by_alias and by_alias == by_name
    assert not query.committees(filled_store, "hoi dong khong ton tai")


def test_all_committees_when_no_name(filled_store):
    expected = sum(len(gold_record(s).committees) for s in gold_stems())
    assert len(query.committees(filled_store, None, limit=1000)) == expected


def test_committees_in_date_order_undated_last(filled_store):
    """Oldest document first, undated documents after every dated one, a document's
    committees in its order; the same order whether a name is asked for or not."""
    found = query.committees(filled_store, None, limit=1000)
    dated = [c.document.issued_on for c in found if c.document.issued_on]
    assert dated == sorted(dated)
    assert all(c.document.issued_on is None for c in found[len(dated):])
    asked = query.committees(filled_store, "ban", limit=1000)
    assert asked and [(c.document.id, c.name) for c in asked] == [
        (c.document.id, c.name) for c in found if " ban " in key(c.name)]


def test_task_stats_table_by_holder_and_period(filled_store):
    rows = query.task_stats(filled_store)
    stored = [(s, t) for s in gold_stems() for t in gold_record(s).task_stats if t.status]
    assert rows
    # every count lands in its status column of some row of its document
    for stem, t in stored:
        doc_id = gold_record(stem).document.id
        assert any(getattr(r, t.status) is not None for r in rows if r.document.id == doc_id and r.subject == t.subject)


def test_task_stats_filters(filled_store):
    seed0 = gold_record("seed_000_so_ket_cchc_2017")
    holder = next(t.holder for t in seed0.task_stats if t.holder)
    rows = query.task_stats(filled_store, holder=fold(holder))
    assert rows and {r.document.id for r in rows} >= {seed0.document.id}
    assert all(set(key(holder).split()) <= set(key(r.holder).split()) for r in rows)
    # by period: nothing of 2017 is in 2025
    assert all(r.period.startswith("2017") for r in query.task_stats(filled_store, date_from="2017", date_to="2017"))
    assert seed0.document.id not in {r.document.id for r in query.task_stats(filled_store, date_from="2020")}
    assert query.task_stats(filled_store, holder="khong co don vi nay") == []


def test_task_stats_a_repeated_count_is_one_cell(store):
    record = gold_record("seed_000_so_ket_cchc_2017")
    t = record.task_stats[0]
    twice = record.model_copy(update={"task_stats": [t, t.model_copy(update={"count": t.count + 1})]})
    store.add(twice)
    rows = query.task_stats(store)
    assert len(rows) == 1 and getattr(rows[0], t.status) == t.count


# --- `vanban query` ----------------------------------------------------------

def run_query(*args: str):
    from typer.testing import CliRunner

    from api.cli import app

    return CliRunner().invoke(app, ["query", *args], env={"COLUMNS": "200"})


def test_cli_people_as_json_table_and_csv(filled_store):
    db = filled_store.url
    out = run_query("people", "pham minh tien", "--db", db, "--format", "json")
    assert out.exit_code == 0, out.output
    import json

    people = json.loads(out.output)
    assert people[0]["name"] == "Phạm Minh Tiến"
    assert {r["role"] for r in people[0]["roles"]} >= {"Phó Trưởng ban", "Tổ trưởng"}
    table = run_query("people", "pham minh tien", "--db", db)
    assert table.exit_code == 0 and "Tổ trưởng" in table.output and "Phó Trưởng ban" in table.output
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(run_query("people", "pham minh tien", "--db", db, "-f", "csv").output)))
    assert {r["role"] for r in rows} >= {"Phó Trưởng ban", "Tổ trưởng"}
    assert all(r["name"] == "Phạm Minh Tiến" for r in rows)


def test_cli_other_queries(filled_store):
    import csv
    import io

    db = filled_store.url
    refs = list(csv.DictReader(io.StringIO(run_query("refs", "49 / 2017 / ND-CP", "--db", db, "-f", "csv").output)))
    assert refs and all(r["number"] == "49/2017/NĐ-CP" for r in refs)
    tasks = list(csv.DictReader(io.StringIO(run_query("tasks", "--holder", "bo tt&tt", "--db", db, "-f", "csv").output)))
    assert tasks and "pending_overdue" in tasks[0]  # every status column, for scripts
    docs = list(csv.DictReader(io.StringIO(run_query("documents", "--kind", "decision", "--db", db, "-f", "csv").output)))
    assert docs and {d["kind"] for d in docs} == {"decision"} and len(docs[0]["id"]) == 64
    committees = run_query("committees", "to giup viec", "--db", db)
    assert committees.exit_code == 0 and "Tổ giúp việc" in committees.output


def test_cli_rejects_an_unknown_format(filled_store):
    out = run_query("people", "x", "--db", filled_store.url, "--format", "xml")
    assert out.exit_code != 0


def test_cli_document_by_id_prefix(filled_store):
    import json

    record = gold_record(SEED)
    out = run_query("document", record.document.id[:10], "--with-text", "--db", filled_store.url)
    assert out.exit_code == 0, out.output
    got = json.loads(out.output)
    assert got["text"] == record.text and got["document"]["id"] == record.document.id
    assert run_query("document", "zz", "--db", filled_store.url).exit_code == 1
    assert run_query("document", "", "--db", filled_store.url).exit_code == 1


def test_references_bare_numbers_keep_their_type(store):
    """"Quyết định 34" and "Nghị quyết 34" are different documents."""
    base = gold_record("seed_000_so_ket_cchc_2017")
    ref = base.legal_refs[0]
    refs = [ref.model_copy(update={"type": "Quyết định", "number": "34", "issuer": None}),
            ref.model_copy(update={"type": "Nghị quyết", "number": "34", "issuer": None}),
            ref.model_copy(update={"type": "Quyết định", "number": "34", "issuer": None})]
    store.add(base.model_copy(update={"legal_refs": refs}))
    assert sorted((r.type, len(r.mentions)) for r in query.references(store, "34")) == [
        ("Nghị quyết", 1), ("Quyết định", 2)]
    assert [(r.type, len(r.mentions)) for r in query.references(store, "Quyết định số 34")] == [("Quyết định", 2)]
    assert [r.type for r in query.references(store, "nghi quyet 34")] == ["Nghị quyết"]
    # type words that match no mention do not hide the number
    assert len(query.references(store, "QĐ 34")) == 2


def test_people_limit_keeps_the_names_found_most_often(filled_store):
    everyone = query.people(filled_store, "nguyen", limit=1000)
    assert len(everyone) > 2 and all(fold(p.name).startswith(" nguyen") or " nguyen" in fold(p.name) for p in everyone)
    top = query.people(filled_store, "nguyen", limit=2)
    counts = sorted((len(p.roles) + len(p.mentions) for p in everyone), reverse=True)
    assert [len(p.roles) + len(p.mentions) for p in top] == counts[:2]


def test_references_list_each_citing_document_with_its_relation(filled_store):
    """"What repealed Quyết định 104/2000/QĐ-TTg" is one query: the decision that repeals it
    (its gold says so), with its relation; a relation no mention states finds nothing."""
    bai_bo = "039_qd44-2025-qd-ttg-bai-bo-vbqppl"
    (found,) = query.references(filled_store, "104/2000/QD-TTg", relation="repeals")
    assert [(c.document.number, c.relations, c.mentions) for c in found.cited_by] == [
        (gold_record(bai_bo).document.number, ["repeals"], 1)]
    assert query.references(filled_store, "104/2000/QD-TTg", relation="amends") == []
    # without the filter every citing document comes, each with what it does to the reference
    grounds = query.references(filled_store, "63/2025/QH15")
    assert grounds and all(c.relations == ["based_on"] for r in grounds for c in r.cited_by)
    with pytest.raises(ValueError):
        query.references(filled_store, "104/2000/QD-TTg", relation="cancels")


def test_cli_refs_by_relation(filled_store):
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(run_query(
        "refs", "104/2000/QĐ-TTg", "--relation", "repeals", "--db", filled_store.url, "-f", "csv").output)))
    assert [(r["relation"], r["citing document"]) for r in rows] == [("repeals", "44/2025/QĐ-TTg")]
    assert run_query("refs", "104/2000/QĐ-TTg", "--relation", "cancels", "--db", filled_store.url).exit_code != 0


def test_references_list_the_first_mentions_and_count_them_all(store):
    """A reference cited by many documents lists its first `mentions` in date order (an
    answer stays small in a large store); its counts are of every mention and document."""
    base = gold_record("seed_000_so_ket_cchc_2017")
    ref = base.legal_refs[0].model_copy(update={"type": "Nghị định", "number": "49/2017/NĐ-CP", "title": None})
    ids = []
    for year in range(2010, 2016):  # six documents, the 2013 one citing it twice
        doc = base.document.model_copy(update={"id": f"citing-{year}", "issued_on": f"{year}-05-01"})
        refs = [ref, ref] if year == 2013 else [ref]
        ids.append(store.add(base.model_copy(update={"document": doc, "legal_refs": refs})))
    (whole,) = query.references(store, "49/2017/ND-CP")
    assert (len(whole.mentions), whole.mention_count, whole.citing_count) == (7, 7, 6)
    assert [d.id for d in whole.citing] == ids
    (first,) = query.references(store, "49 / 2017 / NĐ – CP", mentions=4)
    assert (len(first.mentions), first.mention_count, first.citing_count) == (4, 7, 6)
    assert [c.document.id for c in first.mentions] == [ids[0], ids[1], ids[2], ids[3]]
    (five,) = query.references(store, "49/2017", mentions=5)
    assert [(c.document.id, c.mentions) for c in five.cited_by] == [(ids[0], 1), (ids[1], 1), (ids[2], 1), (ids[3], 2)]


def test_references_share_one_answer_and_list_undated_documents_last(store, monkeypatch):
    """Results share the mentions an answer lists (`ANSWER_MENTIONS`), each its first in
    date order; a citing document without a date comes after the dated ones."""
    base = gold_record("seed_000_so_ket_cchc_2017")
    decree = base.legal_refs[0].model_copy(update={"type": "Nghị định", "number": "5/2017/NĐ-CP", "title": None})
    decision = decree.model_copy(update={"type": "Quyết định", "number": "5/2017/QĐ-TTg"})
    ids = []
    for n, issued_on in enumerate([None, "2016-03-01", "2012-07-15", "2014-01-20"]):  # the undated one added first
        doc = base.document.model_copy(update={"id": f"citing-{n}", "issued_on": issued_on})
        ids.append(store.add(base.model_copy(update={"document": doc, "legal_refs": [decree, decision]})))
    dated_order = [ids[2], ids[3], ids[1]]
    both = query.references(store, "5/2017")
    assert sorted(r.number for r in both) == ["5/2017/NĐ-CP", "5/2017/QĐ-TTg"]
    for r in both:
        assert (r.mention_count, r.citing_count) == (4, 4)
        assert [c.document.id for c in r.mentions] == [*dated_order, ids[0]]
    monkeypatch.setattr(query, "ANSWER_MENTIONS", 4)
    for r in query.references(store, "5/2017"):
        assert (r.mention_count, [c.document.id for c in r.mentions]) == (4, dated_order[:2])
