"""The routing suggestion beside a PAKN (issue 26): the scope with its decisive phrase
highlighted, the two or three likeliest topics, units and officials with the cases they come
from, and an earlier PAKN it may repeat. Computed on a worker (``workers.Op``) a moment after
typing stops; taken with one key (F8) or ignored. Nothing is applied by itself.

``SuggestionPanel.for_intake(form)`` and ``SuggestionPanel.for_editor(editor)`` wire it into
the intake form and the case editor, so those files need a line each."""

from __future__ import annotations

import contextlib
import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.permissions import Permission
from pakn_desktop.services import Services
from pakn_desktop.services.routing import RepeatStatus, Suggestion
from pakn_desktop.services.views import Actor

from .confirm import confirm
from .workers import Op

DELAY_MS = 600  # after the last keystroke
TAKE_KEY = "F8"
HIGHLIGHT = "#ffe08a"
EXCERPT = 90  # characters shown either side of the decisive phrase


def highlighted(text: str, span: tuple[int, int] | None) -> str:
    """Rich text of ``text`` around ``span`` with the phrase marked (escaped: it is typed)."""
    if span is None:
        return ""
    a, b = span
    start, end = max(0, a - EXCERPT), min(len(text), b + EXCERPT)
    before = ("…" if start else "") + html.escape(text[start:a])
    after = html.escape(text[b:end]) + ("…" if end < len(text) else "")
    return (
        f"{before}<span style='background:{HIGHLIGHT};font-weight:bold'>"
        f"{html.escape(text[a:b])}</span>{after}"
    )


def repeat_note(status: RepeatStatus) -> str:
    """What a person reads of a case linked as the same PAKN (plain text; empty when it is
    not linked): the cases linked with it, and the case whose answer letter answers them all
    (the case editor's panel and the letter window say the same)."""
    if not status.linked:
        return ""
    others = ", ".join(status.linked)

    if status.answered_elsewhere:
        return (
            QCoreApplication.translate(
                "RepeatNote",
                "Linked as the same PAKN with %1. The answer went out with PAKN %2 (answer "
                "letter no. %3): no second answer letter is issued for this case.",
            )
            .replace("%1", others)
            .replace("%2", status.answered_by)
            .replace("%3", status.letter)
        )
    if status.answered_by:
        return (
            QCoreApplication.translate(
                "RepeatNote",
                "Linked as the same PAKN with %1. This case's answer letter no. %2 answers "
                "them all.",
            )
            .replace("%1", others)
            .replace("%2", status.letter)
        )
    return QCoreApplication.translate(
        "RepeatNote",
        "Linked as the same PAKN with %1: only one answer letter goes out, with the first "
        "of them answered.",
    ).replace("%1", others)


