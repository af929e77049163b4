"""Task statistics read in their context: the modality of the clause (a directive's task, a time
limit, a lead-in of tasks, work delivered, a target reached), counts that share a verb or repeat
a headline, and the holder resolved to a full body (issue 12).

Cases are written from the rules, with their own names and numbers (not copied from a corpus).
"""
import pytest

from extractor.doc import Doc
from extractor.normalize import normalize
from extractor.recognizers import task_stats
from models.records import Document


def run(text: str, kind: str = "news", issuer: str | None = None):
    doc = Doc(text=normalize(text), source="test")
    doc.document = Document(id=doc.id, source="test", kind=kind, issuer=issuer)
    return task_stats.recognize(doc), doc


def keys(items):
    return [(t.status, t.count, t.subject) for t in items if t.status != "other"]


# (text, expected scored items)
MODALITY = [
    # a directive's list item opening with an urging word sets its work out
    ("Các nhiệm vụ:\n\n- Khẩn trương rà soát, cắt giảm 120 thủ tục hành chính thuộc lĩnh vực đất đai.",
     [("assigned", 120, "thủ tục hành chính")]),
    # a time limit sets the work out, even where its verb is "hoàn thành"
    ("Số hóa hồ sơ cấp 12 loại giấy tờ điện tử, hoàn thành trong tháng 6 năm 2026.",
     [("assigned", 12, "loại giấy tờ")]),
    # a lead-in that announces tasks: its items are work set out
    ("Ngoài ra còn một số nhiệm vụ sau:\n\n- Xây dựng 3 đề án về chuyển đổi số.",
     [("assigned", 3, "đề án")]),
    # ... but work reported done stays done
    ("Các nhiệm vụ:\n\n- Tiếp tục triển khai; năm qua đã hoàn thành 14 đề án.", [("completed", 14, "đề án")]),
    # a delivering verb said of work done
    ("Đến nay, Cục đã cung cấp 150/170 DVCTT mức độ 4.", [("completed", 150, "DVCTT")]),
    ("Kết quả, 310 điều kiện kinh doanh đã được cắt giảm, đơn giản hóa.", [("completed", 310, "điều kiện kinh doanh")]),
    ("Tính đến ngày 30/9/2023, có 95 thủ tục hành chính của 9 bộ, ngành được chính thức triển khai.",
     [("completed", 95, "thủ tục hành chính")]),
    ("Qua đó, nâng tổng số dịch vụ công được cung cấp trực tuyến lên 64 dịch vụ công.",
     [("completed", 64, "dịch vụ công")]),
    # without a word of work done the same verbs report no status of the vocabulary
    ("Sở cung cấp 40 dịch vụ công trực tuyến cho người dân.", []),
    # ... and set out where a future word stands after the noun
    ("Theo lộ trình, 6 chứng từ điện tử dự kiến sẽ được kết nối trong năm tới.", [("assigned", 6, "chứng từ")]),
    # "hoàn thành" over a verb of work
    ("Sở hoàn thành nhiệm vụ triển khai tích hợp 18 DVCTT lên Cổng dịch vụ công.", [("completed", 18, "DVCTT")]),
    # a target reached is done; "đạt" of anything else is no status
    ("Năm 2023, tỉnh đạt và vượt 14/16 chỉ tiêu chủ yếu.", [("completed", 14, "chỉ tiêu")]),
    ("Cơ sở dữ liệu đạt 512 thủ tục hành chính.", []),
    # counts of one list share the verb after the last one
    ("Giai đoạn vừa qua, 1.204/2.310 điều kiện kinh doanh; 3.120/5.040 dòng hàng đã được cắt giảm.",
     [("completed", 1204, "điều kiện kinh doanh"), ("completed", 3120, "dòng hàng")]),
    # ... not where the first count has a verb of its own
    ("Bộ được giao 20 đề án, đã trình 12 đề án, 8 đề án đang hoàn thiện.",
     [("assigned", 20, "đề án"), ("pending", 8, "đề án")]),
    # a body or a document that sets work out ("đề ra", "đưa ra", "đề xuất", "xác định")
    ("Chương trình đưa ra 5 nhiệm vụ, giải pháp chủ yếu.", [("assigned", 5, "nhiệm vụ")]),
    ("Tại hội nghị, Giám đốc Sở đề xuất 7 nhiệm vụ trọng tâm cho năm tới.", [("assigned", 7, "nhiệm vụ")]),
    # a goal sets the work out even where its verb is "hoàn thành"
    ("Tỉnh đặt mục tiêu hoàn thành 9 chỉ tiêu chủ yếu trong năm.", [("assigned", 9, "chỉ tiêu")]),
    # a plan's list with an adverb between its verb and the count
    ("Theo đó, Kế hoạch số 45/KH-UBND có nêu cụ thể 17 dự án cần đầu tư.", [("assigned", 17, "dự án")]),
    # a list of work items sets them out; a catalogue of procedures publishes them
    ("Danh sách 23 dự án triển khai trong giai đoạn 2026-2030", [("assigned", 23, "dự án")]),
    ("Danh mục 12 thủ tục hành chính thuộc lĩnh vực hộ tịch", []),
    # the recipients of "trình" stand between the verb and its count: the future sets it out
    ("Năm nay, Cục sẽ trình Bộ, Chính phủ 8 đề án quan trọng.", [("assigned", 8, "đề án")]),
    # ... but a count after "và" is the verb's next object, not its recipients' end
    ("Cục xây dựng thời hạn trình 3 đề án trình Chính phủ và 4 thông tư.",
     [("assigned", 3, "đề án"), ("assigned", 4, "thông tư")]),
    # work under way ("đang") before its verb or after the noun is not done yet
    ("Hiện nay Bộ Nội vụ đang đề xuất sửa đổi 4 nghị định về công chức.", [("pending", 4, "nghị định")]),
    ("Dự thảo 3 thông tư này đang được trình Bộ trưởng ký ban hành.", [("pending", 3, "thông tư")]),
    # ... "đang còn" is "still", and procedures of a register stay as their verb says
    ("Trong số đó có 5 dự án đến nay vẫn đang còn hoạt động.", []),
    ("Sở đang chuẩn bị triển khai 9 thủ tục hành chính mới.", []),
    # a coordinator makes a count the next object of the verb before it, across a comma
    # (the verb's first object counted too: a count of anything a status verb governs)
    ("Kế hoạch đề ra 6 định hướng lớn, cũng như 12 nhóm nhiệm vụ và 140 nhiệm vụ cụ thể.",
     [("assigned", 6, "định hướng"), ("assigned", 12, "nhóm nhiệm vụ"), ("assigned", 140, "nhiệm vụ")]),
    # ... "với" alone is no coordinator ("đối với")
    ("Triển khai thông qua Cổng thông tin một cửa đối với 7 thủ tục hành chính mới.", []),
]


