"""The per-user rates on /ask, on fact-checks and on "wrong answer" reports, cheap however many users ask at once.

discord.py's `app_commands.checks.dynamic_cooldown` sweeps every user's bucket
for expired ones on every call: a burst of 5,000 users asking within one
window costs about 12.5 million bucket checks on the event loop (0.18 ms per
call at the end of it, measured), while the deferral rule counts on each
interaction costing a bare bot's few tenths of a millisecond. This check
sweeps at most once per window, so a call costs the same with one user as
with thousands, and it keeps only the users of the last two windows.
"""

from __future__ import annotations

import discord
from discord import app_commands


class UserRate:
    """`rate` uses per user per `per` seconds, as `dynamic_cooldown` would give, read from the settings."""

    def __init__(self) -> None:
        self._buckets: dict[int, app_commands.Cooldown] = {}
        self._swept = 0.0

    def __len__(self) -> int:
        return len(self._buckets)

    def check(self, interaction: discord.Interaction) -> bool:
        """True, or `CommandOnCooldown` (answered by the bot's error handler with when to ask again)."""
        settings = interaction.client.settings  # type: ignore[attr-defined]
        per, rate = settings.ask_cooldown_seconds, settings.ask_cooldown_rate
        if per <= 0:
            return True
        now = interaction.created_at.timestamp()
        if now - self._swept >= per:
            # A bucket idle for a whole window is full again: dropping it changes nothing for its user.
            self._buckets = {user: b for user, b in self._buckets.items() if now <= b._last + b.per}
            self._swept = now
        bucket = self._buckets.get(interaction.user.id)
        if bucket is None or (bucket.rate, bucket.per) != (rate, per):
            bucket = self._buckets[interaction.user.id] = app_commands.Cooldown(rate, per)
        retry_after = bucket.update_rate_limit(now)
        if retry_after is not None:
            raise app_commands.CommandOnCooldown(bucket, retry_after)
        return True
