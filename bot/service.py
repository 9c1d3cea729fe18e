"""What both fronts hold: the answer engine, the moderation service and readers' feedback.

Discord and the command line call these same methods, so `factbot ask`
answers, and counts an unanswered question, exactly as `/ask` does.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from bot.answers import MAX_QUESTION, Engine
from bot.factcheck import Checker
from bot.feedback import Feedback
from bot.models import Answer, FactCheck
from bot.moderation import Moderation
from bot.storage import FactStore
from bot.text import clean

log = logging.getLogger(__name__)

# Distinct requests remembered (~8 KB each; 1,024 took the bot past its 100 MB memory target): a hype
# peak asks a few questions thousands of times.
ANSWERS = 512
COUNTED = ("not_stated", "no_match")  # what an unanswered /ask is counted as, for /facts gaps

Version = tuple[int, int]
Key = tuple[str, str | None]


@dataclass(eq=False)
class Prepared:
    """One request's answer, and what a front made of it (the Discord reply), kept while the facts stay the same.

    Shared by everyone who asks the same thing: treat it as read-only.
    """

    answer: Answer
    rendered: dict[Hashable, Any] = field(default_factory=dict)


class AnswerCache:
    """Answers by request, dropped whenever the facts or the articles change (in any process).

    Bounded (least recently asked go first) and thread-safe: the event loop
    looks answers up while a worker thread may be adding one.
    """

    def __init__(self, store: FactStore, size: int = ANSWERS) -> None:
        self.store = store
        self.size = size
        self._lock = threading.Lock()
        self._version: Version | None = None
        self._entries: OrderedDict[Key, Prepared] = OrderedDict()
        self._warm: set[str] = set()

    def version(self) -> Version:
        """What every answer depends on: the facts generation (moved by a trigger on every change to a
        fact, citations and conflicts included) and the number of articles (an answer says "reported by
        N of M"; articles are only ever added). Two indexed one-row reads."""
        return self.store.facts_generation(), self.store.source_count()

    def get(self, version: Version, key: Key) -> Prepared | None:
        with self._lock:
            if version != self._version:
                self._entries.clear()
                self._warm.clear()
                self._version = version
                return None
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, version: Version, key: Key, answer: Answer) -> Prepared:
        entry = Prepared(answer)
        with self._lock:
            # Worked out while the facts changed: hand it out once, never keep it for the new version.
            if version == self._version:
                self._entries[key] = entry
                if len(self._entries) > self.size:
                    self._entries.popitem(last=False)
                self._warm.add(key[0])
        return entry

    def warm(self, command: str) -> bool:
        """Whether `command` has been answered since the facts last changed: the first answer after a
        change rebuilds the engine's vocabulary (milliseconds to seconds, by the size of the table)."""
        with self._lock:
            return command in self._warm

    def __len__(self) -> int:
        return len(self._entries)


class Service:
    """One facts database, seen through the operations people use."""

    def __init__(self, store: FactStore) -> None:
        self.store = store
        self.engine = Engine(store)
        self.checker = Checker(self.engine)
        # One engine: what a gap is near, and whether teaching it held, as readers are answered.
        self.moderation = Moderation(store, self.engine)
        self.feedback = Feedback(store)
        self.answers = AnswerCache(store)

    def answer(self, command: str, argument: str | None = None) -> Prepared:
        """The answer to one of the answering commands (ask, cost, chips, sources, topics, fact).

        From the cache while the facts stay the same, else worked out by the engine. Every /ask no
        fact answers is counted for the moderators, each time it is asked, cached or not.
        """
        version, key = self.answers.version(), self._key(command, argument)
        entry = self.answers.get(version, key) or self.answers.put(version, key, self._work_out(command, argument))
        self._count(command, argument, entry)
        return entry

    def cached(self, command: str, argument: str | None = None) -> Prepared | None:
        """`answer` if it is cached, else None: two tiny reads, never the engine (safe on the event loop)."""
        entry = self.answers.get(self.answers.version(), self._key(command, argument))
        if entry is not None:
            self._count(command, argument, entry)
        return entry

    @staticmethod
    def _key(command: str, argument: str | None) -> Key:
        # /ask by what the engine reads of the question: width, spaces and mentions normalised.
        return command, clean(argument or "", MAX_QUESTION) if command == "ask" else argument

    def _count(self, command: str, argument: str | None, entry: Prepared) -> None:
        if command == "ask" and entry.answer.unanswered in COUNTED:
            self.feedback.unanswered(argument or "")

    def _work_out(self, command: str, argument: str | None) -> Answer:
        engine = self.engine
        if command == "ask":
            return engine.ask(argument or "")
        if command == "cost":
            return engine.cost(argument)
        if command == "fact":
            return engine.fact(argument or "")
        if command in ("chips", "sources", "topics"):
            return getattr(engine, command)()
        raise ValueError(f"not an answering command: {command}")

    def ask(self, question: str) -> Answer:
        """Answer a free-text question; one no fact answers is counted for the moderators."""
        answer = self.answer("ask", question).answer
        # Shared by everyone who asked the same cleaned text: this copy names this asker's words.
        return answer if answer.question == question else answer.model_copy(update={"question": question})

    def factcheck(self, text: str) -> FactCheck:
        """Check a message's statements against the articles; what they don't cover is counted for curators."""
        result = self.checker.check(text)
        for claim in self.checker.unverified(result):
            self.feedback.unverified(claim)
        return result

    def close(self) -> None:
        self.feedback.close()
