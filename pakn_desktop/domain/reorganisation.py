"""The 2025 reorganisation of local government: which names an office's settings may still
carry that no longer exist (DOMAIN.md, "Organisation details are settings").

- Nghị quyết 202/2025/QH15: from 1 July 2025 the 63 provinces are 34; the provinces below were
  merged into the one named beside them.
- Two-tier local government from 1 July 2025: the district level (huyện, quận, thị xã) is gone.
- March 2025 (Nghị định 45/2025/NĐ-CP): provincial departments merged; the Sở Lao động -
  Thương binh và Xã hội mostly into the Sở Nội vụ."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .text import fold

# Dissolved province -> the province it is part of today.
MERGED_PROVINCES: dict[str, str] = {
    "Hà Giang": "Tuyên Quang",
    "Yên Bái": "Lào Cai",
    "Bắc Kạn": "Thái Nguyên",
    "Vĩnh Phúc": "Phú Thọ",
    "Hòa Bình": "Phú Thọ",
    "Bắc Giang": "Bắc Ninh",
    "Thái Bình": "Hưng Yên",
    "Hải Dương": "Hải Phòng",
    "Hà Nam": "Ninh Bình",
    "Nam Định": "Ninh Bình",
    "Quảng Bình": "Quảng Trị",
    "Quảng Nam": "Đà Nẵng",
    "Kon Tum": "Quảng Ngãi",
    "Bình Định": "Gia Lai",
    "Ninh Thuận": "Khánh Hòa",
    "Đắk Nông": "Lâm Đồng",
    "Bình Thuận": "Lâm Đồng",
    "Phú Yên": "Đắk Lắk",
    "Bình Dương": "Hồ Chí Minh",
    "Bà Rịa - Vũng Tàu": "Hồ Chí Minh",
    "Bình Phước": "Đồng Nai",
    "Long An": "Tây Ninh",
    "Sóc Trăng": "Cần Thơ",
    "Hậu Giang": "Cần Thơ",
    "Bến Tre": "Vĩnh Long",
    "Trà Vinh": "Vĩnh Long",
    "Tiền Giang": "Đồng Tháp",
    "Bạc Liêu": "Cà Mau",
    "Kiên Giang": "An Giang",
}

_CITIES = frozenset({"Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"})

# Provincial departments merged in March 2025 -> where their work went.
MERGED_DEPARTMENTS: dict[str, str] = {
    "Lao động - Thương binh và Xã hội": "phần lớn vào Sở Nội vụ",
    "Kế hoạch và Đầu tư": "vào Sở Tài chính",
    "Giao thông vận tải": "vào Sở Xây dựng",
    "Thông tin và Truyền thông": "vào Sở Khoa học và Công nghệ",
    "Tài nguyên và Môi trường": "vào Sở Nông nghiệp và Môi trường",
    "Nông nghiệp và Phát triển nông thôn": "vào Sở Nông nghiệp và Môi trường",
}

_DISTRICT = re.compile(r" (?:ubnd|uy ban nhan dan) (?:huyen|quan|thi xa) ")


def _words(name: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", fold(name)).split())


def dissolved_units(texts: Iterable[str]) -> list[str]:
    """Each dissolved province, department or district-level body named in ``texts`` (the
    office's settings), worded with where it went; empty when every name exists today."""
    folded = " " + " ".join(_words(t) for t in texts) + " "
    found: list[str] = []
    for old, new in MERGED_PROVINCES.items():
        key = _words(old)
        if f" tinh {key} " in folded or f" {key.replace(' ', '')} " in folded:
            unit = "thành phố" if new in _CITIES else "tỉnh"
            found.append(f"tỉnh {old} (nay thuộc {unit} {new})")
    for old, where in MERGED_DEPARTMENTS.items():
        if f" {_words(old)} " in folded:
            found.append(f"cơ quan {old} (các Sở đã hợp nhất {where} từ tháng 3/2025)")
    if _DISTRICT.search(folded):
        found.append("UBND cấp huyện (không còn từ ngày 01/7/2025)")
    return found
