"""What every class of the fault suite (bench/faults.py) shares: the tally, throwaway projects, real processes.

Everything here is a plain function: the suite runs outside pytest, so it
copies the tests' techniques (tests/conftest.py's `project`, tests/test_db_faults.py's
`read_only`, …) rather than their fixtures.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import ROOT
from bot import curated
from bot.models import CitationIn, Fact

EXAMPLES = 5  # reproductions kept per class
# Every setting factbot reads from the environment (bot/config.py); cleared so no developer's
# settings leak into a run, as tests/conftest.py does.
ENV_FILE_VARIABLE = "FACTBOT_ENV_FILE"


@dataclass
class Outcome:
    """One class of the suite: how many were tried, survived and lost, and what that means."""

    key: str
    title: str
    unit: str
    means: str  # what "lost" means for this class
    tried: int = 0
    survived: int = 0
    seconds: float = 0.0
    did: str = ""  # what was done, with the measured counts, one line
    notes: list[str] = field(default_factory=list)
    losses: list[str] = field(default_factory=list)  # a reproduction for each of the first few
    lost_count: int = 0
    kinds: Counter[str] = field(default_factory=Counter)  # what the losses were, counted
    error: str | None = None  # the harness itself failed: no figure from this class stands

    @property
    def lost(self) -> int:
        return self.lost_count

    def ok(self) -> None:
        self.tried += 1
        self.survived += 1

    def lose(self, reproduction: str, kind: str | None = None) -> None:
        self.tried += 1
        self.lost_count += 1
        if kind:
            self.kinds[kind] += 1
        if len(self.losses) < EXAMPLES:
            self.losses.append(reproduction)

    def check(self, survived: bool, reproduction: str, kind: str | None = None) -> bool:
        """Count one trial; `reproduction` (what to run to see it) is kept if it was lost, counted under `kind`."""
        if survived:
            self.ok()
        else:
            self.lose(reproduction, kind)
        return survived

    def note(self, line: str) -> None:
        self.notes.append(line)


# -- the environment -----------------------------------------------------------------


def isolate_environment() -> None:
    """Read no developer's .env and no FACTS_DB/DISCORD_* settings: as tests/conftest.py does for each test."""
    from bot.config import Settings

    for name in Settings.model_fields:
        os.environ.pop(name.upper(), None)
    os.environ[ENV_FILE_VARIABLE] = os.devnull


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a real `python -m bot` process: this checkout's code, whatever is installed."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, ENV_FILE_VARIABLE: os.devnull, "LOG_LEVEL": "WARNING", **extra}


def factbot(db: Path, *args: str | bytes, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[bytes]:
    """`python -m bot --db DB ARGS` as a real process (bytes in, bytes out: argv may not be UTF-8)."""
    return subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(db), *args],
        capture_output=True,
        timeout=timeout,
        cwd=db.parent,
        env=child_env(**env),
        check=False,
    )


def shown(data: bytes | str, limit: int = 300) -> str:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "…"


# -- throwaway projects ----------------------------------------------------------------


@contextlib.contextmanager
def workdir(name: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix=f"factbot-faults-{name}-") as folder:
        yield Path(folder)


def project(folder: Path) -> Path:
    """A copy of the checkout's data, as tests/conftest.py's `project`: facts.db, the curated file, the articles."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "facts.db", folder / "facts.db")
    shutil.copytree(ROOT / "sources", folder / "sources", dirs_exist_ok=True)
    for article in (folder / "sources" / "articles").iterdir():
        article.chmod(0o644)
    return folder


def fresh_db(template: Path, target: Path) -> Path:
    """`template` copied to `target`, with no write-ahead log or shared-memory file of any earlier run."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copy(template, target)
    return target


# -- looking at a database from outside the bot --------------------------------------------


def integrity(db: Path) -> str:
    """SQLite's own page-by-page check, from a connection of our own: "ok" or what it found."""
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as error:
        return f"{type(error).__name__}: {error}"
    return "; ".join(row[0] for row in rows)


