"""Which of the two articles says something: the reading (bot/which_article.py) and the engine's answers."""

from __future__ import annotations

import pytest

from bot.answers import Engine
from bot.which_article import ArticleAsked, article_asked, article_named, article_note, without_articles


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("does the 2nd article say anything about a100s", ArticleAsked("one", 1, yesno=True)),
        ("does article 1 mention meta", ArticleAsked("one", 0, yesno=True)),
        ("is the altman quote in both stories", ArticleAsked("both", yesno=True)),
        ("which article quotes sam altman", ArticleAsked("which")),
        ("which one names the founder", ArticleAsked("which")),
        # Not about which article says it.
        ("which one is stronger, h800 or h100", None),
        ("who reported article two", None),
        ("what's the headline of the first article", None),
        ("how much did r1 cost", None),
    ],
)
def test_the_article_asked_about(text: str, asked: ArticleAsked | None) -> None:
    assert article_asked(text) == asked


def test_the_articles_named_are_taken_out_of_the_question() -> None:
    assert without_articles("is the altman quote in both stories") == "is the altman quote in the articles"


@pytest.mark.parametrize(
    ("asked", "cited", "note"),
    [
        (ArticleAsked("one", 1, yesno=True), {0}, "No: the second article doesn't say; the first article does."),
        (ArticleAsked("one", 0, yesno=True), {0, 1}, "Yes: the first article says so."),
        # "what does article 2 say about …" is answered from whichever article states it, with no note.
        (ArticleAsked("one", 1), {0}, None),
        (ArticleAsked("both", yesno=True), {1}, "No: only the second article says so."),
        (ArticleAsked("both", yesno=True), {0, 1}, "Yes: both articles say so."),
        (ArticleAsked("which"), {0}, "The first article says so."),
    ],
)
def test_what_is_said_of_the_articles(asked: ArticleAsked, cited: set[int], note: str | None) -> None:
    assert article_note(asked, cited, 2) == note


@pytest.mark.parametrize(
    ("question", "fact_id", "says"),
    [
        ("does the 2nd article say anything about a100s", "a100-ownership-acknowledged", "No: the second article"),
        ("is the altman quote in both stories", "openai-training-cost", "No: only the second article says so."),
        ("do both articles agree on the cost figure", "r1-training-cost", "Yes: both articles say so."),
        ("which of the two articles mentions the 80 hours", "r1-training-hours", "The first article says so."),
    ],
)
def test_the_engine_says_which_article_states_the_fact(engine: Engine, question: str, fact_id: str, says: str) -> None:
    answer = engine.ask(question)
    assert answer.facts == [fact_id] and answer.text.startswith(says)


def test_where_the_articles_disagree_the_answer_says_so_instead(engine: Engine) -> None:
    answer = engine.ask("do the two writeups even agree on when the paper came out")
    assert answer.text.startswith("The articles disagree.")


def test_a_letter_names_only_an_article() -> None:
    assert article_asked("does article b mention llama") == ArticleAsked("one", 1, yesno=True)
    assert article_asked("deepseek reports a cost of 294k, does that say anything") is None


def test_the_articles_telling_is_taken_out_with_them(engine: Engine) -> None:
    # "call" is how the articles tell it, not something the paper is asked to have.
    answer = engine.ask("does either article call the paper peer reviewed")
    assert answer.facts == ["nature-paper"] and answer.text.startswith("Yes: both articles say so.")


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("what year was that january release per the first article", 0),
        ("when does article 2 say the paper came out", 1),
        ("is it in both articles", None),
        ("when was the paper published", None),
    ],
)
def test_the_one_article_a_question_names(text: str, position: int | None) -> None:
    assert article_named(text) == position


def test_the_named_articles_account_leads_where_they_disagree(engine: Engine) -> None:
    # The first article dates the release to January 2023; the second gives only "January".
    answer = engine.ask("what year was that january release per the first article")
    assert answer.facts == ["release-january-2023", "release-january"]
    assert engine.ask("when does article 2 say the paper came out").facts[0] == "nature-paper-date-wednesday"


def test_which_article_has_a_figure_asks_where_the_figure_is(engine: Engine) -> None:
    answer = engine.ask("which of the two articles has the 80 hour number")
    assert answer.facts == ["r1-training-hours"] and answer.text.startswith("The first article says so.")
