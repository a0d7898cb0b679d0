"""Windows paths and rights, checked here: a home folder named with Vietnamese letters and
spaces ("C:\\Users\\Nguyễn Văn A"), owner-only files through the file's ACL (the icacls
command, with the platform patched), paths beyond 260 characters, and the copy the first
start of a new version makes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pakn_desktop import paths
from pakn_desktop.services import Services, backups
from pakn_desktop.services.backups import UPGRADE_PREFIX, VERSION_NOTE, owner_only
from pakn_desktop.store import backup

HOME = "Nguyễn Văn A"

ROOT = Path(__file__).resolve().parents[1]

DRIVER = r"""
import json, sys
from pathlib import Path
from pakn_desktop.cli import main
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.paths import data_dir
from pakn_desktop.services import Services
from pakn_desktop.services import backups
sys.path.insert(0, sys.argv[1])
from accounts_fixture import staff_actor

svc = Services.open(None)  # the per-user file, as the window opens it
actor = staff_actor(svc)
admin = svc.office.actor()
account = svc.accounts.get(admin, actor.id)
svc.accounts.reset_password(admin, account.id, "Mat-khau-thu-nghiem",
                            expected_version=account.version)
form = IntakeForm("citizen", "Trần Thị Bình", "Thôn 2, xã Ngọc Hồi", "0912345678", "",
                  "Đường hỏng", "Đường liên thôn hỏng nặng.", "walk_in")
code = svc.cases.receive(form, actor).code
daily = svc.backups.daily(data_dir() / "backups", svc.now().date())
svc.close()
home = Path.home()
letters = home / "Tài liệu" / "Thư trả lời PAKN"
letters.mkdir(parents=True)
(home / "Sao lưu").mkdir()
auth = ["--user", "canbo", "--password-env", "PAKN_PW"]
import pakn_desktop
out = {
    "package": pakn_desktop.__file__,
    "home": str(home),
    "data": str(data_dir()),
    "db": str(data_dir() / "pakn.db"),
    "daily": str(daily),
    "letter_rc": main([*auth, "letter", code, "--kind", "receipt",
                       "-o", str(letters / "Phiếu nhận.pdf")]),
    "letter": str(letters / "Phiếu nhận.pdf"),
    "backup_rc": main([*auth, "backup", str(home / "Sao lưu" / "bản sao.db")]),
    "backup": str(home / "Sao lưu" / "bản sao.db"),
}
print("RESULT " + json.dumps(out), flush=True)
"""


def test_a_home_folder_with_vietnamese_letters_and_spaces(tmp_path: Path) -> None:
    home = tmp_path / HOME
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "PAKN_"))}
    env |= {"HOME": str(home), "PAKN_PW": "Mat-khau-thu-nghiem", "PYTHONIOENCODING": "utf-8"}
    # This checkout's package, whatever the environment has installed.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    script = tmp_path / "driver.py"
    script.write_text(DRIVER, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(Path(__file__).parent)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        env=env,
        cwd=ROOT,
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    assert line is not None, done.stderr[-3000:]
    out = json.loads(line[len("RESULT ") :])
    assert Path(out["package"]).is_relative_to(ROOT)
    data = Path(out["data"])
    # platformdirs puts the data under the home folder (on Windows: %LOCALAPPDATA%).
    assert data == home / ".local" / "share" / "pakn-desktop"
    assert Path(out["db"]).is_file() and Path(out["daily"]).is_file()
    assert (out["letter_rc"], out["backup_rc"]) == (0, 0), done.stderr[-2000:]
    assert Path(out["letter"]).read_bytes().startswith(b"%PDF")
    restored = backup.verify(Path(out["backup"]), None)
    assert restored.cases == 1
    for private in (out["db"], out["daily"], out["backup"]):
        assert Path(private).stat().st_mode & 0o777 == 0o600, private
    assert data.stat().st_mode & 0o777 == 0o700


@pytest.fixture
def on_windows(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The platform says Windows for the length of the call; icacls is recorded, not run."""
    calls: list[list[str]] = []

    def run(cmd: list[str], **_kw: object) -> subprocess.CompletedProcess[bytes]:
        calls.append(cmd)
        return subprocess.CompletedProcess(cmd, 0, b"", b"")

    monkeypatch.setattr(paths.subprocess, "run", run)
    monkeypatch.setenv("USERNAME", HOME)
    monkeypatch.setenv("USERDOMAIN", "UBND-XA-NGOC-HOI")
    monkeypatch.setattr(paths, "on_windows", lambda: True)
    monkeypatch.setattr(backups, "on_windows", lambda: True)
    return calls


def test_owner_only_on_windows_replaces_the_files_acl(
    tmp_path: Path, on_windows: list[list[str]]
) -> None:
    file = tmp_path / "bản sao.db"
    file.write_bytes(b"x")
    file.chmod(0o644)
    folder = tmp_path / "sao lưu"
    folder.mkdir()
    owner_only(file)
    owner_only(folder)
    owner_only(tmp_path / "không có.db")  # nothing to protect, nothing run
    account = f"UBND-XA-NGOC-HOI\\{HOME}"
    assert on_windows == [
        ["icacls", str(file), "/inheritance:r", "/grant:r", f"{account}:F", "/Q"],
        ["icacls", str(folder), "/inheritance:r", "/grant:r", f"{account}:(OI)(CI)F", "/Q"],
    ]
    assert file.stat().st_mode & 0o777 == 0o644  # the Unix mode is not what protects it there


