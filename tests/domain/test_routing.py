"""Routing help in the domain: each scope with its phrase and ground, mixed texts, the remit
table, topic suggestions from the built-in corpus (cold start) and from added cases."""

from __future__ import annotations

import pytest

from pakn_desktop.domain.enums import Outcome
from pakn_desktop.domain.errors import PaknError
from pakn_desktop.domain.letters import RejectionGround
from pakn_desktop.domain.routing import (
    DEFAULT_REMIT,
    LabelledText,
    Scope,
    ScopeEngine,
    TopicEngine,
    aligned_fold,
    joined_text,
    load_corpus,
    parse_remit,
)
from pakn_desktop.resources import resource_path


@pytest.fixture(scope="module")
def corpus() -> list[LabelledText]:
    return load_corpus(resource_path("routing", "corpus.jsonl"))


@pytest.fixture(scope="module")
def engine(corpus: list[LabelledText]) -> ScopeEngine:
    return ScopeEngine([t for t in corpus if t.split == "train"])


# Texts written for this test, none of them in the corpus.
CASES = [
    (
        Scope.ACCEPT,
        "Chậm trả kết quả",
        "Hồ sơ xin xác nhận thời gian công tác của tôi nộp ngày 2/10, hẹn 12/10 nhưng đã quá "
        "hạn 9 ngày vẫn chưa có, đề nghị Sở đôn đốc.",
        "Chậm trả",
        None,
    ),
    (
        Scope.COMPLAINT,
        "Về quyết định của Trung tâm",
        "Tôi khiếu nại Quyết định số 44/QĐ về việc tạm dừng hưởng trợ cấp thất nghiệp của tôi.",
        "khiếu nại",
        RejectionGround.COMPLAINT,
    ),
    (
        Scope.COMPLAINT,
        "Đề nghị xem lại",
        "Tôi không đồng ý với quyết định xếp lương khi chuyển ngạch, đề nghị xem xét lại quyết "
        "định đối với tôi vì làm giảm thu nhập của tôi.",
        "",
        RejectionGround.COMPLAINT,
    ),
    (
        Scope.DENUNCIATION,
        "Sai phạm ở xã",
        "Tôi tố cáo kế toán xã đã giữ lại tiền trợ cấp của 12 cụ người có công trong 6 tháng.",
        "tố cáo",
        RejectionGround.DENUNCIATION,
    ),
    (
        Scope.LEGAL_ADVICE,
        "Hỏi chế độ",
        "Cho tôi hỏi tôi đóng bảo hiểm xã hội 19 năm thì nghỉ hưu được hưởng bao nhiêu phần "
        "trăm lương?",
        "Cho tôi hỏi",
        RejectionGround.LEGAL_ADVICE,
    ),
    (
        Scope.OUT_OF_REMIT,
        "Ô nhiễm",
        "Nhà máy gạch ở thôn 4 xả khói đen suốt ngày, ô nhiễm không khí, đề nghị kiểm tra.",
        "ô nhiễm",
        RejectionGround.OUT_OF_REMIT,
    ),
    (
        Scope.MISSING_DETAILS,
        "Gấp",
        "Đề nghị giải quyết cho gia đình tôi như đã trình bày.",
        "",
        RejectionGround.MISSING_DETAILS,
    ),
    (
        Scope.NOT_VIETNAMESE,
        "Permit",
        "Our employee's work permit expired last week and we need to know how to renew it.",
        "",
        RejectionGround.NOT_VIETNAMESE_OR_UNCLEAR,
    ),
]


@pytest.mark.parametrize(("scope", "title", "content", "phrase", "ground"), CASES)
def test_each_scope_with_phrase_and_ground(
    engine: ScopeEngine,
    scope: Scope,
    title: str,
    content: str,
    phrase: str,
    ground: RejectionGround | None,
) -> None:
    s = engine.suggest(title, content)
    assert s.scope is scope, s.why
    assert s.ground is ground
    assert s.mixed_with is None
    if phrase:
        assert s.phrase.lower() == phrase.lower()
    if s.span:
        a, b = s.span
        assert joined_text(title, content)[a:b] == s.phrase
    if ground:
        assert s.ground_reason  # the preset wording is there to preselect
        # Worded, as a clerk reads it: no placeholder of the preset left («{co_quan}»).
        assert "{" not in s.ground_reason and "}" not in s.ground_reason
    assert s.why


