"""Every compiled dependency exists for Windows: the versions installed here, walked from
pyproject.toml through their own requirements (as pip resolves them on Windows), each have a
``win_amd64`` wheel on PyPI for every Python the README supports. Pure-Python packages may come
as a source archive. Offline, a local run skips; in CI (``CI`` or ``PAKN_REQUIRE_POSTGRES``
set) being offline fails."""

from __future__ import annotations

import functools
import io
import json
import os
import re
import tarfile
import tomllib
import urllib.error
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.tags import Tag, compatible_tags, cpython_tags
from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    parse_sdist_filename,
    parse_wheel_filename,
)
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
# The Pythons the README names for Windows ("Python 3.11 to 3.14", the newest patch release of
# each); requires-python is >=3.11.
PYTHONS = ("3.11", "3.12", "3.13", "3.14")
INDEX = os.environ.get("PAKN_PYPI_SIMPLE", "https://pypi.org/simple")


def in_ci() -> bool:
    return bool(os.environ.get("CI") or os.environ.get("PAKN_REQUIRE_POSTGRES"))


def windows_env(python: str) -> dict[str, str]:
    """What pip on 64-bit Windows evaluates environment markers against."""
    return {
        "implementation_name": "cpython",
        "implementation_version": python + ".0",
        "os_name": "nt",
        "platform_machine": "AMD64",
        "platform_python_implementation": "CPython",
        "platform_system": "Windows",
        "python_full_version": python + ".0",
        "python_version": python,
        "sys_platform": "win32",
        "extra": "",
    }


def windows_tags(python: str) -> set[Tag]:
    major, minor = (int(x) for x in python.split("."))
    return {
        *cpython_tags((major, minor), platforms=["win_amd64"]),
        *compatible_tags((major, minor), interpreter=f"cp{major}{minor}", platforms=["win_amd64"]),
    }


def wanted(req: Requirement, env: dict[str, str], extras: set[str]) -> bool:
    if req.marker is None:
        return True
    return any(req.marker.evaluate({**env, "extra": e}) for e in (extras or {""}))


def windows_requirements(python: str) -> dict[str, tuple[SpecifierSet, set[str]]]:
    """The runtime requirements of the project on Windows with ``python``, transitive:
    name -> (specifier, extras). Packages installed here are followed through their own
    metadata; Windows-only ones (not installed here) are listed, not followed."""
    env = windows_env(python)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    todo = [Requirement(r) for r in project["project"]["dependencies"]]
    todo = [r for r in todo if wanted(r, env, set())]
    found: dict[str, tuple[SpecifierSet, set[str]]] = {}
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        spec, extras = found.get(name, (SpecifierSet(), set()))
        new_extras = set(req.extras) - extras
        first = name not in found
        found[name] = (spec & req.specifier, extras | set(req.extras))
        if not (first or new_extras):
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for line in dist.requires or []:
            sub = Requirement(line)
            if wanted(sub, env, found[name][1]):
                todo.append(sub)
    return found


def installed_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


