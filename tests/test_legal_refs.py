"""The legal references recognizer, table-driven: (text -> expected references) for
every mention shape of issue 3, and the things that are not references."""
from __future__ import annotations

import pytest

from extractor.doc import Doc
from extractor.normalize import normalize
from extractor.recognizers import document, legal_refs, symbols
from models.records import Document


def _refs(text: str, header: bool = False) -> list:
    doc = Doc(text=normalize(text))
    doc.document = document.recognize(doc) if header else Document(id=doc.id, source="-")
    items = legal_refs.recognize(doc)
    for r in items:  # the offset guarantee
        assert doc.text[r.evidence.start:r.evidence.end] == r.evidence.text
    return items


def _keys(text: str) -> list[tuple]:
    return [(r.type, r.number, r.title if r.number is None else None) for r in _refs(text)]


@pytest.mark.parametrize("text, expected", [
    ("theo Nghị định số 49/2017/NĐ-CP của Chính phủ", [("Nghị định", "49/2017/NĐ-CP", None)]),
    ("thực hiện Quyết định 632/QĐ-TTg", [("Quyết định", "632/QĐ-TTg", None)]),
    ("Quyết định 34 về kiện toàn Ban chỉ đạo", [("Quyết định", "34", None)]),
    ("Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;", [("Luật", "63/2025/QH15", None)]),
    ("bởi Luật số 87/2025/QH15;", [("Luật", "87/2025/QH15", None)]),
    # the Party's style
    ("Kết luận số 126-KL/TW của Bộ Chính trị", [("Kết luận", "126-KL/TW", None)]),
    ("Quyết định 419-QĐ/BCSĐ năm 2025", [("Quyết định", "419-QĐ/BCSĐ", None)]),
    # numbers with letters, symbols with several groups
    ("Nghị quyết số 30c/NQ-CP về", [("Nghị quyết", "30c/NQ-CP", None)]),
    ("Thông tư liên tịch số 64/2015/TTLT-BTC-BCT-BCA-BQP hướng dẫn",
     [("Thông tư liên tịch", "64/2015/TTLT-BTC-BCT-BCA-BQP", None)]),
    ("Thông báo số 659/TB-VPCP ngày", [("Thông báo", "659/TB-VPCP", None)]),
    # a list under one type word gives one item each
    ("các Nghị định số 49/2017/NĐ-CP, 50/2017/NĐ-CP và 51/2017/NĐ-CP",
     [("Nghị định", "49/2017/NĐ-CP", None), ("Nghị định", "50/2017/NĐ-CP", None),
      ("Nghị định", "51/2017/NĐ-CP", None)]),
    # numbers wrapped over a line or split by crawl debris
    ("Nghị định số\n49/2017/NĐ-CP", [("Nghị định", "49/2017/NĐ-CP", None)]),
    ("Quyết định số 336- QD/BCSCLTW, ngày", [("Quyết định", "336-QD/BCSCLTW", None)]),
    ("Quyết định số 20/2018/ QĐ-TTg ngày", [("Quyết định", "20/2018/QĐ-TTg", None)]),
    ("Thông tư số 44/2022/TT- BTC ngày", [("Thông tư", "44/2022/TT-BTC", None)]),
    ("Nghị\nquyết số 66-NQ/TW", [("Nghị quyết", "66-NQ/TW", None)]),
    # type words in capitals or lower case
    ("NGHỊ QUYẾT SỐ 140/NQ-CP NGÀY 17/5/2025 CỦA CHÍNH PHỦ", [("Nghị quyết", "140/NQ-CP", None)]),
    ("theo tiêu chí tại quyết định số 2015/QĐ-BTC của Bộ", [("Quyết định", "2015/QĐ-BTC", None)]),
    # named laws and codes without a number
    ("theo Luật Ban hành văn bản quy phạm pháp luật và các văn bản hướng dẫn",
     [("Luật", None, "Ban hành văn bản quy phạm pháp luật")]),
    ("quy định của Bộ luật Lao động.", [("Bộ luật", None, "Lao động")]),
    ("sửa đổi Luật Cán bộ, công chức, Luật Thanh tra, các luật liên quan",
     [("Luật", None, "Cán bộ, công chức"), ("Luật", None, "Thanh tra")]),
    ("tại Điều 69 Luật Giáo dục 2019 như sau", [("Luật", None, "Giáo dục")]),
    ("Sau khi Hiến pháp 2013 được thông qua", [("Hiến pháp", None, "2013")]),
    ("Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật",
     [("Luật", None, "sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật"),
      ("Luật", None, "Ban hành văn bản quy phạm pháp luật")]),
    # an omnibus amending law: its title names every law it amends, in any case, each a
    # mention of its own; the date after the title is the amending law's
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của luật thủy sản, luật trồng trọt, luật bảo vệ "
     "và kiểm dịch thực vật ngày 10 tháng 12 năm 2024;",
     [("Luật", None, "sửa đổi, bổ sung một số điều của luật thủy sản, luật trồng trọt, luật bảo vệ và "
                     "kiểm dịch thực vật"),
      ("Luật", None, "thủy sản"), ("Luật", None, "trồng trọt"), ("Luật", None, "bảo vệ và kiểm dịch thực vật")]),
    ("Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức ngày 25/11/2019",
     [("Luật", None, "sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức"),
      ("Luật", None, "Cán bộ, công chức"), ("Luật", None, "Viên chức")]),
    # laws amended as a group: the title names no law of its own
    ("theo Luật sửa đổi, bổ sung một số điều của các luật về phí và lệ phí số 11/2030/QH16 và",
     [("Luật", "11/2030/QH16", None)]),
    ("dự án Luật sửa đổi, bổ sung một số điều của 12 luật trong lĩnh vực giáo dục phù hợp với chủ trương",
     [("Luật", None, "sửa đổi, bổ sung một số điều của 12 luật trong lĩnh vực giáo dục")]),
    # a law named for the State's duty keeps "của Nhà nước"; a conjunction ends a name
    ("Căn cứ Luật Trách nhiệm bồi thường của Nhà nước;", [("Luật", None, "Trách nhiệm bồi thường của Nhà nước")]),
    ("theo Luật Thủy lợi nếu có", [("Luật", None, "Thủy lợi")]),
    # the year of a programme is not its number; "số" makes it one
    ("học theo Chương trình 2018 từ lớp 10", []),
    ("theo Chương trình số 2018 của Tỉnh ủy", [("Chương trình", "2018", None)]),
    # two type words before one number: the symbol's code says which it is
    ("các Thông báo kết luận số 49/TB-VPCP và số 50/TB-VPCP", [("Thông báo", "49/TB-VPCP", None), ("Thông báo", "50/TB-VPCP", None)]),
    # a list's dash on the next line does not continue a symbol; a dash that ends a line wraps it
    ("Căn cứ:\n- Nghị định 71/2026/NĐ-CP\n- Nghị định 62/2025/NĐ-\nCP", [("Nghị định", "71/2026/NĐ-CP", None), ("Nghị định", "62/2025/NĐ-CP", None)]),
    # the issuing sub-unit's code in brackets is part of the number; a look-alike slash is a slash
    ("theo Tờ trình số 197/TTr-CAT(PA05) ngày 3/3/2025", [("Tờ trình", "197/TTr-CAT(PA05)", None)]),
    ("tại Tờ trình số 381⁄TTr-SNV ngày 08 tháng 10", [("Tờ trình", "381/TTr-SNV", None)]),
    # what is said of a law after its name is no part of it
    ("Luật Thủy lợi vừa được sửa đổi", [("Luật", None, "Thủy lợi")]),
    ("phạm vi của Pháp lệnh Thú y bao gồm:", [("Pháp lệnh", None, "Thú y")]),
    ("Luật Hỗ trợ doanh nghiệp nhỏ và vừa có hiệu lực", [("Luật", None, "Hỗ trợ doanh nghiệp nhỏ và vừa")]),
    # the amending law's title in capitals, its number after the whole title; the amended law
    # is a mention of its own without the number
    ("Căn cứ Luật Sửa đổi, bổ sung một số điều của Luật Đầu tư công số 12/2022/QH15;",
     [("Luật", "12/2022/QH15", None), ("Luật", None, "Đầu tư công")]),
    # "sửa đổi" before a year is part of a law's usual name; without one it ends the name
    ("theo khoản 2 Điều 3 Luật Thuế giá trị gia tăng sửa đổi 2016 thì",
     [("Luật", None, "Thuế giá trị gia tăng sửa đổi")]),
    ("Bộ luật Dân sự sửa đổi năm 2005 quy định", [("Bộ luật", None, "Dân sự sửa đổi")]),
    ("Luật Đầu tư sửa đổi các quy định về ưu đãi", [("Luật", None, "Đầu tư")]),
    # the short form of news: number and year only
    ("xử phạt theo Nghị định 168/2024 từ ngày", [("Nghị định", "168/2024", None)]),
    # a symbol spelled with spaces in a page title
    # (the number alone: what is written is no symbol, as the annotators of corpora/refs read it)
    ("Toàn văn Nghị định 211 2025 NĐ CP về hoạt động mật mã", [("Nghị định", "211", None)]),
    # full symbols standing alone take their type from the symbol
    ("(kèm theo 12/2019/TT-BTC)", [("Thông tư", "12/2019/TT-BTC", None)]),
    # a bare number with the year it was issued; a one-digit count of years is a span
    ("Hướng dẫn 2047 năm 2023 về quy trình", [("Hướng dẫn", "2047", None)]),
    ("Kế hoạch 5 năm 2026-2030 của ngành", []),
    ("Chiến lược 10 năm 2021 - 2030", []),
    # a leading zero writes an identifier: a programme's number before a count word
    ("triển khai Đề án 02 tỉnh Hòa Bình và Kế hoạch 3 tỉnh", [("Đề án", "02", None)]),
    # a list continued by "và số", past a date left blank in a template
    ("Công văn số 18/BXD-KHTC ngày ... tháng ... năm 2024 và số 230/BXD-KHTC ngày 3/5/2024",
     [("Công văn", "18/BXD-KHTC", None), ("Công văn", "230/BXD-KHTC", None)]),
    ("Văn bản số 40/UBND-KT ngày 7 tháng năm 2023 và số 41/UBND-KT của tỉnh",
     [("Văn bản", "40/UBND-KT", None), ("Văn bản", "41/UBND-KT", None)]),
    # a law whose name holds a comma ends at its number, not at the comma
    ("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;", [("Luật", "06/2022/QH15", None)]),
    ("theo Luật Bảo vệ, kiểm dịch thực vật, Nghị định 5/2021/NĐ-CP",
     [("Luật", None, "Bảo vệ, kiểm dịch thực vật"), ("Nghị định", "5/2021/NĐ-CP", None)]),
    ("theo Luật Đất đai, người dân phải nộp thuế.", [("Luật", None, "Đất đai")]),
    # "hoặc", "mà", "và có" end a law's name
    ("tại Điều 5 Luật Thống kê hoặc có giấy tờ khác", [("Luật", None, "Thống kê")]),
    ("theo Luật Lâm nghiệp mà được miễn", [("Luật", None, "Lâm nghiệp")]),
    ("theo Luật Kế toán hiện hành", [("Luật", None, "Kế toán")]),
    # bold marks of a crawl inside a number
    ("Căn cứ Nghị quyết số** 98**/2023/QH15**;", [("Nghị quyết", "98/2023/QH15", None)]),
])
def test_shapes(text, expected):
    assert _keys(text) == expected


