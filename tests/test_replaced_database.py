"""The database file replaced under a running bot (a `git pull`, a `cp` of a new build): issue 13, item 7.

The bot notices the new file (device, inode, size, time), reopens on it before it reads or writes
again, and serves its facts; a write lands in the new file, and nothing is corrupted.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.models import Actor
from bot.moderation import Moderation
from bot.storage import FactStore
from tests.discord_harness import embed_of, reply, running_bot
from tests.fakediscord import DEFAULT_GUILD_ID, MOD_ROLE_ID

NEW = "R1's training run took 80 hours, says the new build."
ALICE = Actor(id="cli:alice", name="alice", via="cli")


def new_build(project: Path) -> Path:
    """A copy of the database with one fact changed, as a new release of facts.db would have."""
    other = project / "incoming.db"
    shutil.copy(project / "facts.db", other)
    store = FactStore.open(other)
    try:
        Moderation(store).edit("r1-training-hours", {"answer": NEW}, 1, ALICE)
    finally:
        store.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{other}{suffix}").unlink(missing_ok=True)
    return other


@pytest.mark.parametrize("how", ["mv", "cp"])
async def test_a_database_replaced_under_the_bot_is_followed(project: Path, how: str) -> None:
    db = project / "facts.db"
    async with running_bot(db, moderator_guild_ids=[DEFAULT_GUILD_ID], moderator_role_ids=[MOD_ROLE_ID]) as live:
        asked = [{"name": "question", "type": 3, "value": "how long did the r1 training run take"}]
        before = embed_of(await reply(await live.fake.send_slash("ask", asked)))
        assert NEW not in before["description"]
        # The bot writes before the file is replaced, as in real life: a counted question, an edit.
        await reply(await live.fake.send_slash("ask", [{"name": "question", "type": 3, "value": "best pizza"}]))
        assert live.bot.service.feedback.flush(10)
        incoming = new_build(project)
        Moderation(live.store).edit("r1-training-hours", {"answer": "An edit made just before the release."}, 1, ALICE)
        if how == "mv":
            os.replace(incoming, db)
        else:
            shutil.copyfile(incoming, db)  # in place: the same inode, new bytes
        after = embed_of(await reply(await live.fake.send_slash("ask", asked)))
        assert NEW in after["description"], "the new file's facts are served"
        retire = [
            {
                "type": 1,
                "name": "retire",
                "options": [
                    {"name": "id", "type": 3, "value": "distillation-debate"},
                    {"name": "reason", "type": 3, "value": "merged"},
                ],
            }
        ]
        done = await reply(await live.fake.send_slash("facts", retire, roles=[MOD_ROLE_ID]), timeout=10)
        assert "Retired `distillation-debate`" in done["data"]["content"]
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        (status,) = conn.execute("SELECT status FROM facts WHERE id = 'distillation-debate'").fetchone()
        assert status == "retired", "the write after the replacement landed in the new file"
        (answer,) = conn.execute("SELECT answer FROM facts WHERE id = 'r1-training-hours'").fetchone()
        assert answer == NEW
    finally:
        conn.close()


def test_a_write_never_goes_to_a_file_that_was_moved_away(project: Path) -> None:
    db = project / "facts.db"
    incoming = new_build(project)
    store = FactStore.open(db)
    try:
        store.record_unanswered("warm up the writer")
        Moderation(store).edit("r1-training-hours", {"answer": "An edit made just before the release."}, 1, ALICE)
        os.replace(incoming, db)
        store.record_unanswered("after the replacement")
    finally:
        store.close()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        questions = {row[0] for row in conn.execute("SELECT question FROM unanswered")}
        assert "after the replacement" in questions
        # Pages the old file's log held must not have been laid over the new file.
        (answer,) = conn.execute("SELECT answer FROM facts WHERE id = 'r1-training-hours'").fetchone()
        assert answer == NEW
    finally:
        conn.close()
