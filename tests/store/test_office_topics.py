"""The office's list of topics (migration 0024): a new office starts with the areas of a Sở
Nội vụ after the 2025 reorganisation; an office that existed keeps the list it had, and routing
help speaks to it in its own words."""

from __future__ import annotations

from typing import Any

from pakn_test_pg import reset_postgres
from test_migrations import fill, revisions, upgrade

from pakn_desktop.domain.enums import DEFAULT_TOPICS, LABOUR_TOPIC, TOPICS_BEFORE_2025
from pakn_desktop.domain.routing import Candidate, in_office_words
from pakn_desktop.services import Services
from pakn_desktop.services.routing import RoutingService
from pakn_desktop.store.db import Database

NEW_AREAS = (
    "Cán bộ, công chức, viên chức",
    "Tổ chức bộ máy, chính quyền địa phương",
    "Tôn giáo, tín ngưỡng",
    "Văn thư, lưu trữ",
    "Thi đua, khen thưởng",
    "Thanh niên",
    LABOUR_TOPIC,
)


def test_a_new_office_gets_the_areas_of_a_so_noi_vu(services: Services, front_desk) -> None:  # type: ignore[no-untyped-def]
    assert services.routing.topics() == DEFAULT_TOPICS
    assert set(NEW_AREAS) <= set(services.routing.topics())
    # Its cold start suggests them (the built-in corpus is written in today's words).
    s = services.routing.suggest(
        front_desk,
        "Chậm giải quyết thủ tục đăng ký sinh hoạt tôn giáo",
        "Nhóm chúng tôi nộp hồ sơ đăng ký sinh hoạt tôn giáo tập trung đã quá hạn mà chưa "
        "được Sở Nội vụ trả lời, đề nghị xem xét giải quyết.",
    )
    assert s.topic == "Tôn giáo, tín ngưỡng"


def test_an_existing_office_keeps_its_list(db_url: str, tmp_path: Any) -> None:
    if not db_url.startswith("sqlite"):
        reset_postgres(db_url)
    url = f"sqlite:///{tmp_path / 'at-0023.db'}" if db_url.startswith("sqlite") else db_url
    db = Database(url)
    upgrade(db, "0023")
    assert fill(db)["office_settings"] == 1  # an office that exists, with a case
    db.migrate()
    assert db.current_revision() == revisions(db)[-1]
    # (The filled rows carry fixed ids, which PostgreSQL's sequences do not know: the list is
    # read without opening the whole office.)
    try:
        assert RoutingService(db).topics() == TOPICS_BEFORE_2025
    finally:
        db.engine.dispose()


def test_suggestions_in_the_office_s_own_words() -> None:
    got = [
        Candidate(LABOUR_TOPIC, 0.5),
        Candidate("Tôn giáo, tín ngưỡng", 0.3),  # not in the older list: not offered
        Candidate("Đất đai của thôn", 0.2),  # the office's own, learnt from its cases
        Candidate("Lao động, việc làm", 0.1),  # the same as the first, once renamed
    ]
    assert [c.value for c in in_office_words(got, TOPICS_BEFORE_2025)] == [
        "Lao động, việc làm",
        "Đất đai của thôn",
    ]
    assert [c.value for c in in_office_words(got, DEFAULT_TOPICS)][:2] == [
        LABOUR_TOPIC,
        "Tôn giáo, tín ngưỡng",
    ]
