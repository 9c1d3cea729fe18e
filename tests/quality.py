"""Judging answers against banks written from the articles alone (tests/data/unseen/).

The banks name no fact ids: their writers never saw the facts table. Each
answerable question carries `evidence`, verbatim spans of an article that
state the answer. An answer is right when the fact it leads with, and a fact
for every part of a multi-part question, cites a quote that overlaps such a
span in the same article. So the judge checks "the right fact, with a citation
of the article that states it" without knowing how the facts are cut.

Used by tests/test_unseen_banks.py and by `python -m bench` (answer quality).
"""

from __future__ import annotations

import re
import sqlite3
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.models import Answer, Citation

ROOT = Path(__file__).resolve().parent.parent
UNSEEN = ROOT / "tests" / "data" / "unseen"
ARTICLES = ROOT / "sources" / "articles"
MIN_OVERLAP = 8  # characters: less than a short phrase is not the same statement


def load(name: str) -> list[dict[str, Any]]:
    """One bank: "questions_dev", "questions_test", "claims_dev" or "claims_test"."""
    data = tomllib.loads((UNSEEN / f"{name}.toml").read_text(encoding="utf-8"))
    return data.get("questions") or data.get("claims") or []


def regression_bank() -> list[dict[str, Any]]:
    """The older bank (tests/data/questions.toml), which names fact ids; kept as a regression test."""
    return tomllib.loads((ROOT / "tests" / "data" / "questions.toml").read_text(encoding="utf-8"))["questions"]


def _squash(text: str) -> str:
    return " ".join(text.split())


class Spans:
    """Where a piece of text sits in the articles, as (article, start, end) ranges."""

    def __init__(self, articles: dict[str, str]) -> None:
        self.articles = {name: _squash(text) for name, text in articles.items()}

    @classmethod
    def from_folder(cls, folder: Path = ARTICLES) -> Spans:
        return cls({path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))})

    def find(self, text: str) -> list[tuple[str, int, int]]:
        needle = _squash(text)
        found = []
        for name, article in self.articles.items():
            for match in re.finditer(re.escape(needle), article):
                found.append((name, match.start(), match.end()))
        return found

    def overlaps(self, quote: str, evidence: str) -> bool:
        """Do the quote and the evidence span share most of the shorter one, in the same article?"""
        for name, start, end in self.find(quote):
            for other, e_start, e_end in self.find(evidence):
                if other != name:
                    continue
                shared = min(end, e_end) - max(start, e_start)
                if shared >= MIN_OVERLAP and shared >= 0.5 * min(end - start, e_end - e_start):
                    return True
        return False


def evidence_parts(item: dict[str, Any]) -> list[list[str]]:
    return item.get("parts") or [item.get("evidence") or []]


@dataclass
class Verdict:
    """How one answer did: `ok` is the headline figure; the rest say why."""

    kind: str  # "answerable", "unanswerable", "language"
    ok: bool
    invented: bool = False
    corrected: bool | None = None  # for false-premise questions: did the answer say "no"?
    note: str = ""


def fact_cites(citations: list[Citation], fact_id: str) -> list[Citation]:
    return [c for c in citations if c.fact_id == fact_id]


def judge(answer: Answer, item: dict[str, Any], spans: Spans) -> Verdict:
    if "lang" in item:
        polite = answer.kind != "answer" and "english" in answer.text.lower()
        return Verdict("language", polite, invented=answer.kind == "answer", note=answer.text[:80])
    if item.get("answerable", True) is False:
        invented = answer.kind == "answer"
        return Verdict("unanswerable", not invented, invented=invented, note=", ".join(answer.facts))
    if answer.kind != "answer" or not answer.facts:
        return Verdict("answerable", False, note=f"refused: {answer.text[:70]}")

    def covers(fact_id: str, part: list[str]) -> bool:
        return any(spans.overlaps(c.quote, span) for c in fact_cites(answer.citations, fact_id) for span in part)

    parts = evidence_parts(item)
    lead = answer.facts[0]
    missing = [i for i, part in enumerate(parts) if not any(covers(f, part) for f in answer.facts)]
    lead_ok = any(covers(lead, part) for part in parts)
    ok = lead_ok and not missing
    corrected = None
    if item.get("premise") == "false":
        corrected = answer.text.lower().startswith("no")
    note = "" if ok else f"got {answer.facts[:3]}" + (f", parts {missing} uncovered" if missing else "")
    return Verdict("answerable", ok, corrected=corrected, note=note)


