"""Settings: one model, read from the environment and `.env`; Discord-only ones checked only for Discord."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

ROOT = Path(__file__).resolve().parent.parent


def test_shard_ids_start_at_zero() -> None:
    settings = load_settings(shard_count="4", shard_ids="0,1")
    assert (settings.shard_count, settings.shard_ids) == (4, [0, 1])


@pytest.mark.parametrize(
    ("shards", "sentence"),
    [
        ({"shard_ids": "5", "shard_count": "2"}, "SHARD_IDS must each be at least 0 and less than SHARD_COUNT (2): 5."),
        (
            {"shard_ids": "0,-1", "shard_count": "2"},
            "SHARD_IDS is invalid: Input should be greater than or equal to 0.",
        ),
        ({"shard_ids": "1,1", "shard_count": "2"}, "SHARD_IDS names shard 1 twice."),
        ({"shard_ids": "0,1"}, "SHARD_IDS needs SHARD_COUNT, the total number of shards across every process."),
    ],
)
def test_impossible_shards_are_one_sentence(shards: dict[str, str], sentence: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_settings(**shards)
    assert str(error.value) == sentence
