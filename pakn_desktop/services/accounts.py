"""Accounts: log in, passwords (argon2id), lockout, roles; and the guard every service asks.

Passwords are hashed with argon2id and never stored, logged or put in an audit record in
clear. Five failed attempts in a row lock the account for 15 minutes (recorded in the audit
chain). A deactivated account cannot log in and cannot act.

The guard (:class:`Guard`) resolves the acting account from the database on every call that
changes or shows a case: the roles come from the database, never from the caller's ``Actor``
object, and an actor without an account (``Actor(None, ...)``) is refused."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Table, bindparam, func, select
from sqlalchemy.orm import Session

from pakn_desktop.domain.clock import vn_now
from pakn_desktop.domain.enums import CaseState, Role
from pakn_desktop.domain.errors import (
    AuthenticationFailed,
    NotFound,
    PaknError,
    PermissionDenied,
    StaleEdit,
)
from pakn_desktop.domain.permissions import (
    ACTION_PERMISSION,
    Permission,
    Scope,
    format_roles,
    intake_still_editable,
    main_role,
    parse_roles,
    refusal,
    scope_of,
)
from pakn_desktop.domain.text import clean_text
from pakn_desktop.domain.workflow import Action
from pakn_desktop.store.db import STARTUP_LOCK_KEY, Database, advisory_xact_lock
from pakn_desktop.store.models import Unit, User

from .audit import AuditService
from .views import Actor, UserView

MIN_PASSWORD = 10
MAX_PASSWORD = 256
MAX_FAILURES = 5
LOCK_MINUTES = 15

# The account the guard last verified in this thread: the audit hook attributes changes made
# below the services (template rows) to it.
CURRENT_ACTOR: ContextVar[Actor | None] = ContextVar("pakn_current_actor", default=None)
CURRENT_CLOCK: ContextVar[Callable[[], datetime]] = ContextVar("pakn_current_clock", default=vn_now)

# argon2id with the library's defaults (RFC 9106 "low memory" profile).
_hasher = PasswordHasher()


ADMIN_ALREADY_MADE = (
    "Đã có quản trị hệ thống: tài khoản quản trị đầu tiên đã được tạo (có thể từ một máy khác). "
    "Hãy đăng nhập bằng tài khoản đó; tài khoản mới do quản trị hệ thống tạo."
)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_rules(password: str, username: str = "") -> None:
    if len(password) < MIN_PASSWORD:
        raise PaknError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.")
    if len(password) > MAX_PASSWORD:
        raise PaknError(f"Mật khẩu không được dài quá {MAX_PASSWORD} ký tự.")
    if password.strip() != password or not password.strip():
        raise PaknError("Mật khẩu không được bắt đầu hoặc kết thúc bằng khoảng trắng.")
    if username and username.lower() in password.lower():
        raise PaknError("Mật khẩu không được chứa tên đăng nhập.")


def actor_of(u: User) -> Actor:
    return _actor(u.id, u.full_name, u.roles, u.role)


def _actor(user_id: int, full_name: str, roles_text: str, role: str) -> Actor:
    roles = parse_roles(roles_text or role)
    main = main_role(roles)
    return Actor(user_id, full_name, main.value if main else "", frozenset(r.value for r in roles))


_USERS = cast(Table, User.__table__)
# What the guard reads of the acting account: one row, as plain values (no ORM object).
_ACCOUNT = select(
    _USERS.c.username, _USERS.c.full_name, _USERS.c.role, _USERS.c.roles, _USERS.c.active
).where(_USERS.c.id == bindparam("id"))


def user_view(u: User) -> UserView:
    roles = parse_roles(u.roles or u.role)
    return UserView(
        u.id,
        u.username,
        u.full_name,
        u.role,
        u.title,
        u.unit_id,
        u.active,
        roles=frozenset(r.value for r in roles),
        has_password=u.password_hash is not None,
        locked_until=u.locked_until,
        version=u.version,
    )


class Guard:
    """Who is acting, checked against the database on every call."""

    def __init__(self, db: Database, now: Callable[[], datetime] = vn_now) -> None:
        self._db = db
        self._now = now

    def resolve(self, s: Session, actor: Actor | None) -> User:
        u = s.get(User, _account_id(actor))
        _check_account(u is not None, u.active if u else False, u.username if u else "")
        assert u is not None
        return u

    def verified(self, s: Session, actor: Actor | None) -> Actor:
        """The acting account as stored, refused as :meth:`resolve` refuses it, read with one
        plain SELECT on ``s`` (the same transaction, so a deactivated or changed account is
        refused at once). An account already loaded as an object in ``s`` is taken from it,
        with the changes the session holds, as ``resolve`` would."""
        user_id = _account_id(actor)
        if s.identity_key(User, user_id) in s.identity_map:
            return actor_of(self.resolve(s, actor))
        row = s.execute(_ACCOUNT, {"id": user_id}).first()
        _check_account(row is not None, row.active if row else False, row.username if row else "")
        assert row is not None
        return _actor(user_id, row.full_name, row.roles, row.role)

    def require(
        self, actor: Actor | None, *permissions: Permission, session: Session | None = None
    ) -> Actor:
        """The acting account as stored (name and roles from the database), if it may use any
        of ``permissions``; raises PermissionDenied in Vietnamese otherwise."""
        if session is not None:
            return self._require(session, actor, permissions)
        with self._db.read() as s:
            return self._require(s, actor, permissions)

    def _require(self, s: Session, actor: Actor | None, permissions: Iterable[Permission]) -> Actor:
        verified = self.verified(s, actor)
        perms = list(permissions)
        if perms and not any(self.scope(verified, p) for p in perms):
            raise PermissionDenied(refusal(perms[0]))
        CURRENT_ACTOR.set(verified)
        CURRENT_CLOCK.set(self._now)
        return verified

    @staticmethod
    def scope(actor: Actor, permission: Permission) -> Scope | None:
        return scope_of(parse_roles(actor.roles), permission)

    def may(
        self,
        actor: Actor,
        action: Action,
        official_id: int | None,
        *,
        state: CaseState | None = None,
    ) -> bool:
        """What the window shows enabled for a case action (the service decides again);
        with the case's ``state``, editing is shown as the service allows it in that state."""
        if action is Action.EDIT:
            if self.scope(actor, Permission.CORRECT_CASE):
                return True
            return bool(self.scope(actor, Permission.EDIT_INTAKE)) and (
                state is None or intake_still_editable(state)
            )
        scope = self.scope(actor, ACTION_PERMISSION[action])
        return scope is Scope.ALL or (scope is Scope.ASSIGNED and official_id == actor.id)

    def check_case(self, actor: Actor, permission: Permission, official_id: int | None) -> None:
        """For a verified actor: an assigned-only permission holds on their own cases only."""
        scope = self.scope(actor, permission)
        if scope is None:
            raise PermissionDenied(refusal(permission))
        if scope is Scope.ASSIGNED and official_id != actor.id:
            raise PermissionDenied(refusal(permission, assigned_only=True))


