"""`factbot`: the command-line front. Thin: open the database, call one method, print.

Library errors become `click.ClickException`, so a user sees one sentence
and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from bot import curated as curated_file
from bot import logs
from bot.answers import Engine
from bot.config import ConfigError, Settings, load_settings
from bot.errors import FactbotError, InvalidEdit
from bot.models import Actor, Answer, Gap, HistoryEntry, Report
from bot.moderation import Moderation, Taught, parse_aliases, parse_citations, parse_value
from bot.render import as_text, factcheck_text
from bot.service import Service
from bot.storage import FactStore, build_database
from bot.text import sanitize
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

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def engine(self) -> Engine:
        return Engine(self.store())

    def service(self) -> Service:
        """What Discord's cogs hold too: `ask` and `factcheck` go through it, so both fronts count gaps alike."""
        return Service(self.store())

    def articles_folder(self) -> Path:
        """Where the article files of this database live unless told: sources/articles/ beside it."""
        return self.db.resolve().parent / "sources" / "articles"

    def discord_settings(self) -> Settings:
        """The settings with the Discord-only ones read and checked too: only `run` and `sync` need them."""
        return load_settings(for_discord=True)


def friendly(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn domain errors into one-line click errors."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # Bytes that aren't UTF-8 reach argv as lone surrogates: replace them before anything sees them.
        kwargs = {key: sanitize(value) if isinstance(value, str) else value for key, value in kwargs.items()}
        try:
            return func(*args, **kwargs)
        except InvalidEdit as error:
            lines = "\n".join(f"  {field}: {reason}" for field, reason in error.problems)
            raise click.ClickException(f"{error.heading}:\n{lines}") from error
        except FactbotError as error:
            raise click.ClickException(str(error)) from error

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The facts database, as given (default: FACTS_DB, else facts.db, in this folder or else the checkout).",
)
@click.version_option(package_name="deepseek-factbot")
@click.pass_context
def cli(ctx: click.Context, db: Path | None) -> None:
    """Answer questions about DeepSeek's R1 training-cost disclosure, with cited sources."""
    try:
        settings = load_settings()
    except ConfigError as error:
        raise click.ClickException(str(error)) from error
    logs.configure(settings.log_level)
    ctx.obj = State(settings, db or settings.database_path())
    # Closed when the command ends, not when the process does: `build` refuses a database still open.
    ctx.call_on_close(ctx.obj.close)


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
    service = state.service()
    try:
        answer = service.ask(question)  # the same call as /ask: an unanswered question is counted
    finally:
        service.close()
    emit(answer, as_json)


@cli.command()
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@pass_state
@friendly
def factcheck(state: State, text: str, as_json: bool) -> None:
    """Check the statements in TEXT against the articles: supported, contradicted, disputed or unverified."""
    service = state.service()
    try:
        result = service.factcheck(text)
    finally:
        service.close()
    click.echo(result.model_dump_json(indent=2) if as_json else factcheck_text(result))


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


@cli.group(invoke_without_command=True)
@json_option
@click.pass_context
def sources(ctx: click.Context, as_json: bool) -> None:
    """The articles the facts come from, with outlet and date as stated."""
    if ctx.invoked_subcommand is None:
        state = ctx.find_object(State)
        friendly(lambda: emit(state.engine().sources(), as_json))()


@sources.command("add")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--headline", required=True, help="The article's headline.")
@click.option("--outlet", help="The outlet, only if the article names one.")
@click.option("--date", help="The date as the article states it, if it does.")
@click.option("--id", "source_id", help="Short id for citations (default: from the headline).")
@click.option(
    "--articles",
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder of article files to copy it into (default: sources/articles/ beside the database).",
)
@pass_state
@friendly
def sources_add(
    state: State,
    file: Path,
    headline: str,
    outlet: str | None,
    date: str | None,
    source_id: str | None,
    articles: Path | None,
) -> None:
    """Add article FILE so facts can cite it; it is copied into the articles folder.

    Its SHA-256 is recorded. An empty file, or an article already present (the
    same SHA-256), is refused.
    """
    folder = articles or state.articles_folder()
    source, copy = Moderation(state.store()).add_source(file, headline, outlet, date, source_id, folder)
    click.echo(f"Added source {source.id} ({source.sha256[:12]}…), copied to {copy}.")


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
    """Show one fact by ID, with its citations; exit 1 if there is no such fact."""
    answer = state.engine().fact(fact_id)
    emit(answer, as_json)
    if answer.kind == "unknown":
        # The reply (with its "did you mean") is still printed; the status tells scripts it was not found.
        click.get_current_context().exit(1)


