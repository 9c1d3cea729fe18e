"""The answer engine: pure functions from a request to an `Answer`. No Discord types.

Every public function returns an `Answer` for any input — an answer, a list, or
a plain "I don't know" with suggestions — and never raises for odd text.
Reading a free-text question goes: clean → words → concepts (synonyms, typo
repair) → one FTS5 OR query ranked by BM25 → re-rank the few candidates by how
many of the question's concepts each fact covers → accept only a fact that
covers the question, else say so.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import cached_property

from bot.errors import NotFound
from bot.lexicon import COMPOUNDS, MODEL_ALIASES, MODEL_NOISE, STOPWORDS, SYNONYM_GROUPS, WEAK
from bot.models import Answer, Fact, Side
from bot.storage import FactStore

log = logging.getLogger(__name__)

MAX_QUESTION = 500  # characters read from a question; the rest adds nothing but cost
MAX_TERMS = 12
CANDIDATES = 20
HELD_CACHE = 20_000  # facts whose stems stay cached between questions
# No \b after everyone/here: Discord pings "@everyones" and "@here1" too.
MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|@(?:everyone|here)")
WORD = re.compile(r"[^\W_]+(?:['’][a-z]+)?")


# -- reading a question ------------------------------------------------------


def clean(text: str, limit: int = MAX_QUESTION) -> str:
    """Normalise width and case, drop Discord mentions and control characters."""
    text = unicodedata.normalize("NFKC", text or "")[:limit]
    text = MENTION.sub(" ", text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


VERSION = re.compile(r"(?<![^\W_])([^\W\d_]+)-(\d+[^\W_]*)")


POSSESSIVE = re.compile(r"['’](s|re|ve|ll|d|t)$")


def words(text: str) -> list[str]:
    """Lowercase words; possessives folded ("r1's" → "r1"), model names joined ("GPT-5" → "gpt5")."""
    found: list[str] = []
    for match in WORD.finditer(VERSION.sub(r"\1\2", text.lower())):
        word = match.group()
        if "'" in word or "’" in word:
            word = POSSESSIVE.sub("", word)
            if not word:
                continue
        if found and (found[-1], word) in COMPOUNDS:
            found[-1] = COMPOUNDS[(found[-1], word)]
        else:
            found.append(word)
    return found


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix-stripper, applied to both sides of a comparison so they agree."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) >= 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    return word


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, giving up early past `limit` (typos are short)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


@dataclass
class Term:
    """One concept from the question: the word typed and every word that counts as it."""

    word: str
    forms: set[str]
    weak: bool
    known: bool

    @cached_property
    def stems(self) -> frozenset[str]:
        # Cached: `score` asks for it once per term per candidate (20 candidates).
        return frozenset(stem(form) for form in self.forms)

    @cached_property
    def word_stem(self) -> str:
        return stem(self.word)


def deletions(word: str) -> set[str]:
    """Every string one deleted character away (the keys of the typo index)."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@dataclass
class Vocabulary:
    """The words the facts use, cached until the facts change.

    Typos are found through an index of single deletions (the SymSpell idea):
    two words within an edit or two share a deletion, so a lookup touches a
    handful of candidates instead of the whole vocabulary.
    """

    words: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    synonyms: dict[str, frozenset[str]] = field(default_factory=dict)
    deletes: dict[str, set[str]] = field(default_factory=dict)
    corrections: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def from_texts(cls, texts: list[str]) -> Vocabulary:
        vocab = cls()
        for text in texts:
            vocab.words.update(words(text))
        vocab.stems = {stem(word) for word in vocab.words}
        for group in SYNONYM_GROUPS:
            for word in group:
                vocab.synonyms[word] = group
        for word in vocab.words | set(vocab.synonyms):
            if len(word) >= 3 and word.isascii() and not any(ch.isdigit() for ch in word):
                for key in deletions(word) | {word}:
                    vocab.deletes.setdefault(key, set()).add(word)
        return vocab

    def knows(self, word: str) -> bool:
        return word in self.words or stem(word) in self.stems

    def correct(self, word: str) -> str | None:
        """The closest known word: a swapped pair in short words, one edit, or two in long ones.

        Short words get only transpositions ("cots" → "cost") because one
        substitution turns too many real words into others ("dead" → "head").
        """
        if word in self.corrections:
            return self.corrections[word]
        fixed = None
        if len(word) >= 4 and word.isascii() and not any(ch.isdigit() for ch in word):
            limit = 1 if len(word) < 8 else 2
            keys = deletions(word) | {word}
            if limit == 2:
                keys |= {deeper for key in deletions(word) for deeper in deletions(key)}
            candidates = {candidate for key in keys for candidate in self.deletes.get(key, ())}
            best: list[tuple[int, str]] = []
            for candidate in candidates:
                if len(word) == 4 and (len(candidate) != 4 or sorted(candidate) != sorted(word)):
                    continue
                distance = edit_distance(word, candidate, limit)
                if distance <= limit:
                    best.append((distance, candidate))
            if best:
                fixed = min(best)[1]
        if len(self.corrections) < 100_000:  # a bound, against a flood of random words
            self.corrections[word] = fixed
        return fixed


