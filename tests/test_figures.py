"""Figures read from what people type: value, dimension and bound."""

import pytest

from bot import figures


@pytest.mark.parametrize(
    ("text", "dimension", "value", "bound", "written"),
    [
        ("it cost more than 100m", "money", 100_000_000, "above", "more than 100m"),
        # Quoting the article's words doesn't change what they bound.
        ("altman said 'much more' than 100m", "money", 100_000_000, "above", "more than 100m"),
        ('training cost "much more" than $100 million', "money", 100_000_000, "above", "more than $100 million"),
        ("altman’s 100m figure", "money", 100_000_000, "exact", "100m"),
        ("it's 294k", "money", 294_000, "exact", "294k"),
        ("512 h800s", "count", 512, "exact", "512 h800s"),
        # "half a" halves what follows; "ish" glued on, hyphened or before the unit makes it rough.
        ("did it cost half a million", "money", 500_000, "exact", "half a million"),
        ("half a k gpus?", "count", 500, "exact", "half a k gpus"),
        ("like 500ish gpus", "count", 500, "about", "like 500ish gpus"),
        ("roughly 300kish dollars", "money", 300_000, "about", "roughly 300kish dollars"),
        ("it was 300k-ish", "money", 300_000, "about", "300k-ish"),
        # A bare number this large, with no unit, is money here (the story's counts are 512 and 80).
        ("does the 294,000 cover the prep phase", "money", 294_000, "exact", "294,000"),
        # A span named by its unit alone, when the text says what took it, claims at least one of it.
        ("did it take months to train r1", "duration", 730, "above", "months"),
        ("was it weeks of training", "duration", 168, "above", "weeks"),
        # A "+" after the number makes it a least: "1000+ gpus" is a thousand or more.
        ("training cluster was 1000+ gpus", "count", 1000, "above", "1000+ gpus"),
        ("altman's 100m+ number", "money", 100_000_000, "above", "100m+"),
        ("so it only took minutes lol", "duration", 1, "below", "minutes"),
        # Market value lost is money, and a trillion is a scale of its own.
        ("nvidia lost 600B", "money", 600e9, "exact", "600B"),
        ("the sell-off wiped out like $1 trillion", "money", 1e12, "about", "like $1 trillion"),
        # Without talk of money, "b" after a number counts something.
        ("r1 has 671b params", "count", 671e9, "exact", "671b"),
    ],
)
def test_a_figure_is_read_with_its_bound(text: str, dimension: str, value: float, bound: str, written: str) -> None:
    [found] = figures.find(text)
    assert (found.dimension, found.value, found.bound, found.text) == (dimension, value, bound, written)


@pytest.mark.parametrize(
    "text",
    [
        "was the r1 training like days or weeks or months or what",  # options offered, none claimed
        "did it take days",  # 80 hours is days: no claim either way
        "they've been open about the a100s for years right?",  # nothing said to take years
    ],
)
def test_a_span_named_by_its_unit_alone_claims_nothing_unless_something_took_it(text: str) -> None:
    assert [f for f in figures.find(text) if f.dimension == "duration"] == []


@pytest.mark.parametrize(
    "text", ["article 2 credits the reporting to slashdot", "does part 2 list the risks", "q 3 answers"]
)
def test_a_number_naming_which_one_is_no_figure(text: str) -> None:
    assert figures.find(text) == []


@pytest.mark.parametrize(
    ("said", "digits"),
    [
        ("why did they need one thousand twenty four h800s", "why did they need 1024 h800s"),
        ("two hundred and ninety four thousand dollars", "294000 dollars"),
        ("the paper came out in june twenty twenty three", "the paper came out in june 2023"),
        ("altman said it in twenty twenty one", "altman said it in 2021"),
        ("eighty-four hours", "84 hours"),
        # One word is `find`'s to read; words that make no one number are left as they are.
        ("eighty hours", "eighty hours"),
        ("which one two", "which one two"),
        ("a hundred million", "a hundred million"),
        # Names with a number in them, dictated.
        ("they used five hundred twelve h eight hundreds", "they used 512 h800s"),
        ("deepseek r one cost", "deepseek r1 cost"),
    ],
)
def test_numbers_said_in_words_are_read_as_digits(said: str, digits: str) -> None:
    assert figures.spelled_numbers(said) == digits


@pytest.mark.parametrize(
    ("claim", "fact", "relation"),
    [
        ("300k", "$294,000", "same"),
        ("290k", "$294,000", "same"),
        ("295k", "$294,000", "different"),
        ("about 300 thousand dollars", "$294,000", "same"),
        ("84 hours", "80 hours", "different"),
        ("500 chips", "512 chips", "same"),
        ("520 chips", "512 chips", "different"),
    ],
)
def test_a_close_figure_is_the_same_only_if_it_rounds_the_fact(claim: str, fact: str, relation: str) -> None:
    [said], [known] = figures.find(claim), figures.find(fact)
    assert figures.compare(said, known) == relation


@pytest.mark.parametrize(
    ("claim", "relation"),
    [
        ("over 300k", "different"),  # a bound is taken as said; "300k" alone rounds $294,000
        ("under 300k", "same"),
        ("more than 290k", "same"),
        ("under 290k", "different"),
        ("cheaper than 300k", "same"),
    ],
)
def test_a_bounded_claim_is_held_to_its_bound(claim: str, relation: str) -> None:
    [said], [known] = figures.find(claim), figures.find("$294,000")
    assert figures.compare(said, known) == relation


def test_shorter_and_longer_than_are_bounds() -> None:
    [shorter] = figures.find("shorter than 100 hours")
    [longer] = figures.find("longer than 100 hours")
    assert (shorter.bound, longer.bound) == ("below", "above")


@pytest.mark.parametrize(
    ("text", "hours", "bound"),
    [("r1 took over a week to train", 168.0, "above"), ("did it take a day", 24.0, "exact")],
)
def test_one_span_said_with_a_is_a_duration(text: str, hours: float, bound: str) -> None:
    [found] = figures.find(text)
    assert (found.dimension, found.value, found.bound) == ("duration", hours, bound)
    assert not figures.find("they trained it a year ago")  # when, not how long
