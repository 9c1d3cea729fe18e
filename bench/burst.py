"""Bursts of /ask at once, with Discord's 3 s deadline enforced: who fails, how fast, how many per second.

Run: `python -m bench.burst [--quick]` from the repository root.

Each bot runs as its own process, as in production (`python -m bot run` through
tests.fakediscord.launch, and the floor bot bench/minimal_bot.py), against a
tests/fakediscord FakeDiscord in this process that refuses any first response
arriving more than 3 s after the interaction was sent, as Discord does. The
bot's process is then the only thing on its core: the fake's own work (sending
5,000 events, validating every body against Discord's spec) is not billed to it.

For each size, in this order: the floor bot; FactBot over varied questions
(each new to it: no cache can help, so under a burst it defers and works the
answers out afterwards); FactBot over 40 repeated questions (asked once first:
answered from the cache). A burst counts as done when every user has the
answer: a deferred interaction when its follow-up has arrived. Failed = no
answer: a first response refused as too late, or a deferral never followed up.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
import shutil
import sys
import tempfile
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Summary, ensure_root_on_path, mark, ms, show, show_machine

ensure_root_on_path()

from bench import questions as question_bank  # noqa: E402
from bench.discord_e2e import Block, burst  # noqa: E402
from bench.startup_memory import launched  # noqa: E402
from tests.fakediscord import FakeDiscord  # noqa: E402
from tests.fakediscord.server import CALLBACK_DEADLINE  # noqa: E402

SIZES = (1000, 3000, 5000)
QUICK_SIZES = (200, 500)
REPEATED = 40
WARMUP = 30
RUNS = ("floor", "factbot, varied", "factbot, repeated")


@dataclass
class Row:
    run: str
    size: int
    block: Block


@contextlib.asynccontextmanager
async def bot(kind: str, workdir: Path, db: Path) -> AsyncIterator[FakeDiscord]:
    """A fake Discord enforcing the deadline, and the bot process connected to it."""
    async with FakeDiscord(callback_deadline=CALLBACK_DEADLINE) as fake, launched(kind, fake, workdir, db):
        yield fake


def forget(fake: FakeDiscord) -> None:
    """Let the fake's records of a finished burst go: this process shares the machine with the bot."""
    fake.forget_interactions()
    gc.collect()


async def measured(fake: FakeDiscord, questions: Sequence[str], want_embed: bool) -> Block:
    """One burst, with this process's garbage collector held off until it is over.

    The fake is the instrument here: a full collection in this process (up to
    1.2 s measured, with thousands of interactions alive) stalls it mid-burst,
    and every interaction in flight would be billed for it, floor and FactBot
    alike. The bots' own processes collect as they always do.
    """
    gc.disable()
    try:
        return await burst(fake, questions, want_embed)
    finally:
        gc.enable()


async def run_async(quick: bool) -> list[Row]:
    # A refused callback is the measurement here, not news.
    logging.getLogger("tests.fakediscord.server").setLevel(logging.ERROR)
    sizes = QUICK_SIZES if quick else SIZES
    varied = question_bank.varied(WARMUP + sum(sizes), seed=7)
    warm, fresh = varied[:WARMUP], varied[WARMUP:]
    repeated = question_bank.varied(REPEATED, seed=5)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="factbot-burst-") as tmp:
        workdir = Path(tmp)
        db = workdir / "facts.db"
        shutil.copy(ROOT / "facts.db", db)
        # Both bots stay up for the whole run and take turns, size by size, so drifting load falls on both.
        async with bot("floor", workdir, db) as floor_fake, bot("factbot", workdir, db) as bot_fake:
            await burst(floor_fake, warm, want_embed=False)
            await burst(bot_fake, warm, want_embed=True)
            start = 0
            for size in sizes:
                rows.append(Row("floor", size, await measured(floor_fake, fresh[start : start + size], False)))
                forget(floor_fake)
                await asyncio.sleep(0.5)
                rows.append(Row("factbot, varied", size, await measured(bot_fake, fresh[start : start + size], True)))
                forget(bot_fake)
                await asyncio.sleep(0.5)
                # The varied burst pushed them out of the cache (least recently asked go first): ask each once.
                await burst(bot_fake, repeated, True)
                cycled = [repeated[i % REPEATED] for i in range(size)]
                rows.append(Row("factbot, repeated", size, await measured(bot_fake, cycled, True)))
                forget(bot_fake)
                await asyncio.sleep(0.5)
                start += size
                print(f"... {size} at once done", flush=True)
    return rows


def report(rows: list[Row]) -> None:
    table = []
    for row in rows:
        b = row.block
        s = Summary.of_ms(row.run, b.latencies_ms)
        table.append(
            [
                f"{row.size:,}",
                row.run,
                b.failures,
                b.deferred,
                ms(s.p50),
                ms(s.p99),
                f"{b.count / b.wall_s:.0f}" if b.wall_s else "n/a",
                f"{b.answered_s:.2f}",
                f"{b.count / b.answered_s:.0f}" if b.answered_s else "n/a",
            ]
        )
    show(
        f"Burst: N /ask at once to one bot process, {CALLBACK_DEADLINE:g} s deadline enforced "
        "(latency = event sent → first response; target: 0 failed at 5,000)",
        [
            "at once",
            "bot",
            "failed",
            "deferred",
            "p50 ms",
            "p99 ms",
            "first responses /s",
            "all answered after s",
            "answers /s",
        ],
        table,
    )
    largest = max(row.size for row in rows)
    verdict = [
        [row.run, f"{row.block.failures} of {row.size:,}", mark(row.block.failures == 0)]
        for row in rows
        if row.size == largest
    ]
    show(f"Burst verdict at {largest:,} at once", ["bot", "failed", "0 failed"], verdict)


def run(quick: bool = False) -> list[Row]:
    rows = asyncio.run(run_async(quick))
    report(rows)
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="bursts of 200 and 500")
    args = parser.parse_args(argv)
    show_machine()
    run(args.quick)


if __name__ == "__main__":
    main()
