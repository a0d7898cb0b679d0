"""The case editor's actions, in one table (issue 24; Tryton's ``Workflow.transition`` plus
``_buttons``): for each workflow action its button label, its shortcut, what it asks the person
(``ask``) and the service call that does it (``run``). The editor builds its buttons from
``ACTIONS`` and runs every action through the same two steps.

Which actions a button offers is never decided here: a button is enabled when the case's state
allows the action (``domain.workflow.allowed_actions``, carried by the case as ``allowed``) and
the person's roles grant its permission on this case (``domain.permissions`` through
``Guard.may``); the services check both again when the action runs."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QDialog, QPlainTextEdit

from pakn_desktop.domain.letters import GROUND_LABELS, RejectionGround
from pakn_desktop.domain.workflow import Action, require_input
from pakn_desktop.services.views import Actor, CaseDetail

from .confirm import confirm

if TYPE_CHECKING:
    from pakn_desktop.services import Services
    from pakn_desktop.services.cases import CaseService

    from .case_editor import CaseEditor, InputDialog

CONTEXT = "CaseEditor"  # the translations' context: the editor's own strings


def translated(text: str) -> str:
    """A source text of the table (marked with QT_TRANSLATE_NOOP) in the person's language."""
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True)
class Asked:
    """What the person gave for an action: its value, the action's extra arguments, and
    personal data they moved out of the text (for the case's private note)."""

    value: Any = None
    extra: dict[str, Any] = field(default_factory=dict)
    moved_to_private: str = ""


# ask(editor, case) -> Asked, or None when the person went back.
Ask = Callable[["CaseEditor", CaseDetail], "Asked | None"]
# run(cases, case, actor, asked) -> the case as changed.
Run = Callable[["CaseService", CaseDetail, Actor, Asked], CaseDetail]


@dataclass(frozen=True)
class EditorAction:
    action: Action
    label: str  # source text, translated in the context CONTEXT
    shortcut: str  # QKeySequence text; "" for none
    ask: Ask
    run: Run

    def enabled(self, services: Services, actor: Actor, case: CaseDetail) -> bool:
        """The state allows it and the person's roles grant it on this case (domain rules,
        reflected; the services decide again)."""
        return self.action in case.allowed and services.guard.may(
            actor, self.action, case.official_id
        )


# --- what an action asks -------------------------------------------------------------------
def _dialog(editor: CaseEditor, *args: Any, **kwargs: Any) -> InputDialog:
    from .case_editor import InputDialog  # the dialog lives with the editor

    return InputDialog(editor, *args, **kwargs)


def ask_nothing(_editor: CaseEditor, _case: CaseDetail) -> Asked:
    return Asked()


def ask_reject(editor: CaseEditor, _case: CaseDetail) -> Asked | None:
    dlg = _dialog(
        editor,
        QCoreApplication.translate("CaseEditor", "Reject"),
        QCoreApplication.translate(
            "CaseEditor",
            "Ground for not accepting. For a repeat, write the earlier PAKN code below; "
            "for another agency's remit, the competent agency; otherwise the reason:",
        ),
        choices=[(label, g.value) for g, label in GROUND_LABELS.items()],
    )
    assert dlg.combo is not None
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return None
    return Asked(
        RejectionGround(dlg.combo.currentData()), {"detail": dlg.value()}, dlg.moved_to_private()
    )


def ask_transfer(editor: CaseEditor, _case: CaseDetail) -> Asked | None:
    dlg = _dialog(
        editor,
        QCoreApplication.translate("CaseEditor", "Transfer"),
        QCoreApplication.translate(
            "CaseEditor",
            "Competent agency it is transferred to (first line), then the reason "
            "given to the person:",
        ),
    )
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return None
    lines = dlg.value().strip().splitlines()
    return Asked(
        lines[0] if lines else "",
        {"reason": "\n".join(lines[1:]).strip()},
        dlg.moved_to_private(),
    )


def ask_official(editor: CaseEditor, case: CaseDetail) -> Asked | None:
    dlg = _dialog(
        editor,
        QCoreApplication.translate("CaseEditor", "Choose an official"),
        QCoreApplication.translate("CaseEditor", "Official:"),
        choices=editor.official_choices(),
        multiline=False,
    )
    assert dlg.combo is not None
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return None
    if not confirm(
        editor,
        QCoreApplication.translate("CaseEditor", "Assign the case"),
        QCoreApplication.translate("CaseEditor", "Assign PAKN %1 to %2 for handling?")
        .replace("%1", case.code)
        .replace("%2", dlg.combo.currentText()),
        QCoreApplication.translate("CaseEditor", "Assign"),
    ):
        return None
    return Asked(dlg.combo.currentData(), {}, dlg.moved_to_private())


def ask_text(
    action: Action, prompt: str, prefill: Callable[[CaseDetail], str] | None = None
) -> Ask:
    """An action that takes one text, required as the domain requires it (``require_input``);
    ``prompt`` is source text in the context CONTEXT."""

    def ask(editor: CaseEditor, case: CaseDetail) -> Asked | None:
        dlg = _dialog(
            editor, case.code, translated(prompt), check=functools.partial(require_input, action)
        )
        if prefill is not None and isinstance(dlg.text, QPlainTextEdit):
            dlg.text.setPlainText(prefill(case))
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        return Asked(dlg.value(), {}, dlg.moved_to_private())

    return ask


