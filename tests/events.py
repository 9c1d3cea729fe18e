"""Events to synchronise tests on, instead of sleeping and hoping the other thread got there."""

from __future__ import annotations

import threading

from sqlite_utils import Database

from bot.storage import FactStore


def write_begun(store: FactStore) -> threading.Event:
    """Set once `store` starts a write transaction: from then on its writer holds the store's
    write lock and waits, inside SQLite, for any other writer's lock (the busy timeout)."""
    begun = threading.Event()
    connect = store._new_connection

    def traced() -> Database:
        db = connect()
        db.conn.set_trace_callback(lambda sql: begun.set() if sql.startswith("BEGIN IMMEDIATE") else None)
        return db

    # The writer connection is opened on the first write, through this factory.
    store._new_connection = traced  # type: ignore[method-assign]
    return begun
