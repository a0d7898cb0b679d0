"""The engines a warm-up builds leave the garbage collector little to walk (issue 24): what
was learnt of each decided case is a tuple of plain values, which the collector stops
following, and the nearest-case tables hold no object per word of a case. A full collection
during the warm-up, or any time after it, holds the interpreter's lock and so the window."""

from __future__ import annotations

import gc
from array import array

from test_routing_memory import _decide

from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services

FORM = IntakeForm(
    submitter_kind="citizen",
    submitter_name="Trần Thị Mai",
    address="Thôn 3, xã Nghĩa Hành, tỉnh Quảng Ngãi",
    phone="0905 111 222",
    title="Chậm chi trả trợ cấp thất nghiệp",
    content="Tôi nộp hồ sơ hưởng trợ cấp thất nghiệp từ tháng 3 nhưng đến nay chưa nhận được.",
    channel="walk_in",
    topic="Việc làm",
)


def test_what_the_engines_learnt_of_each_case_is_left_alone_by_the_collector(  # type: ignore[no-untyped-def]
    services: Services, actor
) -> None:
    _decide(services, actor, 3, FORM)
    assert services.routing.warm_up(actor) == 3
    eng = services.routing.engines()
    gc.collect()
    assert len(eng.facts) == 3
    assert not any(gc.is_tracked(fact) for fact in eng.facts.values())
    # Each word's postings are two arrays, not a list of a tuple per case.
    assert eng.near.nearest(FORM.title, 3)
    held = gc.get_referents(*eng.near.index.values(), *eng.topic.near.index.values())
    assert held and all(isinstance(o, array) for o in held)
    # And the suggestion still reads them: the office's decisions count.
    s = services.routing.suggest(actor, FORM.title, FORM.content)
    assert s.learnt_from == 3 and s.units and s.units[0].name == "Văn phòng Sở"
