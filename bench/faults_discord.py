"""The fault-suite classes that need Discord: the real bot against tests/fakediscord (see bench/faults.py).

Each class starts the real discord.py client (`tests.discord_harness.running_bot`,
or `factbot run` as a real process through `tests.fakediscord.launch`) on a copy
of facts.db, and judges only what the fake received: callbacks, follow-ups and
edits, exactly as Discord would have them.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import random
import re
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import ensure_root_on_path
from bench.fault_kit import Outcome, child_env, integrity, project, shown, state, workdir

ensure_root_on_path()

from bot.models import Actor  # noqa: E402
from bot.moderation import Moderation  # noqa: E402
from bot.storage import FactStore  # noqa: E402
from tests.discord_harness import running_bot, text_inputs  # noqa: E402
from tests.fakediscord import DEFAULT_APP_ID, DEFAULT_GUILD_ID, MOD_ROLE_ID, SECOND_GUILD_ID, FakeDiscord, payloads  # noqa: E402
from tests.fakediscord.launch import ENV as FAKE_DISCORD_URL  # noqa: E402
from tests.test_discord_security import RENDERING  # noqa: E402  (the tests' own definition of "renders")

EPHEMERAL = 64
MANAGE_GUILD = 1 << 5
FACT = "r1-training-hours"
OTHER_FACT = "distillation-debate"
PLAIN = payloads.user(1100000000000000999, "plain")
OTHER_MODERATOR = payloads.user(1100000000000000998, "mod2")
MODERATOR = {"roles": [MOD_ROLE_ID]}  # the fake's default user, holding the moderator role
MODERATED = {"moderator_guild_ids": [DEFAULT_GUILD_ID], "moderator_role_ids": [MOD_ROLE_ID]}
CALLBACK = re.compile(r"^/interactions/\d+/[^/]+/callback$")
FOLLOWUP = re.compile(r"^/webhooks/\d+/[^/]+$")
EDIT = re.compile(r"^/webhooks/\d+/[^/]+/messages/[^/]+$")
CHANNEL_MESSAGE = re.compile(r"^/channels/\d+/messages$")
OUR_LINK = re.compile(r"\[Checked message\]\(https://discord\.com/channels/[0-9@me/]+\)")
ALICE = Actor(id="cli:alice", name="alice", via="cli")


def run(coroutine) -> None:
    asyncio.run(coroutine)


def command(name: str, **options: Any) -> list[dict[str, Any]]:
    """A /facts subcommand with its options, as Discord nests them."""
    built = []
    for key, value in options.items():
        kind = 4 if isinstance(value, int) and not isinstance(value, bool) else 5 if isinstance(value, bool) else 3
        built.append({"name": key, "type": kind, "value": value})
    return [{"type": 1, "name": name, "options": built}]


def option(name: str, value: str) -> list[dict[str, Any]]:
    return [{"name": name, "type": 3, "value": value}]


async def answer_of(ix, timeout: float = 10.0) -> dict[str, Any] | None:
    """What the user ends up seeing (the callback, or after a deferral the follow-up), or None if nothing came."""
    try:
        callback = await ix.response(timeout)
        if callback["type"] != 5:
            return callback
        [body, *_] = await ix.followups(1, timeout)
        return {"type": 4, "data": body}
    except Exception:
        return None


def content(body: dict[str, Any] | None) -> str:
    return ((body or {}).get("data") or {}).get("content") or ""


def labels(modal: dict[str, Any]) -> dict[str, str]:
    """custom_id → label of each text input (a label component may hold the label instead of the input)."""
    found: dict[str, str] = {}

    def walk(component: dict[str, Any], label: str = "") -> None:
        label = component.get("label") or label
        if component.get("type") == 4:
            found[component["custom_id"]] = component.get("label") or label
        for child in component.get("components", []):
            walk(child, label)
        if "component" in component:
            walk(component["component"], label)

    for component in modal["components"]:
        walk(component)
    return found


def fill(modal: dict[str, Any], answer: str, fact_id: str = "", quote: str = "512 Nvidia H800 chips") -> dict[str, str]:
    """Values for each input: its pre-filled value, or a valid answer, id and quote by label."""
    named = labels(modal)
    values = {}
    for field in text_inputs(modal):
        label = named.get(field["custom_id"], "").lower()
        value = field.get("value", "")
        if label.startswith("answer"):
            value = answer
        elif label.startswith("id"):
            value = fact_id
        elif label.startswith("quote"):
            value = quote
        elif not value and field.get("required", True):
            value = "forged by the wrong person"
        values[field["custom_id"]] = value
    return values


def facts_subcommands(fake: FakeDiscord) -> dict[str, list[dict[str, Any]]]:
    """Every /facts subcommand the bot registered, with its options: new ones are covered without a change here."""
    [group] = [c for c in fake.commands() if c["name"] == "facts"]
    return {sub["name"]: sub.get("options", []) for sub in group.get("options", []) if sub.get("type") == 1}


def forged_options(name: str, schema: list[dict[str, Any]]) -> dict[str, Any]:
    """The required options, as a forger would send them: valid ones, so that only the permission check
    can stop the change."""
    values: dict[str, Any] = {}
    for opt in schema:
        key, kind = opt["name"], opt.get("type", 3)
        if not opt.get("required"):
            continue
        if kind == 4:
            values[key] = 1
        elif kind == 5:
            values[key] = True
        elif key in ("id", "fact"):
            values[key] = FACT
        elif key == "topic":
            values[key] = "forged-topic" if name == "add-topic" else "chips"
        elif key == "subject":
            values[key] = "r1"
        elif key == "source":
            values[key] = "slashdot"
        elif key == "question":
            values[key] = "who forged this example question?"
        else:
            values[key] = "forged by someone who may not"
    return values


WRONG_ACTORS: dict[str, dict[str, Any]] = {
    "plain member": {"user": PLAIN},
    "Manage Server in another guild": {"guild_id": SECOND_GUILD_ID, "permissions": MANAGE_GUILD},
    "direct message": {"guild_id": None},
    "moderator whose role was removed": {},  # the default user, a moderator everywhere else in this class
}
WRONG_SUBMITTERS: dict[str, dict[str, Any]] = {
    "the opener after their role was removed": {},
    "the opener from a direct message": {"guild_id": None, **MODERATOR},
    "the opener from another guild": {"guild_id": SECOND_GUILD_ID, **MODERATOR},
    "a plain member replaying the form's id": {"user": PLAIN},
    "another moderator replaying the form's id": {"user": OTHER_MODERATOR, **MODERATOR},
}
WRONG_PRESSERS: dict[str, dict[str, Any]] = {
    "a plain member": {"user": PLAIN},
    "the opener after their role was removed": {},
    "another moderator": {"user": OTHER_MODERATOR, **MODERATOR},
    "the opener from another guild": {"guild_id": SECOND_GUILD_ID, **MODERATOR},
}


def refusal(body: dict[str, Any] | None) -> bool:
    data = (body or {}).get("data") or {}
    return bool(data.get("flags", 0) & EPHEMERAL) and not data.get("embeds") and bool(data.get("content"))


def fake_problems(out: Outcome, fake: FakeDiscord) -> None:
    """What the fake itself saw wrong: bodies Discord would refuse, unknown routes, its own crashes."""
    if fake.spec_violations:
        out.lose(f"{len(fake.spec_violations)} body(ies) Discord would refuse, first: {fake.spec_violations[0]}")
    if fake.unhandled or fake.errors:
        out.note(f"fake: {len(fake.unhandled)} unknown route(s), {len(fake.errors)} error(s) in the fake")


# == 5. /facts from the wrong people =============================================================


def wrong_people(out: Outcome, quick: bool, seed: int) -> None:
    run(_wrong_people(out, quick, seed))


async def _wrong_people(out: Outcome, quick: bool, seed: int) -> None:
    passes = 1 if quick else 5
    counts = {"slash": 0, "submits": 0, "presses": 0, "components": 0, "card forms": 0, "not refusals": 0}
    covered: set[str] = set()  # the buttons, selects and forms reached from /facts gaps
    with workdir("wrong-people") as folder:
        db = project(folder) / "facts.db"
        async with running_bot(db, **MODERATED) as live:
            fake = live.fake
            subcommands = facts_subcommands(fake)
            moderation = Moderation(live.store)
            for n in range(6):  # enough history for a second page
                fact = live.store.fact(FACT)
                moderation.edit(FACT, {"answer": f"The R1 training run took 80 hours (note {n})."}, fact.version, ALICE)
            _seed_gaps(live, 0)
            forms: list[tuple[str, dict[str, Any]]] = []
            for name, schema in subcommands.items():
                # What each subcommand does for a moderator (on another fact): a form to replay, or not.
                values = forged_options(name, schema) | (
                    {"id": OTHER_FACT} if "id" in forged_options(name, schema) else {}
                )
                opened = await fake.send_slash("facts", command(name, **values), **MODERATOR)
                body = await answer_of(opened)
                if body is None:
                    out.lose(f"/facts {name} by a moderator got no response (control)")
                elif body["type"] == 9:
                    forms.append((name, forged_options(name, schema)))
            for number in range(passes):
                for who_name, who in WRONG_ACTORS.items():
                    for name, schema in subcommands.items():
                        values = forged_options(name, schema)
                        before = state(db)
                        ix = await fake.send_slash("facts", command(name, **values), **who)
                        body = await answer_of(ix)
                        after = state(db)
                        counts["slash"] += 1
                        counts["not refusals"] += body is not None and not refusal(body)
                        out.check(
                            body is not None and before == after,
                            f"/facts {name} {values} by {who_name}: "
                            + ("no response" if body is None else f"changed the facts; replied {shown(str(body))}"),
                        )
                for name, values in forms:
                    await _replay_form(out, live, db, name, values, number, counts)
                await _press_pager(out, live, db, number, counts)
                if "gaps" in subcommands:
                    # The gaps view: its page buttons and its select, then each card it opens (teach,
                    # dismiss, add a fact, close, edit) and each form a card opens.
                    _seed_gaps(live, number + 1)
                    opened = await fake.send_slash("facts", command("gaps"), **MODERATOR)
                    await opened.response()
                    await _crawl(out, live, db, opened, counts, covered, depth=1)
            fake_problems(out, fake)
    out.did = (
        f"{counts['slash']} slash commands (every /facts subcommand the bot registers: {', '.join(subcommands)}; "
        f"× plain member, Manage Server in another guild, DM, moderator whose role was removed; {passes} pass(es)), "
        f"{counts['submits']} submits of forms a moderator opened ({', '.join(n for n, _ in forms)}) by 5 kinds of "
        f"wrong submitter, {counts['presses']} presses of a moderator's history pager by 4 kinds of other user; "
        f"{counts['components']} presses of the buttons and selects of /facts gaps and of the cards it opens, and "
        f"{counts['card forms']} submits of the forms those open, by the same wrong people "
        f"({', '.join(sorted(covered))}); each followed by a digest of every fact, citation, topic, source, "
        "history row, gap and report."
    )
    out.note(f"{counts['not refusals']} of the replies were something other than an ephemeral refusal sentence")


def _seed_gaps(live, number: int) -> None:
    """Open gaps (questions and a claim) and a wrong-answer report, for the gaps view to list."""
    for text in (f"how many employees does deepseek have {number}", f"what gpu does r1 use on round {number}"):
        live.store.record_unanswered(text)
    live.store.record_unanswered(f"claim: deepseek has {200 + number} employees")
    live.bot.service.feedback.report(f"how much did r1 cost {number}", ["r1-training-cost"], f"outdated {number}")


def components(message: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The buttons and selects of a message (not links), however they are nested."""
    found: list[dict[str, Any]] = []
    for row in (message or {}).get("components") or []:
        for component in row.get("components", [row]):
            if component.get("type") in (2, 3) and component.get("custom_id"):
                found.append(component)
    return found


