"""Shared fixtures: every test gets its own copy of the database and a clean environment."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot.answers import Engine
from bot.config import ENV_FILE_VARIABLE, Settings
from bot.storage import FactStore
from tests.fakediscord import spec

# A test fails if the bot sent the fake a body real Discord would refuse (see the plugin).
pytest_plugins = ("tests.fakediscord.pytest_plugin",)

ROOT = Path(__file__).resolve().parent.parent
# Every setting factbot reads, as environment variable names.
SETTINGS = tuple(name.upper() for name in Settings.model_fields)


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test reads the developer's .env or settings: run from an empty folder."""
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    # Without a .env in the current folder factbot reads the checkout's: name none instead. The
    # subprocesses tests start inherit it. Tests of the .env lookup itself unset it.
    monkeypatch.setenv(ENV_FILE_VARIABLE, os.devnull)
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the project's data: facts.db, the curated file and the articles."""
    shutil.copy(ROOT / "facts.db", tmp_path / "facts.db")
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    for article in (tmp_path / "sources" / "articles").iterdir():
        article.chmod(0o644)
    return tmp_path


@pytest.fixture
def store(project: Path) -> FactStore:
    store = FactStore.open(project / "facts.db")
    yield store
    store.close()


@pytest.fixture
def engine(store: FactStore) -> Engine:
    return Engine(store)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many bodies each route had checked against Discord's spec: a route at 0 is untested."""
    lines = spec.route_counts_report()
    if lines:
        terminalreporter.write_sep("-", "request bodies validated against Discord's OpenAPI spec")
        for line in lines:
            terminalreporter.write_line(line)
