from __future__ import annotations

from pathlib import Path

from bot.storage import FactStore
from bot.verify import check


def test_shipped_database_passes(store: FactStore, project: Path) -> None:
    assert check(store, project / "sources" / "articles") == []


def test_altered_quote_fails(store: FactStore, project: Path) -> None:
    with store.db.atomic():
        store.db.execute(
            "UPDATE citations SET quote = replace(quote, '$294,000', '$249,000') WHERE fact_id = 'r1-training-cost'"
        )
    problems = check(store, project / "sources" / "articles")
    assert len(problems) == 2 and all("quote not found verbatim" in p for p in problems)


def test_whitespace_in_quotes_is_normalised(store: FactStore, project: Path) -> None:
    with store.db.atomic():
        store.db.execute("UPDATE citations SET quote = replace(quote, ' ', '\n   ') WHERE fact_id = 'r1-training-cost'")
    assert check(store, project / "sources" / "articles") == []


def test_changed_article_file_fails(store: FactStore, project: Path) -> None:
    article = project / "sources" / "articles" / "001_0ba133b95ff90e67.txt"
    article.write_text(article.read_text().replace("$294,000", "$300,000"))
    assert any("has changed" in p for p in check(store, project / "sources" / "articles"))


def test_fact_without_citation_fails(store: FactStore) -> None:
    with store.db.atomic():
        store.db.execute("DELETE FROM citations WHERE fact_id = 'r1-training-hours'")
    assert "fact r1-training-hours: has no citation" in check(store, None)
