"""`pakn`: the headless command line (demo data, lookup, calendar, deadlines, backup).

Commands that change anything or show personal data name the account with ``--user`` and
read its password from a prompt, or from the environment variable named by
``--password-env``; ``deadlines``, ``calendar list``, the public ``lookup`` and
``audit verify`` need none.

Exit status: 0 success; 1 not found (an unknown code, a missing database or file); 2 bad input
or a failure with its message (disk full, read-only, newer database, a wrong password, a
locked or deactivated account, a missing role, ...); 3 the audit chain is broken. ``--db``
never creates a database except for ``pakn init`` and ``pakn demo``."""

from __future__ import annotations

import argparse
import errno
import logging
import os
import re
import sqlite3
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from pakn_desktop import __version__
from pakn_desktop.domain.calendar import WorkingCalendar
from pakn_desktop.domain.clock import vn_now, vn_today
from pakn_desktop.domain.deadlines import stage_deadlines
from pakn_desktop.domain.enums import CaseState
from pakn_desktop.domain.errors import NotFound, PaknError
from pakn_desktop.domain.permissions import Permission, letter_permission
from pakn_desktop.domain.personal_data import public_text
from pakn_desktop.domain.validation import (
    calendar_year_problem,
    period_problem,
    received_at_problem,
)
from pakn_desktop.domain.wording import file_problem, latest_by

if TYPE_CHECKING:
    from pakn_desktop.services import Services
    from pakn_desktop.services.letters import UnsignedAlreadyIssued
    from pakn_desktop.services.views import Actor

EXIT_NOT_FOUND = 1
EXIT_BAD_INPUT = 2
EXIT_AUDIT_BROKEN = 3
EXIT_PARTIAL = 3  # import: some rows refused, or the import stopped part way


class UsageError(PaknError):
    pass


def _parse_date(text: str) -> date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(
        f"ngày «{text}» không hợp lệ (dùng YYYY-MM-DD hoặc dd/mm/yyyy)"
    )


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» không phải số nguyên") from None
    if n < 1 or n > 5_000_000:
        raise argparse.ArgumentTypeError("số lượng phải từ 1 đến 5.000.000")
    return n


