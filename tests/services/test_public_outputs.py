"""Every public output passes the public gate (issue 22): one case whose title, content,
answer and public progress note are sentences of the labelled table
(tests/data/public_gate.txt), then each output the office makes public is read as the public
gets it: the published HTML page and JSON file, every free-text column of the national-entry
sheet (on screen and in its workbook), the published answer letter, and the public lookup
(service, window and command line). None may show a marked name, address or phone; each keeps
the office's own hotline from the settings."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from accounts_fixture import staff_actor
from PySide6.QtCore import Qt

from bench.bench_public_gate import Row, load_table
from pakn_desktop.cli import main
from pakn_desktop.domain.letters import LetterKind
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.services.publish import HTML_NAME, JSON_NAME
from pakn_desktop.ui.lookup import LookupView

ROWS, OFFICE = load_table()
HOTLINE = "0260 3862 123"


def row(start: str) -> Row:
    return next(r for r in ROWS if r.text.startswith(start))


TITLE = row("Chị Ngân, 84-945-222-333")
CONTENT = row("Tôi là Phạm Thị Lan, ở số 5 ngõ 2")
ANSWER = row("Sở đã mời ông Nguyễn Văn Bình")
PROGRESS = row("Nhà tôi ở số nhà 25, ngõ 10")
OFFICE_LINE = row("Mọi thắc mắc xin liên hệ đường dây nóng")
FED = (TITLE, CONTENT, ANSWER, PROGRESS)
SECRETS = [r.text[s:e] for r in FED for s, e, _k in r.spans]


def leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


@pytest.fixture
def published(services: Services, head, admin, db_url: str):  # type: ignore[no-untyped-def]
    services.office.save_details(
        replace(services.office.details(), hotlines=f"{HOTLINE}; sldtbxh@kontum.gov.vn"),
        admin,
        expected_version=services.office.settings_version(),
    )
    actor = staff_actor(services)
    case = services.cases.receive(
        IntakeForm(
            submitter_kind="citizen",
            submitter_name="Phạm Thị Lan",
            address="Số 5, ngõ 2, đường Trần Hưng Đạo, phường Kon Tum",
            phone="0905 111 222",
            title=TITLE.text,
            content=CONTENT.text,
            channel="letter",
        ),
        actor,
    )
    case = services.cases.accept(
        case.code, actor, official_id=actor.id, expected_version=case.version
    )
    case = services.cases.post_progress(
        case.code, PROGRESS.text, actor, expected_version=case.version
    )
    case = services.cases.record_result(
        case.code, "Đã giải quyết.", actor, expected_version=case.version
    )
    answer = f"{ANSWER.text} {OFFICE_LINE.text}"
    services.cases.publish_answer(case.code, answer, actor, expected_version=case.version)
    services.publish.mark(case.code, head)
    return case.code


def test_every_public_output_passes_the_gate(
    services: Services, published: str, head, tmp_path: Path, qtbot, capsys, db_url: str
) -> None:  # type: ignore[no-untyped-def]
    code = published
    actor = staff_actor(services)
    outputs: dict[str, str] = {}

    # 1-2. The office's website: the HTML page and the JSON file.
    services.publish.export(tmp_path, actor=head)
    outputs["html"] = (tmp_path / HTML_NAME).read_text(encoding="utf-8")
    data = json.loads((tmp_path / JSON_NAME).read_text(encoding="utf-8"))
    outputs["json"] = json.dumps(data["items"], ensure_ascii=False)

    # 3. The national-entry sheet: every free-text column, on screen and in the workbook.
    sheet = services.national.sheet(code, actor)
    private = {"submitter_name", "address", "phone", "email"}  # the form's own fields
    outputs["national sheet"] = "\n".join(f.value for f in sheet.fields if f.key not in private)
    assert sheet.value("title") != TITLE.text and sheet.value("content") != CONTENT.text
    book = tmp_path / "national.xlsx"
    services.national.export_xlsx([code], book, actor)
    ws = openpyxl.load_workbook(book).active
    header = [c.value for c in ws[1]]
    free = [i for i, h in enumerate(header) if h in ("PAKN về việc", "Nội dung")]
    assert len(free) == 2, header
    outputs["national workbook"] = "\n".join(
        str(r[i]) for r in ws.iter_rows(min_row=2, values_only=True) for i in free
    )

    # 4. The published answer letter: what it quotes of the case.
    letter = services.letters.compose(code, LetterKind.ANSWER, actor)
    # The letter is addressed to the person by name (its addressee, not a quotation).
    to = "Bà Phạm Thị Lan"
    assert to in "\n".join(letter.paragraphs)
    outputs["letter"] = "\n".join([letter.subject, *letter.paragraphs]).replace(to, "")

    # 5. The public lookup: the service, the window's lookup page, the command line.
    found = services.case_reads.public_lookup(code)
    outputs["lookup"] = "\n".join([found[0].title, *(t for _at, t in found[0].history)])
    view = LookupView(services, actor)
    qtbot.addWidget(view)
    qtbot.keyClicks(view.query, code)
    with qtbot.waitSignal(view.shown, timeout=10_000):  # read on a worker
        qtbot.mouseClick(view.go, Qt.MouseButton.LeftButton)
    outputs["lookup window"] = view.result.toPlainText()
    capsys.readouterr()
    assert main(["--db", db_url, "lookup", code]) == 0
    outputs["lookup command"] = capsys.readouterr().out

    for name, text in outputs.items():
        assert leaks(text) == [], name
        assert "[họ tên]" in text, name
    for name in ("html", "json", "national sheet", "national workbook", "letter", "lookup"):
        assert "[địa chỉ]" in outputs[name] or name == "letter", name
    # The office's own hotline, from its settings, stays where the answer is published.
    for name in ("html", "json", "letter"):
        assert HOTLINE in outputs[name], name
    # Words that are not personal stay.
    assert "bảo hiểm thất nghiệp" in outputs["html"] and "bị nứt" in outputs["lookup window"]
