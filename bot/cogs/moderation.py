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
import datetime
import io
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import curated
from bot.config import Settings
from bot.embeds import COLOURS, FIELD_NAME, FIELD_VALUE, cut, fit, quote_block
from bot.errors import FactbotError, InvalidEdit
from bot.models import Actor, Fact, Gap, HistoryEntry, Report
from bot.moderation import (
    CLOSING_NOTE,
    GapsPage,
    Moderation,
    Taught,
    format_citations,
    format_value_input,
    gap_label,
    parse_aliases,
    parse_citations,
    parse_value,
    report_label,
)
from bot.replies import NO_PINGS, defuse, defuse_mentions, error_text, problems_text, send_ephemeral

if TYPE_CHECKING:
    from bot.client import FactBot

log = logging.getLogger(__name__)

HISTORY_PAGE = 5
MAX_CHOICES = 25
LABEL = 45  # Discord's limit on a text input's label
NOT_YOURS = "Only the person who opened this can use it."
MAX_ID = 2**53 - 1  # the largest integer option Discord takes
DISMISS_REASONS = ("off-topic", "the articles don't say", "a duplicate of another gap", "spam or a test")


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
    # Never @everyone (whose id is the server's), whatever the settings say: every member holds it.
    roles = {role.id for role in getattr(user, "roles", [])} - {interaction.guild_id}
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
    """A form or view that only its opener may use, and only while they are still a moderator.

    discord.py keeps one object per opened form and writes every submit's values into it before
    `interaction_check` runs, refused submits included. So a form's `on_submit` reads its values
    before its first await: after one, they may be those of a replay refused meanwhile.
    """

    bot: FactBot
    owner_id: int

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        # Never await here: discord.py has just written this submit's values into the form, and
        # `on_submit` must read them before another submit can overwrite them (see the docstring).
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


ASKED_LABEL = "Example question it answers"
CLAIM_LABEL = "The claim it covers (shown, not saved)"


