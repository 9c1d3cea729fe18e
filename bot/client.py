"""The Discord client: dependencies in the constructor, cogs loaded in `setup_hook`.

Commands are synced only when they differ from what Discord has registered
(fetched and compared at start), or on demand with `factbot sync`: Discord
rate-limits bulk overwrites, so a blind sync on every start is a bad citizen.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
from typing import Any

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.answers import Engine
from bot.config import Settings
from bot.deadline import Responder
from bot.errors import FactbotError, InvalidEdit
from bot.ratelimit import UserRate
from bot.replies import cooldown_text, error_text, problems_text, send_ephemeral
from bot.service import Service
from bot.storage import FactStore
from bot.views import ReportButton

log = logging.getLogger(__name__)

CONNECTIONS = 100  # HTTP connections to Discord at once
EXTENSIONS = ("bot.cogs.facts", "bot.cogs.factcheck", "bot.cogs.moderation")
# Keys Discord echoes back that say nothing about what the command looks like.
COMPARED_KEYS = (
    "name",
    "description",
    "type",
    "options",
    "required",
    "autocomplete",
    "choices",
    "value",
    "min_value",
    "max_value",
    "min_length",
    "max_length",
    "channel_types",
    "default_member_permissions",
    "contexts",
    "integration_types",
    "nsfw",
)


def canonical(payload: Any) -> Any:
    """A command payload reduced to what defines it, with empty/default values dropped."""
    if isinstance(payload, list):
        return [canonical(item) for item in payload]
    if not isinstance(payload, dict):
        return payload
    result = {}
    for key in COMPARED_KEYS:
        value = payload.get(key)
        if value in (None, False, [], {}, ""):
            continue  # Discord echoes a context menu's description as ""; we send none
        if key == "type" and value == 1:
            continue  # the default, which Discord may or may not echo; dropped on both sides
        if key == "default_member_permissions":
            value = str(value)  # we send an int; Discord answers with a string
        result[key] = canonical(value)
    return result


def commands_differ(local: list[dict[str, Any]], remote: list[dict[str, Any]]) -> bool:
    """True when Discord's registered commands are not the ones this code defines.

    Keys the local payload leaves unset (contexts, integration types) are
    filled in by Discord with defaults, so only keys set locally are compared.
    """
    mine = {item["name"]: canonical(item) for item in local}
    theirs = {item["name"]: canonical(item) for item in remote}
    if mine.keys() != theirs.keys():
        return True
    for name, command in mine.items():
        other = theirs[name]
        for key in set(command) | set(other):
            if key in ("contexts", "integration_types") and key not in command:
                continue
            if command.get(key) != other.get(key):
                log.info("command /%s changed (%s)", name, key)
                return True
    return False


class FactBotMixin:
    """What the single-process and the sharded bot share."""

    settings: Settings
    store: FactStore
    service: Service
    responder: Responder
    ask_rate: UserRate
    check_rate: UserRate
    report_rate: UserRate
    tree: app_commands.CommandTree
    auto_sync: bool

    def __init__(self, settings: Settings, store: FactStore, *, auto_sync: bool = True, **options: Any) -> None:
        self.settings = settings
        self.store = store
        self.service = Service(store)
        # One for every answering command: one worker thread, and one view of how far behind the bot is.
        self.responder = Responder(self.on_deferred_error)
        # Per-user rates, each counted on its own: /ask; fact-checks (command and message menu), which
        # count their unverified claims for curators; and "wrong answer" reports, which are stored.
        self.ask_rate = UserRate()
        self.check_rate = UserRate()
        self.report_rate = UserRate()
        self.auto_sync = auto_sync
        super().__init__(**bot_options(settings), **options)  # type: ignore[call-arg]

    @property
    def engine(self) -> Engine:
        return self.service.engine

    async def login(self, token: str) -> None:
        # discord.py's default opens a new connection for every concurrent request: under a burst of
        # thousands that is thousands of TCP handshakes (and SYNs dropped past the kernel's queue, each
        # retried a second later). A bounded pool reuses kept-alive connections; requests wait their turn.
        self.http.connector = aiohttp.TCPConnector(limit=CONNECTIONS)  # type: ignore[attr-defined]
        await super().login(token)  # type: ignore[misc]

    async def close(self) -> None:
        # Deferred answers still owed go out while the HTTP session is open.
        await self.responder.close()
        await super().close()  # type: ignore[misc]
        # Count the questions still queued before the process goes (off the event loop: it may wait).
        await asyncio.to_thread(self.service.close)

    async def setup_hook(self) -> None:
        # Build the answer engine's caches before any interaction can arrive, so the first
        # answers don't pay for (and wait on) that build.
        await asyncio.to_thread(lambda: self.engine.generation)
        for extension in EXTENSIONS:
            await self.load_extension(extension)  # type: ignore[attr-defined]
        self.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]
        self.add_dynamic_items(ReportButton)  # type: ignore[attr-defined]
        guild = self.target_guild()
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        if self.auto_sync:
            await self.sync_if_changed()

    def target_guild(self) -> discord.Object | None:
        return discord.Object(self.settings.dev_guild_id) if self.settings.dev_guild_id else None

    async def sync_if_changed(self) -> bool:
        """Sync only when the registered commands differ from ours; returns whether it synced."""
        guild = self.target_guild()
        local = [command.to_dict(self.tree) for command in self.tree.get_commands(guild=guild)]
        app_id = self.application_id  # type: ignore[attr-defined]
        http = self.http  # type: ignore[attr-defined]
        if guild is None:
            remote = await http.get_global_commands(app_id)
        else:
            remote = await http.get_guild_commands(app_id, guild.id)
        if not commands_differ(local, remote):
            log.info("commands are up to date (%d); not syncing", len(local))
            return False
        synced = await self.tree.sync(guild=guild)
        log.info("synced %d commands %s", len(synced), f"to guild {guild.id}" if guild else "globally")
        return True

    async def on_deferred_error(self, interaction: discord.Interaction, error: Exception) -> None:
        """A deferred answer failed after its command returned: the user hears of it as from any command."""
        command = interaction.command
        if isinstance(command, app_commands.Command | app_commands.ContextMenu):
            await self.on_app_command_error(interaction, app_commands.CommandInvokeError(command, error))
        else:
            log.error("deferred answer failed", exc_info=error)
            await send_ephemeral(interaction, "Sorry, something went wrong answering that. It has been logged.")

    async def on_app_command_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        """Every command failure ends here, and every user gets a short ephemeral sentence.

        Order: cooldowns (say when to retry) → failed checks (say what is
        missing) → bad option values → refused edits (each field and reason) →
        our other domain errors (their message is for people) → anything else
        (logged with its traceback, generic reply).
        """
        original = getattr(error, "original", error)
        if isinstance(error, app_commands.CommandOnCooldown):
            message = cooldown_text(error)
        elif isinstance(error, app_commands.CheckFailure):
            message = str(error) or "You can't use this command here."
        elif isinstance(error, app_commands.TransformerError):
            message = f"That value doesn't work here: {error}"
        elif isinstance(original, InvalidEdit):
            message = problems_text(original)
        elif isinstance(original, FactbotError):
            message = error_text(original)
        else:
            command = interaction.command.qualified_name if interaction.command else "?"
            log.error("command /%s failed", command, exc_info=original)
            message = "Sorry, something went wrong answering that. It has been logged."
        await send_ephemeral(interaction, message)


class FactBot(FactBotMixin, commands.Bot):
    """The bot for a single process (no sharding, or one shard)."""


class ShardedFactBot(FactBotMixin, commands.AutoShardedBot):
    """The bot when SHARD_COUNT/SHARD_IDS split it across processes."""


def bot_options(settings: Settings) -> dict[str, Any]:
    # The bot has no voice: discord.py's documented switches for its "PyNaCl/davey is not installed" warnings.
    discord.VoiceClient.warn_nacl = False
    discord.VoiceClient.warn_dave = False
    # Interactions arrive without any intent; `guilds` only keeps a guild cache. Nothing privileged.
    intents = discord.Intents.none()
    intents.guilds = True
    return {
        "command_prefix": commands.when_mentioned,
        "intents": intents,
        "help_command": None,
        "allowed_mentions": discord.AllowedMentions.none(),
    }


def create_bot(settings: Settings, store: FactStore, **options: Any) -> FactBot | ShardedFactBot:
    if settings.shard_count is None and settings.shard_ids is None:
        return FactBot(settings, store, **options)
    sharding: dict[str, Any] = {"shard_count": settings.shard_count}
    if settings.shard_ids is not None:
        sharding["shard_ids"] = settings.shard_ids
    return ShardedFactBot(settings, store, **sharding, **options)


GC_YOUNG = 10_000  # allocations between young collections (Python's default: 700)


def settle_heap(service: Service) -> None:
    """Build the engine's indexes now, then keep the garbage collector's scans off the answer path.

    A collection walks every tracked object of its generations; the engine's vocabulary and typo index
    are most of this process's, where a bare bot has almost none, and a burst of 5,000 interactions
    promotes thousands of live requests into the old generations. Measured on such a burst (one process,
    this machine): collections paused the event loop for 3.5 s in all, the longest 0.64 s, with Python's
    defaults; 1.3 s (0.16 s) with the start-up heap frozen; 0.8 s (0.15 s) with young collections every
    10,000 allocations too (every 50,000: 0.4 s, but peak memory over the 100 MB target). Frozen objects
    are still freed when nothing refers to them, only never scanned for cycles; acyclic garbage never
    waits for a collection. Once per process, at start.
    """
    service.engine.generation  # noqa: B018 - builds the vocabulary
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(GC_YOUNG, middle, old)


async def run(settings: Settings, store: FactStore) -> None:
    """Run until SIGINT/SIGTERM, then close the gateway and HTTP session cleanly."""
    token = settings.token()
    bot = create_bot(settings, store)
    await asyncio.to_thread(settle_heap, bot.service)
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stopping.set)
    async with bot:
        runner = asyncio.create_task(bot.start(token))
        stopper = asyncio.create_task(stopping.wait())
        done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if stopper in done:
            log.info("shutting down")
            await bot.close()
        stopper.cancel()
        await asyncio.gather(runner, return_exceptions=stopper in done)


async def sync(settings: Settings, store: FactStore, guild_id: int | None) -> int:
    """Log in, register the commands (globally or to one guild) and log out. Returns how many."""
    token = settings.token()
    bot = create_bot(settings, store, auto_sync=False)
    async with bot:
        await bot.login(token)
        guild = discord.Object(guild_id) if guild_id else None
        if guild is not None:
            bot.tree.copy_global_to(guild=guild)
        synced = await bot.tree.sync(guild=guild)
    return len(synced)
