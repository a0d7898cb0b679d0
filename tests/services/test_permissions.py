"""Every role against every mutation, through the services (SQLite and PostgreSQL).

For each mutation a fresh case in the right state is prepared, then every kind of actor tries
it: front desk, the handling official the case is assigned to, another handling official, a
head, an administrator, an account that was deactivated, and an invented actor without an
account. The allowed ones succeed; the others get a Vietnamese PermissionDenied and nothing
changes (same version, same history, no audit record)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from builders import a_form
from sqlalchemy import func, select

from pakn_desktop.domain.enums import Role
from pakn_desktop.domain.errors import PermissionDenied
from pakn_desktop.domain.permissions import ROLE_PERMISSIONS, Permission, Scope, allowed
from pakn_desktop.domain.queue import CaseFilter
from pakn_desktop.domain.workflow import Action
from pakn_desktop.letters.templates import DEFAULT_TEMPLATES, LetterKind
from pakn_desktop.services import Services
from pakn_desktop.services.accounts import AccountForm
from pakn_desktop.services.views import Actor
from pakn_desktop.store.models import AuditRecord

FORM = a_form(
    submitter_name="Đinh Văn Khải",
    address="Thôn 5, xã Sa Thầy, tỉnh Quảng Ngãi",
    phone="0905 444 555",
    title="Chậm giải quyết chế độ người có công",
    content="Đề nghị Sở xem xét hồ sơ nộp từ tháng trước.",
    channel="walk_in",
)

KINDS = ("front_desk", "assigned", "other_official", "head", "admin", "deactivated", "nobody")


@dataclass
class World:
    services: Services
    boss: Actor  # holds every role: prepares the cases
    actors: dict[str, Actor]
    # Cases made with the office (build_pool), taken before new ones are made.
    pool: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def case(self, state: str) -> tuple[str, int]:
        """A case in ``state`` no one has touched since, assigned to the "assigned" official
        where that applies: one of the pool, else a new one."""
        if self.pool.get(state):
            return self.pool[state].pop(0)
        return self.new_case(state)

    def new_case(self, state: str) -> tuple[str, int]:
        c = self.services.cases
        boss = self.boss
        d = c.receive(FORM, boss)
        off = self.actors["assigned"].id
        assert off is not None
        if state == "received":
            return d.code, d.version
        if state == "awaiting":
            d = c.ask_clarification(d.code, "Bản sao hồ sơ.", boss, expected_version=d.version)
            return d.code, d.version
        if state == "rejected":
            d = c.reject(d.code, "Khiếu nại.", boss, expected_version=d.version)
            return d.code, d.version
        d = c.forward(d.code, off, boss, expected_version=d.version)
        if state == "in_progress":
            return d.code, d.version
        d = c.record_result(
            d.code, "Đã giải quyết.", self.actors["assigned"], expected_version=d.version
        )
        if state == "result":
            return d.code, d.version
        d = c.publish_answer(d.code, "Trả lời.", boss, expected_version=d.version)
        assert state == "answered"
        return d.code, d.version


# The office every test starts from: its accounts (as the ``make_actor`` fixture makes them,
# numbered in this order), the one named "danghi" deactivated. Made once and copied per test
# (the ``prepared`` fixture in tests/conftest.py).
ACCOUNTS = (
    ("giamdoc", "Giám đốc Sở", tuple(Role)),
    ("tiepnhan", "", (Role.FRONT_DESK,)),
    ("chuyenvien1", "", (Role.OFFICIAL,)),
    ("chuyenvien2", "", (Role.OFFICIAL,)),
    ("lanhdao", "", (Role.HEAD,)),
    ("quantri", "", (Role.ADMIN,)),
    ("danghi", "", tuple(Role)),
)
KIND_ACCOUNTS = dict(zip(KINDS, [a[0] for a in ACCOUNTS[1:]], strict=False))
POOL_STATES = ("received", "awaiting", "rejected", "in_progress", "result", "answered")


def build_office(services: Services) -> Actor:
    """The accounts; gives the deactivated one's Actor, as it was while it was active."""
    office = services.office
    unit_id = office.units()[0].id if office.units() else None
    for n, (login, name, roles) in enumerate(ACCOUNTS, start=1):
        office.add_user(
            login,
            name or f"Người thử {n:02d}",
            frozenset(roles),
            unit_id=unit_id,
            actor=office.actor(),
        )
    boss = office.actor("giamdoc")
    deactivated = office.actor("danghi")
    gone = services.accounts.get(boss, deactivated.id or 0)
    services.accounts.deactivate(boss, gone.id, expected_version=gone.version)
    return deactivated


