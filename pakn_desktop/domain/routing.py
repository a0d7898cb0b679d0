"""Routing help: the scope a PAKN falls in (with the phrase that decides it and the matching
rejection ground), and the topic, from rules plus a small model trained on labelled texts.

Pure Python and offline: the texts come from the built-in corpus (``resources/routing``) and
from the office's own decided cases, handed in by the service. Nothing is downloaded and
nothing here is applied by itself; a person accepts or changes every suggestion.

Scope words (issue 26): ``accept``, ``complaint`` (khiếu nại), ``denunciation`` (tố cáo),
``legal_advice`` (hướng dẫn giải đáp pháp luật), ``out_of_remit`` (another agency's matter,
from the editable remit table), ``missing_details`` (content unclear or contact missing),
``not_vietnamese``. A *mixed* text has a part in scope and a part that is not: its scope is
``accept`` and ``mixed_with`` names the rest, which the office advises on."""

from __future__ import annotations

import functools
import heapq
import itertools
import json
import math
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from .enums import DEFAULT_TOPICS, TOPIC_EARLIER_NAMES, Outcome
from .errors import PaknError
from .letters import RejectionGround, word_rejection
from .text import fold


class Scope(StrEnum):
    ACCEPT = "accept"
    COMPLAINT = "complaint"
    DENUNCIATION = "denunciation"
    LEGAL_ADVICE = "legal_advice"
    OUT_OF_REMIT = "out_of_remit"
    MISSING_DETAILS = "missing_details"
    NOT_VIETNAMESE = "not_vietnamese"

    @property
    def label(self) -> str:
        return SCOPE_WORDS[self]

    @property
    def rejects(self) -> bool:
        """Whether the suggestion leads away from handling the PAKN here."""
        return self is not Scope.ACCEPT


SCOPE_WORDS: dict[Scope, str] = {
    Scope.ACCEPT: "Thuộc phạm vi tiếp nhận",
    Scope.COMPLAINT: "Khiếu nại",
    Scope.DENUNCIATION: "Tố cáo",
    Scope.LEGAL_ADVICE: "Hướng dẫn, giải đáp pháp luật",
    Scope.OUT_OF_REMIT: "Không thuộc thẩm quyền",
    Scope.MISSING_DETAILS: "Nội dung chưa rõ hoặc thiếu thông tin",
    Scope.NOT_VIETNAMESE: "Không dùng tiếng Việt",
}

# The ground (and so the preset reason wording) that each excluded scope preselects.
SCOPE_GROUNDS: dict[Scope, RejectionGround] = {
    Scope.COMPLAINT: RejectionGround.COMPLAINT,
    Scope.DENUNCIATION: RejectionGround.DENUNCIATION,
    Scope.LEGAL_ADVICE: RejectionGround.LEGAL_ADVICE,
    Scope.NOT_VIETNAMESE: RejectionGround.NOT_VIETNAMESE_OR_UNCLEAR,
    Scope.OUT_OF_REMIT: RejectionGround.OUT_OF_REMIT,
    Scope.MISSING_DETAILS: RejectionGround.MISSING_DETAILS,
}

# What the office does next (DOMAIN.md, classification table): unclear content is asked
# about (5 working days), another agency's matter is transferred, the rest rejected.
SCOPE_OUTCOMES: dict[Scope, Outcome] = {
    Scope.ACCEPT: Outcome.ACCEPTED,
    Scope.COMPLAINT: Outcome.REJECTED,
    Scope.DENUNCIATION: Outcome.REJECTED,
    Scope.LEGAL_ADVICE: Outcome.REJECTED,
    Scope.NOT_VIETNAMESE: Outcome.REJECTED,
    Scope.OUT_OF_REMIT: Outcome.TRANSFERRED,
    Scope.MISSING_DETAILS: Outcome.CLARIFICATION,
}


# ---------------------------------------------------------------------------------------------
# Folding with positions kept


def aligned_fold(text: str) -> str:
    """``text`` folded character by character with the project's own ``fold``, so that index
    i of the result is character i of ``text`` (NFC): a phrase found in the folded text can
    be highlighted in the original. Whitespace and marks that fold to nothing become spaces."""
    out = []
    for ch in text:
        f = fold(ch) if not ch.isspace() else ""
        out.append(f[0] if f else " ")
    return "".join(out)


_TOKEN = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    return list(_folded_tokens(text))


@functools.lru_cache(maxsize=16)
def _folded_tokens(text: str) -> tuple[str, ...]:
    """A text's folded words, kept for the few texts read last: learning a case reads its
    text four times (scope and topic counts, two nearest-case tables), and a suggestion
    reads the text being entered as often; folding is most of what that costs."""
    return tuple(_TOKEN.findall(fold(text)))


def features(text: str) -> list[str]:
    """Unigrams and bigrams of folded tokens: "xem xet lai" and "khieu nai" carry more than
    their words apart."""
    toks = tokens(text)
    return toks + [f"{a}_{b}" for a, b in itertools.pairwise(toks)]


# ---------------------------------------------------------------------------------------------
# The remit table: an editable setting, seeded with today's provincial departments


@dataclass(frozen=True)
class RemitRule:
    agency: str
    words: tuple[str, ...]  # folded phrases; any one of them in the text names this agency


