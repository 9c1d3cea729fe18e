"""Domain errors. Each carries a sentence meant for a person, not a traceback."""

from __future__ import annotations

from typing import Any


class FactbotError(Exception):
    """Base class for every error factbot reports to a user."""


class DatabaseMissing(FactbotError):
    """The facts database file does not exist."""


class DatabaseUnreadable(FactbotError):
    """The facts database file is not a usable SQLite database."""


class SchemaMismatch(FactbotError):
    """The database was made by an unknown or newer version of factbot."""


class ReadOnlyDatabase(FactbotError):
    """The database cannot be written to."""


class DiskFull(FactbotError):
    """The disk holding the database is full (or failing): nothing more can be written."""


class DatabaseBusy(FactbotError):
    """Another writer held the database lock for longer than the busy timeout."""


class NotFound(FactbotError):
    """A fact or source id does not exist."""


class CuratedFileError(FactbotError):
    """The curated facts file cannot be read or is invalid."""


class InvalidEdit(FactbotError):
    """A moderator's change was refused; `problems` lists (field, reason) pairs, `heading` says what."""

    def __init__(self, problems: list[tuple[str, str]], heading: str = "The change was refused") -> None:
        self.problems = problems
        self.heading = heading
        super().__init__("; ".join(f"{field}: {reason}" for field, reason in problems))


class EditConflict(FactbotError):
    """Someone else changed the fact since the editor loaded it."""


class ImportConflicts(EditConflict):
    """An import would overwrite facts the database holds at a newer version than the file."""

    def __init__(self, fact_ids: list[str]) -> None:
        self.fact_ids = fact_ids
        super().__init__(
            f"The import was refused: the database holds a newer version of {len(fact_ids)} fact(s) than the "
            f"file ({', '.join(fact_ids)}), so nothing was imported; look at them, or import anyway with --force "
            "(recorded in the history)."
        )


class ImportRace(EditConflict):
    """A fact an import was about to write changed after the import was checked."""

    def __init__(self, fact_id: str, attempted: Any, version: int | None) -> None:
        self.fact_id = fact_id
        self.attempted = attempted  # the Fact the import would have written
        now = f"now version {version}" if version else "now new"
        super().__init__(f"`{fact_id}` was changed while the import was being checked ({now}); run the import again.")


class DuplicateFact(InvalidEdit):
    """A new fact says the same as an existing one."""

    def __init__(self, existing_id: str) -> None:
        self.existing_id = existing_id
        super().__init__([("answer", f"this fact already exists as `{existing_id}`")])
