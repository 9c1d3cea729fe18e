"""Fact-checking over the Discord protocol: the message context menu and /factcheck, end to end."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.discord_harness import embed_of, embed_text, reply, running_bot
from tests.fakediscord import payloads

# Mention syntax that must never render: users, roles, channels, commands, @everyone, a masked link.
RENDERING = re.compile(r"<[@#/]|<a?:|(?<!\u200b)@(everyone|here)|\]\(")


@pytest.fixture
async def live(project: Path):
    async with running_bot(project / "facts.db") as running:
        yield running


async def test_the_context_menu_checks_a_message_with_pings_in_it_and_pings_no_one(live) -> None:
    commands = {c["name"]: c for c in live.fake.commands()}
    assert commands["Fact-check"]["type"] == 3
    author = payloads.user(1100000000000000555, "arguer")
    text = "@everyone <@1100000000000000020> r1 was trained on 4k a100s for $20M lol **trust me**"
    message = payloads.message(
        id=1300000000000009001,
        channel_id=live.fake.channel_id,
        author=author,
        content=text,
        guild_id=live.fake.guild_id,
    )
    ix = await live.fake.send_context_menu(
        "Fact-check", target_id=message["id"], resolved=payloads.resolved(messages=[message])
    )
    callback = await ix.response()
    assert callback["type"] == 4
    assert callback["data"]["allowed_mentions"] == {"parse": []}, "the reply pings no one"
    embed = embed_of(callback)
    shown = embed_text(embed)
    assert "Contradicted" in shown and "$294,000" in shown and "512" in shown
    assert "/channels/" in embed["description"], "a link back to the checked message"
    without_link = embed["description"].split("[Checked message]")[0] + shown.replace(embed["description"], "")
    assert not RENDERING.search(without_link), without_link
    assert "**trust me**" not in shown, "markdown in the checked message is defused"


async def test_slash_factcheck_gives_each_statement_its_verdict(live) -> None:
    text = "512 H800s but it cost $9M, and the nature paper came out in june 2023"
    callback = await reply(await live.fake.send_slash("factcheck", [{"name": "text", "type": 3, "value": text}]))
    names = [field["name"] for field in embed_of(callback)["fields"]]
    assert any(name.startswith("✅ Supported") for name in names)
    assert any(name.startswith("❌ Contradicted") for name in names)
    assert any(name.startswith("⚖️ Disputed") for name in names)


async def test_nothing_checkable_is_said_in_one_sentence(live) -> None:
    callback = await reply(
        await live.fake.send_slash("factcheck", [{"name": "text", "type": 3, "value": "lmao this is wild"}])
    )
    embed = embed_of(callback)
    assert "Nothing in that is a claim I can check" in embed["description"] and "/ask" in embed["description"]
    assert not embed.get("fields")


async def test_an_unverified_claim_reaches_the_gaps(live) -> None:
    await reply(
        await live.fake.send_slash("factcheck", [{"name": "text", "type": 3, "value": "deepseek has 200 employees"}])
    )
    assert live.bot.service.feedback.flush(10)
    gaps, _ = live.store.gaps()
    assert [gap.question for gap in gaps] == ["claim: deepseek has 200 employees"]
