"""`factbot`: the command-line front. Thin: open the database, call one method, print.

Library errors become `click.ClickException`, so a user sees one sentence
and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from bot import curated as curated_file
from bot.answers import Engine
from bot.config import ConfigError, Settings, load_settings
from bot.errors import FactbotError
from bot.models import Answer
from bot.render import as_text
from bot.storage import FactStore
from bot.verify import check as check_store

log = logging.getLogger(__name__)

DEFAULT_FACTS_FILE = Path("sources/facts.toml")


class State:
    """What the group passes to its commands: settings, and the store opened on first use."""

    def __init__(self, settings: Settings, db: Path) -> None:
        self.settings = settings
        self.db = db
        self._store: FactStore | None = None

    def store(self) -> FactStore:
        if self._store is None:
            self._store = FactStore.open(self.db)
        return self._store

    def engine(self) -> Engine:
        return Engine(self.store())


def friendly(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn domain errors into one-line click errors."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except FactbotError as error:
            raise click.ClickException(str(error)) from error

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The facts database (default: FACTS_DB from the environment or .env, else facts.db).",
)
@click.version_option(package_name="deepseek-factbot")
@click.pass_context
def cli(ctx: click.Context, db: Path | None) -> None:
    """Answer questions about DeepSeek's R1 training-cost disclosure, with cited sources."""
    try:
        settings = load_settings()
    except ConfigError as error:
        raise click.ClickException(str(error)) from error
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = State(settings, db or settings.database_path())


pass_state = click.make_pass_decorator(State)
json_option = click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")


def emit(answer: Answer, as_json: bool) -> None:
    click.echo(answer.model_dump_json(indent=2) if as_json else as_text(answer))


@cli.command()
@click.argument("question")
@json_option
@pass_state
@friendly
def ask(state: State, question: str, as_json: bool) -> None:
    """Ask a free-text QUESTION; prints the best-matching fact and its sources."""
    emit(state.engine().ask(question), as_json)


@cli.command()
@click.argument("model", required=False)
@json_option
@pass_state
@friendly
def cost(state: State, model: str | None, as_json: bool) -> None:
    """Training cost, of MODEL if given (r1, the R1 model, openai, gpt, …)."""
    emit(state.engine().cost(model), as_json)


@cli.command()
@json_option
@pass_state
@friendly
def chips(state: State, as_json: bool) -> None:
    """The hardware used to train R1: which chips, how many, and why."""
    emit(state.engine().chips(), as_json)


@cli.command()
@json_option
@pass_state
@friendly
def sources(state: State, as_json: bool) -> None:
    """The articles the facts come from, with outlet and date as stated."""
    emit(state.engine().sources(), as_json)


@cli.command()
@json_option
@pass_state
@friendly
def topics(state: State, as_json: bool) -> None:
    """The topics the bot can answer about."""
    emit(state.engine().topics(), as_json)


@cli.command()
@click.argument("fact_id", metavar="ID")
@json_option
@pass_state
@friendly
def fact(state: State, fact_id: str, as_json: bool) -> None:
    """Show one fact by ID, with its citations."""
    emit(state.engine().fact(fact_id), as_json)


@cli.command()
@click.option(
    "--articles",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder holding the article files (default: sources/ beside the database).",
)
@pass_state
@friendly
def check(state: State, articles: Path | None) -> None:
    """Verify every quote, citation, id and article hash; exit 1 listing any problem."""
    store = state.store()
    articles = articles or state.db.resolve().parent / "sources"
    problems = check_store(store, articles if articles.exists() else None)
    if not articles.exists():
        problems.append(f"articles folder {articles} not found: file hashes were not checked")
    if problems:
        for problem in problems:
            click.echo(f"✗ {problem}", err=True)
        raise click.ClickException(f"{len(problems)} problem(s) found in {state.db}.")
    facts = len(store.facts(include_retired=True))
    click.echo(f"✓ {state.db}: {facts} facts, {store.source_count()} sources, every quote verified.")


@cli.command()
@click.option(
    "--facts",
    "facts_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_FACTS_FILE,
    show_default=True,
    help="The curated facts file.",
)
@pass_state
@friendly
def build(state: State, facts_file: Path) -> None:
    """Build the database from the curated facts file, replacing its contents."""
    data = curated_file.load(facts_file)
    store = FactStore.open(state.db, create=True)
    store.build(data, facts_file.parent)
    click.echo(f"Built {state.db}: {len(data.facts)} facts from {len(data.sources)} sources.")


@cli.command()
@pass_state
@friendly
def run(state: State) -> None:
    """Start the Discord bot (needs DISCORD_TOKEN in the environment or .env)."""
    import asyncio

    import discord

    from bot import client

    state.settings.token()  # a missing token fails here, before anything starts
    try:
        asyncio.run(client.run(state.settings, state.store()))
    except discord.LoginFailure as error:
        raise click.ClickException("Discord rejected DISCORD_TOKEN; reset it in the Developer Portal.") from error
    except (discord.PrivilegedIntentsRequired, discord.GatewayNotFound, OSError) as error:
        raise click.ClickException(f"Could not connect to Discord: {error}") from error


@cli.command()
@click.option("--guild", type=click.IntRange(min=1), help="Sync to this guild only (instant); default: globally.")
@pass_state
@friendly
def sync(state: State, guild: int | None) -> None:
    """Register the slash commands with Discord now."""
    import asyncio

    import discord

    from bot import client

    state.settings.token()
    try:
        count = asyncio.run(client.sync(state.settings, state.store(), guild))
    except discord.LoginFailure as error:
        raise click.ClickException("Discord rejected DISCORD_TOKEN; reset it in the Developer Portal.") from error
    except discord.HTTPException as error:
        raise click.ClickException(f"Discord refused the sync: {error}") from error
    click.echo(f"Synced {count} commands {'to guild ' + str(guild) if guild else 'globally'}.")


def main() -> None:
    cli(prog_name="factbot")