DEFAULT_REMIT_ROWS: tuple[tuple[str, str], ...] = (
    (
        "Sở Nông nghiệp và Môi trường",
        "giấy chứng nhận quyền sử dụng đất, sổ đỏ, sổ hồng, đất đai, văn phòng đăng ký đất đai, "
        "bồi thường giải phóng mặt bằng, thu hồi đất, giá đất, bảng giá đất, lấn chiếm đất, ô "
        "nhiễm, môi trường, nước thải, xả thải, khai thác cát, sạt lở bờ sông, thú y, dịch tả, "
        "gia súc, cây trồng, thủy lợi, nước sạch nông thôn, nước sinh hoạt, hộ nghèo, cận "
        "nghèo, giảm nghèo",
    ),
    (
        "Sở Xây dựng",
        "giấy phép xây dựng, công trình xây dựng, trật tự xây dựng, đường giao thông, ổ gà, sụt "
        "lún, đèn tín hiệu, xe buýt, vận tải, đăng kiểm, quy hoạch xây dựng, nhà ở xã hội, "
        "chung cư, vỉa hè, sửa chữa đường, con đường",
    ),
    (
        "Sở Tài chính",
        "đăng ký doanh nghiệp, đăng ký kinh doanh, hoàn thuế, thuế giá trị gia tăng, giải ngân "
        "vốn, vốn đầu tư công, thanh toán vốn, ngân sách, dự án đầu tư, giá cả",
    ),
    (
        "Sở Y tế",
        "bệnh viện, trạm y tế, khám chữa bệnh, thuốc, nhà thuốc, dược sĩ, bác sĩ, an toàn thực "
        "phẩm, ngộ độc, bảo trợ xã hội, trợ cấp xã hội, trợ giúp xã hội, người khuyết tật, "
        "khuyết tật, người cao tuổi, trẻ em mồ côi, mồ côi, trẻ em, cai nghiện",
    ),
    (
        "Sở Giáo dục và Đào tạo",
        "trường học, trường tiểu học, trường mầm non, trường trung học, học sinh, giáo viên, "
        "giáo dục nghề nghiệp, trường nghề, trung cấp nghề, cao đẳng nghề, trường cao đẳng, học "
        "phí, phòng học, điểm trường, lớp ghép",
    ),
    (
        "Sở Tư pháp",
        "lý lịch tư pháp, công chứng, chứng thực hợp đồng, hộ tịch, khai sinh, kết hôn, trợ "
        "giúp pháp lý, luật sư, thừa phát lại, đấu giá",
    ),
    (
        "Sở Công Thương",
        "mất điện, tiền điện, giá điện, công tơ, ngành điện, điện lực, quản lý thị trường, hàng "
        "giả, hàng nhái, xăng dầu, siêu thị",
    ),
    (
        "Sở Khoa học và Công nghệ",
        "sóng điện thoại, sóng di động, trạm phát sóng, nhà mạng, tin nhắn rác, cuộc gọi lừa "
        "đảo, internet, viễn thông, bưu chính, sở hữu trí tuệ, đo lường",
    ),
    (
        "Sở Văn hóa, Thể thao và Du lịch",
        "karaoke, di tích, lễ hội văn hóa, du lịch, khách sạn, thể thao, quảng cáo ngoài trời, "
        "thư viện",
    ),
    (
        "Công an tỉnh",
        "căn cước, thẻ căn cước, cư trú, hộ khẩu, giấy phép lái xe, bằng lái, đua xe, cảnh sát "
        "giao thông, chở quá tải, xe quá tải, trộm cắp, an ninh trật tự, hộ chiếu, xuất nhập "
        "cảnh, phòng cháy",
    ),
    (
        "Bảo hiểm xã hội tỉnh",
        "sổ bảo hiểm xã hội, thẻ bảo hiểm y tế hộ gia đình, chốt sổ bảo hiểm, lương hưu chậm "
        "chi trả",
    ),
)
DEFAULT_REMIT_TEXT = "".join(f"{agency}: {words}\n" for agency, words in DEFAULT_REMIT_ROWS)


def parse_remit(text: str) -> list[RemitRule]:
    """The remit table from its setting text: one agency a line, "Agency: word, word, …".
    Blank lines and lines starting with # are skipped; a line without ":" raises PaknError."""
    rules: list[RemitRule] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        agency, sep, words = line.partition(":")
        if not sep or not agency.strip():
            raise PaknError(f"Dòng {n}: cần dạng «Cơ quan: từ khóa, từ khóa».")
        folded = tuple(" ".join(tokens(w)) for w in words.split(",") if " ".join(tokens(w)))
        if not folded:
            raise PaknError(f"Dòng {n}: chưa có từ khóa nào cho «{agency.strip()}».")
        rules.append(RemitRule(agency.strip(), folded))
    return rules


DEFAULT_REMIT: tuple[RemitRule, ...] = tuple(parse_remit(DEFAULT_REMIT_TEXT))

# Words of the office's own remit (a Sở Nội vụ after the 2025 merge): a sentence with one of
# them is the office's business even when another agency's word is near.
_OWN_TEXT = (
    "lao dong, viec lam, tien luong, muc luong, luong toi thieu, bao hiem that nghiep, tro "
    "cap that nghiep, bao hiem xa hoi, bhxh, nguoi co cong, liet si, thuong binh, benh binh, "
    "chat doc hoa hoc, cong chuc, vien chuc, tuyen dung, thi tuyen, thi dua, khen thuong, luu "
    "tru, ton giao, tin nguong, bien che, don vi hanh chinh, nghi huu, giay phep lao dong, "
    "nghi quyet 68, so noi vu, xep luong, nang luong, bang luong, thang luong, hop dong lao "
    "dong"
)
OWN_REMIT_WORDS: tuple[str, ...] = tuple(w.strip() for w in _OWN_TEXT.split(","))
# Procedure words: the office's business when the text is addressed to the office itself
# ("đề nghị Sở …"), since every agency has procedures.
_PROCEDURE = re.compile(
    r"(?<![a-z0-9])(?:thu tuc|ho so|ket qua giai quyet|mot cua|dich vu cong|giay hen)(?![a-z0-9])"
)
_TO_OFFICE = re.compile(
    r"(?<![a-z0-9])(?:de nghi|kien nghi|mong|de xuat|yeu cau) so (?!do|hong|dien|bao|tien)"
)

