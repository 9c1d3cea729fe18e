"""`/facts …`: moderators keep the shared facts table current from Discord.

The group is guild-only with `default_permissions(manage_guild)`, which only
hides it from ordinary members in the client; server admins can change that,
and a form or button outlives the permission it was opened with. So every
entry point that reads moderator data or changes a fact runs the full
moderator check itself, at the moment it acts: each slash command
(`interaction_check`), each autocomplete, each form submit and each button.
"""

from __future__ import annotations

import asyncio
import io
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import curated
from bot.config import Settings
from bot.embeds import COLOURS, FIELD_VALUE, cut
from bot.errors import FactbotError, InvalidEdit
from bot.models import Actor, Fact, HistoryEntry
from bot.moderation import (
    Moderation,
    format_citations,
    format_value_input,
    parse_aliases,
    parse_citations,
    parse_value,
)
from bot.replies import NO_PINGS, defuse, error_text, problems_text, send_ephemeral

if TYPE_CHECKING:
    from bot.client import FactBot

log = logging.getLogger(__name__)

HISTORY_PAGE = 5
MAX_CHOICES = 25
LABEL = 45  # Discord's limit on a text input's label
NOT_YOURS = "Only the person who opened this can use it."


class NotModerator(app_commands.CheckFailure):
    """The caller may not change facts; the message says what is missing."""


def moderator_problem(interaction: discord.Interaction, settings: Settings) -> str | None:
    """Why this caller may not change facts, or None if they may."""
    if interaction.guild_id is None:
        return "Facts can only be changed from the bot's home server, not in direct messages."
    if interaction.guild_id not in settings.moderator_guild_ids:
        return "Facts are shared by every server, so they can only be changed from the bot's home server."
    user = interaction.user
    if user.id in settings.moderator_user_ids:
        return None
    roles = {role.id for role in getattr(user, "roles", [])}
    if roles & set(settings.moderator_role_ids):
        return None
    if interaction.permissions.manage_guild:
        return None
    return "You need a moderator role, to be listed as a moderator, or Manage Server here to change facts."


def require_moderator(interaction: discord.Interaction, settings: Settings) -> None:
    """Raise NotModerator unless this caller may change facts, judged now from this interaction."""
    problem = moderator_problem(interaction, settings)
    if problem is not None:
        raise NotModerator(problem)


def is_moderator(interaction: discord.Interaction, settings: Settings) -> bool:
    return moderator_problem(interaction, settings) is None


def actor_of(interaction: discord.Interaction) -> Actor:
    return Actor(id=str(interaction.user.id), name=interaction.user.name[:100], via="discord")


async def report_failure(interaction: discord.Interaction, error: Exception) -> None:
    """Modals and views bypass the tree's error handler: answer their failures the same way."""
    if isinstance(error, app_commands.CheckFailure):
        await send_ephemeral(interaction, str(error) or NOT_YOURS)
    elif isinstance(error, InvalidEdit):
        await send_ephemeral(interaction, problems_text(error))
    elif isinstance(error, FactbotError):
        await send_ephemeral(interaction, error_text(error))
    else:
        log.error("moderator form or button failed", exc_info=error)
        await send_ephemeral(interaction, "Sorry, that change could not be saved. It has been logged.")


class Guarded:
    """A form or view that only its opener may use, and only while they are still a moderator."""

    bot: FactBot
    owner_id: int

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner_id:
            raise NotModerator(NOT_YOURS)
        require_moderator(interaction, self.bot.settings)
        return True

    async def on_error(self, interaction: discord.Interaction, error: Exception, item: Any = None) -> None:
        await report_failure(interaction, error)


def quote_label(source: str) -> str:
    """The add form's quote label, naming the source only if it fits Discord's 45 characters."""
    label = f"Quote from {source} (verbatim)"
    return label if len(label) <= LABEL else "Quote, copied verbatim from the source"


