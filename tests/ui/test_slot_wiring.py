"""The wiring rule over the whole package (tools/slot_check.py): a signal that carries a value
never feeds a slot with optional parameters (clicked(bool) once arrived as the printer)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pakn_desktop

ROOT = Path(__file__).resolve().parents[2]


def slot_check() -> ModuleType:
    spec = importlib.util.spec_from_file_location("slot_check", ROOT / "tools" / "slot_check.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("slot_check", module)
    spec.loader.exec_module(module)
    return module


def test_no_signal_with_values_feeds_a_slot_with_optional_parameters() -> None:
    package = Path(pakn_desktop.__file__).parent
    findings = slot_check().check(package)
    assert [str(f) for f in findings] == []


BAD = """
from PySide6.QtCore import QObject, Signal

class Window(Base):
    picked = Signal(str)
    closed = Signal()

    def __init__(self):
        self.print_button.clicked.connect(self.print_letter)          # printer=False
        self.kind.currentIndexChanged.connect(self.refresh)          # inherited, 2nd default
        self.picked.connect(self.note)                               # own signal with a value
        self.closed.connect(self.print_letter)                       # no value: fine
        self.other.toggled.connect(self.dialog.save_pdf)             # another object's method
        self.box.textChanged.connect(report)                         # module function
        self.box.textEdited.connect(self.dropped)                    # *_ drops values: fine
        self.box.textEdited.connect(lambda: self.print_letter())     # lambda: fine
        self.box.valueChanged.connect(self.spread)                   # *args

    def print_letter(self, printer=None): ...
    def note(self, text, extra=1, *, loud=False): ...
    def dropped(self, *_): ...
    def spread(self, *args): ...

class Base:
    def refresh(self, year=None): ...

class Dialog:
    def save_pdf(self, name=None): ...

def report(text="", *, to=None): ...
"""


def test_the_rule_finds_every_shape_of_the_mistake(tmp_path: Path) -> None:
    (tmp_path / "window.py").write_text(BAD, encoding="utf-8")
    found = {(f.line, f.target, f.parameter) for f in slot_check().check(tmp_path)}
    assert found == {
        (9, "self.print_letter", "printer=..."),
        (10, "self.refresh", "year=..."),
        (11, "self.note", "extra=..."),
        (13, "self.dialog.save_pdf", "name=..."),
        (14, "report", "text=..."),
        (17, "self.spread", "*args"),
    }
