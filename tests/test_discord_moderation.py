"""Moderation over the Discord protocol: who may change facts, forms, history, reports, gaps."""

from __future__ import annotations

import time
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.discord_harness import embed_of, embed_text, reply, running_bot, text_inputs, wait_until
from tests.fakediscord import DEFAULT_GUILD_ID, MOD_ROLE_ID, SECOND_GUILD_ID, payloads

EPHEMERAL = 64
MANAGE_GUILD = 1 << 5
LISTED_USER_ID = 1100000000000000777
REFUSALS = ("home server", "You need a moderator role")

MODERATOR = {"roles": [MOD_ROLE_ID]}


@pytest.fixture
async def live(project: Path):
    async with running_bot(
        project / "facts.db",
        moderator_guild_ids=[DEFAULT_GUILD_ID],
        moderator_role_ids=[MOD_ROLE_ID],
        moderator_user_ids=[LISTED_USER_ID],
    ) as running:
        yield running


async def submit(live, opened, answers: list[str | None], **who) -> dict[str, Any]:
    """Fill the modal the bot opened (None keeps an input's default) and submit it."""
    modal = opened.modal()
    assert modal is not None, f"expected a modal, got {opened.callback}"
    inputs = text_inputs(modal)
    values = {
        field["custom_id"]: (field.get("value", "") if answer is None else answer)
        for field, answer in zip(inputs, answers, strict=True)
    }
    ix = await live.fake.send_modal_submit(modal["custom_id"], values=values, **who)
    return await reply(ix, timeout=10)


ACTORS = {
    "moderator role": ({"roles": [MOD_ROLE_ID]}, True),
    "moderator user": ({"user": payloads.user(LISTED_USER_ID, "listed")}, True),
    "manage server here": ({"permissions": MANAGE_GUILD}, True),
    "plain member": ({}, False),
    "manage server elsewhere": ({"guild_id": SECOND_GUILD_ID, "permissions": MANAGE_GUILD}, False),
    "direct message": ({"guild_id": None}, False),
}


def subcommands(fact_id: str) -> dict[str, list[dict[str, Any]]]:
    option = {"name": "id", "type": 3, "value": fact_id}
    return {
        "add": [
            {"name": "topic", "type": 3, "value": "chips"},
            {"name": "subject", "type": 3, "value": "r1"},
            {"name": "source", "type": 3, "value": "slashdot"},
        ],
        "edit": [option],
        "retire": [option, {"name": "reason", "type": 3, "value": "test"}],
        "restore": [option],
        "history": [option],
        "gaps": [],
        "export": [],
        "add-topic": [{"name": "topic", "type": 3, "value": "weather"}],
        # No such gap or report: a moderator is told so, anyone else is refused before that.
        "teach": [{"name": "gap", "type": 4, "value": 999}, {"name": "fact", "type": 3, "value": fact_id}],
        "dismiss": [{"name": "gap", "type": 4, "value": 999}, {"name": "reason", "type": 3, "value": "off-topic"}],
        "close-report": [{"name": "report", "type": 4, "value": 999}, {"name": "note", "type": 3, "value": "x"}],
    }


@pytest.mark.parametrize("actor", list(ACTORS))
async def test_permission_matrix(live, actor: str) -> None:
    who, allowed = ACTORS[actor]
    for name, options in subcommands("r1-training-hours").items():
        ix = await live.fake.send_slash("facts", [{"type": 1, "name": name, "options": options}], **who)
        callback = await reply(ix)
        content = callback.get("data", {}).get("content") or ""
        refused = any(phrase in content for phrase in REFUSALS)
        assert refused is not allowed, f"{actor} /facts {name}: {callback}"
        if not allowed:
            assert callback["data"]["flags"] & EPHEMERAL
    fact = live.store.fact("r1-training-hours", include_retired=True)
    assert fact.status == "active" and fact.version == (3 if allowed else 1)  # retired, then restored


async def test_moderator_adds_a_fact_and_ask_answers_with_it_at_once(live) -> None:
    options = subcommands("")["add"]
    opened = await (
        await live.fake.send_slash("facts", [{"type": 1, "name": "add", "options": options}], **MODERATOR)
    ).response()
    assert opened["type"] == 9
    ix = await live.fake.send_slash("facts", [{"type": 1, "name": "add", "options": options}], **MODERATOR)
    await ix.response()
    submitted = await submit(
        live,
        ix,
        [
            "r1-cluster-total",
            "R1's training cluster held 512 Nvidia H800 chips in total.",
            "512 Nvidia H800 chips",
            "512 chips",
            "zeppelin, cluster total",
        ],
        **MODERATOR,
    )
    assert "Added `r1-cluster-total`" in submitted["data"]["content"]
    answer = await reply(await live.fake.send_slash("ask", [{"name": "question", "type": 3, "value": "zeppelin"}]))
    assert "r1-cluster-total" in embed_of(answer)["footer"]["text"]
    [entry] = live.store.history("r1-cluster-total")
    assert (entry.via, entry.actor_name, entry.action) == ("discord", "tester", "create")


