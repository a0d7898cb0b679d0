"""`pakn-desktop`: start the window.

Start-up order: parse arguments, install the exception hook (dialog + log), show the log-in
window, and behind it load the services and open and migrate the database (an SQLite file is
copied before a migration); after the log-in, build the main window."""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="pakn-desktop", description="PAKN Desktop")
    p.add_argument(
        "--db", metavar="URL", help="cơ sở dữ liệu (mặc định: tệp SQLite của người dùng)"
    )
    p.add_argument("--user", metavar="TÊN", help="người dùng (tên đăng nhập)")
    p.add_argument("--lang", choices=("vi", "en"), default=None, help="ngôn ngữ giao diện")
    p.add_argument(
        "--self-test", action="store_true", help="kiểm tra cài đặt trên một cơ sở dữ liệu tạm"
    )
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not sys.warnoptions:  # libraries' warnings are for developers (-W), not the person
        warnings.simplefilter("ignore")
    if args.self_test:
        from pakn_desktop.selftest import run as self_test

        return self_test()
    # Only Qt, the log-in window and the translations are loaded before the log-in window
    # shows; the services (SQLAlchemy, the tables) are loaded behind it (ui/app.py).
    from pakn_desktop.ui.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
