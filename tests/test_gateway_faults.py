"""Gateway and HTTP faults, through the fake Discord, with the real bot.

Timings come from discord.py itself: it RESUMEs at once after a resumable
close, sleeps 5 s (before_identify_hook) before IDENTIFYing again after a
non-resumable INVALID_SESSION, sleeps `retry_after` on a 429, and retries a
5xx on interaction routes after 1 s, 3 s, 5 s, … The fake refuses a callback
more than 3 s after the interaction, as Discord does.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from tests.discord_harness import embed_of, running_bot
from tests.fakediscord import FakeDiscord, FakeInteraction

CALLBACK = r"^/interactions/\d+/[^/]+/callback$"
EPHEMERAL = 64


@pytest.fixture
async def live(project: Path):
    async with running_bot(project / "facts.db") as running:
        yield running


def callback_posts(fake: FakeDiscord, ix: FakeInteraction) -> list:
    return [r for r in fake.find_requests("POST", CALLBACK) if f"/interactions/{ix.id}/" in r.path]


async def assert_chips_answered(fake: FakeDiscord) -> None:
    ix = await fake.send_slash("chips")
    callback = await ix.response()
    assert callback["type"] == 4
    assert "H800" in embed_of(callback)["description"]
    assert not ix.rejected


async def test_ten_drops_in_a_row_then_it_still_answers(live) -> None:
    fake = live.fake
    for drop in range(1, 11):
        await fake.drop_gateway()
        await fake.wait_until_resumed(count=drop)
    assert fake.resume_count == 10
    assert fake.identify_count == 1, "every drop must be RESUMEd, never a new IDENTIFY"
    assert len(fake.sessions) == 1 and fake.sessions[0].resumes == 10
    assert len(fake.connections) == 11
    await assert_chips_answered(fake)
    # An interaction sent while the bot is away is replayed on RESUME and answered.
    await fake.drop_gateway()
    ix = await fake.send_slash("cost", {"model": "r1"})
    await fake.wait_until_resumed(count=11)
    assert "$294,000" in embed_of(await ix.response())["description"]
    assert fake.sessions[0].replayed >= 1
    fake.assert_no_unhandled()


async def test_invalid_session_reidentifies_and_answers(live) -> None:
    fake = live.fake
    synced = fake.put_count()
    await fake.invalid_session(resumable=False)
    # discord.py waits 5 s (its before_identify_hook) before IDENTIFYing again.
    session = await fake.wait_until_identified(count=2, timeout=15)
    assert fake.identify_count == 2
    assert session is fake.sessions[-1] and session is not fake.sessions[0]
    assert fake.sessions[0].invalidated
    await assert_chips_answered(fake)
    assert fake.put_count() == synced, "a new session must not sync the commands again"
    fake.assert_no_unhandled()


async def test_rate_limited_callback_arrives_after_retry_after(live) -> None:
    fake = live.fake
    rule = fake.fail_next("POST", r"/interactions/.*/callback", 429, retry_after=0.5)
    ix = await fake.send_slash("cost", {"model": "r1"})
    callback = await ix.response(timeout=5)
    assert "$294,000" in embed_of(callback)["description"]
    assert len(rule.hits) == 1
    first, second = callback_posts(fake, ix)
    assert (first.status, second.status) == (429, 200)
    assert second.time - first.time >= 0.5, "retried before retry_after"
    assert ix.latency >= 0.5
    await assert_chips_answered(fake)
    fake.assert_no_unhandled()


async def test_server_error_on_callback_is_logged_retried_and_the_bot_goes_on(live, caplog) -> None:
    fake = live.fake
    fake.fail_next("POST", CALLBACK, 500)
    with caplog.at_level(logging.DEBUG, logger="discord.webhook.async_"):
        ix = await fake.send_slash("chips")
        callback = await ix.response(timeout=5)
    assert "H800" in embed_of(callback)["description"]
    assert [r.status for r in callback_posts(fake, ix)] == [500, 200]
    # A lower bound holds on any machine: the retry cannot come before discord.py's 1 s back-off.
    # The upper one is the fake's (Discord's) 3 s deadline, enforced by ix.response() above.
    assert ix.latency >= 0.9, "discord.py retries a 5xx after about 1 s"
    assert any(r.name == "discord.webhook.async_" and re.search(r"\b500\b", r.getMessage()) for r in caplog.records), (
        "the 500 is not in the log"
    )
    await assert_chips_answered(fake)
    fake.assert_no_unhandled()


async def test_callback_failing_past_the_deadline_is_logged_and_the_bot_goes_on(live, caplog) -> None:
    """Two 500s: the retry after 1 s + 3 s comes too late, Discord says "Unknown interaction"."""
    fake = live.fake
    fake.fail_next("POST", CALLBACK, 500, times=2)
    with caplog.at_level(logging.INFO):
        ix = await fake.send_slash("chips")
        await fake.wait_for_request("POST", CALLBACK, count=3, timeout=8)
        await assert_chips_answered(fake)
    # Once Discord says "Unknown interaction" no reply can reach the user: no error reply is tried.
    assert [r.status for r in callback_posts(fake, ix)] == [500, 500, 404]
    assert not ix.acknowledged
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR and r.name.startswith("bot")]
    assert any(r.getMessage().startswith("/chips: interaction") and "expired" in r.getMessage() for r in errors), errors
    fake.assert_no_unhandled()