@pytest.mark.parametrize("text", [
    "Quyết định này có hiệu lực thi hành kể từ ngày ký.",   # the document itself
    "các Nghị định, Thông tư hướng dẫn",                    # type words alone
    "trình ban hành 3 Nghị định gồm:",                      # a count before the type word
    "Báo cáo 6 tháng đầu năm; Kế hoạch 2 năm",              # counts after it
    "Hiến pháp quy định; Hiến pháp sửa đổi",                # the constitution, unnamed
    "THƯ VIỆN PHÁP LUẬT has the copyright",                 # "luật" inside a name
    "cộng đồng Dân Luật Việt Nam",
    "văn bản quy phạm pháp luật hiện hành",
    "Luật sư Nguyễn Văn A cho biết",
    "Tổ công tác 399 và Ban Chỉ đạo 389",                   # bodies named by a number
    "1940 - Kháng chiến",                                   # a timeline, not a symbol
    "Đề án Các giải pháp chiến lược",                       # plans named only by subject
    "chấp hành Hiến pháp và pháp luật Việt Nam",            # the laws in general
    "Luật chỉ quy định những nguyên tắc chung",             # a word of the sentence
    "Luật tiếp tục hoàn thiện khuôn khổ pháp lý",           # "Luật" as the subject of a verb
])
def test_not_references(text):
    assert _refs(text) == []


