"""Discord's documented limits that its OpenAPI spec leaves out.

Everything the spec says is checked by :mod:`.spec` first; these rules run on bodies the spec
accepted, so they only hold what the spec cannot express (totals across fields, patterns,
orderings, uniqueness) or states more loosely than Discord's documentation. Each function
returns an :class:`ApiError` (status, Discord error code, message, per-field ``errors`` tree
shaped like Discord's so discord.py's ``HTTPException`` formats it) or ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "LIMITS_BY_ROUTE",
    "ApiError",
    "field_error",
    "valid_command_name",
    "validate_autocomplete",
    "validate_callback",
    "validate_command_list",
    "validate_message",
    "validate_modal",
]

IS_COMPONENTS_V2 = 1 << 15
# Discord's CHAT_INPUT name pattern is ^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$ (and
# lowercase). Python's \w is exactly [\p{L}\p{N}_]; `re` has no script classes, so the
# Devanagari and Thai *scripts* (not blocks: U+0964 DANDA and U+0E3F BAHT are Common) are
# spelled out from Unicode's Scripts.txt.
_DEVA = "\u0900-\u0950\u0955-\u0963\u0966-\u097f\ua8e0-\ua8ff\U00011b00-\U00011b09"
_THAI = "\u0e01-\u0e3a\u0e40-\u0e5b"
_NAME_RE = re.compile(rf"^[-_'\w{_DEVA}{_THAI}]{{1,32}}$")
# The spec allows 4,000 for channel messages: that is a Nitro user's limit; a bot's is 2,000.
_CONTENT = 2000
_EMBED_TOTAL = 6000
_MESSAGE_ACTION_ROWS = 5
_MODAL_COMPONENTS = 5
_AUTOCOMPLETE_VALUE = 100
_CHAT_INPUT_COMMANDS = 100


@dataclass
class ApiError:
    """A Discord error response."""

    status: int
    code: int
    message: str
    errors: dict[str, Any] = field(default_factory=dict)

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors:
            out["errors"] = self.errors
        return out

    def nested(self, key: str) -> ApiError:
        """The same error with its field tree moved under ``key`` (callbacks nest under "data")."""
        return ApiError(self.status, self.code, self.message, {key: self.errors} if self.errors else {})


def field_error(code: str, message: str) -> dict[str, Any]:
    """One leaf of Discord's ``errors`` tree."""
    return {"_errors": [{"code": code, "message": message}]}


def _form_error(errors: dict[str, Any]) -> ApiError:
    return ApiError(400, 50035, "Invalid Form Body", errors)


def _too_long(limit: int) -> dict[str, Any]:
    return field_error("BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")


def _embed_total(embeds: Sequence[Mapping[str, Any]]) -> int:
    """Characters Discord counts towards the 6,000 per message, across all its embeds."""
    total = 0
    for embed in embeds:
        total += len(embed.get("title") or "") + len(embed.get("description") or "")
        for fld in embed.get("fields") or []:
            total += len(fld.get("name") or "") + len(fld.get("value") or "")
        total += len((embed.get("footer") or {}).get("text") or "") + len((embed.get("author") or {}).get("name") or "")
    return total


def validate_message(data: Mapping[str, Any], *, has_files: bool, creating: bool) -> ApiError | None:
    """2,000 characters of content, the 6,000-character embed total, five action rows
    (without components v2), and no empty message on create (edits may legitimately send only
    some fields)."""
    errors: dict[str, Any] = {}
    content = data.get("content")
    if isinstance(content, str) and len(content) > _CONTENT:
        errors["content"] = _too_long(_CONTENT)
    embeds = data.get("embeds") or []
    if _embed_total(embeds) > _EMBED_TOTAL:
        errors["embeds"] = field_error("MAX_EMBED_SIZE_EXCEEDED", f"Embed size exceeds maximum size of {_EMBED_TOTAL}")
    components = data.get("components") or []
    if not (int(data.get("flags") or 0) & IS_COMPONENTS_V2) and len(components) > _MESSAGE_ACTION_ROWS:
        errors["components"] = _too_long(_MESSAGE_ACTION_ROWS)
    if errors:
        return _form_error(errors)
    if creating and not (content or embeds or components or has_files or data.get("poll") or data.get("sticker_ids")):
        return ApiError(400, 50006, "Cannot send an empty message")
    return None


def validate_autocomplete(data: Mapping[str, Any]) -> ApiError | None:
    """Choices are required and a string value has at most 100 characters (the spec allows
    no choices and 6,000-character values)."""
    choices = data.get("choices")
    if not isinstance(choices, list):
        return _form_error({"choices": field_error("BASE_TYPE_REQUIRED", "This field is required")})
    errors: dict[str, Any] = {}
    for index, choice in enumerate(choices):
        value = (choice or {}).get("value")
        if isinstance(value, str) and len(value) > _AUTOCOMPLETE_VALUE:
            errors[str(index)] = {"value": _too_long(_AUTOCOMPLETE_VALUE)}
    return _form_error({"choices": errors}) if errors else None


