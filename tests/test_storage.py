from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from bot.errors import DatabaseMissing, DatabaseUnreadable, NotFound, SchemaMismatch
from bot.storage import MIGRATION_SET, FactStore

ROOT = Path(__file__).resolve().parent.parent


def test_build_makes_tables_fts_and_schema_version(store: FactStore) -> None:
    names = set(store.db.table_names())
    assert {"sources", "facts", "citations", "conflicts", "facts_fts", "_sqlite_migrations"} <= names
    assert store.schema_version >= 1
    assert len(store.facts()) >= 30
    assert {s.id for s in store.sources()} == {"stir", "slashdot"}


def test_fts_triggers_follow_an_edit(store: FactStore) -> None:
    # The index reads the stemmed `search` column, which every write through FactStore fills in.
    assert store.search('"zeppelin"') == []
    with store.db.atomic():
        store.db.execute("UPDATE facts SET search = search || ' zeppelin' WHERE id = 'r1-training-hours'")
    assert [fid for fid, _ in store.search('"zeppelin"')] == ["r1-training-hours"]
    assert store.index_problems() == []


def test_sources_record_what_the_articles_say_and_nothing_more(store: FactStore) -> None:
    sources = {s.id: s for s in store.sources()}
    assert sources["stir"].outlet is None, "the first article names no outlet"
    assert sources["slashdot"].outlet == "Slashdot"
    assert sources["stir"].headline.startswith("AI model training costs disclosed")
    assert all(s.date is None for s in sources.values()), "neither article dates itself"


def test_missing_database_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissing, match="factbot build"):
        FactStore.open(tmp_path / "nope.db")


def test_newer_schema_is_refused(project: Path) -> None:
    db = sqlite_utils.Database(project / "facts.db")
    db["_sqlite_migrations"].insert(
        {"migration_set": MIGRATION_SET, "name": "m999_from_the_future", "applied_at": "2030-01-01"}
    )
    db.close()
    with pytest.raises(SchemaMismatch, match="newer than this factbot"):
        FactStore.open(project / "facts.db")


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    sqlite_utils.Database(tmp_path / "other.db")["dogs"].insert({"name": "Cleo"})
    with pytest.raises(SchemaMismatch, match="not a factbot database"):
        FactStore.open(tmp_path / "other.db")


def test_corrupt_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "junk.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseUnreadable):
        FactStore.open(tmp_path / "junk.db")


def test_unknown_fact_raises_not_found(store: FactStore) -> None:
    with pytest.raises(NotFound):
        store.fact("no-such-fact")


def test_database_is_plain_sqlite(project: Path) -> None:
    conn = sqlite3.connect(project / "facts.db")
    (count,) = conn.execute("SELECT count(*) FROM facts_fts WHERE facts_fts MATCH 'h800'").fetchone()
    assert count >= 2


def test_generation_moves_on_fact_changes_only(store: FactStore) -> None:
    before = store.facts_generation()
    store.record_unanswered("how many employees")
    store.add_report("q", ["r1-training-cost"], None)
    assert store.facts_generation() == before, "gaps and reports must not invalidate answer caches"
    with store.db.atomic():
        store.db.execute("UPDATE facts SET aliases = '[]' WHERE id = 'r1-training-hours'")
    assert store.facts_generation() == before + 1


def test_answers_do_not_wait_behind_a_write_waiting_for_another_writer(project: Path) -> None:
    """A counted gap stuck behind another process's write lock must not hold up answers."""
    import threading
    import time

    from bot.answers import Engine
    from bot.errors import DatabaseBusy
    from bot.storage import BUSY_TIMEOUT_MS
    from tests.events import write_begun

    store = FactStore.open(project / "facts.db")
    engine = Engine(store)
    engine.ask("warm up")
    begun = write_begun(store)
    other = sqlite3.connect(project / "facts.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    outcome: list[BaseException | None] = []

    def count_gap() -> None:
        try:
            store.record_unanswered("best pizza recipe")
            outcome.append(None)
        except DatabaseBusy as error:
            outcome.append(error)

    writer = threading.Thread(target=count_gap)
    writer.start()
    assert begun.wait(10), "the gap write never started"
    started = time.perf_counter()
    answer = engine.ask("How much did it cost to train R1?")
    waited = time.perf_counter() - started
    other.execute("COMMIT")
    other.close()
    writer.join(timeout=10)
    store.close()
    assert answer.facts[:1] == ["r1-training-cost"]
    # An answer queued behind the write would wait out the whole busy timeout (5 s) for it; half
    # of that tells the two apart with room to spare on a loaded machine (unblocked: milliseconds).
    assert waited < BUSY_TIMEOUT_MS / 1000 / 2, f"the answer waited {waited:.2f}s behind a write"
    assert outcome == [None], "the gap is counted once the other writer lets go"