def test_own_number_is_not_a_reference():
    text = ("BỘ TÀI CHÍNH\n--------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 4014/QĐ-BTC\nHà Nội, ngày 01 tháng 12 năm 2025\nQUYẾT ĐỊNH\nVỀ VIỆC CÔNG BỐ\n"
            "Căn cứ Nghị định số 29/2025/NĐ-CP;\n(Kèm theo Quyết định số 4014/QĐ-BTC ngày 01 tháng 12 năm 2025)")
    refs = _refs(text, header=True)
    assert [(r.number, r.issuer, r.issued_on) for r in refs] == [
        ("29/2025/NĐ-CP", "Chính phủ", None), ("4014/QĐ-BTC", "Bộ Tài chính", "2025-12-01")]


@pytest.mark.parametrize("text, issuer, issued_on", [
    # from the symbol's code
    ("Nghị định số 49/2017/NĐ-CP ngày 24/4/2017", "Chính phủ", "2017-04-24"),
    ("Quyết định số 444/QĐ-BTC ngày 30/3/2018 của Bộ trưởng Bộ Tài chính", "Bộ Tài chính", "2018-03-30"),
    ("Nghị quyết số 197/2025/QH15 ngày 17 tháng 5 năm 2025 của Quốc hội", "Quốc hội", "2025-05-17"),
    ("Công văn số 9335/BNV-KHTC ngày 14/10/2025", "Bộ Nội vụ", "2025-10-14"),
    ("Thông tư số 02/2017/TT-VPCP ngày 31 tháng 10 năm 2017", "Văn phòng Chính phủ", "2017-10-31"),
    # codes are chosen by the year: ministries merged in 2025
    ("Quyết định số 206/QĐ-LĐTBXH ngày 11/3/2022", "Bộ Lao động - Thương binh và Xã hội", "2022-03-11"),
    ("Thông tư số 12/2019/TT-BTTTT", "Bộ Thông tin và Truyền thông", None),
    ("Thông tư số 37/2025/TT-BNNMT ngày 02/7/2025", "Bộ Nông nghiệp và Môi trường", "2025-07-02"),
    # from the words when the code says nothing
    ("Kết luận số 121-KL/TW, ngày 24/01/2025 của Ban Chấp hành Trung ương Đảng về tổng kết",
     "Ban Chấp hành Trung ương Đảng", "2025-01-24"),
    ("Kết luận số 126-KL/TW, ngày 14/02/2025 của Bộ Chính trị, Ban Bí thư về một số nội dung",
     "Bộ Chính trị, Ban Bí thư", "2025-02-14"),
    ("Nghị quyết số 27 của BCH Trung ương khoá XII với lộ trình", "Ban Chấp hành Trung ương khóa XII", None),
    ("Quyết định số 12/2016/QĐ-UBND ngày 05 tháng 5 năm 2016 của Ủy ban nhân dân tỉnh Bình Phước Thành lập trạm",
     "Ủy ban nhân dân tỉnh Bình Phước", "2016-05-05"),
    # from the subject that signed it
    ("Trưởng Ban Chỉ đạo Phòng thủ dân sự quốc gia vừa ký Quyết định số 164/QĐ-BCĐ ngày 03/11/2025",
     "Ban Chỉ đạo Phòng thủ dân sự quốc gia", "2025-11-03"),
    ("Ngày 5/3, Thủ tướng Chính phủ Phạm Minh Chính đã ký Quyết định số 12/QĐ-XYZ về", "Thủ tướng Chính phủ", None),
    # from the type where one body issues them all
    ("theo Nghị định 168/2024 của", "Chính phủ", None),
    # a law named without a number, with its date
    ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;", None, "2015-06-19"),
    # a date not right after the number is not the issue date
    ("Ngày 18/11/2024, Thủ tướng ký Quyết định số 1420/QĐ-TTg", "Thủ tướng Chính phủ", None),
    # a code that only begins a name names no body alone ...
    ("Quyết định 419-QĐ/BCSĐ năm 2025", None, None),
    # ... the words complete it, and where they do, the words win over a code's short name
    ("Nghị quyết số 07-NQ/BCSĐ ngày 3/2/2024 của Ban cán sự đảng Bộ Y tế về", "Ban cán sự đảng Bộ Y tế",
     "2024-02-03"),
    ("Thông báo 15-TB/BCĐTW của Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, tiêu cực đã nêu",
     "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, tiêu cực", None),
    ("Công văn 88/STP-HCTP của Sở Tư pháp tỉnh Quảng Trị hướng dẫn", "Sở Tư pháp tỉnh Quảng Trị", None),
    ("Thông báo 31/TB-SGDĐT năm 2025 của Sở GD&ĐT tỉnh Hà Tĩnh về", "Sở Giáo dục và Đào tạo tỉnh Hà Tĩnh", None),
    # ... but a loose word after the name does not extend it, nor a country after a
    # body that is one in the whole country
    ("Nghị định 12/CP của Chính phủ Việt Nam", "Chính phủ", None),
    ("Nghị quyết số 33/2024/QH15 của Quốc hội sau khi", "Quốc hội", None),
    ("Quyết định 51/QĐ-BYT của Bộ Y tế mới được ban hành", "Bộ Y tế", None),
    # "về" opens the subject of a document, not of a body ("về việc" always)
    ("Quyết định số 9/QĐ-XYZ của Ban Chỉ đạo Trung ương về việc kiện toàn", "Ban Chỉ đạo Trung ương", None),
    ("Quyết định số 9/QĐ-XYZ của Bộ Nội vụ về tuyển dụng", "Bộ Nội vụ", None),
    # departments of a province by their code
    ("Tờ trình số 310/TTr-SNV ngày 2/10/2025", "Sở Nội vụ", "2025-10-02"),
    ("Công văn 77/SKHĐT-TH năm 2023", "Sở Kế hoạch và Đầu tư", None),
    # the issue date in parentheses, or with the month glued to its word
    ("Quyết định số 730/QĐ-TTg (ngày 4/6/2021) về", "Thủ tướng Chính phủ", "2021-06-04"),
    ("Nghị định số 15/2020/NĐ-CP ngày 3 tháng2 năm 2020", "Chính phủ", "2020-02-03"),
    # after a named law; after a year the words still name the issuer
    ("theo Luật Đầu tư công ngày 13/6/2019", None, "2019-06-13"),
    ("Chỉ thị số 05/CT-XYZ năm 2024 của Ủy ban nhân dân tỉnh Lào Cai về", "Ủy ban nhân dân tỉnh Lào Cai", None),
    # an office whose title is one word fused to the coded body issues in its own name
    ("Quyết định số 12/2015/QĐ-KTNN ngày 10 tháng 3 năm 2015 của Tổng Kiểm toán nhà nước ban hành",
     "Tổng Kiểm toán nhà nước", "2015-03-10"),
    # the same body without the office word, and a minister speaking for the ministry: the code
    ("Thông tư số 3/2016/TT-KTNN của Kiểm toán nhà nước về", "Kiểm toán nhà nước", None),
    ("Thông tư số 40/2018/TT-BTC của Bộ trưởng Bộ Tài chính về", "Bộ Tài chính", None),
    # capitals joined by dots abbreviate a word of the name
    ("Nghị quyết số 15-NQ/TW của Ban Chấp hành T.Ư Đảng (khóa X) về",
     "Ban Chấp hành Trung ương Đảng", None),
])
def test_issuer_and_issue_date(text, issuer, issued_on):
    (ref,) = _refs(text)
    assert (ref.issuer, ref.issued_on) == (issuer, issued_on)


