"""The letter window and the outgoing register, driven as a person would."""

from __future__ import annotations

from pathlib import Path

from accounts_fixture import staff_actor
from builders import NGA, a_form
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from pakn_desktop.domain.letters import LetterKind
from pakn_desktop.services import Services
from pakn_desktop.ui.letters_ui import LetterDialog
from pakn_desktop.ui.register_view import RegisterModel, RegisterView

FORM = a_form(**NGA, title="Hỏi chế độ trợ cấp", content="Nội dung hỏi về chế độ.")


def loaded(qtbot: QtBot, view: RegisterView) -> None:
    """Wait until the register's rows, read on a worker, are shown."""
    qtbot.waitUntil(lambda: view.reading is None, timeout=15_000)


def idle(qtbot: QtBot, window: LetterDialog | RegisterView) -> None:
    """Wait until the window's operation (run off the GUI thread) has ended."""
    qtbot.waitUntil(lambda: window.op is None, timeout=15_000)


def rejected_case(services: Services) -> str:
    actor = staff_actor(services)
    code = services.cases.receive(FORM, actor).code
    services.cases.reject(
        code,
        "Không rõ nội dung.",
        actor,
        expected_version=services.case_reads.get(code, staff_actor(services)).version,
    )
    return code


def test_dialog_offers_only_what_the_case_calls_for_and_issues_once(
    qtbot: QtBot, services: Services
) -> None:
    actor = staff_actor(services)
    code = rejected_case(services)
    dialog = LetterDialog(services, actor, code, LetterKind.TRANSFER)
    qtbot.addWidget(dialog)
    kinds = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    assert kinds == ["receipt", "rejection"]
    assert "không cần" in dialog.message.text()  # the transfer asked for is not offered
    idle(qtbot, dialog)
    assert "không cần" in dialog.message.text()  # still said beside the draft's note
    dialog.kind.setCurrentIndex(dialog.kind.findData("rejection"))
    idle(qtbot, dialog)
    assert "DỰ THẢO" in dialog.message.text() and dialog.issue_button.isEnabled()
    op = dialog.issue()
    assert op is not None
    # While it runs every action waits: a second click does nothing.
    assert not dialog.issue_button.isEnabled() and not dialog.kind.isEnabled()
    assert dialog.issue() is None
    idle(qtbot, dialog)
    first = dialog.issued
    assert first is not None and first.number == 1
    assert not dialog.issue_button.isEnabled() and dialog.replace_button.isEnabled()
    # Once issued, another call takes no number either.
    assert dialog.issue() is None
    assert [e.number for e in services.letters.register_entries(actor)] == [1]
    # Opened again later, the window shows the letter in the register, not a new draft.
    later = LetterDialog(services, actor, code, LetterKind.REJECTION)
    qtbot.addWidget(later)
    idle(qtbot, later)
    assert later.issued is not None and later.issued.id == first.id
    assert not later.issue_button.isEnabled() and "01/SNV-VP" in later.message.text()
    assert later.replace_letter("Sai chính tả tên người nhận.") is not None
    idle(qtbot, later)
    replaced = later.issued
    assert replaced is not None and replaced.number == 2 and replaced.replaces_id == first.id


