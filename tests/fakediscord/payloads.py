"""Builders for Discord API v10 payloads (users, members, guilds, channels, messages, interactions).

The shapes follow Discord's documented objects closely enough that the real discord.py
parsers accept them unchanged. Every id is emitted as a *string*, exactly like Discord does,
because discord.py (and any code under test that reads raw payloads) must cope with that.

Builders return plain ``dict`` objects so tests can tweak any field before sending.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "ADMINISTRATOR",
    "ADMIN_ROLE_ID",
    "ALL_PERMISSIONS",
    "ATTACHMENT_SIZE_LIMIT",
    "DEFAULT_APP_ID",
    "DEFAULT_BOT_PERMISSIONS",
    "DEFAULT_BOT_USER_ID",
    "DEFAULT_CHANNEL_ID",
    "DEFAULT_GUILD_ID",
    "DEFAULT_MEMBER_PERMISSIONS",
    "DEFAULT_USER_ID",
    "DISCORD_EPOCH_MS",
    "MODERATOR_PERMISSIONS",
    "MOD_ROLE_ID",
    "OWNER_USER_ID",
    "SECOND_CHANNEL_ID",
    "SECOND_GUILD_ID",
    "ChannelType",
    "ComponentType",
    "InteractionType",
    "OptionType",
    "action_row",
    "bot_user",
    "category_channel",
    "default_guilds",
    "dm_channel",
    "group_dm_channel",
    "guild",
    "interaction",
    "iso_timestamp",
    "member",
    "message",
    "modal_components",
    "option",
    "perm_str",
    "resolved",
    "role",
    "snowflake",
    "snowflake_for_time",
    "subcommand",
    "subcommand_group",
    "text_channel",
    "text_input",
    "user",
    "voice_channel",
]

DISCORD_EPOCH_MS = 1420070400000

# Fixed ids so tests (and command decorators evaluated at import time, e.g.
# ``@app_commands.guilds(DEFAULT_GUILD_ID)``) can refer to them before the fake exists.
DEFAULT_APP_ID = 1100000000000000001
# Modern applications share their id with their bot user.
DEFAULT_BOT_USER_ID = DEFAULT_APP_ID
OWNER_USER_ID = 1100000000000000010
DEFAULT_USER_ID = 1100000000000000020
# The two default guilds land on different shards when shard_count == 2
# ((guild_id >> 22) % shard_count), so sharding tests exercise real routing.
DEFAULT_GUILD_ID = 1300000000000000001
SECOND_GUILD_ID = 1300000000004194305
DEFAULT_CHANNEL_ID = 1300000000000000101
SECOND_CHANNEL_ID = 1300000000004194405
MOD_ROLE_ID = 1300000000000000201
ADMIN_ROLE_ID = 1300000000000000202

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024

# Permission bitfields (values computed with discord.Permissions so they stay meaningful).
ADMINISTRATOR = 1 << 3
ALL_PERMISSIONS = 8866461766385663
# view/send/history/embed/attach/react/app commands/external emoji+stickers/threads/
# nickname/invite/voice basics: roughly Discord's default @everyone set.
DEFAULT_MEMBER_PERMISSIONS = 448928271937
# view/send/history/embed/attach/react/external emoji/send in threads/app commands.
DEFAULT_BOT_PERMISSIONS = 277025770560
# manage messages/threads, kick, timeout.
MODERATOR_PERMISSIONS = 1116691505154 | DEFAULT_MEMBER_PERMISSIONS


class InteractionType:
    """Discord interaction type numbers (kept as ints so payloads stay plain JSON)."""

    PING = 1
    APPLICATION_COMMAND = 2
    MESSAGE_COMPONENT = 3
    AUTOCOMPLETE = 4
    MODAL_SUBMIT = 5


class OptionType:
    """Application command option type numbers."""

    SUB_COMMAND = 1
    SUB_COMMAND_GROUP = 2
    STRING = 3
    INTEGER = 4
    BOOLEAN = 5
    USER = 6
    CHANNEL = 7
    ROLE = 8
    MENTIONABLE = 9
    NUMBER = 10
    ATTACHMENT = 11


class ComponentType:
    """Message component type numbers."""

    ACTION_ROW = 1
    BUTTON = 2
    STRING_SELECT = 3
    TEXT_INPUT = 4
    USER_SELECT = 5
    ROLE_SELECT = 6
    MENTIONABLE_SELECT = 7
    CHANNEL_SELECT = 8
    LABEL = 18


class ChannelType:
    """Channel type numbers."""

    GUILD_TEXT = 0
    DM = 1
    GUILD_VOICE = 2
    GROUP_DM = 3
    GUILD_CATEGORY = 4
    GUILD_ANNOUNCEMENT = 5
    PUBLIC_THREAD = 11
    GUILD_FORUM = 15


_snowflake_lock = threading.Lock()
_snowflake_counter = itertools.count()
_last_snowflake = 0


def snowflake_for_time(when: float, increment: int = 0) -> int:
    """Build a snowflake whose embedded timestamp is ``when`` (Unix seconds)."""
    ms = int(when * 1000) - DISCORD_EPOCH_MS
    return (ms << 22) | (increment & 0xFFF)


def snowflake() -> int:
    """A fresh, strictly increasing snowflake embedding the current time.

    Real ids encode their creation time (``discord.utils.snowflake_time``) and sort
    chronologically; code under test may rely on either, so we do too.
    """
    global _last_snowflake
    with _snowflake_lock:
        candidate = snowflake_for_time(time.time(), next(_snowflake_counter))
        if candidate <= _last_snowflake:
            candidate = _last_snowflake + 1
        _last_snowflake = candidate
        return candidate


def aged_snowflake(age: float) -> int:
    """A fresh snowflake dated ``age`` seconds ago: the id of an interaction Discord created that long
    before it reached the bot (a gateway that lagged, a bot that fell behind). Unique, not increasing."""
    with _snowflake_lock:
        return snowflake_for_time(time.time() - age, next(_snowflake_counter))


def iso_timestamp(when: _dt.datetime | float | None = None) -> str:
    """ISO 8601 timestamp in the format Discord uses (``+00:00`` offset)."""
    if when is None:
        value = _dt.datetime.now(_dt.UTC)
    elif isinstance(when, (int, float)):
        value = _dt.datetime.fromtimestamp(when, _dt.UTC)
    else:
        value = when
    return value.isoformat()


def perm_str(value: int | str | Any) -> str:
    """Discord sends permission bitfields as decimal strings; accept ints, strings or
    ``discord.Permissions`` (anything with an int ``value``)."""
    if isinstance(value, str):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    return str(int(value.value))


def _sid(value: int | str | None) -> str | None:
    return None if value is None else str(int(value))


def user(
    id: int | str | None = None,
    username: str = "tester",
    *,
    global_name: str | None = None,
    bot: bool = False,
    avatar: str | None = None,
    discriminator: str = "0",
    **extra: Any,
) -> dict[str, Any]:
    """A user object. ``discriminator`` defaults to ``"0"`` like migrated accounts."""
    payload: dict[str, Any] = {
        "id": _sid(id if id is not None else snowflake()),
        "username": username,
        "discriminator": discriminator,
        "global_name": global_name,
        "avatar": avatar,
        "avatar_decoration_data": None,
        "banner": None,
        "accent_color": None,
        "public_flags": 0,
        "flags": 0,
        "primary_guild": None,
        "collectibles": None,
    }
    if bot:
        payload["bot"] = True
    payload.update(extra)
    return payload


def bot_user(id: int | str = DEFAULT_BOT_USER_ID, username: str = "FactBot", **extra: Any) -> dict[str, Any]:
    """The bot's own user, as returned by ``GET /users/@me`` (includes private fields)."""
    payload = user(id, username, bot=True, **extra)
    payload.setdefault("verified", True)
    payload.setdefault("mfa_enabled", False)
    payload.setdefault("email", None)
    payload.setdefault("locale", "en-US")
    payload.setdefault("bio", "")
    return payload


