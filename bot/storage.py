"""The only module that touches SQLite. Everything goes through `FactStore`.

The database is plain sqlite-utils: tables `sources`, `facts`, `citations`,
`conflicts`, an FTS5 index `facts_fts` kept in sync by triggers, and the
schema version in sqlite-utils' `_sqlite_migrations` table.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils
from sqlite_utils import Database

from bot.curated import Curated
from bot.errors import (
    CuratedFileError,
    DatabaseBusy,
    DatabaseMissing,
    DatabaseUnreadable,
    NotFound,
    ReadOnlyDatabase,
    SchemaMismatch,
)
from bot.models import Citation, CitationIn, Fact, Source

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


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class FactStore:
    """A facts database. Open it with `FactStore.open(path)`."""

    def __init__(self, db: Database, path: Path | None = None) -> None:
        self.db = db
        self.path = path
        # One connection is shared by the event loop and worker threads.
        self._lock = threading.RLock()

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
            conn = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            store = cls(Database(conn), path)
            store._check_schema()
        except sqlite3.DatabaseError as error:
            raise DatabaseUnreadable(f"{path} is not a readable SQLite database ({error}).") from error
        return store

    def _check_schema(self) -> None:
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
        if len(applied) < len(known):
            with self._writing():
                migrations.apply(self.db)

    @property
    def schema_version(self) -> int:
        return len(migrations.applied(self.db))

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def _writing(self) -> Iterator[Database]:
        """A write transaction whose SQLite errors become domain errors."""
        with self._lock:
            try:
                with self.db.atomic():
                    yield self.db
            except sqlite3.OperationalError as error:
                message = str(error)
                if "readonly" in message or "read-only" in message:
                    raise ReadOnlyDatabase(f"{self.path} is read-only: changes cannot be saved.") from error
                if "locked" in message or "busy" in message:
                    raise DatabaseBusy(f"{self.path} is locked by another writer; try again in a moment.") from error
                raise

    def _query(self, sql: str, params: Iterable[object] = ()) -> list[sqlite3.Row | tuple]:
        with self._lock:
            return self.db.execute(sql, list(params)).fetchall()

    # -- building from the curated file ---------------------------------------

    def build(self, curated: Curated, articles_dir: Path) -> None:
        """Replace the whole contents with the curated file's, in one transaction."""
        problems: list[str] = []
        texts: dict[str, str] = {}
        for source in curated.sources:
            file = articles_dir / source.path
            try:
                text = file.read_text(encoding="utf-8")
            except OSError as error:
                problems.append(f"source {source.id}: cannot read {file} ({error.strerror})")
                continue
            if sha256_text(text) != source.sha256:
                problems.append(f"source {source.id}: {file} does not match its recorded sha256")
            texts[source.id] = text
        fact_ids = {fact.id for fact in curated.facts}
        if len(fact_ids) != len(curated.facts):
            problems.append("fact ids are not unique")
        for fact in curated.facts:
            problems += [f"fact {fact.id}: {p}" for p in self._citation_problems(fact, texts)]
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
            for table in ("conflicts", "citations", "facts", "sources"):
                db.execute(f"DELETE FROM [{table}]")
            db["sources"].insert_all({**source.model_dump(), "text": texts[source.id]} for source in curated.sources)
            for fact in curated.facts:
                self._write_fact(db, fact)
        log.info("built %s: %d sources, %d facts", self.path, len(curated.sources), len(curated.facts))

    @staticmethod
    def _citation_problems(fact: Fact, texts: dict[str, str]) -> list[str]:
        problems = []
        normalised = {sid: normalise_space(text) for sid, text in texts.items()}
        for citation in fact.citations:
            if citation.source not in texts:
                problems.append(f"citation source {citation.source!r} is not a known source")
            elif normalise_space(citation.quote) not in normalised[citation.source]:
                problems.append(f"quote not found verbatim in {citation.source}: {citation.quote!r}")
        return problems

    @staticmethod
    def _write_fact(db: Database, fact: Fact) -> None:
        row = fact.model_dump(exclude={"citations", "conflicts_with"})
        row["aliases"] = json.dumps(fact.aliases)
        row["quotes"] = "\n".join(c.quote for c in fact.citations)
        db["facts"].upsert(row, pk="id")
        db.execute("DELETE FROM citations WHERE fact_id = ?", [fact.id])
        db["citations"].insert_all(
            {"fact_id": fact.id, "source_id": c.source, "position": i, "quote": c.quote}
            for i, c in enumerate(fact.citations)
        )
        db.execute("DELETE FROM conflicts WHERE fact_id = ?", [fact.id])
        db["conflicts"].insert_all({"fact_id": fact.id, "other_id": other} for other in fact.conflicts_with)

    # -- reading ------------------------------------------------------------

    def sources(self) -> list[Source]:
        with self._lock:
            rows = list(self.db["sources"].rows_where(select="id, headline, outlet, date, date_note, path, sha256"))
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
        sql = "SELECT id, topic, subject, answer, value, unit, qualifier, aliases, version, status FROM facts"
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
        """Active fact ids for an FTS5 MATCH expression, best first (BM25; answer and aliases weigh most)."""
        rows = self._query(
            """SELECT facts.id, bm25(facts_fts, 4.0, 3.0, 1.0) AS rank
               FROM facts_fts JOIN facts ON facts.rowid = facts_fts.rowid
               WHERE facts_fts MATCH ? AND facts.status = 'active'
               ORDER BY rank LIMIT ?""",
            [match, limit],
        )
        return [(row[0], row[1]) for row in rows]

    def search_texts(self, fact_ids: list[str]) -> dict[str, str]:
        """The text the index holds for each fact: answer, aliases and quotes, with topic and subject."""
        if not fact_ids:
            return {}
        marks = ", ".join("?" * len(fact_ids))
        rows = self._query(
            f"SELECT id, topic || ' ' || subject || ' ' || answer || ' ' || aliases || ' ' || quotes "
            f"FROM facts WHERE id IN ({marks})",
            fact_ids,
        )
        return {row[0]: row[1] for row in rows}

    def index_problems(self) -> list[str]:
        """FTS5's own integrity check: does the index agree with the facts table?"""
        try:
            with self._lock:
                self.db.execute("INSERT INTO facts_fts(facts_fts, rank) VALUES('integrity-check', 1)")
        except sqlite3.DatabaseError as error:
            return [str(error)]
        return []

    def change_counter(self) -> int:
        """Changes whenever any connection commits, so callers can drop caches."""
        with self._lock:
            data_version = self.db.execute("PRAGMA data_version").fetchone()[0]
            return data_version * 1_000_000 + self.db.conn.total_changes