def test_issuer_shared_by_an_enumeration():
    refs = _refs("các Quyết định số 128-QĐ/BCSCLTW, ngày 18/3/2025 và Quyết định số 336-QĐ/BCSCLTW, "
                 "ngày 05/9/2025 của Trưởng Ban Chính sách, chiến lược Trung ương (không bao gồm)")
    assert [(r.issuer, r.issued_on) for r in refs] == [
        ("Trưởng Ban Chính sách, chiến lược Trung ương", "2025-03-18"),
        ("Trưởng Ban Chính sách, chiến lược Trung ương", "2025-09-05")]


def test_issuer_not_shared_across_grounds():
    """";" ends one ground of a decision; each names its own issuer."""
    refs = _refs("Căn cứ Tờ trình số 12/TTr-XYZ ngày 1/2/2024; Quyết định số 5/QĐ-ABC của Bộ Tài chính")
    assert [r.issuer for r in refs] == [None, "Bộ Tài chính"]


def test_issuer_named_at_another_mention_of_the_same_number():
    refs = _refs("Theo Quyết định số 44/QĐ-UBND, tỉnh đã ... Quyết định 44/QĐ-UBND ngày 3/1/2020 của "
                 "UBND tỉnh Cao Bằng; Thông tư 44 quy định")
    assert [r.issuer for r in refs] == ["Ủy ban nhân dân tỉnh Cao Bằng", "Ủy ban nhân dân tỉnh Cao Bằng", None]