class SuggestionPanel(QGroupBox):
    """Shows one ``Suggestion``; ``taken`` carries it when the person takes it."""

    taken = Signal(object)
    shown = Signal(object)  # a suggestion (or None) has just been shown
    # Linked or unlinked as the same PAKN: the case may have changed, and the other cases
    # named (the one linked or unlinked, those closed or reopened by it; none: refused).
    links_changed = Signal(object)

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Suggestion"))
        self._services = services
        self._actor = actor
        self._generation = 0
        self._request: Callable[[], Suggestion] | None = None
        self.suggestion: Suggestion | None = None
        self.scope_label = QLabel()
        self.excerpt = QLabel()
        self.lists = QLabel()
        self.repeat = QLabel()
        self.linked = QLabel()  # the case's place among cases linked as the same PAKN
        self.linked.setWordWrap(True)
        self.linked.setStyleSheet("color:#8a4b00;font-weight:bold;")
        self.linked.hide()
        for label in (self.scope_label, self.excerpt, self.lists, self.repeat):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.excerpt.setStyleSheet("color:#333;")
        self.repeat.setStyleSheet("color:#8a4b00;")
        self.take_button = QPushButton(self.tr("Use the suggestion (%1)").replace("%1", TAKE_KEY))
        self.take_button.clicked.connect(self.take)
        self.link_button = QPushButton(self.tr("Link to the earlier PAKN"))
        self.link_button.clicked.connect(self.link_repeat)
        self.link_button.hide()
        # A link made by mistake is undone here (a head's decision: it may reopen a case).
        self.unlink_button = QPushButton(self.tr("Unlink…"))
        self.unlink_button.clicked.connect(lambda: self.unlink_repeat())
        self.unlink_button.hide()
        self.status = QLabel(self.tr("A suggestion appears once the content is typed."))
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color:#777;")
        layout = QVBoxLayout(self)
        for w in (
            self.status,
            self.linked,
            self.scope_label,
            self.excerpt,
            self.lists,
            self.repeat,
        ):
            layout.addWidget(w)
        buttons = QHBoxLayout()
        buttons.addWidget(self.take_button)
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.case_code = ""  # set in the editor: the case the suggestion is for
        self.links_op: Op[Any] | None = None  # the editor's read of the case's links
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._compute)
        self.show_suggestion(None)

    # --- asking -------------------------------------------------------------------------
    def request(self, work: Callable[[], Suggestion], *, now: bool = False) -> None:
        """Compute ``work`` on a worker, a moment after the last request (typing)."""
        self._request = work
        if now:
            self._compute()
        else:
            self._timer.start()

    def _compute(self) -> None:
        work = self._request
        if work is None:
            return
        self._generation += 1
        generation = self._generation
        self.status.setText(self.tr("Looking at earlier decisions…"))
        self.status.show()

        def done(result: tuple[Suggestion, RepeatStatus | None]) -> None:
            # The form may have been closed while the worker ran; an older answer never
            # overwrites a newer one.
            if (
                isValid(self) and generation == self._generation
            ):  # an older answer never overwrites a newer one
                self.show_suggestion(result[0], links=(result[1],))

        def failed(exc: BaseException) -> None:
            if isValid(self) and generation == self._generation:
                self.show_suggestion(None)
                if isinstance(exc, PaknError):
                    self.status.setText(exc.message)

        # The case's links (in the editor) are read on the same worker: showing the
        # suggestion reads nothing on the GUI thread.
        Op(
            self,
            lambda _p: (work(), self._links()),
            success=done,
            failure=failed,
            show_progress=False,
        ).run()

    # --- showing ------------------------------------------------------------------------
    def show_suggestion(
        self, s: Suggestion | None, *, links: tuple[RepeatStatus | None] | None = None
    ) -> None:
        """Show ``s``; the case's links too, as ``links`` holds them when they were read
        already (on the worker that computed ``s``), else read here."""
        self.suggestion = s
        for w in (self.scope_label, self.excerpt, self.lists, self.repeat):
            w.setVisible(s is not None)
        self.take_button.setEnabled(s is not None)
        self.link_button.setVisible(bool(s and s.repeats and self.case_code))
        if s is None:
            self.status.setText(self.tr("A suggestion appears once the content is typed."))
            self.status.show()
            self.shown.emit(None)
            return
        self.status.hide()
        sc = s.scope
        head = self.tr("Scope: %1 (%2%)").replace("%1", html.escape(sc.scope.label))
        head = head.replace("%2", str(round(sc.confidence * 100)))
        parts = [f"<b>{head}</b>", html.escape(sc.reason)]
        if sc.mixed_with is not None:
            parts.append(
                self.tr("Mixed: also %1 (“%2”): accept the part in scope, advise on the rest.")
                .replace("%1", html.escape(sc.mixed_with.label.lower()))
                .replace("%2", html.escape(sc.mixed_phrase))
            )
        if sc.agency:
            parts.append(self.tr("Competent agency: %1").replace("%1", html.escape(sc.agency)))
        if sc.ground is not None:
            parts.append(
                self.tr("Ground preselected: %1").replace("%1", html.escape(sc.ground_reason))
            )
        self.scope_label.setText("<br>".join(parts))
        self.excerpt.setText(highlighted(s.text, sc.span))
        self.excerpt.setVisible(sc.span is not None)

        def refs(codes: tuple[str, ...]) -> str:
            shown = [c for c in codes if c and not c.startswith("r")]
            return (
                " <span style='color:#666'>("
                + self.tr("from %1").replace("%1", ", ".join(shown))
                + ")</span>"
                if shown
                else ""
            )

        rows = []
        if s.topics:
            rows.append(
                "<b>"
                + self.tr("Topic:")
                + "</b> "
                + "; ".join(html.escape(t.value) + refs(t.refs) for t in s.topics)
            )
        if s.units:
            rows.append(
                "<b>"
                + self.tr("Unit:")
                + "</b> "
                + "; ".join(html.escape(u.name) + refs(u.refs) for u in s.units)
            )
        if s.officials:
            rows.append(
                "<b>"
                + self.tr("Official:")
                + "</b> "
                + "; ".join(
                    html.escape(o.name)
                    + " · "
                    + self.tr("%1 open").replace("%1", str(o.open_cases))
                    + refs(o.refs)
                    for o in s.officials
                )
            )
        self.lists.setText("<br>".join(rows))
        self.lists.setVisible(bool(rows))
        if s.repeats:
            r = s.repeats[0]
            self.repeat.setText(
                self.tr("May repeat PAKN %1 received %2 (%3).")
                .replace("%1", html.escape(r.code))
                .replace("%2", f"{r.received_at:%d/%m/%Y}")
                .replace("%3", html.escape(r.why))
            )
        else:
            self.repeat.hide()
        if links is not None:
            self._show_links(links[0])
        else:
            self.show_links()
        self.shown.emit(s)

    def show_links(self) -> None:
        """In the editor: whether the case is linked as the same PAKN, and which case
        answers it (a small read, as the link itself)."""
        self._show_links(self._links())

    def show_links_later(self, then: Callable[[], object] | None = None) -> Op[Any]:
        """``show_links`` with its read on a worker (the editor's opening reads nothing on
        the GUI thread but its head); ``then`` runs once the links are shown."""
        code = self.case_code

        def done(status: RepeatStatus | None) -> None:
            if isValid(self) and code == self.case_code:
                self._show_links(status)
                if then is not None:
                    then()

        return Op(self, lambda _p: self._links(), success=done, show_progress=False).run()

    def _links(self) -> RepeatStatus | None:
        if not self.case_code:
            return None
        try:
            return self._services.routing.repeat_status(self._actor, self.case_code)
        except PaknError:
            return None

    def _show_links(self, status: RepeatStatus | None) -> None:
        note = repeat_note(status) if status is not None else ""
        linked = status.linked if status is not None else ()
        self.linked.setText(note)
        self.linked.setVisible(bool(note))
        may_unlink = self._services.guard.scope(self._actor, Permission.CLASSIFY) is not None
        self.unlink_button.setVisible(bool(note) and may_unlink)
        s = self.suggestion
        if s is not None and s.repeats and s.repeats[0].code in linked:
            self.link_button.hide()  # linked already: nothing more to link

    # --- taking -------------------------------------------------------------------------
    def take(self) -> None:
        if self.suggestion is not None:
            self.taken.emit(self.suggestion)

    def link_repeat(self) -> None:
        s = self.suggestion
        if not (s and s.repeats and self.case_code):
            return
        earlier = s.repeats[0].code
        if not confirm(
            self,
            self.tr("Link as the same PAKN"),
            self.tr(
                "Link PAKN %1 with PAKN %2 as the same PAKN? Only one answer letter goes out for "
                "linked PAKN: once one of them is answered, the others still open are closed as "
                "answered by that letter. A head can undo the link."
            )
            .replace("%1", self.case_code)
            .replace("%2", earlier),
            self.tr("Link"),
        ):
            return
        touched: tuple[str, ...] = ()  # the other cases the link changed
        try:
            closed = self._services.routing.link_repeat(self._actor, self.case_code, earlier)
        except PaknError as exc:
            self.status.setText(exc.message)
        else:
            text = self.tr("Linked to PAKN %1.").replace("%1", earlier)
            if closed:
                text += " " + self.tr("Closed as answered already: %1.").replace(
                    "%1", ", ".join(closed)
                )
            self.status.setText(text)
            touched = (earlier, *closed)
        self.status.show()
        self.link_button.hide()
        self.show_links()
        self.links_changed.emit(touched)

    def unlink_repeat(self, other: str | None = None) -> list[str] | None:
        """Undo a link: the person picks the linked case when there are several, confirms,
        and a case closed as answered by the other goes back where it was. Returns the codes
        reopened (None when nothing was done)."""
        if not self.case_code:
            return None
        try:
            linked = self._services.routing.links(self._actor, self.case_code)
        except PaknError as exc:
            self.status.setText(exc.message)
            self.status.show()
            return None
        if not linked:
            self.show_links()
            return None
        if other is None:
            if len(linked) == 1:
                other = linked[0]
            else:
                other, ok = QInputDialog.getItem(
                    self,
                    self.tr("Unlink"),
                    self.tr("Which PAKN is not the same as PAKN %1?").replace("%1", self.case_code),
                    linked,
                    0,
                    False,
                )
                if not ok:
                    return None
        if not confirm(
            self,
            self.tr("Unlink"),
            self.tr(
                "Remove the link between PAKN %1 and PAKN %2? Each will then need its own "
                "answer; a PAKN closed as answered by the other is reopened."
            )
            .replace("%1", self.case_code)
            .replace("%2", other),
            self.tr("Unlink"),
        ):
            return None
        try:
            reopened = self._services.routing.unlink_repeat(self._actor, self.case_code, other)
        except PaknError as exc:
            self.status.setText(exc.message)
            self.status.show()
            return None
        text = self.tr("The link with PAKN %1 was removed.").replace("%1", other)
        if reopened:
            text += " " + self.tr("Reopened: %1.").replace("%1", ", ".join(reopened))
        self.status.setText(text)
        self.status.show()
        self.show_links()
        self.links_changed.emit((other, *reopened))
        return reopened

    def preselect(self, dialog: QWidget) -> None:
        """Fill an action's dialog from the suggestion: the ground or the official in its
        list, the competent agency in its text. The person still presses OK."""
        s = self.suggestion
        if s is None:
            return
        combo = dialog.findChild(QComboBox)
        wanted: list[Any] = []
        if s.scope.ground is not None:
            wanted.append(s.scope.ground.value)
        wanted += [o.user_id for o in s.officials]
        if combo is not None:
            for value in wanted:
                i = combo.findData(value)
                if i >= 0:
                    combo.setCurrentIndex(i)
                    break
        text = dialog.findChild(QPlainTextEdit)
        if s.scope.agency and text is not None and not text.toPlainText().strip():
            text.setPlainText(f"{s.scope.agency}\n{s.scope.reason}")

    # --- wiring -------------------------------------------------------------------------
    def _shortcut(self, host: QWidget) -> None:
        key = QShortcut(QKeySequence(TAKE_KEY), host)
        key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        key.activated.connect(self.take)

    @classmethod
    def for_intake(cls, form: Any) -> SuggestionPanel:
        """The panel of the intake form: recomputed as the title, content or phone change;
        taking it fills the topic and the receiving unit; saving records what was suggested
        and what the form held."""
        services: Services = form.services
        panel = cls(services, form._actor)
        fields = form.fields
        panel._shortcut(form)

        def work() -> Suggestion:
            f = fields.form()
            missing = not (f.submitter_name.strip() and f.address.strip() and f.phone.strip())
            return services.routing.suggest(
                form._actor,
                f.title,
                f.content,
                channel=f.channel,
                phone=f.phone,
                email=f.email,
                contact_missing=missing and bool(f.content.strip()),
            )

        def changed() -> None:
            if fields.title.text().strip() or fields.content.toPlainText().strip():
                panel.request(work)
            else:
                panel._generation += 1
                panel.show_suggestion(None)

        def take(s: Suggestion) -> None:
            if s.topic:
                fields.topic.setCurrentText(s.topic)
            if s.units:
                i = form.unit.findData(s.units[0].unit_id)
                if i >= 0:
                    form.unit.setCurrentIndex(i)

        def saved(code: str) -> None:
            s = panel.suggestion
            if s is None:
                return
            # The PAKN is saved either way; a refusal only leaves out one statistics row.
            with contextlib.suppress(PaknError):
                services.routing.record_suggestion(form._actor, code, s)
                services.routing.record_decision(form._actor, code)
            panel._generation += 1
            panel.show_suggestion(None)

        fields.changed.connect(changed)
        panel.taken.connect(take)
        form.saved.connect(saved)
        return panel

    @classmethod
    def for_editor(cls, editor: Any) -> SuggestionPanel:
        """The panel of the case editor, for a case still to be classified: taking it opens
        the matching action with the ground, official or agency filled in; the choice made is
        recorded when the case changes."""
        from pakn_desktop.domain.routing import Scope
        from pakn_desktop.domain.workflow import Action

        services: Services = editor._services
        actor = editor._actor
        panel = cls(services, actor)
        panel.case_code = editor.detail.code
        panel._shortcut(editor)
        actions = {
            Scope.ACCEPT: Action.FORWARD,
            Scope.OUT_OF_REMIT: Action.TRANSFER,
            Scope.MISSING_DETAILS: Action.ASK_CLARIFICATION,
        }
        recorded = [False]

        def shown(s: Suggestion | None) -> None:
            if s is None or recorded[0] or str(editor.detail.state) != "received":
                return
            recorded[0] = True
            # A desk that may not classify still sees the suggestion; nothing is recorded.
            with contextlib.suppress(PaknError):
                services.routing.record_suggestion(actor, panel.case_code, s)

        def take(s: Suggestion) -> None:
            action = actions.get(s.scope.scope, Action.REJECT)
            if s.scope.scope is Scope.MISSING_DETAILS and s.scope.ground is not None:
                action = Action.REJECT if "họ tên" in s.scope.reason else action
            # The action's dialog is modal: fill it once it is up.
            QTimer.singleShot(0, lambda: _fill_modal(panel))
            editor.prompt_action(action)

        def changed(_code: str) -> None:
            if recorded[0]:
                with contextlib.suppress(PaknError):
                    services.routing.record_decision(actor, panel.case_code)

        panel.taken.connect(take)
        editor.changed.connect(changed)
        # Linking may close the case (answered with the other), unlinking reopen it.
        panel.links_changed.connect(editor.links_changed)
        if str(editor.detail.state) == "received":
            panel.shown.connect(shown)
            # Once the editor is shown (as its history, ui/case_editor.REST_AFTER_MS): the
            # suggestion's Python work on a worker would slow the editor's first paint
            # through the interpreter's lock.
            QTimer.singleShot(
                50,
                panel,
                lambda: panel.request(
                    lambda: services.routing.suggest_for_case(actor, panel.case_code), now=True
                ),
            )
        else:
            # Past classification nothing is suggested; a case linked as the same PAKN still
            # says which case answers it, read on a worker once the editor is shown (as the
            # suggestion above); the panel waits hidden.
            panel.hide()

            def placed() -> None:
                if panel.linked.text():
                    for w in (panel.status, panel.take_button, panel.link_button):
                        w.hide()
                    panel.show()

            def read_links() -> None:
                panel.links_op = panel.show_links_later(placed)

            QTimer.singleShot(50, panel, read_links)
        return panel


def _fill_modal(panel: SuggestionPanel) -> None:
    dialog = QApplication.activeModalWidget()
    if dialog is not None:
        panel.preselect(dialog)
