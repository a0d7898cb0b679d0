"""Lists of choices read again while a window is open (units, officials, people added
elsewhere): the choice made stays, and no "changed" signal fires for a list refilled."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox


def refill(combo: QComboBox, items: Iterable[tuple[str, object]], *, fixed: int = 1) -> bool:
    """Replace the combo's items after its first ``fixed`` ones ("All …", "(not chosen)")
    with ``items`` (label, data), keeping the choice made when it is still offered. Returns
    whether the choice stayed (False: it is gone, the first item is chosen)."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    try:
        while combo.count() > fixed:
            combo.removeItem(combo.count() - 1)
        for label, data in items:
            combo.addItem(label, data)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
    finally:
        combo.blockSignals(False)
    return combo.currentData() == chosen
