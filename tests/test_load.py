"""10,000 interactions against the real bot through the fake Discord, with no failure.

Measured on 2 cores: one bot handles about 300 interactions a second (the
engine's ~2 ms per question and discord.py's own work share one GIL), so
10,000 in one process would take ~35 s however they are batched. The test
therefore runs two worker processes, each the real bot (`running_bot`) with its
own fake Discord, 5,000 interactions each in concurrent batches of 20, both on
the same facts.db, as two shards would be (README: "All processes may share one
facts.db"). Each worker checks every reply against the engine's own answer for
that request and reports; this test adds it up.

Run a worker by hand: python -m tests.test_load DB FIRST COUNT
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOTAL = 10_000
WORKERS = 2
BATCH = 20
EXAMPLES = 5  # failures described per worker

QUESTIONS = [
    "how much did r1 cost",
    "How much did it cost to train R1?",
    "r1 price?",
    "how many chips",
    "how many gpus lol",
    "h800 or a100?",
    "how long did training take",
    "80 hours?",
    "when was the paper published",
    "nature paper",
    "who is liang wenfeng",
    "how old is liang wenfeng",
    "what did altman say",
    "openai cost",
    "is it distillation",
    "did they copy openai",
    "export restrictions",
    "why h800",
    "best pizza recipe",
    "r2 release date",
    "gpt-5 cost",
    "@everyone how much did r1 cost",
    "<@123> <@&456> chips?",
    'NEAR("cost" chips) OR *',
    "'; DROP TABLE facts; --",
    "R1 的训练成本是多少？",
    "ｒ１ ｃｏｓｔ",
    "how much did r1 cots",
    "a100 preparatory phase",
    "when was r1 released",
    "what is r1",
    "meta",
]
MODELS = ["r1", "openai", "gpt", "v3", "the R1 model", "gemini"]


def request(i: int) -> tuple[str, dict[str, Any], str | None]:
    """The i-th interaction: (command, options, the text shown as asked)."""
    if i % 10 == 0:
        return "chips", {}, None
    if i % 10 == 5:
        model = MODELS[(i // 10) % len(MODELS)]
        return "cost", {"model": model}, model
    question = QUESTIONS[i % len(QUESTIONS)]
    return "ask", {"question": question}, question


# -- the worker (a subprocess) ------------------------------------------------------


def expected_embeds(db: Path, requests: set[tuple[str, str | None]]) -> tuple[dict[tuple[str, str | None], Any], set]:
    """What each request must get: the engine's answer rendered as the cog renders it."""
    from bot.answers import Engine
    from bot.embeds import answer_embed
    from bot.storage import FactStore
    from bot.views import request_label

    store = FactStore.open(db)
    engine = Engine(store)
    expected, unknown = {}, set()
    try:
        for command, text in requests:
            if command == "chips":
                answer, title, asked = engine.chips(), "Chips", "/chips"
            elif command == "cost":
                answer, title, asked = engine.cost(text), "Training cost", request_label("cost", text)
            else:
                answer, title, asked = engine.ask(text), None, request_label("ask", text)
            if command == "ask" and answer.unanswered in ("not_stated", "no_match"):
                unknown.add(text)  # what /ask counts for /facts gaps
            expected[command, text] = json.loads(json.dumps(answer_embed(answer, title=title, asked=asked).to_dict()))
    finally:
        store.close()
    return expected, unknown


def footer(body: Any) -> str:
    """The part of a callback body that says which answer it is: the embed footer."""
    embeds = ((body or {}).get("data") or {}).get("embeds") or [{}]
    return repr(embeds[0].get("footer", {}).get("text"))


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []
        self.gaps_lost = 0

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("could not count"):
            self.gaps_lost += 1  # counted and checked on its own below
        else:
            self.records.append(f"{record.levelname} {record.name}: {message}")


async def drive(db: Path, first: int, count: int) -> dict[str, Any]:
    from tests.discord_harness import reply, running_bot
    from tests.fakediscord import payloads

    indices = range(first, first + count)
    expected, unknown = expected_embeds(db, {(command, text) for command, _, text in map(request, indices)})
    logs = Collect()
    for name in ("bot", "discord"):
        logging.getLogger(name).addHandler(logs)
    failures: list[str] = []
    latencies: list[float] = []
    unknown_asked = 0
    deferred = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    async with running_bot(db, ask_cooldown_seconds=0) as live:
        fake = live.fake
        for start in range(first, first + count, BATCH):
            batch = [request(i) for i in range(start, min(start + BATCH, first + count))]
            interactions = await asyncio.gather(
                *(
                    fake.send_slash(command, options, user=payloads.user(1100000000000001000 + n % 7, f"user{n % 7}"))
                    for n, (command, options, _) in enumerate(batch, start)
                )
            )
            # What each user ends up seeing: the answer, or the deferral (type 5) and the follow-up filling it in.
            callbacks = await asyncio.gather(*(reply(ix, timeout=10) for ix in interactions), return_exceptions=True)
            deferred += sum(ix.callback_type == 5 for ix in interactions)
            for (command, options, text), ix, callback in zip(batch, interactions, callbacks, strict=True):
                problem = None
                if isinstance(callback, BaseException):
                    problem = f"no reply: {type(callback).__name__}" + "".join(
                        f"; refused {r.status} {r.response_json} after {r.time - (ix.sent_at or 0):.2f}s, "
                        f"sent {footer(r.json)}"
                        for r in ix.rejected
                    )
                elif callback.get("type") != 4:
                    problem = f"callback type {callback.get('type')}: {callback}"
                elif not callback["data"].get("embeds"):
                    problem = f"no embed: {callback['data']}"
                elif callback["data"]["embeds"][0] != expected[command, text]:
                    problem = f"wrong embed {callback['data']['embeds'][0]} != {expected[command, text]}"
                elif callback["data"].get("allowed_mentions") != {"parse": []}:
                    problem = f"may ping: {callback['data'].get('allowed_mentions')}"
                elif ix.rejected:
                    problem = f"{len(ix.rejected)} refused callback(s)"
                if problem is not None:
                    failures.append(f"/{command} {options}: {problem}")
                else:
                    latencies.append(ix.latency or 0.0)
                    unknown_asked += command == "ask" and text in unknown
        # An unknown question is counted (a database write) after the reply: let those finish.
        deadline = time.monotonic() + 15
        while any(t.get_name() == "CommandTree-invoker" and not t.done() for t in asyncio.all_tasks()):
            if time.monotonic() > deadline:
                failures.append("command tasks still running 15 s after the last reply")
                break
            await asyncio.sleep(0.02)
        elapsed = time.perf_counter() - started
        report = {
            "sent": len(fake.interactions),
            "answered": len(latencies),
            "failures": len(failures),
            "examples": failures[:EXAMPLES],
            "unknown_asked": unknown_asked,
            "deferred": deferred,
            "gaps_lost": logs.gaps_lost,
            "unhandled": [f"{r.method} {r.path}" for r in fake.unhandled],
            "fake_errors": [repr(e) for e in fake.errors],
            "persistent_views": len(live.bot.persistent_views),
            "logs": logs.records[:20],
            "log_count": len(logs.records),
            "max_latency": max(latencies, default=0.0),
            "p99_latency": sorted(latencies)[int(len(latencies) * 0.99)] if latencies else 0.0,
            "seconds": elapsed,
            "cpu_seconds": time.process_time() - cpu_started,
        }
    return report


