"""The case services on a real database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, datetime

import pytest
from accounts_fixture import staff_actor
from builders import a_form
from sqlalchemy import select

from pakn_desktop.domain.codes import normalize_case_code
from pakn_desktop.domain.enums import CaseState, DeadlineStatus, Role, ScopeCategory
from pakn_desktop.domain.errors import (
    InvalidTransition,
    MissingInformation,
    NotFound,
    PaknError,
    StaleCase,
    ValidationFailed,
)
from pakn_desktop.domain.queue import CaseFilter, SortKey
from pakn_desktop.services import Services

FORM = a_form(
    email="an.nguyen@example.vn",
    title="Chậm cấp giấy xác nhận người có công ở Hà Nội",
    content="Hồ sơ nộp từ tháng 3 đến nay chưa được giải quyết, đề nghị Sở xem xét.",
    topic="Chính sách người có công",
)


@pytest.fixture
def official(services: Services, admin):  # type: ignore[no-untyped-def]
    unit = services.office.units()[0]
    return services.office.add_user(
        "btlan", "Bùi Thị Lan", Role.OFFICIAL, unit_id=unit.id, actor=admin
    )


def test_receive_gives_code_deadline_and_public_event(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    case = services.cases.receive(FORM, actor)
    assert normalize_case_code(case.code) == case.code
    assert case.code.startswith("26-000001-")
    assert case.state is CaseState.RECEIVED
    assert case.due_on == date(2026, 5, 6)  # 5 working days from Fri 24/04/2026
    assert case.phone == "0912 345 678"
    assert [e.action for e in case.events] == ["receive"]
    assert case.events[0].public and case.events[0].actor_name == actor.name
    assert {d.stage: d.due for d in case.deadlines}["answer"] == date(2026, 5, 20)


def test_bad_intake_saves_nothing_and_names_each_field(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    bad = replace(FORM, submitter_name="  ", phone="12345", email="không phải email")
    with pytest.raises(ValidationFailed) as info:
        services.cases.receive(bad, actor)
    assert {"submitter_name", "phone", "email"} <= set(info.value.errors)
    assert services.case_reads.count(CaseFilter(), staff_actor(services)) == 0


def test_whole_lifecycle_with_history(services: Services, actor, official, clock) -> None:  # type: ignore[no-untyped-def]
    c = services.cases.receive(FORM, actor)
    c = services.cases.forward(
        c.code, official.id, actor, scope=ScopeCategory.OFFICIAL_CONDUCT, expected_version=c.version
    )
    assert c.state is CaseState.IN_PROGRESS and c.official_name == "Bùi Thị Lan"
    assert c.unit_id == official.unit_id and c.scope == "official_conduct"
    assert c.due_on == date(2026, 5, 20)
    clock.set(datetime(2026, 5, 22, 10, 0))  # past the 15 working days
    c = services.case_reads.get(c.code, staff_actor(services))
    assert c.status is DeadlineStatus.OVERDUE
    assert c.next_deadline is not None and c.next_deadline.stage.value == "progress"
    lan = services.office.actor(official.username)  # progress and result are hers to post
    c = services.cases.post_progress(
        c.code, "Đang xác minh với phòng chuyên môn.", lan, expected_version=c.version
    )
    assert c.last_progress_on == date(2026, 5, 22)
    c = services.cases.record_result(
        c.code, "Đã cấp giấy xác nhận.", lan, expected_version=c.version
    )
    assert c.state is CaseState.RESULT_RECORDED and c.due_on == date(2026, 5, 26)
    c = services.cases.publish_answer(
        c.code, "Sở đã cấp giấy xác nhận ngày 22/5/2026.", actor, expected_version=c.version
    )
    assert c.state is CaseState.ANSWERED and c.status is DeadlineStatus.DONE
    c = services.cases.close(c.code, actor, expected_version=c.version)
    assert c.state is CaseState.CLOSED
    actions = [e.action for e in c.events]
    assert actions == [
        "receive",
        "forward",
        "post_progress",
        "record_result",
        "publish_answer",
        "close",
    ]
    assert [e.actor_name for e in c.events] == [actor.name] * 2 + [lan.name] * 2 + [actor.name] * 2
    assert c.events[1].changes["state"] == ["received", "in_progress"]


def test_reject_requires_reason_then_reopen(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    c = services.cases.receive(FORM, actor)
    with pytest.raises(MissingInformation):
        services.cases.reject(c.code, "  ", actor, expected_version=c.version)
    c = services.cases.reject(
        c.code,
        "Nội dung là khiếu nại.",
        actor,
        scope=ScopeCategory.COMPLAINT,
        expected_version=c.version,
    )
    assert c.state is CaseState.REJECTED and c.rejection_reason == "Nội dung là khiếu nại."
    with pytest.raises(MissingInformation):
        services.cases.reopen(c.code, "", actor, expected_version=c.version)
    c = services.cases.reopen(
        c.code, "Người dân bổ sung, không phải khiếu nại.", actor, expected_version=c.version
    )
    assert c.state is CaseState.RECEIVED and c.reopen_count == 1 and c.outcome is None


def test_forbidden_transition_is_refused_and_changes_nothing(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    c = services.cases.receive(FORM, actor)
    with pytest.raises(InvalidTransition) as info:
        services.cases.publish_answer(c.code, "Trả lời", actor, expected_version=c.version)
    assert "Không thể" in info.value.message
    after = services.case_reads.get(c.code, staff_actor(services))
    assert after.state is CaseState.RECEIVED and after.version == c.version
    assert len(after.events) == 1


def test_clarification_pauses_and_supplement_restarts_clock(
    services: Services, actor, clock
) -> None:  # type: ignore[no-untyped-def]
    c = services.cases.receive(FORM, actor)
    c = services.cases.ask_clarification(
        c.code, "Số hồ sơ đã nộp và ngày nộp.", actor, expected_version=c.version
    )
    assert c.state is CaseState.AWAITING_CLARIFICATION
    assert c.status is DeadlineStatus.PAUSED and c.due_on is None
    clock.set(datetime(2026, 5, 11, 8, 0))
    c = services.cases.record_supplement(
        c.code, "Đã gửi số hồ sơ.", actor, expected_version=c.version
    )
    assert c.state is CaseState.RECEIVED and c.clock_start == date(2026, 5, 11)
    assert c.due_on == date(2026, 5, 18)  # 5 working days from Mon 11/05
    assert {d.stage: d.due for d in c.deadlines}["answer"] == date(2026, 6, 1)


def test_stale_edit_is_refused(services: Services, actor, official) -> None:  # type: ignore[no-untyped-def]
    c = services.cases.receive(FORM, actor)
    services.cases.assign(c.code, official.id, actor, expected_version=c.version)
    with pytest.raises(StaleCase) as info:
        services.cases.edit(
            c.code, replace(FORM, title="Tiêu đề mới"), actor, expected_version=c.version
        )
    assert "vừa được người khác cập nhật" in info.value.message
    assert services.case_reads.get(c.code, staff_actor(services)).title == FORM.title


@pytest.mark.parametrize(
    "change", [{"address": "Số 9 Trần Phú"}, {"email": "moi@example.vn"}, {"phone": "0987654321"}]
)
def test_an_edit_of_the_submitter_only_makes_older_reads_stale(  # type: ignore[no-untyped-def]
    services: Services, actor, change
) -> None:
    """A desk that corrected only the person's address (a submitter row, not the case row)
    still changes the case's version: a second desk saving from its older read is refused
    instead of silently putting the old address back."""
    c = services.cases.receive(FORM, actor)
    first = services.cases.edit(c.code, replace(FORM, **change), actor, expected_version=1)
    assert first.version == c.version + 1
    with pytest.raises(StaleCase):
        services.cases.edit(
            c.code, replace(FORM, title="Tiêu đề mới"), actor, expected_version=c.version
        )
    kept = services.case_reads.get(c.code, staff_actor(services))
    assert kept.title == FORM.title
    for field, value in change.items():
        assert getattr(kept, field).replace(" ", "") == value.replace(" ", "")


def test_edit_records_before_and_after(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    c = services.cases.receive(FORM, actor)
    c = services.cases.edit(
        c.code, replace(FORM, title="Chậm cấp giấy xác nhận"), actor, expected_version=c.version
    )
    assert c.title == "Chậm cấp giấy xác nhận"
    assert c.events[-1].changes["title"] == [FORM.title, "Chậm cấp giấy xác nhận"]


def test_an_edit_stores_the_intake_as_receiving_does(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    """One normalisation (domain.intake): the phone typed in an edit is stored in groups, and
    a portal code typed for a phoned-in case is not kept."""
    c = services.cases.receive(FORM, actor)
    c = services.cases.edit(
        c.code,
        replace(FORM, phone="+84.912.345.679", portal_code="G22.99-1", title="Chậm cấp\u200b "),
        actor,
        expected_version=c.version,
    )
    with services.db.read() as s:
        from pakn_desktop.store.models import Case

        case = s.scalar(select(Case).where(Case.code == c.code))
        assert case is not None
        assert (case.submitter.phone, case.submitter.phone_norm) == ("0912 345 679", "0912345679")
        assert case.portal_code == ""
        assert case.title == "Chậm cấp"


def test_lookup_shows_only_public_history(services: Services, actor, official) -> None:  # type: ignore[no-untyped-def]
    c = services.cases.receive(FORM, actor)
    c = services.cases.assign(c.code, official.id, actor, expected_version=c.version)
    c = services.cases.accept(c.code, actor, expected_version=c.version)
    lan = services.office.actor(official.username)
    services.cases.record_result(c.code, "Kết quả nội bộ: bí mật", lan, expected_version=c.version)
    (found,) = services.case_reads.lookup(c.code.replace("-", " "), staff_actor(services))
    assert found.public_state == "Đang xử lý"
    texts = " ".join(t for _, t in found.history)
    assert "Phân công" not in texts and "bí mật" not in texts
    assert found.expected_answer_by == date(2026, 5, 20)
    by_phone = services.case_reads.lookup("+84 912 345 678", staff_actor(services))
    assert [r.code for r in by_phone] == [c.code]
    with pytest.raises(NotFound):
        services.case_reads.lookup("26-999999-0", staff_actor(services))
    with pytest.raises(PaknError):
        services.case_reads.lookup("   ", staff_actor(services))


def test_search_ignores_diacritics_and_case(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    c = services.cases.receive(FORM, actor)
    services.cases.receive(replace(FORM, title="Đề nghị sửa đường", phone="0987654321"), actor)
    assert [
        r.code
        for r in services.case_reads.queue(CaseFilter(search="ha noi"), staff_actor(services))
    ] == [c.code]
    assert len(services.case_reads.queue(CaseFilter(search="DUONG"), staff_actor(services))) == 1
    assert (
        len(services.case_reads.queue(CaseFilter(search="nguyen van"), staff_actor(services))) == 2
    )
    assert (
        len(services.case_reads.queue(CaseFilter(search="0912345678"), staff_actor(services))) == 1
    )
    assert len(services.case_reads.queue(CaseFilter(search=c.code), staff_actor(services))) == 1
    assert (
        services.case_reads.queue(CaseFilter(search="không có gì như thế"), staff_actor(services))
        == []
    )
    assert services.case_reads.queue(CaseFilter(search="\"'*)("), staff_actor(services)) == []


def test_queue_filters_sorts_and_counts_by_status(services: Services, actor, clock) -> None:  # type: ignore[no-untyped-def]
    first = services.cases.receive(FORM, actor)
    clock.set(datetime(2026, 5, 5, 9, 0))
    second = services.cases.receive(replace(FORM, channel="email"), actor)
    clock.set(datetime(2026, 5, 7, 9, 0))  # first is past its 06/05 classification deadline
    rows = services.case_reads.queue(CaseFilter(open_only=True), staff_actor(services))
    assert [r.code for r in rows] == [first.code, second.code]
    assert rows[0].status is DeadlineStatus.OVERDUE and rows[0].days_left == -1
    counts = services.case_reads.status_counts(None, staff_actor(services))
    assert counts[DeadlineStatus.OVERDUE] == 1
    assert counts[DeadlineStatus.ON_TRACK] + counts[DeadlineStatus.DUE_SOON] == 1
    assert (
        services.case_reads.count(CaseFilter(channels=frozenset({"email"})), staff_actor(services))
        == 1
    )
    rows = services.case_reads.queue(
        CaseFilter(), staff_actor(services), sort=SortKey.RECEIVED, descending=True
    )
    assert [r.code for r in rows] == [second.code, first.code]
    assert (
        services.case_reads.count(CaseFilter(received_from=date(2026, 5, 1)), staff_actor(services))
        == 1
    )


def test_office_day_off_moves_open_deadlines_at_once(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    c = services.cases.receive(FORM, actor)
    assert c.due_on == date(2026, 5, 6)
    moved = services.calendar.add_day_off(
        date(2026, 5, 4),
        "Nghỉ theo quyết định của UBND tỉnh",
        actor,
        expected_version=services.calendar.version(),
    )
    assert moved == 1
    assert services.case_reads.get(c.code, staff_actor(services)).due_on == date(2026, 5, 7)
    services.calendar.remove(date(2026, 5, 4), actor, expected_version=services.calendar.version())
    assert services.case_reads.get(c.code, staff_actor(services)).due_on == date(2026, 5, 6)


def test_attachments_checked_by_content(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    c = services.cases.receive(FORM, actor, attachments=[("don.pdf", pdf)])
    assert [(a.filename, a.media_type, a.size) for a in c.attachments] == [
        ("don.pdf", "application/pdf", len(pdf))
    ]
    _name, data = services.case_reads.attachment_data(c.attachments[0].id, actor)
    assert data == pdf
    with pytest.raises(PaknError):
        services.cases.add_attachment(c.code, "virus.pdf", b"MZ\x90\x00rest", actor)
    with pytest.raises(ValidationFailed) as info:
        services.cases.receive(FORM, actor, attachments=[("x.docx", b"not a zip")])
    assert "attachments" in info.value.errors


def test_codes_unique_and_gap_free_when_two_desks_save_at_once(db_url: str, clock, actor) -> None:  # type: ignore[no-untyped-def]
    desks = [Services.open(db_url, now=clock) for _ in range(2)]
    actor = desks[0].office.actor("canbo")
    codes: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work(desk: Services) -> None:
        for _ in range(15):
            try:
                code = desk.cases.receive(FORM, actor).code
            except BaseException as exc:  # collected and reported below
                errors.append(exc)
                return
            with lock:
                codes.append(code)

    threads = [threading.Thread(target=work, args=(d,)) for d in desks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for d in desks:
        d.close()
    assert errors == []
    serials = sorted(int(c.split("-")[1]) for c in codes)
    assert serials == list(range(1, 31))
