"""The intake's list of earlier PAKN (same phone, close subject), as the front desk types: read
on a worker (at a million cases a common subject's search takes a tenth of a second or more,
and the desk types on meanwhile), an answer for what was typed before never replaces a newer
one, and a form cleared for the next person shows nothing of the last one."""

from __future__ import annotations

from typing import Any

from builders import a_case, a_form
from held_reads import HeldReads
from pytestqt.qtbot import QtBot
from test_intake_form import make_form, type_text

from pakn_desktop.services import Services


class _Watched(HeldReads):
    """``case_reads.similar`` noted; a phone in ``hold`` waits."""

    def similar(self, actor: Any, phone: str = "", title: str = "", limit: int = 10) -> Any:
        self._note(phone)
        return self._reads.similar(actor, phone=phone, title=title, limit=limit)


def _codes(form: Any) -> list[str]:
    return [form.similar.item(i).data(256) for i in range(form.similar.count())]


def test_the_earlier_case_of_a_phone_is_read_off_the_gui_thread(
    qtbot: QtBot, services: Services
) -> None:
    earlier = a_case(services, form=a_form(phone="0905 111 222"))
    form = make_form(qtbot, services)
    watched = _Watched(services.case_reads)
    services.case_reads = watched  # type: ignore[misc]
    type_text(form.fields.phone, "0905 111 222")
    qtbot.waitUntil(lambda: _codes(form) == [earlier.code], timeout=5000)
    assert watched.calls and not any(on_gui for _p, on_gui in watched.calls)
    # Two lines a case: the code with its date and state, then the subject.
    first, second = form.similar.item(0).text().split("\n")
    assert first.startswith(earlier.code) and second == earlier.title


def test_an_older_answer_never_replaces_a_newer_one(qtbot: QtBot, services: Services) -> None:
    a = a_case(services, form=a_form(phone="0905 111 222"))
    b = a_case(services, form=a_form(phone="0905 333 444", submitter_name="Lê Thị Hoa"))
    form = make_form(qtbot, services)
    watched = _Watched(services.case_reads)
    services.case_reads = watched  # type: ignore[misc]
    watched.hold.add("0905 111 222")  # the first read is slow
    type_text(form.fields.phone, "0905 111 222")
    qtbot.waitUntil(lambda: len(watched.calls) == 1, timeout=5000)
    form.fields.phone.clear()
    type_text(form.fields.phone, "0905 333 444")
    qtbot.waitUntil(lambda: _codes(form) == [b.code], timeout=5000)
    watched.release.set()  # the slow, older answer arrives last
    qtbot.wait(300)
    assert _codes(form) == [b.code] and a.code not in _codes(form)


def test_a_cleared_form_drops_the_answer_for_the_last_person(
    qtbot: QtBot, services: Services
) -> None:
    a_case(services, form=a_form(phone="0905 111 222"))
    form = make_form(qtbot, services)
    watched = _Watched(services.case_reads)
    services.case_reads = watched  # type: ignore[misc]
    watched.hold.add("0905 111 222")
    type_text(form.fields.phone, "0905 111 222")
    qtbot.waitUntil(lambda: len(watched.calls) == 1, timeout=5000)
    form.clear()
    watched.release.set()
    qtbot.wait(300)
    assert form.similar.count() == 0
