"""Desk PAKN entered into the national PAKN system: the list still to enter, fields ready to
copy, the mark with the system's code (history), the xlsx export and the queue filter."""

from __future__ import annotations

from pathlib import Path

import pytest
from accounts_fixture import staff_actor
from openpyxl import load_workbook

from pakn_desktop.domain.errors import NotFound, PaknError, PermissionDenied, StaleCase
from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.services.national_entry import ENTRY_FIELDS


def form(channel: str, **kw: str) -> IntakeForm:
    base = dict(
        submitter_kind="business",
        submitter_name="Công ty TNHH Hoà Bình",
        address="Số 5 Bà Triệu, phường Kon Tum",
        phone="0260 3862 123",
        email="lienhe@hoabinh.vn",
        title="Thủ tục cấp phép lao động kéo dài",
        content="Hồ sơ cấp phép nộp ngày 02/03/2026 chưa có kết quả. Liên hệ 0912 345 678.",
        channel=channel,
        topic="Lao động, việc làm",
    )
    base.update(kw)
    return IntakeForm(**base)


@pytest.fixture
def actor(services: Services):  # type: ignore[no-untyped-def]
    return staff_actor(services)


def test_pending_lists_desk_cases_not_yet_entered(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    letter = services.cases.receive(form("letter"), actor)
    phone = services.cases.receive(form("phone", title="Điện thoại phản ánh"), actor)
    services.cases.receive(form("national_portal", portal_code="H38.1"), actor)
    assert [r.code for r in services.national.pending(actor)] == [letter.code, phone.code]
    assert services.national.count_pending(actor) == 2
    assert services.case_reads.count(CaseFilter(national_pending=True), staff_actor(services)) == 2
    queue = services.case_reads.queue(
        CaseFilter(national_pending=True, open_only=True), staff_actor(services)
    )
    assert {r.code for r in queue} == {letter.code, phone.code}


def test_sheet_in_portal_order_with_personal_data_out_of_the_content(
    services: Services, actor
) -> None:  # type: ignore[no-untyped-def]
    case = services.cases.receive(form("letter"), actor)
    sheet = services.national.sheet(case.code, actor)
    assert [f.label for f in sheet.fields] == [label for _k, label in ENTRY_FIELDS]
    assert sheet.value("submitter_kind") == "Doanh nghiệp"
    assert sheet.value("phone") == "0260 3862 123"
    assert "0912 345 678" not in sheet.value("content")
    assert "[số điện thoại]" in sheet.value("content")
    assert sheet.personal_data == ["Số điện thoại"]
    assert sheet.value("channel") == "Văn bản"
    block = sheet.block()
    assert block.splitlines()[0] == "Đối tượng PAKN: Doanh nghiệp"
    assert f"Mã PAKN của cơ quan: {case.code}" in block


def test_mark_entered_records_history_and_leaves_the_list(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    case = services.cases.receive(form("email"), actor)
    done = services.national.mark_entered(
        case.code, " 000.00.21.H38-260424-0001 ", actor, expected_version=case.version
    )
    assert done.portal_code == "000.00.21.H38-260424-0001"
    assert done.events[-1].action == "national_entry"
    assert "000.00.21.H38-260424-0001" in done.events[-1].summary
    assert services.national.count_pending(actor) == 0
    # The person can now look it up by the system's code too.
    assert (
        services.case_reads.lookup("000.00.21.H38-260424-0001", staff_actor(services))[0].code
        == case.code
    )


def test_mark_entered_refuses_bad_input(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    a = services.cases.receive(form("letter"), actor)
    b = services.cases.receive(form("fax", title="Fax phản ánh"), actor)
    portal = services.cases.receive(form("national_portal", portal_code="H38.9"), actor)
    with pytest.raises(PaknError, match="mã PAKN mà Hệ thống đã cấp"):
        services.national.mark_entered(
            a.code,
            "  ",
            actor,
            expected_version=services.case_reads.get(a.code, staff_actor(services)).version,
        )
    with pytest.raises(PaknError, match="chỉ gồm chữ, số"):
        services.national.mark_entered(
            a.code,
            "mã có dấu cách",
            actor,
            expected_version=services.case_reads.get(a.code, staff_actor(services)).version,
        )
    with pytest.raises(PaknError, match="nhận từ Cổng"):
        services.national.mark_entered(
            portal.code,
            "H38.10",
            actor,
            expected_version=services.case_reads.get(portal.code, staff_actor(services)).version,
        )
    with pytest.raises(PaknError, match="đã là mã của PAKN"):
        services.national.mark_entered(
            a.code,
            "h38.9",
            actor,
            expected_version=services.case_reads.get(a.code, staff_actor(services)).version,
        )
    with pytest.raises(NotFound):
        services.national.mark_entered("26-999999-9", "X1", actor, expected_version=1)
    services.national.mark_entered(
        a.code,
        "X1",
        actor,
        expected_version=services.case_reads.get(a.code, staff_actor(services)).version,
    )
    with pytest.raises(PaknError, match="đã được ghi nhận"):  # twice
        services.national.mark_entered(
            a.code,
            "X2",
            actor,
            expected_version=services.case_reads.get(a.code, staff_actor(services)).version,
        )
    with pytest.raises(StaleCase):  # another desk changed it since it was read
        services.national.mark_entered(b.code, "X3", actor, expected_version=b.version - 1)
    assert services.case_reads.get(b.code, staff_actor(services)).portal_code == ""


def test_export_selected_as_xlsx_in_portal_order(services: Services, actor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = services.cases.receive(form("letter"), actor)
    b = services.cases.receive(form("phone", submitter_kind="citizen", title="Lần hai"), actor)
    path = tmp_path / "nhap-he-thong.xlsx"
    path.write_bytes(b"old")
    assert services.national.export_xlsx([b.code, a.code], path, actor) == 2
    ws = load_workbook(path).active
    assert ws is not None
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == [label for _k, label in ENTRY_FIELDS]
    assert rows[1][0] == "Người dân" and rows[1][5] == "Lần hai"
    assert rows[2][11] == a.code
    with pytest.raises(PaknError, match="Chưa chọn"):
        services.national.export_xlsx([], path, actor)


@pytest.mark.parametrize("role", ["head", "official", "admin"])
def test_national_entry_is_the_front_desks(
    services: Services,
    actor,  # type: ignore[no-untyped-def]
    make_actor,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    role: str,
) -> None:
    case = services.cases.receive(form("letter"), actor)
    other = make_actor(role)
    path = tmp_path / "nhap.xlsx"
    refused = "không có quyền tiếp nhận PAKN"
    for call in (
        lambda: services.national.pending(other),
        lambda: services.national.count_pending(other),
        lambda: services.national.sheet(case.code, other),
        lambda: services.national.export_xlsx([case.code], path, other),
        lambda: services.national.mark_entered(
            case.code, "X1", other, expected_version=case.version
        ),
    ):
        with pytest.raises(PermissionDenied, match=refused):
            call()
    assert not path.exists()
    after = services.case_reads.get(case.code, staff_actor(services))
    assert after.portal_code == "" and after.version == case.version
    assert services.national.count_pending(actor) == 1
    # The front desk alone is enough, and the history it writes is in the audit chain.
    desk = make_actor("front_desk")
    services.national.mark_entered(case.code, "X1", desk, expected_version=case.version)
    check = services.audit.verify()
    assert check.ok, check.message
