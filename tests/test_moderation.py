"""Moderators' changes: validation, versions, history, concurrency, import/export."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import curated
from bot.answers import Engine
from bot.errors import DuplicateFact, EditConflict, InvalidEdit
from bot.models import Actor
from bot.moderation import Moderation, parse_value
from bot.storage import FactStore

ALICE = Actor(id="1", name="alice", via="discord")
BOB = Actor(id="cli:bob", name="bob", via="cli")

NEW = {
    "topic": "chips",
    "subject": "r1",
    "answer": "The H800 cluster that trained R1 held 512 chips in all.",
    "citations": [{"source": "slashdot", "quote": "512 Nvidia H800 chips"}],
    "aliases": ["cluster size"],
}


@pytest.fixture
def mod(store: FactStore) -> Moderation:
    return Moderation(store)


def test_add_is_live_for_answers_at_once(mod: Moderation, engine: Engine) -> None:
    engine.ask("what is the zeppelin budget")  # warm the engine's caches first
    fact = mod.add(NEW | {"id": "r1-zeppelin", "aliases": ["zeppelin budget"]}, ALICE)
    assert fact.version == 1
    assert engine.ask("what is the zeppelin budget").facts[:1] == ["r1-zeppelin"]
    [entry] = mod.history("r1-zeppelin")
    assert (entry.action, entry.version, entry.actor_name, entry.via) == ("create", 1, "alice", "discord")


def test_quote_must_be_verbatim(mod: Moderation) -> None:
    bad = NEW | {"citations": [{"source": "slashdot", "quote": "1024 Nvidia H800 chips"}]}
    with pytest.raises(InvalidEdit) as error:
        mod.add(bad, ALICE)
    assert error.value.problems == [("quote", "this text does not occur verbatim in source `slashdot`")]


def test_unknown_source_and_bad_fields_are_named(mod: Moderation) -> None:
    with pytest.raises(InvalidEdit) as error:
        mod.add(NEW | {"citations": [{"source": "reuters", "quote": "512 Nvidia H800 chips"}]}, ALICE)
    assert error.value.problems[0][0] == "quote.source" and "reuters" in error.value.problems[0][1]
    with pytest.raises(InvalidEdit) as error:
        mod.add(NEW | {"answer": "short", "topic": ""}, ALICE)
    fields = {field for field, _ in error.value.problems}
    assert {"answer", "topic"} <= fields


def test_duplicate_is_refused_with_the_existing_id(mod: Moderation) -> None:
    with pytest.raises(DuplicateFact) as error:
        mod.add(NEW | {"answer": "R1 was trained  on a cluster of 512 NVIDIA H800 chips."}, ALICE)
    assert error.value.existing_id == "r1-h800-chips"


def test_a_new_fact_may_cite_the_quotes_another_fact_cites(mod: Moderation, store: FactStore) -> None:
    """Only saying the same thing is a duplicate: the same article sentence can support two facts."""
    chips = store.fact("r1-h800-chips")
    same_quotes = [c.model_dump() for c in chips.citations]
    fact = mod.add(
        NEW | {"answer": "The R1 training cluster was built from Nvidia's H800 chips.", "citations": same_quotes}, ALICE
    )
    assert fact.citations == chips.citations and (fact.topic, fact.subject) == (chips.topic, chips.subject)


@pytest.mark.parametrize(
    ("subject", "answer", "expected"),
    [
        ("r1", "R1 used a cluster of 512 H800 GPUs for training.", "r1-used-cluster-512-h800-gpus-training"),
        ("r1", "R1's H800 chips für das Training, laut Bericht.", "r1-h800-chips-fur-das-training-laut"),
        ("deepseek", "梁文锋 founded DeepSeek, per the articles.", "deepseek-liang-wen-feng-founded-per"),
    ],
)
def test_generated_ids_are_short_readable_with_the_subject_once(
    mod: Moderation, subject: str, answer: str, expected: str
) -> None:
    fact = mod.add(NEW | {"subject": subject, "answer": answer}, ALICE)
    assert fact.id == expected
    assert len(fact.id) <= 40


def test_a_generated_id_already_taken_gets_a_number(mod: Moderation) -> None:
    first = mod.add(NEW | {"answer": "R1 used a cluster of 512 H800 GPUs for training."}, ALICE)
    second = mod.add(NEW | {"answer": "R1 used a cluster of 512 H800 GPUs for training runs."}, ALICE)
    assert (first.id, second.id) == (
        "r1-used-cluster-512-h800-gpus-training",
        "r1-used-cluster-512-h800-gpus-training-2",
    )


def test_a_bad_subject_is_the_only_problem_reported(mod: Moderation) -> None:
    """The id is made from the subject when none is given: its problem is the subject's, not the id's."""
    with pytest.raises(InvalidEdit) as error:
        mod.add(NEW | {"subject": ""}, ALICE)
    assert [field for field, _ in error.value.problems] == ["subject"]


def test_two_edits_from_the_same_base_one_lands_one_is_refused(mod: Moderation, store: FactStore) -> None:
    base = store.fact("r1-training-hours").version
    mod.edit("r1-training-hours", {"answer": "R1's final training run lasted 80 hours."}, base, ALICE)
    with pytest.raises(EditConflict, match="changed by alice"):
        mod.edit("r1-training-hours", {"answer": "Training R1 took eighty hours."}, base, BOB)
    assert store.fact("r1-training-hours").answer == "R1's final training run lasted 80 hours."
    history = mod.history("r1-training-hours")
    assert [(e.action, e.outcome, e.version, e.actor_name) for e in history] == [
        ("create", "applied", 1, "factbot build"),
        ("edit", "applied", 2, "alice"),
        ("edit", "refused", None, "bob"),
    ]
    assert history[1].changed_fields() == ["answer"]
    assert history[2].after["answer"] == "Training R1 took eighty hours."


def test_retire_is_soft_and_restore_is_a_new_version(mod: Moderation, store: FactStore, engine: Engine) -> None:
    mod.retire("r1-training-hours", "superseded", ALICE)
    assert engine.ask("how long did training take").facts[:1] != ["r1-training-hours"]
    assert store.fact("r1-training-hours", include_retired=True).status == "retired"
    restored = mod.restore("r1-training-hours", BOB)
    assert (restored.status, restored.version) == ("active", 3)
    mod.edit("r1-training-hours", {"answer": "R1's final training run lasted 80 hours."}, 3, ALICE)
    back = mod.restore("r1-training-hours", BOB, version=1)
    assert back.version == 5 and back.answer == store.history("r1-training-hours")[0].after["answer"]
    assert [e.action for e in mod.history("r1-training-hours")] == [
        "create",
        "retire",
        "restore",
        "edit",
        "restore",
    ]


def test_export_then_import_into_an_empty_database_is_identical(mod: Moderation, project: Path) -> None:
    mod.edit("r1-training-hours", {"answer": "R1's final training run lasted 80 hours."}, 1, ALICE)
    mod.retire("distillation-debate", "merged", BOB)
    with pytest.raises(EditConflict):
        mod.edit("r1-training-hours", {"answer": "A stale edit that must be refused."}, 1, BOB)
    exported = curated.dumps(mod.export())
    assert 'outcome = "refused"' in exported
    (project / "sources" / "export.toml").write_text(exported)
    empty = FactStore.open(project / "empty.db", create=True)
    other = Moderation(empty)
    plan = other.plan_import(curated.load(project / "sources" / "export.toml"), project / "sources")
    other.apply_import(plan, BOB)
    assert curated.dumps(other.export()) == exported


def test_import_dry_run_shows_the_diff(mod: Moderation, project: Path) -> None:
    text = (project / "sources" / "facts.toml").read_text()
    changed = text.replace("R1's training run took 80 hours.", "R1's training run lasted 80 hours.")
    (project / "sources" / "changed.toml").write_text(changed)
    plan = mod.plan_import(curated.load(project / "sources" / "changed.toml"), project / "sources")
    assert plan.lines == [
        "~ r1-training-hours: version 1 → 2",
        '    answer: "R1\'s training run took 80 hours." → "R1\'s training run lasted 80 hours."',
        f"= {len(mod.facts()) - 1} unchanged; 0 in the database but not in the file, left as they are",
    ]
    assert len(plan.changes) == 1


def test_import_validates_every_row_before_writing(mod: Moderation, project: Path, store: FactStore) -> None:
    text = (project / "sources" / "facts.toml").read_text()
    broken = text.replace("R1's training run took 80 hours.", "R1's training run lasted 80 hours.").replace(
        'quote = "for the 80 hours of training"', 'quote = "for the 90 hours of training"'
    )
    (project / "sources" / "broken.toml").write_text(broken)
    with pytest.raises(InvalidEdit) as error:
        mod.plan_import(curated.load(project / "sources" / "broken.toml"), project / "sources")
    assert error.value.problems[0][0] == "facts.r1-training-hours.citations.0"
    assert store.fact("r1-training-hours").version == 1


def test_add_source_then_cite_it(mod: Moderation, project: Path, tmp_path: Path) -> None:
    article = tmp_path / "followup.txt"
    article.write_text("DeepSeek followed up.\nThe company said R1 cost $294,000 to train.\n")
    source, copy = mod.add_source(
        article, "DeepSeek followed up", None, None, "followup", project / "sources" / "articles"
    )
    assert copy.read_bytes() == article.read_bytes()
    assert source.outlet is None and len(source.sha256) == 64
    fact = mod.add(
        NEW
        | {
            "answer": "A follow-up article repeats the $294,000 figure.",
            "citations": [{"source": "followup", "quote": "R1 cost $294,000 to train"}],
        },
        ALICE,
    )
    assert fact.citations[0].source == "followup"


def test_unanswered_and_reports_for_gaps(store: FactStore) -> None:
    store.record_unanswered("how many employees")
    store.record_unanswered("how many employees")
    store.record_unanswered("deepseek revenue")
    store.add_report("r1 cost?", ["r1-training-cost"], "the figure is wrong")
    gaps, reports = store.gaps()
    assert [(g.question, g.count) for g in gaps] == [("how many employees", 2), ("deepseek revenue", 1)]
    assert reports[0].fact_ids == ["r1-training-cost"] and reports[0].note == "the figure is wrong"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("294000 USD", (294000, "USD", None)),
        ("$294,000", (294000, "USD", None)),
        ("512 chips", (512, "chips", None)),
        ("more than $100 million", (100_000_000, "USD", "more than")),
        ("", (None, None, None)),
    ],
)
def test_parse_value(text: str, expected: tuple) -> None:
    parsed = parse_value(text)
    assert (parsed["value"], parsed["unit"], parsed["qualifier"]) == expected


def test_parse_value_refuses_prose() -> None:
    with pytest.raises(InvalidEdit, match="value"):
        parse_value("a lot")


def test_an_example_question_taught_to_a_fact_is_answered_by_it(mod: Moderation, engine: Engine) -> None:
    question = "which blimp hangar did the zeppelin training happen in"
    assert engine.ask(question).kind == "unknown"
    fact = mod.add_question("r1-h800-chips", question, ALICE)
    assert fact.version == 2 and fact.questions[-1] == question
    assert engine.ask(question).facts[0] == "r1-h800-chips"
    entry = mod.history("r1-h800-chips")[-1]
    assert (entry.action, entry.actor_name, entry.changed_fields()) == ("teach", "alice", ["questions"])
    with pytest.raises(InvalidEdit, match="already has that example question"):
        mod.add_question("r1-h800-chips", question.upper(), BOB)


def test_an_unknown_topic_is_refused_with_the_known_ones(mod: Moderation, store: FactStore) -> None:
    with pytest.raises(InvalidEdit) as error:
        mod.add(NEW | {"topic": "weather"}, ALICE)
    [(field, reason)] = error.value.problems
    assert field == "topic"
    assert reason.startswith("`weather` is not a known topic (known: cost, ")
    assert "add-topic" in reason, "the refusal says how a topic is added"
    with pytest.raises(InvalidEdit, match="not a known topic"):
        mod.edit("r1-training-hours", {"topic": "weather"}, 1, ALICE)
    assert "weather" not in {topic for topic, _ in store.topics()}


def test_adding_a_topic_is_an_explicit_recorded_action(mod: Moderation, store: FactStore) -> None:
    mod.add_topic("weather", ALICE)
    assert store.known_topics()[-1] == "weather"
    fact = mod.add(NEW | {"topic": "weather"}, BOB)
    assert fact.topic == "weather"
    [entry] = mod.history("topic:weather")
    assert (entry.action, entry.outcome, entry.actor_name, entry.via) == ("add-topic", "applied", "alice", "discord")
    with pytest.raises(InvalidEdit, match="already a topic"):
        mod.add_topic("weather", BOB)
    with pytest.raises(InvalidEdit) as error:
        mod.add_topic("Bad Topic!", BOB)
    assert error.value.problems[0][0] == "topic"


def test_topics_and_their_history_survive_export_and_import(mod: Moderation, project: Path) -> None:
    mod.add_topic("weather", ALICE)
    exported = curated.dumps(mod.export())
    assert 'action = "add-topic"' in exported
    (project / "sources" / "export.toml").write_text(exported)
    other = Moderation(FactStore.open(project / "empty.db", create=True))
    other.apply_import(other.plan_import(curated.load(project / "sources" / "export.toml"), project / "sources"), BOB)
    assert other.store.known_topics()[-1] == "weather"
    assert curated.dumps(other.export()) == exported
