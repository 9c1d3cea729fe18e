"""Sending replies the same way everywhere: never a ping, text that cannot render as a mention.

Every string that comes from the database or from a user passes through
`defuse` before it reaches Discord. `allowed_mentions` being empty already
stops pings; defusing also stops the text from *rendering* as a mention,
a channel or command link, or a masked link.
"""

from __future__ import annotations

import datetime
import logging
import re

import discord
from discord import app_commands
from discord.utils import escape_markdown

from bot.errors import InvalidEdit

log = logging.getLogger(__name__)

NO_PINGS = discord.AllowedMentions.none()
# <@user> <@!user> <@&role> <#channel> </command:id> <:emoji:id> <a:emoji:id> <t:timestamp>
MENTION_SYNTAX = re.compile(r"<(?=[@#/:]|a:|t:)")
# No \b after the word: Discord pings "@everyones" and "@here1" too.
MASS_MENTION = re.compile(r"@(?=everyone|here)", re.IGNORECASE)
RAW_ID_MENTION = re.compile(r"@(?=[!&]?\d{17,20})")
MASKED_LINK = re.compile(r"\]\(")
ZWSP = "\u200b"


def defuse_mentions(text: str) -> str:
    """Our own sentence, which may carry someone's text: keep its markdown, break every mention and link."""
    text = MENTION_SYNTAX.sub("<" + ZWSP, text)
    text = MASS_MENTION.sub("@" + ZWSP, text)
    text = RAW_ID_MENTION.sub("@" + ZWSP, text)
    return MASKED_LINK.sub("]" + ZWSP + "(", text)


def defuse(text: str) -> str:
    """Text from the database or a user, as inert text: no markdown, no mention, no masked link."""
    return defuse_mentions(escape_markdown(text))


async def send_ephemeral(interaction: discord.Interaction, message: str) -> None:
    """A short private reply, whether or not the interaction was already answered or deferred.

    `message` is our own sentence: anything in it that came from a user or the
    database must already have gone through `defuse` or `defuse_mentions`.
    """
    message = message[:2000]
    try:
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True, allowed_mentions=NO_PINGS)
        else:
            await interaction.response.send_message(message, ephemeral=True, allowed_mentions=NO_PINGS)
    except discord.HTTPException:
        log.exception("could not send an error reply")


def problems_text(error: InvalidEdit) -> str:
    """Each refused field and its reason, one per line."""
    # Reasons are our own sentences (their `code` spans should render) that may quote the input.
    lines = [f"• **{defuse(field)}**: {defuse_mentions(reason)}" for field, reason in error.problems]
    return ("The change was refused:\n" + "\n".join(lines))[:2000]


def cooldown_text(error: app_commands.CommandOnCooldown) -> str:
    """When a reader over their per-user rate may go on (a timestamp their own client shows)."""
    retry = discord.utils.utcnow() + datetime.timedelta(seconds=error.retry_after)
    return f"Slow down a little: you can ask again {discord.utils.format_dt(retry, 'R')}."


def error_text(error: Exception) -> str:
    """A domain error's sentence for Discord: it may quote names and ids people typed."""
    return defuse_mentions(str(error))