@cli.command()
@click.option(
    "--articles",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The folder holding the article files (default: sources/articles/ beside the database, if it exists).",
)
@pass_state
@friendly
def check(state: State, articles: Path | None) -> None:
    """Verify every quote, citation, id and article hash; exit 1 listing any problem.

    Quotes are checked against the article texts stored in the database. The
    article files are compared too when their folder is there (or named).
    """
    store = state.store()
    folder = articles or state.articles_folder()
    compared = folder.is_dir()
    problems = check_store(store, folder if compared else None)
    if problems:
        for problem in problems:
            click.echo(f"✗ {problem}", err=True)
        raise click.ClickException(f"{len(problems)} problem(s) found in {state.db}.")
    facts = len(store.facts(include_retired=True))
    summary = f"✓ {state.db}: {facts} facts, {store.source_count()} sources, every quote verified"
    if compared:
        click.echo(f"{summary}; the article files in {folder} match.")
    else:
        click.echo(
            f"{summary} against the article texts stored in the database. The article files were not "
            f"compared: there is no {folder} (name their folder with --articles)."
        )


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
    """Build the database from the curated facts file, replacing it.

    The same file gives the same database, byte for byte: times come from the
    file's `updated` date (or its newest history entry). A file with history (an
    export) keeps it as it is; facts it has no history for get one row saying
    the build made them. Refused while another process has the database open.
    """
    data = curated_file.load(facts_file)
    build_database(state.db, data, facts_file.parent)
    click.echo(f"Built {state.db}: {len(data.facts)} facts from {len(data.sources)} sources.")


@cli.group()
def facts() -> None:
    """Moderate the facts table: add, edit, retire, restore, history, export, import, add-topic."""


def cli_actor(ctx: click.Context, param: click.Parameter, name: str) -> Actor:
    """--by as the Actor it names, checked before the command does anything."""
    try:
        return Actor(id=f"cli:{name.strip()}"[:40], name=name, via="cli")
    except ValidationError:
        raise click.ClickException(
            "--by must be your name, 1 to 100 characters; it is recorded in the history."
        ) from None


by_option = click.option(
    "--by", "by", required=True, callback=cli_actor, help="Your name (1 to 100 characters), recorded in the history."
)


def fact_fields(
    topic: str | None,
    subject: str | None,
    answer: str | None,
    value: str | None,
    aliases: str | None,
    citations: list[dict[str, str]] | None,
    questions: tuple[str, ...] = (),
) -> dict[str, object]:
    data: dict[str, object] = {}
    if questions:
        data["questions"] = list(questions)
    for key, given in (("topic", topic), ("subject", subject), ("answer", answer)):
        if given is not None:
            data[key] = given
    if value is not None:
        data.update(parse_value(value))
    if aliases is not None:
        data["aliases"] = parse_aliases(aliases)
    if citations is not None:
        data["citations"] = citations
    return data


@facts.command("add")
@click.option("--id", "fact_id", help="Fact id (default: made from subject and answer).")
@click.option("--topic", required=True, help="A known topic: cost, chips, training, paper, … (see facts add-topic).")
@click.option("--subject", required=True, help="r1, v3, openai, deepseek, …")
@click.option("--answer", required=True, help="One sentence, in our own words.")
@click.option("--source", required=True, help="The source id the quote comes from.")
@click.option("--quote", required=True, help="A short quote copied verbatim from that source.")
@click.option("--value", help="Key value: `294000 USD`, `512 chips`, `more than $100 million`.")
@click.option("--aliases", help="Comma-separated search keywords.")
@click.option("--question", "questions", multiple=True, help="An example question it answers (repeat for more).")
@click.option(
    "--gap",
    "gap_id",
    type=click.IntRange(min=1),
    help="The open gap it answers (see gaps list): the gap closes, and its question becomes the first example "
    "question unless --question says which.",
)
@by_option
@pass_state
@friendly
def facts_add(
    state: State,
    fact_id: str | None,
    topic: str,
    subject: str,
    answer: str,
    source: str,
    quote: str,
    value: str | None,
    aliases: str | None,
    questions: tuple[str, ...],
    gap_id: int | None,
    by: Actor,
) -> None:
    """Add a new fact."""
    data = fact_fields(topic, subject, answer, value, aliases, [{"source": source, "quote": quote}], questions)
    moderation = Moderation(state.store())
    if gap_id is None:
        fact = moderation.add({"id": fact_id, **data}, by)
        click.echo(f"Added {fact.id} (version {fact.version}).")
        return
    taught = moderation.add_for_gap(gap_id, {"id": fact_id, **data}, by)
    click.echo(f"Added {taught.fact.id} (version {taught.fact.version}) for gap #{gap_id}, now closed.")
    echo_held(taught)


