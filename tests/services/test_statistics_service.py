"""StatisticsService (issue 10): period statistics, today's work and every export go through
one guarded door, and every export file appears whole and readable by its owner only."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from report_fixture import build

from pakn_desktop.domain.errors import PaknError, PermissionDenied
from pakn_desktop.letters.templates import LetterKind
from pakn_desktop.reports.stats import Cancelled, quarter
from pakn_desktop.services import Services
from pakn_desktop.services.statistics import write_private

Q2 = quarter(2026, 2)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or "part" in p.name)


def test_a_head_gets_the_figures_and_every_export_private(
    services: Services, clock, make_actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    build(services, clock)
    head = make_actor("head")
    st = services.statistics.period(head, *Q2)
    assert st == services.statistics.figures(*Q2)  # the engine's own figures, nothing added
    assert (st.received, st.handled_total, st.on_time) == (6, 5, 3)

    xlsx, pdf = tmp_path / "bao-cao.xlsx", tmp_path / "bao-cao.pdf"
    assert services.statistics.write_report(head, *Q2, xlsx).received == 6
    services.statistics.write_report(head, *Q2, pdf)
    assert load_workbook(xlsx)["Tổng hợp"]["B3"].value == 6
    assert len(PdfReader(pdf).pages) >= 1
    reg_x, reg_p = tmp_path / "so.xlsx", tmp_path / "so.pdf"
    assert services.statistics.write_register(head, *Q2, reg_x) == 6
    assert services.statistics.write_register(head, *Q2, reg_p) == 6
    overdue = tmp_path / "qua-han.pdf"
    assert services.statistics.write_overdue(head, overdue) == 1
    for path in (xlsx, pdf, reg_x, reg_p, overdue):
        if os.name == "posix":
            assert mode(path) == 0o600, path
    assert leftovers(tmp_path) == []  # no temporary file left beside them


@pytest.mark.parametrize("roles", [("front_desk",), ("official",), ("admin",)])
def test_anyone_else_is_refused_and_nothing_is_written(
    services: Services, clock, make_actor, tmp_path: Path, roles: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    build(services, clock)
    who = make_actor(*roles)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "x.xlsx"
    calls = [
        lambda: services.statistics.period(who, *Q2),
        lambda: services.statistics.write_report(who, *Q2, target),
        lambda: services.statistics.write_register(who, *Q2, target),
        lambda: services.statistics.write_overdue(who, out / "x.pdf"),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied, match="thống kê, báo cáo"):
            call()
    assert list(out.iterdir()) == []


def test_a_deactivated_or_invented_actor_is_refused(
    services: Services, make_actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from pakn_desktop.services.views import Actor

    head = make_actor("head", username="truongphong")
    admin = services.office.actor()
    user = next(u for u in services.office.users() if u.username == "truongphong")
    services.accounts.deactivate(admin, user.id, expected_version=user.version)
    with pytest.raises(PermissionDenied, match="vô hiệu hóa"):
        services.statistics.period(head, *Q2)
    with pytest.raises(PermissionDenied):
        services.statistics.period(Actor(None, "Giám đốc Sở (giả)", "head"), *Q2)


def test_todays_work_the_office_for_a_head_and_their_own_for_an_official(
    services: Services, clock, make_actor
) -> None:  # type: ignore[no-untyped-def]
    from pakn_desktop.domain.validation import IntakeForm

    boss = make_actor("head", "front_desk", "official")
    mine = make_actor("official", username="chuyenvien1")
    other = make_actor("official", username="chuyenvien2")
    form = IntakeForm(
        "citizen", "Ngô Thị Lan", "Xã Đắk Hà", "0912555666", "", "Hỏi chế độ", "Nội dung", "phone"
    )
    for who in (mine, other):
        c = services.cases.receive(form, boss)
        services.cases.accept(c.code, boss, official_id=who.id, expected_version=c.version)
    clock.set(clock.current.replace(month=5, day=20))  # both answers due or overdue by now
    everyone = services.statistics.today(boss)
    assert {i.official for i in everyone} == {mine.name, other.name}
    own = services.statistics.today(mine)
    assert own and {i.official for i in own} == {mine.name}
    assert services.statistics.today(mine, mine.id) == own
    with pytest.raises(PermissionDenied, match="của chính mình"):
        services.statistics.today(mine, other.id)
    assert {i.official for i in services.statistics.today(boss, other.id)} == {other.name}
    for roles in (("front_desk",), ("admin",)):
        with pytest.raises(PermissionDenied):
            services.statistics.today(make_actor(*roles))


def test_a_cancelled_or_failed_export_leaves_the_old_file_as_it_was(
    services: Services, clock, make_actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    build(services, clock)
    head = make_actor("head")
    target = tmp_path / "so.xlsx"
    target.write_bytes(b"the file from last week")
    with pytest.raises(Cancelled):
        services.statistics.write_register(head, *Q2, target, cancelled=lambda: True)
    with pytest.raises(Cancelled):
        services.statistics.write_report(head, *Q2, target, cancelled=lambda: True)
    assert target.read_bytes() == b"the file from last week"
    assert leftovers(tmp_path) == []

    def broken(tmp: Path) -> None:
        tmp.write_bytes(b"half a fi")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_private(target, broken)
    assert target.read_bytes() == b"the file from last week"
    assert leftovers(tmp_path) == []
    # Twice: the second export replaces the first whole.
    assert services.statistics.write_register(head, *Q2, target) == 6
    assert services.statistics.write_register(head, *Q2, target) == 6
    assert load_workbook(target).active.max_row == 9  # 6 cases, the header, the audit head
    if os.name == "posix":
        assert mode(target) == 0o600  # even where an older, readable file stood


def test_bad_targets_are_refused_in_vietnamese(
    services: Services, make_actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    head = make_actor("head")
    out = tmp_path / "out"
    (out / "thu-muc.xlsx").mkdir(parents=True)
    with pytest.raises(PaknError, match="Không có thư mục"):
        services.statistics.write_register(head, *Q2, out / "khong-co" / "so.xlsx")
    with pytest.raises(PaknError, match=r"\.xlsx hoặc \.pdf"):
        services.statistics.write_register(head, *Q2, out / "so.csv")
    with pytest.raises(PaknError, match="PDF"):
        services.statistics.write_overdue(head, out / "qua-han.xlsx")
    with pytest.raises(PaknError, match="là một thư mục"):
        services.statistics.write_report(head, *Q2, out / "thu-muc.xlsx")
    with pytest.raises(PaknError, match="sau ngày bắt đầu"):
        services.statistics.period(head, date(2026, 6, 30), date(2026, 4, 1))
    assert [p.name for p in out.iterdir()] == ["thu-muc.xlsx"]


def test_the_outgoing_register_export_holds_what_the_reader_may_read(
    services: Services, make_actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from accounts_fixture import staff_actor

    from pakn_desktop.domain.validation import IntakeForm

    staff = staff_actor(services)
    form = IntakeForm(
        "citizen", "Vũ Thị Nga", "Xã Đắk Hà", "0977123456", "", "Hỏi", "Nội dung", "walk_in"
    )
    code = services.cases.receive(form, staff).code
    services.cases.reject(
        code,
        "Không rõ nội dung.",
        staff,
        expected_version=services.case_reads.get(code, staff_actor(services)).version,
    )
    services.letters.issue(code, LetterKind.RECEIPT, staff)
    services.letters.issue(code, LetterKind.REJECTION, staff)
    head, desk = make_actor("head"), make_actor("front_desk")
    book = tmp_path / "so-van-ban-di.xlsx"
    assert services.statistics.write_letter_register(head, book, year=2026) == 2
    assert services.statistics.write_letter_register(desk, book, year=2026) == 1
    rows = list(load_workbook(book).active.iter_rows(min_row=3, values_only=True))
    assert [r[2] for r in rows[:-2]] == [LetterKind.RECEIPT.label]
    assert str(rows[-1][0]).startswith("Mốc nhật ký thay đổi khi lập: ")
    with pytest.raises(PermissionDenied):
        services.statistics.write_letter_register(make_actor("official"), book)
    with pytest.raises(PaknError, match="xlsx"):
        services.statistics.write_letter_register(head, tmp_path / "so.pdf")
    if os.name == "posix":
        assert mode(book) == 0o600
