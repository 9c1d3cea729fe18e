"""No one but a moderator changes what moderators curate, whatever door they try and wherever from.

Every attempt goes through the fake Discord and the real client: slash commands,
autocomplete, buttons, selects and forms (their custom_ids replayed by someone the
view was never shown to), from the home server, another server, the bot's DM
(interaction context 1), a group DM (context 2) and through a user install
(`authorizing_integration_owners` naming the user). Each refusal must be an
ephemeral reply, and every table moderators curate must read, row for row, as it
did before (sqlite-utils on its own connection: what is on disk).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from bot.models import Actor
from bot.moderation import Moderation
from tests.discord_harness import (
    button,
    components,
    embed_of,
    facts_command,
    option,
    reply,
    running_bot,
    text_inputs,
    wait_until,
)
from tests.fakediscord import DEFAULT_GUILD_ID, DEFAULT_USER_ID, MOD_ROLE_ID, SECOND_GUILD_ID, payloads

EPHEMERAL = 64
MODAL = 9
SELECT = 3
MANAGE_GUILD = 1 << 5
LISTED_USER_ID = 1100000000000000777
LISTED = payloads.user(LISTED_USER_ID, "listed")
PLAIN = payloads.user(1100000000000000999, "plain")
MODERATOR = {"roles": [MOD_ROLE_ID]}
OTHER_MODERATOR = {"user": payloads.user(1100000000000000998, "mod2"), **MODERATOR}
FACT = "r1-training-hours"
ALICE = Actor(id="cli:alice", name="alice", via="cli")
# Everything a refusal may say: not your card, not here, not a moderator.
REFUSALS = ("Only the person who opened this can use it.", "home server", "You need a moderator role")
# Every table moderators curate (facts_generation moves on any change to a fact, by trigger).
CURATED = (
    "facts",
    "citations",
    "conflicts",
    "topics",
    "sources",
    "fact_history",
    "unanswered",
    "reports",
    "facts_generation",
)


def user_install(user_id: int) -> dict[str, str]:
    """`authorizing_integration_owners` of a command run through the user's own install of the app."""
    return {"1": str(user_id)}


def snapshot(db: Path) -> dict[str, list[dict[str, Any]]]:
    """Every curated row, read by sqlite-utils on a connection of its own."""
    database = sqlite_utils.Database(db)
    try:
        return {table: list(database[table].rows_where(order_by="rowid")) for table in CURATED}
    finally:
        database.close()


def assert_refused(callback: dict[str, Any], what: str) -> None:
    """A short private sentence saying why: no form, no card, no file."""
    assert callback["type"] == 4, f"{what}: expected a refusal, got {callback}"
    data = callback["data"]
    assert data.get("flags", 0) & EPHEMERAL, f"{what}: the refusal is not ephemeral: {callback}"
    assert any(phrase in (data.get("content") or "") for phrase in REFUSALS), f"{what}: {callback}"
    assert not data.get("embeds") and not data.get("components") and not data.get("attachments"), what


@pytest.fixture
async def live(project: Path):
    async with running_bot(
        project / "facts.db",
        moderator_guild_ids=[DEFAULT_GUILD_ID],
        moderator_role_ids=[MOD_ROLE_ID],
        moderator_user_ids=[LISTED_USER_ID],
    ) as running:
        # Something of each kind to act on: an open question, an open claim, an open report.
        running.store.record_unanswered_counts({"what is liang s job": 3, "claim: deepseek has 200 employees": 1})
        running.store.add_report("/ask How much did R1 cost?", ["r1-training-cost"], "the figure is outdated")
        yield running


def gap_id(live, question: str) -> int:
    return next(gap.id for gap in live.store.list_gaps() if gap.question == question)


