"""Line edits that pick today's province or commune: a list under the field narrows as the
person types (with or without diacritics, by ``domain.places``), and leaving the field settles
on one unit, or leaves the text as typed with a note saying what to choose (an old province's
name is taken as today's, and said so)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from pakn_desktop.domain import places
from pakn_desktop.services.office import province_suggestion

# A completer list longer than this is cut: the person types a few letters more.
MAX_SHOWN = 60


class PlacePicker(QLineEdit):
    """The chosen unit's code is ``code()`` ("" while none is settled). ``chosen`` carries the
    new code when it changes; ``noted`` the note for the person ("" clears it)."""

    chosen = Signal(str)
    noted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._code = ""
        self._names: dict[str, str] = {}  # shown name -> code, for the current list
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        # The list is filtered here (diacritics-insensitive), not by Qt's prefix match.
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(12)
        self.setCompleter(self._completer)
        self._completer.activated[str].connect(self._picked)  # type: ignore[index]
        # Tab with the list open takes the highlighted name and goes on to the next field
        # (Qt's completer only closes the list, and a second Tab would be needed).
        popup = self._completer.popup()
        if popup is not None:
            popup.installEventFilter(self)
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self.settle)

    # --- what a subclass says ------------------------------------------------------------------
    def _search(self, text: str) -> list[tuple[str, str]]:
        raise NotImplementedError

    def _match(self, text: str) -> places.PlaceMatch:
        raise NotImplementedError

    def _name_of(self, code: str) -> str:
        raise NotImplementedError

    # --- the value -----------------------------------------------------------------------------
    def code(self) -> str:
        return self._code

    def set_code(self, code: str) -> None:
        """Show a unit by its code ("" empties the field); no ``chosen`` signal."""
        name = self._name_of(code) if code else ""
        self._code = code if name else ""
        self.setText(name)
        self.setCursorPosition(0)

    def _set(self, code: str, note: str = "") -> None:
        changed = code != self._code
        self._code = code
        self.noted.emit(note)
        if changed:
            self.chosen.emit(code)

    # --- typing --------------------------------------------------------------------------------
    def refresh_list(self, text: str | None = None) -> None:
        found = self._search(self.text() if text is None else text)[:MAX_SHOWN]
        self._names = dict(found)
        self._model.setStringList([name for name, _code in found])

    def _typed(self, text: str) -> None:
        self.noted.emit("")  # a note was about the text before
        if self._code and text != self._name_of(self._code):
            self._set("")  # the chosen unit no longer matches what is written
        self.refresh_list(text)
        if self._names and self.hasFocus():
            self._completer.complete()

    def _picked(self, label: str) -> None:
        code = self._names.get(label, "")
        if code:
            self.setText(self._name_of(code))  # the label may say more than the name
            self._set(code)

    def settle(self) -> None:
        """What the text means: one unit (an old name mapped, with its note), or none with a
        note saying what to choose. The typed text stays when nothing is settled."""
        text = self.text().strip()
        if not text:
            self._set("")
            return
        if self._code and text == self._name_of(self._code):
            return
        m = self._match(text)
        if m.found is not None:
            code = str(m.found.code)
            self.setText(self._name_of(code))
            self._set(code, m.note)
            return
        self._set("", m.note)
        if m.choices:
            self._names = {c.name: str(c.code) for c in m.choices[:MAX_SHOWN]}
            self._model.setStringList(list(self._names))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        popup = self._completer.popup()
        if (
            watched is popup
            and popup is not None
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        ):
            index = popup.currentIndex()
            popup.hide()
            if index.isValid():
                self._picked(str(index.data()))
            else:
                self.settle()
            self.focusNextPrevChild(event.key() == Qt.Key.Key_Tab)
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Down on a field whose list is closed opens it (the whole list for an empty field).
        popup = self._completer.popup()
        if event.key() == Qt.Key.Key_Down and (popup is None or not popup.isVisible()):
            self.refresh_list()
            if self._names:
                self._completer.complete()
                return
        super().keyPressEvent(event)


class ProvincePicker(PlacePicker):
    """One of today's 34 provinces."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("Province or city (type, with or without accents)"))

    def _search(self, text: str) -> list[tuple[str, str]]:
        return [(label, str(p.code)) for label, p in places.province_choices(text)]

    def _match(self, text: str) -> places.PlaceMatch:
        return places.match_province(text)

    def _name_of(self, code: str) -> str:
        p = places.province(code)
        return p.name if p else ""


