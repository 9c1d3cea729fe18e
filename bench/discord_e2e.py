"""End-to-end /ask over the Discord protocol: INTERACTION_CREATE sent → interaction callback received.

Run: `python -m bench.discord_e2e [--quick]` from the repository root.

The real FactBot (`bot.client.create_bot`) and the floor (bench/minimal_bot.py:
one slash command answering a constant string) take turns against one
tests/fakediscord FakeDiscord in this process, in ABBA order (floor, bot, bot,
floor) so that drifting machine load falls on both. Latency is the fake's own
`FakeInteraction.latency` (dispatch of the event to arrival of the first
response: the answer, or a deferral whose follow-up is then waited for and
checked). Sequential runs twice: over varied questions, each new to the bot,
and over 40 repeated ones (asked once first, so answered from the cache).
The fake runs with `callback_deadline=None` (timed rather than rejected);
bench/burst.py measures bursts with the deadline enforced.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import shutil
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Summary, ensure_root_on_path, mark, ms, ratio, show, show_machine, x

ensure_root_on_path()

from discord.ext import commands  # noqa: E402

from bench import questions as question_bank  # noqa: E402
from bench.minimal_bot import MinimalBot  # noqa: E402
from bot.client import create_bot  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.storage import FactStore  # noqa: E402
from tests.fakediscord import FakeDiscord, FakeInteraction  # noqa: E402

TOKEN = "MTAxMDEwMTAxMDEwMTAxMDEw.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB"
RATIO_TARGET = 1.5  # issue #14's bar; the compass is 1.3×
COMPASS = 1.3
REPEATED = 40  # distinct questions in the repeated (cached) runs
MODES = {
    "seq": "sequential, varied questions",
    "seq-repeated": f"sequential, {REPEATED} repeated questions (cached)",
    "burst": "concurrent burst, varied",
}
THROUGHPUT_TARGET = 300.0
WARMUP = 30


@dataclass
class Block:
    """What one bot did with one batch of interactions."""

    latencies_ms: list[float] = field(default_factory=list)  # to the first response (answer or deferral)
    wall_s: float = 0.0  # first interaction sent → last first response
    count: int = 0
    failures: int = 0
    deferred: int = 0
    answered_s: float = 0.0  # first interaction sent → last answer (a deferred one's follow-up) arrived


@dataclass
class Totals:
    blocks: list[Block] = field(default_factory=list)

    @property
    def latencies(self) -> list[float]:
        return [v for b in self.blocks for v in b.latencies_ms]

    @property
    def throughput(self) -> float:
        return sum(b.count for b in self.blocks) / sum(b.wall_s for b in self.blocks)

    @property
    def failures(self) -> int:
        return sum(b.failures for b in self.blocks)


def _ok(ix: FakeInteraction, want_embed: bool) -> bool:
    """The user got an answer: the callback in time, and after a deferral the follow-up that fills it in."""
    callback = ix.callback
    if callback is None or ix.rejected:
        return False
    if callback.get("type") == 5:
        return want_embed and any((r.json or {}).get("embeds") for r in ix.followup_requests)
    if callback.get("type") != 4:
        return False
    return bool(callback.get("data", {}).get("embeds")) if want_embed else True


def _settled(ix: FakeInteraction) -> bool:
    """Nothing more to wait for: refused, answered, or deferred and followed up."""
    return bool(ix.rejected) or (ix.acknowledged and (ix.callback_type != 5 or bool(ix.followup_requests)))


def _answered_at(ix: FakeInteraction) -> float:
    if ix.callback_type == 5 and ix.followup_requests:
        return ix.followup_requests[0].time
    return ix.callback_at or 0.0


async def sequential(fake: FakeDiscord, questions: Sequence[str], want_embed: bool) -> Block:
    """One interaction at a time: the latency a user sees on an idle bot."""
    block = Block(count=len(questions))
    started = time.perf_counter()
    for question in questions:
        ix = await fake.send_slash("ask", {"question": question})
        await ix.response(timeout=30)
        if ix.callback_type == 5:
            await ix.followups(1, timeout=30)
            block.deferred += 1
        block.latencies_ms.append((ix.latency or 0.0) * 1000)
        block.failures += not _ok(ix, want_embed)
    block.wall_s = time.perf_counter() - started
    return block


async def burst(fake: FakeDiscord, questions: Sequence[str], want_embed: bool, timeout: float = 180) -> Block:
    """All interactions dispatched at once; one poller waits for every answer (a deferral's follow-up too).

    Not one `ix.response()` waiter per interaction: the fake wakes every waiter
    on every request, so 1,000 waiters would cost the fake (and this process,
    which the bot shares) a million wake-ups. An interaction the fake refused
    (too late) counts as failed.
    """
    sent: list[FakeInteraction] = list(
        await asyncio.gather(*(fake.send_slash("ask", {"question": q}, timeout=30) for q in questions))
    )
    deadline = time.perf_counter() + timeout
    done = 0
    while done < len(sent):
        while done < len(sent) and _settled(sent[done]):
            done += 1
        if done < len(sent):
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{len(sent) - done} interactions unanswered after {timeout:g}s")
            await asyncio.sleep(0.002)
    first = min(ix.sent_at for ix in sent if ix.sent_at is not None)
    answered = [ix for ix in sent if ix.acknowledged]
    return Block(
        latencies_ms=[(ix.latency or 0.0) * 1000 for ix in answered],
        wall_s=max((ix.callback_at or 0.0 for ix in answered), default=first) - first,
        count=len(sent),
        failures=sum(not _ok(ix, want_embed) for ix in sent),
        deferred=sum(ix.callback_type == 5 for ix in sent),
        answered_s=max((_answered_at(ix) for ix in answered), default=first) - first,
    )


@contextlib.asynccontextmanager
async def connected(fake: FakeDiscord, make: Callable[[], commands.Bot]) -> AsyncIterator[commands.Bot]:
    """A bot logged in (commands synced) and identified on the fake; closed on exit."""
    ready_before = sum(s.ready for s in fake.sessions)
    with fake.patch_discord():
        bot = make()
        await bot.login(TOKEN)
        task = asyncio.create_task(bot.connect(reconnect=True))
        try:
            await fake.wait_until_identified(count=ready_before + 1, timeout=15)
            yield bot
        finally:
            await bot.close()
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


async def run_async(quick: bool) -> dict[str, dict[str, Totals]]:
    logging.getLogger("discord.client").setLevel(logging.ERROR)  # "PyNaCl is not installed": no voice here
    seq_n = 100 if quick else 1000
    burst_n = 200 if quick else 1000
    # Varied: every question new to the bot (no cache can help). Repeated: a hype peak's few questions, cached.
    questions = question_bank.varied(WARMUP + seq_n + burst_n, seed=3)
    warm, pool, bursting = questions[:WARMUP], questions[WARMUP : WARMUP + seq_n], questions[WARMUP + seq_n :]
    repeated = question_bank.varied(REPEATED, seed=5)
    with tempfile.TemporaryDirectory(prefix="factbot-e2e-") as tmp:
        db = Path(tmp) / "facts.db"
        shutil.copy(ROOT / "facts.db", db)
        store = FactStore.open(db)
        settings = Settings(facts_db=db, ask_cooldown_seconds=0)
        makers: dict[str, Callable[[], commands.Bot]] = {
            "floor": MinimalBot,
            "factbot": lambda: create_bot(settings, store),
        }
        results: dict[str, dict[str, Totals]] = {m: {"floor": Totals(), "factbot": Totals()} for m in MODES}
        fake = FakeDiscord(callback_deadline=None)
        await fake.start()
        try:
            # ABBA: floor, factbot, factbot, floor: each runs half of each mode (a new bot each time).
            for who in ("floor", "factbot", "factbot", "floor"):
                async with connected(fake, makers[who]):
                    want_embed = who == "factbot"
                    await sequential(fake, warm, want_embed)
                    half = len(results["seq"][who].blocks)
                    half_seq = pool[: seq_n // 2] if half == 0 else pool[seq_n // 2 :]
                    results["seq"][who].blocks.append(await sequential(fake, half_seq, want_embed))
                    await sequential(fake, repeated, want_embed)  # each asked once: now cached
                    cycled = [repeated[i % len(repeated)] for i in range(seq_n // 2)]
                    results["seq-repeated"][who].blocks.append(await sequential(fake, cycled, want_embed))
                    half_burst = bursting[: burst_n // 2] if half == 0 else bursting[burst_n // 2 :]
                    results["burst"][who].blocks.append(await burst(fake, half_burst, want_embed))
                print(f"... {who} done", flush=True)
            fake.assert_no_unhandled()
        finally:
            await fake.stop()
            store.close()
    return results


def report(results: dict[str, dict[str, Totals]], quick: bool) -> None:
    rows: list[list[object]] = []
    for mode, title in MODES.items():
        floor, bot = results[mode]["floor"], results[mode]["factbot"]
        fs, bs = Summary.of_ms("floor", floor.latencies), Summary.of_ms("factbot", bot.latencies)
        r50, r99 = ratio(bs.p50, fs.p50), ratio(bs.p99, fs.p99)
        burst_size = len(bot.blocks[0].latencies_ms) if bot.blocks else 0
        label = f"{title} ({burst_size} at once ×{len(bot.blocks)})" if mode == "burst" else title
        rows.append(
            [
                label,
                bs.n,
                ms(bs.p50),
                ms(bs.p99),
                ms(fs.p50),
                ms(fs.p99),
                x(r50),
                x(r99),
                mark(r50 <= RATIO_TARGET and r99 <= RATIO_TARGET),
                mark(r50 <= COMPASS and r99 <= COMPASS),
                f"{bot.throughput:.0f}",
                f"{floor.throughput:.0f}",
                mark(bot.throughput >= THROUGHPUT_TARGET),
                sum(b.deferred for b in bot.blocks),
                f"{bot.failures}/{floor.failures}",
            ]
        )
    show(
        "/ask end to end over tests/fakediscord: INTERACTION_CREATE → first response "
        f"(targets: ≤ {RATIO_TARGET:g}× floor at p50 and p99, compass {COMPASS:g}×; "
        f"≥ {THROUGHPUT_TARGET:g} interactions/s)",
        [
            "mode",
            "n",
            "p50 ms",
            "p99 ms",
            "floor p50",
            "floor p99",
            "×floor p50",
            "×floor p99",
            f"≤{RATIO_TARGET:g}×",
            f"≤{COMPASS:g}×",
            "factbot /s",
            "floor /s",
            f"≥{THROUGHPUT_TARGET:g}/s",
            "deferred",
            "failed (bot/floor)",
        ],
        rows,
    )


def run(quick: bool = False) -> dict[str, dict[str, Totals]]:
    results = asyncio.run(run_async(quick))
    report(results, quick)
    return results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 sequential and a 200 burst per bot")
    args = parser.parse_args(argv)
    show_machine()
    run(args.quick)


if __name__ == "__main__":
    main()
