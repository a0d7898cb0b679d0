"""Accounts: argon2id passwords, lockout, deactivation, roles, the first administrator."""

from __future__ import annotations

import os
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from builders import a_form
from sqlalchemy import select, text

from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.errors import AuthenticationFailed, NotFound, PaknError, PermissionDenied
from pakn_desktop.services import Services
from pakn_desktop.services.accounts import WRONG_LOGIN, AccountForm
from pakn_desktop.services.views import Actor
from pakn_desktop.store.models import AuditRecord, User

PASSWORD = "Hoa-sen-no-2026"
FORM = a_form(
    submitter_name="Lò Văn Pả",
    address="Xã Mô Rai, tỉnh Quảng Ngãi",
    phone="0911 222 333",
    title="Hỏi chế độ hỗ trợ",
    content="Đề nghị hướng dẫn thủ tục.",
)


@pytest.fixture
def desk(services: Services, admin: Actor):  # type: ignore[no-untyped-def]
    return services.accounts.create(
        admin, AccountForm("tiepnhan", "Hoàng Thị Yến", frozenset({Role.FRONT_DESK})), PASSWORD
    )


def audit_kinds(services: Services) -> list[str]:
    with services.db.read() as s:
        return list(s.scalars(select(AuditRecord.kind).order_by(AuditRecord.seq)))


def test_password_is_stored_as_argon2id_and_never_in_clear(services: Services, desk) -> None:  # type: ignore[no-untyped-def]
    actor = services.accounts.authenticate("TiepNhan ", PASSWORD)
    assert actor.id == desk.id and actor.roles == frozenset({"front_desk"})
    with services.db.read() as s:
        stored = s.scalar(select(User.password_hash).where(User.id == desk.id))
        assert stored is not None and stored.startswith("$argon2id$")
        # Nowhere in the database: not in the accounts, not in the audit chain.
        for table in ("users", "audit_log"):
            for row in s.execute(text(f"SELECT * FROM {table}")):
                assert all(PASSWORD not in str(v) for v in row), table
    assert desk.has_password and services.accounts.get(services.office.actor(), desk.id)


def test_short_or_bad_passwords_are_refused(services: Services, admin: Actor) -> None:
    form = AccountForm("chuyenvien", "Nguyễn Văn Hùng", frozenset({Role.OFFICIAL}))
    for bad, words in (
        ("ngan", "ít nhất 10"),
        (" co-khoang-trang ", "khoảng trắng"),
        ("xchuyenvien-2026", "tên đăng nhập"),
    ):
        with pytest.raises(PaknError, match=words):
            services.accounts.create(admin, form, bad)
    assert "chuyenvien" not in {u.username for u in services.office.users(include_inactive=True)}


def test_five_failures_lock_for_fifteen_minutes_and_are_recorded(
    services: Services, desk, clock
) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        with pytest.raises(AuthenticationFailed) as wrong:
            services.accounts.authenticate("tiepnhan", "sai-mat-khau")
        assert wrong.value.message == WRONG_LOGIN  # no count left to tell the name exists
    # Locked, a wrong password still hears the same (whoever guesses learns nothing).
    with pytest.raises(AuthenticationFailed) as wrong:
        services.accounts.authenticate("tiepnhan", "sai-nua")
    assert wrong.value.message == WRONG_LOGIN
    # Locked: even the right password is refused until the 15 minutes pass.
    with pytest.raises(AuthenticationFailed, match="bị khóa"):
        services.accounts.authenticate("tiepnhan", PASSWORD)
    clock.set(clock.current + timedelta(minutes=14))
    with pytest.raises(AuthenticationFailed, match="1 phút"):
        services.accounts.authenticate("tiepnhan", PASSWORD)
    clock.set(clock.current + timedelta(minutes=1, seconds=1))
    assert services.accounts.authenticate("tiepnhan", PASSWORD).id == desk.id
    kinds = audit_kinds(services)
    assert kinds.count("account.login_failed") == 4 and kinds.count("account.locked") == 1
    assert kinds[-1] == "account.login"
    assert services.audit.verify().ok