Pool = dict[str, list[tuple[str, int]]]


def build_pool(services: Services) -> tuple[Actor, Pool]:
    """The office, and for each state one case per kind of actor."""
    deactivated = build_office(services)
    w = open_world(services, deactivated)
    return deactivated, {state: [w.new_case(state) for _ in KINDS] for state in POOL_STATES}


def open_world(services: Services, deactivated: Actor, pool: Pool | None = None) -> World:
    office = services.office
    actors = {
        kind: office.actor(login) for kind, login in KIND_ACCOUNTS.items() if kind != "deactivated"
    }
    actors["deactivated"] = deactivated
    actors["nobody"] = Actor(None, "Giám đốc Sở (giả)", "admin", frozenset(r.value for r in Role))
    copied = {state: list(cases) for state, cases in (pool or {}).items()}
    return World(services, office.actor("giamdoc"), actors, copied)


def office_world(prepared) -> World:  # type: ignore[no-untyped-def]
    services, deactivated = prepared("permissions_office", build_office)
    return open_world(services, deactivated)


def pool_world(prepared) -> World:  # type: ignore[no-untyped-def]
    """The office with, for each state, one case per kind of actor already made."""
    services, (deactivated, pool) = prepared("permissions_pool", build_pool)
    return open_world(services, deactivated, pool)


@pytest.fixture
def world(prepared) -> World:  # type: ignore[no-untyped-def]
    return office_world(prepared)


Do = Callable[[World, Actor, str, int], Any]


@dataclass(frozen=True)
class Mutation:
    name: str
    state: str  # the case state it needs ("" when it needs no case)
    allowed: frozenset[str]
    do: Do


def _m(name: str, state: str, allowed_kinds: str, do: Do) -> Mutation:
    return Mutation(name, state, frozenset(allowed_kinds.split()), do)


def _unit_id(w: World) -> int:
    return w.services.office.units()[0].id


def _account(w: World, a: Actor, _code: str, _v: int) -> Any:
    return w.services.accounts.create(
        a, AccountForm("moi", "Người mới", frozenset({Role.FRONT_DESK})), "rat-kho-doan-ra"
    )


def _edit_account(w: World, a: Actor, _code: str, _v: int) -> Any:
    target = w.services.accounts.get(w.boss, w.actors["front_desk"].id or 0)
    form = AccountForm(target.username, "Tên đã sửa", frozenset({Role.FRONT_DESK}))
    return w.services.accounts.edit(a, target.id, form, expected_version=target.version)


def _deactivate(w: World, a: Actor, _code: str, _v: int) -> Any:
    target = w.services.accounts.get(w.boss, w.actors["other_official"].id or 0)
    return w.services.accounts.deactivate(a, target.id, expected_version=target.version)


def _reset(w: World, a: Actor, _code: str, _v: int) -> Any:
    target = w.services.accounts.get(w.boss, w.actors["front_desk"].id or 0)
    return w.services.accounts.reset_password(
        a, target.id, "mat-khau-da-dat-lai", expected_version=target.version
    )


def _settings(w: World, a: Actor, _code: str, _v: int) -> Any:
    o = w.services.office
    details = replace(o.details(), signer_name="Trần Văn Mới")
    return o.save_details(details, a, expected_version=o.settings_version())


def _idle(w: World, a: Actor, _code: str, _v: int) -> Any:
    o = w.services.office
    return o.set_idle_lock_minutes(5, a, expected_version=o.settings_version())


def _remove_day(w: World, a: Actor, _code: str, _v: int) -> Any:
    w.services.calendar.add_day_off(
        date(2026, 6, 5), "Nghỉ địa phương", w.boss, expected_version=w.services.calendar.version()
    )
    return w.services.calendar.remove(
        date(2026, 6, 5), a, expected_version=w.services.calendar.version()
    )


def _backup(w: World, a: Actor, _code: str, _v: int) -> Any:
    folder = Path(w.services.db.url.split("///")[-1]).parent / "copies"
    if not w.services.backups.available:
        # PostgreSQL offices use pg_dump: the permission is still checked first.
        w.services.guard.require(a, Permission.BACKUPS)
        return None
    return w.services.backups.now(folder, a)


