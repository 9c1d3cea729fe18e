from __future__ import annotations

import hashlib
import shutil
import tomllib
from pathlib import Path

import pytest

from bot import curated
from bot.errors import CuratedFileError
from bot.storage import FactStore

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "sources" / "facts.toml"


def test_curated_file_loads() -> None:
    data = curated.load(FACTS)
    assert len(data.facts) >= 30
    assert all(fact.citations for fact in data.facts)


def test_dumps_round_trips() -> None:
    data = curated.load(FACTS)
    again = curated.parse(tomllib.loads(curated.dumps(data)), "round trip")
    assert again == data


def test_conflicting_claims_are_linked_both_ways() -> None:
    facts = {fact.id: fact for fact in curated.load(FACTS).facts}
    linked = [(f.id, o) for f in facts.values() for o in f.conflicts_with]
    assert ("nature-paper-date-june-2023", "nature-paper-date-wednesday") in linked
    assert ("release-january-2023", "release-january") in linked
    for fact_id, other in linked:
        assert fact_id in facts[other].conflicts_with


def test_no_fact_comes_from_the_read_also_lines() -> None:
    article = (ROOT / "sources" / "articles" / "000_1563cd046850944f.txt").read_text()
    read_also = " ".join(article.split("Read also:")[1].split())
    for fact in curated.load(FACTS).facts:
        for citation in fact.citations:
            assert " ".join(citation.quote.split()) not in read_also, fact.id


def test_invalid_fact_names_the_field(tmp_path: Path) -> None:
    text = FACTS.read_text().replace('topic = "cost"', 'topic = "Cost!"', 1)
    (tmp_path / "facts.toml").write_text(text)
    with pytest.raises(CuratedFileError, match=r"facts\.r1-training-cost\.topic: use lowercase"):
        curated.load(tmp_path / "facts.toml")


def test_build_refuses_a_quote_not_in_the_article(tmp_path: Path) -> None:
    data = curated.load(FACTS)
    data.facts[0].citations[0].quote = "DeepSeek spent $1 on training"
    store = FactStore.open(tmp_path / "x.db", create=True)
    with pytest.raises(CuratedFileError, match="quote not found verbatim"):
        store.build(data, ROOT / "sources")


def test_every_fact_has_at_least_five_example_questions() -> None:
    data = curated.load(ROOT / "sources" / "facts.toml")
    few = [fact.id for fact in data.facts if len(fact.questions) < 5]
    assert few == [], f"facts with fewer than 5 example questions: {few}"


def test_build_and_check_take_a_crlf_article_as_its_bytes(tmp_path: Path) -> None:
    from bot.verify import check

    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    data = curated.load(FACTS)
    source = data.sources[1]
    article = tmp_path / "sources" / source.path
    crlf = article.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    article.write_bytes(crlf)
    data.sources[1] = source.model_copy(update={"sha256": hashlib.sha256(crlf).hexdigest()})
    store = FactStore.open(tmp_path / "x.db", create=True)
    store.build(data, tmp_path / "sources")
    assert store.source_texts()[source.id].encode("utf-8") == crlf, "stored as the file's text, CRLF kept"
    assert check(store, tmp_path / "sources" / "articles") == []
