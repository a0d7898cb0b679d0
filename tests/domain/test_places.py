"""Today's provinces and communes: typed with or without diacritics, old names mapped or asked
about, whole addresses located."""

from __future__ import annotations

from dataclasses import replace

from pakn_desktop.domain import places as P

QUANG_NGAI = 51


def test_the_34_provinces_of_today_and_their_communes() -> None:
    names = [p.name for p in P.provinces()]
    assert len(names) == 34
    assert "Kon Tum" not in names and "Quảng Ngãi" in names and "Hà Nội" in names
    hanoi = next(p for p in P.provinces() if p.name == "Hà Nội")
    assert hanoi.full_name == "thành phố Hà Nội" and hanoi.title == "Thành phố Hà Nội"
    assert P.province(QUANG_NGAI).full_name == "tỉnh Quảng Ngãi"  # type: ignore[union-attr]
    qn = P.communes(QUANG_NGAI)
    assert len(qn) > 50
    assert all(c.province_code == QUANG_NGAI for c in qn)
    assert sum(len(P.communes(p.code)) for p in P.provinces()) == 3321
    assert P.communes(None) == () and P.province("x") is None and P.commune("") is None


def test_provinces_match_with_or_without_diacritics() -> None:
    for typed in ("Quảng Ngãi", "quang ngai", "QUANG NGAI", "tỉnh Quảng Ngãi", "quangngai"):
        assert P.match_province(typed).found == P.province(QUANG_NGAI), typed
    assert P.match_province("TP. Hồ Chí Minh").found == P.province(79)
    assert P.match_province("thanh pho ha noi").found == P.province(1)
    # The completer: names starting with the typed words first.
    assert [p.name for p in P.search_provinces("quang")][:3] == [
        "Quảng Ngãi",
        "Quảng Ninh",
        "Quảng Trị",
    ]
    assert "Đồng Tháp" not in [p.name for p in P.search_provinces("ha")]


def test_an_old_province_is_mapped_to_today_and_the_person_is_told() -> None:
    m = P.match_province("Kon Tum")
    assert m.found == P.province(QUANG_NGAI)
    assert m.note == "Tỉnh Kon Tum nay thuộc tỉnh Quảng Ngãi (sắp xếp từ ngày 01/7/2025)."
    m = P.match_province("binh duong")
    assert m.found == P.province(79) and "thành phố Hồ Chí Minh" in m.note
    # The completer offers the province an old name is part of.
    assert P.province(QUANG_NGAI) in P.search_provinces("kon")


def test_an_unknown_or_ambiguous_province_is_asked_about() -> None:
    m = P.match_province("Xứ Đoài")
    assert m.found is None and m.choices == ()
    assert "Không có tỉnh, thành phố «Xứ Đoài»" in m.note
    m = P.match_province("Quảng")
    assert m.found is None and len(m.choices) >= 3 and "vui lòng chọn" in m.note


def test_communes_match_with_or_without_diacritics_and_type() -> None:
    son_ha = P.match_commune(QUANG_NGAI, "Sơn Hà").found
    assert isinstance(son_ha, P.Commune) and son_ha.name == "Xã Sơn Hà"
    assert P.match_commune(QUANG_NGAI, "xã sơn hà").found == son_ha
    cam_thanh = P.match_commune(QUANG_NGAI, "Phường Cẩm Thành").found
    assert P.match_commune(QUANG_NGAI, "phuong cam thanh").found == cam_thanh
    assert P.match_commune(QUANG_NGAI, "cam thanh").found == cam_thanh
    # Without diacritics "son ha" is both Sơn Hà and Sơn Hạ: the person chooses.
    m = P.match_commune(QUANG_NGAI, "son ha")
    assert m.found is None and {c.name for c in m.choices} == {"Xã Sơn Hà", "Xã Sơn Hạ"}
    assert P.match_commune(QUANG_NGAI, "ly son").found.name == "Đặc khu Lý Sơn"  # type: ignore[union-attr]
    assert P.search_communes(QUANG_NGAI, "cam th")[0].name == "Phường Cẩm Thành"
    # Another province's commune is not found here.
    m = P.match_commune(QUANG_NGAI, "Hoàn Kiếm")
    assert m.found is None and "Không có xã, phường «Hoàn Kiếm» ở tỉnh Quảng Ngãi" in m.note
    assert P.match_commune(None, "Sơn Hà").note.startswith("Vui lòng chọn tỉnh")


