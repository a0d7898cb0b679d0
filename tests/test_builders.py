"""The shared builders (tests/builders.py) make what they say."""

from __future__ import annotations

import pytest
from builders import a_case, a_form

from pakn_desktop.domain.enums import CaseState
from pakn_desktop.services import Services


def test_a_form_changes_only_what_is_named() -> None:
    plain, other = a_form(), a_form(submitter_name="Vũ Thị Nga", channel="walk_in")
    assert (other.submitter_name, other.channel) == ("Vũ Thị Nga", "walk_in")
    assert (other.title, other.phone) == (plain.title, plain.phone)
    with pytest.raises(TypeError):
        a_form(no_such_field="x")


@pytest.mark.parametrize("state", list(CaseState))
def test_a_case_reaches_its_state(services: Services, state: CaseState) -> None:
    made = a_case(services, state, form=a_form(title="Hỏi chế độ trợ cấp"))
    assert made.state is state
    assert made.title == "Hỏi chế độ trợ cấp"
