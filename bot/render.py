"""Plain-text rendering of an `Answer`, for the command line."""

from __future__ import annotations

from bot.models import Answer, FactCheck

MARKS = {"supported": "✅", "contradicted": "❌", "disputed": "⚖️", "unverified": "❔"}


def corroboration(answer: Answer) -> str:
    count = len(answer.corroborating_sources)
    total = answer.total_sources or count
    return f"reported by {count} of {total} article{'s' if total != 1 else ''}"


def as_text(answer: Answer) -> str:
    """The answer, then each citation: headline, outlet and date, and the quoted line."""
    lines = [answer.text]
    if answer.conflict:
        lines += ["", "Sources disagree:"]
        for side in answer.sides:
            lines.append(f"  - {side.claim} ({', '.join(side.sources)})")
    if answer.sources:
        lines.append("")
        for source in answer.sources:
            lines.append(f"[{source.id}] {source.headline}")
            lines.append(f"    {source.outlet_label}, {source.date_label}")
            if source.date_note:
                lines.append(f"    note: {source.date_note}")
    if answer.citations:
        lines += ["", f"Sources ({corroboration(answer)}):"]
        for number, citation in enumerate(answer.citations, 1):
            lines.append(f"  [{number}] {citation.headline}")
            lines.append(f"      {citation.outlet_label}, {citation.date_label}")
            lines.append(f"      “{citation.quote}”")
    if answer.examples:
        lines += ["", "Asked as:"] + [f"  - {question}" for question in answer.examples]
    if answer.related:
        lines += ["", f"Related (not the answer): {', '.join(answer.related)}"]
    if answer.facts:
        lines += ["", f"Facts: {', '.join(answer.facts)}"]
    return "\n".join(lines)


def factcheck_text(result: FactCheck) -> str:
    """Each statement with its verdict, what the articles say, and the quotes it rests on."""
    if not result.claims:
        return result.note or "Nothing to check."
    lines: list[str] = []
    for number, claim in enumerate(result.claims, 1):
        lines.append(f"{MARKS[claim.verdict]} {claim.verdict.upper()}: “{claim.claim}”")
        lines.append(f"   {claim.explanation}")
        for citation in claim.citations:
            lines.append(
                f"   [{citation.source_id}] {citation.headline} ({citation.outlet_label}, {citation.date_label})"
            )
            lines.append(f"      “{citation.quote}”")
        if number < len(result.claims):
            lines.append("")
    return "\n".join(lines)
