"""Discord's 3 s: an interaction that has already waited, or that comes in a burst, is deferred at once
and its answer follows; every user gets the same answer, with its button and no ping, in time."""

from __future__ import annotations

import asyncio
import gc
import logging
import threading
from pathlib import Path
from typing import Any

import discord
import pytest

from bench import questions as question_bank
from tests.discord_harness import embed_of, reply, running_bot

CALLBACK = r"^/interactions/\d+/[^/]+/callback$"
NO_PINGS = {"parse": []}


@pytest.fixture
async def live(project: Path):
    async with running_bot(project / "facts.db") as running:
        yield running


def ask(question: str) -> list[dict[str, Any]]:
    return [{"name": "question", "type": 3, "value": question}]


def report_button(body: dict[str, Any]) -> dict[str, Any]:
    [row] = body["components"]
    [button] = row["components"]
    return button


async def test_an_interaction_that_waited_close_to_the_deadline_is_deferred_not_answered_late(live) -> None:
    # Dated 2.5 s back, as if the gateway had been slow to deliver it: half a second is left.
    ix = await live.fake.send_slash("ask", ask("how much did r1 cost"), age=2.5)
    first = await ix.response()
    assert first["type"] == 5, "deferred at once, not worked out first"
    assert not ix.rejected
    [followup] = await ix.followups(1)
    assert "$294,000" in embed_of({"data": followup})["description"]
    assert followup["allowed_mentions"] == NO_PINGS
    assert report_button(followup)["label"] == "Wrong answer?"
    # The deferred message now shows the answer: the same reply a direct answer gets.
    direct = await live.fake.send_slash("ask", ask("how much did r1 cost"))
    answered = await direct.response()
    assert answered["type"] == 4
    assert answered["data"]["embeds"] == followup["embeds"] == ix.final_message()["embeds"]
    assert answered["data"]["components"] == followup["components"]


async def test_a_ready_answer_is_sent_at_once_even_to_an_old_interaction(live) -> None:
    await reply(await live.fake.send_slash("chips"))  # now cached
    ix = await live.fake.send_slash("chips", age=2.5)
    # One request either way, and this one is the answer itself.
    assert (await ix.response())["type"] == 4
    assert not ix.rejected and not ix.followup_requests


async def test_an_interaction_too_old_for_any_response_costs_one_log_line(live, caplog) -> None:
    with caplog.at_level(logging.INFO):
        ix = await live.fake.send_slash("ask", ask("how many chips"), age=3.5)
        await live.fake.wait_for_request("POST", CALLBACK)
        # The bot goes on answering.
        assert (await reply(await live.fake.send_slash("ask", ask("why h800"))))["type"] == 4
    # No error reply is tried: Discord has forgotten the interaction, no response can reach the user.
    assert [r.status for r in live.fake.find_requests("POST", rf"^/interactions/{ix.id}/")] == [404]
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage().split(":")[0] for r in errors] == ["/ask"]
    assert "expired" in errors[0].getMessage() and errors[0].exc_info is None


async def test_a_burst_is_deferred_and_every_answer_follows(live) -> None:
    questions = question_bank.varied(60, seed=11)
    burst = await asyncio.gather(*(live.fake.send_slash("ask", ask(q)) for q in questions))
    replies = await asyncio.gather(*(reply(ix, timeout=20) for ix in burst))
    assert not [ix for ix in burst if ix.rejected]
    counts = live.bot.responder.counts
    assert counts["deferred: busy"] > 0, counts
    # Each deferred answer is what the same question gets answered directly (now from the cache).
    for question, ix, body in zip(questions, burst, replies, strict=True):
        assert body["data"]["allowed_mentions"] == NO_PINGS
        if ix.callback_type == 5:
            again = await live.fake.send_slash("ask", ask(question))
            direct = await again.response()
            assert direct["type"] == 4
            assert direct["data"]["embeds"] == body["data"]["embeds"]
            assert direct["data"].get("components") == body["data"].get("components")


async def test_an_answer_that_is_slow_to_work_out_is_deferred_then_follows(live, monkeypatch) -> None:
    engine = live.bot.service.engine
    ask_engine = engine.ask
    release = threading.Event()

    def stuck(question: str):
        # Held in the worker thread until the deferral is seen: no guess at how fast this machine is.
        release.wait(10)
        return ask_engine(question)

    monkeypatch.setattr(engine, "ask", stuck)
    ix = await live.fake.send_slash("ask", ask("how much did r1 cost"))
    assert (await ix.response(timeout=5))["type"] == 5
    release.set()
    [followup] = await ix.followups(1, timeout=5)
    assert "$294,000" in followup["embeds"][0]["description"]
    assert live.bot.responder.counts["deferred: slow"] == 1


async def test_an_answered_interaction_is_freed_without_waiting_for_a_garbage_collection(live) -> None:
    # Each /ask's discord.py objects would otherwise sit in a reference cycle until a collection, and a
    # burst's thousands of them make the old generations' collections long pauses on the event loop.
    questions = question_bank.varied(40, seed=5)
    for question in questions[:5]:  # the engine's caches warm, so what is left over is the interactions'
        await reply(await live.fake.send_slash("ask", ask(question)))
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for question in questions[5:15]:  # one at a time: answered directly
            await reply(await live.fake.send_slash("ask", ask(question)))
        burst = await asyncio.gather(*(live.fake.send_slash("ask", ask(q)) for q in questions[15:]))
        await asyncio.gather(*(reply(ix, timeout=20) for ix in burst))  # deferred, then followed up
        await asyncio.sleep(0.1)
        assert live.bot.responder.counts["deferred: busy"] > 0
        gc.collect()
        left = [o for o in gc.garbage if isinstance(o, discord.Interaction)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert left == []
