from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot import curated
from bot.cli import cli
from bot.moderation import Moderation
from bot.storage import FactStore
from tests.test_answers import HOSTILE


@pytest.fixture
def run(project: Path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--db", str(project / "facts.db"), *args], catch_exceptions=False)

    return invoke


def test_ask_prints_answer_and_citations(run) -> None:
    result = run("ask", "How much did it cost to train R1?")
    assert result.exit_code == 0
    assert "$294,000" in result.output
    assert "Slashdot" in result.output and "outlet unknown" in result.output
    assert "“with DeepSeek spending $294,000 on training its R1 model”" in result.output
    assert "reported by 2 of 2 articles" in result.output


def test_cost_json_is_the_answer_model(run) -> None:
    result = run("cost", "r1", "--json")
    data = json.loads(result.output)
    assert data["facts"][0] == "r1-training-cost"
    assert {c["source_id"] for c in data["citations"]} == {"stir", "slashdot"}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["chips"], "512 Nvidia H800"),
        (["sources"], "Slashdot"),
        (["topics"], "distillation"),
        (["fact", "r1-training-hours"], "80 hours"),
        (["cost", "v3"], "no training-cost figure"),
    ],
)
def test_commands(run, args: list[str], expected: str) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert expected in result.output


@pytest.mark.parametrize("as_json", [False, True])
def test_unknown_fact_id_exits_1_like_facts_history(run, as_json: bool) -> None:
    result = run("fact", "r1-training-hour", *(["--json"] if as_json else []))
    assert result.exit_code == 1, result.output
    if as_json:
        assert json.loads(result.output)["kind"] == "unknown"
    else:
        assert "There is no fact with that id. Did you mean `r1-training-hours`" in result.output
    assert run("facts", "history", "r1-training-hour").exit_code == 1


@pytest.mark.parametrize("question", HOSTILE)
def test_hostile_questions_never_crash(run, question: str) -> None:
    result = run("ask", question, "--json")
    assert result.exit_code == 0
    assert json.loads(result.output)["kind"] in {"answer", "unknown"}


def test_check_passes_and_fails_on_an_altered_quote(run, project: Path) -> None:
    assert run("check").exit_code == 0

    conn = sqlite3.connect(project / "facts.db")
    with conn:
        conn.execute("UPDATE citations SET quote = 'DeepSeek spent nothing' WHERE id = 1")
    conn.close()
    result = CliRunner().invoke(cli, ["--db", str(project / "facts.db"), "check"])
    assert result.exit_code == 1
    assert "quote not found verbatim" in result.output


def test_build_from_the_curated_file(tmp_path: Path, project: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "new.db"), "build", "--facts", str(project / "sources" / "facts.toml")]
    )
    assert result.exit_code == 0, result.output
    assert "39 facts" in result.output or "facts from 2 sources" in result.output


def test_missing_database_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "ask", "cost"])
    assert result.exit_code == 1
    assert "No facts database" in result.output and "Traceback" not in result.output


def test_facts_db_from_environment(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTS_DB", str(project / "facts.db"))
    result = CliRunner().invoke(cli, ["cost", "r1"])
    assert "$294,000" in result.output


def test_bare_command_prints_help() -> None:
    result = CliRunner().invoke(cli, [])
    assert "Usage" in result.output and "ask" in result.output


def test_every_command_has_help() -> None:
    for name, command in cli.commands.items():
        assert command.help, f"{name} has no help text"
        subcommands = getattr(command, "commands", {})
        for sub, subcommand in subcommands.items():
            assert subcommand.help, f"{name} {sub} has no help text"


def test_real_subprocess(project: Path) -> None:
    env = {**os.environ, "FACTS_DB": str(project / "facts.db")}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "how many chips did they use?"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=project,
    )
    assert done.returncode == 0, done.stderr
    assert "512" in done.stdout and "H800" in done.stdout


def test_facts_commands_round_trip(run, project: Path, tmp_path: Path) -> None:
    added = run(
        "facts",
        "add",
        "--id",
        "r1-cluster-total",
        "--topic",
        "chips",
        "--subject",
        "r1",
        "--answer",
        "R1's training cluster held 512 H800 chips in total.",
        "--source",
        "slashdot",
        "--quote",
        "512 Nvidia H800 chips",
        "--value",
        "512 chips",
        "--by",
        "alice",
    )
    assert added.exit_code == 0, added.output
    assert run("facts", "edit", "r1-cluster-total", "--aliases", "zeppelin", "--by", "bob").exit_code == 0
    stale = run(
        "facts", "edit", "r1-cluster-total", "--base-version", "1", "--answer", "Something else again.", "--by", "carol"
    )
    assert stale.exit_code == 1 and "was changed by bob" in stale.output
    assert "r1-cluster-total" in run("ask", "zeppelin").output
    assert run("facts", "retire", "r1-cluster-total", "--reason", "duplicate", "--by", "alice").exit_code == 0
    assert run("facts", "restore", "r1-cluster-total", "--version", "1", "--by", "alice").exit_code == 0
    history = run("facts", "history", "r1-cluster-total").output.splitlines()
    assert [line.split()[1] for line in history] == ["create", "edit", "edit", "retire", "restore"]
    assert "refused" in history[2] and "carol" in history[2]
    exported = project / "sources" / "export.toml"
    assert run("facts", "export", "-o", str(exported)).exit_code == 0
    dry = run("facts", "import", str(exported), "--dry-run", "--by", "alice")
    assert "no changes" in dry.output and "nothing written" in dry.output


