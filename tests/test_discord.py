"""The real discord.py bot, end to end over the Discord protocol against tests/fakediscord."""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.discord_harness import embed_of, embed_text, reply, running_bot
from tests.fakediscord import FakeDiscord, payloads

EPHEMERAL = 64


@pytest.fixture
async def live(project: Path):
    async with running_bot(project / "facts.db", ask_cooldown_seconds=60, ask_cooldown_rate=3) as running:
        yield running


async def test_cost_r1_embed_cites_both_articles_within_the_deadline(live) -> None:
    ix = await live.fake.send_slash("cost", [{"name": "model", "type": 3, "value": "r1"}])
    callback = await ix.response()
    assert callback["type"] == 4
    embed = embed_of(callback)
    text = embed_text(embed)
    assert "$294,000" in embed["description"]
    assert "AI model training costs disclosed" in text and "Slashdot" in text
    assert "> “with DeepSeek spending $294,000 on training its R1 model”" in text
    assert "Reported by 2 of 2 articles" in text
    assert "r1-training-cost" in embed["footer"]["text"]
    # The bound is Discord's: the fake refuses a callback more than 3 s after the interaction, as
    # Discord does, and ix.response() raises if it was refused. No guess at this machine's speed.
    assert ix.acknowledged and not ix.rejected


async def test_registered_command_payload(live) -> None:
    commands = {c["name"]: c for c in live.fake.commands()}
    assert set(commands) == {"ask", "cost", "chips", "sources", "topics", "fact", "help", "facts", "factcheck"} | {
        "Fact-check"
    }
    for command in commands.values():
        assert command["description"] or command.get("type") == 3, command["name"]
    assert commands["Fact-check"]["type"] == 3, "a message context-menu command"
    ask = commands["ask"]["options"][0]
    assert (ask["name"], ask["type"], ask["required"], ask["max_length"]) == ("question", 3, True, 1000)
    model = commands["cost"]["options"][0]
    assert model["autocomplete"] is True and not model.get("required")
    assert commands["fact"]["options"][0]["autocomplete"] is True
    assert commands["chips"].get("options", []) == []
    facts = commands["facts"]
    assert str(facts["default_member_permissions"]) == "32", "hidden from members without Manage Server"
    assert facts["contexts"] == [0], "guild-only"
    subcommands = {option["name"]: option for option in facts["options"]}
    assert set(subcommands) == {
        "add",
        "add-topic",
        "add-question",
        "edit",
        "retire",
        "restore",
        "history",
        "gaps",
        "teach",
        "dismiss",
        "close-report",
        "export",
    }
    assert all(option["type"] == 1 for option in subcommands.values())
    add_options = {o["name"]: o for o in subcommands["add"]["options"]}
    assert all(add_options[name]["autocomplete"] for name in ("topic", "subject", "source", "gap"))
    assert (add_options["gap"]["type"], add_options["gap"].get("required", False)) == (4, False)
    teach = {o["name"]: o for o in subcommands["teach"]["options"]}
    assert teach["gap"]["type"] == 4 and teach["gap"]["autocomplete"] and teach["fact"]["autocomplete"]


async def test_commands_are_not_resynced_when_unchanged(project: Path) -> None:
    fake = FakeDiscord()
    await fake.start()
    try:
        async with running_bot(project / "facts.db", fake):
            assert fake.put_count() == 1
        async with running_bot(project / "facts.db", fake):
            assert fake.put_count() == 1, "an unchanged command set must not be synced again"
    finally:
        await fake.stop()


@pytest.mark.parametrize(
    ("name", "options", "expected"),
    [
        ("chips", [], ["512", "H800", "80 hours", "A100", "preparatory"]),
        ("sources", [], ["Slashdot", "outlet unknown", "date not stated"]),
        ("topics", [], ["distillation", "chips"]),
        ("fact", [{"name": "id", "type": 3, "value": "r1-training-hours"}], ["80 hours"]),
        ("fact", [{"name": "id", "type": 3, "value": "nope"}], ["no fact with that id"]),
        ("ask", [{"name": "question", "type": 3, "value": "how many gpus lol"}], ["512"]),
        ("ask", [{"name": "question", "type": 3, "value": "best pizza recipe"}], ["couldn't find"]),
        ("cost", [{"name": "model", "type": 3, "value": "gemini"}], ["no training-cost figure"]),
        ("cost", [], ["$294,000", "$100 million"]),
    ],
)
async def test_every_command_answers(live, name: str, options: list, expected: list[str]) -> None:
    callback = await (await live.fake.send_slash(name, options)).response()
    text = embed_text(embed_of(callback))
    for needle in expected:
        assert needle in text, f"/{name}: {needle!r} missing from {text!r}"


async def test_conflict_is_shown_side_by_side(live) -> None:
    ix = await live.fake.send_slash("ask", [{"name": "question", "type": 3, "value": "when was the paper published"}])
    embed = embed_of(await reply(ix))
    names = [field["name"] for field in embed["fields"]]
    assert "⚖️ Sources disagree" in names
    inline = [field for field in embed["fields"] if field.get("inline")]
    assert len(inline) == 2
    assert "June 2023" in inline[0]["value"] and "Wednesday" in inline[1]["value"]