def validate_modal(data: Mapping[str, Any]) -> ApiError | None:
    """At most five top-level components (the spec allows 40)."""
    if len(data.get("components") or []) > _MODAL_COMPONENTS:
        return _form_error(
            {"components": field_error("BASE_TYPE_BAD_LENGTH", f"Must be between 1 and {_MODAL_COMPONENTS} in length.")}
        )
    return None


def validate_callback(body: Mapping[str, Any], *, has_files: bool) -> ApiError | None:
    """The documented limits for the callback's own type; field errors nest under "data"."""
    callback_type, data = body.get("type"), body.get("data") or {}
    err: ApiError | None = None
    if callback_type in (4, 7):
        err = validate_message(data, has_files=has_files, creating=callback_type == 4)
    elif callback_type == 8:
        err = validate_autocomplete(data)
    elif callback_type == 9:
        err = validate_modal(data)
    return None if err is None else err.nested("data")


def valid_command_name(name: Any) -> bool:
    """Discord's CHAT_INPUT command (and option) name rule: the pattern, and lowercase."""
    return isinstance(name, str) and bool(_NAME_RE.match(name)) and name == name.lower()


def _command_errors(command: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    chat_input = (command.get("type") or 1) == 1
    if chat_input and not valid_command_name(command.get("name")):
        errors["name"] = field_error("APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
    if chat_input and not command.get("description"):
        # The spec lets the description be null or empty; slash commands must have one.
        errors["description"] = field_error("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
    option_errors: dict[str, Any] = {}
    seen_optional = False
    for index, opt in enumerate(command.get("options") or []):
        problem: dict[str, Any] = {}
        if not valid_command_name(opt.get("name")):
            problem["name"] = field_error("APPLICATION_COMMAND_INVALID_NAME", "Option name is invalid")
        if opt.get("type") in (1, 2):
            nested = _command_errors({"type": 1, "name": "x", "description": "x", "options": opt.get("options") or []})
            if "options" in nested:
                problem["options"] = nested["options"]
        elif not opt.get("required"):
            seen_optional = True
        elif seen_optional:
            problem["required"] = field_error(
                "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                "Required options must be placed before non-required options",
            )
        if problem:
            option_errors[str(index)] = problem
    if option_errors:
        errors["options"] = option_errors
    return errors


def validate_command_list(commands: Sequence[Mapping[str, Any]]) -> ApiError | None:
    """Names, descriptions, option order, unique names and at most 100 slash commands, as
    Discord checks them on (bulk) create."""
    errors: dict[str, Any] = {}
    seen: set[tuple[str, int]] = set()
    for index, command in enumerate(commands):
        problem = _command_errors(command)
        key = (str(command.get("name")), int(command.get("type") or 1))
        if key in seen:
            problem["name"] = field_error(
                "APPLICATION_COMMANDS_DUPLICATE_NAME", f"Application command names must be unique: {key[0]}"
            )
        seen.add(key)
        if problem:
            errors[str(index)] = problem
    if sum(1 for c in commands if (c.get("type") or 1) == 1) > _CHAT_INPUT_COMMANDS:
        errors["_errors"] = _too_long(_CHAT_INPUT_COMMANDS)["_errors"]
    return _form_error(errors) if errors else None


def _message(creating: bool) -> Callable[[Any, bool], ApiError | None]:
    return lambda body, has_files: validate_message(body, has_files=has_files, creating=creating)


#: The documented limits for each route, by the spec's name for it. They run after the spec
#: accepted the body, so they may rely on its shape.
LIMITS_BY_ROUTE: dict[str, Callable[[Any, bool], ApiError | None]] = {
    "PUT /applications/{application_id}/commands": lambda body, _: validate_command_list(body or []),
    "PUT /applications/{application_id}/guilds/{guild_id}/commands": lambda body, _: validate_command_list(body or []),
    "POST /applications/{application_id}/commands": lambda body, _: validate_command_list([body]),
    "POST /applications/{application_id}/guilds/{guild_id}/commands": lambda body, _: validate_command_list([body]),
    "POST /interactions/{interaction_id}/{interaction_token}/callback": lambda body, has_files: validate_callback(
        body, has_files=has_files
    ),
    "POST /webhooks/{webhook_id}/{webhook_token}": _message(creating=True),
    "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original": _message(creating=False),
    "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}": _message(creating=False),
    "POST /channels/{channel_id}/messages": _message(creating=True),
    "PATCH /channels/{channel_id}/messages/{message_id}": _message(creating=False),
}
