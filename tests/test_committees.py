"""Committees and members in each shape of issue 5, written from the rules (texts invented
in the register of decisions and government news)."""
from __future__ import annotations

from extractor.doc import Doc
from extractor.normalize import normalize
from extractor.recognizers import committees, people
from models.records import Document


def run(text: str):
    doc = Doc(text=normalize(text), source="t")
    doc.document = Document(id=doc.id, source="t")
    doc.cache["people"] = people.recognize(doc)
    items = committees.recognize(doc)
    for c in items:
        assert doc.text[c.evidence.start:c.evidence.end] == c.evidence.text
        for m in c.members:
            assert doc.text[m.evidence.start:m.evidence.end] == m.evidence.text
    return items, doc.warnings


def members(c):
    return [(m.name, m.role, m.position, m.organization) for m in c.members]


def by_name(items):
    return {c.name: c for c in items}


def test_prose_role_then_people():
    text = ("Ban Chỉ đạo chuyển đổi số của Bộ Y tế có Trưởng ban là Thứ trưởng Trần Văn Thuấn, "
            "2 Phó Trưởng ban là Vụ trưởng Vụ Kế hoạch - Tài chính Lê Văn Ánh và Cục trưởng Cục Công nghệ "
            "thông tin Hà Thị Bình.")
    (c,), _ = run(text)
    assert c.name == "Ban Chỉ đạo chuyển đổi số của Bộ Y tế"
    assert members(c) == [
        ("Trần Văn Thuấn", "Trưởng ban", "Thứ trưởng", None),
        ("Lê Văn Ánh", "Phó Trưởng ban", "Vụ trưởng", "Vụ Kế hoạch - Tài chính"),
        ("Hà Thị Bình", "Phó Trưởng ban", "Cục trưởng", "Cục Công nghệ thông tin"),
    ]


def test_prose_person_then_role_and_committee_named_after_it():
    text = ("Phó Thủ tướng Chính phủ Trần Lưu Hải là Trưởng Ban Chỉ đạo quốc gia về chuyển đổi số. "
            "Bộ trưởng Bộ Tài chính Hồ Đức Phương; Bộ trưởng Bộ Công Thương Vương Thị Thu là Phó Trưởng ban "
            "Ban Chỉ đạo.")
    (c,), _ = run(text)
    assert c.name == "Ban Chỉ đạo quốc gia về chuyển đổi số"
    assert members(c) == [
        ("Trần Lưu Hải", "Trưởng ban", "Phó Thủ tướng", "Chính phủ"),
        ("Hồ Đức Phương", "Phó Trưởng ban", "Bộ trưởng", "Bộ Tài chính"),
        ("Vương Thị Thu", "Phó Trưởng ban", "Bộ trưởng", "Bộ Công Thương"),
    ]


def test_enumerated_article_with_roles_after_a_dash():
    text = ("Điều 1. Thành lập Tổ công tác rà soát văn bản pháp luật (sau đây gọi là Tổ công tác) gồm các ông, bà:\n"
            "1. Ông Nguyễn Văn Hải, Thứ trưởng Bộ Tư pháp - Tổ trưởng;\n"
            "2. Bà Lê Thị Mai, Vụ trưởng Vụ Pháp luật dân sự - kinh tế, Bộ Tư pháp - Tổ phó;\n"
            "3. Ông Trần Quốc Bảo, Phó Vụ trưởng Vụ Tổ chức cán bộ - Thành viên;\n"
            "4. Bà Đỗ Thu Trang, chuyên viên Văn phòng Bộ - Ủy viên kiêm Thư ký.\n")
    (c,), _ = run(text)
    assert c.name == "Tổ công tác rà soát văn bản pháp luật"
    assert members(c) == [
        ("Nguyễn Văn Hải", "Tổ trưởng", "Thứ trưởng", "Bộ Tư pháp"),
        ("Lê Thị Mai", "Tổ phó", "Vụ trưởng", "Vụ Pháp luật dân sự - kinh tế"),
        ("Trần Quốc Bảo", "Thành viên", "Phó Vụ trưởng", "Vụ Tổ chức cán bộ"),
        ("Đỗ Thu Trang", "Ủy viên kiêm Thư ký", "chuyên viên", "Văn phòng Bộ"),
    ]


