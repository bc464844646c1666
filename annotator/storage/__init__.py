"""The SQLite store (sqlite-utils): opening, migrations and queries. No Qt."""

from annotator.storage.store import Store, open_store

__all__ = ["Store", "open_store"]