class Reader:
    """Turns questions into terms against one store's vocabulary; rebuilt when the facts change."""

    def __init__(self, store: FactStore) -> None:
        self.store = store
        self._generation: int | None = None
        self._vocab = Vocabulary()
        self._held: OrderedDict[str, frozenset[str]] = OrderedDict()

    @property
    def vocab(self) -> Vocabulary:
        generation = self.store.facts_generation()
        if generation != self._generation:
            texts = list(self.store.search_texts([f.id for f in self.store.facts()]).values())
            self._vocab = Vocabulary.from_texts(texts)
            self._held.clear()
            self._generation = generation
        return self._vocab

    @property
    def generation(self) -> int | None:
        """Changes when the facts do: a key for caches derived from them."""
        self.vocab  # noqa: B018 - refreshes the generation
        return self._generation

    def held(self, fact_ids: list[str]) -> dict[str, frozenset[str]]:
        """The stems each fact's searchable text holds, from a bounded cache.

        Read `vocab` first for the question: that is what drops this cache when the facts change.
        """
        missing = [fact_id for fact_id in fact_ids if fact_id not in self._held]
        for fact_id, text in self.store.search_texts(missing).items():
            self._held[fact_id] = frozenset(stem(word) for word in words(text))
            if len(self._held) > HELD_CACHE:
                self._held.popitem(last=False)
        for fact_id in fact_ids:
            if fact_id in self._held:
                self._held.move_to_end(fact_id)
        return {fact_id: self._held.get(fact_id, frozenset()) for fact_id in fact_ids}

    def terms(self, question: str, vocab: Vocabulary | None = None) -> list[Term]:
        vocab = vocab if vocab is not None else self.vocab
        terms: list[Term] = []
        seen: set[str] = set()
        for word in words(question):
            if word in STOPWORDS or word in seen or (word.isdigit() and not vocab.knows(word)):
                continue
            seen.add(word)
            forms = {word}
            known = vocab.knows(word)
            if not known and word not in vocab.synonyms:
                fixed = vocab.correct(word)
                if fixed is not None:
                    forms.add(fixed)
                    known = vocab.knows(fixed) or fixed in vocab.synonyms
                    word = fixed
            for form in list(forms):
                forms |= vocab.synonyms.get(form, frozenset())
            if not known:
                known = any(vocab.knows(form) for form in forms)
            if word in STOPWORDS:
                continue
            weak = word in WEAK or stem(word) in WEAK
            terms.append(Term(word=word, forms=forms, weak=weak, known=known))
            if len(terms) >= MAX_TERMS:
                break
        return terms


# -- scoring ---------------------------------------------------------------


@dataclass
class Scored:
    fact_id: str
    rank: float
    strong: int
    weak: int
    missed: int
    exact: int

    @property
    def score(self) -> float:
        # A word matched as typed beats one matched through a synonym, which
        # keeps facts with long synonym lists from winning every tie.
        return 2 * self.strong + self.weak - 2 * self.missed + 0.5 * self.exact


def match_expression(terms: list[Term], vocab: Vocabulary) -> str | None:
    """An FTS5 query OR-ing every known form. Forms are plain words, quoted, so no FTS syntax gets through."""
    # One form per stem: "cost"/"costs" or "train"/"training" index as the same FTS5 term, and each
    # OR-ed term costs a lookup (the query is most of an answer's time).
    by_stem = {stem(form): form for term in terms for form in sorted(term.forms, reverse=True) if vocab.knows(form)}
    forms = sorted(by_stem.values())
    if not forms:
        return None
    return " OR ".join(f'"{form}"' for form in forms)


def score(terms: list[Term], candidates: list[tuple[str, float]], stems: dict[str, frozenset[str]]) -> list[Scored]:
    scored = []
    for fact_id, rank in candidates:
        held = stems.get(fact_id, frozenset())
        strong = weak = missed = exact = 0
        for term in terms:
            hit = not term.stems.isdisjoint(held)
            exact += term.word_stem in held
            if hit and term.weak:
                weak += 1
            elif hit:
                strong += 1
            elif term.known and not term.weak:
                missed += 1
        scored.append(Scored(fact_id, rank, strong, weak, missed, exact))
    scored.sort(key=lambda s: (-s.score, s.rank))
    return scored


