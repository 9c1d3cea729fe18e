"""From gap to fix, offline: numbered gaps, teaching, dismissing, closing reports, paging, the CLI.

The Discord side of the same operations is in tests/test_discord_gaps.py; both call bot/moderation.py.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from bot.cli import cli
from bot.errors import InvalidEdit, NotFound
from bot.models import Actor
from bot.moderation import GAP_PAGE, Moderation
from bot.service import Service
from bot.storage import FactStore, migrations

ALICE = Actor(id="cli:alice", name="alice", via="cli")
BOB = Actor(id="1100000000000000777", name="bob", via="discord")
# Questions the articles answer but the engine does not, as shipped: the fix is to teach them.
PRICEY = "How pricey was R1?"
OFF_TOPIC = "Best pizza recipe?"


@pytest.fixture
def service(store: FactStore) -> Service:
    service = Service(store)
    yield service
    service.close()


def ask(service: Service, *questions: str) -> None:
    """Ask as a reader does, and wait for the unanswered ones to be counted."""
    for question in questions:
        service.ask(question)
    assert service.feedback.flush(10)


def open_ids(store: FactStore) -> list[int]:
    return [gap.id for gap in store.list_gaps()]


# -- storage: numbered gaps that remember what became of them --


def test_the_migration_numbers_existing_gaps_and_keeps_their_counts(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m006_gap_ids_and_outcomes")
    db.execute("INSERT INTO unanswered VALUES ('how many employees', 4, '2026-01-01T00:00:00+00:00', '2026-02-01')")
    db.execute("INSERT INTO unanswered VALUES ('deepseek revenue', 7, '2026-01-05T00:00:00+00:00', '2026-01-06')")
    db.execute("INSERT INTO reports (question, fact_ids, note, at) VALUES ('q', '[\"r1-training-cost\"]', 'x', 't')")
    db.conn.commit()
    db.close()
    store = FactStore.open(path)
    try:
        assert store.schema_version == len(migrations._migrations)
        gaps = store.list_gaps()
        assert [(g.id, g.question, g.count, g.first_asked) for g in gaps] == [
            (2, "deepseek revenue", 7, "2026-01-05T00:00:00+00:00"),
            (1, "how many employees", 4, "2026-01-01T00:00:00+00:00"),
        ]
        assert {g.status for g in gaps} == {"open"}
        store.record_unanswered("how many employees")
        store.record_unanswered("a new question")
        assert [(g.id, g.count) for g in store.list_gaps()] == [(2, 7), (1, 5), (3, 1)]
        [report] = store.list_reports()
        assert (report.id, report.status, report.fact_ids) == (1, "open", ["r1-training-cost"])
    finally:
        store.close()


def test_a_dismissed_gap_is_never_counted_or_reopened(store: FactStore) -> None:
    for _ in range(3):
        store.record_unanswered("best pizza recipe")
    [gap] = store.list_gaps()
    dismissed = Moderation(store).dismiss_gap(gap.id, "  off-topic ", ALICE)
    assert (dismissed.status, dismissed.note, dismissed.closed_by) == ("dismissed", "off-topic", "alice")
    store.record_unanswered_counts({"best pizza recipe": 5, "how many employees": 1})
    assert store.gap(gap.id).count == 3 and store.gap(gap.id).status == "dismissed"
    assert [g.question for g in store.list_gaps()] == ["how many employees"]
    assert [g.id for g in store.list_gaps(include_closed=True)][-1] == gap.id
    with pytest.raises(InvalidEdit) as refused:
        Moderation(store).dismiss_gap(gap.id, "again", BOB)
    assert refused.value.problems == [
        ("gap", f"#{gap.id} was already dismissed (off-topic) by alice at {dismissed.closed_at}")
    ]


@pytest.mark.parametrize("reason", ["", "   ", "x" * 301])
def test_a_dismissal_needs_a_short_reason(store: FactStore, reason: str) -> None:
    store.record_unanswered("best pizza recipe")
    with pytest.raises(InvalidEdit) as refused:
        Moderation(store).dismiss_gap(1, reason, ALICE)
    assert [field for field, _ in refused.value.problems] == ["reason"]
    assert store.gap(1).status == "open"


def test_teaching_a_closed_gap_changes_no_fact(store: FactStore) -> None:
    """The gap closes in the fact's own transaction: a gap already closed refuses the new version too."""
    store.record_unanswered("how pricey was r1")
    Moderation(store).dismiss_gap(1, "off-topic", ALICE)
    with pytest.raises(InvalidEdit):
        Moderation(store).add_question("r1-training-cost", "how pricey was r1", BOB, "x", gap_id=1)
    fact = store.fact("r1-training-cost")
    assert fact.version == 1 and "how pricey was r1" not in fact.questions
    assert [e.action for e in store.history("r1-training-cost")] == ["create"]


