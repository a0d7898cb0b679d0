"""Importing the portal's lists: files in several layouts and encodings, built here; the
import on a real database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from accounts_fixture import staff_actor
from openpyxl import Workbook

from pakn_desktop.cli import main as cli_main
from pakn_desktop.domain.enums import CaseState, Channel
from pakn_desktop.domain.errors import NotFound, PaknError, PermissionDenied
from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.services.portal import (
    ImportFileError,
    decode_text,
    guess_mapping,
    parse_portal_datetime,
    read_table,
)

HEADERS = [
    "STT",
    "Mã PAKN",
    "Tiêu đề",
    "Nội dung",
    "Người gửi",
    "Số điện thoại",
    "Địa chỉ",
    "Email",
    "Ngày gửi",
    "Lĩnh vực",
    "Đối tượng",
]


def sample_rows(n: int = 3, start: int = 1) -> list[list[str]]:
    rows = []
    for i in range(start, start + n):
        rows.append(
            [
                str(i),
                f"PAKN.2026.{i:05d}",
                f"Chậm giải quyết hồ sơ trợ cấp số {i}",
                f"Hồ sơ nộp tại Bộ phận Một cửa từ tháng 2/2026 đến nay chưa có kết quả ({i}).",
                f"Trần Thị Hoà {i}",
                f"0912 345 {i % 1000:03d}",
                f"Số {i} Lê Lợi, phường Kon Tum",
                "",
                f"{(i % 20) + 1:02d}/04/2026 08:15",
                "Chính sách người có công",
                "Người dân",
            ]
        )
    return rows


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letters precomposed where the code
    page has them, tone marks as combining characters."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        tone = "".join(c for c in d if c in tones)
        out += (base + tone).encode("cp1258")
    return bytes(out)


def write_csv(path: Path, headers: list[str], rows: list[list[str]], encoding: str) -> Path:
    buf = io.StringIO()
    delimiter = ";" if encoding == "cp1258" else ("\t" if encoding == "utf-16" else ",")
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(headers)
    w.writerows(rows)
    text = buf.getvalue()
    data = to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    path.write_bytes(data)
    return path


def write_xlsx(
    path: Path, headers: list[str], rows: list[list[object]], title_rows: int = 0
) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for i in range(title_rows):
        ws.append(["DANH SÁCH PHẢN ÁNH, KIẾN NGHỊ" if i == 0 else ""])
    ws.append(headers)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def write_xls(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("DS PAKN")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY HH:MM")
    ws.write(0, 0, "Cổng Dịch vụ công quốc gia - Danh sách PAKN")
    for c, h in enumerate(headers):
        ws.write(2, c, h)
    for r, row in enumerate(rows, start=3):
        for c, v in enumerate(row):
            if isinstance(v, datetime):
                ws.write(r, c, v, date_style)
            else:
                ws.write(r, c, v)
    wb.save(str(path))
    return path


@pytest.fixture
def actor(services: Services):  # type: ignore[no-untyped-def]
    return staff_actor(services)


# --- reading ---------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_csv_in_each_encoding_reads_the_same_vietnamese(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / f"ds-{encoding}.csv", HEADERS, sample_rows(), encoding)
    table = read_table(path)
    assert table.kind == "csv"
    assert table.headers == HEADERS
    assert len(table.rows) == 3
    assert table.rows[0][4] == "Trần Thị Hoà 1"
    # Composed characters (NFC), whatever the file held.
    assert table.rows[0][2] == unicodedata.normalize("NFC", table.rows[0][2])
    assert "Chậm giải quyết" in table.rows[0][2]


def test_cp1258_really_holds_combining_tone_marks() -> None:
    data = to_cp1258("Hoà Nguyễn")
    text, label = decode_text(data)
    assert label == "Windows-1258" and text == "Hoà Nguyễn"
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_utf16_without_bom_is_detected() -> None:
    text, label = decode_text("Mã PAKN,Tiêu đề\r\n1,Á".encode("utf-16-le"))
    assert label == "UTF-16" and text.startswith("Mã PAKN")


def test_xlsx_with_title_rows_and_date_cells(tmp_path: Path) -> None:
    rows: list[list[object]] = [list(r) for r in sample_rows()]
    for r in rows:
        r[8] = datetime(2026, 4, 3, 14, 5)
        r[5] = 912345001  # stored as a number: the leading zero is lost
    path = write_xlsx(tmp_path / "ds.xlsx", HEADERS, rows, title_rows=3)
    table = read_table(path)
    assert table.kind == "xlsx" and table.header_row == 4
    assert table.rows[0][8] == "03/04/2026 14:05:00"
    assert table.row_number(0) == 5


def test_xls_is_read_with_dates(tmp_path: Path) -> None:
    rows: list[list[object]] = [list(r) for r in sample_rows()]
    rows[0][8] = datetime(2026, 4, 2, 9, 30)
    path = write_xls(tmp_path / "ds.xls", HEADERS, rows)
    table = read_table(path)
    assert table.kind == "xls" and table.header_row == 3
    assert table.rows[0][8] == "02/04/2026 09:30:00"
    assert table.rows[1][4] == "Trần Thị Hoà 2"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"%PDF-1.7\n\x00\x01\x02binary", "nhị phân"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "nhị phân"),
        (b"PK\x03\x04not really a zip", ".xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1garbage", ".xls"),
        (b"just,some,words\n1,2,3\n", "dòng tiêu đề"),
        (b"   ", "rỗng"),
    ],
)
def test_files_that_are_not_portal_lists_are_refused(data: bytes, words: str) -> None:
    with pytest.raises(ImportFileError) as err:
        read_table(data, "x")
    assert words in err.value.message


def test_html_table_saved_as_xls(tmp_path: Path) -> None:
    """Web systems often export an HTML table under an .xls name."""
    cells = "".join(f"<th>{h}</th>" for h in HEADERS)
    body = "".join(
        "<tr>" + "".join(f"<td>{c.replace('&', '&amp;')}</td>" for c in r) + "</tr>"
        for r in sample_rows(2)
    )
    page = (
        '<html><head><meta charset="utf-8"><style>td{}</style></head><body>'
        '<table><tr><td colspan="11"><b>DANH SÁCH PAKN</b></td></tr>'
        f"<tr>{cells}</tr>{body}</table></body></html>"
    )
    path = tmp_path / "DanhSachPAKN.xls"
    path.write_bytes(page.encode("utf-8"))
    table = read_table(path)
    assert table.kind == "html" and table.header_row == 2
    assert table.headers == HEADERS
    assert table.rows[1][4] == "Trần Thị Hoà 2" and len(table.rows) == 2


def test_excel_sep_hint_line(tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"
    write_csv(path, HEADERS, sample_rows(2), "cp1258")  # written with ";"
    path.write_bytes(b"sep=;\r\n" + path.read_bytes())
    table = read_table(path)
    assert table.headers == HEADERS and table.header_row == 2 and len(table.rows) == 2


def test_undecodable_text_is_refused() -> None:
    # 0x81 is undefined in Windows-1258 and invalid as UTF-8.
    with pytest.raises(ImportFileError, match="bảng mã"):
        read_table("Mã PAKN,Tiêu đề,Nội dung\n".encode() + b"\x81\x81\n", "x.csv")


def test_mapping_guessed_from_vietnamese_words_in_several_layouts() -> None:
    assert guess_mapping(HEADERS) == {
        "portal_code": "Mã PAKN",
        "received_at": "Ngày gửi",
        "submitter_kind": "Đối tượng",
        "submitter_name": "Người gửi",
        "address": "Địa chỉ",
        "phone": "Số điện thoại",
        "email": "Email",
        "title": "Tiêu đề",
        "content": "Nội dung",
        "topic": "Lĩnh vực",
    }
    other = [
        "STT",
        "MÃ PHẢN ÁNH KIẾN NGHỊ",
        "THỜI GIAN GỬI",
        "HỌ VÀ TÊN",
        "ĐỊA CHỈ EMAIL",
        "ĐỊA CHỈ LIÊN HỆ",
        "SĐT",
        "PAKN VỀ VIỆC",
        "NỘI DUNG PAKN",
        "NỘI DUNG TRẢ LỜI",
        "NGÀY TRẢ LỜI",
        "CHỦ ĐỀ",
    ]
    m = guess_mapping(other)
    assert m["portal_code"] == "MÃ PHẢN ÁNH KIẾN NGHỊ"
    assert m["received_at"] == "THỜI GIAN GỬI"
    assert m["email"] == "ĐỊA CHỈ EMAIL"
    assert m["address"] == "ĐỊA CHỈ LIÊN HỆ"
    assert m["phone"] == "SĐT"
    assert m["title"] == "PAKN VỀ VIỆC"
    assert m["content"] == "NỘI DUNG PAKN"
    assert m["topic"] == "CHỦ ĐỀ"
    assert "NỘI DUNG TRẢ LỜI" not in m.values() and "NGÀY TRẢ LỜI" not in m.values()
    # Headers typed without diacritics.
    m2 = guess_mapping(["Ma PAKN", "Tieu de", "Noi dung", "Ngay gui", "Nguoi gui"])
    assert set(m2) == {"portal_code", "title", "content", "received_at", "submitter_name"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/03/2026", datetime(2026, 3, 5)),
        ("5/3/2026 8:05", datetime(2026, 3, 5, 8, 5)),
        ("05-03-2026 08:05:09", datetime(2026, 3, 5, 8, 5, 9)),
        ("08:05 05/03/2026", datetime(2026, 3, 5, 8, 5)),
        ("05.03.2026 8h05", datetime(2026, 3, 5, 8, 5)),
        ("2026-03-05 08:05:00", datetime(2026, 3, 5, 8, 5)),
        ("31/02/2026", None),
        ("03/2026", None),
        ("hôm qua", None),
        ("05/03/2026 25:00", None),
        ("", None),
    ],
)
def test_portal_dates(text: str, expected: datetime | None) -> None:
    assert parse_portal_datetime(text) == expected


# --- importing -------------------------------------------------------------------------------
def test_import_creates_portal_cases_with_receipt_dates_and_no_duplicates(
    services: Services, actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "ds.csv", HEADERS, sample_rows(3), "utf-8-sig")
    table = read_table(path)
    mapping = guess_mapping(table.headers)

    preview = services.portal.preview(table, mapping, staff_actor(services), source=path.name)
    assert [r.action for r in preview.rows] == ["create"] * 3
    assert (
        services.case_reads.count(CaseFilter(), staff_actor(services)) == 0
    )  # a preview writes nothing

    report = services.portal.run(table, mapping, actor, source=path.name)
    assert report.count("create") == 3 and not report.failure
    first = services.case_reads.get(report.rows[0].case_code, staff_actor(services))
    assert first.channel == Channel.NATIONAL_PORTAL.value
    assert first.portal_code == "PAKN.2026.00001"
    assert first.received_at == datetime(2026, 4, 2, 8, 15)
    # Deadlines count from the portal's receipt date (Thu 02/04/2026), not from today:
    # 5 working days, skipping the weekend and Giỗ Tổ Hùng Vương (Mon 27/04 is later).
    assert first.clock_start == date(2026, 4, 2)
    assert first.due_on == date(2026, 4, 9)
    assert first.phone == "0912 345 001"
    assert [e.action for e in first.events] == ["receive", "portal_import"]
    assert "dòng 2" in first.events[1].summary

    again = services.portal.run(table, mapping, actor, source=path.name)
    assert [r.action for r in again.rows] == ["skip"] * 3
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == 3
    assert services.case_reads.get(first.code, staff_actor(services)).version == first.version


def test_changed_row_updates_only_fields_the_office_did_not_edit(
    services: Services, actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    rows = sample_rows(2)
    table = read_table(write_csv(tmp_path / "a.csv", HEADERS, rows, "utf-8"))
    mapping = guess_mapping(table.headers)
    code = services.portal.run(table, mapping, actor, source="a.csv").rows[0].case_code
    case = services.case_reads.get(code, staff_actor(services))
    # The office corrects the title at the desk.
    services.cases.edit(
        code,
        IntakeForm(
            submitter_kind=case.submitter_kind,
            submitter_name=case.submitter_name,
            address=case.address,
            phone=case.phone,
            email=case.email,
            title="Chậm chi trả trợ cấp (đã sửa tại cơ quan)",
            content=case.content,
            channel=case.channel,
            portal_code=case.portal_code,
            topic=case.topic,
        ),
        actor,
        expected_version=case.version,
    )
    # The portal later changes the title, the address and the phone.
    rows[0][2] = "Tiêu đề mới trên Cổng"
    rows[0][6] = "Số 99 Phan Đình Phùng"
    rows[0][5] = "0987654321"
    later = read_table(write_csv(tmp_path / "b.csv", HEADERS, rows, "utf-8"))

    preview = services.portal.preview(later, mapping, staff_actor(services))
    plan = preview.rows[0]
    assert plan.action == "update"
    assert set(plan.changes) == {"address", "phone"}
    assert set(plan.conflicts) == {"title"}
    assert preview.rows[1].action == "skip"
    before = services.case_reads.get(code, staff_actor(services))

    report = services.portal.run(later, mapping, actor, source="b.csv")
    assert report.count("update") == 1 and len(report.conflicts) == 1
    after = services.case_reads.get(code, staff_actor(services))
    assert after.title == "Chậm chi trả trợ cấp (đã sửa tại cơ quan)"
    assert after.address == "Số 99 Phan Đình Phùng"
    assert after.phone == "0987 654 321"
    assert after.version > before.version
    assert "Giữ nguyên do cơ quan đã sửa: Tiêu đề" in after.events[-1].summary
    # Found by the new phone number.
    assert services.case_reads.lookup("0987654321", staff_actor(services))[0].code == code
    # Importing the later file again: the conflict is still listed, nothing else changes.
    third = services.portal.run(later, mapping, actor, source="b.csv")
    assert third.rows[0].action == "skip" and set(third.rows[0].conflicts) == {"title"}
    assert services.case_reads.get(code, staff_actor(services)).version == after.version


def test_bad_rows_are_reported_and_the_rest_imported(
    services: Services, actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    rows = sample_rows(6)
    rows[1][8] = "32/13/2026"  # unreadable date
    rows[2][3] = ""  # no content
    rows[3][1] = rows[0][1]  # same portal code as row 1
    rows[4][5] = "12345"  # not a phone number
    rows[5][8] = "01/01/2027"  # in the future
    table = read_table(write_csv(tmp_path / "bad.csv", HEADERS, rows, "utf-8"))
    report = services.portal.run(table, guess_mapping(table.headers), actor, source="bad.csv")
    assert [r.action for r in report.rows] == [
        "create",
        "error",
        "error",
        "error",
        "error",
        "error",
    ]
    reasons = [" ".join(r.reasons) for r in report.rows]
    assert "32/13/2026" in reasons[1]
    assert "nội dung" in reasons[2].lower()
    assert "dòng 2" in reasons[3]  # the first row with that code is row 2 of the file
    assert "Số điện thoại" in reasons[4]
    assert "sau thời điểm hiện tại" in reasons[5]
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == 1


def test_dry_run_writes_nothing(services: Services, actor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    table = read_table(write_csv(tmp_path / "a.csv", HEADERS, sample_rows(2), "utf-8"))
    report = services.portal.run(
        table, guess_mapping(table.headers), actor, dry_run=True, source="a.csv"
    )
    assert report.count("create") == 2 and report.dry_run
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == 0


def test_portal_code_used_by_a_desk_case(services: Services, actor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services.cases.receive(
        IntakeForm(
            submitter_kind="citizen",
            submitter_name="Lê Văn Bình",
            address="Kon Tum",
            phone="0905111222",
            title="Nhập tay từ Cổng",
            content="Đã nhập tay trước khi có danh sách.",
            channel="national_portal",
            portal_code="PAKN.2026.00001",
        ),
        actor,
    )
    table = read_table(write_csv(tmp_path / "a.csv", HEADERS, sample_rows(2), "utf-8"))
    report = services.portal.run(table, guess_mapping(table.headers), actor)
    assert report.rows[0].action == "error"
    assert "đã được dùng cho hồ sơ" in report.rows[0].reasons[0]
    assert report.rows[1].action == "create"
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == 2


def test_missing_required_column_is_refused(services: Services, actor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    headers = [h for h in HEADERS if h != "Ngày gửi"]
    rows = [r[:8] + r[9:] for r in sample_rows(2)]
    table = read_table(write_csv(tmp_path / "a.csv", headers, rows, "utf-8"))
    with pytest.raises(PaknError, match="Ngày gửi"):
        services.portal.run(table, guess_mapping(table.headers), actor)
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == 0


def test_cancel_between_batches_keeps_whole_batches_and_says_where_to_resume(
    services: Services, actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    table = read_table(write_csv(tmp_path / "a.csv", HEADERS, sample_rows(7), "utf-8"))
    mapping = guess_mapping(table.headers)
    seen: list[tuple[int, int]] = []
    report = services.portal.run(
        table,
        mapping,
        actor,
        batch_size=3,
        progress=lambda done, total: seen.append((done, total)),
        cancelled=lambda: len(seen) >= 1,
    )
    assert report.cancelled and seen == [(3, 7)]
    assert report.resume_from == 3 and report.resume_row == 5
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == 3
    assert "tiếp tục từ dòng 5" in report.summary()
    rest = services.portal.run(table, mapping, actor, batch_size=3, start=report.resume_from)
    assert rest.count("create") == 4
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == 7


def test_a_failing_batch_is_rolled_back_whole(
    services: Services, actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    table = read_table(write_csv(tmp_path / "a.csv", HEADERS, sample_rows(5), "utf-8"))
    mapping = guess_mapping(table.headers)
    real = services.cases.receive_many_in
    calls = [0]

    def crash_in_second(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls[0] += 1
        if calls[0] == 2:
            raise OSError("disk full")  # a crash in the middle of the second batch
        return real(*args, **kwargs)

    monkeypatch.setattr(services.cases, "receive_many_in", crash_in_second)
    report = services.portal.run(table, mapping, actor, batch_size=3)
    assert "lô đã được hoàn tác" in report.failure and "disk full" not in report.failure
    assert report.resume_from == 3
    assert (
        services.case_reads.count(CaseFilter(), staff_actor(services)) == 3
    )  # batch 1 kept, batch 2 rolled back
    monkeypatch.undo()
    rest = services.portal.run(table, mapping, actor, batch_size=3)
    assert [r.action for r in rest.rows] == ["skip"] * 3 + ["create"] * 2


def test_personal_data_in_content_is_flagged(services: Services, actor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = sample_rows(1)
    rows[0][3] = "Tôi là Hoà, CCCD 062190001234, gọi 0912 345 678 khi cần."
    table = read_table(write_csv(tmp_path / "a.csv", HEADERS, rows, "utf-8"))
    report = services.portal.run(table, guess_mapping(table.headers), actor)
    plan = report.rows[0]
    assert plan.personal_data == ["Số CCCD", "Số điện thoại"]
    case = services.case_reads.get(plan.case_code, staff_actor(services))
    assert "dữ liệu cá nhân" in case.events[-1].summary
    assert not case.events[-1].public


def test_closed_case_is_not_updated(services: Services, actor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = sample_rows(1)
    table = read_table(write_csv(tmp_path / "a.csv", HEADERS, rows, "utf-8"))
    mapping = guess_mapping(table.headers)
    code = services.portal.run(table, mapping, actor).rows[0].case_code
    services.cases.reject(
        code,
        "Nội dung là khiếu nại, không thuộc phạm vi PAKN.",
        actor,
        expected_version=services.case_reads.get(code, staff_actor(services)).version,
    )
    rows[0][6] = "Địa chỉ mới"
    report = services.portal.run(
        read_table(write_csv(tmp_path / "b.csv", HEADERS, rows, "utf-8")), mapping, actor
    )
    assert report.rows[0].action == "skip"
    assert "address" in report.rows[0].conflicts
    assert services.case_reads.get(code, staff_actor(services)).state is CaseState.REJECTED


def test_mappings_saved_by_name(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    cols = {
        "portal_code": "Số hiệu",
        "title": "Trích yếu",
        "content": "ND",
        "received_at": "Ngày",
    }
    services.portal.save_mapping("Cổng tỉnh", cols, actor, Channel.PROVINCIAL_PORTAL)
    m = services.portal.mapping("Cổng tỉnh")
    assert m.columns == cols and m.channel == "provincial_portal"
    services.portal.save_mapping("Cổng tỉnh", {**cols, "topic": "LV"}, actor)
    assert [v.name for v in services.portal.mappings()] == ["Cổng tỉnh"]
    assert services.portal.mapping("Cổng tỉnh").columns["topic"] == "LV"
    with pytest.raises(PaknError, match="Nội dung"):
        services.portal.save_mapping("Thiếu", {"portal_code": "A", "title": "B"}, actor)
    with pytest.raises(NotFound):
        services.portal.mapping("Không có")


def test_cli_import_portal(
    services: Services,
    make_actor,  # type: ignore[no-untyped-def]
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_actor("front_desk", username="tiepnhan", password="mat-khau-dai-du")
    make_actor("head", username="lanhdao", password="mat-khau-dai-du")
    monkeypatch.setenv("PAKN_TEST_PASSWORD", "mat-khau-dai-du")
    desk = ["--user", "tiepnhan", "--password-env", "PAKN_TEST_PASSWORD"]
    path = write_csv(tmp_path / "ds.csv", HEADERS, sample_rows(2), "cp1258")
    # The import receives PAKN: an account without the front desk's role is refused.
    head = ["--user", "lanhdao", "--password-env", "PAKN_TEST_PASSWORD"]
    assert cli_main(["--db", db_url, *head, "import", "portal", str(path)]) == 2
    assert "không có quyền tiếp nhận PAKN" in capsys.readouterr().err
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == 0
    assert cli_main(["--db", db_url, *desk, "import", "portal", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "tạo mới 2" in out and "Windows-1258" in out
    assert cli_main(["--db", db_url, *desk, "import", "portal", str(path)]) == 0
    assert "tạo mới 2" in capsys.readouterr().out
    assert cli_main(["--db", db_url, *desk, "import", "portal", str(path)]) == 0
    assert "bỏ qua 2" in capsys.readouterr().out

    assert cli_main(["--db", db_url, "import", "portal", str(tmp_path / "none.csv")]) == 2
    assert "Không tìm thấy tệp" in capsys.readouterr().err
    bad = tmp_path / "x.csv"
    bad.write_bytes(b"%PDF-1.4\x00\x00")
    assert cli_main(["--db", db_url, "import", "portal", str(bad)]) == 2
    assert cli_main(["--db", db_url, "import", "portal", str(path), "--mapping", "không có"]) == 1


def test_xlsx_and_xls_layouts_import_alike(services: Services, actor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The same list as xlsx (title rows, date cells, phone stored as a number) and as xls
    (another column order): the second import finds every row already there."""
    rows: list[list[object]] = [list(r) for r in sample_rows(3)]
    for r in rows:
        r[8] = datetime(2026, 4, 3, 14, 5)
        r[5] = int(str(r[5]).replace(" ", ""))
    xlsx = read_table(write_xlsx(tmp_path / "ds.xlsx", HEADERS, rows, title_rows=2))
    first = services.portal.run(xlsx, guess_mapping(xlsx.headers), actor, source="ds.xlsx")
    assert first.count("create") == 3, [r.reasons for r in first.rows]
    case = services.case_reads.get(first.rows[0].case_code, staff_actor(services))
    assert case.phone == "0912 345 001" and case.received_at == datetime(2026, 4, 3, 14, 5)
    assert "dòng 4" in case.events[-1].summary  # two title rows, then the header row

    order = [1, 8, 3, 2, 4, 5, 6, 7, 9, 10, 0]
    xls_rows: list[list[object]] = [[r[i] for i in order] for r in rows]
    xls = read_table(write_xls(tmp_path / "ds.xls", [HEADERS[i] for i in order], xls_rows))
    again = services.portal.run(xls, guess_mapping(xls.headers), actor, source="ds.xls")
    assert [r.action for r in again.rows] == ["skip"] * 3, [r.reasons for r in again.rows]
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == 3


