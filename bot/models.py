"""Pydantic models shared by every layer: what a source, a fact and an answer are.

Models reject unknown fields (`extra="forbid"`) so a typo in the curated file or
a moderator edit is an error naming the field, not silently dropped data.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from bot.text import sanitize

Slug = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[a-z0-9][a-z0-9-]{0,62}$"),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True)]

FactStatus = Literal["active", "retired"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _encodable(cls, value: object) -> object:
        # A lone surrogate (bytes that weren't UTF-8, or a "\\udcff" escape in JSON from Discord) can't be
        # encoded: every model must be one the fronts can always print and send, so it becomes U+FFFD.
        if isinstance(value, str):
            return sanitize(value)
        if isinstance(value, list):
            return [sanitize(item) if isinstance(item, str) else item for item in value]
        return value


class Attributed:
    """Outlet and date as shown to readers: what the article says, or that it says nothing."""

    outlet: str | None
    date: str | None

    @property
    def outlet_label(self) -> str:
        return self.outlet or "outlet unknown"

    @property
    def date_label(self) -> str:
        return self.date or "date not stated"


class Source(Attributed, Strict):
    """One news article the facts are drawn from."""

    id: Slug
    headline: Annotated[Text, Field(min_length=3, max_length=300)]
    # None means the article does not say: never fill these in by guessing.
    outlet: Annotated[Text, Field(min_length=1, max_length=100)] | None = None
    date: Annotated[Text, Field(min_length=1, max_length=100)] | None = None
    date_note: Annotated[Text, Field(max_length=300)] | None = None
    path: Annotated[Text, Field(min_length=1, max_length=300)]
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class CitationIn(Strict):
    """A citation as written in the curated file or a moderator edit."""

    source: Slug
    quote: Annotated[Text, Field(min_length=3, max_length=500)]


class Fact(Strict):
    """One curated fact, with the quotes that support it."""

    id: Slug
    topic: Slug
    subject: Slug
    answer: Annotated[Text, Field(min_length=10, max_length=400)]
    value: float | None = None
    unit: Annotated[Text, Field(min_length=1, max_length=20)] | None = None
    qualifier: Annotated[Text, Field(min_length=1, max_length=20)] | None = None
    aliases: Annotated[list[Annotated[Text, Field(min_length=1, max_length=60)]], Field(max_length=40)] = []
    # Example questions this fact answers, in people's own words (QnA Maker's "alternate questions").
    questions: Annotated[list[Annotated[Text, Field(min_length=3, max_length=300)]], Field(max_length=100)] = []
    conflicts_with: list[Slug] = []
    citations: Annotated[list[CitationIn], Field(min_length=1, max_length=10)]
    version: Annotated[int, Field(ge=1)] = 1
    status: FactStatus = "active"

    @field_validator("aliases")
    @classmethod
    def _dedupe_aliases(cls, aliases: list[str]) -> list[str]:
        seen: dict[str, None] = {}
        for alias in aliases:
            seen.setdefault(alias.lower(), None)
        return list(seen)

    @field_validator("questions")
    @classmethod
    def _dedupe_questions(cls, questions: list[str]) -> list[str]:
        seen: dict[str, str] = {}
        for question in questions:
            seen.setdefault(" ".join(question.lower().split()), question)
        return list(seen.values())

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and (value != value or value in (float("inf"), float("-inf"))):
            raise ValueError("must be a finite number")
        if value is not None and abs(value) > 2**53:
            raise ValueError(f"too large to store exactly (at most {2**53:,})")
        return value

    def value_label(self) -> str | None:
        return format_value(self.value, self.unit, self.qualifier)


class Citation(Attributed, Strict):
    """A quote as shown to a user, with the article it comes from."""

    fact_id: str
    source_id: str
    headline: str
    outlet: str | None
    date: str | None
    quote: str


class Side(Strict):
    """One side of a disagreement between the articles."""

    fact_id: str
    claim: str
    sources: list[str]


Unanswered = Literal["not_stated", "no_match", "language", "empty"]


class Answer(Strict):
    """What both fronts (Discord and the CLI) render: one reply to one request.

    `facts` are what the answer rests on, the fact it leads with first. An
    "unknown" answer may show `related` facts (cited, and labelled related),
    never presented as the answer; `unanswered` says why there is no answer.
    """

    kind: Literal["answer", "unknown", "list"]
    text: str
    question: str | None = None
    facts: list[str] = []
    related: list[str] = []
    unanswered: Unanswered | None = None
    citations: list[Citation] = []
    conflict: bool = False
    sides: list[Side] = []
    suggestions: list[str] = []
    examples: list[str] = []  # a fact's example questions, when one fact is shown by id
    sources: list[Source] = []
    total_sources: int = 0

    @property
    def corroborating_sources(self) -> list[str]:
        """Distinct articles cited, in citation order."""
        return list(dict.fromkeys(c.source_id for c in self.citations))


Verdict = Literal["supported", "contradicted", "disputed", "unverified"]


class ClaimCheck(Strict):
    """One checkable statement from a message, and what the articles say about it."""

    claim: str
    verdict: Verdict
    facts: list[str] = []
    citations: list[Citation] = []
    explanation: str


class FactCheck(Strict):
    """A message checked against the articles: each statement with its verdict, cited."""

    text: str
    claims: list[ClaimCheck] = []
    note: str | None = None  # why nothing was checked, when nothing was
    total_sources: int = 0

    @property
    def verdicts(self) -> set[str]:
        return {claim.verdict for claim in self.claims}


def format_value(value: float | None, unit: str | None, qualifier: str | None = None) -> str | None:
    """Render a key value the way the articles would: "$294,000", "512 chips"."""
    if value is None:
        return None
    number = int(value) if float(value).is_integer() else value
    if unit and unit.upper() == "USD":
        if isinstance(number, int) and number >= 1_000_000 and number % 1_000_000 == 0:
            text = f"${number // 1_000_000:,} million"
        else:
            text = f"${number:,}"
    else:
        text = f"{number:,}" + (f" {unit}" if unit else "")
    return f"{qualifier} {text}" if qualifier else text


def validation_problems(error: ValidationError) -> list[tuple[str, str]]:
    """Turn pydantic's error list into (field, reason) pairs a moderator can act on."""
    problems = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "input"
        reason = item["msg"]
        if item["type"] == "string_pattern_mismatch":
            reason = "use lowercase letters, digits and dashes only (like `r1-training-cost`)"
        reason = re.sub(r"^Value error, ", "", reason)
        problems.append((field, reason))
    return problems


