from __future__ import annotations

import pytest

from bot.answers import Engine, edit_distance, model_key, words

HOSTILE = [
    "",
    "   ",
    '"',
    '"unterminated',
    "*",
    "^",
    ":",
    "NEAR(",
    "NEAR(cost chips, 2)",
    "cost AND",
    "OR OR OR",
    "AND NOT chips",
    "facts_fts:cost",
    "answer: cost",
    "'; DROP TABLE facts; --",
    "1' OR '1'='1",
    "SELECT * FROM facts",
    "💸💸💸 🤖?",
    "Сколько стоило обучение R1?",
    "R1 的训练成本是多少？",
    "@everyone how much did r1 cost",
    "<@123456789> <@&987654321> <#55555>",
    "\x00\x01\x02",
    "cost " * 400,
    "x" * 2000,
    "ｒ１ ｃｏｓｔ",
    "r1\u200b cost",
    "-",
    "()",
    "{}[]",
    "cost*",
    "c*st",
    '"cost" "chips"',
]


@pytest.mark.parametrize("question", HOSTILE)
def test_hostile_input_gets_an_answer_or_a_refusal(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.kind in {"answer", "unknown"}
    assert answer.text
    if answer.kind == "answer":
        assert answer.citations


def test_mention_does_not_stop_a_real_question(engine: Engine) -> None:
    answer = engine.ask("@everyone how much did r1 cost")
    assert answer.facts[0] == "r1-training-cost"
    assert "@everyone" not in answer.text


def test_fullwidth_text_is_normalised(engine: Engine) -> None:
    assert engine.ask("ｒ１ ｃｏｓｔ").facts[:1] == ["r1-training-cost"]


def test_ask_cites_both_articles_for_the_cost(engine: Engine) -> None:
    answer = engine.ask("How much did it cost to train R1?")
    assert answer.kind == "answer"
    assert "$294,000" in answer.text
    assert answer.corroborating_sources == ["stir", "slashdot"]
    assert all(c.quote for c in answer.citations)


def test_unrelated_question_is_refused_with_topics(engine: Engine) -> None:
    answer = engine.ask("what's the best pizza topping?")
    assert answer.kind == "unknown"
    assert answer.facts == [] and answer.citations == []
    assert "cost" in answer.suggestions


@pytest.mark.parametrize("model", ["r1", "R1", "R-1", "deepseek-r1", "DeepSeek R1", "the R1 model", "r1's"])
def test_cost_aliases(engine: Engine, model: str) -> None:
    answer = engine.cost(model)
    assert answer.facts[0] == "r1-training-cost"
    assert "$294,000" in answer.text


@pytest.mark.parametrize("model", ["openai", "OpenAI", "gpt", "ChatGPT"])
def test_cost_openai(engine: Engine, model: str) -> None:
    answer = engine.cost(model)
    assert answer.facts[0] == "openai-training-cost"
    assert "$100 million" in answer.text


@pytest.mark.parametrize("model", ["v3", "gemini", "llama", "💥", "'; DROP TABLE facts"])
def test_cost_for_a_model_without_a_figure_names_those_with_one(engine: Engine, model: str) -> None:
    answer = engine.cost(model)
    assert answer.kind == "unknown"
    assert "no training-cost figure" in answer.text
    assert "R1 ($294,000)" in answer.text and "OpenAI (more than $100 million)" in answer.text


def test_cost_without_model_gives_every_figure(engine: Engine) -> None:
    answer = engine.cost()
    assert set(answer.facts) >= {"r1-training-cost", "openai-training-cost"}


def test_chips_names_the_hardware_story(engine: Engine) -> None:
    answer = engine.chips()
    assert "512" in answer.text and "H800" in answer.text
    assert "80 hours" in answer.text
    assert "A100" in answer.text and "preparatory" in answer.text
    assert "H100" in answer.text
    assert "RTX" not in answer.text and "salt" not in answer.text


def test_conflicting_dates_show_both_sides(engine: Engine) -> None:
    answer = engine.ask("when was the nature paper published")
    assert answer.conflict
    assert {side.fact_id for side in answer.sides} == {"nature-paper-date-june-2023", "nature-paper-date-wednesday"}
    assert "June 2023" in answer.text and "Wednesday" in answer.text
    assert answer.corroborating_sources == ["stir", "slashdot"]


def test_fact_by_id_and_unknown_id(engine: Engine) -> None:
    assert engine.fact("r1-h800-chips").facts == ["r1-h800-chips"]
    missing = engine.fact("r1-h800-chip")
    assert missing.kind == "unknown" and "r1-h800-chips" in missing.suggestions
    assert engine.fact("'; --").kind == "unknown"


def test_sources_and_topics(engine: Engine) -> None:
    sources = engine.sources()
    assert [s.outlet for s in sources.sources] == [None, "Slashdot"]
    topics = engine.topics()
    assert {"cost", "chips", "paper", "distillation"} <= set(topics.suggestions)


def test_words_and_model_keys() -> None:
    assert words("GPT-5 and R1's cost") == ["gpt5", "and", "r1", "cost"]
    assert words("deepseek stock price") == ["deepseek", "stock-price"]
    assert model_key("The DeepSeek-R1 model") == "deepseekr1"


def test_edit_distance_counts_transpositions() -> None:
    assert edit_distance("cots", "cost", 2) == 1
    assert edit_distance("nvdia", "nvidia", 2) == 1
    assert edit_distance("dead", "head", 1) == 1
    assert edit_distance("abc", "xyz", 1) == 2  # gives up past the limit
