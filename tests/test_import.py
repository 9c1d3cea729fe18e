"""`factbot facts import`: versions honoured as edits honour them, a faithful dry run, every problem at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot import curated
from bot.cli import cli
from bot.errors import EditConflict
from bot.models import Actor
from bot.moderation import Moderation
from bot.storage import FactStore

ALICE = Actor(id="cli:alice", name="alice", via="cli")
BOB = Actor(id="cli:bob", name="bob", via="cli")
FACT = "liang-wenfeng-founder"
ALICE_V2 = "Liang Wenfeng founded DeepSeek."
BOB_V3 = "Liang Wenfeng is the founder of DeepSeek."


@pytest.fixture
def factbot(project: Path):
    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--db", str(project / "facts.db"), *args])

    return invoke


@pytest.fixture
def stale_export(project: Path, factbot) -> Path:
    """The issue's story: alice exports at v2, bob then edits (v3); alice still has the v2 file."""
    assert factbot("facts", "edit", FACT, "--answer", ALICE_V2, "--by", "alice").exit_code == 0
    exported = project / "sources" / "export.toml"
    assert factbot("facts", "export", "-o", str(exported)).exit_code == 0
    assert factbot("facts", "edit", FACT, "--answer", BOB_V3, "--by", "bob").exit_code == 0
    return exported


def test_an_export_older_than_the_database_is_refused_and_the_refusal_recorded(
    stale_export: Path, factbot, store: FactStore
) -> None:
    result = factbot("facts", "import", str(stale_export), "--by", "alice")
    assert result.exit_code == 1, result.output
    assert f"! {FACT}: the file has version 2, the database version 3 (changed by bob at " in result.output
    assert "The import was refused" in result.output and "--force" in result.output
    assert store.fact(FACT).answer == BOB_V3 and store.fact(FACT).version == 3
    refused = store.history(FACT)[-1]
    assert (refused.action, refused.outcome, refused.version, refused.actor_name) == (
        "import",
        "refused",
        None,
        "alice",
    )
    assert refused.after["answer"] == ALICE_V2 and "version 2" in refused.note


def test_dry_run_lists_the_conflict_and_records_nothing(stale_export: Path, factbot, store: FactStore) -> None:
    before = store.history(FACT)
    result = factbot("facts", "import", str(stale_export), "--dry-run", "--by", "alice")
    assert result.exit_code == 1, "the import it previews would be refused"
    assert f"! {FACT}: the file has version 2, the database version 3" in result.output
    assert f'    answer: "{BOB_V3}" → "{ALICE_V2}"' in result.output, "what the import would overwrite"
    assert "1 conflict(s)" in result.output and "nothing written" in result.output
    assert store.history(FACT) == before


def test_force_imports_anyway_and_says_so_in_history(stale_export: Path, factbot, store: FactStore) -> None:
    result = factbot("facts", "import", str(stale_export), "--force", "--by", "alice")
    assert result.exit_code == 0, result.output
    fact = store.fact(FACT)
    assert (fact.answer, fact.version) == (ALICE_V2, 4)
    forced = store.history(FACT)[-1]
    assert (forced.action, forced.outcome, forced.version, forced.actor_name) == ("import", "applied", 4, "alice")
    assert forced.note.startswith("--force over version 3 (changed by bob")


def test_a_change_made_while_the_import_is_planned_is_not_overwritten(project: Path, store: FactStore, factbot) -> None:
    text = (project / "sources" / "facts.toml").read_text(encoding="utf-8")
    (project / "sources" / "new.toml").write_text(text.replace("is DeepSeek's founder.", "founded DeepSeek."))
    moderation = Moderation(store)
    plan = moderation.plan_import(curated.load(project / "sources" / "new.toml"), project / "sources")
    moderation.edit(FACT, {"answer": BOB_V3}, 1, BOB)
    with pytest.raises(EditConflict, match="changed while the import was being checked"):
        moderation.apply_import(plan, ALICE)
    assert store.fact(FACT).answer == BOB_V3


def test_dry_run_shows_each_change_before_and_after_and_what_it_leaves(project: Path, factbot) -> None:
    data = curated.load(project / "sources" / "facts.toml")
    kept = [fact for fact in data.facts if fact.id not in ("experts-warn-risks", "disclosure-surprise")]
    hours = next(fact for fact in kept if fact.id == "r1-training-hours")
    kept[kept.index(hours)] = hours.model_copy(
        update={"answer": "The R1 training run lasted 80 hours.", "aliases": [*hours.aliases, "wall clock"]}
    )
    path = project / "sources" / "changed.toml"
    path.write_text(curated.dumps(data.model_copy(update={"facts": kept})), encoding="utf-8")
    result = factbot("facts", "import", str(path), "--dry-run", "--by", "alice")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = lines.index("~ r1-training-hours: version 1 → 2")
    before, after = hours.answer, "The R1 training run lasted 80 hours."
    assert lines[at + 1] == f'    answer: "{before}" → "{after}"'

    assert lines[at + 2].startswith("    aliases: [") and lines[at + 2].endswith(', "wall clock"]')
    assert (
        f"= {len(kept) - 1} unchanged; 2 in the database but not in the file, left as they are: experts-warn-risks, "
        "disclosure-surprise" in lines
    )
    assert lines[-1].startswith("Dry run: 1 fact change(s), 0 new source(s)") and "nothing written" in lines[-1]


def test_every_problem_in_the_file_is_reported_at_once(project: Path, factbot, store: FactStore) -> None:
    text = (project / "sources" / "facts.toml").read_text(encoding="utf-8")
    broken = (
        text.replace('id = "r1-training-hours"\ntopic = "training"', 'id = "r1-training-hours"\ntopic = "Training!"')
        .replace('quote = "DeepSeek\'s founder Liang Wenfeng"', 'quote = "DeepSeek\'s founder, Mr Liang"')
        .replace(
            'source = "slashdot"\nquote = "the reasoning-focused R1 model utilized',
            'source = "reuters"\nquote = "the reasoning-focused R1 model utilized',
        )
    )
    assert broken.count("Training!") == broken.count("Mr Liang") == broken.count("reuters") == 1
    path = project / "sources" / "broken.toml"
    path.write_text(broken, encoding="utf-8")
    result = factbot("facts", "import", str(path), "--by", "alice")
    assert result.exit_code == 1
    assert "facts.r1-training-hours.topic: use lowercase letters" in result.output, "a type error"
    assert "facts.liang-wenfeng-founder.citations.0: quote does not occur verbatim" in result.output, "a bad quote"
    assert "facts.r1-h800-chips.citations.1.source: `reuters` is not a known source" in result.output
    assert result.output.count("\n  ") == 3, result.output
    assert [entry.action for entry in store.history("r1-h800-chips")] == ["create"]