def test_text_without_diacritics_is_read_like_with_them(engine: ScopeEngine) -> None:
    s = engine.suggest("khieu nai", "toi khieu nai quyet dinh cat tro cap cua me toi")
    assert s.scope is Scope.COMPLAINT
    assert s.phrase == "khieu nai"


def test_out_of_remit_names_the_agency(engine: ScopeEngine) -> None:
    s = engine.suggest("Sổ đỏ", "Tôi làm giấy chứng nhận quyền sử dụng đất 5 tháng chưa có.")
    assert s.scope is Scope.OUT_OF_REMIT
    assert s.agency == "Sở Nông nghiệp và Môi trường"
    assert s.outcome is Outcome.TRANSFERRED


@pytest.mark.parametrize(
    ("content", "other"),
    [
        (
            "Quyết định hưởng trợ cấp thất nghiệp ban hành chậm 3 tuần, đề nghị Sở chấn chỉnh. "
            "Tôi cũng khiếu nại mức hưởng vì bị tính thiếu tháng đóng.",
            Scope.COMPLAINT,
        ),
        (
            "Cán bộ một cửa hẹn đi hẹn lại nhiều lần, đề nghị chấn chỉnh. "
            "Tôi tố cáo cán bộ đó nhận tiền của người nộp hồ sơ.",
            Scope.DENUNCIATION,
        ),
        (
            "Kiến nghị cho nộp hồ sơ người có công trực tuyến. "
            "Cho tôi hỏi cháu nội liệt sĩ có được hưởng trợ cấp không?",
            Scope.LEGAL_ADVICE,
        ),
    ],
)
def test_mixed_texts_accept_the_part_in_scope(
    engine: ScopeEngine, content: str, other: Scope
) -> None:
    s = engine.suggest("", content)
    assert s.scope is Scope.ACCEPT
    assert s.mixed_with is other
    assert s.mixed_phrase
    assert "tiếp nhận phần thuộc phạm vi" in s.why


def test_contact_missing_asks_for_details(engine: ScopeEngine) -> None:
    title, content = CASES[0][1], CASES[0][2]
    assert engine.suggest(title, content).scope is Scope.ACCEPT
    s = engine.suggest(title, content, contact_missing=True)
    assert s.scope is Scope.MISSING_DETAILS
    assert s.ground is RejectionGround.MISSING_DETAILS


def test_remit_table_is_a_setting() -> None:
    rules = parse_remit("# ghi chú\nSở Y tế: bệnh viện, Trạm Y tế\n\nCông an tỉnh: căn cước\n")
    assert [r.agency for r in rules] == ["Sở Y tế", "Công an tỉnh"]
    assert rules[0].words == ("benh vien", "tram y te")
    with pytest.raises(PaknError, match="Dòng 1"):
        parse_remit("Sở Y tế bệnh viện")
    with pytest.raises(PaknError, match="chưa có từ khóa"):
        parse_remit("Sở Y tế: ,")
    engine = ScopeEngine(remit=parse_remit("Ban Quản lý khu kinh tế: khu kinh tế Dung Quất"))
    s = engine.suggest("", "Đường nội bộ trong khu kinh tế Dung Quất hư hỏng nặng, đề nghị sửa.")
    assert s.scope is Scope.OUT_OF_REMIT
    assert s.agency == "Ban Quản lý khu kinh tế"
    assert any(r.agency == "Sở Xây dựng" for r in DEFAULT_REMIT)


def test_aligned_fold_keeps_positions() -> None:
    text = "Tố cáo  Đường\u00a0x"
    f = aligned_fold(text)
    assert len(f) == len(text)
    assert f.startswith("to cao")


def test_cold_start_topics_from_the_corpus(corpus: list[LabelledText]) -> None:
    topics = TopicEngine([t for t in corpus if t.split == "train"])
    got = topics.suggest("Liệt sĩ", "Gia đình đề nghị xác nhận liệt sĩ cho ông nội đã lâu.")
    assert got[0].value == "Chính sách người có công"
    assert len(got) == 3
    assert all(c.refs for c in got[:1])  # the corpus texts it comes from


def test_added_cases_change_the_topic() -> None:
    topics = TopicEngine()
    assert topics.suggest("x", "cầu treo qua suối") == []
    for i in range(3):
        topics.learn(f"Cầu treo qua suối bị hỏng lần {i}", "Khác", ref=f"26-00000{i}")
    got = topics.suggest("", "cầu treo qua suối")
    assert got[0].value == "Khác"
    assert got[0].refs[0].startswith("26-")
