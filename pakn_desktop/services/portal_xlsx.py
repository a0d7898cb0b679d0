"""The cell values of an xlsx sheet, read as openpyxl reads them (``load_workbook(read_only=True,
data_only=True)`` then ``iter_rows(values_only=True)``) at a fraction of its cost.

openpyxl builds an object for each inline string and, for a sheet without a ``<dimension>``
(workbooks written by openpyxl's write-only mode, by many web systems), parses the whole
sheet once more when the workbook opens: reading a 20,000-row portal list took a quarter of
its import. Here openpyxl still reads the workbook's parts (sheets, shared strings, styles,
date system) and only the sheet's rows are parsed, with expat, with openpyxl's own rules for
each cell (numbers, dates by their style, booleans, shared and inline strings, errors) and
for the rows' shape (missing rows and cells, the sheet's dimension). ``Workbook`` gives up
(``Unsupported``) where a workbook holds something these rules do not cover (a chart sheet),
and the caller then reads it with openpyxl itself."""

from __future__ import annotations

import contextlib
import io
import warnings
import xml.parsers.expat
from collections.abc import Iterator
from typing import Any

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SEP = "\x01"
_ROW, _C, _V, _IS, _T, _R, _RPH = (
    f"{_NS}{_SEP}{n}" for n in ("row", "c", "v", "is", "t", "r", "rPh")
)
_DIMENSION, _SHEET_DATA = f"{_NS}{_SEP}dimension", f"{_NS}{_SEP}sheetData"


class Unsupported(Exception):
    """The workbook holds something read here differently from openpyxl: read it there."""


class _Enough(Exception):
    """The rows asked for are read: the rest of the sheet is not parsed."""


