"""The fault suite (issue #13): each fault and each class of hostile input, tried many times against the real code.

Run: `python -m bench.faults [--quick] [--only CLASS ...] [--seed N] [--markdown FILE]` from the repository root.

Every class runs the shipped code, not a model of it: real `FactStore`s on copies of
facts.db, real `python -m bot` processes, SIGKILL, `chattr +i`, a full filesystem,
another process holding the write lock, and the real discord.py bot connected to
tests/fakediscord (a fake Discord on 127.0.0.1). For each it prints how many were
tried, survived and lost, and what "lost" means there. A lost trial is never
dropped or retried away: each is printed with what reproduces it, and the run
exits 1. `--quick` (under a minute) is a smoke run of every class with small counts.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import json
import logging
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import code_version, ensure_root_on_path, machine_info, show

ensure_root_on_path()

from bench import hostile  # noqa: E402
from bench.fault_kit import (  # noqa: E402
    CannotMakeReadOnly,
    Outcome,
    Stopwatch,
    child_env,
    factbot,
    fresh_db,
    integrity,
    isolate_environment,
    project,
    read_only,
    shown,
    state,
    workdir,
    write_big_import,
)
from bot import curated  # noqa: E402
from bot.answers import Engine  # noqa: E402
from bot.embeds import answer_embed, factcheck_embed  # noqa: E402
from bot.errors import DiskFull, EditConflict, InvalidEdit, ReadOnlyDatabase  # noqa: E402
from bot.factcheck import Checker  # noqa: E402
from bot.feedback import Feedback  # noqa: E402
from bot.models import Actor, CitationIn, Fact  # noqa: E402
from bot.moderation import Moderation  # noqa: E402
from bot.storage import FactStore  # noqa: E402
from bot.verify import check as verify  # noqa: E402
from bot.views import request_label  # noqa: E402

ALICE = Actor(id="cli:alice", name="alice", via="cli")
SURROGATE = re.compile("[\ud800-\udfff]")
KNOWN = "how much did it cost to train r1"  # answered by r1-training-cost on the shipped database
KNOWN_FACT = "r1-training-cost"
SLOW_MS = 20.0  # issue #13, item 4: 1,000 characters of any shape answered in under 20 ms


# -- logs ------------------------------------------------------------------------------------


class Collected(logging.Handler):
    """Every WARNING and above from the bot and discord.py, so a class can say what it logged."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < 100_000:
            self.records.append(record)

    def since(self, mark: int, name: str = "", level: int = logging.WARNING) -> list[logging.LogRecord]:
        return [r for r in self.records[mark:] if r.name.startswith(name) and r.levelno >= level]


LOGS = Collected()


def quiet_logging() -> None:
    """Warnings are collected, not printed: the tables are the output (each class reports what it logged)."""
    root = logging.getLogger()
    root.handlers[:] = [LOGS]
    root.setLevel(logging.WARNING)


# == 1. concurrent editors ===============================================================


EDITED = ("r1-training-hours", "r1-h800-chips", "openai-training-cost", "distillation-debate")


def edited_answer(number: int, editor: int) -> str:
    return f"Round {number}, editor {editor}: this sentence is one concurrent edit of the fact."


