"""The office itself: organisation details for letters, units, and the people who act.

Names change (the 2025 reorganisation merged provinces): all of it is data the office edits,
never code. The seed letter's office is the demo default."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from sqlalchemy import select

from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.text import clean_text
from pakn_desktop.store.db import Database
from pakn_desktop.store.models import Case, OfficeSettings, Unit, User

from .views import Actor, UnitView, UserView


@dataclass(frozen=True)
class OfficeDetails:
    parent_agency: str = "UBND TỈNH KON TUM"
    agency: str = "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
    agency_short: str = "Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum"
    symbol: str = "SLĐTBXH-HCTH"
    place: str = "Kon Tum"
    # The office's own contact line(s). Empty until the office enters them: the seed's numbers
    # belong to the province's service centre and to the telecom, not to the department.
    hotlines: str = ""
    portal_url: str = "https://dichvucong.kontum.gov.vn"
    signer_authority: str = "KT. GIÁM ĐỐC"
    signer_title: str = "PHÓ GIÁM ĐỐC"
    signer_name: str = "Nguyễn Thanh Tính"
    archive_mark: str = "Lưu: VT, HCTH."


DEFAULT_UNITS = (
    "Văn phòng Sở",
    "Phòng Lao động - Việc làm",
    "Phòng Người có công",
    "Phòng Bảo trợ xã hội",
    "Phòng Giáo dục nghề nghiệp",
)

SYSTEM_USERNAME = "admin"


class OfficeService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def ensure_defaults(self) -> None:
        """A new database gets the demo office, its units and an administrator, so the app
        works at once; the first-run wizard and settings change them."""
        with self._db.write() as s:
            if s.get(OfficeSettings, 1) is None:
                s.add(OfficeSettings(id=1, **asdict(OfficeDetails())))
            if s.scalar(select(Unit.id).limit(1)) is None:
                for name in DEFAULT_UNITS:
                    s.add(Unit(name=name, active=True))
            if s.scalar(select(User.id).where(User.username == SYSTEM_USERNAME)) is None:
                s.add(
                    User(
                        username=SYSTEM_USERNAME,
                        full_name="Quản trị hệ thống",
                        role=Role.ADMIN.value,
                        title="",
                        active=True,
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
    ) -> None:
        """Store what the first-run wizard asked (or keep the demo office when skipped).
        ``people`` are (login, full name, role, title, unit name)."""
        if details is not None:
            self.save_details(details)
        existing = {u.name: u.id for u in self.units(include_inactive=True)}
        for name in units:
            name = clean_text(name)
            if name and name not in existing:
                existing[name] = self.add_unit(name).id
        logins = {u.username for u in self.users(include_inactive=True)}
        for login, full_name, role, title, unit in people:
            if clean_text(login).lower() in logins:
                continue
            self.add_user(login, full_name, role, title=title, unit_id=existing.get(unit))
        with self._db.write() as s:
            row = s.get(OfficeSettings, 1)
            if row is not None:
                row.setup_done = True

    def details(self) -> OfficeDetails:
        with self._db.read() as s:
            row = s.get(OfficeSettings, 1)
            if row is None:
                return OfficeDetails()
            return OfficeDetails(**{f.name: getattr(row, f.name) for f in fields(OfficeDetails)})

    def save_details(self, details: OfficeDetails) -> None:
        values = {f.name: clean_text(getattr(details, f.name)) for f in fields(OfficeDetails)}
        for key in ("agency", "symbol", "place"):
            if not values[key]:
                raise PaknError("Tên cơ quan ban hành, ký hiệu và địa danh không được để trống.")
        with self._db.write() as s:
            row = s.get(OfficeSettings, 1)
            if row is None:
                s.add(OfficeSettings(id=1, **values))
            else:
                for k, v in values.items():
                    setattr(row, k, v)

    # --- signature and seal images ------------------------------------------------------
    def signature_images(self) -> tuple[bytes | None, bytes | None]:
        """The signer's signature image and the agency's seal (PNG), if set."""
        with self._db.read() as s:
            row = s.get(OfficeSettings, 1)
            if row is None:
                return None, None
            return row.signature_png, row.seal_png

    def set_signature_images(
        self, signature_png: bytes | None, seal_png: bytes | None, actor: Actor | None = None
    ) -> None:
        """Store the images drawn on digitally signed letters; None removes one. Each must be a
        PNG (transparent background), at most 2 MB."""
        for what, data in (("chữ ký", signature_png), ("con dấu", seal_png)):
            if data is None:
                continue
            if not data.startswith(b"\x89PNG\r\n\x1a\n"):
                raise PaknError(f"Ảnh {what} phải là tệp PNG (nền trong suốt).")
            if len(data) > 2 * 1024 * 1024:
                raise PaknError(f"Ảnh {what} quá lớn (tối đa 2 MB).")
        with self._db.write() as s:
            row = s.get(OfficeSettings, 1)
            if row is None:
                defaults = OfficeDetails()
                row = OfficeSettings(
                    id=1, **{f.name: getattr(defaults, f.name) for f in fields(OfficeDetails)}
                )
                s.add(row)
            row.signature_png = signature_png
            row.seal_png = seal_png

    # --- units ----------------------------------------------------------------------------
    def units(self, include_inactive: bool = False) -> list[UnitView]:
        with self._db.read() as s:
            q = select(Unit).order_by(Unit.name)
            if not include_inactive:
                q = q.where(Unit.active.is_(True))
            return [UnitView(u.id, u.name, u.active) for u in s.scalars(q)]

    def add_unit(self, name: str) -> UnitView:
        name = clean_text(name)
        if not name or len(name) > 200:
            raise PaknError("Tên đơn vị không được để trống và không dài quá 200 ký tự.")
        with self._db.write() as s:
            if s.scalar(select(Unit.id).where(Unit.name == name)) is not None:
                raise PaknError(f"Đơn vị «{name}» đã có.")
            u = Unit(name=name, active=True)
            s.add(u)
            s.flush()
            return UnitView(u.id, u.name, u.active)

    # --- users ----------------------------------------------------------------------------
    def users(self, role: Role | None = None, include_inactive: bool = False) -> list[UserView]:
        with self._db.read() as s:
            q = select(User).order_by(User.full_name)
            if role is not None:
                q = q.where(User.role == role.value)
            if not include_inactive:
                q = q.where(User.active.is_(True))
            return [_user_view(u) for u in s.scalars(q)]

    def officials(self) -> list[UserView]:
        """People a case can be assigned to: handling officials and heads."""
        return [u for u in self.users() if u.role in (Role.OFFICIAL.value, Role.HEAD.value)]

    def add_user(
        self,
        username: str,
        full_name: str,
        role: Role,
        *,
        title: str = "",
        unit_id: int | None = None,
    ) -> UserView:
        username = clean_text(username).lower()
        full_name = clean_text(full_name)
        if not username or not full_name:
            raise PaknError("Tên đăng nhập và họ tên không được để trống.")
        with self._db.write() as s:
            if s.scalar(select(User.id).where(User.username == username)) is not None:
                raise PaknError(f"Tên đăng nhập «{username}» đã có.")
            u = User(
                username=username,
                full_name=full_name,
                role=Role(role).value,
                title=clean_text(title),
                unit_id=unit_id,
                active=True,
            )
            s.add(u)
            s.flush()
            return _user_view(u)

    def actor(self, username: str | None = None) -> Actor:
        """The acting user by login name (the administrator when none is given)."""
        name = (username or SYSTEM_USERNAME).strip().lower()
        with self._db.read() as s:
            u = s.scalar(select(User).where(User.username == name))
            if u is None:
                raise PaknError(f"Không có người dùng «{name}».")
            return Actor(u.id, u.full_name, u.role)


def _user_view(u: User) -> UserView:
    return UserView(u.id, u.username, u.full_name, u.role, u.title, u.unit_id, u.active)