def test_numbered_list_under_a_heading_role_at_the_end_or_member():
    text = ("DANH SÁCH BAN TỔ CHỨC HỘI NGHỊ\n\n"
            "1. Đồng chí Phùng Văn Khang, Ủy viên Trung ương Đảng, Bộ trưởng Bộ Nội vụ, Trưởng ban.\n\n"
            "2. Đồng chí Thiếu tướng Kiều Minh Đức, Phó Tư lệnh Quân khu 1, Bộ Quốc phòng.\n\n"
            "3. Ông Lò Văn Sáng, đại diện gia đình.\n")
    (c,), _ = run(text)
    assert c.name.casefold() == "ban tổ chức hội nghị"
    assert members(c) == [
        ("Phùng Văn Khang", "Trưởng ban", "Bộ trưởng", "Bộ Nội vụ"),
        ("Kiều Minh Đức", "Thành viên", "Phó Tư lệnh", "Quân khu 1"),
        ("Lò Văn Sáng", "Thành viên", None, None),
    ]


def test_member_units_after_gom_commas_inside_unit_names():
    text = ("Hội đồng thẩm định có 4 thành viên là đại diện các cơ quan gồm: Sở Tài chính, Sở Kế hoạch và "
            "Đầu tư, Sở Văn hóa, Thể thao và Du lịch, Cục Xuất bản, in và Phát hành.")
    (c,), warnings = run(text)
    assert c.member_count == 4
    assert [m.organization for m in c.members] == [
        "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Văn hóa, Thể thao và Du lịch", "Cục Xuất bản, in và Phát hành"]
    assert {m.role for m in c.members} == {"Thành viên"} and warnings == []


def test_member_units_separated_by_semicolons_with_parent_ministry():
    text = ("Các thành viên của Đoàn kiểm tra liên ngành là đại diện Cục Quản lý thị trường (Bộ Công Thương); "
            "Thanh tra, giám sát ngân hàng (Ngân hàng Nhà nước); Tổng cục Hải quan (Bộ Tài chính).")
    (c,), _ = run(text)
    assert [m.organization for m in c.members] == [
        "Cục Quản lý thị trường", "Thanh tra, giám sát ngân hàng", "Tổng cục Hải quan"]


def test_office_without_a_person():
    (c,), _ = run("Ban Chỉ đạo phòng chống thiên tai được kiện toàn. Trưởng ban là Phó Thủ tướng Chính phủ.")
    assert members(c) == [(None, "Trưởng ban", "Phó Thủ tướng Chính phủ", None)]


def test_unit_represented_without_a_person():
    text = "- Đồng chí đại diện lãnh đạo Bộ Ngoại giao làm Thành viên Ban Chỉ đạo công tác biên giới;"
    (c,), _ = run(text)
    assert members(c) == [(None, "Thành viên", None, "Bộ Ngoại giao")]


def test_subgroup_with_parent_same_person_in_two_committees_kiem():
    text = ("Kiện toàn Ban Chỉ đạo cải cách thủ tục hành chính.\n"
            "- Đồng chí Vũ Hải Nam, Phó Chủ nhiệm Văn phòng Chính phủ làm Phó Trưởng ban thường trực Ban Chỉ đạo "
            "kiêm Tổ trưởng Tổ giúp việc thay đồng chí Trần Văn Tâm đã nghỉ hưu;\n")
    items, _ = run(text)
    cs = by_name(items)
    assert members(cs["Ban Chỉ đạo cải cách thủ tục hành chính"]) == [
        ("Vũ Hải Nam", "Phó Trưởng ban thường trực", "Phó Chủ nhiệm", "Văn phòng Chính phủ")]
    assert members(cs["Tổ giúp việc"]) == [("Vũ Hải Nam", "Tổ trưởng", "Phó Chủ nhiệm", "Văn phòng Chính phủ")]
    assert cs["Tổ giúp việc"].parent == "Ban Chỉ đạo cải cách thủ tục hành chính"


def test_table_rows_with_names_run_together_and_a_count_cell():
    text = ("Đoàn kiểm tra liên ngành về an toàn lao động\n"
            "| Trưởng đoàn | Nguyễn Quang Huy |\n|---|---|\n"
            "| Thành viên | Lê Văn Tám Trần Thị Hạnh |\n"
            "| Ủy viên | 5 thành viên |\n")
    (c,), _ = run(text)
    assert c.member_count == 5
    assert [(m.name, m.role) for m in c.members] == [
        ("Nguyễn Quang Huy", "Trưởng đoàn"), ("Lê Văn Tám", "Thành viên"), ("Trần Thị Hạnh", "Thành viên")]


def test_crawled_table_flattened_with_bars():
    text = ("Ban Chỉ đạo phát triển du lịch gồm:\n"
            "| TT | Họ và tên | Chức vụ | Nhiệm vụ |\n"
            "| 1 | Ông Tạ Văn Hùng | Thứ trưởng Bộ Văn hóa, Thể thao và Du lịch | Trưởng ban |\n"
            "| 2 | Bà Mai Thị Lan | Vụ trưởng Vụ Lữ hành | Ủy viên |\n")
    (c,), _ = run(text)
    assert members(c) == [
        ("Tạ Văn Hùng", "Trưởng ban", "Thứ trưởng", "Bộ Văn hóa, Thể thao và Du lịch"),
        ("Mai Thị Lan", "Ủy viên", "Vụ trưởng", "Vụ Lữ hành"),
    ]


