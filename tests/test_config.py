"""Settings: one model, read from the environment and `.env`; Discord-only ones checked only for Discord."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.config import DISCORD_ONLY, ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent


def test_shard_ids_start_at_zero() -> None:
    settings = load_settings(shard_count="4", shard_ids="0,1", for_discord=True)
    assert (settings.shard_count, settings.shard_ids) == (4, [0, 1])


@pytest.mark.parametrize(
    ("shards", "sentence"),
    [
        ({"shard_ids": "5", "shard_count": "2"}, "SHARD_IDS must each be at least 0 and less than SHARD_COUNT (2): 5."),
        (
            {"shard_ids": "0,-1", "shard_count": "2"},
            "SHARD_IDS is invalid: Input should be greater than or equal to 0.",
        ),
        ({"shard_ids": "1,1", "shard_count": "2"}, "SHARD_IDS names shard 1 twice."),
        ({"shard_ids": "0,1"}, "SHARD_IDS needs SHARD_COUNT, the total number of shards across every process."),
    ],
)
def test_impossible_shards_are_one_sentence(shards: dict[str, str], sentence: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(**shards, for_discord=True)
    assert str(error.value) == sentence


def test_only_the_database_and_the_log_level_are_read_offline() -> None:
    """A new setting is Discord-only unless every command needs it: decide, and list it."""
    assert set(Settings.model_fields) - DISCORD_ONLY == {"facts_db", "log_level"}
    assert set(Settings.model_fields) >= DISCORD_ONLY


OFFLINE = [
    ["ask", "How much did it cost to train R1?"],
    ["cost", "r1"],
    ["chips"],
    ["topics"],
    ["sources"],
    ["fact", "r1-training-cost"],
    ["check"],
    ["facts", "history", "r1-training-cost"],
    ["facts", "export"],
]
BAD_DISCORD_SETTINGS = {
    "MODERATOR_GUILD_IDS": (
        "our-home-server",
        "Error: MODERATOR_GUILD_IDS is invalid: Input should be a valid integer",
    ),
    "SHARD_IDS": ("9", "Error: SHARD_IDS needs SHARD_COUNT"),
    "ASK_COOLDOWN_RATE": ("lots", "Error: ASK_COOLDOWN_RATE is invalid"),
    "DEV_GUILD_ID": ("0", "Error: DEV_GUILD_ID is invalid: Input should be greater than 0."),
}


@pytest.mark.parametrize("where", [".env", "environment"])
@pytest.mark.parametrize("name", list(BAD_DISCORD_SETTINGS))
def test_offline_commands_do_not_need_discord_settings(
    project: Path, monkeypatch: pytest.MonkeyPatch, name: str, where: str
) -> None:
    value, refusal = BAD_DISCORD_SETTINGS[name]
    if where == ".env":
        Path(".env").write_text(f"{name}={value}\n", encoding="utf-8")  # the test's own empty folder
    else:
        monkeypatch.setenv(name, value)
    runner = CliRunner()
    for args in OFFLINE:
        result = runner.invoke(cli, ["--db", str(project / "facts.db"), *args])
        assert result.exit_code == 0, (args, result.output)
    for command in ("run", "sync"):
        result = runner.invoke(cli, ["--db", str(project / "facts.db"), command])
        assert result.exit_code == 1
        assert result.output.startswith(refusal) and result.output.count("\n") == 1, result.output


def test_a_bad_setting_every_command_reads_still_stops_every_command(project: Path) -> None:
    Path(".env").write_text("LOG_LEVEL=LOUD\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", str(project / "facts.db"), "ask", "cost"])
    assert result.exit_code == 1 and result.output.startswith("Error: LOG_LEVEL is invalid")