async def test_edit_with_a_quote_not_in_the_article_is_refused_with_the_reason(live) -> None:
    ix = await live.fake.send_slash(
        "facts",
        [{"type": 1, "name": "edit", "options": [{"name": "id", "type": 3, "value": "r1-training-hours"}]}],
        **MODERATOR,
    )
    await ix.response()
    inputs = text_inputs(ix.modal())
    assert inputs[2]["value"] == "stir: for the 80 hours of training", "the form is pre-filled"
    submitted = await submit(live, ix, [None, None, "stir: for the 90 hours of training", None, None], **MODERATOR)
    content = submitted["data"]["content"]
    assert submitted["data"]["flags"] & EPHEMERAL
    assert "refused" in content and "does not occur verbatim in source `stir`" in content
    assert live.store.fact("r1-training-hours").version == 1


async def test_edit_lands_and_history_pages(live) -> None:
    for number in range(6):
        ix = await live.fake.send_slash(
            "facts",
            [{"type": 1, "name": "edit", "options": [{"name": "id", "type": 3, "value": "r1-training-hours"}]}],
            **MODERATOR,
        )
        await ix.response()
        submitted = await submit(
            live, ix, [None, f"The R1 training run lasted 80 hours (edit {number}).", None, None, None], **MODERATOR
        )
        assert f"version {number + 2}" in submitted["data"]["content"]
    ix = await live.fake.send_slash(
        "facts",
        [{"type": 1, "name": "history", "options": [{"name": "id", "type": 3, "value": "r1-training-hours"}]}],
        **MODERATOR,
    )
    first = embed_of(await ix.response())
    assert first["fields"][0]["name"].startswith("v7 · edit")
    assert "Page 1 of 2" in first["footer"]["text"]
    buttons = [c for row in ix.message["components"] for c in row["components"]]
    older = next(b for b in buttons if "Older" in b["label"])
    turned = await (await live.fake.send_component(older["custom_id"], message=ix, **MODERATOR)).response()
    assert turned["type"] == 7
    assert "Page 2 of 2" in turned["data"]["embeds"][0]["footer"]["text"]
    assert turned["data"]["embeds"][0]["fields"][-1]["name"].startswith("v1 · create")


@pytest.mark.parametrize("count_delay", [0.0, 0.5], ids=["prompt", "late-count"])
async def test_wrong_answer_report_and_unanswered_questions_reach_gaps(live, monkeypatch, count_delay: float) -> None:
    # The bot counts an unanswered question after it has replied (the reply must not wait on a
    # write lock). "late-count" makes that write land half a second late, as on a loaded machine.
    record = live.store.record_unanswered

    def late_record(question: str) -> None:
        time.sleep(count_delay)
        record(question)

    monkeypatch.setattr(live.store, "record_unanswered", late_record)
    asked = await live.fake.send_slash("ask", [{"name": "question", "type": 3, "value": "How much did R1 cost?"}])
    await reply(asked)
    button = asked.message["components"][0]["components"][0]
    assert button["label"] == "Wrong answer?" and button["custom_id"] == "factbot:report:r1-training-cost"
    clicked = await live.fake.send_component(button["custom_id"], message=asked, user=payloads.user(555, "reader"))
    await clicked.response()
    thanks = await submit(live, clicked, ["the figure is outdated"], user=payloads.user(555, "reader"))
    assert "Thanks" in thanks["data"]["content"]
    for _ in range(2):
        await reply(await live.fake.send_slash("ask", [{"name": "question", "type": 3, "value": "Best pizza recipe?"}]))
    # Wait for the write the assertion expects, not for a guessed time: 10 s is only a bound on a hang.
    await wait_until(lambda: [(g.question, g.count) for g in live.store.gaps()[0]] == [("best pizza recipe", 2)])
    gaps = embed_text(
        embed_of(await (await live.fake.send_slash("facts", [{"type": 1, "name": "gaps"}], **MODERATOR)).response())
    )
    assert "#1 · 2× · question\n“best pizza recipe”" in gaps
    assert "Report #1 · r1-training-cost\nthe figure is outdated\nasked: /ask How much did R1 cost?" in gaps


