"""Today's provinces and communes (two-tier local government from 1 July 2025: 34 provinces,
then xã, phường and đặc khu; no district level), for addresses typed at intake and the
office's own province.

The lists are the ``vietnam-provinces`` package's data (34 provinces, 3,321 communes). Typed text
matches with or without diacritics (``text.fold``). The package keeps no old names: an old
province name is mapped through ``reorganisation.MERGED_PROVINCES`` (Nghị quyết 202/2025/QH15)
and the person is told so; an old district (huyện, quận, thị xã, thành phố thuộc tỉnh) is gone
and its territory split among today's communes, so the person is asked to choose one (the
communes of the same name first)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from .reorganisation import MERGED_PROVINCES
from .text import fold


@dataclass(frozen=True)
class Province:
    code: int
    name: str  # as it is written after its type: "Quảng Ngãi", "Hà Nội"
    city: bool  # thành phố trực thuộc trung ương

    @property
    def kind(self) -> str:
        return "thành phố" if self.city else "tỉnh"

    @property
    def full_name(self) -> str:
        """ "tỉnh Quảng Ngãi", "thành phố Hà Nội" (lower case inside a sentence)."""
        return f"{self.kind} {self.name}"

    @property
    def title(self) -> str:
        """ "Tỉnh Quảng Ngãi", "Thành phố Hà Nội": the name in a list."""
        return self.full_name[0].upper() + self.full_name[1:]


@dataclass(frozen=True)
class Commune:
    code: int
    name: str  # with its type, as the package writes it: "Xã Sơn Hà", "Phường Cẩm Thành"
    province_code: int

    @property
    def full_name(self) -> str:
        """ "xã Sơn Hà" (lower case inside a sentence)."""
        return self.name[0].lower() + self.name[1:]


@dataclass(frozen=True)
class PlaceMatch:
    """What a typed name means: one unit (``found``), with ``note`` when an old name was
    mapped; or the ``choices`` to ask about (empty when nothing is near), with ``note``
    saying why the person must choose."""

    found: Province | Commune | None = None
    choices: tuple[Province | Commune, ...] = field(default=())
    note: str = ""


_CITY_PREFIX = "Thành phố "
_PROVINCE_TYPE = re.compile(r"^(?:tinh|thanh pho|tp)\b\.?\s*")
_COMMUNE_TYPE = re.compile(r"^(?:xa|phuong|dac khu|thi tran|p|x|tt)\b\.?\s*")
_DISTRICT_TYPE = re.compile(r"^(?:huyen|quan|thi xa|thanh pho|tp|h|q|tx)\b\.?\s*")
_DISTRICT_WORD = {
    "huyen": "Huyện",
    "h": "Huyện",
    "quan": "Quận",
    "q": "Quận",
    "thi xa": "Thị xã",
    "tx": "Thị xã",
    "thanh pho": "Thành phố",
    "tp": "Thành phố",
}
_PUNCT = re.compile(r"[^\w\s]+")


def _key(text: str) -> str:
    """Folded, punctuation as spaces: "Bà Rịa - Vũng Tàu" -> "ba ria vung tau"."""
    return " ".join(_PUNCT.sub(" ", fold(text)).split())


def _vn_sort(name: str) -> tuple[str, str]:
    return (fold(name), name)


def _divisions_file() -> Path:
    """The package's own data file, found without importing the package: its ``__init__``
    builds enums of every code, a quarter of a second at each start of the window; the file
    reads in a fortieth of that."""
    spec = find_spec("vietnam_provinces")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "data" / "nested-divisions.json"
        if path.is_file():
            return path
    from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

    return Path(NESTED_DIVISIONS_JSON_PATH)


@cache
def _divisions() -> list[dict[str, Any]]:
    with _divisions_file().open(encoding="utf-8") as fh:
        data: list[dict[str, Any]] = json.load(fh)
    return data


@cache
def provinces() -> tuple[Province, ...]:
    """The 34 provinces, sorted by name the way a Vietnamese reader looks for them."""
    out = []
    for p in _divisions():
        city = p["division_type"] == "thành phố trung ương"
        name = str(p["name"])
        name = name.removeprefix(_CITY_PREFIX) if city else name
        out.append(Province(int(p["code"]), name, city))
    return tuple(sorted(out, key=lambda p: _vn_sort(p.name)))


@cache
def _provinces_by_code() -> dict[int, Province]:
    return {p.code: p for p in provinces()}


@cache
def _communes_of(province_code: int) -> tuple[Commune, ...]:
    # Per province, when first asked: folding and sorting all 3,321 names costs 70 ms.
    for p in _divisions():
        if int(p["code"]) == province_code:
            found = [Commune(int(w["code"]), str(w["name"]), province_code) for w in p["wards"]]
            return tuple(sorted(found, key=lambda c: _vn_sort(_core(c.name))))
    return ()


@cache
def _communes_by_code() -> dict[int, Commune]:
    return {
        int(w["code"]): Commune(int(w["code"]), str(w["name"]), int(p["code"]))
        for p in _divisions()
        for w in p["wards"]
    }


def province(code: int | str | None) -> Province | None:
    """The province of that code (an int, or its text as stored in a form), or None."""
    try:
        return _provinces_by_code().get(int(code)) if code not in (None, "") else None  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def commune(code: int | str | None) -> Commune | None:
    try:
        return _communes_by_code().get(int(code)) if code not in (None, "") else None  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def communes(province_code: int | str | None) -> tuple[Commune, ...]:
    """Today's communes (xã, phường, đặc khu) of a province, by name; () for no province."""
    p = province(province_code)
    return _communes_of(p.code) if p else ()