def test_two_desks_importing_the_same_list_at_once(
    services: Services, actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import threading

    table = read_table(write_csv(tmp_path / "a.csv", HEADERS, sample_rows(30), "utf-8"))
    mapping = guess_mapping(table.headers)
    reports = []
    errors: list[BaseException] = []

    def desk() -> None:
        try:
            reports.append(services.portal.run(table, mapping, actor, batch_size=5))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=desk) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors and len(reports) == 2
    assert all(not r.failure for r in reports), [r.failure for r in reports]
    assert sum(r.count("create") for r in reports) == 30
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == 30


# --- who may import --------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["head", "official", "admin"])
def test_only_the_front_desk_imports(
    services: Services,
    actor,  # type: ignore[no-untyped-def]
    make_actor,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    role: str,
) -> None:
    path = write_csv(tmp_path / "ds.csv", HEADERS, sample_rows(3), "utf-8")
    table = read_table(path)
    mapping = guess_mapping(table.headers)
    other = make_actor(role)
    with pytest.raises(PermissionDenied, match="không có quyền tiếp nhận PAKN"):
        services.portal.run(table, mapping, other, source=path.name)
    with pytest.raises(PermissionDenied, match="không có quyền tiếp nhận PAKN"):
        services.portal.save_mapping("Cổng", mapping, other)
    services.portal.save_mapping("Cổng", mapping, actor)
    with pytest.raises(PermissionDenied, match="không có quyền tiếp nhận PAKN"):
        services.portal.delete_mapping("Cổng", other)
    with pytest.raises(PermissionDenied, match="cần một tài khoản"):
        services.portal.run(table, mapping, None, source=path.name)
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == 0
    assert [m.name for m in services.portal.mappings()] == ["Cổng"]
    services.portal.delete_mapping("Cổng", actor)
    assert services.portal.mappings() == []


def test_an_import_keeps_the_audit_chain_whole(
    services: Services,
    make_actor,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    desk = make_actor("front_desk")
    table = read_table(write_csv(tmp_path / "ds.csv", HEADERS, sample_rows(3), "utf-8"))
    mapping = guess_mapping(table.headers)
    report = services.portal.run(table, mapping, desk, source="ds.csv")
    assert report.count("create") == 3
    changed = sample_rows(3)
    changed[0][HEADERS.index("Tiêu đề")] = "Tiêu đề đã sửa trên Cổng"
    later = read_table(write_csv(tmp_path / "sau.csv", HEADERS, changed, "utf-8"))
    assert services.portal.run(later, mapping, desk, source="sau.csv").count("update") == 1
    check = services.audit.verify()
    assert check.ok, check.message
    records = services.audit.records(services.office.actor())
    assert sum(r.target == "portal_import" for r in records) == 4  # three new, one update
    assert all(r.actor_name == desk.name for r in records if r.target == "portal_import")
