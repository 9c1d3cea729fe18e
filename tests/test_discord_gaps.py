"""From gap to fix over the Discord protocol: /facts gaps pages, cards, teach, dismiss, add, close.

Each moderator action here is tested on the command line too (tests/test_gaps.py): both call
the same bot/moderation.py. Everyone but the moderator who opened a pager or card is refused by
each button, select and form at the moment it acts.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from bot.models import Actor
from bot.moderation import Moderation
from tests.discord_harness import (
    button,
    components,
    embed_of,
    embed_text,
    facts_command,
    reply,
    running_bot,
    text_inputs,
    wait_until,
)
from tests.fakediscord import DEFAULT_GUILD_ID, MOD_ROLE_ID, payloads
from tests.test_discord_security import HOSTILE, RENDERING

EPHEMERAL = 64
SELECT = 3
MODERATOR = {"roles": [MOD_ROLE_ID]}
PLAIN = payloads.user(1100000000000000999, "plain")
OTHER_MODERATOR = {"user": payloads.user(1100000000000000998, "mod2"), **MODERATOR}
NOT_YOURS = "Only the person who opened this can use it."
NOT_A_MODERATOR = "You need a moderator role"
ALICE = Actor(id="cli:alice", name="alice", via="cli")


@pytest.fixture
async def live(project: Path):
    async with running_bot(
        project / "facts.db", moderator_guild_ids=[DEFAULT_GUILD_ID], moderator_role_ids=[MOD_ROLE_ID]
    ) as running:
        yield running


async def ask(live, question: str) -> dict[str, Any]:
    return embed_of(
        await reply(await live.fake.send_slash("ask", [{"name": "question", "type": 3, "value": question}]))
    )


async def counted(live, question: str, count: int = 1) -> int:
    """Wait until the bot has counted `question` (it counts after replying); its gap's id."""
    await wait_until(lambda: any(g.question == question and g.count == count for g in live.store.list_gaps()))
    return next(g.id for g in live.store.list_gaps() if g.question == question)


async def open_gaps(live, who: dict[str, Any] = MODERATOR) -> Any:
    ix = await live.fake.send_slash("facts", facts_command("gaps"), **who)
    callback = await ix.response()
    assert callback["type"] == 4 and callback["data"]["flags"] & EPHEMERAL
    return ix


async def pick(live, pager, value: str, who: dict[str, Any] = MODERATOR) -> Any:
    """Choose a gap or report in the pager's select; the card comes back as a new ephemeral message."""
    [select] = [c for c in components(pager.message) if c["type"] == SELECT]
    ix = await live.fake.send_component(
        select["custom_id"], message=pager, component_type=SELECT, values=[value], **who
    )
    await ix.response()
    return ix


async def press(live, ix, label: str, who: dict[str, Any] = MODERATOR) -> Any:
    pressed = await live.fake.send_component(button(ix, label)["custom_id"], message=ix, **who)
    await pressed.response()
    return pressed


async def submit(live, opened, answers: list[str | None], who: dict[str, Any] = MODERATOR) -> dict[str, Any]:
    modal = opened.modal()
    assert modal is not None, f"expected a modal, got {opened.callback}"
    values = {
        field["custom_id"]: (field.get("value", "") if answer is None else answer)
        for field, answer in zip(text_inputs(modal), answers, strict=True)
    }
    ix = await live.fake.send_modal_submit(modal["custom_id"], values=values, **who)
    return await reply(ix, timeout=10)


# -- the whole loop --


