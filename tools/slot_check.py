"""The wiring rule: a signal that carries a value never feeds a slot with optional parameters.

``clicked(bool)`` connected straight to ``print_letter(self, printer=None)`` hands ``False`` to
the printer: Qt passes a signal's values to every parameter the slot can take. Such a place is
found here from the source alone (no Qt needed): a ``<signal>.connect(<target>)`` where the
signal carries values (Qt's, or the package's own ``Signal(type, ...)``) and the target is a
method or function of the package whose positional parameters have a default, or that takes
``*args`` (``*_`` is a slot saying it drops the values, and passes). Connect through a lambda
or a slot without parameters instead.

    python tools/slot_check.py pakn_desktop     prints file:line for each place; exit 1 if any
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Qt's signals that carry at least one value (clicked(bool), currentIndexChanged(int), ...).
QT_SIGNALS_WITH_VALUES = frozenset(
    {
        "activated",
        "clicked",
        "currentChanged",
        "currentIndexChanged",
        "currentRowChanged",
        "currentTextChanged",
        "dateChanged",
        "dateTimeChanged",
        "doubleClicked",
        "finished",
        "highlighted",
        "itemActivated",
        "itemChanged",
        "itemClicked",
        "itemDoubleClicked",
        "linkActivated",
        "linkHovered",
        "pressed",
        "sectionClicked",
        "selectionChanged",
        "stateChanged",
        "checkStateChanged",
        "textChanged",
        "textEdited",
        "timeChanged",
        "toggled",
        "triggered",
        "valueChanged",
    }
)

Function = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    signal: str
    target: str
    parameter: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.signal} -> {self.target}({self.parameter}) "
            "receives the signal's value"
        )


def optional_parameter(f: Function, *, method: bool) -> str | None:
    """The first positional parameter a signal's value could fill that has a default (or
    ``*args``); None when there is none."""
    params = [*f.args.posonlyargs, *f.args.args]
    if method and not any(
        isinstance(d, ast.Name) and d.id == "staticmethod" for d in f.decorator_list
    ):
        params = params[1:]
    defaults_from = len(params) - len(f.args.defaults)
    for i, p in enumerate(params):
        if i >= defaults_from:
            return f"{p.arg}=..."
    if f.args.vararg is not None and not f.args.vararg.arg.startswith("_"):
        return f"*{f.args.vararg.arg}"  # ``*_`` says the values are dropped on purpose
    return None


def _parse(root: Path) -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(root.rglob("*.py")):
        try:
            yield path, ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue


def _own_signals(trees: list[tuple[Path, ast.Module]]) -> tuple[set[str], set[str]]:
    """Names of the package's ``Signal(...)`` class attributes: with values, without."""
    with_values: set[str] = set()
    without: set[str] = set()
    for _path, tree in trees:
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)):
                continue
            func = node.value.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name != "Signal":
                continue
            for t in node.targets:
                if isinstance(t, ast.Name):
                    (with_values if node.value.args else without).add(t.id)
    return with_values, without


def check(root: Path) -> list[Finding]:
    trees = list(_parse(root))
    own_with, own_without = _own_signals(trees)
    signals = QT_SIGNALS_WITH_VALUES | (own_with - own_without)
    classes: dict[str, ast.ClassDef] = {}
    methods_by_name: dict[str, list[Function]] = {}
    for _path, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                classes.setdefault(node.name, node)
                for f in node.body:
                    if isinstance(f, Function):
                        methods_by_name.setdefault(f.name, []).append(f)

    def class_methods(cls: ast.ClassDef, seen: frozenset[str] = frozenset()) -> dict[str, Function]:
        """A class's methods, with those it inherits from the package's classes."""
        found: dict[str, Function] = {}
        for base in cls.bases:
            name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", "")
            if name in classes and name not in seen:
                found.update(class_methods(classes[name], seen | {cls.name}))
        found.update({f.name: f for f in cls.body if isinstance(f, Function)})
        return found

    findings: list[Finding] = []
    for path, tree in trees:
        functions = {f.name: f for f in tree.body if isinstance(f, Function)}
        scopes: list[tuple[ast.AST, dict[str, Function]]] = [(tree, {})]
        scopes += [(c, class_methods(c)) for c in ast.walk(tree) if isinstance(c, ast.ClassDef)]
        seen_calls: set[int] = set()
        for scope, methods in reversed(scopes):  # classes first, then what is left at module level
            for call in ast.walk(scope):
                if not isinstance(call, ast.Call) or id(call) in seen_calls:
                    continue
                seen_calls.add(id(call))
                func = call.func
                if not (
                    isinstance(func, ast.Attribute)
                    and func.attr == "connect"
                    and isinstance(func.value, ast.Attribute)
                    and func.value.attr in signals
                    and call.args
                ):
                    continue
                target = call.args[0]
                slot: Function | None = None
                is_method = True
                shown = ""
                if isinstance(target, ast.Attribute):
                    shown = ast.unparse(target)
                    if isinstance(target.value, ast.Name) and target.value.id == "self":
                        slot = methods.get(target.attr)
                    else:
                        # Another object's method: flagged when every method of that name in
                        # the package takes an optional parameter (Qt's own are not seen).
                        same = methods_by_name.get(target.attr, [])
                        if same and all(optional_parameter(m, method=True) for m in same):
                            slot = same[0]
                elif isinstance(target, ast.Name) and target.id in functions:
                    slot, is_method, shown = functions[target.id], False, target.id
                if slot is None:
                    continue
                parameter = optional_parameter(slot, method=is_method)
                if parameter is not None:
                    findings.append(Finding(path, call.lineno, func.value.attr, shown, parameter))
    return sorted(findings, key=lambda x: (str(x.path), x.line))


def main(argv: list[str]) -> int:
    root = Path(argv[1] if len(argv) > 1 else "pakn_desktop")
    findings = check(root)
    for finding in findings:
        print(finding)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
