"""Browsing facts.db in the real Datasette with the shipped datasette.yaml: every canned query runs.

The in-process tests use Datasette's own test client; the README's command is run as it is
written, with `--get`, which serves one request without opening a port.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tomllib
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
import yaml
from datasette.app import Datasette

from bot.models import Actor
from bot.service import Service
from bot.storage import FactStore

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "datasette.yaml"
METADATA = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
QUERIES = METADATA["databases"]["facts"]["queries"]
ALICE = Actor(id="cli:alice", name="alice", via="cli")
BOB = Actor(id="cli:bob", name="bob", via="cli")
# Canned queries that take a parameter, and the value each test gives it.
PARAMETERS = {"fact_history": "fact_id=r1-training-cost&"}


async def rows(db: Path, query: str, *, immutable: bool = False) -> list[dict[str, Any]]:
    """A canned query's rows as JSON, from a fresh in-process Datasette on `db` (named `facts`)."""
    assert db.name == "facts.db", "the configuration is keyed by the database name, facts"
    datasette = Datasette(**({"immutables": [str(db)]} if immutable else {"files": [str(db)]}), metadata=METADATA)
    await datasette.invoke_startup()
    try:
        response = await datasette.client.get(f"/facts/{query}.json?{PARAMETERS.get(query, '')}_shape=array")
    finally:
        datasette.databases["facts"].close()
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def lived_in(project: Path) -> Path:
    """The shipped facts.db after some use, through the bot's own code: gaps and claims counted,
    one gap taught, one dismissed, reports filed and one closed, a fact retired."""
    store = FactStore.open(project / "facts.db")
    service = Service(store)
    for question in ("How pricey was R1?", "Best pizza recipe?", "how much electricity did training use") * 2:
        service.ask(question)
    service.factcheck("deepseek has 200 employees")
    assert service.feedback.flush(10)
    gaps = {gap.question: gap.id for gap in store.list_gaps()}
    service.moderation.teach_gap(gaps["how pricey was r1"], "r1-training-cost", BOB)
    service.moderation.dismiss_gap(gaps["best pizza recipe"], "off-topic", ALICE)
    store.add_report(
        "/ask How much did R1 cost?", ["r1-training-cost", "r1-cost-vs-us-rivals"], "the figure is outdated"
    )
    closed = store.add_report(None, ["r1-h800-chips"], "wrong chip")
    service.moderation.close_report(closed, "answer was right", ALICE)
    service.moderation.retire("r1-training-hours", "duplicate of another fact", ALICE)
    service.close()
    store.close()
    return project / "facts.db"


def test_every_canned_query_is_tested() -> None:
    assert set(QUERIES) == set(EXPECTED), "a new canned query needs its expectation in EXPECTED"


def open_gaps(found: list[dict[str, Any]], _: Path) -> None:
    assert [(r["kind"], r["question"], r["count"]) for r in found] == [
        ("question", "how much electricity did training use", 2),
        ("claim", "claim: deepseek has 200 employees", 1),
    ]
    assert all(r["first_asked"] and r["last_asked"] for r in found)


def open_reports(found: list[dict[str, Any]], _: Path) -> None:
    [report] = found
    assert report["facts"] == "r1-training-cost\nr1-cost-vs-us-rivals", "fact ids as a list, one a line"
    assert (report["asked"], report["note"]) == ("/ask How much did R1 cost?", "the figure is outdated")


def fact_history(found: list[dict[str, Any]], _: Path) -> None:
    assert [(r["version"], r["action"], r["by"], r["via"], r["changed"]) for r in found] == [
        (1, "create", "factbot build", "build", "new"),
        (2, "teach", "bob", "cli", "questions"),
    ]
    assert found[1]["note"].startswith("taught from gap #") and found[1]["note"].endswith(": how pricey was r1")


