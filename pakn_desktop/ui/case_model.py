"""The queue and inbox as a Qt table model, fed page by page from the store.

Sorting and filtering happen in SQL (``CaseReads.queue``). The model has as many rows as
the list has cases (so the scroll bar and Ctrl+End span all of them) but holds only the pages
the view has looked at lately. A page next to one already held is read by keyset (the rows
after its last row, or before its first), so scrolling costs the same at any depth; the last
page is read backwards from the end; only a jump with the scroll bar into the unknown middle
reads by offset, and that read runs off the GUI thread: the rows show a placeholder until the
page arrives, and while the bar is dragged only the pages asked for last are read (the window
never waits for an OFFSET walk of a million rows). On PostgreSQL (``reads_in_process``
False) no page is read on the GUI thread at all: each waits for the server, which a busy
machine keeps waiting, so every page not held is read on a worker, by the same index.

A long list also gets a position index (``CaseReads.anchors``): the key of the last row of
every page, read by a worker a moment after the list is read, per filter and sort order. With
it a page anywhere (the bar dragged near the end, a re-sort, a jump) is read by keyset after
its anchor, on a worker, for what the first page costs (on SQLite too: only scrolling onto
a page next to one held is read at once there). The anchors are dropped when the list is
read again because something changed (``reload``, which the views call on the services'
change signal), and read anew; until they are in, jumps fall back to the background read.

The count is read no further than COUNT_CAP first (a search for common words matches
hundreds of thousands of cases: telling "more than 10,000" costs a few milliseconds, the exact
count tens or hundreds); the exact count is then read in the background and the rows beyond
the cap are added when it arrives (``total_exact``, ``totalChanged``)."""

from __future__ import annotations

from collections import OrderedDict
from contextlib import suppress
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from pakn_desktop.domain.countdown import days_left_words
from pakn_desktop.domain.enums import CHANNEL_LABELS, Channel, DeadlineStatus
from pakn_desktop.domain.permissions import Permission
from pakn_desktop.domain.wording import day_text
from pakn_desktop.services.case_reads import CaseReads
from pakn_desktop.services.filters import CaseFilter, PageKey, SortKey
from pakn_desktop.services.views import Actor, CaseRow

from .stalls import operation
from .workers import run_in_background

PAGE_SIZE = 200
# Counted at once up to here; a longer list shows "more than" this until the exact count is in.
COUNT_CAP = 10_000
# Pages held at once (older ones are dropped and read again if the view comes back).
MAX_PAGES = 50
# Middle pages waiting for a background read: only the ones asked for last are kept (a drag of
# the scroll bar asks for a page at every position it passes).
MAX_WANTED = 4
# The position index: an anchor every this many rows (a page: each page is one keyset read
# after its anchor), for lists of at least ANCHORS_FROM rows (shorter ones are read by offset
# in a few milliseconds), read ANCHOR_DELAY_MS after the list settles (typing a search reads
# the list at each pause: only the last one is indexed).
ANCHOR_EVERY = PAGE_SIZE
ANCHORS_FROM = 20 * PAGE_SIZE
ANCHOR_DELAY_MS = 300
# Position indexes kept (filter and sort orders visited lately).
MAX_ANCHOR_SETS = 8
# Shown in the first column of a row whose page is being read.
LOADING_MARK = "…"
CASE_ROW_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex

# The roles the model answers, as plain numbers (an enum member's look-up costs more than the
# comparison, at every cell and role of every paint).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ROLES = frozenset(
    {_DISPLAY, _BACKGROUND, _FOREGROUND, _TOOLTIP, _ALIGNMENT, CASE_ROW_ROLE, STATUS_ROLE}
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_BRUSHES: dict[DeadlineStatus | None, QBrush] = {}


def _brushes() -> dict[DeadlineStatus | None, QBrush]:
    """Each deadline colour's background brush, and black text (None), made once."""
    if not _BRUSHES:
        _BRUSHES.update({s: QBrush(QColor(c)) for s, c in STATUS_COLOURS.items()})
        _BRUSHES[None] = QBrush(QColor("#000000"))
    return _BRUSHES