def _receipt(w: World, a: Actor, code: str, _v: int) -> Any:
    # Receipts all carry number 0 in the register (unique per year and symbol): each try
    # here runs under its own symbol.
    o = w.services.office
    symbol = f"T{o.settings_version()}-HCTH"
    o.save_details(
        replace(o.details(), symbol=symbol), w.boss, expected_version=o.settings_version()
    )
    return w.services.letters.issue(code, LetterKind.RECEIPT, a)


def _reset_template(w: World, a: Actor, _code: str, _v: int) -> Any:
    letters = w.services.letters
    version = letters.template(LetterKind.PROGRESS, w.boss).version
    version = letters.save_template(
        replace(DEFAULT_TEMPLATES[LetterKind.PROGRESS], body="Kính gửi {nguoi_nhan}."),
        w.boss,
        expected_version=version,
    )
    return letters.reset_template(LetterKind.PROGRESS, a, expected_version=version)


MUTATIONS = [
    _m("receive", "", "front_desk", lambda w, a, c, v: w.services.cases.receive(FORM, a)),
    _m(
        "edit_before_classification",
        "received",
        "front_desk head",
        lambda w, a, c, v: w.services.cases.edit(
            c, replace(FORM, title="Tiêu đề đã sửa"), a, expected_version=v
        ),
    ),
    _m(
        "edit_in_progress",
        "in_progress",
        "head",
        lambda w, a, c, v: w.services.cases.edit(
            c, replace(FORM, title="Tiêu đề đã sửa"), a, expected_version=v
        ),
    ),
    _m(
        "attach",
        "in_progress",
        "front_desk assigned",
        lambda w, a, c, v: w.services.cases.add_attachment(c, "don.pdf", b"%PDF-1.4\n%%EOF\n", a),
    ),
    _m(
        "reject",
        "received",
        "head",
        lambda w, a, c, v: w.services.cases.reject(c, "Khiếu nại.", a, expected_version=v),
    ),
    _m(
        "ask_clarification",
        "received",
        "head",
        lambda w, a, c, v: w.services.cases.ask_clarification(
            c, "Thiếu địa chỉ.", a, expected_version=v
        ),
    ),
    _m(
        "forward",
        "received",
        "head",
        lambda w, a, c, v: w.services.cases.forward(
            c, w.actors["assigned"].id, a, expected_version=v
        ),
    ),
    _m(
        "accept",
        "received",
        "head",
        lambda w, a, c, v: w.services.cases.accept(c, a, expected_version=v),
    ),
    _m(
        "transfer",
        "received",
        "head",
        lambda w, a, c, v: w.services.cases.transfer(c, "Sở Y tế", a, expected_version=v),
    ),
    _m(
        "record_supplement",
        "awaiting",
        "front_desk",
        lambda w, a, c, v: w.services.cases.record_supplement(
            c, "Đã gửi địa chỉ.", a, expected_version=v
        ),
    ),
    _m(
        "close_no_reply",
        "awaiting",
        "head",
        lambda w, a, c, v: w.services.cases.close_no_reply(c, a, expected_version=v),
    ),
    _m(
        "assign",
        "in_progress",
        "head",
        lambda w, a, c, v: w.services.cases.assign(
            c, w.actors["other_official"].id or 0, a, expected_version=v
        ),
    ),
    _m(
        "post_progress",
        "in_progress",
        "assigned",
        lambda w, a, c, v: w.services.cases.post_progress(
            c, "Đang xác minh.", a, expected_version=v
        ),
    ),
    _m(
        "record_result",
        "in_progress",
        "assigned",
        lambda w, a, c, v: w.services.cases.record_result(c, "Xong.", a, expected_version=v),
    ),
    _m(
        "publish_answer",
        "result",
        "assigned head",
        lambda w, a, c, v: w.services.cases.publish_answer(c, "Trả lời.", a, expected_version=v),
    ),
    _m(
        "close",
        "answered",
        "head",
        lambda w, a, c, v: w.services.cases.close(c, a, expected_version=v),
    ),
    _m(
        "reopen",
        "rejected",
        "head",
        lambda w, a, c, v: w.services.cases.reopen(c, "Nhầm.", a, expected_version=v),
    ),
    _m("issue_receipt", "received", "front_desk head", _receipt),
    _m(
        "issue_rejection_letter",
        "rejected",
        "head",
        lambda w, a, c, v: w.services.letters.issue(c, LetterKind.REJECTION, a),
    ),
    _m(
        "save_template",
        "",
        "admin",
        lambda w, a, c, v: w.services.letters.save_template(
            replace(DEFAULT_TEMPLATES[LetterKind.PROGRESS], body="Kính gửi {nguoi_nhan}."),
            a,
            expected_version=w.services.letters.template(LetterKind.PROGRESS, w.boss).version,
        ),
    ),
    _m("reset_template", "", "admin", _reset_template),
    _m("office_settings", "", "admin", _settings),
    _m("idle_lock", "", "admin", _idle),
    _m(
        "add_unit",
        "",
        "admin",
        lambda w, a, c, v: w.services.office.add_unit("Phòng Kế hoạch - Tài chính", a),
    ),
    _m("create_account", "", "admin", _account),
    _m("edit_account", "", "admin", _edit_account),
    _m("deactivate_account", "", "admin", _deactivate),
    _m("reset_password", "", "admin", _reset),
    _m(
        "calendar_day_off",
        "",
        "admin",
        lambda w, a, c, v: w.services.calendar.add_day_off(
            date(2026, 6, 5), "Nghỉ", a, expected_version=w.services.calendar.version()
        ),
    ),
    _m(
        "calendar_working_day",
        "",
        "admin",
        lambda w, a, c, v: w.services.calendar.add_working_day(
            date(2026, 6, 6), "Làm bù", a, expected_version=w.services.calendar.version()
        ),
    ),
    _m("calendar_remove", "", "admin", _remove_day),
    _m("backup_now", "", "admin", _backup),
    # Reading a whole case (personal data) is a permission too.
    _m(
        "view_case",
        "received",
        "front_desk assigned other_official head",
        lambda w, a, c, v: w.services.case_reads.get(c, a),
    ),
]


