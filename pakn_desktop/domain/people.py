"""People's names and home addresses in Vietnamese text, for the public gate
(``personal_data.public_text``): what a number-shaped detector cannot see.

A rule set, not a statistical tagger, decided by measurement on the labelled table
(``tests/data/public_gate.txt``, ``make bench``). underthesea 9.5's CRF named entities
(``ner``), installed with its dependencies, took 71 MB (26 MB itself, with huggingface_hub,
requests and more), 1.45 s to load, 8.3 s per 1,000 sentences, and on the table found names
with recall 0.81 and precision 0.81 (its PER spans matched leniently), tagging a PER in 26 of
the 108 clean sentences ("đường Lê Lợi", "Bác Hồ", officials). The rules below, with surname,
marker, place and title lists, give names recall 0.99 and addresses 1.00 with no clean
sentence changed, in about 0.35 s per 1,000 sentences, so nothing is added to the bundle.

Names are found
* after a kinship, honorific or self word ("ông Bình", "chị Lê Thị Mai", "Tôi là Nguyễn Văn
  Bình", "con của ông Tư", "liệt sĩ Phạm Văn Hải"): 1-4 capitalised syllables;
* as a full name with a Vietnamese surname and 1-3 capitalised syllables ("Phạm Văn Hải").

Left alone: a name after a place or facility word, through the capitalised words of its
name ("đường Lê Lợi", "Trường Tiểu học Lê Hồng Phong", "Bệnh viện Trần Hưng Đạo", "phường
Trần Phú", "tư tưởng Hồ Chí Minh", "giải thưởng Võ Trường Toản"); national figures the
streets are named after ("Lê Lợi", "Hồ Chí Minh", "Bác Hồ"); and officials named in their
public function, the title before the name ("Giám đốc Sở Tài chính Nguyễn Văn A", "Chủ tịch
UBND xã, ông Trần Văn B"): their names sign public decisions. An official described after
the name ("ông Trần Văn B, cán bộ địa chính") is masked like anyone else.

Home addresses are found as a house number with its lane or street ("số nhà 25, ngõ 10, phố
Hàng Bông", "nhà số 15 đường Nguyễn Huệ", "123/4 Lê Lợi"), and after words that say somebody
lives there ("Nhà tôi: 45/12 Phan Đình Phùng", "tôi ở tổ 5", "gia đình ông sống tại thôn
Kon Klor"). A lane, hamlet or street alone ("ngõ 10 phố Hàng Bông bị ngập", "đường ở thôn 3")
is a place, and an agency's seat ("trụ sở UBND tại số 2 Lê Lợi") is public."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .text import fold_chars

__all__ = ["PersonSpan", "find_people", "given_name_spans", "known_address_spans"]


def _words(text: str, sep: str | None = None) -> frozenset[str]:
    """A word list written as one string (easier to read and extend than a list literal)."""
    return frozenset(w.strip() for w in text.split(sep) if w.strip())


@dataclass(frozen=True)
class PersonSpan:
    start: int
    end: int
    kind: str  # "name" or "address"


_UP = "A-ZĐŬĔŎÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_LO = "a-zđŭĕŏàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
# One capitalised syllable ("Bình", "A"), not an acronym ("UBND") nor "Kon-Tum"'s half.
_CAP = rf"[{_UP}][{_LO}]*(?:'[{_UP}][{_LO}]*)?(?![^\W_'])"
_NAME = rf"{_CAP}(?:[ \t]+{_CAP}){{0,3}}"


def _f(text: str) -> str:
    """Lower case without diacritics, one character for one."""
    return fold_chars(text.lower())


SURNAMES: frozenset[str] = _words(
    """Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn
    Trương Lâm Mai Trịnh Lưu Tạ Cao Châu Thái Hà Quách Lương Tô Tôn Tăng Triệu Văn Kiều Khúc
    Chu Lại Mạc Quan Thân Vương Diệp Từ Nông Lò Hứa Ông Phùng Kim Giang Đàm Âu Tống Mẫn Lục
    Nghiêm Hầu Hàn Viên Y Ksor Rơ Siu Rah A Nay"""
)
# Surnames that open a full name only when a marker introduces it: too common as ordinary
# capitalised words ("Văn phòng", "Cao Bằng", "Hà Nội", "Kim Sơn", "Giang", "Mai").
_WEAK_SURNAMES = _words("Văn Kim Giang Mai Quan Châu Thái Lâm Ông Y A Nay Từ Tô Lục Viên Hàn Hồ")
# ...unless a middle name follows ("Từ Văn Phước", "Giang Thị Hương", "Hồ Thị Lài").
_MIDDLE = (
    "Văn|Thị|Đình|Đức|Công|Minh|Quốc|Ngọc|Hữu|Xuân|Thanh|Bá|Trọng|Tấn|Thế|Quang|Anh|Hoàng"
    "|Kim|Mỹ|Thu|Hồng|Gia|Duy|Khánh|Như|Phương|Bảo|Trung|Huy|Nhật|Hải|Tuấn"
)

# Marker words before a name, longest first (matched case-insensitively).
_MARKERS = sorted(
    """tôi là|tôi tên là|tôi tên|em là|em tên là|cháu là|mình là|tên là|tên|họ tên|họ và tên
    |con của|con trai|con gái|con|cháu nội|cháu ngoại|cháu|liệt sĩ|liệt sỹ|thương binh
    |bệnh binh|cựu chiến binh|mẹ Việt Nam anh hùng|ông nội|bà nội|ông ngoại|bà ngoại|ông
    |bà|anh trai|anh|chị gái|chị|em trai|em gái|em|cô|chú|bác|cụ ông|cụ bà|cụ|dì|thím|mợ|cậu
    |bé|vợ|chồng|mẹ|bố|cha|chủ hộ|hộ ông|hộ bà|hộ gia đình|gia đình ông|gia đình bà
    |người tên|bệnh nhân|học sinh|sinh viên|nạn nhân|người bị hại|bị đơn|nguyên đơn
    |ủy quyền cho|uỷ quyền cho|nhờ|gửi|đồng chí""".replace("\n", "").split("|"),
    key=len,
    reverse=True,
)
_MARKER_RE = "|".join(re.escape(" ".join(m.split())) for m in _MARKERS)

# Capitalised words that do not begin a person's name after a marker ("anh Công an", "bà
# Phường", "Chị Kính gửi"...), compared in lower case with their diacritics ("Thu" is a name,
# "Thứ" is not).
_NOT_NAME_START = _words(
    """sở phòng ban nhà đảng chính tỉnh huyện xã phường quận bệnh việt thủ tổ đội hội chủ
    giám phó trưởng bí cán lãnh điều khoản luật nghị quyết thông tôi chúng xin kính em anh
    chị ông bà nay hiện theo do vì khi sau trước ngày tháng năm thứ sáng chiều tối trưa ủy
    uỷ công tòa toà viện kho cục tổng tập bưu hợp các mọi những một hai ba bốn sáu bảy
    tám chín mười là và của cho tại ở đã đang sẽ cổng trung ubnd"""
)
# ...of which these can still be a given name when a marker introduces them alone.
_GIVEN_TOO = _words("hai ba bốn năm sáu bảy tám chín mười công hiện trung")
# Capitalised words that end a name ("Nguyễn Văn A Phường 5", "Lê Thị B Kính gửi").
_NAME_BREAK = _words(
    """sở phòng ban ủy uỷ phường xã quận huyện tỉnh bệnh tòa toà cục chi kính xin tôi ubnd
    đường phố thôn tổ"""
)

# Words before a name (through the capitalised words of the name of the place) that make it
# the name of a street, school, hospital, award or place (lower case with diacritics: "Kiệt"
# is a name, "kiệt" a lane in Huế; several words joined by "_").
_PLACE_WORDS = _words(
    """đường phố ngõ hẻm kiệt ngách phường xã quận huyện tỉnh trường cầu làng lăng thôn xóm
    ấp buôn khu khối tổ đại_lộ chợ đền chùa tiểu_học trung_học thcs thpt mầm_non đại_học
    cao_đẳng học_viện bệnh_viện trạm_y_tế y_tế công_viên quảng_trường tượng_đài bảo_tàng
    nhà_thờ nhà_văn_hóa nhà_văn_hoá sân_vận_động giải_thưởng giải huân_chương huy_chương
    tư_tưởng thị_trấn thị_xã thành_phố khu_phố tổ_dân_phố khu_đô_thị chung_cư tòa_nhà
    ký_túc_xá học_bổng quỹ mang_tên tên_đường đặt_tên đoàn đội sư_đoàn lữ_đoàn tiểu_đoàn
    câu_lạc_bộ nhà_thi_đấu cảng bến_xe siêu_thị công_ty bản"""
)
# ...and phrases that begin with such a word without being one ("trường hợp").
_NOT_PLACE = _words("trường_hợp khu_vực tổ_chức đội_ngũ bản_thân giải_quyết")
# Functions whose holder is named in public.
_TITLES = _words(
    """chủ_tịch phó_chủ_tịch giám_đốc phó_giám_đốc bí_thư phó_bí_thư trưởng_phòng
    phó_trưởng_phòng chánh_văn_phòng chánh_thanh_tra phó_chánh_thanh_tra trưởng_ban
    phó_trưởng_ban trưởng_công_an phó_trưởng_công_an thủ_trưởng bộ_trưởng thủ_tướng
    chủ_nhiệm hiệu_trưởng phó_hiệu_trưởng tổng_giám_đốc đại_biểu cán_bộ công_chức
    chuyên_viên người_phát_ngôn kiểm_sát_viên thẩm_phán chánh_án thanh_tra_viên"""
)
# Words that may stand between a title and the name ("Giám đốc Sở Tài chính tỉnh, ông ..."):
# agencies and the words of their fields.
_BETWEEN = _words(
    """sở phòng ban ubnd hđnd ủy uỷ ban nhân dân tỉnh huyện xã phường quận thị trấn thành phố
    công an và của ông bà đồng chí thường trực thường vụ đảng mttq mặt trận tổ quốc thanh
    tra văn toà tòa án viện kiểm sát tài chính lao động thương binh hội giáo dục đào tạo
    y tế nội vụ tư pháp nông nghiệp phát triển thôn nguyên môi trường xây dựng giao thông
    vận tải kế hoạch đầu tư hoá hóa thể thao du lịch khoa học công nghệ thông tin truyền
    ngoại tộc kinh hạ tầng đô thị quản lý địa hành tổng tiếp người có bảo trợ việc làm nghề
    nghiệp"""
)
# Public figures and place names that look like a person's name (folded).
_FAMOUS = _words(
    """ho chi minh|tran hung dao|le loi|nguyen hue|quang trung|le duan|vo nguyen giap
    |pham van dong|nguyen trai|ly thuong kiet|le quy don|nguyen du|tran phu|le hong phong
    |nguyen thi minh khai|phan boi chau|phan chu trinh|ngo quyen|dinh tien hoang
    |le thanh tong|nguyen van cu|ton duc thang|truong chinh|nguyen van linh|vo van kiet
    |hoang van thu|nguyen dinh chieu|phan dinh phung|le van sy|nguyen thai hoc|ly thai to
    |ly tu trong|vo thi sau|nguyen van troi|pham ngu lao|tran quoc toan|hai ba trung
    |ba trieu|le van tam|nguyen an ninh|tran quang khai|tran nhan tong|hoang hoa tham
    |phan dang luu|le thanh ton|nguyen chi thanh|ho tung mau|pham hung|nguyen tat thanh
    |ton that tung|tran khanh du|ly nam de|mac dinh chi|chu van an|vo truong toan
    |nguyen binh khiem|ho xuan huong|nguyen khuyen|tran cao van|huynh thuc khang
    |ho tung mau|le van luong|pham van bach|dang thai mai|to hieu|kim dong|vo thi thang
    |nguyen viet xuan|cu chinh lan|phan huy chu|le thi hong gam|ho|bac ho|ba ria|ba chieu
    |ba diem|ba den|co to|ong ich khiem|ba huyen thanh quan|cao bang|ha noi|ha giang|ha tinh
    |ha nam|ha long|ha dong|ha tien|kim son|kim boi|mai chau|mai son|lam dong|lam ha
    |thai binh|thai nguyen|quan ba|chau doc|chau thanh|giang vo|vung tau|dong nai
    |dak lak|kon tum|ho guom|ho tay|cao nguyen|tran quoc tuan|gia lai|viet nam|a luoi|y ty
    |le chan|ha trung|vu ban|vu thu
    |hoang mai|hoang sa|tran de|ly son|ho chi minh city|phan thiet|phan rang""",
    "|",
)

_TOKEN = re.compile(r"[^\W_]+|[,.;:!?()\n]")
# Lower-case words inside the name of a place ("Trường Tiểu học ...", "Bệnh viện Đa khoa").
_DESCRIPTORS = _words(
    """chuyên tiểu học trung cơ sở phổ thông đa khoa quân y nhân dân quốc tế dân lập tư thục
    mầm non thực hành nội trú dân tộc"""
)


def _before_ok(text: str, start: int) -> bool:
    """Whether a name at ``start`` is a private person: not the name of a place or of a
    facility named after someone (the place word right before, through the capitalised and
    descriptive words of the facility's name), nor an official named after their title."""
    tokens = _TOKEN.findall(text[max(0, start - 160) : start])
    folded = [t.lower() for t in tokens]
    comma = False
    only_caps = True  # only the capitalised words of one name between here and the name
    for i in range(len(tokens), max(0, len(tokens) - 16), -1):
        for n in (4, 3, 2, 1):
            if i - n < 0:
                continue
            phrase = "_".join(folded[i - n : i])
            if phrase in _NOT_PLACE:
                return True
            if phrase in _TITLES:
                return False
            # "Trường ... Lê Hồng Phong", "đường Lê Lợi"; not "Anh Kiệt và chị Hà".
            if phrase in _PLACE_WORDS and not comma and (only_caps or tokens[i - n].islower()):
                return False
        tok, fw = tokens[i - 1], folded[i - 1]
        if tok in ".;:!?()\n":
            return True  # the sentence or clause before says nothing about this name
        if tok == ",":
            comma = True
            only_caps = False
            continue
        if tok[0].isupper() or fw in _DESCRIPTORS:
            continue
        if fw in _BETWEEN:
            only_caps = False
            continue
        return True
    return True


_NAME_AFTER_MARKER = re.compile(
    rf"(?<![^\W_])(?P<marker>(?i:{_MARKER_RE}))(?:[ \t]+|[ \t]*:[ \t]*)(?P<name>{_NAME})"
)
_STRONG = sorted(SURNAMES - _WEAK_SURNAMES, key=len, reverse=True)
_FULL_NAME = re.compile(
    rf"(?<![^\W_])(?P<name>(?:(?:{'|'.join(_STRONG)})(?![^\W_])(?:[ \t]+{_CAP}){{1,3}}"
    rf"|(?:{'|'.join(sorted(_WEAK_SURNAMES, key=len, reverse=True))})[ \t]+(?:{_MIDDLE})"
    rf"(?![^\W_])(?:[ \t]+{_CAP}){{0,2}}))"
)


def _trim_name(text: str, start: int, end: int, surname: bool = False) -> tuple[int, int] | None:
    """The name's span without trailing words that are not part of it, or None when it
    does not begin like a name (``surname``: it begins with one)."""
    words = list(re.finditer(r"[^\W_]+(?:'[^\W_]+)?", text[start:end]))
    keep: list[re.Match[str]] = []
    for w in words:
        if keep and w.group().lower() in _NAME_BREAK:
            break
        keep.append(w)
    if not keep:
        return None
    first = keep[0].group().lower()
    if not surname and first in _NOT_NAME_START and not (len(keep) == 1 and first in _GIVEN_TOO):
        return None
    return start + keep[0].start(), start + keep[-1].end()


def _is_famous(text: str, start: int, end: int, marker: str = "") -> bool:
    name = " ".join(_f(text[start:end]).split())
    if name in _FAMOUS:
        return True
    if marker and f"{_f(marker)} {name}" in _FAMOUS:
        return True
    # "Lê Lợi" in "Lê Lợi street" or as the start of a longer chain of a famous name.
    words = name.split()
    return any(" ".join(words[:k]) in _FAMOUS for k in range(2, len(words)))


def _names(text: str) -> list[PersonSpan]:
    out: list[PersonSpan] = []
    for m in _NAME_AFTER_MARKER.finditer(text):
        span = _trim_name(text, m.start("name"), m.end("name"))
        if span is None:
            continue
        marker = m.group("marker")
        if _is_famous(text, *span, marker=marker):
            continue
        if not _before_ok(text, m.start()):
            continue
        out.append(PersonSpan(*span, "name"))
    for m in _FULL_NAME.finditer(text):
        span = _trim_name(text, m.start("name"), m.end("name"), surname=True)
        if span is None or span[1] - span[0] < 4 or len(text[span[0] : span[1]].split()) < 2:
            continue
        if _is_famous(text, *span) or not _before_ok(text, span[0]):
            continue
        out.append(PersonSpan(*span, "name"))
    return out


# --- home addresses -------------------------------------------------------------------------

_NUM = r"\d{1,5}[A-Za-z]?(?:/\d{1,4}[A-Za-z]?)*(?![\d/])"
_SLASH_NUM = r"\d{1,5}[A-Za-z]?(?:/\d{1,4}[A-Za-z]?)+(?![\d/])"
_SEP = r"[ \t]*,?[ \t]*"
_LANE = rf"(?i:ngõ|ngách|hẻm|hẽm|kiệt|kiệt|hẻm số|ngõ số)[ \t]+{_NUM}"
_STREET_WORD = r"(?i:đường|phố|đại lộ)"
_STREET_NAME = rf"(?:{_CAP}|\d{{1,2}}(?=[ \t]+[{_UP}]))(?:[ \t]+(?:{_CAP}|\d{{1,2}})){{0,4}}"
_STREET = rf"(?:{_STREET_WORD}[ \t]+(?:(?i:số)[ \t]+\d{{1,3}}|{_STREET_NAME})|{_STREET_NAME})"
_HAMLET = (
    rf"(?i:tổ dân phố|tổ dân cư|tổ|khu phố|khu dân cư|thôn|xóm|ấp|bản|khối|buôn|làng|tiểu khu"
    rf"|cụm dân cư|làng|plei|khu tập thể)[ \t]+(?:(?i:số)[ \t]+)?(?:\d{{1,3}}[A-Za-z]?(?![\d/])"
    rf"|{_CAP}(?:[ \t]+{_CAP}){{0,2}}(?:[ \t]+\d{{1,3}}(?![\d/]))?)"
)

# A house number that says it is one ("số nhà 25", "nhà số 15 đường ..."), or a house with
# its lane or street ("nhà 25 ngõ 10", "nhà 7 Lê Lợi"; "nhà 3 tầng" is not one).
_HOUSE = re.compile(
    rf"(?<![^\W_])(?P<addr>(?i:số nhà|nhà số|căn nhà số)[ \t]+{_NUM}"
    rf"(?:{_SEP}{_LANE})*(?:{_SEP}{_STREET})?"
    rf"|(?i:nhà|căn hộ|căn hộ số)[ \t]+{_NUM}"
    rf"(?:(?:{_SEP}{_LANE})+(?:{_SEP}{_STREET})?|{_SEP}{_STREET}))"
)
# "số 25 ngõ 10 ...", "25 ngõ 10 ...", "số 15 đường Nguyễn Huệ": a number with a lane, or
# with a named street.
_NUMBER_LANE = re.compile(
    rf"(?<![\w/.\-])(?P<addr>(?:(?i:số)[ \t]+)?{_NUM}(?:{_SEP}{_LANE})+(?:{_SEP}{_STREET})?)"
)
_NUMBER_STREET = re.compile(
    rf"(?<![\w/.\-])(?P<addr>(?i:số)[ \t]+{_NUM}{_SEP}{_STREET_WORD}[ \t]+{_STREET_NAME})"
)
# "123/4 Lê Lợi", "45/12 Phan Đình Phùng": a slashed house number and a street.
_SLASH_STREET = re.compile(
    rf"(?<![\w/.\-])(?P<addr>(?:(?i:số)[ \t]+)?{_SLASH_NUM}[ \t]*,?[ \t]+{_STREET})"
)
# Words that say somebody lives at what follows: a home with its owner ("nhà tôi", "gia đình
# ông"), a person and a verb of living ("tôi ở", "bà cư trú tại"), a residence label.
_POSS = r"(?:tôi|em|mình|chúng tôi|chúng em|ông|bà|anh|chị|cháu|cụ|họ|cô|chú|bác|ông ấy|bà ấy)"
# The person may be named between ("gia đình ông Thái sinh sống tại", "nhà chị Hòa ở").
_POSS = rf"{_POSS}(?:[ \t]+(?-i:{_NAME}))?"
_SUBJ = rf"(?:{_POSS}|(?i:gia đình tôi|gia đình ông|gia đình bà|gia đình em|nhà tôi|nhà em))"
_ADV = r"(?:[ \t]+(?i:hiện|đã|đang|vẫn|còn|từng|hiện nay|hiện đang|đã từng|cũng))*"
_HOME_CONTEXT = (
    rf"(?i:(?:nhà|gia đình|hộ|chỗ ở|nơi ở|địa chỉ nhà|địa chỉ)(?:[ \t]+của)?[ \t]+{_POSS}"
    r"(?:[ \t]+(?:hiện[ \t]+)?(?:ở|tại|nằm ở|nằm tại|thuộc|là))?"
    r"|(?P<label>(?:chỗ ở|nơi ở|địa chỉ nhà|địa chỉ|nhà)(?:[ \t]+(?:hiện tại|hiện nay))?[ \t]*:)"
    rf"|{_SUBJ}{_ADV}[ \t]+(?:ở|sống ở|sống tại|cư trú tại"
    r"|cư ngụ tại|trú tại|ngụ tại|ngụ ở|thường trú tại|tạm trú tại|ở tại|sinh sống tại"
    r"|sinh sống ở|thuê nhà ở|thuê nhà tại|thuê trọ ở|trọ ở|ở trọ tại|ở trọ|ở nhà)"
    r"|trú tại|ngụ tại|cư ngụ tại|thường trú tại|tạm trú tại|thường trú|tạm trú"
    r"|hộ khẩu thường trú|hktt)"
)
_AT_HOME = re.compile(
    rf"(?<![^\W_]){_HOME_CONTEXT}[ \t]*:?[ \t]*(?P<addr>"
    rf"(?:(?i:số nhà|nhà số|số)[ \t]+)?{_NUM}(?:{_SEP}{_LANE})*{_SEP}(?:{_STREET}|{_HAMLET})"
    rf"|(?:(?i:số nhà|nhà số|số)[ \t]+)?{_NUM}(?:{_SEP}{_LANE})+"
    rf"|{_LANE}(?:{_SEP}{_LANE})*(?:{_SEP}{_STREET})?"
    rf"|{_HAMLET})"
)
# An agency's seat is a public address.
_SEAT = re.compile(
    r"(?:tru so|van phong|co quan|ubnd|uy ban|bo phan mot cua|trung tam|cong an|toa an"
    r"|benh vien|truong hoc|cong ty|chi nhanh|ngan hang|dia diem|hoi truong|dat tai)"
    r"[^.;\n]{0,60}$"
)
_DATE_BEFORE = re.compile(
    r"(?:ngay|hom|tu|den|sang|chieu|toi|trua|dem|thang|nam|so|van ban|quyet dinh|cong van"
    r"|nghi dinh|thong tu|ky|dot|khoan|dieu|muc|lan)\s*:?\s*$"
)


def _addresses(text: str) -> list[PersonSpan]:
    folded = _f(text)
    out: list[PersonSpan] = []
    for m in _AT_HOME.finditer(text):
        if m.group("label") and re.match(_HAMLET, m.group("addr")):
            # "Địa chỉ: thôn 3, xã Ia Chim": a label without a house is a place (whose home
            # it is the sentence does not say).
            continue
        out.append(PersonSpan(m.start("addr"), _strip_end(text, m.end("addr")), "address"))
    for pattern in (_HOUSE, _NUMBER_LANE, _NUMBER_STREET, _SLASH_STREET):
        for m in pattern.finditer(text):
            start, end = m.start("addr"), _strip_end(text, m.end("addr"))
            before = folded[max(0, start - 80) : start]
            clause = re.split(r"[.;\n!?]", before)[-1]
            if pattern is _SLASH_STREET and _DATE_BEFORE.search(clause):
                continue
            if _SEAT.search(clause) and not re.search(
                r"(?:nha|toi|em|minh|gia dinh|ho)\s*(?:o|tai|thuoc|:)?\s*$", clause
            ):
                continue
            out.append(PersonSpan(start, end, "address"))
    return out


def _strip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in " \t,":
        end -= 1
    return end


def find_people(text: str) -> list[PersonSpan]:
    """Names and home addresses in ``text``, possibly overlapping (the caller merges)."""
    if not text:
        return []
    return _addresses(text) + _names(text)


# --- what the office already holds about the person ------------------------------------------

_ADMIN = re.compile(
    r",?\s*\b(?:phuong|xa|quan|huyen|thi tran|thi xa|thanh pho|tp\.?|tinh)\b.*$", re.S
)
_FILLER = r"(?:[\s,.:;/\-]|\b(?:so|nha|ngo|ngach|hem|kiet|pho|duong|to|thon|xom)\b)+"


def known_address_spans(text: str, addresses: Iterable[str]) -> list[PersonSpan]:
    """The person's own address written differently from the form ("số nhà 25 ngõ 10 Hàng
    Bông" for "Số 25, ngõ 10, phố Hàng Bông, phường Hàng Trống"): the house part's numbers
    and words in order, whatever lane and street words stand between them."""
    folded = _f(text)
    out: list[PersonSpan] = []
    for address in addresses:
        house = _ADMIN.sub("", _f(address or "")).strip()
        tokens = [
            t
            for t in re.findall(r"[0-9a-z]+(?:/[0-9a-z]+)*", house)
            if t not in {"so", "nha", "ngo", "ngach", "hem", "kiet", "pho", "duong"}
        ]
        if not tokens or not any(c.isdigit() for c in tokens[0]) or len(tokens) < 2:
            continue
        pattern = (
            r"(?<![0-9a-z/])(?:(?:so nha|nha so|so)\s+)?"
            + _FILLER.join(re.escape(t) for t in tokens)
            + r"(?![0-9a-z])"
        )
        for m in re.finditer(pattern, folded):
            out.append(PersonSpan(m.start(), m.end(), "address"))
    return out


_MARKER_FOLDED = "|".join(sorted({re.escape(" ".join(_f(m).split())) for m in _MARKERS}))


def given_name_spans(text: str, names: Iterable[str]) -> list[PersonSpan]:
    """The person's given name alone after a marker, in any case ("ông Bình", "anh binh",
    "chị Mai Anh")."""
    folded = _f(text)
    out: list[PersonSpan] = []
    for name in names:
        words = _f(name or "").split()
        if len(words) < 2:
            continue
        for n in (2, 1):
            given = r"\s+".join(map(re.escape, words[-n:]))
            for m in re.finditer(
                rf"(?<![0-9a-z])(?:{_MARKER_FOLDED})\s+({given})(?![0-9a-z])", folded
            ):
                out.append(PersonSpan(m.start(1), m.end(1), "name"))
    return out