async def test_ask_see_the_gap_teach_it_ask_again_and_history_says_who_when_which_gap(live) -> None:
    before = await ask(live, "How pricey was R1?")
    assert before["title"] == "Not in the articles"
    gap_id = await counted(live, "how pricey was r1")
    pager = await open_gaps(live)
    listing = embed_text(embed_of(pager.callback))
    assert f"#{gap_id} · 1× · question\n“how pricey was r1”" in listing and "first seen <t:" in listing
    # Teach it to a fact picked by autocomplete: the open question and the fact are both offered.
    options = [
        {"name": "gap", "type": 4, "value": "pricey", "focused": True},
        {"name": "fact", "type": 3, "value": "r1"},
    ]
    ix = await live.fake.send_autocomplete("facts", [{"type": 1, "name": "teach", "options": options}], **MODERATOR)
    await ix.response()
    assert [c["value"] for c in ix.autocomplete_choices()] == [gap_id]
    options = [
        {"name": "gap", "type": 4, "value": gap_id},
        {"name": "fact", "type": 3, "value": "training-co", "focused": True},
    ]
    ix = await live.fake.send_autocomplete("facts", [{"type": 1, "name": "teach", "options": options}], **MODERATOR)
    await ix.response()
    assert "r1-training-cost" in [c["value"] for c in ix.autocomplete_choices()]
    taught = await reply(
        await live.fake.send_slash("facts", facts_command("teach", gap=gap_id, fact="r1-training-cost"), **MODERATOR)
    )
    content = taught["data"]["content"]
    assert f"Taught gap #{gap_id} to `r1-training-cost` (version 2)" in content
    assert "gets `r1-training-cost`" in content
    after = await ask(live, "How pricey was R1?")
    assert "r1-training-cost" in after["footer"]["text"]
    assert "$294,000" in after["description"] and "“with DeepSeek spending $294,000" in embed_text(after)
    history = await live.fake.send_slash("facts", facts_command("history", id="r1-training-cost"), **MODERATOR)
    newest = embed_of(await history.response())["fields"][0]
    entry = live.store.history("r1-training-cost")[-1]
    assert newest["name"] == f"v2 · teach · {entry.at}"
    assert "by **tester** via discord" in newest["value"] and f"taught from gap #{gap_id}" in newest["value"]
    assert "no open gaps" in embed_text(embed_of((await open_gaps(live)).callback)).lower()


async def test_one_click_teach_from_a_suggested_fact(live) -> None:
    await ask(live, "how old is liang")
    gap_id = await counted(live, "how old is liang")
    card = await pick(live, await open_gaps(live), f"gap:{gap_id}")
    shown = embed_of(card.callback)
    assert shown["title"] == f"Gap #{gap_id}" and "Nearest facts" in embed_text(shown)
    assert button(card, "Teach: ")["label"] == "Teach: liang-wenfeng-founder", "the engine's best candidate first"
    done = await reply(await press(live, card, "Teach: liang-wenfeng-founder"))
    assert f"Taught gap #{gap_id} to `liang-wenfeng-founder`" in done["data"]["content"]
    assert "liang-wenfeng-founder" in (await ask(live, "how old is liang"))["footer"]["text"]
    again = await reply(await press(live, card, "Teach: liang-wenfeng-founder"))
    assert "already taught to `liang-wenfeng-founder` by tester" in again["data"]["content"]
    assert live.store.fact("liang-wenfeng-founder").version == 2


# -- dismissing, adding a fact, closing a report --


async def test_dismiss_from_the_card_and_the_question_is_never_counted_again(live) -> None:
    for _ in range(2):
        await ask(live, "Best pizza recipe?")
    gap_id = await counted(live, "best pizza recipe", 2)
    card = await pick(live, await open_gaps(live), f"gap:{gap_id}")
    form = await press(live, card, "Dismiss")
    modal = form.modal()
    assert modal["title"] == f"Dismiss gap #{gap_id}"
    done = await submit(live, form, ["off-topic"])
    assert done["data"]["flags"] & EPHEMERAL
    assert f"Dismissed gap #{gap_id} (off-topic): it will not be counted again." == done["data"]["content"]
    await ask(live, "Best pizza recipe?")
    assert await asyncio.to_thread(live.bot.service.feedback.flush, 10)
    gap = live.store.gap(gap_id)
    assert (gap.status, gap.count, gap.note, gap.closed_by) == ("dismissed", 2, "off-topic", "tester")
    assert live.store.list_gaps() == []


