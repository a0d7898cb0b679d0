"""The office itself: organisation details for letters, units, and the people who act.

Names change (the 2025 reorganisation merged provinces): all of it is data the office edits,
never code. The seed letter's office is the demo default."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from pakn_desktop.domain.clock import vn_now
from pakn_desktop.domain.enums import OPEN_STATES, Role
from pakn_desktop.domain.errors import PaknError, PermissionDenied, StaleEdit
from pakn_desktop.domain.permissions import Permission
from pakn_desktop.domain.places import province, province_named
from pakn_desktop.domain.reorganisation import dissolved_units
from pakn_desktop.domain.text import clean_text, fold
from pakn_desktop.domain.validation import validate_email
from pakn_desktop.domain.wording import official_choice
from pakn_desktop.store.db import Database
from pakn_desktop.store.models import AppMeta, Case, OfficeSettings, Unit, User

from .accounts import AccountForm, AccountService, Guard, actor_of, user_view
from .audit import AuditService
from .views import Actor, UnitView, UserView


@dataclass(frozen=True)
class OfficeDetails:
    # An office that exists today (Kon Tum is part of Quảng Ngãi since 1 July 2025, and the
    # Sở Lao động - Thương binh và Xã hội was merged, mostly into the Sở Nội vụ).
    parent_agency: str = "UBND TỈNH QUẢNG NGÃI"
    agency: str = "SỞ NỘI VỤ"
    agency_short: str = "Sở Nội vụ tỉnh Quảng Ngãi"
    symbol: str = "SNV-VP"
    place: str = "Quảng Ngãi"
    # The office's own contact line(s). Empty until the office enters them: the seed's numbers
    # belong to the province's service centre and to the telecom, not to the department.
    hotlines: str = ""
    portal_url: str = "https://dichvucong.quangngai.gov.vn"
    signer_authority: str = "KT. GIÁM ĐỐC"
    signer_title: str = "PHÓ GIÁM ĐỐC"
    signer_name: str = "Nguyễn Thanh Tính"
    archive_mark: str = "Lưu: VT, VP."
    # Where a person sends a reply by post and by e-mail (the clarification letter names them).
    postal_address: str = ""
    email: str = ""


# The row of ``app_meta`` that says an administrator was told the settings name dissolved units.
REORGANISATION_TOLD = "reorganisation_told"

# Units of a Sở Nội vụ after the March 2025 merge (labour, wages, social insurance and
# người có công came over from the Sở Lao động - Thương binh và Xã hội; social protection went
# to the Sở Y tế and vocational training to the Sở Giáo dục và Đào tạo, so neither is here).
# Only a new database gets them: an office's existing units are never renamed.
DEFAULT_UNITS = (
    "Văn phòng Sở",
    "Phòng Lao động - Việc làm",
    "Phòng Người có công",
    "Phòng Tổ chức, biên chế và tổ chức phi chính phủ",
    "Phòng Công chức, viên chức",
)

# What the first-run wizard suggests for a new office: the usual shape of a Sở Nội vụ's
# letters, and no province, place or signer (the person chooses the province; the governing
# body, the place name and the agency's name in sentences follow from it).
NEW_OFFICE = OfficeDetails(
    parent_agency="",
    agency="SỞ NỘI VỤ",
    agency_short="",
    symbol="SNV-VP",
    place="",
    portal_url="",
    signer_name="",
)


def province_suggestion(province_code: int | str | None, agency: str = "") -> dict[str, str]:
    """The settings that follow from the office's province: the governing body
    ("UBND TỈNH QUẢNG NGÃI"), the place name in dates ("Quảng Ngãi") and, for a Sở Nội vụ, the
    agency's name in sentences; empty for an unknown code."""
    p = province(province_code)
    if p is None:
        return {}
    out = {"parent_agency": f"UBND {p.full_name.upper()}", "place": p.name}
    if fold(agency) == "so noi vu":
        out["agency_short"] = f"Sở Nội vụ {p.full_name}"
    return out


SYSTEM_USERNAME = "admin"
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 240


