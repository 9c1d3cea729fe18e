"""The package builds as declared: its licence, its build requirement, the Python it needs."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_declared_licence_ships_as_a_file() -> None:
    assert PYPROJECT["project"]["license"] == "Apache-2.0"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" in text


def test_wheel_builds_with_the_oldest_setuptools_the_project_allows(tmp_path: Path) -> None:
    """The floor in [build-system] must be a release that reads `license` as an SPDX expression."""
    [requirement] = [r for r in PYPROJECT["build-system"]["requires"] if r.startswith("setuptools")]
    floor = re.fullmatch(r"setuptools>=([\d.]+)", requirement)
    assert floor, f"expected a plain floor, got {requirement!r}"
    tools = tmp_path / "setuptools"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", tools, f"setuptools=={floor[1]}"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, f"pip could not fetch setuptools=={floor[1]}: {installed.stderr[-1500:]}"
    # A copy, so the build's egg-info and build/ folders stay out of the checkout.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "bot", source / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    build = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, setuptools; from setuptools import build_meta; "
            "print(setuptools.__version__, build_meta.build_wheel(sys.argv[1]))",
            str(tmp_path / "dist"),
        ],
        cwd=source,
        env={"PYTHONPATH": str(tools), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    version, wheel = build.stdout.splitlines()[-1].split()
    assert version == floor[1]
    with zipfile.ZipFile(tmp_path / "dist" / wheel) as archive:
        metadata = archive.read(next(n for n in archive.namelist() if n.endswith("/METADATA"))).decode()
        assert any(n.endswith("licenses/LICENSE") for n in archive.namelist())
    assert "License-Expression: Apache-2.0" in metadata
    assert "License-File: LICENSE" in metadata


def test_readme_says_which_python_and_a_virtualenv() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    required = PYPROJECT["project"]["requires-python"]
    assert required == ">=3.11"
    assert "Python 3.11 or newer" in quick_start
    assert "python3 -m venv" in quick_start and "virtualenv" in quick_start


def _bound_twice(source: str) -> list[str]:
    """Names a module binds more than once at its top level (a later word list silently replacing one)."""
    bound: Counter[str] = Counter()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            bound.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            bound[node.target.id] += 1
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bound[node.name] += 1
    return sorted(name for name, count in bound.items() if count > 1)


def test_no_module_binds_a_name_twice() -> None:
    assert _bound_twice("A = 1\ndef f(): pass\nA = 2\n") == ["A"]
    twice = {
        str(p.relative_to(ROOT)): names
        for p in (ROOT / "bot").rglob("*.py")
        if (names := _bound_twice(p.read_text("utf-8")))
    }
    assert twice == {}
