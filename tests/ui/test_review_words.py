"""Words the review (docs/review-ui-words-decisions.md) found wrong, checked where a clerk
reads them: the intake form's discard box, the statistics legend, field errors."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_intake_form import answer_next_box, make_form, type_text
from test_window import make_window

from pakn_desktop.services import Services


def test_discarding_the_form_asks_to_delete_not_to_vote(qtbot: QtBot, services: Services) -> None:
    form = make_form(qtbot, services)
    type_text(form.fields.submitter_name, "Lê Thị Hoa")
    seen = answer_next_box(qtbot, "Xóa, không lưu")  # "Bỏ phiếu" means "to vote"
    qtbot.keyClick(form.fields.submitter_name, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == ["Phiếu có thông tin chưa lưu. Xóa các thông tin này?"]
    assert form.fields.submitter_name.text() == ""


def test_a_name_without_letters_is_told_by_the_fields_name(
    qtbot: QtBot, services: Services
) -> None:
    form = make_form(qtbot, services)
    type_text(form.fields.submitter_name, "!!!")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    errors = " ".join(w.text() for w in form.findChildren(type(form.message)) if w.isVisible())
    assert "Họ tên người phản ánh (hoặc tên tổ chức) phải có chữ hoặc số." in errors
    assert "Người dân phải" not in errors


def test_the_monthly_chart_counts_what_was_received(qtbot: QtBot, services: Services) -> None:
    window = make_window(qtbot, services)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    view = window.statistics
    qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.stats is not None, timeout=10000)
    chart = view.months_chart.chart()
    legends = [s.label() for series in chart.series() for s in series.barSets()]
    assert legends == ["Số PAKN tiếp nhận"], legends
    # The figure's link opens the list of those cases, titled as a list, not a date.
    shown: list[str] = []
    view.show_cases.connect(lambda _f, title: shown.append(title))
    view.figures.linkActivated.emit("received")
    assert shown and shown[0].startswith("PAKN tiếp nhận ")