def citations(found: list[dict[str, Any]], db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert len(found) == conn.execute("SELECT count(*) FROM citations").fetchone()[0]
    first = found[0]
    assert (
        first["fact_id"] == "r1-training-cost"
        and first["quote"] == "with DeepSeek spending $294,000 on training its R1 model"
    )
    assert first["headline"].startswith("AI model training costs disclosed") and first["outlet"] == "outlet not named"
    assert {r["outlet"] for r in found} == {"outlet not named", "Slashdot"}


def facts_by_topic(found: list[dict[str, Any]], db: Path) -> None:
    with sqlite3.connect(db) as conn:
        active = conn.execute("SELECT count(*) FROM facts WHERE status = 'active'").fetchone()[0]
        topics = [row[0] for row in conn.execute("SELECT name FROM topics ORDER BY rowid")]
    assert len(found) == active and "r1-training-hours" not in {r["id"] for r in found}
    shown = list(dict.fromkeys(r["topic"] for r in found))
    assert shown == [topic for topic in topics if topic in shown], "topic by topic, in the topics' order"
    cost = next(r for r in found if r["id"] == "r1-training-cost")
    assert cost["citations"] == 2
    assert cost["aliases"].startswith("• price\n• spend\n"), "aliases as a list"
    assert cost["questions"].endswith("\n• how pricey was r1"), "example questions as a list, the taught one last"


def retired_facts(found: list[dict[str, Any]], _: Path) -> None:
    [fact] = found
    assert (fact["id"], fact["retired_by"], fact["reason"], fact["version"]) == (
        "r1-training-hours",
        "alice",
        "duplicate of another fact",
        2,
    )
    assert fact["questions"].startswith("• how long did it take to train r1")


EXPECTED = {
    "open_gaps": open_gaps,
    "open_reports": open_reports,
    "fact_history": fact_history,
    "citations": citations,
    "facts_by_topic": facts_by_topic,
    "retired_facts": retired_facts,
}


@pytest.mark.parametrize("query", list(QUERIES))
async def test_each_canned_query_returns_the_real_rows(lived_in: Path, query: str) -> None:
    EXPECTED[query](await rows(lived_in, query), lived_in)


@pytest.mark.parametrize("query", list(QUERIES))
async def test_each_canned_query_runs_on_the_shipped_database(query: str) -> None:
    found = await rows(ROOT / "facts.db", query, immutable=True)
    if query in ("fact_history", "citations", "facts_by_topic"):
        assert found, f"{query} on the shipped facts.db returned nothing"


def test_the_configuration_describes_every_table_and_column_and_names_licence_and_sources() -> None:
    assert METADATA["title"] and METADATA["description_html"]
    licence = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["license"]
    assert METADATA["license"] == licence == "Apache-2.0"
    tables = METADATA["databases"]["facts"]["tables"]
    with sqlite3.connect(f"file:{ROOT / 'facts.db'}?immutable=1", uri=True) as conn:
        for (headline,) in conn.execute("SELECT headline FROM sources"):
            assert headline in " ".join(METADATA["source"].split()), f"the source {headline!r} is not named"
        names = [
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not row[0].startswith(("facts_fts", "sqlite_"))
        ]
        for name in names:
            assert tables.get(name, {}).get("description"), f"table {name} has no description"
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info([{name}])")]
            described = tables[name].get("columns", {})
            assert [c for c in columns if not described.get(c)] == [], f"{name}: undescribed columns"
            assert set(described) <= set(columns), f"{name}: described columns it does not have"


def readme_command() -> list[str]:
    """The one command the README gives for opening facts.db in Datasette."""
    lines = [
        line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines() if line.startswith("datasette ")
    ]
    assert len(lines) == 1, f"expected one datasette command in the README, found {lines}"
    return shlex.split(lines[0])


def test_the_readme_command_serves_the_shipped_database(tmp_path: Path) -> None:
    # Byte-identical copies, so Datasette's read-only WAL files land here, not in the checkout.
    shutil.copy(ROOT / "facts.db", tmp_path / "facts.db")
    shutil.copy(CONFIG, tmp_path / CONFIG.name)
    command = readme_command()
    assert command[0] == "datasette" and "-i" not in command and "--immutable" not in command
    executable = Path(sys.executable).with_name("datasette")
    done = subprocess.run(
        [str(executable), *command[1:], "--get", "/facts/facts_by_topic.json?_shape=array"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout)
    with sqlite3.connect(f"file:{ROOT / 'facts.db'}?immutable=1", uri=True) as conn:
        assert len(found) == conn.execute("SELECT count(*) FROM facts WHERE status = 'active'").fetchone()[0]
    assert (tmp_path / "facts.db").read_bytes() == (ROOT / "facts.db").read_bytes(), "browsing changed nothing"


# -- browsing never writes: no query, plugin or request of anyone's changes facts.db --

# SQL a visitor may send to /facts?sql=. The last two get past Datasette's "must be a SELECT"
# check to SQLite: only the read-only connection (mode=ro) stops them.
WRITES = [
    "update facts set answer = 'forged'",
    "delete from fact_history",
    "insert into topics (name) values ('forged')",
    "replace into reports (id, status) values (1, 'closed')",
    "attach database 'forged.db' as forged",
    "pragma writable_schema = 1",
    "vacuum",
    "with forged as (select 1) update unanswered set status = 'dismissed'",
    "select 1; delete from facts",
]


def test_the_configuration_defines_no_writing_query_plugin_or_permission() -> None:
    text = CONFIG.read_text(encoding="utf-8")
    # Read afresh: Datasette adds keys to the METADATA it was given.
    queries = yaml.safe_load(text)["databases"]["facts"]["queries"]
    assert not [name for name, query in queries.items() if set(query) - {"title", "description", "sql"}]
    assert not {"plugins", "allow", "permissions", "write", "on_success_message"} & set(
        re.findall(r"^\s*(\w+):", text, re.MULTILINE)
    )


async def test_no_request_writes_and_the_file_is_opened_read_only(lived_in: Path) -> None:
    before = lived_in.read_bytes()
    datasette = Datasette(files=[str(lived_in)], metadata=METADATA)
    await datasette.invoke_startup()
    try:
        assert (await datasette.client.get("/-/plugins.json")).json() == [], "no plugin that could write"
        for sql in WRITES:
            response = await datasette.client.get("/facts.json", params={"sql": sql})
            assert response.status_code == 400 and not response.json()["ok"], (sql, response.text)
        assert "readonly" in (await datasette.client.get("/facts.json", params={"sql": WRITES[-2]})).text
        for query in QUERIES:  # a canned query takes no POST (only a writing one would)
            response = await datasette.client.post(f"/facts/{query}", data={"fact_id": "r1-training-cost"})
            assert response.status_code >= 400, (query, response.status_code)
        for path in ("/facts/-/create", "/facts/facts/-/insert", "/facts/facts/r1-training-cost/-/delete"):
            assert (await datasette.client.post(path, json={"row": {"answer": "forged"}})).status_code >= 400
        # The connection itself refuses, whatever SQL reaches it: SQLite's mode=ro.
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            await datasette.databases["facts"].execute("update facts set answer = 'forged'")
    finally:
        datasette.databases["facts"].close()
    assert lived_in.read_bytes() == before


def test_the_readme_command_refuses_a_write_that_passes_datasettes_select_check(tmp_path: Path) -> None:
    shutil.copy(ROOT / "facts.db", tmp_path / "facts.db")
    shutil.copy(CONFIG, tmp_path / CONFIG.name)
    executable = Path(sys.executable).with_name("datasette")
    forged = urllib.parse.quote(WRITES[-2])
    done = subprocess.run(
        [str(executable), *readme_command()[1:], "--get", f"/facts.json?sql={forged}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0 and "attempt to write a readonly database" in done.stdout, done.stdout[-2000:]
    assert (tmp_path / "facts.db").read_bytes() == (ROOT / "facts.db").read_bytes()
