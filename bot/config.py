"""Settings: one pydantic model, read from the environment and `.env` when a command starts.

Nothing here runs at import time, so tests and `factbot ask` never need a
token. A bad or missing setting becomes one `ConfigError` sentence. The
settings only Discord needs (`DISCORD_ONLY`) are read and checked only when
`factbot run` or `factbot sync` starts: a mistake in a moderator id list must
not stop anyone asking a question offline.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from dotenv import dotenv_values
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.errors import FactbotError

log = logging.getLogger(__name__)

# The folder factbot runs from: the checkout, for `pip install -e .` (the README's way).
CHECKOUT = Path(__file__).resolve().parent.parent
# Names the .env file to read instead of looking for one (os.devnull: none).
ENV_FILE_VARIABLE = "FACTBOT_ENV_FILE"
# Discord tokens are three dot-separated base64url parts.
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$")


class ConfigError(FactbotError):
    """A setting is missing or malformed."""


def _id_list(value: Any) -> Any:
    """Accept "1, 2 3" from the environment as well as a real list."""
    if isinstance(value, str):
        return [part for part in re.split(r"[\s,]+", value.strip()) if part]
    return value


IdList = Annotated[list[Annotated[int, Field(gt=0)]], BeforeValidator(_id_list)]
# Shard ids count from 0, unlike the Discord snowflakes IdList is for.
ShardIds = Annotated[list[Annotated[int, Field(ge=0)]], Field(min_length=1), BeforeValidator(_id_list)]


class Settings(BaseModel):
    """Every setting factbot reads; `.env.example` documents each one. See `DISCORD_ONLY`."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    discord_token: SecretStr | None = None
    facts_db: Path = Path("facts.db")
    dev_guild_id: Annotated[int, Field(gt=0)] | None = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    shard_count: Annotated[int, Field(ge=1)] | None = None
    shard_ids: ShardIds | None = None
    moderator_guild_ids: IdList = []
    moderator_role_ids: IdList = []
    moderator_user_ids: IdList = []
    ask_cooldown_seconds: Annotated[float, Field(ge=0, le=3600)] = 10.0
    ask_cooldown_rate: Annotated[int, Field(ge=1, le=100)] = 3

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _no_everyone_role(self) -> Settings:
        # A server's @everyone role has the server's own id: listing it makes every member a moderator.
        everyone = sorted(set(self.moderator_role_ids) & set(self.moderator_guild_ids))
        if everyone:
            raise ValueError(
                f"MODERATOR_ROLE_IDS lists {', '.join(map(str, everyone))}, the @everyone role of a server in "
                "MODERATOR_GUILD_IDS (its id is the server's): every member would be a moderator; list a "
                "moderator role instead"
            )
        return self

    @model_validator(mode="after")
    def _shards_exist(self) -> Settings:
        if self.shard_ids is None:
            return self
        if self.shard_count is None:
            raise ValueError("SHARD_IDS needs SHARD_COUNT, the total number of shards across every process")
        outside = ", ".join(str(shard) for shard in self.shard_ids if shard >= self.shard_count)
        if outside:
            raise ValueError(
                f"SHARD_IDS must each be at least 0 and less than SHARD_COUNT ({self.shard_count}): {outside}"
            )
        twice = sorted({shard for shard in self.shard_ids if self.shard_ids.count(shard) > 1})
        if twice:
            raise ValueError(f"SHARD_IDS names shard {', '.join(map(str, twice))} twice")
        return self

    def token(self) -> str:
        """The bot token, checked for shape; never logged or echoed."""
        if self.discord_token is None or not self.discord_token.get_secret_value().strip():
            raise ConfigError(
                "DISCORD_TOKEN is not set: put your bot token in .env (see .env.example), "
                "or use `factbot ask` to query the facts offline."
            )
        token = self.discord_token.get_secret_value().strip()
        if not TOKEN_SHAPE.match(token):
            raise ConfigError(
                "DISCORD_TOKEN does not look like a Discord bot token (three dot-separated parts); "
                "copy it again from the Developer Portal, or use `factbot ask` offline."
            )
        return token

    def database_path(self) -> Path:
        """FACTS_DB (default facts.db), found by `locate` when relative."""
        return locate(self.facts_db)


def locate(name: str | Path) -> Path:
    """The one rule for finding factbot's files, `.env` and a relative FACTS_DB alike: the
    current folder, else the checkout. An absolute path, or one found nowhere, is kept as given."""
    path = Path(name)
    if path.is_absolute() or path.exists():
        return path
    in_checkout = CHECKOUT / path
    return in_checkout if in_checkout.exists() else path


def env_file() -> Path | None:
    """The .env to read: the one FACTBOT_ENV_FILE names, else `locate(".env")` if there is one."""
    named = os.environ.get(ENV_FILE_VARIABLE)
    if named:
        if not Path(named).exists():
            raise ConfigError(f"{ENV_FILE_VARIABLE} names {named}, which does not exist.")
        return Path(named)
    found = locate(".env")
    return found if found.exists() else None


# Read only by the commands that talk to Discord.
DISCORD_ONLY = frozenset(
    {
        "discord_token",
        "dev_guild_id",
        "shard_count",
        "shard_ids",
        "moderator_guild_ids",
        "moderator_role_ids",
        "moderator_user_ids",
        "ask_cooldown_seconds",
        "ask_cooldown_rate",
    }
)


def load_settings(*, for_discord: bool = False, **overrides: Any) -> Settings:
    """Settings from `.env` (see `env_file`), then the environment (which wins), then explicit overrides.

    Without `for_discord` the Discord-only settings are left at their defaults,
    unread and unchecked: what the offline commands get.
    """
    values: dict[str, Any] = {}
    found = env_file()
    if found is not None:
        values.update({k.lower(): v for k, v in dotenv_values(found).items() if v not in (None, "")})
    names = set(Settings.model_fields)
    values.update({k.lower(): v for k, v in os.environ.items() if k.lower() in names and v != ""})
    values.update({k: v for k, v in overrides.items() if v is not None})
    if not for_discord:
        values = {name: value for name, value in values.items() if name not in DISCORD_ONLY}
    try:
        return Settings.model_validate(values)
    except ValidationError as error:
        first = error.errors()[0]
        if not first["loc"]:  # a rule across settings, whose message names them
            raise ConfigError(f"{first['msg'].removeprefix('Value error, ')}.") from None
        raise ConfigError(f"{str(first['loc'][0]).upper()} is invalid: {first['msg']}.") from None
