"""Saved queries: the config's `[[queries]]` and the ones saved in the app or imported from
newsboat (kept in the data dir's app state), shown as sources with unread counts."""

from __future__ import annotations

import json
from dataclasses import dataclass

from reader.config import Settings
from reader.query import Query, QueryError, parse
from reader.storage import Store

STATE_KEY = "saved_queries"


@dataclass(frozen=True, slots=True)
class SavedQuery:
    name: str
    query: Query
    in_config: bool  # from [[queries]] (edit it there) rather than saved in the data dir


def stored(store: Store) -> list[tuple[str, str]]:
    """(name, query text) saved in the data dir, in the order they were saved."""
    raw = store.state.get(STATE_KEY)
    try:
        items = json.loads(raw) if raw else []
    except json.JSONDecodeError:
        return []
    return [
        (item["name"], item["query"])
        for item in items
        if isinstance(item, dict)
        and isinstance(item.get("name"), str)
        and isinstance(item.get("query"), str)
    ]


def saved_queries(settings: Settings, store: Store) -> list[SavedQuery]:
    """The config's queries, then the stored ones whose names the config does not use (a stored
    query that no longer parses is left out rather than stopping the app)."""
    found = [SavedQuery(q.name, parse(q.query), True) for q in settings.queries]
    names = {q.name for q in found}
    for name, text in stored(store):
        if name in names:
            continue
        try:
            found.append(SavedQuery(name, parse(text), False))
        except QueryError:
            continue
        names.add(name)
    return found


def save_query(store: Store, name: str, text: str) -> Query:
    """Store (or replace, by name) a query; QueryError if it does not parse."""
    query = parse(text)
    name = " ".join(name.split())
    if not name:
        raise QueryError("a saved query needs a name")
    items = [(n, q) for n, q in stored(store) if n != name] + [(name, str(query))]
    store.state.set(STATE_KEY, json.dumps([{"name": n, "query": q} for n, q in items]))
    return query
