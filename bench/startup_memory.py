"""Start-up time and memory of `python -m bot run` as a real subprocess, against a fake Discord here.

Run: `python -m bench.startup_memory [--quick]` from the repository root.

Start-up is process start → the fake has seen the command list fetched (GET,
and PUT when it changed) and IDENTIFY answered with READY. discord.py syncs
commands in `setup_hook`, during `login()`, before it connects to the gateway,
so READY is the last of these. Floors, measured alternately in the same run:
the bare interpreter (`python -c pass`) and the minimal discord.py bot of
bench/minimal_bot.py launched the same way.

Memory: after start-up, 10,000 `/ask` interactions are driven through the
fake to the bot process (in bursts of 50), sampling its VmRSS and VmHWM from
/proc/<pid>/status every 1,000; the minimal bot gets the same run as the floor.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import signal
import statistics
import sys
import tempfile
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, ensure_root_on_path, mark, ms, ratio, show, show_machine, x

ensure_root_on_path()

from bench import questions as question_bank  # noqa: E402
from bench.discord_e2e import TOKEN, burst  # noqa: E402
from bot.config import Settings  # noqa: E402
from tests.fakediscord import FakeDiscord  # noqa: E402

STARTUP_TARGET_S = 2.0
PEAK_TARGET_MB = 100.0
GROWTH_TARGET = 0.10
# Every setting factbot reads, as environment variable names.
SETTINGS = tuple(name.upper() for name in Settings.model_fields)
COMMANDS_PATH = r"^/applications/\d+/commands$"
KINDS = {
    # The real entry point; tests.fakediscord.launch only points discord.py at the fake.
    "factbot": [sys.executable, "-m", "tests.fakediscord.launch", "run"],
    "floor": [sys.executable, "-m", "bench.minimal_bot"],
}


@dataclass
class Start:
    """One launch: seconds from spawn to each milestone the fake saw."""

    first_request: float
    commands_done: float
    ready: float
    put: bool

    @property
    def total(self) -> float:
        return max(self.commands_done, self.ready)


@dataclass
class MemoryRun:
    samples: list[tuple[int, float, float]] = field(default_factory=list)  # (interactions, VmRSS MB, VmHWM MB)
    failures: int = 0


def proc_memory(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process in MB (10^6 bytes), from /proc/<pid>/status."""
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) * 1024 / 1e6
    return values["VmRSS"], values["VmHWM"]


