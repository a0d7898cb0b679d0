"""Publishing answered PAKN: the head marks them, the export is a static HTML page with search
and a JSON file, without personal data; re-exporting replaces both."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from accounts_fixture import staff_actor

from pakn_desktop.domain.errors import NotFound, PaknError, PermissionDenied
from pakn_desktop.domain.validation import IntakeForm
from pakn_desktop.services import Services
from pakn_desktop.services.publish import HTML_NAME, JSON_NAME


def answered(services: Services, title: str, answer: str, content: str = "") -> str:
    actor = staff_actor(services)
    case = services.cases.receive(
        IntakeForm(
            submitter_kind="citizen",
            submitter_name="Hoàng Văn Nam",
            address="Số 7 Ure, phường Kon Tum",
            phone="0914 222 333",
            title=title,
            content=content or f"{title}. Liên hệ tôi qua 0914 222 333 hoặc nam@example.vn.",
            channel="letter",
        ),
        actor,
    )
    case = services.cases.accept(
        case.code, actor, official_id=actor.id, expected_version=case.version
    )
    case = services.cases.record_result(
        case.code, "Đã giải quyết.", actor, expected_version=case.version
    )
    services.cases.publish_answer(case.code, answer, actor, expected_version=case.version)
    return case.code


def test_head_marks_and_export_has_no_personal_data(
    services: Services, head, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    a = answered(
        services, "Chậm chi trả trợ cấp", "Sở đã chi trả; ông Nam (CCCD 062190001234) đã nhận."
    )
    b = answered(services, "Thủ tục cấp phép", "Sở hướng dẫn nộp hồ sơ trực tuyến.")
    services.publish.mark(a, head)
    rows = services.publish.answered(date(2026, 4, 1), date(2026, 6, 30), head)
    assert [(r.code, r.marked) for r in rows] == [(a, True), (b, False)]
    assert services.case_reads.get(a, staff_actor(services)).events[-1].action == "publish_mark"

    result = services.publish.export(tmp_path, date(2026, 4, 1), date(2026, 6, 30), actor=head)
    assert result.count == 1
    page = (tmp_path / HTML_NAME).read_text(encoding="utf-8")
    data = json.loads((tmp_path / JSON_NAME).read_text(encoding="utf-8"))
    assert data["count"] == 1 and data["items"][0]["code"] == a
    item = data["items"][0]
    assert "[số CCCD]" in item["answer"] and "062190001234" not in item["answer"]
    assert "[số điện thoại]" in item["content"] and "[email]" in item["content"]
    assert item["agency"] == services.office.details().agency_short
    for text in (page, json.dumps(data, ensure_ascii=False)):
        assert "0914 222 333" not in text and "nam@example.vn" not in text
        assert "062190001234" not in text and "Hoàng Văn Nam" not in text
    assert "Chậm chi trả trợ cấp" in page and "Thủ tục cấp phép" not in page
    # A page that works offline: a search box, inline script, nothing fetched.
    assert '<input id="q" type="search"' in page
    assert not re.search(r"(src|href)=", page)
    assert 'data-search="' in page and "chi tra tro cap" in page


def test_reexport_replaces_the_files(services: Services, head, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = answered(services, "Việc thứ nhất", "Trả lời một.")
    b = answered(services, "Việc thứ hai", "Trả lời hai.")
    services.publish.mark(a, head)
    services.publish.mark(b, head)
    web = tmp_path / "web"
    web.mkdir()
    assert services.publish.export(web, actor=head).count == 2
    services.publish.unmark(a, head)
    assert services.publish.export(web, actor=head).count == 1
    page = (web / HTML_NAME).read_text(encoding="utf-8")
    assert "Việc thứ nhất" not in page and "Việc thứ hai" in page
    assert json.loads((web / JSON_NAME).read_text(encoding="utf-8"))["count"] == 1
    assert sorted(p.name for p in web.iterdir()) == [HTML_NAME, JSON_NAME]


def test_marking_rules(services: Services, head, make_actor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = answered(services, "Đã trả lời", "Trả lời.")
    out = tmp_path / "web"
    out.mkdir()
    for role in ("front_desk", "official", "admin"):
        other = make_actor(role)
        before = len(services.case_reads.get(a, staff_actor(services)).events)
        with pytest.raises(PermissionDenied, match="không có quyền chọn, xuất câu trả lời"):
            services.publish.mark(a, other)
        with pytest.raises(PermissionDenied, match="không có quyền chọn, xuất câu trả lời"):
            services.publish.export(out, actor=other)
        assert len(services.case_reads.get(a, staff_actor(services)).events) == before
        assert list(out.iterdir()) == []
    assert not any(
        r.marked for r in services.publish.answered(date(2026, 1, 1), date(2026, 12, 31), head)
    )
    open_case = services.cases.receive(
        IntakeForm(
            submitter_kind="citizen",
            submitter_name="A",
            address="B",
            phone="0914222333",
            title="Chưa trả lời",
            content="Nội dung",
            channel="phone",
        ),
        staff_actor(services),
    )
    with pytest.raises(PaknError, match="chưa có câu trả lời"):
        services.publish.mark(open_case.code, head)
    services.publish.mark(a, head)
    with pytest.raises(PaknError, match="đã được chọn"):
        services.publish.mark(a, head)  # twice
    with pytest.raises(NotFound):
        services.publish.mark("26-999999-9", head)
    with pytest.raises(PaknError, match="Không tìm thấy thư mục"):
        services.publish.export(tmp_path / "khong-co", actor=head)
    with pytest.raises(PaknError, match="sau ngày bắt đầu"):
        services.publish.export(tmp_path, date(2026, 6, 30), date(2026, 4, 1), actor=head)


def test_period_selects_by_answer_date(services: Services, head, tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    a = answered(services, "Trả lời quý hai", "Trả lời.")
    services.publish.mark(a, head)
    assert (
        services.publish.export(tmp_path, date(2026, 1, 1), date(2026, 3, 31), actor=head).count
        == 0
    )
    assert "Chưa có PAKN nào" in (tmp_path / HTML_NAME).read_text(encoding="utf-8")
    clock.set(datetime(2026, 7, 2, 9, 0))
    assert (
        services.publish.export(tmp_path, date(2026, 4, 1), date(2026, 6, 30), actor=head).count
        == 1
    )


def test_marking_is_in_the_audit_chain(services: Services, head) -> None:  # type: ignore[no-untyped-def]
    a = answered(services, "Việc công khai", "Trả lời.")
    services.publish.mark(a, head)
    services.publish.unmark(a, head)
    check = services.audit.verify()
    assert check.ok, check.message
    kinds = [e.action for e in services.case_reads.get(a, staff_actor(services)).events[-2:]]
    assert kinds == ["publish_mark", "publish_unmark"]
    assert {r.target for r in services.audit.records(services.office.actor())} >= {
        "publish_mark",
        "publish_unmark",
    }