def test_unknown_user_and_wrong_password_say_the_same(services: Services, desk) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AuthenticationFailed) as unknown:
        services.accounts.authenticate("khongco", PASSWORD)
    with pytest.raises(AuthenticationFailed) as wrong:
        services.accounts.authenticate("tiepnhan", "sai-mat-khau")
    assert unknown.value.message == wrong.value.message == WRONG_LOGIN
    # Nor do a deactivated account or one without a password, to whoever lacks the password.
    desk_v = services.accounts.get(services.office.actor(), desk.id).version
    services.accounts.deactivate(services.office.actor(), desk.id, expected_version=desk_v)
    with pytest.raises(AuthenticationFailed) as inactive:
        services.accounts.authenticate("tiepnhan", "sai-mat-khau")
    assert inactive.value.message == WRONG_LOGIN
    with pytest.raises(AuthenticationFailed, match="Vui lòng nhập"):
        services.accounts.authenticate("", "")


def test_deactivated_account_cannot_log_in_nor_act(services: Services, admin: Actor, desk) -> None:  # type: ignore[no-untyped-def]
    actor = services.accounts.authenticate("tiepnhan", PASSWORD)
    services.accounts.deactivate(admin, desk.id, expected_version=desk.version)
    with pytest.raises(AuthenticationFailed, match="vô hiệu hóa"):
        services.accounts.authenticate("tiepnhan", PASSWORD)
    with pytest.raises(PermissionDenied, match="vô hiệu hóa"):
        services.cases.receive(FORM, actor)  # a session opened before: refused at once
    with pytest.raises(PermissionDenied):
        services.office.actor("tiepnhan")
    with pytest.raises(PaknError, match="đã bị vô hiệu hóa"):
        again = services.accounts.get(admin, desk.id)
        services.accounts.deactivate(admin, desk.id, expected_version=again.version)
    again = services.accounts.get(admin, desk.id)
    services.accounts.set_active(admin, desk.id, True, expected_version=again.version)
    assert services.accounts.authenticate("tiepnhan", PASSWORD).id == desk.id


def test_invented_actor_is_refused_and_nothing_written(services: Services) -> None:
    fake = Actor(None, "Giám đốc Sở (giả)", "admin", frozenset({"admin", "head"}))
    before = audit_kinds(services)
    with pytest.raises(PermissionDenied, match="tài khoản"):
        services.cases.receive(FORM, fake)
    with pytest.raises(PermissionDenied):
        services.office.add_unit("Phòng giả", fake)
    with pytest.raises(PermissionDenied):
        services.accounts.create(fake, AccountForm("x1", "X", frozenset({Role.ADMIN})), None)
    with pytest.raises(PermissionDenied, match="không tồn tại"):
        services.cases.receive(FORM, Actor(9999, "Không có"))
    assert audit_kinds(services) == before


def test_admin_edits_roles_resets_password_and_stale_edits_are_refused(
    services: Services, admin: Actor, desk
) -> None:  # type: ignore[no-untyped-def]
    form = AccountForm("tiepnhan", "Hoàng Thị Yến", frozenset({Role.FRONT_DESK, Role.HEAD}))
    edited = services.accounts.edit(admin, desk.id, form, expected_version=desk.version)
    assert edited.roles == frozenset({"front_desk", "head"}) and edited.role == "head"
    with pytest.raises(PaknError, match="vừa được người khác cập nhật"):
        services.accounts.edit(admin, desk.id, form, expected_version=desk.version)
    with pytest.raises(PaknError, match="ít nhất một vai trò"):
        services.accounts.edit(
            admin, desk.id, AccountForm("tiepnhan", "Y", frozenset()), expected_version=2
        )
    services.accounts.reset_password(
        admin, desk.id, "Mat-khau-moi-2026", expected_version=edited.version
    )
    with pytest.raises(AuthenticationFailed):
        services.accounts.authenticate("tiepnhan", PASSWORD)
    both = services.accounts.authenticate("tiepnhan", "Mat-khau-moi-2026")
    assert both.has("head") and both.has("front_desk")
    # The administrator cannot lock themselves out by mistake.
    me = services.accounts.get(admin, admin.id or 0)
    with pytest.raises(PaknError, match="chính mình"):
        services.accounts.edit(
            admin,
            me.id,
            AccountForm(me.username, me.full_name, frozenset({Role.HEAD})),
            expected_version=me.version,
        )
    with pytest.raises(PaknError, match="tự vô hiệu hóa"):
        services.accounts.deactivate(admin, me.id, expected_version=me.version)
    with pytest.raises(PaknError, match="đã có"):
        services.accounts.create(admin, AccountForm("tiepnhan", "Trùng", form.roles), None)
    with pytest.raises(NotFound):
        services.accounts.get(admin, 99999)
    kinds = audit_kinds(services)
    assert {"account.create", "account.edit", "account.reset_password"} <= set(kinds)


