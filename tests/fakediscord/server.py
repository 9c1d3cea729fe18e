"""An in-process fake of Discord's HTTP API v10 and gateway for driving a real discord.py bot.

The fake binds to 127.0.0.1 on a random port. Point discord.py at it with
:meth:`FakeDiscord.patch_discord`, log the bot in and connect it, then play the part of
Discord: send INTERACTION_CREATE events and inspect the HTTP requests the bot makes back.

Design notes (the *why*):

* Every REST request goes through one catch-all handler so it is recorded, can have a
  fault injected, and unknown routes surface as Discord-style 404s instead of silently
  "working".
* Gateway dispatches are logged per session with their sequence number, so a RESUME replays
  what the client missed, exactly like Discord. Events sent while the bot is between
  connections are therefore not lost.
* Responses mimic Discord's validation where bots commonly get it wrong (2000-char
  content, 25 autocomplete choices, double acknowledgement, the 3 s callback deadline),
  because the point of the fake is to catch those bugs before production does. Every
  request body is checked against Discord's OpenAPI spec (:mod:`.spec`), then against the
  documented limits the spec leaves out (:mod:`.validation`), in one place before any
  handler runs, so no route can forget to; refusals are kept in ``spec_violations``.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import enum
import json
import logging
import math
import mimetypes
import re
import secrets
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from http import HTTPStatus
from typing import Any

import yarl
from aiohttp import BodyPartReader, WSMsgType, web
from multidict import CIMultiDict, CIMultiDictProxy

from . import payloads as p
from . import spec
from . import validation as v
from .records import (
    FakeInteraction,
    FaultRule,
    GatewayConnection,
    GatewaySession,
    RecordedRequest,
    SpecViolation,
    StateSignal,
    error_leaves,
)

log = logging.getLogger(__name__)

__all__ = ["CREATED", "DEFAULT_GUILD", "FakeDiscord", "Options"]

API_PREFIX = "/api/v10"
HEARTBEAT_INTERVAL_MS = 41250
# Discord answers an interaction only if the callback arrives within 3 seconds.
CALLBACK_DEADLINE = 3.0

GUILDS_INTENT = 1 << 0
GUILD_MEMBERS_INTENT = 1 << 1

# Message flags.
EPHEMERAL = 1 << 6
LOADING = 1 << 7
SUPPRESS_EMBEDS = 1 << 2

# Callback types a given interaction type may answer with (Discord rejects the rest).
_ALLOWED_CALLBACKS: dict[int, set[int]] = {
    p.InteractionType.APPLICATION_COMMAND: {4, 5, 9, 10, 12},
    p.InteractionType.MESSAGE_COMPONENT: {4, 5, 6, 7, 9, 10, 12},
    p.InteractionType.AUTOCOMPLETE: {8},
    p.InteractionType.MODAL_SUBMIT: {4, 5, 6, 7, 10, 12},
}

_FILES_FIELD_RE = re.compile(r"^files\[(\d+)\]$")
_CALLBACK_ROUTE = "POST /interactions/{interaction_id}/{interaction_token}/callback"


class _Default(enum.Enum):
    """Sentinel type: lets ``guild_id=None`` mean "a DM" while the default means
    "the fake's first guild"."""

    GUILD = enum.auto()


DEFAULT_GUILD = _Default.GUILD


Handler = Callable[[RecordedRequest, "re.Match[str]"], Any]
#: Filled-in command options: Discord's list of option objects, or a ``{name: value}``
#: shortcut whose option types are inferred from the Python values.
Options = Sequence[Mapping[str, Any]] | Mapping[str, Any]


def _option_type(value: Any) -> int:
    if isinstance(value, bool):
        return p.OptionType.BOOLEAN
    if isinstance(value, int):
        return p.OptionType.INTEGER
    if isinstance(value, float):
        return p.OptionType.NUMBER
    return p.OptionType.STRING


def _normalize_options(options: Options) -> list[dict[str, Any]]:
    if isinstance(options, Mapping):
        return [p.option(name, value, _option_type(value)) for name, value in options.items()]
    return copy.deepcopy([dict(o) for o in options])


def _leaf_options(options: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The value-carrying options, below any sub-command (group) wrappers."""
    for opt in options:
        if opt.get("type") in (p.OptionType.SUB_COMMAND, p.OptionType.SUB_COMMAND_GROUP):
            return _leaf_options(opt.setdefault("options", []))
    return options


