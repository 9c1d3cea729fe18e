"""The per-user rate on /ask: the limit users see, and a cost that does not grow with the crowd.

(The cooldown reply itself is checked end to end in tests/test_discord.py.)
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from discord import app_commands

from bot.ratelimit import UserRate

START = datetime.datetime(2026, 12, 2, tzinfo=datetime.UTC)


def asking(user: int, at: float, per: float = 10.0, rate: int = 3) -> SimpleNamespace:
    """What the check reads of an interaction: who, when, and the bot's settings."""
    settings = SimpleNamespace(ask_cooldown_seconds=per, ask_cooldown_rate=rate)
    return SimpleNamespace(
        user=SimpleNamespace(id=user),
        created_at=START + datetime.timedelta(seconds=at),
        client=SimpleNamespace(settings=settings),
    )


def test_rate_uses_per_user_per_window_then_when_to_ask_again() -> None:
    limit = UserRate()
    assert all(limit.check(asking(1, at)) for at in (0.0, 1.0, 2.0))
    with pytest.raises(app_commands.CommandOnCooldown) as refused:
        limit.check(asking(1, 3.0))
    assert 0 < refused.value.retry_after <= 10
    assert limit.check(asking(2, 3.0)), "the limit is per user"
    assert limit.check(asking(1, 12.5)), "a window later the user may ask again"


def test_no_limit_when_the_cooldown_is_off() -> None:
    limit = UserRate()
    assert all(limit.check(asking(1, at / 100, per=0)) for at in range(50))
    assert len(limit) == 0


def test_a_crowd_is_swept_once_per_window_and_forgotten_a_window_later() -> None:
    limit = UserRate()
    for user in range(5000):
        limit.check(asking(user, user / 1000))  # 5,000 users within five seconds of a 10 s window
    assert len(limit) == 5000
    # Within the window the buckets are not swept again on every call (discord.py's mapping is).
    swept = limit._buckets
    limit.check(asking(1, 9.0))
    assert limit._buckets is swept
    # Two windows on, only who asked since is kept.
    limit.check(asking(9999, 25.0))
    assert len(limit) == 1
