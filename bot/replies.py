"""Sending replies the same way everywhere: never a ping, errors only to the person who asked."""

from __future__ import annotations

import logging

import discord
from discord.utils import escape_markdown, escape_mentions

from bot.errors import InvalidEdit

log = logging.getLogger(__name__)

NO_PINGS = discord.AllowedMentions.none()


async def send_ephemeral(interaction: discord.Interaction, message: str) -> None:
    """A short private reply, whether or not the interaction was already answered."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True, allowed_mentions=NO_PINGS)
        else:
            await interaction.response.send_message(message, ephemeral=True, allowed_mentions=NO_PINGS)
    except discord.HTTPException:
        log.exception("could not send an error reply")


def problems_text(error: InvalidEdit) -> str:
    """Each refused field and its reason, one per line."""
    # Reasons are our own sentences (their `code` spans should render); mentions are still defused.
    lines = [f"• **{escape_markdown(field)}**: {escape_mentions(reason)}" for field, reason in error.problems]
    return ("The change was refused:\n" + "\n".join(lines))[:2000]
