"""Deadlines as a person reads them: a finished stage says when it was done and whether in
time (never a negative count of days left), an overdue one the date it fell due and how many
working days late, and the header, the queue and today's work show the same date."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from accounts_fixture import staff_actor
from builders import a_form
from page_reads import listed
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.countdown import days_left_words, done_words
from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.services import Services
from pakn_desktop.ui.case_editor import CaseEditor
from pakn_desktop.ui.case_model import CaseTableModel, Column

FORM = a_form(
    submitter_name="Trần Văn Bảo",
    address="Thôn 3, xã Ia Chim, tỉnh Quảng Ngãi",
    phone="0905123456",
    title="Chưa nhận trợ cấp",
    content="Đề nghị xem xét chi trả trợ cấp tháng 3.",
)


def test_days_left_words() -> None:
    assert days_left_words(3) == "còn 3 ngày"
    assert days_left_words(0) == "hạn hôm nay"
    assert days_left_words(-9) == "trễ 9 ngày"
    assert days_left_words(None) == ""
    assert done_words(date(2026, 5, 4), 0) == "04/05/2026 (đúng hạn)"
    assert done_words(date(2026, 5, 4), 2) == "04/05/2026 (trễ 2 ngày)"


def test_an_overdue_case_reads_the_same_everywhere(qtbot: QtBot, services: Services, clock) -> None:  # type: ignore[no-untyped-def]
    actor = staff_actor(services)
    clock.set(datetime(2026, 4, 1, 9, 0))
    c = services.cases.receive(FORM, actor)
    clock.set(datetime(2026, 4, 3, 9, 0))  # classified within its 5 working days
    c = services.cases.accept(c.code, actor, official_id=actor.id, expected_version=c.version)
    # Long past the 15 working days with no result: the answer is late, a progress update
    # is due in the future.
    clock.set(datetime(2026, 6, 10, 9, 0))
    detail = services.case_reads.get(c.code, actor)
    assert detail.next_deadline is not None and detail.next_deadline.stage.value == "progress"
    assert detail.status_due is not None and detail.status_due < clock.current.date()
    late = -(detail.status_days_left or 0)
    assert late > 0

    editor = CaseEditor(services, actor, c.code)
    qtbot.addWidget(editor)
    header = editor.header.text()
    assert f"{detail.status_due:%d/%m/%Y} (trễ {late} ngày)" in header
    assert f"{detail.next_deadline.due:%d/%m/%Y}" not in header  # not a future date as "late"
    rows = {
        editor.deadlines.topLevelItem(i).text(0): [  # type: ignore[union-attr]
            editor.deadlines.topLevelItem(i).text(col)  # type: ignore[union-attr]
            for col in range(4)
        ]
        for i in range(editor.deadlines.topLevelItemCount())
    }
    texts = [t for row in rows.values() for t in row]
    assert not any(t.lstrip().startswith("-") for t in texts), texts  # no negative counts
    classify = next(r for label, r in rows.items() if "Phân loại" in label or "phân loại" in label)
    assert classify[2] == "" and classify[3] == "03/04/2026 (đúng hạn)"
    answer = next(r for r in rows.values() if r[1] == f"{detail.status_due:%d/%m/%Y}")
    assert answer[2] == f"trễ {late} ngày"

    # The queue shows the same date and count.
    model = listed(qtbot, CaseTableModel(services.case_reads, actor, CaseFilter()))
    (row,) = [i for i in range(model.rowCount()) if model.row_at(i).code == c.code]  # type: ignore[union-attr]
    assert f"{detail.status_due:%d/%m/%Y}" in model.index(row, Column.DEADLINE).data()
    assert model.index(row, Column.DAYS_LEFT).data() == f"trễ {late} ngày"


def test_todays_work_counts_the_date_it_shows(services: Services, clock) -> None:  # type: ignore[no-untyped-def]
    actor = staff_actor(services)
    clock.set(datetime(2026, 4, 1, 9, 0))
    c = services.cases.receive(FORM, actor)
    c = services.cases.accept(c.code, actor, official_id=actor.id, expected_version=c.version)
    # Once the answer is late, the working day before the progress update falls due.
    clock.set(datetime(2026, 5, 1, 9, 0))
    detail = services.case_reads.get(c.code, actor)
    assert detail.next_deadline is not None and detail.next_deadline.stage.value == "progress"
    progress = detail.next_deadline.due
    clock.set(datetime.combine(progress - timedelta(days=1), datetime.min.time()))
    while services.case_reads.today() >= progress:  # a working day before it
        clock.set(clock.current - timedelta(days=1))
    (item,) = [i for i in services.statistics.today(actor) if i.code == c.code]
    assert item.due == progress
    assert item.days_left is not None and item.days_left >= 0  # counted to that date
    detail = services.case_reads.get(c.code, actor)
    assert item.days_left == next(d.days_left for d in detail.deadlines if d.stage == "progress")
