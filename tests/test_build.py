"""`factbot build` is reproducible: the same facts file gives the same facts.db, byte for byte."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner, Result

from bot import curated
from bot.cli import cli
from bot.errors import CuratedFileError
from bot.storage import FactStore

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "sources" / "facts.toml"


def build(db: Path, facts: Path = FACTS) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), "build", "--facts", str(facts)])


def content(path: Path) -> dict[str, object]:
    """Schema and rows of every table but FTS5's binary shadow tables: what a byte mismatch is about."""
    db = sqlite_utils.Database(path)
    dump: dict[str, object] = {
        table.name: (table.schema, list(table.rows_where(order_by="rowid")))
        for table in db.tables
        if not table.name.startswith("facts_fts_")
    }
    dump["triggers"] = sorted(t.sql for t in db.triggers)
    db.close()
    return dump


def written_by(path: Path) -> int:
    """SQLITE_VERSION_NUMBER of the library that last wrote the file (its header, offset 96)."""
    return int.from_bytes(path.read_bytes()[96:100], "big")


def library_version() -> int:
    major, minor, patch = sqlite3.sqlite_version_info
    return major * 1_000_000 + minor * 1_000 + patch


def test_committed_database_equals_a_fresh_build(tmp_path: Path) -> None:
    fresh = tmp_path / "facts.db"
    assert build(fresh).exit_code == 0
    committed = ROOT / "facts.db"
    assert content(committed) == content(fresh), "facts.db is stale: run `factbot build` and commit it"
    if written_by(committed) != library_version():
        pytest.skip(
            f"facts.db was written by SQLite {written_by(committed)}, this is {library_version()}: "
            "only the same library writes the same bytes (the contents match)"
        )
    assert committed.read_bytes() == fresh.read_bytes(), "same contents, other bytes: run `factbot build`, commit it"


def test_building_twice_or_over_another_database_gives_the_same_bytes(project: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    assert build(first).exit_code == 0
    assert build(second).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    # Over a database that has lived (edits, gaps): replaced, not patched.
    lived = project / "facts.db"
    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["--db", str(lived), "facts", "retire", "r1-training-hours", "--reason", "x", "--by", "a"]
        ).exit_code
        == 0
    )
    assert runner.invoke(cli, ["--db", str(lived), "ask", "best pizza recipe"]).exit_code == 0
    assert build(lived).exit_code == 0
    assert lived.read_bytes() == first.read_bytes()
    assert not Path(f"{lived}-wal").exists() and not Path(f"{lived}-shm").exists()


def test_timestamps_come_from_the_data_not_the_clock(tmp_path: Path) -> None:
    assert build(tmp_path / "facts.db").exit_code == 0
    updated = curated.load(FACTS).updated
    stamp = f"{updated.isoformat()}T00:00:00+00:00"
    store = FactStore.open(tmp_path / "facts.db")
    try:
        assert {entry.at for entry in store.history()} == {stamp}
        applied = {row[0] for row in store.db.execute("SELECT applied_at FROM _sqlite_migrations")}
        assert applied == {stamp}
    finally:
        store.close()


def test_a_file_with_no_date_and_no_history_is_refused(tmp_path: Path) -> None:
    undated = tmp_path / "sources" / "facts.toml"
    shutil.copytree(ROOT / "sources", undated.parent)
    text = undated.read_text(encoding="utf-8")
    undated.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("updated =")), encoding="utf-8"
    )
    with pytest.raises(CuratedFileError, match=r"has no `updated` date"):
        FactStore.open(tmp_path / "x.db", create=True).build(curated.load(undated), undated.parent)


def test_build_refuses_a_database_another_process_has_open(project: Path) -> None:
    db = project / "facts.db"
    before = db.read_bytes()
    reader = sqlite3.connect(db)
    try:
        reader.execute("SELECT count(*) FROM facts").fetchone()
        result = build(db)
    finally:
        reader.close()
    assert result.exit_code == 1
    assert "is open in another process" in result.output and "factbot facts import" in result.output
    assert db.read_bytes() == before
