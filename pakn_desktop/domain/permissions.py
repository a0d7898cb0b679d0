"""Who may do what: the permission table of the office's roles (README, "Vai trò và quyền").

Pure data and two small functions. The services resolve the acting account from the database
and ask :func:`allowed` before changing or showing anything; the window only reflects the
answer (hides or disables what the person may not do).

A person may hold several roles; a permission is granted if any role grants it. Some
permissions of the handling official (``Scope.ASSIGNED``) hold only on the cases assigned to
that person."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from .enums import CaseState, Role
from .workflow import Action


class Permission(StrEnum):
    # front desk
    RECEIVE = "receive"
    EDIT_INTAKE = "edit_intake"
    ATTACH = "attach"
    ISSUE_RECEIPT = "issue_receipt"
    LOOKUP = "lookup"
    RECORD_SUPPLEMENT = "record_supplement"
    # reading a case with its personal data (queue, case detail, internal history)
    VIEW_CASES = "view_cases"
    # handling official, on cases assigned to them
    POST_PROGRESS = "post_progress"
    RECORD_RESULT = "record_result"
    DRAFT_ANSWER = "draft_answer"
    # head
    CLASSIFY = "classify"
    ASSIGN = "assign"
    REOPEN = "reopen"
    CLOSE = "close"
    ISSUE_LETTERS = "issue_letters"
    CORRECT_CASE = "correct_case"
    STATISTICS = "statistics"
    PUBLISH_ON_WEBSITE = "publish_on_website"
    # administrator
    MANAGE_ACCOUNTS = "manage_accounts"
    MANAGE_UNITS = "manage_units"
    OFFICE_SETTINGS = "office_settings"
    CALENDAR = "calendar"
    TEMPLATES = "templates"
    BACKUPS = "backups"
    AUDIT = "audit"
    PERSONAL_DATA = "personal_data"

    @property
    def label(self) -> str:
        return PERMISSION_LABELS[self]


PERMISSION_LABELS: dict[Permission, str] = {
    Permission.RECEIVE: "tiếp nhận PAKN",
    Permission.EDIT_INTAKE: "sửa thông tin tiếp nhận trước khi phân loại",
    Permission.ATTACH: "đính kèm tệp",
    Permission.ISSUE_RECEIPT: "in phiếu tiếp nhận",
    Permission.LOOKUP: "tra cứu PAKN",
    Permission.RECORD_SUPPLEMENT: "ghi nhận nội dung bổ sung",
    Permission.VIEW_CASES: "xem hồ sơ PAKN",
    Permission.POST_PROGRESS: "cập nhật tình hình xử lý",
    Permission.RECORD_RESULT: "ghi nhận kết quả xử lý",
    Permission.DRAFT_ANSWER: "soạn, công khai nội dung trả lời",
    Permission.CLASSIFY: "phân loại PAKN",
    Permission.ASSIGN: "phân công công chức xử lý",
    Permission.REOPEN: "mở lại hồ sơ",
    Permission.CLOSE: "đóng hồ sơ",
    Permission.ISSUE_LETTERS: "duyệt, ban hành văn bản",
    Permission.CORRECT_CASE: "sửa thông tin hồ sơ (có lý do)",
    Permission.STATISTICS: "thống kê, báo cáo",
    Permission.PUBLISH_ON_WEBSITE: "chọn, xuất câu trả lời công khai trên trang thông tin",
    Permission.MANAGE_ACCOUNTS: "quản lý tài khoản",
    Permission.MANAGE_UNITS: "quản lý đơn vị",
    Permission.OFFICE_SETTINGS: "sửa thông tin cơ quan",
    Permission.CALENDAR: "điều chỉnh lịch làm việc",
    Permission.TEMPLATES: "sửa mẫu văn bản",
    Permission.BACKUPS: "sao lưu, khôi phục dữ liệu",
    Permission.AUDIT: "xem, kiểm tra nhật ký",
    Permission.PERSONAL_DATA: "tra cứu, xuất, ẩn danh dữ liệu cá nhân của một người",
}


class Scope(StrEnum):
    ALL = "all"
    ASSIGNED = "assigned"  # only on cases assigned to the acting person


P = Permission
ROLE_PERMISSIONS: dict[Role, dict[Permission, Scope]] = {
    Role.FRONT_DESK: {
        P.RECEIVE: Scope.ALL,
        P.EDIT_INTAKE: Scope.ALL,
        P.ATTACH: Scope.ALL,
        P.ISSUE_RECEIPT: Scope.ALL,
        P.LOOKUP: Scope.ALL,
        P.RECORD_SUPPLEMENT: Scope.ALL,
        P.VIEW_CASES: Scope.ALL,
    },
    Role.OFFICIAL: {
        P.POST_PROGRESS: Scope.ASSIGNED,
        P.RECORD_RESULT: Scope.ASSIGNED,
        P.DRAFT_ANSWER: Scope.ASSIGNED,
        P.ATTACH: Scope.ASSIGNED,
        P.LOOKUP: Scope.ALL,
        P.VIEW_CASES: Scope.ALL,
    },
    Role.HEAD: {
        P.CLASSIFY: Scope.ALL,
        P.ASSIGN: Scope.ALL,
        P.REOPEN: Scope.ALL,
        P.CLOSE: Scope.ALL,
        P.DRAFT_ANSWER: Scope.ALL,
        P.ISSUE_LETTERS: Scope.ALL,
        P.ISSUE_RECEIPT: Scope.ALL,
        P.CORRECT_CASE: Scope.ALL,
        P.STATISTICS: Scope.ALL,
        P.PUBLISH_ON_WEBSITE: Scope.ALL,
        P.LOOKUP: Scope.ALL,
        P.VIEW_CASES: Scope.ALL,
    },
    Role.ADMIN: {
        P.MANAGE_ACCOUNTS: Scope.ALL,
        P.MANAGE_UNITS: Scope.ALL,
        P.OFFICE_SETTINGS: Scope.ALL,
        P.CALENDAR: Scope.ALL,
        P.TEMPLATES: Scope.ALL,
        P.BACKUPS: Scope.ALL,
        P.AUDIT: Scope.ALL,
        P.PERSONAL_DATA: Scope.ALL,
    },
}

# The permission each workflow action needs (CaseService).
ACTION_PERMISSION: dict[Action, Permission] = {
    Action.REJECT: P.CLASSIFY,
    Action.ASK_CLARIFICATION: P.CLASSIFY,
    Action.FORWARD: P.CLASSIFY,
    Action.ACCEPT: P.CLASSIFY,
    Action.TRANSFER: P.CLASSIFY,
    Action.SUPPLEMENT: P.RECORD_SUPPLEMENT,
    Action.CLOSE_NO_REPLY: P.CLOSE,
    Action.ASSIGN: P.ASSIGN,
    Action.POST_PROGRESS: P.POST_PROGRESS,
    Action.RECORD_RESULT: P.RECORD_RESULT,
    Action.PUBLISH_ANSWER: P.DRAFT_ANSWER,
    Action.CLOSE: P.CLOSE,
    Action.REOPEN: P.REOPEN,
    Action.EDIT: P.EDIT_INTAKE,
}


def intake_still_editable(state: CaseState) -> bool:
    """The front desk corrects what it received (``EDIT_INTAKE``) until the case is
    classified; after that a correction is a head's (``CORRECT_CASE``)."""
    return state is CaseState.RECEIVED