def member(
    user: Mapping[str, Any],
    *,
    roles: Iterable[int | str] = (),
    permissions: int | str | Any | None = None,
    nick: str | None = None,
    joined_at: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A guild member. ``permissions`` is only present on interaction members (Discord
    computes the member's total permissions in the channel); pass it for those."""
    payload: dict[str, Any] = {
        "user": dict(user),
        "roles": [str(int(r)) for r in roles],
        "nick": nick,
        "avatar": None,
        "banner": None,
        "joined_at": joined_at or "2024-01-01T00:00:00.000000+00:00",
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "pending": False,
        "flags": 0,
        "communication_disabled_until": None,
        "unusual_dm_activity_until": None,
    }
    if permissions is not None:
        payload["permissions"] = perm_str(permissions)
    payload.update(extra)
    return payload


_build_member = member  # ``interaction()`` has a parameter that shadows ``member``.


def role(
    id: int | str,
    name: str,
    *,
    permissions: int | str | Any = 0,
    position: int = 0,
    color: int = 0,
    hoist: bool = False,
    managed: bool = False,
    mentionable: bool = False,
    **extra: Any,
) -> dict[str, Any]:
    """A guild role. The @everyone role has the guild's id (see :func:`guild`)."""
    payload: dict[str, Any] = {
        "id": _sid(id),
        "name": name,
        "color": color,
        "colors": {"primary_color": color, "secondary_color": None, "tertiary_color": None},
        "hoist": hoist,
        "icon": None,
        "unicode_emoji": None,
        "position": position,
        "permissions": perm_str(permissions),
        "managed": managed,
        "mentionable": mentionable,
        "flags": 0,
    }
    payload.update(extra)
    return payload


def text_channel(
    id: int | str,
    guild_id: int | str,
    name: str = "general",
    *,
    position: int = 0,
    parent_id: int | str | None = None,
    topic: str | None = None,
    nsfw: bool = False,
    permission_overwrites: Sequence[Mapping[str, Any]] = (),
    **extra: Any,
) -> dict[str, Any]:
    """A guild text channel (type 0)."""
    payload: dict[str, Any] = {
        "id": _sid(id),
        "type": ChannelType.GUILD_TEXT,
        "guild_id": _sid(guild_id),
        "name": name,
        "position": position,
        "parent_id": _sid(parent_id),
        "topic": topic,
        "nsfw": nsfw,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "permission_overwrites": [dict(o) for o in permission_overwrites],
        "flags": 0,
    }
    payload.update(extra)
    return payload


def voice_channel(
    id: int | str, guild_id: int | str, name: str = "Voice", *, position: int = 0, **extra: Any
) -> dict[str, Any]:
    """A guild voice channel (type 2)."""
    payload: dict[str, Any] = {
        "id": _sid(id),
        "type": ChannelType.GUILD_VOICE,
        "guild_id": _sid(guild_id),
        "name": name,
        "position": position,
        "parent_id": None,
        "nsfw": False,
        "bitrate": 64000,
        "user_limit": 0,
        "rtc_region": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "permission_overwrites": [],
        "flags": 0,
    }
    payload.update(extra)
    return payload


def category_channel(
    id: int | str, guild_id: int | str, name: str = "Text Channels", *, position: int = 0, **extra: Any
) -> dict[str, Any]:
    """A guild category (type 4)."""
    payload: dict[str, Any] = {
        "id": _sid(id),
        "type": ChannelType.GUILD_CATEGORY,
        "guild_id": _sid(guild_id),
        "name": name,
        "position": position,
        "parent_id": None,
        "nsfw": False,
        "permission_overwrites": [],
        "flags": 0,
    }
    payload.update(extra)
    return payload


def dm_channel(id: int | str, recipient: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    """A DM channel (type 1) with one recipient."""
    payload: dict[str, Any] = {
        "id": _sid(id),
        "type": ChannelType.DM,
        "last_message_id": None,
        "recipients": [dict(recipient)],
        "flags": 0,
    }
    payload.update(extra)
    return payload


def group_dm_channel(
    id: int | str, recipients: Sequence[Mapping[str, Any]], *, owner_id: int | str, **extra: Any
) -> dict[str, Any]:
    """A group DM (type 3): where only a user-installed app's commands run (interaction context 2)."""
    payload: dict[str, Any] = {
        "id": _sid(id),
        "type": ChannelType.GROUP_DM,
        "last_message_id": None,
        "recipients": [dict(r) for r in recipients],
        "name": None,
        "icon": None,
        "owner_id": _sid(owner_id),
        "flags": 0,
    }
    payload.update(extra)
    return payload


def guild(
    id: int | str,
    name: str,
    *,
    owner_id: int | str = OWNER_USER_ID,
    channels: Sequence[Mapping[str, Any]] = (),
    roles: Sequence[Mapping[str, Any]] = (),
    members: Sequence[Mapping[str, Any]] = (),
    everyone_permissions: int | str | Any = DEFAULT_MEMBER_PERMISSIONS,
    **extra: Any,
) -> dict[str, Any]:
    """A full guild object as sent in GUILD_CREATE.

    An @everyone role (id == guild id) is always added unless ``roles`` already has one,
    because discord.py (and permission logic everywhere) assumes it exists.
    """
    gid = _sid(id)
    role_list = [dict(r) for r in roles]
    if not any(r["id"] == gid for r in role_list):
        role_list.insert(0, role(gid, "@everyone", permissions=everyone_permissions))
    channel_list = []
    for ch in channels:
        entry = dict(ch)
        entry.setdefault("guild_id", gid)
        channel_list.append(entry)
    payload: dict[str, Any] = {
        "id": gid,
        "name": name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": _sid(owner_id),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "widget_enabled": False,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": role_list,
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "application_id": None,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "vanity_url_code": None,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "premium_progress_bar_enabled": False,
        "preferred_locale": "en-US",
        "nsfw_level": 0,
        "max_members": 500000,
        "max_video_channel_users": 25,
        "max_stage_video_channel_users": 50,
        "incidents_data": None,
        # GUILD_CREATE-only fields.
        "joined_at": "2024-01-01T00:00:00.000000+00:00",
        "large": False,
        "unavailable": False,
        "member_count": len(members),
        "members": [dict(m) for m in members],
        "channels": channel_list,
        "threads": [],
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }
    payload.update(extra)
    return payload


def default_guilds(
    bot: Mapping[str, Any] | None = None,
    users: Sequence[Mapping[str, Any]] = (),
) -> list[dict[str, Any]]:
    """Two small guilds: the default one (general + facts channels, Moderator and Admin
    roles) and a second one, each containing the bot's member and ``users`` as members."""
    bot = bot or bot_user()
    out = []
    specs = [
        (DEFAULT_GUILD_ID, "Fake Guild", DEFAULT_CHANNEL_ID, True),
        (SECOND_GUILD_ID, "Second Guild", SECOND_CHANNEL_ID, False),
    ]
    for gid, name, channel_id, with_roles in specs:
        roles = []
        if with_roles:
            roles = [
                role(MOD_ROLE_ID, "Moderator", permissions=MODERATOR_PERMISSIONS, position=1),
                role(ADMIN_ROLE_ID, "Admin", permissions=ADMINISTRATOR, position=2),
            ]
        category_id = channel_id + 50
        channels = [
            category_channel(category_id, gid, "Text Channels", position=0),
            text_channel(channel_id, gid, "general", position=0, parent_id=category_id),
            text_channel(channel_id + 1, gid, "facts", position=1, parent_id=category_id),
        ]
        members = [member(bot)] + [member(u) for u in users]
        out.append(guild(gid, name, channels=channels, roles=roles, members=members))
    return out


def option(name: str, value: Any, type: int = OptionType.STRING, *, focused: bool = False) -> dict[str, Any]:
    """A filled-in command option as it appears in interaction data."""
    payload: dict[str, Any] = {"name": name, "type": type, "value": value}
    if focused:
        payload["focused"] = True
    return payload


def subcommand(name: str, options: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """A sub-command wrapper option (type 1) for interaction data."""
    return {"name": name, "type": OptionType.SUB_COMMAND, "options": [dict(o) for o in options]}


def subcommand_group(name: str, subcommands: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """A sub-command group wrapper option (type 2) for interaction data."""
    return {"name": name, "type": OptionType.SUB_COMMAND_GROUP, "options": [dict(o) for o in subcommands]}


def resolved(
    *,
    users: Sequence[Mapping[str, Any]] = (),
    members: Mapping[int | str, Mapping[str, Any]] | None = None,
    roles: Sequence[Mapping[str, Any]] = (),
    channels: Sequence[Mapping[str, Any]] = (),
    attachments: Sequence[Mapping[str, Any]] = (),
    messages: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """The ``resolved`` block for user/role/channel/attachment options, or a message command's target.

    ``members`` maps user id -> member payload; the nested ``user`` is dropped because
    Discord sends resolved members without it (the user lives in ``users``).
    """
    out: dict[str, Any] = {}
    if users:
        out["users"] = {str(u["id"]): dict(u) for u in users}
    if members:
        out["members"] = {str(int(uid)): {k: v for k, v in m.items() if k != "user"} for uid, m in members.items()}
    if roles:
        out["roles"] = {str(r["id"]): dict(r) for r in roles}
    if channels:
        out["channels"] = {
            str(c["id"]): {
                "id": c["id"],
                "name": c.get("name"),
                "type": c["type"],
                "permissions": c.get("permissions", perm_str(DEFAULT_MEMBER_PERMISSIONS)),
                "parent_id": c.get("parent_id"),
            }
            for c in channels
        }
    if attachments:
        out["attachments"] = {str(a["id"]): dict(a) for a in attachments}
    if messages:
        out["messages"] = {str(m["id"]): dict(m) for m in messages}
    return out


def text_input(custom_id: str, value: str) -> dict[str, Any]:
    """A submitted text input (type 4) inside modal submit data."""
    return {"type": ComponentType.TEXT_INPUT, "custom_id": custom_id, "value": value}


def action_row(*components: Mapping[str, Any]) -> dict[str, Any]:
    """An action row (type 1) wrapping ``components``."""
    return {"type": ComponentType.ACTION_ROW, "components": [dict(c) for c in components]}


def modal_components(values: Mapping[str, str]) -> list[dict[str, Any]]:
    """Modal submit ``components`` for text inputs: one action row per input, the
    classic layout discord.py's ``TextInput`` produces."""
    return [action_row(text_input(cid, value)) for cid, value in values.items()]


def message(
    id: int | str,
    channel_id: int | str,
    *,
    author: Mapping[str, Any],
    content: str = "",
    type: int = 0,
    flags: int = 0,
    embeds: Sequence[Mapping[str, Any]] = (),
    components: Sequence[Mapping[str, Any]] = (),
    attachments: Sequence[Mapping[str, Any]] = (),
    guild_id: int | str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A message object."""
    payload: dict[str, Any] = {
        "id": _sid(id),
        "channel_id": _sid(channel_id),
        "type": type,
        "content": content,
        "author": dict(author),
        "timestamp": iso_timestamp(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "mention_channels": [],
        "attachments": [dict(a) for a in attachments],
        "embeds": [dict(e) for e in embeds],
        "components": [dict(c) for c in components],
        "reactions": [],
        "pinned": False,
        "flags": flags,
    }
    if guild_id is not None:
        payload["guild_id"] = _sid(guild_id)
    payload.update(extra)
    return payload


def interaction(
    *,
    id: int | str,
    token: str,
    type: int,
    application_id: int | str,
    data: Mapping[str, Any] | None,
    channel: Mapping[str, Any],
    user: Mapping[str, Any],
    guild_id: int | str | None = None,
    member: Mapping[str, Any] | None = None,
    app_permissions: int | str | Any = DEFAULT_BOT_PERMISSIONS,
    locale: str = "en-US",
    guild_locale: str = "en-US",
    message: Mapping[str, Any] | None = None,
    context: int | None = None,
    authorizing_integration_owners: Mapping[str, str] | None = None,
    entitlements: Sequence[Mapping[str, Any]] = (),
    attachment_size_limit: int = ATTACHMENT_SIZE_LIMIT,
) -> dict[str, Any]:
    """An INTERACTION_CREATE payload.

    Guild interactions carry ``member`` (with ``permissions``) and no top-level ``user``;
    DM interactions carry ``user`` only: that asymmetry is what discord.py keys on to
    decide between ``Member`` and ``User``.
    """
    payload: dict[str, Any] = {
        "id": _sid(id),
        "application_id": _sid(application_id),
        "type": type,
        "token": token,
        "version": 1,
        "channel_id": channel["id"],
        "channel": dict(channel),
        "app_permissions": perm_str(app_permissions),
        "locale": locale,
        "entitlements": [dict(e) for e in entitlements],
        "entitlement_sku_ids": [],
        "attachment_size_limit": attachment_size_limit,
    }
    if data is not None:
        payload["data"] = dict(data)
    if guild_id is not None:
        gid = _sid(guild_id)
        assert gid is not None
        payload["guild_id"] = gid
        payload["guild"] = {"id": gid, "locale": guild_locale, "features": []}
        payload["guild_locale"] = guild_locale
        payload["member"] = dict(member) if member is not None else _build_member(user)
        payload["context"] = 0 if context is None else context
        payload["authorizing_integration_owners"] = dict(authorizing_integration_owners or {"0": gid})
    else:
        payload["user"] = dict(user)
        payload["context"] = 1 if context is None else context
        payload["authorizing_integration_owners"] = dict(authorizing_integration_owners or {"0": "0"})
    if message is not None:
        payload["message"] = dict(message)
    return payload