class Actor(Strict):
    """Who made a change, and through which front."""

    id: Annotated[Text, Field(min_length=1, max_length=40)]
    name: Annotated[Text, Field(min_length=1, max_length=100)]
    via: Literal["discord", "cli", "build"]


# "add-topic" rows are about a topic, under the id `topic:NAME` (see storage.topic_history_id).
HistoryAction = Literal["create", "edit", "retire", "restore", "import", "teach", "add-topic"]


class HistoryEntry(Strict):
    """One attempt to change a fact: applied (a new version) or refused (no version)."""

    fact_id: str
    version: int | None = None  # None: the attempt was refused and made no version
    action: HistoryAction
    outcome: Literal["applied", "refused"] = "applied"
    actor_id: str
    actor_name: str
    via: str
    at: str
    note: str | None = None
    before: dict | None = None
    after: dict | None = None

    def changed_fields(self) -> list[str]:
        """The fields this version changed ("new" for a first version, nothing for a refusal)."""
        if self.outcome == "refused" or self.after is None:
            return []
        if self.before is None:
            return ["new"]
        keys = (set(self.before) | set(self.after)) - {"version"}
        return sorted(key for key in keys if self.before.get(key) != self.after.get(key))


CLAIM_PREFIX = "claim: "  # how an unverified fact-check claim is counted beside the unanswered questions

GapStatus = Literal["open", "taught", "added", "dismissed"]


class Report(Strict):
    """A reader's "wrong answer" report, waiting for moderators (or closed by one, with a note)."""

    id: int
    question: str | None
    fact_ids: list[str]
    note: str | None
    at: str
    status: Literal["open", "closed"] = "open"
    resolution: str | None = None  # the closing moderator's note: "fixed in v3", "answer was right"
    closed_by: str | None = None
    closed_at: str | None = None


class Gap(Strict):
    """A question asked, in normalised form, that no fact answered (or a claim nothing checked); no user ids.

    `id` never changes. A closed gap (taught to a fact, a fact added for it, or
    dismissed) is never counted or reopened again.
    """

    id: int
    question: str
    count: int
    first_asked: str
    last_asked: str
    status: GapStatus = "open"
    fact_id: str | None = None  # the fact it was taught to, or added for it
    note: str | None = None  # why it was dismissed, or how it was taught
    closed_by: str | None = None
    closed_at: str | None = None
    # The facts nearest to it by the answer engine, best first: worked out when shown, never stored.
    suggestions: list[str] = []

    @property
    def is_claim(self) -> bool:
        return self.question.startswith(CLAIM_PREFIX)

    @property
    def text(self) -> str:
        """The question, or the claim without its "claim: " prefix."""
        return self.question.removeprefix(CLAIM_PREFIX)

    def outcome(self) -> str:
        """What became of a closed gap, by whom and when: "taught to `r1-training-cost` by alice at …"."""
        done = {
            "taught": f"taught to `{self.fact_id}`",
            "added": f"answered by the new fact `{self.fact_id}`",
            "dismissed": f"dismissed ({self.note})",
        }.get(self.status, self.status)
        return f"{done} by {self.closed_by} at {self.closed_at}"