def test_dialog_fits_the_screen_and_names_files_in_vietnamese(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    actor = staff_actor(services)
    code = rejected_case(services)
    dialog = LetterDialog(services, actor, code, LetterKind.REJECTION)
    qtbot.addWidget(dialog)
    free = dialog.screen().availableGeometry()
    assert dialog.width() <= free.width() and dialog.height() <= free.height()
    assert dialog.default_file_name() == f"du-thao-thong-bao-khong-tiep-nhan-{code}.pdf"
    idle(qtbot, dialog)
    dialog.issue()
    idle(qtbot, dialog)
    letter = dialog.issued
    assert letter is not None
    assert dialog.default_file_name() == f"thong-bao-khong-tiep-nhan-{code}-so-01.pdf"
    target = tmp_path / "l.pdf"
    dialog.save_pdf(str(target))
    idle(qtbot, dialog)
    assert target.read_bytes() == letter.pdf
    assert target.stat().st_mode & 0o777 == 0o600  # the letter names a person
    assert "Đã lưu" in dialog.message.text() or str(target) in dialog.message.text()
    dialog.save_pdf(str(tmp_path / "missing" / "l.pdf"))
    idle(qtbot, dialog)
    assert "Không có thư mục" in dialog.message.text()
    assert dialog.save_button.isEnabled()  # the window is usable again


def test_a_case_calling_for_nothing_offers_nothing(qtbot: QtBot, services: Services) -> None:
    # Every case calls for its receipt; after issuing it, a new case still shows the receipt
    # as already issued and nothing can be numbered twice.
    actor = staff_actor(services)
    code = services.cases.receive(FORM, actor).code
    dialog = LetterDialog(services, actor, code, LetterKind.ANSWER)
    qtbot.addWidget(dialog)
    assert [dialog.kind.itemData(i) for i in range(dialog.kind.count())] == ["receipt"]
    idle(qtbot, dialog)
    dialog.issue()
    idle(qtbot, dialog)
    assert not dialog.issue_button.isEnabled()


def test_register_lists_filters_reprints_and_exports(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    actor = staff_actor(services)
    code = rejected_case(services)
    rejection = services.letters.issue(code, LetterKind.REJECTION, actor)
    receipt = services.letters.issue(code, LetterKind.RECEIPT, actor)
    view = RegisterView(services, actor)
    qtbot.addWidget(view)
    view.show()
    loaded(qtbot, view)
    assert view.model.rowCount() == 2
    numbers = {view.model.data(view.model.index(r, RegisterModel.NUMBER)) for r in range(2)}
    assert numbers == {"01/SNV-VP", "01/PTN-SNV"}
    with qtbot.waitSignal(view.loaded, timeout=15_000):
        view.kind.setCurrentIndex(view.kind.findData("receipt"))
    assert view.model.rowCount() == 1
    assert view.model.data(view.model.index(0, RegisterModel.CASE)) == code
    with qtbot.waitSignal(view.loaded, timeout=15_000):
        view.kind.setCurrentIndex(0)
    row = next(r for r in range(2) if view.model.entry(r).id == rejection.id)
    view.table.selectRow(row)
    saved = tmp_path / "copy.pdf"
    view.save_selected(str(saved))
    idle(qtbot, view)
    assert saved.read_bytes() == rejection.pdf  # byte-identical reprint
    assert any(
        e.action == "letter_reprinted"
        for e in services.case_reads.get(code, staff_actor(services)).events
    )
    viewer = view.open_selected()
    assert viewer is not None and viewer.pages.page_count >= 1
    qtbot.addWidget(viewer)
    book = tmp_path / "so.xlsx"
    view.export(str(book))
    idle(qtbot, view)
    assert book.stat().st_mode & 0o777 == 0o600
    ws = load_workbook(book).active
    every = [r for r in ws.iter_rows(min_row=3, values_only=True) if any(r)]
    rows = [r for r in every if r[1] is not None]  # the letters; the audit head ends the sheet
    assert str(every[-1][0]).startswith("Mốc nhật ký thay đổi khi lập: ")
    assert {r[0] for r in rows} == {"01/SNV-VP", "01/PTN-SNV"}
    assert {r[3] for r in rows} == {code}
    assert receipt.id != rejection.id


def test_the_register_is_read_once_when_its_page_is_built_and_shown(
    qtbot: QtBot, services: Services
) -> None:
    actor = staff_actor(services)
    services.letters.issue(rejected_case(services), LetterKind.REJECTION, actor)
    reads: list[int] = []
    real = services.letters.register_entries

    def counted(*args, **kw):  # type: ignore[no-untyped-def]
        reads.append(1)
        return real(*args, **kw)

    services.letters.register_entries = counted  # type: ignore[method-assign]
    view = RegisterView(services, actor)
    qtbot.addWidget(view)
    assert reads == []  # nothing read for a page not shown yet
    view.show()
    loaded(qtbot, view)
    assert len(reads) == 1 and view.model.rowCount() == 1