def choices(component: dict[str, Any]) -> list[list[str] | None]:
    """What to send for a component: nothing for a button; for a select, the first option of each kind
    ("gap:3", "report:1": one gap and one report), so each kind of card it opens is reached."""
    if component["type"] != 3:
        return [None]
    first: dict[str, str] = {}
    for item in component.get("options") or []:
        first.setdefault(item["value"].split(":")[0], item["value"])
    return [[value] for value in first.values()] or [[]]


async def _press(fake: FakeDiscord, component: dict[str, Any], ix, values: list[str] | None, **who: Any):
    if values is None:
        return await fake.send_component(component["custom_id"], message=ix, **who)
    return await fake.send_component(component["custom_id"], message=ix, component_type=3, values=values, **who)


async def _crawl(out: Outcome, live, db: Path, ix, counts: dict[str, int], covered: set[str], depth: int) -> None:
    """Every button and select on the message `ix` answered with, pressed by each wrong person: each gets a
    response and nothing changes. Then its moderator presses it (a control): a form that opens is replayed by
    the wrong submitters, and a card that opens is crawled the same way (`depth` more levels)."""
    fake = live.fake
    found = components(ix.message)
    for component in found:
        label = component.get("label") or component.get("placeholder") or component["custom_id"]
        covered.add(re.sub(r": .*", ": …", label))
        for values in choices(component):
            for who_name, who in WRONG_PRESSERS.items():
                before, shown_before = state(db), str(ix.message)
                body = await answer_of(await _press(fake, component, ix, values, **who))
                counts["components"] += 1
                counts["not refusals"] += body is not None and not refusal(body)
                out.check(
                    body is not None and state(db) == before and str(ix.message) == shown_before,
                    f"{label!r} {values or ''} on {_title(ix.message)!r} pressed by {who_name}: "
                    + ("no response" if body is None else f"replied {shown(str(body))}"),
                )
    for component in found:
        if component["type"] == 2 and any(word in component.get("label", "") for word in ("Previous", "Next")):
            continue  # the page buttons change only the page, checked above
        for values in choices(component):
            pressed = await _press(fake, component, ix, values, **MODERATOR)
            body = await answer_of(pressed)
            if body is None:
                out.lose(f"control: {component.get('label')!r} {values or ''} pressed by its moderator: no response")
                continue
            if pressed.modal() is not None:
                covered.add(f"form {re.sub(r'#[0-9]+', '#N', pressed.modal().get('title', ''))!r}")
                await _replay_card_form(out, live, db, pressed.modal(), counts)
            elif depth > 0 and components(pressed.message):
                await _crawl(out, live, db, pressed, counts, covered, depth - 1)