@functools.cache
def release_files(name: str) -> dict[Version, dict[str, tuple[str, SpecifierSet]]]:
    """Every file of every release, from PyPI's simple index in JSON (PEP 691): one request a
    package, names only: by version, file name -> (address, the Pythons it is for)."""
    request = urllib.request.Request(
        f"{INDEX}/{name}/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        files = json.load(answer)["files"]
    found: dict[Version, dict[str, tuple[str, SpecifierSet]]] = {}
    for f in files:
        if f.get("yanked"):
            continue
        filename = f["filename"]
        try:
            if filename.endswith(".whl"):
                version = parse_wheel_filename(filename)[1]
            elif filename.endswith((".tar.gz", ".zip")):
                version = parse_sdist_filename(filename)[1]
            else:
                continue
        except (InvalidWheelFilename, InvalidSdistFilename):
            continue
        needs = SpecifierSet(f.get("requires-python") or "")
        found.setdefault(version, {})[filename] = (f["url"], needs)
    return found


COMPILED_SOURCES = (".c", ".cc", ".cpp", ".cxx", ".pyx", ".rs", ".f90", "Cargo.toml")


def is_pure(name: str, files: dict[str, str]) -> bool | None:
    """From the installed wheel's own WHEEL file; for a package not installed here (one only
    Windows needs) that comes as source only, from the source archive (a few kB): no C, C++,
    Cython or Rust inside. None when it cannot be told."""
    try:
        wheel = metadata.distribution(name).read_text("WHEEL")
        return "Root-Is-Purelib: true" in (wheel or "")
    except metadata.PackageNotFoundError:
        pass
    sdists = [u for f, u in files.items() if f.endswith((".tar.gz", ".zip"))]
    if not sdists:
        return None
    with urllib.request.urlopen(sdists[0], timeout=30) as answer:
        data = answer.read(5_000_000)
    if sdists[0].endswith(".zip"):
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    else:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            names = archive.getnames()
    return not any(n.endswith(COMPILED_SOURCES) for n in names)


def problem(name: str, version: str, files: list[str], python: str, pure: bool | None) -> str:
    """Empty when ``files`` hold something pip installs on 64-bit Windows with ``python``."""
    tags = windows_tags(python)
    wheels = []
    for filename in files:
        if filename.endswith(".whl"):
            wheels.append(parse_wheel_filename(filename)[3])
    if any(t in tags for wheel_tags in wheels for t in wheel_tags):
        return ""
    if pure and any(f.endswith((".tar.gz", ".zip")) for f in files):
        return ""  # pure Python: pip builds it from source anywhere
    return f"{name} {version}: no wheel for Python {python} win_amd64"


def check(python: str) -> list[str]:
    reqs = windows_requirements(python)

    def one(item: tuple[str, tuple[SpecifierSet, set[str]]]) -> str:
        name, (spec, _extras) = item
        releases = release_files(name)
        here = installed_version(name)
        if here is not None and here in spec:
            version = Version(here)  # the version tested here is the one to ship
        else:
            # Windows-only (not installed here): what pip would pick.
            good = [v for v in releases if v in spec and not v.is_prerelease]
            if not good:
                return f"{name}: no release on PyPI matches {spec}"
            version = max(good)
        files = {
            f: url
            for f, (url, needs) in releases.get(version, {}).items()
            # The newest patch release of that Python (soupsieve wants >=3.11.5).
            if needs.contains(python + ".99", prereleases=True)
        }
        return problem(name, str(version), list(files), python, is_pure(name, files))

    with ThreadPoolExecutor(8) as pool:
        return [p for p in pool.map(one, sorted(reqs.items())) if p]


@pytest.fixture(scope="module")
def online() -> None:
    try:
        urllib.request.urlopen(f"{INDEX}/pip/", timeout=15).close()
    except (urllib.error.URLError, OSError) as exc:
        if in_ci():
            pytest.fail(f"PyPI is unreachable in CI, the Windows wheels cannot be checked: {exc}")
        pytest.skip(f"PyPI is unreachable ({exc}); the Windows wheels are checked in CI")


def test_the_walk_reaches_the_compiled_dependencies_pip_would_install_on_windows() -> None:
    reqs = windows_requirements("3.11")
    # psycopg[binary] brings psycopg-binary; PySide6 brings shiboken6; argon2 brings its cffi.
    for name in ("pyside6", "shiboken6", "psycopg-binary", "argon2-cffi-bindings", "cffi"):
        assert name in reqs, name
    assert "rl-accel" in reqs and "cryptography" in reqs
    # Windows-only requirements are taken though this is not Windows: psycopg needs tzdata
    # and pcodedmp (through extract-msg) needs win-unicode-console on win32 only.
    assert "tzdata" in reqs and "win-unicode-console" in reqs


def test_a_missing_windows_wheel_is_named() -> None:
    tags = "3.12"
    linux_only = ["rl_accel-0.9.1-cp37-abi3-manylinux1_x86_64.whl", "rl_accel-0.9.1.tar.gz"]
    assert problem("rl-accel", "0.9.1", linux_only, tags, pure=False) == (
        "rl-accel 0.9.1: no wheel for Python 3.12 win_amd64"
    )
    assert (
        problem(
            "rl-accel",
            "0.9.1",
            [*linux_only, "rl_accel-0.9.1-cp37-abi3-win_amd64.whl"],
            tags,
            pure=False,
        )
        == ""
    )
    assert problem("x", "1", ["x-1-cp313-cp313-win_amd64.whl"], tags, pure=False) != ""
    assert problem("x", "1", ["x-1.tar.gz"], tags, pure=True) == ""


@pytest.mark.parametrize("python", PYTHONS)
def test_every_compiled_dependency_has_a_windows_wheel(online: None, python: str) -> None:
    missing = check(python)
    assert not missing, f"Python {python} on Windows: " + "; ".join(missing)


def test_the_readme_names_the_pythons_checked() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"Python {PYTHONS[0]} to {PYTHONS[-1]}", readme), PYTHONS
