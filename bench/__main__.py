"""`make bench`: every benchmark, each printed beside its baseline.

Usage: python -m bench [calendar] [queue [SIZES...]]; with no argument, everything."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> None:
    parts = argv or ["calendar", "queue"]
    if "calendar" in parts:
        from bench import bench_calendar

        print("== Working-day calendar ==")
        bench_calendar.main()
        print()
    if "queue" in parts:
        from bench import bench_queue

        sizes = (
            tuple(int(a) for a in argv[argv.index("queue") + 1 :] if a.isdigit())
            if "queue" in argv
            else ()
        )
        print("== Queue and search ==")
        bench_queue.main(sizes or (100_000, 1_000_000))


if __name__ == "__main__":
    main(sys.argv[1:])
