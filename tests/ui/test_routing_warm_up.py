"""The routing engines are built in the background after log-in, after the main window shows:
the first suggestion at the desk does not rebuild them, start-up does not wait for them, and
a person who never gets suggestions does not build them."""

from __future__ import annotations

import threading

from accounts_fixture import staff_actor
from pytestqt.qtbot import QtBot
from test_suggestion_panel import type_text

from pakn_desktop.demo import generate_demo
from pakn_desktop.domain.enums import Role
from pakn_desktop.services import Services
from pakn_desktop.ui.main_window import WARM_UP_AFTER_MS, WARM_UP_QUIET_S, MainWindow


def _window(qtbot: QtBot, services: Services, actor) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(services, actor, auto_backup=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_warm_up_after_the_window_shows_then_no_rebuild(qtbot: QtBot, services: Services) -> None:
    generate_demo(services, 150, seed=3)
    actor = staff_actor(services)
    window = _window(qtbot, services, actor)
    routing = services.routing
    # Shown without waiting for the engines: nothing built yet, nothing started.
    assert routing.builds == 0 and window.warm_up_op is None and not routing.warm()
    # It begins after WARM_UP_QUIET_S without input nor the window's own reads (each holds
    # the builds: pakn_desktop.background), at a tick of WARM_UP_AFTER_MS; the window's first
    # reads end a second or two after it shows on a busy machine.
    quiet_ms = int(WARM_UP_QUIET_S * 1000)
    qtbot.waitUntil(
        lambda: window.warm_up_op is not None, timeout=2 * WARM_UP_AFTER_MS + quiet_ms + 5000
    )
    qtbot.waitUntil(lambda: window.warm_up_op.finished, timeout=30_000)  # type: ignore[union-attr]
    assert routing.builds == 1 and routing.warm()

    # The first suggestion at the desk, typed into the intake form: no rebuild.
    form = window.intake
    window.nav.setCurrentRow(0)
    type_text(form.fields.title, "Chậm chi trả trợ cấp thất nghiệp")
    type_text(form.fields.content, "Đã nộp hồ sơ hơn 20 ngày mà chưa nhận được tiền.")
    panel = form.suggestion
    qtbot.waitUntil(lambda: panel.suggestion is not None, timeout=5000)
    assert panel.suggestion is not None and panel.suggestion.learnt_from > 0
    assert routing.builds == 1


def test_no_warm_up_for_who_gets_no_suggestions(
    qtbot: QtBot,
    services: Services,
    make_actor,  # type: ignore[no-untyped-def]
) -> None:
    admin_only = make_actor(Role.ADMIN)
    window = _window(qtbot, services, admin_only)
    qtbot.wait(WARM_UP_AFTER_MS + 500)
    assert window.warm_up_op is None and services.routing.builds == 0


def test_a_suggestion_during_the_warm_up_waits_for_it_instead_of_building_again(
    services: Services, actor
) -> None:  # type: ignore[no-untyped-def]
    generate_demo(services, 150, seed=5)
    routing = services.routing
    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(routing.warm_up(actor))),
        threading.Thread(
            target=lambda: results.append(
                routing.suggest(actor, "Trợ cấp", "Chậm chi trả trợ cấp thất nghiệp.").learnt_from
            )
        ),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert routing.builds == 1 and len(results) == 2 and results[0] == results[1] > 0
    assert routing.warm()
