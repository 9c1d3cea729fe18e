"""The word lists: two synonym groups must not meet through a shared stem by accident."""

from collections import defaultdict

from bot.lexicon import SYNONYM_GROUPS
from bot.text import stem

# Stems two groups share on purpose (or harmlessly): each pair of groups is one concept seen two ways.
SHARED = {
    "better",  # better performance, and the better (more powerful) chip
    "answer",  # an answer as a reply, and answers as data
    "respons",
    "critic",  # to criticize (a reply), and the critics (those who warn)
    "skeptic",  # being sceptical (questioning), and the sceptics (those who warn)
    "sceptic",
    "boss",  # the CEO, and industry leaders
    "leader",
    "compet",  # rivals, and competition
    "competit",
    "race",
    "rivalri",
    "expens",  # money, and AI made affordable (or expensive) to use
}


def test_no_stem_joins_two_groups_by_accident() -> None:
    """ "development" once joined the preparatory phase to "DeepSeek is a Chinese AI developer", "publicize"
    the disclosure to the paper's publication date, "authorities" the officials to the paper's authors."""
    groups: dict[str, set[int]] = defaultdict(set)
    for index, group in enumerate(SYNONYM_GROUPS):
        for word in group:
            groups[stem(word)].add(index)
    joined = {word_stem for word_stem, where in groups.items() if len(where) > 1}
    assert joined - SHARED == set()
