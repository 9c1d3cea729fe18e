"""Hostile text and bytes for the fault suite (bench/faults.py): what a fuzzer, a troll or a broken terminal sends.

Plain functions of a `random.Random`, so a seed reproduces any input exactly:
`hostile.text(random.Random(seed), length)`.
"""

from __future__ import annotations

import random

# Discord mention and link syntax, full-text-search syntax, SQL, markdown, and Unicode that changes
# size or direction under normalisation. tests/test_properties.py draws from the same list.
FRAGMENTS = (
    "<#55555>",
    "<@&123>",
    "<@１２３>",
    "[link](https://example.com)",
    "||",
    '"',
    '"unterminated',
    "*",
    "^",
    ":",
    "NEAR(",
    "NEAR(cost chips, 2)",
    " AND ",
    " OR ",
    " NOT ",
    "(",
    ")",
    "{",
    "}",
    "-",
    "+",
    "facts_fts:",
    "search:",
    "answer:",
    "'; DROP TABLE facts; --",
    "1' OR '1'='1",
    "SELECT * FROM facts",
    "%",
    "_",
    "\\",
    "@everyone",
    "@here",
    "@everyones",
    "@hereby",
    "＠everyone",
    "<@123>",
    "<@!123456789012345678>",
    "<@&987654321098765432>",
    "<@&1300000000000000201>",
    "<#1300000000000000101>",
    "</ask:1100000000000000001>",
    "<:emoji:123456789012345678>",
    "<a:dance:123456789012345678>",
    "<t:1700000000:R>",
    "@1100000000000000020",
    "[free nitro](https://evil.example)",
    "[x](<https://evil.example>)",
    "https://evil.example/@everyone",
    "`",
    "```",
    "**",
    "||spoiler||",
    "> ",
    "# ",
    "__",
    "~~",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\U0010ffff",
    "\ud800",
    "\udfff",
    "\udc80",
    "\ud83d",
    "\n",
    "\r\n",
    "\t",
    "ｒ１ ｃｏｓｔ",
    "﷽",
    "ﷺ",
    "ﬃ",
    "㍻",
    "e\u0301\u0301\u0301\u0301\u0301",
    "💸🤖",
    "🏳️‍🌈",
    "Сколько",
    "的训练成本",
    "تكلفة",
    "cost",
    "r1",
    "R-1",
    "chips",
    "gpus",
    "h800",
    "a100",
    "openai",
    "$294,000",
    "$6M",
    "512",
    "80 hours",
    "nature",
    "how much did r1 cost",
    "how many chips",
    "when was the paper published",
    "r1 was trained on 4k a100s for $20M",
    "the nature paper came out in june 2023",
    "distillation",
)
WORDS = (
    "how much did it cost to train r1 deepseek nvidia h800 a100 chips gpus hours training run nature paper "
    "published liang wenfeng openai altman distillation export restrictions llama meta v3 cluster budget price"
).split()
LETTERS = "abcdefghijklmnopqrstuvwxyz"
CONTROL = [chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]]


def _code_point(rng: random.Random) -> str:
    """Any code point at all, surrogates and unassigned ones included."""
    band = rng.random()
    if band < 0.15:
        return chr(rng.randint(0xD800, 0xDFFF))  # lone surrogates
    if band < 0.3:
        return rng.choice(CONTROL)
    if band < 0.6:
        return chr(rng.randint(0x80, 0xFFFF))
    return chr(rng.randint(0, 0x10FFFF))


def _piece(rng: random.Random, english: bool) -> str:
    """One piece of a hostile text. `english` pieces are mostly the story's words (so the input reaches
    the engine's deep paths: typo repair, scoring, figures) with hostile syntax mixed in; the others
    are anything at all, which mostly ends at the other-language reply."""
    kind = rng.random()
    if english:
        kind = 0.3 + kind * 0.6 if kind > 0.15 else kind * 2  # fragments and words, few raw code points
    if kind < 0.3:
        return rng.choice(FRAGMENTS)
    if kind < 0.45:
        return "".join(_code_point(rng) for _ in range(rng.randint(1, 12)))
    if kind < 0.7:
        return rng.choice(WORDS)
    if kind < 0.8:
        # a typo'd vocabulary word: what the typo repair works on
        word = list(rng.choice(WORDS))
        word[rng.randrange(len(word))] = rng.choice(LETTERS)
        return "".join(word)
    if kind < 0.88:
        return "".join(rng.choice(LETTERS) for _ in range(rng.randint(20, 400)))  # one long unspaced word
    return str(rng.randint(0, 10 ** rng.randint(1, 25)))


SEPARATORS = (" ", " ", " ", "", "\n", ", ", "? ", ". ", " and ", "\t")


def text(rng: random.Random, length: int) -> str:
    """Exactly `length` code points of hostile text (1 ≤ length)."""
    english = rng.random() < 0.6
    parts: list[str] = []
    size = 0
    while size < length:
        piece = _piece(rng, english) + rng.choice(SEPARATORS)
        parts.append(piece)
        size += len(piece)
    return "".join(parts)[:length]


def length(rng: random.Random, longest: int = 1000) -> int:
    """1 to `longest`: a quarter exactly `longest` (the limit is where the cost is), the rest spread log-uniformly."""
    if rng.random() < 0.25:
        return longest
    return max(1, min(longest, round(longest ** rng.random())))


def argv_bytes(rng: random.Random) -> bytes:
    """An argument as a shell passes it: any bytes but NUL, often not UTF-8 at all."""
    kind = rng.random()
    if kind < 0.3:
        raw = bytes(rng.randint(1, 255) for _ in range(rng.randint(1, 60)))
    elif kind < 0.6:
        # valid text with invalid bytes spliced in: "r1 \xff\xfe cost"
        words = text(rng, rng.randint(1, 80)).encode("utf-8", "surrogatepass")
        cut = rng.randint(0, len(words))
        bad = bytes(rng.choice([0x80, 0xBF, 0xC0, 0xC1, 0xF5, 0xFE, 0xFF, 0xED]) for _ in range(rng.randint(1, 4)))
        raw = words[:cut] + bad + words[cut:]
    elif kind < 0.8:
        # surrogates encoded as UTF-8 would be (CESU/WTF-8): ED A0 80 … and overlong forms
        raw = rng.choice([b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xc0\xaf", b"\xe0\x80\xaf", b"\xf4\x90\x80\x80"])
        raw = rng.choice(WORDS).encode() + b" " + raw * rng.randint(1, 5)
    else:
        raw = text(rng, rng.randint(1, 300)).encode("utf-8", "surrogatepass")
    return raw.replace(b"\0", b"\x01") or b"\xff"
