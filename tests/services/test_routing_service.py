"""Routing help on a real database (SQLite, and PostgreSQL when configured): cold start,
learning from the office's own decisions, workload, what was taken, repeats, the remit
table."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from builders import LATE_UNEMPLOYMENT_PAY, a_form

from pakn_desktop.domain.enums import LABOUR_TOPIC, Role, ScopeCategory
from pakn_desktop.domain.errors import PaknError, PermissionDenied
from pakn_desktop.domain.routing import Scope
from pakn_desktop.services import Services

FORM = a_form(**LATE_UNEMPLOYMENT_PAY, topic="Lao động, việc làm")


def test_cold_start_suggests_from_rules_and_corpus(services: Services, front_desk) -> None:  # type: ignore[no-untyped-def]
    s = services.routing.suggest(front_desk, FORM.title, FORM.content, channel="email")
    assert s.learnt_from == 0
    assert s.scope.scope is Scope.ACCEPT
    assert s.topic == LABOUR_TOPIC
    # No decided case yet: the unit comes from the topic's words.
    assert s.units and s.units[0].name == "Phòng Lao động - Việc làm"
    assert not s.repeats

    complaint = services.routing.suggest(
        front_desk, "Khiếu nại", "Tôi khiếu nại quyết định thu hồi trợ cấp thất nghiệp của tôi."
    )
    assert complaint.scope.scope is Scope.COMPLAINT
    assert complaint.officials == ()  # nobody here handles a complaint as a PAKN


def _official(services: Services, admin, login: str, name: str, unit_name: str) -> int:  # type: ignore[no-untyped-def]
    unit = next(u for u in services.office.units() if u.name == unit_name)
    return services.office.add_user(login, name, Role.OFFICIAL, unit_id=unit.id, actor=admin).id


def test_learns_from_the_office_s_decisions(services: Services, actor, admin) -> None:  # type: ignore[no-untyped-def]
    hung = _official(services, admin, "hung", "Nguyễn Văn Hùng", "Phòng Lao động - Việc làm")
    lan = _official(services, admin, "lan", "Bùi Thị Lan", "Văn phòng Sở")
    text = (
        "Cầu treo dân sinh",
        "Đề nghị Sở đôn đốc việc sửa cầu treo dân sinh ở thôn Làng Mới đã hỏng 3 tháng.",
    )
    before = services.routing.suggest(actor, *text)
    assert before.topic != "Chính sách người có công"
    codes = []
    for i in range(3):
        form = replace(
            FORM,
            phone=f"0905 222 33{i}",
            email="",
            title=f"Cầu treo dân sinh hỏng lần {i + 1}",
            content="Cầu treo dân sinh ở thôn Làng Mới hỏng, đề nghị Sở đôn đốc sửa chữa.",
            topic="Chính sách người có công",  # this office files them so
        )
        case = services.cases.receive(form, actor)
        services.cases.forward(
            case.code,
            lan,
            actor,
            scope=ScopeCategory.OFFICIAL_CONDUCT,
            unit_id=next(u.id for u in services.office.units() if u.name == "Văn phòng Sở"),
            expected_version=case.version,
        )
        codes.append(case.code)
    after = services.routing.suggest(actor, *text)
    assert after.learnt_from == 3
    assert after.topic == "Chính sách người có công"
    assert set(after.topics[0].refs) <= set(codes) | {""}
    assert after.units[0].name == "Văn phòng Sở"
    assert set(after.units[0].refs) == set(codes)
    assert after.officials[0].user_id == lan
    assert after.officials[0].open_cases == 3
    assert hung not in [o.user_id for o in after.officials[:1]]


def test_workload_weighs_the_official(services: Services, actor, admin) -> None:  # type: ignore[no-untyped-def]
    a = _official(services, admin, "ofa", "Official A", "Văn phòng Sở")
    b = _official(services, admin, "ofb", "Official B", "Văn phòng Sở")
    unit = next(u.id for u in services.office.units() if u.name == "Văn phòng Sở")
    # Both handled this kind of PAKN once; A also holds 12 other open cases.
    for official in (a, b):
        form = replace(
            FORM,
            phone=f"0906 {official:03d} 000",
            email="",
            title="Giấy hẹn bị sai",
            content="Giấy hẹn trả kết quả hồ sơ ghi sai ngày, đề nghị Sở chấn chỉnh bộ phận "
            "một cửa.",
        )
        case = services.cases.receive(form, actor)
        services.cases.forward(
            case.code, official, actor, unit_id=unit, expected_version=case.version
        )
    for i in range(12):
        form = replace(
            FORM,
            phone=f"0907 000 {i:03d}",
            email="",
            title=f"Khen thưởng thôn {i}",
            content=f"Đề nghị Sở xét khen thưởng đội xung kích thôn {i} đã cứu người trong lũ.",
        )
        case = services.cases.receive(form, actor)
        services.cases.forward(case.code, a, actor, unit_id=unit, expected_version=case.version)
    s = services.routing.suggest(
        actor, "Giấy hẹn sai", "Giấy hẹn trả kết quả hồ sơ ghi sai ngày, đề nghị Sở chấn chỉnh."
    )
    assert [o.user_id for o in s.officials[:2]] == [b, a]
    assert s.officials[1].open_cases == 13


def test_records_what_was_suggested_and_taken(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    case = services.cases.receive(FORM, actor)
    s = services.routing.suggest_for_case(actor, case.code)
    services.routing.record_suggestion(actor, case.code, s)
    assert services.routing.record_choice(actor, case.code, "scope", "accept") is True
    assert services.routing.record_choice(actor, case.code, "topic", "Khác") is False
    assert services.routing.record_choice(actor, case.code, "repeat", "x") is None
    with pytest.raises(PaknError):
        services.routing.record_choice(actor, case.code, "colour", "red")
    rows = {r.kind: r for r in services.routing.agreement(actor)}
    month = services.now().strftime("%Y-%m")
    assert rows["scope"].month == month
    assert (rows["scope"].decided, rows["scope"].taken, rows["scope"].rate) == (1, 1, 1.0)
    assert (rows["topic"].decided, rows["topic"].taken, rows["topic"].rate) == (1, 0, 0.0)
    assert rows["unit"].decided == 0 and rows["unit"].rate is None


def test_repeat_across_channels_is_flagged_and_linked(services: Services, actor, clock) -> None:  # type: ignore[no-untyped-def]
    first = services.cases.receive(FORM, actor)  # by e-mail
    clock.set(clock() + timedelta(days=2))
    # The same person, by the national portal, the same matter in other words.
    s = services.routing.suggest(
        actor,
        "Trợ cấp thất nghiệp chậm",
        "Quyết định hưởng trợ cấp thất nghiệp từ tháng 5, tháng thứ hai chậm 20 ngày, đề nghị "
        "Sở đôn đốc Trung tâm Dịch vụ việc làm.",
        channel="national_portal",
        phone="+84 905 111 222",
    )
    assert [r.code for r in s.repeats] == [first.code]
    assert s.repeats[0].why == "cùng số điện thoại"
    assert s.repeats[0].channel == "email"
    assert first.code in s.why
    # Someone else sending near-identical text (a walk-in copy of the letter).
    other = services.routing.suggest(
        actor, FORM.title, FORM.content, channel="walk_in", phone="0977 000 111"
    )
    assert other.repeats[0].code == first.code and other.repeats[0].why == "nội dung gần giống"
    # A different matter from the same phone is not a repeat.
    unrelated = services.routing.suggest(
        actor,
        "Khen thưởng",
        "Đề nghị Sở xét khen thưởng cho đội xung kích xã đã cứu người trong lũ tháng 10.",
        phone="0905111222",
    )
    assert unrelated.repeats == ()
    second = services.cases.receive(
        replace(FORM, channel="national_portal", portal_code="H48.99-251207-0001"), actor
    )
    s2 = services.routing.suggest_for_case(actor, second.code)
    assert s2.repeats[0].code == first.code  # itself is never its own repeat
    services.routing.record_suggestion(actor, second.code, s2)
    services.routing.link_repeat(actor, second.code, first.code)
    rows = {r.kind: r for r in services.routing.agreement(actor)}
    assert (rows["repeat"].decided, rows["repeat"].taken) == (1, 1)
    assert services.routing.links(actor, first.code) == [second.code]
    assert services.routing.links(actor, second.code) == [first.code]
    with pytest.raises(PaknError, match="đã được liên kết"):
        services.routing.link_repeat(actor, second.code, first.code)
    with pytest.raises(PaknError):
        services.routing.link_repeat(actor, first.code, first.code)
    # Past the window it is not flagged.
    clock.set(clock() + timedelta(days=40))
    assert services.routing.suggest(actor, FORM.title, FORM.content, phone=FORM.phone).repeats == ()


def test_remit_table_is_edited_by_the_office(services: Services, admin, front_desk) -> None:  # type: ignore[no-untyped-def]
    text = "Đường trong khu kinh tế Dung Quất hỏng nặng, đề nghị sửa chữa sớm."
    assert "Sở Xây dựng:" in services.routing.remit_text()
    with pytest.raises(PaknError, match="Dòng 1"):
        services.routing.save_remit(admin, "không có dấu hai chấm")
    assert "Sở Xây dựng:" in services.routing.remit_text()  # nothing changed
    with pytest.raises(PermissionDenied):
        services.routing.save_remit(front_desk, "Sở Y tế: bệnh viện")
    assert services.routing.save_remit(admin, "Ban Quản lý Khu kinh tế: khu kinh tế\n") == 1
    s = services.routing.suggest(front_desk, "", text)
    assert s.scope.scope is Scope.OUT_OF_REMIT
    assert s.unit == "Ban Quản lý Khu kinh tế"
