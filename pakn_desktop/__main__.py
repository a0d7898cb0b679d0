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


def keep_no_sources() -> None:
    """Load Qt, and stop it keeping the source of every module imported after it.

    PySide6 looks at each module imported after it (its ``__feature__`` switch,
    shibokensupport's ``_mod_uses_pyside``) by reading its source with ``inspect.getsource``,
    and ``linecache`` then keeps every line of it for good: the 518 modules of the log-in and
    main windows (the services, SQLAlchemy, the pages) held 22.6 MB of text. Each source is
    still read and looked at as PySide6 wants; only the copy is dropped (a traceback reads
    again the file it needs). A PySide6 without that hook is left as it is."""
    import linecache

    import PySide6  # noqa: F401  (the hook is installed with it)

    feature = sys.modules.get("shibokensupport.feature")
    looks = getattr(feature, "_mod_uses_pyside", None)
    if looks is None or getattr(looks, "keeps_no_source", False):
        return

    def uses_pyside(module: object) -> bool:
        cache = linecache.cache
        known = len(cache)
        try:
            return bool(looks(module))
        finally:
            # What it read was added last (a dict keeps its order): that is dropped.
            for name in list(cache)[known:]:
                cache.pop(name, None)

    uses_pyside.keeps_no_source = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not sys.warnoptions:  # libraries' warnings are for developers (-W), not the person
        warnings.simplefilter("ignore")
    if args.self_test:
        from pakn_desktop.selftest import run as self_test

        return self_test()
    # Only Qt, the log-in window and the translations are loaded before the log-in window
    # shows; the services (SQLAlchemy, the tables) are loaded behind it (ui/app.py).
    keep_no_sources()
    from pakn_desktop.ui.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
