"""The question reader's own machinery (what it reads a question as is tested in test_answers)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from bot.reading import IDIOMS, Guarded

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
