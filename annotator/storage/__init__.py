"""The SQLite store (sqlite-utils): opening, migrations and queries. No Qt.

``Store`` and ``open_store`` are loaded on first use, so that a reader that needs none
of the store's queries (``annotator.storage.listing``) loads none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotator.storage.store import Store, open_store

__all__ = ["Store", "open_store"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from annotator.storage import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
