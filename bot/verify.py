"""`factbot check`: prove every fact in a database rests on its articles."""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath

from bot.curated import article_sha256
from bot.storage import FactStore, normalise_texts, unsupported

log = logging.getLogger(__name__)


def check(store: FactStore, articles_dir: Path | None) -> list[str]:
    """Every problem found, one sentence each; an empty list means the database is sound.

    Checks that each source's text matches its recorded SHA-256 (and the file
    of that name in `articles_dir`, the folder of article files, unless it is
    None), that every fact has a citation,
    that every id resolves, and that every quote occurs verbatim in its
    article, whitespace normalised and nothing else.
    """
    problems = [f"database file: {problem}" for problem in store.integrity_problems()]
    if problems:
        return problems  # a damaged file: nothing read from it can be trusted
    sources = {source.id: source for source in store.sources()}
    texts = store.source_texts()
    for source in sources.values():
        if article_sha256(texts[source.id].encode("utf-8")) != source.sha256:
            problems.append(f"source {source.id}: stored text does not match its SHA-256")
        if articles_dir is not None:
            # Source paths are relative to the curated file ("articles/x.txt"); the folder holds the files.
            file = articles_dir / PurePosixPath(source.path).name
            if not file.exists():
                problems.append(f"source {source.id}: file {file} is missing")
            elif article_sha256(file.read_bytes()) != source.sha256:
                problems.append(f"source {source.id}: file {file} has changed (SHA-256 differs)")
    normalised = normalise_texts(texts)
    facts = store.facts(include_retired=True)
    ids = {fact.id for fact in facts}
    for fact in facts:
        if not fact.citations:
            problems.append(f"fact {fact.id}: has no citation")
        for _, citation, wrong in unsupported(fact.citations, normalised):
            if wrong == "source":
                problems.append(f"fact {fact.id}: cites unknown source {citation.source!r}")
            else:
                problems.append(f"fact {fact.id}: quote not found verbatim in {citation.source}: {citation.quote!r}")
        for other in fact.conflicts_with:
            if other not in ids:
                problems.append(f"fact {fact.id}: conflicts_with names unknown fact {other!r}")
    problems += [f"search index: {message}" for message in store.index_problems()]
    return problems
