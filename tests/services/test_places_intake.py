"""Addresses in today's units: chosen at intake, found in imported text, corrected, counted by
province and commune (on SQLite and PostgreSQL). The migration: tests/store/test_migrations.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from accounts_fixture import staff_actor
from report_fixture import BASE

from pakn_desktop.domain import places as P
from pakn_desktop.domain.errors import ValidationFailed
from pakn_desktop.reports.stats import NO_PROVINCE
from pakn_desktop.services import Services

QUANG_NGAI = 51


def _commune(province: int, name: str) -> P.Commune:
    found = P.match_commune(province, name).found
    assert isinstance(found, P.Commune)
    return found


def test_intake_stores_the_chosen_province_and_commune(services: Services) -> None:
    actor = staff_actor(services)
    son_ha = _commune(QUANG_NGAI, "Sơn Hà")
    form = replace(
        BASE, address="Thôn Gò Da", province_code=str(QUANG_NGAI), commune_code=str(son_ha.code)
    )
    detail = services.cases.receive(form, actor)
    assert detail.address == "Thôn Gò Da, xã Sơn Hà, tỉnh Quảng Ngãi"
    assert (detail.province_code, detail.commune_code) == (str(QUANG_NGAI), str(son_ha.code))
    # Only a commune and a province: still an address (NĐ 20/2008 asks for one).
    bare = services.cases.receive(replace(form, address=""), actor)
    assert bare.address == "xã Sơn Hà, tỉnh Quảng Ngãi"
    # Corrected: the new commune replaces the old one, the free part stays.
    cam_thanh = _commune(QUANG_NGAI, "Cẩm Thành")
    edited = services.cases.edit(
        detail.code,
        replace(form, address=detail.address, commune_code=str(cam_thanh.code)),
        actor,
        expected_version=detail.version,
    )
    assert edited.address == "Thôn Gò Da, phường Cẩm Thành, tỉnh Quảng Ngãi"
    assert edited.commune_code == str(cam_thanh.code)
    assert "commune_code" in edited.events[-1].changes


def test_a_commune_of_another_province_is_refused(services: Services) -> None:
    actor = staff_actor(services)
    hoan_kiem = _commune(1, "Hoàn Kiếm")
    with pytest.raises(ValidationFailed) as err:
        services.cases.receive(
            replace(BASE, province_code=str(QUANG_NGAI), commune_code=str(hoan_kiem.code)),
            actor,
        )
    assert err.value.errors["commune_code"] == "Phường Hoàn Kiếm không thuộc tỉnh Quảng Ngãi."
    with pytest.raises(ValidationFailed) as err:
        services.cases.receive(replace(BASE, address="", province_code="999"), actor)
    assert "province_code" in err.value.errors and "address" in err.value.errors


def test_imported_text_that_names_todays_units_gets_their_codes(services: Services) -> None:
    actor = staff_actor(services)
    named = services.cases.receive(
        replace(BASE, address="Tổ 3, phường Cẩm Thành, tỉnh Quảng Ngãi"), actor
    )
    assert named.address == "Tổ 3, phường Cẩm Thành, tỉnh Quảng Ngãi"  # kept as written
    assert named.province_code == str(QUANG_NGAI)
    assert named.commune_code == str(_commune(QUANG_NGAI, "Cẩm Thành").code)
    free = services.cases.receive(replace(BASE, address="12 Lê Lợi"), actor)
    assert (free.province_code, free.commune_code) == ("", "")


def test_statistics_count_by_province_and_commune(services: Services, clock: Any) -> None:
    actor = staff_actor(services)
    son_ha = _commune(QUANG_NGAI, "Sơn Hà")
    in_son_ha = replace(BASE, province_code=str(QUANG_NGAI), commune_code=str(son_ha.code))
    codes = [services.cases.receive(in_son_ha, actor).code for _ in range(3)]
    services.cases.receive(replace(BASE, address="Phường Hoàn Kiếm, thành phố Hà Nội"), actor)
    services.cases.receive(replace(BASE, address="12 Lê Lợi"), actor)
    st = services.statistics.figures(date(2026, 4, 1), date(2026, 4, 30))
    assert st.by_province.counts() == {"Tỉnh Quảng Ngãi": 3, "Thành phố Hà Nội": 1, NO_PROVINCE: 1}
    communes = st.by_commune.counts()
    assert communes["Xã Sơn Hà, tỉnh Quảng Ngãi"] == 3
    assert communes["Phường Hoàn Kiếm, thành phố Hà Nội"] == 1
    # Every row lists exactly the cases it counts; the summary equals the straight scan.
    reader = staff_actor(services)
    for bd in (st.by_province, st.by_commune):
        for row in bd.rows:
            assert services.case_reads.count(row.filter, reader) == row.count, row.label
    qn = next(r for r in st.by_province.rows if r.key == str(QUANG_NGAI))
    assert {r.code for r in services.case_reads.queue(qn.filter, reader)} == set(codes)
    slow = services.statistics.figures(date(2026, 4, 1), date(2026, 4, 30), fast=False)
    assert slow.by_province.counts() == st.by_province.counts()
    assert slow.by_commune.counts() == st.by_commune.counts()


def test_a_portal_import_gets_the_codes_its_address_names(
    services: Services, actor: Any, tmp_path: Any
) -> None:
    from test_portal import HEADERS, sample_rows, write_csv  # type: ignore[import-not-found]

    from pakn_desktop.services.portal import guess_mapping, read_table

    rows = sample_rows(2)
    rows[0][6] = "Số 1 Lê Lợi, phường Kon Tum, tỉnh Kon Tum"  # the old province's name
    rows[1][6] = "Số 2 Lê Lợi"
    table = read_table(write_csv(tmp_path / "a.csv", HEADERS, rows, "utf-8"))
    report = services.portal.run(table, guess_mapping(table.headers), actor, source="a.csv")
    reader = staff_actor(services)
    first, second = (services.case_reads.get(r.case_code, reader) for r in report.rows)
    kon_tum = _commune(QUANG_NGAI, "Phường Kon Tum")
    assert (first.province_code, first.commune_code) == (str(QUANG_NGAI), str(kon_tum.code))
    assert first.address == "Số 1 Lê Lợi, phường Kon Tum, tỉnh Kon Tum"  # as the portal wrote
    assert (second.province_code, second.commune_code) == ("", "")
    # The portal later corrects the second address: the codes and the statistics follow.
    rows[1][6] = "Số 2 Lê Lợi, xã Sơn Hà, tỉnh Quảng Ngãi"
    later = read_table(write_csv(tmp_path / "b.csv", HEADERS, rows, "utf-8"))
    services.portal.run(later, guess_mapping(later.headers), actor, source="b.csv")
    second = services.case_reads.get(second.code, reader)
    assert second.commune_code == str(_commune(QUANG_NGAI, "Sơn Hà").code)
    st = services.statistics.figures(date(2026, 4, 1), date(2026, 4, 30))
    assert st.by_province.by_key() == {str(QUANG_NGAI): 2}