class FactForm(Guarded, discord.ui.Modal):
    """Add or edit a fact (Discord allows five inputs in a modal).

    Added for a gap, the form shows the gap's question first (a claim too, for
    reference): from `/facts add … gap` with the id replaced by it, or from a
    gap's "Add a fact" button, where topic, subject and citation are typed in.
    """

    def __init__(
        self,
        bot: FactBot,
        owner_id: int,
        *,
        current: Fact | None = None,
        options: dict[str, str] | None = None,
        gap: Gap | None = None,
    ) -> None:
        if current is not None:
            title = f"Edit {current.id}"
        elif gap is not None:
            title = f"Add a fact for gap #{gap.id}"
        else:
            title = "Add a fact"
        super().__init__(title=title[:45], timeout=900)
        self.bot = bot
        self.owner_id = owner_id
        self.current = current
        self.options = options or {}
        self.gap = gap if current is None else None
        self.asked: discord.ui.TextInput[Any] | None = None
        self.first: discord.ui.TextInput[Any] | None = None
        self.aliases: discord.ui.TextInput[Any] | None = None
        if self.gap is not None:
            self.asked = discord.ui.TextInput(
                label=CLAIM_LABEL if self.gap.is_claim else ASKED_LABEL,
                style=discord.TextStyle.paragraph,
                default=cut(self.gap.text, 300),
                max_length=300,
                required=not self.gap.is_claim,
            )
        if current is None and self.options:
            if self.gap is None:
                self.first = discord.ui.TextInput(
                    label="Id (optional)", required=False, max_length=63, placeholder="e.g. r1-training-cost"
                )
            self.citations = discord.ui.TextInput(
                label=quote_label(self.options.get("source", "the source")),
                style=discord.TextStyle.paragraph,
                max_length=500,
            )
        elif current is None:
            # From a gap's button: no slash command gathered topic, subject and source.
            self.first = discord.ui.TextInput(label="Topic / subject", max_length=130, placeholder="e.g. cost / r1")
            self.citations = discord.ui.TextInput(
                label="Citation, as source-id: verbatim quote",
                style=discord.TextStyle.paragraph,
                max_length=600,
                placeholder="e.g. slashdot: 512 Nvidia H800 chips",
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
        if current is not None or self.options:
            self.aliases = discord.ui.TextInput(
                label="Search keywords, comma-separated (optional)",
                style=discord.TextStyle.paragraph,
                required=False,
                max_length=1000,
                default=cut(", ".join(current.aliases), 1000) if current else None,
            )
        for item in (self.asked, self.first, self.answer, self.citations, self.value, self.aliases):
            if item is not None:
                self.add_item(item)

    def fields(self) -> dict[str, Any]:
        data: dict[str, Any] = {"answer": self.answer.value}
        if self.aliases is not None:
            data["aliases"] = parse_aliases(self.aliases.value)
        data.update(parse_value(self.value.value))
        if self.current is None and self.options:
            data.update(
                topic=self.options["topic"],
                subject=self.options["subject"],
                citations=[{"source": self.options["source"], "quote": self.citations.value}],
            )
            if self.first is not None:
                data["id"] = self.first.value.strip() or None
        else:
            topic, sep, subject = (self.first.value if self.first else "").partition("/")
            if not sep:
                raise InvalidEdit([("topic / subject", "write them as `topic / subject`, e.g. `cost / r1`")])
            data.update(topic=topic.strip(), subject=subject.strip(), citations=parse_citations(self.citations.value))
        if self.gap is not None and self.asked is not None and not self.gap.is_claim:
            # What the moderator left in the question field is the example question: they may reword it.
            data["questions"] = [self.asked.value] if self.asked.value.strip() else []
        return data

    async def on_submit(self, interaction: discord.Interaction) -> None:
        fields = self.fields()  # before any await (see Guarded); a malformed form is refused at once
        # A write can wait for another writer's lock past Discord's 3 s: acknowledge first.
        await interaction.response.defer(ephemeral=True, thinking=True)
        moderation = self.bot.service.moderation
        actor = actor_of(interaction)
        if self.current is not None:
            fact = await asyncio.to_thread(moderation.edit, self.current.id, fields, self.current.version, actor)
            message = f"Saved `{fact.id}` as version {fact.version}. It is live in every answer now."
        elif self.gap is not None:
            taught = await asyncio.to_thread(moderation.add_for_gap, self.gap.id, fields, actor)
            message = (
                f"Added `{taught.fact.id}` (version 1) for gap #{self.gap.id}, which is closed. "
                f"It is live in every answer now.{held_text(taught)}"
            )
        else:
            fact = await asyncio.to_thread(moderation.add, fields, actor)
            message = f"Added `{fact.id}` (version 1). It is live in every answer now."
        await send_ephemeral(interaction, message)


def held_text(taught: Taught) -> str:
    """ " Asked now, … gets `fact`.": whether the question now gets the fact (nothing for a claim)."""
    if taught.answered_by is None:
        return ""
    asked = f"“{defuse(taught.gap.question)}”"
    gets = ", ".join(f"`{fact_id}`" for fact_id in taught.answered_by) or "no answer"
    if taught.holds:
        return f" Asked now, {asked} gets {gets}."
    return (
        f" But asked now, {asked} still gets {gets}: give `{taught.fact.id}` keywords (`/facts edit`) "
        "or another example question."
    )


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


# -- gaps and reports: from what readers could not get to a fix --

DISMISS_LABEL = "Why? (off-topic, the articles don't say…)"
CLOSE_LABEL = "What was done? (e.g. fixed in v3)"
BUTTON_LABEL = 80  # Discord's limit on a button's label
OPTION_TEXT = 100  # … and on a select option's label, description and value


def when(iso: str, style: str) -> str:
    """A stored time as a Discord timestamp, shown in each reader's own time zone."""
    try:
        return discord.utils.format_dt(datetime.datetime.fromisoformat(iso), style)  # type: ignore[arg-type]
    except ValueError:
        return "unknown"


def gap_field(gap: Gap) -> tuple[str, str]:
    kind = "claim" if gap.is_claim else "question"
    value = f"“{defuse(gap.text)}”\nfirst seen {when(gap.first_asked, 'd')} · last seen {when(gap.last_asked, 'R')}"
    if gap.status != "open":
        value += f"\n{defuse_mentions(gap.outcome())}"
    elif gap.suggestions:
        value += "\nnearest: " + ", ".join(f"`{defuse(fact_id)}`" for fact_id in gap.suggestions)
    return cut(f"#{gap.id} · {gap.count}× · {kind}", FIELD_NAME), cut(value, FIELD_VALUE)


def report_field(report: Report) -> tuple[str, str]:
    value = defuse(report.note or "no note")
    if report.question:
        value += f"\nasked: {defuse(report.question)}"
    value += f"\nreported {when(report.at, 'R')}"
    if report.status != "open":
        value += f"\nclosed by {defuse(report.closed_by or '?')}: {defuse(report.resolution or '')}"
    return cut(f"Report #{report.id} · {defuse(', '.join(report.fact_ids) or 'no fact')}", FIELD_NAME), cut(
        value, FIELD_VALUE
    )


class GapsPager(Guarded, discord.ui.View):
    """Every open gap, most asked first, then every open report, ten a page; pick one to act on it.
    Only the moderator who opened it can turn the pages or pick."""

    def __init__(self, bot: FactBot, owner_id: int, page: GapsPage) -> None:
        super().__init__(timeout=900)
        self.bot = bot
        self.owner_id = owner_id
        self.pick: discord.ui.Select[GapsPager] = discord.ui.Select(
            placeholder="Act on one of these…", min_values=1, max_values=1, row=1
        )
        self.pick.callback = self.picked  # type: ignore[method-assign]
        self.show(page)

    def show(self, page: GapsPage) -> None:
        self.page = page
        self.previous.disabled = page.page == 0
        self.next.disabled = page.page >= page.pages - 1
        self.pick.options = [
            discord.SelectOption(
                label=cut(gap_label(item) if isinstance(item, Gap) else f"Report {report_label(item)}", OPTION_TEXT),
                value=f"{'gap' if isinstance(item, Gap) else 'report'}:{item.id}",
            )
            for item in page.items
        ]
        if page.items and self.pick not in self.children:
            self.add_item(self.pick)
        elif not page.items and self.pick in self.children:
            self.remove_item(self.pick)

    def embed(self) -> discord.Embed:
        page = self.page
        embed = discord.Embed(
            title="Gaps and reports",
            description=(
                f"{page.gaps} open gap(s): questions no fact answered, and claims the articles don't cover, "
                f"most asked first. {page.reports} open wrong-answer report(s), newest first. "
                "Pick one below to teach, dismiss, add a fact, or close it."
                if page.items
                else "No open gaps or reports."
            ),
            colour=COLOURS["unknown"],
        )
        for item in page.items:
            name, value = gap_field(item) if isinstance(item, Gap) else report_field(item)
            embed.add_field(name=name, value=value, inline=False)
        embed.set_footer(text=f"Page {page.page + 1} of {page.pages}")
        return fit(embed)

    async def turn(self, interaction: discord.Interaction, step: int) -> None:
        page = await asyncio.to_thread(self.bot.service.moderation.gaps_page, self.page.page + step)
        self.show(page)
        await interaction.response.edit_message(embed=self.embed(), view=self)

    @discord.ui.button(label="◀ Previous", style=discord.ButtonStyle.secondary, row=0)
    async def previous(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self.turn(interaction, -1)

    @discord.ui.button(label="Next ▶", style=discord.ButtonStyle.secondary, row=0)
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self.turn(interaction, 1)

    async def picked(self, interaction: discord.Interaction) -> None:
        kind, _, number = (self.pick.values or [""])[0].partition(":")
        if kind not in ("gap", "report") or not number.isdigit():
            raise InvalidEdit([("choice", "pick a gap or a report from the list")])
        moderation = self.bot.service.moderation
        if kind == "gap":
            gap = await asyncio.to_thread(moderation.gap, int(number))
            nearest = await asyncio.to_thread(moderation.nearest_facts, gap)
            card: GapCard | ReportCard = GapCard(self.bot, self.owner_id, gap, nearest)
        else:
            card = ReportCard(self.bot, self.owner_id, await asyncio.to_thread(moderation.report, int(number)))
        await interaction.response.send_message(
            embed=card.embed(), view=card, ephemeral=True, allowed_mentions=NO_PINGS
        )


class CardButton(discord.ui.Button["GapCard | ReportCard"]):
    """A button on a gap's or a report's card; the card's check runs before it acts."""

    def __init__(self, label: str, style: discord.ButtonStyle, act: Callable[[discord.Interaction], Awaitable[None]]):
        super().__init__(label=cut(label, BUTTON_LABEL), style=style)
        self.act = act

    async def callback(self, interaction: discord.Interaction) -> None:
        await self.act(interaction)


class GapCard(Guarded, discord.ui.View):
    """One gap: teach it to a suggested fact in one click, dismiss it, or add a fact for it."""

    def __init__(self, bot: FactBot, owner_id: int, gap: Gap, nearest: list[Fact]) -> None:
        super().__init__(timeout=900)
        self.bot = bot
        self.owner_id = owner_id
        self.gap = gap
        self.nearest = nearest
        if gap.status != "open":
            return
        if not gap.is_claim:
            for fact_id in gap.suggestions:
                self.add_item(CardButton(f"Teach: {fact_id}", discord.ButtonStyle.success, self.teacher(fact_id)))
        self.add_item(CardButton("Dismiss…", discord.ButtonStyle.danger, self.dismiss))
        self.add_item(CardButton("Add a fact…", discord.ButtonStyle.primary, self.add_fact))

    def embed(self) -> discord.Embed:
        gap = self.gap
        embed = discord.Embed(
            title=f"Gap #{gap.id}", description=quote_block(defuse(gap.text)), colour=COLOURS["unknown"]
        )
        embed.add_field(
            name="Asked",
            value=f"{gap.count}× · first seen {when(gap.first_asked, 'f')} · last seen {when(gap.last_asked, 'R')}",
            inline=False,
        )
        if gap.status != "open":
            embed.add_field(name="Closed", value=cut(defuse_mentions(gap.outcome()), FIELD_VALUE), inline=False)
        elif gap.is_claim:
            embed.add_field(
                name="A fact-check claim",
                value="Not a question, so it is not taught as an example question: dismiss it, or add a fact for it.",
                inline=False,
            )
        if self.nearest:
            lines = [f"`{defuse(fact.id)}`: {defuse(fact.answer)}" for fact in self.nearest]
            embed.add_field(name="Nearest facts", value=cut("\n".join(lines), FIELD_VALUE), inline=False)
        if gap.status == "open" and not gap.is_claim:
            embed.set_footer(text=f"Or teach it to any fact: /facts teach gap:{gap.id} fact:…")
        return fit(embed)

    def teacher(self, fact_id: str) -> Callable[[discord.Interaction], Awaitable[None]]:
        async def teach(interaction: discord.Interaction) -> None:
            await interaction.response.defer(ephemeral=True, thinking=True)  # the write may wait for a lock
            moderation = self.bot.service.moderation
            taught = await asyncio.to_thread(moderation.teach_gap, self.gap.id, fact_id, actor_of(interaction))
            await send_ephemeral(interaction, taught_text(taught))

        return teach

    async def dismiss(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(dismiss_form(self.bot, self.owner_id, self.gap))

    async def add_fact(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(FactForm(self.bot, self.owner_id, gap=self.gap))


def taught_text(taught: Taught) -> str:
    return f"Taught gap #{taught.gap.id} to `{taught.fact.id}` (version {taught.fact.version}).{held_text(taught)}"


class ReportCard(Guarded, discord.ui.View):
    """One wrong-answer report: close it with a note, or open a reported fact's edit form."""

    def __init__(self, bot: FactBot, owner_id: int, report: Report) -> None:
        super().__init__(timeout=900)
        self.bot = bot
        self.owner_id = owner_id
        self.report = report
        if report.status != "open":
            return
        self.add_item(CardButton("Close…", discord.ButtonStyle.primary, self.close))
        for fact_id in report.fact_ids[:3]:
            self.add_item(CardButton(f"Edit {fact_id}", discord.ButtonStyle.secondary, self.editor(fact_id)))

    def embed(self) -> discord.Embed:
        name, value = report_field(self.report)
        embed = discord.Embed(title=name, description=value, colour=COLOURS["unknown"])
        return fit(embed)

    async def close(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(close_report_form(self.bot, self.owner_id, self.report))

    def editor(self, fact_id: str) -> Callable[[discord.Interaction], Awaitable[None]]:
        async def edit(interaction: discord.Interaction) -> None:
            current = await asyncio.to_thread(self.bot.service.moderation.fact, fact_id)
            await interaction.response.send_modal(FactForm(self.bot, self.owner_id, current=current))

        return edit


class ClosingForm(Guarded, discord.ui.Modal):
    """A moderator's closing words: why a gap is dismissed (it is never counted again), or what was done
    about a wrong-answer report. `close` does the write (in a worker thread) and says what it did."""

    def __init__(
        self,
        bot: FactBot,
        owner_id: int,
        *,
        title: str,
        label: str,
        placeholder: str,
        close: Callable[[str, Actor], str],
    ) -> None:
        super().__init__(title=title[:45], timeout=900)
        self.bot = bot
        self.owner_id = owner_id
        self.close = close
        self.words: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=label, max_length=CLOSING_NOTE, placeholder=placeholder
        )
        self.add_item(self.words)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        words = self.words.value  # before any await (see Guarded)
        await interaction.response.defer(ephemeral=True, thinking=True)  # the write may wait for a lock
        await send_ephemeral(interaction, await asyncio.to_thread(self.close, words, actor_of(interaction)))


def dismiss_form(bot: FactBot, owner_id: int, gap: Gap) -> ClosingForm:
    def close(reason: str, actor: Actor) -> str:
        return dismissed_text(bot.service.moderation.dismiss_gap(gap.id, reason, actor))

    return ClosingForm(
        bot, owner_id, title=f"Dismiss gap #{gap.id}", label=DISMISS_LABEL, placeholder="off-topic", close=close
    )


def dismissed_text(gap: Gap) -> str:
    return f"Dismissed gap #{gap.id} ({defuse(gap.note or '')}): it will not be counted again."


def close_report_form(bot: FactBot, owner_id: int, report: Report) -> ClosingForm:
    def close(note: str, actor: Actor) -> str:
        return closed_text(bot.service.moderation.close_report(report.id, note, actor))

    return ClosingForm(
        bot,
        owner_id,
        title=f"Close report #{report.id}",
        label=CLOSE_LABEL,
        placeholder="answer was right",
        close=close,
    )


def closed_text(report: Report) -> str:
    return f"Closed report #{report.id}: {defuse(report.resolution or '')}"


@app_commands.guild_only()
@app_commands.allowed_installs(guilds=True, users=False)  # a hint, like the two above; the checks decide
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

    async def _gap_choices(
        self, interaction: discord.Interaction, current: str, *, claims: bool
    ) -> list[app_commands.Choice[int]]:
        if not is_moderator(interaction, self.bot.settings):
            return []
        found = await asyncio.to_thread(self.moderation.gap_choices, str(current), claims=claims, limit=MAX_CHOICES)
        return [app_commands.Choice(name=cut(label, 100), value=gap_id) for gap_id, label in found]

    async def gap_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[int]]:
        return await self._gap_choices(interaction, current, claims=True)

    async def question_gap_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[int]]:
        # Claims are statements: they are dismissed or get a new fact, never taught as example questions.
        return await self._gap_choices(interaction, current, claims=False)

    async def report_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[int]]:
        if not is_moderator(interaction, self.bot.settings):
            return []
        found = await asyncio.to_thread(self.moderation.report_choices, str(current), MAX_CHOICES)
        return [app_commands.Choice(name=cut(label, 100), value=report_id) for report_id, label in found]

    async def reason_choices(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        # The usual reasons, one tap away; anything else may be typed.
        return await self._choices(interaction, [(reason, reason) for reason in DISMISS_REASONS], current)

    # -- commands --

    @app_commands.command()
    @app_commands.describe(
        topic="A known topic: cost, chips, paper, … (/facts add-topic adds one)",
        subject="r1, openai, deepseek, … (or a new one)",
        source="The article the quote comes from",
        gap="An open gap it answers (see /facts gaps): the gap closes, its question becomes an example",
    )
    @app_commands.autocomplete(topic=topic_choices, subject=subject_choices, source=source_choices, gap=gap_choices)
    async def add(
        self,
        interaction: discord.Interaction,
        topic: app_commands.Range[str, 1, 63],
        subject: app_commands.Range[str, 1, 63],
        source: app_commands.Range[str, 1, 63],
        gap: app_commands.Range[int, 1, MAX_ID] | None = None,
    ) -> None:
        """Add a fact: the answer, quote, value and keywords go in a form."""
        options = {"topic": topic, "subject": subject, "source": source}
        found = await asyncio.to_thread(self.moderation.open_gap, gap) if gap is not None else None
        await interaction.response.send_modal(FactForm(self.bot, interaction.user.id, options=options, gap=found))

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
        """Every open gap (most asked first) and report, paged: teach, dismiss, add a fact, close."""
        page = await asyncio.to_thread(self.moderation.gaps_page, 0)
        pager = GapsPager(self.bot, interaction.user.id, page)
        await interaction.response.send_message(
            embed=pager.embed(), view=pager, ephemeral=True, allowed_mentions=NO_PINGS
        )

    @app_commands.command()
    @app_commands.describe(gap="The open question, by number (see /facts gaps)", fact="The fact that answers it")
    @app_commands.autocomplete(gap=question_gap_choices, fact=fact_choices)
    async def teach(
        self,
        interaction: discord.Interaction,
        gap: app_commands.Range[int, 1, MAX_ID],
        fact: app_commands.Range[str, 1, 80],
    ) -> None:
        """Teach a gap's question to a fact: it becomes an example question, and the gap closes."""
        await interaction.response.defer(ephemeral=True, thinking=True)  # the write may wait for a lock
        taught = await asyncio.to_thread(self.moderation.teach_gap, gap, fact, actor_of(interaction))
        await send_ephemeral(interaction, taught_text(taught))

    @app_commands.command()
    @app_commands.describe(gap="The open gap, by number (see /facts gaps)", reason="Why no fact should answer it")
    @app_commands.autocomplete(gap=gap_choices, reason=reason_choices)
    async def dismiss(
        self,
        interaction: discord.Interaction,
        gap: app_commands.Range[int, 1, MAX_ID],
        reason: app_commands.Range[str, 1, CLOSING_NOTE],
    ) -> None:
        """Dismiss a gap: it leaves the list, and asking it again neither reopens nor counts it."""
        await interaction.response.defer(ephemeral=True, thinking=True)  # the write may wait for a lock
        closed = await asyncio.to_thread(self.moderation.dismiss_gap, gap, reason, actor_of(interaction))
        await send_ephemeral(interaction, dismissed_text(closed))

    @app_commands.command(name="close-report")
    @app_commands.describe(report="The open report, by number (see /facts gaps)", note="What was done about it")
    @app_commands.autocomplete(report=report_choices)
    async def close_report(
        self,
        interaction: discord.Interaction,
        report: app_commands.Range[int, 1, MAX_ID],
        note: app_commands.Range[str, 1, CLOSING_NOTE],
    ) -> None:
        """Close a wrong-answer report with a note: "fixed in v3", "answer was right"."""
        await interaction.response.defer(ephemeral=True, thinking=True)  # the write may wait for a lock
        closed = await asyncio.to_thread(self.moderation.close_report, report, note, actor_of(interaction))
        await send_ephemeral(interaction, closed_text(closed))

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
