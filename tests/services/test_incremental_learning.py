"""Learning from the office's decisions case by case (issue 26): a new decision changes the
next suggestion without building the engines again, and gives what a full build would."""

from __future__ import annotations

from dataclasses import replace

from pakn_desktop.domain.enums import ScopeCategory
from pakn_desktop.domain.routing import NaiveBayes, NearestCases
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.services.routing import RoutingService

FORM = IntakeForm(
    submitter_kind="citizen",
    submitter_name="Trần Thị Mai",
    address="Thôn 3, xã Nghĩa Hành, tỉnh Quảng Ngãi",
    phone="0905 111 222",
    title="Cầu treo dân sinh hỏng",
    content="Cầu treo dân sinh ở thôn Làng Mới hỏng đã 3 tháng, đề nghị Sở đôn đốc sửa chữa.",
    channel="walk_in",
    topic="Thi đua, khen thưởng",  # this office files them so, whatever the corpus says
)
TEXT = ("Cầu treo dân sinh", "Đề nghị Sở đôn đốc sửa cầu treo dân sinh ở thôn Làng Mới.")


def forward(services: Services, actor, form: IntakeForm) -> str:  # type: ignore[no-untyped-def]
    case = services.cases.receive(form, actor)
    services.cases.forward(
        case.code,
        actor.id,
        actor,
        scope=ScopeCategory.OFFICIAL_CONDUCT,
        unit_id=next(u.id for u in services.office.units() if u.name == "Văn phòng Sở"),
        expected_version=case.version,
    )
    return case.code


def test_a_new_decision_changes_the_next_suggestion_without_a_build(  # type: ignore[no-untyped-def]
    services: Services, actor
) -> None:
    routing = services.routing
    before = routing.suggest(actor, *TEXT)
    assert routing.builds == 1 and routing.updates == 0
    assert before.topic != FORM.topic and before.learnt_from == 0
    codes = [forward(services, actor, replace(FORM, phone=f"0905 222 33{i}")) for i in range(2)]
    after = routing.suggest(actor, *TEXT)
    assert routing.builds == 1 and routing.updates == 1  # learnt case by case
    assert after.learnt_from == 2
    assert after.topic == FORM.topic and set(after.topics[0].refs) <= set(codes)
    assert after.units[0].name == "Văn phòng Sở" and set(after.units[0].refs) == set(codes)
    # Nothing new: neither a build nor an update.
    routing.suggest(actor, *TEXT)
    assert (routing.builds, routing.updates) == (1, 1)
    # What a full build of the same decisions suggests.
    fresh = RoutingService(services.db, now=services.now, corpus=routing.corpus())
    full = fresh.suggest(actor, *TEXT)
    assert fresh.builds == 1
    assert [t.value for t in after.topics] == [t.value for t in full.topics]
    assert [u.name for u in after.units] == [u.name for u in full.units]
    assert after.scope.scope is full.scope.scope


def test_a_decided_text_edited_since_is_learnt_by_a_build(services: Services, actor) -> None:  # type: ignore[no-untyped-def]
    routing = services.routing
    code = forward(services, actor, FORM)
    routing.suggest(actor, *TEXT)
    assert routing.builds == 1
    case = services.case_reads.get(code, actor)
    services.cases.edit(
        code,
        replace(FORM, content=FORM.content + " Cầu nằm trên đường đi học của các cháu."),
        actor,
        expected_version=case.version,
    )
    forward(services, actor, replace(FORM, phone="0905 999 000"))
    s = routing.suggest(actor, *TEXT)
    # The first case's counts were taken from a text that is gone: built anew.
    assert routing.builds == 2 and s.learnt_from == 2


def test_counts_can_be_taken_back() -> None:
    nb = NaiveBayes()
    nb.add("a", ["x", "y"], 3)
    nb.add("b", ["y"], 1)
    ranked = nb.rank(["x"])
    nb.add("a", ["z"], 2)
    nb.remove("a", ["z"], 2)
    assert nb.rank(["x"]) == ranked
    nb.remove("b", ["y"], 1)
    assert [label for label, _p in nb.rank(["y"])] == ["a"]
    near = NearestCases()
    near.add("c1", "cầu treo dân sinh hỏng", {"unit": "1"})
    near.nearest("")
    near.add_now("c2", "cầu treo dân sinh sửa chữa", {"unit": "2"})
    found = near.nearest("cầu treo dân sinh", 5)
    assert {ref for _s, ref, _l in found} == {"c1", "c2"}  # found without indexing again
    assert not near._dirty
    near.forget("c2")
    assert [labels for _s, ref, labels in near.nearest("cầu treo", 5) if ref == "c2"] == [{}]
