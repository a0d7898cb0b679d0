"""A finished case says whether it was handled in time (issue 21): "■ Đã xong, trễ N ngày"
(working days after the 15-day limit) or "■ Đã xong đúng hạn", in the queue and in the
editor's header, from one domain rule (``deadlines.handled_late_days``)."""

from __future__ import annotations

from datetime import date, datetime

from accounts_fixture import staff_actor
from page_reads import listed
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.countdown import status_words
from pakn_desktop.domain.deadlines import ANSWER_DAYS, handled_late_days
from pakn_desktop.domain.enums import DeadlineStatus
from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.ui.case_editor import CaseEditor
from pakn_desktop.ui.case_model import CaseTableModel, Column


def form(title: str) -> IntakeForm:
    return IntakeForm(
        "citizen",
        "Trần Văn Bảo",
        "Thôn 3, xã Ia Chim, tỉnh Quảng Ngãi",
        "0905123456",
        "",
        title,
        "Đề nghị xem xét chi trả trợ cấp tháng 3.",
        "phone",
    )


def answered(services: Services, clock, title: str, answer_on: datetime) -> str:  # type: ignore[no-untyped-def]
    actor = staff_actor(services)
    clock.set(datetime(2026, 4, 1, 9, 0))  # a Wednesday
    c = services.cases.receive(form(title), actor)
    c = services.cases.accept(c.code, actor, official_id=actor.id, expected_version=c.version)
    clock.set(answer_on)
    c = services.cases.record_result(c.code, "Đã chi trả.", actor, expected_version=c.version)
    c = services.cases.publish_answer(
        c.code, "Đã chi trả trợ cấp.", actor, expected_version=c.version
    )
    c = services.cases.close(c.code, actor, expected_version=c.version)
    return c.code


def test_status_words() -> None:
    assert status_words(DeadlineStatus.DONE, 0) == "Đã xong đúng hạn"
    assert status_words(DeadlineStatus.DONE, 3) == "Đã xong, trễ 3 ngày"
    assert status_words(DeadlineStatus.DONE, None) == "Đã xong"
    assert status_words(DeadlineStatus.OVERDUE, 3) == "Quá hạn"


def test_a_late_and_an_on_time_case_read_so_in_queue_and_header(
    qtbot: QtBot,
    services: Services,
    clock,  # type: ignore[no-untyped-def]
) -> None:
    actor = staff_actor(services)
    cal = services.calendar.calendar()
    due = cal.add_working_days(date(2026, 4, 1), ANSWER_DAYS)
    # Answered three working days after the limit, and one answered the day before it.
    late_on = cal.add_working_days(due, 3)
    late = answered(
        services, clock, "Chậm trả trợ cấp", datetime.combine(late_on, datetime.min.time())
    )
    on_time = answered(services, clock, "Trả lời kịp", datetime(2026, 4, 2, 10, 0))
    assert handled_late_days(cal, date(2026, 4, 1), "accepted", None, late_on) == 3

    model = listed(qtbot, CaseTableModel(services.case_reads, actor, CaseFilter()))
    shown = {
        model.row_at(i).code: model.index(i, Column.DEADLINE).data()  # type: ignore[union-attr]
        for i in range(model.rowCount())
    }
    assert shown[late] == "■ Đã xong, trễ 3 ngày"
    assert shown[on_time] == "■ Đã xong đúng hạn"

    for code, words in ((late, "■ Đã xong, trễ 3 ngày"), (on_time, "■ Đã xong đúng hạn")):
        editor = CaseEditor(services, actor, code)
        qtbot.addWidget(editor)
        assert words in editor.header.text()