async def test_help_is_ephemeral(live) -> None:
    callback = await reply(await live.fake.send_slash("help"))
    assert callback["data"]["flags"] & EPHEMERAL
    assert "/ask" in embed_text(embed_of(callback))


async def test_cost_autocomplete(live) -> None:
    ix = await live.fake.send_autocomplete("cost", [{"name": "model", "type": 3, "value": "open", "focused": True}])
    await ix.response()
    assert [c["value"] for c in ix.autocomplete_choices()] == ["openai"]
    ix = await live.fake.send_autocomplete("cost", [{"name": "model", "type": 3, "value": "", "focused": True}])
    await ix.response()
    assert {c["value"] for c in ix.autocomplete_choices()} >= {"r1", "openai"}


async def test_fact_autocomplete_respects_discord_limits(live) -> None:
    ix = await live.fake.send_autocomplete("fact", [{"name": "id", "type": 3, "value": "", "focused": True}])
    await ix.response()
    choices = ix.autocomplete_choices()
    assert len(choices) == 25
    assert all(len(c["name"]) <= 100 for c in choices)


async def test_ask_cooldown(live) -> None:
    question = [{"name": "question", "type": 3, "value": "r1 cost"}]
    for _ in range(3):
        assert (await reply(await live.fake.send_slash("ask", question)))["type"] == 4
    callback = await reply(await live.fake.send_slash("ask", question))
    assert callback["data"]["flags"] & EPHEMERAL
    assert "ask again <t:" in callback["data"]["content"]
    other = await live.fake.send_slash("ask", question, user=payloads.user(4242, "someone-else"))
    assert "embeds" in (await reply(other))["data"], "the cooldown is per user"


async def test_unexpected_failure_is_a_short_ephemeral_reply_and_logged(live, caplog, monkeypatch) -> None:
    def broken() -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(live.bot.engine, "chips", broken)
    with caplog.at_level(logging.ERROR, logger="bot.client"):
        callback = await reply(await live.fake.send_slash("chips"))
    assert callback["data"]["flags"] & EPHEMERAL
    assert "something went wrong" in callback["data"]["content"]
    assert "disk on fire" not in callback["data"]["content"]
    assert any("disk on fire" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)
    # and the bot keeps answering
    assert (await reply(await live.fake.send_slash("topics")))["type"] == 4


async def test_gateway_drop_resumes_and_answers(live) -> None:
    await live.fake.drop_gateway()
    await live.fake.wait_until_resumed()
    callback = await reply(await live.fake.send_slash("chips"))
    assert "H800" in embed_of(callback)["description"]


async def test_everyone_never_pings(live, project: Path) -> None:
    conn = sqlite3.connect(project / "facts.db")
    with conn:
        conn.execute("UPDATE facts SET answer = answer || ' @everyone <@&1> <@2>' WHERE id = 'r1-training-hours'")
    conn.close()
    asks = [
        [{"name": "question", "type": 3, "value": "@everyone how long did training take <@&1>"}],
    ]
    for options in asks:
        callback = await reply(await live.fake.send_slash("ask", options))
        assert callback["data"]["allowed_mentions"] == {"parse": []}
    callback = await reply(
        await live.fake.send_slash("fact", [{"name": "id", "type": 3, "value": "r1-training-hours"}])
    )
    assert callback["data"]["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in embed_of(callback)["description"], "a mention in a fact is defused too"
    callback = await reply(await live.fake.send_slash("cost", [{"name": "model", "type": 3, "value": "@everyone"}]))
    assert callback["data"]["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in embed_text(embed_of(callback)).replace("@\u200beveryone", "")


def test_run_without_token_is_one_sentence(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert done.returncode != 0
    assert done.stderr.strip().count("\n") == 0, done.stderr
    assert "DISCORD_TOKEN is not set" in done.stderr and "factbot ask" in done.stderr


def test_command_comparison_ignores_discord_echoes() -> None:
    from bot.client import commands_differ

    local = [
        {
            "name": "facts",
            "description": "d",
            "type": 1,
            "options": [],
            "default_member_permissions": 32,
            "contexts": [0],
            "nsfw": False,
            "dm_permission": False,
            "integration_types": None,
        }
    ]
    remote = [
        {
            "id": "9",
            "application_id": "1",
            "version": "5",
            "name": "facts",
            "description": "d",
            "type": 1,
            "default_member_permissions": "32",
            "contexts": [0],
            "integration_types": [0],
            "nsfw": False,
            "name_localizations": None,
        }
    ]
    assert not commands_differ(local, remote)
    assert commands_differ(local, [{**remote[0], "description": "changed"}])
    assert commands_differ(local, [])


async def test_sharded_process_identifies_its_shard_and_answers(project: Path) -> None:
    from tests.fakediscord import DEFAULT_GUILD_ID, SECOND_GUILD_ID

    guild = next(g for g in (DEFAULT_GUILD_ID, SECOND_GUILD_ID) if (g >> 22) % 2 == 1)
    async with running_bot(project / "facts.db", shard_count=2, shard_ids=[1]) as live:
        assert type(live.bot).__name__ == "ShardedFactBot"
        assert [session.shard_id for session in live.fake.sessions] == [1]
        callback = await reply(await live.fake.send_slash("chips", guild_id=guild))
        assert "H800" in embed_of(callback)["description"]