@cache
def _commune_keys(province_code: int) -> frozenset[str]:
    return frozenset(_key(c.name) for c in communes(province_code))


def _core(name: str) -> str:
    """A commune's name without its type, folded: "Phường Cẩm Thành" -> "cam thanh"."""
    return _COMMUNE_TYPE.sub("", _key(name), count=1)


def _province_core(text: str) -> str:
    return _PROVINCE_TYPE.sub("", _key(text), count=1)


@cache
def _province_keys() -> dict[str, Province]:
    keys: dict[str, Province] = {}
    for p in provinces():
        keys[_key(p.name)] = p
        keys[_key(p.name).replace(" ", "")] = p
    hcm = _provinces_by_code()[79]
    keys["hcm"] = keys["tphcm"] = keys["sai gon"] = hcm
    keys["thua thien hue"] = _provinces_by_code()[46]
    return keys


@cache
def _old_province_keys() -> dict[str, tuple[str, Province]]:
    today = {_key(p.name): p for p in provinces()}
    out: dict[str, tuple[str, Province]] = {}
    for old, new in MERGED_PROVINCES.items():
        out[_key(old)] = (old, today[_key(new)])
        out[_key(old).replace(" ", "")] = (old, today[_key(new)])
    return out


@cache
def _province_search_keys() -> tuple[tuple[Province, str, str], ...]:
    """Each province with its folded name, with and without spaces (computed once)."""
    return tuple((p, _key(p.name), _key(p.name).replace(" ", "")) for p in provinces())


def _words_start(name_key: str, typed: str) -> bool:
    """Each typed word starts a word of the name, in order ("q ngai" finds "quang ngai")."""
    words = name_key.split()
    i = 0
    for t in typed.split():
        while i < len(words) and not words[i].startswith(t):
            i += 1
        if i == len(words):
            return False
        i += 1
    return True


def search_provinces(text: str) -> list[Province]:
    """Provinces for a completer: those whose name holds what was typed (any diacritics),
    those starting with it first; an old province's name gives the province it is part of.
    Every province for empty text."""
    typed = _province_core(text)
    if not typed:
        return list(provinces())
    starts, inside = [], []
    squeezed = typed.replace(" ", "")
    for p, k, k_squeezed in _province_search_keys():
        if k.startswith(typed) or k_squeezed.startswith(squeezed):
            starts.append(p)
        elif _words_start(k, typed):
            inside.append(p)
    for old_key, (_old, p) in _old_province_keys().items():
        if old_key.startswith(typed) and p not in starts and p not in inside:
            inside.append(p)
    return starts + inside


def province_choices(text: str) -> list[tuple[str, Province]]:
    """``search_provinces`` as a list shows it: a province found through an old province's
    name says so ("Đà Nẵng (gồm tỉnh Quảng Nam cũ)")."""
    typed = _province_core(text)
    out = []
    for p in search_provinces(text):
        k = _key(p.name)
        direct = not typed or (
            k.startswith(typed)
            or k.replace(" ", "").startswith(typed.replace(" ", ""))
            or _words_start(k, typed)
        )
        if direct:
            out.append((p.name, p))
            continue
        olds = [o for o, n in MERGED_PROVINCES.items() if _key(o).startswith(typed)]
        olds = [o for o in olds if _old_province_keys()[_key(o)][1] == p]
        out.append((f"{p.name} (gồm tỉnh {', '.join(olds)} cũ)" if olds else p.name, p))
    return out


