"""Fact-checking from Discord: right-click a message → Apps → "Fact-check", or `/factcheck text:`.

Both go through `Service.factcheck`, the code `factbot factcheck` runs. The
reply quotes the checked text only within Discord's limits, with mentions
and markdown defused, and never pings anyone.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.deadline import Reply
from bot.embeds import factcheck_embed
from bot.factcheck import MAX_TEXT
from bot.replies import send_ephemeral

if TYPE_CHECKING:
    from bot.client import FactBot

log = logging.getLogger(__name__)

CONTEXT_MENU = "Fact-check"


def check_rate(interaction: discord.Interaction) -> bool:
    """Per-user rate for fact-checks, the command and the message menu together (the /ask settings)."""
    return interaction.client.check_rate.check(interaction)  # type: ignore[attr-defined]


class FactChecks(commands.Cog):
    """Settle "is what they just said true?" with the articles' own words."""

    def __init__(self, bot: FactBot) -> None:
        self.bot = bot
        # Context menus can't be declared inside a cog class: discord.py wants them added to the tree.
        self.menu = app_commands.ContextMenu(name=CONTEXT_MENU, callback=self.check_message)
        self.menu.allowed_contexts = app_commands.AppCommandContext(guild=True, dm_channel=True, private_channel=True)
        self.menu.add_check(check_rate)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    async def reply(self, interaction: discord.Interaction, text: str, checked_url: str | None = None) -> None:
        # Counting unverified claims is queued; the check itself goes through the same deadline rule as /ask.
        def check() -> Reply:
            return Reply(factcheck_embed(self.bot.service.factcheck(text), checked_url=checked_url))

        await self.bot.responder.respond(interaction, check, inline=False)

    async def check_message(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """Check what a message claims against the articles."""
        text = message.content or ""
        if not text.strip():
            await send_ephemeral(
                interaction, "That message has no text to check (embeds and attachments aren't read); try /ask."
            )
            return
        await self.reply(interaction, text[:MAX_TEXT], checked_url=message.jump_url)

    @app_commands.command(name="factcheck")
    @app_commands.check(check_rate)
    @app_commands.describe(text="What someone claimed about the story (up to 1,000 characters)")
    async def factcheck(self, interaction: discord.Interaction, text: app_commands.Range[str, 1, MAX_TEXT]) -> None:
        """Check a claim against the articles: supported, contradicted, disputed or not covered."""
        await self.reply(interaction, text)


async def setup(bot: FactBot) -> None:
    await bot.add_cog(FactChecks(bot))
