"""Property tests: hostile text never breaks the engine, the embeds or the moderators' validation.

Hypothesis generates the text. The stores are module-scoped, each built once
from a temporary copy of facts.db and sources/: a function-scoped fixture such
as `project` is set up once per test, not once per example, so it would not
isolate examples anyway. One store answers (never written to); the other takes
the moderators' writes, which accumulate across examples like real edits do.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import discord
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from bench.hostile import FRAGMENTS
from bot.answers import Engine
from bot.embeds import answer_embed
from bot.errors import InvalidEdit
from bot.models import Actor, Answer, Fact
from bot.moderation import SCALES, Moderation, parse_aliases, parse_citations, parse_value
from bot.storage import FactStore
from bot.views import request_label

ROOT = Path(__file__).resolve().parent.parent
MODERATOR = Actor(id="1", name="hypothesis", via="cli")

# The autouse isolation fixture is function-scoped; it only clears settings and
# changes directory, which nothing here depends on between examples.
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SMALL = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Discord's embed limits ("Embed Limits" in the API docs).
TITLE, DESCRIPTION, FIELDS, FIELD_NAME, FIELD_VALUE, FOOTER, AUTHOR, TOTAL = 256, 4096, 25, 256, 1024, 2048, 256, 6000
# What Discord would render (and, outside embeds, ping) as a mention. escape_mentions
# turns "@everyone" into "@\u200beveryone", which this does not match.
LIVE_MENTION = re.compile(r"@(?:everyone|here)|<@[!&]?\d+>")


def _repeat(unit: str, length: int) -> str:
    return (unit * (length // max(1, len(unit)) + 1))[:length]


hostile_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=30).map("".join),
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12).map(" ".join),
    # Very long: up to 2,000 characters, the Discord message limit.
    st.builds(_repeat, st.one_of(st.sampled_from(FRAGMENTS), st.text(min_size=1, max_size=8)), st.integers(1, 2000)),
)


def _copy_project(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    folder = tmp_path_factory.mktemp(name)
    shutil.copy(ROOT / "facts.db", folder / "facts.db")
    shutil.copytree(ROOT / "sources", folder / "sources")
    for article in (folder / "sources" / "articles").iterdir():
        article.chmod(0o644)
    return folder


@pytest.fixture(scope="module")
def answer_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FactStore]:
    store = FactStore.open(_copy_project(tmp_path_factory, "answers") / "facts.db")
    yield store
    store.close()


@pytest.fixture(scope="module")
def engine(answer_store: FactStore) -> Engine:
    return Engine(answer_store)


@pytest.fixture(scope="module")
def mod_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FactStore]:
    store = FactStore.open(_copy_project(tmp_path_factory, "moderation") / "facts.db")
    yield store
    store.close()


# -- checks -------------------------------------------------------------------


def embed_texts(embed: discord.Embed) -> list[str]:
    data = embed.to_dict()
    texts = [data.get("title", ""), data.get("description", "")]
    texts.append(data.get("author", {}).get("name", ""))
    texts.append(data.get("footer", {}).get("text", ""))
    for field in data.get("fields", []):
        texts += [field["name"], field["value"]]
    return texts


def assert_fits_discord(embed: discord.Embed) -> None:
    data = embed.to_dict()
    title = data.get("title", "")
    description = data.get("description", "")
    author = data.get("author", {}).get("name", "")
    footer = data.get("footer", {}).get("text", "")
    fields = data.get("fields", [])
    assert len(title) <= TITLE
    assert len(description) <= DESCRIPTION
    assert len(author) <= AUTHOR
    assert len(footer) <= FOOTER
    assert len(fields) <= FIELDS
    for field in fields:
        assert 0 < len(field["name"]) <= FIELD_NAME, field
        assert 0 < len(field["value"]) <= FIELD_VALUE, field
    total = len(title) + len(description) + len(author) + len(footer)
    total += sum(len(f["name"]) + len(f["value"]) for f in fields)
    assert total <= TOTAL


def assert_no_live_mention(embed: discord.Embed) -> None:
    for text in embed_texts(embed):
        found = LIVE_MENTION.search(text)
        assert found is None, f"live mention {found.group()!r} in {text!r}"


def assert_renders(answer: Answer, command: str, asked: str | None) -> None:
    """What the cogs do with an answer: the embed, with the request shown as its author line.

    The author line is checked for mentions separately, in
    test_the_request_shown_above_an_answer_holds_no_live_mention.
    """
    assert isinstance(answer, Answer)
    assert answer.kind in {"answer", "unknown", "list"}
    assert answer.text
    plain = answer_embed(answer)
    assert_fits_discord(plain)
    assert_no_live_mention(plain)
    assert_fits_discord(answer_embed(answer, asked=request_label(command, asked)))


# -- the engine -------------------------------------------------------------------


@FAST
@given(question=hostile_text)
@example(question="")
@example(question="@everyone how much did r1 cost <@&123>")
@example(question='NEAR("cost" chips) OR * ^ :')
@example(question="x" * 2000)
def test_ask_always_answers_within_discord_limits(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.kind in {"answer", "unknown"}
    if answer.kind == "answer":
        assert answer.facts and answer.citations
    assert_renders(answer, "ask", question)


@FAST
@given(model=st.one_of(st.none(), hostile_text))
@example(model="@everyone")
@example(model="<@&123> r1")
def test_cost_always_answers_within_discord_limits(engine: Engine, model: str | None) -> None:
    answer = engine.cost(model)
    assert answer.kind in {"answer", "unknown"}
    assert_renders(answer, "cost", model)


@SMALL
@given(fact_id=st.one_of(hostile_text, st.sampled_from(["r1-training-cost", "R1-TRAINING-COST ", "r1-h800-chip"])))
def test_fact_always_answers_within_discord_limits(engine: Engine, fact_id: str) -> None:
    answer = engine.fact(fact_id)
    assert answer.kind in {"answer", "unknown"}
    assert_renders(answer, "fact", fact_id)


@FAST
@given(command=st.sampled_from(["ask", "cost", "fact"]), text=hostile_text)
@example(command="ask", text="@everyone0 how much did r1 cost")
@example(command="fact", text="@heres")
def test_the_request_shown_above_an_answer_holds_no_live_mention(engine: Engine, command: str, text: str) -> None:
    answer = {"ask": engine.ask, "cost": engine.cost, "fact": engine.fact}[command](text)
    assert_no_live_mention(answer_embed(answer, asked=request_label(command, text)))


# -- moderators' input -------------------------------------------------------------


def assert_clear_refusal(error: InvalidEdit) -> None:
    assert isinstance(error.problems, list) and error.problems
    for problem in error.problems:
        assert isinstance(problem, tuple) and len(problem) == 2, problem
        field, reason = problem
        assert isinstance(field, str) and field.strip(), problem
        assert isinstance(reason, str) and reason.strip(), problem
    assert str(error)


def _citations(store: FactStore) -> list[dict[str, str]]:
    rows = store.db.execute("SELECT DISTINCT source_id, quote FROM citations ORDER BY source_id, quote").fetchall()
    return [{"source": source, "quote": quote} for source, quote in rows]


field_text = st.one_of(hostile_text, st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789- ", max_size=70))
VALUES = ["294000 USD", "$294,000", "512 chips", "more than $100 million", "80 hours", "", "1e400", "9" * 400]
sentence = st.from_regex(r"[A-Z][a-z]{3,12}( [a-z]{2,12}){3,12}\.", fullmatch=True)

# For each moderator field: text a moderator would plausibly type, and hostile text.
# A test case makes up to two fields hostile, so both the refusals and the
# writes (and what is shown after a write) get exercised.
FIELDS_ADD: dict[str, tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]] = {
    "id": (st.none(), field_text),
    "topic": (st.sampled_from(["cost", "chips", "training", "paper"]), field_text),
    "subject": (st.sampled_from(["r1", "openai", "v3", "deepseek"]), field_text),
    "answer": (sentence, st.one_of(hostile_text, st.text(min_size=10, max_size=420))),
    "value": (st.one_of(st.none(), st.sampled_from(VALUES[:5])), st.one_of(hostile_text, st.sampled_from(VALUES))),
    "aliases": (st.one_of(st.none(), st.sampled_from(["cluster, gpus", "budget\nbill", ""])), hostile_text),
    "source": (st.none(), field_text),
    "quote": (st.none(), hostile_text),
}


def draw_fields(data: st.DataObject, fields: dict[str, tuple[Any, Any]], names: list[str]) -> dict[str, Any]:
    hostile = data.draw(
        st.one_of(st.just(frozenset()), st.frozensets(st.sampled_from(names), min_size=1, max_size=2)),
        label="hostile fields",
    )
    return {name: data.draw(fields[name][name in hostile], label=name) for name in names}


def cli_style(value: str | None, aliases: str | None) -> dict[str, Any]:
    """What `factbot facts add/edit` and the Discord form turn the raw text fields into."""
    data: dict[str, Any] = {}
    if value is not None:
        data.update(parse_value(value))
    if aliases is not None:
        data["aliases"] = parse_aliases(aliases)
    return data


@SMALL
@given(data=st.data())
def test_add_succeeds_or_names_each_problem(mod_store: FactStore, data: st.DataObject) -> None:
    moderation = Moderation(mod_store)
    raw = draw_fields(data, FIELDS_ADD, list(FIELDS_ADD))
    citation = dict(data.draw(st.sampled_from(_citations(mod_store)), label="citation"))
    if raw["source"] is not None:
        citation["source"] = raw["source"]
    if raw["quote"] is not None:
        citation["quote"] = raw["quote"]
    try:
        fields = {key: raw[key] for key in ("id", "topic", "subject", "answer")}
        fact = moderation.add(fields | {"citations": [citation]} | cli_style(raw["value"], raw["aliases"]), MODERATOR)
    except InvalidEdit as error:
        assert_clear_refusal(error)
        event(f"refused: {error.problems[0][0]}")
        return
    event("saved")
    assert isinstance(fact, Fact) and fact.version == 1
    saved = mod_store.fact(fact.id)
    assert saved.answer == fact.answer and saved.citations == fact.citations
    assert_fits_discord(answer_embed(Engine(mod_store).fact(fact.id)))


EDITABLE = ["r1-training-hours", "r1-h800-chips", "openai-training-cost", "distillation-debate"]
FIELDS_EDIT: dict[str, tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]] = {
    "answer": (st.one_of(st.none(), sentence), FIELDS_ADD["answer"][1]),
    "topic": (st.one_of(st.none(), FIELDS_ADD["topic"][0]), field_text),
    "value": FIELDS_ADD["value"],
    "aliases": FIELDS_ADD["aliases"],
    "citations": (
        st.one_of(st.none(), st.sampled_from(["slashdot: 512 Nvidia H800 chips", "stir: $294,000"])),
        hostile_text,
    ),
}


@SMALL
@given(fact_id=st.sampled_from(EDITABLE), data=st.data())
def test_edit_succeeds_or_names_each_problem(mod_store: FactStore, fact_id: str, data: st.DataObject) -> None:
    moderation = Moderation(mod_store)
    before = mod_store.fact(fact_id, include_retired=True)
    raw = draw_fields(data, FIELDS_EDIT, list(FIELDS_EDIT))
    try:
        changes: dict[str, Any] = {k: raw[k] for k in ("answer", "topic") if raw[k] is not None}
        changes |= cli_style(raw["value"], raw["aliases"])
        if raw["citations"] is not None:
            changes["citations"] = parse_citations(raw["citations"])
        fact = moderation.edit(fact_id, changes, before.version, MODERATOR)
    except InvalidEdit as error:
        assert_clear_refusal(error)
        assert mod_store.fact(fact_id, include_retired=True).version == before.version, "a refused edit wrote"
        event(f"refused: {error.problems[0][0]}")
        return
    event("saved")
    assert fact.version == before.version + 1
    assert mod_store.fact(fact_id, include_retired=True) == fact
    assert_fits_discord(answer_embed(Engine(mod_store).fact(fact_id)))


# -- the parsers for the moderators' free-text fields ---------------------------------


@FAST
@given(text=st.one_of(st.none(), hostile_text, st.sampled_from(VALUES)))
def test_parse_value_gives_a_value_or_a_refusal(text: str | None) -> None:
    try:
        parsed = parse_value(text)
    except InvalidEdit as error:
        assert_clear_refusal(error)
        assert error.problems[0][0] == "value"
        return
    assert set(parsed) == {"value", "unit", "qualifier"}
    assert parsed["value"] is None or isinstance(parsed["value"], float)
    assert parsed["unit"] is None or (isinstance(parsed["unit"], str) and parsed["unit"].strip())


def _spellings(word: str) -> st.SearchStrategy[str]:
    """Every spelling of `word` that a case-insensitive regex accepts, Unicode included ("thouſand")."""
    letters = []
    for letter in word:
        pattern = re.compile(re.escape(letter), re.IGNORECASE)
        variants = sorted(
            {chr(code) for code in range(0x2FF) if pattern.fullmatch(chr(code))}
            | {c for c in ("\u017f", "\u0131", "\u0130", "\u212a") if pattern.fullmatch(c)}
        )
        letters.append(st.sampled_from(variants))
    return st.tuples(*letters).map("".join)


value_shaped = st.builds(
    lambda qualifier, currency, number, scale, unit: f"{qualifier}{currency}{number}{scale}{unit}",
    st.sampled_from(["", "about ", "More Than ", "up to "]),
    st.sampled_from(["", "$", "$ "]),
    st.from_regex(r"[0-9][0-9,]{0,8}(\.[0-9]{1,3})?", fullmatch=True),
    st.one_of(st.just(""), st.sampled_from(sorted(SCALES)).flatmap(_spellings).map(lambda s: " " + s)),
    st.sampled_from(["", " USD", " chips", " hours"]),
)


@FAST
@given(text=value_shaped)
@example(text="1 thouſand")
def test_parse_value_scale_words_in_any_case(text: str) -> None:
    try:
        parsed = parse_value(text)
    except InvalidEdit as error:
        assert_clear_refusal(error)
        return
    assert isinstance(parsed["value"], float)


@FAST
@given(text=st.one_of(st.none(), hostile_text))
def test_parse_aliases_never_raises(text: str | None) -> None:
    aliases = parse_aliases(text)
    assert isinstance(aliases, list)
    for alias in aliases:
        assert alias == alias.strip() and alias
        assert "," not in alias and "\n" not in alias


@FAST
@given(
    text=st.one_of(hostile_text, st.lists(st.sampled_from(["stir: ", "slashdot:", " : x", "a:b", "\n"])).map("".join))
)
def test_parse_citations_gives_citations_or_a_refusal(text: str) -> None:
    try:
        citations = parse_citations(text)
    except InvalidEdit as error:
        assert_clear_refusal(error)
        assert error.problems[0][0] == "citations"
        return
    for citation in citations:
        assert set(citation) == {"source", "quote"}
        assert citation["quote"] and citation["quote"] == citation["quote"].strip()
