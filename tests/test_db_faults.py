"""Database faults: missing, read-only, locked by another writer, corrupted.

Every fault must reach a person as one clear line (CLI: exit 1, no traceback;
library: a FactbotError subclass), and answering must keep working wherever
SQLite can still read the file.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bench import fault_kit
from bot import storage
from bot.answers import Engine
from bot.cli import cli
from bot.errors import (
    DatabaseBusy,
    DatabaseMissing,
    DatabaseUnreadable,
    EditConflict,
    FactbotError,
    ReadOnlyDatabase,
)
from bot.models import Actor
from bot.moderation import Moderation
from bot.storage import FactStore
from tests.discord_harness import embed_of, reply, running_bot
from tests.events import write_begun
from tests.fakediscord import DEFAULT_GUILD_ID, MOD_ROLE_ID

ROOT = Path(__file__).resolve().parent.parent
ALICE = Actor(id="1", name="alice", via="cli")
NEW_ANSWER = "R1's final training run lasted 80 hours."
EPHEMERAL = 64
BUSY_MS = 300  # a short busy timeout, so waiting out a held lock takes a moment, not 5 s


# -- helpers --------------------------------------------------------------------


# `/facts retire` as a moderator sends it: the change every write-fault test tries.
RETIRE = [
    {
        "type": 1,
        "name": "retire",
        "options": [
            {"name": "id", "type": 3, "value": "r1-training-hours"},
            {"name": "reason", "type": 3, "value": "superseded"},
        ],
    }
]


def factbot(db: Path, *args: str) -> Result:
    """`factbot --db DB ARGS` in-process; an exception escaping the command stays in result.exception."""
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def assert_one_line_failure(result: Result, *needles: str) -> str:
    """Exit 1 with one `Error: …` line: click handled it, nothing escaped as a traceback."""
    assert isinstance(result.exception, SystemExit), f"uncaught {result.exception!r}\n{result.output}"
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def assert_answers(db: Path) -> None:
    result = factbot(db, "ask", "how much did it cost to train r1")
    assert result.exit_code == 0, result.output
    assert "$294,000" in result.output


def assert_sound(db: Path) -> None:
    """`factbot check` passes and SQLite's own page-by-page check agrees."""
    result = factbot(db, "check")
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


@contextlib.contextmanager
def read_only(*paths: Path) -> Iterator[str]:
    """Make files (and folders) truly read-only (bench/fault_kit.py); yields how.

    chmod is enough for an ordinary user, but root ignores permission bits, so as
    root the immutable attribute (`chattr +i`, needs CAP_LINUX_IMMUTABLE and an
    ext2/3/4-like filesystem) is used instead. If neither holds, skip: faking
    read-only inside SQLite would not test what users hit.
    """
    with contextlib.ExitStack() as stack:
        try:
            how = stack.enter_context(fault_kit.read_only(*paths))
        except fault_kit.StillWritable as error:
            raise AssertionError(str(error)) from error
        except fault_kit.CannotMakeReadOnly as error:
            pytest.skip(
                "running as root, which ignores file permissions, and the immutable attribute is not "
                f"available here ({error}): cannot make a truly read-only database"
            )
        yield how