async def _replay_card_form(out: Outcome, live, db: Path, modal: dict[str, Any], counts: dict[str, int]) -> None:
    fake = live.fake
    values = fill(modal, "Forged: the R1 training run took nine hundred hours.", "forged-card-fact")
    for who_name, who in WRONG_SUBMITTERS.items():
        before = state(db)
        body = await answer_of(await fake.send_modal_submit(modal["custom_id"], values=values, **who))
        counts["card forms"] += 1
        counts["not refusals"] += body is not None and not refusal(body)
        out.check(
            body is not None and state(db) == before,
            f"form {modal.get('title')!r} submitted by {who_name}: "
            + ("no response" if body is None else f"changed something; replied {shown(content(body))}"),
        )


def _title(message: dict[str, Any] | None) -> str:
    embeds = (message or {}).get("embeds") or [{}]
    return embeds[0].get("title", "")


async def _replay_form(out: Outcome, live, db: Path, name: str, values: dict[str, Any], number: int, counts) -> None:
    fake = live.fake
    opened = await fake.send_slash("facts", command(name, **values), **MODERATOR)
    await opened.response()
    modal = opened.modal()
    if modal is None:
        out.lose(f"/facts {name} by the moderator opened no form (control)")
        return
    forged = f"Forged in pass {number}: the R1 training run took nine hundred hours."
    for who_name, who in WRONG_SUBMITTERS.items():
        before = state(db)
        ix = await fake.send_modal_submit(modal["custom_id"], values=fill(modal, forged, f"forged-{number}"), **who)
        body = await answer_of(ix)
        counts["submits"] += 1
        counts["not refusals"] += body is not None and not refusal(body)
        out.check(
            body is not None and state(db) == before,
            f"{name} form submitted by {who_name}: "
            + ("no response" if body is None else f"changed the facts; replied {shown(content(body))}"),
        )
    # Control: the form was live all along, and its opener can still use it.
    legit = f"Pass {number}, {name} form: R1's final training run took 80 hours in all, says the article."
    before = state(db)
    body = await answer_of(
        await fake.send_modal_submit(modal["custom_id"], values=fill(modal, legit, f"control-{number}"), **MODERATOR)
    )
    if body is None or state(db) == before:
        out.lose(f"control: the opener's own {name} submit did not land: {shown(content(body))}")


async def _press_pager(out: Outcome, live, db: Path, number: int, counts) -> None:
    fake = live.fake
    ix = await fake.send_slash("facts", command("history", id=FACT), **MODERATOR)
    await ix.response()
    buttons = [b for row in ix.message["components"] for b in row["components"]]
    for label in ("Older", "Newer"):
        button = next(b for b in buttons if label in b["label"])
        for who_name, who in WRONG_PRESSERS.items():
            before_state, before_page = state(db), _footer(ix.message)
            pressed = await fake.send_component(button["custom_id"], message=ix, **who)
            body = await answer_of(pressed)
            counts["presses"] += 1
            counts["not refusals"] += body is not None and not refusal(body)
            out.check(
                body is not None and state(db) == before_state and _footer(ix.message) == before_page,
                f"{label} pressed by {who_name}: "
                + ("no response" if body is None else f"replied {shown(str(body))}, page {_footer(ix.message)}"),
            )
    turned = await answer_of(await fake.send_component(buttons[-1]["custom_id"], message=ix, **MODERATOR))
    if turned is None or "Page 2" not in str(turned):
        out.lose(f"control: the moderator's own press did not turn the page: {shown(str(turned))}")


def _footer(message: dict[str, Any] | None) -> str:
    embeds = (message or {}).get("embeds") or [{}]
    return embeds[0].get("footer", {}).get("text", "")


# == 5b. moderator autocomplete from the wrong people ===========================================


def autocomplete(out: Outcome, quick: bool, seed: int) -> None:
    run(_autocomplete(out, quick, seed))