def test_people_change_their_own_password(services: Services, desk) -> None:  # type: ignore[no-untyped-def]
    me = services.accounts.authenticate("tiepnhan", PASSWORD)
    with pytest.raises(AuthenticationFailed):
        services.accounts.change_own_password(me, "sai-mat-khau", "Mat-khau-rieng-01")
    with pytest.raises(PaknError, match="khác mật khẩu cũ"):
        services.accounts.change_own_password(me, PASSWORD, PASSWORD)
    services.accounts.change_own_password(me, PASSWORD, "Mat-khau-rieng-01")
    assert services.accounts.authenticate("tiepnhan", "Mat-khau-rieng-01").id == me.id
    assert "account.change_password" in audit_kinds(services)


def test_first_administrator_once_only(services: Services) -> None:
    assert services.accounts.needs_first_admin()
    with pytest.raises(PaknError, match="ít nhất 10"):
        services.accounts.create_first_admin("admin", "Quản trị", "ngan")
    admin = services.accounts.create_first_admin("admin", "Phan Văn Tâm", "Quan-tri-2026!")
    assert admin.roles == frozenset({"admin"}) and not services.accounts.needs_first_admin()
    assert services.accounts.authenticate("admin", "Quan-tri-2026!").name == "Phan Văn Tâm"
    with pytest.raises(PermissionDenied, match="Đã có quản trị"):
        services.accounts.create_first_admin("khac", "Người khác", "Mat-khau-khac-01")


def test_case_assignment_only_to_officials_and_heads(
    services: Services, actor: Actor, desk
) -> None:  # type: ignore[no-untyped-def]
    c = services.cases.receive(FORM, actor)
    with pytest.raises(PaknError, match="không phải công chức"):
        services.cases.forward(c.code, desk.id, actor, expected_version=c.version)
    assert [u.username for u in services.office.officials()] == ["canbo"]


def test_locked_until_survives_a_restart(services: Services, desk, db_url: str, clock) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            services.accounts.authenticate("tiepnhan", "sai-mat-khau")
    other = Services.open(db_url, now=clock)  # another desk, or the app started again
    try:
        with pytest.raises(AuthenticationFailed, match="bị khóa"):
            other.accounts.authenticate("tiepnhan", PASSWORD)
        locked = other.accounts.get(other.office.actor(), desk.id).locked_until
        assert locked == datetime(2026, 4, 24, 9, 45)
    finally:
        other.close()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_data_folder_database_and_backups_are_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pakn_desktop.paths import data_dir

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    folder = data_dir()
    assert folder.is_relative_to(tmp_path) and mode(folder) == 0o700
    os.chmod(folder, 0o755)  # made readable by someone: put back at the next start
    assert mode(data_dir()) == 0o700
    db_file = tmp_path / "office" / "pakn.db"
    services = Services.open(f"sqlite:///{db_file}")
    try:
        admin = services.office.actor()
        services.office.add_unit("Phòng mới", admin)
        assert mode(db_file) == 0o600
        for side in (Path(f"{db_file}-wal"), Path(f"{db_file}-shm")):
            assert not side.exists() or mode(side) == 0o600
        copy = services.backups.now(tmp_path / "copies", admin)
        daily = services.backups.daily(tmp_path / "daily", date(2026, 4, 24))
        assert mode(copy) == 0o600 and daily is not None and mode(daily) == 0o600
    finally:
        services.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_failures_from_two_desks_at_once_are_all_counted(
    services: Services, desk, db_url: str, clock
) -> None:  # type: ignore[no-untyped-def]
    import threading

    desks = [Services.open(db_url, now=clock) for _ in range(2)]
    barrier = threading.Barrier(2)

    def fail_twice(d: Services) -> None:
        barrier.wait()
        for _ in range(2):
            with pytest.raises(AuthenticationFailed):
                d.accounts.authenticate("tiepnhan", "sai-mat-khau")

    threads = [threading.Thread(target=fail_twice, args=(d,)) for d in desks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for d in desks:
        d.close()
    assert audit_kinds(services).count("account.login_failed") == 4
    with pytest.raises(AuthenticationFailed, match="khóa"):  # the fifth locks
        services.accounts.authenticate("tiepnhan", "sai-mat-khau")
    with pytest.raises(AuthenticationFailed, match="bị khóa"):
        services.accounts.authenticate("tiepnhan", PASSWORD)
