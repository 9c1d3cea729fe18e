"""The floor for the Discord benchmarks: discord.py's own cost, with no fact bot in it.

A `commands.Bot` with the same intents as FactBot and one `/ask` slash command
that answers a constant string with `interaction.response.send_message`.
Whatever FactBot costs above this bot is FactBot's; the rest is discord.py,
aiohttp, the event loop and the fake.

In-process: `MinimalBot()`. As a subprocess (the start-up floor), with the same
environment as `python -m bot run`: `python -m bench.minimal_bot`.
"""

from __future__ import annotations

import asyncio
import os

import discord
from discord import app_commands
from discord.ext import commands

from tests.fakediscord.launch import redirect

REPLY = "The floor: a constant answer."


class MinimalBot(commands.Bot):
    """One slash command, no database, no embed: the least a discord.py bot can do for `/ask`."""

    def __init__(self) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
        )

        @app_commands.command(name="ask", description="Answers a constant string.")
        @app_commands.describe(question="Anything (up to 300 characters)")
        async def ask(interaction: discord.Interaction, question: app_commands.Range[str, 1, 300]) -> None:
            await interaction.response.send_message(REPLY)

        self.tree.add_command(ask)

    async def setup_hook(self) -> None:
        await self.tree.sync()


async def _run() -> None:
    redirect(os.environ["FAKE_DISCORD_URL"])
    async with MinimalBot() as bot:
        await bot.start(os.environ["DISCORD_TOKEN"])


if __name__ == "__main__":
    asyncio.run(_run())
