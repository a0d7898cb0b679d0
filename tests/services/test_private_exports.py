"""Every export holds personal data, so each is written whole and readable by its owner only
(0600 on POSIX), whatever the umask: the audit log, a person's data, the national entry sheet,
the publishing page (and the statistics and letters, tested with their services)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.services.files import write_private

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0o022)  # what would make every new file readable by all
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _case(services: Services, actor) -> str:  # type: ignore[no-untyped-def]
    return services.cases.receive(
        IntakeForm(
            "citizen",
            "Trần Thị Mai",
            "Xã Đắk Hà",
            "0905 246 810",
            "",
            "Hỏi chế độ",
            "Đề nghị hướng dẫn hồ sơ.",
            "walk_in",
        ),
        actor,
    ).code


def test_the_audit_export_is_owner_only(
    services: Services, actor, tmp_path: Path, open_umask: None
) -> None:  # type: ignore[no-untyped-def]
    _case(services, actor)
    out = tmp_path / "nhat-ky.csv"
    n = services.audit.export_csv(actor, out)
    assert n > 0 and _mode(out) == 0o600
    assert "Người thực hiện" in out.read_text(encoding="utf-8-sig")


def test_a_persons_data_exports_are_owner_only(
    services: Services, actor, tmp_path: Path, open_umask: None
) -> None:  # type: ignore[no-untyped-def]
    _case(services, actor)
    for export, name in (
        (services.personal_data.export_json, "du-lieu.json"),
        (services.personal_data.export_pdf, "du-lieu.pdf"),
    ):
        out = tmp_path / name
        data = export("0905246810", actor, "Người dân yêu cầu", path=out)
        assert out.read_bytes() == data and _mode(out) == 0o600


def test_the_national_entry_sheet_is_owner_only(
    services: Services, actor, tmp_path: Path, open_umask: None
) -> None:  # type: ignore[no-untyped-def]
    code = _case(services, actor)
    out = tmp_path / "nhap-len-he-thong.xlsx"
    assert services.national.export_xlsx([code], out, actor) == 1
    assert _mode(out) == 0o600


def test_a_failed_export_leaves_the_old_file_and_no_scrap(tmp_path: Path, open_umask: None) -> None:
    out = tmp_path / "bao-cao.csv"
    out.write_text("bản cũ")

    def fail(tmp: Path) -> None:
        tmp.write_text("nửa chừng")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_private(out, fail)
    assert out.read_text() == "bản cũ"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.csv"]
    with pytest.raises(PaknError, match="Không có thư mục"):
        write_private(tmp_path / "khong-co" / "x.csv", lambda tmp: tmp.write_text("x"))