def test_a_new_data_folder_on_windows_is_private_and_passes_it_on(
    tmp_path: Path, on_windows: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "AppData" / "Local" / "pakn-desktop"
    monkeypatch.setattr(paths, "user_data_dir", lambda *_a, **_k: str(target))
    assert paths.data_dir() == target
    assert paths.data_dir() == target  # already there: left as it is
    assert [c[1] for c in on_windows] == [str(target)]
    assert on_windows[0][4].endswith(":(OI)(CI)F")


def test_long_paths_get_the_windows_prefix() -> None:
    deep = "C:\\Users\\" + HOME + "\\" + "\\".join(["Hồ sơ PAKN năm 2026"] * 14) + "\\pakn.db"
    assert len(deep) > 260
    assert paths.long_path(deep, windows=True) == "\\\\?\\" + deep
    inside = "\\".join(["thư mục"] * 40) + "\\pakn.db"
    share = "\\\\may-chu\\du-lieu\\" + inside
    assert paths.long_path(share, windows=True) == "\\\\?\\UNC\\may-chu\\du-lieu\\" + inside
    # Short paths, paths already prefixed and other systems are left as they are.
    assert paths.long_path("C:\\Users\\A\\pakn.db", windows=True) == "C:\\Users\\A\\pakn.db"
    assert paths.long_path("\\\\?\\" + deep, windows=True) == "\\\\?\\" + deep
    assert paths.long_path(deep, windows=False) == deep
    # The prefix turns off Windows' clean-up, so the path is cleaned first.
    messy = "C:\\Users\\" + HOME + "\\.\\x\\..\\" + "\\".join(["a" * 50] * 6)
    assert paths.long_path(messy, windows=True) == (
        "\\\\?\\C:\\Users\\" + HOME + "\\" + "\\".join(["a" * 50] * 6)
    )


def test_a_backup_into_a_folder_deeper_than_260_characters(
    services: Services,
    admin,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    if not services.backups.available:
        pytest.skip("PostgreSQL offices back up with pg_dump")
    # Beyond Windows' 260 characters, within SQLite's own limit of 512 bytes for a file name
    # (a longer one is refused with a message, on every system).
    deep = tmp_path.joinpath(*["Sao lưu dữ liệu PAKN"] * 12)
    assert len(str(deep / "pakn-2026-04-24-093000.db")) > 300
    made = services.backups.now(deep, admin)
    assert made.parent == deep and backup.verify(made, None).cases >= 0
    assert services.backups.daily(deep, services.now().date()) is not None


def test_the_first_start_of_a_new_version_copies_the_database(
    services: Services, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    today = services.now().date()
    services.backups.daily(folder, today, version="0.1.0")
    if not services.backups.available:
        assert list(folder.iterdir()) == []
        return
    assert (folder / VERSION_NOTE).read_text(encoding="utf-8").strip() == "0.1.0"
    assert not list(folder.glob(UPGRADE_PREFIX + "*.db"))
    services.backups.daily(folder, today, version="0.1.0")  # the same version: no copy
    assert not list(folder.glob(UPGRADE_PREFIX + "*.db"))

    services.backups.daily(folder, today, version="0.2.0")
    (copy,) = folder.glob(UPGRADE_PREFIX + "*.db")
    assert copy.name.startswith(f"{UPGRADE_PREFIX}0.1.0-0.2.0-{today:%Y-%m-%d}-")
    assert backup.verify(copy, None).cases >= 0
    assert copy.stat().st_mode & 0o777 == 0o600
    assert (folder / VERSION_NOTE).read_text(encoding="utf-8").strip() == "0.2.0"
    services.backups.daily(folder, today, version="0.2.0")
    assert len(list(folder.glob(UPGRADE_PREFIX + "*.db"))) == 1
    # A rotation of the daily copies never takes it away.
    assert copy not in backup.rotate(folder, daily=0, monthly=0) and copy.exists()


def test_a_folder_used_before_versions_were_noted_counts_as_an_upgrade(
    services: Services, tmp_path: Path
) -> None:
    if not services.backups.available:
        pytest.skip("PostgreSQL offices back up with pg_dump")
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "pakn-2026-04-23.db").write_bytes(b"")  # a daily copy of an older version
    services.backups.daily(folder, services.now().date(), version="0.2.0")
    (copy,) = folder.glob(UPGRADE_PREFIX + "*.db")
    assert copy.name.startswith(f"{UPGRADE_PREFIX}cu-0.2.0-")


def test_on_windows_the_data_is_under_localappdata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What platformdirs answers on Windows for the call paths.data_dir makes: the local (not
    the roaming) application data, in the folder the installer's guide and uninstaller name."""
    import platformdirs.windows

    local = "C:\\Users\\" + HOME + "\\AppData\\Local"
    roaming = "C:\\Users\\" + HOME + "\\AppData\\Roaming"
    folders = {"CSIDL_LOCAL_APPDATA": local, "CSIDL_APPDATA": roaming}
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", folders.__getitem__)
    asked: list[str] = []

    def on_windows(*args: object, **kwargs: object) -> str:
        answer = platformdirs.windows.Windows(*args, **kwargs).user_data_dir  # type: ignore[arg-type]
        asked.append(answer)
        return str(tmp_path / "data")

    monkeypatch.setattr(paths, "user_data_dir", on_windows)
    paths.data_dir()
    assert asked == [os.path.join(local, "pakn-desktop")]
    nsi = (ROOT / "installer" / "pakn.nsi").read_text(encoding="utf-8")
    assert f'!define DATAFOLDER "{Path(asked[0]).name}"' in nsi