# Non-moderators, as Discord would describe them to the bot.
OUTSIDERS: dict[str, dict[str, Any]] = {
    "a plain member of the home server": {"user": PLAIN},
    "a plain member through a user install": {"user": PLAIN, "integration_owners": user_install(PLAIN["id"])},
    "Manage Server in another server": {"guild_id": SECOND_GUILD_ID, "permissions": MANAGE_GUILD},
    "Manage Server in another server, through a user install": {
        "guild_id": SECOND_GUILD_ID,
        "permissions": MANAGE_GUILD,
        "integration_owners": user_install(DEFAULT_USER_ID),
    },
    "a listed moderator in another server": {"user": LISTED, "guild_id": SECOND_GUILD_ID},
    "a listed moderator in the bot's DM (context 1)": {"user": LISTED, "guild_id": None, "context": 1},
    "a listed moderator in a group DM (context 2)": {
        "user": LISTED,
        "guild_id": None,
        "context": 2,
        "integration_owners": user_install(LISTED_USER_ID),
    },
}


def every_subcommand(live) -> dict[str, list[dict[str, Any]]]:
    """Each /facts subcommand aimed at something real, so a missing check would change it."""
    question, claim = gap_id(live, "what is liang s job"), gap_id(live, "claim: deepseek has 200 employees")
    [report] = live.store.list_reports()
    return {
        "add": facts_command("add", topic="chips", subject="r1", source="slashdot"),
        "add for a gap": facts_command("add", topic="cost", subject="r1", source="slashdot", gap=question),
        "add-topic": facts_command("add-topic", topic="weather"),
        "add-question": facts_command("add-question", id=FACT, question="how long was the r1 run"),
        "edit": facts_command("edit", id=FACT),
        "retire": facts_command("retire", id=FACT, reason="forged"),
        "restore": facts_command("restore", id=FACT, version=1),
        "history": facts_command("history", id=FACT),
        "gaps": facts_command("gaps"),
        "teach": facts_command("teach", gap=question, fact="r1-training-cost"),
        "dismiss": facts_command("dismiss", gap=claim, reason="off-topic"),
        "close-report": facts_command("close-report", report=report.id, note="fixed in v3"),
        "export": facts_command("export"),
    }


@pytest.mark.parametrize("outsider", list(OUTSIDERS))
async def test_no_facts_subcommand_works_for_a_non_moderator(live, project: Path, outsider: str) -> None:
    who = OUTSIDERS[outsider]
    before = snapshot(project / "facts.db")
    for name, options in every_subcommand(live).items():
        callback = await reply(await live.fake.send_slash("facts", options, **who))
        assert_refused(callback, f"/facts {name}")
    assert snapshot(project / "facts.db") == before


async def test_the_snapshot_sees_what_a_moderator_changes(live, project: Path) -> None:
    """The comparison above could fail: the same commands from a moderator do change the rows."""
    before = snapshot(project / "facts.db")
    done = await reply(await live.fake.send_slash("facts", facts_command("add-topic", topic="weather"), **MODERATOR))
    assert "Added topic `weather`" in done["data"]["content"]
    after = snapshot(project / "facts.db")
    assert after["topics"] != before["topics"] and after["fact_history"] != before["fact_history"]


# Each autocompleted option of /facts, with the other options filled in.
AUTOCOMPLETED = [
    ("add", {"topic": "c", "subject": "r1", "source": "slashdot"}, "topic"),
    ("add", {"topic": "cost", "subject": "r", "source": "slashdot"}, "subject"),
    ("add", {"topic": "cost", "subject": "r1", "source": "s"}, "source"),
    ("add", {"topic": "cost", "subject": "r1", "source": "slashdot", "gap": ""}, "gap"),
    ("add-question", {"id": "r1", "question": "how long"}, "id"),
    ("edit", {"id": "r1"}, "id"),
    ("retire", {"id": "r1", "reason": "x"}, "id"),
    ("restore", {"id": "r1"}, "id"),
    ("history", {"id": "r1"}, "id"),
    ("teach", {"gap": "", "fact": "r1"}, "gap"),
    ("teach", {"gap": 1, "fact": "r1"}, "fact"),
    ("dismiss", {"gap": "", "reason": "off"}, "gap"),
    ("dismiss", {"gap": 1, "reason": ""}, "reason"),
    ("close-report", {"report": "", "note": "x"}, "report"),
]


