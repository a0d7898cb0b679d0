"""Publishing answers on the office's website: the head marks answered PAKN for publication,
and the marked ones of a period are exported as one static HTML page (with a search box in
plain JavaScript, nothing loaded from the network) and as JSON. Title, content and answer pass
through the personal-data gate first; the submitter's name and contact details are never
published. Re-exporting replaces the previous files, each written whole before it replaces the
old one."""

from __future__ import annotations

import html
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from pakn_desktop.domain.clock import vn_now
from pakn_desktop.domain.codes import normalize_case_code
from pakn_desktop.domain.enums import CaseState
from pakn_desktop.domain.errors import InvalidCode, NotFound, PaknError
from pakn_desktop.domain.history import EventAction
from pakn_desktop.domain.permissions import Permission as P
from pakn_desktop.domain.personal_data import FALLBACK_PLACEHOLDER, PLACEHOLDERS, gate_findings
from pakn_desktop.domain.personal_data import public_text as gate
from pakn_desktop.domain.text import fold
from pakn_desktop.store.db import Database
from pakn_desktop.store.models import Case, Publication, Unit

from .accounts import Guard
from .history import record_event
from .office import OfficeService
from .public_gate import REVIEW_ACTION, clean_words, known_of, office_keep, review_of
from .views import Actor

HTML_NAME = "pakn-cong-khai.html"
JSON_NAME = "pakn-cong-khai.json"
_ANSWERED = (CaseState.ANSWERED.value, CaseState.CLOSED.value)


def public_text(
    text: str,
    known: Mapping[str, Iterable[str]] | None = None,
    *,
    keep: Iterable[str] = (),
    mask: Iterable[str] = (),
) -> str:
    """Text as it may be published: the domain's one public gate."""
    return gate(text, known, keep=keep, mask=mask)


@dataclass(frozen=True)
class MaskedSpan:
    start: int
    end: int
    kind: str
    text: str


@dataclass(frozen=True)
class ReviewField:
    """One published text of a case: as written, as published, and what was masked
    (offsets in ``original``)."""

    key: str  # "title", "content", "answer"
    label: str
    original: str
    public: str
    masked: tuple[MaskedSpan, ...]


@dataclass(frozen=True)
class PublishReview:
    code: str
    fields: tuple[ReviewField, ...]
    mask: tuple[str, ...]  # masked by hand
    keep: tuple[str, ...]  # restored by hand
    reviewed_by: str  # who recorded the review in force ("" if none)


# What a masked part reads as in the public text.
PLACEHOLDER_TEXTS = tuple(sorted({*PLACEHOLDERS.values(), FALLBACK_PLACEHOLDER}))
REVIEW_FIELDS = (("title", "Tiêu đề"), ("content", "Nội dung"), ("answer", "Trả lời"))


@dataclass(frozen=True)
class PublishRow:
    code: str
    title: str
    answered_on: date
    marked: bool


@dataclass(frozen=True)
class PublicItem:
    code: str
    portal_code: str
    title: str
    content: str
    answer: str
    received_on: str  # dd/mm/yyyy
    answered_on: str
    agency: str
    unit: str
    topic: str


@dataclass(frozen=True)
class PublishResult:
    html_path: Path
    json_path: Path
    count: int


