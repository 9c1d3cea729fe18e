"""Synthetic fact databases of a given size, built through the real code path and cached.

Why synthetic text looks the way it does:

* Words follow a Zipf distribution over a pool of pronounceable pseudo-words
  with the shipped facts' own vocabulary ranked among the fairly common ones, so the
  vocabulary grows with the database as real text does (Heaps' law) and the
  question bank's words ("cost", "chips", "training") keep hitting many facts.
* The 39 shipped facts and their two articles are included unchanged, so the
  question bank still has right answers at every size.
* Topics and subjects are drawn from pools that include the real ones, so
  `/cost` and `/chips` see their topic grow with the database, as it would if
  the fact base about the story grew.
* Quotes are verbatim word spans of a few synthetic articles: `FactStore.build`
  checks every quote against every article, so the articles stay few.

Databases are built with `FactStore.open(create=True)` + `FactStore.build(Curated(...), articles_dir)`
(sha256 of every article checked) and cached under CACHE keyed by size, generator version and a
hash of the build code.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import logging
import os
import random
import re
import shutil
import tempfile
import time
from pathlib import Path

from bench.common import CACHE, ROOT
from bot import curated as curated_file
from bot.curated import Curated, article_sha256
from bot.models import CitationIn, Fact, Source
from bot.storage import FactStore

# Bump when the generator changes, so cached databases are rebuilt.
GENERATOR_VERSION = 2
REAL_FROM = 60
SYNTH_SOURCES = 6
SOURCE_SENTENCES = 40
STOP = "the of and to in a was for on that with by its as at from is it said has were an".split()
UNITS = ("USD", "chips", "hours", "GPUs", "percent", "days", "tokens")

log = logging.getLogger(__name__)


def real_curated() -> Curated:
    return curated_file.load(ROOT / "sources" / "facts.toml")


def real_vocabulary(curated: Curated) -> list[str]:
    """Words the shipped facts use, most frequent first (stable order)."""
    counts: dict[str, int] = {}
    for fact in curated.facts:
        text = " ".join([fact.answer, *fact.aliases, *(c.quote for c in fact.citations)]).lower()
        for word in re.findall(r"[a-z][a-z0-9]+", text):
            if word not in STOP and len(word) > 2:
                counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))


def pseudo_words(count: int, rng: random.Random, taken: set[str]) -> list[str]:
    """Pronounceable, distinct non-words of 4-11 letters (no real word is ever produced by chance)."""
    onsets = "b c d f g h j k l m n p r s t v w z br cl dr fl gr pl pr sk st tr ch sh th".split()
    vowels = "a e i o u ai ea io ou".split()
    codas = ["", "", "n", "r", "s", "l", "m", "x", "nd", "rt", "st"]
    out: list[str] = []
    seen = set(taken)
    while len(out) < count:
        word = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.choice((2, 2, 3, 3, 4))))
        word += rng.choice(codas)
        if 4 <= len(word) <= 11 and word not in seen:
            seen.add(word)
            out.append(word)
    return out


class WordSource:
    """Draws content words by Zipf rank (exponent ~1.05, typical of English text)."""

    def __init__(self, rng: random.Random, real: list[str], pool_size: int = 30_000) -> None:
        self.rng = rng
        fake = pseudo_words(pool_size, rng, set(real) | set(STOP))
        # Real words from rank REAL_FROM on, one in four: the most common ("cost") lands in ~5% of
        # facts, as a topic word of a growing fact base might, not in half of them like a stopword.
        ranked: list[str] = []
        real_iter = iter(real)
        for index, word in enumerate(fake):
            if index >= REAL_FROM and index % 4 == 0:
                ranked.extend(itertools.islice(real_iter, 1))
            ranked.append(word)
        ranked.extend(real_iter)
        self.words = ranked
        weights = [1 / (rank + 1) ** 1.05 for rank in range(len(ranked))]
        self.cumulative = list(itertools.accumulate(weights))

    def word(self) -> str:
        value = self.rng.random() * self.cumulative[-1]
        return self.words[bisect.bisect(self.cumulative, value)]

    def sentence(self, min_words: int, max_words: int) -> str:
        tokens = []
        for _ in range(self.rng.randint(min_words, max_words)):
            roll = self.rng.random()
            if roll < 0.33:
                tokens.append(self.rng.choice(STOP))
            elif roll < 0.37:
                tokens.append(f"{self.rng.randint(2, 999):,}")
            else:
                tokens.append(self.word())
        text = " ".join(tokens)
        return text[0].upper() + text[1:] + "."


def synthetic_curated(size: int, articles_dir: Path, seed: int = 20250917) -> Curated:
    """The shipped facts plus synthetic ones up to `size`, with their articles written to `articles_dir`."""
    rng = random.Random(seed)
    real = real_curated()
    vocab = real_vocabulary(real)
    words = WordSource(rng, vocab)
    (articles_dir / "articles").mkdir(parents=True, exist_ok=True)
    for source in real.sources:
        shutil.copy(ROOT / "sources" / source.path, articles_dir / source.path)

    sources: list[Source] = list(real.sources)
    source_words: dict[str, list[str]] = {}
    for index in range(SYNTH_SOURCES):
        sid = f"syn-src-{index:02d}"
        paragraphs = [" ".join(words.sentence(10, 24) for _ in range(5)) for _ in range(SOURCE_SENTENCES // 5)]
        text = "\n\n".join(paragraphs) + "\n"
        path = f"articles/{sid}.txt"
        (articles_dir / path).write_bytes(text.encode("utf-8"))
        source_words[sid] = text.split()
        sources.append(
            Source(
                id=sid,
                headline=words.sentence(6, 12)[:-1].title(),
                outlet="Synthetic Wire" if index % 3 else None,
                date=f"2025-0{1 + index % 9}-1{index % 10}" if index % 2 else None,
                path=path,
                sha256=article_sha256(text.encode("utf-8")),
            )
        )

    real_topics = sorted({fact.topic for fact in real.facts})
    real_subjects = sorted({fact.subject for fact in real.facts})
    topics = real_topics + [w for w in pseudo_words(40 - len(real_topics), rng, set(vocab))]
    subjects = real_subjects + pseudo_words(200 - len(real_subjects), rng, set(vocab) | set(topics))
    synth_ids = [sid for sid in source_words]

    facts: list[Fact] = list(real.facts)
    for index in range(max(0, size - len(real.facts))):
        answer = words.sentence(10, 26)
        while len(answer) < 60:
            answer = answer[:-1] + " " + words.sentence(4, 8).lower()
        if len(answer) > 150:
            answer = answer[:150].rsplit(" ", 1)[0].rstrip(",") + "."
        aliases = [
            " ".join(words.word() for _ in range(rng.choice((1, 1, 1, 2, 2, 3)))) for _ in range(rng.randint(5, 12))
        ]
        citations = []
        for sid in rng.sample(synth_ids, rng.choice((1, 1, 2))):
            tokens = source_words[sid]
            length = rng.randint(6, 16)
            start = rng.randrange(0, len(tokens) - length)
            citations.append(CitationIn(source=sid, quote=" ".join(tokens[start : start + length])))
        has_value = rng.random() < 0.3
        facts.append(
            Fact(
                id=f"syn-{index:06d}",
                topic=rng.choice(topics),
                subject=rng.choice(subjects),
                answer=answer,
                value=float(rng.randint(1, 10_000_000)) if has_value else None,
                unit=rng.choice(UNITS) if has_value else None,
                aliases=aliases,
                citations=citations,
            )
        )
    return Curated(sources=sources, facts=facts, updated=real.updated)


def build_code_key() -> str:
    """A short hash of the code that builds a database, so a change to it rebuilds the cache."""
    digest = hashlib.sha256()
    for name in ("storage.py", "curated.py", "models.py"):
        digest.update((ROOT / "bot" / name).read_bytes())
    return digest.hexdigest()[:10]


def database(size: int, *, rebuild: bool = False) -> tuple[Path, float | None]:
    """The cached synthetic database of `size` facts: (path, build seconds or None if it was cached).

    Keyed by size, generator version and the build code's hash: a database built by older
    storage code (say, without an FTS5 'optimize' after the build) would measure the wrong thing.
    """
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"facts-{size}-g{GENERATOR_VERSION}-{build_code_key()}.db"
    if path.exists() and not rebuild:
        return path, None
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="factbot-bench-") as tmp:
        work = Path(tmp)
        curated = synthetic_curated(size, work)
        partial = work / "facts.db"
        store = FactStore.open(partial, create=True)
        try:
            store.build(curated, work)
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            store.close()
        staged = path.with_suffix(".partial")
        shutil.copy(partial, staged)
        os.replace(staged, path)
    return path, time.perf_counter() - started
