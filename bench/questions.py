"""Varied questions: the question bank plus templated variants, the way people type on Discord.

Variety matters for latency, not only for accuracy: a word the facts never
use sends the engine into typo repair (the slow path), a synonym widens the
FTS query, and an unanswerable question takes the refusal path (which on
Discord also writes to the `unanswered` table). A benchmark over only clean
bank questions would miss all three.
"""

from __future__ import annotations

import random
import tomllib

from bench.common import ROOT
from bot.lexicon import SYNONYM_GROUPS

MAX_DISCORD = 300  # /ask's max_length

FILLERS = ("lol", "pls", "??", "!!", "asking for a friend", "quick q:", "hey bot", "<@123456789012345678>", "tbh")
# Out-of-scope things, many sharing words with the story on purpose.
UNANSWERABLE = (
    "what is deepseek's stock price today",
    "how much does the deepseek api cost per token",
    "when will r2 be released",
    "how much did gpt-5 cost to train",
    "who won the world cup in 2022",
    "what is the weather in hangzhou",
    "does deepseek have an office in paris",
    "how many employees does nvidia have",
    "what is the capital of australia",
    "can i run r1 on my laptop",
    "what gpu is best for gaming",
    "how do i cook rice",
    "is deepseek better than claude at coding",
    "how much is an h100 on ebay",
    "what did elon musk say about r1",
    "how many parameters does llama 4 have",
    "when is the next iphone coming out",
    "what is the price of bitcoin",
    "who is the ceo of google",
    "how tall is the eiffel tower",
)
SUBJECTS = ("r1", "deepseek", "the r1 model", "deepseek-r1", "openai", "chatgpt", "v3", "meta", "nvidia")
TEMPLATES = (
    "how much did {s} cost",
    "what chips did {s} use",
    "how long did {s} take to train",
    "who founded {s}",
    "when was {s} released",
    "what did the paper say about {s}",
    "did {s} use distillation",
    "what data was {s} trained on",
    "how did markets react to {s}",
    "is {s} cheaper than us rivals",
)
KEYBOARD = {
    "a": "qs",
    "b": "vn",
    "c": "xv",
    "d": "sf",
    "e": "wr",
    "f": "dg",
    "g": "fh",
    "h": "gj",
    "i": "uo",
    "k": "jl",
    "l": "k",
    "m": "n",
    "n": "bm",
    "o": "ip",
    "p": "o",
    "r": "et",
    "s": "ad",
    "t": "ry",
    "u": "yi",
    "w": "qe",
    "y": "tu",
}


def bank() -> list[str]:
    """The accuracy test's questions, as typed."""
    raw = tomllib.loads((ROOT / "tests" / "data" / "questions.toml").read_text(encoding="utf-8"))
    return [item["q"] for item in raw["questions"]]


def typo(word: str, rng: random.Random) -> str:
    """One keyboard-realistic slip: swapped pair, dropped, doubled or neighbouring letter."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    if kind == 2:
        return word[:i] + word[i] + word[i:]
    near = KEYBOARD.get(word[i], word[i])
    return word[:i] + rng.choice(near) + word[i + 1 :]


def with_typos(question: str, rng: random.Random, count: int = 1) -> str:
    words = question.split()
    candidates = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    for i in rng.sample(candidates, min(count, len(candidates))):
        words[i] = typo(words[i], rng)
    return " ".join(words)


def with_synonym(question: str, rng: random.Random) -> str:
    words = question.split()
    spots = [(i, group) for i, w in enumerate(words) for group in SYNONYM_GROUPS if w.lower() in group]
    if not spots:
        return question
    i, group = rng.choice(spots)
    words[i] = rng.choice(sorted(group))
    return " ".join(words)


def noisy(question: str, rng: random.Random) -> str:
    roll = rng.randrange(5)
    if roll == 0:
        return question.upper()
    if roll == 1:
        return f"{rng.choice(FILLERS)} {question}"
    if roll == 2:
        return f"{question} {rng.choice(FILLERS)}"
    if roll == 3:
        return question.capitalize() + "?"
    return question.replace(" ", "  ", 1) + " ...."


def varied(count: int, seed: int = 7, base: list[str] | None = None) -> list[str]:
    """`count` distinct questions: `base` (default: the bank) first, then variants of them.

    About a third of the variants carry typos, a fifth synonyms, a fifth are
    unanswerable, the rest templated or noisy; all fit /ask's 300 characters.
    """
    rng = random.Random(seed)
    base = list(base if base is not None else bank())
    out: dict[str, None] = dict.fromkeys(q[:MAX_DISCORD] for q in base)
    attempts = 0
    while len(out) < count and attempts < count * 50:
        attempts += 1
        roll = rng.random()
        source = rng.choice(base)
        if roll < 0.33:
            question = with_typos(source, rng, rng.choice((1, 1, 2)))
        elif roll < 0.53:
            question = with_synonym(source, rng)
        elif roll < 0.63:
            question = with_typos(rng.choice(UNANSWERABLE), rng, rng.choice((0, 1)))
        elif roll < 0.73:
            question = noisy(rng.choice(UNANSWERABLE), rng)
        elif roll < 0.85:
            question = rng.choice(TEMPLATES).format(s=rng.choice(SUBJECTS))
            question = with_typos(question, rng, rng.choice((0, 1)))
        elif roll < 0.93:
            question = noisy(source, rng)
        else:
            question = f"{source} and also {rng.choice(base)}"
        out.setdefault(question[:MAX_DISCORD].strip() or source, None)
    return list(out)[:count]
