"""A hand-computed set of cases for the report tests: which are on time and why."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services

BASE = IntakeForm(
    "citizen",
    "Ngô Thị Lan",
    "Xã Đắk Hà",
    "0912555666",
    "",
    "Hỏi chế độ",
    "Nội dung",
    "phone",
    topic="Lao động, việc làm",
)


def at(d: str, hour: int = 9) -> datetime:
    return datetime.fromisoformat(d).replace(hour=hour)


def build(services: Services, clock) -> dict[str, str]:  # type: ignore[no-untyped-def]
    # One person holding every role acts throughout (the tests here are about counting).
    login = services.office.add_user(
        "baocao", "Cán bộ báo cáo", frozenset(Role), actor=services.office.actor()
    ).username
    actor = services.office.actor(login)
    c = services.cases

    def v(code: str) -> int:
        return services.case_reads.get(code, actor).version

    codes = {}
    clock.set(at("2026-04-24"))  # Friday; 15 working days -> 20/05, 2 -> 29/04, 5 -> 06/05
    codes["A"] = c.receive(BASE, actor).code
    codes["B"] = c.receive(replace(BASE, channel="email"), actor).code
    codes["C"] = c.receive(replace(BASE, channel="national_portal", portal_code="H1"), actor).code
    codes["D"] = c.receive(replace(BASE, submitter_kind="business"), actor).code
    codes["E"] = c.receive(BASE, actor).code
    codes["F"] = c.receive(BASE, actor).code
    clock.set(at("2026-04-27"))
    for k in ("A", "B", "E"):
        # A and B get a result, so they are assigned to the one who records it.
        mine = actor.id if k != "E" else None
        c.accept(codes[k], actor, official_id=mine, expected_version=v(codes[k]))
    clock.set(at("2026-04-29"))  # C rejected on its 2nd working day: on time
    c.reject(codes["C"], "Khiếu nại", actor, expected_version=v(codes["C"]))
    clock.set(at("2026-05-04"))  # D rejected on its 3rd working day: late
    c.reject(codes["D"], "Khiếu nại", actor, expected_version=v(codes["D"]))
    clock.set(at("2026-05-06"))  # F transferred on its 5th working day: on time
    c.transfer(codes["F"], "Sở Y tế", actor, expected_version=v(codes["F"]))
    clock.set(at("2026-05-19"))
    c.record_result(codes["A"], "Xong", actor, expected_version=v(codes["A"]))
    clock.set(at("2026-05-20"))  # A answered on its 15th working day: on time (15 days)
    c.publish_answer(codes["A"], "Trả lời", actor, expected_version=v(codes["A"]))
    c.record_result(codes["B"], "Xong", actor, expected_version=v(codes["B"]))
    clock.set(at("2026-05-21"))  # B answered on its 16th working day: late (16 days)
    c.publish_answer(codes["B"], "Trả lời", actor, expected_version=v(codes["B"]))
    # E stays in progress: overdue from 21/05.
    clock.set(at("2026-07-02"))
    c.receive(BASE, actor)  # received in Q3: outside the Q2 report
    return codes
