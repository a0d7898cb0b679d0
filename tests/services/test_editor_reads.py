"""The case editor's first read (``EditorReads.head``) says what ``CaseService.get`` says, field
for field, without the history and the attachments; ``rest`` is the whole case."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime

import pytest

from pakn_desktop.domain.errors import NotFound, PermissionDenied
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.services.editor_reads import EditorReads
from pakn_desktop.services.views import Actor

FORM = IntakeForm(
    submitter_kind="citizen",
    submitter_name="Nguyễn Văn An",
    address="Số 12 đường Trần Hưng Đạo, phường Kon Tum, tỉnh Quảng Ngãi",
    phone="0912 345 678",
    email="",
    title="Chậm cấp giấy xác nhận",
    content="Hồ sơ nộp từ tháng 3 đến nay chưa được giải quyết.",
    channel="phone",
    topic="",
)
LEFT_OUT = {"events", "attachments", "complete", "event_actions"}


def cases_in_every_kind_of_state(services: Services, actor: Actor, clock) -> list[str]:  # type: ignore[no-untyped-def]
    clock.set(datetime(2026, 4, 1, 9, 0))
    received = services.cases.receive(FORM, actor, attachments=[("don.pdf", b"%PDF-1.4 x")])
    rejected = services.cases.receive(FORM, actor)
    rejected = services.cases.reject(
        rejected.code, "Không thuộc thẩm quyền.", actor, expected_version=rejected.version
    )
    handled = services.cases.receive(FORM, actor)
    handled = services.cases.accept(
        handled.code, actor, official_id=actor.id, expected_version=handled.version
    )
    clock.set(datetime(2026, 4, 8, 9, 0))
    handled = services.cases.post_progress(
        handled.code, "Đang xác minh.", actor, expected_version=handled.version
    )
    handled = services.cases.record_result(
        handled.code, "Đã giải quyết.", actor, expected_version=handled.version
    )
    clock.set(datetime(2026, 6, 10, 9, 0))  # long after: overdue stages too
    return [received.code, rejected.code, handled.code]


def test_the_head_agrees_with_the_whole_case(services: Services, actor: Actor, clock) -> None:  # type: ignore[no-untyped-def]
    reads = EditorReads(services)
    for code in cases_in_every_kind_of_state(services, actor, clock):
        whole = services.case_reads.get(code, actor)
        head = reads.head(code, actor)
        assert not head.complete and head.events == [] and head.attachments == []
        for f in fields(whole):
            if f.name not in LEFT_OUT:
                assert getattr(head, f.name) == getattr(whole, f.name), (code, f.name)
        # What the suggested letter depends on comes with the head.
        assert head.event_actions == tuple((e.id, e.action) for e in whole.events)
        rest = reads.rest(code, actor)
        assert rest.complete and rest.events == whole.events
        assert rest.attachments == whole.attachments and rest.deadlines == whole.deadlines


def test_the_head_is_guarded_and_says_what_is_missing(
    services: Services, actor: Actor, make_actor
) -> None:  # type: ignore[no-untyped-def]
    reads = EditorReads(services)
    code = services.cases.receive(FORM, actor).code
    assert reads.head(code.lower(), actor).code == code  # typed in lower case
    with pytest.raises(NotFound, match="Không tìm thấy"):
        reads.head("26-999999-9", actor)
    nobody = make_actor("admin")  # an administrator does not see cases
    with pytest.raises(PermissionDenied):
        reads.head(code, nobody)


def _head_compiles(services: Services, actor: Actor, ahead: bool) -> int:
    """How many statements a case's head compiles after a receive (and, with ``ahead``,
    ``compile_ahead`` as the opening thread runs it behind the log-in window)."""
    from pakn_desktop.domain.permissions import Permission

    code = services.cases.receive(FORM, actor).code
    reads = EditorReads(services)
    cache = services.db.engine._compiled_cache
    assert cache is not None
    cache.clear()  # as in a new process: only the log-in's own statements compiled
    with services.db.read() as s:
        services.guard.require(actor, Permission.VIEW_CASES, session=s)
    if ahead:
        reads.compile_ahead()
    before = len(cache)
    assert reads.head(code, actor).code == code
    return len(cache) - before


def test_the_heads_statements_are_compiled_before_the_log_in(
    services: Services, actor: Actor
) -> None:
    assert _head_compiles(services, actor, ahead=False) > 0  # what the first case paid
    assert _head_compiles(services, actor, ahead=True) == 0


def test_compiling_ahead_on_an_empty_office_reads_nothing(services: Services) -> None:
    EditorReads(services).compile_ahead()  # no case yet: nothing to read, no error
