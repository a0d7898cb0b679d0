"""Typed errors the domain and services raise; each carries a message a person can read."""

from __future__ import annotations


class PaknError(Exception):
    """Base of every error the application expects and shows to a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WorkflowError(PaknError):
    """An action the case's state does not allow, or one missing what it requires."""


class InvalidTransition(WorkflowError):
    def __init__(self, message: str, state: str, action: str) -> None:
        super().__init__(message)
        self.state = state
        self.action = action


class MissingInformation(WorkflowError):
    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


class ValidationFailed(PaknError):
    """Intake or edit input with per-field problems; nothing was saved."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("Thông tin chưa hợp lệ: " + "; ".join(errors.values()))
        self.errors = errors


class NotFound(PaknError):
    pass


class StaleEdit(PaknError):
    """What is being changed changed since it was read (another desk, another window): the
    caller must reload before saving; nothing was changed."""


class StaleCase(StaleEdit):
    """The case changed since it was read; the caller must reload before saving."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"Hồ sơ {code} vừa được người khác cập nhật. "
            "Vui lòng tải lại hồ sơ rồi thực hiện lại thao tác."
        )
        self.code = code


STALE_CALENDAR = (
    "Lịch làm việc của cơ quan vừa được người khác thay đổi. "
    "Vui lòng tải lại lịch rồi thực hiện lại thao tác."
)


class InvalidCode(PaknError):
    pass


class PermissionDenied(PaknError):
    """The acting account may not do this (role, inactive, or not its case); nothing changed."""


class AuthenticationFailed(PaknError):
    """Wrong user name or password, locked or deactivated account."""


class Cancelled(PaknError):
    """The person pressed Cancel: the work stopped and left nothing half-done. One class for
    every long job (reports, exports, imports, batch letters), so every caller catches one."""

    def __init__(self, message: str = "Đã hủy theo yêu cầu.") -> None:
        super().__init__(message)
