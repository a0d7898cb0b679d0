"""`pakn-desktop --self-test`: prove an installation works end to end, from source or from the
frozen bundle, without touching the office's own database."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    checks: list[tuple[str, Callable[[], str]]] = []
    state: dict[str, object] = {}
    tmp = Path(tempfile.mkdtemp(prefix="pakn-selftest-"))

    def database() -> str:
        from pakn_desktop.domain.enums import Role
        from pakn_desktop.services import Services

        services = Services.open(f"sqlite:///{tmp / 'selftest.db'}")
        state["services"] = services
        # A throw-away account holding the desk and head roles acts in the checks below.
        state["actor"] = services.office.actor(
            services.office.add_user(
                "selftest",
                "Kiểm tra cài đặt",
                frozenset({Role.FRONT_DESK, Role.HEAD}),
                actor=services.office.actor(),
            ).username
        )
        return f"created and migrated to revision {services.db.current_revision()}"

    def receive() -> str:
        from pakn_desktop.domain.validation import IntakeForm
        from pakn_desktop.services import Services
        from pakn_desktop.services.views import Actor

        services = state["services"]
        assert isinstance(services, Services)
        actor = state["actor"]
        assert isinstance(actor, Actor)
        case = services.cases.receive(
            IntakeForm(
                "citizen",
                "Nguyễn Văn An",
                "Phường Kon Tum",
                "0912345678",
                "",
                "Kiểm tra cài đặt",
                "Nội dung kiểm tra.",
                "walk_in",
            ),
            actor,
        )
        case = services.cases.accept(case.code, actor, expected_version=case.version)
        state["code"] = case.code
        return f"received {case.code}, accepted: {case.state.label}"

    def deadlines() -> str:
        from datetime import date

        from pakn_desktop.domain.calendar import WorkingCalendar
        from pakn_desktop.domain.deadlines import stage_deadlines

        dues = [s.due for s in stage_deadlines(WorkingCalendar(), date(2026, 4, 24))]
        expected = [date(2026, 4, 29), date(2026, 5, 6), date(2026, 5, 20)]
        if dues != expected:
            raise AssertionError(f"deadlines {dues} != {expected}")
        return "24/04/2026 -> 29/04, 06/05, 20/05/2026"

    def letter() -> str:
        from pakn_desktop.letters.templates import LetterKind
        from pakn_desktop.services import Services

        services = state["services"]
        assert isinstance(services, Services)
        issued = services.letters.issue(
            str(state["code"]),
            LetterKind.RECEIPT,
            state["actor"],  # type: ignore[arg-type]
        )
        if not issued.pdf.startswith(b"%PDF"):
            raise AssertionError("not a PDF")
        return "receipt rendered, " + f"{len(issued.pdf):,}".replace(",", ".") + " bytes"

    def window() -> str:
        from PySide6.QtWidgets import QApplication

        from pakn_desktop.services import Services
        from pakn_desktop.ui.i18n import install_translator
        from pakn_desktop.ui.main_window import MainWindow

        services = state["services"]
        assert isinstance(services, Services)
        app = QApplication.instance() or QApplication([])
        translated = install_translator(app, "vi")
        w = MainWindow(services, state["actor"], auto_backup=False)  # type: ignore[arg-type]
        w.show()
        app.processEvents()
        title = w.windowTitle()
        w.close()
        return f"main window opened ({'Vietnamese' if translated else 'English'}): {title}"

    checks = [
        ("database", database),
        ("receive and classify", receive),
        ("working-day deadlines", deadlines),
        ("letter", letter),
        ("main window", window),
    ]
    failed = 0
    for name, fn in checks:
        t0 = time.perf_counter()
        try:
            detail = fn()
        except Exception as exc:  # reported, then the exit status says it failed
            failed += 1
            print(f"FAIL {name}: {exc.__class__.__name__}: {exc}")
            continue
        print(f"ok   {name}: {detail} ({(time.perf_counter() - t0) * 1000:.0f} ms)")
    services = state.get("services")
    if services is not None:
        services.close()  # type: ignore[attr-defined]
    print(f"{len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(run())
