"""Shared by every benchmark: percentiles, tables, machine info and interleaved timing.

The machine is shared and noisy, so no figure stands alone: each is measured
beside its floor in the same run, and the two are sampled *alternately* (one
floor call, one measured call, ...) so that a burst of noise lands on both.
"""

from __future__ import annotations

import gc
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("FACTBOT_BENCH_CACHE", "/tmp/factbot-bench"))
OK, MISS = "✓", "✗"


def ensure_root_on_path() -> None:
    """`tests.fakediscord` and `bench` import from the checkout, whatever the working directory."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


# -- statistics -----------------------------------------------------------------


def percentile(samples: Sequence[float], pct: float) -> float:
    """The pct-th percentile (linear interpolation between closest ranks, as numpy's default)."""
    if not samples:
        return float("nan")
    if len(samples) == 1:
        return float(samples[0])
    ordered = sorted(samples)
    return _interpolated(ordered, pct)


def _interpolated(ordered: Sequence[float], pct: float) -> float:
    position = (len(ordered) - 1) * pct / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class Summary:
    """p50/p99 of one series of latencies, in milliseconds."""

    name: str
    n: int
    p50: float
    p99: float
    mean: float
    max: float

    @classmethod
    def of_ns(cls, name: str, samples_ns: Sequence[int]) -> Summary:
        return cls.of_ms(name, [s / 1e6 for s in samples_ns])

    @classmethod
    def of_ms(cls, name: str, samples_ms: Sequence[float]) -> Summary:
        ordered = sorted(samples_ms)
        if len(ordered) >= 2:
            # statistics.quantiles(n=100, method="inclusive") gives the 99 cut points: [49] is p50, [98] p99.
            cuts = statistics.quantiles(ordered, n=100, method="inclusive")
            p50, p99 = cuts[49], cuts[98]
        else:
            p50 = p99 = ordered[0] if ordered else float("nan")
        return cls(
            name=name,
            n=len(ordered),
            p50=p50,
            p99=p99,
            mean=statistics.fmean(ordered) if ordered else float("nan"),
            max=ordered[-1] if ordered else float("nan"),
        )


def ratio(a: float, b: float) -> float:
    return a / b if b else float("inf")


def mark(ok: bool) -> str:
    return OK if ok else MISS


def ms(value: float) -> str:
    """Milliseconds with sensible precision for anything from microseconds to seconds."""
    if value != value:  # NaN
        return "n/a"
    if value < 1:
        return f"{value:.3f}"
    if value < 100:
        return f"{value:.2f}"
    return f"{value:.0f}"


def x(value: float) -> str:
    return f"{value:.1f}×" if value >= 10 else f"{value:.2f}×"


# -- timing -----------------------------------------------------------------------


def interleaved(
    measured: Callable[[Any], object],
    floor: Callable[[], object],
    inputs: Sequence[Any],
    before: Callable[[Any], object] | None = None,
) -> tuple[list[int], list[int]]:
    """Time `measured(item)` for each input, with one `floor()` call timed right before each.

    `before(item)`, if given, runs untimed ahead of each pair (a write, a cache cleared).
    Returns (measured_ns, floor_ns), equally long. Garbage collection stays on:
    the bot runs with it on, and a collection is part of what a user waits for.
    """
    clock = time.perf_counter_ns
    measured_ns: list[int] = []
    floor_ns: list[int] = []
    gc.collect()
    for item in inputs:
        if before is not None:
            before(item)
        start = clock()
        floor()
        middle = clock()
        measured(item)
        end = clock()
        floor_ns.append(middle - start)
        measured_ns.append(end - middle)
    return measured_ns, floor_ns


def timed_once(func: Callable[[], object]) -> tuple[object, float]:
    """(result, milliseconds) of one call: for one-time costs such as building a cache."""
    start = time.perf_counter_ns()
    result = func()
    return result, (time.perf_counter_ns() - start) / 1e6


# -- output -----------------------------------------------------------------------


def table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub-flavoured markdown table (pasted as-is into BENCHMARKS.md), under a title."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + " |"

    out = [f"### {title}", "", line(cells[0]), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(row) for row in cells[1:]]
    return "\n".join(out) + "\n"


def show(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    print(table(title, headers, rows), flush=True)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def code_version() -> str:
    """The commit measured, and whether bot/ or facts.db differ from it (figures belong to a version)."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "bot", "facts.db"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "n/a (not a git checkout)"
    return commit + (" + uncommitted changes in bot/ or facts.db" if dirty else " (bot/ and facts.db as committed)")


def machine_info() -> list[tuple[str, str]]:
    """What a reader needs to compare figures across machines."""
    import sqlite3

    import discord

    try:
        load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        load = "n/a"
    return [
        ("CPU", cpu_model()),
        ("cores (os.cpu_count)", str(os.cpu_count())),
        ("cores usable (sched_getaffinity)", str(len(os.sched_getaffinity(0)))),
        ("load average at start (1, 5, 15 min)", load),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("SQLite", sqlite3.sqlite_version),
        ("discord.py", discord.__version__),
        ("OS", platform.platform()),
        ("code measured", code_version()),
    ]


def show_machine() -> None:
    show("Machine", ["what", "value"], machine_info())