# What makes a text concrete enough to act on: a named matter of the office (a benefit, a
# procedure, a kind of official), a number or a date. A short text with none of them (“Đề
# nghị giải quyết chế độ cho bố tôi sớm”) is asked about (missing_details).
ANCHORS = re.compile(
    r"(?<![a-z0-9])(?:lao dong|viec lam|that nghiep|bhxh|bao hiem|luong|liet si|thuong binh|"
    r"benh binh|nguoi co cong|cong chuc|vien chuc|tuyen dung|thi tuyen|khen thuong|thi dua|"
    r"luu tru|ton giao|giay phep|nghi quyet|quyet dinh so|covid|dich benh|tro cap|nghi huu|"
    r"sap xep|mot cua|dich vu cong|duong day nong|giay hen|phieu|bieu mau|mau|ho so [a-z]+ "
    r"(?:tro cap|de nghi|cap|xac nhan|dang ky|huong)|nop ho so|tu thang|ngay \d|thang \d|"
    r"\d+ (?:ngay|thang|tuan|nam|lan|trieu|nguoi)|doanh nghiep|cong ty|"
    r"hoat dong khong chuyen trach|dan cu|vneid|thanh toan|bo tri|truc tuyen)(?![a-z0-9])"
)
_SHORT = 35  # words; a longer text says enough even without an anchor


# ---------------------------------------------------------------------------------------------
# Rules


@dataclass(frozen=True)
class _Rule:
    scope: Scope
    pattern: re.Pattern[str]
    weight: float  # 1.0 decides alone; less needs a second rule or the model's agreement
    reason: str


def _r(scope: Scope, weight: float, reason: str, *alternatives: str) -> _Rule:
    body = "|".join(alternatives)
    return _Rule(scope, re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])"), weight, reason)


_FIRST = r"(?:toi|em|minh|gia dinh|bo toi|me toi|cong ty|doanh nghiep|chung toi)"
_DECISION = (
    r"(?:quyet dinh|ket qua|ket luan|van ban|viec (?:khong|cat|thu hoi|dinh chi|tu choi)|"
    r"muc huong|muc tro cap|xep loai|xep luong|ho so cua toi|quyen loi)"
)

RULES: tuple[_Rule, ...] = (
    # Denunciation: the word itself, or a violation of law with handling asked for.
    _r(
        Scope.DENUNCIATION,
        1.0,
        "Người viết tố cáo hành vi vi phạm của người khác.",
        r"to cao",
        r"to giac",
    ),
    _r(
        Scope.DENUNCIATION,
        0.6,
        "Nêu hành vi vi phạm pháp luật và đề nghị xử lý.",
        r"nhan hoi lo",
        r"hoi lo",
        r"chiem doat",
        r"tham o",
        r"lua dao",
        r"danh sach khong",
        r"khai khong",
        r"ky khong",
        r"lam gia",
        r"gia mao",
        r"bang (?:dai hoc )?gia",
        r"truc loi",
        r"mua ban chuc",
        r"danh dap",
        r"bo tron",
        r"gian lan",
    ),
    # Complaint: the word, or asking to undo a decision that touches the writer's rights.
    _r(
        Scope.COMPLAINT,
        1.0,
        "Người viết khiếu nại quyết định, hành vi liên quan đến quyền lợi của chính mình.",
        r"khieu nai",
        r"kien nai",
        r"phuc khao",
    ),
    _r(
        Scope.COMPLAINT,
        0.9,
        "Đề nghị xem xét lại, hủy bỏ một quyết định liên quan đến quyền lợi của người viết.",
        rf"(?:xem xet|xem) lai (?:\w+ ){{0,3}}{_DECISION}",
        rf"(?:huy|huy bo|thu hoi) (?:\w+ ){{0,2}}quyet dinh (?:\w+ ){{0,4}}(?:doi voi|cua) "
        rf"{_FIRST}",
        r"huy quyet dinh",
        r"phan doi quyet dinh",
        rf"khong dong y (?:voi )?(?:\w+ ){{0,2}}{_DECISION}",
        r"xam pham quyen loi",
    ),
    _r(
        Scope.COMPLAINT,
        0.6,
        "Đề nghị xem xét lại việc của chính người viết.",
        r"xem xet lai",
        r"khong dong y",
    ),
    # Legal advice: a question about how the law applies to the writer's own case.
    _r(
        Scope.LEGAL_ADVICE,
        1.0,
        "Người viết hỏi pháp luật áp dụng thế nào cho trường hợp của mình.",
        r"cho (?:toi|em|minh|chau)? ?hoi",
        r"xin hoi",
        r"xin (?:duoc )?tu van",
        r"tu van (?:giup|ve)",
        r"giai dap (?:giup|ve)",
        r"xin (?:so )?giai dap",
        r"mong so giai dap",
        r"hoi (?:them|luon)",
        r"co dung (?:luat|phap luat|quy dinh)",
        r"xin so cho biet",
    ),
    _r(
        Scope.LEGAL_ADVICE,
        0.6,
        "Câu hỏi về quyền lợi của người viết theo quy định.",
        r"(?:tinh|tinh toan) (?:nhu the nao|the nao|nhu nao|ra sao)",
        r"bao nhieu phan tram",
        r"co (?:duoc|phai|bi) (?:\w+ ){0,6}khong",
        r"theo (?:quy dinh|dieu) nao",
        r"can (?:nhung )?(?:dieu kien|giay to|thu tuc) gi",
        r"phai lam (?:gi|sao)",
        r"la bao lau",
        r"co con duoc",
        r"hoi ve",
    ),
)