# --- what an action does (the services) ---------------------------------------------------
def run_reject(c: CaseService, d: CaseDetail, a: Actor, asked: Asked) -> CaseDetail:
    value, v = asked.value, d.version
    if isinstance(value, RejectionGround):
        text = str(asked.extra.get("detail", "")).strip()
        return c.reject_with(
            d.code,
            value,
            a,
            earlier_code=text if value is RejectionGround.ALREADY_ANSWERED else "",
            competent_agency=text if value is RejectionGround.OUT_OF_REMIT else "",
            other_reason=text if value is RejectionGround.OTHER else "",
            expected_version=v,
        )
    return c.reject(d.code, value or "", a, scope=asked.extra.get("scope"), expected_version=v)


def run_transfer(c: CaseService, d: CaseDetail, a: Actor, asked: Asked) -> CaseDetail:
    return c.transfer(
        d.code,
        asked.value or "",
        a,
        reason=asked.extra.get("reason", ""),
        expected_version=d.version,
    )


# --- the table -------------------------------------------------------------------------------
A = Action
# In the order of the editor's button grid (two columns). The shortcuts are the editor
# window's own: Alt+1 … Alt+9 in that order for the first nine (Ctrl+1 … Ctrl+7 are the main
# window's pages).
ACTIONS: tuple[EditorAction, ...] = (
    EditorAction(
        A.REJECT, str(QT_TRANSLATE_NOOP("CaseEditor", "Reject…")), "Alt+1", ask_reject, run_reject
    ),
    EditorAction(
        A.ASK_CLARIFICATION,
        str(QT_TRANSLATE_NOOP("CaseEditor", "Ask for clarification…")),
        "Alt+2",
        ask_text(
            A.ASK_CLARIFICATION,
            str(QT_TRANSLATE_NOOP("CaseEditor", "What must the person supplement or clarify?")),
        ),
        lambda c, d, a, x: c.ask_clarification(
            d.code, x.value or "", a, expected_version=d.version
        ),
    ),
    EditorAction(
        A.FORWARD,
        str(QT_TRANSLATE_NOOP("CaseEditor", "Forward to an official…")),
        "Alt+3",
        ask_official,
        lambda c, d, a, x: c.forward(d.code, x.value, a, expected_version=d.version),
    ),
    EditorAction(
        A.ACCEPT,
        str(QT_TRANSLATE_NOOP("CaseEditor", "Accept")),
        "Alt+4",
        ask_nothing,
        lambda c, d, a, _x: c.accept(d.code, a, expected_version=d.version),
    ),
    EditorAction(
        A.TRANSFER,
        str(QT_TRANSLATE_NOOP("CaseEditor", "Transfer to another agency…")),
        "Alt+5",
        ask_transfer,
        run_transfer,
    ),
    EditorAction(
        A.SUPPLEMENT,
        str(QT_TRANSLATE_NOOP("CaseEditor", "Record the supplement…")),
        "Alt+6",
        ask_text(A.SUPPLEMENT, str(QT_TRANSLATE_NOOP("CaseEditor", "What did the person send?"))),
        lambda c, d, a, x: c.record_supplement(
            d.code, x.value or "", a, expected_version=d.version
        ),
    ),
    EditorAction(
        A.CLOSE_NO_REPLY,
        str(QT_TRANSLATE_NOOP("CaseEditor", "Close: no reply")),
        "Alt+7",
        ask_nothing,
        lambda c, d, a, _x: c.close_no_reply(d.code, a, expected_version=d.version),
    ),
    EditorAction(
        A.ASSIGN,
        str(QT_TRANSLATE_NOOP("CaseEditor", "Assign / reassign…")),
        "Alt+8",
        ask_official,
        lambda c, d, a, x: c.assign(d.code, x.value, a, expected_version=d.version),
    ),
    EditorAction(
        A.POST_PROGRESS,
        str(QT_TRANSLATE_NOOP("CaseEditor", "Post progress…")),
        "Alt+9",
        ask_text(
            A.POST_PROGRESS, str(QT_TRANSLATE_NOOP("CaseEditor", "Progress to tell the person:"))
        ),
        lambda c, d, a, x: c.post_progress(d.code, x.value or "", a, expected_version=d.version),
    ),
    EditorAction(
        A.RECORD_RESULT,
        str(QT_TRANSLATE_NOOP("CaseEditor", "Record the result…")),
        "",
        ask_text(A.RECORD_RESULT, str(QT_TRANSLATE_NOOP("CaseEditor", "Result of the handling:"))),
        lambda c, d, a, x: c.record_result(d.code, x.value or "", a, expected_version=d.version),
    ),
    EditorAction(
        A.PUBLISH_ANSWER,
        str(QT_TRANSLATE_NOOP("CaseEditor", "Publish the answer…")),
        "",
        ask_text(
            A.PUBLISH_ANSWER,
            str(QT_TRANSLATE_NOOP("CaseEditor", "Answer to publish (no personal data):")),
            prefill=lambda d: d.result_text,
        ),
        lambda c, d, a, x: c.publish_answer(d.code, x.value or "", a, expected_version=d.version),
    ),
    EditorAction(
        A.CLOSE,
        str(QT_TRANSLATE_NOOP("CaseEditor", "Close")),
        "",
        ask_nothing,
        lambda c, d, a, _x: c.close(d.code, a, expected_version=d.version),
    ),
    EditorAction(
        A.REOPEN,
        str(QT_TRANSLATE_NOOP("CaseEditor", "Reopen…")),
        "",
        ask_text(A.REOPEN, str(QT_TRANSLATE_NOOP("CaseEditor", "Why is the case reopened?"))),
        lambda c, d, a, x: c.reopen(d.code, x.value or "", a, expected_version=d.version),
    ),
)

BY_ACTION: dict[Action, EditorAction] = {a.action: a for a in ACTIONS}
