"""The names the 2025 reorganisation dissolved, told from today's."""

from __future__ import annotations

from dataclasses import astuple

import vietnam_provinces as vp

from pakn_desktop.domain.reorganisation import MERGED_PROVINCES, dissolved_units
from pakn_desktop.services.office import OfficeDetails

OLD_OFFICE = (
    "UBND TỈNH KON TUM",
    "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
    "Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum",
    "SLĐTBXH-HCTH",
    "Kon Tum",
    "https://dichvucong.kontum.gov.vn",
)


def test_the_merged_provinces_are_the_ones_gone_and_go_to_todays() -> None:
    today = {p.name.removeprefix("Thành phố ") for p in vp.Province.iter_all()}
    assert len(today) == 34
    assert not today & set(MERGED_PROVINCES)
    assert set(MERGED_PROVINCES.values()) <= today
    assert len(MERGED_PROVINCES) == 63 - 34


def test_the_old_built_in_office_is_found_and_todays_is_not() -> None:
    found = dissolved_units(OLD_OFFICE)
    assert found == [
        "tỉnh Kon Tum (nay thuộc tỉnh Quảng Ngãi)",
        "cơ quan Lao động - Thương binh và Xã hội (các Sở đã hợp nhất phần lớn vào Sở Nội vụ "
        "từ tháng 3/2025)",
    ]
    assert dissolved_units(str(v) for v in astuple(OfficeDetails())) == []
    # A ward that kept the old province's name is a unit of today.
    assert dissolved_units(["UBND PHƯỜNG KON TUM", "Kon Tum"]) == []
    assert dissolved_units(["UBND TỈNH BÀ RỊA - VŨNG TÀU"]) == [
        "tỉnh Bà Rịa - Vũng Tàu (nay thuộc thành phố Hồ Chí Minh)"
    ]
    assert dissolved_units(["UBND HUYỆN ĐẮK HÀ"]) == [
        "UBND cấp huyện (không còn từ ngày 01/7/2025)"
    ]
