"""Render an `Answer` as a Discord embed that always fits Discord's limits.

Limits (Discord API docs, "Embed Limits"): title 256, description 4,096,
25 fields, field name 256, field value 1,024, footer 2,048, 6,000 in total.
Long text is cut at a word boundary with an ellipsis, never mid-markdown.
"""

from __future__ import annotations

import discord

from bot.models import Answer, Citation, FactCheck
from bot.render import MARKS, corroboration
from bot.replies import defuse, defuse_mentions

TITLE, DESCRIPTION, FIELDS, FIELD_NAME, FIELD_VALUE, FOOTER, TOTAL = 256, 4096, 25, 256, 1024, 2048, 6000
COLOURS = {"answer": 0x2B6CB0, "unknown": 0x718096, "list": 0x2F855A, "conflict": 0xC05621}
VERDICT_COLOURS = {"contradicted": 0xC53030, "disputed": 0xC05621, "supported": 0x2F855A, "unverified": 0x718096}
QUOTED = 300  # characters of a checked message quoted back
TITLES = {"answer": "Answer", "unknown": "Not in the articles", "list": "Facts bot"}


def cut(text: str, limit: int) -> str:
    """Shorten to `limit` characters at a word boundary, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    room = text[: limit - 1]
    space = room.rfind(" ")
    if space > limit // 2:
        room = room[:space]
    return room.rstrip() + "…"


def quote_block(text: str) -> str:
    return "\n".join(f"> {line}" for line in text.splitlines() or [""])


def citations_by_source(citations: list[Citation]) -> dict[str, list[Citation]]:
    grouped: dict[str, list[Citation]] = {}
    for citation in citations:
        grouped.setdefault(citation.source_id, []).append(citation)
    return grouped


def source_field(citations: list[Citation]) -> tuple[str, str]:
    """One field per article: its headline as the name, outlet and date, then its quotes."""
    first = citations[0]
    name = cut(defuse(first.headline), FIELD_NAME)
    header = f"*{defuse(first.outlet_label)} · {defuse(first.date_label)}*"
    quotes = list(dict.fromkeys(c.quote for c in citations))
    body = header
    for quote in quotes:
        block = quote_block(f"“{defuse(quote)}”")
        if len(body) + len(block) + 1 > FIELD_VALUE:
            body = cut(body + "\n" + block, FIELD_VALUE)
            break
        body += "\n" + block
    return name, body


def answer_embed(answer: Answer, *, title: str | None = None, asked: str | None = None) -> discord.Embed:
    """The embed both `/ask` and every other answering command reply with.

    `asked` (what the user asked, shown as the author line) must already be
    stripped of mention syntax; the author line renders no markdown.
    """
    colour = COLOURS["conflict"] if answer.conflict else COLOURS[answer.kind]
    embed = discord.Embed(
        title=cut(title or TITLES[answer.kind], TITLE),
        # Fact text is moderators' writing: defused as well as never allowed to ping.
        description=cut(defuse(answer.text), DESCRIPTION),
        colour=colour,
    )
    if asked:
        # Author and footer lines render no markdown: escaping it would show backslashes.
        embed.set_author(name=cut(defuse_mentions(asked), TITLE))
    fields: list[tuple[str, str, bool]] = []
    if answer.conflict:
        fields.append(("⚖️ Sources disagree", "Each article's claim, side by side:", False))
        for side in answer.sides:
            cites = [c for c in answer.citations if c.fact_id == side.fact_id]
            label = defuse(cites[0].headline if cites else side.fact_id)
            quotes = "\n".join(quote_block(f"“{defuse(c.quote)}”") for c in cites)
            claim = defuse(side.claim)
            fields.append((cut(label, FIELD_NAME), cut(f"{claim}\n{quotes}", FIELD_VALUE), True))
    else:
        for citations in citations_by_source(answer.citations).values():
            name, value = source_field(citations)
            fields.append((name, value, False))
    for source in answer.sources:
        value = f"{defuse(source.outlet_label)} · {defuse(source.date_label)}"
        if source.date_note:
            value += f"\n{defuse(source.date_note)}"
        fields.append((cut(defuse(source.headline), FIELD_NAME), cut(value, FIELD_VALUE), False))
    if answer.examples:
        shown = "\n".join(f"• {defuse(question)}" for question in answer.examples[:8])
        fields.append(("Asked as", cut(shown, FIELD_VALUE), False))
    if answer.citations:
        fields.append(("Corroboration", corroboration(answer).capitalize(), False))
    for name, value, inline in fields[:FIELDS]:
        embed.add_field(name=name, value=value, inline=inline)
    if answer.facts:
        embed.set_footer(text=cut("Facts: " + defuse_mentions(", ".join(answer.facts)), FOOTER))
    elif answer.suggestions:
        embed.set_footer(text=cut("Try: " + defuse_mentions(", ".join(answer.suggestions)), FOOTER))
    return fit(embed)


def fit(embed: discord.Embed) -> discord.Embed:
    """Trim to Discord's 6,000-character total: drop trailing fields, then shorten the description."""
    while len(embed) > TOTAL and len(embed.fields) > 1:
        embed.remove_field(len(embed.fields) - 2)  # keep the last (corroboration) field
    if len(embed) > TOTAL and embed.description:
        excess = len(embed) - TOTAL
        embed.description = cut(embed.description, max(1, len(embed.description) - excess - 1))
    return embed


def help_embed(commands: list[tuple[str, str]]) -> discord.Embed:
    embed = discord.Embed(
        title="DeepSeek R1 facts bot",
        description=(
            "Answers about DeepSeek's disclosure, in a peer-reviewed Nature article, that training R1 "
            "cost $294,000 on 512 Nvidia H800 chips. Every answer cites the articles it rests on."
        ),
        colour=COLOURS["list"],
    )
    for name, description in commands[:FIELDS]:
        embed.add_field(name=cut(f"/{name}", FIELD_NAME), value=cut(defuse(description), FIELD_VALUE), inline=False)
    return fit(embed)


def factcheck_embed(result: FactCheck, *, checked_url: str | None = None) -> discord.Embed:
    """One embed: the checked text (defused, cut), then each statement with its verdict, fact and quotes."""
    worst = min((c.verdict for c in result.claims), key=list(VERDICT_COLOURS).index, default="unverified")
    lines = [quote_block(defuse(cut(result.text, QUOTED)))] if result.text else []
    if checked_url:
        lines.append(f"[Checked message]({checked_url})")
    if not result.claims:
        lines.append(defuse(result.note or "Nothing to check."))
    embed = discord.Embed(
        title="Fact-check", description=cut("\n".join(lines), DESCRIPTION), colour=VERDICT_COLOURS[worst]
    )
    for claim in result.claims[:FIELDS]:
        name = cut(f"{MARKS[claim.verdict]} {claim.verdict.capitalize()}: “{defuse_mentions(claim.claim)}”", FIELD_NAME)
        value = defuse(claim.explanation)
        for citation in claim.citations[:2]:
            block = quote_block(f"“{defuse(citation.quote)}”")
            value += f"\n{block}\n— *{defuse(citation.headline)}*"
        embed.add_field(name=name, value=cut(value, FIELD_VALUE), inline=False)
    embed.set_footer(
        text=f"Checked against {result.total_sources} articles. Facts: "
        + defuse_mentions(", ".join(dict.fromkeys(f for c in result.claims for f in c.facts)) or "none")
    )
    return fit(embed)
