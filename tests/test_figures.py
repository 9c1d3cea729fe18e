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
    ],
)
def test_a_figure_is_read_with_its_bound(text: str, dimension: str, value: float, bound: str, written: str) -> None:
    [found] = figures.find(text)
    assert (found.dimension, found.value, found.bound, found.text) == (dimension, value, bound, written)


@pytest.mark.parametrize(
    "text", ["article 2 credits the reporting to slashdot", "does part 2 list the risks", "q 3 answers"]
)
def test_a_number_naming_which_one_is_no_figure(text: str) -> None:
    assert figures.find(text) == []
