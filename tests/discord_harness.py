"""Start the real bot against the fake Discord: shared by the Discord end-to-end tests."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.client import FactBot, ShardedFactBot, create_bot
from bot.config import Settings
from bot.storage import FactStore
from tests.fakediscord import FakeDiscord, FakeInteraction

TOKEN = "fake-token-for-tests"


@dataclass
class Running:
    fake: FakeDiscord
    bot: FactBot | ShardedFactBot
    store: FactStore


@contextlib.asynccontextmanager
async def running_bot(db: Path, fake: FakeDiscord | None = None, **settings: Any) -> AsyncIterator[Running]:
    """The real discord.py client, connected to a fake Discord on 127.0.0.1."""
    settings.setdefault("ask_cooldown_seconds", 0)
    config = Settings(facts_db=db, **settings)
    own_fake = fake is None
    fake = fake or FakeDiscord()
    if own_fake:
        await fake.start()
    store = FactStore.open(db)
    try:
        with fake.patch_discord():
            bot = create_bot(config, store)
            await bot.login(TOKEN)
            task = asyncio.create_task(bot.connect(reconnect=True))
            try:
                await fake.wait_until_identified(count=fake.identify_count + 1 if not own_fake else 1)
                yield Running(fake, bot, store)
            finally:
                await bot.close()
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
    finally:
        store.close()
        if own_fake:
            await fake.stop()


async def reply(ix: FakeInteraction, timeout: float = 5.0) -> dict[str, Any]:
    """What the user ends up seeing: the callback, or after a deferral (type 5) the follow-up that fills it in."""
    callback = await ix.response(timeout)
    if callback["type"] != 5:
        return callback
    [body, *_] = await ix.followups(1, timeout)
    return {"type": 4, "data": body}


async def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait for state the bot writes after it has replied (a counted gap), checking every 10 ms."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, f"still not true after {timeout:.0f}s"
        await asyncio.sleep(0.01)


def embed_of(callback: dict[str, Any]) -> dict[str, Any]:
    embeds = callback["data"].get("embeds") or []
    assert embeds, f"no embed in {callback}"
    return embeds[0]


def embed_text(embed: dict[str, Any]) -> str:
    parts = [embed.get("title", ""), embed.get("description", "")]
    for field in embed.get("fields", []):
        parts += [field["name"], field["value"]]
    parts.append(embed.get("footer", {}).get("text", ""))
    return "\n".join(parts)


def text_inputs(modal: dict[str, Any]) -> list[dict[str, Any]]:
    """The modal's text inputs, in order, however Discord nests them (action rows or labels)."""
    found = []

    def walk(component: dict[str, Any]) -> None:
        if component.get("type") == 4:
            found.append(component)
        for child in component.get("components", []):
            walk(child)
        if "component" in component:
            walk(component["component"])

    for component in modal["components"]:
        walk(component)
    return found


def option(name: str, value: str) -> list[dict[str, Any]]:
    """One string option of a slash command, as Discord sends it."""
    return [{"name": name, "type": 3, "value": value}]


def facts_command(name: str, **options: Any) -> list[dict[str, Any]]:
    """The options of `/facts NAME`, as Discord sends them: integers as type 4, the rest as strings."""
    typed = [{"name": k, "type": 4 if isinstance(v, int) else 3, "value": v} for k, v in options.items()]
    return [{"type": 1, "name": name, "options": typed}]


def components(message: dict[str, Any]) -> list[dict[str, Any]]:
    """A message's components, whatever action row each sits in."""
    return [c for row in message.get("components", []) for c in row.get("components", [])]


def button(ix: FakeInteraction, label: str) -> dict[str, Any]:
    """The button on the interaction's message whose label starts with `label` (asserting there is one)."""
    found = [c for c in components(ix.message) if c.get("type") == 2 and c["label"].startswith(label)]
    assert found, f"no {label!r} button in {[c.get('label') for c in components(ix.message)]}"
    return found[0]
