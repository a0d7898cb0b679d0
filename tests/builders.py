"""Builders the tests share: a PAKN's intake form, and a case brought to a given state.

``an_office(url, admin=...)`` is a database as ``Services.open`` makes it, with its first
administrator when one is named (closed again: for a test that starts the app on it).
``a_form()`` is one ordinary PAKN; a test that needs another person or request names only what
differs (``a_form(**NGA, title="Hỏi chế độ")``, NGA one of the people below), so what a test
relies on stands in the test. ``a_case(services, CaseState.ANSWERED)`` walks a new case through the
workflow, as a desk would, to that state.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from accounts_fixture import staff_actor

from pakn_desktop.domain.enums import CaseState
from pakn_desktop.domain.validation import IntakeForm

if TYPE_CHECKING:
    from pakn_desktop.services import Services
    from pakn_desktop.services.views import Actor, CaseDetail

_FORM = IntakeForm(
    submitter_kind="citizen",
    submitter_name="Nguyễn Văn An",
    address="Số 12 đường Trần Hưng Đạo, phường Kon Tum, tỉnh Quảng Ngãi",
    phone="0912 345 678",
    email="",
    title="Chậm cấp giấy xác nhận người có công",
    content="Hồ sơ nộp từ tháng 3 đến nay chưa được giải quyết.",
    channel="phone",
)

# People whom the forms of several modules name: who they are, where, and how they wrote.
NGA = {
    "submitter_name": "Vũ Thị Nga",
    "address": "Xã Đắk Hà",
    "phone": "0977123456",
    "channel": "walk_in",
}
SON = {
    "submitter_name": "Hà Văn Sơn",
    "address": "Xã Đắk Hà",
    "phone": "0912123123",
    "channel": "phone",
}
HUONG = {
    "submitter_name": "Đỗ Thị Hương",
    "address": "Thôn 3, xã Ngọc Hồi",
    "phone": "0988 777 666",
    "channel": "letter",
}
MAI = {
    "submitter_name": "Đỗ Thị Mai",
    "address": "Phường Kon Tum",
    "phone": "0988777666",
    "channel": "phone",
}
# A whole request (person and words): unemployment pay paid late, by email.
LATE_UNEMPLOYMENT_PAY = {
    "submitter_name": "Trần Thị Mai",
    "address": "Thôn 3, xã Nghĩa Hành, tỉnh Quảng Ngãi",
    "phone": "0905 111 222",
    "email": "mai.tran@example.vn",
    "title": "Chậm chi trả trợ cấp thất nghiệp",
    "content": "Tôi có quyết định hưởng trợ cấp thất nghiệp từ tháng 5 nhưng tháng thứ hai đã "
    "chậm 20 ngày, đề nghị Sở đôn đốc Trung tâm Dịch vụ việc làm.",
    "channel": "email",
}


def an_office(url: str, admin: tuple[str, str, str] | None = None) -> str:
    """The database at ``url`` opened (made, migrated, seeded) and closed again, with its first
    administrator ``admin`` (username, full name, password) if given; returns ``url``."""
    from pakn_desktop.services import Services

    services = Services.open(url)
    try:
        if admin is not None:
            services.accounts.create_first_admin(*admin)
    finally:
        services.close()
    return url


def a_form(**changes: str) -> IntakeForm:
    """An ordinary PAKN's intake form, with ``changes`` (IntakeForm's field names)."""
    return replace(_FORM, **changes)


# The actions that bring a received case to each state, in order.
_PATHS: dict[CaseState, tuple[str, ...]] = {
    CaseState.RECEIVED: (),
    CaseState.AWAITING_CLARIFICATION: ("ask",),
    CaseState.REJECTED: ("reject",),
    CaseState.TRANSFERRED: ("transfer",),
    CaseState.IN_PROGRESS: ("accept",),
    CaseState.RESULT_RECORDED: ("accept", "result"),
    CaseState.ANSWERED: ("accept", "result", "answer"),
    CaseState.CLOSED: ("accept", "result", "answer", "close"),
}


def a_case(
    services: Services,
    state: CaseState = CaseState.RECEIVED,
    actor: Actor | None = None,
    form: IntakeForm | None = None,
) -> CaseDetail:
    """A new case (``form``, else ``a_form()``) received and taken by ``actor`` (else the
    staff account holding every role) to ``state``; handled cases are the actor's own."""
    actor = actor or staff_actor(services)
    c = services.cases
    case = c.receive(form or a_form(), actor)
    for step in _PATHS[state]:
        v = case.version
        if step == "ask":
            case = c.ask_clarification(case.code, "Bản sao CCCD", actor, expected_version=v)
        elif step == "reject":
            case = c.reject(case.code, "Không thuộc thẩm quyền", actor, expected_version=v)
        elif step == "transfer":
            case = c.transfer(case.code, "UBND tỉnh Quảng Ngãi", actor, expected_version=v)
        elif step == "accept":
            case = c.accept(case.code, actor, official_id=actor.id, expected_version=v)
        elif step == "result":
            case = c.record_result(case.code, "Đã giải quyết", actor, expected_version=v)
        elif step == "answer":
            case = c.publish_answer(case.code, "Trả lời người gửi", actor, expected_version=v)
        elif step == "close":
            case = c.close(case.code, actor, expected_version=v)
    return case