def test_role_headings_over_office_lists():
    text = ("Thành viên Hội đồng tư vấn quốc gia\n\n**Chủ tịch:**\n\n- Bộ trưởng Bộ Tư pháp\n\n"
            "**Ủy viên:**\n\n- Thứ trưởng Bộ Tài chính\n- Tổng Thư ký, Chủ nhiệm Văn phòng Quốc hội\n"
            "- Thứ trưởng Bộ Tài chính\n")
    items, _ = run(text)
    (c,) = [c for c in items if c.members]
    assert members(c) == [
        (None, "Chủ tịch", "Bộ trưởng Bộ Tư pháp", None),
        (None, "Ủy viên", "Thứ trưởng Bộ Tài chính", None),
        (None, "Ủy viên", "Tổng Thư ký, Chủ nhiệm Văn phòng Quốc hội", None),
        (None, "Ủy viên", "Thứ trưởng Bộ Tài chính", None),
    ]


def test_short_name_declared_and_used_before():
    text = ("Ra mắt Tổ công tác 12 về thương mại điện tử\n\n"
            "Bộ trưởng Bộ Công Thương ký quyết định thành lập Tổ công tác kiểm tra, giám sát hàng giả trên mạng "
            "(gọi tắt là Tổ công tác 12). Tổ công tác 12 gồm 9 thành viên do Cục trưởng Cục Thương mại điện tử "
            "Lê Hoàng Oanh là Tổ trưởng.")
    items, warnings = run(text)
    (c,) = items
    assert c.name == "Tổ công tác kiểm tra, giám sát hàng giả trên mạng"
    assert c.member_count == 9
    assert members(c) == [("Lê Hoàng Oanh", "Tổ trưởng", "Cục trưởng", "Cục Thương mại điện tử")]
    assert any("9 members" in w for w in warnings)   # 9 stated, 1 listed


def test_full_name_prefers_the_longer_proper_form():
    text = ("Ban chỉ đạo cải cách hành chính của Bộ Xây dựng họp phiên đầu. "
            "Trưởng ban chỉ đạo cải cách hành chính của Bộ, Thứ trưởng Bùi Hồng Minh, chủ trì.")
    (c,), _ = run(text)
    assert c.name == "Ban chỉ đạo cải cách hành chính của Bộ Xây dựng"


def test_not_members():
    # the standing agency is not a member; Party ranks are no posts; no committee, no members
    (c,), _ = run("Cơ quan thường trực của Ban Chỉ đạo an toàn giao thông là Bộ Công an.")
    assert c.members == []
    assert run("Thứ trưởng Bộ Nội vụ Trần Văn Lâm chủ trì hội nghị.")[0] == []
    assert run("Bộ Nội vụ yêu cầu thành lập tổ công tác trả lời cử tri.")[0] == []   # lower case: no name
    (c,), _ = run("Ban Tổ chức Trung ương và Ban Chỉ đạo phòng chống tham nhũng họp.")
    assert c.name == "Ban Chỉ đạo phòng chống tham nhũng"


def test_drafting_board_items_with_representatives_and_lower_case_posts():
    text = ("Điều 1. Thành lập Ban soạn thảo Nghị định về Thủ đô (sau đây gọi là Ban soạn thảo) gồm:\n"
            "1. Ông Nguyễn Văn Ân, Thứ trưởng Bộ Tư pháp - Trưởng ban;\n"
            "2. Đại diện lãnh đạo Vụ Tổ chức cán bộ, Bộ Nội vụ - Thành viên;\n"
            "3. Ông Phạm Hữu Đức, chuyên viên chính Vụ Pháp chế, Bộ Nội vụ - Thư ký.\n")
    (c,), _ = run(text)
    assert members(c) == [
        ("Nguyễn Văn Ân", "Trưởng ban", "Thứ trưởng", "Bộ Tư pháp"),
        (None, "Thành viên", None, "Vụ Tổ chức cán bộ"),
        ("Phạm Hữu Đức", "Thư ký", "chuyên viên chính", "Vụ Pháp chế"),
    ]


def test_leaders_of_a_standing_body_are_not_members_of_a_committee_named_far_above():
    text = ("Ban thực hiện nhiệm vụ Cơ quan thường trực của Ban Chỉ đạo cải cách tư pháp.\n\n"
            "**II. TỔ CHỨC BỘ MÁY**\n\n**1- Lãnh đạo Ban**\n\n"
            "1. Phan Văn Trí - Ủy viên Trung ương Đảng, Trưởng ban\n\n"
            "2. Lê Thị Nga - Phó Trưởng ban\n")
    (c,), _ = run(text)
    assert c.members == []