def race(stores: list[FactStore], fact_id: str, base: int, number: int) -> list[str]:
    """Every editor edits `fact_id` from version `base` at the same moment; each one's outcome."""
    barrier = threading.Barrier(len(stores))
    results = [""] * len(stores)

    def edit(editor: int) -> None:
        actor = Actor(id=f"cli:editor-{editor}", name=f"editor {editor}", via="cli")
        barrier.wait()
        try:
            Moderation(stores[editor]).edit(fact_id, {"answer": edited_answer(number, editor)}, base, actor)
            results[editor] = "applied"
        except EditConflict:
            results[editor] = "refused"
        except Exception as error:  # anything else is a loss, reported by the caller
            results[editor] = f"{type(error).__name__}: {error}".replace(str(stores[editor].path), "facts.db")

    threads = [threading.Thread(target=edit, args=(editor,)) for editor in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def concurrent_editors(out: Outcome, quick: bool, seed: int) -> None:
    rounds, editors = (5 if quick else 50), 8
    with workdir("editors") as folder:
        db = project(folder) / "facts.db"
        stores = [FactStore.open(db) for _ in range(editors)]  # a connection pair per editor, as 8 processes
        winners: Counter[int] = Counter()
        errors: Counter[str] = Counter()
        try:
            for number in range(rounds):
                fact_id = EDITED[number % len(EDITED)]
                base = stores[0].fact(fact_id, include_retired=True).version
                seen = len(stores[0].history(fact_id))
                results = race(stores, fact_id, base, number)
                problems = _one_winner(stores[0], fact_id, base, seen, results, number)
                outcomes = ", ".join(f"{count} × {result}" for result, count in Counter(results).most_common())
                winners[results.count("applied")] += 1
                errors.update(result for result in results if result not in ("applied", "refused"))
                failing = sum(result not in ("applied", "refused") for result in results)
                out.check(
                    not problems,
                    f"round {number} ({fact_id} from version {base}): {'; '.join(problems)} — {outcomes}",
                    kind=f"round with {results.count('applied')} applied edit(s), {failing} failing otherwise",
                )
        finally:
            for store in stores:
                store.close()
        sound = integrity(db)
        if sound != "ok":
            out.lose(f"integrity_check after {rounds} rounds: {sound}")
    out.did = (
        f"{rounds} rounds; in each, {editors} threads, each with its own FactStore, start Moderation.edit of one "
        f"fact from the same base version at a barrier ({rounds * editors} edits), over 4 facts in turn."
    )
    out.note("rounds by number of applied edits: " + ", ".join(f"{n} applied: {c}" for n, c in sorted(winners.items())))
    for error, count in errors.most_common():
        out.note(f"{count} edit(s) failed with {error}")


def _one_winner(store: FactStore, fact_id: str, base: int, seen: int, results: list[str], number: int) -> list[str]:
    problems = []
    winners = [i for i, result in enumerate(results) if result == "applied"]
    refused = [i for i, result in enumerate(results) if result == "refused"]
    other = [result for result in results if result not in ("applied", "refused")]
    if len(winners) != 1:
        problems.append(f"{len(winners)} applied edits")
    if other:
        problems.append(f"{len(other)} edit(s) neither applied nor refused as a conflict")
    now = store.fact(fact_id, include_retired=True)
    if winners and (now.version != base + 1 or now.answer != edited_answer(number, winners[0])):
        problems.append(f"stored version {now.version} {now.answer!r} is not the winner's")
    rows = store.history(fact_id)[seen:]
    applied = [(row.actor_id, row.version) for row in rows if row.outcome == "applied"]
    if winners and applied != [(f"cli:editor-{winners[0]}", base + 1)]:
        problems.append(f"applied history rows {applied}")
    refusals = sorted(row.actor_id for row in rows if row.outcome == "refused")
    if refusals != sorted(f"cli:editor-{i}" for i in refused):
        problems.append(f"refusals recorded for {refusals}, refused {refused}")
    if len(rows) != len(results):
        problems.append(f"{len(rows)} history rows for {len(results)} attempts")
    return problems


# == 2. SIGKILL in the middle of a large import ================================================


def import_kill(out: Outcome, quick: bool, seed: int) -> None:
    kills, count = (2, 5000) if quick else (20, 20_000)
    # Kill points spread over the transaction: from the first 64 KiB of write-ahead log to most of it
    # (the log peaks near 900 bytes a fact before the commit).
    smallest, largest = 64 * 1024, 600 * count
    thresholds = [int(smallest * (largest / smallest) ** (k / max(1, kills - 1))) for k in range(kills)]
    random.Random(f"{seed}-kill").shuffle(thresholds)
    outcomes: Counter[str] = Counter()
    early = 0
    with workdir("import-kill") as folder:
        folder = project(folder)
        template = folder / "template.db"
        shutil.copy(folder / "facts.db", template)
        big = write_big_import(folder, count)
        before = len(curated.load(folder / "sources" / "facts.toml").facts)
        db = folder / "facts.db"
        wal = Path(f"{db}-wal")
        for threshold in thresholds:
            for _attempt in range(3):
                fresh_db(template, db)
                killed_at = _kill_import(db, wal, big, threshold)
                if killed_at is not None:
                    break
                early += 1
                threshold //= 4  # it finished first: kill sooner
            else:
                out.note(f"import finished before a kill {3} times in a row at {threshold} bytes")
                continue
            landed, problems = _after_kill(db, before, count)
            outcomes["none" if landed == 0 else "all" if landed == count else "partial"] += 1
            out.check(
                not problems,
                f"SIGKILL at {killed_at} bytes of WAL: {'; '.join(problems)} (reproduce: python -m bench.faults "
                f"--only import-kill --seed {seed})",
            )
    out.did = (
        f"`factbot facts import` of {count:,} new facts as a real process, SIGKILLed {out.tried} times once its "
        f"write-ahead log reached a size spread from 64 KiB to {largest // 2**20} MiB; afterwards: "
        f"{outcomes['none']} left none of it, {outcomes['all']} all of it, {outcomes['partial']} part of it"
        + (f" ({early} runs finished before the kill and were run again, killed sooner)" if early else "")
        + "."
    )


def _kill_import(db: Path, wal: Path, big: Path, threshold: int) -> int | None:
    """Run the import, SIGKILL it once the log holds `threshold` bytes; the size at the kill, None if it finished."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "--db", str(db), "facts", "import", str(big), "--by", "crash-test"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=child_env(),
        cwd=db.parent,
    )
    try:
        deadline = time.monotonic() + 300
        while process.poll() is None and time.monotonic() < deadline:
            size = wal.stat().st_size if wal.exists() else 0
            if size >= threshold:
                process.send_signal(signal.SIGKILL)
                process.wait(timeout=30)
                return size
            time.sleep(0.002)
        return None
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _after_kill(db: Path, before: int, count: int) -> tuple[int, list[str]]:
    problems = []
    conn = sqlite3.connect(db, timeout=30)
    try:
        total = conn.execute("SELECT count(*) FROM facts").fetchone()[0]
        landed = conn.execute("SELECT count(*) FROM facts WHERE id LIKE 'bulk-%'").fetchone()[0]
        history = conn.execute(
            "SELECT count(*) FROM fact_history WHERE actor_name = 'crash-test' AND fact_id LIKE 'bulk-%'"
        ).fetchone()[0]
    finally:
        conn.close()
    if landed not in (0, count) or total != before + landed:
        problems.append(f"partial import: {landed} of {count} bulk facts, {total} facts in all")
    if history not in (0, count) or (history == 0) != (landed == 0):
        problems.append(f"{history} history rows for {landed} imported facts")
    sound = integrity(db)
    if sound != "ok":
        problems.append(f"integrity_check: {sound}")
    checked = factbot(db, "check")
    if checked.returncode != 0:
        problems.append(f"factbot check exit {checked.returncode}: {shown(checked.stderr or checked.stdout)}")
    return landed, problems


# == 3. fuzzed text into the engine and the fact-checker ===========================================


def fuzz_engine(out: Outcome, quick: bool, seed: int) -> None:
    calls = 2_000 if quick else 30_000
    rng = random.Random(f"{seed}-fuzz")
    with workdir("fuzz") as folder:
        store = FactStore.open(project(folder) / "facts.db")
        try:
            engine = Engine(store)
            checker = Checker(engine)
            engine.ask("warm up")  # the vocabulary is built once per facts generation, not per question
            targets: dict[str, Callable[[str], object]] = {
                "Engine.ask": engine.ask,
                "Engine.cost": engine.cost,
                "Engine.fact": engine.fact,
                "Checker.check": checker.check,
            }
            stats = {name: {"calls": 0, "long": 0, "max_long_ms": 0.0, "first_over": 0} for name in targets}
            names = list(targets)
            clean_inputs = clean_lost = 0
            for index in range(calls):
                name = names[index % len(names)]
                length = hostile.length(rng)
                text = hostile.text(rng, length)
                problem, elapsed, over = _fuzz_call(name, targets[name], text, length == 1000)
                if SURROGATE.search(text) is None:
                    clean_inputs += 1
                    clean_lost += problem is not None
                entry = stats[name]
                entry["calls"] += 1
                if length == 1000:
                    entry["long"] += 1
                    entry["max_long_ms"] = max(entry["max_long_ms"], elapsed)
                    entry["first_over"] += over
                out.check(
                    problem is None,
                    f"{name}({text[:120]!r}{'…' if len(text) > 120 else ''}) [{length} chars; call {index} of "
                    f"`--only fuzz --seed {seed}`]: {problem}",
                    f"{name}: " + ", ".join(sorted({part.split(":")[0] for part in (problem or "").split("; ")})),
                )
        finally:
            store.close()
    long_calls = sum(s["long"] for s in stats.values())
    out.did = (
        f"{calls:,} calls, round-robin over Engine.ask/cost/fact and Checker.check, of 1–1,000 characters "
        f"(random code points with lone surrogates and controls, FTS5/SQL syntax, Discord mentions and links, "
        f"long words, typos, figures; {long_calls:,} calls of exactly 1,000); each result's JSON "
        "(`model_dump_json`) and its Discord embed were produced."
    )
    for name, entry in stats.items():
        out.note(
            f"{name}: {entry['calls']:,} calls, {entry['long']:,} of 1,000 characters, slowest of those "
            f"{entry['max_long_ms']:.1f} ms; {entry['first_over']} over {SLOW_MS:.0f} ms at first timing"
        )
    out.note(f"inputs without a lone surrogate: {clean_inputs:,} calls, {clean_lost:,} lost")


def _fuzz_call(name: str, func: Callable[[str], object], text: str, timed: bool) -> tuple[str | None, float, bool]:
    """(what went wrong or None, milliseconds, whether the first timing was over the bound)."""
    started = time.perf_counter()
    try:
        result = func(text)
    except Exception as error:
        return f"raised {type(error).__name__}: {error}", (time.perf_counter() - started) * 1000, False
    elapsed = (time.perf_counter() - started) * 1000
    problems = []
    over = timed and elapsed > SLOW_MS
    if over:
        # One slow timing on a shared machine may be the machine: the same input is timed twice more
        # and lost only if every timing is over the bound.
        best = min(_timed(func, text) for _ in range(2))
        if best > SLOW_MS:
            problems.append(f"slow: {elapsed:.1f} ms, then {best:.1f} ms at best on 1,000 characters")
    try:
        result.model_dump_json()  # type: ignore[attr-defined]
    except Exception as error:
        problems.append(f"JSON failed, {type(error).__name__}: {shown(str(error), 160)}")
    try:
        if name == "Checker.check":
            embed = factcheck_embed(result)  # type: ignore[arg-type]
        else:
            embed = answer_embed(result, asked=request_label(name.split(".")[1], text))  # type: ignore[arg-type]
        json.dumps(embed.to_dict())
    except Exception as error:
        problems.append(f"embed failed, {type(error).__name__}: {error}")
    return ("; ".join(problems) or None), elapsed, over


def _timed(func: Callable[[str], object], text: str) -> float:
    started = time.perf_counter()
    func(text)
    return (time.perf_counter() - started) * 1000


# == 4. bytes that are not UTF-8 through the real command line ====================================


CLI_COMMANDS = ("ask", "fact", "cost", "factcheck")


def cli_bytes(out: Outcome, quick: bool, seed: int) -> None:
    runs = 12 if quick else 200
    rng = random.Random(f"{seed}-argv")
    valid = 0
    with workdir("cli-bytes") as folder:
        db = project(folder) / "facts.db"
        for index in range(runs):
            command = CLI_COMMANDS[index % len(CLI_COMMANDS)]
            raw = hostile.argv_bytes(rng)
            try:
                raw.decode("utf-8")
                valid += 1
            except UnicodeDecodeError:
                pass
            # `--` so an argument that starts with "-" is the question, not an option.
            done = factbot(db, command, "--json", "--", raw)
            problem = _json_problem(done, command)
            out.check(
                problem is None,
                f"python -m bot --db facts.db {command} --json -- $'{_bash_bytes(raw)}' → {problem}",
            )
    out.did = (
        f"{runs} real `python -m bot … --json` processes ({', '.join(CLI_COMMANDS)} in turn), each given one argument "
        f"of raw bytes ({runs - valid} not valid UTF-8: stray continuation bytes, overlong forms, encoded surrogates)."
    )


def _json_problem(done: subprocess.CompletedProcess[bytes], command: str) -> str | None:
    if b"Traceback" in done.stderr or b"Traceback" in done.stdout:
        return "traceback: " + shown(done.stderr.splitlines()[-1] if done.stderr else done.stdout)
    try:
        data = json.loads(done.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return f"not JSON ({error}): exit {done.returncode}, {shown(done.stdout or done.stderr)}"
    if not isinstance(data, dict):
        return f"JSON but not an object: {shown(done.stdout)}"
    if done.returncode not in ((0, 1) if command == "fact" else (0,)):
        return f"exit {done.returncode}: {shown(done.stderr)}"
    return None


def _bash_bytes(raw: bytes) -> str:
    return "".join(chr(b) if 32 <= b < 127 and b not in b"'\\" else f"\\x{b:02x}" for b in raw)


# == 10. disk full ===================================================================================


Write = Callable[[FactStore, int], object]
QUEUE = "record_unanswered via the queue"


def cap_connections(store: FactStore) -> int:
    """SQLite's own "database or disk is full" at the file's current size, on every connection the store
    has or opens (the technique of tests/test_hostile_limits.py, kept across a reopen)."""
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    inner = store._new_connection

    def capped():
        db = inner()
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    store._new_connection = capped  # type: ignore[method-assign]
    for db in (store.db, store._writer_connection()):
        db.execute(f"PRAGMA max_page_count = {pages}")
    return pages


def _long_aliases(n: int) -> list[str]:
    return [f"alias {n} {i} " + "w" * 40 for i in range(40)]


def _article(scratch: Path, n: int) -> Path:
    """A new article file (its own SHA-256), written where there is room: never on the full disk itself."""
    path = scratch / f"article-{n}.txt"
    path.write_text(f"Article {n}. " + " ".join(f"word{n}x{i}" for i in range(4000)), encoding="utf-8")
    return path


def write_paths(articles: Path, scratch: Path, tag: str = "w") -> dict[str, Write]:
    """Each way the library writes, as one call that writes more with every `n` (so a full disk is reached).

    `articles` is the folder `sources add` copies into (beside the database), `scratch` a folder
    with room for the article files themselves; `tag` keeps one caller's topics and questions apart
    from another's on the same file."""

    def edit(store: FactStore, n: int) -> object:
        fact = store.fact("r1-training-hours", include_retired=True)
        changes = {"answer": f"R1's final training run lasted 80 hours (edit {n}).", "aliases": _long_aliases(n)}
        return Moderation(store).edit(fact.id, changes, fact.version, ALICE)

    def add(store: FactStore, n: int) -> object:
        data = {
            "topic": "chips",
            "subject": "r1",
            "answer": f"Bulk fact {tag} {n}: R1's training cluster held 512 Nvidia H800 chips in all.",
            "aliases": _long_aliases(n),
            "citations": [{"source": "slashdot", "quote": "512 Nvidia H800 chips"}],
        }
        return Moderation(store).add(data, ALICE)

    def import_(store: FactStore, n: int) -> object:
        moderation = Moderation(store)
        facts = [
            Fact(
                id=f"import-{tag}-{n}-{i}",
                topic="chips",
                subject="r1",
                answer=f"Imported fact {n}.{i}: R1 trained on 512 Nvidia H800 chips.",
                aliases=_long_aliases(i),
                citations=[CitationIn(source="slashdot", quote="512 Nvidia H800 chips")],
            )
            for i in range(20)
        ]
        plan = moderation.plan_import(curated.Curated(sources=store.sources(), facts=facts), articles)
        return moderation.apply_import(plan, ALICE)

    def add_question(store: FactStore, n: int) -> object:
        return Moderation(store).add_question("r1-training-hours", f"{tag} {'q' * 250} {n}", ALICE)

    def retire_restore(store: FactStore, n: int) -> object:
        moderation = Moderation(store)
        if store.fact("r1-training-hours", include_retired=True).status == "active":
            return moderation.retire("r1-training-hours", f"reason {n} " + "r" * 280, ALICE)
        return moderation.restore("r1-training-hours", ALICE)

    def add_topic(store: FactStore, n: int) -> object:
        return Moderation(store).add_topic(f"{tag}-topic-{n}-" + "t" * 40, ALICE)

    def add_source(store: FactStore, n: int) -> object:
        return Moderation(store).add_source(_article(scratch, n), f"Headline {n}", None, None, None, articles)

    def report(store: FactStore, n: int) -> object:
        return Feedback(store).report(f"question {n} " + "x" * 190, ["r1-training-cost"], f"note {n} " + "n" * 480)

    return {
        "edit": edit,
        "add": add,
        "import": import_,
        "add_question": add_question,
        "retire/restore": retire_restore,
        "add_topic": add_topic,
        "sources add": add_source,
        "report": report,
    }


def until_refused(store: FactStore, write: Write, limit: int) -> tuple[int, BaseException | None]:
    """Write until a write fails: (writes that landed, the error), or (limit, None) if none failed."""
    for n in range(limit):
        try:
            write(store, n)
        except Exception as error:
            return n, error
    return limit, None


def judge_full(name: str, error: BaseException | None, landed: int) -> str | None:
    if error is None:
        return f"never full after {landed} writes"
    if isinstance(error, DiskFull) and "full" in str(error):
        return None
    if name == "sources add" and isinstance(error, InvalidEdit) and "No space left" in str(error):
        return None  # the article's own copy could not be written first: said in one sentence
    return f"after {landed} writes: {type(error).__module__}.{type(error).__name__}: {error}"


def queue_until_refused(store: FactStore, expect: str = "is full", questions: int = 900) -> str | None:
    """Unanswered questions through the bounded queue until its writer cannot write them.

    The caller of `unanswered` must never see an error, and the writer must take each failed
    write as a FactbotError it keeps the counts for ("could not count … yet"), never as an
    unexpected error that drops them.
    """
    mark = len(LOGS.records)
    feedback = Feedback(store)

    def refusals() -> list[str]:
        return [r.getMessage() for r in LOGS.since(mark, "bot.feedback") if r.getMessage().startswith("could not")]

    written = False
    try:
        for n in range(questions):
            feedback.unanswered(f"unanswered {n} " + " ".join(f"w{n}x{i}" for i in range(40)))
        deadline = time.monotonic() + 10
        while not refusals() and time.monotonic() < deadline:
            written = feedback.flush(timeout=0.05)
            if written:
                break
    except Exception as error:
        return f"unanswered() raised {type(error).__name__}: {error}"
    finally:
        feedback.close(timeout=0.2)
    records = LOGS.since(mark, "bot.feedback")
    unexpected = [r for r in records if r.levelno >= logging.ERROR or "unexpected" in r.getMessage()]
    if unexpected:
        raised = unexpected[0].exc_info[1] if unexpected[0].exc_info else None
        return f"the writer logged {unexpected[0].getMessage()!r} ({raised!r})"
    if written and not refusals():
        return "every queued question was written: the fault was never reached"
    if not any(expect in message for message in refusals()):
        return f"the writer never said {expect!r} (it said {refusals()[:1] or 'nothing'})"
    return None


def library_full(store: FactStore, name: str, write: Write | None) -> str | None:
    """Write one way until the disk is full: one DiskFull, and the store still answers."""
    if write is None:
        return queue_until_refused(store)
    landed, error = until_refused(store, write, 400)
    problem = judge_full(name, error, landed)
    if problem is None:
        facts = Engine(store).ask(KNOWN).facts
        if facts[:1] != [KNOWN_FACT]:
            problem = f"once the disk was full, `{KNOWN}` gave {facts}"
    return problem


def prefill(db: Path, scratch: Path) -> None:
    """Fill the pages of every table the CLI writes to, under the cap, so that the next write of any kind
    needs a page the file cannot have (a CLI process caps at the size it finds)."""
    store = FactStore.open(db)
    try:
        cap_connections(store)
        paths = write_paths(db.parent / "sources" / "articles", scratch, tag="prefill")
        for name in ("add_question", "edit", "report", "retire/restore", "add_topic"):
            until_refused(store, paths[name], 400)
        for n in range(3000):
            try:
                store.record_unanswered(f"prefill {n} " + "p" * 180)
            except DiskFull:
                break
    finally:
        store.close()


# The real command line, with every connection capped at the file's size when it is opened: the
# in-process technique of tests/test_hostile_limits.py, in a real process.
CAPPED_CLI = """
import sys
from bot.storage import FactStore

original = FactStore._connect.__func__

def capped(cls, path, target, *, uri=False):
    store = original(cls, path, target, uri=uri)
    inner = store._new_connection
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]

    def connect():
        db = inner()
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    store._new_connection = connect
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    return store

FactStore._connect = classmethod(capped)
from bot.cli import main
sys.argv[0] = "factbot"
main()
"""


def cli_write_commands(folder: Path, *, ask: bool) -> list[list[str]]:
    """Each CLI write, as arguments that write a lot; "{n}" is the run number."""
    aliases = ", ".join(_long_aliases(0))
    big = folder / "sources" / "cli-import.toml"
    if not big.exists():
        data = curated.load(folder / "sources" / "facts.toml")
        extra = [
            Fact(
                id=f"cli-import-{i}",
                topic="chips",
                subject="r1",
                answer=f"CLI-imported fact {i}: R1 trained on 512 Nvidia H800 chips.",
                aliases=_long_aliases(i),
                citations=[CitationIn(source="slashdot", quote="512 Nvidia H800 chips")],
            )
            for i in range(200)
        ]
        big.write_text(curated.dumps(curated.Curated(sources=data.sources, facts=extra)))
    commands = [
        ["facts", "edit", "r1-training-hours", "--aliases", "{n} " + aliases, "--by", "alice"],
        [
            "facts",
            "add",
            "--topic",
            "chips",
            "--subject",
            "r1",
            "--answer",
            "{n}: R1 used 512 Nvidia H800 chips.",
            "--source",
            "slashdot",
            "--quote",
            "512 Nvidia H800 chips",
            "--aliases",
            aliases,
            "--by",
            "alice",
        ],
        ["facts", "import", str(big), "--by", "alice"],
        ["facts", "add-question", "r1-training-hours", "{n} " + "q" * 280, "--by", "alice"],
        ["facts", "retire", "r1-training-hours", "--reason", "{n} " + "r" * 290, "--by", "alice"],
        ["facts", "add-topic", "cli-topic-{n}-" + "t" * 44, "--by", "alice"],
    ]
    if ask:
        commands.append(["ask", "{n} how many employees does the unknown company have " + "z" * 120])
    return commands


def judge_cli(done: subprocess.CompletedProcess[bytes], argv: list[str]) -> tuple[bool, str | None]:
    """(finished, problem). A write is finished once refused with one `Error:` sentence saying the disk is
    full; `ask` once it answered while the gap it could not count was only a warning."""
    output = (done.stdout + done.stderr).decode("utf-8", "replace")
    if "Traceback" in output:
        return True, f"traceback: {shown(output.strip().splitlines()[-1])}"
    errors = [line for line in done.stderr.decode("utf-8", "replace").splitlines() if line.startswith("Error: ")]
    if argv[0] == "ask":
        if done.returncode == 1 and len(errors) == 1 and " full" in errors[0]:
            return True, None  # the file cannot even be opened: one sentence
        if done.returncode != 0 or not done.stdout.strip():
            return True, f"ask exit {done.returncode}: {shown(output)}"
        return ("could not count" in output or "not writable" in output), None
    if done.returncode == 0:
        return False, None
    if done.returncode == 1 and len(errors) == 1 and " full" in errors[0] and errors[0].count("\n") == 0:
        return True, None
    return True, f"exit {done.returncode}: {shown(output)}"


def cli_until_refused(db: Path, args: list[str], capped: bool) -> str | None:
    for n in range(40):
        argv = [arg.replace("{n}", str(n)) for arg in args]
        if argv[:2] == ["facts", "retire"] and n % 2:
            argv = ["facts", "restore", "r1-training-hours", "--by", "alice"]
        if capped:
            done = subprocess.run(
                [sys.executable, "-c", CAPPED_CLI, "--db", str(db), *argv],
                capture_output=True,
                timeout=120,
                cwd=db.parent,
                env=child_env(),
                check=False,
            )
        else:
            done = factbot(db, *argv)
        finished, problem = judge_cli(done, argv)
        if finished:
            return None if problem is None else f"run {n}: {problem}"
    return "never refused in 40 runs"


@contextlib.contextmanager
def small_filesystem(folder: Path, size: str) -> Iterator[Path | None]:
    """A tmpfs of `size` mounted at `folder` (root only), unmounted after; None if this machine won't mount one."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        yield None
        return
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "factbot-faults", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode:
        yield None
        return
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], capture_output=True, check=False).returncode:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def fill_disk(folder: Path, leave: int) -> None:
    """Fill the filesystem holding `folder` until at most `leave` bytes are free."""
    with (folder / "filler").open("ab") as filler:
        chunk = b"\0" * 65536
        while True:
            free = shutil.disk_usage(folder).free
            if free <= leave:
                return
            try:
                filler.write(chunk[: max(1, min(len(chunk), free - leave))])
                filler.flush()
            except OSError:
                return


def disk_full(out: Outcome, quick: bool, seed: int) -> None:
    lib_trials, cli_trials, real_trials = (1, 1, 1) if quick else (5, 3, 2)
    counts: Counter[str] = Counter()
    with workdir("disk-full") as folder:
        scratch = folder / "scratch"
        scratch.mkdir()
        homes = (project(folder / f"p{n}") for n in itertools.count())
        paths = [*write_paths(folder, scratch), QUEUE]
        for _trial in range(lib_trials):
            for name in paths:
                # (a) SQLite's cap, in this process: each library write path until the file cannot grow;
                # (a2) the same, in a store opened on a file that is already full (as a new process finds it).
                for already in (False, True):
                    home = next(homes)
                    if already:
                        prefill(home / "facts.db", scratch)
                    store = FactStore.open(home / "facts.db")
                    try:
                        cap_connections(store)
                        write = write_paths(home / "sources" / "articles", scratch).get(name)
                        problem = library_full(store, name, write)
                    finally:
                        store.close()
                    how = "library, full when opened" if already else "library, filled while open"
                    counts[how] += 1
                    out.check(problem is None, f"{how}: {name} (max_page_count capped): {problem}", f"{how}: {name}")
        # (b) the real command line on a full file, each process capped at the size it finds.
        for trial in range(cli_trials):
            for args in cli_write_commands(folder / "p0", ask=trial == 0 and not quick):
                home = next(homes)
                prefill(home / "facts.db", scratch)
                problem = cli_until_refused(home / "facts.db", args, capped=True)
                counts["CLI, capped"] += 1
                what = f"factbot {' '.join(args[:2])}"
                out.check(problem is None, f"{what}, max_page_count capped: {problem}", f"CLI, capped: {what}")
        # (c) a filesystem that is really full: the library and the real CLI on a tmpfs with no room left.
        with small_filesystem(folder / "tmpfs", "8m") as disk:
            if disk is None:
                out.note("not run: a really full filesystem (this machine would not mount a tmpfs)")
            for trial in range(real_trials if disk else 0):
                for name in paths:
                    for leave in (48 * 1024, 0):
                        home = _on_full_disk(disk, leave)
                        problem = _full_store(home, name, scratch)
                        counts["library, full tmpfs"] += 1
                        said = f"library {name}, tmpfs with {leave} bytes free: {problem}"
                        out.check(problem is None, said, f"library, full tmpfs: {name}")
                for args in cli_write_commands(folder / "p0", ask=trial == 0 and not quick):
                    home = _on_full_disk(disk, 48 * 1024)
                    problem = cli_until_refused(home / "facts.db", args, capped=False)
                    counts["CLI, full tmpfs"] += 1
                    what = f"factbot {' '.join(args[:2])}"
                    out.check(problem is None, f"{what}, tmpfs full: {problem}", f"CLI, full tmpfs: {what}")
    out.did = (
        "Each write path (edit, add, import, add_question, retire/restore, add_topic, sources add, report, and "
        "record_unanswered through the queue) written until the disk was full: "
        + ", ".join(f"{count} × {how}" for how, count in counts.items())
        + " (max_page_count capped at the file's size, as tests/test_hostile_limits.py does; the CLI: facts "
        "edit/add/import/add-question/retire/add-topic and ask as real processes; the tmpfs: 8 MiB, filled to "
        "48 KiB or 0 bytes free)."
    )


def _on_full_disk(disk: Path, leave: int) -> Path:
    """A fresh project on the tmpfs, the rest of the tmpfs filled."""
    for child in disk.iterdir():
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()
    home = project(disk / "project")
    fill_disk(disk, leave)
    return home


def _full_store(home: Path, name: str, scratch: Path) -> str | None:
    """Open the store on a full disk and write until refused: one DiskFull, never a raw SQLite error."""
    try:
        store = FactStore.open(home / "facts.db")
    except DiskFull:
        return None  # not even room for its shared-memory file: said in one sentence
    except Exception as error:
        return f"open: {type(error).__module__}.{type(error).__name__}: {error}"
    try:
        write = write_paths(home / "sources" / "articles", scratch).get(name)
        return library_full(store, name, write)
    finally:
        with contextlib.suppress(Exception):
            store.close()


# == 11. a read-only database file ===================================================================


READ_ONLY_VARIANTS = ("file", "file and folder", "mode=ro")


def read_only_file(out: Outcome, quick: bool, seed: int) -> None:
    from bench.faults_discord import read_only_over_discord

    trials = 1 if quick else 5
    how = "n/a"
    with workdir("read-only") as folder:
        base = project(folder / "base")
        for trial in range(trials):
            for variant in READ_ONLY_VARIANTS:
                work = folder / f"{trial}-{READ_ONLY_VARIANTS.index(variant)}"
                shutil.copytree(base, work)
                db = work / "facts.db"
                if variant == "file and folder":
                    (work / "ro").mkdir()
                    shutil.move(db, work / "ro" / "facts.db")
                    db = work / "ro" / "facts.db"
                before = state(db)
                try:
                    if variant == "mode=ro":
                        _read_only_checks(out, db, work, variant, lambda db=db: _ro_store(db), cli=False)
                    else:
                        with read_only(*((db,) if variant == "file" else (db, db.parent))) as how:
                            _read_only_checks(out, db, work, variant, lambda db=db: FactStore.open(db), cli=True)
                            if variant == "file":
                                for what, ok, detail in read_only_over_discord(db):
                                    out.check(ok, f"{variant}, over Discord: {what}: {detail}")
                except CannotMakeReadOnly as error:
                    out.note(f"{variant}: not run ({error})")
                    continue
                out.check(state(db) == before, f"{variant}: the database changed while it was read-only")
    out.did = (
        f"{trials}× each: the file made read-only ({how}; over Discord too), the file and its folder read-only "
        "(SQLite cannot make its -shm: the immutable fallback), and a `mode=ro` connection. Each time: answers, "
        "every write path (edit, add, import, add_question, retire/restore, add_topic, sources add, report, "
        "record_unanswered, the queue), `factbot check`, and CLI edit/retire/sources add; then the file compared."
    )


def _ro_store(db: Path) -> FactStore:
    return FactStore._connect(db, f"{db.resolve().as_uri()}?mode=ro", uri=True)


def _refused_read_only(write: Callable[[], object]) -> str | None:
    try:
        write()
    except ReadOnlyDatabase as error:
        return None if "read-only" in str(error) else f"ReadOnlyDatabase said {error}"
    except Exception as error:
        return f"{type(error).__module__}.{type(error).__name__}: {error}"
    return "the write succeeded"


def _read_only_checks(
    out: Outcome, db: Path, writable: Path, variant: str, opener: Callable[[], FactStore], *, cli: bool
) -> None:
    scratch = writable / "scratch"
    scratch.mkdir(exist_ok=True)
    articles = writable / "sources" / "articles"
    store = opener()
    try:
        facts = Engine(store).ask(KNOWN).facts
        out.check(facts[:1] == [KNOWN_FACT], f"{variant}: `{KNOWN}` answered with {facts}")
        for name, write in write_paths(articles, scratch).items():
            problem = _refused_read_only(lambda write=write: write(store, 0))
            out.check(problem is None, f"{variant}: {name}: {problem}")
        problem = _refused_read_only(lambda: store.record_unanswered("how many employees"))
        out.check(problem is None, f"{variant}: record_unanswered: {problem}")
        problem = queue_until_refused(store, expect="read-only")
        out.check(problem is None, f"{variant}: {QUEUE}: {problem}")
        facts = Engine(store).ask("how many gpus").facts
        out.check(facts[:1] == ["r1-h800-chips"], f"{variant}: after the refusals `how many gpus` gave {facts}")
        if not cli:
            problems = verify(store, articles)
            out.check(problems == [], f"{variant}: check found {problems}")
    finally:
        store.close()
    if not cli:
        return
    done = factbot(db, "check")
    out.check(
        done.returncode == 0 and "✓".encode() in done.stdout,
        f"{variant}: factbot check exit {done.returncode}: {shown(done.stdout + done.stderr)}",
    )
    done = factbot(db, "ask", KNOWN)
    out.check(done.returncode == 0 and b"$294,000" in done.stdout, f"{variant}: factbot ask: {shown(done.stdout)}")
    for args in (
        ["facts", "edit", "r1-training-hours", "--answer", "R1's final training run took 80 hours.", "--by", "x"],
        ["facts", "retire", "r1-training-hours", "--reason", "superseded", "--by", "x"],
        ["sources", "add", str(_article(scratch, 1)), "--headline", "A new article", "--articles", str(scratch / "a")],
    ):
        done = factbot(db, *args)
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        out.check(
            done.returncode == 1 and len(lines) == 1 and "read-only" in lines[0] and b"Traceback" not in done.stderr,
            f"{variant}: factbot {' '.join(args[:2])}: exit {done.returncode}: {shown(done.stdout + done.stderr)}",
        )


# == the runner =========================================================================================


def classes() -> list[tuple[str, str, str, str, Callable[[Outcome, bool, int], None]]]:
    """(key, title, unit, what lost means, run) for every class, in the issue's order."""
    from bench import faults_discord as d

    return [
        (
            "editors",
            "1. 8 concurrent editors, one base version",
            "rounds",
            "a round with ≠ 1 applied edit, a refusal without its history row, or any other error",
            concurrent_editors,
        ),
        (
            "import-kill",
            "2. SIGKILL mid-import (20k facts)",
            "kills",
            "part of the import landed, or integrity_check / `factbot check` failed afterwards",
            import_kill,
        ),
        (
            "fuzz",
            "3. fuzzed text into ask/cost/fact/check",
            "calls",
            f"an exception, a result whose JSON or embed can't be produced, or > {SLOW_MS:.0f} ms on 1,000 characters",
            fuzz_engine,
        ),
        (
            "cli-bytes",
            "4. non-UTF-8 argv through the real CLI --json",
            "processes",
            "a traceback, or stdout that is not one JSON object",
            cli_bytes,
        ),
        (
            "wrong-people",
            "5. /facts from the wrong people",
            "interactions",
            "any change to a fact, topic, source, history row, gap or report, or an interaction without a response",
            d.wrong_people,
        ),
        (
            "autocomplete",
            "5b. moderator autocomplete from the wrong people",
            "interactions",
            "any choice offered (fact ids, topics, subjects and sources are moderator data)",
            d.autocomplete,
        ),
        (
            "mentions",
            "6. pings and rendered mentions",
            "replies",
            'a reply without allowed_mentions {"parse": []}, text matching RENDERING, or no reply',
            d.mentions,
        ),
        (
            "token",
            "7. token in DEBUG logs",
            "processes",
            "the token (or its secret part) in stdout or stderr",
            d.token_logs,
        ),
        (
            "write-lock",
            "8. write lock held by another process",
            "rounds",
            "the known answer later than 1 s or missing, any of the 50 unanswered, or any of them not counted",
            d.write_lock,
        ),
        (
            "replaced",
            "9. database file replaced (mv / cp)",
            "replacements",
            "old facts served, integrity_check not ok, or a write after the replacement missing from the new file",
            d.replaced_file,
        ),
        (
            "disk-full",
            "10. disk full, every write path",
            "write paths",
            "a raw sqlite3 (or other) error instead of DiskFull, a CLI traceback, or answers stopped",
            disk_full,
        ),
        (
            "read-only",
            "11. read-only database file",
            "checks",
            "an answer not served, a write not refused with ReadOnlyDatabase, `factbot check` failing, or a change",
            read_only_file,
        ),
        (
            "gateway",
            "12. gateway and HTTP faults",
            "faults",
            "a command sent after recovery not answered (Discord's 3 s deadline enforced)",
            d.gateway_faults,
        ),
    ]


def run_class(key: str, title: str, unit: str, means: str, run, quick: bool, seed: int) -> Outcome:
    out = Outcome(key=key, title=title, unit=unit, means=means)
    mark = len(LOGS.records)
    clock = Stopwatch()
    print(f"… {title}", file=sys.stderr, flush=True)
    try:
        run(out, quick, seed)
    except Exception:
        out.error = traceback.format_exc()
    out.seconds = clock.seconds
    errors = Counter(r.getMessage() for r in LOGS.since(mark, "bot", logging.ERROR))
    if errors:
        out.note("ERROR lines the bot logged: " + ", ".join(f"{n} × {message!r}" for message, n in errors.items()))
    return out


def report(outcomes: Sequence[Outcome]) -> str:
    """The whole result as markdown: the table, then per class what was done and every loss."""
    rows = [
        (
            o.title,
            o.unit,
            f"{o.tried:,}",
            f"{o.survived:,}",
            "error" if o.error else f"{o.lost:,}",
            o.means,
            f"{o.seconds:.1f}",
        )
        for o in outcomes
    ]
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        show("Fault suite", ["fault", "unit", "tried", "survived", "lost", 'what "lost" means', "seconds"], rows)
        print("### What each class did\n")
        for o in outcomes:
            print(f"- **{o.title}**: {o.did or '(did not finish)'}")
            for note in o.notes:
                print(f"  - {note}")
        print()
        lost = [o for o in outcomes if o.lost or o.error]
        if lost:
            print("### Lost, with what reproduces each\n")
            for o in lost:
                print(f"- **{o.title}**: {o.lost:,} lost" + (" — the harness failed" if o.error else ""))
                for kind, count in o.kinds.most_common():
                    print(f"  - {count:,} × {kind}")
                if o.losses:
                    print(f"  - the first {len(o.losses)}, with what reproduces each:")
                for example in o.losses:
                    print(f"    - {example}")
                if o.error:
                    print("\n```\n" + o.error.strip() + "\n```\n")
            print()
    return buffer.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    every = classes()
    parser = argparse.ArgumentParser(prog="python -m bench.faults", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small counts: every class in under a minute")
    parser.add_argument("--only", action="append", choices=[c[0] for c in every], help="run only this class")
    parser.add_argument("--seed", type=int, default=13, help="seed for every random input (default 13)")
    parser.add_argument("--markdown", type=Path, help="also write the machine and the results to this file")
    args = parser.parse_args(argv)
    isolate_environment()
    quiet_logging()
    machine = [*machine_info(), ("code run", str(Path(sys.modules["bot"].__file__).parent))]
    show("Machine", ["what", "value"], machine)
    command = "python -m bench.faults" + (" --quick" if args.quick else "") + f" --seed {args.seed}"
    command += "".join(f" --only {key}" for key in args.only or [])
    print(f"Command: `{command}`\n", flush=True)
    clock = Stopwatch()
    outcomes = [
        run_class(key, title, unit, means, run, args.quick, args.seed)
        for key, title, unit, means, run in every
        if not args.only or key in args.only
    ]
    text = report(outcomes)
    total = clock.seconds
    print(text, flush=True)
    ending = f"(all: {total:.0f} s; code at the end: {code_version()})"
    print(ending, flush=True)
    if args.markdown:
        machine_table = io.StringIO()
        with contextlib.redirect_stdout(machine_table):
            show("Machine", ["what", "value"], machine)
        args.markdown.write_text(f"Command: `{command}`\n\n{machine_table.getvalue()}\n{text}\n{ending}\n")
    return 1 if any(o.lost or o.error for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