def _account_id(actor: Actor | None) -> int:
    if actor is None or actor.id is None:
        raise PermissionDenied(
            "Thao tác cần một tài khoản đã đăng nhập; không chấp nhận người thực hiện "
            "không có tài khoản."
        )
    return actor.id


def _check_account(exists: bool, active: bool, username: str) -> None:
    if not exists:
        raise PermissionDenied("Tài khoản thực hiện thao tác không tồn tại.")
    if not active:
        raise PermissionDenied(
            f"Tài khoản «{username}» đã bị vô hiệu hóa, không được thực hiện thao tác."
        )


@dataclass(frozen=True)
class AccountForm:
    username: str
    full_name: str
    roles: frozenset[Role]
    title: str = ""
    unit_id: int | None = None


class AccountService:
    def __init__(
        self,
        db: Database,
        guard: Guard,
        audit: AuditService,
        now: Callable[[], datetime] = vn_now,
    ) -> None:
        self._db = db
        self._guard = guard
        self._audit = audit
        self._now = now

    # --- logging in --------------------------------------------------------------------
    def authenticate(self, username: str, password: str) -> Actor:
        """The account's actor if the password is right; five failures in a row lock the
        account for 15 minutes. Every failure and lock is recorded.

        A wrong password and an unknown name are answered alike, word for word and after
        the same work, so the log-in box does not tell which names exist: no attempts left,
        no "locked" or "deactivated" to whoever does not know the password. Only the right
        password learns that the account is locked or deactivated."""
        name = clean_text(username or "").lower()
        if not name or not password:
            raise AuthenticationFailed("Vui lòng nhập tên đăng nhập và mật khẩu.")
        now = self._now()
        with self._db.write() as s:
            # The row lock (PostgreSQL) counts failures from two desks exactly.
            u = s.scalar(select(User).where(User.username == name).with_for_update())
            if u is None or u.password_hash is None:
                # Same work as a real check, so timing does not tell which names exist.
                _dummy_verify(password)
                raise AuthenticationFailed(WRONG_LOGIN)
            who = actor_of(u)
            try:
                _hasher.verify(u.password_hash, password)
                ok = True
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                ok = False
            locked = u.locked_until is not None and u.locked_until > now
            if ok and not u.active:
                raise AuthenticationFailed(
                    f"Tài khoản «{name}» đã bị vô hiệu hóa. Vui lòng liên hệ quản trị hệ thống."
                )
            if ok and locked:
                assert u.locked_until is not None
                raise AuthenticationFailed(_locked_message(u.locked_until, now))
            if ok:
                if _hasher.check_needs_rehash(u.password_hash):
                    u.password_hash = hash_password(password)
                if u.failed_logins or u.locked_until:
                    u.failed_logins = 0
                    u.locked_until = None
                self._audit.record(s, who, "account.login", f"user:{u.id}", "Đăng nhập.")
                return who
            if locked or not u.active:
                raise AuthenticationFailed(WRONG_LOGIN)  # nothing to count while refused
            u.failed_logins += 1
            if u.failed_logins >= MAX_FAILURES:
                u.locked_until = now + timedelta(minutes=LOCK_MINUTES)
                u.failed_logins = 0
                self._audit.record(
                    s,
                    who,
                    "account.locked",
                    f"user:{u.id}",
                    f"Khóa tài khoản {LOCK_MINUTES} phút sau {MAX_FAILURES} lần nhập sai mật khẩu.",
                    after={"locked_until": u.locked_until},
                )
            else:
                self._audit.record(
                    s,
                    who,
                    "account.login_failed",
                    f"user:{u.id}",
                    f"Nhập sai mật khẩu (lần {u.failed_logins}).",
                )
        raise AuthenticationFailed(WRONG_LOGIN)

    def verify_password(self, actor: Actor, password: str) -> Actor:
        """Unlocking the window: the same person types their password again."""
        with self._db.read() as s:
            u = self._guard.resolve(s, actor)
            username = u.username
        return self.authenticate(username, password)

    # --- the first administrator -------------------------------------------------------
    def needs_first_admin(self) -> bool:
        with self._db.read() as s:
            return not s.scalar(
                select(func.count(User.id)).where(
                    User.active.is_(True),
                    User.password_hash.is_not(None),
                    User.roles.like(f"%{Role.ADMIN.value}%"),
                )
            )

    def check_first_admin(self, username: str, full_name: str, password: str) -> None:
        """What ``create_first_admin`` checks of the typed values, without making anything:
        the wizard says what is wrong on the administrator's page, before going on."""
        username = clean_text(username).lower()
        _check_username(username)
        if not clean_text(full_name):
            raise PaknError("Họ tên không được để trống.")
        check_password_rules(password, username)

    def create_first_admin(self, username: str, full_name: str, password: str) -> Actor:
        """The first-run wizard: allowed only while no administrator can log in. The
        bootstrap account ``admin`` (no password) gets the password, or a new account is
        made."""
        username = clean_text(username).lower()
        full_name = clean_text(full_name)
        _check_username(username)
        if not full_name:
            raise PaknError("Họ tên không được để trống.")
        with self._db.write() as s:
            # The start-up critical section (migration and seeding take the same key): desks
            # running the wizard together check and create one after the other, so the check
            # below sees an administrator another desk has just made (PostgreSQL; SQLite's
            # BEGIN IMMEDIATE already queues them).
            advisory_xact_lock(s, STARTUP_LOCK_KEY)
            has_admin = s.scalar(
                select(func.count(User.id)).where(
                    User.active.is_(True),
                    User.password_hash.is_not(None),
                    User.roles.like(f"%{Role.ADMIN.value}%"),
                )
            )
            if has_admin:
                raise PermissionDenied(ADMIN_ALREADY_MADE)
            check_password_rules(password, username)
            u = s.scalar(select(User).where(User.username == username))
            if u is not None and u.password_hash is not None:
                raise PaknError(f"Tên đăng nhập «{username}» đã có.")
            if u is None:
                u = User(username=username, title="", unit_id=None, version=1)
                s.add(u)
            u.full_name = full_name
            u.role = Role.ADMIN.value
            u.roles = format_roles(parse_roles(u.roles or "") | {Role.ADMIN})
            u.active = True
            u.password_hash = hash_password(password)
            u.password_changed_at = self._now()
            u.failed_logins = 0
            u.locked_until = None
            s.flush()
            who = actor_of(u)
            self._audit.record(
                s,
                who,
                "account.first_admin",
                f"user:{u.id}",
                f"Tạo quản trị hệ thống đầu tiên «{username}».",
                after=_account_state(u),
            )
            return who

    # --- administration ----------------------------------------------------------------
    def users(self, actor: Actor, include_inactive: bool = True) -> list[UserView]:
        self._guard.require(actor, Permission.MANAGE_ACCOUNTS)
        with self._db.read() as s:
            q = select(User).order_by(User.full_name)
            if not include_inactive:
                q = q.where(User.active.is_(True))
            return [user_view(u) for u in s.scalars(q)]

    def get(self, actor: Actor, user_id: int) -> UserView:
        self._guard.require(actor, Permission.MANAGE_ACCOUNTS)
        with self._db.read() as s:
            return user_view(_load(s, user_id))

    def create(self, actor: Actor, form: AccountForm, password: str | None) -> UserView:
        actor = self._guard.require(actor, Permission.MANAGE_ACCOUNTS)
        username = clean_text(form.username).lower()
        full_name = clean_text(form.full_name)
        _check_username(username)
        if not full_name or len(full_name) > 200:
            raise PaknError("Họ tên không được để trống và không dài quá 200 ký tự.")
        roles = _check_roles(form.roles)
        if password is not None:
            check_password_rules(password, username)
        with self._db.write() as s:
            if s.scalar(select(User.id).where(User.username == username)) is not None:
                raise PaknError(f"Tên đăng nhập «{username}» đã có.")
            _check_unit(s, form.unit_id)
            u = User(
                username=username,
                full_name=full_name,
                role=(main_role(roles) or Role.FRONT_DESK).value,
                roles=format_roles(roles),
                title=clean_text(form.title)[:100],
                unit_id=form.unit_id,
                active=True,
                password_hash=hash_password(password) if password is not None else None,
                password_changed_at=self._now() if password is not None else None,
                failed_logins=0,
                version=1,
            )
            s.add(u)
            s.flush()
            self._audit.record(
                s,
                actor,
                "account.create",
                f"user:{u.id}",
                f"Tạo tài khoản «{username}» ({full_name}).",
                after=_account_state(u),
            )
            return user_view(u)

    def edit(
        self, actor: Actor, user_id: int, form: AccountForm, *, expected_version: int
    ) -> UserView:
        actor = self._guard.require(actor, Permission.MANAGE_ACCOUNTS)
        full_name = clean_text(form.full_name)
        if not full_name or len(full_name) > 200:
            raise PaknError("Họ tên không được để trống và không dài quá 200 ký tự.")
        roles = _check_roles(form.roles)
        with self._db.write() as s:
            u = _load(s, user_id)
            _check_version(u, expected_version)
            _check_unit(s, form.unit_id)
            if u.id == actor.id and Role.ADMIN not in roles:
                raise PaknError("Không thể tự bỏ vai trò quản trị của chính mình.")
            before = _account_state(u)
            u.full_name = full_name
            u.roles = format_roles(roles)
            u.role = (main_role(roles) or Role.FRONT_DESK).value
            u.title = clean_text(form.title)[:100]
            u.unit_id = form.unit_id
            u.version += 1
            self._audit.record(
                s,
                actor,
                "account.edit",
                f"user:{u.id}",
                f"Sửa tài khoản «{u.username}».",
                before=before,
                after=_account_state(u),
            )
            return user_view(u)

    def set_active(
        self, actor: Actor, user_id: int, active: bool, *, expected_version: int
    ) -> UserView:
        actor = self._guard.require(actor, Permission.MANAGE_ACCOUNTS)
        with self._db.write() as s:
            u = _load(s, user_id)
            _check_version(u, expected_version)
            if u.id == actor.id and not active:
                raise PaknError("Không thể tự vô hiệu hóa tài khoản đang dùng.")
            if u.active == active:
                raise PaknError(
                    f"Tài khoản «{u.username}» đang hoạt động; không cần kích hoạt lại."
                    if active
                    else f"Tài khoản «{u.username}» đã bị vô hiệu hóa trước đó."
                )
            before = _account_state(u)
            u.active = active
            u.version += 1
            self._audit.record(
                s,
                actor,
                "account.activate" if active else "account.deactivate",
                f"user:{u.id}",
                ("Kích hoạt lại" if active else "Vô hiệu hóa") + f" tài khoản «{u.username}».",
                before=before,
                after=_account_state(u),
            )
            return user_view(u)

    def deactivate(self, actor: Actor, user_id: int, *, expected_version: int) -> UserView:
        return self.set_active(actor, user_id, False, expected_version=expected_version)

    def reset_password(
        self, actor: Actor, user_id: int, new_password: str, *, expected_version: int
    ) -> UserView:
        actor = self._guard.require(actor, Permission.MANAGE_ACCOUNTS)
        with self._db.write() as s:
            u = _load(s, user_id)
            _check_version(u, expected_version)
            check_password_rules(new_password, u.username)
            u.password_hash = hash_password(new_password)
            u.password_changed_at = self._now()
            u.failed_logins = 0
            u.locked_until = None
            u.version += 1
            # The record says that the password changed, never what it is.
            self._audit.record(
                s,
                actor,
                "account.reset_password",
                f"user:{u.id}",
                f"Đặt lại mật khẩu tài khoản «{u.username}» (mở khóa nếu đang bị khóa).",
            )
            return user_view(u)

    def change_own_password(self, actor: Actor, old_password: str, new_password: str) -> None:
        with self._db.read() as s:
            u = self._guard.resolve(s, actor)
            username = u.username
        check_password_rules(new_password, username)
        if old_password == new_password:
            raise PaknError("Mật khẩu mới phải khác mật khẩu cũ.")
        me = self.authenticate(username, old_password)
        with self._db.write() as s:
            u = _load(s, me.id or 0)
            u.password_hash = hash_password(new_password)
            u.password_changed_at = self._now()
            u.version += 1
            self._audit.record(
                s, me, "account.change_password", f"user:{u.id}", "Đổi mật khẩu của mình."
            )


