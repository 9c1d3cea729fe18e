"""Read and write the curated facts file (`sources/facts.toml`).

TOML because it is read by the standard library (`tomllib`), has no implicit
typing surprises (YAML's `no` → False), takes comments for reviewers, and
diffs line by line in review. `tomli-w` writes the same format back for
`factbot facts export`.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from bot.errors import CuratedFileError
from bot.models import Fact, HistoryEntry, Slug, Source, validation_problems

log = logging.getLogger(__name__)

SCHEMA = 1
HEADER = """\
# Curated facts about DeepSeek's disclosure of R1's training cost.
# Written by `factbot facts export`; `factbot build` turns it into facts.db.
"""


TOPICS = TypeAdapter(list[Slug])
UPDATED = TypeAdapter(datetime.datetime | datetime.date | None)


class Curated(BaseModel):
    """The whole curated file: its sources and facts."""

    model_config = ConfigDict(extra="forbid")

    sources: list[Source]
    facts: list[Fact]
    # The topics facts may have. A file may leave them out (sources/facts.toml does): its facts'
    # topics are then the known ones. Exports list them, so topics without facts survive.
    topics: list[Slug] = []
    # Only exports carry history, so that export → import restores it exactly.
    history: list[HistoryEntry] = []
    # When the file was last reviewed (an export: its newest history entry). The build stamps its
    # history and schema rows with it, so the same file always builds the same database.
    updated: datetime.datetime | datetime.date | None = None

    def stamp(self) -> str:
        """The time a build records, from the data and never the clock: `updated`, else the newest
        history entry. Raises CuratedFileError if the file has neither."""
        if isinstance(self.updated, datetime.datetime):
            moment = self.updated if self.updated.tzinfo else self.updated.replace(tzinfo=datetime.UTC)
            return moment.astimezone(datetime.UTC).isoformat(timespec="seconds")
        if isinstance(self.updated, datetime.date):
            return f"{self.updated.isoformat()}T00:00:00+00:00"
        if self.history:
            return max(entry.at for entry in self.history)
        raise CuratedFileError(
            "The curated file has no `updated` date: add one at the top (like `updated = 2026-11-22`, the day "
            "it was last reviewed), so that building it gives the same database every time."
        )

    def known_topics(self) -> list[str]:
        """`topics`, or if the file names none, its facts' topics in the order they first appear."""
        return list(self.topics) if self.topics else list(dict.fromkeys(fact.topic for fact in self.facts))


def article_sha256(data: bytes) -> str:
    """The one way an article is hashed, for build, import, `sources add` and check alike: SHA-256
    of its bytes. Hash stored text as `text.encode("utf-8")` (see `read_article`)."""
    return hashlib.sha256(data).hexdigest()


def read_article(path: Path) -> tuple[str, str]:
    """An article file's text and SHA-256.

    The text is the bytes decoded with nothing else changed (text mode would turn
    CRLF into LF), so the text the database stores hashes like the file does.
    Raises OSError, or UnicodeDecodeError for a file that is not UTF-8.
    """
    data = path.read_bytes()
    return data.decode("utf-8"), article_sha256(data)


@dataclass
class Parsed:
    """A curated file read row by row: the rows that are valid, and every problem with the others."""

    curated: Curated
    problems: list[tuple[str, str]] = field(default_factory=list)  # (where, reason)
    # Every id the file names, valid row or not: a reference to a row with its own problem is
    # not reported again as a reference to nothing.
    fact_ids: set[str] = field(default_factory=set)
    source_ids: set[str] = field(default_factory=set)


def load(path: Path) -> Curated:
    """Parse and validate the curated file; every problem is named with its fact id."""
    return valid(read(path), str(path))


