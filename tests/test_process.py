"""`factbot run` and `factbot sync` as real processes against the fake Discord."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from tests.fakediscord import DEFAULT_GUILD_ID, FakeDiscord
from tests.fakediscord.launch import ENV as FAKE_DISCORD_URL

ROOT = Path(__file__).resolve().parent.parent
# The real `factbot` entry point, with discord.py pointed at the fake by the test harness.
FACTBOT = (sys.executable, "-m", "tests.fakediscord.launch")

TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GfakeX.abcdefghijklmnopqrstuvwxyz0123456789ABCD"


def environment(project: Path, fake: FakeDiscord, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DISCORD_TOKEN": TOKEN,
        "FACTS_DB": str(project / "facts.db"),
        FAKE_DISCORD_URL: fake.base_url,
        "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
        "LOG_LEVEL": "INFO",
        **extra,
    }


async def test_run_answers_then_shuts_down_cleanly_on_sigterm(project: Path) -> None:
    async with FakeDiscord() as fake:
        process = await asyncio.create_subprocess_exec(
            *FACTBOT,
            "run",
            env=environment(project, fake),
            cwd=project,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            await fake.wait_until_identified(timeout=30)
            await fake.wait_for_request("PUT", r"/applications/\d+/commands$", timeout=10)
            callback = await (await fake.send_slash("cost", [{"name": "model", "type": 3, "value": "r1"}])).response()
            assert "$294,000" in callback["data"]["embeds"][0]["description"]
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=15)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
        assert process.returncode == 0, stderr.decode()
        assert b"Traceback" not in stderr
        assert b"shutting down" in stderr
        assert b"PyNaCl" not in stderr and b"davey" not in stderr, "the bot has no voice: no voice warnings"
        assert TOKEN.encode() not in stderr, "the token must never be logged"


async def test_sync_registers_to_one_guild(project: Path) -> None:
    async with FakeDiscord() as fake:
        process = await asyncio.create_subprocess_exec(
            *FACTBOT,
            "sync",
            "--guild",
            str(DEFAULT_GUILD_ID),
            env=environment(project, fake),
            cwd=project,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
        assert process.returncode == 0, stderr.decode()
        assert f"to guild {DEFAULT_GUILD_ID}" in stdout.decode()
        assert {c["name"] for c in fake.commands(DEFAULT_GUILD_ID)} >= {"ask", "cost", "facts"}
        assert fake.put_count() == 0, "a guild sync must not touch the global commands"


async def test_malformed_token_is_one_sentence(project: Path) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env={**os.environ, "DISCORD_TOKEN": "not-a-token", "FACTS_DB": str(project / "facts.db")},
        cwd=project,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 1
    assert stderr.decode().strip().startswith("Error: DISCORD_TOKEN does not look like a Discord bot token")
    assert b"not-a-token" not in stderr


def test_the_shipped_bot_holds_no_redirect_and_uses_public_discord_py_api() -> None:
    """Only the test harness points discord.py elsewhere; the bot never touches its private parts."""
    source = "\n".join(path.read_text() for path in (ROOT / "bot").rglob("*.py"))
    assert "Route.BASE" not in source and "DEFAULT_GATEWAY" not in source
    assert "._get_all_commands" not in source
    assert "DISCORD_API_BASE" not in (ROOT / ".env.example").read_text()
