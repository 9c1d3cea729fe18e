"""The question reader's own machinery (what it reads a question as is tested in test_answers)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.answers import CURRENCY_ASKED, UNTOLD
from bot.reading import IDIOMS, Guarded, company_countries, kind_of, parts, resolve_pronouns, restricted

UNSEEN = Path(__file__).parent / "data" / "unseen"


def test_a_guarded_idiom_changes_what_its_pattern_would() -> None:
    # The words a guard looks for must be in every match: over every question of the dev banks, the guarded
    # pattern and the bare one make the same text.
    questions = [
        item["q"]
        for path in sorted(UNSEEN.glob("questions_dev*.toml"))
        for item in tomllib.loads(path.read_text())["questions"]
    ]
    guarded = [(pattern, replacement) for pattern, replacement in IDIOMS if isinstance(pattern, Guarded)]
    assert len(guarded) >= 5
    changed = 0
    for pattern, replacement in guarded:
        for question in questions:
            bare = pattern.pattern.sub(replacement, question)
            assert pattern.sub(replacement, question) == bare, (pattern.pattern.pattern, question)
            changed += bare != question
    assert changed > 20  # the guarded idioms are ones real questions use
    # The engine's guarded searches, tried on every question, keep the same promise.
    for searched in (UNTOLD, CURRENCY_ASKED):
        found = 0
        for question in questions:
            bare = searched.pattern.search(question)
            assert bool(searched.search(question)) == bool(bare), (searched.pattern.pattern, question)
            found += bare is not None
        assert found  # each matches some real question


@pytest.mark.parametrize(
    ("piece", "before", "read_as"),
    [
        ("what did he say", "who is altman", "what did altman say"),
        ("what was his number", "what did sam altman claim", "what was altman's number"),
        ("who made it", "what is r1", "who made r1"),
        # Nothing named, two named, or the part names its own: the pronoun stays.
        ("who made it", "what is the story", "who made it"),
        ("who made it", "is r1 better than v3", "who made it"),
        ("did openai share its figures", "how does r1 compare", "did openai share its figures"),
        ("what did it cost", "how long did the a100 prep phase run", "what did it cost"),
    ],
)
def test_a_pronoun_is_the_one_thing_the_part_before_names(piece: str, before: str, read_as: str) -> None:
    assert resolve_pronouns(piece, before) == read_as


STATED = (
    "The H800 is a version Nvidia designed for the Chinese market because US export restrictions bar its more "
    "powerful H100 and A100 chips there."
)


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("is the h800 export restricted", False),
        ("the a100 is banned", True),
        ("the restrictions only cover the h100", False),
        ("the h800 exists because of the restrictions", None),
        ("the us will ban the h800 next", None),
        ("the h800 is made for china", None),
    ],
)
def test_restricted_reads_which_chips_a_claim_puts_under_the_restrictions(claim: str, expected: bool | None) -> None:
    assert restricted(claim, STATED) is expected


def test_the_comma_of_a_figure_splits_no_list() -> None:
    assert parts("it cost 29,400 dollars right?") == ["it cost 29,400 dollars right?"]
    assert parts("cost,chips,hours") == ["cost", "chips", "hours"]


def test_they_after_chips_in_the_plural_are_those_chips() -> None:
    assert (
        resolve_pronouns("what were they used for", "where did they admit the a100s") == "what were the a100s used for"
    )
    assert resolve_pronouns("what did they say", "did nvidia make the h800s") == "what did nvidia say"  # the company


@pytest.mark.parametrize(
    ("claim", "barred"), [("did the us restrict h800s", False), ("did the us restrict the h100", True)]
)
def test_a_chip_right_after_the_verb_is_what_is_restricted(claim: str, barred: bool) -> None:
    stated = (
        "The H800 is a version Nvidia designed for the Chinese market because US export restrictions bar its more"
        " powerful H100 and A100 chips there."
    )
    assert restricted(claim, stated) is barred


def test_as_a_country_company_says_the_country_of_the_company_named_next() -> None:
    assert company_countries("as a US company why does deepseek need china-market chips") == {"deepseek": "us"}
    assert company_countries("as a parent what risks are the experts worried about") == {}


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("what did the prep phase cost on its own", "money"),
        ("what does an h100 cost", "money"),  # a sum, not what an h100 is
        ("what could lower-cost ai systems do to the industry", None),  # "cost" only describes the systems
    ],
)
def test_what_with_cost_further_on_asks_for_a_sum(question: str, want: str | None) -> None:
    assert kind_of(question).want == want


def test_which_month_after_a_question_asks_it_more_closely() -> None:
    assert parts("when did altman say it, which month") == ["when did altman say it, which month"]
    assert parts("how much did it cost and what year was the paper") == [
        "how much did it cost",
        "what year was the paper",
    ]