def match_province(text: str) -> PlaceMatch:
    """What a typed province name means today. An old province (merged on 1 July 2025) is
    mapped, with a note to tell the person."""
    typed = _province_core(text)
    if not typed:
        return PlaceMatch()
    if (p := _province_keys().get(typed)) is not None:
        return PlaceMatch(p)
    if (old := _old_province_keys().get(typed)) is not None:
        name, p = old
        return PlaceMatch(
            p, note=f"Tỉnh {name} nay thuộc {p.full_name} (sắp xếp từ ngày 01/7/2025)."
        )
    choices = tuple(search_provinces(text))
    if len(choices) == 1:
        return PlaceMatch(choices[0])
    if choices:
        return PlaceMatch(
            choices=choices, note=f"«{text.strip()}» khớp nhiều tỉnh, thành phố; vui lòng chọn."
        )
    return PlaceMatch(
        note=f"Không có tỉnh, thành phố «{text.strip()}» trong danh sách 34 tỉnh, thành phố "
        "hiện nay; vui lòng chọn trong danh sách."
    )


def search_communes(province_code: int | str | None, text: str) -> list[Commune]:
    """A province's communes for a completer, matching what was typed with or without
    diacritics and with or without its type ("xã", "phường"); names starting with it first."""
    all_ = communes(province_code)
    typed = _key(text)
    if not typed:
        return list(all_)
    core = _COMMUNE_TYPE.sub("", typed, count=1) or typed
    starts, inside = [], []
    for c in all_:
        k = _core(c.name)
        full = _key(c.name)
        if k.startswith(core) or full.startswith(typed):
            starts.append(c)
        elif _words_start(k, core):
            inside.append(c)
    return starts + inside


def match_commune(province_code: int | str | None, text: str) -> PlaceMatch:
    """What a typed commune name means in a province today. An old district's name is not a
    commune: the person is told it is gone and asked to choose among today's communes (those
    of the same name first)."""
    p = province(province_code)
    typed = _key(text)
    if not typed:
        return PlaceMatch()
    if p is None:
        return PlaceMatch(note="Vui lòng chọn tỉnh, thành phố trước khi chọn xã, phường.")
    all_ = communes(p.code)
    exact = [c for c in all_ if _key(c.name) == typed]
    if len(exact) == 1:
        return PlaceMatch(exact[0])
    # Written with its diacritics, a name is exact even where folding joins two ("Sơn Hà",
    # "Sơn Hạ").
    written = " ".join(text.lower().split())
    same_marks = [c for c in all_ if written in (c.name.lower(), c.name.lower().split(" ", 1)[1])]
    if len(same_marks) == 1:
        return PlaceMatch(same_marks[0])
    core = _COMMUNE_TYPE.sub("", typed, count=1)
    if core == typed or not core:  # typed without its type: "son ha"
        same = [c for c in all_ if _core(c.name) == typed]
        if len(same) == 1:
            return PlaceMatch(same[0])
        if same:
            return PlaceMatch(
                choices=tuple(same),
                note=f"Có {len(same)} đơn vị cấp xã tên «{text.strip()}» ở {p.full_name}; "
                "vui lòng chọn.",
            )
    district = _DISTRICT_TYPE.match(typed)
    if district and core == typed:
        word = _DISTRICT_WORD[district.group(0).strip(" .")]
        rest = typed[district.end() :]
        named = tuple(c for c in all_ if _core(c.name) == rest)
        # Its name as the one commune of that name today writes it (with its diacritics),
        # else as typed ("Ba To" is both Ba Tô and Ba Tơ).
        shown = " ".join(w.capitalize() for w in text.strip().split()[len(word.split()) :])
        one = named[0].name.split(" ", 1)[1] if len(named) == 1 else ""
        rest_text = one or shown or rest
        note = (
            f"{word} {rest_text} không còn từ ngày 01/7/2025 (chính quyền địa phương hai cấp); "
            f"địa bàn của {word.lower()} nay thuộc một số xã, phường của {p.full_name}: "
            "vui lòng chọn xã, phường hiện nay."
        )
        return PlaceMatch(choices=named or all_, note=note)
    choices = tuple(search_communes(p.code, text))
    if len(choices) == 1:
        return PlaceMatch(choices[0])
    if choices:
        return PlaceMatch(
            choices=choices, note=f"«{text.strip()}» khớp nhiều xã, phường; vui lòng chọn."
        )
    return PlaceMatch(
        note=f"Không có xã, phường «{text.strip()}» ở {p.full_name} hiện nay; "
        "vui lòng chọn trong danh sách."
    )