def test_invalid_edit_names_field_and_reason(run) -> None:
    result = run(
        "facts", "edit", "r1-training-hours", "--citations", "stir: for the 90 hours of training", "--by", "alice"
    )
    assert result.exit_code == 1
    assert "citations.0" in result.output or "quote" in result.output
    assert "does not occur verbatim in source `stir`" in result.output


def test_sources_add(run, tmp_path: Path) -> None:
    article = tmp_path / "followup.txt"
    article.write_text("A follow-up.\nDeepSeek confirmed the $294,000 figure.\n")
    result = run("sources", "add", str(article), "--headline", "A follow-up", "--id", "followup")
    assert result.exit_code == 0, result.output
    assert "followup" in run("sources").output


def test_example_questions_from_the_command_line(run) -> None:
    question = "which blimp hangar hosted the zeppelin training"
    taught = run("facts", "add-question", "r1-h800-chips", question, "--by", "alice")
    assert taught.exit_code == 0 and "version 2" in taught.output, taught.output
    assert "r1-h800-chips" in run("ask", question).output
    shown = run("fact", "r1-h800-chips").output
    assert "Asked as:" in shown and question in shown
    replaced = run(
        "facts", "edit", "r1-h800-chips", "--question", "how many chips", "--question", "gpu count?", "--by", "bob"
    )
    assert replaced.exit_code == 0, replaced.output
    history = run("facts", "history", "r1-h800-chips").output.splitlines()
    assert [line.split()[1] for line in history] == ["create", "teach", "edit"] and "[questions]" in history[-1]


def test_factcheck_prints_each_verdict_and_json_is_the_model(run) -> None:
    text = run("factcheck", "r1 was trained on 4k a100s for $20M lol").output
    assert "CONTRADICTED" in text and "$294,000" in text
    data = json.loads(run("factcheck", "--json", "512 H800s but it cost $9M").output)
    assert set(data) >= {"text", "claims"}
    assert [c["verdict"] for c in data["claims"]] == ["supported", "contradicted"]
    assert set(data["claims"][0]) == {"claim", "verdict", "facts", "citations", "explanation"}


def test_sources_add_copies_the_article_where_check_compares_it(run, project: Path, tmp_path: Path) -> None:
    article = tmp_path / "elsewhere" / "followup.txt"
    article.parent.mkdir()
    article.write_bytes(b"A follow-up.\nDeepSeek confirmed the $294,000 figure.\n")
    result = run("sources", "add", str(article), "--headline", "A follow-up", "--id", "followup")
    assert result.exit_code == 0, result.output
    copied = project / "sources" / "articles" / "followup.txt"
    assert copied.read_bytes() == article.read_bytes()
    assert f"copied to {copied}" in result.output
    assert run("check").exit_code == 0
    copied.write_bytes(b"Changed afterwards.\n")
    assert "file " + str(copied) + " has changed" in run("check").output


@pytest.mark.parametrize("content", [b"", b" \n\r\n\t"], ids=["empty", "blank"])
def test_sources_add_refuses_an_empty_article(run, project: Path, tmp_path: Path, content: bytes) -> None:
    article = tmp_path / "empty.txt"
    article.write_bytes(content)
    result = run("sources", "add", str(article), "--headline", "Nothing at all")
    assert result.exit_code == 1
    assert f"file: {article} is empty" in result.output
    assert "Nothing at all" not in run("sources").output
    assert not (project / "sources" / "articles" / "empty.txt").exists()


def test_sources_add_refuses_an_article_already_present(run, project: Path, tmp_path: Path) -> None:
    again = tmp_path / "same-story.txt"
    again.write_bytes((project / "sources" / "articles" / "001_0ba133b95ff90e67.txt").read_bytes())
    result = run("sources", "add", str(again), "--headline", "The same story again", "--id", "again")
    assert result.exit_code == 1
    assert "file: this article is already source `slashdot` (same SHA-256)" in result.output
    assert "again" not in run("sources").output


def test_sources_add_will_not_overwrite_another_article_of_that_name(run, project: Path, tmp_path: Path) -> None:
    existing = project / "sources" / "articles" / "001_0ba133b95ff90e67.txt"
    before = existing.read_bytes()
    other = tmp_path / "other" / existing.name
    other.parent.mkdir()
    other.write_bytes(b"A different article that happens to have the same file name.\n")
    result = run("sources", "add", str(other), "--headline", "A different article", "--id", "different")
    assert result.exit_code == 1
    assert f"{existing} already exists and differs" in result.output
    assert existing.read_bytes() == before


ADD = (
    "facts",
    "add",
    "--topic",
    "chips",
    "--subject",
    "r1",
    "--answer",
    "R1's training cluster held 512 H800 chips in total.",
    "--source",
    "slashdot",
    "--quote",
    "512 Nvidia H800 chips",
)