@dataclass
class Score:
    """Totals for one bank."""

    answerable: int = 0
    right: int = 0
    unanswerable: int = 0
    refused: int = 0
    invented: int = 0
    language: int = 0
    polite: int = 0
    premises: int = 0
    corrected: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, question: str, verdict: Verdict) -> None:
        if verdict.kind == "answerable":
            self.answerable += 1
            self.right += verdict.ok
            if verdict.corrected is not None:
                self.premises += 1
                self.corrected += bool(verdict.ok and verdict.corrected)
        elif verdict.kind == "unanswerable":
            self.unanswerable += 1
            self.refused += verdict.ok
        else:
            self.language += 1
            self.polite += verdict.ok
        self.invented += verdict.invented
        if not verdict.ok:
            self.misses.append(f"[{verdict.kind}] {question!r}: {verdict.note}")

    @property
    def accuracy(self) -> float:
        return self.right / self.answerable if self.answerable else 1.0

    def summary(self) -> str:
        parts = [
            f"answerable right {self.right}/{self.answerable} ({self.accuracy:.1%})",
            f"near-misses refused {self.refused}/{self.unanswerable}",
            f"invented {self.invented}",
        ]
        if self.premises:
            parts.append(f"false premises corrected {self.corrected}/{self.premises}")
        if self.language:
            parts.append(f"other languages answered politely {self.polite}/{self.language}")
        return ", ".join(parts)


def score(ask: Callable[[str], Answer], bank: list[dict[str, Any]], spans: Spans) -> Score:
    total = Score()
    for item in bank:
        total.add(item["q"], judge(ask(item["q"]), item, spans))
    return total


def score_regression(ask: Callable[[str], Answer], bank: list[dict[str, Any]]) -> Score:
    """The older bank names the acceptable fact ids directly; the lead fact must be one of them."""
    total = Score()
    for item in bank:
        answer = ask(item["q"])
        lead = answer.facts[0] if answer.kind == "answer" and answer.facts else None
        if not item["expect"]:
            total.add(item["q"], Verdict("unanswerable", lead is None, invented=lead is not None, note=str(lead)))
        else:
            ok = lead in item["expect"]
            total.add(item["q"], Verdict("answerable", ok, note="" if ok else f"got {lead}, want {item['expect']}"))
    return total


class Bm25Baseline:
    """The floor the engine must beat: plain FTS5 BM25 top-1 over answer, aliases and quotes.

    Porter stemming, no synonyms, no typo repair, no refusal: whatever ranks
    first is the answer, and only a question sharing no word with any fact
    is refused.
    """

    def __init__(self, db: Path) -> None:
        source = sqlite3.connect(db)
        rows = source.execute("SELECT id, answer, aliases, quotes FROM facts WHERE status = 'active'").fetchall()
        self.citations: dict[str, list[Citation]] = {}
        for fact_id, source_id, quote, headline in source.execute(
            "SELECT c.fact_id, c.source_id, c.quote, s.headline FROM citations c JOIN sources s ON s.id = c.source_id"
        ):
            self.citations.setdefault(fact_id, []).append(
                Citation(fact_id=fact_id, source_id=source_id, headline=headline, outlet=None, date=None, quote=quote)
            )
        source.close()
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE f USING fts5(id UNINDEXED, answer, aliases, quotes, tokenize='porter')")
        self.db.executemany("INSERT INTO f VALUES (?, ?, ?, ?)", rows)

    def ask(self, question: str) -> Answer:
        words = re.findall(r"[^\W_]+", question.lower())
        if not words:
            return Answer(kind="unknown", text="no words")
        match = " OR ".join(f'"{word}"' for word in words)
        row = self.db.execute("SELECT id FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT 1", [match]).fetchone()
        if row is None:
            return Answer(kind="unknown", text="no match")
        return Answer(kind="answer", text="", facts=[row[0]], citations=self.citations.get(row[0], []))


@dataclass
class ClaimScore:
    """Totals for one claim bank: a message is right when its set of verdicts is the expected set."""

    total: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0

    def summary(self) -> str:
        return f"messages right {self.right}/{self.total} ({self.accuracy:.1%})"


def score_claims(check: Callable[[str], Any], bank: list[dict[str, Any]]) -> ClaimScore:
    total = ClaimScore()
    for item in bank:
        result = check(item["text"])
        got = {claim.verdict for claim in result.claims}
        total.total += 1
        if got == set(item["verdicts"]):
            total.right += 1
        else:
            total.misses.append(f"{item['text']!r}: got {sorted(got)}, want {sorted(item['verdicts'])}")
    return total
