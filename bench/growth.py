"""How Engine latency grows with the facts table: synthetic 1k, 10k and 100k-fact databases.

Run: `python -m bench.growth [--quick]` from the repository root.

Each size gets the same measurements as bench/engine.py (ask, cost, chips,
each beside a bare FTS5 query on the same database), plus the one-time costs
(building the database, Reader's vocabulary cache). Databases are built through
FactStore.build and cached in /tmp/factbot-bench, so only the first run pays.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import questions as question_bank
from bench import synth
from bench.common import mark, ms, ratio, show, show_machine, x
from bench.engine import FLOOR_TERM, EngineResult, measure
from bot.storage import FactStore

# facts → (questions, cost rounds over the 17 aliases, chips calls, questions asked right after a
# counted gap). At 100k one ask costs ~50-100 ms here, so the largest size gets fewer samples.
PLAN = {1_000: (2_000, 30, 300, 100), 10_000: (1_000, 10, 100, 30), 100_000: (300, 3, 30, 10)}
QUICK_PLAN = {1_000: (300, 5, 50, 10), 10_000: (200, 2, 20, 5)}
P99_TARGET_MS = 10.0
GROWTH_TARGET = 5.0
STOP = set(synth.STOP)


def synthetic_questions(db: Path, count: int, seed: int = 5) -> list[str]:
    """Questions about the synthetic facts themselves, made from their answers' and aliases' words."""
    store = FactStore.open(db)
    try:
        rows = store.db.execute(
            "SELECT answer, aliases FROM facts WHERE id LIKE 'syn-%' ORDER BY rowid LIMIT ?", [count * 7]
        ).fetchall()
    finally:
        store.close()
    rng = random.Random(seed)
    templates = (
        "what about {0} {1}",
        "how much {0} {1}",
        "{0} {1} {2}?",
        "tell me about the {0} of {1}",
        "{0} and {1}",
    )
    out: list[str] = []
    for answer, aliases in rows[::7]:
        words = [w for w in re.findall(r"[a-z]+", answer.lower()) if w not in STOP and len(w) > 3]
        words += [a for a in json.loads(aliases) if " " not in a]
        if len(words) < 3:
            continue
        out.append(rng.choice(templates).format(*rng.sample(words, 3)))
    return out


def run(quick: bool = False) -> list[EngineResult]:
    plan = QUICK_PLAN if quick else PLAN
    results: list[EngineResult] = []
    one_time: list[list[object]] = []
    for size, (per_size, cost_rounds, chips_rounds, after_gap) in plan.items():
        db, built = synth.database(size)
        # A third of each size's questions are about synthetic facts, the rest the bank and its variants.
        base = question_bank.bank() + synthetic_questions(db, per_size // 3)
        random.Random(size).shuffle(base)
        asked = question_bank.varied(per_size, seed=size, base=base)
        result = measure(
            db,
            asked,
            label=f"synthetic {size:,}",
            cost_rounds=cost_rounds,
            chips_rounds=chips_rounds,
            warmup=min(100, per_size // 10),
            after_gap=after_gap,
        )
        results.append(result)
        one_time.append(
            [
                f"{size:,}",
                f"{built:.1f} s (built now)" if built is not None else "cached",
                f"{db.stat().st_size / 1e6:.1f} MB",
                ms(result.vocab_build_ms),
                result.vocab_words,
                result.floor_term_docs,
            ]
        )
        print(f"... measured {size:,} facts", flush=True)

    headers = ["facts", "op", "n", "p50 ms", "p99 ms", "floor p50", "floor p99", "×floor p50", "×floor p99"]
    table_rows: list[list[object]] = []
    for result in results:
        for name in ("ask", "ask: answered", "ask: refused", "ask after a gap is counted", "cost", "chips"):
            try:
                s = result.get(name)
            except StopIteration:
                continue
            table_rows.append(
                [
                    f"{result.facts:,}",
                    name,
                    s.measured.n,
                    ms(s.measured.p50),
                    ms(s.measured.p99),
                    ms(s.floor.p50),
                    ms(s.floor.p99),
                    x(s.ratio_p50),
                    x(s.ratio_p99),
                ]
            )
    show(
        f"Engine on synthetic databases — floor: bare FTS5 MATCH '{FLOOR_TERM}' ORDER BY rank LIMIT 20, same database",
        headers,
        table_rows,
    )

    first, last = results[0], results[-1]
    growth_rows: list[list[object]] = []
    for name in ("ask", "cost", "chips"):
        a, b = first.get(name), last.get(name)
        g50, g99 = ratio(b.measured.p50, a.measured.p50), ratio(b.measured.p99, a.measured.p99)
        f50, f99 = ratio(b.floor.p50, a.floor.p50), ratio(b.floor.p99, a.floor.p99)
        growth_rows.append(
            [
                name,
                ms(b.measured.p99),
                mark(b.measured.p99 <= P99_TARGET_MS),
                x(g50),
                x(g99),
                mark(g50 <= GROWTH_TARGET and g99 <= GROWTH_TARGET),
                x(f50),
                x(f99),
            ]
        )
    show(
        f"Growth {first.facts:,} → {last.facts:,} facts (targets: p99 ≤ {P99_TARGET_MS:g} ms at the largest size, "
        f"largest/smallest ≤ {GROWTH_TARGET:g}×)",
        [
            "op",
            f"p99 ms @{last.facts:,}",
            f"≤{P99_TARGET_MS:g} ms",
            "growth p50",
            "growth p99",
            f"≤{GROWTH_TARGET:g}×",
            "floor growth p50",
            "floor growth p99",
        ],
        growth_rows,
    )
    show(
        "One-time costs per size",
        [
            "facts",
            "database build",
            "file size",
            "Reader.vocab build ms",
            "vocab words",
            f"docs matching '{FLOOR_TERM}'",
        ],
        one_time,
    )
    return results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k only, fewer questions")
    args = parser.parse_args(argv)
    show_machine()
    run(args.quick)


if __name__ == "__main__":
    main()
