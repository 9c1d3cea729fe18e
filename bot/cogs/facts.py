"""The answering slash commands: /ask, /cost, /chips, /sources, /topics, /fact, /help."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.answers import Engine, label_subject
from bot.deadline import Reply
from bot.embeds import answer_embed, cut, help_embed
from bot.replies import NO_PINGS
from bot.service import Prepared
from bot.views import answer_view, request_label

if TYPE_CHECKING:
    from bot.client import FactBot

log = logging.getLogger(__name__)

CHOICE_NAME = 100
MAX_ASK = 1000  # what people paste: a rambling message with the question somewhere inside
MAX_CHOICES = 25
RENDERINGS = 8  # per cached answer: the same cleaned question typed a few different ways


def rendered(prepared: Prepared, title: str | None, asked: str) -> Reply:
    """The embed and button for a cached answer, built once per facts version and way of asking."""
    key = (title, asked)
    reply = prepared.rendered.get(key)
    if reply is None:
        reply = Reply(answer_embed(prepared.answer, title=title, asked=asked), answer_view(prepared.answer))
        if len(prepared.rendered) < RENDERINGS:
            prepared.rendered[key] = reply
    return reply


def ask_rate(interaction: discord.Interaction) -> bool:
    """Per-user rate for /ask, from the settings the bot was started with (see bot.ratelimit)."""
    return interaction.client.ask_rate.check(interaction)  # type: ignore[attr-defined]


class Facts(commands.Cog):
    """Answers about the story, each citing its sources."""

    def __init__(self, bot: FactBot) -> None:
        self.bot = bot

    @property
    def engine(self) -> Engine:
        return self.bot.service.engine

    async def reply(
        self, interaction: discord.Interaction, command: str, argument: str | None, title: str | None, asked: str
    ) -> None:
        """Answer with the cached reply if there is one, else work it out, deferring if it might come late."""
        service = self.bot.service

        def ready() -> Reply | None:
            # Two tiny reads on the event loop; an /ask no fact answers is counted here as on any other path.
            cached = service.cached(command, argument)
            return None if cached is None else rendered(cached, title, asked)

        await self.bot.responder.respond(
            interaction,
            lambda: rendered(service.answer(command, argument), title, asked),
            ready=ready,
            # The first answer after the facts change rebuilds the engine's vocabulary: not on the event loop.
            inline=service.answers.warm(command),
        )

    @app_commands.command()
    @app_commands.describe(question="Your question about DeepSeek's R1 disclosure (paste up to 1,000 characters)")
    @app_commands.check(ask_rate)
    async def ask(self, interaction: discord.Interaction, question: app_commands.Range[str, 1, MAX_ASK]) -> None:
        """Ask anything about the story; the answer cites the articles."""
        # The same call as `factbot ask`: an unanswered question is queued for /facts gaps, never waited on.
        await self.reply(interaction, "ask", question, None, request_label("ask", question))

    @app_commands.command()
    @app_commands.describe(model="Which model: r1, openai, … (leave empty for every figure)")
    async def cost(self, interaction: discord.Interaction, model: app_commands.Range[str, 1, 60] | None = None) -> None:
        """What training cost, per the articles."""
        await self.reply(interaction, "cost", model, "Training cost", request_label("cost", model))

    @cost.autocomplete("model")
    async def cost_models(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        subjects = await asyncio.to_thread(self.engine.cost_subjects)
        typed = current.lower().strip()
        return [
            app_commands.Choice(name=cut(label_subject(subject), CHOICE_NAME), value=subject)
            for subject in subjects
            if typed in subject or typed in label_subject(subject).lower()
        ][:MAX_CHOICES]

    @app_commands.command()
    async def chips(self, interaction: discord.Interaction) -> None:
        """Which chips trained R1, how many, for how long, and why H800s."""
        await self.reply(interaction, "chips", None, "Chips", "/chips")

    @app_commands.command()
    async def sources(self, interaction: discord.Interaction) -> None:
        """The articles every answer comes from."""
        await self.reply(interaction, "sources", None, "Sources", "/sources")

    @app_commands.command()
    async def topics(self, interaction: discord.Interaction) -> None:
        """What you can ask about."""
        await self.reply(interaction, "topics", None, "Topics", "/topics")

    @app_commands.command()
    @app_commands.describe(id="A fact id, such as r1-training-cost (shown in every answer's footer)")
    async def fact(self, interaction: discord.Interaction, id: app_commands.Range[str, 1, 80]) -> None:
        """Show one fact by its id."""
        await self.reply(interaction, "fact", id, "Fact", request_label("fact", id))

    @fact.autocomplete("id")
    async def fact_ids(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        matches = await asyncio.to_thread(self.engine.fact_choices, current, MAX_CHOICES)
        return [
            app_commands.Choice(name=cut(f"{fact_id} — {answer}", CHOICE_NAME), value=fact_id)
            for fact_id, answer in matches
        ]

    @app_commands.command(name="help")
    async def help_(self, interaction: discord.Interaction) -> None:
        """How to use this bot."""
        listed = [
            (command.qualified_name, command.description)
            for command in self.bot.tree.get_commands(guild=None)
            if isinstance(command, app_commands.Command)
        ]
        await interaction.response.send_message(embed=help_embed(listed), ephemeral=True, allowed_mentions=NO_PINGS)


async def setup(bot: FactBot) -> None:
    await bot.add_cog(Facts(bot))