async def test_dismiss_by_slash_command_with_the_usual_reasons_offered(live) -> None:
    await ask(live, "how much electricity did training use")
    gap_id = await counted(live, "how much electricity did training use")
    options = [
        {"name": "gap", "type": 4, "value": gap_id},
        {"name": "reason", "type": 3, "value": "art", "focused": True},
    ]
    ix = await live.fake.send_autocomplete("facts", [{"type": 1, "name": "dismiss", "options": options}], **MODERATOR)
    await ix.response()
    assert [c["value"] for c in ix.autocomplete_choices()] == ["the articles don't say"]
    done = await reply(
        await live.fake.send_slash(
            "facts", facts_command("dismiss", gap=gap_id, reason="the articles don't say"), **MODERATOR
        )
    )
    assert "Dismissed gap" in done["data"]["content"]
    assert live.store.gap(gap_id).note == "the articles don't say"


async def test_a_claim_card_offers_dismiss_and_add_but_no_teach(live) -> None:
    await reply(
        await live.fake.send_slash("factcheck", [{"name": "text", "type": 3, "value": "deepseek has 200 employees"}])
    )
    gap_id = await counted(live, "claim: deepseek has 200 employees")
    card = await pick(live, await open_gaps(live), f"gap:{gap_id}")
    labels = [c["label"] for c in components(card.message)]
    assert labels == ["Dismiss…", "Add a fact…"]
    assert "A fact-check claim" in embed_text(embed_of(card.callback))
    refused = await reply(
        await live.fake.send_slash(
            "facts", facts_command("teach", gap=gap_id, fact="deepseek-low-profile"), **MODERATOR
        )
    )
    assert "fact-check claim, not a question" in refused["data"]["content"]


async def test_add_a_fact_for_a_gap_from_its_card(live) -> None:
    Moderation(live.store).retire("r1-training-hours", "retired by mistake", ALICE)
    await ask(live, "How long did the R1 training run last?")
    gap_id = await counted(live, "how long did the r1 training run last")
    card = await pick(live, await open_gaps(live), f"gap:{gap_id}")
    form = await press(live, card, "Add a fact")
    modal = form.modal()
    assert modal["title"] == f"Add a fact for gap #{gap_id}"
    inputs = text_inputs(modal)
    assert inputs[0]["value"] == "how long did the r1 training run last", "the question is shown, prefilled"
    done = await submit(
        live,
        form,
        [
            None,
            "training / r1",
            "The final R1 training run lasted 80 hours on the H800 cluster.",
            "stir: for the 80 hours of training",
            "80 hours",
        ],
    )
    content = done["data"]["content"]
    assert f"for gap #{gap_id}, which is closed" in content and "Asked now" in content
    fact_id = live.store.gap(gap_id).fact_id
    assert fact_id and live.store.fact(fact_id).questions == ["how long did the r1 training run last"]
    assert fact_id in (await ask(live, "How long did the R1 training run last?"))["footer"]["text"]


async def test_facts_add_with_a_gap_opens_the_add_form_showing_the_question(live) -> None:
    await ask(live, "How pricey was R1?")
    gap_id = await counted(live, "how pricey was r1")
    ix = await live.fake.send_slash(
        "facts", facts_command("add", topic="cost", subject="r1", source="slashdot", gap=gap_id), **MODERATOR
    )
    await ix.response()
    modal = ix.modal()
    assert modal["title"] == f"Add a fact for gap #{gap_id}"
    first = text_inputs(modal)[0]
    assert first["value"] == "how pricey was r1"
    labels = [c.get("label") for c in modal["components"]] + [i.get("label") for i in text_inputs(modal)]
    assert all(len(label) <= 45 for label in labels if label)


async def test_close_a_report_from_its_card_and_jump_to_the_facts_edit_form(live) -> None:
    asked = await live.fake.send_slash("ask", [{"name": "question", "type": 3, "value": "How much did R1 cost?"}])
    await reply(asked)
    report_button = asked.message["components"][0]["components"][0]
    clicked = await live.fake.send_component(report_button["custom_id"], message=asked, user=PLAIN)
    await clicked.response()
    await submit(live, clicked, ["the figure is outdated"], {"user": PLAIN})
    [report] = live.store.list_reports()
    card = await pick(live, await open_gaps(live), f"report:{report.id}")
    assert "the figure is outdated" in embed_text(embed_of(card.callback))
    edit = await press(live, card, "Edit r1-training-cost")
    assert edit.modal()["title"] == "Edit r1-training-cost"
    assert text_inputs(edit.modal())[1]["value"] == live.store.fact("r1-training-cost").answer
    form = await press(live, card, "Close")
    done = await submit(live, form, ["answer was right"])
    assert done["data"]["content"] == f"Closed report #{report.id}: answer was right"
    closed = live.store.report(report.id)
    assert (closed.status, closed.resolution, closed.closed_by) == ("closed", "answer was right", "tester")
    again = await reply(
        await live.fake.send_slash("facts", facts_command("close-report", report=report.id, note="x"), **MODERATOR)
    )
    assert "was already closed by tester" in again["data"]["content"]