def child_env(fake: FakeDiscord, db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    env.update(
        DISCORD_TOKEN=TOKEN,
        FACTS_DB=str(db),
        FAKE_DISCORD_URL=fake.base_url,
        ASK_COOLDOWN_SECONDS="0",
        FACTBOT_ENV_FILE=os.devnull,  # never the developer's .env
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
    )
    return env


@contextlib.asynccontextmanager
async def launched(kind: str, fake: FakeDiscord, workdir: Path, db: Path) -> AsyncIterator[tuple[int, Start]]:
    """Spawn the bot (or the floor bot), wait until it is ready; terminate it on exit."""
    loop = asyncio.get_running_loop()
    ready_before = sum(s.ready for s in fake.sessions)
    requests_before = len(fake.requests)
    log_path = workdir / f"{kind}.log"
    with log_path.open("ab") as log_file:
        started = loop.time()
        proc = await asyncio.create_subprocess_exec(
            *KINDS[kind], cwd=workdir, env=child_env(fake, db), stdout=log_file, stderr=log_file
        )
        try:
            waiter = asyncio.create_task(fake.wait_until_identified(count=ready_before + 1, timeout=30))
            exited = asyncio.create_task(proc.wait())
            done, _ = await asyncio.wait({waiter, exited}, return_when=asyncio.FIRST_COMPLETED)
            if waiter not in done:
                waiter.cancel()
                raise RuntimeError(f"{kind} exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
            session = waiter.result()
            exited.cancel()
            new = fake.requests[requests_before:]
            command_requests = [r for r in new if r.matches("*", COMMANDS_PATH)]
            start = Start(
                first_request=(new[0].time if new else session.created_at) - started,
                commands_done=max((r.time for r in command_requests), default=started) - started,
                ready=session.created_at - started,
                put=any(r.method == "PUT" for r in command_requests),
            )
            yield proc.pid, start
        finally:
            if proc.returncode is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    await asyncio.wait_for(proc.wait(), 10)
                except TimeoutError:
                    proc.kill()
                    await proc.wait()


async def interpreter_start() -> float:
    """Seconds to start and exit a bare interpreter: the floor under any Python process."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass")
    await proc.wait()
    return loop.time() - started


async def startup(workdir: Path, db: Path, runs: int) -> dict[str, list[Start] | list[float]]:
    """`runs` rounds of: bare interpreter, minimal bot, factbot (commands new: PUT), factbot again (GET only)."""
    results: dict[str, list] = {"python -c pass": [], "floor": [], "factbot (commands changed: PUT)": []}
    results["factbot (commands unchanged: GET)"] = []
    for _ in range(runs):
        results["python -c pass"].append(await interpreter_start())
        async with FakeDiscord() as fake, launched("floor", fake, workdir, db) as (_, start):
            results["floor"].append(start)
        async with FakeDiscord() as fake:
            async with launched("factbot", fake, workdir, db) as (_, start):
                results["factbot (commands changed: PUT)"].append(start)
            async with launched("factbot", fake, workdir, db) as (_, start):
                results["factbot (commands unchanged: GET)"].append(start)
    return results


async def memory(kind: str, workdir: Path, db: Path, total: int, every: int, questions: list[str]) -> MemoryRun:
    run = MemoryRun()
    async with FakeDiscord(callback_deadline=None) as fake, launched(kind, fake, workdir, db) as (pid, _):
        run.samples.append((0, *proc_memory(pid)))
        sent = 0
        while sent < total:
            for offset in range(sent, sent + every, 50):
                batch = [questions[(offset + i) % len(questions)] for i in range(min(50, sent + every - offset))]
                block = await burst(fake, batch, want_embed=kind == "factbot")
                run.failures += block.failures
            sent += every
            run.samples.append((sent, *proc_memory(pid)))
        # Let the fake's records go: only the bot process is measured, but this one shares the machine.
        fake.interactions.clear()
        fake.requests.clear()
    return run


def report_startup(results: dict[str, list]) -> None:
    floor_median = statistics.median(s.total for s in results["floor"])
    rows: list[list[object]] = []
    for name, values in results.items():
        if name == "python -c pass":
            totals = list(values)
            first = commands = ready = float("nan")
        else:
            totals = [s.total for s in values]
            first = statistics.median(s.first_request for s in values)
            commands = statistics.median(s.commands_done for s in values)
            ready = statistics.median(s.ready for s in values)
        median = statistics.median(totals)
        is_bot = name.startswith("factbot")
        puts = "" if name == "python -c pass" else f"{sum(s.put for s in values)}/{len(values)}"
        rows.append(
            [
                name,
                len(totals),
                puts,
                ms(first * 1000),
                ms(commands * 1000),
                ms(ready * 1000),
                ms(median * 1000),
                ms(max(totals) * 1000),
                x(ratio(median, floor_median)),
                f"≤ {STARTUP_TARGET_S:g} s {mark(max(totals) <= STARTUP_TARGET_S)}" if is_bot else "",
            ]
        )
    show(
        "Start-up: process spawn → commands synced and READY sent (ms, median of runs; floor = minimal discord.py bot)",
        [
            "process",
            "runs",
            "PUT seen",
            "1st HTTP request",
            "commands done",
            "IDENTIFY/READY",
            "total",
            "worst",
            "×floor",
            "target",
        ],
        rows,
    )


def report_memory(runs: dict[str, MemoryRun]) -> None:
    bot, floor = runs["factbot"], runs["floor"]
    rows = [
        [n, f"{rss:.1f}", f"{hwm:.1f}", f"{frss:.1f}", f"{fhwm:.1f}", x(ratio(rss, frss))]
        for (n, rss, hwm), (_, frss, fhwm) in zip(bot.samples, floor.samples, strict=True)
    ]
    show(
        "Memory of the bot process while serving /ask (MB; VmRSS now, VmHWM = peak so far)",
        ["interactions", "factbot RSS", "factbot peak", "floor RSS", "floor peak", "RSS ×floor"],
        rows,
    )
    total = bot.samples[-1][0]
    half = min(bot.samples, key=lambda s: abs(s[0] - total / 2))
    growth = (bot.samples[-1][1] - half[1]) / half[1]
    floor_half = min(floor.samples, key=lambda s: abs(s[0] - total / 2))
    floor_growth = (floor.samples[-1][1] - floor_half[1]) / floor_half[1]
    peak = bot.samples[-1][2]
    show(
        f"Memory verdict after {total:,} interactions",
        ["figure", "factbot", "floor", "target", "met"],
        [
            [
                "peak RSS (VmHWM)",
                f"{peak:.1f} MB",
                f"{floor.samples[-1][2]:.1f} MB",
                f"≤ {PEAK_TARGET_MB:g} MB",
                mark(peak <= PEAK_TARGET_MB),
            ],
            [
                f"RSS growth {half[0]:,} → {total:,}",
                f"{growth:+.1%}",
                f"{floor_growth:+.1%}",
                f"≤ {GROWTH_TARGET:.0%}",
                mark(growth <= GROWTH_TARGET),
            ],
            ["failed interactions", bot.failures, floor.failures, "0", mark(bot.failures == 0)],
        ],
    )


async def run_async(quick: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="factbot-startup-") as tmp:
        workdir = Path(tmp)
        db = workdir / "facts.db"
        shutil.copy(ROOT / "facts.db", db)
        report_startup(await startup(workdir, db, runs=2 if quick else 5))
        total, every = (2_000, 200) if quick else (10_000, 1_000)
        questions = question_bank.varied(2_000, seed=13)
        runs = {}
        for kind in ("floor", "factbot"):
            runs[kind] = await memory(kind, workdir, db, total, every, questions)
            print(f"... memory run of {kind} done", flush=True)
        report_memory(runs)


def run(quick: bool = False) -> None:
    asyncio.run(run_async(quick))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 start-ups per kind, 2,000 interactions")
    args = parser.parse_args(argv)
    show_machine()
    run(args.quick)


if __name__ == "__main__":
    main()
