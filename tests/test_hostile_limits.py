"""Issue 13, items 4–6 and 8–10: hostile input stays cheap and printable; a full disk, a read-only file
and an oversized value each get one clear sentence instead of a traceback or a silent change."""

from __future__ import annotations

import contextlib
import random
import sqlite3
import string
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.answers import Engine
from bot.cli import cli
from bot.errors import DiskFull, InvalidEdit
from bot.factcheck import Checker
from bot.models import Actor, Fact
from bot.moderation import Moderation, format_value_input, parse_value
from bot.storage import FactStore
from bot.verify import check

ALICE = Actor(id="1", name="alice", via="discord")
CHIPS_CITATION = {"source": "slashdot", "quote": "512 Nvidia H800 chips"}
BOUND_MS = 20  # the bound for 1,000 characters of any shape; generous for a loaded 2-core machine


def shapes(seed: int) -> dict[str, str]:
    """1,000 characters of each awkward shape, different on every call so no cache helps."""
    rng = random.Random(seed)
    letters = string.ascii_lowercase

    def word(n: int) -> str:
        return "".join(rng.choice(letters) for _ in range(n))

    return {
        "one long word": word(1000),
        "long word near the vocabulary": ("distillation" + word(3)) * 66,
        "random words": " ".join(word(rng.randint(3, 12)) for _ in range(200)),
        "near-typos": " ".join(
            rng.choice(["chps", "nvidea", "trainng", "distilation", "h8oo"]) + word(1) for _ in range(200)
        ),
        "letters and digits": "".join(rng.choice(letters + string.digits) for _ in range(1000)),
        "one question over and over": "how much did r1 cost and how many chips? " * 25,
        "figures": f"${rng.randint(1, 99)}M {rng.randint(1, 9)}k a100s 80 minutes 512 h800s " * 25,
        "other scripts": "".join(chr(rng.randint(0x400, 0x3000)) for _ in range(1000)),
    }


@pytest.mark.parametrize("shape", list(shapes(0)))
def test_a_thousand_characters_of_any_shape_are_answered_quickly(engine: Engine, shape: str) -> None:
    engine.ask("warm up")  # the vocabulary is built once per facts generation, not per question
    best = min(_timed(engine.ask, shapes(seed)[shape][:1000]) for seed in range(1, 4))
    assert best < BOUND_MS, f"{shape}: {best:.1f} ms"


def _timed(func, text: str) -> float:
    started = time.perf_counter()
    func(text)
    return (time.perf_counter() - started) * 1000


@pytest.mark.parametrize(
    "command", [["ask", "--json"], ["fact", "--json"], ["cost", "--json"], ["factcheck", "--json"]]
)
def test_bytes_that_are_not_utf8_never_crash_json(project: Path, command: list[str]) -> None:
    # A real process: argv bytes that aren't UTF-8 reach Python as lone surrogates.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "--db",
            str(project / "facts.db"),
            *command,
            b"r1 \xff\xfe cost".decode("utf-8", "surrogateescape"),
        ],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=60,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout.strip().startswith("{"), result.stdout + result.stderr


@pytest.mark.parametrize("call", ["ask", "cost", "fact", "factcheck"])
def test_a_lone_surrogate_from_any_front_still_makes_json(engine: Engine, call: str) -> None:
    # Discord's JSON can carry "\\udcff" too, and the library is called without the CLI's cleaning.
    text = "r1 \udcff cost"
    result = Checker(engine).check(text) if call == "factcheck" else getattr(engine, call)(text)
    assert "\ufffd" in result.model_dump_json() or "\\ufffd" in result.model_dump_json()


def test_an_unknown_fact_id_is_suggested_without_building_every_fact(engine: Engine, monkeypatch) -> None:
    built: list[int] = []
    original = Fact.model_construct.__func__

    def counting(cls, *args, **kwargs):
        built.append(1)
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(Fact, "model_construct", classmethod(counting))
    answer = engine.fact("r1-training-hour")
    assert "r1-training-hours" in answer.suggestions
    assert engine.fact_choices("cost")
    assert len(built) <= 2, f"{len(built)} facts built to suggest an id: the search must run in SQLite"