class Column(IntEnum):
    CODE = 0
    RECEIVED = 1
    SUBMITTER = 2
    TITLE = 3
    CHANNEL = 4
    UNIT = 5
    OFFICIAL = 6
    STATE = 7
    DEADLINE = 8
    DAYS_LEFT = 9


COLUMNS = tuple(Column)  # by number, without the enum's call (the view asks per cell and role)

SORT_KEYS: dict[Column, SortKey] = {
    Column.CODE: SortKey.CODE,
    Column.RECEIVED: SortKey.RECEIVED,
    Column.SUBMITTER: SortKey.SUBMITTER,
    Column.TITLE: SortKey.TITLE,
    Column.CHANNEL: SortKey.CHANNEL,
    Column.UNIT: SortKey.UNIT,
    Column.OFFICIAL: SortKey.OFFICIAL,
    Column.STATE: SortKey.STATE,
    Column.DEADLINE: SortKey.DEADLINE,
    Column.DAYS_LEFT: SortKey.DEADLINE,
}

# Light backgrounds that keep black text readable; the marker text says the same thing.
STATUS_COLOURS: dict[DeadlineStatus, str] = {
    DeadlineStatus.OVERDUE: "#f8c9c4",
    DeadlineStatus.DUE_SOON: "#fde8b0",
    DeadlineStatus.ON_TRACK: "#d5efd0",
    DeadlineStatus.PAUSED: "#dbe6f5",
    DeadlineStatus.DONE: "#e4e4e4",
}
STATUS_MARKS: dict[DeadlineStatus, str] = {
    DeadlineStatus.OVERDUE: "⚠",
    DeadlineStatus.DUE_SOON: "◐",
    DeadlineStatus.ON_TRACK: "✓",
    DeadlineStatus.PAUSED: "‖",
    DeadlineStatus.DONE: "■",
}


