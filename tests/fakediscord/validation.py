"""Discord's payload validation, for the limits bots most often trip over in production.

Kept separate from the HTTP plumbing so the rules read like a spec: each function returns
an :class:`ApiError` (status, Discord error code, message, per-field ``errors`` tree shaped
like Discord's so discord.py's ``HTTPException`` formats it) or ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ApiError",
    "field_error",
    "validate_autocomplete",
    "validate_command_list",
    "validate_message",
    "validate_modal",
]

IS_COMPONENTS_V2 = 1 << 15
# Discord's documented pattern for CHAT_INPUT names (must also be lowercase).
_NAME_RE = re.compile(r"^[-_'\w\u0900-\u097F\u0E00-\u0E7F]{1,32}$")
_EMBED_LIMITS = {"title": 256, "description": 4096}


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


def _embed_errors(embeds: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    total = 0
    for index, embed in enumerate(embeds):
        problem: dict[str, Any] = {}
        for key, limit in _EMBED_LIMITS.items():
            value = embed.get(key) or ""
            total += len(value)
            if len(value) > limit:
                problem[key] = _too_long(limit)
        fields = embed.get("fields") or []
        if len(fields) > 25:
            problem["fields"] = _too_long(25)
        for fi, fld in enumerate(fields):
            name, value = fld.get("name") or "", fld.get("value") or ""
            total += len(name) + len(value)
            if len(name) > 256:
                problem.setdefault("fields", {}).setdefault(str(fi), {})["name"] = _too_long(256)
            if len(value) > 1024:
                problem.setdefault("fields", {}).setdefault(str(fi), {})["value"] = _too_long(1024)
        footer = (embed.get("footer") or {}).get("text") or ""
        author = (embed.get("author") or {}).get("name") or ""
        total += len(footer) + len(author)
        if len(footer) > 2048:
            problem["footer"] = {"text": _too_long(2048)}
        if len(author) > 256:
            problem["author"] = {"name": _too_long(256)}
        if problem:
            errors[str(index)] = problem
    if len(embeds) > 10:
        errors.setdefault("_errors", []).extend(_too_long(10)["_errors"])
    if total > 6000:
        errors.setdefault("_errors", []).append(
            {"code": "MAX_EMBED_SIZE_EXCEEDED", "message": "Embed size exceeds maximum size of 6000"}
        )
    return errors


def validate_message(data: Mapping[str, Any], *, has_files: bool, creating: bool) -> ApiError | None:
    """Content/embeds/components limits; ``creating`` also rejects empty messages
    (edits may legitimately send only some fields)."""
    errors: dict[str, Any] = {}
    content = data.get("content")
    if isinstance(content, str) and len(content) > 2000:
        errors["content"] = _too_long(2000)
    embeds = data.get("embeds") or []
    embed_errors = _embed_errors(embeds)
    if embed_errors:
        errors["embeds"] = embed_errors
    components = data.get("components") or []
    if not (int(data.get("flags") or 0) & IS_COMPONENTS_V2) and len(components) > 5:
        errors["components"] = _too_long(5)
    if errors:
        return _form_error(errors)
    if creating and not (content or embeds or components or has_files or data.get("poll") or data.get("sticker_ids")):
        return ApiError(400, 50006, "Cannot send an empty message")
    return None


def validate_autocomplete(data: Mapping[str, Any]) -> ApiError | None:
    """At most 25 choices, names 1-100 chars, string values at most 100 chars."""
    choices = data.get("choices")
    if not isinstance(choices, list):
        return _form_error({"choices": field_error("BASE_TYPE_REQUIRED", "This field is required")})
    errors: dict[str, Any] = {}
    if len(choices) > 25:
        errors["_errors"] = _too_long(25)["_errors"]
    for index, choice in enumerate(choices):
        problem: dict[str, Any] = {}
        if not 1 <= len(choice.get("name") or "") <= 100:
            problem["name"] = field_error("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
        value = choice.get("value")
        if isinstance(value, str) and len(value) > 100:
            problem["value"] = _too_long(100)
        if problem:
            errors[str(index)] = problem
    return _form_error({"choices": errors}) if errors else None


def validate_modal(data: Mapping[str, Any]) -> ApiError | None:
    """Title 1-45 chars, a custom_id, 1-5 top-level components."""
    errors: dict[str, Any] = {}
    if not 1 <= len(data.get("title") or "") <= 45:
        errors["title"] = field_error("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 45 in length.")
    if not data.get("custom_id"):
        errors["custom_id"] = field_error("BASE_TYPE_REQUIRED", "This field is required")
    if not 1 <= len(data.get("components") or []) <= 5:
        errors["components"] = field_error("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
    return _form_error(errors) if errors else None


def _bad_name(name: Any) -> bool:
    return not isinstance(name, str) or not _NAME_RE.match(name) or name != name.lower()


def _command_errors(command: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    chat_input = command.get("type", 1) == 1
    if not isinstance(command.get("name"), str) or (chat_input and _bad_name(command["name"])):
        errors["name"] = field_error("APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
    if chat_input and not 1 <= len(command.get("description") or "") <= 100:
        errors["description"] = field_error("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
    options = command.get("options") or []
    option_errors: dict[str, Any] = {}
    if len(options) > 25:
        option_errors["_errors"] = _too_long(25)["_errors"]
    seen_optional = False
    for index, opt in enumerate(options):
        problem: dict[str, Any] = {}
        if _bad_name(opt.get("name")):
            problem["name"] = field_error("APPLICATION_COMMAND_INVALID_NAME", "Option name is invalid")
        if not 1 <= len(opt.get("description") or "") <= 100:
            problem["description"] = field_error("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
        if len(opt.get("choices") or []) > 25:
            problem["choices"] = _too_long(25)
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
    """Names/descriptions/options as Discord checks them on (bulk) create."""
    errors: dict[str, Any] = {}
    seen: set[tuple[str, int]] = set()
    for index, command in enumerate(commands):
        problem = _command_errors(command)
        key = (str(command.get("name")), int(command.get("type", 1)))
        if key in seen:
            problem["name"] = field_error(
                "APPLICATION_COMMANDS_DUPLICATE_NAME", f"Application command names must be unique: {key[0]}"
            )
        seen.add(key)
        if problem:
            errors[str(index)] = problem
    if sum(1 for c in commands if c.get("type", 1) == 1) > 100:
        errors["_errors"] = _too_long(100)["_errors"]
    return _form_error(errors) if errors else None