# What makes a sentence the office's business (seed, "Lưu ý" 1): delay or wrong conduct in
# handling procedures, and policies or procedures the writer asks to change.
ACCEPT_SIGNALS = re.compile(
    r"(?<![a-z0-9])(?:cham (?:tre|tra|giai quyet|chi tra|cap|xu ly|ban hanh|tham dinh|hon|so voi|"
    r"nhu vay|qua|tien do|phe duyet|duyet|thong bao|dieu chinh|giai ngan|thanh toan|"
    r"\d+ (?:ngay|thang|tuan|nam|lan))|"
    r"(?:bi|rat|qua|van|dang|deu) cham(?! (?:diem|thi|bai|con|soc|lo|\d+ diem))|"
    r"qua han|tre han|tre hen|hen (?:di|len) hen|chan chinh|"
    r"don doc|kien nghi|de xuat|don gian hoa|rut ngan|rut gon|cong khai|gay phien ha|"
    r"gay kho khan|chua nhan|chua (?:duoc )?giai quyet|chua co (?:ket qua|quyet dinh)|"
    r"khac phuc|de nghi so (?:kiem tra|xem xet giai quyet|giai quyet|chi dao)|"
    r"khong (?:ai )?(?:tra loi|nghe may|phan hoi))(?![a-z0-9])"
)

_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;\n]*")

# Vietnamese syllables, folded: onset, vowel nucleus, coda. An English or French word rarely
# fits ("work", "permit", "bonjour"); almost every Vietnamese one does, with or without marks.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:uye|uya|oai|oay|uoi|uou|ieu|yeu|uay|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|"
    r"ui|uo|uu|uy|ye|[aeiouy])"
    r"(?:ng|nh|ch|[cmnpt]|[iyuo])?"
)
_ABBREVIATIONS = frozenset(
    {
        "bhxh",
        "bhyt",
        "tthc",
        "ubnd",
        "hs",
        "dc",
        "dt",
        "sdt",
        "cty",
        "tnhh",
        "vneid",
        "cccd",
        "qd",
        "nd",
        "ct",
        "tt",
        "pakn",
        "ko",
        "k",
        "j",
        "dk",
        "vs",
        "tk",
    }
)


def _vietnamese_share(text: str) -> float:
    """Share of a text's words that could be Vietnamese syllables, letters of other scripts
    counting against it. 1.0 for a text with no letters."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    words = [w for w in tokens(text) if not w.isdigit()]
    if not words:
        return latin / len(letters)
    fits = sum(1 for w in words if w in _ABBREVIATIONS or _SYLLABLE.fullmatch(w))
    marked = sum(1 for c in letters if fold(c) != c.lower())
    # Vietnamese letters with marks settle it; their absence proves nothing (typed without).
    bonus = min(0.3, 3 * marked / len(letters))
    return min(1.0, (latin / len(letters)) * (fits / len(words)) + bonus)


# ---------------------------------------------------------------------------------------------
# A small multinomial naive Bayes over folded features


@dataclass
class NaiveBayes:
    """Counts per label; ``rank`` gives labels by posterior. Cheap to train and to extend
    with the office's own cases (``add``)."""

    alpha: float = 0.5
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    totals: Counter[str] = field(default_factory=Counter)
    docs: Counter[str] = field(default_factory=Counter)
    vocab: Counter[str] = field(default_factory=Counter)  # every feature, with its weight

    def add(self, label: str, feats: Iterable[str], weight: int = 1) -> None:
        c = self.counts.setdefault(label, Counter())
        for f in feats:
            c[f] += weight
            self.totals[label] += weight
            self.vocab[f] += weight
        self.docs[label] += weight

    def remove(self, label: str, feats: Iterable[str], weight: int = 1) -> None:
        """Take back what ``add`` added (a decision changed): counts only, so that learning
        one case more or less costs that case, not the whole corpus again."""
        c = self.counts.get(label)
        if c is None:
            return
        for f in feats:
            c[f] -= weight
            if c[f] <= 0:
                del c[f]
            self.totals[label] -= weight
            self.vocab[f] -= weight
            if self.vocab[f] <= 0:
                del self.vocab[f]
        self.docs[label] -= weight
        if self.docs[label] <= 0:
            del self.counts[label], self.docs[label]
            self.totals.pop(label, None)

    def rank(self, feats: Sequence[str]) -> list[tuple[str, float]]:
        if not self.docs:
            return []
        n_docs = sum(self.docs.values())
        v = len(self.vocab) or 1
        logp: dict[str, float] = {}
        known = [f for f in feats if f in self.vocab]
        for label, c in self.counts.items():
            denom = self.totals[label] + self.alpha * v
            s = math.log(self.docs[label] / n_docs)
            for f in known:
                s += math.log((c[f] + self.alpha) / denom)
            logp[label] = s
        top = max(logp.values())
        exp = {k: math.exp(s - top) for k, s in logp.items()}
        z = sum(exp.values())
        return sorted(((k, e / z) for k, e in exp.items()), key=lambda kv: -kv[1])


