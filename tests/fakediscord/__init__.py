"""A fake Discord (HTTP API v10 + gateway) for end-to-end tests of a real discord.py bot.

Typical use::

    fake = FakeDiscord()
    await fake.start()
    with fake.patch_discord():
        await bot.login("fake.token.value")
        task = asyncio.create_task(bot.connect())
        await fake.wait_until_identified()
        ix = await fake.send_slash("ping")
        assert (await ix.response())["data"]["content"] == "pong"
"""

from . import payloads
from .payloads import (
    ADMIN_ROLE_ID,
    DEFAULT_APP_ID,
    DEFAULT_BOT_USER_ID,
    DEFAULT_CHANNEL_ID,
    DEFAULT_GUILD_ID,
    DEFAULT_USER_ID,
    MOD_ROLE_ID,
    OWNER_USER_ID,
    SECOND_CHANNEL_ID,
    SECOND_GUILD_ID,
)
from .records import (
    FakeInteraction,
    FaultRule,
    GatewayConnection,
    GatewaySession,
    InteractionRejected,
    RecordedRequest,
    SpecViolation,
)
from .server import DEFAULT_GUILD, FakeDiscord

__all__ = [
    "ADMIN_ROLE_ID",
    "DEFAULT_APP_ID",
    "DEFAULT_BOT_USER_ID",
    "DEFAULT_CHANNEL_ID",
    "DEFAULT_GUILD",
    "DEFAULT_GUILD_ID",
    "DEFAULT_USER_ID",
    "MOD_ROLE_ID",
    "OWNER_USER_ID",
    "SECOND_CHANNEL_ID",
    "SECOND_GUILD_ID",
    "FakeDiscord",
    "FakeInteraction",
    "FaultRule",
    "GatewayConnection",
    "GatewaySession",
    "InteractionRejected",
    "RecordedRequest",
    "SpecViolation",
    "payloads",
]
