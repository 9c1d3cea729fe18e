"""Moderators' changes to the facts table: one code path for Discord and the command line.

Everything a moderator sends is validated here — pydantic for shape, then
the rules only the database can judge (the source exists, the quote is
verbatim in it, the fact is not a duplicate) — and every problem names its
field. Storage then writes the change and its history row in one transaction.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from slugify import slugify

from bot.answers import Engine
from bot.curated import Curated, Parsed, read_article
from bot.errors import DuplicateFact, ImportConflicts, InvalidEdit
from bot.models import Actor, Fact, Gap, HistoryEntry, Report, Slug, Source, validation_problems
from bot.storage import FactStore, normalise_space, normalise_texts, unsupported

log = logging.getLogger(__name__)

VALUE = re.compile(
    r"^\s*(?P<qualifier>more than|less than|about|over|under|at least|up to)?\s*"
    r"(?P<currency>\$)?\s*(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>k|thousand|m|million|bn|billion)?\s*"
    r"(?P<unit>[A-Za-z][A-Za-z ]{0,19})?\s*$",
    # ASCII: under Unicode case folding "thouſand" and "bıllion" match the scale words, then miss SCALES.
    re.IGNORECASE | re.ASCII,
)
TOPIC = TypeAdapter(Slug)
SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
MAX_EXACT = 2**53  # the largest whole number a float (SQLite REAL, JSON) holds exactly


def parse_value(text: str | None) -> dict[str, Any]:
    """ "$294,000" / "294000 USD" / "512 chips" / "more than $100 million" → value, unit, qualifier."""
    if text is None or not text.strip():
        return {"value": None, "unit": None, "qualifier": None}
    match = VALUE.match(text)
    if not match:
        raise InvalidEdit([("value", "write a number with an optional unit, like `294000 USD` or `512 chips`")])
    digits = match["number"].replace(",", "")
    scale = SCALES[match["scale"].lower()] if match["scale"] else 1
    exact = Decimal(digits) * Decimal(int(scale))
    if abs(exact) > MAX_EXACT or exact != Decimal(float(exact)):
        raise InvalidEdit([("value", f"too large or too precise to store exactly (at most {MAX_EXACT:,})")])
    number = float(exact)
    unit = (match["unit"] or "").strip() or None
    if match["currency"]:
        unit = "USD"
    return {"value": number, "unit": unit, "qualifier": (match["qualifier"] or "").lower() or None}


def format_value_input(fact: Fact) -> str:
    """The inverse of `parse_value`, to pre-fill an edit form."""
    if fact.value is None:
        return ""
    number = int(fact.value) if fact.value.is_integer() else fact.value
    text = f"{number} {fact.unit or ''}".strip()
    return f"{fact.qualifier} {text}" if fact.qualifier else text


def parse_aliases(text: str | None) -> list[str]:
    return [alias.strip() for alias in re.split(r"[,\n]", text or "") if alias.strip()]


def parse_citations(text: str) -> list[dict[str, str]]:
    """One citation per line, `source-id: quote`."""
    citations = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        source, sep, quote = line.partition(":")
        if not sep or not quote.strip():
            raise InvalidEdit([("citations", f"line {number}: write `source-id: quote`")])
        citations.append({"source": source.strip().lower(), "quote": quote.strip()})
    return citations


def format_citations(fact: Fact) -> str:
    return "\n".join(f"{c.source}: {c.quote}" for c in fact.citations)


ID_LENGTH = 40
# Words that make a generated id longer, not easier to tell apart.
ID_STOPWORDS = "a an the of for to in on at by and or as is was were be been it its that this with from".split()


def slug(text: str, limit: int = ID_LENGTH, drop: tuple[str, ...] = ()) -> str:
    """A short readable id part, cut at a word boundary; "" if nothing in `text` can be spelt.

    Non-Latin text is transliterated, not dropped ("für" → "fur", "梁文锋" → "liang-wen-feng");
    function words and the words in `drop` (the fact's subject, already in its id) are left out.
    """
    if limit <= 0:
        return ""  # (slugify reads a max_length of 0 as "no limit")
    text = re.sub(r"['’]s\b", "", text)  # "R1's" → "R1", not "r1-s"
    return slugify(text, max_length=limit, word_boundary=True, stopwords=[*ID_STOPWORDS, *drop])


def new_fact_id(subject: str, answer: str, taken: set[str]) -> str:
    """`subject-what-the-answer-says`, with the subject once; a number is added if it is taken."""
    words = slug(answer, ID_LENGTH - len(subject) - 1, tuple(subject.split("-")))
    base = f"{subject}-{words}".strip("-") if words else subject
    candidate, number = base, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate, number = base[: ID_LENGTH - len(suffix)].rstrip("-") + suffix, number + 1
    return candidate


ImportChange = tuple[str, Fact, Fact | None, str | None]  # action, fact to write, fact it replaces, note


@dataclass
class Conflict:
    """A fact the database holds at a newer version than the file: importing it would overwrite that."""

    fact: Fact  # as in the file
    current: Fact  # as in the database
    last: HistoryEntry | None  # the change that made `current`

    def sentence(self) -> str:
        versions = f"the file has version {self.fact.version}, the database version {self.current.version}"
        return f"{self.fact.id}: {versions}{self.by()}"

    def by(self) -> str:
        return f" (changed by {self.last.actor_name} at {self.last.at})" if self.last else ""


@dataclass
class ImportPlan:
    """What an import would do; `lines` is the human-readable diff, field by field."""

    sources: list[tuple[Source, str]] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    changes: list[ImportChange] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    forced: bool = False  # --force: the conflicts are in `changes` too
    unchanged: int = 0
    untouched: list[str] = field(default_factory=list)  # in the database, not in the file: left as they are
    history: list[HistoryEntry] | None = None
    lines: list[str] = field(default_factory=list)


GAP_PAGE = 10  # gaps and reports per page of /facts gaps
SUGGESTIONS = 3  # nearest facts shown with a gap, to teach it with one click
CLOSING_NOTE = 300  # characters of a dismissal's reason or a report's closing note


@dataclass
class Taught:
    """A gap closed by a fact (taught to it, or a new fact added for it), and what it gets asked now."""

    gap: Gap  # as closed
    fact: Fact  # the new version, or the new fact
    # The facts the question gets when asked now: a moderator is told at once if the teach didn't hold.
    # None for a claim, which is checked, not asked.
    answered_by: list[str] | None

    @property
    def holds(self) -> bool:
        return self.answered_by is None or self.fact.id in self.answered_by


@dataclass
class GapsPage:
    """One page of `/facts gaps`: open gaps, most asked first, then open reports, newest first."""

    items: list[Gap | Report]
    page: int  # counted from 0
    pages: int
    gaps: int  # open gaps in all
    reports: int  # open reports in all


def closing_text(text: str, field: str, example: str) -> str:
    """A dismissal's reason or a closing note, whitespace normalised; refused if empty or too long."""
    text = normalise_space(text or "")
    if not text:
        raise InvalidEdit([(field, f"say why, for example {example}")])
    if len(text) > CLOSING_NOTE:
        raise InvalidEdit([(field, f"keep it to {CLOSING_NOTE} characters (it has {len(text)})")])
    return text


class Moderation:
    """The moderator operations; each validates, then writes through the store."""

    def __init__(self, store: FactStore, engine: Engine | None = None) -> None:
        self.store = store
        self._engine = engine

    @property
    def engine(self) -> Engine:
        """The answer engine, for what a gap is near and whether teaching it held (the Service's, if given)."""
        if self._engine is None:
            self._engine = Engine(self.store)
        return self._engine

    # -- validation --

    @staticmethod
    def draft(data: dict[str, Any]) -> Fact:
        """A Fact from loose input, or InvalidEdit naming each bad field."""
        try:
            return Fact.model_validate(data)
        except ValidationError as error:
            raise InvalidEdit(validation_problems(error)) from None

    def check(self, fact: Fact, *, replacing: str | None = None) -> None:
        """Rules beyond the model's: a known topic, sources exist, quotes are verbatim, links resolve, no duplicate."""
        normalised = normalise_texts(self.store.source_texts())
        problems: list[tuple[str, str]] = []
        topics = self.store.known_topics()
        if fact.topic not in topics:
            problems.append(
                (
                    "topic",
                    f"`{fact.topic}` is not a known topic (known: {', '.join(topics)}); a moderator adds one "
                    "with `factbot facts add-topic` or `/facts add-topic`",
                )
            )
        for index, citation, wrong in unsupported(fact.citations, normalised):
            where = f"citations.{index}" if len(fact.citations) > 1 else "quote"
            if wrong == "source":
                known = ", ".join(sorted(normalised))
                problems.append((f"{where}.source", f"`{citation.source}` is not a known source (known: {known})"))
            else:
                problems.append((where, f"this text does not occur verbatim in source `{citation.source}`"))
        others = {f.id: f for f in self.store.facts(include_retired=True)}
        for other in fact.conflicts_with:
            if other not in others or other == fact.id:
                problems.append(("conflicts_with", f"`{other}` is not another existing fact"))
        if problems:
            raise InvalidEdit(problems)
        # A duplicate says the same thing. Citing the same quotes is not one: one sentence of an
        # article can support several facts.
        mine = normalise_space(fact.answer).lower()
        for other in others.values():
            if other.id in (fact.id, replacing) or other.status != "active":
                continue
            if normalise_space(other.answer).lower() == mine:
                raise DuplicateFact(other.id)

    # -- changes --

    def add(
        self, data: dict[str, Any], actor: Actor, *, note: str | None = None, closes_gap: int | None = None
    ) -> Fact:
        data = dict(data)
        generated = not data.get("id")
        if generated:
            # A stand-in until the subject and answer are known good: the id is made from them, so
            # their problems are reported as theirs, never again as the id's.
            data["id"] = "new-fact"
        fact = self.draft(data)
        if generated:
            taken = {other.id for other in self.store.facts(include_retired=True)}
            fact = fact.model_copy(update={"id": new_fact_id(fact.subject, fact.answer, taken)})
        self.check(fact)
        return self.store.create_fact(fact, actor, note=note, closes_gap=closes_gap)

    def edit(self, fact_id: str, changes: dict[str, Any], base_version: int, actor: Actor) -> Fact:
        current = self.store.fact(fact_id, include_retired=True)
        data = current.model_dump() | changes | {"id": current.id}
        fact = self.draft(data)
        self.check(fact, replacing=current.id)
        return self.store.change_fact(fact, base_version, actor, "edit")

    def add_question(
        self, fact_id: str, question: str, actor: Actor, note: str | None = None, *, gap_id: int | None = None
    ) -> Fact:
        """Teach a fact one more way people ask for it: a new version, with a history row.
        With `gap_id`, that gap closes as taught to it, in the same transaction."""
        current = self.store.fact(fact_id, include_retired=True)
        text = " ".join(question.split())
        if text.lower() in {q.lower() for q in current.questions}:
            raise InvalidEdit([("question", f"`{fact_id}` already has that example question")])
        fact = self.draft(current.model_dump() | {"questions": [*current.questions, text]})
        return self.store.change_fact(
            fact, current.version, actor, "teach", note=note or f"example question: {text}", closes_gap=gap_id
        )

    def retire(self, fact_id: str, reason: str, actor: Actor, base_version: int | None = None) -> Fact:
        current = self.store.fact(fact_id, include_retired=True)
        if current.status == "retired":
            raise InvalidEdit([("id", f"`{fact_id}` is already retired; restore it first")])
        if not reason.strip():
            raise InvalidEdit([("reason", "say why the fact is retired")])
        retired = current.model_copy(update={"status": "retired"})
        version = base_version if base_version is not None else current.version
        return self.store.change_fact(retired, version, actor, "retire", note=reason.strip())

    def restore(self, fact_id: str, actor: Actor, version: int | None = None) -> Fact:
        """Bring back a retired fact, or an earlier version, as a new version."""
        current = self.store.fact(fact_id, include_retired=True)
        if version is None:
            if current.status == "active":
                raise InvalidEdit([("version", f"`{fact_id}` is active; name the version to go back to")])
            snapshot = current.model_dump()
        else:
            entries = [e for e in self.store.history(fact_id) if e.version == version and e.outcome == "applied"]
            if not entries or entries[-1].after is None:
                known = sorted({e.version for e in self.store.history(fact_id) if e.version})
                raise InvalidEdit([("version", f"`{fact_id}` has no version {version} (versions: {known})")])
            snapshot = entries[-1].after
        fact = self.draft(snapshot | {"status": "active"})
        self.check(fact, replacing=fact_id)
        note = f"restored version {version}" if version else "restored"
        return self.store.change_fact(fact, current.version, actor, "restore", note=note)

    def add_topic(self, topic: str, actor: Actor) -> str:
        """Make a new topic known, recorded in its history (`topic:NAME`); returns it normalised."""
        try:
            name = TOPIC.validate_python(topic)
        except ValidationError as error:
            raise InvalidEdit([("topic", reason) for _, reason in validation_problems(error)]) from None
        self.store.add_topic(name, actor)
        return name

    # -- reading, for forms, autocomplete and review --

    def fact(self, fact_id: str) -> Fact:
        """One fact, retired or not (moderators edit and restore retired facts too)."""
        return self.store.fact(fact_id, include_retired=True)

    def facts(self) -> list[Fact]:
        return self.store.facts(include_retired=True)

    def fact_choices(self, typed: str, limit: int = 25) -> list[tuple[str, str]]:
        """(id, label) of facts, retired too, matching what was typed so far: for autocomplete."""
        found = self.store.find_facts(typed.strip().lower(), limit, include_retired=True)
        return [(fact_id, f"{fact_id} ({status}, v{version})") for fact_id, _, status, version in found]

    def topics(self) -> list[str]:
        """Every known topic, those with no fact yet included: what a new fact may be filed under."""
        return self.store.known_topics()

    def subjects(self) -> list[str]:
        return self.store.subjects()

    def sources(self) -> list[Source]:
        return self.store.sources()

    def gaps(self, limit: int = 10) -> tuple[list[Gap], list[Report]]:
        return self.store.gaps(limit)

    # -- gaps and reports: from what readers could not get to a fix --

    def suggest(self, gap: Gap) -> Gap:
        """The gap with the facts nearest to it by the answer engine (none once it is closed)."""
        if gap.status != "open":
            return gap
        return gap.model_copy(update={"suggestions": self.engine.nearest(gap.text, SUGGESTIONS)})

    def gap(self, gap_id: int) -> Gap:
        return self.suggest(self.store.gap(gap_id))

    def report(self, report_id: int) -> Report:
        return self.store.report(report_id)

    def nearest_facts(self, gap: Gap) -> list[Fact]:
        """The facts a gap was suggested, best first, to show with it."""
        return self.store.facts(ids=gap.suggestions)

    def list_gaps(self, *, include_closed: bool = False) -> list[Gap]:
        """Every open gap (with `include_closed`, every gap), most asked first, each with its suggestions."""
        return [self.suggest(gap) for gap in self.store.list_gaps(include_closed=include_closed)]

    def list_reports(self, *, include_closed: bool = False) -> list[Report]:
        return self.store.list_reports(include_closed=include_closed)

    def gaps_page(self, page: int, size: int = GAP_PAGE) -> GapsPage:
        """Page `page` (from 0, kept in range) of every open gap, most asked first, then every open report."""
        gaps, reports = self.store.count_gaps(), self.store.count_reports()
        pages = max(1, -(-(gaps + reports) // size))
        page = min(max(page, 0), pages - 1)
        start = page * size
        items: list[Gap | Report] = []
        if start < gaps:
            items += [self.suggest(gap) for gap in self.store.list_gaps(limit=size, offset=start)]
        if len(items) < size:
            items += self.store.list_reports(limit=size - len(items), offset=max(0, start - gaps))
        return GapsPage(items=items, page=page, pages=pages, gaps=gaps, reports=reports)

    def gap_choices(self, typed: str, *, claims: bool = True, limit: int = 25) -> list[tuple[int, str]]:
        """(id, label) of open gaps matching what was typed so far, most asked first: for autocomplete."""
        return [(gap.id, gap_label(gap)) for gap in self.store.find_gaps(typed, claims=claims, limit=limit)]

    def report_choices(self, typed: str, limit: int = 25) -> list[tuple[int, str]]:
        return [(report.id, report_label(report)) for report in self.store.find_reports(typed, limit)]

    def open_gap(self, gap_id: int) -> Gap:
        """The gap if it is still open; else InvalidEdit saying what became of it."""
        gap = self.store.gap(gap_id)
        if gap.status != "open":
            raise InvalidEdit([("gap", f"#{gap.id} was already {gap.outcome()}")])
        return gap

    def teach_gap(self, gap_id: int, fact_id: str, actor: Actor) -> Taught:
        """Add a gap's question to a fact's example questions (a new version, its history row naming
        the gap) and close the gap, in one transaction; then ask it again to see that it holds."""
        gap = self.open_gap(gap_id)
        if gap.is_claim:
            raise InvalidEdit(
                [("gap", f"#{gap.id} is a fact-check claim, not a question: dismiss it, or add a fact for it")]
            )
        if self.store.fact(fact_id, include_retired=True).status == "retired":
            raise InvalidEdit(
                [("fact", f"`{fact_id}` is retired, so no answer uses it: restore it first, or teach another fact")]
            )
        note = f"taught from gap #{gap.id}: {gap.question}"
        fact = self.add_question(fact_id, gap.question, actor, note, gap_id=gap.id)
        return Taught(self.store.gap(gap.id), fact, self.engine.ask(gap.question).facts)

    def add_for_gap(self, gap_id: int, data: dict[str, Any], actor: Actor) -> Taught:
        """Add a new fact for a gap, closing it in the same transaction. A question becomes the fact's
        first example question unless `data` says which (a claim never does: it is not a question)."""
        gap = self.open_gap(gap_id)
        data = dict(data)
        if not gap.is_claim and "questions" not in data:
            data["questions"] = [gap.question]
        fact = self.add(data, actor, note=f"added for gap #{gap.id}: {gap.question}", closes_gap=gap.id)
        asked = None if gap.is_claim else self.engine.ask(gap.question).facts
        return Taught(self.store.gap(gap.id), fact, asked)

    def dismiss_gap(self, gap_id: int, reason: str, actor: Actor) -> Gap:
        """Close a gap no fact should answer; a later identical question neither reopens nor counts it."""
        text = closing_text(reason, "reason", "“off-topic” or “the articles don't say”")
        return self.store.dismiss_gap(gap_id, text, actor)

    def close_report(self, report_id: int, note: str, actor: Actor) -> Report:
        """Close a wrong-answer report with what was done about it."""
        text = closing_text(note, "note", "“fixed in v3” or “answer was right”")
        return self.store.close_report(report_id, text, actor)

    def history(self, fact_id: str) -> list[HistoryEntry]:
        entries = self.store.history(fact_id)
        if not entries:
            self.store.fact(fact_id, include_retired=True)  # NotFound for an unknown id
        return entries

    def export(self) -> Curated:
        history = self.store.history()
        # Dated by its newest change, not by when it was exported: the same table exports the same file.
        updated = datetime.datetime.fromisoformat(max(entry.at for entry in history)) if history else None
        return Curated(
            sources=self.store.sources(),
            topics=self.store.known_topics(),
            facts=self.store.facts(include_retired=True),
            history=history,
            updated=updated,
        )

    def add_source(
        self,
        file: Path,
        headline: str,
        outlet: str | None,
        date: str | None,
        source_id: str | None,
        articles_dir: Path,
    ) -> tuple[Source, Path]:
        """Record a new article and copy it into `articles_dir`; returns the source and the copy."""
        try:
            text, sha256 = read_article(file)
        except OSError as error:
            raise InvalidEdit([("file", f"cannot read {file} ({error.strerror})")]) from None
        except UnicodeDecodeError:
            raise InvalidEdit([("file", f"{file} is not UTF-8 text")]) from None
        if not text.strip():
            raise InvalidEdit([("file", f"{file} is empty: an article needs its text")])
        same = [other.id for other in self.store.sources() if other.sha256 == sha256]
        if same:
            raise InvalidEdit([("file", f"this article is already source `{same[0]}` (same SHA-256)")])
        try:
            source = Source(
                id=source_id or slug(headline, 30) or "source",
                headline=headline,
                outlet=outlet or None,
                date=date or None,
                path=f"articles/{file.name}",
                sha256=sha256,
            )
        except ValidationError as error:
            raise InvalidEdit(validation_problems(error)) from None
        copy = articles_dir / file.name
        placed = place_article(file, copy)
        try:
            self.store.add_source(source, text)
        except BaseException:
            if placed:
                copy.unlink(missing_ok=True)  # the database refused it: leave the folder as it was
            raise
        return source, copy

    # -- import --

    def plan_import(self, file: Curated | Parsed, articles_dir: Path, *, force: bool = False) -> ImportPlan:
        """Check every row first; the plan says what would change, field by field.

        Raises InvalidEdit listing every problem in the file at once: the rows that
        are not valid facts or sources (from `curated.read`) and those that are but
        cite what does not exist. A fact the database holds at a newer version than
        the file's is a conflict (see `apply_import`), or with `force` a change.
        """
        parsed = file if isinstance(file, Parsed) else Parsed(file, [], {f.id for f in file.facts})
        curated = parsed.curated
        plan = ImportPlan(forced=force)
        problems = list(parsed.problems)
        texts = self.store.source_texts()
        existing_sources = {s.id: s for s in self.store.sources()}
        for source in curated.sources:
            if source.id in existing_sources:
                if existing_sources[source.id].sha256 != source.sha256:
                    problems.append((f"sources.{source.id}", "differs from the source of that id in the database"))
                continue
            file_path = articles_dir / source.path
            try:
                text, sha256 = read_article(file_path)
            except (OSError, UnicodeDecodeError):
                text, sha256 = "", None
            if sha256 != source.sha256:
                problems.append((f"sources.{source.id}", f"{file_path} is missing or does not match its sha256"))
                continue
            plan.sources.append((source, text))
            texts[source.id] = text
            plan.lines.append(f"+ source {source.id}: {source.headline}")
        # Sources whose own row is wrong: facts citing them are not reported a second time.
        broken = parsed.source_ids - {s.id for s in curated.sources}
        known = self.store.known_topics()
        plan.topics = [topic for topic in curated.known_topics() if topic not in known]
        plan.lines += [f"+ topic {topic}" for topic in plan.topics]
        topics = set(known) | set(plan.topics)
        existing = {fact.id: fact for fact in self.store.facts(include_retired=True)}
        ids = parsed.fact_ids | {fact.id for fact in curated.facts}
        normalised = normalise_texts(texts)
        seen: set[str] = set()
        for fact in curated.facts:
            if fact.id in seen:
                problems.append((f"facts.{fact.id}", "appears twice in the file"))
                continue
            seen.add(fact.id)
            found = self._check_import(fact, normalised, ids, topics, broken)
            if found:
                problems += [(f"facts.{fact.id}.{name}", reason) for name, reason in found]
                continue
            current = existing.get(fact.id)
            if current is None:
                new = fact if not existing and curated.history else fact.model_copy(update={"version": 1})
                plan.changes.append(("import", new, None, None))
                plan.lines.append(f"+ {fact.id}: {fact.answer}")
            elif _content(current) == _content(fact):
                plan.unchanged += 1
            elif current.version > fact.version:
                conflict = Conflict(fact, current, self._last_change(fact.id))
                plan.conflicts.append(conflict)
                plan.lines.append(f"! {conflict.sentence()}: " + ("imported anyway (--force)" if force else "refused"))
                plan.lines += field_changes(current, fact)
                if force:
                    note = f"--force over version {current.version}{conflict.by()}; the file had version {fact.version}"
                    plan.changes.append(
                        ("import", fact.model_copy(update={"version": current.version + 1}), current, note)
                    )
            else:
                plan.changes.append(("import", fact.model_copy(update={"version": current.version + 1}), current, None))
                plan.lines.append(f"~ {fact.id}: version {current.version} → {current.version + 1}")
                plan.lines += field_changes(current, fact)
        if problems:
            raise InvalidEdit(problems, heading="The import was refused, nothing was written")
        if not existing and curated.history:
            plan.history = curated.history
        plan.untouched = [fact_id for fact_id in existing if fact_id not in ids]
        if not plan.lines:
            plan.lines.append("no changes")
        left = f"{len(plan.untouched)} in the database but not in the file, left as they are"
        if plan.untouched:
            left += ": " + ", ".join(plan.untouched[:10]) + (", …" if len(plan.untouched) > 10 else "")
        plan.lines.append(f"= {plan.unchanged} unchanged; {left}")
        return plan

    def _last_change(self, fact_id: str) -> HistoryEntry | None:
        applied = [entry for entry in self.store.history(fact_id) if entry.outcome == "applied"]
        return applied[-1] if applied else None

    @staticmethod
    def _check_import(
        fact: Fact, normalised: dict[str, str], ids: set[str], topics: set[str], broken: set[str]
    ) -> list[tuple[str, str]]:
        """`normalised` maps source ids to their whitespace-normalised text; `broken` names sources
        whose own rows are invalid."""
        problems = []
        if fact.topic not in topics:
            problems.append(("topic", f"`{fact.topic}` is neither a known topic nor in the file's topics"))
        for index, citation, wrong in unsupported(fact.citations, normalised):
            if citation.source in broken:
                continue
            if wrong == "source":
                problems.append((f"citations.{index}.source", f"`{citation.source}` is not a known source"))
            else:
                problems.append((f"citations.{index}", "quote does not occur verbatim in its source"))
        problems += [("conflicts_with", f"`{o}` is not in the file") for o in fact.conflicts_with if o not in ids]
        return problems

    def apply_import(self, plan: ImportPlan, actor: Actor, progress: Callable[[int], None] | None = None) -> None:
        """Apply the plan, all or nothing; a plan with conflicts (and no --force) is refused instead,
        each refusal recorded in the history as a refused edit is."""
        if plan.conflicts and not plan.forced:
            refusals = [(c.fact.id, c.fact, c.sentence()) for c in plan.conflicts]
            self.store.log_refusals("import", refusals, actor)
            raise ImportConflicts([c.fact.id for c in plan.conflicts])
        self.store.apply_import(plan.sources, plan.changes, actor, plan.history, progress, plan.topics)
        if plan.changes:
            self.store.optimize_index()


def gap_label(gap: Gap) -> str:
    """ "#12 · 5× how pricey was r1", or "#13 · 2× claim: deepseek has 200 employees": how a gap is named."""
    return f"#{gap.id} · {gap.count}× {gap.question}"


def report_label(report: Report) -> str:
    """ "#3 · r1-training-cost: the figure is outdated": how a report is named."""
    return f"#{report.id} · {', '.join(report.fact_ids) or 'no fact'}: {report.note or 'no note'}"


def field_changes(before: Fact, after: Fact) -> list[str]:
    """`    field: before → after` for each field that differs: every field of the model, so a new
    one is shown without code of its own. The id and the version are said elsewhere."""
    old, new = before.model_dump(), after.model_dump()
    return [
        f"    {name}: {shown(old[name])} → {shown(new[name])}"
        for name in Fact.model_fields
        if name not in ("id", "version") and old[name] != new[name]
    ]


def shown(value: Any) -> str:
    """A field's value as a reader of the dry run should see it: JSON, whole numbers without ".0"."""
    if value is None:
        return "(none)"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return json.dumps(value, ensure_ascii=False)


def place_article(file: Path, copy: Path) -> bool:
    """Copy an article into the articles folder; True if this made the copy (False: already there)."""
    data = file.read_bytes()
    if copy.exists():
        if copy.read_bytes() == data:
            return False
        raise InvalidEdit([("file", f"{copy} already exists and differs: rename the file you are adding")])
    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        # Written whole under another name first: a reader never sees half an article.
        partial = copy.with_name(f".{copy.name}.partial")
        partial.write_bytes(data)
        os.replace(partial, copy)
    except OSError as error:
        raise InvalidEdit([("file", f"cannot copy it to {copy} ({error.strerror})")]) from None
    return True


def _content(fact: Fact) -> dict[str, Any]:
    return fact.model_dump(exclude={"version"})