def roles_granting(permission: Permission) -> tuple[Role, ...]:
    """The roles that grant ``permission``, in the role order (to say who may)."""
    return tuple(r for r in ROLE_ORDER if permission in ROLE_PERMISSIONS[r])


# Letters: the receipt is the front desk's; every other letter is approved by a head.
LETTER_PERMISSIONS: tuple[Permission, ...] = (P.ISSUE_LETTERS, P.ISSUE_RECEIPT)


def letter_permission(kind: str) -> Permission:
    return P.ISSUE_RECEIPT if str(kind) == "receipt" else P.ISSUE_LETTERS


# Role order: the first held is shown as the person's main role.
ROLE_ORDER: tuple[Role, ...] = (Role.ADMIN, Role.HEAD, Role.OFFICIAL, Role.FRONT_DESK)


def parse_roles(text: str | Iterable[str]) -> frozenset[Role]:
    """Roles from the stored comma-separated text (or any iterable of values); unknown
    values are ignored, never granted."""
    items = text.split(",") if isinstance(text, str) else text
    out: set[Role] = set()
    for item in items:
        try:
            out.add(Role(str(item).strip()))
        except ValueError:
            continue
    return frozenset(out)


def format_roles(roles: Iterable[Role]) -> str:
    held = set(roles)
    return ",".join(r.value for r in ROLE_ORDER if r in held)


def main_role(roles: Iterable[Role]) -> Role | None:
    held = set(roles)
    return next((r for r in ROLE_ORDER if r in held), None)


def scope_of(roles: Iterable[Role], permission: Permission) -> Scope | None:
    """The widest scope any held role grants, or None when no role grants it."""
    scopes = {ROLE_PERMISSIONS[r].get(permission) for r in roles}
    if Scope.ALL in scopes:
        return Scope.ALL
    if Scope.ASSIGNED in scopes:
        return Scope.ASSIGNED
    return None


def allowed(
    roles: Iterable[Role],
    permission: Permission,
    *,
    user_id: int | None = None,
    assigned_to: int | None = None,
    on_case: bool = False,
) -> bool:
    """May a person holding ``roles`` use ``permission``? With ``on_case`` the answer takes
    the case's assigned official into account for assigned-only permissions."""
    scope = scope_of(roles, permission)
    if scope is Scope.ALL:
        return True
    if scope is Scope.ASSIGNED:
        return not on_case or (user_id is not None and assigned_to == user_id)
    return False


def refusal(permission: Permission, *, assigned_only: bool = False) -> str:
    """The Vietnamese message for a refused permission."""
    if assigned_only:
        return (
            f"Bạn chỉ được {permission.label} trên hồ sơ được phân công cho mình. "
            "Hồ sơ này đang do người khác xử lý."
        )
    return f"Tài khoản của bạn không có quyền {permission.label}."
