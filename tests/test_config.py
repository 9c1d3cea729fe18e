"""Settings: one model, read from the environment and `.env`; Discord-only ones checked only for Discord."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot import config
from bot.cli import cli
from bot.config import DISCORD_ONLY, ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """.env looked up as in real use (not the conftest's none), in a stand-in checkout folder."""
    folder = tmp_path / "checkout"
    folder.mkdir()
    monkeypatch.delenv(config.ENV_FILE_VARIABLE)
    monkeypatch.setattr(config, "CHECKOUT", folder)
    return folder


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
    project: Path, checkout: Path, monkeypatch: pytest.MonkeyPatch, name: str, where: str
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


def test_a_bad_setting_every_command_reads_still_stops_every_command(project: Path, checkout: Path) -> None:
    Path(".env").write_text("LOG_LEVEL=LOUD\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", str(project / "facts.db"), "ask", "cost"])
    assert result.exit_code == 1 and result.output.startswith("Error: LOG_LEVEL is invalid")


def test_env_is_found_by_the_rule_the_database_is(checkout: Path, tmp_path: Path) -> None:
    """Outside the checkout, with no .env here, the checkout's .env is read, as its facts.db is."""
    (checkout / ".env").write_text("LOG_LEVEL=warning\nFACTS_DB=mine.db\n", encoding="utf-8")
    (checkout / "mine.db").write_bytes(b"")
    settings = load_settings()
    assert settings.log_level == "WARNING"
    assert settings.database_path() == checkout / "mine.db"
    # A .env (and a database) in the current folder come first, and alone: files are not merged.
    Path(".env").write_text("FACTS_DB=mine.db\n", encoding="utf-8")
    Path("mine.db").write_bytes(b"")
    settings = load_settings()
    assert settings.log_level == "INFO"
    assert settings.database_path() == Path("mine.db")


def test_default_database_falls_back_to_the_checkout(checkout: Path) -> None:
    assert load_settings().database_path() == Path("facts.db"), "neither folder has one: kept as given"
    (checkout / "facts.db").write_bytes(b"")
    assert load_settings().database_path() == checkout / "facts.db"


def test_env_file_variable_names_the_file(checkout: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (checkout / ".env").write_text("LOG_LEVEL=ERROR\n", encoding="utf-8")
    elsewhere = tmp_path / "factbot.env"
    elsewhere.write_text("LOG_LEVEL=DEBUG\n", encoding="utf-8")
    monkeypatch.setenv(config.ENV_FILE_VARIABLE, str(elsewhere))
    assert load_settings().log_level == "DEBUG"
    monkeypatch.setenv(config.ENV_FILE_VARIABLE, str(tmp_path / "missing.env"))
    with pytest.raises(ConfigError, match=r"^FACTBOT_ENV_FILE names .*missing\.env, which does not exist\.$"):
        load_settings()


def test_the_everyone_role_is_refused_as_a_moderator_role() -> None:
    # A server's @everyone role has the server's id: listing it would make every member a moderator.
    with pytest.raises(ConfigError) as error:
        load_settings(
            moderator_guild_ids="111111111111111111", moderator_role_ids="111111111111111111", for_discord=True
        )
    assert str(error.value).startswith("MODERATOR_ROLE_IDS lists 111111111111111111, the @everyone role")