def autocomplete(command: str, options: dict[str, Any], focused: str) -> list[dict[str, Any]]:
    typed = [
        {"name": k, "type": 4 if k in ("gap", "report") else 3, "value": v, "focused": k == focused}
        for k, v in options.items()
    ]
    return [{"type": 1, "name": command, "options": typed}]


@pytest.mark.parametrize("outsider", list(OUTSIDERS))
async def test_no_moderator_autocomplete_offers_anything_to_a_non_moderator(live, project: Path, outsider: str) -> None:
    before = snapshot(project / "facts.db")
    for command, options, focused in AUTOCOMPLETED:
        ix = await live.fake.send_autocomplete("facts", autocomplete(command, options, focused), **OUTSIDERS[outsider])
        callback = await ix.response()
        assert callback["type"] == 8 and ix.autocomplete_choices() == [], (command, focused, callback)
    # The same questions do get choices for a moderator: the refusal is not an empty table.
    for command, options, focused in AUTOCOMPLETED:
        ix = await live.fake.send_autocomplete("facts", autocomplete(command, options, focused), **MODERATOR)
        await ix.response()
        assert ix.autocomplete_choices(), (command, focused)
    assert snapshot(project / "facts.db") == before


# -- what a moderator opened, replayed by someone else or from somewhere else --


async def opened(live, options: list[dict[str, Any]]) -> Any:
    ix = await live.fake.send_slash("facts", options, **MODERATOR)
    await ix.response()
    return ix


async def pressed(live, ix, label: str, who: dict[str, Any] = MODERATOR) -> Any:
    press = await live.fake.send_component(button(ix, label)["custom_id"], message=ix, **who)
    await press.response()
    return press


async def picked(live, pager, value: str) -> Any:
    [select] = [c for c in components(pager.message) if c["type"] == SELECT]
    ix = await live.fake.send_component(
        select["custom_id"], message=pager, component_type=SELECT, values=[value], **MODERATOR
    )
    await ix.response()
    return ix


def forged_values(modal: dict[str, Any]) -> dict[str, str]:
    """Values that would make a valid change, had the submitter been allowed to make it."""
    values = {}
    for field in text_inputs(modal):
        label = field.get("label", "")
        if label.startswith("Topic / subject"):
            values[field["custom_id"]] = "training / r1"
        elif label.startswith("Citation"):
            values[field["custom_id"]] = "stir: for the 80 hours of training"
        elif label.startswith("Quote"):
            values[field["custom_id"]] = "512 Nvidia H800 chips"
        elif label.startswith("Answer"):
            values[field["custom_id"]] = "Forged: the R1 training run took 80 hours on a forged cluster."
        elif label.startswith("Key value"):
            values[field["custom_id"]] = "80 hours"
        else:
            values[field["custom_id"]] = field.get("value") or "forged"
    return values


# Everyone but the moderator who opened the pager, cards and forms (the default user, "tester").
INTRUDERS: dict[str, dict[str, Any]] = {
    "a plain member replaying the ids": {"user": PLAIN},
    "another moderator replaying the ids": OTHER_MODERATOR,
    "the opener after their role was removed": {},
    "the opener, role removed, through a user install": {"integration_owners": user_install(DEFAULT_USER_ID)},
    "the opener from the bot's DM (context 1)": {"guild_id": None, "context": 1, **MODERATOR},
    "the opener from a group DM (context 2)": {
        "guild_id": None,
        "context": 2,
        "integration_owners": user_install(DEFAULT_USER_ID),
    },
    "the opener with Manage Server in another server": {"guild_id": SECOND_GUILD_ID, "permissions": MANAGE_GUILD},
}