# A news headline reports what happened without "đã": a delivering verb in it is work done.
def test_headline_verb_reports_work_done():
    text = "3 thủ tục của Bộ Y tế kết nối Cổng thông tin một cửa quốc gia\n\nBộ Y tế cho biết việc kết nối giúp doanh nghiệp."
    doc = Doc(text=normalize(text), source="test")
    doc.document = Document(id=doc.id, source="test", kind="news",
                            title="3 thủ tục của Bộ Y tế kết nối Cổng thông tin một cửa quốc gia")
    assert keys(task_stats.recognize(doc)) == [("completed", 3, "thủ tục")]
    # the same words in a body sentence say nothing of it being done
    doc = Doc(text=normalize("Tin vắn\n\nTheo kế hoạch, 3 thủ tục của Bộ Y tế kết nối Cổng thông tin."), source="test")
    doc.document = Document(id=doc.id, source="test", kind="news", title="Tin vắn")
    assert keys(task_stats.recognize(doc)) == []


@pytest.mark.parametrize("text, expected", MODALITY)
def test_modality(text, expected):
    assert keys(run(text)[0]) == expected


def test_headline_repeats_take_the_status_stated_in_the_body():
    text = ("38 thủ tục hải quan được cung cấp dịch vụ công trực tuyến\n\n"
            "Hết năm 2022, Cục Hải quan tỉnh đã cung cấp 38 thủ tục hải quan ở mức độ 4.\n\n"
            "![38 thủ tục hải quan được cung cấp dịch vụ công trực tuyến](anh.png)")
    items, _ = run(text)
    assert keys(items) == [("completed", 38, "thủ tục hải quan")] * 3
    assert {t.holder for t in items} == {"Cục Hải quan tỉnh"}


def test_a_holder_ends_where_the_name_of_its_head_begins():
    items, _ = run("Phó Cục trưởng Cục Thống kê tỉnh Lò Văn Hải cho biết đơn vị đã hoàn thành 14 nhiệm vụ.")
    assert [(t.status, t.count, t.holder) for t in items] == [("completed", 14, "Cục Thống kê tỉnh")]


def test_a_repeat_with_a_verb_of_its_own_keeps_it():
    text = ("Hướng dẫn 3 thủ tục hành chính mới\n\n"
            "Bộ Tư pháp đề nghị các đơn vị triển khai 3 thủ tục hành chính, hoàn thành trước ngày 15/3/2026.")
    assert keys(run(text)[0]) == [("assigned", 3, "thủ tục hành chính")]


