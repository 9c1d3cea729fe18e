"""Doors the other security tests leave untried, each shown shut: a non-moderator changes no fact through any.

Written by an audit that went through every door a reader has (commands, autocomplete, buttons, forms,
mentions, payload permissions and roles, gaps); see also test_discord_non_moderators and test_discord_security.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.discord_harness import facts_command, option, reply, running_bot, text_inputs
from tests.fakediscord import DEFAULT_GUILD_ID, MOD_ROLE_ID, payloads
from tests.test_discord_non_moderators import (
    FACT_TABLES,
    MANAGE_GUILD,
    PLAIN,
    assert_refused,
    every_subcommand,
    snapshot,
    submit_held_up,
)

MODERATOR = {"roles": [MOD_ROLE_ID]}
FACT = "r1-training-hours"
EVERYTHING_BUT_MANAGE_SERVER = payloads.ALL_PERMISSIONS & ~MANAGE_GUILD & ~payloads.ADMINISTRATOR


@pytest.fixture
async def live(project: Path):
    async with running_bot(
        project / "facts.db", moderator_guild_ids=[DEFAULT_GUILD_ID], moderator_role_ids=[MOD_ROLE_ID]
    ) as running:
        # (An open gap and report, so that every subcommand has something to act on.)
        running.store.record_unanswered_counts({"what is liang s job": 3, "claim: deepseek has 200 employees": 1})
        running.store.add_report("/ask How much did R1 cost?", ["r1-training-cost"], "the figure is outdated")
        yield running


@pytest.mark.parametrize(
    "perms",
    [EVERYTHING_BUT_MANAGE_SERVER, 0],
    ids=["every bit but Manage Server/Administrator", "no bits at all"],
)
async def test_payload_permissions_without_manage_server_are_refused(live, project: Path, perms: int) -> None:
    """default_member_permissions is a hint: the bot reads the payload's permissions bit itself."""
    who = {"user": PLAIN, "permissions": perms}
    before = snapshot(project / "facts.db")
    for name, options in every_subcommand(live).items():
        assert_refused(await reply(await live.fake.send_slash("facts", options, **who)), f"/facts {name}")
    assert snapshot(project / "facts.db") == before


async def test_a_role_the_guild_does_not_know_is_not_a_moderator_role(live, project: Path) -> None:
    """A role id in the member payload that is the @everyone id or unknown to the guild gives nothing."""
    before = snapshot(project / "facts.db")
    for roles in ([DEFAULT_GUILD_ID], [1300000000000009999]):
        ix = await live.fake.send_slash("facts", facts_command("retire", id=FACT, reason="x"), user=PLAIN, roles=roles)
        assert_refused(await reply(ix), f"roles={roles}")
    assert snapshot(project / "facts.db") == before


async def test_a_mention_prefixed_message_reaches_no_command(live, project: Path) -> None:
    """commands.Bot with when_mentioned: there are no text commands, and the bot asks for no message intent."""
    assert live.bot.all_commands == {}
    assert not live.bot.intents.messages and not live.bot.intents.message_content
    before = snapshot(project / "facts.db")
    bot_id = live.fake.bot_user["id"]
    message = payloads.message(
        id=payloads.snowflake(),
        channel_id=live.fake.channel_id,
        guild_id=DEFAULT_GUILD_ID,
        author=PLAIN,
        content=f"<@{bot_id}> facts retire {FACT} forged",
        mentions=[live.fake.bot_user],
    )
    await live.fake.dispatch("MESSAGE_CREATE", message, guild_id=DEFAULT_GUILD_ID)
    await asyncio.sleep(0.5)
    assert snapshot(project / "facts.db") == before
    assert not live.fake.channel_messages(live.fake.channel_id)


async def test_a_replay_cannot_rewrite_a_moderators_fact_edit_in_flight(live, project: Path) -> None:
    """The existing race test covers the closing forms; this is the same race on the fact edit form,
    with the replay also sending custom_ids the form does not have and omitting fields."""
    ix = await live.fake.send_slash("facts", facts_command("edit", id=FACT), **MODERATOR)
    await ix.response()
    modal = ix.modal()
    inputs = text_inputs(modal)
    mine = {field["custom_id"]: field.get("value", "") for field in inputs}
    mine[inputs[1]["custom_id"]] = "The R1 training run took 80 hours, start to finish."
    held = await submit_held_up(live, modal, mine, **MODERATOR)
    forged = {inputs[1]["custom_id"]: "Forged: R1 trained for 9,000 hours.", "not-a-field": "x"}
    assert_refused(await reply(await live.fake.send_modal_submit(modal["custom_id"], values=forged, user=PLAIN)), "r")
    done = await reply(held, timeout=10)
    assert "version 2" in done["data"]["content"], done
    fact = live.store.fact(FACT)
    assert fact.answer == "The R1 training run took 80 hours, start to finish."
    assert [(e.actor_name, e.version) for e in live.store.history(FACT)][-1] == ("tester", 2)


async def test_readers_inflating_a_gap_never_promote_it(live, project: Path) -> None:
    """Asked over and over, a gap only counts up: no example question, no fact, no close, without a moderator."""
    before = snapshot(project / "facts.db")
    for _ in range(30):
        await reply(await live.fake.send_slash("ask", option("question", "best pizza recipe?"), user=PLAIN))
    assert live.bot.service.feedback.flush(10)
    after = snapshot(project / "facts.db")
    for table in FACT_TABLES:
        assert after[table] == before[table], table
    [gap] = [g for g in live.store.list_gaps() if g.question == "best pizza recipe"]
    assert gap.status == "open" and gap.count == 30 and gap.fact_id is None, gap
