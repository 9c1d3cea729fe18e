"""The only module that touches SQLite. Everything goes through `FactStore`.

The database is plain sqlite-utils: tables `sources`, `facts`, `citations`,
`conflicts`, an FTS5 index `facts_fts` kept in sync by triggers, and the
schema version in sqlite-utils' `_sqlite_migrations` table. Readers' feedback
lives beside them: numbered gaps (`unanswered`) and `reports`, each recording
what became of it once a moderator closed it.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import os
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils
from sqlite_utils import Database

from bot.curated import Curated, read_article
from bot.errors import (
    CuratedFileError,
    DatabaseBusy,
    DatabaseMissing,
    DatabaseUnreadable,
    DiskFull,
    EditConflict,
    ImportRace,
    InvalidEdit,
    NotFound,
    ReadOnlyDatabase,
    SchemaMismatch,
)
from bot.models import CLAIM_PREFIX, Actor, Citation, CitationIn, Fact, Gap, HistoryEntry, Report, Source
from bot.text import index_text

log = logging.getLogger(__name__)

MIGRATION_SET = "factbot"
migrations = sqlite_utils.Migrations(MIGRATION_SET)
BUSY_TIMEOUT_MS = 5000


@migrations()
def m001_initial(db: Database) -> None:
    db["sources"].create(
        {
            "id": str,
            "headline": str,
            "outlet": str,
            "date": str,
            "date_note": str,
            "path": str,
            "sha256": str,
            "text": str,
        },
        pk="id",
        not_null={"headline", "path", "sha256", "text"},
    )
    db["facts"].create(
        {
            "id": str,
            "topic": str,
            "subject": str,
            "answer": str,
            "value": float,
            "unit": str,
            "qualifier": str,
            "aliases": str,
            # The citations' quotes, joined, so one FTS5 index covers answer,
            # aliases and quotes and its triggers keep it in sync.
            "quotes": str,
            "version": int,
            "status": str,
        },
        pk="id",
        not_null={"topic", "subject", "answer", "version", "status"},
        defaults={"version": 1, "status": "active", "aliases": "[]", "quotes": ""},
    )
    db["facts"].create_index(["topic", "subject"])
    db["citations"].create(
        {"id": int, "fact_id": str, "source_id": str, "position": int, "quote": str},
        pk="id",
        foreign_keys=[("fact_id", "facts", "id"), ("source_id", "sources", "id")],
        not_null={"fact_id", "source_id", "quote"},
    )
    db["citations"].create_index(["fact_id", "position"])
    db["conflicts"].create(
        {"fact_id": str, "other_id": str},
        pk=("fact_id", "other_id"),
        foreign_keys=[("fact_id", "facts", "id"), ("other_id", "facts", "id")],
    )
    db["facts"].enable_fts(["answer", "aliases", "quotes"], create_triggers=True, tokenize="porter")


@migrations()
def m002_history_reports_gaps(db: Database) -> None:
    # No foreign key to facts: a refused attempt to add a fact names an id that never existed.
    db["fact_history"].create(
        {
            "id": int,
            "fact_id": str,
            "version": int,
            "action": str,
            "outcome": str,
            "actor_id": str,
            "actor_name": str,
            "via": str,
            "at": str,
            "note": str,
            "before": str,
            "after": str,
        },
        pk="id",
        not_null={"fact_id", "action", "outcome", "actor_id", "actor_name", "via", "at"},
    )
    db["fact_history"].create_index(["fact_id", "id"])
    db["reports"].create(
        {"id": int, "question": str, "fact_ids": str, "note": str, "at": str, "status": str},
        pk="id",
        defaults={"status": "open"},
    )
    # Normalised question text and a count only: no user ids are ever stored.
    db["unanswered"].create(
        {"question": str, "count": int, "first_asked": str, "last_asked": str},
        pk="question",
    )


@migrations()
def m003_facts_generation(db: Database) -> None:
    # A counter the triggers move on every change to a fact, so a process can tell in one
    # tiny query whether any process changed the facts (gaps and reports don't count).
    db["facts_generation"].create({"id": int, "n": int}, pk="id")
    db["facts_generation"].insert({"id": 1, "n": 0})
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(
            f"""CREATE TRIGGER facts_generation_{event.lower()} AFTER {event} ON facts
                BEGIN UPDATE facts_generation SET n = n + 1 WHERE id = 1; END"""
        )


@migrations()
def m004_fact_questions(db: Database) -> None:
    # Example questions per fact, and one column the full-text index reads: every searchable field,
    # stemmed in Python by the same stemmer the answer engine uses, so both agree on every word.
    db["facts"].add_column("questions", str, not_null_default="[]")
    db["facts"].add_column("search", str, not_null_default="")
    for row in db.execute("SELECT id, topic, subject, answer, aliases, quotes FROM facts").fetchall():
        fact_id, topic, subject, answer, aliases, quotes = row
        text = index_text(topic, subject, answer, " ".join(json.loads(aliases or "[]")), quotes or "")
        db.execute("UPDATE facts SET search = ? WHERE id = ?", [text, fact_id])
    db["facts"].disable_fts()
    db["facts"].enable_fts(["search"], create_triggers=True, tokenize="unicode61")


def fact_search_text(fact: Fact) -> str:
    """What the full-text index holds for a fact: all its searchable fields, stemmed."""
    return index_text(
        fact.topic,
        fact.subject,
        fact.answer,
        " ".join(fact.aliases),
        " ".join(fact.questions),
        " ".join(c.quote for c in fact.citations),
    )


@migrations()
def m005_topics(db: Database) -> None:
    # The topics a fact may have. Adding one is a moderator's explicit act, recorded in history,
    # so a typo in a topic is refused instead of quietly becoming a new topic. Seeded with the
    # topics the facts already use, in the order they first appear.
    db["topics"].create({"name": str}, pk="name")
    db.execute("INSERT INTO topics (name) SELECT topic FROM facts GROUP BY topic ORDER BY min(rowid)")


GAP_CLOSING = ("fact_id", "note", "closed_by", "closed_by_id", "closed_via", "closed_at")
REPORT_CLOSING = ("resolution", "closed_by", "closed_by_id", "closed_via", "closed_at")


@migrations()
def m006_gap_ids_and_outcomes(db: Database) -> None:
    # Moderators act on a gap by number, so each gets an id that never changes: its rowid, so
    # existing gaps keep theirs. Its text stays unique (repeats add to the count), and a gap
    # records what became of it: taught to a fact, a fact added for it, or dismissed, by whom
    # and when, like a closed report. The moderator who closed it, never who asked.
    gaps = db["unanswered"]
    gaps.add_column("id", int)
    db.execute("UPDATE unanswered SET id = rowid")
    gaps.transform(pk="id", column_order=("id",), not_null={"question", "count"})
    gaps.add_column("status", str, not_null_default="open")
    for column in GAP_CLOSING:
        gaps.add_column(column, str)
    gaps.create_index(["question"], unique=True)
    gaps.create_index(["status", "count"])
    for column in REPORT_CLOSING:
        db["reports"].add_column(column, str)


def topic_history_id(topic: str) -> str:
    """The id a topic's history rows go under: fact ids cannot hold ':', so it never names a fact."""
    return f"topic:{topic}"