async def test_a_moderator_adds_a_topic_then_a_fact_with_it(live) -> None:
    options = [
        {"name": "topic", "type": 3, "value": "weather"},
        {"name": "subject", "type": 3, "value": "r1"},
        {"name": "source", "type": 3, "value": "slashdot"},
    ]
    add = [{"type": 1, "name": "add", "options": options}]
    ix = await live.fake.send_slash("facts", add, **MODERATOR)
    await ix.response()
    answers = ["", "R1's training cluster held 512 Nvidia H800 chips in total.", "512 Nvidia H800 chips", "", ""]
    refused = await submit(live, ix, answers, **MODERATOR)
    assert "**topic**: `weather` is not a known topic" in refused["data"]["content"]
    topic = [{"type": 1, "name": "add-topic", "options": [{"name": "topic", "type": 3, "value": "weather"}]}]
    added = await reply(await live.fake.send_slash("facts", topic, **MODERATOR))
    assert "Added topic `weather`" in added["data"]["content"]
    ix = await live.fake.send_slash("facts", add, **MODERATOR)
    await ix.response()
    assert (
        "Added `r1-training-cluster-held-512-nvidia-h800`"
        in (await submit(live, ix, answers, **MODERATOR))["data"]["content"]
    )
    [entry] = live.store.history("topic:weather")
    assert (entry.action, entry.via, entry.actor_name) == ("add-topic", "discord", "tester")
    ix = await live.fake.send_autocomplete(
        "facts",
        [{"type": 1, "name": "add", "options": [{**options[0], "value": "wea", "focused": True}, *options[1:]]}],
        **MODERATOR,
    )
    await ix.response()
    assert [c["value"] for c in ix.autocomplete_choices()] == ["weather"]


async def test_export_attaches_the_curated_format(live) -> None:
    ix = await live.fake.send_slash("facts", [{"type": 1, "name": "export"}], **MODERATOR)
    await ix.response()
    [(name, body)] = ix.files
    assert name == "facts-export.toml"
    data = tomllib.loads(body.decode())
    assert len(data["facts"]) == len(live.store.facts(include_retired=True)) and {s["id"] for s in data["sources"]} == {
        "stir",
        "slashdot",
    }
    assert data["history"][0]["action"] == "create"


async def test_retire_and_restore_are_live(live) -> None:
    await reply(
        await live.fake.send_slash(
            "facts",
            [
                {
                    "type": 1,
                    "name": "retire",
                    "options": [
                        {"name": "id", "type": 3, "value": "r1-training-hours"},
                        {"name": "reason", "type": 3, "value": "dup"},
                    ],
                }
            ],
            **MODERATOR,
        )
    )
    gone = await reply(await live.fake.send_slash("fact", [{"name": "id", "type": 3, "value": "r1-training-hours"}]))
    assert "Retired fact" in embed_of(gone)["description"]
    chips = await reply(await live.fake.send_slash("chips"))
    assert "80 hours" not in embed_of(chips)["description"]
    await reply(
        await live.fake.send_slash(
            "facts",
            [{"type": 1, "name": "restore", "options": [{"name": "id", "type": 3, "value": "r1-training-hours"}]}],
            **MODERATOR,
        )
    )
    chips = await reply(await live.fake.send_slash("chips"))
    assert "80 hours" in embed_of(chips)["description"]


async def test_two_moderators_editing_the_same_version(live) -> None:
    command = [{"type": 1, "name": "edit", "options": [{"name": "id", "type": 3, "value": "r1-training-hours"}]}]
    alice = payloads.user(601, "alice")
    bob = payloads.user(602, "bob")
    first = await live.fake.send_slash("facts", command, user=alice, **MODERATOR)
    second = await live.fake.send_slash("facts", command, user=bob, **MODERATOR)
    await first.response()
    await second.response()
    landed = await submit(
        live, first, [None, "R1's final training run lasted 80 hours.", None, None, None], user=alice, **MODERATOR
    )
    assert "version 2" in landed["data"]["content"]
    refused = await submit(
        live, second, [None, "Training R1 took eighty hours in all.", None, None, None], user=bob, **MODERATOR
    )
    assert "was changed by alice" in refused["data"]["content"] and "reload" in refused["data"]["content"]
    assert live.store.fact("r1-training-hours").answer == "R1's final training run lasted 80 hours."
    outcomes = [(e.actor_name, e.outcome, e.version) for e in live.store.history("r1-training-hours")]
    assert outcomes[1:] == [("alice", "applied", 2), ("bob", "refused", None)]


async def test_a_moderator_teaches_a_fact_an_example_question_from_discord(live) -> None:
    question = "which blimp hangar hosted the zeppelin training"
    asked = [{"name": "question", "type": 3, "value": question}]
    before = embed_of(await reply(await live.fake.send_slash("ask", asked)))
    assert "r1-h800-chips" not in before.get("footer", {}).get("text", "")
    teach = [
        {
            "type": 1,
            "name": "add-question",
            "options": [
                {"name": "id", "type": 3, "value": "r1-h800-chips"},
                {"name": "question", "type": 3, "value": question},
            ],
        }
    ]
    refused = await reply(await live.fake.send_slash("facts", teach))
    assert any(phrase in refused["data"]["content"] for phrase in REFUSALS), "a plain member may not"
    done = await reply(await live.fake.send_slash("facts", teach, **MODERATOR))
    assert "version 2" in done["data"]["content"]
    after = embed_of(await reply(await live.fake.send_slash("ask", asked)))
    assert "r1-h800-chips" in after["footer"]["text"]
    [*_, entry] = live.store.history("r1-h800-chips")
    assert (entry.action, entry.via, entry.actor_name) == ("teach", "discord", "tester")