def _audit_count(w: World) -> int:
    """Records by anyone but the one who prepares the cases."""
    with w.services.db.read() as s:
        q = select(func.count(AuditRecord.id)).where(AuditRecord.actor_id != w.boss.id)
        return int(s.scalar(q) or 0)


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
def test_each_role_may_do_exactly_its_row(prepared, mutation: Mutation) -> None:  # type: ignore[no-untyped-def]
    # A mutation on a case takes its cases from the pool; the others need no case at all.
    world = (pool_world if mutation.state else office_world)(prepared)
    services = world.services
    for kind in KINDS:
        code, version = world.case(mutation.state) if mutation.state else ("", 0)
        actor = world.actors[kind]
        before_audit = _audit_count(world)
        before = services.case_reads.get(code, world.boss) if code else None
        if kind in mutation.allowed:
            mutation.do(world, actor, code, version)
            continue
        with pytest.raises(PermissionDenied) as info:
            mutation.do(world, actor, code, version)
        message = info.value.message
        assert any(w in message.lower() for w in ("quyền", "tài khoản", "phân công")), message
        assert _audit_count(world) == before_audit, f"{mutation.name} by {kind} left a record"
        if before is not None:
            after = services.case_reads.get(code, world.boss)
            assert after.version == before.version and len(after.events) == len(before.events)


def test_the_table_gives_each_role_its_row() -> None:
    desk = {Role.FRONT_DESK}
    assert allowed(desk, Permission.RECEIVE) and not allowed(desk, Permission.CLASSIFY)
    # A handling official works on the cases assigned to them only.
    official = {Role.OFFICIAL}
    assert allowed(official, Permission.POST_PROGRESS, user_id=7, assigned_to=7, on_case=True)
    assert not allowed(official, Permission.POST_PROGRESS, user_id=7, assigned_to=8, on_case=True)
    assert ROLE_PERMISSIONS[Role.OFFICIAL][Permission.RECORD_RESULT] is Scope.ASSIGNED
    # Several roles add up; none of the case roles administers.
    both = {Role.FRONT_DESK, Role.HEAD}
    assert allowed(both, Permission.RECEIVE) and allowed(both, Permission.CLASSIFY)
    assert not any(allowed(both, p) for p in (Permission.MANAGE_ACCOUNTS, Permission.BACKUPS))
    assert not allowed({Role.ADMIN}, Permission.VIEW_CASES)


