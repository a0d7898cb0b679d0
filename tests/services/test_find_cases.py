"""Every case findable: by name across all states, by a code with a wrong check digit."""

from __future__ import annotations

from dataclasses import replace

import pytest
from accounts_fixture import staff_actor
from builders import a_form

from pakn_desktop.domain.codes import likely_codes, normalize_case_code
from pakn_desktop.domain.errors import NotFound, PaknError
from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services

FORM = a_form(topic="Chính sách người có công")


def _answered(services: Services, form: IntakeForm) -> str:
    actor = staff_actor(services)
    c = services.cases.receive(form, actor)
    c = services.cases.accept(c.code, actor, official_id=actor.id, expected_version=c.version)
    c = services.cases.record_result(c.code, "Đã giải quyết", actor, expected_version=c.version)
    c = services.cases.publish_answer(c.code, "Trả lời ông An", actor, expected_version=c.version)
    return c.code


def test_likely_codes_fix_one_wrong_or_swapped_digit() -> None:
    good = "26-000001-9"
    assert likely_codes("26-000001-8")[0] == good
    # Every single wrong digit and every neighbour swap of a valid code proposes it.
    digits = good.replace("-", "")
    for i in range(9):
        for d in "0123456789":
            typo = digits[:i] + d + digits[i + 1 :]
            if typo != digits:
                assert good in likely_codes(typo), typo
        if i < 8 and digits[i] != digits[i + 1]:
            swap = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
            assert good in likely_codes(swap), swap
    for c in likely_codes("260000018"):
        assert normalize_case_code(c) == c
    assert likely_codes(good) == []
    assert likely_codes("nguyen van an") == []
    assert likely_codes("26-0001-8") == []


def test_name_finds_an_answered_case_in_queue_search_and_lookup(services: Services) -> None:
    code = _answered(services, FORM)
    other = services.cases.receive(
        replace(FORM, submitter_name="Trần Thị Bình", phone="0987 654 321"),
        staff_actor(services),
    )
    # The queue's search covers every state when no state is chosen.
    assert [
        r.code
        for r in services.case_reads.queue(
            CaseFilter(search="nguyen van an"), staff_actor(services)
        )
    ] == [code]
    assert (
        services.case_reads.queue(
            CaseFilter(search="nguyen van an", open_only=True), staff_actor(services)
        )
        == []
    )
    found = services.case_reads.lookup("nguyen van an", staff_actor(services))
    assert [f.code for f in found] == [code]
    assert found[0].public_state == "Đã trả lời"
    assert [
        f.code for f in services.case_reads.lookup("TRẦN  thị Bình", staff_actor(services))
    ] == [other.code]
    # A word of the content is not a name.
    with pytest.raises(NotFound, match="tên «giải quyết»"):
        services.case_reads.lookup("giải quyết", staff_actor(services))
    with pytest.raises(NotFound):
        services.case_reads.lookup("Lê Văn Không Có", staff_actor(services))
    with pytest.raises(PaknError, match="họ tên"):
        services.case_reads.lookup("  ", staff_actor(services))


def test_wrong_check_digit_proposes_the_existing_code(services: Services) -> None:
    c = services.cases.receive(FORM, staff_actor(services))
    digits = c.code.replace("-", "")
    wrong = (int(digits[-1]) + 1) % 10
    typo = f"{c.code[:-1]}{wrong}"
    assert services.case_reads.likely_codes(typo, staff_actor(services)) == [c.code]
    with pytest.raises(NotFound, match=f"Có phải là: {c.code}"):
        services.case_reads.lookup(typo, staff_actor(services))
    with pytest.raises(NotFound, match="Có phải là"):
        services.case_reads.get(typo, staff_actor(services))
    # Nothing close exists: only "not found", no proposal.
    with pytest.raises(NotFound) as exc:
        services.case_reads.lookup("26-999999-1", staff_actor(services))
    assert "Có phải" not in exc.value.message
    assert services.case_reads.likely_codes(c.code, staff_actor(services)) == []
