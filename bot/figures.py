"""Figures in text — "$20M", "4k a100s", "80 minutes", "under 300 grand" — and how they compare with a fact's.

Both the answer engine (a question's wrong premise: "it cost $20M, right?")
and the fact-checker read figures through here, so "about $0.3M" means the
same to both. Pure functions, no Discord or database.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from bot.lexicon import BOUNDS, FACT_UNITS, NUMBER_WORDS, SCALES, UNITS

Bound = Literal["exact", "below", "above", "about"]
Dimension = Literal["money", "count", "duration", "year", "percent"]
Relation = Literal["same", "different", "unknown"]

BARE_MONEY = 10_000  # a bare number this large, with no unit, is money: the story's counts are 512 and 80
ROUNDING = 0.05  # "$300k" for $294,000 is the same figure, rounded
ABOUT = 0.2  # "about 300 thousand", "~$0.3M": within a fifth

_NUMBER = r"\d[\d,]*(?:\.\d+)?|\.\d+"
_WORD_NUMBERS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_SCALES = "|".join(sorted(SCALES, key=len, reverse=True))
_UNITS = "|".join(sorted((re.escape(u) for u in UNITS if u != "$"), key=len, reverse=True))
_BOUND_WORDS = (
    r"less\s+than|more\s+than|fewer\s+than|greater\s+than|lower\s+than|higher\s+than|at least|at most|up to|"
    # ("was the run shorter than 100 hours": a bound, as "less than" is.)
    r"(?:shorter|longer|quicker|cheaper|pricier|bigger|larger|smaller)\s+than|"
    r"no more than|over|under|below|above|about|around|roughly|approx(?:imately)?|nearly|almost|"
    r"close to|circa|like|some|~|<|>"
)
FIGURE = re.compile(
    rf"(?P<bound>(?:{_BOUND_WORDS})\s*)?"
    rf"(?P<currency>\$)?\s*"
    # A number glued to letters is a name ("h800", "r1", "gpt-4"), not a figure.
    rf"(?:(?<![\w.\-])(?P<number>{_NUMBER})|(?P<word>\b(?:{_WORD_NUMBERS})\b))"
    # ("300kish", "500-ish gpus": the "ish" may come before the unit, glued on or hyphened.)
    rf"\s*(?P<scale>(?:{_SCALES})(?:\b|(?=-?ish\b)))?"
    rf"(?:\s*(?P<scale2>(?:million|billion|thousand|mil|k)\b))?"
    rf"(?P<plus>\+)?"  # "1000+ gpus": at least that many
    rf"(?P<ish>\s*-?\s*ish\b)?"
    rf"(?:\s*-?\s*(?P<unit>(?:{_UNITS})\b))?"
    rf"(?P<ish2>\s*-?\s*ish\b)?",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
# "500 employees", "671b params": a count of something the units list doesn't know.
OTHER_COUNT = re.compile(r"(?<![\w.$])(\d[\d,]*(?:\.\d+)?)\s*([kmb])?\s+([a-z]{3,}s)\b", re.IGNORECASE)
PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:%|percent\b|pc\b)", re.IGNORECASE)
# A bare word for a scale with no number in front of it: "billions", "millions of dollars".
BARE_SCALE = re.compile(r"\b(millions|billions|thousands)\b", re.IGNORECASE)
# "did it take months", "weeks of training": a span named by its unit alone claims its size, when the text says
# what took it. Only units far from the story's 80 hours: "days" and "hours" are both fair words for it.
# What took the span, a few words before it: "took", "the training ran for".
_SPAN_VERB = r"\b(?:takes?|took|taking|taken|lasts?|lasted|trained|training|train|runs?|ran)\W+(?:\w+\W+){0,3}?"
BARE_DURATION = re.compile(
    _SPAN_VERB
    + r"(?:(?:a\s+)?(?:few|couple|several|many)\s+(?:of\s+)?)?(?P<unit>minutes|mins|seconds|weeks|months|years)\b"
    r"|\b(?P<unit2>minutes|mins|seconds|weeks|months|years)\s+(?:of|to)\s+(?:train|training|compute|run)",
    re.IGNORECASE,
)
# "took over a week", "did it take a day": one of a span, said with "a" (a duration the run can be held against).
ONE_SPAN = re.compile(
    _SPAN_VERB
    + r"(?P<span>(?P<bound>(?:less than|more than|over|under|about|around|nearly|almost|roughly|at least|at most)\s+)?"
    r"(?:a|an|one)\s+(?P<unit>day|week|month|year))\b(?!\s+(?:ago|before|after|later|earlier))",
    re.IGNORECASE,
)
CHOICE_OF_SPANS = re.compile(r"\b(?:minutes|hours|days|weeks|months|years)\s*(?:,|or\b|/)", re.IGNORECASE)
# (unit, what its bare plural claims in hours: at least one of it, or for minutes and seconds, less than an hour)
BARE_DURATION_CLAIMS: dict[str, tuple[Bound, float]] = {
    **dict.fromkeys(("minutes", "mins", "seconds"), ("below", UNITS["hour"][1])),
    **{unit: ("above", UNITS[unit][1]) for unit in ("weeks", "months", "years")},
}
# In chat a bare "294k", "100m", "6 mil" or "300 grand" is money; a count names what it counts ("4k gpus").
MONEY_SCALES = frozenset(
    "k thousand m mm mil mill mio million millions mln grand bn bil billion billions tn trillion trillions".split()
)
MONEY_CONTEXT = re.compile(
    # ("nvidia lost 600B": market value lost or wiped out is money too.)
    r"\blos[te]s?\b|\bwiped?\b|market ?cap|valuation|"
    r"cost|price|spent|spend|paid|pay|budget|bill|dollar|buck|usd|\$|cheap|expensive|money|grand|set .{0,10}back",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Figure:
    """A figure as written: its dimension, its value in base units (USD, items, hours), and any bound."""

    dimension: Dimension
    value: float
    bound: Bound
    text: str
    start: int = 0
    end: int = 0
    unit: str = ""  # the unit as written ("h800s", "gpus", "hours"), which may name what is counted


def _bound(text: str | None) -> Bound:
    if not text:
        return "exact"
    first = text.strip().lower().split()[0] if text.strip() else ""
    if first in ("at",):
        return "above" if "least" in text else "below"
    if first in ("up", "no"):
        return "below"
    return BOUNDS.get(first, BOUNDS.get(text.strip().lower(), "about"))  # type: ignore[return-value]


NAMED_BY_NUMBER = re.compile(
    r"\b(?:article|articles|piece|text|story|source|link|section|part|question|q|item|option|no|number|#)\s*$",
    re.IGNORECASE,
)
QUOTE_MARKS = re.compile(r"(?<![A-Za-z])['‘’]|['‘’](?![A-Za-z])|[\"“”]")


_UNITS_OF = {
    **dict.fromkeys(["zero"], 0),
    **{w: i for i, w in enumerate("one two three four five six seven eight nine".split(), 1)},
    **{w: i for i, w in enumerate("ten eleven twelve thirteen fourteen fifteen".split(), 10)},
    **{w: i for i, w in enumerate("sixteen seventeen eighteen nineteen".split(), 16)},
    **{w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)},
}
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER_WORD = "|".join(sorted([*_UNITS_OF, *_MULTIPLIERS], key=len, reverse=True))
# Two number words or more, "and" allowed between them: "two hundred and ninety four thousand".
SPELLED = re.compile(rf"\b(?:{_NUMBER_WORD})(?:(?:\s+and)?[\s-]+(?:{_NUMBER_WORD}))+\b", re.IGNORECASE)


def _spelled_value(phrase: str) -> int | None:
    """ "one thousand twenty four" → 1024, "twenty twenty three" → 2023; None if the words make no one number."""
    found = [w for w in re.split(r"[\s-]+", phrase.lower()) if w != "and"]
    if not any(w in _UNITS_OF for w in found):
        return None  # "hundred million" is read by `find` as it is ("a hundred million")
    if len(found) in (2, 3) and found[0] in ("nineteen", "twenty") and found[1] in _UNITS_OF:
        rest = [_UNITS_OF[w] for w in found[1:] if w in _UNITS_OF]
        tail = sum(rest)
        if len(rest) == len(found) - 1 and 10 <= tail <= 99 and (len(rest) == 1 or rest[0] >= 20 > rest[1]):
            return _UNITS_OF[found[0]] * 100 + tail  # a year said aloud: "twenty twenty three", "nineteen ninety"
    total = group = 0
    after_unit = False  # to refuse "four four" or "twenty thirty"; "twenty four" is one number
    for word in found:
        if word in _UNITS_OF:
            value = _UNITS_OF[word]
            if after_unit and not (group % 100 >= 20 and group % 10 == 0 and value < 10):
                return None
            group += value
        elif word == "hundred":
            if group % 100 == 0 and group:
                return None
            group = (group or 1) * 100
        else:
            total += (group or 1) * _MULTIPLIERS[word]
            group = 0
        after_unit = word in _UNITS_OF
    return total + group


# Names with a number in them, dictated: "h eight hundreds", "a one hundred", "r one", "v three".
SPELLED_NAME = re.compile(
    r"\b(?:(h|a)\s+(eight|one)\s+hundred(s?)|(r)\s+(one)|(v)\s+(three))\b(?!\s+(?:hundred|thousand|million))",
    re.IGNORECASE,
)


def _name(match: re.Match[str]) -> str:
    if match.group(1):
        return f"{match.group(1)}{_UNITS_OF[match.group(2).lower()]}00{match.group(3)}"
    letter, number = (match.group(4), match.group(5)) if match.group(4) else (match.group(6), match.group(7))
    return f"{letter}{_UNITS_OF[number.lower()]}"


def spelled_numbers(text: str) -> str:
    """Numbers written out as several words, in digits: "eighty four hours" → "84 hours" (dictated messages)."""
    return SPELLED.sub(_digits, SPELLED_NAME.sub(_name, text))


def _digits(match: re.Match[str]) -> str:
    value = _spelled_value(match.group())
    return match.group() if value is None else str(value)


def find(text: str) -> list[Figure]:
    """Every figure in `text`, in order. A number with no unit is money only when the text talks money."""
    return list(_find(text))


@functools.lru_cache(maxsize=1024)
def _find(text: str) -> tuple[Figure, ...]:
    found: list[Figure] = []
    # "'much more' than 100m": quoting the bound doesn't change it (a space each keeps the offsets).
    text = QUOTE_MARKS.sub(" ", text)
    for match in PERCENT.finditer(text):
        if float(match.group(1)) != 100:  # "100% sure" is emphasis
            found.append(Figure("percent", float(match.group(1)), "exact", match.group(), match.start(), match.end()))
    text = PERCENT.sub(lambda m: " " * len(m.group()), text)  # same offsets, no second reading as a count
    money_talk = bool(MONEY_CONTEXT.search(text))
    for match in FIGURE.finditer(text):
        if match["number"] is None and match["word"] is None:
            continue
        unit = (match["unit"] or "").lower()
        scale_word = (match["scale"] or "").lower()
        second = (match["scale2"] or "").lower()
        if match["word"] is not None and not (scale_word or unit):
            continue  # "a", "one", "few" alone are not figures
        if match["word"] is not None and match["word"].lower() in ("a", "an", "one") and not scale_word:
            continue  # "an h800", "a gpu": a thing named, not a count claimed
        if match["number"] is not None:
            number = float(match["number"].replace(",", "")) if match["number"].strip(",.") else 0.0
        else:
            number = float(NUMBER_WORDS[match["word"].lower()])
        scale = SCALES.get(scale_word, 1.0) * SCALES.get(second, 1.0)
        dimension: Dimension | None = None
        factor = 1.0
        if match["currency"]:
            dimension = "money"
        if unit:
            if unit in UNITS:
                dimension, factor = UNITS[unit]  # type: ignore[assignment]
        elif dimension is None:
            whole = number * scale
            digits = match["number"] or ""
            if YEAR.fullmatch(digits) and scale == 1.0 and not match["currency"]:
                dimension = "year"
            elif (
                scale_word in MONEY_SCALES or second in MONEY_SCALES or (money_talk and (scale > 1.0 or whole >= 1000))
            ):
                dimension = "money"
            elif scale > 1.0:
                dimension = "count"  # "4k": a count of something; a bare "5" is not a claim
            elif whole >= BARE_MONEY:
                dimension = "money"  # "is it 294000 or 294000000": a bare sum that large is this story's money
        if dimension is None:
            continue
        value = number * scale * factor
        bound = _bound(match["bound"])
        if match["plus"] and bound == "exact":
            bound = "above"
        if (match["ish"] or match["ish2"]) and bound == "exact":
            bound = "about"
        found.append(Figure(dimension, value, bound, " ".join(match.group().split()), match.start(), match.end(), unit))
    taken = [(f.start, f.end) for f in found]
    for match in OTHER_COUNT.finditer(text):
        if any(start <= match.start() < end for start, end in taken) or match.group(3).lower() in UNITS:
            continue
        if match.group(3).lower() in ("dollars", "bucks", "hours", "days", "weeks", "minutes", "years", "months"):
            continue
        if NAMED_BY_NUMBER.search(text, 0, match.start()):
            continue  # "article 2 credits the reporting": which article, not two credits
        number = float(match.group(1).replace(",", "")) * SCALES.get((match.group(2) or "").lower(), 1.0)
        found.append(
            Figure("count", number, "exact", match.group(), match.start(), match.end(), match.group(3).lower())
        )
    # ("was it days or weeks or months": options offered, none claimed.)
    one = None if any(f.dimension == "duration" for f in found) else ONE_SPAN.search(text)
    if one is not None and not CHOICE_OF_SPANS.search(text):
        bound = _bound(one["bound"]) if one["bound"] else "exact"
        found.append(Figure("duration", UNITS[one["unit"].lower()][1], bound, one["span"], *one.span("span")))
    bare = None if any(f.dimension == "duration" for f in found) else BARE_DURATION.search(text)
    if bare is not None and not CHOICE_OF_SPANS.search(text):
        group = "unit" if bare["unit"] else "unit2"
        bound, value = BARE_DURATION_CLAIMS[bare[group].lower()]
        found.append(Figure("duration", value, bound, bare[group], *bare.span(group)))
    if not any(f.dimension == "money" for f in found) and money_talk:
        for match in BARE_SCALE.finditer(text):
            value = SCALES[match.group(1).lower()]
            found.append(Figure("money", value, "above", match.group(), match.start(), match.end()))
    return tuple(sorted(found, key=lambda figure: figure.start))


def fact_figure(value: float | None, unit: str | None, qualifier: str | None) -> Figure | None:
    """A fact's key value as a Figure ("more than" $100 million is bounded above)."""
    if value is None or not unit:
        return None
    dimension, factor = FACT_UNITS.get(unit.lower(), (None, 1.0))
    if dimension is None:
        return None
    bound: Bound = {"more than": "above", "over": "above", "at least": "above", "less than": "below"}.get(
        (qualifier or "").lower(), "about" if qualifier == "about" else "exact"
    )
    return Figure(dimension, value * factor, bound, f"{value:g} {unit}")  # type: ignore[arg-type]