class FactForm(Guarded, discord.ui.Modal):
    """Add or edit a fact (Discord allows five inputs in a modal)."""

    def __init__(
        self,
        bot: FactBot,
        owner_id: int,
        *,
        current: Fact | None = None,
        options: dict[str, str] | None = None,
    ) -> None:
        super().__init__(title=f"Edit {current.id}"[:45] if current else "Add a fact", timeout=900)
        self.bot = bot
        self.owner_id = owner_id
        self.current = current
        self.options = options or {}
        if current is None:
            self.first = discord.ui.TextInput(
                label="Id (optional)", required=False, max_length=63, placeholder="e.g. r1-training-cost"
            )
            self.citations = discord.ui.TextInput(
                label=quote_label(self.options.get("source", "the source")),
                style=discord.TextStyle.paragraph,
                max_length=500,
            )
        else:
            self.first = discord.ui.TextInput(
                label="Topic / subject", default=f"{current.topic} / {current.subject}", max_length=130
            )
            self.citations = discord.ui.TextInput(
                label="Citations: one per line, source-id: quote",
                style=discord.TextStyle.paragraph,
                default=cut(format_citations(current), 4000),
                max_length=4000,
            )
        self.answer = discord.ui.TextInput(
            label="Answer (one sentence, our own words)",
            style=discord.TextStyle.paragraph,
            max_length=400,
            default=current.answer if current else None,
        )
        self.value = discord.ui.TextInput(
            label="Key value (optional)",
            required=False,
            max_length=60,
            placeholder="294000 USD · 512 chips · more than $100 million",
            default=format_value_input(current) if current else None,
        )
        self.aliases = discord.ui.TextInput(
            label="Search keywords, comma-separated (optional)",
            style=discord.TextStyle.paragraph,
            required=False,
            max_length=1000,
            default=cut(", ".join(current.aliases), 1000) if current else None,
        )
        for item in (self.first, self.answer, self.citations, self.value, self.aliases):
            self.add_item(item)

    def fields(self) -> dict[str, Any]:
        data: dict[str, Any] = {"answer": self.answer.value, "aliases": parse_aliases(self.aliases.value)}
        data.update(parse_value(self.value.value))
        if self.current is None:
            data.update(
                id=self.first.value.strip() or None,
                topic=self.options["topic"],
                subject=self.options["subject"],
                citations=[{"source": self.options["source"], "quote": self.citations.value}],
            )
        else:
            topic, sep, subject = self.first.value.partition("/")
            if not sep:
                raise InvalidEdit([("topic / subject", "write them as `topic / subject`, e.g. `cost / r1`")])
            data.update(topic=topic.strip(), subject=subject.strip(), citations=parse_citations(self.citations.value))
        return data

    async def on_submit(self, interaction: discord.Interaction) -> None:
        fields = self.fields()  # a malformed form is refused before anything waits
        # A write can wait for another writer's lock past Discord's 3 s: acknowledge first.
        await interaction.response.defer(ephemeral=True, thinking=True)
        moderation = self.bot.service.moderation
        actor = actor_of(interaction)
        if self.current is None:
            fact = await asyncio.to_thread(moderation.add, fields, actor)
            message = f"Added `{fact.id}` (version 1). It is live in every answer now."
        else:
            fact = await asyncio.to_thread(moderation.edit, self.current.id, fields, self.current.version, actor)
            message = f"Saved `{fact.id}` as version {fact.version}. It is live in every answer now."
        await send_ephemeral(interaction, message)


