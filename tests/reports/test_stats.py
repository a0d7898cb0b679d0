"""Hand-computed fixture: which cases are on time and why, checked in the figures and in the
spreadsheet, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from accounts_fixture import staff_actor
from openpyxl import load_workbook
from pypdf import PdfReader
from report_fixture import at, build

from pakn_desktop.reports.excel import write_period_report, write_register
from pakn_desktop.reports.pdf import period_report_pdf, register_pdf
from pakn_desktop.reports.stats import quarter
from pakn_desktop.services import Services


def test_period_figures_are_hand_computed(services: Services, clock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build(services, clock)
    st = services.statistics.figures(*quarter(2026, 2))
    assert st.received == 6
    handled = {h.kind: (h.total, h.on_time) for h in st.handled}
    assert handled == {"answered": (2, 1), "rejected": (2, 1), "transferred": (1, 1)}
    assert (st.handled_total, st.on_time, st.late) == (5, 3, 2)
    assert st.on_time_rate == 0.6 and st.score == 0
    assert (st.median_days, st.p90_days) == (15, 16)
    assert st.by_channel.counts() == {"Điện thoại": 4, "Cổng DVC quốc gia": 1, "Thư điện tử": 1}
    assert st.by_channel.by_key() == {"phone": 4, "national_portal": 1, "email": 1}
    assert st.by_submitter_kind.counts() == {"Người dân": 5, "Doanh nghiệp": 1}
    assert st.outcomes["Tiếp nhận, tham mưu xử lý"] == 3
    assert st.outcomes["Không tiếp nhận"] == 2
    assert st.by_month.counts() == {"Tháng 4/2026": 6}
    assert st.by_month.by_key() == {"2026-04": 6}
    # Q2 ended before today (02/07/2026): its figures count the quarter only, none of today's.
    assert st.open_as_of is None
    assert not st.open_by_status.rows and not st.overdue_by_official.rows
    assert "status" not in [bd.name for bd in st.breakdowns]
    # The quarter that includes today has them: E is open and overdue; so is the new Q3
    # case? No: it is within 5 days.
    now = services.statistics.figures(*quarter(2026, 3))
    assert now.open_as_of == date(2026, 7, 2)
    assert now.overdue_by_official.counts() == {"(chưa phân công)": 1}
    assert now.open_by_status["Quá hạn"] == 1
    assert [bd.name for bd in now.breakdowns][-2:] == ["status", "official"]
    assert now.open_by_status.title == "Đang mở theo thời hạn (hôm nay, 02/07/2026)"

    xlsx = tmp_path / "q2.xlsx"
    write_period_report(st, "Sở", xlsx)
    wb = load_workbook(xlsx)
    summary = wb["Tổng hợp"]
    values = {summary.cell(r, 1).value: summary.cell(r, 2).value for r in range(3, 11)}
    assert values["Số PAKN tiếp nhận"] == 6 and values["Đúng hạn"] == 3
    assert values["Tỷ lệ đúng hạn"] == 0.6 and isinstance(values["Trễ hạn"], int)
    channel = wb["Theo kênh tiếp nhận"]
    assert channel.freeze_panes == "A3"
    assert [channel.cell(r, 2).value for r in range(3, 6)] == [4, 1, 1]
    assert channel.cell(6, 2).value == "=SUM(B3:B5)"
    assert channel.cell(3, 2).number_format == "#,##0"
    months = wb["Theo tháng"]
    assert [months.cell(3, c).value for c in (1, 2)] == ["Tháng 4/2026", 6]
    late = wb["Đúng hạn - trễ hạn"]
    assert [late.cell(3, c).value for c in range(1, 5)] == ["Trả lời", 2, 1, 1]

    reg = tmp_path / "register.xlsx"
    assert (
        write_register(
            services.db, *quarter(2026, 2), reg, footer=services.statistics.frame().footer
        )
        == 6
    )
    rows = list(load_workbook(reg)["Sổ tiếp nhận"].iter_rows(values_only=True))
    assert rows[0][1] == "Mã PAKN" and [r[0] for r in rows[1:-2]] == [1, 2, 3, 4, 5, 6]
    assert rows[-1][0] == f"Mốc nhật ký thay đổi khi lập: {services.audit.head()}"
    assert rows[1][3] == at("2026-04-24")

    pdf = tmp_path / "q2.pdf"
    period_report_pdf(services.statistics.frame(), st, pdf)
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "BÁO CÁO KẾT QUẢ TIẾP NHẬN" in text and "tỷ lệ đúng hạn 60,0%" in text
    assert (
        register_pdf(
            services.db, services.statistics.frame(), *quarter(2026, 2), tmp_path / "reg.pdf"
        )
        == 6
    )
    baocao = services.office.actor("baocao")
    assert services.statistics.write_overdue(baocao, tmp_path / "overdue.pdf") == 1


def test_queue_filter_lists_the_cases_behind_on_time_and_late(services: Services, clock) -> None:  # type: ignore[no-untyped-def]
    from pakn_desktop.store.queries import CaseFilter

    codes = build(services, clock)
    start, end = quarter(2026, 2)
    late = services.case_reads.queue(
        CaseFilter(handled_from=start, handled_to=end, handled_on_time=False), staff_actor(services)
    )
    ok = services.case_reads.queue(
        CaseFilter(handled_from=start, handled_to=end, handled_on_time=True), staff_actor(services)
    )
    assert {r.code for r in late} == {codes["B"], codes["D"]}
    assert {r.code for r in ok} == {codes["A"], codes["C"], codes["F"]}


def test_office_day_off_changes_the_judgement(services: Services, clock) -> None:  # type: ignore[no-untyped-def]
    build(services, clock)
    # With an office day off on 11/05/2026, B's 16th working day becomes its 15th.
    services.calendar.add_day_off(
        date(2026, 5, 11),
        "Nghỉ theo quyết định",
        services.office.actor("baocao"),
        expected_version=services.calendar.version(),
    )
    st = services.statistics.figures(*quarter(2026, 2))
    handled = {h.kind: (h.total, h.on_time) for h in st.handled}
    assert handled["answered"] == (2, 2)
    assert (st.median_days, st.p90_days) == (14, 15)


def test_todays_work_groups_by_official(services: Services, clock) -> None:  # type: ignore[no-untyped-def]
    codes = build(services, clock)
    clock.set(at("2026-07-03"))
    items = services.statistics.today(services.office.actor("baocao"))
    by_code = {i.code: i for i in items}
    assert codes["E"] in by_code  # in progress past its 15 working days
    assert (
        "Cập nhật tình hình xử lý" in by_code[codes["E"]].what
        or "quá hạn" in by_code[codes["E"]].what
    )
    assert all(i.official == "(chưa phân công)" for i in items)


def test_long_reports_can_be_cancelled(services: Services, clock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from pakn_desktop.reports.stats import Cancelled

    build(services, clock)
    with pytest.raises(Cancelled):
        services.statistics.figures(*quarter(2026, 2), cancelled=lambda: True)
    with pytest.raises(Cancelled):
        write_register(services.db, *quarter(2026, 2), tmp_path / "r.xlsx", cancelled=lambda: True)
    assert not (tmp_path / "r.xlsx").exists()