# The hash of a password no account has, verified for an unknown user name so that it takes
# as long as a real account's check. Kept as text made once with this hasher's parameters
# (hashing it on import cost every start of the program a third of a second); a test checks
# that it still has the hasher's parameters, so the two checks cost the same.
DUMMY_PASSWORD = "pakn-desktop-dummy-password"
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$gxzefHaygYUPVk3J3Bbdvg"
    "$5mdpsXkkyz0v1zzHi9FbrjDKYOJZKta02kgdJi+5hB4"
)


# The one answer to a wrong password or an unknown name (the rule, not the count left).
WRONG_LOGIN = (
    f"Tên đăng nhập hoặc mật khẩu không đúng. Nhập sai {MAX_FAILURES} lần liên tiếp, "
    f"tài khoản sẽ bị khóa {LOCK_MINUTES} phút."
)


def _dummy_verify(password: str) -> None:
    with contextlib.suppress(VerifyMismatchError, VerificationError, InvalidHashError):
        _hasher.verify(_DUMMY_HASH, password)


def _locked_message(until: datetime, now: datetime) -> str:
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    return (
        f"Tài khoản đang bị khóa do nhập sai mật khẩu {MAX_FAILURES} lần. "
        f"Vui lòng thử lại sau {minutes} phút (lúc {until:%H:%M}) hoặc liên hệ quản trị hệ thống."
    )