def test_partial_code_completed_elsewhere_in_the_document():
    refs = _refs("Thực hiện Kế hoạch 03-KH/BCĐTW. Ban Chỉ đạo Trung ương về cải cách tư pháp yêu cầu")
    assert refs[0].issuer == "Ban Chỉ đạo Trung ương về cải cách tư pháp"


def test_code_spelled_out_in_the_document():
    refs = _refs("Văn phòng Ban Chỉ đạo 389 quốc gia tổ chức thực hiện Kế hoạch 399/QĐ-BCĐ389 về tăng cường")
    assert refs[0].issuer == "Ban Chỉ đạo 389 quốc gia"


@pytest.mark.parametrize("text, title", [
    ("Thông tư 25/2019/TT-BTC quy định như sau: Điều 4", None),        # a sentence's verb
    ("Nghị định 9/2021/NĐ-CP quy định tại Điều 5 rằng", None),
    ("Nghị định 9/2021/NĐ-CP quy định về mức phí như sau: 1. Phí", "quy định về mức phí"),
    ("Thông tư 5/2018/TT-BXD hướng dẫn theo TCVN 6072:2013 về đá vôi;", "hướng dẫn theo TCVN 6072:2013 về đá vôi"),
])
def test_no_summary_from_a_sentence(text, title):
    assert _refs(text)[0].title == title