@pytest.mark.parametrize("by", ["", "   ", "x" * 5000])
def test_a_bad_by_is_one_sentence_naming_it(run, by: str) -> None:
    for args in (ADD, ("facts", "retire", "r1-training-hours", "--reason", "dup")):
        result = run(*args, "--by", by)
        assert result.exit_code == 1, result.output
        assert result.output.count("\n") == 1, result.output
        assert result.output.startswith("Error: --by must be your name, 1 to 100 characters")
    assert "Retired" not in run("fact", "r1-training-hours").output, "nothing was changed"


def test_facts_add_with_an_empty_subject_names_only_the_subject(run) -> None:
    args = list(ADD)
    args[args.index("--subject") + 1] = ""
    result = run(*args, "--by", "alice")
    assert result.exit_code == 1
    assert "  subject: " in result.output and "id:" not in result.output


def test_a_crlf_article_added_then_checked_passes(run, project: Path, tmp_path: Path) -> None:
    """One hash, over the file's bytes, everywhere: text mode would turn CRLF into LF first."""
    article = tmp_path / "crlf.txt"
    article.write_bytes(b"A follow-up.\r\nDeepSeek confirmed the $294,000 figure.\r\n")
    result = run("sources", "add", str(article), "--headline", "A follow-up", "--id", "followup")
    assert result.exit_code == 0, result.output
    checked = run("check")
    assert checked.exit_code == 0, checked.output
    assert "has changed" not in checked.output


def test_check_a_copy_of_the_database_elsewhere_passes_on_its_stored_texts(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deployed = tmp_path / "deploy" / "facts.db"
    deployed.parent.mkdir()
    deployed.write_bytes((project / "facts.db").read_bytes())
    monkeypatch.setenv("FACTS_DB", str(deployed))
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0, result.output
    assert "every quote verified against the article texts stored in the database" in result.output
    assert "The article files were not compared" in result.output
    conn = sqlite3.connect(deployed)
    with conn:
        conn.execute("UPDATE sources SET text = replace(text, '$294,000', '$300,000')")
    conn.close()
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 1
    assert "stored text does not match its SHA-256" in result.output


def test_check_articles_names_the_folder_holding_the_article_files(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["--db", "facts.db", "check", "--articles", "sources/articles"])
    assert result.exit_code == 0, result.output
    assert "the article files in sources/articles match" in result.output
    article = project / "sources" / "articles" / "001_0ba133b95ff90e67.txt"
    article.write_bytes(article.read_bytes().replace(b"$294,000", b"$300,000"))
    result = CliRunner().invoke(cli, ["--db", "facts.db", "check", "--articles", "sources/articles"])
    assert result.exit_code == 1
    assert f"file {Path('sources/articles') / article.name} has changed" in result.output
    missing = CliRunner().invoke(cli, ["--db", "facts.db", "check", "--articles", "no/such/folder"])
    assert missing.exit_code == 2 and "does not exist" in missing.output


def test_an_unknown_topic_is_refused_until_a_moderator_adds_it(run) -> None:
    args = list(ADD)
    args[args.index("--topic") + 1] = "weather"
    refused = run(*args, "--by", "alice")
    assert refused.exit_code == 1
    assert "topic: `weather` is not a known topic (known: cost, chips" in refused.output
    assert "weather" not in run("topics").output
    added = run("facts", "add-topic", "weather", "--by", "alice")
    assert added.exit_code == 0 and "Added topic weather" in added.output
    assert run(*args, "--by", "alice").exit_code == 0
    history = run("facts", "history", "topic:weather").output
    assert "add-topic" in history and "alice via cli" in history


def test_build_from_an_export_keeps_its_history(run, project: Path) -> None:
    assert (
        run(
            "facts", "edit", "r1-training-hours", "--answer", "R1's final run lasted 80 hours.", "--by", "alice"
        ).exit_code
        == 0
    )
    assert (
        run(
            "facts", "edit", "r1-training-hours", "--base-version", "1", "--answer", "Stale edit.", "--by", "bob"
        ).exit_code
        == 1
    )
    assert run("facts", "retire", "distillation-debate", "--reason", "merged", "--by", "carol").exit_code == 0
    assert run("facts", "add-topic", "weather", "--by", "dave").exit_code == 0
    exported = project / "sources" / "export.toml"
    assert run("facts", "export", "-o", str(exported)).exit_code == 0
    history = curated.load(exported).history
    assert len(history) == len(curated.load(project / "sources" / "facts.toml").facts) + 4
    rebuilt = project / "rebuilt.db"
    built = CliRunner().invoke(cli, ["--db", str(rebuilt), "build", "--facts", str(exported)])
    assert built.exit_code == 0, built.output
    store = FactStore.open(rebuilt)
    try:
        assert store.history() == history, "every entry as exported: who, when, via what, refusals too"
        assert store.known_topics()[-1] == "weather"
        assert curated.dumps(Moderation(store).export()) == exported.read_text(encoding="utf-8")
    finally:
        store.close()
