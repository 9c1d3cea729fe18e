"""Run the real `factbot` command line, but talking to a fake Discord: for tests and benchmarks.

    FAKE_DISCORD_URL=http://127.0.0.1:PORT python -m tests.fakediscord.launch run

The redirect lives here, in the test harness, so the shipped bot holds no
switch that sends its token anywhere but Discord. Everything after the
redirect is the unchanged `factbot` entry point.
"""

from __future__ import annotations

import os
import sys

import discord.gateway
import discord.http
import yarl

from tests.fakediscord.server import API_PREFIX

ENV = "FAKE_DISCORD_URL"


def redirect(base_url: str) -> None:
    """Point discord.py's REST base and default gateway at a fake Discord at `base_url`."""
    base = yarl.URL(base_url)
    discord.http.Route.BASE = str(base.with_path(API_PREFIX))
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base.with_path("/gateway")


def main() -> None:
    redirect(os.environ[ENV])
    from bot.cli import main as factbot

    sys.argv[0] = "factbot"
    factbot()


if __name__ == "__main__":
    main()
