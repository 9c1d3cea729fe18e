"""Every interaction answered within Discord's 3 seconds, however many arrive at once.

Discord shows "This interaction failed" unless the first response reaches it
within 3 s of the interaction's creation, and an interaction's snowflake id
says when that was. So for every interaction the bot knows how long it has
already waited, and `Responder.respond` picks a response that still makes it:

1. An interaction that arrives more than `BEHIND` old means this process (or
   the gateway) has fallen behind; more than `BUSY` first responses under way
   at once means a burst. When both hold it is deferred at once (type 5: the
   lightest response, so a backlog drains as fast as a bare bot's would),
   before even the cache is looked at, and its answer is worked out once
   arrivals pause (none for `QUIET`), then sent as the follow-up that fills
   the deferred message in. Working answers out in the middle of a burst would
   only make the interactions still waiting later: a burst's events come
   spread over the gateway, and an answer worked out in a lull of a few
   milliseconds (in the worker thread, holding the GIL) delayed every
   deferral behind it.
2. An answer already prepared (cached for these facts) is sent at once: one
   request, the whole answer.
3. Behind or busy (one of the two): deferred at once, as in 1.
4. Otherwise the answer is worked out now: on the event loop while answers have
   been measured to cost well under `INLINE_CPU` (no thread hop for a
   sub-millisecond read), else in the worker thread, waited for at most `WAIT`
   and only while the interaction is younger than `ANSWER_BY`; if it is not
   ready by then the interaction is deferred and the answer follows.

A deferred answer is the same reply (embed, button, no pings) as a direct one.
The ages rely on this host's clock agreeing with Discord's (NTP): a clock
that runs ahead makes the bot defer more than it needs to, never less.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import discord
from discord.utils import DISCORD_EPOCH

from bot.replies import NO_PINGS

log = logging.getLogger(__name__)

DEADLINE = 3.0  # Discord's, from the interaction's creation to our first response
ANSWER_BY = 2.0  # a direct answer only while younger than this: a second left for the request and clock skew
BEHIND = 0.25  # older than this on arrival: behind (or delivered late), so defer first
BUSY = 4  # more first responses than this under way at once: a burst, so defer first
WAIT = 0.5  # longest an answer in the worker thread is waited for before deferring
INLINE_CPU = 0.003  # answers costing more CPU than this go to the worker thread
INLINE_WINDOW = 64  # the last answers whose cost decides where the next is worked out
INLINE_OUTLIERS = 2  # a garbage collection now and then does not send everything to the thread
QUIET = 0.05  # deferred answers are worked out once no response is under way and none arrived for this long...
STARVE = 3.0  # ...or once the oldest has waited this long, whatever arrives (taking at most half the loop)
FOLLOWING = 32  # follow-ups in flight at once
EXPIRED = 10062  # Discord's "Unknown interaction": too late for any response

OnError = Callable[[discord.Interaction, Exception], Awaitable[None]]


def age(interaction: discord.Interaction, now: float | None = None) -> float:
    """Seconds since Discord created the interaction, read from its snowflake id (millisecond precision)."""
    created = ((interaction.id >> 22) + DISCORD_EPOCH) / 1000
    return (time.time() if now is None else now) - created


def release(interaction: discord.Interaction) -> None:
    """Break the one reference cycle an answered interaction is in, so that it is freed at once.

    discord.py's Interaction caches its InteractionResponse, which points back at it: the only cycle in an
    interaction's objects (its member, user, namespace and payload hang off it). Left alone, each /ask waits
    for a garbage collection to be freed, and under a burst thousands of them live on into the old
    generations, whose collections then walk them all on the event loop. Called once its answer is sent
    (never before: the response object is what says it has been responded to); a later `.response` makes a
    new one.
    """
    with contextlib.suppress(AttributeError):
        del interaction._cs_response  # discord.py's cached_slot_property slot for `response`


@dataclass(eq=False)
class Reply:
    """What an answering command sends: the same whether it is the response or the follow-up to a deferral."""

    embed: discord.Embed
    view: discord.ui.View | None = None

    async def send(self, interaction: discord.Interaction) -> None:
        extra = {} if self.view is None else {"view": self.view}
        await interaction.response.send_message(embed=self.embed, allowed_mentions=NO_PINGS, **extra)

    async def follow(self, interaction: discord.Interaction) -> None:
        # The first follow-up after a deferral fills in the deferred ("thinking") message.
        extra = {} if self.view is None else {"view": self.view}
        await interaction.followup.send(embed=self.embed, allowed_mentions=NO_PINGS, **extra)


@dataclass(eq=False)
class Job:
    interaction: discord.Interaction
    work: Callable[[], Reply]
    inline: bool
    queued: float


class Responder:
    """Picks, for each interaction, the response that still meets the deadline (see the module docstring)."""

    def __init__(self, on_error: OnError) -> None:
        self.on_error = on_error
        self.counts: Counter[str] = Counter()  # how interactions were answered: for logs and the benchmarks
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factbot-answers")
        self._in_worker = 0
        self._costs: deque[float] = deque(maxlen=INLINE_WINDOW)
        self._slow = 0  # how many of `_costs` are over INLINE_CPU
        self._pending: deque[Job] = deque()
        self._drainer: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._following: asyncio.Semaphore | None = None
        self._last_arrival = 0.0
        self._responding = 0  # interactions whose first response is not sent yet

    async def respond(
        self,
        interaction: discord.Interaction,
        work: Callable[[], Reply],
        *,
        ready: Callable[[], Reply | None] | None = None,
        inline: bool = True,
    ) -> None:
        """Answer `interaction` with what `ready` returns, or with what `work` returns (now, or as a
        follow-up to a deferral).

        `ready` looks the answer up without working it out (None if it is not prepared); it runs on
        the event loop, and only when the answer might be sent at once. `work` must be safe to call on
        the event loop when `inline` (it is then timed, and moved to the worker thread if it turns out
        slow) and from the worker thread always.
        """
        loop = asyncio.get_running_loop()
        self._last_arrival = loop.time()
        waited = age(interaction)
        follow: asyncio.Future[Reply] | None = None
        queued = False
        self._responding += 1
        behind, busy = waited > BEHIND, self._responding > BUSY
        try:
            # Deep in a burst even a ready answer waits: a deferral is a lighter request (no embed to
            # encode, none to parse back), and the backlog drains at the rate of the lightest response.
            prepared = None if ready is None or (behind and busy) else ready()
            if prepared is not None:
                self.counts["ready"] += 1
                await prepared.send(interaction)
            elif behind or busy:
                await self._defer(interaction, "behind" if behind else "busy")
                self._pending.append(Job(interaction, work, inline, loop.time()))
                queued = True
                if self._drainer is None or self._drainer.done():
                    self._drainer = asyncio.create_task(self._drain(), name="factbot-deferred-answers")
            elif inline and self._inline_ok():
                self.counts["inline"] += 1
                reply = self._timed(work)
                await reply.send(interaction)
            else:
                future = self._submit(work, timed=inline)
                try:
                    reply = await asyncio.wait_for(asyncio.shield(future), max(0.0, min(WAIT, ANSWER_BY - waited)))
                except TimeoutError:
                    await self._defer(interaction, "slow")
                    follow = future
                else:
                    self.counts["thread"] += 1
                    await reply.send(interaction)
        except discord.NotFound as error:
            if error.code != EXPIRED:
                raise
            # Nothing can reach this user any more, not even an error reply: one line, no traceback, and
            # no further request, which under overload would only make the next interactions later too.
            self.counts["expired"] += 1
            command = interaction.command.qualified_name if interaction.command else "?"
            log.error(
                "/%s: interaction %s expired before its response (%.2f s old on arrival)",
                command,
                interaction.id,
                waited,
            )
            return
        finally:
            self._responding -= 1
        if follow is not None:
            # Deferred because the worker was slow: the answer follows as soon as it is ready.
            await (await follow).follow(interaction)
        if not queued:
            release(interaction)  # (a queued one is released once its follow-up is sent)

    async def _defer(self, interaction: discord.Interaction, why: str) -> None:
        self.counts[f"deferred: {why}"] += 1
        await interaction.response.defer()

    def _inline_ok(self) -> bool:
        # Never beside the worker: the engine's caches are shared, and two threads would fight for the GIL.
        return self._in_worker == 0 and self._slow <= INLINE_OUTLIERS

    def _timed(self, work: Callable[[], Reply]) -> Reply:
        # CPU time of this thread, so that waiting for the GIL in the worker is not counted as cost.
        started = time.thread_time()
        try:
            return work()
        finally:
            cost = time.thread_time() - started
            if len(self._costs) == self._costs.maxlen and self._costs[0] > INLINE_CPU:
                self._slow -= 1
            self._costs.append(cost)
            self._slow += cost > INLINE_CPU

    def _submit(self, work: Callable[[], Reply], *, timed: bool) -> asyncio.Future[Reply]:
        # Only work that could run inline is timed: its cost is what decides where such work runs.
        self._in_worker += 1
        call = functools.partial(self._timed, work) if timed else work
        future = asyncio.get_running_loop().run_in_executor(self._worker, call)

        def done(_: asyncio.Future[Reply]) -> None:
            self._in_worker -= 1

        future.add_done_callback(done)
        return future

    async def _drain(self) -> None:
        """Work out deferred answers when arrivals pause (or when the oldest has waited `STARVE`)."""
        loop = asyncio.get_running_loop()
        while self._pending:
            job = self._pending[0]
            now = loop.time()
            busy = self._responding > 0 or now - self._last_arrival < QUIET
            if busy and now - job.queued < STARVE:
                await asyncio.sleep(QUIET)
                continue
            self._pending.popleft()
            started = loop.time()
            try:
                if job.inline and self._inline_ok():
                    reply = self._timed(job.work)
                else:
                    reply = await self._submit(job.work, timed=job.inline)
            except Exception as error:
                self._spawn(self.on_error(job.interaction, error))
            else:
                self._spawn(self._follow(job.interaction, reply))
            # An interaction that arrived meanwhile goes first; while arrivals go on (a starved answer),
            # they get as long again as the answer took, so first responses keep half the loop at least.
            await asyncio.sleep(loop.time() - started if busy else 0)

    async def _follow(self, interaction: discord.Interaction, reply: Reply) -> None:
        if self._following is None:
            self._following = asyncio.Semaphore(FOLLOWING)
        async with self._following:
            try:
                await reply.follow(interaction)
            except discord.HTTPException:
                log.exception("could not send the deferred answer to interaction %s", interaction.id)
            else:
                release(interaction)

    def _spawn(self, coroutine: Awaitable[None]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @property
    def pending(self) -> int:
        """Deferred interactions whose answer is not worked out yet."""
        return len(self._pending)

    async def close(self, timeout: float = 5.0) -> None:
        """Let the deferred answers still waiting go out (within `timeout`), then stop the worker thread."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while (self._pending or self._tasks) and loop.time() < deadline:
            await asyncio.sleep(0.01)
        if self._pending or self._tasks:
            log.warning("shutting down with %d deferred answer(s) not sent", len(self._pending) + len(self._tasks))
        if self._drainer is not None:
            self._drainer.cancel()
        self._worker.shutdown(wait=False)