@pytest.mark.parametrize("intruder", list(INTRUDERS))
async def test_no_button_select_or_form_a_moderator_opened_works_for_anyone_else(
    live, project: Path, intruder: str
) -> None:
    who = INTRUDERS[intruder]
    question = gap_id(live, "what is liang s job")
    [report] = live.store.list_reports()
    # The moderator opens everything there is: the pager, a gap's card, a report's card, a history,
    # and every form (add, add for a gap from the command and from the card, edit from the command
    # and from a report's card, dismiss, close).
    pager = await opened(live, facts_command("gaps"))
    gap_card = await picked(live, pager, f"gap:{question}")
    report_card = await picked(live, pager, f"report:{report.id}")
    history = await opened(live, facts_command("history", id=FACT))
    forms = {
        "add": await opened(live, facts_command("add", topic="chips", subject="r1", source="slashdot")),
        "add for a gap": await opened(
            live, facts_command("add", topic="cost", subject="r1", source="slashdot", gap=question)
        ),
        "edit": await opened(live, facts_command("edit", id=FACT)),
        "the gap card's add": await pressed(live, gap_card, "Add a fact"),
        "the gap card's dismiss": await pressed(live, gap_card, "Dismiss"),
        "the report card's edit": await pressed(live, report_card, "Edit r1-training-cost"),
        "the report card's close": await pressed(live, report_card, "Close"),
    }
    assert all(form.modal() is not None for form in forms.values())
    before = snapshot(project / "facts.db")

    clicks = [(pager, c) for c in components(pager.message)]
    clicks += [(view, c) for view in (gap_card, report_card, history) for c in components(view.message)]
    labels = {c["label"] for _, c in clicks if c["type"] == 2}
    assert any(label.startswith("Teach: ") for label in labels), labels
    assert labels >= {"◀ Previous", "Next ▶", "Dismiss…", "Add a fact…", "Close…", "Edit r1-training-cost", "Older ▶"}
    for view, component in clicks:
        values = {"values": [f"gap:{question}"]} if component["type"] == SELECT else {}
        ix = await live.fake.send_component(
            component["custom_id"], message=view, component_type=component["type"], **values, **who
        )
        assert_refused(await reply(ix), component.get("label") or "the pager's select")
    for name, form in forms.items():
        modal = form.modal()
        ix = await live.fake.send_modal_submit(modal["custom_id"], values=forged_values(modal), **who)
        assert_refused(await reply(ix, timeout=10), f"the {name} form")
    assert snapshot(project / "facts.db") == before

    # The opener, still a moderator at home, can use the same form afterwards: it was refused, not broken.
    dismiss = forms["the gap card's dismiss"].modal()
    [reason] = text_inputs(dismiss)
    done = await reply(
        await live.fake.send_modal_submit(dismiss["custom_id"], values={reason["custom_id"]: "off-topic"}, **MODERATOR)
    )
    assert done["data"]["content"].startswith(f"Dismissed gap #{question} (off-topic)")


async def test_a_cards_button_id_sent_on_another_message_reaches_nothing(live, project: Path) -> None:
    """A view answers only on the message it was sent with: an id copied onto another message is dropped."""
    pager = await opened(live, facts_command("gaps"))
    card = await picked(live, pager, f"gap:{gap_id(live, 'what is liang s job')}")
    own = await live.fake.send_slash("ask", [{"name": "question", "type": 3, "value": "how much did r1 cost"}])
    await reply(own)
    before = snapshot(project / "facts.db")
    forged = await live.fake.send_component(button(card, "Teach: ")["custom_id"], message=own, user=PLAIN)
    with pytest.raises(TimeoutError):
        await forged.response(timeout=1.0)
    assert snapshot(project / "facts.db") == before


# -- what everyone may do: ask, check, report; none of it touches a fact --

FACT_TABLES = ("facts", "citations", "conflicts", "topics", "sources", "fact_history", "facts_generation")
READERS: dict[str, dict[str, Any]] = {
    "a plain member": {"user": PLAIN},
    "a plain member in the bot's DM (context 1)": {"user": PLAIN, "guild_id": None, "context": 1},
    "a plain member in a group DM (context 2)": {
        "user": PLAIN,
        "guild_id": None,
        "context": 2,
        "integration_owners": user_install(PLAIN["id"]),
    },
}