def test_amending_law_keeps_its_full_title_and_number():
    outer, inner = _refs("Căn cứ Luật Sửa đổi, bổ sung một số điều của Luật Đầu tư công số 12/2022/QH15;")
    assert outer.title == "Sửa đổi, bổ sung một số điều của Luật Đầu tư công"
    assert outer.issuer == "Quốc hội" and inner.issuer is None and inner.number is None


def test_joint_symbol_with_ampersand_codes():
    (ref,) = _refs("Thông tư liên tịch 07/2016/TTLT-BTC-BNN&PTNT hướng dẫn")
    assert ref.issuer == "Bộ Tài chính, Bộ Nông nghiệp và Phát triển nông thôn"


def test_titles():
    (ref,) = _refs("Quyết định số 2083/QĐ-BTC ngày 29/09/2016 của Bộ trưởng Bộ Tài chính về công bố "
                   "thủ tục hành chính chuẩn hóa; Bãi bỏ")
    assert ref.title == "về công bố thủ tục hành chính chuẩn hóa"


@pytest.mark.parametrize("number, type_, issuer", [
    ("49/2017/NĐ-CP", "Nghị định", "Chính phủ"),
    ("126-KL/TW", "Kết luận", None),
    ("11208/BNV-KHTC", "Công văn", "Bộ Nội vụ"),
    ("769/TTg", "Công văn", "Thủ tướng Chính phủ"),
    ("64/2015/TTLT-BTC-BCT", "Thông tư liên tịch", "Bộ Tài chính, Bộ Công Thương"),
    ("12/2016/TTLT-BTC-XYZ", "Thông tư liên tịch", None),
    ("310/KCB-NV", "Công văn", "Bộ Y tế"),  # a ministry's department writing in its name
])
def test_symbol_table(number, type_, issuer):
    assert symbols.type_from_symbol(number) == type_
    assert symbols.issuer_from_symbol(number, 2020) == issuer