# --- whole addresses ----------------------------------------------------------------------
def address_text(
    street: str, commune_code: int | str | None, province_code: int | str | None
) -> str:
    """The address as letters write it: "Thôn 1, xã Sơn Hà, tỉnh Quảng Ngãi"."""
    parts = [" ".join(street.split()).strip(" ,")]
    c, p = commune(commune_code), province(province_code)
    if c is not None:
        parts.append(c.full_name)
    if p is not None:
        parts.append(p.full_name)
    return ", ".join(x for x in parts if x)


def street_part(
    address: str, commune_code: int | str | None, province_code: int | str | None
) -> str:
    """The free part of an address written by ``address_text`` (or located by ``locate``):
    the address without its trailing commune and province."""
    parts = [x.strip() for x in address.split(",")]
    c, p = commune(commune_code), province(province_code)
    if p is not None and parts and match_province(parts[-1]).found == p:
        parts.pop()
    if c is not None and parts and _key(parts[-1]) in (_key(c.name), _core(c.name)):
        parts.pop()
    elif c is not None and p is not None and parts and _key(parts[-1]) in _commune_keys(p.code):
        parts.pop()  # the commune written before a correction chose another
    return ", ".join(x for x in parts if x)


@dataclass(frozen=True)
class Located:
    province_code: int | None = None
    commune_code: int | None = None
    street: str = ""


def locate(address: str) -> Located:
    """Today's province and commune named at the end of a free-text address (an import, the
    demo), where the text names them exactly: "Tổ 3, phường Cẩm Thành, tỉnh Quảng Ngãi", or an
    old province's name ("…, Kon Tum") for its province today. No guessing: a commune is
    taken only when its name is the part before the province and exists there today."""
    parts = [x.strip() for x in (address or "").split(",") if x.strip()]
    if not parts:
        return Located()
    # Only a last part that is exactly a province's name (today's or an old one) is taken:
    # asked first, it spares the search of a part that is not ("phường Kon Tum").
    if not _is_province_name(parts[-1]):
        return Located(street=address.strip())
    m = match_province(parts[-1])
    if not isinstance(m.found, Province):
        return Located(street=address.strip())
    p = m.found
    parts.pop()
    commune_code = None
    if parts:
        cm = match_commune(p.code, parts[-1])
        if (
            isinstance(cm.found, Commune)
            and not cm.note
            and _key(parts[-1])
            in (
                _key(cm.found.name),
                _core(cm.found.name),
            )
        ):
            commune_code = cm.found.code
            parts.pop()
    return Located(p.code, commune_code, ", ".join(parts))


def structured(
    address: str, province_code: int | str | None, commune_code: int | str | None
) -> tuple[str, int | None, int | None]:
    """The address to store and its codes, from an intake: with a province chosen, the
    address written from the free part (a trailing commune or province typed again there is
    not repeated) and the chosen codes; without, the text as typed and the codes ``locate``
    finds in it (an import's or the demo's address that names today's units exactly)."""
    p = province(province_code)
    if p is None:
        loc = locate(address)
        return address.strip(), loc.province_code, loc.commune_code
    c = commune(commune_code)
    c = c if c is not None and c.province_code == p.code else None
    if c is None:
        # A commune written in the free part ("Thôn 2, xã Sơn Hà") is the chosen province's.
        loc = locate(address_text(street_part(address, None, p.code), None, p.code))
        c = commune(loc.commune_code)
    street = street_part(address, c.code if c else None, p.code)
    return address_text(street, c.code if c else None, p.code), p.code, c.code if c else None


_GOVERNING = re.compile(
    r"^(?:ubnd |uy ban nhan dan |hdnd |hoi dong nhan dan )?(?=tinh |thanh pho |tp )"
)


def province_named(texts: Iterable[str]) -> Province | None:
    """The province an office's settings name (its governing body "UBND TỈNH QUẢNG NGÃI", or
    its place name "Quảng Ngãi"), an old province's name giving today's; None if none does."""
    for text in texts:
        key = _GOVERNING.sub("", _key(text or ""), count=1)
        if key and _is_province_name(key):
            found = match_province(key).found
            if isinstance(found, Province):
                return found
    return None


def _is_province_name(text: str) -> bool:
    typed = _province_core(text)
    return typed in _province_keys() or typed in _old_province_keys()


def place_labels(items: Iterable[Province | Commune]) -> list[str]:
    """How a list shows them: "Quảng Ngãi", "Xã Sơn Hà"."""
    return [i.name for i in items]


__all__ = [
    "Commune",
    "Located",
    "PlaceMatch",
    "Province",
    "address_text",
    "commune",
    "communes",
    "locate",
    "match_commune",
    "match_province",
    "place_labels",
    "province",
    "province_choices",
    "province_named",
    "provinces",
    "search_communes",
    "search_provinces",
    "street_part",
    "structured",
]