@pytest.mark.parametrize("reader", list(READERS))
async def test_what_everyone_may_do_only_counts_gaps_and_files_reports(live, project: Path, reader: str) -> None:
    who = READERS[reader]
    dismissed = gap_id(live, "claim: deepseek has 200 employees")
    Moderation(live.store).dismiss_gap(dismissed, "off-topic", ALICE)
    closed = live.store.add_report(None, ["r1-h800-chips"], "wrong chip")
    Moderation(live.store).close_report(closed, "answer was right", ALICE)
    before = snapshot(project / "facts.db")

    for name, options in (
        ("ask", option("question", "How much did R1 cost?")),
        ("ask", option("question", "best pizza recipe?")),
        ("factcheck", option("text", "deepseek has 200 employees")),  # the dismissed claim: never counted again
        ("factcheck", option("text", "r1 cost $20M to train")),
        ("cost", option("model", "r1")),
        ("fact", option("id", FACT)),
        ("chips", []),
        ("sources", []),
        ("topics", []),
        ("help", []),
    ):
        await reply(await live.fake.send_slash(name, options or None, **who))
    for name, focused in (("cost", "model"), ("fact", "id")):
        typed = [{"name": focused, "type": 3, "value": "r1"}]
        ix = await live.fake.send_autocomplete(name, typed, focused=focused, **who)
        await ix.response()
    message = payloads.message(
        id=payloads.snowflake(), channel_id=live.fake.channel_id, author=PLAIN, content="r1 used 4000 a100s"
    )
    await reply(
        await live.fake.send_context_menu(
            "Fact-check", target_id=message["id"], resolved=payloads.resolved(messages=[message]), **who
        )
    )
    # "Wrong answer?" under an answer; and a forged message of the bot's with a button naming facts of
    # the reader's choosing (discord.py only routes an id that is on the message clicked).
    answer = await live.fake.send_slash("ask", option("question", "how many chips did r1 use"), **who)
    await reply(answer)
    forged_id = "factbot:report:r1-training-cost,no-such-fact"
    forged = payloads.message(
        id=payloads.snowflake(),
        channel_id=answer.message["channel_id"],
        author=live.fake.bot_user,
        embeds=[{"author": {"name": "/facts retire r1-training-cost"}, "description": "forged"}],
        components=[payloads.action_row({"type": 2, "style": 2, "label": "Wrong answer?", "custom_id": forged_id})],
    )
    for custom_id, message in ((button(answer, "Wrong answer?")["custom_id"], answer), (forged_id, forged)):
        clicked = await live.fake.send_component(custom_id, message=message, **who)
        form = (await clicked.response())["data"]
        [note] = text_inputs(form)
        thanks = await reply(
            await live.fake.send_modal_submit(form["custom_id"], values={note["custom_id"]: "retire it"}, **who)
        )
        assert thanks["data"]["flags"] & EPHEMERAL and "Thanks" in thanks["data"]["content"]
    assert embed_of(answer.callback)["footer"]["text"]
    await wait_until(lambda: any(gap.question == "best pizza recipe" for gap in live.store.list_gaps()))
    assert live.bot.service.feedback.flush(10)

    after = snapshot(project / "facts.db")
    for table in FACT_TABLES:
        assert after[table] == before[table], f"{table} changed"
    # Gaps: only new open ones, or more asks of open ones; a closed gap is as it was, count and all.
    old = {row["id"]: row for row in before["unanswered"]}
    for row in after["unanswered"]:
        if row["id"] not in old:
            assert row["status"] == "open" and row["closed_by"] is None, row
        elif old[row["id"]]["status"] != "open":
            assert row == old[row["id"]], "a closed gap was touched"
        else:
            assert {**row, "count": 0, "last_asked": ""} == {**old[row["id"]], "count": 0, "last_asked": ""}
    # Reports: the old ones untouched, two new ones, both open, naming no one.
    assert after["reports"][: len(before["reports"])] == before["reports"]
    new = after["reports"][len(before["reports"]) :]
    assert [(r["status"], r["closed_by"], r["note"]) for r in new] == [("open", None, "retire it")] * 2
    assert [json.loads(r["fact_ids"]) for r in new] == [["r1-h800-chips"], ["r1-training-cost", "no-such-fact"]]
    assert str(PLAIN["id"]) not in str(new)