def test_dev_corpus_references():
    """Every reference of every dev document points at its own text, and the document's
    own number never comes out as a reference."""
    from tests.conftest import DEV

    for path in sorted(DEV.glob("*.txt")):
        doc = Doc(text=normalize(path.read_text(encoding="utf-8")), source=path.name)
        doc.document = document.recognize(doc)
        for r in legal_refs.recognize(doc):
            assert doc.text[r.evidence.start:r.evidence.end] == r.evidence.text
            assert r.type and (r.number or r.title)
            assert not any(a < r.evidence.end and r.evidence.start < b
                           for a, b in doc.cache["own_number_spans"])


def test_numbers_after_a_type_word_and_its_issuer_each_a_reference():
    """"các Nghị định của Chính phủ: số A; số B và số C": each "số" opens a number of its own;
    only a label's "Số:" at the start of a line or cell is a document's own number."""
    text = ("Căn cứ các Nghị định của Chính phủ: số 41/2011/NĐ-CP ngày 03/5/2011 về kiểm soát; "
            "số 17/2014/NĐ-CP ngày 12/3/2014 và số 95/2019/NĐ-CP ngày 09/8/2019;")
    assert [(r.type, r.number, r.issued_on) for r in _refs(text)] == [
        ("Nghị định", "41/2011/NĐ-CP", "2011-05-03"), ("Nghị định", "17/2014/NĐ-CP", "2014-03-12"),
        ("Nghị định", "95/2019/NĐ-CP", "2019-08-09")]
    assert _refs("SỞ TƯ PHÁP\nSố: 15/2021/QĐ-STP\nngày 2/3/2021") == []
    assert _refs("| Số hiệu | 28/2016/TT-BTC |") == []


def test_the_day_it_was_issued_after_its_summary():
    refs = _refs("* Luật số 27/2015/QH13 của Quốc hội: Luật Thống kê được ban hành ngày 23 tháng 11 năm 2015.")
    assert (refs[0].number, refs[0].issued_on) == ("27/2015/QH13", "2015-11-23")
    # the day after another document's number is that document's
    refs = _refs("Nghị định 30/2021/NĐ-CP thay thế Nghị định 12/2016/NĐ-CP ban hành ngày 19/2/2016.")
    assert [(r.number, r.issued_on) for r in refs] == [("30/2021/NĐ-CP", None), ("12/2016/NĐ-CP", "2016-02-19")]


def test_a_law_names_abbreviation_in_brackets_is_no_part_of_its_name():
    refs = _refs("Theo Luật Hỗ trợ doanh nghiệp nhỏ và vừa (DNNVV), các doanh nghiệp được hỗ trợ.")
    assert [r.title for r in refs] == ["Hỗ trợ doanh nghiệp nhỏ và vừa"]
    refs = _refs("Căn cứ Luật Phòng, chống nhiễm vi rút gây ra hội chứng suy giảm miễn dịch mắc phải ở người (HIV/AIDS);")
    assert refs[0].title.endswith("(HIV/AIDS)")