class Workbook:
    """An xlsx workbook's sheet names and, sheet by sheet, its rows of cell values."""

    def __init__(self, data: bytes) -> None:
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.styles.stylesheet import apply_stylesheet

        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
        # ExcelReader.read() less its last steps: the worksheets are not opened (each one
        # opened costs a parse of its rows when it has no <dimension>).
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        reader.read_properties()
        reader.read_custom()
        reader.read_theme()
        apply_stylesheet(reader.archive, reader.wb)
        self._archive = reader.archive
        self._strings: list[str] = reader.shared_strings
        wb = reader.wb
        self._dates: Any = wb._date_formats
        self._durations: Any = wb._timedelta_formats
        self._epoch = wb.epoch
        self._columns: dict[str, int] = {}
        self.sheetnames: list[str] = []
        self._paths: list[str] = []
        for sheet, rel in reader.parser.find_sheets():
            if rel.target not in reader.valid_files:
                continue
            if "chartsheet" in rel.Type:
                raise Unsupported("chart sheet")
            self.sheetnames.append(sheet.name)
            self._paths.append(rel.target)

    def close(self) -> None:
        self._archive.close()

    def rows(self, index: int, max_row: int | None = None) -> Iterator[tuple[Any, ...] | list[Any]]:
        """The values of sheet ``index``'s rows, as ``iter_rows(max_row=max_row,
        values_only=True)`` gives them on openpyxl's read-only sheet."""
        parsed, dimension = self._parse(self._paths[index], max_row)
        max_col = None
        if max_row is None and dimension is not None:
            max_row = dimension[3]
        if dimension is not None:
            max_col = dimension[2]
        # openpyxl's ReadOnlyWorksheet._cells_by_row and _get_row, for values only.
        empty_row: tuple[Any, ...] | list[Any] = []
        if max_col is not None:
            empty_row = (None,) * max_col
        counter = 1
        idx = 1
        for idx, cells in parsed:
            if max_row is not None and idx > max_row:
                break
            for _ in range(counter, idx):
                counter += 1
                yield empty_row
            if counter <= idx:
                counter += 1
                if not cells and not max_col:
                    yield ()
                    continue
                width = max_col or cells[-1][0]
                row: list[Any] = [None] * width
                for column, value in cells:
                    if 1 <= column <= width:
                        row[column - 1] = value
                yield tuple(row)
        if max_row is not None and max_row < idx:
            for _ in range(counter, max_row + 1):
                yield empty_row

    def _parse(
        self, path: str, max_row: int | None
    ) -> tuple[list[tuple[int, list[tuple[int, Any]]]], tuple[Any, ...] | None]:
        """(row number, [(column, value)]) of each row element, and the sheet's dimension
        when it comes before its data (as openpyxl's parse_dimensions finds it)."""
        from openpyxl.utils.cell import range_boundaries

        rows: list[tuple[int, list[tuple[int, Any]]]] = []
        dimension: tuple[Any, ...] | None = None
        in_data = False
        row_no = 0
        col_no = 0
        cells: list[tuple[int, Any]] = []
        in_cell = False
        c_type = "n"
        c_ref: str | None = None
        c_style: Any = 0
        has_is = False
        v_text: str | None = None
        plain: str | None = None
        runs: list[str] = []
        where: list[str] = []  # the open elements inside the cell
        text: list[str] = []
        column = self._column

        def start(name: str, attrs: dict[str, str]) -> None:
            nonlocal in_cell, c_type, c_ref, c_style, has_is, v_text, plain
            nonlocal row_no, col_no, cells, in_data, dimension
            if in_cell:
                where.append(name)
                if name in (_V, _T):
                    text.clear()
                elif name == _IS and len(where) == 1:
                    has_is = True
            elif name == _C:
                in_cell = True
                c_type = attrs.get("t", "n")
                c_ref = attrs.get("r")
                c_style = attrs.get("s", 0)
                has_is = False
                v_text = plain = None
                runs.clear()
            elif name == _ROW:
                r = attrs.get("r")
                if r is not None:
                    try:
                        row_no = int(r)
                    except ValueError:
                        val = float(r)
                        if not val.is_integer():
                            raise ValueError(f"{r} is not a valid row number") from None
                        row_no = int(val)
                else:
                    row_no += 1
                col_no = 0
                cells = []
            elif name == _SHEET_DATA:
                in_data = True
            elif name == _DIMENSION and not in_data:
                dimension = range_boundaries(attrs["ref"])

        def end(name: str) -> None:
            nonlocal in_cell, v_text, plain, col_no
            if in_cell:
                if where:
                    where.pop()
                    if name == _V:
                        if not where and v_text is None:
                            v_text = "".join(text)  # findtext: the cell's first <v>
                    elif name == _T and where:
                        parent = where[-1]
                        if parent == _IS and len(where) == 1:
                            plain = "".join(text)
                        elif parent == _R and len(where) == 2 and where[0] == _IS:
                            runs.append("".join(text))
                    return
                # the cell's end: openpyxl's WorkSheetParser.parse_cell
                in_cell = False
                if c_ref:
                    col_no = column(c_ref)
                else:
                    col_no += 1
                if c_type == "inlineStr":
                    value: Any = None
                    if has_is:
                        value = ("" if plain is None else plain) + "".join(runs)
                elif v_text:
                    style = int(c_style) if c_style else c_style
                    value = self._value(v_text, c_type, style, c_ref)
                else:
                    value = None
                cells.append((col_no, value))
            elif name == _ROW:
                rows.append((row_no, cells))
                if max_row is not None and row_no > max_row:
                    raise _Enough

        def chars(data: str) -> None:
            if where and (where[-1] == _V or where[-1] == _T):
                text.append(data)

        parser = xml.parsers.expat.ParserCreate(namespace_separator=_SEP)
        parser.buffer_text = True
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = chars
        with self._archive.open(path) as src, contextlib.suppress(_Enough):
            parser.ParseFile(src)
        return rows, dimension

    def _column(self, coordinate: str) -> int:
        """The column of a cell reference ("C12" is 3), as openpyxl's coordinate_to_tuple
        gives it (and refuses what it refuses)."""
        letters = coordinate.rstrip("0123456789")
        digits = coordinate[len(letters) :]
        known = self._columns.get(letters)
        if known is not None and digits.strip("0"):
            return known
        from openpyxl.utils.cell import coordinate_to_tuple

        found = coordinate_to_tuple(coordinate)[1]
        if letters.isascii() and letters.isalpha() and letters.isupper() and digits:
            self._columns[letters] = found
        return found

    def _value(self, value: str, data_type: str, style_id: Any, coordinate: str | None) -> Any:
        """openpyxl's WorkSheetParser.parse_cell for a cell with a value (data only)."""
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        if data_type == "n":
            number: Any = (
                float(value) if "." in value or "E" in value or "e" in value else int(value)
            )
            if style_id in self._dates:
                try:
                    return from_excel(number, self._epoch, timedelta=style_id in self._durations)
                except (OverflowError, ValueError):
                    warnings.warn(
                        f"Cell {coordinate} is marked as a date but the serial value {number} "
                        "is outside the limits for dates. The cell will be treated as an "
                        "error.",
                        stacklevel=2,
                    )
                    return "#VALUE!"
            return number
        if data_type == "s":
            return self._strings[int(value)]
        if data_type == "b":
            return bool(int(value))
        if data_type == "d":
            return from_ISO8601(value)
        return value
