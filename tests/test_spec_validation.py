"""The fake enforces Discord's OpenAPI spec (tests/fakediscord/spec.py) and the limits it leaves out.

Three kinds of proof: broken copies of bodies discord.py really produces are refused (so a
validator that accepts everything fails here) while the originals pass; a bot flow that covers
every main route gets each of them validated; and the guard in the pytest plugin really fails
a test whose bot sent such a body.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import io
import os
import subprocess
import sys
import textwrap
from collections import Counter
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, NamedTuple

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.discord_harness import running_bot
from tests.fakediscord import DEFAULT_GUILD_ID, MOD_ROLE_ID, FakeDiscord, InteractionRejected, spec
from tests.fakediscord.validation import valid_command_name

ROOT = Path(__file__).resolve().parent.parent
CALLBACK = "/interactions/1100000000000000001/aW50ZXJhY3Rpb246dG9rZW4/callback"
COMMANDS = "/applications/1100000000000000001/commands"
FOLLOWUP = "/webhooks/1100000000000000001/aW50ZXJhY3Rpb246dG9rZW4"
Body = Any
Mutation = Callable[[Body], None]


# --- real bodies, built by discord.py's own serializers --------------------------------------
class FactForm(discord.ui.Modal, title="Add a fact"):
    fact_id: discord.ui.TextInput[FactForm] = discord.ui.TextInput(label="Id (optional)", custom_id="f:id")
    quote: discord.ui.TextInput[FactForm] = discord.ui.TextInput(
        label="Quote (verbatim)", custom_id="f:quote", style=discord.TextStyle.paragraph
    )

    def __init__(self) -> None:
        super().__init__(custom_id="facts:add")


async def real_bodies() -> dict[str, tuple[str, str, Body]]:
    """name -> (method, path, body) as discord.py sends them. Views need a running loop."""
    view = discord.ui.View(timeout=None)
    view.add_item(discord.ui.Button(label="Newer", custom_id="history:newer"))
    view.add_item(discord.ui.Button(label="Older", custom_id="history:older", style=discord.ButtonStyle.primary))
    embed = (
        discord.Embed(title="R1 training cost", description="$294,000", colour=0x2B6CB0)
        .add_field(name="Source", value="Reuters")
        .set_footer(text="r1-training-cost")
    )
    tree: app_commands.CommandTree[discord.Client] = app_commands.CommandTree(
        discord.Client(intents=discord.Intents.none())
    )

    @tree.command(description="Training cost of a model")
    @app_commands.describe(model="Model name")
    async def cost(interaction: discord.Interaction, model: str) -> None: ...

    choices = [app_commands.Choice(name=f"model {i}", value=f"m{i}").to_dict() for i in range(25)]
    return {
        "modal": ("POST", CALLBACK, {"type": 9, "data": FactForm().to_dict()}),
        "buttons": ("POST", CALLBACK, {"type": 4, "data": {"content": "Page 1", "components": view.to_components()}}),
        "embed": ("POST", CALLBACK, {"type": 4, "data": {"embeds": [embed.to_dict()]}}),
        "choices": ("POST", CALLBACK, {"type": 8, "data": {"choices": choices}}),
        "commands": ("PUT", COMMANDS, [cost.to_dict(tree)]),
    }


def _first_button(body: Body) -> dict[str, Any]:
    return body["data"]["components"][0]["components"][0]


def _label(body: Body) -> None:
    body["data"]["components"][0]["components"][0]["label"] = "x" * 46


def _modal_rows(body: Body) -> None:
    row = body["data"]["components"][0]
    body["data"]["components"] = [
        {**row, "components": [{**row["components"][0], "custom_id": f"f:{i}"}]} for i in range(26)
    ]


def _embed_fields(body: Body) -> None:
    body["data"]["embeds"][0]["fields"] = [{"name": f"n{i}", "value": "v", "inline": True} for i in range(26)]


def _embed_6001(body: Body) -> None:
    # Every field within its own limit: only the 6,000 total across the message is broken.
    embed = body["data"]["embeds"][0]
    embed.update(title="t" * 256, description="d" * 4096)
    used = 256 + 4096 + len(embed["footer"]["text"])
    embed["fields"] = [{"name": "a", "value": "v" * 1024}, {"name": "b", "value": "w" * (6001 - used - 1026)}]


def _embeds_split(body: Body) -> None:
    first = body["data"]["embeds"][0]
    first.update(title="", description="d" * 4096, fields=[], footer={"text": ""})
    body["data"]["embeds"].append({"description": "e" * 1905})


def _choices(body: Body) -> None:
    body["data"]["choices"].append({"name": "model 25", "value": "m25"})


def _choice_value(body: Body) -> None:
    body["data"]["choices"][0]["value"] = "v" * 101


def _custom_id(body: Body) -> None:
    _first_button(body)["custom_id"] = "c" * 101


def _six_buttons(body: Body) -> None:
    row = body["data"]["components"][0]
    row["components"] = [{**row["components"][0], "custom_id": f"b{i}"} for i in range(6)]


def _no_style(body: Body) -> None:
    del _first_button(body)["style"]


def _name_case(body: Body) -> None:
    body[0]["name"] = "Cost"


def _no_description(body: Body) -> None:
    body[0]["description"] = ""


class Broken(NamedTuple):
    """A real body with one thing broken, and who must refuse it, where, with which code."""

    what: str
    base: str
    mutate: Mutation
    rule: str
    field: str
    code: str


BROKEN = [
    Broken(
        "text-input label of 46 characters",
        "modal",
        _label,
        "openapi spec",
        "data.components.0.components.0.label",
        "BASE_TYPE_MAX_LENGTH",
    ),
    Broken(
        "modal with 26 components", "modal", _modal_rows, "documented limit", "data.components", "BASE_TYPE_BAD_LENGTH"
    ),
    Broken(
        "embed with 26 fields", "embed", _embed_fields, "openapi spec", "data.embeds.0.fields", "BASE_TYPE_MAX_LENGTH"
    ),
    Broken("6,001-character embed", "embed", _embed_6001, "documented limit", "data.embeds", "MAX_EMBED_SIZE_EXCEEDED"),
    Broken(
        "6,001 characters over two embeds",
        "embed",
        _embeds_split,
        "documented limit",
        "data.embeds",
        "MAX_EMBED_SIZE_EXCEEDED",
    ),
    Broken("26 autocomplete choices", "choices", _choices, "openapi spec", "data.choices", "BASE_TYPE_MAX_LENGTH"),
    Broken(
        "autocomplete value of 101 characters",
        "choices",
        _choice_value,
        "documented limit",
        "data.choices.0.value",
        "BASE_TYPE_MAX_LENGTH",
    ),
    Broken(
        "101-character custom_id",
        "buttons",
        _custom_id,
        "openapi spec",
        "data.components.0.components.0.custom_id",
        "BASE_TYPE_MAX_LENGTH",
    ),
    Broken(
        "six buttons in one action row",
        "buttons",
        _six_buttons,
        "openapi spec",
        "data.components.0.components",
        "BASE_TYPE_MAX_LENGTH",
    ),
    Broken(
        "button missing its style",
        "buttons",
        _no_style,
        "openapi spec",
        "data.components.0.components.0.style",
        "BASE_TYPE_REQUIRED",
    ),
    Broken(
        "upper-case slash command name",
        "commands",
        _name_case,
        "documented limit",
        "0.name",
        "APPLICATION_COMMAND_INVALID_NAME",
    ),
    Broken(
        "slash command without a description",
        "commands",
        _no_description,
        "documented limit",
        "0.description",
        "BASE_TYPE_BAD_LENGTH",
    ),
]


def codes_at(errors: dict[str, Any], dotted: str) -> list[str]:
    node: Any = errors
    for key in dotted.split("."):
        node = node.get(key, {}) if isinstance(node, dict) else {}
    return [e["code"] for e in node.get("_errors", [])]


async def test_broken_copies_of_real_bodies_are_refused_and_the_originals_pass() -> None:
    bodies = await real_bodies()
    for name, (method, path, body) in bodies.items():
        assert spec.check_request(method, path, body) is None, f"the real {name} body must pass"
    for what, base, mutate, rule, field, code in BROKEN:
        method, path, original = bodies[base]
        broken = copy.deepcopy(original)
        mutate(broken)
        assert broken != original, what
        refusal = spec.check_request(method, path, broken)
        assert refusal is not None, f"{what}: accepted"
        assert refusal.rule == rule, f"{what}: refused by the {refusal.rule}, expected the {rule}: {refusal}"
        assert refusal.error.status == 400 and refusal.error.code == 50035, what
        assert code in codes_at(refusal.error.errors, field), f"{what}: {refusal.error.errors}"


# --- interaction callbacks: one schema per type -----------------------------------------------
VALID_CALLBACKS: list[Body] = [
    {"type": 4, "data": {"content": "pong", "flags": 64, "allowed_mentions": {"parse": []}}},
    {"type": 5, "data": {"flags": 64}},
    {"type": 6},
    {"type": 7, "data": {"content": "page 2", "components": []}},
    {"type": 8, "data": {"choices": [{"name": "r1", "value": "r1"}]}},
    {"type": 9, "data": {"custom_id": "m", "title": "t", "components": [{"type": 1, "components": [
        {"type": 4, "custom_id": "m:t", "style": 1, "label": "Text"}]}]}},
]  # fmt: skip

# A body that would be fine for another type, or not at all, refused at the field that is wrong.
WRONG_FOR_TYPE: list[tuple[Body, str, str]] = [
    (VALID_CALLBACKS[5] | {"type": 4}, "data.components.0.components.0.type", "UNION_TYPE_CHOICES"),
    ({"type": 5, "data": {"flags": "ephemeral"}}, "data.flags", "NUMBER_TYPE_COERCE"),
    ({"type": 6, "data": {"embeds": {"title": "not a list"}}}, "data.embeds", "LIST_TYPE_CONVERT"),
    ({"type": 7, "data": {"content": 42}}, "data.content", "STRING_TYPE_CONVERT"),
    ({"type": 8}, "data", "BASE_TYPE_REQUIRED"),
    ({"type": 8, "data": {"choices": [{"name": "r1"}]}}, "data.choices.0.value", "BASE_TYPE_REQUIRED"),
    ({"type": 9, "data": {"content": "not a modal"}}, "data.title", "BASE_TYPE_REQUIRED"),
    (VALID_CALLBACKS[3] | {"type": 9}, "data.custom_id", "BASE_TYPE_REQUIRED"),
    ({"type": 10}, "type", "UNION_TYPE_CHOICES"),
]


def test_callback_union_is_dispatched_on_type() -> None:
    operation = spec.find_operation("POST", CALLBACK)
    assert operation is not None
    names = {t: pointer.rsplit("/", 1)[-1] for t, pointer in operation.branches.items()}
    assert names[4] == names[5] == "CreateMessageInteractionCallbackRequest"
    assert names[6] == names[7] == "UpdateMessageInteractionCallbackRequest"
    assert names[8] == "ApplicationCommandAutocompleteCallbackRequest"
    assert names[9] == "ModalInteractionCallbackRequest"


@pytest.mark.parametrize("body", VALID_CALLBACKS, ids=lambda b: f"type-{b['type']}")
def test_valid_callback_of_each_type_passes(body: Body) -> None:
    assert spec.check_request("POST", CALLBACK, body) is None


@pytest.mark.parametrize(("body", "field", "code"), WRONG_FOR_TYPE, ids=lambda x: str(x)[:40])
def test_wrong_callback_body_for_its_type_is_refused_at_the_field(body: Body, field: str, code: str) -> None:
    refusal = spec.check_request("POST", CALLBACK, body)
    assert refusal is not None and refusal.rule == "openapi spec"
    assert code in codes_at(refusal.error.errors, field), refusal.error.errors
    assert refusal.problems, "a refusal explains itself"


@pytest.mark.parametrize(
    ("method", "path", "template"),
    [
        ("PUT", COMMANDS, "/applications/{application_id}/commands"),
        ("PUT", COMMANDS.replace("/commands", "/guilds/2/commands"), "/applications/{application_id}/guilds/{guild_id}/commands"),  # noqa: E501
        ("POST", CALLBACK, "/interactions/{interaction_id}/{interaction_token}/callback"),
        ("POST", FOLLOWUP, "/webhooks/{webhook_id}/{webhook_token}"),
        ("PATCH", FOLLOWUP + "/messages/@original", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"),
        ("PATCH", FOLLOWUP + "/messages/3", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"),
        ("POST", "/channels/4/messages", "/channels/{channel_id}/messages"),
        ("GET", "/users/@me", "/users/@me"),
        ("GET", "/users/5", "/users/{user_id}"),
    ],
)  # fmt: skip
def test_operations_are_found_by_method_and_path_template(method: str, path: str, template: str) -> None:
    operation = spec.find_operation(method, path)
    assert operation is not None and operation.template == template


# --- the allow-list and the limits the spec leaves out ---------------------------------------
def test_allow_list_excuses_only_the_named_field() -> None:
    assert all(a.why for a in spec.ALLOWED_LOOSENESS)
    before = sum(spec.EXCUSED.values())
    upload = {"content": "here", "attachments": [{"id": 0, "filename": "facts.toml"}]}
    assert spec.check_request("POST", FOLLOWUP, upload) is None
    assert sum(spec.EXCUSED.values()) == before + 1, "an excuse in use is counted"
    # The same integer anywhere else is still a non-snowflake, and a non-index is not an upload.
    for body in (
        {"content": "hi", "allowed_mentions": {"users": [5]}},
        {"content": "here", "attachments": [{"id": "zero"}]},
        {"content": "here", "attachments": [{"id": True}]},
    ):
        assert spec.check_request("POST", FOLLOWUP, body) is not None, body


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("ask", True),
        ("r1-cost_it's", True),
        ("नमस्ते", True),  # Devanagari vowel signs are marks, allowed by \p{sc=Deva}
        ("สวัสดี", True),  # Thai vowel signs likewise
        ("费用", True),
        ("x" * 32, True),
        ("x" * 33, False),
        ("", False),
        ("Ask", False),
        ("two words", False),
        ("cost?", False),
        ("नमस्ते।", False),  # U+0964 DANDA is Common script, not Devanagari
        ("฿", False),  # U+0E3F BAHT is Common script, not Thai
    ],
)
def test_chat_input_name_pattern(name: str, valid: bool) -> None:
    assert valid_command_name(name) is valid


# --- the fake refuses and records, and strict=False still records ----------------------------
@contextlib.asynccontextmanager
async def connected(bot: commands.Bot, fake: FakeDiscord) -> AsyncIterator[commands.Bot]:
    with fake.patch_discord():
        await bot.login("fake.token.value")
        task = asyncio.create_task(bot.connect(reconnect=False))
        try:
            await fake.wait_until_identified()
            yield bot
        finally:
            await bot.close()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(task, 5)


class LongLabel(discord.ui.Modal, title="Report"):
    note: discord.ui.TextInput[LongLabel] = discord.ui.TextInput(
        label="What is wrong with this answer, in brief words?"
    )


class FlowModal(discord.ui.Modal, title="Flow"):
    text: discord.ui.TextInput[FlowModal] = discord.ui.TextInput(label="Text", custom_id="flow:modal:text")

    def __init__(self) -> None:
        super().__init__(custom_id="flow:modal")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"got {self.text.value}", ephemeral=True)


class FlowView(discord.ui.View):
    @discord.ui.button(label="Edit", custom_id="flow:edit", style=discord.ButtonStyle.primary)
    async def edit(self, interaction: discord.Interaction, button: discord.ui.Button[FlowView]) -> None:
        await interaction.response.edit_message(content="edited", view=None)

    @discord.ui.button(label="Acknowledge", custom_id="flow:ack")
    async def ack(self, interaction: discord.Interaction, button: discord.ui.Button[FlowView]) -> None:
        await interaction.response.defer()


class FlowBot(commands.Bot):
    """Every main route and callback type once, through discord.py's own request code."""

    def __init__(self) -> None:
        super().__init__(command_prefix=commands.when_mentioned, intents=discord.Intents.default(), help_command=None)

    async def setup_hook(self) -> None:
        tree = self.tree

        @tree.command(description="Buttons.")
        async def buttons(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("pick", view=FlowView(timeout=None))

        @tree.command(description="Deferred, then follow-ups and edits.")
        async def later(interaction: discord.Interaction) -> None:
            await interaction.response.defer(thinking=True)
            await interaction.followup.send("step 1")
            second = await interaction.followup.send("step 2", wait=True)
            await interaction.followup.edit_message(second.id, content="step 2 (edited)")
            await interaction.edit_original_response(content="step 1 (edited)")

        @tree.command(description="A form.")
        async def form(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(FlowModal())

        @tree.command(description="A file.")
        async def file(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("here", file=discord.File(io.BytesIO(b"x"), "x.txt"))

        @tree.command(description="Pick a model.")
        async def pick(interaction: discord.Interaction, model: str) -> None:
            await interaction.response.send_message(model)

        @pick.autocomplete("model")
        async def pick_model(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
            return [app_commands.Choice(name=m, value=m) for m in ("r1", "v3") if m.startswith(current)]

        @tree.command(description="Guild only.")
        @app_commands.guilds(DEFAULT_GUILD_ID)
        async def here(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("here")

        @tree.command(description="A reply Discord refuses, as a multipart body.")
        async def badfile(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("x" * 2001, file=discord.File(io.BytesIO(b"x"), "x.txt"))

        @tree.command(description="A modal Discord refuses.")
        async def badform(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(LongLabel())

        await tree.sync()
        await tree.sync(guild=discord.Object(DEFAULT_GUILD_ID))


MAIN_ROUTES = [
    ("PUT", "/applications/{application_id}/commands"),
    ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands"),
    ("POST", "/interactions/{interaction_id}/{interaction_token}/callback"),
    ("POST", "/webhooks/{webhook_id}/{webhook_token}"),
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"),
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"),
]


async def test_a_representative_bot_flow_has_every_main_route_validated() -> None:
    routes, types, excused = Counter(spec.VALIDATED), Counter(spec.VALIDATED_CALLBACK_TYPES), Counter(spec.EXCUSED)
    async with FakeDiscord() as fake, connected(FlowBot(), fake):
        shown = await fake.send_slash("buttons")
        await shown.response()
        assert (await (await fake.send_component("flow:edit", message=shown)).response())["type"] == 7
        shown = await fake.send_slash("buttons")
        await shown.response()
        assert (await (await fake.send_component("flow:ack", message=shown)).response())["type"] == 6
        later = await fake.send_slash("later")
        await later.response()
        await fake.wait_for_request("PATCH", r"/messages/@original$")
        await fake.wait_for_request("PATCH", r"/messages/\d+$")
        form = await fake.send_slash("form")
        assert (await form.response())["type"] == 9
        submitted = await fake.send_modal_submit("flow:modal", values={"flow:modal:text": "hi"})
        assert (await submitted.response())["data"]["content"] == "got hi"
        file = await fake.send_slash("file")
        await file.response()
        assert file.files == [("x.txt", b"x")]
        picked = await fake.send_autocomplete("pick", {"model": "r"}, focused="model")
        assert [c["value"] for c in (await picked.response())["data"]["choices"]] == ["r1"]
        assert (await (await fake.send_slash("here")).response())["data"]["content"] == "here"
        fake.assert_no_spec_violations()
        fake.assert_no_unhandled()
    validated = spec.VALIDATED - routes
    assert all(validated[route] >= 1 for route in MAIN_ROUTES), validated
    assert set(spec.VALIDATED_CALLBACK_TYPES - types) >= {4, 5, 6, 7, 8, 9}
    # The file reply's payload_json was validated: its upload index is the one excuse in use.
    assert any("attachments" in where for where in spec.EXCUSED - excused)


@pytest.mark.spec_violations_expected  # refused on purpose
async def test_the_fake_refuses_records_and_fails_fast() -> None:
    async with FakeDiscord() as fake, connected(FlowBot(), fake):
        for command in ("badfile", "badform"):
            ix = await fake.send_slash(command)
            with pytest.raises(InteractionRejected, match="BASE_TYPE_MAX_LENGTH"):
                await ix.response(timeout=1.0)
            assert [r.status for r in ix.rejected] == [400] and not ix.acknowledged
        multipart, modal = fake.spec_violations
        assert multipart.rule == modal.rule == "openapi spec"
        assert multipart.route == modal.route == "POST /interactions/{interaction_id}/{interaction_token}/callback"
        assert multipart.request.files == [("x.txt", b"x")], "a multipart body is judged by its payload_json"
        assert "data.content" in str(multipart) and "data.components.0.components.0.label" in str(modal)
        assert multipart.error["errors"]["data"]["content"]["_errors"][0]["code"] == "BASE_TYPE_MAX_LENGTH"


@pytest.mark.spec_violations_expected  # strict=False still records, which is what this checks
async def test_not_strict_answers_but_still_records() -> None:
    async with FakeDiscord(strict=False) as fake, connected(FlowBot(), fake):
        ix = await fake.send_slash("badform")
        assert (await ix.response())["type"] == 9
        [violation] = fake.spec_violations
        assert violation.request.status == 200 and "label" in str(violation)


GUARDED_TESTS = textwrap.dedent(
    """
    import aiohttp
    import pytest

    from tests.fakediscord import FakeDiscord


    async def post(content: str) -> int:
        async with FakeDiscord() as fake, aiohttp.ClientSession() as session:
            url = f"{fake.api_base}/channels/{fake.channel_id}/messages"
            async with session.post(url, json={"content": content}, headers={"Authorization": "Bot x"}) as response:
                return response.status


    async def test_passes_although_its_bot_sent_a_refused_body():
        assert await post("x" * 2001) == 400


    @pytest.mark.spec_violations_expected
    async def test_sends_it_on_purpose():
        assert await post("x" * 2001) == 400


    async def test_valid_body():
        assert await post("ok") == 200
    """
)


def test_a_test_whose_bot_sent_a_refused_body_fails(tmp_path: Path) -> None:
    (tmp_path / "test_guarded.py").write_text(GUARDED_TESTS)
    ini = "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"
    (tmp_path / "pytest.ini").write_text(ini)
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.fakediscord.pytest_plugin", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "1 failed, 2 passed" in done.stdout, done.stdout + done.stderr
    assert "FAILED test_guarded.py::test_passes_although_its_bot_sent_a_refused_body" in done.stdout
    assert "real Discord would refuse" in done.stdout and "content: BASE_TYPE_MAX_LENGTH" in done.stdout


# --- the bot itself -------------------------------------------------------------------------
SOURCE_63 = "nature-2025-deepseek-r1-incentivizes-reasoning-in-llms-via-rl-x"


# Was a bot defect: the quote input's label, f"Quote from {source} (verbatim)", reached 85
# characters with this id (Discord allows 45). Written as xfail(strict=True); the fix in
# bot/cogs/moderation.py (commit 70f6283, quote_label) flipped it, so it now guards the fix.
async def test_facts_add_with_a_long_source_id_opens_a_modal_discord_accepts(project: Path) -> None:
    assert len(SOURCE_63) == 63, "the longest source id the command accepts"
    async with running_bot(
        project / "facts.db", moderator_guild_ids=[DEFAULT_GUILD_ID], moderator_role_ids=[MOD_ROLE_ID]
    ) as live:
        options = [
            {"name": "topic", "type": 3, "value": "cost"},
            {"name": "subject", "type": 3, "value": "r1"},
            {"name": "source", "type": 3, "value": SOURCE_63},
        ]
        ix = await live.fake.send_slash("facts", [{"type": 1, "name": "add", "options": options}], roles=[MOD_ROLE_ID])
        assert (await ix.response())["type"] == 9
        live.fake.assert_no_spec_violations()