async def test_close_report_by_slash_command(live) -> None:
    report_id = live.store.add_report(None, ["r1-h800-chips"], "wrong chip")
    options = [
        {"name": "report", "type": 4, "value": "chip", "focused": True},
        {"name": "note", "type": 3, "value": "x"},
    ]
    ix = await live.fake.send_autocomplete(
        "facts", [{"type": 1, "name": "close-report", "options": options}], **MODERATOR
    )
    await ix.response()
    assert [c["value"] for c in ix.autocomplete_choices()] == [report_id]
    done = await reply(
        await live.fake.send_slash(
            "facts", facts_command("close-report", report=report_id, note="fixed in v3"), **MODERATOR
        )
    )
    assert done["data"]["content"] == f"Closed report #{report_id}: fixed in v3"


# -- paging --


async def test_paging_past_ten_and_only_the_opener_may_page(live) -> None:
    live.store.record_unanswered_counts({f"unanswered question {n}": 30 - n for n in range(12)})
    reports = [live.store.add_report(None, ["r1-training-cost"], f"report {n}") for n in range(2)]
    pager = await open_gaps(live)
    first = embed_of(pager.callback)
    assert len(first["fields"]) == 10 and first["footer"]["text"] == "Page 1 of 2"
    assert first["fields"][0]["name"] == "#1 · 30× · question" and first["fields"][9]["name"] == "#10 · 21× · question"
    assert button(pager, "◀ Previous").get("disabled") is True
    for who in ({"user": PLAIN}, OTHER_MODERATOR, {}):  # another member, another moderator, the opener demoted
        pressed = await live.fake.send_component(button(pager, "Next")["custom_id"], message=pager, **who)
        callback = await pressed.response()
        assert callback["type"] == 4 and callback["data"]["flags"] & EPHEMERAL, "a press always gets an answer"
        expected = NOT_A_MODERATOR if who == {} else NOT_YOURS
        assert expected in callback["data"]["content"]
    turned = await (
        await live.fake.send_component(button(pager, "Next")["custom_id"], message=pager, **MODERATOR)
    ).response()
    assert turned["type"] == 7
    second = turned["data"]["embeds"][0]
    assert second["footer"]["text"] == "Page 2 of 2"
    names = [field["name"] for field in second["fields"]]
    assert names == ["#11 · 20× · question", "#12 · 19× · question"] + [
        f"Report #{r} · r1-training-cost" for r in reversed(reports)
    ]
    [select] = [c for row in turned["data"]["components"] for c in row["components"] if c["type"] == SELECT]
    assert [o["value"] for o in select["options"]] == ["gap:11", "gap:12"] + [f"report:{r}" for r in reversed(reports)]
    back = await (
        await live.fake.send_component(button(pager, "◀ Previous")["custom_id"], message=pager, **MODERATOR)
    ).response()
    assert back["data"]["embeds"][0]["footer"]["text"] == "Page 1 of 2"


# -- who may act: every button, select and form checks again when it is used --

INTRUDERS = {
    "a plain member": ({"user": PLAIN}, NOT_YOURS),
    "the moderator after their role was removed": ({}, NOT_A_MODERATOR),
    "another moderator": (OTHER_MODERATOR, NOT_YOURS),
}


async def gap_card(live, question: str, normalised: str) -> tuple[int, Any]:
    await ask(live, question)
    gap_id = await counted(live, normalised)
    return gap_id, await pick(live, await open_gaps(live), f"gap:{gap_id}")


