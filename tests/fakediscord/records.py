"""Records the fake keeps about what the bot did, and the handle tests hold per interaction.

These are plain data holders plus waiting helpers; the protocol logic lives in
:mod:`tests.fakediscord.server`.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from multidict import CIMultiDictProxy

__all__ = [
    "FakeInteraction",
    "FaultRule",
    "GatewayConnection",
    "GatewaySession",
    "InteractionRejected",
    "RecordedRequest",
    "SpecViolation",
    "StateSignal",
]


class StateSignal:
    """Wakes every waiter whenever the fake's state changes.

    Waiters re-check their own predicate, which keeps each wait condition local to the
    call site instead of sprinkling one Event per condition through the handlers.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait_for(self, predicate: Callable[[], Any], timeout: float, what: str) -> Any:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = predicate()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"timed out after {timeout:g}s waiting for {what}")
            event = self._event
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)


@dataclass
class RecordedRequest:
    """One HTTP request the bot made.

    ``path`` is relative to the API base (``/users/@me``, not ``/api/v10/users/@me``),
    matching Discord's documented routes. ``json`` is the parsed JSON body, or the
    ``payload_json`` part of a multipart body; ``files`` holds the multipart file parts.
    """

    method: str
    path: str
    query: dict[str, str]
    json: Any
    headers: CIMultiDictProxy[str]
    time: float
    files: list[tuple[str, bytes]] = field(default_factory=list)
    body: bytes = b""
    status: int | None = None
    #: The JSON body the fake answered with (None for 204s).
    response_json: Any = None
    # Multipart field index -> (filename, bytes); discord.py names parts ``files[N]`` and
    # refers to them by N in ``attachments``.
    indexed_files: dict[int, tuple[str, bytes]] = field(default_factory=dict, repr=False)

    def matches(self, method: str | None = None, path_regex: str | None = None) -> bool:
        """``method`` ("*" or None for any) and ``path_regex`` (``re.search``) filter."""
        if method not in (None, "*") and self.method != method.upper():
            return False
        return path_regex is None or re.search(path_regex, self.path) is not None


def error_leaves(errors: Mapping[str, Any], path: str = "") -> list[str]:
    """Discord's ``errors`` tree as ``"field.path: CODE message"`` lines."""
    lines = [f"{path or '(body)'}: {e.get('code')} {e.get('message')}" for e in errors.get("_errors", [])]
    for key, child in errors.items():
        if key != "_errors" and isinstance(child, Mapping):
            lines += error_leaves(child, f"{path}.{key}" if path else str(key))
    return lines


@dataclass
class SpecViolation:
    """A request body real Discord would refuse (whether or not the fake refused it: with
    ``strict=False`` it answers as if the body were fine, but still records it)."""

    request: RecordedRequest
    #: The spec's name for the route ("POST /webhooks/{webhook_id}/{webhook_token}"), else the path.
    route: str
    #: Which rule refused it: "openapi spec", "documented limit" or "interaction state".
    rule: str
    #: Discord's error body (``{"code": 50035, "message": "Invalid Form Body", "errors": ...}``).
    error: dict[str, Any]
    #: Readable explanations; for the spec, each names the schema keyword that failed.
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        details = self.problems or error_leaves(self.error.get("errors") or {}) or [str(self.error.get("message"))]
        return f"{self.route} ({self.rule}): " + "; ".join(details)


@dataclass
class FaultRule:
    """A pending injected failure; see :meth:`FakeDiscord.fail_next`."""

    method: str
    pattern: re.Pattern[str]
    status: int
    retry_after: float
    remaining: int
    is_global: bool = False
    scope: str = "user"
    body: Mapping[str, Any] | None = None
    hits: list[RecordedRequest] = field(default_factory=list)

    def matches(self, request: RecordedRequest) -> bool:
        return self.remaining > 0 and request.matches(self.method, self.pattern.pattern)


@dataclass
class GatewayConnection:
    """One websocket connection (a session may span several, via RESUME)."""

    path: str
    query: dict[str, str]
    opened_at: float
    ws: web.WebSocketResponse = field(repr=False)
    session: GatewaySession | None = None
    closed_at: float | None = None
    #: Close code as aiohttp reports it (for a close the fake initiated, the client's echo).
    close_code: int | None = None
    #: Code the fake itself closed with (drop_gateway, bad IDENTIFY...), else None.
    closed_by_server: int | None = None
    received: list[dict[str, Any]] = field(default_factory=list, repr=False)
    heartbeats: int = 0
    write_lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)


@dataclass
class GatewaySession:
    """A gateway session created by IDENTIFY; survives reconnects through RESUME."""

    session_id: str
    shard: tuple[int, int] | None
    identify: dict[str, Any]
    created_at: float
    seq: int = 0
    events: list[dict[str, Any]] = field(default_factory=list, repr=False)
    connection: GatewayConnection | None = None
    ready: bool = False
    invalidated: bool = False
    resumes: int = 0
    #: Dispatches re-sent on RESUME because the client had not seen them.
    replayed: int = 0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)

    @property
    def shard_id(self) -> int:
        return self.shard[0] if self.shard else 0

    @property
    def intents(self) -> int | None:
        return self.identify.get("intents")

    @property
    def connected(self) -> bool:
        return self.connection is not None and not self.connection.ws.closed