def page_offset(db: Path, table: str) -> tuple[int, int]:
    """(offset, size) of a table's root page, from the file's own schema."""
    conn = sqlite3.connect(db)
    try:
        (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()
        (size,) = conn.execute("PRAGMA page_size").fetchone()
    finally:
        conn.close()
    return (root - 1) * size, size


def zero_page(db: Path, table: str) -> None:
    offset, size = page_offset(db, table)
    with db.open("r+b") as file:
        file.seek(offset)
        file.write(b"\0" * size)


# -- missing ------------------------------------------------------------------------


def test_missing_database_is_one_sentence_and_not_created(tmp_path: Path) -> None:
    db = tmp_path / "missing.db"
    with pytest.raises(DatabaseMissing) as error:
        FactStore.open(db)
    assert str(error.value) == f"No facts database at {db}. Build one with `factbot build`."
    assert not db.exists(), "opening must not create an empty database"


@pytest.mark.parametrize(
    "args",
    [["ask", "x"], ["cost", "r1"], ["chips"], ["sources"], ["fact", "r1-training-cost"], ["check"]],
    ids=lambda args: args[0],
)
def test_missing_database_cli(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "missing.db"
    assert_one_line_failure(factbot(db, *args), "No facts database at", "factbot build")
    assert not db.exists()


def test_missing_database_real_process_prints_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(tmp_path / "missing.db"), "ask", "x"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        f"Error: No facts database at {tmp_path / 'missing.db'}. Build one with `factbot build`."
    ]


# -- read-only ------------------------------------------------------------------------


def test_read_only_file_answers_and_refuses_every_change(project: Path) -> None:
    db = project / "facts.db"
    with read_only(db):
        store = FactStore.open(db)
        try:
            engine = Engine(store)
            assert engine.ask("how much did it cost to train r1").facts[:1] == ["r1-training-cost"]
            assert "512" in engine.chips().text
            moderation = Moderation(store)
            changes = [
                lambda: moderation.edit("r1-training-hours", {"answer": NEW_ANSWER}, 1, ALICE),
                lambda: moderation.retire("r1-training-hours", "superseded", ALICE),
                lambda: moderation.restore("r1-training-hours", ALICE, version=1),
                lambda: moderation.add(
                    {
                        "topic": "chips",
                        "subject": "r1",
                        "answer": "The cluster that trained R1 held 512 H800 chips.",
                        "citations": [{"source": "slashdot", "quote": "512 Nvidia H800 chips"}],
                    },
                    ALICE,
                ),
                lambda: store.record_unanswered("how many employees"),
                lambda: store.add_report("r1 cost?", ["r1-training-cost"], "wrong"),
            ]
            for change in changes:
                with pytest.raises(ReadOnlyDatabase) as error:
                    change()
                assert str(error.value) == f"{db} is read-only: changes cannot be saved."
            # and it still answers after the refusals
            assert engine.ask("how many gpus").facts[:1] == ["r1-h800-chips"]
        finally:
            store.close()
    store = FactStore.open(db)
    try:
        assert store.fact("r1-training-hours").version == 1
        assert [e.action for e in store.history("r1-training-hours")] == ["create"]
        assert store.gaps() == ([], [])
    finally:
        store.close()
    assert_sound(db)


def test_read_only_file_cli(project: Path) -> None:
    db = project / "facts.db"
    with read_only(db):
        assert_answers(db)
        result = factbot(db, "facts", "edit", "r1-training-hours", "--answer", NEW_ANSWER, "--by", "alice")
        assert_one_line_failure(result, "is read-only: changes cannot be saved")
        result = factbot(db, "facts", "retire", "r1-training-hours", "--reason", "x", "--by", "alice")
        assert_one_line_failure(result, "is read-only")


async def test_read_only_file_over_discord(project: Path) -> None:
    db = project / "facts.db"
    with read_only(db):
        async with running_bot(db, moderator_guild_ids=[DEFAULT_GUILD_ID], moderator_role_ids=[MOD_ROLE_ID]) as live:
            # A question it cannot answer is still answered, though the gap cannot be counted.
            ix = await live.fake.send_slash("ask", {"question": "best pizza recipe"})
            assert "couldn't find" in embed_of(await reply(ix))["description"]
            ix = await live.fake.send_slash("chips")
            assert "H800" in embed_of(await reply(ix))["description"]
            callback = await reply(await live.fake.send_slash("facts", RETIRE, roles=[MOD_ROLE_ID]))
            assert callback["data"]["flags"] & EPHEMERAL
            assert "is read-only: changes cannot be saved" in callback["data"]["content"]
            live.fake.assert_no_unhandled()


def test_read_only_file_in_read_only_folder_still_answers(project: Path) -> None:
    db = project / "facts.db"
    folder = project / "ro"
    folder.mkdir()
    shutil.move(db, folder / "facts.db")
    db = folder / "facts.db"
    assert not (folder / "facts.db-shm").exists()
    with read_only(db, folder):
        result = factbot(db, "ask", "how much did it cost to train r1")
        assert "Traceback" not in result.output
        assert result.exit_code == 0, result.output
        store = FactStore.open(db)
        try:
            assert Engine(store).ask("how many gpus").facts[:1] == ["r1-h800-chips"]
            with pytest.raises(ReadOnlyDatabase):
                Moderation(store).edit("r1-training-hours", {"answer": NEW_ANSWER}, 1, ALICE)
        finally:
            store.close()


# -- locked by another writer ------------------------------------------------------------


HOLDER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN " + sys.argv[2])
    conn.execute("UPDATE facts SET answer = 'UNCOMMITTED' WHERE id = 'r1-training-cost'")
    print("locked", flush=True)
    sys.stdin.readline()
    conn.execute("ROLLBACK")
    conn.close()
    print("released", flush=True)
    """
)


@contextlib.contextmanager
def writer_holding_lock(db: Path, how: str, mode: str) -> Iterator[None]:
    """Another writer holds the write lock (with an uncommitted change) until the block ends."""
    if how == "process":
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db), mode],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert holder.stdout.readline().strip() == "locked"
            yield
            holder.stdin.write("\n")
            holder.stdin.flush()
            assert holder.stdout.readline().strip() == "released"
            assert holder.wait(timeout=10) == 0
        finally:
            if holder.poll() is None:
                holder.kill()
                holder.wait()
        return
    locked, release, failures = threading.Event(), threading.Event(), []

    def hold() -> None:
        try:
            conn = sqlite3.connect(db, isolation_level=None)
            conn.execute(f"BEGIN {mode}")
            conn.execute("UPDATE facts SET answer = 'UNCOMMITTED' WHERE id = 'r1-training-cost'")
            locked.set()
            release.wait(30)
            conn.execute("ROLLBACK")
            conn.close()
        except Exception as error:  # surfaced below
            failures.append(error)
            locked.set()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    assert locked.wait(10) and not failures, failures
    try:
        yield
    finally:
        release.set()
        thread.join(10)
    assert not failures, failures


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(storage, "BUSY_TIMEOUT_MS", BUSY_MS)
    return BUSY_MS


@pytest.mark.parametrize(("how", "mode"), [("process", "IMMEDIATE"), ("thread", "EXCLUSIVE")])
def test_locked_database_edit_is_busy_and_reads_go_on(
    project: Path, short_busy_timeout: int, how: str, mode: str
) -> None:
    db = project / "facts.db"
    store = FactStore.open(db)
    try:
        engine = Engine(store)
        moderation = Moderation(store)
        with writer_holding_lock(db, how, mode):
            # WAL: readers see the last commit while another writer holds its lock.
            answer = engine.ask("how much did it cost to train r1")
            assert answer.facts[:1] == ["r1-training-cost"] and "$294,000" in answer.text
            assert "UNCOMMITTED" not in answer.text
            assert_answers(db)
            with pytest.raises(DatabaseBusy) as error:
                moderation.edit("r1-training-hours", {"answer": NEW_ANSWER}, 1, ALICE)
            assert str(error.value) == f"{db} is locked by another writer; try again in a moment."
            with pytest.raises(DatabaseBusy):
                store.record_unanswered("how many employees")
            cli = factbot(db, "facts", "edit", "r1-training-hours", "--answer", NEW_ANSWER, "--by", "bob")
            assert_one_line_failure(cli, "is locked by another writer; try again in a moment.")
        # The lock is gone: the same edit goes through, nothing half-written is left.
        assert store.fact("r1-training-hours").version == 1
        saved = moderation.edit("r1-training-hours", {"answer": NEW_ANSWER}, 1, ALICE)
        assert saved.version == 2
        assert store.fact("r1-training-cost").answer != "UNCOMMITTED"
        assert [e.outcome for e in store.history("r1-training-hours")] == ["applied", "applied"]
    finally:
        store.close()
    assert_sound(db)


def test_edit_waits_for_the_busy_timeout_before_giving_up(project: Path, short_busy_timeout: int) -> None:
    db = project / "facts.db"
    store = FactStore.open(db)
    try:
        with writer_holding_lock(db, "process", "IMMEDIATE"):
            started = time.monotonic()
            with pytest.raises(DatabaseBusy):
                Moderation(store).edit("r1-training-hours", {"answer": NEW_ANSWER}, 1, ALICE)
            waited = time.monotonic() - started
        # The lower bound is the point: it waited out the busy timeout. The upper one only tells
        # "gave up" from "hangs", so it is generous: a loaded machine may be seconds late.
        timeout = short_busy_timeout / 1000
        assert timeout * 0.9 <= waited < timeout + 30, f"gave up after {waited:.3f}s"
    finally:
        store.close()


def test_edit_waits_out_a_brief_lock(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = project / "facts.db"
    # Long enough that only a lock never released could run it out, however slow the machine.
    monkeypatch.setattr(storage, "BUSY_TIMEOUT_MS", 30_000)
    store = FactStore.open(db)
    locked = threading.Event()
    waiting = write_begun(store)

    def brief_writer() -> None:
        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        locked.set()
        # Let go only once the edit is waiting for the lock, so it really has to wait it out.
        waiting.wait(30)
        conn.execute("ROLLBACK")
        conn.close()

    writer = threading.Thread(target=brief_writer, daemon=True)
    writer.start()
    try:
        assert locked.wait(10)
        saved = Moderation(store).edit("r1-training-hours", {"answer": NEW_ANSWER}, 1, ALICE)
        assert saved.version == 2
    finally:
        writer.join(10)
        store.close()


def test_two_writers_counting_gaps_at_once_lose_none(project: Path) -> None:
    """Two shards on one facts.db, each counting unanswered questions: busy waits, nothing is lost."""
    db = project / "facts.db"
    stores = [FactStore.open(db) for _ in range(2)]
    busy = [0, 0]
    start = threading.Barrier(2)

    def count_gaps(n: int) -> None:
        start.wait()
        for i in range(300):
            try:
                stores[n].record_unanswered(f"question {i % 10}")
            except DatabaseBusy:
                busy[n] += 1

    writers = [threading.Thread(target=count_gaps, args=(n,)) for n in range(2)]
    try:
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(60)
        (counted,) = stores[0].db.execute("SELECT sum(count) FROM unanswered").fetchone()
    finally:
        for store in stores:
            store.close()
    assert busy == [0, 0], f"{sum(busy)} of 600 writes refused as busy"
    assert counted == 600


def test_editors_racing_from_one_version_each_get_applied_or_conflict(project: Path) -> None:
    """Eight editors, each with its own store, save one fact from the same version at once: one edit
    lands and seven are refused as conflicts. Another store's commit (and checkpoint) changing the
    file during an edit's own transaction once closed that edit's connection under it."""
    db = project / "facts.db"
    stores = [FactStore.open(db) for _ in range(8)]

    def edit(n: int, version: int, start: threading.Barrier, outcomes: list[str]) -> None:
        start.wait()
        try:
            answer = f"R1's training run took 80 hours (from version {version}, editor {n})."
            Moderation(stores[n]).edit("r1-training-hours", {"answer": answer}, version, ALICE)
            outcomes.append("applied")
        except EditConflict:
            outcomes.append("conflict")
        except FactbotError as error:
            outcomes.append(f"{type(error).__name__}: {error}")

    try:
        for _ in range(6):
            version = stores[0].fact("r1-training-hours").version
            start = threading.Barrier(8)
            outcomes: list[str] = []
            editors = [threading.Thread(target=edit, args=(n, version, start, outcomes)) for n in range(8)]
            for editor in editors:
                editor.start()
            for editor in editors:
                editor.join(60)
            assert sorted(outcomes) == ["applied"] + ["conflict"] * 7, outcomes
    finally:
        for store in stores:
            store.close()


async def test_locked_database_over_discord(project: Path, short_busy_timeout: int, caplog) -> None:
    db = project / "facts.db"
    async with running_bot(db, moderator_guild_ids=[DEFAULT_GUILD_ID], moderator_role_ids=[MOD_ROLE_ID]) as live:
        with writer_holding_lock(db, "thread", "IMMEDIATE"), caplog.at_level(logging.WARNING, logger="bot"):
            ix = await live.fake.send_slash("ask", {"question": "best pizza recipe"})
            assert "couldn't find" in embed_of(await reply(ix))["description"]
            ix = await live.fake.send_slash("cost", {"model": "r1"})
            assert "$294,000" in embed_of(await reply(ix))["description"]
            # Deferred first, so the busy wait cannot outlast Discord's 3 s; then the sentence.
            callback = await reply(await live.fake.send_slash("facts", RETIRE, roles=[MOD_ROLE_ID]), timeout=10)
            assert callback["data"]["flags"] & EPHEMERAL
            assert "locked by another writer; try again in a moment" in callback["data"]["content"]
            # The unanswered question could not be counted: a warning, not an error reply.
            await live.fake.wait_for_request("POST", r"/callback$", count=3)
            deadline = time.monotonic() + 30  # only a bound on a hang: the warning comes after 0.3 s
            while not any("could not count" in r.getMessage() for r in caplog.records):
                assert time.monotonic() < deadline, [r.getMessage() for r in caplog.records]
                await asyncio.sleep(0.05)
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
        live.fake.assert_no_unhandled()
    assert_sound(db)


# -- corrupted -------------------------------------------------------------------------


def corrupt_random(db: Path) -> None:
    db.write_bytes(os.urandom(db.stat().st_size))


def corrupt_header(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[:100] = b"\0" * 100
    db.write_bytes(bytes(data))


def truncate_half(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])


def truncate_to_first_page(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[:4096])


CORRUPTIONS = {
    "random bytes": corrupt_random,
    "zeroed header": corrupt_header,
    "truncated to half": truncate_half,
    "truncated to one page": truncate_to_first_page,
}


@pytest.mark.parametrize("damage", list(CORRUPTIONS))
def test_corrupted_file_is_one_sentence(project: Path, damage: str) -> None:
    db = project / "facts.db"
    CORRUPTIONS[damage](db)
    before = db.read_bytes()
    with pytest.raises(DatabaseUnreadable) as error:
        FactStore.open(db)
    message = str(error.value)
    assert message.startswith(f"{db} is not a readable SQLite database (") and "\n" not in message
    for args in (["ask", "how much did r1 cost"], ["chips"], ["check"]):
        assert_one_line_failure(factbot(db, *args), "is not a readable SQLite database")
    assert db.read_bytes() == before, "a damaged file must be left as it is"


def test_file_truncated_to_nothing_is_refused(project: Path) -> None:
    db = project / "facts.db"
    db.write_bytes(b"")
    with pytest.raises(FactbotError):
        FactStore.open(db).close()
    assert db.stat().st_size == 0, "opening must not write a schema into the damaged file"
    result = factbot(db, "ask", "how much did r1 cost")
    assert_one_line_failure(result)


@pytest.mark.parametrize("table", ["facts", "citations"])
def test_damaged_table_page_is_one_sentence(project: Path, table: str) -> None:
    db = project / "facts.db"
    zero_page(db, table)
    try:
        store = FactStore.open(db)
    except DatabaseUnreadable:
        pass
    else:
        try:
            with pytest.raises(DatabaseUnreadable):
                Engine(store).chips()
        finally:
            store.close()
    for args in (["ask", "how much did r1 cost"], ["chips"]):
        assert_one_line_failure(factbot(db, *args), "SQLite database")
    check = factbot(db, "check")
    assert isinstance(check.exception, SystemExit), f"uncaught {check.exception!r}"
    assert check.exit_code == 1 and "Traceback" not in check.output


@pytest.mark.parametrize("table", ["fact_history", "idx_facts_topic_subject"])
def test_check_notices_a_damaged_page(project: Path, table: str) -> None:
    db = project / "facts.db"
    zero_page(db, table)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)], "the damage is real"
    except sqlite3.DatabaseError:
        pass
    finally:
        conn.close()
    result = factbot(db, "check")
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
