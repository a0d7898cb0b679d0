"""The personal-data detector on real-looking Vietnamese sentences, and the public gate.

``CASES`` is also the table `make bench` reports precision and recall on
(bench/bench_personal_data.py): each row is a sentence and exactly what must be found in it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pakn_desktop.domain.people import find_people
from pakn_desktop.domain.personal_data import (
    KIND_LABELS,
    KINDS,
    LABELS,
    PLACEHOLDERS,
    find_personal_data,
    public_text,
    redact,
    split_private,
)

Expected = list[tuple[str, str]]

POSITIVE: list[tuple[str, Expected]] = [
    # --- the issue's own examples
    ("Số CCCD: 062 190 001 234 do Cục Cảnh sát cấp.", [("cccd", "062 190 001 234")]),
    (
        "Số tài khoản tại Vietcombank chi nhánh Kon Tum: 0071000123456.",
        [("bank_account", "0071000123456")],
    ),
    ("Mã số BHXH 6212345678 của tôi bị sai ngày sinh.", [("social_insurance", "6212345678")]),
    ("Hộ chiếu C1234567 hết hạn tháng trước.", [("passport", "C1234567")]),
    ("Ngày sinh 12/05/1980, quê quán Kon Tum.", [("birth_date", "12/05/1980")]),
    ("Gọi máy bàn (0260) 3 862 123 giờ hành chính.", [("phone", "(0260) 3 862 123")]),
    # --- identity cards
    ("Tôi tên Hùng, CCCD 062190001234 cấp ngày 10/10/2021.", [("cccd", "062190001234")]),
    ("căn cước công dân số 001 085 012 345", [("cccd", "001 085 012 345")]),
    ("Căn cước: 079.203.004.567", [("cccd", "079.203.004.567")]),
    ("CMND số 123 456 789 cấp năm 2005.", [("cmnd", "123 456 789")]),
    ("CMND 123456789", [("cmnd", "123456789")]),
    ("Số định danh cá nhân 062 1900 01234 đã được xác thực.", [("cccd", "062 1900 01234")]),
    ("Chứng minh nhân dân số 230 456 789 do Công an Gia Lai cấp.", [("cmnd", "230 456 789")]),
    ("Bà Lan, CCCD là 066185000123, thường trú tại Đắk Lắk.", [("cccd", "066185000123")]),
    ("Kèm bản sao 062190001234 (căn cước).", [("cccd", "062190001234")]),
    # --- phones
    ("Liên hệ 0912 345 678 nhé", [("phone", "0912 345 678")]),
    ("gọi 0912.345.678 để được hướng dẫn", [("phone", "0912.345.678")]),
    ("Số của tôi +84 912 345 678.", [("phone", "+84 912 345 678")]),
    ("máy bàn 0260.3797799", [("phone", "0260.3797799")]),
    ("SĐT: 09 12 34 56 78 (gọi sau 17 giờ)", [("phone", "09 12 34 56 78")]),
    ("Điện thoại (024) 3823 4567", [("phone", "(024) 3823 4567")]),
    ("di động 0383-456-789", [("phone", "0383-456-789")]),
    ("Zalo 84912345678", [("phone", "84912345678")]),
    ("Số cũ 01689 123 456 không còn dùng.", [("phone", "01689 123 456")]),
    (
        "Gọi 0912345678 hoặc 0987 654 321",
        [("phone", "0912345678"), ("phone", "0987 654 321")],
    ),
    ("Hotline: 0260 3 797 799", [("phone", "0260 3 797 799")]),
    ("Gọi cho tôi: 09 12 34 56 78 sau giờ làm.", [("phone", "09 12 34 56 78")]),
    ("tel +84-260-3797799", [("phone", "+84-260-3797799")]),
    ("CMND/CCCD: 062190001234", [("cccd", "062190001234")]),
    ("mã định danh 062190001234", [("cccd", "062190001234")]),
    # --- emails
    ("email an@example.vn", [("email", "an@example.vn")]),
    ("Gửi về nguyen.van.an+pakn@gmail.com giúp tôi.", [("email", "nguyen.van.an+pakn@gmail.com")]),
    # --- bank accounts
    ("STK 1903 6543 2100 12 Techcombank", [("bank_account", "1903 6543 2100 12")]),
    (
        "Đề nghị chuyển tiền trợ cấp vào số tài khoản 102870123456 VietinBank.",
        [("bank_account", "102870123456")],
    ),
    ("Tài khoản ngân hàng: 0451-0001-23456", [("bank_account", "0451-0001-23456")]),
    ("Số TK của bà là 3100205123456 (Agribank).", [("bank_account", "3100205123456")]),
    # --- social insurance
    ("Sổ BHXH số 6212345678 bị thất lạc.", [("social_insurance", "6212345678")]),
    ("mã số bảo hiểm xã hội: 62 1234 5678", [("social_insurance", "62 1234 5678")]),
    ("Thẻ BHYT GD4797915123456 không quét được.", [("social_insurance", "GD4797915123456")]),
    # --- passports
    ("Số hộ chiếu: B 9876543", [("passport", "B 9876543")]),
    ("passport N1234567, quốc tịch Việt Nam", [("passport", "N1234567")]),
    # --- tax codes
    ("MST 0100047516-001", [("tax_code", "0100047516-001")]),
    ("Hộ kinh doanh có mã số thuế 0101 2345 67.", [("tax_code", "0101 2345 67")]),
    ("Doanh nghiệp 0100047516 chưa được hoàn thuế.", [("tax_code", "0100047516")]),
    # --- birth dates
    ("sinh ngày 12 tháng 5 năm 1980 tại Quảng Ngãi", [("birth_date", "12 tháng 5 năm 1980")]),
    ("Ông Trần Văn Bình, sinh năm 1956, là thương binh.", [("birth_date", "1956")]),
    ("Ngày sinh: 03-11-1975", [("birth_date", "03-11-1975")]),
    ("năm sinh 1990, giới tính nữ", [("birth_date", "1990")]),
    # --- number plates
    ("Xe biển số 82B1-123.45 bị giữ quá hạn.", [("license_plate", "82B1-123.45")]),
    ("Biển kiểm soát 29A 12345 chưa được trả.", [("license_plate", "29A 12345")]),
    ("xe 82A-123.45 đỗ trước cổng", [("license_plate", "82A-123.45")]),
    # --- house addresses after their label
    ("Nhà ở Số 7 Lê Lợi, phường Kon Tum.", [("address", "Số 7 Lê Lợi")]),
    ("Địa chỉ: 12/3 Trần Phú, phường Quyết Thắng", [("address", "12/3 Trần Phú")]),
    (
        "Thường trú tại số 45 ngõ 12 phố Huế, Hà Nội",
        [("address", "số 45 ngõ 12 phố Huế")],
    ),
    ("nơi ở hiện nay: 78/12 Lê Duẩn, Kon Tum", [("address", "78/12 Lê Duẩn")]),
    # --- written after the table was first tuned (held out), kept as more examples
    (
        "Tôi là Nguyễn Thị Hoa, sinh ngày 05.07.1968, CCCD số 064168003215.",
        [("birth_date", "05.07.1968"), ("cccd", "064168003215")],
    ),
    ("Đề nghị chuyển khoản vào STK: 0123 4567 8901 (BIDV).", [("bank_account", "0123 4567 8901")]),
    (
        "Liên lạc qua số 0356.789.012 hoặc hoa.nt@yahoo.com.vn",
        [("phone", "0356.789.012"), ("email", "hoa.nt@yahoo.com.vn")],
    ),
    ("Mã số BHXH: 64 1234 5678, đóng từ năm 2010.", [("social_insurance", "64 1234 5678")]),
    (
        "Căn cước công dân: 001 203 012 345, cấp ngày 10/10/2021 tại Hà Nội",
        [("cccd", "001 203 012 345")],
    ),
    (
        "Xe ô tô biển kiểm soát 82A-045.67 bị tạm giữ từ ngày 01/03/2026.",
        [("license_plate", "82A-045.67")],
    ),
    ("Hộ chiếu số P 1234567 còn hạn.", [("passport", "P 1234567")]),
    ("ĐT liên hệ: (028) 3822 1234 – máy lẻ 12", [("phone", "(028) 3822 1234")]),
    ("Ông Bình, năm sinh: 1948, thương binh 2/4.", [("birth_date", "1948")]),
    ("Mã số thuế cá nhân 8012345678", [("tax_code", "8012345678")]),
    (
        "Tài khoản ngân hàng số 1234567890123 tại Vietinbank chi nhánh Kon Tum",
        [("bank_account", "1234567890123")],
    ),
    ("Mẹ tôi (SĐT 0914.222.333) đã nộp hồ sơ ngày 2/1/2026.", [("phone", "0914.222.333")]),
    ("Số CMND: 23 0456 789", [("cmnd", "23 0456 789")]),
    (
        "email của tôi là tran.b@gmail.com, số đt 0979 123 456",
        [("email", "tran.b@gmail.com"), ("phone", "0979 123 456")],
    ),
    # --- several in one sentence
    (
        "Tôi là An, điện thoại 0912 345 678, CCCD 062190001234, email an@x.vn, STK 0071000123456.",
        [
            ("phone", "0912 345 678"),
            ("cccd", "062190001234"),
            ("email", "an@x.vn"),
            ("bank_account", "0071000123456"),
        ],
    ),
    (
        "Theo Quyết định số 06/QĐ-UBND, ông Hải (SĐT 0935 111 222) được hỗ trợ 1.500.000 đồng.",
        [("phone", "0935 111 222")],
    ),
]

NEGATIVE: list[str] = [
    "Số: 06/QĐ-UBND",
    "theo Nghị định 20/2008/NĐ-CP của Chính phủ",
    "Căn cứ Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 về bảo vệ dữ liệu cá nhân",
    "Công văn số 1234/SLĐTBXH-HCTH ngày 05/03/2026",
    "ngày 05/03/2026",
    "ngày 05 tháng 3 năm 2026",
    "Hồ sơ nộp ngày 12/05/1980 đã bị thất lạc.",
    "số tiền 1.500.000 đồng",
    "Khoản hỗ trợ 150000000 đồng chưa được chi trả.",
    "tổng đài 1900 1234",
    "Gọi tổng đài 1800 1096 miễn phí.",
    "mã 1234567890123456789",
    "Hồ sơ mã H33.12-220101-0001 đang xử lý.",
    "Quyết định 23/2021/QĐ-TTg và Nghị quyết 68/NQ-CP",
    "Năm 2025 có 1.234 hồ sơ, tăng 12,5% so với năm 2024.",
    "Diện tích thửa đất 250 m2, tờ bản đồ số 12, thửa số 345.",
    "Điều 7 Luật Khiếu nại năm 2011",
    "từ 08:00 đến 17:00, thứ Hai đến thứ Sáu",
    "Đã chờ 45 ngày làm việc kể từ 01/02/2026.",
    "Mã PAKN 26-000421-4 tra cứu trên Cổng.",
    "Thông tư 01/2018/TT-VPCP chỉ số 8",
    "Trợ cấp 2.055.000 đ/tháng từ tháng 7/2024.",
    "Quốc lộ 14A đoạn qua xã Đăk Hà bị hư hỏng.",
    "Tổng cộng 3 hồ sơ, số thứ tự 12, 13 và 14.",
    "Lúc 10:30 ngày 05-03-2026 tại trụ sở.",
    "Kinh phí 1,500,000 VND đã được duyệt.",
    "Đề nghị xem xét số tài khoản bị khóa.",
    "Tôi đã mất CCCD và cần cấp lại.",
    "Ngày sinh trên giấy khai sinh bị ghi sai.",
    "Số tiền 150000000 chưa được chi trả.",
    "Tổng cộng 123456789 lượt truy cập Cổng.",
    "Quyết định số 1234567890/QĐ-UBND",
    "Ngày sinh của con tôi chưa được cập nhật, hồ sơ nộp ngày 01/02/2026.",
    "Căn hộ số 1203 tòa nhà B2, giai đoạn 2021 - 2025.",
    "Điện thoại đường dây nóng 1900 9090 hoặc tổng đài 1022.",
    "Thửa đất số 123, tờ bản đồ số 45, diện tích 1.250,5 m2.",
    "Số văn bản 123/2024/TT-BTC, lúc 14h30 ngày 3/4.",
    "Theo Nghị định 15/2020/NĐ-CP, mức phạt 4.000.000 đồng.",
    "Công văn 234/UBND-VX ngày 15 tháng 01 năm 2026 của UBND huyện.",
    "Tổng kinh phí 2,5 tỷ đồng cho 1.200 hộ.",
    "Quyết định số 3456/QĐ-UBND ngày 31/12/2025 về việc phê duyệt.",
    "Địa chỉ: thôn 3, xã Ia Chim, huyện Đăk Hà.",
    "Nhà 3 tầng bị nứt do thi công đường.",
    "Địa chỉ cơ quan: số 12 Trần Hưng Đạo.",
]

CASES: list[tuple[str, Expected]] = POSITIVE + [(text, []) for text in NEGATIVE]


@pytest.mark.parametrize(("text", "found"), CASES)
def test_detector_table(text: str, found: Expected) -> None:
    assert [(f.kind, f.text) for f in find_personal_data(text)] == found


@pytest.mark.parametrize(("text", "found"), POSITIVE)
def test_public_text_leaves_none_of_it(text: str, found: Expected) -> None:
    public = public_text(text)
    for kind, value in found:
        assert value not in public
        assert PLACEHOLDERS[kind] in public
    assert find_personal_data(public) == []


@pytest.mark.parametrize("text", NEGATIVE)
def test_public_text_keeps_what_is_not_personal(text: str) -> None:
    assert public_text(text) == text


def test_labels_stay_and_each_kind_has_its_words() -> None:
    assert public_text("CCCD: 062 190 001 234") == "CCCD: [số CCCD]"
    assert set(KINDS) <= set(PLACEHOLDERS) and set(KINDS) <= set(KIND_LABELS)
    assert LABELS is KIND_LABELS  # the name the intake form imports


def test_a_label_does_not_reach_past_its_own_value() -> None:
    # "CCCD" is followed by words, then a phone number: the phone keeps its own kind.
    text = "Tôi làm mất CCCD, liên hệ giúp 0912345678"
    assert [(f.kind, f.text) for f in find_personal_data(text)] == [("phone", "0912345678")]
    # A bank label followed by an amount is not an account.
    assert find_personal_data("Số tài khoản nhận 1.500.000 đồng") == []
    # A birth-date label followed by the date the file was received is still a birth date
    # only right after the label.
    assert find_personal_data("Ngày sinh bị ghi sai trong hồ sơ nộp ngày 05/03/2026") == []


def test_public_text_masks_what_the_office_knows_about_the_person() -> None:
    text = "Ông Nguyễn Văn An ở số 12 đường Trần Hưng Đạo hỏi về chế độ, gọi 0912 345 678."
    known = {
        "name": ["Nguyễn Văn An"],
        "address": ["Số 12 đường Trần Hưng Đạo"],
        "phone": ["0912 345 678"],
    }
    out = public_text(text, known)
    assert out == "Ông [họ tên] ở [địa chỉ] hỏi về chế độ, gọi [số điện thoại]."
    # Without diacritics or with other spacing too; a two-letter value masks nothing.
    assert public_text("ong nguyen  van an hoi", known) == "ong [họ tên] hoi"
    assert public_text("An đã hỏi", {"name": ["An"]}) == "An đã hỏi"
    assert public_text("", known) == ""


def test_split_private_note_lists_each_value_once() -> None:
    text = "CCCD 062 190 001 234, gọi 0912.345.678 hoặc 0912 345 678, STK 0071000123456"
    public, note = split_private(text)
    assert public == "CCCD [số CCCD], gọi [số điện thoại] hoặc [số điện thoại], STK [số tài khoản]"
    assert note.splitlines() == [
        "Số CCCD: 062190001234",
        "Số điện thoại: 0912 345 678",
        "Số tài khoản: 0071000123456",
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "CCCD: ",
                "STK ",
                "Ngày sinh ",
                "biển số ",
                "0912 345 678",
                "062 190 001 234",
                "12/05/1980",
                "82A-123.45",
                " ",
                ", ",
                "số ",
                "1.500.000",
                "@",
                "an@x.vn",
                "Hộ chiếu ",
                "C1234567",
                "(0260) ",
                "3 862 123",
                "nhà ở ",
                "Lê Lợi",
                "12/3 ",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_findings_are_exact_and_redaction_leaves_nothing(text: str) -> None:
    findings = find_personal_data(text)
    last = 0
    for f in findings:
        assert last <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
        last = f.end
    public = public_text(text)
    assert find_personal_data(public) == []
    if not find_people(text):
        # The intake's split and the public gate mask the same identifiers; the gate also
        # masks people's names and home addresses.
        assert split_private(text)[0] == public
    # Everything found in the first pass is gone from the public text (a value as short as
    # "12/3" may stand elsewhere for something else, and is only masked where found).
    for f in findings:
        if len(f.text) >= 6:
            assert f.text not in public or f.text in "".join(PLACEHOLDERS.values())


def test_a_number_freed_by_masking_its_neighbour_is_masked_too() -> None:
    text = "Xe 82A-123.45-0912 345 678"
    assert public_text(text) == "Xe [biển số xe]-[số điện thoại]"
    public, note = split_private(text)
    assert public == "Xe [biển số xe]-[số điện thoại]"
    assert note.splitlines() == ["Biển số xe: 82A-123.45", "Số điện thoại: 0912 345 678"]
    assert redact(text, []) == text