class PublishService:
    def __init__(
        self,
        db: Database,
        office: OfficeService,
        now: Callable[[], datetime] = vn_now,
        guard: Guard | None = None,
    ) -> None:
        self._db = db
        self._office = office
        self._now = now
        self.guard = guard or Guard(db, now)

    # --- marking -----------------------------------------------------------------------------
    def mark(self, code: str, actor: Actor) -> None:
        """The head marks an answered PAKN for publication on the office's website."""
        self._set(code, actor, True)

    def unmark(self, code: str, actor: Actor) -> None:
        self._set(code, actor, False)

    def _set(self, code: str, actor: Actor, on: bool) -> None:
        actor = self.guard.require(actor, P.PUBLISH_ON_WEBSITE)
        with self._db.write() as s:
            case = _load(s, code)
            pub = s.get(Publication, case.id)
            if on:
                if case.state not in _ANSWERED or not case.answer_text.strip():
                    raise PaknError(
                        f"PAKN {case.code} chưa có câu trả lời; chỉ công khai PAKN đã trả lời."
                    )
                if pub is not None:
                    raise PaknError(f"PAKN {case.code} đã được chọn để công khai.")
                s.add(Publication(case_id=case.id, marked_by=actor.name, marked_at=self._now()))
                summary = "Lãnh đạo chọn công khai câu trả lời trên trang thông tin của cơ quan."
            else:
                if pub is None:
                    raise PaknError(f"PAKN {case.code} chưa được chọn để công khai.")
                s.delete(pub)
                summary = "Lãnh đạo bỏ chọn công khai câu trả lời (lần xuất sau sẽ không có)."
            record_event(
                s,
                case,
                actor,
                EventAction.PUBLISH_MARK if on else EventAction.PUBLISH_UNMARK,
                summary,
                at=self._now(),
                changes={},
            )

    # --- the review before publishing --------------------------------------------------------
    def review(
        self,
        code: str,
        actor: Actor,
        *,
        mask: Iterable[str] | None = None,
        keep: Iterable[str] | None = None,
    ) -> PublishReview:
        """What will be published for the case, side by side with what was written: the
        review recorded in force, or (``mask``/``keep`` given) the one being edited."""
        self.guard.require(actor, P.PUBLISH_ON_WEBSITE)
        with self._db.read() as s:
            case = _load(s, code)
            if case.state not in _ANSWERED or not case.answer_text.strip():
                raise PaknError(
                    f"PAKN {case.code} chưa có câu trả lời; chỉ công khai PAKN đã trả lời."
                )
            stored = review_of(s, case.id)
            words_mask = stored.mask if mask is None else clean_words(mask)
            words_keep = stored.keep if keep is None else clean_words(keep)
            office = office_keep(s)
            sub = case.submitter
            known = known_of(sub.name, sub.address, sub.phone, sub.email)
            texts = {"title": case.title, "content": case.content, "answer": case.answer_text}
            fields = []
            for key, label in REVIEW_FIELDS:
                text = texts[key] or ""
                all_keep = (*office, *words_keep)
                found = gate_findings(text, known, keep=all_keep, mask=words_mask)
                fields.append(
                    ReviewField(
                        key,
                        label,
                        text,
                        public_text(text, known, keep=all_keep, mask=words_mask),
                        tuple(MaskedSpan(f.start, f.end, f.kind, f.text) for f in found),
                    )
                )
            return PublishReview(case.code, tuple(fields), words_mask, words_keep, stored.by)

    def save_review(
        self, code: str, actor: Actor, *, mask: Iterable[str], keep: Iterable[str]
    ) -> PublishReview:
        """Record the person's choice (words masked by hand, words restored) in the case's
        history; every later export applies it."""
        actor = self.guard.require(actor, P.PUBLISH_ON_WEBSITE)
        words_mask, words_keep = clean_words(mask), clean_words(keep)
        with self._db.write() as s:
            case = _load(s, code)
            before = review_of(s, case.id)
            if (before.mask, before.keep) != (words_mask, words_keep):
                record_event(
                    s,
                    case,
                    actor,
                    REVIEW_ACTION,
                    (
                        "Xem lại phần che thông tin cá nhân trước khi công khai: che thêm "
                        f"{len(words_mask)} cụm từ, bỏ che {len(words_keep)} cụm từ."
                    ),
                    at=self._now(),
                    changes={"mask": list(words_mask), "keep": list(words_keep)},
                )
        return self.review(code, actor)

    def answered(self, start: date, end: date, actor: Actor) -> list[PublishRow]:
        """Answered PAKN of a period, with whether each is marked for publication."""
        self.guard.require(actor, P.PUBLISH_ON_WEBSITE, P.VIEW_CASES)
        if end < start:
            raise PaknError("Ngày kết thúc phải sau ngày bắt đầu.")
        with self._db.read() as s:
            rows = s.execute(
                select(Case.code, Case.title, Case.answered_on, Publication.case_id)
                .outerjoin(Publication, Publication.case_id == Case.id)
                .where(
                    Case.state.in_(_ANSWERED),
                    Case.answered_on.is_not(None),
                    Case.answered_on >= start,
                    Case.answered_on <= end,
                )
                .order_by(Case.answered_on, Case.id)
            ).all()
        return [PublishRow(r[0], r[1], r[2], r[3] is not None) for r in rows if r[2] is not None]

    # --- export ------------------------------------------------------------------------------
    def items(
        self, actor: Actor, start: date | None = None, end: date | None = None
    ) -> list[PublicItem]:
        """The marked PAKN (answered in [start, end] when given), as they will be published."""
        self.guard.require(actor, P.PUBLISH_ON_WEBSITE)
        return self._items(start, end)

    def _items(self, start: date | None, end: date | None) -> list[PublicItem]:
        agency = self._office.details().agency_short
        conds: list[ColumnElement[bool]] = [
            Case.state.in_(_ANSWERED),
            Case.answered_on.is_not(None),
        ]
        if start is not None:
            conds.append(Case.answered_on >= start)
        if end is not None:
            conds.append(Case.answered_on <= end)
        with self._db.read() as s:
            rows = s.execute(
                select(Case, Unit.name)
                .join(Publication, Publication.case_id == Case.id)
                .outerjoin(Unit, Unit.id == Case.unit_id)
                .where(and_(*conds))
                .order_by(Case.answered_on.desc(), Case.id.desc())
            ).all()
            out = []
            office = office_keep(s)
            for case, unit in rows:
                assert case.answered_on is not None
                sub = case.submitter
                # The person's own name and contacts are masked wherever the text repeats them;
                # the office's own contacts stay; the review before publishing is applied.
                known = known_of(sub.name, sub.address, sub.phone, sub.email)
                review = review_of(s, case.id)
                keep, mask = (*office, *review.keep), review.mask
                out.append(
                    PublicItem(
                        code=case.code,
                        portal_code=case.portal_code,
                        title=public_text(case.title, known, keep=keep, mask=mask),
                        content=public_text(case.content, known, keep=keep, mask=mask),
                        answer=public_text(case.answer_text, known, keep=keep, mask=mask),
                        received_on=f"{case.received_at:%d/%m/%Y}",
                        answered_on=f"{case.answered_on:%d/%m/%Y}",
                        agency=agency,
                        unit=unit or "",
                        topic=case.topic,
                    )
                )
        return out

    def export(
        self, folder: Path, start: date | None = None, end: date | None = None, *, actor: Actor
    ) -> PublishResult:
        """Write (or replace) the HTML page and the JSON file in ``folder``."""
        self.guard.require(actor, P.PUBLISH_ON_WEBSITE)
        if start is not None and end is not None and end < start:
            raise PaknError("Ngày kết thúc phải sau ngày bắt đầu.")
        folder = Path(folder)
        if not folder.is_dir():
            raise PaknError(f"Không tìm thấy thư mục «{folder}».")
        items = self._items(start, end)
        agency = self._office.details().agency_short
        period = ""
        if start is not None and end is not None:
            period = f"từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}"
        generated = self._now()
        data = {
            "agency": agency,
            "period": period,
            "generated_at": generated.isoformat(timespec="seconds"),
            "count": len(items),
            "items": [asdict(i) for i in items],
        }
        json_text = json.dumps(data, ensure_ascii=False, indent=1)
        page = render_page(items, agency, period, generated)
        html_path, json_path = folder / HTML_NAME, folder / JSON_NAME
        _write_whole(json_path, json_text)
        _write_whole(html_path, page)
        return PublishResult(html_path, json_path, len(items))