def worker_main(argv: list[str]) -> None:
    db, first, count = Path(argv[0]), int(argv[1]), int(argv[2])
    report = asyncio.run(drive(db, first, count))
    print("REPORT " + json.dumps(report), flush=True)


# -- the tests -------------------------------------------------------------------------


def test_counting_a_gap_does_not_rebuild_the_vocabulary(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.answers import Engine
    from bot.models import Actor
    from bot.moderation import Moderation
    from bot.reading import Vocabulary
    from bot.storage import FactStore

    store, other_shard = FactStore.open(project / "facts.db"), FactStore.open(project / "facts.db")
    try:
        engine = Engine(store)
        assert engine.ask("how many chips").facts[:1] == ["r1-h800-chips"]
        builds: list[int] = []
        build = Vocabulary.from_texts
        monkeypatch.setattr(
            "bot.answers.Vocabulary.from_texts", staticmethod(lambda texts: builds.append(1) or build(texts))
        )
        store.record_unanswered("how many employees")
        store.add_report("r1 cost?", ["r1-training-cost"], "wrong")
        other_shard.record_unanswered("deepseek revenue")
        assert engine.ask("how many chips").facts[:1] == ["r1-h800-chips"]
        assert builds == [], f"the vocabulary was rebuilt {len(builds)} time(s) though no fact changed"
        # A change to the facts themselves must still reach the answers at once.
        fact = store.fact("r1-training-hours")
        Moderation(store).edit(
            fact.id, {"aliases": [*fact.aliases, "zeppelin"]}, fact.version, Actor(id="1", name="a", via="cli")
        )
        assert engine.ask("zeppelin").facts[:1] == ["r1-training-hours"]
        assert builds == [1]
    finally:
        store.close()
        other_shard.close()


def test_ten_thousand_interactions_without_a_failure(project: Path) -> None:
    db = project / "facts.db"
    per_worker = TOTAL // WORKERS
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    started = time.perf_counter()
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.test_load", str(db), str(n * per_worker), str(per_worker)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WORKERS)
    ]
    reports = []
    try:
        for worker in workers:
            out, err = worker.communicate(timeout=180)
            lines = [line for line in out.splitlines() if line.startswith("REPORT ")]
            assert worker.returncode == 0 and lines, f"worker failed ({worker.returncode}):\n{out}\n{err[-3000:]}"
            reports.append(json.loads(lines[-1].removeprefix("REPORT ")))
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    elapsed = time.perf_counter() - started
    print(
        f"\n{TOTAL} interactions in {elapsed:.1f}s ({WORKERS} workers: "
        + ", ".join(f"{r['seconds']:.1f}s wall {r['cpu_seconds']:.1f}s CPU" for r in reports)
        + f"); max latency {max(r['max_latency'] for r in reports):.2f}s, "
        f"p99 {max(r['p99_latency'] for r in reports):.3f}s; deferred {sum(r['deferred'] for r in reports)}"
    )
    for report in reports:
        assert report["failures"] == 0, report["examples"]
        assert report["unhandled"] == [] and report["fake_errors"] == [], report
        assert not [line for line in report["logs"] if line.startswith(("ERROR", "CRITICAL"))], report["logs"]
        assert report["persistent_views"] == 0, "answers' report buttons must not pile up in the view store"
    assert sum(r["sent"] for r in reports) == TOTAL
    assert sum(r["answered"] for r in reports) == TOTAL
    # Both processes counted every unanswered question in the shared database, none lost.
    conn = sqlite3.connect(db)
    try:
        (counted,) = conn.execute("SELECT coalesce(sum(count), 0) FROM unanswered").fetchone()
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    lost = sum(r["gaps_lost"] for r in reports)
    print(f"unanswered questions counted: {counted}, lost to a busy database: {lost}")
    assert lost == 0
    assert counted == sum(r["unknown_asked"] for r in reports) > 0


if __name__ == "__main__":
    worker_main(sys.argv[1:])