def test_an_old_district_is_gone_and_the_person_chooses_a_commune() -> None:
    m = P.match_commune(QUANG_NGAI, "Thị xã Đức Phổ")
    assert m.found is None
    assert m.note.startswith("Thị xã Đức Phổ không còn từ ngày 01/7/2025")
    assert [c.name for c in m.choices] == ["Phường Đức Phổ"]
    m = P.match_commune(QUANG_NGAI, "huyen Ba To")
    assert m.note.startswith("Huyện Ba To không còn") and len(m.choices) == 2


def test_addresses_are_written_and_located() -> None:
    son_ha = P.match_commune(QUANG_NGAI, "Sơn Hà").found
    assert isinstance(son_ha, P.Commune)
    text = P.address_text(" Thôn  Gò Da ", son_ha.code, QUANG_NGAI)
    assert text == "Thôn Gò Da, xã Sơn Hà, tỉnh Quảng Ngãi"
    assert P.street_part(text, son_ha.code, QUANG_NGAI) == "Thôn Gò Da"
    assert P.locate(text) == P.Located(QUANG_NGAI, son_ha.code, "Thôn Gò Da")
    # An old province at the end is today's; an unknown commune stays in the street part.
    loc = P.locate("Thôn 2, xã Đăk Hà, Kon Tum")
    assert loc.province_code == QUANG_NGAI and loc.commune_code is not None
    loc = P.locate("Tổ 5, huyện Sơn Tịnh, tỉnh Quảng Ngãi")
    assert loc == P.Located(QUANG_NGAI, None, "Tổ 5, huyện Sơn Tịnh")
    assert P.locate("12 Lê Lợi") == P.Located(street="12 Lê Lợi")
    assert P.locate("") == P.Located()


def test_an_intake_address_is_structured_once() -> None:
    """With a province chosen: the province or commune typed again in the free part is not
    repeated, and a commune written there is taken as the province's; without one, the text
    stays as typed and ``locate`` gives the codes it names."""
    dak_to = P.match_commune(QUANG_NGAI, "Đăk Tô").found
    assert isinstance(dak_to, P.Commune)
    assert P.structured("Thôn 2, xã Đắk Tô, tỉnh Quảng Ngãi", QUANG_NGAI, None) == (
        "Thôn 2, xã Đăk Tô, tỉnh Quảng Ngãi",
        QUANG_NGAI,
        dak_to.code,
    )
    assert P.structured("Thôn 2", QUANG_NGAI, "") == ("Thôn 2, tỉnh Quảng Ngãi", QUANG_NGAI, None)
    # A commune of another province is not taken.
    assert P.structured("Thôn 2", QUANG_NGAI, P.commune(70).code) == (  # type: ignore[union-attr]
        "Thôn 2, tỉnh Quảng Ngãi",
        QUANG_NGAI,
        None,
    )
    assert P.structured("12 Lê Lợi", None, None) == ("12 Lê Lợi", None, None)
    # Without a commune chosen, a commune name in the free part stays where it was written.
    assert P.street_part("Thôn 2, xã Đắk Tô, tỉnh Quảng Ngãi", None, QUANG_NGAI) == (
        "Thôn 2, xã Đắk Tô"
    )


def test_a_province_alone_is_not_an_address() -> None:
    from pakn_desktop.domain.validation import IntakeForm, validate_intake

    base = IntakeForm("citizen", "Lê Thị Hồng", "", "0905111222", "", "Hỏi", "Nội dung", "phone")
    qn = str(QUANG_NGAI)
    assert validate_intake(base)["address"] == "Vui lòng nhập địa chỉ."
    only = validate_intake(replace(base, address="tỉnh Quảng Ngãi", province_code=qn))
    assert only["address"] == "Vui lòng nhập địa chỉ."
    son_ha = P.match_commune(QUANG_NGAI, "Sơn Hà").found
    assert son_ha is not None
    with_commune = replace(base, address="", province_code=qn, commune_code=str(son_ha.code))
    assert validate_intake(with_commune) == {}
    assert validate_intake(replace(base, address="Thôn 1", province_code=qn)) == {}