def file_state(path: Path | None) -> tuple[int, int, int, int] | None:
    """What tells one file, and one version of it, from another: device, inode, size, modification time."""
    if path is None:
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def full(message: str) -> bool:
    """SQLite's words for a full disk: "database or disk is full", or the I/O error a full disk causes."""
    return "disk is full" in message or "disk I/O error" in message


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def normalise_texts(texts: dict[str, str]) -> dict[str, str]:
    """Each source's text with whitespace normalised: the form quotes are checked against."""
    return {source_id: normalise_space(text) for source_id, text in texts.items()}


def unsupported(citations: list[CitationIn], normalised: dict[str, str]) -> list[tuple[int, CitationIn, str]]:
    """The citations a fact may not rest on, as (index, citation, what is wrong).

    What is wrong is "source" (no such source) or "quote" (not verbatim in it,
    whitespace normalised and nothing else). The one rule for build, import,
    moderator edits and `factbot check`; each words the problem for its reader.
    """
    found = []
    for index, citation in enumerate(citations):
        if citation.source not in normalised:
            found.append((index, citation, "source"))
        elif normalise_space(citation.quote) not in normalised[citation.source]:
            found.append((index, citation, "quote"))
    return found


def contains(typed: str) -> str:
    """A LIKE pattern (ESCAPE '\\') matching text that holds `typed` as it is, wildcards and all."""
    return "%" + typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class FactStore:
    """A facts database. Open it with `FactStore.open(path)`."""

    def __init__(self, connect: Callable[[], Database], path: Path | None = None) -> None:
        # Two connections, each shared by the event loop and worker threads under its own lock:
        # `db` answers, the writer (opened on first write) changes. In WAL mode a write waiting
        # for another process's lock then never holds up an answer.
        self.db = connect()
        self.path = path
        self._lock = threading.RLock()
        self._new_connection = connect
        self._writer: Database | None = None
        self._write_lock = threading.RLock()
        # The file as last seen: a `mv` or `cp` over it (a `git pull`) changes this, and then both
        # connections are reopened on the new file before anything more is read or written.
        self._seen = file_state(path)
        self._epoch = 0  # bumped on every reopen, so caches keyed by the facts generation are dropped

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False) -> FactStore:
        """Open (or with `create`, make) a facts database and bring its schema up to date.

        Raises one of the domain errors, each with a sentence for the user:
        missing file, not a database, or a schema this code does not know.
        """
        path = Path(path)
        if not create and not path.exists():
            raise DatabaseMissing(f"No facts database at {path}. Build one with `factbot build`.")
        try:
            store = cls._connect(path, str(path))
            store._check_schema(create=create)
        except sqlite3.OperationalError as error:
            if full(str(error)):
                raise DiskFull(f"The disk holding {path} is full (or failing): it cannot be opened for use.") from error
            if create or "unable to open" not in str(error):
                raise DatabaseUnreadable(f"{path} is not a readable SQLite database ({error}).") from error
            # A read-only WAL database in a folder we cannot write to: SQLite needs a -shm file
            # to read it and cannot create one. Nothing can change such a file under us, so
            # open it immutable: answers work, and every change is refused as read-only.
            try:
                store = cls._connect(path, f"{path.resolve().as_uri()}?immutable=1", uri=True)
                store._check_schema(create=False)
            except sqlite3.DatabaseError:
                raise DatabaseUnreadable(f"{path} is not a readable SQLite database ({error}).") from error
        except sqlite3.DatabaseError as error:
            raise DatabaseUnreadable(f"{path} is not a readable SQLite database ({error}).") from error
        return store

    @classmethod
    def _connect(cls, path: Path, target: str, *, uri: bool = False) -> FactStore:
        def connect() -> Database:
            conn = sqlite3.connect(target, uri=uri, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # In WAL mode NORMAL syncs at checkpoints, not on every commit: a killed process loses
            # nothing and nothing can corrupt; only a power cut may drop the last commits. It keeps
            # an fsync per counted question off the path of the next answer.
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            db = Database(conn)
            # sqlite-utils finds out whether SQLite has upserts (3.24+) and STRICT tables (3.37+) by
            # creating a table on first use. On a full disk or a read-only file that write fails, it
            # remembers "no" for the connection, and its fallback upsert then inserts nothing: every
            # later add fails a foreign key, even after space is freed. The version answers it.
            db._supports_on_conflict = sqlite3.sqlite_version_info >= (3, 24, 0)  # type: ignore[attr-defined]
            db._supports_strict = sqlite3.sqlite_version_info >= (3, 37, 0)  # type: ignore[attr-defined]
            return db

        return cls(connect, path)

    def _check_schema(self, *, create: bool = False) -> None:
        known = [m.name for m in migrations._migrations]
        applied = [m.name for m in migrations.applied(self.db)]
        unknown = [name for name in applied if name not in known]
        if unknown:
            raise SchemaMismatch(
                f"{self.path} has schema version {len(applied)} (migration {unknown[-1]!r}), newer than this "
                f"factbot understands ({len(known)}); upgrade factbot to use it."
            )
        if not applied and self.db.table_names():
            raise SchemaMismatch(f"{self.path} is not a factbot database (it has no factbot schema version).")
        if not applied and not create:
            # An empty file (a facts.db truncated to nothing): never quietly turn it into an empty database.
            raise DatabaseUnreadable(f"{self.path} is empty: it holds no facts. Rebuild it with `factbot build`.")
        if len(applied) < len(known):
            with self._writing() as db:
                migrations.apply(db)

    def optimize_index(self) -> None:
        """Merge the FTS5 index into one segment: each OR-ed search term then costs one lookup, not one
        per segment (measured: a synonym-expanded query 4× faster on the shipped database)."""
        with self._writing() as db:
            db.execute("INSERT INTO facts_fts(facts_fts) VALUES('optimize')")

    def use_wal(self) -> None:
        """Write-ahead logging: readers keep answering while a moderator's write is in progress."""
        with self._lock:
            self.db.execute("PRAGMA journal_mode = WAL")

    @property
    def schema_version(self) -> int:
        return len(migrations.applied(self.db))

    def close(self) -> None:
        # Under the locks: closing a connection a worker thread is using crashes SQLite.
        with self._write_lock, self._lock:
            if self._writer is not None:
                self._writer.close()
            self.db.close()

    def _follow_replacement(self) -> None:
        """Reopen on the new file if the database file was replaced (mv) or rewritten (cp) under us.

        SQLite's page cache and the connections' open file would otherwise keep serving the old
        facts, send writes to a file no longer there, or mix the new file with the old one's
        write-ahead log. Because every write ends with the log emptied (`_settle`), a file
        replaced between writes has no stale log to mix with. Another process's checkpoint also
        changes the file: the reopen it causes costs a millisecond and changes nothing.
        """
        if self.path is None or file_state(self.path) == self._seen:
            return
        with self._write_lock, self._lock:
            now = file_state(self.path)
            if now == self._seen:
                return
            if self._writer is not None and self._writer.conn.in_transaction:
                # A read inside this thread's own write transaction (the version check of an edit):
                # the file is locked for writing by us, so what changed it was another process's
                # checkpoint, not a replacement. Closing the writer here would lose the edit.
                return
            before = self._fingerprint()
            if self._writer is not None:
                self._writer.close()
                self._writer = None
            self.db.close()
            self.db = self._new_connection()
            self._seen = file_state(self.path)
            if self._fingerprint() != before:
                # Other facts than the ones cached: a new file, not another process's checkpoint.
                log.warning("%s was replaced on disk: reopened it and dropped what was cached", self.path)
                self._epoch += 1

    def _fingerprint(self) -> str:
        """A digest of which facts, at which versions, the file holds (cheap next to a reopen)."""
        digest = hashlib.sha256()
        try:
            for row in self.db.execute("SELECT id, version, status, length(search) FROM facts ORDER BY rowid"):
                digest.update(repr(tuple(row)).encode())
            digest.update(repr(self.db.execute("SELECT n FROM facts_generation").fetchall()).encode())
        except sqlite3.DatabaseError as error:
            digest.update(str(error).encode())
        return digest.hexdigest()

    def _settle(self, db: Database) -> None:
        """Empty the write-ahead log into the file after a write, so the file alone is the database."""
        try:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError as error:
            log.debug("checkpoint after a write deferred: %s", error)  # a reader in another process; next time
        if self.path is not None:
            self._seen = file_state(self.path)

    @contextmanager
    def _writing(self) -> Iterator[Database]:
        """A write transaction whose SQLite errors become domain errors.

        BEGIN IMMEDIATE takes the write lock first, waiting up to the busy timeout for
        another writer, so a version check inside sees the latest commit of any process.
        (A deferred transaction that reads before its first write gets SQLITE_BUSY at
        once in WAL mode while another connection holds the lock: no busy wait at all.)
        """
        self._follow_replacement()  # never write to a file that is no longer the database
        with self._write_lock:
            try:
                db = self._writer_connection()
                if db.conn.in_transaction:
                    with db.atomic():  # nested: a savepoint in the open transaction
                        yield db
                else:
                    db.execute("BEGIN IMMEDIATE")
                    try:
                        yield db
                        db.execute("COMMIT")
                    except BaseException:
                        db.conn.rollback()
                        raise
                    self._settle(db)
            except sqlite3.OperationalError as error:
                message = str(error)
                if "readonly" in message or "read-only" in message:
                    raise ReadOnlyDatabase(f"{self.path} is read-only: changes cannot be saved.") from error
                if "locked" in message or "busy" in message:
                    raise DatabaseBusy(f"{self.path} is locked by another writer; try again in a moment.") from error
                if full(message):
                    raise DiskFull(f"The disk holding {self.path} is full: changes cannot be saved.") from error
                raise
            except sqlite3.DatabaseError as error:
                raise DatabaseUnreadable(f"{self.path} is not a readable SQLite database ({error}).") from error

    def _writer_connection(self) -> Database:
        """The connection that writes, opened on first use (call with the write lock held)."""
        if self._writer is None:
            self._writer = self._new_connection()
        return self._writer

    @contextmanager
    def _reading(self) -> Iterator[Database]:
        """Reads under the lock; a damaged file is DatabaseUnreadable, not a raw SQLite error."""
        self._follow_replacement()
        with self._lock:
            try:
                yield self.db
            except sqlite3.OperationalError:
                raise
            except sqlite3.DatabaseError as error:
                raise DatabaseUnreadable(f"{self.path} is not a readable SQLite database ({error}).") from error

    def _query(self, sql: str, params: Iterable[object] = ()) -> list[sqlite3.Row | tuple]:
        with self._reading() as db:
            return db.execute(sql, list(params)).fetchall()

    # -- building from the curated file ---------------------------------------

    def build(self, curated: Curated, articles_dir: Path) -> None:
        """Replace the whole contents with the curated file's, in one transaction.

        Every time it records is the file's own (`Curated.stamp`), never the clock's.
        `build_database` builds a whole new file, the same bytes every time.
        """
        stamp = curated.stamp()
        problems: list[str] = []
        texts: dict[str, str] = {}
        for source in curated.sources:
            file = articles_dir / source.path
            try:
                text, sha256 = read_article(file)
            except OSError as error:
                problems.append(f"source {source.id}: cannot read {file} ({error.strerror})")
                continue
            except UnicodeDecodeError:
                problems.append(f"source {source.id}: {file} is not UTF-8 text")
                continue
            if sha256 != source.sha256:
                problems.append(f"source {source.id}: {file} does not match its recorded sha256")
            texts[source.id] = text
        fact_ids = {fact.id for fact in curated.facts}
        if len(fact_ids) != len(curated.facts):
            problems.append("fact ids are not unique")
        topics = set(curated.known_topics())
        problems += [
            f"fact {fact.id}: topic {fact.topic!r} is not in the file's topics"
            for fact in curated.facts
            if fact.topic not in topics
        ]
        normalised = normalise_texts(texts)
        for fact in curated.facts:
            for _, citation, wrong in unsupported(fact.citations, normalised):
                if wrong == "source":
                    problems.append(f"fact {fact.id}: citation source {citation.source!r} is not a known source")
                else:
                    problems.append(
                        f"fact {fact.id}: quote not found verbatim in {citation.source}: {citation.quote!r}"
                    )
            problems += [
                f"fact {fact.id}: conflicts_with names unknown fact {other}"
                for other in fact.conflicts_with
                if other not in fact_ids
            ]
        if problems:
            raise CuratedFileError("The curated file does not build:\n" + "\n".join(problems))
        with self._writing() as db:
            # Conflict links point both ways, so some name facts not inserted yet.
            db.execute("PRAGMA defer_foreign_keys = ON")
            tables = ("conflicts", "citations", "facts", "sources", "topics", "fact_history", "reports", "unanswered")
            for table in tables:
                db.execute(f"DELETE FROM [{table}]")
            db["sources"].insert_all({**source.model_dump(), "text": texts[source.id]} for source in curated.sources)
            db["topics"].insert_all({"name": topic} for topic in curated.known_topics())
            for fact in curated.facts:
                self._write_fact(db, fact)
            # An export's history is kept as it is: who, when, via what, refusals too. Only a fact
            # it says nothing about (or a file with no history) gets a row saying the build made it.
            self._insert_history(db, curated.history)
            recorded = {entry.fact_id for entry in curated.history if entry.outcome == "applied"}
            builder = Actor(id="build", name="factbot build", via="build")
            for fact in curated.facts:
                if fact.id not in recorded:
                    self._log(db, "create", fact.id, builder, version=fact.version, after=fact, at=stamp)
            db.execute("UPDATE _sqlite_migrations SET applied_at = ? WHERE migration_set = ?", [stamp, MIGRATION_SET])
        self.optimize_index()
        self.use_wal()
        log.debug("built %s: %d sources, %d facts", self.path, len(curated.sources), len(curated.facts))

    @staticmethod
    def _write_fact(db: Database, fact: Fact) -> None:
        row = fact.model_dump(exclude={"citations", "conflicts_with"})
        row["aliases"] = json.dumps(fact.aliases)
        row["questions"] = json.dumps(fact.questions)
        row["quotes"] = "\n".join(c.quote for c in fact.citations)
        row["search"] = fact_search_text(fact)
        db["facts"].upsert(row, pk="id")
        db.execute("DELETE FROM citations WHERE fact_id = ?", [fact.id])
        db["citations"].insert_all(
            {"fact_id": fact.id, "source_id": c.source, "position": i, "quote": c.quote}
            for i, c in enumerate(fact.citations)
        )
        db.execute("DELETE FROM conflicts WHERE fact_id = ?", [fact.id])
        db["conflicts"].insert_all({"fact_id": fact.id, "other_id": other} for other in fact.conflicts_with)

    # -- moderation: every change is a new version plus a history row, in one transaction --

    @staticmethod
    def _now() -> str:
        return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")

    def _log(
        self,
        db: Database,
        action: str,
        fact_id: str,
        actor: Actor,
        *,
        version: int | None,
        before: Fact | None = None,
        after: Fact | dict | None = None,
        outcome: str = "applied",
        note: str | None = None,
        at: str | None = None,
    ) -> None:
        db["fact_history"].insert(
            {
                "fact_id": fact_id,
                "version": version,
                "action": action,
                "outcome": outcome,
                "actor_id": actor.id,
                "actor_name": actor.name,
                "via": actor.via,
                "at": at or self._now(),
                "note": note,
                "before": before.model_dump_json() if before else None,
                "after": (json.dumps(after) if isinstance(after, dict) else after.model_dump_json()) if after else None,
            }
        )

    def log_refusal(self, action: str, fact_id: str, actor: Actor, reason: str, attempted: Fact | None) -> None:
        """Record an attempt that was refused, so history shows it honestly."""
        self.log_refusals(action, [(fact_id, attempted, reason)], actor)

    def log_refusals(self, action: str, refused: list[tuple[str, Fact | None, str]], actor: Actor) -> None:
        """Record refused attempts, as (fact id, attempted fact, reason), in one transaction."""
        with self._writing() as db:
            for fact_id, attempted, reason in refused:
                self._log(db, action, fact_id, actor, version=None, after=attempted, outcome="refused", note=reason)

    def _current(self, fact_id: str) -> Fact | None:
        found = self.facts(ids=[fact_id], include_retired=True)
        return found[0] if found else None

    def create_fact(self, fact: Fact, actor: Actor, *, note: str | None = None, closes_gap: int | None = None) -> Fact:
        """Add a new fact as version 1; with `closes_gap`, that gap closes as answered by it, in the
        same transaction (refused, and the fact not added, unless the gap is still open)."""
        with self._writing() as db:
            if self._current(fact.id) is not None:
                raise InvalidEdit([("id", f"`{fact.id}` is already taken; choose another id")])
            new = fact.model_copy(update={"version": 1, "status": "active"})
            self._write_fact(db, new)
            self._link_back(db, new)
            self._log(db, "create", new.id, actor, version=1, after=new, note=note)
            if closes_gap is not None:
                self._close_gap(db, closes_gap, "added", actor, note, new.id)
        return new

    def change_fact(
        self,
        fact: Fact,
        base_version: int,
        actor: Actor,
        action: str,
        note: str | None = None,
        *,
        closes_gap: int | None = None,
    ) -> Fact:
        """Write `fact` as the next version, if nobody changed it since `base_version`.

        A stale base version is refused with `EditConflict` (and the refusal is
        recorded in history), never silently overwritten. With `closes_gap`, that
        gap closes as taught to this fact in the same transaction: a gap already
        closed refuses the change too.
        """
        try:
            with self._writing() as db:
                current = self._current(fact.id)
                if current is None:
                    raise NotFound(f"There is no fact with id `{fact.id}`.")
                if current.version != base_version:
                    last = self.history(fact.id)[-1]
                    raise EditConflict(
                        f"`{fact.id}` was changed by {last.actor_name} at {last.at} (now version "
                        f"{current.version}, you started from {base_version}); reload it and edit again."
                    )
                new = fact.model_copy(update={"version": current.version + 1})
                self._write_fact(db, new)
                self._link_back(db, new)
                self._log(db, action, new.id, actor, version=new.version, before=current, after=new, note=note)
                if closes_gap is not None:
                    self._close_gap(db, closes_gap, "taught", actor, note, new.id)
        except EditConflict as conflict:
            self.log_refusal(action, fact.id, actor, str(conflict), fact)
            raise
        return new

    @staticmethod
    def _link_back(db: Database, fact: Fact) -> None:
        """Conflict links are symmetric: make each named fact point back."""
        for other in fact.conflicts_with:
            db["conflicts"].insert({"fact_id": other, "other_id": fact.id}, ignore=True)

    def history(self, fact_id: str | None = None) -> list[HistoryEntry]:
        """Every attempt to change one fact (or, with no id, every fact), oldest first."""
        sql = """SELECT fact_id, version, action, outcome, actor_id, actor_name, via, at, note, before, after
                 FROM fact_history"""
        params: list[object] = []
        if fact_id is not None:
            sql += " WHERE fact_id = ?"
            params.append(fact_id)
        return [history_entry(row) for row in self._query(sql + " ORDER BY id", params)]

    def known_topics(self) -> list[str]:
        """The topics a fact may have, in the order they were added."""
        return [row[0] for row in self._query("SELECT name FROM topics ORDER BY rowid")]

    def add_topic(self, topic: str, actor: Actor) -> None:
        """Make `topic` known, with its history row, in one transaction."""
        with self._writing() as db:
            if db["topics"].count_where("name = ?", [topic]):
                raise InvalidEdit([("topic", f"`{topic}` is already a topic")])
            self._add_topic(db, topic, actor)

    def _add_topic(self, db: Database, topic: str, actor: Actor, *, log: bool = True) -> None:
        db["topics"].insert({"name": topic})
        if log:
            self._log(db, "add-topic", topic_history_id(topic), actor, version=1, after={"topic": topic})

    def add_source(self, source: Source, text: str) -> None:
        with self._writing() as db:
            if db["sources"].count_where("id = ?", [source.id]):
                raise InvalidEdit([("id", f"source `{source.id}` already exists")])
            db["sources"].insert({**source.model_dump(), "text": text})

    def apply_import(
        self,
        sources: list[tuple[Source, str]],
        changes: list[tuple[str, Fact, Fact | None, str | None]],
        actor: Actor,
        history: list[HistoryEntry] | None = None,
        progress: Callable[[int], None] | None = None,
        topics: Iterable[str] = (),
    ) -> None:
        """Apply a validated import in one transaction: all of it lands, or none.

        `changes` holds (action, new fact, the fact it replaces or None, note);
        `topics` the topics it makes known. A fact changed (or created) by anyone
        since the import was planned refuses the whole import with EditConflict,
        recorded in history. `history`, when given (restoring an export into an
        empty database), replaces the rows this import would write, so the round
        trip is exact.
        """
        try:
            with self._writing() as db:
                db.execute("PRAGMA defer_foreign_keys = ON")
                for source, text in sources:
                    db["sources"].insert({**source.model_dump(), "text": text})
                for topic in topics:
                    self._add_topic(db, topic, actor, log=history is None)
                for done, (action, fact, current, note) in enumerate(changes, 1):
                    self._unchanged_since_planned(db, fact, current)
                    self._write_fact(db, fact)
                    if history is None:
                        self._log(
                            db, action, fact.id, actor, version=fact.version, before=current, after=fact, note=note
                        )
                    if progress is not None:
                        progress(done)
                self._insert_history(db, history or [])
        except ImportRace as race:
            self.log_refusal("import", race.fact_id, actor, str(race), race.attempted)
            raise

    @staticmethod
    def _insert_history(db: Database, entries: list[HistoryEntry]) -> None:
        """History rows exactly as an export recorded them."""
        db["fact_history"].insert_all(
            {
                **entry.model_dump(exclude={"before", "after"}),
                "before": json.dumps(entry.before) if entry.before is not None else None,
                "after": json.dumps(entry.after) if entry.after is not None else None,
            }
            for entry in entries
        )

    @staticmethod
    def _unchanged_since_planned(db: Database, fact: Fact, planned_over: Fact | None) -> None:
        row = db.execute("SELECT version FROM facts WHERE id = ?", [fact.id]).fetchone()
        now = row[0] if row else None
        if now != (planned_over.version if planned_over else None):
            raise ImportRace(fact.id, fact, now)

    # -- readers' feedback ---------------------------------------------------------

    def record_unanswered(self, question: str) -> None:
        self.record_unanswered_counts({question: 1})

    def record_unanswered_counts(self, counts: dict[str, int]) -> None:
        """Add to each question's unanswered count, all in one transaction.

        A closed gap (taught, a fact added for it, or dismissed) is left as it is: asked
        again, it is neither reopened nor counted.
        """
        now = self._now()
        with self._writing() as db:
            db.conn.executemany(
                """INSERT INTO unanswered (question, count, first_asked, last_asked) VALUES (?, ?, ?, ?)
                   ON CONFLICT(question) DO UPDATE SET count = count + excluded.count,
                   last_asked = excluded.last_asked WHERE status = 'open'""",
                [(question, count, now, now) for question, count in counts.items()],
            )

    def add_report(self, question: str | None, fact_ids: list[str], note: str | None) -> int:
        with self._writing() as db:
            table = db["reports"]
            table.insert({"question": question, "fact_ids": json.dumps(fact_ids), "note": note, "at": self._now()})
            return table.last_pk

    def gaps(self, limit: int = 10) -> tuple[list[Gap], list[Report]]:
        """The most asked open gaps, and open wrong-answer reports (newest first)."""
        return self.list_gaps(limit=limit), self.list_reports(limit=limit)

    GAP_COLUMNS = "id, question, count, first_asked, last_asked, status, fact_id, note, closed_by, closed_at"
    # Most asked first; with closed gaps, the open ones first.
    GAP_ORDER = "ORDER BY status = 'open' DESC, count DESC, last_asked DESC, id"

    @staticmethod
    def _gap(row: sqlite3.Row | tuple) -> Gap:
        return Gap(
            id=row[0],
            question=row[1],
            count=row[2],
            first_asked=row[3] or "",
            last_asked=row[4] or "",
            status=row[5],
            fact_id=row[6],
            note=row[7],
            closed_by=row[8],
            closed_at=row[9],
        )

    def list_gaps(
        self, *, limit: int | None = None, offset: int = 0, include_closed: bool = False, claims: bool = True
    ) -> list[Gap]:
        """Gaps, most asked first: the open ones, or with `include_closed` every one (open first).
        Without `claims`, only questions (claims cannot be taught as example questions)."""
        where = self._gap_filter(include_closed, claims)
        rows = self._query(
            f"SELECT {self.GAP_COLUMNS} FROM unanswered {where} {self.GAP_ORDER} LIMIT ? OFFSET ?",
            [-1 if limit is None else limit, offset],
        )
        return [self._gap(row) for row in rows]

    def count_gaps(self, *, include_closed: bool = False) -> int:
        return self._query(f"SELECT count(*) FROM unanswered {self._gap_filter(include_closed, True)}")[0][0]

    @staticmethod
    def _gap_filter(include_closed: bool, claims: bool) -> str:
        clauses = [] if include_closed else ["status = 'open'"]
        if not claims:
            clauses.append(f"substr(question, 1, {len(CLAIM_PREFIX)}) != '{CLAIM_PREFIX}'")
        return ("WHERE " + " AND ".join(clauses)) if clauses else ""

    def find_gaps(self, typed: str, *, claims: bool = True, limit: int = 25) -> list[Gap]:
        """Open gaps whose number is `typed` or whose text holds it, most asked first: for autocomplete."""
        typed = typed.strip().lstrip("#")
        pattern = contains(typed)
        where = self._gap_filter(False, claims)
        rows = self._query(
            f"SELECT {self.GAP_COLUMNS} FROM unanswered {where} AND (CAST(id AS TEXT) = ? OR question LIKE ? "
            f"ESCAPE '\\') {self.GAP_ORDER} LIMIT ?",
            [typed, pattern, limit],
        )
        return [self._gap(row) for row in rows]

    def gap(self, gap_id: int) -> Gap:
        rows = self._query(f"SELECT {self.GAP_COLUMNS} FROM unanswered WHERE id = ?", [gap_id])
        if not rows:
            raise NotFound(f"There is no gap #{gap_id}.")
        return self._gap(rows[0])

    def dismiss_gap(self, gap_id: int, reason: str, actor: Actor) -> Gap:
        """Close an open gap without a fact: it leaves the open list and is never counted again."""
        with self._writing() as db:
            self._close_gap(db, gap_id, "dismissed", actor, reason)
        return self.gap(gap_id)

    def _close_gap(
        self, db: Database, gap_id: int, status: str, actor: Actor, note: str | None, fact_id: str | None = None
    ) -> None:
        """Close a gap inside the caller's transaction; refused (and the transaction with it) unless it is open."""
        cursor = db.execute(
            """UPDATE unanswered SET status = ?, fact_id = ?, note = ?, closed_by = ?, closed_by_id = ?,
               closed_via = ?, closed_at = ? WHERE id = ? AND status = 'open'""",
            [status, fact_id, note, actor.name, actor.id, actor.via, self._now(), gap_id],
        )
        if cursor.rowcount == 0:
            rows = db.execute(f"SELECT {self.GAP_COLUMNS} FROM unanswered WHERE id = ?", [gap_id]).fetchall()
            if not rows:
                raise NotFound(f"There is no gap #{gap_id}.")
            raise InvalidEdit([("gap", f"#{gap_id} was already {self._gap(rows[0]).outcome()}")])

    REPORT_COLUMNS = "id, question, fact_ids, note, at, status, resolution, closed_by, closed_at"

    @staticmethod
    def _report(row: sqlite3.Row | tuple) -> Report:
        return Report(
            id=row[0],
            question=row[1],
            fact_ids=json.loads(row[2] or "[]"),
            note=row[3],
            at=row[4] or "",
            status=row[5] or "open",
            resolution=row[6],
            closed_by=row[7],
            closed_at=row[8],
        )

    def list_reports(self, *, limit: int | None = None, offset: int = 0, include_closed: bool = False) -> list[Report]:
        """Wrong-answer reports, newest first: the open ones, or with `include_closed` every one (open first)."""
        where = "" if include_closed else "WHERE status = 'open'"
        rows = self._query(
            f"SELECT {self.REPORT_COLUMNS} FROM reports {where} ORDER BY status = 'open' DESC, id DESC "
            "LIMIT ? OFFSET ?",
            [-1 if limit is None else limit, offset],
        )
        return [self._report(row) for row in rows]

    def count_reports(self, *, include_closed: bool = False) -> int:
        where = "" if include_closed else "WHERE status = 'open'"
        return self._query(f"SELECT count(*) FROM reports {where}")[0][0]

    def find_reports(self, typed: str, limit: int = 25) -> list[Report]:
        """Open reports whose number is `typed` or whose facts or note hold it, newest first: for autocomplete."""
        typed = typed.strip().lstrip("#")
        pattern = contains(typed)
        rows = self._query(
            f"SELECT {self.REPORT_COLUMNS} FROM reports WHERE status = 'open' AND (CAST(id AS TEXT) = ? "
            "OR fact_ids LIKE ? ESCAPE '\\' OR note LIKE ? ESCAPE '\\') ORDER BY id DESC LIMIT ?",
            [typed, pattern, pattern, limit],
        )
        return [self._report(row) for row in rows]

    def report(self, report_id: int) -> Report:
        rows = self._query(f"SELECT {self.REPORT_COLUMNS} FROM reports WHERE id = ?", [report_id])
        if not rows:
            raise NotFound(f"There is no report #{report_id}.")
        return self._report(rows[0])

    def close_report(self, report_id: int, note: str, actor: Actor) -> Report:
        """Close an open report with the moderator's note; a closed one is refused, saying who closed it."""
        with self._writing() as db:
            cursor = db.execute(
                """UPDATE reports SET status = 'closed', resolution = ?, closed_by = ?, closed_by_id = ?,
                   closed_via = ?, closed_at = ? WHERE id = ? AND status = 'open'""",
                [note, actor.name, actor.id, actor.via, self._now(), report_id],
            )
            if cursor.rowcount == 0:
                found = db.execute("SELECT closed_by, closed_at FROM reports WHERE id = ?", [report_id]).fetchone()
                if found is None:
                    raise NotFound(f"There is no report #{report_id}.")
                raise InvalidEdit([("report", f"#{report_id} was already closed by {found[0]} at {found[1]}")])
        return self.report(report_id)

    # -- reading ------------------------------------------------------------

    def sources(self) -> list[Source]:
        with self._reading() as db:
            rows = list(db["sources"].rows_where(select="id, headline, outlet, date, date_note, path, sha256"))
        return [Source.model_validate(row) for row in rows]

    def source_texts(self) -> dict[str, str]:
        return {row[0]: row[1] for row in self._query("SELECT id, text FROM sources")}

    def source_count(self) -> int:
        return self._query("SELECT count(*) FROM sources")[0][0]

    def fact(self, fact_id: str, *, include_retired: bool = False) -> Fact:
        facts = self.facts(ids=[fact_id], include_retired=include_retired)
        if not facts:
            raise NotFound(f"There is no fact with id `{fact_id}`.")
        return facts[0]

    def facts(
        self,
        *,
        ids: list[str] | None = None,
        topic: str | None = None,
        subject: str | None = None,
        include_retired: bool = False,
    ) -> list[Fact]:
        """Facts with their citations and conflict links, in the order of `ids` if given."""
        where, params = [], []
        if ids is not None:
            if not ids:
                return []
            where.append(f"id IN ({', '.join('?' * len(ids))})")
            params += ids
        if topic is not None:
            where.append("topic = ?")
            params.append(topic)
        if subject is not None:
            where.append("subject = ?")
            params.append(subject)
        if not include_retired:
            where.append("status = 'active'")
        sql = (
            "SELECT id, topic, subject, answer, value, unit, qualifier, aliases, version, status, questions FROM facts"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self._query(sql + " ORDER BY rowid", params)
        if not rows:
            return []
        found = [row[0] for row in rows]
        marks = ", ".join("?" * len(found))
        citations: dict[str, list[CitationIn]] = {fid: [] for fid in found}
        for fid, source, quote in self._query(
            f"SELECT fact_id, source_id, quote FROM citations WHERE fact_id IN ({marks}) ORDER BY fact_id, position",
            found,
        ):
            citations[fid].append(CitationIn(source=source, quote=quote))
        conflicts: dict[str, list[str]] = {fid: [] for fid in found}
        for fid, other in self._query(
            f"SELECT fact_id, other_id FROM conflicts WHERE fact_id IN ({marks}) ORDER BY rowid", found
        ):
            conflicts[fid].append(other)
        facts = [
            Fact.model_construct(
                id=row[0],
                topic=row[1],
                subject=row[2],
                answer=row[3],
                value=row[4],
                unit=row[5],
                qualifier=row[6],
                aliases=json.loads(row[7] or "[]"),
                version=row[8],
                status=row[9],
                questions=json.loads(row[10] or "[]"),
                citations=citations[row[0]],
                conflicts_with=conflicts[row[0]],
            )
            for row in rows
        ]
        if ids is not None:
            order = {fid: i for i, fid in enumerate(ids)}
            facts.sort(key=lambda fact: order[fact.id])
        return facts

    def citations(self, fact_ids: list[str]) -> list[Citation]:
        """Citations for the given facts, joined with their article, facts in the given order."""
        if not fact_ids:
            return []
        marks = ", ".join("?" * len(fact_ids))
        rows = self._query(
            f"""SELECT c.fact_id, c.source_id, s.headline, s.outlet, s.date, c.quote
                FROM citations c JOIN sources s ON s.id = c.source_id
                WHERE c.fact_id IN ({marks}) ORDER BY c.fact_id, c.position""",
            fact_ids,
        )
        order = {fid: i for i, fid in enumerate(fact_ids)}
        rows.sort(key=lambda row: order[row[0]])
        return [Citation(fact_id=r[0], source_id=r[1], headline=r[2], outlet=r[3], date=r[4], quote=r[5]) for r in rows]

    def topics(self) -> list[tuple[str, int]]:
        return [
            (row[0], row[1])
            for row in self._query(
                "SELECT topic, count(*) FROM facts WHERE status = 'active' GROUP BY topic ORDER BY min(rowid)"
            )
        ]

    def subjects(self, topic: str | None = None) -> list[str]:
        sql = "SELECT subject FROM facts WHERE status = 'active'"
        params: list[object] = []
        if topic:
            sql += " AND topic = ?"
            params.append(topic)
        return [row[0] for row in self._query(sql + " GROUP BY subject ORDER BY min(rowid)", params)]

    def search(self, match: str, limit: int = 20) -> list[tuple[str, float]]:
        """Active fact ids for an FTS5 MATCH expression over stemmed words, best first (BM25)."""
        # Rank and cut inside FTS5, then join the survivors: joining every match to `facts`
        # before sorting costs more than the ranking once a term matches thousands of facts.
        # Twice the limit leaves room for retired facts, which stay in the index.
        rows = self._query(
            """SELECT facts.id, ranked.rank FROM (
                   SELECT rowid, bm25(facts_fts) AS rank FROM facts_fts
                   WHERE facts_fts MATCH ? ORDER BY rank LIMIT ?
               ) AS ranked JOIN facts ON facts.rowid = ranked.rowid
               WHERE facts.status = 'active' ORDER BY ranked.rank LIMIT ?""",
            [match, 2 * limit, limit],
        )
        # (Interned: the engine keeps thousands of these lists, and the same few dozen ids fill them all.)
        return [(sys.intern(row[0]), row[1]) for row in rows]

    def find_facts(
        self, typed: str, limit: int = 25, *, include_retired: bool = False
    ) -> list[tuple[str, str, str, int]]:
        """(id, answer, status, version) of facts whose id holds `typed`, else whose answer does.

        For autocomplete on every keystroke: the matching runs inside SQLite and
        stops at `limit`, so it never builds every fact in Python.
        """
        pattern = "%" + typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        status = "" if include_retired else " AND status = 'active'"
        found: list[tuple[str, str, str, int]] = []
        for column in ("id", "answer"):
            rows = self._query(
                f"SELECT id, answer, status, version FROM facts WHERE {column} LIKE ? ESCAPE '\\'{status} "
                "ORDER BY rowid LIMIT ?",
                [pattern, limit],
            )
            found = [(row[0], row[1], row[2], row[3]) for row in rows]
            if found:
                break
        return found

    def ids_sharing(self, parts: list[str], limit: int = 200) -> list[str]:
        """Fact ids holding any of `parts`: the few worth comparing with a mistyped id."""
        parts = [part for part in parts if part][:8]
        if not parts:
            return []
        clauses = " OR ".join("instr(id, ?) > 0" for _ in parts)
        return [row[0] for row in self._query(f"SELECT id FROM facts WHERE {clauses} LIMIT ?", [*parts, limit])]

    def search_texts(self, fact_ids: list[str]) -> dict[str, str]:
        """Each fact's searchable text, unstemmed: topic, subject, answer, aliases, questions and quotes."""
        if not fact_ids:
            return {}
        marks = ", ".join("?" * len(fact_ids))
        rows = self._query(
            f"SELECT id, topic || ' ' || subject || ' ' || answer || ' ' || aliases || ' ' || questions || ' ' "
            f"|| quotes FROM facts WHERE id IN ({marks})",
            fact_ids,
        )
        return {row[0]: row[1] for row in rows}

    def index_problems(self) -> list[str]:
        """FTS5's own integrity check: does the index agree with the facts table?

        FTS5 runs its check as an INSERT, which a read-only file refuses; then it
        runs on a private copy, so checking never needs to write the database.
        """
        try:
            with self._lock:
                self.db.execute("INSERT INTO facts_fts(facts_fts, rank) VALUES('integrity-check', 1)")
        except sqlite3.OperationalError as error:
            if "readonly" not in str(error) and "read-only" not in str(error):
                return [str(error)]
            return self._index_problems_on_a_copy()
        except sqlite3.DatabaseError as error:
            return [str(error)]
        return []

    def _index_problems_on_a_copy(self) -> list[str]:
        with tempfile.TemporaryDirectory(prefix="factbot-check-") as folder:
            copy = sqlite3.connect(Path(folder) / "copy.db")
            try:
                with self._lock:
                    self.db.conn.backup(copy)
                copy.execute("INSERT INTO facts_fts(facts_fts, rank) VALUES('integrity-check', 1)")
            except sqlite3.DatabaseError as error:
                return [str(error)]
            finally:
                copy.close()
        return []

    def integrity_problems(self) -> list[str]:
        """SQLite's own check of every page, table and index (at most 10 findings)."""
        try:
            with self._lock:
                rows = self.db.execute("PRAGMA integrity_check(10)").fetchall()
        except sqlite3.DatabaseError as error:
            return [str(error)]
        return [row[0] for row in rows if row[0] != "ok"]

    def facts_generation(self) -> int:
        """Moves whenever any process changes a fact, or the file is replaced: the key for caches of the facts."""
        n = self._query("SELECT n FROM facts_generation WHERE id = 1")[0][0]
        return (self._epoch << 40) + n


def build_database(path: Path, curated: Curated, articles_dir: Path) -> None:
    """Replace the database at `path` with a new one built from `curated`.

    The same file and articles give the same bytes (with the same SQLite): the
    database is built whole in a new file beside `path`, so nothing of the old
    one's page layout carries over, and then renamed over it. A database another
    process has open is refused: its readers would go on reading the old file,
    and a writer's WAL would be applied to the new one.
    """
    _refuse_if_open(path)
    partial = path.with_name(f".{path.name}.building")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    try:
        store = FactStore.open(partial, create=True)
        try:
            store.build(curated, articles_dir)
        finally:
            store.close()  # the last connection: SQLite checkpoints and removes the WAL
        # Only ours could be left from an old crash: nothing has the old file open (checked above).
        for stale in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
        os.replace(partial, path)
        log.info("built %s: %d sources, %d facts", path, len(curated.sources), len(curated.facts))
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _refuse_if_open(path: Path) -> None:
    """DatabaseBusy if another connection has `path` open. Leaving WAL mode needs every other
    connection closed, and the old file is about to be replaced anyway."""
    if not path.exists():
        return
    try:
        conn = sqlite3.connect(path, timeout=0)
    except sqlite3.Error:
        return
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.OperationalError as error:
        mode = "locked" if "locked" in str(error) or "busy" in str(error) else "delete"
    except sqlite3.DatabaseError:
        mode = "delete"  # not a database at all: nothing can be reading it as one
    finally:
        conn.close()
    if mode == "wal" or mode == "locked":
        raise DatabaseBusy(
            f"{path} is open in another process (a running bot?): stop it before `factbot build`, "
            "or change a live database with `factbot facts import`."
        )


def history_entry(row: sqlite3.Row | tuple) -> HistoryEntry:
    return HistoryEntry(
        fact_id=row[0],
        version=row[1],
        action=row[2],
        outcome=row[3],
        actor_id=row[4],
        actor_name=row[5],
        via=row[6],
        at=row[7],
        note=row[8],
        before=json.loads(row[9]) if row[9] else None,
        after=json.loads(row[10]) if row[10] else None,
    )
