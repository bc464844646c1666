"""Marking an article done or reopening it, as an undoable command."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from annotator.core.commands import Command


class StatusStore(Protocol):
    def set_status(self, article_id: int, status: str) -> str: ...


@dataclass
class SetStatus(Command):
    """Set an article's status; undo puts back the one it had."""

    article_id: int
    status: str
    previous: str | None = None

    @property
    def text(self) -> str:  # type: ignore[override]
        return f"status {self.status}"

    def do(self, store: StatusStore) -> None:  # type: ignore[override]
        self.previous = store.set_status(self.article_id, self.status)

    def undo(self, store: StatusStore) -> None:  # type: ignore[override]
        assert self.previous is not None
        store.set_status(self.article_id, self.previous)