def read(path: Path) -> Parsed:
    """The file's valid rows and the problems of the others. Only a file that cannot be read
    at all (missing, not TOML, another schema) raises CuratedFileError."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise CuratedFileError(f"{path} does not exist.") from error
    except UnicodeDecodeError as error:
        raise CuratedFileError(f"{path} is not UTF-8 text.") from error
    except tomllib.TOMLDecodeError as error:
        raise CuratedFileError(f"{path} is not valid TOML: {error}.") from error
    return parse_rows(raw, str(path))


def parse(raw: dict[str, Any], origin: str) -> Curated:
    return valid(parse_rows(raw, origin), origin)


def valid(parsed: Parsed, origin: str) -> Curated:
    """The file, if every row of it is valid; else CuratedFileError listing every problem."""
    if parsed.problems:
        lines = "\n".join(f"{where}: {reason}" for where, reason in parsed.problems)
        raise CuratedFileError(f"{origin} has {len(parsed.problems)} problem(s):\n{lines}")
    return parsed.curated


def parse_rows(raw: dict[str, Any], origin: str) -> Parsed:
    raw = dict(raw)
    schema = raw.pop("schema", SCHEMA)
    if schema != SCHEMA:
        raise CuratedFileError(f"{origin} has schema {schema}; this factbot reads schema {SCHEMA}.")
    parsed = Parsed(Curated(sources=[], facts=[]))
    unknown = set(raw) - {"sources", "facts", "topics", "history", "updated"}
    if unknown:
        parsed.problems.append(("file", f"unknown top-level keys: {', '.join(sorted(unknown))}"))
    try:
        parsed.curated.updated = UPDATED.validate_python(raw.get("updated"))
    except ValidationError as error:
        parsed.problems += [("updated", reason) for _, reason in validation_problems(error)]
    try:
        parsed.curated.topics = TOPICS.validate_python(raw.get("topics", []))
    except ValidationError as error:
        parsed.problems += [(f"topics.{where}", reason) for where, reason in validation_problems(error)]
    rows = (
        ("sources", Source, parsed.curated.sources, parsed.source_ids),
        ("facts", Fact, parsed.curated.facts, parsed.fact_ids),
        ("history", HistoryEntry, parsed.curated.history, None),
    )
    for kind, model, out, ids in rows:
        for index, item in enumerate(raw.get(kind, [])):
            name = item.get("id") if isinstance(item, dict) and ids is not None else None
            if isinstance(name, str) and name:
                ids.add(name)  # type: ignore[union-attr]
                label = f"{kind}.{name}"
            else:
                label = f"{kind}[{index}]"
            try:
                out.append(model.model_validate(item))
            except ValidationError as error:
                parsed.problems += [(f"{label}.{where}", reason) for where, reason in validation_problems(error)]
    return parsed


def dumps(curated: Curated) -> str:
    """Serialise in the curated file's own layout, leaving out keys with no value."""
    doc: dict[str, Any] = {"schema": SCHEMA}
    if curated.updated is not None:
        doc["updated"] = curated.updated
    if curated.topics:
        doc["topics"] = list(curated.topics)
    doc["sources"] = [_clean(source.model_dump()) for source in curated.sources]
    doc["facts"] = []
    for fact in curated.facts:
        data = _clean(fact.model_dump())
        # Defaults stay out, so the reviewed file reads as it was written.
        if fact.version == 1:
            del data["version"]
        if fact.status == "active":
            del data["status"]
        # Citations last so TOML writes them as [[facts.citations]] under their fact.
        data["citations"] = data.pop("citations")
        doc["facts"].append(data)
    if curated.history:
        doc["history"] = [_clean(entry.model_dump()) for entry in curated.history]
    return HEADER + "\n" + tomli_w.dumps(doc, multiline_strings=False)


def _clean(data: Any) -> Any:
    """Drop None and empty lists (TOML has no null) and write whole floats as integers."""
    if isinstance(data, dict):
        return {key: _clean(value) for key, value in data.items() if value is not None and value != []}
    if isinstance(data, list):
        return [_clean(value) for value in data]
    if isinstance(data, float) and data.is_integer():
        return int(data)
    return data
