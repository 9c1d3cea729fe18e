"""A process killed in the middle of a large import leaves all of it or none of it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.fault_kit import write_big_import
from bot import curated
from bot.storage import FactStore
from bot.verify import check

N = 20_000


def test_sigkill_mid_import_leaves_all_or_nothing(project: Path) -> None:
    big = write_big_import(project, N)
    db = project / "facts.db"
    wal = project / "facts.db-wal"
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "--db", str(db), "facts", "import", str(big), "--by", "crash-test"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "LOG_LEVEL": "WARNING"},
    )
    deadline = time.monotonic() + 120
    # The transaction is under way once the write-ahead log grows past a few pages.
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 512 * 1024:
            break
        time.sleep(0.01)
    assert process.poll() is None, "the import finished before it could be killed; make it bigger"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)

    store = FactStore.open(db)
    count = len(store.facts(include_retired=True))
    before = len(curated.load(project / "sources" / "facts.toml").facts)
    assert count in (before, before + N), f"partial import: {count} facts"
    assert count == before, "killed mid-transaction: nothing of the import may have landed"
    assert check(store, project / "sources" / "articles") == []
    store.close()