def acceptable(best: Scored, terms: list[Term]) -> bool:
    """Does the best fact answer this question, or merely share a word with it?

    A fact must cover at least one strong concept, leave out almost none of
    the concepts the facts know about (those point at a different fact, or at
    something the articles never say), and outweigh the words the articles
    never use at all. A version-like word the articles never use ("gpt-5",
    "r2") names something else: refuse.
    """
    strong_terms = [t for t in terms if not t.weak]
    unknown = [t for t in strong_terms if not t.known]
    if any(any(ch.isdigit() for ch in t.word) for t in unknown):
        return False
    if not strong_terms:
        # "what is r1": only story-wide words; the best of them will do.
        return best.weak > 0
    if best.strong == 0:
        return False
    allowed_misses = (len(strong_terms) - len(unknown)) // 5
    if best.missed > allowed_misses:
        return False
    return 2 * len(unknown) < best.strong


# -- building answers ----------------------------------------------------------


class Engine:
    """Every request the bot answers. Both fronts call these methods."""

    def __init__(self, store: FactStore) -> None:
        self.store = store
        self.reader = Reader(store)
        self._topics: tuple[int | None, list[tuple[str, int]]] | None = None

    def ask(self, question: str) -> Answer:
        """Free text → the best-matching fact with its citations, or a plain refusal."""
        text = clean(question)
        if not text:
            return self._unknown(question, "Ask me a question about DeepSeek's R1 training-cost disclosure.")
        vocab = self.reader.vocab  # one cache check per question, not one per step
        terms = self.reader.terms(text, vocab)
        expression = match_expression(terms, vocab)
        if expression is None:
            return self._unknown(question, "I couldn't find anything about that in the articles.")
        candidates = self.store.search(expression, CANDIDATES)
        ranked = score(terms, candidates, self.reader.held([fact_id for fact_id, _ in candidates]))
        if not ranked or not acceptable(ranked[0], terms):
            log.debug("no acceptable fact for %r: %s", text, ranked[:3])
            return self._unknown(question, "I couldn't find that in the articles.")
        return self._about(self.store.facts(ids=[ranked[0].fact_id]), question=question)

    def cost(self, model: str | None = None) -> Answer:
        """Training-cost facts, for one model if given (matched by alias: "R-1", "the R1 model", "gpt")."""
        if model is not None and clean(model):
            # Only the named subjects' facts are loaded: the cost topic may hold thousands.
            subjects = resolve_model(model, set(self.store.subjects(topic="cost")))
            chosen = [fact for subject in subjects for fact in self.store.facts(topic="cost", subject=subject)]
            chosen.sort(key=lambda fact: (fact.value is None, subjects.index(fact.subject)))
            if chosen:
                return self._about(chosen[:3], question=model, text=" ".join(f.answer for f in chosen[:3]))
        costs = self.store.facts(topic="cost")
        figures = [fact for fact in costs if fact.value is not None]
        if model is None or not clean(model):
            chosen = figures or costs
            return self._about(chosen, question=model, text=" ".join(f.answer for f in chosen) or None)
        named = ", ".join(f"{label_subject(f.subject)} ({f.value_label()})" for f in figures)
        # Echo only letters, digits and a little punctuation: no markdown or mention can ride along.
        shown = re.sub(r"[^\w .+-]|_", "", clean(model, 60)).strip() or "that model"
        return Answer(
            kind="unknown",
            question=model,
            text=f"The articles give no training-cost figure for “{shown}”. They give one for: {named}.",
            suggestions=[fact.subject for fact in figures],
            total_sources=self.store.source_count(),
        )

    def chips(self) -> Answer:
        """The hardware: which chips, how many, for which phase and why, and the 80-hour run."""
        chosen = self.store.facts(topic="chips")
        chosen += [fact for fact in self.store.facts(topic="training") if fact.unit == "hours"]
        return self._about(chosen, text=" ".join(fact.answer for fact in chosen) or None)

    def fact(self, fact_id: str) -> Answer:
        """One fact by id; an unknown id gets the closest ids as suggestions."""
        key = clean(fact_id, 80).lower()
        try:
            fact = self.store.fact(key, include_retired=True)
        except NotFound:
            # Compare only with ids sharing a piece of the key, never with every fact in the table.
            pieces = [piece for piece in re.split(r"[^a-z0-9]+", key) if len(piece) >= 2] or [key[:3]]
            close = get_close_matches(key, self.store.ids_sharing(pieces), n=3, cutoff=0.5)
            hint = f" Did you mean {', '.join(f'`{c}`' for c in close)}?" if close else ""
            return Answer(
                kind="unknown",
                question=fact_id,
                text=f"There is no fact with that id.{hint}",
                suggestions=close,
                total_sources=self.store.source_count(),
            )
        answer = self._about([fact], question=fact_id)
        if fact.status == "retired":
            answer.text = f"(Retired fact, no longer used in answers.) {answer.text}"
        return answer

    def sources(self) -> Answer:
        """The articles the facts come from, with outlet and date as they state them."""
        sources = self.store.sources()
        text = f"The facts come from {len(sources)} article{'s' if len(sources) != 1 else ''}."
        return Answer(kind="list", text=text, sources=sources, total_sources=len(sources))

    def topics(self) -> Answer:
        """What the bot can answer about, with how many facts each topic holds."""
        topics = self.cached_topics()
        lines = [f"{topic} ({count} fact{'s' if count != 1 else ''})" for topic, count in topics]
        return Answer(
            kind="list",
            text="\n".join(lines),
            suggestions=[topic for topic, _ in topics],
            total_sources=self.store.source_count(),
        )

    def fact_choices(self, typed: str, limit: int = 25) -> list[tuple[str, str]]:
        """(id, answer) of active facts matching what was typed so far, for `/fact` autocomplete."""
        return [(row[0], row[1]) for row in self.store.find_facts(clean(typed, 80).lower(), limit)]

    def cost_subjects(self) -> list[str]:
        """Subjects that have cost facts: what `/cost` can autocomplete."""
        return self.store.subjects(topic="cost")

    # -- helpers --

    def cached_topics(self) -> list[tuple[str, int]]:
        """`store.topics()` (a GROUP BY over every fact) again only when the facts changed."""
        generation = self.reader.generation
        if self._topics is None or self._topics[0] != generation:
            self._topics = (generation, self.store.topics())
        return self._topics[1]

    def _unknown(self, question: str | None, text: str) -> Answer:
        topics = [topic for topic, _ in self.cached_topics()]
        return Answer(
            kind="unknown",
            question=question,
            text=f"{text} Try asking about: {', '.join(topics)}.",
            suggestions=topics,
            total_sources=self.store.source_count(),
        )

    def _about(self, facts: list[Fact], *, question: str | None = None, text: str | None = None) -> Answer:
        """An answer resting on `facts`, pulling in the other side of any disagreement."""
        if not facts:
            return self._unknown(question, "There are no facts on that yet.")
        ids = [fact.id for fact in facts]
        others = [other for fact in facts for other in fact.conflicts_with if other not in ids]
        conflicting = self.store.facts(ids=list(dict.fromkeys(others))) if others else []
        every = facts + conflicting
        citations = self.store.citations([fact.id for fact in every])
        sides: list[Side] = []
        if conflicting:
            involved = [f for f in every if f.conflicts_with]
            for fact in involved:
                sides.append(
                    Side(
                        fact_id=fact.id,
                        claim=fact.answer,
                        sources=[c.source_id for c in citations if c.fact_id == fact.id],
                    )
                )
        body = text or " ".join(fact.answer for fact in facts)
        if sides:
            body = "The articles disagree. " + " ".join(side.claim for side in sides)
        return Answer(
            kind="answer",
            question=question,
            text=body,
            facts=[fact.id for fact in every],
            citations=citations,
            conflict=bool(sides),
            sides=sides,
            total_sources=self.store.source_count(),
        )