# -- a refused submit must not reach into the moderator's own, still in flight --
#
# discord.py keeps one form object per opened form, and writes each submit's values into it before
# the form's check runs: a refused submit still overwrites them. A moderator's submit that reads them
# after its first await (the acknowledgement, held up here by a rate limit discord.py waits out, as
# Discord's can) must save what that moderator typed, not what someone replayed meanwhile.

CALLBACK = r"/interactions/\d+/[^/]+/callback"


async def submit_held_up(live, modal: dict[str, Any], values: dict[str, str], **who: Any) -> Any:
    """Submit `modal` with its acknowledgement held up for a second; returns once the bot is waiting."""
    held = live.fake.fail_next("POST", CALLBACK, status=429, retry_after=1.0)
    ix = await live.fake.send_modal_submit(modal["custom_id"], values=values, **who)
    await wait_until(lambda: bool(held.hits))
    return ix


@pytest.mark.parametrize("form", ["dismiss", "close"])
async def test_a_refused_replay_cannot_rewrite_a_moderators_submit_in_flight(live, project: Path, form: str) -> None:
    question = gap_id(live, "what is liang s job")
    [report] = live.store.list_reports()
    pager = await opened(live, facts_command("gaps"))
    if form == "dismiss":
        opener = await pressed(live, await picked(live, pager, f"gap:{question}"), "Dismiss")
    else:
        opener = await pressed(live, await picked(live, pager, f"report:{report.id}"), "Close")
    modal = opener.modal()
    [field] = text_inputs(modal)
    mine = await submit_held_up(live, modal, {field["custom_id"]: "off-topic"}, **MODERATOR)
    replay = await live.fake.send_modal_submit(
        modal["custom_id"], values={field["custom_id"]: "forged by plain"}, user=PLAIN
    )
    assert_refused(await reply(replay), "the replayed form")
    done = await reply(mine, timeout=10)
    assert done["data"]["flags"] & EPHEMERAL and "forged" not in done["data"]["content"], done
    if form == "dismiss":
        gap = live.store.gap(question)
        assert (gap.status, gap.note, gap.closed_by) == ("dismissed", "off-topic", "tester")
    else:
        closed = live.store.report(report.id)
        assert (closed.status, closed.resolution, closed.closed_by) == ("closed", "off-topic", "tester")


async def test_a_readers_report_keeps_their_own_note_when_another_submits_their_form(live) -> None:
    answer = await live.fake.send_slash("ask", option("question", "how many chips did r1 use"), user=PLAIN)
    await reply(answer)
    clicked = await live.fake.send_component(button(answer, "Wrong answer?")["custom_id"], message=answer, user=PLAIN)
    modal = (await clicked.response())["data"]
    [note] = text_inputs(modal)
    before = {report.id for report in live.store.list_reports()}
    mine = await submit_held_up(live, modal, {note["custom_id"]: "the count is wrong"}, user=PLAIN)
    other = await live.fake.send_modal_submit(
        modal["custom_id"], values={note["custom_id"]: "someone else's words"}, user=OTHER_MODERATOR["user"]
    )
    assert "Thanks" in (await reply(other))["data"]["content"]
    assert "Thanks" in (await reply(mine, timeout=10))["data"]["content"]
    notes = sorted(report.note for report in live.store.list_reports() if report.id not in before)
    assert notes == ["someone else's words", "the count is wrong"]


async def test_a_question_written_as_a_claim_is_counted_as_a_question(live) -> None:
    """Only /factcheck files claims: a reader who asks "claim: …" files a question, normalised as any is."""
    asked = "claim: DeepSeek has <@123> 9000 EMPLOYEES!!"
    callback = await reply(await live.fake.send_slash("ask", option("question", asked), user=PLAIN))
    assert embed_of(callback)["title"] == "Not in the articles"
    await wait_until(lambda: len(live.store.list_gaps()) == 3)
    gaps = {gap.question: gap.is_claim for gap in live.store.list_gaps()}
    assert gaps.get("claim deepseek has 9000 employees") is False, gaps
    assert asked not in gaps