def full_disk(store: FactStore) -> None:
    """Cap the file at its current size: SQLite's own 'database or disk is full', as on a full disk."""
    for conn in (store.db.conn, store._writer_connection().conn):
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_is_one_sentence_for_every_write(store: FactStore) -> None:
    full_disk(store)
    moderation = Moderation(store)
    big = "x" * 250
    with pytest.raises(DiskFull, match="is full: changes cannot be saved"):
        for n in range(50):  # enough new pages to need more than the file has
            moderation.add_question("r1-training-hours", f"{big} {n}", ALICE)
    with pytest.raises(DiskFull):
        for n in range(50):
            store.record_unanswered(f"{big} {n}")


def test_adding_facts_works_again_once_a_full_disk_has_room(store: FactStore) -> None:
    # sqlite-utils learns whether upserts work by creating a table on a connection's first upsert;
    # on a full disk that fails and, remembered, made every later add fail a foreign key.
    full_disk(store)
    moderation = Moderation(store)
    with contextlib.suppress(DiskFull):
        for n in range(200):  # use up the file's free pages, without an upsert
            store.add_report("q", [], f"{'n' * 400} {n}")

    def fact(n: int) -> dict[str, object]:
        answer = f"Fact {n}: R1 used 512 Nvidia H800 chips."
        return {"topic": "chips", "subject": "r1", "answer": answer, "citations": [CHIPS_CITATION]}

    with contextlib.suppress(DiskFull):
        moderation.add(fact(1), ALICE)
    for conn in (store.db.conn, store._writer_connection().conn):
        conn.execute("PRAGMA max_page_count = 1073741823")
    added = moderation.add(fact(2), ALICE)
    assert store.fact(added.id).answer == "Fact 2: R1 used 512 Nvidia H800 chips."


def test_the_cli_says_the_disk_is_full_in_one_sentence(project: Path, monkeypatch) -> None:
    original = FactStore._connect.__func__

    def capped(cls, path, target, *, uri=False):
        store = original(cls, path, target, uri=uri)
        inner = store._new_connection

        def connect():
            db = inner()
            pages = db.conn.execute("PRAGMA page_count").fetchone()[0]
            db.conn.execute(f"PRAGMA max_page_count = {pages}")
            return db

        store._new_connection = connect
        store.db = connect()
        return store

    monkeypatch.setattr(FactStore, "_connect", classmethod(capped))
    runner = CliRunner()
    for n in range(40):
        result = runner.invoke(
            cli,
            [
                "--db",
                str(project / "facts.db"),
                "facts",
                "add-question",
                "r1-training-hours",
                "q" * 250 + str(n),
                "--by",
                "alice",
            ],
        )
        if result.exit_code:
            break
    assert result.exit_code == 1
    assert "Traceback" not in result.output and result.output.count("\n") == 1
    assert "is full: changes cannot be saved" in result.output


def test_check_on_a_healthy_read_only_database_passes(project: Path) -> None:
    db = project / "facts.db"
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    conn.close()
    store = FactStore.open(db)
    store.close()
    read_only = FactStore._connect(db, f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert check(read_only, project / "sources" / "articles") == []
    finally:
        read_only.close()


@pytest.mark.parametrize("text", ["9" * 52 + " billion", "12345678901234567890", "9007199254740993 chips"])
def test_a_value_that_cannot_be_stored_exactly_is_refused(text: str) -> None:
    with pytest.raises(InvalidEdit) as error:
        parse_value(text)
    assert error.value.problems[0][0] == "value"


def test_a_stored_value_always_fits_its_own_form(store: FactStore) -> None:
    for fact in store.facts(include_retired=True):
        assert len(format_value_input(fact)) <= 60
    largest = parse_value("9007199254740992 chips")
    fact = store.fact("r1-h800-chips").model_copy(update=largest)
    assert len(format_value_input(fact)) <= 60 and parse_value(format_value_input(fact)) == largest
