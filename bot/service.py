"""What both fronts hold: the answer engine, the moderation service and readers' feedback.

Discord and the command line call these same methods, so `factbot ask`
answers, and counts an unanswered question, exactly as `/ask` does.
"""

from __future__ import annotations

import logging

from bot.answers import Engine
from bot.factcheck import Checker
from bot.feedback import Feedback
from bot.models import Answer, FactCheck
from bot.moderation import Moderation
from bot.storage import FactStore

log = logging.getLogger(__name__)


class Service:
    """One facts database, seen through the operations people use."""

    def __init__(self, store: FactStore) -> None:
        self.store = store
        self.engine = Engine(store)
        self.checker = Checker(self.engine)
        # One engine: what a gap is near, and whether teaching it held, as readers are answered.
        self.moderation = Moderation(store, self.engine)
        self.feedback = Feedback(store)

    def ask(self, question: str) -> Answer:
        """Answer a free-text question; one no fact answers is counted for the moderators."""
        answer = self.engine.ask(question)
        if answer.unanswered in ("not_stated", "no_match"):
            self.feedback.unanswered(question)
        return answer

    def factcheck(self, text: str) -> FactCheck:
        """Check a message's statements against the articles; what they don't cover is counted for curators."""
        result = self.checker.check(text)
        for claim in self.checker.unverified(result):
            self.feedback.unverified(claim)
        return result

    def close(self) -> None:
        self.feedback.close()