async def _autocomplete(out: Outcome, quick: bool, seed: int) -> None:
    passes = 1 if quick else 5
    typed = ["", "r", "r1", "c", "s", "%", "_"]
    with workdir("autocomplete") as folder:
        db = project(folder) / "facts.db"
        async with running_bot(db, **MODERATED) as live:
            fake = live.fake
            subcommands = facts_subcommands(fake)
            fields = [
                (name, opt["name"]) for name, schema in subcommands.items() for opt in schema if opt.get("autocomplete")
            ]
            offered = 0
            for number in range(passes):
                text = typed[number % len(typed)]
                for name, focused in fields:
                    values = forged_options(name, subcommands[name]) | {focused: text}
                    built = command(name, **values)
                    ix = await fake.send_autocomplete("facts", built, focused=focused, **MODERATOR)
                    await ix.response()
                    offered += bool(ix.autocomplete_choices())
                    for who_name, who in WRONG_ACTORS.items():
                        ix = await fake.send_autocomplete("facts", built, focused=focused, **who)
                        try:
                            await ix.response(10)
                        except Exception:
                            out.lose(f"/facts {name} {focused}={text!r} autocomplete by {who_name}: no response")
                            continue
                        choices = ix.autocomplete_choices()
                        out.check(not choices, f"/facts {name} {focused}={text!r} by {who_name}: offered {choices[:3]}")
            fake_problems(out, fake)
    out.did = (
        f"{out.tried} autocomplete requests for every /facts option with autocomplete ({len(fields)}: "
        f"{', '.join(f'{n} {f}' for n, f in fields)}) × the 4 kinds of wrong person, {passes} prefixes typed; "
        f"the moderator was offered choices in {offered} of {len(fields) * passes} (control)."
    )


# == 6. pings and rendered mentions ===================================================================


HOSTILE = (
    "@everyone <@&1300000000000000201> <#1300000000000000101> </ask:1> [free nitro](https://evil.example)",
    "@here",
    "@everyone",
    "@everyones and @here1",
    "<@1100000000000000020>",
    "<@!1100000000000000020>",
    "<@&1300000000000000201>",
    "<#1300000000000000101>",
    "</ask:1100000000000000001>",
    "[free nitro](https://evil.example) [x](<https://evil.example>)",
    "<a:dance:123456789012345678> <:emoji:123456789012345678>",
    "**bold** __under__ `code` ||spoiler|| > quote # head",
    "\\<@1100000000000000020> \\@everyone",
    "＠everyone ＜@1100000000000000020＞",
    "@1100000000000000020 @&1300000000000000201",
    "<<@1100000000000000020>> <@<@&1>>",
)


# What shows that a reply carried hostile text at all (once defusing's zero-width spaces are taken out).
MARKERS = ("everyone", "@here", "1300000000000000201", "1300000000000000101", "evil.example", "1100000000000000020")


def reply_bodies(fake: FakeDiscord) -> list[tuple[str, dict[str, Any]]]:
    """Every message the bot sent or edited: (what, body) for callbacks with a message, follow-ups and edits."""
    found = []
    for request in fake.requests:
        body = request.json if isinstance(request.json, dict) else None
        if body is None:
            continue
        if request.method == "POST" and CALLBACK.match(request.path):
            if body.get("type") in (4, 7):
                found.append((f"callback type {body['type']}", body.get("data") or {}))
        elif request.method == "POST" and FOLLOWUP.match(request.path):
            found.append(("follow-up", body))
        elif request.method == "PATCH" and EDIT.match(request.path):
            found.append(("edit", body))
        elif request.method == "POST" and CHANNEL_MESSAGE.match(request.path):
            found.append(("channel message", body))
    return found


def rendered_texts(body: dict[str, Any]) -> list[str]:
    texts = [body.get("content") or ""]
    for embed in body.get("embeds") or []:
        texts += [embed.get("title", ""), embed.get("description", "")]
        texts += [embed.get("author", {}).get("name", ""), embed.get("footer", {}).get("text", "")]
        for field in embed.get("fields", []):
            texts += [field.get("name", ""), field.get("value", "")]
    return [OUR_LINK.sub("", text) for text in texts if text]


def mentions(out: Outcome, quick: bool, seed: int) -> None:
    run(_mentions(out, quick, seed))


async def _mentions(out: Outcome, quick: bool, seed: int) -> None:
    strings = HOSTILE[:3] if quick else HOSTILE
    sent = 0
    unanswered: list[str] = []
    with workdir("mentions") as folder:
        db = project(folder) / "facts.db"
        async with running_bot(db, **MODERATED) as live:
            fake = live.fake
            subcommands = facts_subcommands(fake)
            for number, hostile in enumerate(strings):
                steps = await _hostile_steps(live, db, hostile, number, "add-question" in subcommands)
                sent += len(steps)
                unanswered += [f"{what} with {hostile!r}" for what, body in steps if body is None]
            await asyncio.to_thread(live.bot.service.feedback.flush, 10)
            bodies = reply_bodies(fake)
            carried = 0
            for what, body in bodies:
                shown_text = " ".join(rendered_texts(body)).replace("\u200b", "").replace("\\", "")
                carried += any(marker in shown_text for marker in MARKERS)
                problems = []
                if body.get("allowed_mentions") != {"parse": []}:
                    problems.append(f"allowed_mentions {body.get('allowed_mentions')!r}")
                for text in rendered_texts(body):
                    found = RENDERING.search(text)
                    if found:
                        problems.append(f"{found.group()!r} renders in {shown(text, 160)!r}")
                out.check(not problems, f"{what}: {'; '.join(problems)}")
            for missing in unanswered:
                out.lose(f"no reply to {missing}")
            fake_problems(out, fake)
    out.did = (
        f"{sent} interactions ({len(strings)} hostile strings, each in questions, /cost models, /fact ids, claims, a "
        "right-clicked message and its author, source headlines/outlets/dates, editor names on Discord and the CLI, "
        "retire reasons, topics, report notes, refused forms, an edit conflict, /facts history, gaps and each gap's "
        "and report's card); all "
        f"{len(bodies)} message bodies the bot sent checked ({carried} of them showed some of the hostile text, "
        "defused)."
    )