@facts.command("edit")
@click.argument("fact_id", metavar="ID")
@click.option("--base-version", type=click.IntRange(min=1), help="The version you started from (default: current).")
@click.option("--topic", help="New topic (a known one; see facts add-topic).")
@click.option("--subject", help="New subject.")
@click.option("--answer", help="New one-sentence answer.")
@click.option("--value", help="Key value, or '' to clear it.")
@click.option("--aliases", help="Comma-separated; replaces the list.")
@click.option("--citations", help="One per line, `source-id: quote`; replaces the citations.")
@click.option("--question", "questions", multiple=True, help="Example question (repeat for more); replaces the list.")
@by_option
@pass_state
@friendly
def facts_edit(
    state: State,
    fact_id: str,
    base_version: int | None,
    topic: str | None,
    subject: str | None,
    answer: str | None,
    value: str | None,
    aliases: str | None,
    citations: str | None,
    questions: tuple[str, ...],
    by: Actor,
) -> None:
    """Edit fact ID; refused if someone else changed it since --base-version."""
    moderation = Moderation(state.store())
    base = base_version or state.store().fact(fact_id, include_retired=True).version
    parsed = parse_citations(citations) if citations is not None else None
    changes = fact_fields(topic, subject, answer, value, aliases, parsed, questions)
    if not changes:
        raise click.UsageError("Nothing to change: give at least one of --answer, --value, --aliases, …")
    fact = moderation.edit(fact_id, changes, base, by)
    click.echo(f"Saved {fact.id} as version {fact.version}.")


@facts.command("add-question")
@click.argument("fact_id", metavar="ID")
@click.argument("question")
@by_option
@pass_state
@friendly
def facts_add_question(state: State, fact_id: str, question: str, by: Actor) -> None:
    """Teach fact ID one more example QUESTION; from then on that question gets this fact."""
    fact = Moderation(state.store()).add_question(fact_id, question, by)
    click.echo(f"Saved {fact.id} as version {fact.version}: {len(fact.questions)} example questions.")


@facts.command("retire")
@click.argument("fact_id", metavar="ID")
@click.option("--reason", required=True, help="Why it no longer holds.")
@by_option
@pass_state
@friendly
def facts_retire(state: State, fact_id: str, reason: str, by: Actor) -> None:
    """Retire fact ID (soft: it stays in the history and can be restored)."""
    fact = Moderation(state.store()).retire(fact_id, reason, by)
    click.echo(f"Retired {fact.id} (version {fact.version}).")


@facts.command("restore")
@click.argument("fact_id", metavar="ID")
@click.option("--version", "version", type=click.IntRange(min=1), help="The version to bring back.")
@by_option
@pass_state
@friendly
def facts_restore(state: State, fact_id: str, version: int | None, by: Actor) -> None:
    """Restore fact ID, or an earlier VERSION of it, as a new version."""
    fact = Moderation(state.store()).restore(fact_id, by, version)
    click.echo(f"Restored {fact.id} as version {fact.version}.")


@facts.command("add-topic")
@click.argument("topic")
@by_option
@pass_state
@friendly
def facts_add_topic(state: State, topic: str, by: Actor) -> None:
    """Add TOPIC to the topics facts may have (recorded in history as topic:TOPIC)."""
    name = Moderation(state.store()).add_topic(topic, by)
    click.echo(f"Added topic {name}. Facts may now have --topic {name}.")


def history_line(entry: HistoryEntry) -> str:
    version = f"v{entry.version}" if entry.version else "—"
    changed = ", ".join(entry.changed_fields())
    line = f"{version:>4} {entry.action:<8} {entry.outcome:<8} {entry.at}  {entry.actor_name} via {entry.via}"
    if changed:
        line += f"  [{changed}]"
    if entry.note:
        line += f"  — {entry.note}"
    return line


@facts.command("history")
@click.argument("fact_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print the entries as JSON.")
@pass_state
@friendly
def facts_history(state: State, fact_id: str, as_json: bool) -> None:
    """Every version of fact ID: who, when, via what, and what changed."""
    entries = Moderation(state.store()).history(fact_id)
    if as_json:
        click.echo("[" + ",\n".join(entry.model_dump_json() for entry in entries) + "]")
        return
    for entry in entries:
        click.echo(history_line(entry))


