"""Questions about which of the two articles says something.

"is the altman quote in both stories", "does the 2nd article say anything about a100s", "which article has
the 80 hour number": the articles named are taken out of the question (`without_articles`), the facts
answering it are found as for any question, and this module says which article states them, from the
sources the facts' citations come from. Pure functions: no storage, no Discord.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from bot.models import Citation

_PIECE = r"(?:articles?|stor(?:y|ies)|pieces?|writeups?|write-ups?|reports?)"
# ("article a", but not "reports a cost": a letter names only an article.)
FIRST = re.compile(rf"\b(?:the )?(?:first|1st) (?:{_PIECE}|one)\b|\b{_PIECE} ?(?:1|one)\b|\barticle a\b", re.I)
SECOND = re.compile(
    rf"\b(?:the )?(?:second|2nd) (?:{_PIECE}|one)\b|\b{_PIECE} ?(?:2|two)\b|\barticle b\b"
    rf"|\bslashdot (?:{_PIECE}|one)\b",
    re.IGNORECASE,
)
BOTH = re.compile(
    rf"\b(?:in )?(?:both|either|the two) (?:{_PIECE}|sources|of them|writeups)\b|\bin both\b",
    re.IGNORECASE,
)
# The verbs of an article telling something: "does either article call the paper peer reviewed".
_TELLS = r"say|says|said|calls?|called|talks?|talked|talking|mention\w*|discuss\w*|covers?|covered"
# Asking whether an article has something: "does article 2 mention …", "which one quotes altman".
MENTION = (
    rf"(?:{_TELLS}|includes?|included|has|have|had|"
    r"contains?|quotes?|quoted|names?|named|gives?|gave|agree\w*|brings? up|lists?|listed)"
)
WHICH = re.compile(
    rf"\bwhich (?:of the (?:two|2) )?(?:{_PIECE}|sources?)\b|\bwhich (?:one|of them) (?={MENTION}\b)", re.IGNORECASE
)
# (Only the verbs of telling: "has", "quotes", "names", "agree" say what is asked about.)
TELLING = re.compile(rf"\bthe articles\s+(?:{_TELLS})\b(?:\s+(?:about|of|on))?", re.IGNORECASE)
# Only after "which article": "does article 2 have the quote" asks whether it has it.
HOLDING = re.compile(r"\bthe articles\s+(?:has|have|had|contains?|includes?|gives?|gave)\b", re.IGNORECASE)
ASKS_MENTION = re.compile(rf"\b{MENTION}\b|\bin (?:both|the (?:first|second|other))\b", re.IGNORECASE)
# "who reported article two", "the headline of the first article": the article itself is what is asked about.
ABOUT_ITSELF = re.compile(
    r"\b(?:headlines?|titles?|titled|report(?:ed|ing|s)?|authors?|wr[io]te|writer|byline|outlets?|sources?|"
    r"sections?|credit\w*|published|dated?|headings?)\b",
    re.IGNORECASE,
)
ORDINALS = ("first", "second")
YES_OR_NO = re.compile(r"^\W*(?:(?:so|and|but|ok|hmm)\W+)?(?:is|are|was|were|do|does|did|has|have|can|could)\b", re.I)


@dataclass(frozen=True)
class ArticleAsked:
    """Which article a question asks about: one of them (by position), both, or which."""

    mode: Literal["one", "both", "which"]
    position: int | None = None
    yesno: bool = False  # "does article 2 mention …", "is the quote in both": asked as yes or no


def article_asked(text: str) -> ArticleAsked | None:
    """The article the question asks about, when it asks which article says something (None otherwise)."""
    if ABOUT_ITSELF.search(text) or not ASKS_MENTION.search(text):
        return None
    yesno = bool(YES_OR_NO.match(text))
    if WHICH.search(text):
        return ArticleAsked("which")
    if BOTH.search(text):
        return ArticleAsked("both", yesno=yesno)
    first, second = FIRST.search(text), SECOND.search(text)
    if bool(first) != bool(second):
        return ArticleAsked("one", 0 if first else 1, yesno=yesno)
    return None  # none named, or both compared ("what does article 1 say that article 2 doesn't")


def article_named(text: str) -> int | None:
    """The one article a question names (0 for the first), however it asks: "per the first article",
    "what year does article 2 give"; None when it names neither or both."""
    first, second = bool(FIRST.search(text)), bool(SECOND.search(text))
    if first == second or BOTH.search(text):
        return None
    return 0 if first else 1


def cited_positions(sources: list[str], citations: Iterable[Citation]) -> set[int]:
    """The positions (0 for the first article) of the sources a fact's citations come from."""
    return {sources.index(c.source) for c in citations if c.source in sources}


def article_note(asked: ArticleAsked, cited: set[int], articles: int) -> str | None:
    """What to say of the articles, given the positions of the articles the answering fact cites. Only a
    question asked as yes or no of one article ("does article 2 mention a100s") is told that it doesn't:
    "what does article 2 say about x" gets its answer, from whichever article states it."""
    if not cited or articles != len(ORDINALS):
        return None
    yesno = asked.yesno
    every = len(cited) == articles
    only = ORDINALS[min(cited)]
    if asked.mode == "which":
        return "Both articles say so." if every else f"The {only} article says so."
    if asked.mode == "both":
        if every:
            return "Yes: both articles say so." if yesno else "Both articles say so."
        return f"{'No: only' if yesno else 'Only'} the {only} article says so."
    assert asked.position is not None
    named = ORDINALS[asked.position]
    if not yesno:
        return None
    if asked.position in cited:
        return f"Yes: the {named} article says so."
    return f"No: the {named} article doesn't say; the {only} article does."


def without_articles(text: str) -> str:
    """The question with the articles it names taken out: what it asks them about."""
    asked = text
    for pattern in (WHICH, BOTH, FIRST, SECOND):
        # ("in both stories" → "in the articles": the question still reads as one.)
        text = pattern.sub(
            lambda m: " in the articles " if m.group(0).lower().startswith("in ") else " the articles ", text
        )
    # "does either article call the paper peer reviewed": the articles telling is no concept of the question.
    text = TELLING.sub(" the articles ", text)
    if WHICH.search(asked):
        text = HOLDING.sub(" the articles ", text)  # "which article has the 80 hour number": holding is telling
    return " ".join(text.split())