@pytest.mark.parametrize("intruder", list(INTRUDERS))
async def test_only_the_opener_still_a_moderator_can_pick_teach_dismiss_or_close(live, intruder: str) -> None:
    who, refusal = INTRUDERS[intruder]
    gap_id, card = await gap_card(live, "how old is liang", "how old is liang")
    pager = await open_gaps(live)
    [select] = [c for c in components(pager.message) if c["type"] == SELECT]
    picked = await live.fake.send_component(
        select["custom_id"], message=pager, component_type=SELECT, values=[f"gap:{gap_id}"], **who
    )
    answer = await picked.response()
    assert answer["data"]["flags"] & EPHEMERAL and refusal in answer["data"]["content"]
    assert not answer["data"].get("embeds"), "the card is not shown"
    # The one-click teach button.
    teach = await live.fake.send_component(button(card, "Teach: ")["custom_id"], message=card, **who)
    assert refusal in (await reply(teach))["data"]["content"]
    # The dismiss form, opened by the moderator, submitted by someone else.
    form = await press(live, card, "Dismiss")
    refused = await submit(live, form, ["off-topic"], who)
    assert refused["data"]["flags"] & EPHEMERAL and refusal in refused["data"]["content"]
    # The close-report form, likewise.
    report_id = live.store.add_report(None, ["r1-training-cost"], "wrong")
    report_card = await pick(live, pager, f"report:{report_id}")
    closing = await press(live, report_card, "Close")
    refused = await submit(live, closing, ["answer was right"], who)
    assert refusal in refused["data"]["content"]
    # Nothing changed, and no refused attempt names the intruder as having changed anything.
    assert live.store.gap(gap_id).status == "open" and live.store.report(report_id).status == "open"
    assert [e.action for e in live.store.history("liang-wenfeng-founder")] == ["create"]
    # The opener, still a moderator, can use the same card and forms afterwards.
    assert "Dismissed gap" in (await submit(live, form, ["off-topic"]))["data"]["content"]


@pytest.mark.parametrize("command", ["teach", "dismiss", "close-report"])
async def test_plain_members_cannot_teach_dismiss_or_close_by_command_nor_see_choices(live, command: str) -> None:
    await ask(live, "How pricey was R1?")
    gap_id = await counted(live, "how pricey was r1")
    report_id = live.store.add_report(None, ["r1-training-cost"], "wrong")
    options = {
        "teach": {"gap": gap_id, "fact": "r1-training-cost"},
        "dismiss": {"gap": gap_id, "reason": "off-topic"},
        "close-report": {"report": report_id, "note": "fixed"},
    }[command]
    for who in ({"user": PLAIN}, {"guild_id": None, **MODERATOR}):
        refused = await reply(await live.fake.send_slash("facts", facts_command(command, **options), **who))
        assert refused["data"]["flags"] & EPHEMERAL
        assert "home server" in refused["data"]["content"] or NOT_A_MODERATOR in refused["data"]["content"]
    focused = "report" if command == "close-report" else "gap"
    built = [
        {"name": k, "type": 4 if isinstance(v, int) else 3, "value": "" if k == focused else v, "focused": k == focused}
        for k, v in options.items()
    ]
    for who, allowed in (({"user": PLAIN}, False), (MODERATOR, True)):
        ix = await live.fake.send_autocomplete("facts", [{"type": 1, "name": command, "options": built}], **who)
        await ix.response()
        assert bool(ix.autocomplete_choices()) is allowed
    assert live.store.gap(gap_id).status == "open" and live.store.report(report_id).status == "open"
    assert live.store.fact("r1-training-cost").version == 1


async def test_what_readers_wrote_cannot_render_as_a_mention_in_the_pager_or_a_card(live) -> None:
    report_id = live.store.add_report(HOSTILE, ["r1-training-cost"], HOSTILE)
    pager = await open_gaps(live)
    listing = embed_text(embed_of(pager.callback))
    assert "evil.example" in listing and not RENDERING.search(listing), listing
    card = await pick(live, pager, f"report:{report_id}")
    shown = embed_text(embed_of(card.callback))
    assert "evil.example" in shown and not RENDERING.search(shown), shown
