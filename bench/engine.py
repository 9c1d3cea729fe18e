"""Engine.ask / cost / chips latency on the shipped facts.db, beside a bare FTS5 query.

Run: `python -m bench.engine [--quick]` from the repository root.

The floor is the cheapest thing an answer could possibly cost on this
database: one FTS5 MATCH for a single term, ranked, 20 rows, on the same
connection. Each measured call is timed right after one floor call, so noise
on this shared machine hits both series alike.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import questions as question_bank
from bench.common import CACHE, ROOT, Summary, interleaved, mark, ms, ratio, show, show_machine, timed_once, x
from bot.answers import Engine
from bot.factcheck import Checker
from bot.storage import FactStore
from tests import quality

FLOOR_SQL = "SELECT rowid FROM facts_fts WHERE facts_fts MATCH ? ORDER BY rank LIMIT 20"
FLOOR_TERM = "cost"
COST_ALIASES: tuple[str | None, ...] = (
    None,
    "r1",
    "R-1",
    "deepseek-r1",
    "The DeepSeek-R1 model",
    "the R1 model",
    "openai",
    "gpt",
    "ChatGPT",
    "sam altman",
    "meta",
    "llama",
    "v3",
    "nvidia",
    "gtp",
    "gpt-5",
    "claude",
)
P99_TARGET_MS = 2.0
FACTCHECK_TARGET_MS = 10.0
FACTCHECK = "factcheck, 1,000 characters"
MESSAGE_CHARS = 1000
RATIO_TARGET = 5.0


@dataclass
class Series:
    """One operation's latencies and its floor's, sampled alternately."""

    name: str
    measured: Summary
    floor: Summary

    @property
    def ratio_p50(self) -> float:
        return ratio(self.measured.p50, self.floor.p50)

    @property
    def ratio_p99(self) -> float:
        return ratio(self.measured.p99, self.floor.p99)


@dataclass
class EngineResult:
    label: str
    facts: int
    floor_term_docs: int
    vocab_build_ms: float
    vocab_words: int
    series: list[Series] = field(default_factory=list)

    def get(self, name: str) -> Series:
        return next(s for s in self.series if s.name == name)


def shipped_copy() -> Path:
    """A copy of the shipped facts.db: opening a WAL database creates -wal/-shm files beside it."""
    CACHE.mkdir(parents=True, exist_ok=True)
    target = CACHE / "shipped-facts.db"
    shutil.copy(ROOT / "facts.db", target)
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    return target


def measure(
    db: Path,
    questions: Sequence[str],
    *,
    label: str,
    cost_rounds: int,
    chips_rounds: int,
    warmup: int = 100,
    seed: int = 11,
    after_gap: int = 0,
    factchecks: int = 0,
) -> EngineResult:
    """Time ask over `questions`, cost over COST_ALIASES × `cost_rounds` and chips × `chips_rounds`.

    `after_gap` more questions are each asked right after an unanswered question is counted
    (`record_unanswered`, untimed), as on Discord after every refused /ask: any cache that
    such a write invalidates shows up there. The database is copied first, since this writes.
    """
    scratch = CACHE / "scratch-facts.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(scratch) + suffix).unlink(missing_ok=True)
    shutil.copy(db, scratch)
    store = FactStore.open(scratch)
    try:
        conn = store.db.conn
        facts = conn.execute("SELECT count(*) FROM facts WHERE status = 'active'").fetchone()[0]
        docs = conn.execute("SELECT count(*) FROM facts_fts WHERE facts_fts MATCH ?", [FLOOR_TERM]).fetchone()[0]

        def floor() -> object:
            return conn.execute(FLOOR_SQL, [FLOOR_TERM]).fetchall()

        engine = Engine(store)
        # One-time: the vocabulary cache Reader builds on first use (and after any write).
        vocab, vocab_ms = timed_once(lambda: engine.vocab)
        result = EngineResult(label, facts, docs, vocab_ms, len(vocab.words))  # type: ignore[attr-defined]

        for question in questions[:warmup]:
            floor()
            engine.ask(question)
        for alias in COST_ALIASES:
            engine.cost(alias)
        engine.chips()

        kinds: list[str] = []

        def ask(question: str) -> None:
            kinds.append(engine.ask(question).kind)

        asked, floors = interleaved(ask, floor, questions)
        result.series.append(Series("ask", Summary.of_ns("ask", asked), Summary.of_ns("floor", floors)))
        for kind, title in (("answer", "ask: answered"), ("unknown", "ask: refused")):
            picked = [i for i, k in enumerate(kinds) if k == kind]
            if picked:
                result.series.append(
                    Series(
                        title,
                        Summary.of_ns(title, [asked[i] for i in picked]),
                        Summary.of_ns("floor", [floors[i] for i in picked]),
                    )
                )

        # The engine keeps full-text search results per facts generation: the row above is what a
        # running bot sees. This one clears them before each question (untimed), as if every
        # question were the first of its concepts since the last edit.
        def clear_searches(_: object) -> None:
            engine._searches.clear()  # the engine without its search cache

        uncached, uncached_floor = interleaved(engine.ask, floor, questions, before=clear_searches)
        title = "ask, search cache cleared first"
        result.series.append(Series(title, Summary.of_ns(title, uncached), Summary.of_ns("floor", uncached_floor)))

        if after_gap:
            # Each question right after an unanswered one is counted, as on Discord after a refusal.
            gaps = list(enumerate(questions[:after_gap]))
            gap_ns, gap_floor = interleaved(
                lambda item: engine.ask(item[1]),
                floor,
                gaps,
                before=lambda item: store.record_unanswered(f"benchmark gap {item[0]}"),
            )
            title = "ask after a gap is counted"
            result.series.append(Series(title, Summary.of_ns(title, gap_ns), Summary.of_ns("floor", gap_floor)))

        aliases = list(COST_ALIASES) * cost_rounds
        random.Random(seed).shuffle(aliases)
        cost_ns, cost_floor = interleaved(engine.cost, floor, aliases)
        result.series.append(Series("cost", Summary.of_ns("cost", cost_ns), Summary.of_ns("floor", cost_floor)))

        chips: Callable[[object], object] = lambda _: engine.chips()  # noqa: E731
        chips_ns, chips_floor = interleaved(chips, floor, range(chips_rounds))
        result.series.append(Series("chips", Summary.of_ns("chips", chips_ns), Summary.of_ns("floor", chips_floor)))

        if factchecks:
            checker = Checker(engine)
            messages = long_messages(factchecks, seed)
            for message in messages[:20]:
                checker.check(message)
            check_ns, check_floor = interleaved(checker.check, floor, messages)
            title = FACTCHECK
            result.series.append(Series(title, Summary.of_ns(title, check_ns), Summary.of_ns("floor", check_floor)))
        return result
    finally:
        store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(scratch) + suffix).unlink(missing_ok=True)


def long_messages(count: int, seed: int) -> list[str]:
    """Messages of 1,000 characters made of claims people wrote (the dev claim banks), shuffled."""
    claims = [item["text"] for name in ("claims_dev", "claims_dev2") for item in quality.load(name)]
    rng = random.Random(seed)
    messages = []
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p) + 2 for p in parts) < MESSAGE_CHARS:
            parts.append(rng.choice(claims))
        messages.append(". ".join(parts)[:MESSAGE_CHARS])
    return messages


def rows(result: EngineResult) -> list[list[object]]:
    out: list[list[object]] = []
    for s in result.series:
        main = s.name in ("ask", "cost", "chips")
        checks = [s.measured.p99 <= P99_TARGET_MS] if main else []
        target = f"p99 ≤ {P99_TARGET_MS:g} ms" if main else "—"
        if s.name == FACTCHECK:
            checks, target = [s.measured.p99 <= FACTCHECK_TARGET_MS], f"p99 ≤ {FACTCHECK_TARGET_MS:g} ms"
        if s.name == "ask":
            checks += [s.ratio_p50 <= RATIO_TARGET, s.ratio_p99 <= RATIO_TARGET]
            target += f"; ≤ {RATIO_TARGET:g}× floor"
        out.append(
            [
                s.name,
                s.measured.n,
                ms(s.measured.p50),
                ms(s.measured.p99),
                ms(s.floor.p50),
                ms(s.floor.p99),
                x(s.ratio_p50),
                x(s.ratio_p99),
                target,
                " ".join(mark(c) for c in checks) if checks else "",
            ]
        )
    return out


HEADERS = ["operation", "n", "p50 ms", "p99 ms", "floor p50", "floor p99", "×floor p50", "×floor p99", "target", "met"]


def report(result: EngineResult) -> None:
    show(
        f"Engine on {result.label} ({result.facts} facts) — floor: bare FTS5 MATCH '{FLOOR_TERM}' "
        f"({result.floor_term_docs} matching docs), ORDER BY rank LIMIT 20",
        HEADERS,
        rows(result),
    )
    show(
        f"One-time cost on {result.label}",
        ["what", "ms", "note"],
        [
            [
                "Reader.vocab first build",
                ms(result.vocab_build_ms),
                f"{result.vocab_words} words; paid on first use and again whenever the cache is invalidated",
            ]
        ],
    )


def run(quick: bool = False) -> EngineResult:
    count = 400 if quick else 2500
    questions = question_bank.varied(count)
    result = measure(
        shipped_copy(),
        questions,
        label="shipped facts.db",
        cost_rounds=10 if quick else 120,
        chips_rounds=200 if quick else 2000,
        after_gap=50 if quick else 300,
        factchecks=100 if quick else 1000,
    )
    report(result)
    return result


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run in seconds")
    args = parser.parse_args(argv)
    show_machine()
    run(args.quick)


if __name__ == "__main__":
    main()