# -- moderation: teach, add, dismiss, close, page --


def test_teaching_a_gap_answers_it_and_history_says_who_when_and_which_gap(service: Service) -> None:
    ask(service, PRICEY)
    assert service.ask(PRICEY).kind == "unknown"
    [gap] = service.store.list_gaps()
    taught = service.moderation.teach_gap(gap.id, "r1-training-cost", BOB)
    assert taught.holds and taught.answered_by[:1] == ["r1-training-cost"]
    assert (taught.gap.status, taught.gap.fact_id, taught.gap.closed_by) == ("taught", "r1-training-cost", "bob")
    answer = service.ask(PRICEY)
    assert answer.facts[:1] == ["r1-training-cost"] and "$294,000" in answer.citations[0].quote
    entry = service.store.history("r1-training-cost")[-1]
    assert (entry.action, entry.version, entry.actor_name, entry.via) == ("teach", 2, "bob", "discord")
    assert entry.note == f"taught from gap #{gap.id}: how pricey was r1" and entry.at == taught.gap.closed_at
    assert entry.changed_fields() == ["questions"]
    assert service.store.list_gaps() == []


def test_a_claim_is_not_taught_as_an_example_question(service: Service) -> None:
    service.factcheck("deepseek has 200 employees")
    assert service.feedback.flush(10)
    [claim] = service.store.list_gaps()
    assert claim.is_claim and claim.text == "deepseek has 200 employees"
    with pytest.raises(InvalidEdit) as refused:
        service.moderation.teach_gap(claim.id, "deepseek-low-profile", ALICE)
    assert refused.value.problems[0][0] == "gap" and "dismiss it, or add a fact" in refused.value.problems[0][1]
    assert service.store.fact("deepseek-low-profile").version == 1


def test_a_retired_fact_cannot_be_taught_and_an_unknown_gap_is_not_found(service: Service) -> None:
    ask(service, PRICEY)
    service.moderation.retire("r1-training-cost", "test", ALICE)
    with pytest.raises(InvalidEdit) as refused:
        service.moderation.teach_gap(1, "r1-training-cost", ALICE)
    assert refused.value.problems[0][0] == "fact"
    with pytest.raises(NotFound, match="There is no gap #99"):
        service.moderation.teach_gap(99, "r1-h800-chips", ALICE)
    assert service.store.gap(1).status == "open"


def test_two_moderators_teaching_one_gap(service: Service) -> None:
    ask(service, PRICEY)
    service.moderation.teach_gap(1, "r1-training-cost", ALICE)
    with pytest.raises(InvalidEdit) as refused:
        service.moderation.teach_gap(1, "r1-h800-chips", BOB)
    assert "already taught to `r1-training-cost` by alice" in refused.value.problems[0][1]
    assert service.store.fact("r1-h800-chips").version == 1


# A fact retired by mistake leaves a real gap: "how long did the r1 training run last" finds nothing.
HOURS = "How long did the R1 training run last?"
NEW_HOURS = {
    "topic": "training",
    "subject": "r1",
    "answer": "The final R1 training run lasted 80 hours on the H800 cluster.",
    "citations": [{"source": "stir", "quote": "for the 80 hours of training"}],
}


def test_a_fact_added_for_a_gap_answers_it_and_closes_it(service: Service) -> None:
    service.moderation.retire("r1-training-hours", "retired by mistake", ALICE)
    ask(service, HOURS)
    [gap] = service.store.list_gaps()
    taught = service.moderation.add_for_gap(gap.id, NEW_HOURS, ALICE)
    assert taught.fact.questions == [gap.question] and taught.holds
    assert (taught.gap.status, taught.gap.fact_id) == ("added", taught.fact.id)
    assert service.ask(HOURS).facts[:1] == [taught.fact.id]
    [entry] = service.store.history(taught.fact.id)
    assert entry.action == "create" and entry.note == f"added for gap #{gap.id}: {gap.question}"
    with pytest.raises(InvalidEdit):
        service.moderation.add_for_gap(gap.id, NEW_HOURS | {"answer": "R1 trained for 80 hours on the cluster."}, ALICE)


