"""Every embed fits Discord's limits, however long the content."""

from __future__ import annotations

import discord
import pytest

from bot.answers import Engine
from bot.embeds import answer_embed, cut
from bot.models import Answer, Citation, Side
from bot.replies import defuse


def citation(i: int, quote_len: int, headline_len: int = 300) -> Citation:
    return Citation(
        fact_id=f"fact-{i}",
        source_id=f"src-{i % 30}",
        headline="Headline " + "h" * headline_len,
        outlet=None,
        date=None,
        quote=("word " * (quote_len // 5)).strip(),
    )


def assert_within_limits(embed: discord.Embed) -> None:
    assert len(embed) <= 6000
    assert len(embed.title or "") <= 256
    assert len(embed.description or "") <= 4096
    assert len(embed.fields) <= 25
    for field in embed.fields:
        assert 0 < len(field.name) <= 256 and 0 < len(field.value) <= 1024
    assert len(embed.footer.text or "") <= 2048


@pytest.mark.parametrize("count", [1, 5, 40])
@pytest.mark.parametrize("quote_len", [10, 900, 3000])
def test_long_answers_are_cut_to_fit(count: int, quote_len: int) -> None:
    answer = Answer(
        kind="answer",
        text="An answer " * 1000,
        facts=[f"fact-{i}-{'x' * 60}" for i in range(count)],
        citations=[citation(i, quote_len) for i in range(count)],
        total_sources=30,
    )
    embed = answer_embed(answer)
    assert_within_limits(embed)
    assert embed.description.endswith("…")


def test_long_conflict_fits() -> None:
    answer = Answer(
        kind="answer",
        text="x " * 3000,
        facts=["a", "b"],
        citations=[citation(0, 2000), citation(1, 2000)],
        conflict=True,
        sides=[
            Side(fact_id="fact-0", claim="c " * 900, sources=["src-0"]),
            Side(fact_id="fact-1", claim="d", sources=[]),
        ],
    )
    assert_within_limits(answer_embed(answer))


def test_real_answers_fit(engine: Engine) -> None:
    for answer in (
        engine.chips(),
        engine.cost(),
        engine.sources(),
        engine.topics(),
        engine.ask("when was it published"),
    ):
        assert_within_limits(answer_embed(answer))


def test_cut_keeps_whole_words() -> None:
    assert cut("alpha beta gamma", 12) == "alpha beta…"
    assert cut("short", 10) == "short"
    assert len(cut("x" * 5000, 1024)) == 1024


def test_defuse_neutralises_mentions_and_markdown() -> None:
    text = defuse("@everyone **bold** <@&123>")
    assert "@everyone" not in text and "**" not in text
