"""No technical English reaches a person: the catalogues and the messages the program raises or
shows carry plain Vietnamese and what to do; exception names, SQL and the system's English
errno text go to the log only."""

from __future__ import annotations

import ast
import errno
import re
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pakn_desktop.domain.wording import file_problem
from pakn_desktop.ui.i18n import catalogues

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pakn_desktop"

TECHNICAL = re.compile(
    r"\b\w*(Error|Exception)\b|BadZipFile|\bErrno\b|\[SQL:|sqlalche\.me|\bSELECT\b|\bINSERT\b"
    r"|\bPRAGMA\b|integrity_check|Permission denied|No such file|disk image is malformed"
    r"|database is locked|Traceback|\bpakn --"
)


def translations() -> list[tuple[str, str]]:
    out = []
    for ts in catalogues("vi"):
        for m in ET.parse(ts).getroot().iter("message"):
            t = m.find("translation")
            text = "" if t is None else (t.text or "".join(n.text or "" for n in t))
            out.append((ts.name, text))
    return out


def test_the_catalogues_carry_no_technical_english() -> None:
    found = [(name, text) for name, text in translations() if TECHNICAL.search(text)]
    assert len(translations()) > 800
    assert found == []


LOGGING = {"log", "_log", "logging", "logger"}
# Functions whose text is the technical detail the caller writes to the log (and says in plain
# words to the person).
LOG_ONLY = {("backup.py", "_quick_check")}


def _is_logging(call: ast.Call) -> bool:
    f = call.func
    while isinstance(f, ast.Attribute):
        f = f.value
    return isinstance(f, ast.Name) and f.id in LOGGING


def _exception_text(node: ast.AST, names: set[str]) -> bool:
    """``node`` turns a caught exception into text: str(e), f"{e}", e.strerror, e's class name."""
    if isinstance(node, ast.FormattedValue) and isinstance(node.value, ast.Name):
        return node.value.id in names
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str":
        return any(isinstance(a, ast.Name) and a.id in names for a in node.args)
    if isinstance(node, ast.Attribute) and node.attr in ("strerror", "__name__"):
        base = node.value
        if isinstance(base, ast.Attribute) and base.attr == "__class__":
            base = base.value
        if isinstance(base, ast.Call) and getattr(base.func, "id", "") == "type" and base.args:
            base = base.args[0]
        return isinstance(base, ast.Name) and base.id in names
    return False


def exception_texts_shown(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    caught = {h.name for h in ast.walk(tree) if isinstance(h, ast.ExceptHandler) and h.name}
    skip: set[int] = set()
    for node in ast.walk(tree):
        # Logged, compared ("locked" in str(exc)) or matched: not shown to anyone.
        if (isinstance(node, ast.Call) and _is_logging(node)) or isinstance(node, ast.Compare):
            skip.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.FunctionDef) and (path.name, node.name) in LOG_ONLY:
            skip.update(id(n) for n in ast.walk(node))
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for node in ast.walk(tree)
        if id(node) not in skip and _exception_text(node, caught)
    ]


def test_no_message_is_made_of_an_exceptions_text() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in ("selftest.py", "demo.py"):  # a developer's check, sample data
            continue
        found += exception_texts_shown(path)
    assert found == []


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.EACCES, "Không có quyền đọc hoặc ghi tệp «/srv/văn bản/a.pdf»"),
        (errno.ENOSPC, "Ổ đĩa đã đầy"),
        (errno.EIO, "Chi tiết kỹ thuật đã được ghi vào tệp nhật ký"),
    ],
)
def test_a_file_problem_names_the_file_and_what_to_do(code: int, words: str) -> None:
    exc = OSError(code, "Permission denied", "/srv/văn bản/a.pdf")
    text = file_problem(exc)
    assert words in text and not TECHNICAL.search(text)


def test_a_damaged_backup_is_told_without_sqlites_words(tmp_path: Path) -> None:
    from pakn_desktop.store.backup import BackupError, verify

    bad = tmp_path / "pakn-2026-02-13.db"
    conn = sqlite3.connect(bad)
    conn.execute("CREATE TABLE t (x)")
    conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    conn.commit()
    conn.close()
    data = bytearray(bad.read_bytes())
    data[4096 : 4096 + 64] = b"\xff" * 64  # a page's header destroyed
    bad.write_bytes(bytes(data))
    with pytest.raises(BackupError) as info:
        verify(bad, None)
    assert "pakn-2026-02-13.db" in info.value.message and "bị hỏng" in info.value.message
    assert not TECHNICAL.search(info.value.message), info.value.message


def test_a_broken_csv_is_told_without_pythons_words() -> None:
    from pakn_desktop.services.portal import ImportFileError, _read_csv

    with pytest.raises(ImportFileError) as info:
        _read_csv('a,b\n"' + "x" * 200_000 + '",b\n')
    assert "Tệp CSV không đúng định dạng" in info.value.message
    assert "field larger" not in info.value.message