class CommunePicker(PlacePicker):
    """One of today's communes (xã, phường, đặc khu) of the province ``province_code()``
    gives: the list holds that province's only."""

    def __init__(self, province_code: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._province_code = province_code
        self.setPlaceholderText(self.tr("Commune or ward"))

    def _search(self, text: str) -> list[tuple[str, str]]:
        return [(c.name, str(c.code)) for c in places.search_communes(self._province_code(), text)]

    def _match(self, text: str) -> places.PlaceMatch:
        return places.match_commune(self._province_code(), text)

    def _name_of(self, code: str) -> str:
        c = places.commune(code)
        return c.name if c else ""

    def province_changed(self) -> None:
        """A commune of another province is no longer chosen; typed text is settled again."""
        c = places.commune(self.code())
        if c is not None and str(c.province_code) != self._province_code():
            self.clear()
            self._set("")
        elif self.text().strip() and not self.code():
            self.settle()
        self.refresh_list("")


def add_province_row(form: QFormLayout, label: str) -> tuple[ProvincePicker, QLabel]:
    """The office's province row, as the first-run wizard and Settings show it: the picker
    with its note under it (what an old name became, or what to choose), behind ``label``
    (the caller's own translated words) in ``form``."""
    picker = ProvincePicker()
    return picker, _add_picker_row(form, label, picker)


def add_commune_row(
    form: QFormLayout, label: str, province_code: Callable[[], str]
) -> tuple[CommunePicker, QLabel]:
    """The office's commune row (where its seat is), of the province ``province_code()``
    gives, with its note under it, behind ``label`` in ``form``."""
    picker = CommunePicker(province_code)
    return picker, _add_picker_row(form, label, picker)


def follow_commune(
    commune_code: str,
    province_code: str,
    edit: QLineEdit,
    suggested: dict[str, str],
    *,
    dropped: bool = False,
) -> None:
    """The office's postal address follows the commune chosen: "xã Sơn Hà, tỉnh Quảng Ngãi"
    while the field is empty or holds what the last choice put there; the house and street
    the person wrote before it stay (or are written first: the commune goes after them), only
    the commune and province after them change; an address written whole is kept. No
    commune settled (the person is typing another) leaves it as it is, unless the commune
    was ``dropped`` (another province chosen): then its part goes."""
    c = places.commune(commune_code)
    p = places.province(province_code)
    if (c is None or p is None) and not dropped:
        return
    new = f"{c.full_name}, {p.full_name}" if c is not None and p is not None else ""
    old = suggested.get("postal_address", "")
    text = edit.text()
    if not text.strip() or text == old:
        edit.setText(new)
    elif old and text.endswith(old):
        head = text[: len(text) - len(old)]
        edit.setText(head + new if new else head.rstrip(" ,"))
    elif new and places.locate(text).province_code is None:
        # The house and street written first ("Số 52 Hùng Vương"): the commune goes after.
        edit.setText(f"{text.strip().rstrip(',').rstrip()}, {new}")
    else:
        return  # an address the person wrote whole: left as they wrote it
    suggested["postal_address"] = new


def _add_picker_row(form: QFormLayout, label: str, picker: PlacePicker) -> QLabel:
    note = QLabel()
    note.setWordWrap(True)
    note.setStyleSheet("color:#1a4f8b;")
    note.hide()

    def noted(text: str) -> None:
        note.setText(text)
        note.setVisible(bool(text))

    picker.noted.connect(noted)
    box = QVBoxLayout()
    box.setSpacing(1)
    box.addWidget(picker)
    box.addWidget(note)
    buddy = QLabel(label)
    buddy.setBuddy(picker)
    form.addRow(buddy, box)
    return note


def follow_province(code: str, fields: dict[str, QLineEdit], suggested: dict[str, str]) -> None:
    """The office fields the province gives (governing body, place, agency's name in
    sentences) follow a new choice while empty or still holding what the province last
    filled in (``suggested``, updated); a field the person wrote keeps what they wrote."""
    for name, value in province_suggestion(code, fields["agency"].text()).items():
        edit = fields[name]
        if not edit.text().strip() or edit.text() == suggested.get(name):
            edit.setText(value)
            suggested[name] = value