class HistoryPages(Guarded, discord.ui.View):
    """Paged history of one fact; only the moderator who asked can turn the pages."""

    def __init__(self, bot: FactBot, fact_id: str, entries: list[HistoryEntry], owner_id: int) -> None:
        super().__init__(timeout=600)
        self.bot = bot
        self.fact_id = fact_id
        self.entries = entries
        self.owner_id = owner_id
        self.page = 0
        self.pages = max(1, -(-len(entries) // HISTORY_PAGE))
        self.sync_buttons()

    def embed(self) -> discord.Embed:
        embed = discord.Embed(title=cut(f"History of {defuse(self.fact_id)}", 256), colour=COLOURS["list"])
        start = self.page * HISTORY_PAGE
        for entry in self.entries[start : start + HISTORY_PAGE]:
            version = f"v{entry.version}" if entry.version else "refused"
            name = f"{version} · {entry.action} · {entry.at}"
            changed = ", ".join(entry.changed_fields()) or "—"
            value = f"by **{defuse(entry.actor_name)}** via {entry.via}\nchanged: {defuse(changed)}"
            if entry.note:
                value += f"\n{defuse(entry.note)}"
            embed.add_field(name=cut(name, 256), value=cut(value, FIELD_VALUE), inline=False)
        embed.set_footer(text=f"Page {self.page + 1} of {self.pages} · {len(self.entries)} entries")
        return embed

    def sync_buttons(self) -> None:
        self.previous.disabled = self.page == 0
        self.next.disabled = self.page >= self.pages - 1

    async def turn(self, interaction: discord.Interaction, step: int) -> None:
        self.page = min(max(self.page + step, 0), self.pages - 1)
        self.sync_buttons()
        await interaction.response.edit_message(embed=self.embed(), view=self)

    @discord.ui.button(label="◀ Newer", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self.turn(interaction, -1)

    @discord.ui.button(label="Older ▶", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self.turn(interaction, 1)


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class FactsAdmin(commands.GroupCog, group_name="facts", group_description="Moderators: keep the facts table current"):
    """Moderator commands. Every change is versioned, attributed and reversible."""

    def __init__(self, bot: FactBot) -> None:
        self.bot = bot
        super().__init__()

    @property
    def moderation(self) -> Moderation:
        return self.bot.service.moderation

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        # discord.py runs this for commands only, never for autocomplete: the choices check themselves.
        require_moderator(interaction, self.bot.settings)
        return True

    # -- autocomplete: fact ids and sources are moderator data, so non-moderators get no choices --

    async def _choices(
        self, interaction: discord.Interaction, values: list[tuple[str, str]], current: str
    ) -> list[app_commands.Choice[str]]:
        if not is_moderator(interaction, self.bot.settings):
            return []
        typed = current.lower().strip()
        return [
            app_commands.Choice(name=cut(label, 100), value=value[:100])
            for value, label in values
            if typed in value or typed in label.lower()
        ][:MAX_CHOICES]

    async def fact_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        if not is_moderator(interaction, self.bot.settings):
            return []
        found = await asyncio.to_thread(self.moderation.fact_choices, current, MAX_CHOICES)
        return await self._choices(interaction, found, current)

    async def topic_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        if not is_moderator(interaction, self.bot.settings):
            return []
        topics = await asyncio.to_thread(self.moderation.topics)
        return await self._choices(interaction, [(topic, topic) for topic in topics], current)

    async def subject_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        if not is_moderator(interaction, self.bot.settings):
            return []
        subjects = await asyncio.to_thread(self.moderation.subjects)
        return await self._choices(interaction, [(subject, subject) for subject in subjects], current)

    async def source_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        if not is_moderator(interaction, self.bot.settings):
            return []
        sources = await asyncio.to_thread(self.moderation.sources)
        return await self._choices(interaction, [(s.id, f"{s.id}: {s.headline}") for s in sources], current)

    # -- commands --

    @app_commands.command()
    @app_commands.describe(
        topic="A known topic: cost, chips, paper, … (/facts add-topic adds one)",
        subject="r1, openai, deepseek, … (or a new one)",
        source="The article the quote comes from",
    )
    @app_commands.autocomplete(topic=topic_choices, subject=subject_choices, source=source_choices)
    async def add(
        self,
        interaction: discord.Interaction,
        topic: app_commands.Range[str, 1, 63],
        subject: app_commands.Range[str, 1, 63],
        source: app_commands.Range[str, 1, 63],
    ) -> None:
        """Add a fact: the answer, quote, value and keywords go in a form."""
        options = {"topic": topic, "subject": subject, "source": source}
        await interaction.response.send_modal(FactForm(self.bot, interaction.user.id, options=options))

    @app_commands.command(name="add-topic")
    @app_commands.describe(topic="The new topic: lowercase letters, digits and dashes (like `hardware-export`)")
    async def add_topic(self, interaction: discord.Interaction, topic: app_commands.Range[str, 1, 63]) -> None:
        """Add a topic that facts may have; recorded in the history."""
        await interaction.response.defer(ephemeral=True, thinking=True)  # the write may wait for a lock
        name = await asyncio.to_thread(self.moderation.add_topic, topic, actor_of(interaction))
        await send_ephemeral(interaction, f"Added topic `{name}`: facts may now have it.")

    @app_commands.command(name="add-question")
    @app_commands.describe(id="The fact that answers it", question="A way people ask for it, in their own words")
    @app_commands.autocomplete(id=fact_choices)
    async def add_question(
        self,
        interaction: discord.Interaction,
        id: app_commands.Range[str, 1, 80],
        question: app_commands.Range[str, 3, 300],
    ) -> None:
        """Teach a fact one more example question; from then on it answers it."""
        await interaction.response.defer(ephemeral=True, thinking=True)  # the write may wait for a lock
        fact = await asyncio.to_thread(self.moderation.add_question, id, question, actor_of(interaction))
        await send_ephemeral(
            interaction, f"Saved `{fact.id}` as version {fact.version}: {len(fact.questions)} example questions."
        )

    @app_commands.command()
    @app_commands.describe(id="The fact to edit")
    @app_commands.autocomplete(id=fact_choices)
    async def edit(self, interaction: discord.Interaction, id: app_commands.Range[str, 1, 80]) -> None:
        """Edit a fact in a form filled with its current version."""
        current = await asyncio.to_thread(self.moderation.fact, id)
        await interaction.response.send_modal(FactForm(self.bot, interaction.user.id, current=current))

    @app_commands.command()
    @app_commands.describe(id="The fact to retire", reason="Why it no longer holds")
    @app_commands.autocomplete(id=fact_choices)
    async def retire(
        self,
        interaction: discord.Interaction,
        id: app_commands.Range[str, 1, 80],
        reason: app_commands.Range[str, 1, 300],
    ) -> None:
        """Retire a fact: answers stop using it; it stays in the history."""
        await interaction.response.defer(ephemeral=True, thinking=True)  # the write may wait for a lock
        fact = await asyncio.to_thread(self.moderation.retire, id, reason, actor_of(interaction))
        await send_ephemeral(interaction, f"Retired `{fact.id}` (version {fact.version}).")

    @app_commands.command()
    @app_commands.describe(id="The fact to restore", version="An earlier version to bring back (default: undo retire)")
    @app_commands.autocomplete(id=fact_choices)
    async def restore(
        self,
        interaction: discord.Interaction,
        id: app_commands.Range[str, 1, 80],
        version: app_commands.Range[int, 1, 100000] | None = None,
    ) -> None:
        """Restore a retired fact, or an earlier version, as a new version."""
        await interaction.response.defer(ephemeral=True, thinking=True)  # the write may wait for a lock
        fact = await asyncio.to_thread(self.moderation.restore, id, actor_of(interaction), version)
        await send_ephemeral(interaction, f"Restored `{fact.id}` as version {fact.version}.")

    @app_commands.command()
    @app_commands.describe(id="The fact whose history to show")
    @app_commands.autocomplete(id=fact_choices)
    async def history(self, interaction: discord.Interaction, id: app_commands.Range[str, 1, 80]) -> None:
        """Every version of a fact: who, when, via what, what changed."""
        entries = await asyncio.to_thread(self.moderation.history, id)
        pages = HistoryPages(self.bot, id, list(reversed(entries)), interaction.user.id)
        await interaction.response.send_message(
            embed=pages.embed(), view=pages, ephemeral=True, allowed_mentions=NO_PINGS
        )

    @app_commands.command()
    async def gaps(self, interaction: discord.Interaction) -> None:
        """The most asked questions no fact answered, and open wrong-answer reports."""
        unanswered, reports = await asyncio.to_thread(self.moderation.gaps, 10)
        embed = discord.Embed(title="Gaps", colour=COLOURS["unknown"])
        lines = [f"{gap.count}× {defuse(gap.question)}" for gap in unanswered] or ["none yet"]
        embed.add_field(name="Unanswered questions", value=cut("\n".join(lines), FIELD_VALUE), inline=False)
        lines = [
            f"#{r.id} {defuse(', '.join(r.fact_ids))}: {defuse(r.note or 'no note')}"
            + (f" (asked {defuse(r.question)})" if r.question else "")
            for r in reports
        ] or ["none open"]
        embed.add_field(name="Wrong-answer reports", value=cut("\n".join(lines), FIELD_VALUE), inline=False)
        await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=NO_PINGS)

    @app_commands.command()
    async def export(self, interaction: discord.Interaction) -> None:
        """The whole facts table with history, as a file in the curated format."""
        text = await asyncio.to_thread(lambda: curated.dumps(self.moderation.export()))
        file = discord.File(io.BytesIO(text.encode("utf-8")), filename="facts-export.toml")
        await interaction.response.send_message(
            "The facts table, in the format of `sources/facts.toml`:",
            file=file,
            ephemeral=True,
            allowed_mentions=NO_PINGS,
        )


async def setup(bot: FactBot) -> None:
    await bot.add_cog(FactsAdmin(bot))