# (text, issuer, holder of the scored count)
HOLDERS = [
    # a bare "Bộ" is the ministry named before it
    ("Bộ Công Thương được giao 90 nhiệm vụ. Đến nay, Bộ đã hoàn thành 75 nhiệm vụ.", None, ["Bộ Công Thương"] * 2),
    # ... not a Party body of the register that happens to start with "Bộ"
    ("Bộ Chính trị ban hành kết luận. Bộ Y tế cho biết đến nay, Bộ đã hoàn thành 30 nhiệm vụ.", None,
     ["Bộ Y tế"]),
    # ... or the document's issuer; with neither, nobody
    ("Trong quý, Bộ đã hoàn thành 12 nhiệm vụ.", "Bộ Nội vụ", ["Bộ Nội vụ"]),
    ("Trong quý, Bộ đã hoàn thành 12 nhiệm vụ.", None, [None]),
    # a generic "đơn vị" is the unit named before it
    ("Cục Thuế tỉnh tổ chức hội nghị. Năm 2023, đơn vị đã hoàn thành 41/45 nhiệm vụ.", None, ["Cục Thuế tỉnh"]),
    # "UBND tỉnh" takes the province the text names
    ("Tỉnh Yên Bái đẩy mạnh cải cách. Năm 2023, UBND tỉnh đã hoàn thành 12/14 chỉ tiêu.", None,
     ["UBND tỉnh Yên Bái"]),
    # the body the work belongs to, named after the noun
    ("Cần khẩn trương cắt giảm 52 thủ tục hành chính thuộc lĩnh vực quản lý của Bộ Y tế, hoàn thành trong năm 2026.",
     None, ["Bộ Y tế"]),
    # the holder of the count before it in the paragraph
    ("Năm 2023, Sở Nội vụ đã hoàn thành 60 nhiệm vụ. Tính đến ngày 31/12/2023 có 04/09 đề án được ban hành.",
     None, ["Sở Nội vụ"] * 2),
    # a unit that helps or is quoted holds nothing
    ("Theo Tổng cục Thống kê, cả nước đã hoàn thành 19 dự án.", None, [None]),
    ("Tiếp tục phối hợp với Bộ Công an triển khai 7 đề án, hoàn thành trong tháng 12 năm 2026.", None, [None]),
    # counts of many bodies are held by none
    ("Đến nay, Sở Tư pháp cho biết đã có 80 thủ tục hành chính của 12 sở, ngành được chính thức triển khai.", None,
     [None]),
    # a name that ends on a number is whole
    ("Chi cục Hải quan cửa khẩu khu vực 2 đã ban hành 35 quyết định hành chính.", None,
     ["Chi cục Hải quan cửa khẩu khu vực 2"]),
]


@pytest.mark.parametrize("text, issuer, holders", HOLDERS)
def test_holders(text, issuer, holders):
    items, _ = run(text, issuer=issuer)
    assert [t.holder for t in items if t.status != "other"] == holders


def test_fronted_opening_names_the_main_clause_subject():
    text = ("Thực hiện ý kiến chỉ đạo của Ban Chỉ đạo về việc triển khai 6 thủ tục hành chính cho các "
            "đảng viên, tổ chức đảng, Văn phòng Tỉnh ủy tổ chức tập huấn.")
    (t,) = run(text)[0]
    assert (t.status, t.count, t.holder) == ("assigned", 6, "Văn phòng Tỉnh ủy")


def test_no_holder_is_a_bare_head():
    """Whatever the text, a holder is never one of the bare reference words."""
    from extractor.data import words
    bare = set(words("task_holder_refs"))
    texts = [h[0] for h in HOLDERS] + [m[0] for m in MODALITY]
    for text in texts:
        for t in run(text)[0]:
            assert t.holder not in bare, (text, t.holder)


def test_seed_report_counts_are_all_held_by_the_ministry():
    from conftest import DEV
    from extractor.pipeline import extract

    record = extract(DEV / "seed_000_so_ket_cchc_2017.txt")
    assert record.task_stats
    assert {t.holder for t in record.task_stats} == {"Bộ TT&TT"}


# warnings name the numbers that disagree and quote where they stand
WARNINGS = [
    ("Đã hoàn thành 50 nhiệm vụ, trong đó 40 nhiệm vụ đúng hạn, 5 nhiệm vụ quá hạn.",
     "nhiệm vụ completed on time (40) and late (5) make 45, but the text says 50 were completed: "
     "“Đã hoàn thành 50 nhiệm vụ, trong đó 40 nhiệm vụ đúng hạn, 5 nhiệm vụ quá hạn.”"),
    ("Năm nay được giao 100 nhiệm vụ. Đã hoàn thành 70 nhiệm vụ, còn 20 nhiệm vụ chưa hoàn thành.",
     "nhiệm vụ completed (70) and not yet completed (20) make 90, but the text says 100 were assigned: "
     "“Năm nay được giao 100 nhiệm vụ.”"),
]


@pytest.mark.parametrize("text, message", WARNINGS)
def test_warnings_in_words(text, message):
    assert run(text)[1].warnings == ["task_stats: " + message]