def test_decision_article_with_numbered_role_headings():
    text = ("Điều 1. Thành lập Ban Chỉ đạo chuyển đổi số tỉnh Nam Hà (sau đây gọi tắt là Ban Chỉ đạo).\n\n"
            "Điều 2. Thành phần Ban Chỉ đạo gồm:\n"
            "1. Trưởng ban: Đồng chí Nguyễn Văn Ánh, Phó Chủ tịch UBND tỉnh.\n"
            "2. Phó Trưởng ban thường trực: Ông Trần Văn Bình, Giám đốc Sở Thông tin và Truyền thông.\n"
            "3. Các Ủy viên:\n"
            "- Ông Lê Văn Cường, Phó Giám đốc Sở Tài chính;\n"
            "- Ông Hoàng Văn Em, Chánh Văn phòng UBND tỉnh, Ủy viên kiêm Thư ký.\n\n"
            "Điều 3. Cơ quan thường trực của Ban Chỉ đạo là Sở Thông tin và Truyền thông.\n")
    (c,), _ = run(text)
    assert c.name == "Ban Chỉ đạo chuyển đổi số tỉnh Nam Hà"
    assert members(c) == [
        ("Nguyễn Văn Ánh", "Trưởng ban", "Phó Chủ tịch", "UBND tỉnh"),
        ("Trần Văn Bình", "Phó Trưởng ban thường trực", "Giám đốc", "Sở Thông tin và Truyền thông"),
        ("Lê Văn Cường", "Ủy viên", "Phó Giám đốc", "Sở Tài chính"),
        ("Hoàng Văn Em", "Ủy viên kiêm Thư ký", "Chánh Văn phòng", "Văn phòng UBND tỉnh"),
    ]


def test_list_under_a_shared_head():
    text = "Ban Chỉ đạo quốc gia về biển đảo được kiện toàn. Ủy viên gồm Bộ trưởng các bộ: Công Thương, Quốc phòng và Công an."
    (c,), _ = run(text)
    assert members(c) == [
        (None, "Ủy viên", "Bộ trưởng", "Bộ Công Thương"),
        (None, "Ủy viên", "Bộ trưởng", "Bộ Quốc phòng"),
        (None, "Ủy viên", "Bộ trưởng", "Bộ Công an"),
    ]


def test_titles_chained_before_a_name_and_lists_after_gom():
    text = ("Thủ tướng ký quyết định thành lập Ban Chỉ đạo các dự án đường sắt quan trọng quốc gia. "
            "Ban Chỉ đạo do Phó Thủ tướng Chính phủ Trần Hồng Sơn làm Trưởng Ban. Các Phó Trưởng Ban gồm: "
            "Bộ trưởng Bộ Tài chính Hồ Đức Phương; Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ Trần Văn Sang.")
    (c,), _ = run(text)
    assert members(c) == [
        ("Trần Hồng Sơn", "Trưởng ban", "Phó Thủ tướng", "Chính phủ"),
        ("Hồ Đức Phương", "Phó Trưởng ban", "Bộ trưởng", "Bộ Tài chính"),
        ("Trần Văn Sang", "Phó Trưởng ban", "Chủ nhiệm", "Văn phòng Chính phủ"),
    ]


def test_role_headings_far_from_any_committee_are_not_members():
    text = ("- Ban Chỉ đạo công tác thông tin đối ngoại (có trang thông tin điện tử)\n\n"
            "## Lãnh đạo Ban các thời kỳ\n\n- Ban Văn hóa Trung ương (1949-1950)\n\n"
            "- Trưởng ban: Trần Huy Lâm\n- Phó Trưởng ban: Nguyễn Văn Giàu\n")
    (c,), _ = run(text)
    assert c.members == []


def test_role_committee_then_office_over_wrapped_lines_and_represented_units():
    text = ("a) Chủ tịch Hội đồng quản lý là\nGiám đốc Sở Nông nghiệp và Môi trường; Phó Chủ tịch là Phó Giám "
            "đốc Sở Xây\ndựng; Thành viên là đại diện lãnh đạo Sở Tài chính.\n")
    (c,), _ = run(text)
    assert c.name == "Hội đồng quản lý"
    assert members(c) == [
        (None, "Chủ tịch", "Giám đốc Sở Nông nghiệp và Môi trường", None),
        (None, "Phó Chủ tịch", "Phó Giám đốc Sở Xây dựng", None),
        (None, "Thành viên", None, "Sở Tài chính"),
    ]


def test_office_that_will_hold_the_role():
    (c,), _ = run("Chủ tịch Hội đồng bầu cử quốc gia sẽ do Chủ tịch Quốc hội kiêm nhiệm.")
    assert members(c) == [(None, "Chủ tịch", "Chủ tịch Quốc hội", None)]