# ---------------------------------------------------------------------------------------------
# Labelled texts


@dataclass(frozen=True)
class LabelledText:
    title: str
    content: str
    scope: Scope
    topic: str = ""
    agency: str = ""
    mixed_with: Scope | None = None
    split: str = "train"
    ref: str = ""  # the corpus id, or the case code a decision came from

    @property
    def text(self) -> str:
        return f"{self.title}. {self.content}"


def load_corpus(path: Path) -> list[LabelledText]:
    out: list[LabelledText] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        out.append(
            LabelledText(
                title=d["title"],
                content=d["content"],
                scope=Scope(d["scope"]),
                topic=d.get("topic", ""),
                agency=d.get("agency", ""),
                mixed_with=Scope(d["mixed_with"]) if d.get("mixed_with") else None,
                split=d.get("split", "train"),
                ref=d.get("id", ""),
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# The suggestion


@dataclass(frozen=True)
class ScopeSuggestion:
    scope: Scope
    confidence: float
    reason: str
    # The decisive phrase: its position in the NFC title + ". " + content, and its text.
    span: tuple[int, int] | None = None
    phrase: str = ""
    mixed_with: Scope | None = None
    mixed_phrase: str = ""
    agency: str = ""
    ground: RejectionGround | None = None
    outcome: Outcome = Outcome.ACCEPTED

    @property
    def ground_reason(self) -> str:
        """The "Lý do" sentence the preselected ground gives, worded as a rejection words it
        (the office named as "cơ quan"), or "". The preset itself holds placeholders."""
        if self.ground is None:
            return ""
        return word_rejection(self.ground, competent_agency=self.agency).reason

    @property
    def why(self) -> str:
        parts = [self.reason]
        if self.phrase:
            parts.append(f"Cụm từ: «{self.phrase}».")
        if self.mixed_with:
            parts.append(
                f"Có phần {SCOPE_WORDS[self.mixed_with].lower()}"
                + (f" («{self.mixed_phrase}»)" if self.mixed_phrase else "")
                + ": tiếp nhận phần thuộc phạm vi, hướng dẫn phần còn lại."
            )
        if self.agency:
            parts.append(f"Cơ quan có thẩm quyền: {self.agency}.")
        return " ".join(parts)


@dataclass(frozen=True)
class _Hit:
    scope: Scope
    weight: float
    reason: str
    start: int
    end: int
    sentence: int


def joined_text(title: str, content: str) -> str:
    """The text suggestions read and their spans point into: NFC title + ". " + content."""
    t = unicodedata.normalize("NFC", (title or "").strip())
    c = unicodedata.normalize("NFC", (content or "").strip())
    return f"{t}. {c}" if t else c


_MIN_WORDS = 9  # fewer words than this in title and content together is never enough


class ScopeEngine:
    """Rules first; a naive Bayes over the labelled texts where no rule decides. A text is
    only suggested for rejection by the model when it is very sure (``reject_threshold``):
    wrongly rejecting an acceptable PAKN costs the person more than a second look costs the
    office."""

    def __init__(
        self,
        texts: Iterable[LabelledText] = (),
        remit: Sequence[RemitRule] = DEFAULT_REMIT,
        *,
        reject_threshold: float = 0.9,
    ) -> None:
        self.remit = list(remit)
        self.reject_threshold = reject_threshold
        self.model = NaiveBayes()
        for t in texts:
            self.model.add(t.scope, features(t.text))

    # -- pieces -----------------------------------------------------------------------------

    def _hits(self, folded: str) -> tuple[list[_Hit], list[tuple[int, int]]]:
        sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(folded)]

        def sentence_of(pos: int) -> int:
            for i, (a, b) in enumerate(sentences):
                if a <= pos < b:
                    return i
            return len(sentences) - 1

        hits = [
            _Hit(rule.scope, rule.weight, rule.reason, m.start(), m.end(), sentence_of(m.start()))
            for rule in RULES
            for m in rule.pattern.finditer(folded)
        ]
        return hits, sentences

    def _remit_hit(self, folded: str) -> tuple[RemitRule, int, int] | None:
        best: tuple[RemitRule, int, int] | None = None
        for rule in self.remit:
            for w in rule.words:
                m = re.search(rf"(?<![a-z0-9]){re.escape(w)}(?![a-z0-9])", folded)
                # The longest phrase found wins: "tro cap xa hoi" over "ho tro".
                if m and (best is None or m.end() - m.start() > best[2] - best[1]):
                    best = (rule, m.start(), m.end())
        return best

    @staticmethod
    def _own(folded_part: str) -> bool:
        return any(
            re.search(rf"(?<![a-z0-9]){w}(?![a-z0-9])", folded_part) for w in OWN_REMIT_WORDS
        )

    # -- the suggestion ---------------------------------------------------------------------

    def suggest(
        self, title: str, content: str, *, contact_missing: bool = False
    ) -> ScopeSuggestion:
        text = joined_text(title, content)
        folded = aligned_fold(text)

        def made(
            scope: Scope,
            conf: float,
            reason: str,
            a: int | None = None,
            b: int | None = None,
            **kw: object,
        ) -> ScopeSuggestion:
            span = (a, b) if a is not None and b is not None else None
            phrase = text[a:b] if span else ""
            return ScopeSuggestion(
                scope,
                round(conf, 2),
                reason,
                span,
                phrase,
                ground=SCOPE_GROUNDS.get(scope),
                outcome=SCOPE_OUTCOMES[scope],
                **kw,  # type: ignore[arg-type]
            )

        # 1. Not in Vietnamese.
        if _vietnamese_share(text) < 0.6:
            first = _SENTENCE.match(text)
            end = min(first.end() if first else len(text), 80)
            return made(Scope.NOT_VIETNAMESE, 0.95, "Nội dung không viết bằng tiếng Việt.", 0, end)

        hits, sentences = self._hits(folded)
        words = len(tokens(text))
        ranked = dict(self.model.rank(features(text)))

        # 2. Excluded scopes found by rules, the strongest first (tố cáo > khiếu nại > hỏi).
        order = [Scope.DENUNCIATION, Scope.COMPLAINT, Scope.LEGAL_ADVICE]
        remit_first = self._remit_hit(folded)
        excluded: _Hit | None = None
        for scope in order:
            mine = [h for h in hits if h.scope is scope]
            if not mine:
                continue
            score = max(h.weight for h in mine) + 0.2 * (len(mine) - 1)
            if score < 1.0 and remit_first is not None and not self._own(folded):
                # A weak sign ("lừa đảo") in another agency's matter: that agency's business.
                continue
            if score >= 1.0 or (score >= 0.6 and ranked.get(scope, 0) >= 0.3):
                excluded = max(mine, key=lambda h: h.weight)
                break

        # Sentences that carry the office's own business and no excluded rule.
        flagged = {h.sentence for h in hits if excluded and h.scope is excluded.scope}
        accept_sentences = [
            i
            for i, (a, b) in enumerate(sentences)
            if i not in flagged
            and ACCEPT_SIGNALS.search(folded[a:b])
            and not any(h.sentence == i and h.weight >= 0.9 for h in hits)
        ]

        if excluded is not None:
            conf = 0.95 if excluded.weight >= 1.0 else 0.75
            if accept_sentences and excluded.sentence not in accept_sentences:
                a, b = sentences[accept_sentences[0]]
                lead = re.search(r"\S", text[a:b])
                a += lead.start() if lead else 0
                return made(
                    Scope.ACCEPT,
                    0.7,
                    "Có phần thuộc phạm vi tiếp nhận (chậm trễ, thủ tục, chính sách).",
                    a,
                    min(b, a + 120),
                    mixed_with=excluded.scope,
                    mixed_phrase=text[excluded.start : excluded.end],
                )
            return made(excluded.scope, conf, excluded.reason, excluded.start, excluded.end)

        # 3. Another agency's matter, from the remit table.
        remit = self._remit_hit(folded)
        if remit is not None:
            rule, a, b = remit
            hit_sentence = next((i for i, (sa, sb) in enumerate(sentences) if sa <= a < sb), 0)
            own_elsewhere = [
                i
                for i, (sa, sb) in enumerate(sentences)
                if i != hit_sentence
                and (self._own(folded[sa:sb]) or _PROCEDURE.search(folded[sa:sb]))
                and ACCEPT_SIGNALS.search(folded[sa:sb])
                and not self._remit_in(folded[sa:sb])
            ]
            own_here = self._own(folded[sentences[hit_sentence][0] : sentences[hit_sentence][1]])
            if own_elsewhere:
                sa, sb = sentences[own_elsewhere[0]]
                return made(
                    Scope.ACCEPT,
                    0.7,
                    "Có phần thuộc phạm vi tiếp nhận của cơ quan.",
                    sa,
                    min(sb, sa + 120),
                    mixed_with=Scope.OUT_OF_REMIT,
                    mixed_phrase=text[a:b],
                    agency=rule.agency,
                )
            own_anywhere = self._own(folded) or bool(
                _TO_OFFICE.search(folded) and _PROCEDURE.search(folded)
            )
            if not (own_here or own_anywhere) or ranked.get(Scope.OUT_OF_REMIT, 0) >= 0.5:
                return made(
                    Scope.OUT_OF_REMIT,
                    0.85,
                    f"Nội dung thuộc lĩnh vực quản lý của {rule.agency}.",
                    a,
                    b,
                    agency=rule.agency,
                )

        # 4. Too little to act on.
        if words < _MIN_WORDS or (words < _SHORT and not ANCHORS.search(folded)):
            return made(
                Scope.MISSING_DETAILS,
                0.8 if words < _MIN_WORDS else 0.6,
                "Nội dung quá ngắn hoặc chưa nêu rõ sự việc, cơ quan, thời gian.",
                0,
                len(text),
            )
        if contact_missing:
            return made(
                Scope.MISSING_DETAILS,
                0.9,
                "Thiếu họ tên, địa chỉ hoặc số điện thoại.",
            )

        # 5. The model alone may only reject when very sure, and never as a complaint, a
        # denunciation or a legal question: those need a phrase a person can be shown.
        if ranked:
            best, p = max(ranked.items(), key=lambda kv: kv[1])
            if (
                best in (Scope.OUT_OF_REMIT, Scope.MISSING_DETAILS)
                and p >= self.reject_threshold
                and not accept_sentences
            ):
                return made(Scope(best), round(p * 0.8, 2), "Giống các PAKN mẫu thuộc loại này.")
        signal = ACCEPT_SIGNALS.search(folded)
        if signal:
            return made(
                Scope.ACCEPT,
                0.8,
                "Phản ánh chậm trễ, thủ tục hoặc kiến nghị về cơ chế, chính sách.",
                signal.start(),
                signal.end(),
            )
        return made(
            Scope.ACCEPT,
            round(max(0.5, ranked.get(Scope.ACCEPT, 0.5)), 2),
            "Không thấy dấu hiệu khiếu nại, tố cáo, hỏi pháp luật hay việc của cơ quan khác.",
        )

    def _remit_in(self, folded_part: str) -> bool:
        return self._remit_hit(folded_part) is not None


# ---------------------------------------------------------------------------------------------
# Topic (and anything else learnt from labelled cases): naive Bayes plus nearest cases


@dataclass(frozen=True)
class Candidate:
    value: str
    score: float
    refs: tuple[str, ...] = ()  # case codes (or corpus ids) the value comes from


def _idf_vector(toks: Sequence[str], df: dict[str, int], n: int) -> dict[str, float]:
    tf = Counter(toks)
    vec = {
        t: (1 + math.log(c)) * (1 + math.log((n + 1) / (df.get(t, 0) + 1))) for t, c in tf.items()
    }
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


_SHORT_IDS = 65_536  # word ids an array("H") holds
QUERY_WORDS = 12
POSTINGS = 1_500


class NearestCases:
    """Decided cases as TF-IDF vectors with an inverted index: the k most similar to a text,
    and a vote over one of their labels (topic, unit, official) weighted by similarity.

    Kept in few Python objects (issue 24): each case's words as numbers in one flat array,
    each word's postings as two arrays (case numbers, weights), the cases' codes in a dict of
    plain values (which the collector does not follow, as it would a list) and their labels
    as numbers of the distinct label sets. Lists of millions of ``(case, weight)`` tuples and
    one list of words per case, as this table held before, made every full garbage collection
    of the process walk millions of objects, up to a second with the interpreter's lock held
    while the warm-up built the tables: a second the window could not paint. The weights are
    the same floats, computed in the same order."""

    def __init__(self) -> None:
        self.refs: dict[int, str] = {}  # case number -> its code (or corpus id)
        self.df: Counter[str] = Counter()
        # word -> (case numbers, their weights), the newest case first when added by add_now
        self.index: dict[str, tuple[array[int], array[float]]] = {}
        self._word_ids: dict[str, int] = {}
        self._words: list[str] = []
        # Every case's words (ids), one after another: two bytes a word while the table
        # knows fewer than 65,536 words (11 MB instead of 22 for the two tables at 50,000
        # cases), four from then on.
        self._tokens: array[int] = array("H")
        self._ends: array[int] = array("q")  # where each case's words end in _tokens
        # Each case's labels as the number of a distinct label set, read-only; 0 is none.
        self._label_of: array[int] = array("i")
        self._label_sets: list[dict[str, str]] = [{}]
        self._label_ids: dict[tuple[tuple[str, str], ...], int] = {(): 0}
        self._dirty = False

    def _keep(self, ref: str, toks: list[str], labels: dict[str, str]) -> None:
        ids = self._word_ids
        for t in toks:
            if t not in ids:
                ids[t] = len(self._words)
                self._words.append(t)
        if len(self._words) > _SHORT_IDS and self._tokens.typecode == "H":
            self._tokens = array("i", self._tokens)
        self._tokens.extend([ids[t] for t in toks])
        self._ends.append(len(self._tokens))
        for t in set(toks):
            self.df[t] += 1
        self.refs[len(self.refs)] = ref
        key = tuple(labels.items())
        label_id = self._label_ids.get(key)
        if label_id is None:
            label_id = self._label_ids[key] = len(self._label_sets)
            self._label_sets.append(labels)
        self._label_of.append(label_id)

    def add(self, ref: str, text: str, labels: dict[str, str]) -> None:
        self._keep(ref, tokens(text), labels)
        self._dirty = True

    def add_now(self, ref: str, text: str, labels: dict[str, str]) -> None:
        """Add a case to a table already indexed, without indexing it all again: its words
        are weighed with today's document frequencies (those of the rows before are left as
        they were until the next full build) and put first in each word's postings, as the
        newest case."""
        if self._dirty or not self.refs:
            self.add(ref, text, labels)
            return
        toks = tokens(text)
        i = len(self.refs)
        self._keep(ref, toks, labels)
        for t, v in _idf_vector(toks, self.df, len(self.refs)).items():
            postings = self.index.get(t)
            if postings is None:
                self.index[t] = (array("i", [i]), array("d", [v]))
            else:
                postings[0].insert(0, i)
                postings[1].insert(0, v)

    def forget(self, ref: str) -> None:
        """A case no longer counts (its decision changed): it stays in the index, without
        labels, so that no vote counts it."""
        for i, r in self.refs.items():
            if r == ref:
                self._label_of[i] = 0

    def build_index(self, pause: Callable[[], None] | None = None) -> None:
        """Index the table now if cases were added since (the first query would), calling
        ``pause`` between cases: a build on a worker thread lets the window's threads run
        (issue 24, see ``services.routing._Breather``)."""
        if self._dirty:
            self._build(pause)

    def _build(self, pause: Callable[[], None] | None = None) -> None:
        """Every case's weights, as ``_idf_vector`` gives them, into the postings."""
        n = len(self.refs)
        df = self.df
        # Each word's idf factor once (the same float _idf_vector multiplies by).
        idf = [1 + math.log((n + 1) / (df.get(w, 0) + 1)) for w in self._words]
        case_ids: list[array[int]] = [array("i") for _w in self._words]
        weights: list[array[float]] = [array("d") for _w in self._words]
        toks, log, sqrt = self._tokens, math.log, math.sqrt
        start = 0
        for i, end in enumerate(self._ends):
            vec = [(j, (1 + log(c)) * idf[j]) for j, c in Counter(toks[start:end]).items()]
            start = end
            norm = sqrt(sum(v * v for _j, v in vec)) or 1.0
            for j, v in vec:
                # Only a word's first POSTINGS cases are ever read (``nearest``), and a case
                # added later goes first (``add_now``): the rest would never count. At 50,000
                # cases the common words' postings were most of the tables (52 MB of 70).
                if len(case_ids[j]) < POSTINGS:
                    case_ids[j].append(i)
                    weights[j].append(v / norm)
            if pause is not None:
                pause()
        self.index = {
            w: (case_ids[j], weights[j]) for j, w in enumerate(self._words) if case_ids[j]
        }
        self._dirty = False

    def __len__(self) -> int:
        return len(self.refs)

    def nearest(self, text: str, k: int = 10) -> list[tuple[float, str, dict[str, str]]]:
        if not self.refs:
            return []
        if self._dirty:
            self._build()
        q = _idf_vector(tokens(text), self.df, len(self.refs))
        # Bounded work on a large office: the rarest query words only, and of each word's
        # cases the first ``POSTINGS`` added (the service adds the newest first). Common
        # words ("đề nghị", "hồ sơ") tell little and would make every case a candidate.
        rare = sorted(q, key=lambda t: self.df.get(t, 0))[:QUERY_WORDS]
        scores: defaultdict[int, float] = defaultdict(float)
        for t in rare:
            postings = self.index.get(t)
            if postings is None:
                continue
            w = q[t]
            for i, v in zip(postings[0][:POSTINGS], postings[1][:POSTINGS], strict=True):
                scores[i] += w * v
        best = heapq.nlargest(k, scores.items(), key=lambda kv: kv[1])
        return [(s, self.refs[i], self._label_sets[self._label_of[i]]) for i, s in best if s > 0]


def vote(
    neighbours: Sequence[tuple[float, str, dict[str, str]]],
    key: str,
    prior: Sequence[tuple[str, float]] = (),
    *,
    prior_weight: float = 0.5,
    top: int = 3,
) -> list[Candidate]:
    """The ``top`` values of ``key`` among the neighbours, by summed similarity, blended with
    a prior ranking (the model's posterior) so that a few cases do not drown the corpus and
    the corpus does not drown the office's own decisions."""
    weights: defaultdict[str, float] = defaultdict(float)
    refs: dict[str, list[str]] = defaultdict(list)
    total = sum(s for s, _r, labels in neighbours if labels.get(key)) or 0.0
    for s, ref, labels in neighbours:
        v = labels.get(key, "")
        if not v:
            continue
        weights[v] += s / total if total else 0
        if len(refs[v]) < 3:
            refs[v].append(ref)
    blended: defaultdict[str, float] = defaultdict(float)
    share = prior_weight if total else 1.0
    for v, p in prior:
        blended[v] += share * p
    for v, w in weights.items():
        blended[v] += (1 - share) * w if prior else w
    return [
        Candidate(v, round(score, 3), tuple(refs.get(v, ())))
        for v, score in sorted(blended.items(), key=lambda kv: -kv[1])[:top]
        if score > 0
    ]


class TopicEngine:
    """Topic top-3: naive Bayes over the corpus and the office's cases, blended with the
    nearest decided cases (whose codes are shown beside each topic)."""

    def __init__(self, texts: Iterable[LabelledText] = ()) -> None:
        self.model = NaiveBayes()
        self.near = NearestCases()
        for t in texts:
            self.learn(t.text, t.topic, ref=t.ref)

    def learn(self, text: str, topic: str, *, ref: str = "", weight: int = 1) -> None:
        if not topic:
            return
        self.model.add(topic, features(text), weight)
        self.near.add(ref, text, {"topic": topic})

    def learn_now(self, text: str, topic: str, *, ref: str, weight: int = 1) -> None:
        """``learn`` on engines in use: the nearest-case table is not indexed again."""
        if not topic:
            return
        self.model.add(topic, features(text), weight)
        self.near.add_now(ref, text, {"topic": topic})

    def unlearn(self, text: str, topic: str, *, ref: str, weight: int = 1) -> None:
        """Take back ``learn`` (the same text, topic and weight)."""
        if not topic:
            return
        self.model.remove(topic, features(text), weight)
        self.near.forget(ref)

    def suggest(self, title: str, content: str, top: int = 3) -> list[Candidate]:
        text = joined_text(title, content)
        prior = self.model.rank(features(text))
        return vote(self.near.nearest(text, 12), "topic", prior, prior_weight=0.6, top=top)


def in_office_words(topics: Sequence[Candidate], office: Sequence[str]) -> list[Candidate]:
    """Topic candidates in the words of the office's own list: a topic of today's list that
    an older list names otherwise is given that name; one of today's topics the office's list
    lacks is left out (its forms do not offer it); a topic of the office's own (learnt from
    its cases) stays."""
    have = set(office)
    out: list[Candidate] = []
    seen: set[str] = set()
    for c in topics:
        value = c.value
        if value not in have:
            earlier = [n for n in TOPIC_EARLIER_NAMES.get(value, ()) if n in have]
            if earlier:
                value = earlier[0]
            elif value in DEFAULT_TOPICS and have:
                continue
        if value in seen:
            continue
        seen.add(value)
        out.append(c if value == c.value else Candidate(value, c.score, c.refs))
    return out
