"""Portal list import: a 10,000-row xlsx list read, previewed, imported (batches of 200, one
transaction each) and imported again (every row matched by its portal code, nothing written).

Usage: python -m bench.bench_portal_import [ROWS] [--db URL]"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

from bench._db import reader
from pakn_desktop.services import Services
from pakn_desktop.services.portal import guess_mapping, read_table
from pakn_desktop.store.queries import CaseFilter

ROWS = 10_000
HEADERS = [
    "STT",
    "Mã PAKN",
    "Tiêu đề",
    "Nội dung",
    "Người gửi",
    "Số điện thoại",
    "Địa chỉ",
    "Ngày gửi",
    "Lĩnh vực",
]


def write_list(path: Path, rows: int, now: datetime) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("DS PAKN")
    ws.append(["DANH SÁCH PHẢN ÁNH, KIẾN NGHỊ"])
    ws.append([])
    ws.append(HEADERS)
    for i in range(1, rows + 1):
        ws.append(
            [
                i,
                f"H38.{i:08d}",
                f"Chậm giải quyết thủ tục hành chính số {i}",
                "Hồ sơ nộp tại Bộ phận Một cửa đã quá hạn nhưng chưa có kết quả, đề nghị "
                f"cơ quan xem xét giải quyết. Mã hồ sơ {i}. " * 3,
                f"Nguyễn Văn Người Gửi {i}",
                f"09{i:08d}",
                f"Số {i} đường Phan Đình Phùng, phường Kon Tum",
                (now - timedelta(hours=i % 2000)).strftime("%d/%m/%Y %H:%M"),
                "Cải cách thủ tục hành chính",
            ]
        )
    wb.save(path)


def main(rows: int = ROWS, url: str | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        now = datetime.now().replace(microsecond=0)
        path = Path(tmp) / "danh-sach-pakn.xlsx"
        t0 = time.perf_counter()
        write_list(path, rows, now)
        t_write = time.perf_counter() - t0
        services = Services.open(url or f"sqlite:///{Path(tmp) / 'portal.db'}")
        actor = reader(services)
        t0 = time.perf_counter()
        table = read_table(path)
        t_read = time.perf_counter() - t0
        mapping = guess_mapping(table.headers)
        t0 = time.perf_counter()
        preview = services.portal.preview(table, mapping, actor, source=path.name)
        t_preview = time.perf_counter() - t0
        t0 = time.perf_counter()
        first = services.portal.run(table, mapping, actor, source=path.name)
        t_import = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = services.portal.run(table, mapping, actor, source=path.name)
        t_again = time.perf_counter() - t0
        total = services.cases.count(CaseFilter(), actor)
        services.close()
    print(f"write a {rows:,}-row xlsx list: {t_write:.1f} s")
    print(f"read it: {t_read:.1f} s")
    print(f"preview: {t_preview:.1f} s ({preview.count('create'):,} to create)")
    print(
        f"import: {t_import:.1f} s ({t_import / rows * 1000:.2f} ms per row, "
        f"{first.count('create'):,} created in {len(first.batches)} batches, "
        f"errors {first.count('error')})"
    )
    print(
        f"import again: {t_again:.1f} s (skipped {again.count('skip'):,}, "
        f"created {again.count('create')}); cases in the register: {total:,}"
    )


if __name__ == "__main__":
    args = sys.argv[1:]
    db = None
    if "--db" in args:
        i = args.index("--db")
        db = args[i + 1]
        args = args[:i] + args[i + 2 :]
    main(int(args[0]) if args else ROWS, db)