def test_table_rows_as_docx_and_pdf_readers_write_them():
    text = ("Hội đồng thi đua khen thưởng của Sở\nChức danh | Họ và tên\nChủ tịch | Nguyễn Văn An\n"
            "Phó Chủ tịch | Trần Văn Bình Lê Thị Cúc\nỦy viên | 7 thành viên\n")
    (c,), _ = run(text)
    assert c.name == "Hội đồng thi đua khen thưởng của Sở" and c.member_count == 7
    assert [(m.name, m.role) for m in c.members] == [
        ("Nguyễn Văn An", "Chủ tịch"), ("Trần Văn Bình", "Phó Chủ tịch"), ("Lê Thị Cúc", "Phó Chủ tịch")]


def test_dev_corpus_members_and_people_by_the_reference_scorer():
    """Regression guard on the annotated dev corpus (issue 5: members and people F1 >= 0.90,
    member position and organization accuracy >= 0.90)."""
    import importlib.util
    from pathlib import Path

    from extractor.pipeline import make_doc
    from extractor.readers import read_path
    from extractor.recognizers import document

    root = Path(__file__).resolve().parent
    spec = importlib.util.spec_from_file_location("reference_score", root / "reference" / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    dev = root.parent / "corpora" / "dev"
    preds = []
    for path in sorted(dev.glob("*.txt")):
        doc = make_doc(read_path(path), str(path))
        doc.document = document.recognize(doc)
        ps = people.recognize(doc)
        doc.cache["people"] = ps
        cs = committees.recognize(doc)
        preds.append({"document": {"source": str(path)},
                      "people": [p.model_dump() for p in ps], "committees": [c.model_dump() for c in cs]})
    out = scorer.score(str(dev), preds)
    assert out["members"]["f1"] >= 0.9 and out["people"]["f1"] >= 0.9
    assert out["member.position"]["acc"] >= 0.9 and out["member.organization"]["acc"] >= 0.9


def test_inline_role_colon_person():
    text = "Đoàn kiểm tra liên ngành của tỉnh đã làm việc. Trưởng đoàn: ông Lê Văn Hòa, Phó Giám đốc Sở Y tế; Thư ký: bà Ngô Thị Lan."
    (c,), _ = run(text)
    assert members(c) == [("Lê Văn Hòa", "Trưởng đoàn", "Phó Giám đốc", "Sở Y tế"), ("Ngô Thị Lan", "Thư ký", None, None)]


def test_a_role_without_its_committee_named_goes_to_one_of_its_kind():
    # "Trưởng ban" heads a Ban, not the Đoàn named before it
    (c,), _ = run("Đoàn đại biểu thành phố dự lễ. Trưởng ban là Đại tướng Nguyễn Tân Cường.")
    assert c.members == []


def test_offices_listed_after_a_role():
    text = "Hội đồng thẩm định quốc gia được thành lập. Ủy viên gồm: Bộ trưởng Bộ Quốc phòng, Bộ trưởng Bộ Công an và Thống đốc Ngân hàng Nhà nước."
    (c,), _ = run(text)
    assert members(c) == [
        (None, "Ủy viên", "Bộ trưởng Bộ Quốc phòng", None),
        (None, "Ủy viên", "Bộ trưởng Bộ Công an", None),
        (None, "Ủy viên", "Thống đốc Ngân hàng Nhà nước", None),
    ]


def test_the_last_member_unit_ends_where_the_sentence_goes_on():
    text = ("UBND thành phố giao Đoàn kiểm tra liên ngành, cùng các thành viên là Cục Thuế, Sở Công Thương, "
            "Sở Khoa học và Công nghệ, tiếp tục thực hiện nhiệm vụ phối hợp với các đơn vị liên quan để kiểm tra.")
    (c,), _ = run(text)
    assert [m.organization for m in c.members] == ["Cục Thuế", "Sở Công Thương", "Sở Khoa học và Công nghệ"]


# --- second pass: shapes first met on unseen documents -------------------------------------

SECOND_PASS = [
    # numbered role lines naming the council by its bare head, then a dashed list of members
    ("Nay thành lập Hội đồng thẩm định Đề án nông thôn số gồm các thành viên sau:\n\n"
     "(1) Chủ tịch Hội đồng: Giám đốc Sở Nội vụ Đặng Văn Khoa.\n\n"
     "(2) Các thành viên Hội đồng gồm:\n\n"
     "- Ông Vương Đình Lộc, Phó Giám đốc Sở Tư pháp;\n\n"
     "- Bà Tạ Thị Mơ, Phó Giám đốc Sở Y tế; Ông Lục Văn Nam, Chánh Thanh tra tỉnh.\n",
     [("Đặng Văn Khoa", "Chủ tịch", "Giám đốc", "Sở Nội vụ"),
      ("Vương Đình Lộc", "Thành viên", "Phó Giám đốc", "Sở Tư pháp"),
      ("Tạ Thị Mơ", "Thành viên", "Phó Giám đốc", "Sở Y tế"),
      ("Lục Văn Nam", "Thành viên", "Chánh Thanh tra", "Thanh tra tỉnh")]),
    # the role after the person's posts, past a semicolon
    ("Sáng nay, Ban Chỉ đạo tuyển sinh cấp tỉnh họp phiên đầu. Đồng chí Hồ Văn Mạnh, Phó Chủ tịch UBND tỉnh; "
     "Trưởng Ban chỉ đạo chủ trì cuộc họp.",
     [("Hồ Văn Mạnh", "Trưởng ban", "Phó Chủ tịch", "UBND tỉnh")]),
    # an office holding a role: title and unit, no person
    ("Bộ trưởng Bộ Xây dựng - Phó Trưởng ban Thường trực Ban Chỉ đạo nhà ở quốc gia đôn đốc các địa phương.",
     [(None, "Phó Trưởng ban thường trực", "Bộ trưởng", "Bộ Xây dựng")]),
    # a named holder and, later, the same office in the same role: one member
    ("Phó Thủ tướng Chính phủ Lý Văn Sáu - Trưởng Ban Chỉ đạo nhà ở quốc gia phát biểu. "
     "Các bộ báo cáo Phó Thủ tướng Chính phủ - Trưởng Ban Chỉ đạo nhà ở quốc gia trước ngày 15.",
     [("Lý Văn Sáu", "Trưởng ban", "Phó Thủ tướng", "Chính phủ")]),
    # a model decision: role headings without a colon, names left blank, the standing deputy
    ("Điều 1. Thành lập Ban Chỉ đạo phòng, chống thiên tai xã ………… (sau đây gọi là Ban Chỉ đạo xã) gồm:\n\n"
     "**1. Trưởng ban**\n\n- Ông/Bà ………… - Chủ tịch Ủy ban nhân dân xã;\n\n"
     "**2. Phó Trưởng ban**\n\n- Ông/Bà ………… - Phó Chủ tịch Ủy ban nhân dân xã - Thường trực;\n\n"
     "- Ông/Bà ………… - Trưởng Công an xã;\n",
     [(None, "Trưởng ban", "Chủ tịch", "Ủy ban nhân dân xã"),
      (None, "Phó Trưởng ban thường trực", "Phó Chủ tịch", "Ủy ban nhân dân xã"),
      (None, "Phó Trưởng ban", "Trưởng Công an", "Công an xã")]),
]


def test_second_pass_shapes():
    for text, expected in SECOND_PASS:
        items, _ = run(text)
        got = [m for c in items for m in members(c)]
        assert got == expected, text


NAME_ENDS = [
    # the sentence goes on after the committee's name
    ("Lãnh đạo tỉnh đề nghị Đoàn Kiểm tra hoàn thành tốt nhiệm vụ được giao.", "Đoàn Kiểm tra"),
    ("Các huyện yêu cầu Ban chỉ đạo thi cấp huyện cần khẩn trương rà soát.", "Ban chỉ đạo thi cấp huyện"),
    ("Tỉnh ủy cảm ơn Đoàn công tác và mong muốn hợp tác.", "Đoàn công tác"),
    ("Ban chỉ đạo phổ cập giáo dục trên cơ sở chức năng được giao đã họp.", "Ban chỉ đạo phổ cập giáo dục"),
    # a question headline: its tail is not part of the name
    ("Quyền hạn của Hội đồng thẩm định quy hoạch tỉnh ra sao?", "Hội đồng thẩm định quy hoạch tỉnh"),
    ("Tổ công tác chuyên trách hoạt động như thế nào?", "Tổ công tác chuyên trách hoạt động"),
]


def test_committee_names_end_before_the_predicate():
    for text, name in NAME_ENDS:
        items, _ = run(text)
        assert [c.name for c in items] == [name], text


def test_member_names_are_not_invented_from_blanks_or_units():
    # a blank with no title is no member; a company named by foreign words is a unit, not a person
    items, _ = run("Ban Tổ chức hội thi gồm: Ông/Bà ………… và đại diện Công ty Samsung Electronics.")
    assert [members(c) for c in items] == [[]]


def test_role_with_small_ban_before_a_capitalized_name():
    items, _ = run("Thượng tướng Đào Văn Hòa, Ủy viên BCHTW Đảng, Thứ trưởng BQP, Trưởng ban Chỉ đạo huấn luyện.")
    assert [(c.name, members(c)) for c in items] == [
        ("Ban Chỉ đạo huấn luyện", [("Đào Văn Hòa", "Trưởng ban", "Thứ trưởng", "BQP")])]


def test_role_never_goes_to_an_earlier_committee_of_another_kind():
    items, _ = run("Đoàn công tác của tỉnh đã về thăm xã.\n\nÔng Lò Văn Páo được giao làm Trưởng ban.")
    assert [members(c) for c in items] == [[]]


def test_roles_in_councils_named_after_the_role():
    # each role among a person's titles, with its council named, makes the person a member of it
    items, _ = run("Tiếp đoàn có Thượng tọa Thích Quảng Tâm, Ủy viên Thường trực Hội đồng trị sự, "
                   "Phó Chủ tịch Hội đồng điều hành giáo hội tỉnh.")
    assert [(c.name, members(c)) for c in items] == [
        ("Hội đồng trị sự", [("Thích Quảng Tâm", "Ủy viên thường trực", None, None)]),
        ("Hội đồng điều hành giáo hội tỉnh", [("Thích Quảng Tâm", "Phó Chủ tịch", None, None)]),
    ]


def test_standing_councils_and_peoples_councils_are_no_committees():
    # a council with a capitalized proper name is a standing institution; HĐND is a unit
    items, _ = run("Ông Hà Văn Lâm, Chủ tịch Hội đồng Dân tộc, và bà Lò Thị Mai, Chủ tịch Hội đồng nhân dân tỉnh, dự.")
    assert items == []


NOT_HOLDERS = [
    # "do X đề nghị": the members are proposed by an office, not held by it
    "Hội đồng thẩm định được thành lập. Thành viên Hội đồng do Giám đốc Sở Tư pháp đề nghị.",
    # a secretary from a division written small is no unit member
    "Hội đồng thẩm định có Thư ký Hội đồng là đại diện phòng chuyên môn của sở.",
    # two people with their own posts: the second one's role is not the first one's
    "Ông Đỗ Văn Tuấn, nguyên Chủ tịch UBCK, ông Vi Văn Lợi, Chủ tịch Hội đồng thành viên Công ty Sông Đà.",
]


def test_proposers_divisions_and_other_peoples_roles_are_no_members():
    for text in NOT_HOLDERS:
        items, _ = run(text)
        got = [(m.name, m.role) for c in items for m in c.members]
        assert ("Đỗ Văn Tuấn", "Chủ tịch") not in got and all(n for n, _ in got), (text, got)


def test_small_head_with_a_capitalized_word_after_it():
    # "ban chỉ đạo Quốc gia ...": written small after the role, still the committee the role names
    items, _ = run("Ông Hà Văn Nam làm Trưởng Ban Chỉ đạo điều hành giá.\n\n"
                   "Sau đó, ông Hà Văn Nam làm Phó Trưởng ban chỉ đạo Quốc gia phòng, chống thiên tai.")
    assert [(c.name, members(c)) for c in items] == [
        ("Ban Chỉ đạo điều hành giá", [("Hà Văn Nam", "Trưởng ban", None, None)]),
        ("Ban chỉ đạo Quốc gia phòng, chống thiên tai", [("Hà Văn Nam", "Phó Trưởng ban", None, None)]),
    ]
    # all small, no proper word: a common noun phrase, no committee
    items, _ = run("Ông Hà Văn Nam làm Trưởng ban chỉ đạo của xã.")
    assert items == []


def test_a_list_of_roles_is_no_list_of_members():
    text = "Ban Chỉ đạo vùng gồm:\n\n- Trưởng ban\n- Phó Trưởng ban Thường trực\n- Phó Trưởng ban\n- Ủy viên chuyên trách\n"
    (c,), _ = run(text)
    assert members(c) == []


def test_a_unit_holding_a_role_and_member_units_ending_at_the_predicate():
    text = ("Tỉnh giao Đoàn kiểm tra liên ngành, do Sở Y tế làm Trưởng đoàn, cùng các thành viên là "
            "Công an tỉnh, Sở Tài chính, tiếp tục kiểm tra các cơ sở.")
    (c,), _ = run(text)
    assert members(c) == [(None, "Trưởng đoàn", None, "Sở Y tế"), (None, "Thành viên", None, "Công an tỉnh"),
                          (None, "Thành viên", None, "Sở Tài chính")]
    # "do X" without a role after it gives nothing
    items, _ = run("Đoàn kiểm tra liên ngành do Sở Y tế thành lập đã làm việc.")
    assert [members(c) for c in items] == [[]]


def test_a_council_named_by_capitalized_words_holds_its_table_members():
    """"Hội đồng" followed by a capitalized name is a council; an infobox table lists its members."""
    text = ("# Hội đồng Biên giới Quốc gia\n\n"
            "| Chủ tịch | Đặng Văn Hòa |\n|---|---|\n| Ủy viên | Lê Thị Thu Đỗ Minh Khoa |\n\n"
            "Hội đồng Biên giới Quốc gia họp mỗi năm một lần.\n")
    items, _ = run(text)
    c = by_name(items)["Hội đồng Biên giới Quốc gia"]
    assert [(m.name, m.role) for m in c.members] == [
        ("Đặng Văn Hòa", "Chủ tịch"), ("Lê Thị Thu", "Ủy viên"), ("Đỗ Minh Khoa", "Ủy viên")]


def test_a_local_council_is_no_committee():
    items, _ = run("Hội đồng Nhân dân tỉnh họp kỳ thứ 5.\n")
    assert items == []


def test_role_colon_list_lines_with_bare_names():
    """"- <role> [committee]: Name (post)": members with their role, and the people with their post."""
    text = ("Hội đồng Bảo trợ Quốc gia được lập năm 1950, gồm:\n\n"
            "- Chủ tịch Hội đồng: Trịnh Minh Hòa (Bộ trưởng Bộ Tư pháp)\n"
            "- Các ủy viên: Đinh Thị Lan (Thứ trưởng Bộ Y tế), Cao Văn Sơn (Bộ trưởng Bộ Giáo dục).\n"
            "- Thư ký: chưa chọn.\n")
    items, _ = run(text)
    c = by_name(items)["Hội đồng Bảo trợ Quốc gia"]
    assert [(m.name, m.role) for m in c.members] == [
        ("Trịnh Minh Hòa", "Chủ tịch"), ("Đinh Thị Lan", "Ủy viên"), ("Cao Văn Sơn", "Ủy viên")]
    doc = Doc(text=normalize(text), source="t")
    doc.document = Document(id=doc.id, source="t")
    assert [(p.name, p.position, p.organization) for p in people.recognize(doc)] == [
        ("Trịnh Minh Hòa", "Bộ trưởng", "Bộ Tư pháp"), ("Đinh Thị Lan", "Thứ trưởng", "Bộ Y tế"),
        ("Cao Văn Sơn", "Bộ trưởng", "Bộ Giáo dục")]


def test_a_counted_role_and_a_colon_over_offices():
    """"04 ủy viên: office, office": each office an ordinary member; a count before a list on
    the next lines leaves the roles to the list, and a count without a colon names no role."""
    text = ("Hội đồng Điều phối vùng có 1 Chủ tịch và 02 ủy viên.\n"
            "- 02 ủy viên: Bộ trưởng Bộ Tài chính, Bộ trưởng Bộ Xây dựng.\n")
    items, _ = run(text)
    (c,) = items
    assert [(m.role, m.position) for m in c.members] == [
        ("Ủy viên", "Bộ trưởng Bộ Tài chính"), ("Ủy viên", "Bộ trưởng Bộ Xây dựng")]
    items, _ = run("Tổ công tác phối hợp gồm 7 thành viên do ông Lạc Văn Tâm làm Tổ trưởng.")
    assert [(m.name, m.role) for m in items[0].members] == [("Lạc Văn Tâm", "Tổ trưởng")]


def test_a_role_of_a_committee_held_by_an_office():
    """"<role> của <committee> là <office>": the committee written after "của"."""
    text = ("Hội đồng Điều phối vùng được thành lập năm 2020.\n"
            "- Phó Chủ tịch của Hội đồng là Bộ trưởng Bộ Xây dựng.\n")
    (c,), _ = run(text)
    assert [(m.role, m.position) for m in c.members] == [("Phó Chủ tịch", "Bộ trưởng Bộ Xây dựng")]
    # "của" followed by no committee: no member
    items, _ = run("Hội đồng Điều phối vùng được thành lập năm 2020. Phó Chủ tịch của tỉnh là Bộ trưởng Bộ Xây dựng.")
    assert all(not c.members for c in items)


def test_people_listed_after_a_committee_without_a_role_are_ordinary_members():
    text = ("Làm việc với tỉnh, Đoàn kiểm tra có các đồng chí: Lê Văn Tâm, Vụ trưởng Vụ Tổng hợp, "
            "Trưởng Đoàn kiểm tra; Đinh Thị Lan, Phó Vụ trưởng Vụ Pháp chế cùng các cán bộ.")
    (c,), _ = run(text)
    assert [(m.name, m.role) for m in c.members] == [("Lê Văn Tâm", "Trưởng đoàn"), ("Đinh Thị Lan", "Thành viên")]
    # people met by a committee, not listed in it: no member
    items, _ = run("Đoàn kiểm tra làm việc với các đồng chí: Lê Văn Tâm, Vụ trưởng Vụ Tổng hợp; Đinh Thị Lan.")
    assert all(not c.members for c in items)