def model_key(model: str) -> str:
    """Fold a typed model name to a lookup key: "The DeepSeek-R1 model" → "deepseekr1"."""
    text = clean(model, 60).lower()
    for noise in MODEL_NOISE:
        text = re.sub(rf"(?<![a-z0-9]){re.escape(noise)}(?![a-z0-9])", " ", text)
    return re.sub(r"[^a-z0-9]", "", text)


def resolve_model(model: str, subjects: set[str]) -> list[str]:
    """The fact subjects a typed model name refers to, most specific first."""
    key = model_key(model)
    if key in MODEL_ALIASES:
        return list(MODEL_ALIASES[key])
    if key.startswith("deepseek") and key[8:] in MODEL_ALIASES:
        return list(MODEL_ALIASES[key[8:]])
    plain = {re.sub(r"[^a-z0-9]", "", subject): subject for subject in subjects}
    if key in plain:
        return [plain[key]]
    close = get_close_matches(key, list(MODEL_ALIASES) + list(plain), n=1, cutoff=0.85)
    if close:
        return list(MODEL_ALIASES.get(close[0], (plain.get(close[0], close[0]),)))
    return []


def label_subject(subject: str) -> str:
    return {"r1": "R1", "v3": "V3", "openai": "OpenAI", "deepseek": "DeepSeek", "meta": "Meta"}.get(subject, subject)