def comparable(claim: Figure, fact: Figure) -> bool:
    """Same dimension, and for counts the same kind of thing: 500 employees are no check on 512 chips."""
    if claim.dimension != fact.dimension:
        return False
    return claim.dimension != "count" or not claim.unit or claim.unit in UNITS


def compare(claim: Figure, fact: Figure) -> Relation:
    """Does a claimed figure say the same as the fact's figure?

    "same" when they agree (rounding, "about", and bounds included), "different"
    when they cannot both be true, "unknown" when the fact's own bound leaves
    it open ("much more than $100 million" neither confirms nor denies "$1 billion").
    """
    if not comparable(claim, fact):
        return "unknown"
    c, f = claim.value, fact.value
    if fact.bound == "above":  # the fact says "more than f"
        if claim.bound in ("below",) and c <= f:
            return "different"
        if claim.bound in ("exact", "about") and c < f * (1 - ROUNDING):
            return "different"
        if claim.bound == "above" and c >= f * (1 - ROUNDING):
            return "same"
        return "unknown"
    if fact.bound == "below":
        if claim.bound == "above" and c >= f:
            return "different"
        if claim.bound in ("exact", "about") and c > f * (1 + ROUNDING):
            return "different"
        return "same" if claim.bound == "below" and c <= f * (1 + ROUNDING) else "unknown"
    # The fact is a point value. A bound is taken as said: "over 300k" is not $294,000 ("300k" alone rounds it).
    if claim.bound == "below":
        return "same" if f <= c else "different"
    if claim.bound == "above":
        return "same" if f >= c else "different"
    tolerance = ABOUT if claim.bound == "about" else ROUNDING
    if abs(c - f) > tolerance * max(abs(f), 1e-9):
        return "different"
    # Close is not enough: "300k" rounds $294,000, but "84 hours" is no rounding of 80, nor "520 chips" of 512.
    return "same" if claim.bound == "about" or _rounds_to(f, c) else "different"


def _rounds_to(value: float, rounded: float) -> bool:
    """Is `rounded` what `value` comes to at the precision `rounded` is written in ("300k" for 294,000)?"""
    if rounded != int(rounded) or rounded == 0:
        return abs(value - rounded) <= ROUNDING * abs(value)  # "$0.29M", "2.5 days": the rounding is in the unit
    step = 1
    while int(rounded) % (step * 10) == 0:
        step *= 10
    return round(value / step) * step == int(rounded)


def label(figure: Figure) -> str:
    """A figure as a reader would write it: "$294,000", "512", "80 hours"."""
    value = figure.value
    if figure.dimension == "money":
        if value >= 1e9 and value % 1e8 == 0:
            return f"${value / 1e9:g} billion"
        if value >= 1e6 and value % 1e5 == 0:
            return f"${value / 1e6:g} million"
        return f"${value:,.0f}"
    if figure.dimension == "duration":
        if value < 1:
            return f"{value * 60:g} minutes"
        return f"{value:g} hours"
    return f"{value:,.0f}"
