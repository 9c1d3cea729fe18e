"""Accuracy over questions phrased the way people type them (tests/data/questions.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from bot.answers import Engine

BANK = tomllib.loads((Path(__file__).parent / "data" / "questions.toml").read_text())["questions"]


def test_bank_is_big_enough() -> None:
    assert len(BANK) >= 40
    assert sum(1 for q in BANK if not q["expect"]) >= 10


def test_accuracy(engine: Engine) -> None:
    correct, misses, invented = 0, [], []
    for item in BANK:
        answer = engine.ask(item["q"])
        top = answer.facts[0] if answer.kind == "answer" else None
        if not item["expect"]:
            if top is None:
                correct += 1
            else:
                invented.append(f"{item['q']!r} -> {top}")
        elif top in item["expect"]:
            correct += 1
        else:
            misses.append(f"{item['q']!r} -> {top}, expected {item['expect']}")
    accuracy = correct / len(BANK)
    print(f"\naccuracy {accuracy:.1%} ({correct}/{len(BANK)})")
    for line in misses + invented:
        print("  miss:", line)
    assert invented == [], "answered questions the articles cannot answer"
    assert accuracy >= 0.90