def test_suggestions_are_the_engines_nearest_facts(service: Service) -> None:
    # Asked twice, it is the most asked: gaps asked as often are ordered by when they were last asked, to the
    # second, and the two could be recorded in different batches a second apart (the test then failed).
    ask(service, "how much electricity did training use", "how much electricity did training use", OFF_TOPIC)
    near, pizza = service.moderation.list_gaps()
    assert near.question == "how much electricity did training use" and pizza.question == "best pizza recipe"
    assert near.suggestions[0] == "r1-training-cost" and len(near.suggestions) == 3
    assert pizza.suggestions == []


def test_closing_a_report_keeps_the_note_and_who(store: FactStore) -> None:
    moderation = Moderation(store)
    report_id = store.add_report("/ask how much did r1 cost", ["r1-training-cost"], "the figure is outdated")
    closed = moderation.close_report(report_id, "answer was right", BOB)
    assert (closed.status, closed.resolution, closed.closed_by) == ("closed", "answer was right", "bob")
    assert store.list_reports() == [] and store.list_reports(include_closed=True) == [closed]
    with pytest.raises(InvalidEdit) as refused:
        moderation.close_report(report_id, "again", ALICE)
    assert refused.value.problems == [("report", f"#{report_id} was already closed by bob at {closed.closed_at}")]
    with pytest.raises(InvalidEdit) as refused:
        moderation.close_report(store.add_report(None, [], None), "  ", ALICE)
    assert [field for field, _ in refused.value.problems] == ["note"]
    columns = {row[1] for row in store.db.execute("PRAGMA table_info(reports)").fetchall()}
    assert not {"user_id", "reporter", "reporter_id"} & columns, "who reported is never stored"


def test_pages_hold_every_open_gap_then_every_open_report(store: FactStore) -> None:
    store.record_unanswered_counts({f"question number {n}": 20 - n for n in range(12)})
    reports = [store.add_report(None, ["r1-training-cost"], f"report {n}") for n in range(3)]
    moderation = Moderation(store)
    first = moderation.gaps_page(0)
    assert (first.page, first.pages, first.gaps, first.reports) == (0, 2, 12, 3)
    assert [item.question for item in first.items] == [f"question number {n}" for n in range(GAP_PAGE)]
    second = moderation.gaps_page(1)
    assert [getattr(item, "question", None) for item in second.items[:2]] == [
        "question number 10",
        "question number 11",
    ]
    assert [item.id for item in second.items[2:]] == reports[::-1]
    assert moderation.gaps_page(7).page == 1 and moderation.gaps_page(-1).page == 0
    assert Moderation(store).gap_choices("number 1")[:2] == [
        (2, "#2 · 19× question number 1"),
        (11, "#11 · 10× question number 10"),
    ]


# -- the command line: the same operations, through the same code --


@pytest.fixture
def run(project: Path):
    runner = CliRunner()

    def invoke(*args: str, ok: bool = True):
        result = runner.invoke(cli, ["--db", str(project / "facts.db"), *args])
        assert (result.exit_code == 0) is ok, result.output
        return result

    return invoke


def listed(run, *flags: str) -> list[dict]:
    return json.loads(run("gaps", "list", "--json", *flags).output)


def test_cli_teach_then_ask_gets_the_fact_and_history_names_the_gap(run) -> None:
    run("ask", PRICEY)
    [gap] = listed(run)
    assert (gap["question"], gap["count"], gap["kind"], gap["status"]) == ("how pricey was r1", 1, "question", "open")
    assert gap["first_asked"] and gap["last_asked"]
    taught = run("gaps", "teach", str(gap["id"]), "r1-training-cost", "--by", "alice").output
    assert f"Taught gap #{gap['id']} to r1-training-cost (version 2)" in taught
    assert "gets r1-training-cost" in taught
    assert "$294,000" in run("ask", PRICEY).output
    history = run("facts", "history", "r1-training-cost").output.splitlines()[-1]
    assert "teach" in history and "alice via cli" in history and f"taught from gap #{gap['id']}" in history
    assert listed(run) == [] and listed(run, "--all")[0]["status"] == "taught"