class CaseTableModel(QAbstractTableModel):
    # The exact count arrived (the rows beyond COUNT_CAP were added).
    totalChanged = Signal()
    # The count and first page of a new order, filter or search (or a reload) are shown.
    listRead = Signal()

    def __init__(
        self,
        cases: CaseReads,
        actor: Actor,
        base: CaseFilter | None = None,
        parent: Any = None,
        *,
        load: bool = True,
    ) -> None:
        """With ``load=False`` nothing is read until the first ``set_filter`` or ``reload``
        (a view that restores its filters and sort first reads once, not once per step)."""
        super().__init__(parent)
        self._cases = cases
        self._actor = actor
        # The service refuses the list to whoever may not see cases; such a window (an
        # administrator's) hides the list and it stays empty without asking.
        self._may_read = cases.guard.scope(actor, Permission.VIEW_CASES) is not None
        self._base = base or CaseFilter()
        self._filter = self._base
        self._sort = SortKey.DEADLINE
        self._desc = False
        self._pages: OrderedDict[int, list[CaseRow]] = OrderedDict()
        self._total = 0
        self._exact = True
        self._reads = 0  # the reload the background count belongs to
        self._stale = False
        self._loaded = False
        # Middle pages asked for and not yet read (newest last), and whether a read runs.
        self._wanted: OrderedDict[int, None] = OrderedDict()
        self._reading: int | None = None
        # The read (``_reads``) whose count and first page are awaited from a worker.
        self._pending: int | None = None
        # Position indexes by (filter, sort, descending), for the data as of ``_data``: a
        # change (``reload``) drops them, and an index read before it is not taken.
        self._anchors: OrderedDict[tuple[Any, ...], list[PageKey]] = OrderedDict()
        self._anchoring: set[tuple[Any, ...]] = set()
        self._data = 0
        self._anchor_timer = QTimer(self)
        self._anchor_timer.setSingleShot(True)
        self._anchor_timer.setInterval(ANCHOR_DELAY_MS)
        self._anchor_timer.timeout.connect(self._index_positions)
        self._headers = {
            Column.CODE: self.tr("PAKN code"),
            Column.RECEIVED: self.tr("Received"),
            Column.SUBMITTER: self.tr("Submitter"),
            Column.TITLE: self.tr("Subject"),
            Column.CHANNEL: self.tr("Channel"),
            Column.UNIT: self.tr("Unit"),
            Column.OFFICIAL: self.tr("Official"),
            Column.STATE: self.tr("State"),
            Column.DEADLINE: self.tr("Next deadline"),
            Column.DAYS_LEFT: self.tr("Days left"),
        }
        if load:
            self.reload()

    # --- loading ---------------------------------------------------------------------
    @property
    def total(self) -> int:
        """Rows in the list; while ``total_exact`` is False, there are more than this."""
        return self._total

    @property
    def total_exact(self) -> bool:
        return self._exact

    @property
    def may_read(self) -> bool:
        """Whether the person may see cases (otherwise the list stays empty)."""
        return self._may_read

    @property
    def current(self) -> CaseFilter:
        """The filter in force: the list's own merged with the person's."""
        return self._filter

    @property
    def base(self) -> CaseFilter:
        """The filter this list always applies (e.g. the inbox: received cases only)."""
        return self._base

    def set_filter(self, f: CaseFilter) -> None:
        """The person's filters on top of the list's own: each field the person left empty
        keeps the list's value."""
        b = self._base
        self._filter = replace(
            f,
            states=f.states or b.states,
            unit_ids=f.unit_ids or b.unit_ids,
            official_ids=f.official_ids or b.official_ids,
            channels=f.channels or b.channels,
            topics=f.topics or b.topics,
            submitter_kinds=f.submitter_kinds or b.submitter_kinds,
            statuses=f.statuses or b.statuses,
            received_from=f.received_from or b.received_from,
            received_to=f.received_to or b.received_to,
            open_only=f.open_only or b.open_only,
            search=f.search or b.search,
            handled_from=f.handled_from or b.handled_from,
            handled_to=f.handled_to or b.handled_to,
            handled_on_time=(
                f.handled_on_time if f.handled_on_time is not None else b.handled_on_time
            ),
            handled_kinds=f.handled_kinds or b.handled_kinds,
            outcomes=f.outcomes or b.outcomes,
            no_unit=f.no_unit or b.no_unit,
            no_official=f.no_official or b.no_official,
            national_pending=f.national_pending or b.national_pending,
        )
        self._read()

    def reload(self) -> None:
        """Read the list again because cases may have changed: its position indexes too."""
        self._data += 1
        self._anchors.clear()
        self._anchoring.clear()
        self._read()

    def _read(self) -> None:
        """Read the count and first page for the filter and order in force, on a worker: the
        list's first read too (the view being shown; at a million cases on a disk not yet
        read it took 60-80 ms of the GUI thread), a sort, a filter, a search keystroke, a
        reload after a change. Meanwhile the rows show their placeholder (none before the
        first count: the list is empty and ``busy``), and an answer for a request that was
        overtaken by a newer one is dropped."""
        self._reads += 1
        read, f, actor, sort, desc = self._reads, self._filter, self._actor, self._sort, self._desc
        if not self._may_read:
            self._show_first(read, 0, True, [])
            return
        self.beginResetModel()
        self._pages.clear()
        self._wanted.clear()
        self._pending = read
        self.endResetModel()

        def done(got: Any) -> None:
            with suppress(RuntimeError):  # the list's window was closed meanwhile
                self._show_first(read, *got)

        def failed(_exc: BaseException) -> None:
            # Logged by the worker; the rows keep their placeholder until the next read.
            with suppress(RuntimeError):
                if read == self._reads:
                    self._pending = None

        run_in_background(lambda: self._first_page(f, actor, sort, desc), done, failed)

    def _first_page(
        self, f: CaseFilter, actor: Actor, sort: SortKey, desc: bool
    ) -> tuple[int, bool, list[CaseRow]]:
        """The count (up to COUNT_CAP) and first page (any thread: only the store is read)."""
        if not self._may_read:
            return 0, True, []
        total, exact = self._cases.count_upto(f, actor, COUNT_CAP)
        first = self._cases.queue(f, actor, sort=sort, descending=desc, offset=0, limit=PAGE_SIZE)
        return total, exact, first

    @property
    def busy(self) -> bool:
        """Whether the list's count and first page are being read (its rows show the
        placeholder until they arrive)."""
        return self._pending is not None

    def _show_first(self, read: int, total: int, exact: bool, first: list[CaseRow]) -> None:
        if read != self._reads:
            return  # a newer order, filter or search was asked for meanwhile
        self._pending = None
        with operation("queue: first page shown"):
            self.beginResetModel()
            self._total = max(total, len(first))
            self._exact = exact
            self._pages.clear()
            self._wanted.clear()
            if first:
                self._pages[0] = first
            self._stale = False
            self._loaded = True
            self.endResetModel()
        if not exact:
            self._count_exactly()
        long = self._total >= ANCHORS_FROM or not self._exact
        if self._may_read and long and self._anchor_key() not in self._anchors:
            self._anchor_timer.start()
        self.listRead.emit()

    # --- the position index -------------------------------------------------------------
    def _anchor_key(self) -> tuple[Any, ...]:
        return (self._filter, self._sort, self._desc)

    @property
    def anchored(self) -> bool:
        """Whether the list in its current order has its position index."""
        return self._anchor_key() in self._anchors

    def _index_positions(self) -> None:
        key = self._anchor_key()
        if key in self._anchors or key in self._anchoring or not self._may_read:
            return
        self._anchoring.add(key)
        data, f, actor, sort, desc = self._data, self._filter, self._actor, self._sort, self._desc

        def work() -> list[PageKey]:
            return self._cases.anchors(f, actor, sort=sort, descending=desc, every=ANCHOR_EVERY)

        def done(anchors: Any) -> None:
            with suppress(RuntimeError):  # the list's window was closed meanwhile
                self._anchored(data, key, anchors)

        def failed(_exc: BaseException) -> None:
            # Logged by the worker; jumps keep using the background read.
            with suppress(RuntimeError):
                self._anchoring.discard(key)

        run_in_background(work, done, failed)

    def _anchored(self, data: int, key: tuple[Any, ...], anchors: list[PageKey]) -> None:
        if data != self._data:
            return  # cases changed meanwhile: the index may be off by the rows that moved
        self._anchoring.discard(key)
        current = key == self._anchor_key()
        if current and self._exact and len(anchors) != self._total // ANCHOR_EVERY:
            return  # the list changed since it was counted; its reload indexes it again
        self._anchors[key] = anchors
        while len(self._anchors) > MAX_ANCHOR_SETS:
            self._anchors.popitem(last=False)
        # Pages still waiting for their worker are found by their anchors from now on: the
        # worker's plan is made when it takes the page (``_read_next``).

    def _count_exactly(self) -> None:
        read, f, actor = self._reads, self._filter, self._actor

        def done(n: Any) -> None:
            with suppress(RuntimeError):  # the list's window was closed meanwhile
                self._exact_count(read, int(n))

        def failed(_exc: BaseException) -> None:
            # Logged by the worker; the list keeps its first COUNT_CAP rows and says "more
            # than" until the next reload.
            pass

        run_in_background(lambda: self._cases.count(f, actor), done, failed)

    def _exact_count(self, read: int, n: int) -> None:
        if read != self._reads:
            return  # the list was read again meanwhile (another filter, a change)
        if n < self._total:
            # Cases went away since the first count: read the list again.
            self.reload()
            return
        anchors = self._anchors.get(self._anchor_key())
        if anchors is not None and len(anchors) != n // ANCHOR_EVERY:
            del self._anchors[self._anchor_key()]  # read before a change: not to be trusted
        # A page cut at the cap is read again whole.
        for p in [p for p, rows in self._pages.items() if len(rows) < PAGE_SIZE]:
            del self._pages[p]
        if n > self._total:
            self.beginInsertRows(QModelIndex(), self._total, n - 1)
            self._total = n
            self._exact = True
            self.endInsertRows()
        else:
            self._exact = True
        self.totalChanged.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self._sort = SORT_KEYS[Column(column)]
        self._desc = order == Qt.SortOrder.DescendingOrder
        if self._loaded or self._pending is not None:
            self._read()

    def row_at(self, row: int) -> CaseRow | None:
        """The row, or None when it is outside the list or its page is still being read in
        the background (``loading``)."""
        if not 0 <= row < self._total:
            return None
        page = self._page(row // PAGE_SIZE)
        if page is None:
            return None
        i = row % PAGE_SIZE
        return page[i] if i < len(page) else None

    @property
    def pages_held(self) -> int:
        return len(self._pages)

    @property
    def loading(self) -> bool:
        """Whether a page is being read in the background or waits to be."""
        return self._pending is not None or self._reading is not None or bool(self._wanted)

    def _page(self, p: int) -> list[CaseRow] | None:
        page = self._pages.get(p)
        if page is not None:
            self._pages.move_to_end(p)
            return page
        if self._pending is not None or p == self._reading:
            return None  # the new order's first page comes first: it places the others
        if p in self._wanted:
            # Asked for already: the view asks for each cell and role of a row still to be
            # read (some 2,000 times a paint; at a million cases a scroll-bar drag spent
            # 130 ms of the GUI thread in this path): it is only the newest again.
            self._wanted.move_to_end(p)
            return None
        if self._filter.search.strip() or not self._cases.reads_in_process:
            # A search's later pages cost the full-text match again, keyset or not (100 ms
            # and more at a million cases); on PostgreSQL every read waits for the server,
            # which a busy machine (or a worker's long read beside it) keeps waiting 100 ms
            # and more: those are read on a worker, found as quickly (``_quick_plan``), and
            # the rows wait meanwhile.
            self._want(p)
            return None
        plan = self._near_plan(p)
        if plan is None:
            self._want(p)
            return None
        with operation(f"queue: page {p}"):
            self._keep(p, self._cases.queue(self._filter, self._actor, **plan, **self._kw()))
        return self._pages.get(p)

    def _keep(self, p: int, page: list[CaseRow]) -> None:
        want = min(PAGE_SIZE, self._total - p * PAGE_SIZE)
        if not self._exact:
            page = page[:want]  # the rows past the cap come with the exact count
        if len(page) != want and not self._stale:
            # Cases came or went since the count: show what was read now, count again soon.
            self._stale = True
            QTimer.singleShot(0, self.reload)
        self._pages[p] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)

    def _kw(self) -> dict[str, Any]:
        return {"sort": self._sort, "descending": self._desc}

    def _near_plan(self, p: int) -> dict[str, Any] | None:
        """How page ``p`` is found next to what is known, read at once on SQLite when
        scrolling reaches it: after the page before it, before the page after it, the first
        page, or the last read backwards from the end (the index's pages just read are in the
        cache). None for a jump, left to a worker: by its anchor where the position index has
        one, else by OFFSET (a jump read at once by its anchor cost the first scroll-bar drag
        at a million cases 100 ms of the GUI thread: pages not yet in the cache)."""
        before, after = self._pages.get(p - 1), self._pages.get(p + 1)
        if before and len(before) == PAGE_SIZE:
            last = before[-1]
            return {"after": PageKey(last.sort_value, last.id), "limit": PAGE_SIZE}
        if after:
            first = after[0]
            key = PageKey(first.sort_value, first.id)
            return {"after": key, "backward": True, "limit": PAGE_SIZE}
        last_page = (self._total - 1) // PAGE_SIZE
        if p == last_page and p > 0 and self._exact:
            return {"backward": True, "limit": self._total - p * PAGE_SIZE}
        if p == 0:
            return {"offset": 0, "limit": PAGE_SIZE}
        return None

    def _quick_plan(self, p: int) -> tuple[dict[str, Any], int] | None:
        """How an index finds page ``p`` (the read's arguments, and the rows to skip at its
        start): next to what is known (``_near_plan``) or after its anchor; None when only an
        OFFSET walk would."""
        near = self._near_plan(p)
        if near is not None:
            return near, 0
        anchors = self._anchors.get(self._anchor_key())
        if anchors:
            start = p * PAGE_SIZE
            k, skip = divmod(start, ANCHOR_EVERY)
            if 0 < k <= len(anchors):
                return {"after": anchors[k - 1], "limit": PAGE_SIZE + skip}, skip
        return None

    def _want(self, p: int) -> None:
        self._wanted[p] = None
        self._wanted.move_to_end(p)
        while len(self._wanted) > MAX_WANTED:
            self._wanted.popitem(last=False)
        if self._reading is None:
            self._read_next()

    def _read_next(self) -> None:
        """Read the newest page asked for on a worker (by an index where one finds it, else
        by offset); deliver it to the rows."""
        while self._wanted:
            p, _ = self._wanted.popitem(last=True)
            if p not in self._pages:
                break
        else:
            return
        read, f, actor, kw = self._reads, self._filter, self._actor, self._kw()
        self._reading = p
        # Found by an index where one finds it (not for a search: see ``_page``), else by
        # OFFSET.
        plan = None if f.search.strip() else self._quick_plan(p)
        how, skip = plan or ({"offset": p * PAGE_SIZE, "limit": PAGE_SIZE}, 0)

        def work() -> list[CaseRow]:
            return self._cases.queue(f, actor, **how, **kw)[skip:]

        def done(rows: Any) -> None:
            with suppress(RuntimeError):  # the list's window was closed meanwhile
                self._arrived(read, p, rows)

        def failed(_exc: BaseException) -> None:
            # Logged by the worker; the rows keep their placeholder and are asked for again
            # when the view paints them next.
            with suppress(RuntimeError):
                self._reading = None
                self._read_next()

        run_in_background(work, done, failed)

    def _arrived(self, read: int, p: int, rows: list[CaseRow]) -> None:
        self._reading = None
        if read == self._reads and p not in self._pages and p * PAGE_SIZE < self._total:
            with operation(f"queue: page {p} arrived"):
                self._keep(p, rows)
            first = p * PAGE_SIZE
            last = min(self._total, first + PAGE_SIZE) - 1
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(Column) - 1))
        self._read_next()

    # --- Qt model ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return self._headers[Column(section)]
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Asked for every cell and role at each paint (1,750 times for a screenful): the roles
        # without an answer return at once, and the brushes are made once.
        if role not in _ROLES or not index.isValid():
            return None
        r = self.row_at(index.row())
        if r is None:
            loading = 0 <= index.row() < self._total and index.column() == Column.CODE
            return LOADING_MARK if loading and role == _DISPLAY else None
        col = COLUMNS[index.column()]
        if role == _DISPLAY:
            return self._display(r, col)
        if role == _BACKGROUND:
            return _brushes()[r.status]
        if role == _FOREGROUND:
            return _brushes()[None]
        if role == _TOOLTIP:
            if col not in (Column.DEADLINE, Column.DAYS_LEFT):
                return None
            tip = r.status_text
            if r.progress_due:
                tip += "\n" + self.tr("Next progress update due %1").replace(
                    "%1", f"{r.progress_due:%d/%m/%Y}"
                )
            return tip
        if role == _ALIGNMENT:
            return _RIGHT if col == Column.DAYS_LEFT else None
        if role == CASE_ROW_ROLE:
            return r
        return r.status.value  # STATUS_ROLE

    def _display(self, r: CaseRow, col: Column) -> str:
        match col:
            case Column.CODE:
                return r.code
            case Column.RECEIVED:
                return f"{r.received_at:%d/%m/%Y %H:%M}"
            case Column.SUBMITTER:
                return r.submitter_name
            case Column.TITLE:
                return r.title
            case Column.CHANNEL:
                return CHANNEL_LABELS.get(Channel(r.channel), r.channel)
            case Column.UNIT:
                return r.unit_name
            case Column.OFFICIAL:
                return r.official_name
            case Column.STATE:
                return r.state.label
            case Column.DEADLINE:
                mark = STATUS_MARKS[r.status]
                when = day_text(r.next_due) if r.next_due else ""
                return f"{mark} {r.status_text}" + (f" · {when}" if when else "")
            case Column.DAYS_LEFT:
                return days_left_words(r.days_left)
        return ""
