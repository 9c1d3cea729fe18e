"""What a reader may write (reports, counted claims) and keep in memory (report forms) is bounded by the bot
itself, not only by the Discord client: end to end over tests/fakediscord."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.feedback import MAX_NOTE
from bot.views import REPORT_FORM_SECONDS
from tests.discord_harness import button, option, reply, running_bot, text_inputs
from tests.fakediscord import payloads

EPHEMERAL = 64
READER = payloads.user(1100000000000000999, "reader")
OTHER = payloads.user(1100000000000000555, "other")


@pytest.fixture
async def rated(project: Path):
    async with running_bot(project / "facts.db", ask_cooldown_seconds=60, ask_cooldown_rate=3) as running:
        yield running


def reports(db: Path) -> list[tuple[str | None, str | None]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT question, note FROM reports ORDER BY rowid").fetchall()


async def test_fact_checks_have_a_per_user_rate_shared_by_the_command_and_the_menu(rated) -> None:
    for _ in range(2):
        assert (
            "embeds" in (await reply(await rated.fake.send_slash("factcheck", option("text", "r1 cost 294k"))))["data"]
        )
    message = payloads.message(
        id=1300000000000009002,
        channel_id=rated.fake.channel_id,
        author=OTHER,
        content="r1 was trained on 512 h800s",
        guild_id=rated.fake.guild_id,
    )
    menu = await rated.fake.send_context_menu(
        "Fact-check", target_id=message["id"], resolved=payloads.resolved(messages=[message])
    )
    assert "embeds" in (await reply(menu))["data"]  # the third use
    refused = await reply(await rated.fake.send_slash("factcheck", option("text", "r1 cost 294k")))
    assert refused["data"]["flags"] & EPHEMERAL and "Slow down" in refused["data"]["content"]
    again = await rated.fake.send_context_menu(
        "Fact-check", target_id=message["id"], resolved=payloads.resolved(messages=[message])
    )
    assert "Slow down" in (await reply(again))["data"]["content"]
    # Per user, and apart from /ask's own count.
    other = await rated.fake.send_slash("factcheck", option("text", "r1 cost 294k"), user=OTHER)
    assert "embeds" in (await reply(other))["data"]
    assert "embeds" in (await reply(await rated.fake.send_slash("ask", option("question", "r1 cost"))))["data"]


async def test_wrong_answer_reports_have_a_per_user_rate(rated, project: Path) -> None:
    answer = await rated.fake.send_slash("ask", option("question", "how many chips did r1 use"), user=OTHER)
    await reply(answer)
    report = button(answer, "Wrong answer?")["custom_id"]
    for n in range(3):
        clicked = await rated.fake.send_component(report, message=answer, user=READER)
        form = (await clicked.response())["data"]
        [note] = text_inputs(form)
        done = await reply(
            await rated.fake.send_modal_submit(form["custom_id"], values={note["custom_id"]: f"n{n}"}, user=READER)
        )
        assert "Thanks" in done["data"]["content"]
    clicked = await rated.fake.send_component(report, message=answer, user=READER)
    refused = await clicked.response()
    assert refused["type"] == 4, "no form opens"
    assert refused["data"]["flags"] & EPHEMERAL and "Slow down" in refused["data"]["content"]
    assert len(reports(project / "facts.db")) == 3


async def test_a_forged_report_stores_no_more_than_the_form_allows_and_forms_expire(rated, project: Path) -> None:
    answer = await rated.fake.send_slash("ask", option("question", "how many chips did r1 use"), user=OTHER)
    await reply(answer)
    clicked = await rated.fake.send_component(button(answer, "Wrong answer?")["custom_id"], message=answer, user=READER)
    form = (await clicked.response())["data"]
    [note] = text_inputs(form)
    assert note["max_length"] == MAX_NOTE
    held = [m for m in rated.bot._connection._view_store._modals.values() if type(m).__name__ == "ReportModal"]
    assert held and all(m.timeout == REPORT_FORM_SECONDS for m in held), "a form never submitted is let go"
    # Discord's client keeps a reader to 500 characters; a forged submit is kept to it by the bot.
    done = await reply(
        await rated.fake.send_modal_submit(form["custom_id"], values={note["custom_id"]: "x" * 20_000}, user=READER)
    )
    assert "Thanks" in done["data"]["content"]
    [(_, stored)] = reports(project / "facts.db")
    assert stored == "x" * MAX_NOTE
