"""No one who is not a moderator changes a fact, whatever door they try; no text renders as a mention.

Every state-changing entry point (slash command, form submit, button) runs the
full moderator check at the moment it acts, so a form opened by a moderator is
no key for anyone else, nor for that moderator once their role is gone.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bot.models import Actor
from bot.moderation import Moderation
from tests.discord_harness import embed_of, embed_text, facts_command, reply, running_bot, text_inputs
from tests.fakediscord import DEFAULT_GUILD_ID, MOD_ROLE_ID, SECOND_GUILD_ID, payloads

EPHEMERAL = 64
MODERATOR = {"roles": [MOD_ROLE_ID]}
PLAIN = payloads.user(1100000000000000999, "plain")
FACT = "r1-training-hours"
# Mention syntax that must never render: users, roles, channels, commands, @everyone, a masked link.
RENDERING = re.compile(r"<[@#/]|<a?:|(?<!\u200b)@(everyone|here)|\]\(")


@pytest.fixture
async def live(project: Path):
    async with running_bot(
        project / "facts.db", moderator_guild_ids=[DEFAULT_GUILD_ID], moderator_role_ids=[MOD_ROLE_ID]
    ) as running:
        yield running


async def open_form(live, name: str, **options: str) -> dict[str, Any]:
    """A moderator opens the add or edit form; returns the modal Discord would show."""
    ix = await live.fake.send_slash("facts", facts_command(name, **options), **MODERATOR)
    await ix.response()
    modal = ix.modal()
    assert modal is not None
    return modal


async def submit(live, modal: dict[str, Any], answers: list[str | None], **who) -> dict[str, Any]:
    inputs = text_inputs(modal)
    values = {
        field["custom_id"]: (field.get("value", "") if answer is None else answer)
        for field, answer in zip(inputs, answers, strict=True)
    }
    return await reply(await live.fake.send_modal_submit(modal["custom_id"], values=values, **who), timeout=10)


# Everyone who might submit a form a moderator opened, and whether the change may land.
SUBMITTERS = {
    "the moderator who opened it": (MODERATOR, True),
    "the same moderator after their role was removed": ({}, False),
    "the same moderator from a direct message": ({"guild_id": None, **MODERATOR}, False),
    "the same moderator from another server": ({"guild_id": SECOND_GUILD_ID, **MODERATOR}, False),
    "a plain member replaying the form's id": ({"user": PLAIN}, False),
    "another moderator replaying the form's id": (
        {"user": payloads.user(1100000000000000998, "mod2"), **MODERATOR},
        False,
    ),
}


@pytest.mark.parametrize("submitter", list(SUBMITTERS))
async def test_edit_form_checks_who_submits_it_when_it_is_submitted(live, submitter: str) -> None:
    who, allowed = SUBMITTERS[submitter]
    modal = await open_form(live, "edit", id=FACT)
    answer = "The R1 training run lasted 80 hours on the H800 cluster, per the first article."
    callback = await submit(live, modal, [None, answer, None, None, None], **who)
    fact = live.store.fact(FACT)
    assert callback["data"]["flags"] & EPHEMERAL
    if allowed:
        assert "version 2" in callback["data"]["content"]
        assert fact.version == 2 and fact.answer == answer
    else:
        assert "version" not in callback["data"]["content"], callback
        assert fact.version == 1 and fact.answer != answer
        # Nobody who was refused appears in the history as having changed anything.
        assert [e.action for e in live.store.history(FACT)] == ["create"]


@pytest.mark.parametrize("submitter", [name for name, (_, allowed) in SUBMITTERS.items() if not allowed])
async def test_add_form_checks_who_submits_it_when_it_is_submitted(live, submitter: str) -> None:
    who, _ = SUBMITTERS[submitter]
    modal = await open_form(live, "add", topic="chips", subject="r1", source="slashdot")
    callback = await submit(
        live,
        modal,
        ["forged-fact", "R1's training used 512 Nvidia H800 chips, says Slashdot.", "512 Nvidia H800 chips", "", ""],
        **who,
    )
    assert "Added" not in callback["data"]["content"]
    assert "forged-fact" not in {f.id for f in live.store.facts(include_retired=True)}
    assert not live.store.history("forged-fact")


async def test_the_real_owner_can_still_submit_after_a_refused_replay(live) -> None:
    modal = await open_form(live, "edit", id=FACT)
    await submit(live, modal, [None, "Forged: R1 trained for nine hundred hours.", None, None, None], user=PLAIN)
    callback = await submit(
        live, modal, [None, "R1's training run took 80 hours in all.", None, None, None], **MODERATOR
    )
    assert "version 2" in callback["data"]["content"]
    assert [(e.actor_name, e.action) for e in live.store.history(FACT)][-1] == ("tester", "edit")


async def test_history_pager_answers_everyone_but_pages_only_for_its_moderator(live) -> None:
    moderation = Moderation(live.store)
    for n in range(6):
        moderation.edit(FACT, {"answer": f"The R1 training run took 80 hours (note {n})."}, n + 1, ALICE)
    ix = await live.fake.send_slash("facts", facts_command("history", id=FACT), **MODERATOR)
    await ix.response()
    older = next(b for row in ix.message["components"] for b in row["components"] if "Older" in b["label"])
    for who in ({"user": PLAIN}, {}):  # someone else; the moderator after losing the role
        pressed = await live.fake.send_component(older["custom_id"], message=ix, **who)
        callback = await pressed.response()
        assert callback["type"] == 4 and callback["data"]["flags"] & EPHEMERAL, "a press always gets an answer"
        assert "Page 2" not in str(callback)
    turned = await (await live.fake.send_component(older["custom_id"], message=ix, **MODERATOR)).response()
    assert "Page 2 of 2" in turned["data"]["embeds"][0]["footer"]["text"]


AUTOCOMPLETES = [
    ("edit", {"id": "r1"}, "id"),
    ("retire", {"id": "r1", "reason": "x"}, "id"),
    ("restore", {"id": "r1"}, "id"),
    ("history", {"id": "r1"}, "id"),
    ("add", {"topic": "c", "subject": "r", "source": "s"}, "topic"),
    ("add", {"topic": "c", "subject": "r", "source": "s"}, "subject"),
    ("add", {"topic": "c", "subject": "r", "source": "s"}, "source"),
]


@pytest.mark.parametrize(("command", "options", "focused"), AUTOCOMPLETES)
async def test_moderator_autocomplete_offers_nothing_to_non_moderators(live, command, options, focused) -> None:
    built = [{"type": 1, "name": command, "options": [{"name": k, "type": 3, "value": v} for k, v in options.items()]}]
    for who, allowed in (({}, False), ({"guild_id": SECOND_GUILD_ID, "permissions": 1 << 5}, False), (MODERATOR, True)):
        ix = await live.fake.send_autocomplete("facts", built, focused=focused, **who)
        await ix.response()
        assert bool(ix.autocomplete_choices()) is allowed, (who, ix.autocomplete_choices())


ALICE = Actor(id="cli:alice", name="alice", via="cli")


def hold_write_lock(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db, timeout=0)
    conn.execute("BEGIN IMMEDIATE")
    return conn


async def test_a_form_submit_is_acknowledged_at_once_even_when_the_write_must_wait(live, project: Path) -> None:
    modal = await open_form(live, "edit", id=FACT)
    holder = hold_write_lock(project / "facts.db")
    try:
        inputs = text_inputs(modal)
        values = {field["custom_id"]: field.get("value", "") for field in inputs}
        values[inputs[1]["custom_id"]] = "The R1 training run took 80 hours, start to finish."
        ix = await live.fake.send_modal_submit(modal["custom_id"], values=values, **MODERATOR)
        # Acknowledged while the lock is still held: Discord's 3 s cannot run out behind the busy wait.
        callback = await ix.response(timeout=2.5)
        assert callback["type"] == 5 and callback["data"]["flags"] & EPHEMERAL
        assert live.store.fact(FACT).version == 1
    finally:
        holder.rollback()
        holder.close()
    [followup] = await ix.followups(1, timeout=10)
    assert "version 2" in followup["content"], "the write lands once the lock is free"
    assert live.store.fact(FACT).version == 2


async def test_a_report_is_acknowledged_at_once_and_saved_once_the_lock_is_free(live, project: Path) -> None:
    asked = await live.fake.send_slash("ask", [{"name": "question", "type": 3, "value": "how much did r1 cost"}])
    await reply(asked)
    button = asked.message["components"][0]["components"][0]
    clicked = await live.fake.send_component(button["custom_id"], message=asked, user=PLAIN)
    await clicked.response()
    holder = hold_write_lock(project / "facts.db")
    try:
        modal = clicked.modal()
        [field] = text_inputs(modal)
        ix = await live.fake.send_modal_submit(modal["custom_id"], values={field["custom_id"]: "wrong"}, user=PLAIN)
        assert (await ix.response(timeout=2.5))["type"] == 5
    finally:
        holder.rollback()
        holder.close()
    [followup] = await ix.followups(1, timeout=10)
    assert "Thanks" in followup["content"]
    _, reports = live.store.gaps()
    assert [r.note for r in reports] == ["wrong"]


HOSTILE = "@everyone <@&1300000000000000201> <#1300000000000000101> </ask:1> [free nitro](https://evil.example)"


async def test_source_text_from_the_database_cannot_render_as_a_mention_or_link(live, project: Path) -> None:
    with sqlite3.connect(project / "facts.db") as conn:
        conn.execute("UPDATE sources SET headline = ?, outlet = ?, date = ?, date_note = ?", [HOSTILE] * 4)
    for command in ("sources", "chips"):
        embed = embed_of(await (await live.fake.send_slash(command)).response())
        text = embed_text(embed) + embed.get("author", {}).get("name", "")
        assert "evil.example" in text or command == "chips"
        assert not RENDERING.search(text), (command, text)


async def test_a_refusal_naming_a_hostile_editor_renders_no_mention(live) -> None:
    moderation = Moderation(live.store)
    hostile = Actor(id="cli:x", name=HOSTILE[:100], via="cli")
    modal = await open_form(live, "edit", id=FACT)  # opened at version 1
    moderation.edit(FACT, {"answer": "The R1 training run took 80 hours, it says."}, 1, hostile)
    callback = await submit(live, modal, [None, "R1 was trained for 80 hours.", None, None, None], **MODERATOR)
    content = callback["data"]["content"]
    assert "was changed by" in content and "evil.example" in content
    assert not RENDERING.search(content), content


async def test_answers_keep_coming_while_another_process_holds_the_write_lock(project: Path) -> None:
    """Counting unanswered questions is bookkeeping: 50 of them behind a held lock delay no answer."""
    import asyncio
    import subprocess
    import sys
    import time

    db = project / "facts.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        async with running_bot(db) as live:
            unknown = [
                await live.fake.send_slash("ask", [{"name": "question", "type": 3, "value": f"best pizza place {n}"}])
                for n in range(50)
            ]
            # Answered, or deferred in the burst and then filled in: either way counted once answered.
            await asyncio.gather(*(reply(ix, timeout=10) for ix in unknown))
            started = time.monotonic()
            known = await live.fake.send_slash(
                "ask", [{"name": "question", "type": 3, "value": "how much did r1 cost"}]
            )
            callback = await known.response(timeout=3)
            # Generous for a loaded 2-core machine; before the queue this waited out a 5 s busy timeout.
            assert time.monotonic() - started < 1.0
            assert "$294,000" in embed_of(callback)["description"]
            holder.stdin.close()
            holder.wait(timeout=10)
            # Once the lock is gone the queued questions are all counted, none lost.
            assert await asyncio.to_thread(live.bot.service.feedback.flush, 30)
            gaps, _ = live.store.gaps(limit=100)
            assert len([gap for gap in gaps if gap.question.startswith("best pizza place")]) == 50
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=0)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
conn.rollback()
"""