def _load(s: Session, user_id: int) -> User:
    u = s.get(User, user_id, with_for_update=True)  # version checked under the row lock
    if u is None:
        raise NotFound("Không tìm thấy tài khoản.")
    return u


def _check_version(u: User, expected: int) -> None:
    if u.version != expected:
        raise StaleEdit(
            f"Tài khoản «{u.username}» vừa được người khác cập nhật. "
            "Vui lòng tải lại rồi thực hiện lại thao tác."
        )


def _check_username(username: str) -> None:
    if not username or len(username) > 64:
        raise PaknError("Tên đăng nhập không được để trống và không dài quá 64 ký tự.")
    if not all(c.isascii() and (c.isalnum() or c in "._-") for c in username):
        raise PaknError(
            "Tên đăng nhập chỉ gồm chữ cái không dấu, chữ số và các dấu chấm, gạch ngang, "
            "gạch dưới."
        )


def _check_roles(roles: Iterable[Role | str]) -> frozenset[Role]:
    parsed = parse_roles([str(r) for r in roles])
    if not parsed:
        raise PaknError("Vui lòng chọn ít nhất một vai trò cho tài khoản.")
    return parsed


def _check_unit(s: Session, unit_id: int | None) -> None:
    if unit_id is not None and s.get(Unit, unit_id) is None:
        raise PaknError("Không tìm thấy đơn vị đã chọn.")


def _account_state(u: User) -> dict[str, object]:
    return {
        "username": u.username,
        "full_name": u.full_name,
        "roles": u.roles,
        "title": u.title,
        "unit_id": u.unit_id,
        "active": u.active,
    }