def _json_response(data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> web.Response:
    # discord.py parses a body as JSON only if Content-Type is *exactly*
    # "application/json"; aiohttp's json_response appends "; charset=utf-8".
    all_headers = {"Content-Type": "application/json", "Via": "1.1 google"}
    if headers:
        all_headers.update(headers)
    return web.Response(body=json.dumps(data).encode(), status=status, headers=all_headers)


def _error(status: int, code: int, message: str, errors: Mapping[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"message": message, "code": code}
    if errors:
        body["errors"] = dict(errors)
    return _json_response(body, status)


def _api_error(err: v.ApiError) -> web.Response:
    return _json_response(err.body(), err.status)


def _no_content() -> web.Response:
    return web.Response(status=204, headers={"Via": "1.1 google"})


#: Every FakeDiscord created since the list was last cleared. The pytest plugin clears it per
#: test and fails a test whose fakes saw a spec violation. Strong references on purpose: a fake
#: made inside a test body may be garbage by the time the test has returned.
CREATED: list[FakeDiscord] = []


class FakeDiscord:
    """Fake Discord HTTP API v10 + gateway on 127.0.0.1.

    State is plain and inspectable (``requests``, ``sessions``, ``messages``,
    ``interactions``...) so tests assert on what the bot did rather than on mocks. All ids
    inside payloads are strings, as on the wire; ids taken as arguments may be int or str.
    """

    def __init__(
        self,
        *,
        app_id: int = p.DEFAULT_APP_ID,
        bot_user_id: int | None = None,
        bot_name: str = "FactBot",
        guilds: Sequence[Mapping[str, Any]] | None = None,
        default_user: Mapping[str, Any] | None = None,
        owner: Mapping[str, Any] | None = None,
        token: str | None = None,
        shard_count: int = 1,
        strict: bool = True,
        callback_deadline: float | None = CALLBACK_DEADLINE,
        heartbeat_interval_ms: int = HEARTBEAT_INTERVAL_MS,
    ) -> None:
        """
        ``token``: if set, REST calls and IDENTIFY must use it (else 401 / close 4004);
        by default any token is accepted. ``shard_count`` is what ``GET /gateway/bot``
        recommends. ``strict`` refuses bodies Discord would refuse (its OpenAPI spec, plus
        content totals, choice values, command names...); with ``strict=False`` they are
        answered as if valid, but still recorded in ``spec_violations`` (so a test using it
        still fails unless marked ``spec_violations_expected``). ``callback_deadline``:
        callbacks arriving later than this many seconds after the event get Discord's 404
        "Unknown interaction" (None disables it).
        """
        self.app_id = int(app_id)
        self.bot_user = p.bot_user(bot_user_id if bot_user_id is not None else self.app_id, bot_name)
        self.owner = dict(owner) if owner is not None else p.user(p.OWNER_USER_ID, "owner")
        self.user = dict(default_user) if default_user is not None else p.user(p.DEFAULT_USER_ID, "tester")
        if guilds is None:
            guilds = p.default_guilds(self.bot_user, [self.user, self.owner])
        self.guilds: list[dict[str, Any]] = [dict(g) for g in guilds]
        self.token = token
        self.shard_count = shard_count
        self.strict = strict
        self.callback_deadline = callback_deadline
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.application: dict[str, Any] = {
            "id": str(self.app_id),
            "name": bot_name,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "hook": True,
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": secrets.token_hex(32),
            "flags": 0,
            "owner": self.owner,
            "team": None,
            "rpc_origins": [],
            "tags": [],
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "role_connections_verification_url": None,
            "install_params": None,
            "integration_types_config": {"0": {}},
            "approximate_guild_count": len(self.guilds),
            "bot": self.bot_user,
        }

        #: Every HTTP request, in arrival order.
        self.requests: list[RecordedRequest] = []
        #: Requests that matched no route (answered 404): usually a bug or a missing route.
        self.unhandled: list[RecordedRequest] = []
        #: Exceptions raised inside the fake's own handlers (answered 500).
        self.errors: list[BaseException] = []
        self.connections: list[GatewayConnection] = []
        self.sessions: list[GatewaySession] = []
        self.identify_count = 0
        self.resume_count = 0
        #: Presence updates (op 3) the bot sent.
        self.presence_updates: list[dict[str, Any]] = []
        #: Every message object the fake created, by id (interaction responses, followups,
        #: channel messages). Edits are applied in place.
        self.messages: dict[int, dict[str, Any]] = {}
        self.interactions: list[FakeInteraction] = []
        #: Request bodies real Discord would refuse (see :class:`SpecViolation`).
        self.spec_violations: list[SpecViolation] = []

        self._commands: dict[int | None, list[dict[str, Any]]] = {}
        self._put_counts: Counter[int | None] = Counter()
        self._faults: list[FaultRule] = []
        self._interactions_by_id: dict[int, FakeInteraction] = {}
        self._interactions_by_token: dict[str, FakeInteraction] = {}
        self._dm_channels: dict[int, dict[str, Any]] = {}
        self._group_dm_channels: dict[int, dict[str, Any]] = {}
        self._current: dict[int, GatewaySession] = {}
        self._signal = StateSignal()
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._routes: list[tuple[str, re.Pattern[str], Handler, bool]] = []
        self._build_routes()
        CREATED.append(self)

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> None:
        """Bind 127.0.0.1 on a free port and start serving."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._handle_api)
        for path in ("/gateway", "/gateway/", "/resume-gateway", "/resume-gateway/"):
            app.router.add_get(path, self._handle_gateway)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        # discord.py opens one connection per concurrent request (TCPConnector(limit=0)); a
        # burst that overflows the accept queue stalls ~1 s per SYN retransmit, which would
        # look like a slow bot. 5,000 at once overflowed 1,024 while this process was busy
        # (the kernel caps it at net.core.somaxconn, 4,096 here).
        site = web.TCPSite(self._runner, "127.0.0.1", 0, backlog=8192)
        await site.start()
        self._port = int(self._runner.addresses[0][1])
        log.debug("fake discord listening on port %s", self._port)

    async def stop(self) -> None:
        """Close every websocket and the HTTP server."""
        for conn in self.connections:
            if not conn.ws.closed:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(conn.ws.close(code=1001, message=b"fake shutting down"), 2.0)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FakeDiscord is not started")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        """``http://127.0.0.1:PORT/api/v10`` (the value for ``discord.http.Route.BASE``)."""
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        """``ws://127.0.0.1:PORT/gateway`` (what a plain Client connects to)."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    @property
    def resume_gateway_url(self) -> str:
        """Sent as READY's ``resume_gateway_url``; a distinct path proves the bot resumes
        where Discord tells it to."""
        return f"ws://127.0.0.1:{self.port}/resume-gateway"

    @contextlib.contextmanager
    def patch_discord(self) -> Iterator[FakeDiscord]:
        """Point discord.py's REST base and default gateway at this fake (restored on exit).

        A plain Client never asks ``/gateway/bot``: it connects to the hard-coded
        ``DiscordWebSocket.DEFAULT_GATEWAY`` (AutoShardedClient without ``shard_count``
        asks ``/gateway/bot``). RESUMEs go to READY's ``resume_gateway_url``.
        """
        import discord.gateway
        import discord.http

        old_base = discord.http.Route.BASE
        old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
        discord.http.Route.BASE = self.api_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        try:
            yield self
        finally:
            discord.http.Route.BASE = old_base
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway

    # ------------------------------------------------------------------ conveniences
    @property
    def guild_id(self) -> int:
        """The first guild's id (the default for ``send_*``)."""
        return int(self.guilds[0]["id"])

    @property
    def channel_id(self) -> int:
        """The first text channel of the first guild."""
        return int(self._default_channel(self.guilds[0])["id"])

    def guild(self, guild_id: int | str | None = None) -> dict[str, Any]:
        """The guild payload (first guild by default)."""
        if guild_id is None:
            return self.guilds[0]
        found = self._find_guild(guild_id)
        if found is None:
            raise KeyError(f"unknown guild {guild_id}")
        return found

    def commands(self, guild_id: int | str | None = None) -> list[dict[str, Any]]:
        """Registered application commands (global, or for ``guild_id``), as stored by
        Discord (ids assigned)."""
        key = None if guild_id is None else int(guild_id)
        return [dict(c) for c in self._commands.get(key, [])]

    def put_count(self, guild_id: int | str | None = None) -> int:
        """How many bulk overwrites (PUT) of the global / guild command list happened."""
        return self._put_counts[None if guild_id is None else int(guild_id)]

    def find_requests(self, method: str | None = None, path_regex: str | None = None) -> list[RecordedRequest]:
        """Recorded requests filtered by method ("*"/None = any) and ``re.search`` on path."""
        return [r for r in self.requests if r.matches(method, path_regex)]

    def clear_requests(self) -> None:
        """Forget recorded requests (e.g. the login/sync noise) before the part under test."""
        self.requests.clear()
        self.unhandled.clear()

    def assert_no_spec_violations(self) -> None:
        """Fail if the bot sent any body real Discord would refuse."""
        if self.spec_violations:
            raise AssertionError("bodies Discord would refuse: " + " | ".join(map(str, self.spec_violations)))

    def assert_no_unhandled(self) -> None:
        """Fail if the bot called a route the fake does not know (or the fake crashed)."""
        problems = [f"{r.method} {r.path}" for r in self.unhandled] + [repr(e) for e in self.errors]
        if problems:
            raise AssertionError("unexpected Discord API usage: " + ", ".join(problems))

    async def wait_for_request(
        self, method: str | None, path_regex: str | None, *, count: int = 1, timeout: float = 3.0
    ) -> list[RecordedRequest]:
        """Wait until ``count`` matching requests were *answered*; return all matches."""

        def ready() -> list[RecordedRequest] | None:
            found = [r for r in self.find_requests(method, path_regex) if r.status is not None]
            return found if len(found) >= count else None

        return await self._signal.wait_for(ready, timeout, f"{count}x {method} {path_regex}")

    def forget_interactions(self) -> None:
        """Drop the records of every interaction so far: its messages, requests and lookups.

        For a benchmark between bursts: thousands of finished interactions kept alive
        make every full garbage collection in this process longer, and a collection
        here stalls the fake (and every latency it measures) mid-burst.
        """
        # A response or follow-up carries the interaction it answers; other messages stay.
        for message_id in [i for i, m in self.messages.items() if "interaction_metadata" in m]:
            del self.messages[message_id]
        self.interactions.clear()
        self.requests.clear()
        self._interactions_by_id.clear()
        self._interactions_by_token.clear()

    async def wait_until_identified(self, timeout: float = 5.0, *, count: int = 1) -> GatewaySession:
        """Wait until ``count`` sessions in total have IDENTIFYed and been sent READY and
        their GUILD_CREATEs. Returns the newest session.

        Do not wait for the bot's ``on_ready``: discord.py delays it by
        ``guild_ready_timeout`` (2 s) after the last GUILD_CREATE, yet it handles
        interactions immediately.
        """
        await self._signal.wait_for(
            lambda: sum(s.ready for s in self.sessions) >= count, timeout, f"{count} identified session(s)"
        )
        return [s for s in self.sessions if s.ready][-1]

    async def wait_until_resumed(self, timeout: float = 5.0, *, count: int = 1) -> None:
        """Wait until ``count`` RESUMEs in total were accepted."""
        await self._signal.wait_for(lambda: self.resume_count >= count, timeout, f"{count} resume(s)")

    # ------------------------------------------------------------------ faults
    def fail_next(
        self,
        method: str,
        path_regex: str,
        status: int = 429,
        retry_after: float = 0.5,
        *,
        times: int = 1,
        is_global: bool = False,
        scope: str = "user",
        body: Mapping[str, Any] | None = None,
    ) -> FaultRule:
        """Answer the next ``times`` requests matching ``method`` ("*" = any) and
        ``path_regex`` (``re.search`` on the API-relative path) with ``status``.

        429s carry everything discord.py needs to *retry* rather than treat it as a
        Cloudflare ban: a ``Via`` header, a JSON body with ``retry_after``, and the
        X-RateLimit-* headers. Note discord.py retries 500/502/504/524 itself after
        1 s, 3 s, ... (webhook/interaction routes: any 5xx), up to 5 attempts.
        """
        rule = FaultRule(
            method=method.upper(),
            pattern=re.compile(path_regex),
            status=status,
            retry_after=retry_after,
            remaining=times,
            is_global=is_global,
            scope="global" if is_global else scope,
            body=body,
        )
        self._faults.append(rule)
        return rule

    def _fault_response(self, rule: FaultRule) -> web.Response:
        if rule.status == 429:
            retry_after = rule.retry_after
            headers = {
                "Retry-After": str(max(1, math.ceil(retry_after))),
                "X-RateLimit-Limit": "5",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
                "X-RateLimit-Reset-After": f"{retry_after:.3f}",
                "X-RateLimit-Bucket": "fakebucket" + secrets.token_hex(4),
                "X-RateLimit-Scope": rule.scope,
            }
            if rule.is_global:
                headers["X-RateLimit-Global"] = "true"
            body = (
                dict(rule.body)
                if rule.body is not None
                else {
                    "message": "You are being rate limited.",
                    "retry_after": retry_after,
                    "global": rule.is_global,
                }
            )
            return _json_response(body, 429, headers)
        try:
            reason = HTTPStatus(rule.status).phrase
        except ValueError:
            reason = "Error"
        body = dict(rule.body) if rule.body is not None else {"message": f"{rule.status}: {reason}", "code": 0}
        return _json_response(body, rule.status)

    # ------------------------------------------------------------------ gateway control
    async def drop_gateway(self, code: int = 4000, *, shard_id: int | None = None) -> None:
        """Close the live websocket(s) with ``code``; discord.py reconnects and RESUMEs
        (for codes it considers resumable). Events sent before it is back are replayed."""
        for session in self._target_sessions(shard_id):
            conn = session.connection
            session.connection = None
            if conn is not None and not conn.ws.closed:
                conn.closed_by_server = code
                await conn.ws.close(code=code, message=b"fake drop")
        self._signal.notify()

    async def invalid_session(self, resumable: bool = False, *, shard_id: int | None = None) -> None:
        """Send op 9. With ``resumable=False`` the session is forgotten: discord.py closes
        (1000), reconnects and IDENTIFYs again after its ``before_identify_hook`` (5 s
        sleep by default for non-initial identifies). A plain Client reconnects to the URL
        it last *resumed* on, or ``DEFAULT_GATEWAY`` if it never resumed. With
        ``resumable=True`` it RESUMEs instead."""
        for session in self._target_sessions(shard_id):
            if not resumable:
                session.invalidated = True
                self._current.pop(session.shard_id, None)
            if session.connection is not None:
                await self._send_raw(session.connection, {"op": 9, "d": resumable, "s": None, "t": None})
        self._signal.notify()

    async def request_reconnect(self, *, shard_id: int | None = None) -> None:
        """Send op 7 RECONNECT; discord.py closes and RESUMEs."""
        for session in self._target_sessions(shard_id):
            if session.connection is not None:
                await self._send_raw(session.connection, {"op": 7, "d": None, "s": None, "t": None})

    def _target_sessions(self, shard_id: int | None) -> list[GatewaySession]:
        if shard_id is not None:
            session = self._current.get(shard_id)
            return [session] if session is not None else []
        return list(self._current.values())

    async def dispatch(
        self, event: str, data: Mapping[str, Any], *, guild_id: int | str | None = None, timeout: float = 5.0
    ) -> GatewaySession:
        """Send a DISPATCH event to the session owning ``guild_id`` (shard routing as
        Discord does: ``(guild_id >> 22) % shard_count``; DMs go to shard 0). Waits for a
        session to exist; if it is between connections the event is buffered for RESUME."""

        def pick() -> GatewaySession | None:
            return self._session_for(guild_id)

        session = await self._signal.wait_for(pick, timeout, "an identified gateway session")
        await self._send_dispatch(session, event, dict(data))
        return session

    def _session_for(self, guild_id: int | str | None) -> GatewaySession | None:
        if not self._current:
            return None
        any_session = next(iter(self._current.values()))
        count = any_session.shard[1] if any_session.shard else 1
        shard = 0 if guild_id is None else (int(guild_id) >> 22) % count
        session = self._current.get(shard)
        return session if session is not None and session.ready else None

    # ------------------------------------------------------------------ interactions
    async def send_slash(
        self,
        name: str,
        options: Options | None = None,
        *,
        user: Mapping[str, Any] | None = None,
        guild_id: int | str | _Default | None = DEFAULT_GUILD,
        channel_id: int | str | None = None,
        permissions: int | str | Any | None = None,
        roles: Sequence[int | str] = (),
        member: Mapping[str, Any] | None = None,
        resolved: Mapping[str, Any] | None = None,
        locale: str = "en-US",
        app_permissions: int | str | Any | None = None,
        command_id: int | str | None = None,
        context: int | None = None,
        integration_owners: Mapping[str, str] | None = None,
        timeout: float = 5.0,
        age: float = 0.0,
    ) -> FakeInteraction:
        """Send a chat-input command interaction (type 2).

        ``options`` are the filled-in options as Discord sends them; for sub-commands
        nest them: ``[{"type": 1, "name": "add", "options": [...]}]``. The command id is
        looked up among the commands the bot registered (guild scope first, then
        global); pass ``command_id`` to skip that (raises ``LookupError`` otherwise,
        because Discord never sends an unregistered command). ``guild_id=None`` sends a
        DM interaction. ``age``: the interaction was created that many seconds before it is
        sent (its snowflake id says so), and Discord's deadline counts from its creation.
        ``context`` (0 guild, 1 bot DM, 2 group DM) and ``integration_owners`` (Discord's
        ``authorizing_integration_owners``: ``{"0": guild id}`` for a server install,
        ``{"1": user id}`` for a user install) say where and by whose install it runs; every
        ``send_*`` takes them. Without them: a server install, in the guild or the bot's DM.
        """
        data = self._command_data(name, options, guild_id, command_type=1, command_id=command_id)
        if resolved:
            data["resolved"] = dict(resolved)
        return await self._send_interaction(
            p.InteractionType.APPLICATION_COMMAND,
            data,
            user=user,
            guild_id=guild_id,
            channel_id=channel_id,
            permissions=permissions,
            roles=roles,
            member=member,
            locale=locale,
            app_permissions=app_permissions,
            context=context,
            integration_owners=integration_owners,
            timeout=timeout,
            age=age,
        )

    async def send_autocomplete(
        self,
        name: str,
        options: Options,
        *,
        focused: str | None = None,
        user: Mapping[str, Any] | None = None,
        guild_id: int | str | _Default | None = DEFAULT_GUILD,
        channel_id: int | str | None = None,
        permissions: int | str | Any | None = None,
        roles: Sequence[int | str] = (),
        member: Mapping[str, Any] | None = None,
        locale: str = "en-US",
        command_id: int | str | None = None,
        context: int | None = None,
        integration_owners: Mapping[str, str] | None = None,
        timeout: float = 5.0,
    ) -> FakeInteraction:
        """Send an autocomplete interaction (type 4); mark one option ``"focused": True``
        (its value is what the user has typed so far)."""
        option_list = _normalize_options(options)
        if focused is not None:
            for opt in _leaf_options(option_list):
                if opt["name"] == focused:
                    opt["focused"] = True
        if not any(opt.get("focused") for opt in _leaf_options(option_list)):
            raise ValueError("autocomplete needs a focused option: pass focused=<option name>")
        data = self._command_data(name, option_list, guild_id, command_type=1, command_id=command_id)
        return await self._send_interaction(
            p.InteractionType.AUTOCOMPLETE,
            data,
            user=user,
            guild_id=guild_id,
            channel_id=channel_id,
            permissions=permissions,
            roles=roles,
            member=member,
            locale=locale,
            context=context,
            integration_owners=integration_owners,
            timeout=timeout,
        )

    async def send_context_menu(
        self,
        name: str,
        *,
        target_id: int | str,
        resolved: Mapping[str, Any],
        command_type: int = 3,
        user: Mapping[str, Any] | None = None,
        guild_id: int | str | _Default | None = DEFAULT_GUILD,
        channel_id: int | str | None = None,
        permissions: int | str | Any | None = None,
        roles: Sequence[int | str] = (),
        member: Mapping[str, Any] | None = None,
        command_id: int | str | None = None,
        context: int | None = None,
        integration_owners: Mapping[str, str] | None = None,
        timeout: float = 5.0,
    ) -> FakeInteraction:
        """Send a user (``command_type=2``) or message (3) context-menu command;
        ``resolved`` must contain the target (see :func:`payloads.resolved`)."""
        data = self._command_data(name, None, guild_id, command_type=command_type, command_id=command_id)
        data["target_id"] = str(int(target_id))
        data["resolved"] = dict(resolved)
        return await self._send_interaction(
            p.InteractionType.APPLICATION_COMMAND,
            data,
            user=user,
            guild_id=guild_id,
            channel_id=channel_id,
            permissions=permissions,
            roles=roles,
            member=member,
            context=context,
            integration_owners=integration_owners,
            timeout=timeout,
        )

    async def send_component(
        self,
        custom_id: str,
        *,
        message: Mapping[str, Any] | FakeInteraction,
        component_type: int = p.ComponentType.BUTTON,
        values: Sequence[str] | None = None,
        resolved: Mapping[str, Any] | None = None,
        user: Mapping[str, Any] | None = None,
        guild_id: int | str | _Default | None = DEFAULT_GUILD,
        channel_id: int | str | None = None,
        permissions: int | str | Any | None = None,
        roles: Sequence[int | str] = (),
        member: Mapping[str, Any] | None = None,
        locale: str = "en-US",
        context: int | None = None,
        integration_owners: Mapping[str, str] | None = None,
        timeout: float = 5.0,
    ) -> FakeInteraction:
        """Send a component interaction (type 3): a click on ``custom_id`` in ``message``.

        ``message`` is a message dict the bot sent (e.g. ``ix.final_message()``) or the
        :class:`FakeInteraction` whose response carries the component; the fake uses its
        stored, up-to-date copy. discord.py routes the click to the View stored for that
        message id. Selects: pass ``values`` (and ``component_type``).
        """
        msg = self._resolve_message(message)
        guild_id = self._guild_of_message(msg, guild_id)
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            data["values"] = list(values)
        if resolved:
            data["resolved"] = dict(resolved)
        if channel_id is None and msg.get("channel_id"):
            channel_id = msg["channel_id"]
        ix = await self._send_interaction(
            p.InteractionType.MESSAGE_COMPONENT,
            data,
            user=user,
            guild_id=guild_id,
            channel_id=channel_id,
            permissions=permissions,
            roles=roles,
            member=member,
            locale=locale,
            message=msg,
            context=context,
            integration_owners=integration_owners,
            timeout=timeout,
        )
        return ix

    async def send_modal_submit(
        self,
        custom_id: str,
        components: Sequence[Mapping[str, Any]] | None = None,
        *,
        values: Mapping[str, str] | None = None,
        message: Mapping[str, Any] | FakeInteraction | None = None,
        user: Mapping[str, Any] | None = None,
        guild_id: int | str | _Default | None = DEFAULT_GUILD,
        channel_id: int | str | None = None,
        permissions: int | str | Any | None = None,
        roles: Sequence[int | str] = (),
        member: Mapping[str, Any] | None = None,
        locale: str = "en-US",
        context: int | None = None,
        integration_owners: Mapping[str, str] | None = None,
        timeout: float = 5.0,
    ) -> FakeInteraction:
        """Send a modal submit (type 5) for the modal ``custom_id``.

        Give either raw ``components`` (action rows / labels as Discord sends them) or
        ``values={text_input_custom_id: text}``. ``message`` is set when the modal was
        opened from a component (then type 6/7 responses are allowed).
        """
        if components is None:
            components = p.modal_components(values or {})
        data: dict[str, Any] = {"custom_id": custom_id, "components": [dict(c) for c in components]}
        msg = None if message is None else self._resolve_message(message)
        if msg is not None:
            guild_id = self._guild_of_message(msg, guild_id)
        return await self._send_interaction(
            p.InteractionType.MODAL_SUBMIT,
            data,
            user=user,
            guild_id=guild_id,
            channel_id=channel_id,
            permissions=permissions,
            roles=roles,
            member=member,
            locale=locale,
            message=msg,
            context=context,
            integration_owners=integration_owners,
            timeout=timeout,
        )

    def _guild_of_message(
        self, message: Mapping[str, Any], guild_id: int | str | _Default | None
    ) -> int | str | _Default | None:
        """An interaction on a message happens where the message is: its guild, or a DM."""
        if guild_id is not DEFAULT_GUILD:
            return guild_id
        if message.get("guild_id"):
            return message["guild_id"]
        channel = self._find_channel(message["channel_id"])
        return guild_id if channel is None else channel.get("guild_id")

    def _resolve_message(self, message: Mapping[str, Any] | FakeInteraction) -> dict[str, Any]:
        if isinstance(message, FakeInteraction):
            found = message.message
            if found is None:
                raise ValueError(f"{message!r} has no response message")
            return dict(found)
        stored = self.messages.get(int(message["id"]))
        return dict(stored if stored is not None else message)

    def _command_data(
        self,
        name: str,
        options: Options | None,
        guild_id: int | str | _Default | None,
        *,
        command_type: int,
        command_id: int | str | None,
    ) -> dict[str, Any]:
        gid = self.guild_id if guild_id is DEFAULT_GUILD else guild_id
        data: dict[str, Any] = {"name": name, "type": command_type}
        if command_id is not None:
            data["id"] = str(int(command_id))
        else:
            found = None
            if gid is not None:
                found = self._find_command(int(gid), name, command_type)
            if found is None:
                found = self._find_command(None, name, command_type)
            if found is None:
                registered = {k: [c["name"] for c in v] for k, v in self._commands.items()}
                raise LookupError(
                    f"command {name!r} (type {command_type}) is not registered for guild {gid} "
                    f"or globally (registered: {registered}); did the bot sync? pass command_id= to bypass"
                )
            data["id"] = found["id"]
            if "guild_id" in found:
                data["guild_id"] = found["guild_id"]
        if options:
            data["options"] = _normalize_options(options)
        return data

    def _find_command(self, guild_id: int | None, name: str, command_type: int) -> dict[str, Any] | None:
        for command in self._commands.get(guild_id, []):
            if command["name"] == name and command.get("type", 1) == command_type:
                return command
        return None

    def _member_permissions(self, guild: Mapping[str, Any], user_id: int, roles: Sequence[int | str]) -> int:
        """Base permissions as Discord computes them (channel overwrites ignored)."""
        if int(guild["owner_id"]) == user_id:
            return p.ALL_PERMISSIONS
        role_perms = {int(r["id"]): int(r["permissions"]) for r in guild.get("roles", [])}
        value = role_perms.get(int(guild["id"]), 0)
        for role_id in roles:
            value |= role_perms.get(int(role_id), 0)
        return p.ALL_PERMISSIONS if value & p.ADMINISTRATOR else value

    async def _send_interaction(
        self,
        type: int,
        data: dict[str, Any],
        *,
        user: Mapping[str, Any] | None,
        guild_id: int | str | _Default | None,
        channel_id: int | str | None,
        permissions: int | str | Any | None,
        roles: Sequence[int | str],
        member: Mapping[str, Any] | None = None,
        locale: str = "en-US",
        app_permissions: int | str | Any | None = None,
        message: Mapping[str, Any] | None = None,
        context: int | None = None,
        integration_owners: Mapping[str, str] | None = None,
        timeout: float = 5.0,
        age: float = 0.0,
    ) -> FakeInteraction:
        user = dict(user) if user is not None else dict(self.user)
        gid = self.guild_id if guild_id is DEFAULT_GUILD else guild_id
        if gid is None:
            # Context 2 (PRIVATE_CHANNEL): a user-installed command in a group DM; else the bot's DM.
            channel = self._group_dm_channel(user) if context == 2 else self._dm_channel(user)
            member_payload = None
            guild_locale = locale
        else:
            guild = self.guild(gid)
            channel = self._channel_for_interaction(guild, channel_id)
            guild_locale = guild.get("preferred_locale", "en-US")
            if member is not None:
                member_payload = dict(member)
                member_payload.setdefault("user", user)
                if "permissions" not in member_payload:
                    perms = self._member_permissions(guild, int(member_payload["user"]["id"]), member_payload["roles"])
                    member_payload["permissions"] = p.perm_str(perms)
            else:
                if permissions is None:
                    permissions = self._member_permissions(guild, int(user["id"]), roles)
                member_payload = p.member(user, roles=roles, permissions=permissions)
            channel["permissions"] = member_payload["permissions"]
        payload = p.interaction(
            id=p.aged_snowflake(age) if age else p.snowflake(),
            token=self._new_token(),
            type=type,
            application_id=self.app_id,
            data=data,
            channel=channel,
            user=user,
            guild_id=gid,
            member=member_payload,
            app_permissions=app_permissions if app_permissions is not None else p.DEFAULT_BOT_PERMISSIONS,
            locale=locale,
            guild_locale=guild_locale,
            message=message,
            context=context,
            authorizing_integration_owners=integration_owners,
        )
        ix = FakeInteraction(payload, signal=self._signal, messages=self.messages)
        ix.age = age
        if message is not None:
            # Components live on this message; type 6/7 responses (and @original) refer to it.
            stored = self.messages.setdefault(int(message["id"]), dict(message))
            ix.original_message_id = int(stored["id"])
        self.interactions.append(ix)
        self._interactions_by_id[ix.id] = ix
        self._interactions_by_token[ix.token] = ix
        await self.dispatch("INTERACTION_CREATE", payload, guild_id=gid, timeout=timeout)
        return ix

    def _new_token(self) -> str:
        # Real tokens are long url-safe strings; discord.py url-quotes them into paths.
        return "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48)

    def _dm_channel(self, user: Mapping[str, Any]) -> dict[str, Any]:
        uid = int(user["id"])
        if uid not in self._dm_channels:
            self._dm_channels[uid] = p.dm_channel(p.snowflake(), user)
        return dict(self._dm_channels[uid])

    def _group_dm_channel(self, user: Mapping[str, Any]) -> dict[str, Any]:
        """A group DM (type 3) of the user and a friend; the bot is no member of it."""
        uid = int(user["id"])
        if uid not in self._group_dm_channels:
            friend = p.user(p.snowflake(), "friend")
            self._group_dm_channels[uid] = p.group_dm_channel(p.snowflake(), [user, friend], owner_id=uid)
        return dict(self._group_dm_channels[uid])

    @staticmethod
    def _default_channel(guild: Mapping[str, Any]) -> Mapping[str, Any]:
        for channel in guild.get("channels", []):
            if channel.get("type") == p.ChannelType.GUILD_TEXT:
                return channel
        raise ValueError(f"guild {guild['id']} has no text channel")

    def _channel_for_interaction(self, guild: Mapping[str, Any], channel_id: int | str | None) -> dict[str, Any]:
        if channel_id is None:
            channel = dict(self._default_channel(guild))
        else:
            found = next((c for c in guild.get("channels", []) if int(c["id"]) == int(channel_id)), None)
            channel = dict(found) if found else p.text_channel(channel_id, guild["id"], "unknown-channel")
        channel["guild_id"] = str(guild["id"])
        return channel

    def _find_guild(self, guild_id: int | str) -> dict[str, Any] | None:
        return next((g for g in self.guilds if int(g["id"]) == int(guild_id)), None)

    def _find_channel(self, channel_id: int | str) -> dict[str, Any] | None:
        cid = int(channel_id)
        for guild in self.guilds:
            for channel in guild.get("channels", []):
                if int(channel["id"]) == cid:
                    return {**channel, "guild_id": str(guild["id"])}
        for channel in (*self._dm_channels.values(), *self._group_dm_channels.values()):
            if int(channel["id"]) == cid:
                return dict(channel)
        return None

    def _known_users(self) -> dict[int, dict[str, Any]]:
        users = {int(self.bot_user["id"]): self.bot_user, int(self.owner["id"]): self.owner}
        users[int(self.user["id"])] = self.user
        for guild in self.guilds:
            for m in guild.get("members", []):
                users.setdefault(int(m["user"]["id"]), m["user"])
        return users

    # ------------------------------------------------------------------ gateway server
    async def _handle_gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(heartbeat=None, max_msg_size=0, autoping=True)
        await ws.prepare(request)
        loop = asyncio.get_running_loop()
        conn = GatewayConnection(path=request.path, query=dict(request.query), opened_at=loop.time(), ws=ws)
        self.connections.append(conn)
        log.debug("gateway connection opened on %s?%s", request.path, request.query_string)
        try:
            await self._send_raw(
                conn,
                {
                    "op": 10,
                    "d": {"heartbeat_interval": self.heartbeat_interval_ms, "_trace": ["fakediscord"]},
                    "s": None,
                    "t": None,
                },
            )
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    await self._on_gateway_frame(conn, json.loads(msg.data))
                elif msg.type == WSMsgType.ERROR:
                    log.debug("gateway connection error: %s", ws.exception())
                    break
        except Exception as exc:  # a bug in the fake must be visible, not a hang
            log.exception("fake gateway handler crashed")
            self.errors.append(exc)
            with contextlib.suppress(Exception):
                await ws.close(code=4000)
        finally:
            conn.closed_at = loop.time()
            conn.close_code = ws.close_code
            session = conn.session
            if session is not None and session.connection is conn:
                session.connection = None
            self._signal.notify()
            log.debug("gateway connection closed with %s", ws.close_code)
        return ws

    async def _close(self, conn: GatewayConnection, code: int, reason: str) -> None:
        conn.closed_by_server = code
        await conn.ws.close(code=code, message=reason.encode())

    async def _send_raw(self, conn: GatewayConnection, frame: Mapping[str, Any]) -> bool:
        async with conn.write_lock:
            if conn.ws.closed:
                return False
            try:
                await conn.ws.send_str(json.dumps(frame))
            except (ConnectionError, RuntimeError) as exc:
                log.debug("gateway send failed (%s); the frame stays queued for RESUME", exc)
                return False
            return True

    async def _send_dispatch(self, session: GatewaySession, event: str, data: dict[str, Any]) -> None:
        async with session.lock:
            await self._send_dispatch_locked(session, event, data)

    async def _send_dispatch_locked(self, session: GatewaySession, event: str, data: dict[str, Any]) -> None:
        session.seq += 1
        frame = {"op": 0, "t": event, "s": session.seq, "d": data}
        session.events.append(frame)
        if event == "INTERACTION_CREATE":
            ix = self._interactions_by_id.get(int(data["id"]))
            if ix is not None and ix.sent_at is None:
                ix.sent_at = asyncio.get_running_loop().time()
        if session.connection is not None:
            await self._send_raw(session.connection, frame)

    async def _on_gateway_frame(self, conn: GatewayConnection, frame: dict[str, Any]) -> None:
        conn.received.append(frame)
        op = frame.get("op")
        data = frame.get("d")
        if op == 1:
            conn.heartbeats += 1
            await self._send_raw(conn, {"op": 11, "d": None, "s": None, "t": None})
        elif op == 2:
            await self._on_identify(conn, data or {})
        elif op == 6:
            await self._on_resume(conn, data or {})
        elif op == 3:
            self.presence_updates.append(data or {})
        elif op == 8:
            await self._on_request_members(conn, data or {})
        elif op == 4:
            log.debug("ignoring voice state update %s", data)
        else:
            log.warning("fake gateway got unknown op %s: %s", op, frame)
        self._signal.notify()

    async def _on_identify(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        self.identify_count += 1
        if self.token is not None and data.get("token") != self.token:
            await self._close(conn, 4004, "Authentication failed.")
            return
        if conn.session is not None:
            await self._close(conn, 4005, "Already authenticated.")
            return
        shard: tuple[int, int] | None = None
        if data.get("shard") is not None:
            shard = (int(data["shard"][0]), int(data["shard"][1]))
            if not 0 <= shard[0] < shard[1]:
                await self._close(conn, 4010, "Invalid shard.")
                return
        loop = asyncio.get_running_loop()
        session = GatewaySession(session_id=secrets.token_hex(16), shard=shard, identify=data, created_at=loop.time())
        previous = self._current.get(session.shard_id)
        if previous is not None:
            previous.invalidated = True
        self.sessions.append(session)
        conn.session = session
        session.connection = conn
        shard_count = shard[1] if shard else 1
        my_guilds = [g for g in self.guilds if (int(g["id"]) >> 22) % shard_count == session.shard_id]
        intents = data.get("intents")
        ready: dict[str, Any] = {
            "v": 10,
            "user": self.bot_user,
            "user_settings": {},
            "guilds": [{"id": g["id"], "unavailable": True} for g in my_guilds],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": self.resume_gateway_url,
            "application": {"id": str(self.app_id), "flags": self.application["flags"]},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "geo_ordered_rtc_regions": [],
            "guild_join_requests": [],
            "auth": {},
            "_trace": ["fakediscord"],
        }
        if shard is not None:
            ready["shard"] = list(shard)
        async with session.lock:
            await self._send_dispatch_locked(session, "READY", ready)
            if intents is None or intents & GUILDS_INTENT:
                for guild in my_guilds:
                    await self._send_dispatch_locked(session, "GUILD_CREATE", self._guild_create(guild, intents))
            session.ready = True
        self._current[session.shard_id] = session
        log.debug("session %s identified (shard %s)", session.session_id, shard)

    def _guild_create(self, guild: Mapping[str, Any], intents: int | None) -> dict[str, Any]:
        """GUILD_CREATE as the session's intents allow: without the privileged GUILD_MEMBERS
        intent Discord only includes the bot's own member (member_count stays the total)."""
        payload = dict(guild)
        if intents is not None and not intents & GUILD_MEMBERS_INTENT:
            payload["members"] = [m for m in guild.get("members", []) if m["user"]["id"] == self.bot_user["id"]]
        return payload

    async def _on_resume(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        session = next((s for s in self.sessions if s.session_id == data.get("session_id")), None)
        if session is None or session.invalidated or (self.token is not None and data.get("token") != self.token):
            await self._send_raw(conn, {"op": 9, "d": False, "s": None, "t": None})
            return
        client_seq = int(data.get("seq") or 0)
        async with session.lock:
            old = session.connection
            session.connection = conn
            conn.session = session
            if old is not None and old is not conn and not old.ws.closed:
                await old.ws.close(code=4000, message=b"session resumed elsewhere")
            for frame in session.events:
                if frame["s"] > client_seq:
                    session.replayed += 1
                    await self._send_raw(conn, frame)
            await self._send_dispatch_locked(session, "RESUMED", {"_trace": ["fakediscord"]})
        session.resumes += 1
        self.resume_count += 1
        log.debug("session %s resumed from seq %s", session.session_id, client_seq)

    async def _on_request_members(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        """Answer op 8 so bots with the members intent finish chunking instead of timing out."""
        session = conn.session
        guild = self._find_guild(data.get("guild_id", 0))
        if session is None or guild is None:
            return
        members = list(guild.get("members", []))
        user_ids = data.get("user_ids")
        if user_ids:
            wanted = {int(u) for u in ([user_ids] if isinstance(user_ids, (str, int)) else user_ids)}
            members = [m for m in members if int(m["user"]["id"]) in wanted]
        elif data.get("query"):
            query = str(data["query"]).lower()
            members = [m for m in members if m["user"]["username"].lower().startswith(query)]
        limit = int(data.get("limit") or 0)
        if limit:
            members = members[:limit]
        chunk: dict[str, Any] = {
            "guild_id": guild["id"],
            "members": members,
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if data.get("presences"):
            chunk["presences"] = []
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        await self._send_dispatch(session, "GUILD_MEMBERS_CHUNK", chunk)

    # ------------------------------------------------------------------ HTTP server
    def _build_routes(self) -> None:
        cmd_base = r"/applications/(?P<app_id>\d+)(?:/guilds/(?P<guild_id>\d+))?/commands"
        webhook_msg = r"/webhooks/(?P<app_id>\d+)/(?P<token>[^/]+)/messages/(?P<message_id>@original|\d+)"
        channel_msg = r"/channels/(?P<channel_id>\d+)/messages/(?P<message_id>\d+)"
        # (method, path regex, handler, requires bot auth)
        table: list[tuple[str, str, Handler, bool]] = [
            ("GET", r"/users/@me", self._get_me, True),
            ("POST", r"/users/@me/channels", self._create_dm, True),
            ("GET", r"/users/(?P<user_id>\d+)", self._get_user, True),
            ("GET", r"/oauth2/applications/@me", self._get_application, True),
            ("GET", r"/applications/@me", self._get_application, True),
            ("GET", r"/gateway", self._get_gateway, False),
            ("GET", r"/gateway/bot", self._get_gateway_bot, True),
            ("GET", cmd_base, self._list_commands, True),
            ("PUT", cmd_base, self._put_commands, True),
            ("POST", cmd_base, self._create_command, True),
            ("GET", cmd_base + r"/(?P<command_id>\d+)", self._get_command, True),
            ("PATCH", cmd_base + r"/(?P<command_id>\d+)", self._edit_command, True),
            ("DELETE", cmd_base + r"/(?P<command_id>\d+)", self._delete_command, True),
            ("GET", cmd_base + r"/permissions", self._list_command_permissions, True),
            ("POST", r"/interactions/(?P<interaction_id>\d+)/(?P<token>[^/]+)/callback", self._callback, False),
            ("POST", r"/webhooks/(?P<app_id>\d+)/(?P<token>[^/]+)", self._followup, False),
            ("GET", webhook_msg, self._get_webhook_message, False),
            ("PATCH", webhook_msg, self._edit_webhook_message, False),
            ("DELETE", webhook_msg, self._delete_webhook_message, False),
            ("POST", r"/channels/(?P<channel_id>\d+)/messages", self._create_channel_message, True),
            ("GET", channel_msg, self._get_channel_message, True),
            ("PATCH", channel_msg, self._edit_channel_message, True),
            ("DELETE", channel_msg, self._delete_channel_message, True),
            ("POST", r"/channels/(?P<channel_id>\d+)/typing", self._typing, True),
            ("GET", r"/channels/(?P<channel_id>\d+)", self._get_channel, True),
            ("GET", r"/guilds/(?P<guild_id>\d+)", self._get_guild, True),
            ("GET", r"/guilds/(?P<guild_id>\d+)/channels", self._get_guild_channels, True),
            ("GET", r"/guilds/(?P<guild_id>\d+)/roles", self._get_guild_roles, True),
            ("GET", r"/guilds/(?P<guild_id>\d+)/members/(?P<user_id>\d+)", self._get_member, True),
        ]
        self._routes = [(m, re.compile(rx), h, auth) for m, rx, h, auth in table]

    async def _record(self, request: web.Request) -> RecordedRequest:
        loop = asyncio.get_running_loop()
        path = request.path[len(API_PREFIX) :] or "/"
        rec = RecordedRequest(
            method=request.method,
            path=path,
            query=dict(request.query),
            json=None,
            headers=CIMultiDictProxy(CIMultiDict(request.headers)),
            time=loop.time(),
        )
        if request.content_type == "multipart/form-data":
            reader = await request.multipart()
            while True:
                part = await reader.next()
                if part is None:
                    break
                if not isinstance(part, BodyPartReader):  # nested multipart: not used by Discord
                    continue
                raw = bytes(await part.read(decode=False))
                if part.name == "payload_json":
                    rec.json = json.loads(raw)
                elif part.filename is not None:
                    rec.files.append((part.filename, raw))
                    index_match = _FILES_FIELD_RE.match(part.name or "")
                    index = int(index_match.group(1)) if index_match else len(rec.indexed_files)
                    rec.indexed_files[index] = (part.filename, raw)
        else:
            rec.body = await request.read()
            if rec.body and request.content_type == "application/json":
                rec.json = json.loads(rec.body)
        return rec

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        try:
            rec = await self._record(request)
        except Exception as exc:  # unparseable body: Discord answers 400 50109
            log.exception("fake discord could not parse %s %s", request.method, request.path)
            self.errors.append(exc)
            self._signal.notify()
            return _error(400, 50109, "The request body contains invalid JSON.")
        self.requests.append(rec)
        try:
            response = await self._respond(rec)
        except Exception as exc:
            log.exception("fake discord handler crashed on %s %s", rec.method, rec.path)
            self.errors.append(exc)
            response = _error(500, 0, "500: Internal Server Error")
        rec.status = response.status
        if response.body and response.content_type == "application/json":
            rec.response_json = json.loads(response.body)  # type: ignore[arg-type]
        self._signal.notify()
        return response

    async def _respond(self, rec: RecordedRequest) -> web.Response:
        for rule in self._faults:
            if rule.matches(rec):
                rule.remaining -= 1
                rule.hits.append(rec)
                log.debug("injecting %s on %s %s", rule.status, rec.method, rec.path)
                return self._fault_response(rule)
        for method, pattern, handler, needs_auth in self._routes:
            if method != rec.method:
                continue
            match = pattern.fullmatch(rec.path)
            if match is None:
                continue
            if needs_auth:
                auth = rec.headers.get("Authorization", "")
                if not auth.startswith("Bot ") or (self.token is not None and auth != f"Bot {self.token}"):
                    return _error(401, 0, "401: Unauthorized")
            refused = self._check_body(rec, match)
            return refused if refused is not None else await handler(rec, match)
        log.warning("fake discord: no route for %s %s", rec.method, rec.path)
        self.unhandled.append(rec)
        return _error(404, 0, "404: Not Found")

    # --- users / app / gateway -------------------------------------------------------
    async def _get_me(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        return _json_response(self.bot_user)

    async def _get_user(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        found = self._known_users().get(int(m["user_id"]))
        return _json_response(found) if found else _error(404, 10013, "Unknown User")

    async def _create_dm(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        recipient = self._known_users().get(int((rec.json or {}).get("recipient_id", 0)))
        if recipient is None:
            return _error(400, 50035, "Invalid Form Body", {"recipient_id": v.field_error("NUMBER_TYPE_COERCE", "bad")})
        return _json_response(self._dm_channel(recipient))

    async def _get_application(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        return _json_response(self.application)

    async def _get_gateway(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        return _json_response({"url": self.gateway_url})

    async def _get_gateway_bot(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        return _json_response(
            {
                "url": self.gateway_url,
                "shards": self.shard_count,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 1000 - self.identify_count,
                    "reset_after": 86_400_000,
                    "max_concurrency": 1,
                },
            }
        )

    # --- application commands ---------------------------------------------------------
    def _command_scope(self, m: re.Match[str]) -> tuple[int | None, web.Response | None]:
        if int(m["app_id"]) != self.app_id:
            return None, _error(403, 50001, "Missing Access")
        if m["guild_id"] is None:
            return None, None
        guild_id = int(m["guild_id"])
        if self._find_guild(guild_id) is None:
            return guild_id, _error(403, 50001, "Missing Access")
        return guild_id, None

    def _store_command(
        self, payload: Mapping[str, Any], guild_id: int | None, existing: Mapping[str, Any] | None
    ) -> dict[str, Any]:
        command: dict[str, Any] = {
            "id": existing["id"] if existing else str(p.snowflake()),
            "application_id": str(self.app_id),
            "version": str(p.snowflake()),
            "type": 1,
            "name_localizations": None,
            "description": "",
            "description_localizations": None,
            "default_member_permissions": None,
            "nsfw": False,
            "integration_types": [0],
            "contexts": None,
            "options": [],
        }
        if guild_id is None:
            command["dm_permission"] = True
        command.update({k: v for k, v in payload.items() if k not in ("id", "application_id", "version", "guild_id")})
        if guild_id is not None:
            command["guild_id"] = str(guild_id)
        return command

    async def _list_commands(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        guild_id, err = self._command_scope(m)
        return err or _json_response(self._commands.get(guild_id, []))

    async def _put_commands(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        guild_id, err = self._command_scope(m)
        if err:
            return err
        payload = rec.json
        if not isinstance(payload, list):
            return _error(
                400,
                50035,
                "Invalid Form Body",
                {"_errors": [{"code": "LIST_TYPE_CONVERT", "message": "Must be an array"}]},
            )
        old = self._commands.get(guild_id, [])
        new = []
        for command in payload:
            existing = next(
                (c for c in old if c["name"] == command.get("name") and c.get("type", 1) == command.get("type", 1)),
                None,
            )
            new.append(self._store_command(command, guild_id, existing))
        self._commands[guild_id] = new
        self._put_counts[guild_id] += 1
        return _json_response(new)

    async def _create_command(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        guild_id, err = self._command_scope(m)
        if err:
            return err
        payload = rec.json or {}
        commands = self._commands.setdefault(guild_id, [])
        for index, existing in enumerate(commands):
            if existing["name"] == payload.get("name") and existing.get("type", 1) == payload.get("type", 1):
                commands[index] = self._store_command(payload, guild_id, existing)
                return _json_response(commands[index], 200)
        command = self._store_command(payload, guild_id, None)
        commands.append(command)
        return _json_response(command, 201)

    def _command_by_id(self, guild_id: int | None, command_id: str) -> dict[str, Any] | None:
        return next((c for c in self._commands.get(guild_id, []) if c["id"] == command_id), None)

    async def _get_command(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        guild_id, err = self._command_scope(m)
        if err:
            return err
        command = self._command_by_id(guild_id, m["command_id"])
        return _json_response(command) if command else _error(404, 10063, "Unknown application command")

    async def _edit_command(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        guild_id, err = self._command_scope(m)
        if err:
            return err
        command = self._command_by_id(guild_id, m["command_id"])
        if command is None:
            return _error(404, 10063, "Unknown application command")
        merged = {**command, **(rec.json or {})}
        invalid = self._check_commands(rec, m, [merged])
        if invalid:
            return invalid
        command.update(self._store_command(merged, guild_id, command))
        return _json_response(command)

    async def _delete_command(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        guild_id, err = self._command_scope(m)
        if err:
            return err
        command = self._command_by_id(guild_id, m["command_id"])
        if command is None:
            return _error(404, 10063, "Unknown application command")
        self._commands[guild_id].remove(command)
        return _no_content()

    async def _list_command_permissions(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        _, err = self._command_scope(m)
        return err or _json_response([])

    # --- validation: the spec, then Discord's documented limits --------------------------
    def _check_body(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response | None:
        """Refuse (and record) a body real Discord would refuse, before any handler sees it."""
        has_body = rec.json is not None or bool(rec.body) or bool(rec.files)
        found = spec.check_request(rec.method, rec.path, rec.json if has_body else None, has_files=bool(rec.files))
        return None if found is None else self._refuse(rec, m, found.route, found.rule, found.error, found.problems)

    def _refuse(
        self,
        rec: RecordedRequest,
        m: re.Match[str],
        route: str,
        rule: str,
        err: v.ApiError,
        problems: Sequence[str] = (),
    ) -> web.Response | None:
        """Record the violation; answer Discord's error unless ``strict`` is off."""
        violation = SpecViolation(rec, route, rule, err.body(), list(problems) or error_leaves(err.errors))
        self.spec_violations.append(violation)
        log.warning("fake discord: %s", violation)
        if not self.strict:
            return None
        if "interaction_id" in m.groupdict():
            # The handle's response() raises at once instead of waiting out its timeout.
            ix = self._interactions_by_id.get(int(m["interaction_id"]))
            if ix is not None and ix.token == m["token"]:
                ix.rejected.append(rec)
        return _api_error(err)

    def _check_commands(
        self, rec: RecordedRequest, m: re.Match[str], commands: Sequence[Mapping[str, Any]]
    ) -> web.Response | None:
        """For a PATCH, which only the merged command can be judged on."""
        err = v.validate_command_list(commands)
        operation = spec.find_operation(rec.method, rec.path)
        route = operation.route if operation else f"{rec.method} {rec.path}"
        return None if err is None else self._refuse(rec, m, route, "documented limit", err)

    # --- messages -------------------------------------------------------------------
    def _attachments(
        self, data: Mapping[str, Any], rec: RecordedRequest, channel_id: str, existing: Sequence[Mapping[str, Any]] = ()
    ) -> list[dict[str, Any]] | None:
        """Turn ``attachments`` + multipart files into attachment objects. Returns None
        when the payload does not touch attachments (edits then keep the old ones)."""
        requested = data.get("attachments")
        if requested is None and not rec.indexed_files:
            return None
        if requested is None:
            requested = [{"id": i, "filename": f[0]} for i, f in sorted(rec.indexed_files.items())]
        by_id = {str(a["id"]): a for a in existing}
        out: list[dict[str, Any]] = []
        for entry in requested:
            key = str(entry.get("id"))
            if key in by_id:
                out.append(dict(by_id[key]))
                continue
            file = rec.indexed_files.get(int(key)) if key.isdigit() and int(key) in rec.indexed_files else None
            if file is None:
                continue
            filename = entry.get("filename") or file[0]
            attachment_id = p.snowflake()
            url = f"https://cdn.discordapp.com/attachments/{channel_id}/{attachment_id}/{filename}"
            attachment: dict[str, Any] = {
                "id": str(attachment_id),
                "filename": filename,
                "size": len(file[1]),
                "url": url,
                "proxy_url": url.replace("cdn.discordapp.com", "media.discordapp.net"),
                "content_type": mimetypes.guess_type(filename)[0] or "application/octet-stream",
            }
            if entry.get("description"):
                attachment["description"] = entry["description"]
            out.append(attachment)
        return out

    def _new_message(
        self,
        data: Mapping[str, Any],
        rec: RecordedRequest,
        *,
        channel_id: str,
        guild_id: str | None,
        type: int = 0,
        flags: int | None = None,
        ix: FakeInteraction | None = None,
    ) -> dict[str, Any]:
        message = p.message(
            p.snowflake(),
            channel_id,
            author=self.bot_user,
            content=data.get("content") or "",
            type=type,
            flags=int(data.get("flags") or 0) if flags is None else flags,
            embeds=data.get("embeds") or [],
            components=data.get("components") or [],
            attachments=self._attachments(data, rec, channel_id) or [],
            guild_id=guild_id,
        )
        message["tts"] = bool(data.get("tts", False))
        if data.get("poll"):
            message["poll"] = data["poll"]
        if ix is not None:
            message["webhook_id"] = str(self.app_id)
            message["application_id"] = str(self.app_id)
            invoker = ix.payload.get("member", {}).get("user") or ix.payload.get("user")
            metadata: dict[str, Any] = {
                "id": str(ix.id),
                "type": ix.type,
                "user": invoker,
                "authorizing_integration_owners": ix.payload.get("authorizing_integration_owners", {}),
            }
            if ix.type == p.InteractionType.APPLICATION_COMMAND:
                metadata["name"] = ix.payload["data"]["name"]
                metadata["command_type"] = ix.payload["data"].get("type", 1)
            message["interaction_metadata"] = metadata
        self.messages[int(message["id"])] = message
        return message

    def _apply_edit(self, message: dict[str, Any], data: Mapping[str, Any], rec: RecordedRequest) -> None:
        for key in ("content", "embeds", "components", "poll"):
            if key in data:
                message[key] = data[key] if data[key] is not None else ([] if key != "content" else "")
        if "content" in message and message["content"] is None:
            message["content"] = ""
        attachments = self._attachments(data, rec, message["channel_id"], message.get("attachments", []))
        if attachments is not None:
            message["attachments"] = attachments
        flags = int(message.get("flags") or 0) & ~LOADING
        if "flags" in data and data["flags"] is not None:
            # Only SUPPRESS_EMBEDS/IS_COMPONENTS_V2 are editable; ephemerality is fixed.
            flags |= int(data["flags"]) & (SUPPRESS_EMBEDS | v.IS_COMPONENTS_V2)
        message["flags"] = flags
        message["edited_timestamp"] = p.iso_timestamp()

    # --- interaction callback -----------------------------------------------------
    async def _callback(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        ix = self._interactions_by_id.get(int(m["interaction_id"]))
        if ix is None or ix.token != m["token"]:
            return _error(404, 10062, "Unknown interaction")
        # When the request arrived, not when this handler got to it: reading and validating the
        # body is the fake's own work, and a big embed would otherwise be billed to the bot.
        now = rec.time
        if ix.acknowledged:
            ix.rejected.append(rec)
            return _error(400, 40060, "Interaction has already been acknowledged.")
        waited = None if ix.sent_at is None else now - ix.sent_at + ix.age
        if self.callback_deadline is not None and waited is not None and waited > self.callback_deadline:
            ix.rejected.append(rec)
            log.warning("interaction %s answered %.2fs after its creation: Unknown interaction", ix.id, waited)
            return _error(404, 10062, "Unknown interaction")
        body = rec.json or {}
        callback_type = body.get("type")
        data = body.get("data") or {}
        allowed = _ALLOWED_CALLBACKS.get(ix.type, set())
        if callback_type in (6, 7) and ix.type == p.InteractionType.MODAL_SUBMIT and "message" not in ix.payload:
            allowed = allowed - {6, 7}
        if callback_type not in allowed:
            err = v.ApiError(
                400,
                50035,
                "Invalid Form Body",
                {
                    "type": v.field_error(
                        "INTERACTION_RESPONSE_TYPE_INVALID",
                        f"Interaction response type {callback_type} is not valid here",
                    )
                },
            )
            # Not a question of the body's shape, so refused even when not strict.
            self.spec_violations.append(
                SpecViolation(rec, _CALLBACK_ROUTE, "interaction state", err.body(), error_leaves(err.errors))
            )
            ix.rejected.append(rec)
            return _api_error(err)

        channel_id = str(ix.payload["channel_id"])
        guild_id = ix.payload.get("guild_id")
        message: dict[str, Any] | None = None
        if callback_type == 4:
            msg_type = 20 if ix.type == p.InteractionType.APPLICATION_COMMAND else 0
            if ix.type == p.InteractionType.APPLICATION_COMMAND and ix.payload["data"].get("type", 1) != 1:
                msg_type = 23
            message = self._new_message(data, rec, channel_id=channel_id, guild_id=guild_id, type=msg_type, ix=ix)
        elif callback_type == 5:
            flags = LOADING | (int(data.get("flags") or 0) & EPHEMERAL)
            msg_type = 20 if ix.type == p.InteractionType.APPLICATION_COMMAND else 0
            message = self._new_message(
                {}, rec, channel_id=channel_id, guild_id=guild_id, type=msg_type, flags=flags, ix=ix
            )
        elif callback_type in (6, 7) and ix.original_message_id is not None:
            message = self.messages[ix.original_message_id]
            if callback_type == 7:
                self._apply_edit(message, data, rec)
        if callback_type in (4, 5) and message is not None:
            ix.original_message_id = int(message["id"])

        ix.callback_request = rec
        ix.callback_at = now
        interaction_info: dict[str, Any] = {
            "id": str(ix.id),
            "type": ix.type,
            "activity_instance_id": None,
            "response_message_id": message["id"] if message else None,
            "response_message_loading": callback_type == 5,
            "response_message_ephemeral": bool(message and int(message.get("flags") or 0) & EPHEMERAL),
        }
        resource: dict[str, Any] = {"type": callback_type}
        if message is not None:
            resource["message"] = message
        if callback_type == 12:
            resource["activity_instance"] = {"id": secrets.token_hex(8)}
            interaction_info["activity_instance_id"] = resource["activity_instance"]["id"]
        return _json_response({"interaction": interaction_info, "resource": resource})

    # --- interaction webhooks -------------------------------------------------------
    def _interaction_for_webhook(self, m: re.Match[str]) -> FakeInteraction | None:
        if int(m["app_id"]) != self.app_id:
            return None
        return self._interactions_by_token.get(m["token"])

    async def _followup(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        ix = self._interaction_for_webhook(m)
        if ix is None or not ix.acknowledged:
            # Before the initial response the interaction webhook does not exist yet.
            return _error(404, 10015, "Unknown Webhook")
        data = rec.json or {}
        ix.followup_requests.append(rec)
        original = ix.message
        if ix.callback_type == 5 and original is not None and int(original.get("flags") or 0) & LOADING:
            # Documented legacy behaviour: the first followup after a deferred response
            # edits the "thinking" message (keeping its ephemerality) instead of posting.
            self._apply_edit(original, data, rec)
            return _json_response(original)
        message = self._new_message(
            data, rec, channel_id=str(ix.payload["channel_id"]), guild_id=ix.payload.get("guild_id"), ix=ix
        )
        ix.followup_message_ids.append(int(message["id"]))
        return _json_response(message)

    def _webhook_message(self, ix: FakeInteraction, message_id: str) -> dict[str, Any] | None:
        if message_id == "@original":
            return ix.message
        mid = int(message_id)
        if mid in ix.followup_message_ids or mid == ix.original_message_id:
            return self.messages.get(mid)
        return None

    async def _get_webhook_message(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        ix = self._interaction_for_webhook(m)
        if ix is None:
            return _error(404, 10015, "Unknown Webhook")
        message = self._webhook_message(ix, m["message_id"])
        return _json_response(message) if message else _error(404, 10008, "Unknown Message")

    async def _edit_webhook_message(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        ix = self._interaction_for_webhook(m)
        if ix is None:
            return _error(404, 10015, "Unknown Webhook")
        message = self._webhook_message(ix, m["message_id"])
        if message is None:
            return _error(404, 10008, "Unknown Message")
        data = rec.json or {}
        if m["message_id"] == "@original" or int(m["message_id"]) == ix.original_message_id:
            ix.edit_requests.append(rec)
        self._apply_edit(message, data, rec)
        return _json_response(message)

    async def _delete_webhook_message(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        ix = self._interaction_for_webhook(m)
        if ix is None:
            return _error(404, 10015, "Unknown Webhook")
        message = self._webhook_message(ix, m["message_id"])
        if message is None:
            return _error(404, 10008, "Unknown Message")
        mid = int(message["id"])
        if mid == ix.original_message_id:
            ix.original_deleted = True
        self.messages.pop(mid, None)
        return _no_content()

    # --- channels / guilds ------------------------------------------------------------
    def channel_messages(self, channel_id: int | str) -> list[dict[str, Any]]:
        """Messages currently stored for a channel (bot posts and interaction responses)."""
        cid = str(int(channel_id))
        return [msg for msg in self.messages.values() if msg["channel_id"] == cid]

    async def _create_channel_message(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        channel = self._find_channel(m["channel_id"])
        if channel is None:
            return _error(404, 10003, "Unknown Channel")
        data = rec.json or {}
        message = self._new_message(
            data,
            rec,
            channel_id=str(channel["id"]),
            guild_id=channel.get("guild_id"),
            type=19 if data.get("message_reference") else 0,
        )
        return _json_response(message)

    def _channel_message(self, m: re.Match[str]) -> dict[str, Any] | None:
        message = self.messages.get(int(m["message_id"]))
        if message is None or message["channel_id"] != m["channel_id"]:
            return None
        return message

    async def _get_channel_message(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        message = self._channel_message(m)
        return _json_response(message) if message else _error(404, 10008, "Unknown Message")

    async def _edit_channel_message(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        message = self._channel_message(m)
        if message is None:
            return _error(404, 10008, "Unknown Message")
        data = rec.json or {}
        self._apply_edit(message, data, rec)
        return _json_response(message)

    async def _delete_channel_message(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        message = self._channel_message(m)
        if message is None:
            return _error(404, 10008, "Unknown Message")
        self.messages.pop(int(message["id"]), None)
        return _no_content()

    async def _typing(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        return _no_content() if self._find_channel(m["channel_id"]) else _error(404, 10003, "Unknown Channel")

    async def _get_channel(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        channel = self._find_channel(m["channel_id"])
        return _json_response(channel) if channel else _error(404, 10003, "Unknown Channel")

    _GUILD_CREATE_ONLY = (
        "joined_at",
        "large",
        "unavailable",
        "member_count",
        "members",
        "channels",
        "threads",
        "presences",
        "voice_states",
        "stage_instances",
        "guild_scheduled_events",
        "soundboard_sounds",
    )

    async def _get_guild(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        guild = self._find_guild(m["guild_id"])
        if guild is None:
            return _error(404, 10004, "Unknown Guild")
        rest = {k: v for k, v in guild.items() if k not in self._GUILD_CREATE_ONLY}
        if rec.query.get("with_counts") in ("true", "1", "True"):
            rest["approximate_member_count"] = len(guild.get("members", []))
            rest["approximate_presence_count"] = 0
        return _json_response(rest)

    async def _get_guild_channels(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        guild = self._find_guild(m["guild_id"])
        if guild is None:
            return _error(404, 10004, "Unknown Guild")
        return _json_response([{**c, "guild_id": guild["id"]} for c in guild.get("channels", [])])

    async def _get_guild_roles(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        guild = self._find_guild(m["guild_id"])
        return _json_response(guild.get("roles", [])) if guild else _error(404, 10004, "Unknown Guild")

    async def _get_member(self, rec: RecordedRequest, m: re.Match[str]) -> web.Response:
        guild = self._find_guild(m["guild_id"])
        if guild is None:
            return _error(404, 10004, "Unknown Guild")
        found = next((x for x in guild.get("members", []) if x["user"]["id"] == m["user_id"]), None)
        return _json_response(found) if found else _error(404, 10007, "Unknown Member")