@facts.command("export")
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout)."
)
@pass_state
@friendly
def facts_export(state: State, output: Path | None) -> None:
    """Write the whole table, with history, in the curated file's format."""
    text = curated_file.dumps(Moderation(state.store()).export())
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output}.", err=True)


@facts.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show each change, field by field, and what is left; change nothing.")
@click.option("--force", is_flag=True, help="Import even facts changed in the database since the file's version.")
@by_option
@pass_state
@friendly
def facts_import(state: State, file: Path, dry_run: bool, force: bool, by: Actor) -> None:
    """Import FILE (curated format): every row is checked first, then all of it applies or none.

    Every problem in the file is listed at once. A fact the database holds at a
    newer version than the file's is a conflict: the import is refused, and the
    refusal recorded, unless --force (recorded too). --dry-run exits 1 if the
    import would be refused.
    """
    moderation = Moderation(state.store())
    plan = moderation.plan_import(curated_file.read(file), file.parent, force=force)
    for line in plan.lines:
        click.echo(line)
    if dry_run:
        click.echo(
            f"Dry run: {len(plan.changes)} fact change(s), {len(plan.sources)} new source(s), "
            f"{len(plan.topics)} new topic(s), {len(plan.conflicts)} conflict(s); nothing written."
        )
        if plan.conflicts and not force:
            click.echo("The import would be refused: use --force to import anyway.", err=True)
            click.get_current_context().exit(1)
        return
    with click.progressbar(length=len(plan.changes), label="Importing", file=sys.stderr) as bar:
        moderation.apply_import(plan, by, progress=lambda done: bar.update(done - bar.pos))
    forced = f" ({len(plan.conflicts)} over newer versions, with --force)" if plan.conflicts else ""
    click.echo(
        f"Imported {len(plan.changes)} fact change(s){forced}, {len(plan.sources)} source(s) "
        f"and {len(plan.topics)} topic(s)."
    )


@cli.group()
def gaps() -> None:
    """Questions no fact answered, and claims the articles don't cover: list, teach, dismiss.

    Gaps are numbered, and a closed gap (taught to a fact, answered by a new fact
    with `facts add --gap`, or dismissed) is never counted or reopened again.
    """


def gap_lines(gap: Gap) -> list[str]:
    kind = "claim" if gap.is_claim else "question"
    lines = [f"#{gap.id:<4} {gap.status:<9} {gap.count:>4}×  {gap.question}"]
    lines.append(f"      {kind}; first asked {gap.first_asked}, last asked {gap.last_asked}")
    if gap.status != "open":
        lines.append(f"      {gap.outcome()}")
    elif gap.suggestions:
        verb = "related" if gap.is_claim else "teach it to"
        lines.append(f"      {verb}: {', '.join(gap.suggestions)}")
    return lines


def report_lines(report: Report) -> list[str]:
    lines = [
        f"#{report.id:<4} {report.status:<9} {', '.join(report.fact_ids) or 'no fact'}: {report.note or 'no note'}"
    ]
    asked = f"; asked {report.question}" if report.question else ""
    lines.append(f"      reported at {report.at}{asked}")
    if report.status != "open":
        lines.append(f"      closed by {report.closed_by} at {report.closed_at}: {report.resolution}")
    return lines


def echo_held(taught: Taught) -> None:
    """Say what the question gets now: a teach that did not hold is the moderator's to know at once."""
    if taught.answered_by is None:
        return
    gets = ", ".join(taught.answered_by) or "no answer"
    if taught.holds:
        click.echo(f"Asked now, “{taught.gap.question}” gets {gets}.")
    else:
        click.echo(
            f"Asked now, “{taught.gap.question}” still gets {gets}: give {taught.fact.id} keywords "
            "(facts edit --aliases) or another example question.",
            err=True,
        )


