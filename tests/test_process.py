"""`factbot run` and `factbot sync` as real processes against the fake Discord."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import pytest

from tests.fakediscord import DEFAULT_GUILD_ID, SECOND_GUILD_ID, FakeDiscord
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


async def test_debug_logs_hold_neither_the_bot_token_nor_an_interaction_token(project: Path) -> None:
    # discord.py logs each URL it calls at DEBUG; an interaction's URL carries its token.
    async with FakeDiscord() as fake:
        process = await asyncio.create_subprocess_exec(
            *FACTBOT,
            "run",
            env=environment(project, fake, LOG_LEVEL="DEBUG"),
            cwd=project,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            await fake.wait_until_identified(timeout=30)
            await fake.wait_for_request("PUT", r"/applications/\d+/commands$", timeout=10)
            interaction = await fake.send_slash("chips", [])
            assert (await interaction.response())["type"] == 4
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=15)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    assert process.returncode == 0, stderr.decode()
    assert b"/callback" in stderr, "discord.py logged no request: the test would prove nothing"
    leaked = [line for line in stderr.decode().splitlines() if interaction.token in line]
    assert not leaked, leaked[:3]
    assert b"[token]" in stderr
    assert TOKEN.encode() not in stderr and TOKEN.split(".")[-1].encode() not in stderr


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


def closed_port() -> int:
    """A local port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("command", ["run", "sync"])
@pytest.mark.parametrize("api_base", ["http://discord.invalid", "closed port"], ids=["no DNS", "refused"])
async def test_no_network_is_one_sentence(project: Path, command: str, api_base: str) -> None:
    if api_base == "closed port":
        api_base = f"http://127.0.0.1:{closed_port()}"
    process = await asyncio.create_subprocess_exec(
        *FACTBOT,
        command,
        env={
            **os.environ,
            "DISCORD_TOKEN": TOKEN,
            "FACTS_DB": str(project / "facts.db"),
            FAKE_DISCORD_URL: api_base,
            "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
        },
        cwd=project,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    text = stderr.decode()
    assert process.returncode == 1, text
    assert "Traceback" not in text
    assert text.strip().splitlines()[-1].startswith("Error: Could not connect to Discord: Cannot connect to host")


def readme_sharding_example() -> list[dict[str, str]]:
    """The settings of each `factbot run` line in the README's sharding example."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("### Sharding", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    examples = []
    for line in block.strip().splitlines():
        *assignments, program, command = line.split()
        assert (program, command) == ("factbot", "run"), line
        examples.append(dict(assignment.split("=", 1) for assignment in assignments))
    return examples


async def test_the_readmes_sharding_example_runs(project: Path) -> None:
    """Both processes of the README's example, against one fake Discord, on one facts.db."""
    examples = readme_sharding_example()
    assert examples[0] == {"SHARD_COUNT": "4", "SHARD_IDS": "0,1"}
    async with FakeDiscord(shard_count=4) as fake:
        processes = [
            await asyncio.create_subprocess_exec(
                *FACTBOT,
                "run",
                env=environment(project, fake, **example),
                cwd=project,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            for example in examples
        ]
        try:
            # discord.py waits 5 s between two IDENTIFYs of one process, as Discord asks: the
            # bound is only there to stop a hang. A process that stops instead fails the test at once.
            identified = asyncio.create_task(fake.wait_until_identified(count=4, timeout=60))
            stopped = [asyncio.create_task(process.wait()) for process in processes]
            await asyncio.wait({identified, *stopped}, return_when=asyncio.FIRST_COMPLETED)
            for process, task in zip(processes, stopped, strict=True):
                if task.done():
                    identified.cancel()
                    pytest.fail(f"a process stopped: {(await process.stderr.read()).decode()}")
                task.cancel()
            await identified
            assert sorted(session.shard for session in fake.sessions) == [(0, 4), (1, 4), (2, 4), (3, 4)]
            await fake.wait_for_request("PUT", r"/applications/\d+/commands$", timeout=30)
            # The fake's two guilds fall on shards 0 and 1: the first process answers both.
            for guild in (DEFAULT_GUILD_ID, SECOND_GUILD_ID):
                callback = await (await fake.send_slash("chips", guild_id=guild)).response()
                assert "H800" in callback["data"]["embeds"][0]["description"]
            for process in processes:
                process.send_signal(signal.SIGTERM)
            outputs = [await asyncio.wait_for(process.communicate(), timeout=30) for process in processes]
        finally:
            for process in processes:
                if process.returncode is None:
                    process.kill()
                    await process.wait()
    for process, (_, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr.decode()
        assert b"Traceback" not in stderr
