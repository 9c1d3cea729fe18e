"""Answers are cached per facts version: a repeated question skips the engine, a change made by
any process is seen by the next answer, and every unanswered /ask is still counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.models import Actor, Source
from bot.moderation import Moderation
from bot.service import AnswerCache, Service
from bot.storage import FactStore

ALICE = Actor(id="1", name="alice", via="cli")


@pytest.fixture
def service(store: FactStore):
    service = Service(store)
    yield service
    service.close()


def engine_calls(service: Service, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The questions that reached the engine from now on."""
    calls: list[str] = []
    ask = service.engine.ask

    def counted(question: str):
        calls.append(question)
        return ask(question)

    monkeypatch.setattr(service.engine, "ask", counted)
    return calls


def test_a_repeated_question_is_answered_from_the_cache(service: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = engine_calls(service, monkeypatch)
    first = service.answer("ask", "how much did r1 cost")
    # Spaces, a mention and full-width letters are what the engine itself normalises away.
    for same in (
        "how much did r1 cost",
        "  how much  did r1 cost ",
        "<@123> how much did r1 cost",
        "how much did ｒ１ cost",
    ):
        assert service.answer("ask", same) is first
    assert calls == ["how much did r1 cost"]
    assert "$294,000" in first.answer.text
    assert service.cached("ask", "how much did r1 cost") is first
    assert service.cached("ask", "how many chips") is None, "cached() never works an answer out"


def test_the_cache_key_is_what_the_engine_reads(engine) -> None:
    """If the engine ever read more of a question than its cleaned text, the cache would mix answers up."""
    for question in ("how much did r1 cost", "how many chips?", "when was the paper published", "best pizza"):
        for variant in (f"  {question}  ", f"<@&456> {question}", question.replace(" ", "\u3000")):
            assert engine.ask(variant).model_dump(exclude={"question"}) == engine.ask(question).model_dump(
                exclude={"question"}
            ), variant


def test_ask_names_the_askers_own_words(service: Service) -> None:
    assert service.ask("how much did r1 cost").question == "how much did r1 cost"
    assert service.ask("  how much did r1 cost").question == "  how much did r1 cost"


def test_every_unanswered_ask_is_counted_cached_or_not(service: Service, store: FactStore) -> None:
    for _ in range(3):
        assert service.ask("best pizza place in hangzhou").unanswered in ("no_match", "not_stated")
    assert service.cached("ask", "best pizza place in hangzhou") is not None  # a fourth, from the cache
    assert service.answer("cost", "gemini").answer.unanswered == "not_stated"  # /cost is not a gap
    assert service.feedback.flush(10)
    gaps, _ = store.gaps(limit=10)
    assert [(gap.question, gap.count) for gap in gaps] == [("best pizza place in hangzhou", 4)]


def test_an_edit_by_another_process_reaches_the_next_answer(project: Path, service: Service) -> None:
    assert "zeppelin" not in service.answer("ask", "how long did training take").answer.text
    other = FactStore.open(project / "facts.db")  # another shard, or `factbot facts edit`
    try:
        fact = other.fact("r1-training-hours")
        Moderation(other).edit(fact.id, {"answer": fact.answer + " (zeppelin)"}, fact.version, ALICE)
    finally:
        other.close()
    assert "zeppelin" in service.answer("ask", "how long did training take").answer.text
    assert "zeppelin" in service.answer("chips").answer.text


def test_a_citation_taken_out_by_another_process_leaves_the_next_answer(project: Path, engine) -> None:
    # The engine keeps each fact's citations for the facts generation: an edit moves it on.
    question = "what chips did deepseek use in the prep phase"
    before = engine.ask(question)
    assert before.facts[:1] == ["r1-a100-preparatory"]
    assert len([c for c in before.citations if c.fact_id == "r1-a100-preparatory"]) == 2
    other = FactStore.open(project / "facts.db")
    try:
        fact = other.fact("r1-a100-preparatory")
        changes = {"citations": [fact.citations[0].model_dump()]}
        Moderation(other).edit(fact.id, changes, fact.version, ALICE)
    finally:
        other.close()
    after = engine.ask(question)
    assert len([c for c in after.citations if c.fact_id == "r1-a100-preparatory"]) == 1


def test_a_new_article_reaches_the_next_answer(service: Service, store: FactStore) -> None:
    before = service.answer("sources").answer
    assert service.answer("ask", "how much did r1 cost").answer.total_sources == len(before.sources) == 2
    text = "A third article about R1."
    store.add_source(Source(id="third", headline="A third article", path="third.txt", sha256="0" * 64), text)
    assert len(service.answer("sources").answer.sources) == 3
    assert service.answer("ask", "how much did r1 cost").answer.total_sources == 3


def test_the_cache_is_bounded(store: FactStore) -> None:
    service = Service(store)
    service.answers = AnswerCache(store, size=3)
    for question in ("how much did r1 cost", "how many chips", "who is liang wenfeng", "nature paper", "why h800"):
        service.answer("ask", question)
    assert len(service.answers) == 3
    assert service.cached("ask", "how much did r1 cost") is None, "the least recently asked went first"
    assert service.cached("ask", "why h800") is not None
    service.close()


def test_an_answer_worked_out_while_the_facts_changed_is_not_kept(store: FactStore, engine) -> None:
    cache = AnswerCache(store)
    old, new = (1, 2), (2, 2)
    assert cache.get(new, ("chips", None)) is None  # someone already saw the new version
    cache.put(old, ("chips", None), engine.chips())  # a worker that started before the change
    assert cache.get(new, ("chips", None)) is None
    assert not cache.warm("chips")
