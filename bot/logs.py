"""Logging for the running process: one format, and no secret in any line.

The bot token never reaches a log line (nothing logs it). discord.py's DEBUG lines do
hold the URLs it calls and every gateway event it receives, and an interaction's URL
and its INTERACTION_CREATE event carry its token: for 15 minutes anyone holding it can
answer as the bot or edit the bot's reply.
"""

from __future__ import annotations

import logging
import re

# /interactions/{id}/{token}/callback and /webhooks/{application_id}/{token}[/messages/…]
TOKEN_IN_URL = re.compile(r"(/(?:interactions|webhooks)/\d+/)[A-Za-z0-9_.\-]{20,}")
# 'token': '…' in a logged event (a dict's repr) or "token": "…" (its JSON)
TOKEN_FIELD = re.compile(r"""(['"]token['"]\s*:\s*['"])[^'"]+""")


class RedactTokens(logging.Filter):
    """Replaces the token in an interaction or webhook URL, or in a logged event, with "[token]"."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = TOKEN_FIELD.sub(r"\1[token]", TOKEN_IN_URL.sub(r"\1[token]", message))
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def configure(level: str) -> None:
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactTokens) for f in handler.filters):
            handler.addFilter(RedactTokens())