def test_cli_dismiss_and_a_later_identical_question_is_not_counted(run) -> None:
    run("ask", OFF_TOPIC)
    run("ask", OFF_TOPIC)
    [gap] = listed(run)
    out = run("gaps", "dismiss", str(gap["id"]), "--reason", "off-topic", "--by", "alice").output
    assert f"Dismissed gap #{gap['id']} (off-topic)" in out
    run("ask", OFF_TOPIC)
    assert listed(run) == []
    [closed] = listed(run, "--all")
    assert (closed["count"], closed["status"], closed["note"], closed["closed_by"]) == (
        2,
        "dismissed",
        "off-topic",
        "alice",
    )
    text = run("gaps", "list", "--all").output
    assert "dismissed (off-topic) by alice" in text
    refused = run("gaps", "dismiss", str(gap["id"]), "--reason", "again", "--by", "bob", ok=False)
    assert "was already dismissed" in refused.output


def test_cli_lists_every_open_gap_past_ten_most_asked_first(run, project: Path) -> None:
    store = FactStore.open(project / "facts.db")
    store.record_unanswered_counts({f"unanswered question {n}": 30 - n for n in range(25)})
    store.close()
    text = run("gaps", "list").output
    order = [f"unanswered question {n}" for n in range(25)]
    positions = [text.index(f"{30 - n}×  {question}") for n, question in enumerate(order)]
    assert positions == sorted(positions)
    assert "25 open gap(s)" in text
    assert [gap["question"] for gap in listed(run)] == order


def test_cli_reports_list_and_close(run, project: Path) -> None:
    store = FactStore.open(project / "facts.db")
    first = store.add_report("/ask how much did r1 cost", ["r1-training-cost"], "the figure is outdated")
    second = store.add_report(None, ["r1-h800-chips"], None)
    store.close()
    text = run("reports", "list").output
    assert text.index(f"#{second}") < text.index(f"#{first}") and "the figure is outdated" in text
    out = run("reports", "close", str(first), "--note", "fixed in v3", "--by", "alice").output
    assert f"Closed report #{first}: fixed in v3" in out
    [left] = json.loads(run("reports", "list", "--json").output)
    assert left["id"] == second
    every = json.loads(run("reports", "list", "--all", "--json").output)
    closed = next(report for report in every if report["id"] == first)
    assert (closed["status"], closed["resolution"], closed["closed_by"]) == ("closed", "fixed in v3", "alice")
    assert "There is no report #99." in run("reports", "close", "99", "--note", "x", "--by", "a", ok=False).output


def test_cli_facts_add_for_a_gap(run) -> None:
    run("facts", "retire", "r1-training-hours", "--reason", "retired by mistake", "--by", "alice")
    run("ask", HOURS)
    [gap] = listed(run)
    out = run(
        "facts",
        "add",
        "--topic",
        "training",
        "--subject",
        "r1",
        "--answer",
        NEW_HOURS["answer"],
        "--source",
        "stir",
        "--quote",
        "for the 80 hours of training",
        "--gap",
        str(gap["id"]),
        "--by",
        "alice",
    ).output
    fact_id = out.split()[1]
    assert f"for gap #{gap['id']}, now closed" in out and f"gets {fact_id}" in out
    assert json.loads(run("fact", fact_id, "--json").output)["examples"] == [gap["question"]]
    [closed] = listed(run, "--all")
    assert (closed["status"], closed["fact_id"]) == ("added", fact_id)


def test_cli_teach_refusals_are_one_sentence(run) -> None:
    assert "There is no gap #99." in run("gaps", "teach", "99", "r1-training-cost", "--by", "a", ok=False).output
    run("factcheck", "deepseek has 200 employees")
    [claim] = listed(run)
    assert claim["kind"] == "claim" and claim["question"] == "claim: deepseek has 200 employees"
    refused = run("gaps", "teach", str(claim["id"]), "deepseek-low-profile", "--by", "a", ok=False).output
    assert "gap: #" in refused and "fact-check claim" in refused


def test_a_gap_holds_no_one_who_asked_only_the_moderator_who_closed_it(project: Path) -> None:
    with sqlite3.connect(project / "facts.db") as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(unanswered)")}
    assert columns == {
        "id",
        "question",
        "count",
        "first_asked",
        "last_asked",
        "status",
        "fact_id",
        "note",
        "closed_by",
        "closed_by_id",
        "closed_via",
        "closed_at",
    }