def _load(s: Session, code: str) -> Case:
    try:
        norm = normalize_case_code(code)
    except InvalidCode:
        raise NotFound(f"Không tìm thấy PAKN có mã «{code.strip()[:40]}».") from None
    case = s.scalar(select(Case).where(Case.code == norm))
    if case is None:
        raise NotFound(f"Không tìm thấy PAKN có mã «{norm}».")
    return case


def _write_whole(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".pakn-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


_SCRIPT = """
(function () {
  var box = document.getElementById("q");
  var items = Array.prototype.slice.call(document.querySelectorAll("article"));
  var shown = document.getElementById("shown");
  function fold(s) {
    return s.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "")
      .replace(/\\u0111/g, "d").replace(/\\u0110/g, "d").toLowerCase()
      .replace(/\\s+/g, " ").trim();
  }
  function filter() {
    var terms = fold(box.value).split(" ").filter(function (t) { return t; });
    var n = 0;
    items.forEach(function (a) {
      var text = a.getAttribute("data-search");
      var ok = terms.every(function (t) { return text.indexOf(t) >= 0; });
      a.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = n;
  }
  box.addEventListener("input", filter);
  filter();
})();
"""

_STYLE = """
body{font-family:"Times New Roman",serif;max-width:60rem;margin:1rem auto;padding:0 1rem;
color:#111;line-height:1.45}
h1{font-size:1.4rem;text-transform:uppercase;text-align:center}
.meta{color:#555;font-size:.9rem}
input{width:100%;font-size:1.1rem;padding:.4rem;box-sizing:border-box}
article{border-top:1px solid #ccc;padding:.6rem 0}
article h2{font-size:1.1rem;margin:.2rem 0}
.label{font-weight:bold}
.text{white-space:pre-wrap}
"""


def render_page(items: list[PublicItem], agency: str, period: str, generated: datetime) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Kết quả trả lời phản ánh, kiến nghị - {e(agency)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>Kết quả trả lời phản ánh, kiến nghị</h1><p class='meta'>{e(agency)}"
        + (f", {e(period)}" if period else "")
        + f". Cập nhật lúc {generated:%H:%M ngày %d/%m/%Y}.</p>",
        '<label for="q" class="label">Tìm kiếm (mã, tiêu đề, nội dung):</label>',
        '<input id="q" type="search" autocomplete="off">',
        f"<p class='meta'>Đang hiện <span id='shown'>{len(items)}</span> / {len(items)} PAKN.</p>",
    ]
    for i in items:
        search = fold(" ".join((i.code, i.portal_code, i.title, i.content, i.answer, i.topic)))
        parts.append(
            f'<article data-search="{e(search)}">'
            f"<h2>{e(i.title)}</h2>"
            f"<p class='meta'>Mã PAKN: {e(i.code)}"
            + (f" (mã trên Cổng: {e(i.portal_code)})" if i.portal_code else "")
            + f" · Ngày tiếp nhận: {e(i.received_on)} · Ngày trả lời: {e(i.answered_on)}"
            + f" · Cơ quan trả lời: {e(i.agency)}"
            + (f" ({e(i.unit)})" if i.unit else "")
            + "</p>"
            f"<p><span class='label'>Nội dung:</span></p><p class='text'>{e(i.content)}</p>"
            f"<p><span class='label'>Trả lời:</span></p><p class='text'>{e(i.answer)}</p>"
            "</article>"
        )
    if not items:
        parts.append("<p>Chưa có PAKN nào được công khai.</p>")
    parts.append(f"<script>{_SCRIPT}</script></body></html>")
    return "\n".join(parts) + "\n"