@gaps.command("list")
@click.option("--all", "include_closed", is_flag=True, help="Closed gaps too, with what became of each.")
@click.option("--json", "as_json", is_flag=True, help="Print the gaps as JSON.")
@pass_state
@friendly
def gaps_list(state: State, include_closed: bool, as_json: bool) -> None:
    """Every open gap, most asked first, with when it was first and last asked and the facts it is near."""
    moderation = Moderation(state.store())
    found = moderation.list_gaps(include_closed=include_closed)
    if as_json:
        click.echo(
            json.dumps(
                [gap.model_dump() | {"kind": "claim" if gap.is_claim else "question"} for gap in found],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    for gap in found:
        for line in gap_lines(gap):
            click.echo(line)
    shown = "gap(s)" if include_closed else "open gap(s)"
    reports = state.store().count_reports()
    click.echo(f"{len(found)} {shown}; {reports} open report(s) (factbot reports list).")


@gaps.command("teach")
@click.argument("gap_id", metavar="GAP_ID", type=click.IntRange(min=1))
@click.argument("fact_id", metavar="FACT_ID")
@by_option
@pass_state
@friendly
def gaps_teach(state: State, gap_id: int, fact_id: str, by: Actor) -> None:
    """Teach question GAP_ID to FACT_ID: it becomes one of the fact's example questions (a new version,
    its history naming the gap), and the gap closes."""
    taught = Moderation(state.store()).teach_gap(gap_id, fact_id, by)
    click.echo(f"Taught gap #{gap_id} to {taught.fact.id} (version {taught.fact.version}).")
    echo_held(taught)


@gaps.command("dismiss")
@click.argument("gap_id", metavar="GAP_ID", type=click.IntRange(min=1))
@click.option("--reason", required=True, help="Why no fact should answer it: off-topic, the articles don't say, ….")
@by_option
@pass_state
@friendly
def gaps_dismiss(state: State, gap_id: int, reason: str, by: Actor) -> None:
    """Dismiss gap GAP_ID: it leaves the open list, and asking it again neither reopens nor counts it."""
    gap = Moderation(state.store()).dismiss_gap(gap_id, reason, by)
    click.echo(f"Dismissed gap #{gap.id} ({gap.note}): it will not be counted again.")


@cli.group()
def reports() -> None:
    """Readers' "Wrong answer?" reports: list, close. The reporter is never recorded."""


@reports.command("list")
@click.option("--all", "include_closed", is_flag=True, help="Closed reports too, with their closing notes.")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
@pass_state
@friendly
def reports_list(state: State, include_closed: bool, as_json: bool) -> None:
    """Every open report, newest first."""
    found = Moderation(state.store()).list_reports(include_closed=include_closed)
    if as_json:
        click.echo(json.dumps([report.model_dump() for report in found], indent=2, ensure_ascii=False))
        return
    for report in found:
        for line in report_lines(report):
            click.echo(line)
    click.echo(f"{len(found)} {'report(s)' if include_closed else 'open report(s)'}.")


@reports.command("close")
@click.argument("report_id", metavar="REPORT_ID", type=click.IntRange(min=1))
@click.option("--note", required=True, help="What was done: fixed in v3, answer was right, ….")
@by_option
@pass_state
@friendly
def reports_close(state: State, report_id: int, note: str, by: Actor) -> None:
    """Close report REPORT_ID with a note saying what was done about it."""
    report = Moderation(state.store()).close_report(report_id, note, by)
    click.echo(f"Closed report #{report.id}: {report.resolution}")


@contextlib.contextmanager
def talking_to_discord() -> Iterator[None]:
    """Discord's and the network's failures as one sentence each: the same for `run` and `sync`."""
    # discord.py is imported here, not at the top: `factbot ask` should not pay for it.
    import aiohttp
    import discord

    try:
        yield
    except discord.LoginFailure as error:
        raise click.ClickException("Discord rejected DISCORD_TOKEN; reset it in the Developer Portal.") from error
    except discord.HTTPException as error:
        raise click.ClickException(f"Discord refused the request: {error}") from error
    except (discord.PrivilegedIntentsRequired, discord.GatewayNotFound, aiohttp.ClientError, OSError) as error:
        raise click.ClickException(f"Could not connect to Discord: {error}") from error


@cli.command()
@pass_state
@friendly
def run(state: State) -> None:
    """Start the Discord bot (needs DISCORD_TOKEN in the environment or .env).

    The Discord-only settings (see .env.example) are read and checked here, not
    by the offline commands.
    """
    import asyncio

    from bot import client

    settings = state.discord_settings()
    settings.token()  # a missing token fails here, before anything starts
    with talking_to_discord():
        asyncio.run(client.run(settings, state.store()))


@cli.command()
@click.option("--guild", type=click.IntRange(min=1), help="Sync to this guild only (instant); default: globally.")
@pass_state
@friendly
def sync(state: State, guild: int | None) -> None:
    """Register the slash commands with Discord now (reads the Discord-only settings, as run does)."""
    import asyncio

    from bot import client

    settings = state.discord_settings()
    settings.token()
    with talking_to_discord():
        count = asyncio.run(client.sync(settings, state.store(), guild))
    click.echo(f"Synced {count} commands {'to guild ' + str(guild) if guild else 'globally'}.")


def main() -> None:
    cli(prog_name="factbot")
