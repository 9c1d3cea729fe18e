"""Readers' feedback: questions no fact answered, and "Wrong answer?" reports.

Counting an unanswered question is bookkeeping, and bookkeeping never stands
in an answer's way: questions go onto a bounded in-memory queue that one
writer thread drains, adding up repeats and writing each batch in one
transaction. While the database is locked or cannot be written, the writer
keeps the counts (a bounded number of distinct questions) and tries again;
past the bound a question is dropped with a log line, never waited for.
Reports are written at once, because the reader asked for exactly that and is
told whether it worked.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
from collections import Counter

from bot.answers import clean
from bot.errors import FactbotError
from bot.models import CLAIM_PREFIX
from bot.storage import FactStore

MAX_NOTE = 500  # the report form's own limit
MAX_REPORTED_QUESTION = 256  # an embed author's name, where the question is read from
MAX_REPORTED_FACTS = 3  # an answer cites at most three facts

log = logging.getLogger(__name__)

PENDING = 1000  # distinct questions held while they cannot be written; past this they are dropped
RETRY_SECONDS = 1.0
_STOP = object()


def normalise_question(question: str) -> str:
    """What gaps count: lowercase words only, so "R1 revenue?" and "r1 revenue" are one gap."""
    return " ".join(re.findall(r"[^\W_]+", clean(question, 200).lower()))[:200]


class Feedback:
    """Where both fronts send what readers tell the moderators."""

    def __init__(self, store: FactStore, pending: int = PENDING) -> None:
        self.store = store
        self.pending = pending
        self._queue: queue.Queue[object] = queue.Queue(maxsize=pending)
        self._counts: Counter[str] = Counter()  # drained from the queue, not yet written
        self._idle = threading.Condition()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.dropped = 0

    def unanswered(self, question: str) -> None:
        """Count a question no fact answered, without waiting for the database."""
        # Always normalised, even when it starts "claim: ": only `unverified` files claims, so a
        # reader cannot ask a question into a claim, nor past the normalising.
        self._count(normalise_question(question))

    def unverified(self, claim: str) -> None:
        """Count a claim the articles don't cover, beside the unanswered questions ("claim: …" in /facts gaps)."""
        text = normalise_question(claim)
        if text:
            self._count(f"{CLAIM_PREFIX}{text}")

    def _count(self, text: str) -> None:
        if not text:
            return
        self._ensure_writer()
        try:
            self._queue.put_nowait(text)
        except queue.Full:
            self._drop(text)

    def report(self, question: str | None, fact_ids: list[str], note: str | None) -> int:
        """A reader's "wrong answer" report; no user id is stored. Raises a FactbotError if it can't be saved.

        The form's lengths are Discord's client-side limits only, so they are held here too: a forged
        submit stores no more than the form lets a reader type.
        """
        note = (note or "").strip()[:MAX_NOTE] or None
        question = question[:MAX_REPORTED_QUESTION] if question else question
        return self.store.add_report(question, fact_ids[:MAX_REPORTED_FACTS], note)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every question counted so far is written; False if `timeout` ran out first."""
        if self._thread is None:
            return True
        with self._idle:
            return self._idle.wait_for(lambda: self._queue.unfinished_tasks == 0 and not self._counts, timeout)

    def close(self, timeout: float = 6.0) -> None:
        """Write what is waiting (within `timeout`), then stop the writer."""
        if self._thread is None:
            return
        if not self.flush(timeout):
            log.warning("database not writable at shutdown: %d unanswered question(s) not counted", len(self._counts))
        self._queue.put(_STOP)
        self._thread.join(timeout=RETRY_SECONDS + 1)
        self._thread = None

    def _drop(self, text: str) -> None:
        self.dropped += 1
        log.warning("too many unanswered questions waiting to be counted: dropping %r", text)

    def _ensure_writer(self) -> None:
        if self._thread is not None:
            return
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="factbot-gaps", daemon=True)
                self._thread.start()

    def _take(self, block: bool) -> bool:
        """Move queued questions into the counts; False once told to stop."""
        try:
            item = self._queue.get(block=block, timeout=RETRY_SECONDS if block else None)
        except queue.Empty:
            return True
        while True:
            if item is _STOP:
                self._queue.task_done()
                return False
            text = str(item)
            if text in self._counts or len(self._counts) < self.pending:
                self._counts[text] += 1
            else:
                self._drop(text)
            self._queue.task_done()
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return True

    def _run(self) -> None:
        running = True
        while running:
            running = self._take(block=True)
            if not self._counts:
                with self._idle:
                    self._idle.notify_all()
                continue
            try:
                self.store.record_unanswered_counts(dict(self._counts))
                self._counts.clear()
            except FactbotError as error:
                # Locked, read-only or full: keep the counts and try again on the next round.
                log.warning("could not count %d unanswered question(s) yet: %s", len(self._counts), error)
            except Exception:
                # The writer must outlive any one bad write, or every later gap is lost.
                log.exception("unexpected error counting unanswered questions")
                self._counts.clear()
            with self._idle:
                self._idle.notify_all()
