"""Issue 22, point 7: portal lists without surprises. Codes compare trimmed and in any letter
case (the database, the file itself, marking as entered); row numbers are the spreadsheet's
own after blank rows; total and footer rows are left out with one note; the sheet and a
two-row header are found or chosen (--sheet, --header-row); a partial import exits 3; each
import and export is in the audit chain."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from accounts_fixture import staff_actor
from openpyxl import Workbook
from test_portal import HEADERS, sample_rows, write_csv

from pakn_desktop.cli import main as cli_main
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.services.portal import guess_mapping, read_table


@pytest.fixture
def actor(services: Services):  # type: ignore[no-untyped-def]
    return staff_actor(services)


def count(services: Services) -> int:
    return services.case_reads.count(CaseFilter(), staff_actor(services))


def test_a_code_in_another_letter_case_or_with_spaces_is_the_same_pakn(
    services: Services, actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first = read_table(write_csv(tmp_path / "a.csv", HEADERS, sample_rows(2), "utf-8"))
    assert services.portal.run(first, guess_mapping(first.headers), actor).count("create") == 2
    later = sample_rows(3)
    later[0][1] = later[0][1].lower()
    later[1][1] = "  " + later[1][1] + " "
    table = read_table(write_csv(tmp_path / "b.csv", HEADERS, later, "utf-8"))
    report = services.portal.run(table, guess_mapping(table.headers), actor)
    assert [r.action for r in report.rows] == ["skip", "skip", "create"]
    assert count(services) == 3
    # Within one file too: the same code in lower case is a duplicate of its row.
    dup = sample_rows(2, start=10)
    dup[1][1] = dup[0][1].lower()
    table = read_table(write_csv(tmp_path / "c.csv", HEADERS, dup, "utf-8"))
    report = services.portal.preview(table, guess_mapping(table.headers), actor)
    assert report.rows[1].action == "error" and "dòng 2" in report.rows[1].reasons[0]
    # Marking a desk case as entered with a code already used, in another case.
    desk = services.cases.receive(
        IntakeForm(
            "citizen", "Lê Văn Tám", "Thôn 1, xã Đắk Hà", "0905111222", "", "Hỏi", "ND", "letter"
        ),
        actor,
    )
    with pytest.raises(PaknError, match="đã là mã"):
        services.national.mark_entered(
            desk.code, " pakn.2026.00001 ", actor, expected_version=desk.version
        )


def test_row_numbers_are_the_spreadsheets_own_after_blank_rows(
    services: Services, actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    rows = sample_rows(3)
    rows[2][3] = ""  # no content: refused
    blank = [""] * len(HEADERS)
    # Spreadsheet rows: 1 header, 2 data, 3 blank, 4 data, 5 blank, 6 blank, 7 refused.
    table = read_table(
        write_csv(
            tmp_path / "a.csv", HEADERS, [rows[0], blank, rows[1], blank, blank, rows[2]], "utf-8"
        )
    )
    report = services.portal.run(table, guess_mapping(table.headers), actor, source="a.csv")
    assert [(r.row, r.action) for r in report.rows] == [(2, "create"), (4, "create"), (7, "error")]
    case = services.case_reads.get(report.rows[1].case_code, staff_actor(services))
    assert "dòng 4" in case.events[-1].summary


def test_total_and_footer_rows_are_left_out_with_one_note(
    services: Services, actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    footer = [
        ["Tổng cộng: 3 PAKN"] + [""] * (len(HEADERS) - 1),
        [""] * 4 + ["Người lập biểu"] + [""] * (len(HEADERS) - 5),
        [""] * 4 + ["Nguyễn Thị Thu"] + [""] * (len(HEADERS) - 5),
    ]
    table = read_table(write_csv(tmp_path / "a.csv", HEADERS, sample_rows(3) + footer, "utf-8"))
    report = services.portal.run(table, guess_mapping(table.headers), actor)
    assert (report.count("create"), report.count("error"), report.total) == (3, 0, 3)
    assert report.notes == ["Bỏ qua dòng tổng cộng, chân danh sách (dòng 5–7)."]
    assert report.summary().count("Bỏ qua dòng tổng cộng") == 1


def workbook_with_a_cover(path: Path, two_row_header: bool = False) -> Path:
    """A cover sheet first, the list on the second sheet; optionally under a two-row header
    ("Người gửi" over its three columns)."""
    wb = Workbook()
    cover = wb.active
    assert cover is not None
    cover.title = "Hướng dẫn"
    cover.append(["Danh sách PAKN xuất từ Cổng Dịch vụ công quốc gia"])
    ws = wb.create_sheet("DS PAKN")
    ws.append(["DANH SÁCH PHẢN ÁNH, KIẾN NGHỊ"])
    if two_row_header:
        ws.append(["STT", "Mã PAKN", "Tiêu đề", "Nội dung", "Người gửi", "", "", "Ngày gửi"])
        ws.append(["", "", "", "", "Họ và tên", "Số điện thoại", "Địa chỉ", ""])
        ws.merge_cells("E2:G2")
    else:
        ws.append(
            [
                "STT",
                "Mã PAKN",
                "Tiêu đề",
                "Nội dung",
                "Người gửi",
                "Số điện thoại",
                "Địa chỉ",
                "Ngày gửi",
            ]
        )
    for r in sample_rows(2):
        ws.append([r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[8]])
    wb.save(path)
    return path


def test_the_sheet_and_a_two_row_header_are_found_or_chosen(
    services: Services, actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = workbook_with_a_cover(tmp_path / "ds.xlsx", two_row_header=True)
    table = read_table(path)
    assert table.sheet == "DS PAKN" and table.header_row == 3
    mapping = guess_mapping(table.headers)
    assert mapping["submitter_name"] == "Họ và tên" and mapping["phone"] == "Số điện thoại"
    report = services.portal.run(table, mapping, actor)
    assert [(r.row, r.action) for r in report.rows] == [(4, "create"), (5, "create")]
    # Chosen by hand: the same sheet by number or name, the lower header row by number.
    for sheet in ("2", "ds pakn"):
        chosen = read_table(path, sheet=sheet, header_row=3)
        assert chosen.headers == table.headers and chosen.row_number(0) == 4
    single = read_table(workbook_with_a_cover(tmp_path / "b.xlsx"), sheet="DS PAKN")
    assert single.header_row == 2 and single.row_number(1) == 4


def test_cli_partial_import_exits_3_and_each_run_is_audited(
    services: Services,
    make_actor,  # type: ignore[no-untyped-def]
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_actor("front_desk", "head", username="tiepnhan", password="mat-khau-dai-du")
    monkeypatch.setenv("PAKN_TEST_PASSWORD", "mat-khau-dai-du")
    desk = ["--db", db_url, "--user", "tiepnhan", "--password-env", "PAKN_TEST_PASSWORD"]
    rows = sample_rows(3)
    rows[1][3] = ""  # refused: no content
    path = write_csv(tmp_path / "ds.csv", HEADERS, rows, "utf-8")
    assert cli_main([*desk, "import", "portal", str(path)]) == 3
    out = capsys.readouterr().out
    assert "tạo mới 2" in out and "lỗi 1" in out and "dòng 3" in out
    assert cli_main([*desk, "import", "portal", str(path), "--sheet", "Khác"]) == 2
    assert "trang tính" in capsys.readouterr().err
    book = workbook_with_a_cover(tmp_path / "ds.xlsx")
    assert (
        cli_main([*desk, "import", "portal", str(book), "--sheet", "2", "--header-row", "2"]) == 0
    )
    assert "trang «DS PAKN»" in capsys.readouterr().out

    who = services.office.actor("tiepnhan")
    admin = services.office.actor()  # the audit is read by the administrator
    records = [r for r in services.audit.records(admin) if r.kind == "portal.import"]
    assert [r.target for r in records] == ["ds.csv", "ds.xlsx"] or [r.target for r in records] == [
        "ds.xlsx",
        "ds.csv",
    ]
    first = next(r for r in records if r.target == "ds.csv")
    assert first.actor_name == who.name and "tạo mới 2" in first.summary
    assert (first.after["created"], first.after["errors"], first.after["complete"]) == (2, 1, True)
    # An export too: who, which file, how many.
    services.national.export_xlsx(
        [services.case_reads.queue(CaseFilter(), who)[0].code], tmp_path / "nhap.xlsx", who
    )
    exports = [r for r in services.audit.records(admin) if r.kind == "export.national_entry"]
    assert len(exports) == 1 and exports[0].target == "nhap.xlsx" and "1 PAKN" in exports[0].summary
    services.statistics.write_register(
        who, date(2026, 1, 1), date(2026, 12, 31), tmp_path / "s.xlsx"
    )
    registers = [r for r in services.audit.records(admin) if r.kind == "export.register"]
    assert [(r.target, r.after["rows"]) for r in registers] == [("s.xlsx", 3)]


def test_cli_import_shows_its_progress_on_stderr(
    services: Services,
    make_actor,  # type: ignore[no-untyped-def]
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from pakn_desktop.cli import _ImportProgress

    make_actor("front_desk", username="tiepnhan", password="mat-khau-dai-du")
    monkeypatch.setenv("PAKN_TEST_PASSWORD", "mat-khau-dai-du")
    desk = ["--db", db_url, "--user", "tiepnhan", "--password-env", "PAKN_TEST_PASSWORD"]
    path = write_csv(tmp_path / "ds.csv", HEADERS, sample_rows(450), "utf-8")
    assert cli_main([*desk, "import", "portal", str(path)]) == 0
    captured = capsys.readouterr()
    # Into a log (not a terminal): a line at each quarter passed, none after the end.
    assert [line for line in captured.err.splitlines() if line.startswith("Đã xử lý")] == [
        "Đã xử lý 200/450 dòng (44%)…",
        "Đã xử lý 400/450 dòng (88%)…",
    ]
    assert "tạo mới 450" in captured.out and "Đã xử lý" not in captured.out
    # The batches' history went into the audit chain in bulk: the chain still verifies, with
    # a link for each of the 900 lines (received, imported).
    assert cli_main(["--db", db_url, "audit", "verify"]) == 0
    assert "900 dòng lịch sử" in capsys.readouterr().out

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    term = Terminal()
    progress = _ImportProgress(term)
    for done in (200, 400, 450):
        progress(done, 450)
    progress.end()
    assert term.getvalue() == (
        "\rĐã xử lý 200/450 dòng (44%)…\rĐã xử lý 400/450 dòng (88%)…"
        "\rĐã xử lý 450/450 dòng (100%)…\n"
    )
