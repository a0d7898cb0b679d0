"""Mistyped command lines get exit 2 and a Vietnamese message, also for the mistakes argparse
itself reports (a missing argument, an unknown choice or option)."""

from __future__ import annotations

import pytest

from pakn_desktop.cli import main as cli

CASES = [
    (["report", "--from", "2025-01-01"], "thiếu tham số bắt buộc: --to, -o/--output"),
    (["lookup"], "thiếu tham số bắt buộc: MÃ_PAKN"),
    (["deadlines"], "thiếu tham số bắt buộc: --received"),
    (["letter", "--kind", "bogus", "-o", "x.pdf", "24-000001-1"], "giá trị không hợp lệ: 'bogus'"),
    (["bogus"], "giá trị không hợp lệ: 'bogus'"),
    (["lookup", "24-000001-1", "--extra"], "tham số không nhận ra: --extra"),
]


@pytest.mark.parametrize(("argv", "message"), CASES)
def test_argparse_mistakes_are_told_in_vietnamese(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    for english in ("the following arguments", "invalid choice", "unrecognized", "choose from"):
        assert english not in err


HELP_COMMANDS = [
    [],
    ["init"],
    ["demo"],
    ["lookup"],
    ["calendar"],
    ["calendar", "list"],
    ["calendar", "add-day-off"],
    ["calendar", "remove"],
    ["deadlines"],
    ["letter"],
    ["report"],
    ["register"],
    ["overdue"],
    ["backup"],
    ["restore"],
    ["import", "portal"],
    ["audit", "verify"],
]
# Words a command line keeps as they are typed, or that are names (formats, systems).
KEPT = {"PAKN", "URL", "PDF", "SQLite", "PKCS", "DVC", "ID"}


@pytest.mark.parametrize("argv", HELP_COMMANDS, ids=lambda a: " ".join(a) or "pakn")
def test_help_is_all_vietnamese(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    import re

    with pytest.raises(SystemExit) as exit_:
        cli([*argv, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Cách dùng: pakn")
    for english in (
        "usage:",
        "positional arguments",
        "options:",
        "show this help",
        "show program",
    ):
        assert english not in out
    # Placeholders (metavars) are Vietnamese too: no REASON, FILE, START…
    shouting = set(re.findall(r"\b[A-Z][A-Z0-9]{2,}\b", out)) - KEPT
    assert shouting == set(), shouting