class OfficeService:
    def __init__(
        self,
        db: Database,
        guard: Guard | None = None,
        audit: AuditService | None = None,
        accounts: AccountService | None = None,
        now: Callable[[], datetime] = vn_now,
    ) -> None:
        self._db = db
        self._guard = guard or Guard(db, now)
        self._audit = audit or AuditService(db, now, self._guard)
        self._accounts = accounts or AccountService(db, self._guard, self._audit, now)
        self._now = now

    def ensure_defaults(self) -> None:
        """A new database gets the demo office, its units and the bootstrap administrator
        account (no password: the first-run wizard gives it one), so the app works at once."""
        with self._db.write() as s:
            if s.get(OfficeSettings, 1) is None:
                s.add(OfficeSettings(id=1, version=1, **asdict(OfficeDetails())))
            if s.scalar(select(Unit.id).limit(1)) is None:
                for name in DEFAULT_UNITS:
                    s.add(Unit(name=name, active=True))
            if s.scalar(select(User.id).where(User.username == SYSTEM_USERNAME)) is None:
                s.add(
                    User(
                        username=SYSTEM_USERNAME,
                        full_name="Quản trị hệ thống",
                        role=Role.ADMIN.value,
                        roles=Role.ADMIN.value,
                        title="",
                        active=True,
                        version=1,
                    )
                )

    def needs_setup(self) -> bool:
        """True on the first start of an empty office database (one that already holds
        cases, such as one filled by ``pakn demo``, is in use and needs no wizard)."""
        with self._db.read() as s:
            row = s.get(OfficeSettings, 1)
            if row is not None and row.setup_done:
                return False
            return s.scalar(select(Case.id).limit(1)) is None

    def finish_setup(
        self,
        details: OfficeDetails | None,
        units: list[str] = (),  # type: ignore[assignment]
        people: list[tuple[str, str, Role, str, str]] = (),  # type: ignore[assignment]
        *,
        actor: Actor,
        expected_version: int,
    ) -> None:
        """Store what the first-run wizard asked (or keep the demo office when skipped), as
        the administrator the wizard created. ``people`` are (login, full name, role, title,
        unit name); they get their passwords from the administrator later.
        ``expected_version`` is the settings' version when the wizard opened: details saved
        meanwhile at another desk are not overwritten (StaleEdit)."""
        actor = self._guard.require(actor, Permission.OFFICE_SETTINGS)
        if details is not None:
            self.save_details(details, actor, expected_version=expected_version)
        existing = {u.name: u.id for u in self.units(include_inactive=True)}
        for name in units:
            name = clean_text(name)
            if name and name not in existing:
                existing[name] = self.add_unit(name, actor).id
        logins = {u.username for u in self.users(include_inactive=True)}
        for login, full_name, role, title, unit in people:
            if clean_text(login).lower() in logins:
                continue
            self.add_user(
                login, full_name, role, title=title, unit_id=existing.get(unit), actor=actor
            )
        with self._db.write() as s:
            row = s.get(OfficeSettings, 1)
            if row is not None and not row.setup_done:
                row.setup_done = True
                self._audit.record(
                    s, actor, "settings.setup_done", "office", "Hoàn tất thiết lập lần đầu."
                )

    def details(self) -> OfficeDetails:
        with self._db.read() as s:
            row = s.get(OfficeSettings, 1)
            if row is None:
                return OfficeDetails()
            return OfficeDetails(**{f.name: getattr(row, f.name) for f in fields(OfficeDetails)})

    def home_province_code(self) -> str:
        """The office's own province (named by its governing body or its place name), as a
        code in text; "" when the settings name none. Intake offers it first."""
        d = self.details()
        p = province_named([d.parent_agency, d.place])
        return str(p.code) if p else ""

    def reorganisation_notice(self, actor: Actor) -> str | None:
        """Told once, to an administrator: the office's settings name a province, department
        or district-level body that the 2025 reorganisation dissolved, and where to change
        them. None for anyone else, for settings naming today's units, and once told."""
        try:
            actor = self._guard.require(actor, Permission.OFFICE_SETTINGS)
        except PermissionDenied:
            return None
        try:
            found = self._tell_reorganisation_once()
        except IntegrityError:  # another desk told its administrator at the same moment
            return None
        if not found:
            return None
        return (
            "Thông tin cơ quan trong cài đặt còn ghi đơn vị không còn tồn tại sau sắp xếp "
            "đơn vị hành chính năm 2025: " + "; ".join(found) + ". Văn bản ban hành sẽ mang "
            "các tên này cho đến khi sửa: vào Cài đặt, thẻ «Cơ quan» (Ctrl+7)."
        )

    def _tell_reorganisation_once(self) -> list[str]:
        with self._db.read() as s:  # the usual answer, without taking the write lock
            row = s.get(OfficeSettings, 1)
            if row is None or s.get(AppMeta, REORGANISATION_TOLD) is not None:
                return []
            if not dissolved_units(getattr(row, f.name) or "" for f in fields(OfficeDetails)):
                return []
        with self._db.write() as s:
            row = s.get(OfficeSettings, 1)
            if row is None or s.get(AppMeta, REORGANISATION_TOLD) is not None:
                return []
            found = dissolved_units(getattr(row, f.name) or "" for f in fields(OfficeDetails))
            if found:
                s.add(AppMeta(key=REORGANISATION_TOLD, value=self._now().isoformat()[:19]))
            return found

    def settings_version(self) -> int:
        """The version a settings form read; saving with an older one is refused."""
        with self._db.read() as s:
            row = s.get(OfficeSettings, 1)
            return row.version if row is not None else 0

    def save_details(self, details: OfficeDetails, actor: Actor, *, expected_version: int) -> None:
        actor = self._guard.require(actor, Permission.OFFICE_SETTINGS)
        values = {f.name: clean_text(getattr(details, f.name)) for f in fields(OfficeDetails)}
        for key in ("agency", "symbol", "place"):
            if not values[key]:
                raise PaknError("Tên cơ quan ban hành, ký hiệu và địa danh không được để trống.")
        if values["email"] and not validate_email(values["email"]):
            raise PaknError(f"Địa chỉ thư điện tử của cơ quan «{values['email']}» không hợp lệ.")
        with self._db.write() as s:
            row = s.get(OfficeSettings, 1, with_for_update=True)
            if row is None:
                row = OfficeSettings(id=1, version=0, **asdict(OfficeDetails()))
                s.add(row)
            elif row.version != expected_version:
                raise StaleEdit(_STALE_SETTINGS)
            before = {k: getattr(row, k) for k in values}
            changed = {k: v for k, v in values.items() if before[k] != v}
            for k, v in values.items():
                setattr(row, k, v)
            row.version = (row.version or 0) + 1
            self._audit.record(
                s,
                actor,
                "settings.office",
                "office",
                "Sửa thông tin cơ quan: " + (", ".join(changed) or "không có thay đổi") + ".",
                before={k: before[k] for k in changed},
                after=changed,
            )

    def idle_lock_minutes(self) -> int:
        with self._db.read() as s:
            row = s.get(OfficeSettings, 1)
            return row.idle_lock_minutes if row is not None else 10

    def set_idle_lock_minutes(self, minutes: int, actor: Actor, *, expected_version: int) -> None:
        actor = self._guard.require(actor, Permission.OFFICE_SETTINGS)
        if not MIN_IDLE_MINUTES <= minutes <= MAX_IDLE_MINUTES:
            raise PaknError(
                f"Thời gian tự khóa phải từ {MIN_IDLE_MINUTES} đến {MAX_IDLE_MINUTES} phút."
            )
        with self._db.write() as s:
            row = s.get(OfficeSettings, 1, with_for_update=True)
            if row is None or row.version != expected_version:
                raise StaleEdit(_STALE_SETTINGS)
            before = row.idle_lock_minutes
            row.idle_lock_minutes = minutes
            row.version += 1
            self._audit.record(
                s,
                actor,
                "settings.idle_lock",
                "office",
                f"Đổi thời gian tự khóa màn hình: {before} → {minutes} phút.",
                before={"idle_lock_minutes": before},
                after={"idle_lock_minutes": minutes},
            )

    # --- signature and seal images ------------------------------------------------------
    def signature_images(self) -> tuple[bytes | None, bytes | None]:
        """The signer's signature image and the agency's seal (PNG), if set."""
        with self._db.read() as s:
            row = s.get(OfficeSettings, 1)
            if row is None:
                return None, None
            return row.signature_png, row.seal_png

    def set_signature_images(
        self,
        signature_png: bytes | None,
        seal_png: bytes | None,
        actor: Actor,
        *,
        expected_version: int,
    ) -> None:
        """Store the images drawn on digitally signed letters; None removes one. Each must be a
        PNG (transparent background), at most 2 MB."""
        actor = self._guard.require(actor, Permission.OFFICE_SETTINGS)
        for what, data in (("chữ ký", signature_png), ("con dấu", seal_png)):
            if data is None:
                continue
            if not data.startswith(b"\x89PNG\r\n\x1a\n"):
                raise PaknError(f"Ảnh {what} phải là tệp PNG (nền trong suốt).")
            if len(data) > 2 * 1024 * 1024:
                raise PaknError(f"Ảnh {what} quá lớn (tối đa 2 MB).")
        with self._db.write() as s:
            row = s.get(OfficeSettings, 1, with_for_update=True)
            if row is None:
                defaults = OfficeDetails()
                row = OfficeSettings(
                    id=1, **{f.name: getattr(defaults, f.name) for f in fields(OfficeDetails)}
                )
                s.add(row)
            elif row.version != expected_version:
                raise StaleEdit(_STALE_SETTINGS)
            # The record holds the images' SHA-256, not the images.
            before = {"signature_png": row.signature_png, "seal_png": row.seal_png}
            row.signature_png = signature_png
            row.seal_png = seal_png
            row.version = (row.version or 0) + 1
            self._audit.record(
                s,
                actor,
                "settings.signature_images",
                "office",
                "Đổi ảnh chữ ký, con dấu dùng khi ký số.",
                before=before,
                after={"signature_png": signature_png, "seal_png": seal_png},
            )

    # --- units ----------------------------------------------------------------------------
    def units(self, include_inactive: bool = False) -> list[UnitView]:
        with self._db.read() as s:
            q = select(Unit).order_by(Unit.name)
            if not include_inactive:
                q = q.where(Unit.active.is_(True))
            return [UnitView(u.id, u.name, u.active) for u in s.scalars(q)]

    def add_unit(self, name: str, actor: Actor) -> UnitView:
        actor = self._guard.require(actor, Permission.MANAGE_UNITS)
        name = clean_text(name)
        if not name or len(name) > 200:
            raise PaknError("Tên đơn vị không được để trống và không dài quá 200 ký tự.")
        with self._db.write() as s:
            if s.scalar(select(Unit.id).where(Unit.name == name)) is not None:
                raise PaknError(f"Đơn vị «{name}» đã có.")
            u = Unit(name=name, active=True)
            s.add(u)
            s.flush()
            self._audit.record(
                s,
                actor,
                "unit.add",
                f"unit:{u.id}",
                f"Thêm đơn vị «{name}».",
                after={"name": name, "active": True},
            )
            return UnitView(u.id, u.name, u.active)

    # --- users ----------------------------------------------------------------------------
    def users(self, role: Role | None = None, include_inactive: bool = False) -> list[UserView]:
        """Names, titles and units of the staff (no passwords, nothing of the citizens)."""
        with self._db.read() as s:
            q = select(User).order_by(User.full_name)
            if not include_inactive:
                q = q.where(User.active.is_(True))
            out = [user_view(u) for u in s.scalars(q)]
        if role is not None:
            out = [u for u in out if role.value in u.roles]
        return out

    def officials(self) -> list[UserView]:
        """People a case can be assigned to: handling officials and heads."""
        wanted = {Role.OFFICIAL.value, Role.HEAD.value}
        return [u for u in self.users() if wanted & set(u.roles)]

    def official_choices(self, *, workload: bool = True) -> list[tuple[str, int]]:
        """(label, user id) of ``officials()`` for a picker: name, unit and user name, so two
        people of the same name are told apart, and (``workload``) how many open PAKN each
        holds now (one grouped count)."""
        people = self.officials()
        with self._db.read() as s:
            units = {i: n for i, n in s.execute(select(Unit.id, Unit.name))}
            held: dict[int, int] = {}
            if workload:
                held = {
                    int(i or 0): int(n)
                    for i, n in s.execute(
                        select(Case.official_id, func.count())
                        .where(
                            Case.official_id.is_not(None),
                            Case.state.in_([st.value for st in OPEN_STATES]),
                        )
                        .group_by(Case.official_id)
                    )
                }
        return [
            (
                official_choice(
                    u.full_name,
                    units.get(u.unit_id, "") if u.unit_id is not None else "",
                    u.username,
                    held.get(u.id, 0) if workload else None,
                ),
                u.id,
            )
            for u in people
        ]

    def add_user(
        self,
        username: str,
        full_name: str,
        role: Role | frozenset[Role],
        *,
        title: str = "",
        unit_id: int | None = None,
        actor: Actor,
        password: str | None = None,
    ) -> UserView:
        """A new account (administrators only); see AccountService for the rest."""
        roles = frozenset({Role(role)}) if isinstance(role, str) else frozenset(role)
        return self._accounts.create(
            actor, AccountForm(username, full_name, roles, title, unit_id), password
        )

    def actor(self, username: str | None = None) -> Actor:
        """The active account by login name (the bootstrap administrator when none is given),
        for trusted in-process callers (tests, the self-test). The window and the CLI
        authenticate with a password instead (AccountService.authenticate)."""
        name = (username or SYSTEM_USERNAME).strip().lower()
        with self._db.read() as s:
            u = s.scalar(select(User).where(User.username == name))
            if u is None:
                raise PaknError(f"Không có người dùng «{name}».")
            if not u.active:
                raise PermissionDenied(f"Tài khoản «{name}» đã bị vô hiệu hóa.")
            return actor_of(u)


_STALE_SETTINGS = (
    "Thông tin cơ quan vừa được người khác cập nhật. Vui lòng tải lại rồi thực hiện lại."
)