class InteractionRejected(AssertionError):
    """The bot's interaction callback was refused by the fake, as Discord would."""


class FakeInteraction:
    """Handle for one interaction the fake sent; collects what the bot did with it."""

    def __init__(self, payload: dict[str, Any], *, signal: StateSignal, messages: Mapping[int, dict[str, Any]]) -> None:
        self._signal = signal
        self._messages = messages
        self.payload = payload
        self.id = int(payload["id"])
        self.token: str = payload["token"]
        self.type: int = payload["type"]
        self.sent_at: float | None = None
        #: Seconds between the interaction's creation (its snowflake's time) and ``sent_at``.
        self.age = 0.0
        self.callback_at: float | None = None
        self.callback_request: RecordedRequest | None = None
        #: Callback requests the fake refused (already acknowledged, invalid body, too late...).
        self.rejected: list[RecordedRequest] = []
        self.followup_requests: list[RecordedRequest] = []
        self.edit_requests: list[RecordedRequest] = []
        self.original_message_id: int | None = None
        self.followup_message_ids: list[int] = []
        self.original_deleted = False

    def __repr__(self) -> str:
        return f"<FakeInteraction id={self.id} type={self.type} callback={self.callback_type}>"

    # --- state -----------------------------------------------------------------
    @property
    def acknowledged(self) -> bool:
        return self.callback_request is not None

    @property
    def callback(self) -> dict[str, Any] | None:
        """The accepted callback body (``{"type": ..., "data": ...}``), if any yet."""
        return None if self.callback_request is None else self.callback_request.json

    @property
    def callback_type(self) -> int | None:
        return None if self.callback is None else self.callback.get("type")

    @property
    def files(self) -> list[tuple[str, bytes]]:
        """Files attached to the callback (multipart), as ``(filename, bytes)``."""
        return [] if self.callback_request is None else list(self.callback_request.files)

    @property
    def latency(self) -> float | None:
        """Seconds from sending INTERACTION_CREATE to the arrival of the accepted callback."""
        if self.callback_at is None or self.sent_at is None:
            return None
        return self.callback_at - self.sent_at

    @property
    def edits(self) -> list[dict[str, Any]]:
        """Bodies of ``PATCH /webhooks/{app}/{token}/messages/@original``."""
        return [r.json for r in self.edit_requests]

    @property
    def message(self) -> dict[str, Any] | None:
        """The original response message as currently stored (None if none/deleted)."""
        if self.original_message_id is None or self.original_deleted:
            return None
        return self._messages.get(self.original_message_id)

    def final_message(self) -> dict[str, Any] | None:
        """Best effort at what the user now sees as the response: the callback's message
        with all edits (and a followup-after-defer, which Discord turns into an edit)
        applied. ``None`` for autocomplete/modal callbacks or a deleted response."""
        message = self.message
        return None if message is None else dict(message)

    def final_content(self) -> str | None:
        """``final_message()["content"]`` or None."""
        message = self.final_message()
        return None if message is None else message.get("content")

    def followup_messages(self) -> list[dict[str, Any]]:
        """Stored message objects created by followups (current state, after edits)."""
        return [self._messages[m] for m in self.followup_message_ids if m in self._messages]

    def autocomplete_choices(self) -> list[dict[str, Any]]:
        """Choices from a type 8 callback (empty list otherwise)."""
        if self.callback_type != 8:
            return []
        return list((self.callback or {}).get("data", {}).get("choices", []))

    def modal(self) -> dict[str, Any] | None:
        """The modal from a type 9 callback."""
        if self.callback_type != 9:
            return None
        return (self.callback or {}).get("data")

    # --- waiting -----------------------------------------------------------------
    async def response(self, timeout: float = 3.0) -> dict[str, Any]:
        """Wait for the accepted callback body ``{"type": ..., "data": ...}``.

        Raises :class:`InteractionRejected` as soon as the fake refuses a callback (bad
        body, too late...), with Discord's error, instead of waiting out the timeout.
        """
        await self._signal.wait_for(lambda: self.acknowledged or self.rejected, timeout, f"callback for {self!r}")
        if self.callback is None:
            rejected = self.rejected[-1]
            raise InteractionRejected(
                f"{self!r}: callback refused with {rejected.status}: {rejected.response_json} (body: {rejected.json})"
            )
        return self.callback

    async def followups(self, n: int = 1, timeout: float = 3.0) -> list[dict[str, Any]]:
        """Wait until at least ``n`` followups arrived; return all followup bodies so far."""
        await self._signal.wait_for(lambda: len(self.followup_requests) >= n, timeout, f"{n} followup(s) for {self!r}")
        return [r.json for r in self.followup_requests]

    async def wait_edits(self, n: int = 1, timeout: float = 3.0) -> list[dict[str, Any]]:
        """Wait until at least ``n`` edits of @original arrived; return all edit bodies."""
        await self._signal.wait_for(lambda: len(self.edit_requests) >= n, timeout, f"{n} edit(s) for {self!r}")
        return self.edits