STATE_QUERIES = (
    "SELECT id, topic, subject, answer, value, unit, qualifier, aliases, questions, version, status FROM facts "
    "ORDER BY id",
    "SELECT fact_id, source_id, position, quote FROM citations ORDER BY fact_id, position",
    "SELECT fact_id, other_id FROM conflicts ORDER BY fact_id, other_id",
    "SELECT name FROM topics ORDER BY name",
    "SELECT id, headline, outlet, date, sha256 FROM sources ORDER BY id",
    "SELECT id, fact_id, version, action, outcome, actor_id, actor_name, via, note FROM fact_history ORDER BY id",
    "SELECT * FROM unanswered ORDER BY rowid",
    "SELECT * FROM reports ORDER BY rowid",
)


def state(db: Path) -> str:
    """A digest of every fact, citation, link, topic, source, history row, gap and report: changes if any does."""
    digest = hashlib.sha256()
    conn = sqlite3.connect(db, timeout=30)
    try:
        for sql in STATE_QUERIES:
            digest.update(repr(conn.execute(sql).fetchall()).encode())
    finally:
        conn.close()
    return digest.hexdigest()


def history_rows(db: Path) -> int:
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute("SELECT count(*) FROM fact_history").fetchone()[0]
    finally:
        conn.close()


# -- a large import -------------------------------------------------------------------------


def write_big_import(folder: Path, count: int) -> Path:
    """The shipped facts plus `count` bulk facts (tests/test_import_crash.py uses it too)."""
    data = curated.load(folder / "sources" / "facts.toml")
    quotes = [(c.source, c.quote) for fact in data.facts for c in fact.citations]
    extra = [
        Fact(
            id=f"bulk-{i}",
            topic="bulk",
            subject="r1",
            answer=f"Bulk-imported fact number {i} about DeepSeek's R1 disclosure.",
            aliases=[f"bulk{i}", "bulk import"],
            citations=[CitationIn(source=quotes[i % len(quotes)][0], quote=quotes[i % len(quotes)][1])],
        )
        for i in range(count)
    ]
    path = folder / "sources" / "big.toml"
    path.write_text(curated.dumps(curated.Curated(sources=data.sources, facts=data.facts + extra)))
    return path


# -- read-only files (tests/test_db_faults.py uses these too) ------------------------------------


def _writable(path: Path) -> bool:
    if path.is_dir():
        probe = path / ".write-probe"
        try:
            probe.touch()
        except OSError:
            return False
        probe.unlink()
        return True
    try:
        with path.open("r+b"):
            return True
    except OSError:
        return False


class CannotMakeReadOnly(RuntimeError):
    """Neither permissions (root ignores them) nor the immutable attribute can make the file read-only here."""


class StillWritable(CannotMakeReadOnly):
    """The file or folder could be written after chmod or chattr said it was made read-only."""


@contextlib.contextmanager
def read_only(*paths: Path) -> Iterator[str]:
    """Make files and folders truly read-only (chmod, or as root `chattr +i`); yields how. Always undone."""
    undo: list[Sequence[str] | Path] = []
    if os.geteuid() != 0:
        how = "chmod"
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
            undo.append(path)
    else:
        how = "chattr +i"
        for path in paths:
            done = (
                subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True, check=False)
                if shutil.which("chattr")
                else None
            )
            if done is None or done.returncode:
                _undo(undo)
                raise CannotMakeReadOnly(done.stderr.strip() if done else "chattr is not installed")
            undo.append(["chattr", "-i", str(path)])
    try:
        still = [str(path) for path in paths if _writable(path)]
        if still:
            raise StillWritable(f"still writable after {how}: {', '.join(still)}")
        yield how
    finally:
        _undo(undo)


def _undo(steps: list[Sequence[str] | Path]) -> None:
    for step in reversed(steps):
        if isinstance(step, Path):
            step.chmod(0o755 if step.is_dir() else 0o644)
        else:
            subprocess.run(list(step), check=False)


# -- timing ----------------------------------------------------------------------------------


class Stopwatch:
    def __init__(self) -> None:
        self.started = time.perf_counter()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started
