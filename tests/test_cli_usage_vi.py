"""Mistyped command lines get exit 2 and a Vietnamese message, also for the mistakes argparse
itself reports (a missing argument, an unknown choice or option)."""

from __future__ import annotations

import pytest

from pakn_desktop.cli import main as cli

CASES = [
    (["report", "--from", "2025-01-01"], "thiếu tham số bắt buộc: --to, -o/--output"),
    (["lookup"], "thiếu tham số bắt buộc: code"),
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
