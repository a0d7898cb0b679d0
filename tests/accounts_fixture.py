"""Who acts in tests written before accounts existed: one person holding every role."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pakn_desktop.services import Services
    from pakn_desktop.services.views import Actor

STAFF_LOGIN = "canbo"
STAFF_NAME = "Cán bộ thử nghiệm"
STAFF_PASSWORD = "mat-khau-dai-du"
# Command-line arguments that log the staff account in (with PAKN_TEST_PASSWORD set).
STAFF_AUTH = ("--user", STAFF_LOGIN, "--password-env", "PAKN_TEST_PASSWORD")


def staff_actor(services: Services) -> Actor:
    """The account "canbo" (every role), made on first use by the bootstrap administrator."""
    from pakn_desktop.domain.enums import Role

    if STAFF_LOGIN not in {u.username for u in services.office.users(include_inactive=True)}:
        units = services.office.units()
        services.office.add_user(
            STAFF_LOGIN,
            STAFF_NAME,
            frozenset(Role),
            unit_id=units[0].id if units else None,
            actor=services.office.actor(),
            password=STAFF_PASSWORD,
        )
    return services.office.actor(STAFF_LOGIN)