async def _hostile_steps(live, db: Path, hostile: str, number: int, add_question: bool) -> list[tuple[str, Any]]:
    fake = live.fake
    steps: list[tuple[str, Any]] = []
    with sqlite3.connect(db) as conn:  # what the articles' metadata says, from the database
        conn.execute(
            "UPDATE sources SET headline = ?, outlet = ?, date = ?, date_note = ?",
            [f"{hostile} headline"[:300], hostile[:100], hostile[:100], hostile[:300]],
        )
    hostile_user = payloads.user(1100000000000001000 + number, hostile[:32], global_name=hostile[:32])
    moderator = {"user": hostile_user, **MODERATOR}

    async def step(what: str, ix) -> Any:
        body = await answer_of(ix)
        steps.append((what, body))
        return body

    asked = await fake.send_slash("ask", option("question", f"{hostile} how much did r1 cost {hostile}"))
    await step("/ask answered", asked)
    await step(
        "/ask unknown", await fake.send_slash("ask", option("question", f"{hostile} best pizza in town {hostile}"))
    )
    await step("/ask hostile only", await fake.send_slash("ask", option("question", hostile[:1000])))
    await step("/cost", await fake.send_slash("cost", option("model", hostile[:60])))
    await step("/fact unknown id", await fake.send_slash("fact", option("id", hostile[:80])))
    await step("/fact", await fake.send_slash("fact", option("id", "r1-training-cost")))
    claim = f"{hostile} r1 was trained on 4k a100s for $20M {hostile}"
    await step("/factcheck", await fake.send_slash("factcheck", option("text", claim[:1000])))
    message = payloads.message(
        id=1300000000000009001 + number,
        channel_id=fake.channel_id,
        author=hostile_user,
        content=claim,
        guild_id=fake.guild_id,
    )
    await step(
        "Fact-check menu",
        await fake.send_context_menu(
            "Fact-check", target_id=message["id"], resolved=payloads.resolved(messages=[message])
        ),
    )
    for name in ("sources", "chips", "topics", "help"):
        await step(f"/{name}", await fake.send_slash(name))
    # errors and refusals that may quote what was typed
    await step("/facts edit unknown id", await fake.send_slash("facts", command("edit", id=hostile[:80]), **moderator))
    await step(
        "/facts history unknown id", await fake.send_slash("facts", command("history", id=hostile[:80]), **moderator)
    )
    await step(
        "/facts add-topic", await fake.send_slash("facts", command("add-topic", topic=hostile[:63]), **moderator)
    )
    await step(
        "/facts retire by a plain member",
        await fake.send_slash("facts", command("retire", id=FACT, reason=hostile[:300]), user=PLAIN),
    )
    await step(
        "/facts retire",
        await fake.send_slash("facts", command("retire", id=OTHER_FACT, reason=hostile[:300]), **moderator),
    )
    await step("/facts restore", await fake.send_slash("facts", command("restore", id=OTHER_FACT), **moderator))
    if add_question:
        await step(
            "/facts add-question unknown id",
            await fake.send_slash(
                "facts", command("add-question", id=hostile[:80], question=hostile[:300]), **moderator
            ),
        )
    # a refused form, quoting the input
    opened = await fake.send_slash(
        "facts", command("add", topic=hostile[:63], subject=hostile[:63], source=hostile[:63]), **moderator
    )
    await opened.response()
    if opened.modal() is not None:
        values = fill(opened.modal(), f"{hostile} is the answer here", hostile[:63], hostile[:500])
        await step(
            "refused add form", await fake.send_modal_submit(opened.modal()["custom_id"], values=values, **moderator)
        )
    # an edit conflict naming a hostile CLI editor
    opened = await fake.send_slash("facts", command("edit", id=FACT), **moderator)
    await opened.response()
    fact = live.store.fact(FACT)
    Moderation(live.store).edit(
        FACT,
        {"answer": f"The R1 training run took 80 hours (conflict {number})."},
        fact.version,
        Actor(id="cli:hostile", name=hostile[:100], via="cli"),
    )
    if opened.modal() is not None:
        values = fill(opened.modal(), f"R1 was trained for 80 hours, edit {number}.")
        await step(
            "edit conflict", await fake.send_modal_submit(opened.modal()["custom_id"], values=values, **moderator)
        )
    await step("/facts history", await fake.send_slash("facts", command("history", id=OTHER_FACT), **moderator))
    # a "Wrong answer?" report with a hostile note, then the gaps that list it
    if asked.message and asked.message.get("components"):
        button = asked.message["components"][0]["components"][0]
        clicked = await fake.send_component(button["custom_id"], message=asked, user=hostile_user)
        await clicked.response()
        modal = clicked.modal()
        if modal is not None:
            [field] = text_inputs(modal)
            report = await fake.send_modal_submit(
                modal["custom_id"], values={field["custom_id"]: hostile[:500]}, user=hostile_user
            )
            await step("report form", report)
    await asyncio.to_thread(live.bot.service.feedback.flush, 10)
    gaps = await fake.send_slash("facts", command("gaps"), **moderator)
    await step("/facts gaps", gaps)
    for component in components(gaps.message):  # each gap's and report's card, where the hostile text is shown
        for item in component.get("options") or []:
            await step("a gap's or report's card", await _press(fake, component, gaps, [item["value"]], **moderator))
    return steps


# == 7. the token never logged ================================================================================


def token_logs(out: Outcome, quick: bool, seed: int) -> None:
    run(_token_logs(out, quick, seed))


def a_token(rng: random.Random) -> str:
    """A token of Discord's shape, new every run: base64 of the bot id, a timestamp part, an HMAC part."""
    first = base64.urlsafe_b64encode(str(DEFAULT_APP_ID).encode()).decode().rstrip("=")
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
    middle = "G" + "".join(rng.choice(alphabet) for _ in range(5))
    return f"{first}.{middle}.{''.join(rng.choice(alphabet) for _ in range(38))}"


