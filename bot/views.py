"""Discord UI under answers: the "Wrong answer?" button and its report form.

The button is a `DynamicItem`: its state (the fact ids) lives in its
custom_id, so it keeps working after a restart without any stored view.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING, Any

import discord

from bot.answers import clean
from bot.errors import FactbotError
from bot.feedback import MAX_NOTE
from bot.models import Answer
from bot.replies import cooldown_text, error_text, send_ephemeral

if TYPE_CHECKING:
    from bot.client import FactBot

log = logging.getLogger(__name__)

REPORT_FORM_SECONDS = 900.0

CUSTOM_ID = 100  # Discord's limit on a component's custom_id


def answer_view(answer: Answer) -> discord.ui.View | None:
    """The components under an answer: a report button when the answer rests on facts."""
    if answer.kind != "answer" or not answer.facts:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(ReportButton(answer.facts))
    return view


def request_label(command: str, text: str | None = None) -> str:
    """What was asked, as shown above an answer: mention syntax stripped, length capped."""
    shown = clean(text or "", 200)
    return f"/{command} {shown}".strip()[:256]


class ReportButton(discord.ui.DynamicItem[discord.ui.Button], template=r"factbot:report:(?P<facts>[a-z0-9,-]*)"):
    """Anyone may report an answer as wrong; moderators see reports in `/facts gaps`."""

    def __init__(self, fact_ids: list[str]) -> None:
        ids: list[str] = []
        for fact_id in fact_ids:
            if len("factbot:report:" + ",".join([*ids, fact_id])) > CUSTOM_ID:
                break
            ids.append(fact_id)
        self.fact_ids = ids
        super().__init__(
            discord.ui.Button(
                label="Wrong answer?",
                style=discord.ButtonStyle.secondary,
                custom_id="factbot:report:" + ",".join(ids),
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]
    ) -> ReportButton:
        return cls([fact_id for fact_id in match["facts"].split(",") if fact_id])

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: FactBot = interaction.client  # type: ignore[assignment]
        try:
            bot.report_rate.check(interaction)
        except discord.app_commands.CommandOnCooldown as error:
            # (A view's errors don't reach the tree's handler: the same sentence, said here.)
            await send_ephemeral(interaction, cooldown_text(error))
            return
        question = None
        if interaction.message and interaction.message.embeds:
            author = interaction.message.embeds[0].author
            question = author.name if author else None
        await interaction.response.send_modal(ReportModal(self.fact_ids, question))


class ReportModal(discord.ui.Modal, title="Report a wrong answer"):
    note: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="What is wrong? (optional)",
        style=discord.TextStyle.paragraph,
        required=False,
        max_length=MAX_NOTE,  # Discord's client holds a reader to it; Feedback.report holds a forged submit
    )

    def __init__(self, fact_ids: list[str], question: str | None) -> None:
        # A form closed without submitting is never heard of again: without a timeout, every one stays in
        # discord.py's store for good.
        super().__init__(timeout=REPORT_FORM_SECONDS)
        self.fact_ids = fact_ids
        self.question = question

    async def on_submit(self, interaction: discord.Interaction) -> None:
        bot: FactBot = interaction.client  # type: ignore[assignment]
        # Read before the first await: discord.py writes every submit of this form into this one
        # object, so after an await the note may be another reader's.
        note = self.note.value
        # The write can wait for another writer's lock past Discord's 3 s: acknowledge first,
        # then say whether the report was saved (it is never dropped silently).
        await interaction.response.defer(ephemeral=True, thinking=True)
        await asyncio.to_thread(bot.service.feedback.report, self.question, self.fact_ids, note)
        await send_ephemeral(interaction, "Thanks, the moderators will look at it.")

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        if isinstance(error, FactbotError):
            await send_ephemeral(interaction, error_text(error))
            return
        log.error("report form failed", exc_info=error)
        await send_ephemeral(interaction, "Sorry, the report could not be saved. It has been logged.")
