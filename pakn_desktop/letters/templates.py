"""The letters the office sends, with their default wording and named placeholders.

A template is plain text: a subject line, body lines (one paragraph per line) and the Nơi nhận
lines, with placeholders in braces such as ``{nguoi_nhan}``. The office edits them in the app
and can reset each to the default kept here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pakn_desktop.domain.letters import KIND_LABELS, LetterKind
from pakn_desktop.domain.wording import latest_by


@dataclass(frozen=True)
class LetterTemplate:
    kind: LetterKind
    subject: str
    body: str
    recipients: str


PLACEHOLDERS: dict[str, str] = {
    "co_quan": "tên cơ quan dùng trong câu văn",
    "nguoi_nhan": "người nhận (Ông/Bà ..., hoặc tên tổ chức)",
    "ma_pakn": "mã PAKN",
    "ma_cong": "mã PAKN trên Cổng (nếu có)",
    "ngay_tiep_nhan": "ngày tiếp nhận (dd/mm/yyyy)",
    "thoi_diem_tiep_nhan": "giờ và ngày tiếp nhận",
    "kenh": "kênh tiếp nhận",
    "ve_viec": "PAKN về việc",
    "dia_chi": "địa chỉ người phản ánh (chỉ dùng trong phiếu tiếp nhận)",
    "so_dien_thoai": "số điện thoại (chỉ dùng trong phiếu tiếp nhận)",
    "ly_do": "lý do không tiếp nhận",
    "huong_dan": "hướng dẫn cho người phản ánh (theo lý do không tiếp nhận)",
    "ly_do_chuyen": "lý do chuyển PAKN",
    "noi_dung_bo_sung": "nội dung cần bổ sung, làm rõ",
    "han_bo_sung": "hạn gửi nội dung bổ sung",
    "co_quan_nhan": "cơ quan được chuyển đến",
    "tinh_hinh": "tình hình xử lý",
    "noi_dung_tra_loi": "nội dung trả lời",
    "han_tra_loi": "hạn trả lời (15 ngày làm việc)",
    "duong_day_nong": "số điện thoại đường dây nóng",
    "cong_thong_tin": "địa chỉ cổng tra cứu",
    "luu": "dòng Lưu trong Nơi nhận",
    "dia_chi_co_quan": "địa chỉ bưu chính của cơ quan",
    "thu_dien_tu_co_quan": "địa chỉ thư điện tử của cơ quan",
    "cach_gui": "cách gửi nội dung bổ sung (trực tiếp, bưu chính, thư điện tử: theo địa chỉ đã có)",
}

_INTRO = (
    "{co_quan} nhận được phản ánh, kiến nghị của {nguoi_nhan} về việc {ve_viec} "
    "(mã PAKN {ma_pakn}, tiếp nhận ngày {ngay_tiep_nhan})."
)
_CONTACT = "Mọi thông tin chi tiết xin liên hệ số điện thoại: {duong_day_nong}."

# A paragraph that uses one of these and finds it empty is left out (an office without a
# hotline, a transfer without a stated reason, a case that did not come from the portal).
OPTIONAL_PLACEHOLDERS = frozenset(
    {
        "duong_day_nong",
        "cong_thong_tin",
        "ly_do_chuyen",
        "ma_cong",
        "huong_dan",
        "dia_chi_co_quan",
        "thu_dien_tu_co_quan",
    }
)

DEFAULT_TEMPLATES: dict[LetterKind, LetterTemplate] = {
    LetterKind.REJECTION: LetterTemplate(
        LetterKind.REJECTION,
        "V/v không tiếp nhận phản ánh, kiến nghị",
        "\n".join(
            [
                _INTRO,
                # The agency once a paragraph: a reason may name it ("...thẩm quyền của
                # Sở ...").
                "Sau khi xem xét, phản ánh, kiến nghị nêu trên không được tiếp nhận. "
                "Lý do: {ly_do}",
                "{huong_dan}",
                "Xin thông báo để {nguoi_nhan} được biết./.",
            ]
        ),
        "- Như trên;\n- {luu}",
    ),
    LetterKind.CLARIFICATION: LetterTemplate(
        LetterKind.CLARIFICATION,
        "V/v đề nghị bổ sung, làm rõ nội dung phản ánh, kiến nghị",
        "\n".join(
            [
                _INTRO,
                "Để có cơ sở xem xét, xử lý theo quy định, {co_quan} đề nghị {nguoi_nhan} "
                "bổ sung, làm rõ các nội dung sau: {noi_dung_bo_sung}",
                "Nội dung bổ sung đề nghị gửi về {co_quan} "
                + latest_by("{han_bo_sung}")
                + " ({cach_gui}), ghi rõ mã PAKN {ma_pakn}. Thời hạn xử lý được tính từ ngày "
                "nhận được nội dung bổ sung.",
                "{nguoi_nhan} cũng có thể gửi nội dung bổ sung tại {cong_thong_tin}.",
                "Địa chỉ nhận qua đường bưu chính: {dia_chi_co_quan}.",
                "Địa chỉ thư điện tử: {thu_dien_tu_co_quan}.",
                _CONTACT,
                "Trân trọng./.",
            ]
        ),
        "- Như trên;\n- {luu}",
    ),
    LetterKind.TRANSFER: LetterTemplate(
        LetterKind.TRANSFER,
        "V/v chuyển phản ánh, kiến nghị",
        "\n".join(
            [
                _INTRO,
                "Căn cứ Điều 9 Nghị định số 20/2008/NĐ-CP ngày 14/02/2008 của Chính phủ, nội "
                "dung phản ánh, kiến nghị nêu trên không thuộc phạm vi xử lý của {co_quan}; "
                "phản ánh, kiến nghị đã được chuyển đến {co_quan_nhan} để xem xét, xử lý theo "
                "thẩm quyền.",
                "Lý do chuyển: {ly_do_chuyen}",
                "Đề nghị {nguoi_nhan} liên hệ với {co_quan_nhan} để theo dõi kết quả xử lý.",
                "Xin thông báo để {nguoi_nhan} được biết./.",
            ]
        ),
        "- Như trên;\n- {co_quan_nhan} (kèm hồ sơ);\n- {luu}",
    ),
    LetterKind.PROGRESS: LetterTemplate(
        LetterKind.PROGRESS,
        "V/v thông báo tình hình xử lý phản ánh, kiến nghị",
        "\n".join(
            [
                _INTRO,
                "Hiện nay, phản ánh, kiến nghị đang được xem xét, xử lý. Tình hình xử lý như "
                "sau: {tinh_hinh}",
                "{co_quan} sẽ tiếp tục cập nhật tình hình và thông tin kết quả xử lý đến "
                "{nguoi_nhan} theo quy định.",
                "Xin thông báo để {nguoi_nhan} được biết./.",
            ]
        ),
        "- Như trên;\n- {luu}",
    ),
    LetterKind.ANSWER: LetterTemplate(
        LetterKind.ANSWER,
        "V/v trả lời phản ánh, kiến nghị",
        "\n".join(
            [
                "{co_quan} nhận được phản ánh, kiến nghị của {nguoi_nhan} về việc {ve_viec} "
                "(mã PAKN {ma_pakn}, tiếp nhận ngày {ngay_tiep_nhan}); sau khi xem xét, xin "
                "trả lời như sau:",
                "{noi_dung_tra_loi}",
                "{co_quan} trả lời để {nguoi_nhan} được biết./.",
            ]
        ),
        "- Như trên;\n- Trang thông tin điện tử (để công khai);\n- {luu}",
    ),
    LetterKind.RECEIPT: LetterTemplate(
        LetterKind.RECEIPT,
        "PHIẾU TIẾP NHẬN PHẢN ÁNH, KIẾN NGHỊ",
        "\n".join(
            [
                "{co_quan} đã tiếp nhận phản ánh, kiến nghị của {nguoi_nhan}.",
                "- Địa chỉ: {dia_chi}; số điện thoại: {so_dien_thoai}.",
                "- Về việc: {ve_viec}.",
                "- Kênh tiếp nhận: {kenh}; thời điểm tiếp nhận: {thoi_diem_tiep_nhan}.",
                "- Mã PAKN: {ma_pakn}.",
                "- Thời hạn trả lời dự kiến: "
                + latest_by("{han_tra_loi}")
                + " (15 ngày làm việc kể từ ngày tiếp nhận).",
                "{nguoi_nhan} có thể theo dõi tình hình xử lý bằng mã PAKN nêu trên tại "
                "{cong_thong_tin}.",
                "Số điện thoại liên hệ: {duong_day_nong} (trong giờ hành chính, từ thứ Hai "
                "đến thứ Sáu).",
            ]
        ),
        "",
    ),
}

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders a template uses that the program does not fill (typos in an edit)."""
    return sorted({m for m in _PLACEHOLDER.findall(text) if m not in PLACEHOLDERS})


def fill(text: str, values: dict[str, str]) -> str:
    """Replace known placeholders; anything else in braces is left as typed."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def fill_lines(text: str, values: dict[str, str]) -> list[str]:
    """The non-empty lines of ``text`` filled in, leaving out each line that needs an optional
    placeholder the case or the office does not have."""
    out = []
    for line in text.splitlines():
        used = set(_PLACEHOLDER.findall(line))
        if any(not values.get(p, "").strip() for p in used & OPTIONAL_PLACEHOLDERS):
            continue
        filled = fill(line, values)
        if filled.strip():
            out.append(filled)
    return out


__all__ = [
    "DEFAULT_TEMPLATES",
    "KIND_LABELS",
    "PLACEHOLDERS",
    "LetterKind",
    "LetterTemplate",
    "fill",
    "fill_lines",
    "unknown_placeholders",
]