async def _token_logs(out: Outcome, quick: bool, seed: int) -> None:
    rng = random.Random(f"{seed}-token")
    runs = [("run", 1), ("sync", 1)] if quick else [("run", 4), ("sync", 2), ("wrong token", 2), ("malformed", 2)]
    scanned, debug_lines = 0, 0
    with workdir("token") as folder:
        home = project(folder)
        for kind, times in runs:
            for _ in range(times):
                token = a_token(rng) if kind != "malformed" else f"not-a-token-{secrets.token_hex(12)}"
                logs, problem = await _one_process(home, kind, token)
                scanned += len(logs)
                debug_lines += logs.count(b"\nDEBUG ") + logs.startswith(b"DEBUG ")
                secrets_in = [token, token.rsplit(".", 1)[-1]] if kind != "malformed" else [token]
                leaked = [s for s in secrets_in if s.encode() in logs]
                said = f"the token ({leaked[0][:8]}…) is in the output" if leaked else problem
                out.check(problem is None and not leaked, f"factbot {kind} at LOG_LEVEL=DEBUG: {said}")
    if debug_lines == 0:
        raise RuntimeError("no DEBUG line in any output: the runs were not at DEBUG, so they test nothing")
    out.did = (
        f"{out.tried} real processes through tests.fakediscord.launch with LOG_LEVEL=DEBUG ("
        + ", ".join(f"{times} × {kind}" for kind, times in runs)
        + "; each run answered /ask, /cost, /fact, /factcheck, a refused /facts retire, and rode out a gateway drop, "
        f"a resumable op 9, a 429 and a 500 on its callback); {scanned / 1e6:.1f} MB of stdout and stderr "
        f"({debug_lines:,} DEBUG lines) searched for the token and for its secret third part."
    )


async def _one_process(home: Path, kind: str, token: str) -> tuple[bytes, str | None]:
    """Run one `factbot` process against a fresh fake; (all it printed, what went wrong or None)."""
    fake = FakeDiscord(token="a-different-token" if kind == "wrong token" else None)
    await fake.start()
    env = child_env(
        DISCORD_TOKEN=token,
        FACTS_DB=str(home / "facts.db"),
        LOG_LEVEL="DEBUG",
        **{FAKE_DISCORD_URL: fake.base_url},
    )
    argv = ["run"] if kind in ("run", "wrong token", "malformed") else ["sync", "--guild", str(DEFAULT_GUILD_ID)]
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.fakediscord.launch",
        *argv,
        env=env,
        cwd=home,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    problem = None
    try:
        if kind == "run":
            problem = await _drive_logged_bot(fake)
            process.send_signal(signal.SIGTERM)
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
        if kind in ("run", "sync") and process.returncode != 0:
            problem = problem or f"exit {process.returncode}: {shown(stderr[-600:])}"
        if kind in ("wrong token", "malformed") and process.returncode != 1:
            problem = f"exit {process.returncode} for a bad token: {shown(stderr[-600:])}"
        if b"Traceback" in stderr:
            problem = problem or f"traceback: {shown(stderr[-600:])}"
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await fake.stop()
    return stdout + stderr, problem


async def _drive_logged_bot(fake: FakeDiscord) -> str | None:
    try:
        await fake.wait_until_identified(timeout=30)
        await fake.wait_for_request("PUT", r"/applications/\d+/commands$", timeout=15)
        asks = [
            ("ask", option("question", "how much did r1 cost")),
            ("ask", option("question", "best pizza recipe")),
            ("cost", option("model", "r1")),
            ("fact", option("id", "r1-training-cost")),
            ("factcheck", option("text", "r1 cost $9M on 4000 a100s")),
            ("facts", command("retire", id=FACT, reason="x")),
        ]
        for name, options in asks:
            if (
                await answer_of(await fake.send_slash(name, options, **({"user": PLAIN} if name == "facts" else {})))
                is None
            ):
                return f"/{name} unanswered"
        await fake.drop_gateway()
        await fake.wait_until_resumed(count=1, timeout=15)
        await fake.invalid_session(resumable=True)
        await fake.wait_until_resumed(count=2, timeout=15)
        for status in (429, 500):  # one fault per command: a 429 then a 500 on one callback outlast the 3 s
            fake.fail_next("POST", r"/interactions/.*/callback", status, retry_after=0.3)
            if await answer_of(await fake.send_slash("chips")) is None:
                return f"/chips unanswered after a {status} on its callback"
    except Exception as error:
        return f"driving the bot failed: {type(error).__name__}: {error}"
    return None


# == 8. the write lock held by another process =======================================================


HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=0)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
conn.rollback()
"""


def write_lock(out: Outcome, quick: bool, seed: int) -> None:
    run(_write_lock(out, quick, seed))


async def _write_lock(out: Outcome, quick: bool, seed: int) -> None:
    rounds = 2 if quick else 10
    known_ms: list[float] = []
    slowest_unknown = 0.0
    with workdir("write-lock") as folder:
        db = project(folder) / "facts.db"
        async with running_bot(db) as live:
            fake = live.fake
            for number in range(rounds):
                holder = subprocess.Popen(
                    [sys.executable, "-c", HOLD_LOCK, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
                )
                problems: list[str] = []
                try:
                    assert holder.stdout is not None and holder.stdin is not None
                    if holder.stdout.readline().strip() != "locked":
                        raise RuntimeError("the lock holder did not take the lock")
                    prefix = f"best pizza place round {number} question"
                    unknown = [await fake.send_slash("ask", option("question", f"{prefix} {n}")) for n in range(50)]
                    bodies = await asyncio.gather(*(answer_of(ix) for ix in unknown))
                    missing = sum(body is None or body.get("type") != 4 for body in bodies)
                    if missing:
                        problems.append(f"{missing} of the 50 unanswered questions got no answer")
                    slowest_unknown = max([slowest_unknown] + [ix.latency or 0.0 for ix in unknown])
                    started = time.monotonic()
                    known = await fake.send_slash("ask", option("question", "how much did r1 cost"))
                    body = await answer_of(known, timeout=5)
                    elapsed = time.monotonic() - started
                    known_ms.append(elapsed * 1000)
                    if body is None or "$294,000" not in str(body):
                        problems.append(f"the known question got {shown(str(body))}")
                    elif elapsed >= 1.0:
                        problems.append(f"the known answer took {elapsed:.2f} s")
                    holder.stdin.close()
                    holder.wait(timeout=10)
                    if not await asyncio.to_thread(live.bot.service.feedback.flush, 30):
                        problems.append("the queued questions were not written within 30 s of the release")
                    counted = _counted(db, prefix)
                    if counted != 50:
                        problems.append(f"{counted} of the 50 counted after the release")
                finally:
                    if holder.poll() is None:
                        holder.kill()
                        holder.wait()
                out.check(not problems, f"round {number}: {'; '.join(problems)}")
            fake_problems(out, fake)
    out.did = (
        f"{rounds} rounds: another process takes the write lock (BEGIN IMMEDIATE), 50 unanswered /ask go to the real "
        f"bot, then a known /ask is timed; the lock is released and the 50 gaps are counted. Known answer: slowest "
        f"{max(known_ms):.0f} ms (limit 1,000); unanswered: slowest {slowest_unknown * 1000:.0f} ms."
        if known_ms
        else f"{rounds} rounds (none finished)"
    )


def _counted(db: Path, prefix: str) -> int:
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute(
            "SELECT count(*) FROM unanswered WHERE question LIKE ? AND count = 1", [prefix + " %"]
        ).fetchone()[0]
    finally:
        conn.close()


# == 9. the database file replaced under a running bot and store ==========================================


def replaced_file(out: Outcome, quick: bool, seed: int) -> None:
    run(_replaced_file(out, quick, seed))


def new_build(db: Path, incoming: Path, answer: str) -> None:
    """A release of facts.db: a consistent copy of the live file (SQLite's backup) with one fact changed."""
    source = sqlite3.connect(db, timeout=30)
    target = sqlite3.connect(incoming)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    store = FactStore.open(incoming)
    try:
        fact = store.fact(FACT, include_retired=True)
        Moderation(store).edit(FACT, {"answer": answer}, fact.version, ALICE)
    finally:
        store.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{incoming}{suffix}").unlink(missing_ok=True)


def replace(incoming: Path, db: Path, how: str) -> None:
    if how == "mv":
        os.replace(incoming, db)  # a new inode, as `git pull` or `mv` leaves it
    else:
        shutil.copyfile(incoming, db)  # the same inode, new bytes, as `cp` leaves it


def _after_replacement(db: Path, expected_answer: str, gap: str, status: str) -> list[str]:
    problems = []
    sound = integrity(db)
    if sound != "ok":
        problems.append(f"integrity_check: {sound}")
        return problems
    conn = sqlite3.connect(db, timeout=30)
    try:
        answer = conn.execute("SELECT answer FROM facts WHERE id = ?", [FACT]).fetchone()[0]
        now = conn.execute("SELECT status FROM facts WHERE id = ?", [OTHER_FACT]).fetchone()[0]
        gaps = {row[0] for row in conn.execute("SELECT question FROM unanswered")}
    finally:
        conn.close()
    if answer != expected_answer:
        problems.append(f"the file holds {answer!r}, not the new build's answer")
    if now != status:
        problems.append(f"the write after the replacement is missing: {OTHER_FACT} is {now}, not {status}")
    if gap not in gaps:
        problems.append(f"the gap counted after the replacement ({gap!r}) is missing")
    return problems


async def _replaced_file(out: Outcome, quick: bool, seed: int) -> None:
    rounds = 4 if quick else 20
    with workdir("replaced") as folder:
        db = project(folder / "bot") / "facts.db"
        async with running_bot(db, **MODERATED) as live:
            fake = live.fake
            question = option("question", "how long did the r1 training run take")
            for number in range(rounds):
                how = "mv" if number % 2 == 0 else "cp"
                new = f"R1's training run took 80 hours, says release {number} of the facts."
                # The bot writes before the release, as in real life: a counted question, an edit.
                await answer_of(await fake.send_slash("ask", option("question", f"best pizza before release {number}")))
                await asyncio.to_thread(live.bot.service.feedback.flush, 10)
                incoming = folder / "incoming.db"
                new_build(db, incoming, new)
                fact = live.store.fact(FACT, include_retired=True)
                Moderation(live.store).edit(
                    FACT, {"answer": f"An edit just before release {number}."}, fact.version, ALICE
                )
                replace(incoming, db, how)
                problems = []
                served = await answer_of(await fake.send_slash("ask", question))
                if served is None or new not in str(served):
                    problems.append(f"old facts served after `{how}`: {shown(str(served))}")
                # Writes after the replacement, through Discord: retire or restore, and a counted question.
                status = live.store.fact(OTHER_FACT, include_retired=True).status
                action = "retire" if status == "active" else "restore"
                options = (
                    {"id": OTHER_FACT, "reason": f"release {number}"} if action == "retire" else {"id": OTHER_FACT}
                )
                done = await answer_of(await fake.send_slash("facts", command(action, **options), **MODERATOR))
                if done is None or "version" not in content(done):
                    problems.append(f"/facts {action} after the replacement: {shown(content(done))}")
                gap = f"best pizza after release {number}"
                await answer_of(await fake.send_slash("ask", option("question", gap)))
                await asyncio.to_thread(live.bot.service.feedback.flush, 10)
                expected = "retired" if action == "retire" else "active"
                problems += _after_replacement(db, new, gap, expected)
                out.check(not problems, f"bot, release {number} by `{how}`: {'; '.join(problems)}")
            fake_problems(out, fake)
        # The same, under a bare FactStore and Engine (a CLI process or a library user holding the store).
        from bot.answers import Engine

        db = project(folder / "store") / "facts.db"
        store = FactStore.open(db)
        try:
            engine = Engine(store)
            for number in range(rounds):
                how = "cp" if number % 2 == 0 else "mv"
                new = f"R1's training run took 80 hours, says store release {number}."
                engine.ask("how long did the r1 training run take")
                store.record_unanswered(f"before store release {number}")
                incoming = folder / "incoming-store.db"
                new_build(db, incoming, new)
                fact = store.fact(FACT, include_retired=True)
                Moderation(store).edit(FACT, {"answer": f"An edit before store release {number}."}, fact.version, ALICE)
                replace(incoming, db, how)
                problems = []
                answer = engine.ask("how long did the r1 training run take")
                if new not in answer.text:
                    problems.append(f"old facts served after `{how}`: {answer.text!r}")
                status = store.fact(OTHER_FACT, include_retired=True).status
                if status == "active":
                    Moderation(store).retire(OTHER_FACT, f"store release {number}", ALICE)
                else:
                    Moderation(store).restore(OTHER_FACT, ALICE)
                gap = f"after store release {number}"
                store.record_unanswered(gap)
                problems += _after_replacement(db, new, gap, "retired" if status == "active" else "active")
                out.check(not problems, f"store, release {number} by `{how}`: {'; '.join(problems)}")
        finally:
            store.close()
    out.did = (
        f"{rounds} releases of facts.db under the running bot and {rounds} under a bare FactStore/Engine, alternating "
        "`mv` (new inode) and `cp` (same inode): each time the bot had just written (a counted question, an edit), "
        "then had to serve the new file's fact, retire/restore through /facts and count a question, and the file "
        "had to pass integrity_check holding both writes."
    )


# == 12. gateway and HTTP faults ============================================================================


def gateway_faults(out: Outcome, quick: bool, seed: int) -> None:
    run(_gateway_faults(out, quick, seed))


async def _answered_after(fake: FakeDiscord, number: int) -> str | None:
    """A command sent after recovery: None if answered in time with the right embed, else what happened."""
    name, options, needle = [("chips", None, "H800"), ("cost", option("model", "r1"), "$294,000")][number % 2]
    ix = await fake.send_slash(name, options)
    body = await answer_of(ix, timeout=5)
    if body is None:
        rejected = f" (refused: {[r.status for r in ix.rejected]})" if ix.rejected else ""
        return f"/{name} unanswered{rejected}"
    if needle not in str(body) or ix.rejected:
        return f"/{name} answered wrongly: {shown(str(body))}"
    return None


async def _gateway_faults(out: Outcome, quick: bool, seed: int) -> None:
    plan = (
        [
            ("drop", 3),
            ("op 7 reconnect", 1),
            ("op 9 resumable", 1),
            ("429", 2),
            ("5xx", 3),
        ]
        if quick  # a new session costs discord.py's 5 s wait, two 500s 8 s: the full run has them
        else [
            ("drop", 20),
            ("op 7 reconnect", 5),
            ("op 9 resumable", 5),
            ("op 9 new session", 3),
            ("429", 10),
            ("5xx", 12),
            ("two 500s", 3),
        ]
    )
    faulted: dict[str, list[int]] = {}
    with workdir("gateway") as folder:
        db = project(folder) / "facts.db"
        async with running_bot(db) as live:
            fake = live.fake
            number = 0
            for kind, times in plan:
                for _ in range(times):
                    first = await _inject(fake, kind, number)
                    faulted.setdefault(kind, []).append(first)
                    problem = await _answered_after(fake, number)
                    out.check(problem is None, f"after {kind} (fault {number}): {problem}")
                    number += 1
            fake_problems(out, fake)
    out.did = (
        f"{out.tried} faults injected by tests/fakediscord into the running bot ("
        + ", ".join(f"{times} × {kind}" for kind, times in plan)
        + "), each followed by a command that had to be answered within Discord's 3 s. The command hit by the fault "
        "itself: "
        + ", ".join(f"{kind} {sum(v)}/{len(v)} answered" for kind, v in faulted.items())
        + " (two 500s in a row outlast the 3 s window by design)."
    )


async def _inject(fake: FakeDiscord, kind: str, number: int) -> int:
    """Inject one fault (with a command in flight where the fault is about one); 1 if that command was answered."""
    if kind == "drop":
        resumes = fake.resume_count
        await fake.drop_gateway()
        in_flight = await fake.send_slash("chips") if number % 2 == 0 else None  # replayed on RESUME
        await fake.wait_until_resumed(count=resumes + 1, timeout=15)
        return int(in_flight is None or await answer_of(in_flight) is not None)
    if kind == "op 7 reconnect":
        resumes = fake.resume_count
        await fake.request_reconnect()
        await fake.wait_until_resumed(count=resumes + 1, timeout=15)
        return 1
    if kind == "op 9 resumable":
        resumes = fake.resume_count
        await fake.invalid_session(resumable=True)
        await fake.wait_until_resumed(count=resumes + 1, timeout=15)
        return 1
    if kind == "op 9 new session":
        identified = fake.identify_count
        await fake.invalid_session(resumable=False)
        await fake.wait_until_identified(count=identified + 1, timeout=20)  # discord.py waits 5 s first
        return 1
    if kind == "429":
        fake.fail_next("POST", r"/interactions/.*/callback", 429, retry_after=0.5)
    elif kind == "5xx":
        fake.fail_next("POST", r"/interactions/.*/callback", (500, 502, 503, 504)[number % 4])
    elif kind == "two 500s":
        fake.fail_next("POST", r"/interactions/.*/callback", 500, times=2)
    ix = await fake.send_slash("chips")
    answered = await answer_of(ix, timeout=8 if kind == "two 500s" else 5)
    if kind == "two 500s":
        with contextlib.suppress(Exception):
            await fake.wait_for_request("POST", r"/interactions/.*/callback", count=1, timeout=8)
        await asyncio.sleep(4.5)  # discord.py's last retries (after 1 s and 3 s) land past the window
    return int(answered is not None)


# == 11, over Discord: a read-only database file ========================================================


def read_only_over_discord(db: Path) -> list[tuple[str, bool, str]]:
    """The bot on a read-only file (as tests/test_db_faults.py): it answers, and a change is one sentence."""
    return asyncio.run(_read_only_over_discord(db))


async def _read_only_over_discord(db: Path) -> list[tuple[str, bool, str]]:
    found = []
    async with running_bot(db, **MODERATED) as live:
        fake = live.fake
        body = await answer_of(await fake.send_slash("ask", option("question", "best pizza recipe")))
        found.append(("/ask unanswered", body is not None and "couldn't find" in str(body), shown(str(body))))
        body = await answer_of(await fake.send_slash("chips"))
        found.append(("/chips", body is not None and "H800" in str(body), shown(str(body))))
        body = await answer_of(
            await fake.send_slash("facts", command("retire", id=FACT, reason="superseded"), **MODERATOR)
        )
        said = content(body)
        found.append(("/facts retire", "is read-only: changes cannot be saved" in said, shown(said or str(body))))
        if fake.spec_violations:
            found.append(("bodies Discord would refuse", False, str(fake.spec_violations[0])))
    return found
