"""`make bench`: every benchmark, each printed beside its baseline.

Usage: python -m bench [calendar] [queue] [model] [day] [reports] [letters] [privacy] [gate]
                      [import] [routing] [--sizes N,N]
With no part named, everything. Demo databases are cached in the temp folder (or in
PAKN_BENCH_DIR); with PAKN_BENCH_PG_URL=postgresql://… the queue, search, paging and start-up
figures are also measured on PostgreSQL (one schema bench_<N> per size in that database), and
the portal import too (a schema bench_portal, wiped each run). The working day (``day``) runs
at the largest size only."""

from __future__ import annotations

import sys


def main(argv: list[str]) -> None:
    sizes: tuple[int, ...] = (100_000, 1_000_000)
    if "--sizes" in argv:
        i = argv.index("--sizes")
        sizes = tuple(int(x) for x in argv[i + 1].split(","))
        argv = argv[:i] + argv[i + 2 :]
    parts = argv or [
        "calendar",
        "queue",
        "model",
        "day",
        "letters",
        "reports",
        "privacy",
        "gate",
        "import",
        "routing",
    ]
    if "calendar" in parts:
        from bench import bench_calendar

        print("== Working-day calendar ==")
        bench_calendar.main()
        print()
    if "queue" in parts:
        from bench import bench_queue

        print("== Queue and search (SQL) ==")
        bench_queue.main(sizes)
        print()
    if "model" in parts:
        from bench import bench_model

        print("== Queue table model (Qt) ==")
        bench_model.main(sizes)
        print()
    if "day" in parts:
        from bench import bench_day

        print("== Working day: a jump by the position index, and the GUI thread's stalls ==")
        bench_day.main((max(sizes),))
        print()
    if "reports" in parts:
        from bench import bench_reports

        print("== Reports ==")
        bench_reports.main(sizes)
        print()
    if "letters" in parts:
        from bench import bench_letters

        print("== Letters ==")
        bench_letters.main()
    if "privacy" in parts:
        from bench import bench_personal_data

        print()
        print("== Personal-data detector ==")
        bench_personal_data.main()
    if "gate" in parts:
        from bench import bench_public_gate

        print()
        print("== Public gate: names and home addresses ==")
        bench_public_gate.main()
    if "import" in parts:
        from bench import bench_portal_import

        print()
        print("== Portal list import (20,000 rows) ==")
        bench_portal_import.main()
    if "routing" in parts:
        from bench import bench_routing

        print()
        print("== Routing help: scope and topic on the held-out corpus ==")
        bench_routing.main([a for a in argv if a.startswith("--")], sizes=sizes)


if __name__ == "__main__":
    main(sys.argv[1:])