def test_roles_come_from_the_database_not_the_actor_object(world: World) -> None:
    services = world.services
    code, version = world.case("received")
    desk = world.actors["front_desk"]
    # The same account id, claiming to be a head with another name: refused, and the name
    # recorded for what it may do is the stored one.
    forged = Actor(desk.id, "Giám đốc Sở", "head", frozenset({"head", "admin"}))
    with pytest.raises(PermissionDenied):
        services.cases.reject(code, "Khiếu nại.", forged, expected_version=version)
    d = services.cases.edit(code, replace(FORM, title="Sửa"), forged, expected_version=version)
    assert d.events[-1].actor_name == desk.name != "Giám đốc Sở"


def test_a_role_taken_away_applies_at_once(world: World) -> None:
    services = world.services
    head = world.actors["head"]
    code, version = world.case("received")
    account = services.accounts.get(world.boss, head.id or 0)
    services.accounts.edit(
        world.boss,
        account.id,
        AccountForm(account.username, account.full_name, frozenset({Role.FRONT_DESK})),
        expected_version=account.version,
    )
    with pytest.raises(PermissionDenied):
        services.cases.accept(code, head, expected_version=version)  # the old Actor object


def test_every_mutation_requires_the_version_it_read(world: World) -> None:
    services = world.services
    code, version = world.case("received")
    with pytest.raises(TypeError):
        services.cases.accept(code, world.boss)  # type: ignore[call-arg]
    with pytest.raises(Exception, match="phiên bản"):
        services.cases.accept(code, world.boss, expected_version=None)  # type: ignore[arg-type]
    assert services.case_reads.get(code, world.boss).version == version


def test_attachments_are_read_by_those_who_see_cases(world: World) -> None:
    services = world.services
    d = services.cases.receive(FORM, world.boss, attachments=[("don.pdf", b"%PDF-1.4\n%%EOF\n")])
    att = d.attachments[0].id
    assert services.case_reads.attachment_data(att, world.actors["front_desk"])[0] == "don.pdf"
    for kind in ("admin", "deactivated", "nobody"):
        with pytest.raises(PermissionDenied):
            services.case_reads.attachment_data(att, world.actors[kind])


# --- reads -----------------------------------------------------------------------------------
# Every public read that shows a case or a person's data names its actor and is refused to a
# role the table does not give it, as a mutation is (README, "Vai trò và quyền").
SEE = "front_desk assigned other_official head"
P = Permission


@dataclass(frozen=True)
class Read:
    name: str
    allowed: frozenset[str]
    permissions: tuple[Permission, ...]  # any of them lets the read through
    do: Callable[[World, Actor, str], Any]  # returns something that must name the case


def _r(name: str, kinds: str, perms: tuple[Permission, ...], do: Any) -> Read:
    return Read(name, frozenset(kinds.split()), perms, do)


def _typo(code: str) -> str:
    """The code with its check digit changed (a digit misheard at the desk)."""
    return code[:-1] + str((int(code[-1]) + 1) % 10)


def _portal_preview(w: World, a: Actor, code: str) -> Any:
    from test_portal import HEADERS, sample_rows

    from pakn_desktop.services.portal import Table, guess_mapping

    table = Table(HEADERS, sample_rows(1), "csv")
    report = w.services.portal.preview(table, guess_mapping(HEADERS), a)
    return [r.action for r in report.rows] + [code]