def _whole(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high`` (ids and seeds are stored as
    64-bit integers; a larger one would reach the database as an OverflowError)."""

    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"«{text}» không phải số nguyên") from None
        if not low <= n <= high:
            raise argparse.ArgumentTypeError(
                f"{what} phải từ {low} đến {high} (nhận được {text[:30]})"
            )
        return n

    return parse


MAX_STORED_INT = 2**63 - 1

# argparse's own messages (Python 3.11+), said in Vietnamese.
_ARGPARSE_VI = [
    (r"the following arguments are required: ", "thiếu tham số bắt buộc: "),
    (r"one of the arguments (.*) is required", r"cần một trong các tham số \1"),
    (
        r"invalid choice: (.*?) \(choose from (.*)\)$",
        r"giá trị không hợp lệ: \1 (chọn một trong: \2)",
    ),
    (r"unrecognized arguments: ", "tham số không nhận ra: "),
    (r"expected one argument", "cần một giá trị"),
    (r"expected at least one argument", "cần ít nhất một giá trị"),
    (r"not allowed with argument ", "không dùng cùng tham số "),
    (r"ambiguous option: (\S+) could match ", r"tham số \1 không rõ, có thể là "),
    (r"invalid (\w+) value: ", r"giá trị không hợp lệ: "),
    (r"^argument ([^:]+): ", r"tham số \1: "),
]


def _in_vietnamese(message: str) -> str:
    for pattern, replacement in _ARGPARSE_VI:
        message = re.sub(pattern, replacement, message)
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its own words (usage, group titles, -h) in Vietnamese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        add_help = kwargs.pop("add_help", True)
        kwargs["add_help"] = False  # ours below, with Vietnamese help
        super().__init__(*args, **kwargs)
        self._positionals.title = "tham số"
        self._optionals.title = "tùy chọn"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này rồi thoát")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: lỗi: {_in_vietnamese(message)}", file=sys.stderr)
        sys.exit(EXIT_BAD_INPUT)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="pakn", description="PAKN Desktop: dòng lệnh")
    p.add_argument(
        "--version",
        action="version",
        version=f"pakn {__version__}",
        help="hiện số phiên bản rồi thoát",
    )
    p.add_argument(
        "--db", metavar="URL", help="cơ sở dữ liệu (mặc định: tệp SQLite của người dùng)"
    )
    p.add_argument("--user", metavar="TÊN", help="người thực hiện (tên đăng nhập)")
    p.add_argument(
        "--password-env",
        metavar="BIẾN",
        help="tên biến môi trường chứa mật khẩu của --user (mặc định: hỏi mật khẩu)",
    )
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    sub.add_parser("init", help="tạo cơ sở dữ liệu mới (hoặc nâng cấp cơ sở dữ liệu có sẵn)")

    d = sub.add_parser("demo", help="tạo dữ liệu mẫu")
    d.add_argument("--cases", type=_positive, default=1000, metavar="SỐ_PAKN")
    d.add_argument("--seed", type=_whole(0, MAX_STORED_INT, "--seed"), default=1, metavar="SỐ")

    lk = sub.add_parser("lookup", help="tra cứu PAKN theo mã hoặc số điện thoại")
    lk.add_argument("code", metavar="MÃ_PAKN")
    lk.add_argument("--internal", action="store_true", help="hiện cả lịch sử nội bộ")

    cal = sub.add_parser("calendar", help="lịch làm việc của cơ quan")
    cs = cal.add_subparsers(dest="cal_command", required=True, parser_class=_Parser)
    cl = cs.add_parser("list", help="ngày nghỉ, ngày làm bù và điều chỉnh của cơ quan")
    cl.add_argument("--year", type=int, default=None, metavar="NĂM")
    for name, helptext in (
        ("add-day-off", "thêm ngày nghỉ của cơ quan"),
        ("add-working-day", "thêm ngày làm việc của cơ quan"),
    ):
        a = cs.add_parser(name, help=helptext)
        a.add_argument("date", type=_parse_date, metavar="NGÀY")
        a.add_argument("--reason", required=True, metavar="LÝ_DO")
    rm = cs.add_parser("remove", help="bỏ một điều chỉnh của cơ quan")
    rm.add_argument("date", type=_parse_date, metavar="NGÀY")

    dd = sub.add_parser("deadlines", help="thời hạn các bước tính từ ngày tiếp nhận")
    dd.add_argument("--received", type=_parse_date, required=True, metavar="NGÀY")

    lt = sub.add_parser("letter", help="ban hành văn bản cho một PAKN")
    lt.add_argument("code", metavar="MÃ_PAKN")
    lt.add_argument(
        "--kind",
        required=True,
        choices=["rejection", "clarification", "transfer", "progress", "answer", "receipt"],
    )
    lt.add_argument("-o", "--output", type=Path, required=True, metavar="TỆP.pdf")
    lt.add_argument("--preview", action="store_true", help="chỉ xem trước, không cấp số")
    lt.add_argument("--sign-p12", type=Path, metavar="TỆP.p12", help="ký số bằng tệp PKCS#12")
    lt.add_argument(
        "--sign-password-env",
        metavar="BIẾN",
        help="tên biến môi trường chứa mật khẩu tệp PKCS#12",
    )
    lt.add_argument("--no-seal", action="store_true", help="ký số không kèm hình con dấu")
    lt.add_argument(
        "--replace",
        type=_whole(1, MAX_STORED_INT, "số ID văn bản"),
        metavar="ID",
        help="ban hành văn bản thay thế văn bản số ID trong sổ (cần --reason)",
    )
    lt.add_argument("--reason", metavar="LÝ_DO", help="lý do thay thế")

    rp = sub.add_parser("report", help="báo cáo định kỳ (Excel .xlsx hoặc PDF)")
    rp.add_argument("--from", dest="start", type=_parse_date, required=True, metavar="TỪ_NGÀY")
    rp.add_argument("--to", dest="end", type=_parse_date, required=True, metavar="ĐẾN_NGÀY")
    rp.add_argument("-o", "--output", type=Path, required=True, metavar="TỆP.xlsx|TỆP.pdf")
    rg = sub.add_parser("register", help="sổ tiếp nhận của một kỳ (Excel .xlsx hoặc PDF)")
    rg.add_argument("--from", dest="start", type=_parse_date, required=True, metavar="TỪ_NGÀY")
    rg.add_argument("--to", dest="end", type=_parse_date, required=True, metavar="ĐẾN_NGÀY")
    rg.add_argument("-o", "--output", type=Path, required=True, metavar="TỆP.xlsx|TỆP.pdf")
    ov = sub.add_parser("overdue", help="danh sách PAKN quá hạn (PDF) cho cuộc họp")
    ov.add_argument("-o", "--output", type=Path, required=True, metavar="TỆP.pdf")

    b = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu SQLite (tệp hoặc thư mục)")
    b.add_argument("path", type=Path, metavar="ĐƯỜNG_DẪN")
    r = sub.add_parser("restore", help="khôi phục từ một bản sao lưu đã kiểm tra")
    r.add_argument("path", type=Path, metavar="TỆP_SAO_LƯU")
    bb = sub.add_parser(
        "bring-back",
        help="đưa trở lại hồ sơ và văn bản làm sau bản sao lưu, từ bản giữ lại khi khôi phục",
    )
    bb.add_argument("kept", type=Path, metavar="BẢN_GIỮ_LẠI")

    im = sub.add_parser("import", help="nhập danh sách PAKN từ Cổng (xlsx, xls, csv)")
    ims = im.add_subparsers(dest="import_command", required=True, parser_class=_Parser)
    ip = ims.add_parser("portal", help="danh sách PAKN xuất từ Cổng DVC quốc gia hoặc tỉnh")
    ip.add_argument("file", type=Path, metavar="TỆP")
    ip.add_argument("--mapping", metavar="TÊN", help="cách ghép cột đã lưu (mặc định: tự đoán)")
    ip.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi gì")
    ip.add_argument("--provincial", action="store_true", help="danh sách của Cổng DVC tỉnh")
    ip.add_argument(
        "--sheet", metavar="TÊN|SỐ", help="trang tính (mặc định: trang đầu tiên có dòng tiêu đề)"
    )
    ip.add_argument(
        "--header-row",
        type=int,
        metavar="SỐ",
        help="số dòng của dòng tiêu đề cột (mặc định: tự tìm; dòng dưới của tiêu đề hai dòng)",
    )
    sg = sub.add_parser(
        "suggest",
        help="gợi ý phạm vi, chủ đề, đơn vị cho từng dòng {title, content, channel} của tệp .jsonl",
    )
    sg.add_argument("file", type=Path, metavar="TỆP.jsonl")
    au = sub.add_parser("audit", help="nhật ký thay đổi (chuỗi băm)")
    aus = au.add_subparsers(dest="audit_command", required=True, parser_class=_Parser)
    av = aus.add_parser("verify", help="kiểm tra nhật ký, lịch sử và dữ liệu không bị sửa, xóa")
    av.add_argument(
        "--anchor",
        action="append",
        default=[],
        metavar="SỐ:MÃ_BĂM",
        help="mốc đã in ở chân báo cáo, bản sao lưu hoặc lệnh «audit head» (có thể lặp lại)",
    )
    aus.add_parser("head", help="in mốc mới nhất của nhật ký (SỐ:MÃ_BĂM) để lưu bên ngoài")
    return p


def _login(args: argparse.Namespace, services: Services, *permissions: Permission) -> Actor:
    """The account named by --user, after its password; refuses what it may not do."""
    import getpass
    import os

    if not args.user:
        raise UsageError(
            "Lệnh này cần tài khoản: thêm --user TÊN_ĐĂNG_NHẬP (mật khẩu được hỏi, hoặc đọc "
            "từ biến môi trường nêu ở --password-env)."
        )
    if args.password_env:
        password = os.environ.get(args.password_env)
        if password is None:
            raise UsageError(f"Biến môi trường {args.password_env} chưa được đặt.")
    else:
        try:
            password = getpass.getpass(f"Mật khẩu của {args.user}: ")
        except (EOFError, KeyboardInterrupt):
            raise UsageError("Chưa nhập mật khẩu.") from None
    actor = services.accounts.authenticate(args.user, password)
    return services.guard.require(actor, *permissions)


def _open(args: argparse.Namespace, *, create: bool = False) -> Services:
    """Only ``init`` and ``demo`` may create a database; every other command refuses a
    missing file or folder instead of quietly making an empty office register."""
    from pakn_desktop.services import Services

    return Services.open(args.db, create=create)


def cmd_init(args: argparse.Namespace) -> int:
    services = _open(args, create=True)
    try:
        print(f"Cơ sở dữ liệu sẵn sàng: {services.db.display_name}")
    finally:
        services.close()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from pakn_desktop.demo import generate_demo

    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 1 or done == total:
            last[0] = now
            print(f"\r  {done:,}/{total:,} hồ sơ".replace(",", "."), end="", file=sys.stderr)
            sys.stderr.flush()

    services = _open(args, create=True)
    try:  # a refused log-in or a failed generation closes the database too
        if not services.accounts.needs_first_admin():
            # A real office (an administrator can log in) gets demo data only from its admin.
            _login(args, services, Permission.MANAGE_ACCOUNTS)
        started = time.perf_counter()
        summary = generate_demo(services, args.cases, seed=args.seed, progress=progress)
    finally:
        services.close()
    print(file=sys.stderr)
    elapsed = time.perf_counter() - started
    print(f"Đã tạo {args.cases:,} PAKN mẫu trong {elapsed:.1f} giây.".replace(",", "."))
    for line in summary:
        print(line)
    return 0


def cmd_lookup(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        # Without an account: only what the person may hear (the public gate). With --user
        # the desk's own lookup, and --internal the case itself, each checked for the role.
        reader = None
        if args.internal:
            reader = _login(args, services, Permission.VIEW_CASES)
        elif args.user:
            reader = _login(args, services, Permission.LOOKUP)
        results = (
            services.case_reads.lookup(args.code, reader)
            if reader is not None
            else services.case_reads.public_lookup(args.code)
        )
        if results and results[0].by_phone:
            how = "họ tên" if results[0].found_by == "name" else "số điện thoại"
            print(f"Tra cứu theo {how}: chỉ hiện mã, ngày và tình trạng.")
            print("Tra cứu theo mã PAKN để xem nội dung và quá trình xử lý.")
            print()
        for r in results:
            print(
                f"Mã PAKN: {r.code}"
                + (f"  (mã trên Cổng: {public_text(r.portal_code)})" if r.portal_code else "")
            )
            if r.submitter_name:  # the desk's lookup by name, with an account
                print(f"Người gửi: {r.submitter_name}")
            if not r.by_phone:
                print(f"Về việc: {r.title}")  # gated by the service (office contacts kept)
            print(f"Ngày tiếp nhận: {r.received_on:%d/%m/%Y}")
            print(f"Tình trạng: {r.public_state}")
            if r.expected_answer_by:
                print(f"Dự kiến trả lời: {latest_by(r.expected_answer_by)}")
            if not r.by_phone:
                print("Quá trình xử lý:")
                for at, text in r.history:
                    print(f"  {at:%d/%m/%Y %H:%M}  {text}")
            if args.internal and reader is not None:
                detail = services.case_reads.get(r.code, reader)
                print(f"Trạng thái nội bộ: {CaseState(detail.state).label}")
                print("Lịch sử đầy đủ:")
                for e in detail.events:
                    print(f"  {e.at:%d/%m/%Y %H:%M}  {e.actor_name}: {e.summary}")
            print()
    finally:
        services.close()
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        if args.cal_command == "list":
            year = args.year or vn_today().year
            if (problem := calendar_year_problem(year)) is not None:
                raise UsageError(problem)
            cal = services.calendar.calendar()
            print(f"Ngày nghỉ lễ, nghỉ bù, làm bù năm {year} (theo gói holidays):")
            for d, name, working in cal.holidays_in_year(year):
                kind = "làm bù" if working else "nghỉ"
                print(f"  {d:%d/%m/%Y}  {kind:7}  {name}")
            adjustments = [a for a in services.calendar.adjustments() if a.day.year == year]
            print(
                f"Điều chỉnh của cơ quan năm {year}:"
                if adjustments
                else "Cơ quan chưa điều chỉnh ngày nào."
            )
            for a in adjustments:
                kind = "làm việc" if a.working else "nghỉ"
                who = f"{a.entered_by}, {a.entered_at:%d/%m/%Y}"
                print(f"  {a.day:%d/%m/%Y}  {kind:8}  {a.reason}  ({who})")
            return 0
        actor = _login(args, services, Permission.CALENDAR)
        # A command acts on the calendar as it is now: the version it reads is its own.
        version = services.calendar.version()
        if args.cal_command == "remove":
            moved = services.calendar.remove(args.date, actor, expected_version=version)
            print(f"Đã bỏ điều chỉnh ngày {args.date:%d/%m/%Y}; {moved} hồ sơ đổi thời hạn.")
            return 0
        # Adding what the calendar already says (a Sunday as a day off, a weekday as a working
        # day) changes no deadline: say so rather than a bare "added". Looked up only once the
        # service has accepted the date (it refuses dates outside 2000-2100 first).
        before = services.calendar.calendar()
        if args.cal_command == "add-day-off":
            moved = services.calendar.add_day_off(
                args.date, args.reason, actor, expected_version=version
            )
            what = "nghỉ"
        else:
            moved = services.calendar.add_working_day(
                args.date, args.reason, actor, expected_version=version
            )
            what = "làm việc"
        print(f"Đã thêm ngày {what} {args.date:%d/%m/%Y}; {moved} hồ sơ đổi thời hạn.")
        if before.is_working_day(args.date) == (args.cal_command == "add-working-day"):
            print(f"Lưu ý: trước đó đã là {before.explain(args.date)}.")
        return 0
    finally:
        services.close()


def cmd_deadlines(args: argparse.Namespace) -> int:
    if (problem := received_at_problem(args.received, vn_now())) is not None:
        raise UsageError(problem)
    cal: WorkingCalendar
    if args.db or _has_env_db():
        services = _open(args)
        try:
            cal = services.calendar.calendar()
        finally:
            services.close()
    else:
        cal = WorkingCalendar()
    print(f"Tiếp nhận ngày {args.received:%d/%m/%Y} ({cal.explain(args.received)})")
    for st in stage_deadlines(cal, args.received):
        print(f"  {st.due:%d/%m/%Y}  {st.stage.label}")
    return 0


def _has_env_db() -> bool:
    import os

    return bool(os.environ.get("PAKN_DATABASE_URL"))


class FolderMissing(NotFound, UsageError):
    pass


def cmd_backup(args: argparse.Namespace) -> int:
    # The copy goes into a folder that exists (a new folder of that name at most), as --db
    # never creates the folders of a mistyped path.
    holder = args.path if args.path.is_dir() else args.path.parent
    if not holder.is_dir():
        raise FolderMissing(
            f"Thư mục «{holder}» không tồn tại; không có gì được tạo. Hãy kiểm tra đường dẫn "
            "hoặc tạo thư mục trước."
        )
    services = _open(args)
    try:
        if services.db.file is None:
            raise UsageError(
                "Cơ sở dữ liệu PostgreSQL được sao lưu bằng pg_dump (xem README), "
                "không dùng lệnh này."
            )
        from pakn_desktop.services.files import refuse_database_file

        refuse_database_file(args.path)  # a copy over the live file would replace it
        actor = _login(args, services, Permission.BACKUPS)
        target: Path = args.path
        if target.is_dir() or not target.suffix:
            target = services.backups.now(target, actor)
        else:
            services.backups.to_file(target, actor)
        checked = services.backups.verify(target, actor)
        print(f"Đã sao lưu {checked.cases:,} hồ sơ vào {target}".replace(",", "."))
        return 0
    finally:
        services.close()


def _writable_target(path: Path) -> None:
    """Refuse an output file that cannot be written before anything is numbered."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"Không có thư mục «{folder}» để ghi tệp {path.name}.")
    if path.is_dir():
        raise UsageError(f"«{path}» là một thư mục, không phải tệp PDF.")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UsageError(f"Không có quyền ghi tệp «{path}».")


def _write_atomically(path: Path, data: bytes) -> None:
    """Whole or not at all, and private to its owner (0600) like every file the app writes."""
    from pakn_desktop.services.files import write_private

    write_private(path, lambda tmp: tmp.write_bytes(data))


def cmd_letter(args: argparse.Namespace) -> int:
    from pakn_desktop.letters.signing import SignOptions
    from pakn_desktop.letters.templates import LetterKind
    from pakn_desktop.services.letters import UnsignedAlreadyIssued

    kind = LetterKind(args.kind)
    _writable_target(args.output)
    services = _open(args)
    try:
        actor = _login(args, services, letter_permission(kind))
        if args.preview:
            pdf = services.letters.preview(args.code, kind, actor)
            _write_atomically(args.output, pdf)
            print(f"Đã ghi bản dự thảo (chưa có số) {kind.label} vào {args.output}")
            return 0
        if args.replace is not None and not (args.reason or "").strip():
            raise UsageError("Thay thế văn bản cần nêu lý do (--reason).")
        sign = None
        if args.sign_p12 is not None:
            password = os.environ.get(args.sign_password_env, "") if args.sign_password_env else ""
            sign = SignOptions(args.sign_p12, password, with_seal=not args.no_seal)
        if args.replace is not None:
            old = services.letters.letter(args.replace, actor)
            if old.case_code != args.code.strip() or old.kind is not kind:
                raise UsageError(
                    f"Văn bản {args.replace} không phải {kind.label.lower()} của PAKN {args.code}."
                )
            letter = services.letters.replace(args.replace, args.reason, actor, sign=sign)
        else:
            try:
                letter = services.letters.issue(args.code, kind, actor, sign=sign)
            except UnsignedAlreadyIssued as exc:
                raise UsageError(_sign_issued_how(exc, args)) from None
        try:
            _write_atomically(args.output, letter.pdf)
        except (OSError, PaknError) as exc:
            why = exc.message if isinstance(exc, PaknError) else file_problem(exc, str(args.output))
            print(
                f"pakn: {kind.label} số {letter.number_text} đã được ban hành và lưu trong sổ "
                f"đăng ký, nhưng chưa lưu được tệp: {why} "
                f"Chạy lại lệnh với -o ở nơi ghi được để lưu đúng văn bản đó (không cấp số mới).",
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
        if letter.already_issued:
            print(
                f"{kind.label} số {letter.number_text} đã được ban hành trước đó "
                f"({letter.issued_at:%d/%m/%Y %H:%M}); đã lưu đúng văn bản trong sổ vào "
                f"{args.output}, không cấp số mới. Để sửa nội dung, dùng --replace "
                f'{letter.id} --reason "...".'
            )
        else:
            replaced = " (thay thế văn bản cũ)" if args.replace is not None else ""
            print(
                f"Đã ban hành {kind.label} số {letter.number_text}{replaced}: {args.output} "
                f"(SHA-256 {letter.sha256[:16]}…)"
            )
        return 0
    finally:
        services.close()


def _sign_issued_how(exc: UnsignedAlreadyIssued, args: argparse.Namespace) -> str:
    """What to type to get the signed copy of a letter issued unsigned: its replacement."""
    import shlex

    old = exc.letter
    # The command as the person typed theirs: the same database, account and passwords'
    # variables, so that it runs as shown.
    argv = ["pakn"]
    for option, value in (
        ("--db", args.db),
        ("--user", args.user),
        ("--password-env", args.password_env),
    ):
        if value:
            argv += [option, str(value)]
    argv += ["letter", args.code, "--kind", args.kind, "-o", str(args.output)]
    argv += ["--replace", str(old.id), "--reason", "Ban hành bản có chữ ký số"]
    argv += ["--sign-p12", str(args.sign_p12)]
    if args.sign_password_env:
        argv += ["--sign-password-env", args.sign_password_env]
    if args.no_seal:
        argv.append("--no-seal")
    return (
        f"{old.kind.label} số {old.number_text} đã được ban hành ngày {old.issued_at:%d/%m/%Y} "
        "chưa ký số; không trả lại bản chưa ký thay bản ký số. Để có bản ký số, ban hành văn bản "
        f"thay thế có ký số (số mới, nêu văn bản số {old.number_text}; sổ đăng ký giữ cả hai):\n"
        f"  {shlex.join(argv)}"
    )


def _period(args: argparse.Namespace) -> None:
    if args.end < args.start:
        raise UsageError("Ngày kết thúc (--to) phải sau ngày bắt đầu (--from).")
    if (problem := period_problem(args.start, args.end)) is not None:
        raise UsageError(problem)
    if args.output.suffix.lower() not in (".xlsx", ".pdf"):
        raise UsageError("Tệp kết quả phải có đuôi .xlsx hoặc .pdf.")


def cmd_report(args: argparse.Namespace) -> int:
    from pakn_desktop.services.statistics import vn_int, vn_percent

    _period(args)
    _writable_target(args.output)
    services = _open(args)
    try:
        actor = _login(args, services, Permission.STATISTICS)
        stats = services.statistics.write_report(actor, args.start, args.end, args.output)
        print(
            f"Tiếp nhận {vn_int(stats.received)}, đã xử lý {vn_int(stats.handled_total)}, "
            f"đúng hạn {vn_int(stats.on_time)} ({vn_percent(stats.on_time_rate)}), "
            f"điểm chỉ số 8: {stats.score}. Đã ghi {args.output}"
        )
        return 0
    finally:
        services.close()


def cmd_register(args: argparse.Namespace) -> int:
    _period(args)
    _writable_target(args.output)
    services = _open(args)
    try:
        actor = _login(args, services, Permission.STATISTICS)
        n = services.statistics.write_register(actor, args.start, args.end, args.output)
        print(f"Sổ tiếp nhận: {n} PAKN. Đã ghi {args.output}")
        return 0
    finally:
        services.close()


def cmd_overdue(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != ".pdf":
        raise UsageError("Danh sách quá hạn được xuất ra tệp PDF (.pdf).")
    _writable_target(args.output)
    services = _open(args)
    try:
        actor = _login(args, services, Permission.STATISTICS)
        n = services.statistics.write_overdue(actor, args.output)
        print(f"{n} PAKN quá hạn. Đã ghi {args.output}")
        return 0
    finally:
        services.close()


def cmd_restore(args: argparse.Namespace) -> int:
    from sqlalchemy.engine import make_url

    from pakn_desktop.paths import resolve_url
    from pakn_desktop.store.backup import restore
    from pakn_desktop.store.db import Database

    done: Any  # store.backup.Restored, or the service's RestoreResult with what was left out
    url = make_url(resolve_url(args.db))
    lite = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
    try:
        if (
            lite
            and Path(str(url.database)).is_file()
            and Path(str(url.database)).stat().st_size == 0
        ):
            raise PaknError("empty")  # an empty file holds no register, nor accounts
        services: Services | None = _open(args)
    except (PaknError, SQLAlchemyError, OSError):
        # A damaged or missing register cannot name its accounts: the restore itself is what
        # the office needs now (the damaged file is kept, renamed, never read).
        services = None
    if services is not None:
        try:
            if services.db.file is None:
                raise UsageError(
                    "Cơ sở dữ liệu PostgreSQL được khôi phục bằng pg_restore (xem README)."
                )
            actor = _login(args, services, Permission.BACKUPS)
            done = services.backups.restore_details(args.path, actor)
        finally:
            services.close()
    else:
        db = Database(resolve_url(args.db))
        try:
            done = restore(db, args.path)
        finally:
            db.engine.dispose()  # not dispose(): that would connect, and create a missing file
    print(f"Đã khôi phục {done.cases:,} hồ sơ từ {args.path}.".replace(",", "."))
    if done.kept is not None:
        print(f"Dữ liệu trước khi khôi phục được giữ lại (đã kiểm tra) tại {done.kept}.")
    if done.damaged is not None:
        print(f"Tệp hỏng được đổi tên và giữ nguyên tại {done.damaged}.")
    lost = getattr(done, "lost", None)
    if lost is not None and not lost.empty:
        _print_lost(lost)
        print(
            "Để đưa chúng trở lại sổ (cùng lịch sử, văn bản và tệp đính kèm): "
            f"pakn --db {args.db or '…'} bring-back {done.kept}"
        )
    return 0


def _print_lost(lost: Any) -> None:
    print(
        f"Bản giữ lại có {len(lost.cases)} hồ sơ và {len(lost.letters)} văn bản mà bản sao "
        "lưu không có (làm sau thời điểm sao lưu):"
    )
    for c in lost.cases:
        numbers = f" (văn bản {', '.join(c.letters)})" if c.letters else ""
        print(f"  {c.code}  {c.title}{numbers}")
    for x in lost.letters:
        print(f"  văn bản {x.number} của hồ sơ {x.case_code}")


def cmd_bring_back(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        if services.db.file is None:
            raise UsageError("Chỉ áp dụng cho cơ sở dữ liệu SQLite đã khôi phục từ tệp sao lưu.")
        actor = _login(args, services, Permission.BACKUPS)
        done = services.backups.bring_back(args.kept, actor)
    finally:
        services.close()
    if not done.cases and not done.letters:
        print("Không có hồ sơ hay văn bản nào cần đưa trở lại.")
        return 0
    print(
        f"Đã đưa trở lại {len(done.cases)} hồ sơ và {len(done.letters)} văn bản: "
        + ", ".join([*done.cases, *done.letters])
    )
    return 0


class _ImportProgress:
    """Rows done of the total on stderr while a list is imported: on a terminal one line
    redrawn after each batch; into a log (stderr redirected) one line at each quarter, so a
    long import shows it is alive without filling the log."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._tty = bool(getattr(stream, "isatty", lambda: False)())
        self._quarter = 0
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        def n(x: int) -> str:
            return f"{x:,}".replace(",", ".")

        line = f"Đã xử lý {n(done)}/{n(total)} dòng ({done * 100 // max(total, 1)}%)…"
        if self._tty:
            print("\r" + line, end="", file=self._stream, flush=True)
            self._drawn = True
            return
        quarter = done * 4 // max(total, 1)
        if self._quarter < quarter < 4:
            print(line, file=self._stream, flush=True)
        self._quarter = max(self._quarter, quarter)

    def end(self) -> None:
        if self._drawn:
            print(file=self._stream, flush=True)


def cmd_import(args: argparse.Namespace) -> int:
    from pakn_desktop.domain.enums import Channel
    from pakn_desktop.services.portal import ACTION_LABELS, FIELDS, guess_mapping, read_table

    table = read_table(args.file, sheet=args.sheet, header_row=args.header_row)
    services = _open(args)
    try:
        channel = Channel.PROVINCIAL_PORTAL if args.provincial else Channel.NATIONAL_PORTAL
        if args.mapping:
            saved = services.portal.mapping(args.mapping)
            mapping, channel = saved.columns, Channel(saved.channel)
        else:
            mapping = guess_mapping(table.headers)
        enc = f", bảng mã {table.encoding}" if table.encoding else ""
        where = f", trang «{table.sheet}»" if table.sheet else ""
        print(
            f"Tệp {args.file.name}: {table.kind}{enc}{where}, tiêu đề cột ở dòng "
            f"{table.header_row}, {len(table.rows)} dòng dữ liệu."
        )
        print("Ghép cột: " + "; ".join(f"{FIELDS.get(k, k)} ← «{v}»" for k, v in mapping.items()))
        actor = _login(args, services, Permission.RECEIVE)

        progress = _ImportProgress(sys.stderr)

        report = services.portal.run(
            table,
            mapping,
            actor,
            channel=channel,
            source=args.file.name,
            dry_run=args.dry_run,
            progress=progress,
        )
        progress.end()
        for r in report.rows:
            if r.action in ("error", "update") or r.conflicts:
                case = f" [{r.case_code}]" if r.case_code else ""
                print(f"  dòng {r.row} {r.portal_code}{case}: {ACTION_LABELS[r.action]}: ", end="")
                print(" ".join(r.reasons))
        print(report.summary())
        if report.failure and not report.rows:
            return EXIT_BAD_INPUT
        if report.failure or report.cancelled or report.count("error"):
            return EXIT_PARTIAL
        return 0
    finally:
        services.close()


def cmd_audit(args: argparse.Namespace) -> int:
    from pakn_desktop.services.audit import parse_anchor

    anchors = [parse_anchor(a) for a in getattr(args, "anchor", [])]  # bad form: exit 2
    services = _open(args)
    try:
        if args.audit_command == "head":
            print(services.audit.head())
            return 0
        result = services.audit.verify([f"{seq}:{digest}" for seq, digest in anchors])
    finally:
        services.close()
    if not result.ok:
        print(f"pakn: {result.message}", file=sys.stderr)
        for more in result.problems[1:]:
            print(f"pakn: {more}", file=sys.stderr)
        return EXIT_AUDIT_BROKEN
    records = f"{result.records:,}".replace(",", ".")
    events = f"{result.events:,}".replace(",", ".")
    print(f"Nhật ký toàn vẹn: {records} bản ghi, {events} dòng lịch sử hồ sơ khớp chuỗi băm.")
    if anchors:
        print(f"Nhật ký còn giữ đúng {len(anchors)} mốc đã lưu bên ngoài.")
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    """One output line per non-blank input line, in the same order, each naming its input
    line ("line"): {"line", "scope", "topic", "unit", "confidence", "why", …}, or
    {"line", "error"} for a line that is not a JSON object with text in "title" or
    "content" (then a message on stderr too). Blank lines are skipped. Every good line is
    answered even when some are bad; the exit status is then 2."""
    import json

    from pakn_desktop.domain.enums import Channel
    from pakn_desktop.services.routing import suggestion_record

    try:
        raw = args.file.read_bytes()
    except IsADirectoryError:
        raise UsageError(f"{args.file} là thư mục, không phải tệp .jsonl.") from None
    try:
        lines = raw.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise UsageError(f"Tệp {args.file.name} không phải văn bản UTF-8.") from None
    services = _open(args)
    try:
        actor = _login(args, services, Permission.RECEIVE, Permission.CLASSIFY)
        channels = {str(c) for c in Channel}
        bad = 0
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            problem = ""
            try:
                item = json.loads(line)
            except ValueError:
                item, problem = None, "không phải JSON hợp lệ"
            if not problem and not isinstance(item, dict):
                problem = 'cần một đối tượng JSON {"title", "content", "channel"}'
            if not problem:
                assert isinstance(item, dict)
                title, content, channel = (item.get(k, "") for k in ("title", "content", "channel"))
                if not all(isinstance(v, str) for v in (title, content, channel)):
                    problem = "title, content và channel phải là chuỗi"
                elif not (title.strip() or content.strip()):
                    problem = "thiếu cả title lẫn content"
                elif channel and channel not in channels:
                    problem = (
                        f"kênh «{channel}» không hợp lệ (một trong: {', '.join(sorted(channels))})"
                    )
            if problem:
                bad += 1
                print(f"pakn: dòng {n}: {problem}.", file=sys.stderr)
                print(json.dumps({"line": n, "error": problem}, ensure_ascii=False), flush=True)
                continue
            suggestion = services.routing.suggest(actor, title, content, channel=channel)
            record = {"line": n, **suggestion_record(suggestion)}
            print(json.dumps(record, ensure_ascii=False), flush=True)
        if bad:
            print(f"pakn: {bad} dòng không đọc được; các dòng khác đã có gợi ý.", file=sys.stderr)
            return EXIT_BAD_INPUT
        return 0
    finally:
        services.close()


COMMANDS = {
    "suggest": cmd_suggest,
    "import": cmd_import,
    "init": cmd_init,
    "demo": cmd_demo,
    "lookup": cmd_lookup,
    "calendar": cmd_calendar,
    "deadlines": cmd_deadlines,
    "backup": cmd_backup,
    "letter": cmd_letter,
    "restore": cmd_restore,
    "bring-back": cmd_bring_back,
    "report": cmd_report,
    "register": cmd_register,
    "overdue": cmd_overdue,
    "audit": cmd_audit,
}


def _fail(message: str, status: int = EXIT_BAD_INPUT) -> int:
    print(f"pakn: {message}", file=sys.stderr)
    return status


def quiet_library_warnings() -> None:
    """Libraries' warnings (pyHanko's import of cryptography printed an English
    CryptographyDeprecationWarning when signing) are for developers, who ask with -W or
    PYTHONWARNINGS; never printed to the person."""
    if not sys.warnoptions:
        warnings.simplefilter("ignore")


def main(argv: Sequence[str] | None = None) -> int:
    from pakn_desktop.paths import resolve_url
    from pakn_desktop.store.db import check_url, describe_error

    args = build_parser().parse_args(argv)
    quiet_library_warnings()
    # Libraries log their own tracebacks for errors we report in plain words below.
    for name in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(name).addHandler(logging.NullHandler())
        logging.getLogger(name).propagate = False
    try:
        if args.db or _has_env_db():
            check_url(resolve_url(args.db))  # before any command parses it
        return COMMANDS[args.command](args)
    except NotFound as exc:
        return _fail(exc.message, EXIT_NOT_FOUND)
    except PaknError as exc:
        return _fail(exc.message)
    except OSError as exc:
        mapped = describe_error(exc, str(exc.filename or ""))
        if mapped is not None:
            return _fail(mapped.message)
        logging.getLogger(__name__).warning("File error: %r", exc)
        return _fail(
            file_problem(exc), EXIT_NOT_FOUND if exc.errno == errno.ENOENT else EXIT_BAD_INPUT
        )
    except (SQLAlchemyError, sqlite3.Error) as exc:
        mapped = describe_error(exc)
        if mapped is not None:
            return _fail(mapped.message)
        # Never print the SQL or its parameters: they can hold a citizen's personal data.
        orig = getattr(exc, "orig", None) or exc
        logging.getLogger(__name__).error("Database error: %s", type(orig).__name__)
        return _fail(
            "Lỗi cơ sở dữ liệu; không có gì được lưu. Vui lòng thử lại hoặc báo quản trị hệ thống."
        )


if __name__ == "__main__":
    sys.exit(main())