READS = [
    _r("get", SEE, (P.VIEW_CASES,), lambda w, a, c: w.services.case_reads.get(c, a).code),
    _r(
        "queue",
        SEE,
        (P.VIEW_CASES,),
        lambda w, a, c: [r.code for r in w.services.case_reads.queue(CaseFilter(), a)],
    ),
    _r(
        "count",
        SEE,
        (P.VIEW_CASES,),
        lambda w, a, c: [c] * w.services.case_reads.count(CaseFilter(search=c), a),
    ),
    _r(
        "status_counts",
        SEE,
        (P.VIEW_CASES,),
        lambda w, a, c: [c] * sum(w.services.case_reads.status_counts(None, a).values()),
    ),
    _r(
        "similar",
        SEE,
        (P.VIEW_CASES,),
        lambda w, a, c: [r.code for r in w.services.case_reads.similar(a, phone=FORM.phone)],
    ),
    _r(
        "likely_codes",
        SEE,
        (P.LOOKUP, P.VIEW_CASES),
        lambda w, a, c: w.services.case_reads.likely_codes(_typo(c), a),
    ),
    _r(
        "lookup",
        SEE,
        (P.LOOKUP,),
        lambda w, a, c: [f.code for f in w.services.case_reads.lookup(c, a)],
    ),
    _r(
        "publish_answered",
        SEE,
        (P.PUBLISH_ON_WEBSITE, P.VIEW_CASES),
        lambda w, a, c: (
            [r.code for r in w.services.publish.answered(date(2020, 1, 1), date(2030, 1, 1), a)]
            + [c]
        ),
    ),
    _r(
        "publish_items",
        "head",
        (P.PUBLISH_ON_WEBSITE,),
        lambda w, a, c: [i.code for i in w.services.publish.items(a)] + [c],
    ),
    _r("portal_preview", "front_desk", (P.RECEIVE,), _portal_preview),
    _r(
        "national_pending",
        "front_desk",
        (P.RECEIVE, P.EDIT_INTAKE),
        lambda w, a, c: [r.code for r in w.services.national.pending(a)],
    ),
    _r(
        "national_sheet",
        "front_desk",
        (P.RECEIVE, P.EDIT_INTAKE),
        lambda w, a, c: w.services.national.sheet(c, a).code,
    ),
    _r(
        "personal_data_find",
        "admin",
        (P.PERSONAL_DATA,),
        lambda w, a, c: w.services.personal_data.find(FORM.phone, a).codes,
    ),
    _r(
        "audit_records",
        "admin",
        (P.AUDIT,),
        lambda w, a, c: [r.target for r in w.services.audit.records(a)] + [c],
    ),
]


def test_the_read_matrix_is_the_role_table() -> None:
    """The expected rows above are the table's, not a second opinion: a role may read exactly
    when one of its permissions (any scope) lets it."""
    kind_roles = {
        "front_desk": {Role.FRONT_DESK},
        "assigned": {Role.OFFICIAL},
        "other_official": {Role.OFFICIAL},
        "head": {Role.HEAD},
        "admin": {Role.ADMIN},
    }
    for read in READS:
        for kind, roles in kind_roles.items():
            table = any(allowed(roles, p) for p in read.permissions)
            assert table == (kind in read.allowed), (read.name, kind)


@pytest.mark.parametrize("read", READS, ids=[r.name for r in READS])
def test_each_role_reads_exactly_its_row(world: World, read: Read) -> None:
    services = world.services
    code, _ = world.case("received")
    forged = {
        **world.actors,
        "unknown_id": Actor(987654, "Người không có tài khoản", "head", frozenset({"head"})),
    }
    for kind, actor in forged.items():
        if kind in read.allowed:
            got = read.do(world, actor, code)
            assert code in (got if isinstance(got, list) else [got]), (read.name, kind, got)
            continue
        with pytest.raises(PermissionDenied) as refused:
            read.do(world, actor, code)
        message = refused.value.message
        assert any(w in message.lower() for w in ("quyền", "tài khoản")), message
    assert services.case_reads.get(code, world.boss).version == 1  # reading changed nothing


def test_the_public_lookup_needs_no_account_and_shows_no_person(world: World) -> None:
    """``pakn lookup`` without an account: codes, dates and states, never the person."""
    code, _ = world.case("received")
    (found,) = world.services.case_reads.public_lookup(code)
    assert found.code == code
    assert FORM.submitter_name not in repr(found) and "0905" not in repr(found)
    (by_phone,) = world.services.case_reads.public_lookup(FORM.phone)
    assert by_phone.code == code and by_phone.by_phone and by_phone.title == ""


@pytest.mark.parametrize("name", ["edit_before_classification", "edit_in_progress"])
def test_what_the_window_shows_editable_is_what_the_service_allows(world: World, name: str) -> None:
    """The case editor asks ``guard.may`` (with the case's state) whether to make the fields
    editable: its answer is the service's, so the front desk never types into fields of a
    classified case only to be refused on Save."""
    (mutation,) = [m for m in MUTATIONS if m.name == name]
    services = world.services
    for kind in ("front_desk", "assigned", "other_official", "head", "admin"):
        code, version = world.case(mutation.state)
        detail = services.case_reads.get(code, world.boss)
        actor = world.actors[kind]
        shown = services.guard.may(actor, Action.EDIT, detail.official_id, state=detail.state)
        try:
            mutation.do(world, actor, code, version)
            done = True
        except PermissionDenied:
            done = False
        assert shown == done == (kind in mutation.allowed), (name, kind)
