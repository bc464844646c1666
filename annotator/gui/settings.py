"""Every user setting in one table, read and written through a thin QSettings wrapper.

A setting not listed here cannot be read or written, so the table is the complete
documentation of what the window remembers. Tests pass their own QSettings (an INI
file in a temporary folder) and never touch the user's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    doc: str


SETTINGS: tuple[Setting, ...] = (
    Setting("database/last", str, "", "The database opened last; bare `annotator` reopens it."),
    Setting(
        "database/recent", list, [], "Recently opened databases, newest first (File > Recent)."
    ),
    Setting("database/articles", dict, {}, "The article open last in each database, by path."),
    Setting("window/geometry", QByteArray, QByteArray(), "Size and place of the main window."),
    Setting(
        "window/state",
        QByteArray,
        QByteArray(),
        "Where the docks and toolbars are (left-to-right interface).",
    ),
    Setting(
        "window/state_rtl",
        QByteArray,
        QByteArray(),
        "Where the docks and toolbars are (right-to-left interface).",
    ),
    Setting("view/zoom", int, 0, "Article text size, in steps of 10% above (or below) normal."),
    Setting(
        "view/snap_words", bool, True, "Snap selections to whole words (off: exact characters)."
    ),
    Setting("view/all_links", bool, False, "Draw every visible link, not only the selected one's."),
    Setting(
        "view/directions",
        dict,
        {},
        "Paragraph direction chosen for an article ('rtl' or 'ltr'; absent: its dominant "
        "script's), by 'database path#article id'.",
    ),
    Setting("ui/language", str, "", "Interface language: 'en', 'ar', or '' to follow the system."),
    Setting("annotator/name", str, "", "The name recorded on every annotation."),
    Setting(
        "adjudication/gold", str, "gold", "The annotator name the gold layer is recorded under."
    ),
    Setting("adjudication/annotators", list, [], "The annotators compared when adjudicating last."),
)

_BY_KEY = {s.key: s for s in SETTINGS}
RECENT_LIMIT = 8


class Settings:
    """Typed access to the settings table.

    Args:
        store: the QSettings to use; the application's default one when None.
    """

    def __init__(self, store: QSettings | None = None) -> None:
        self._q = store if store is not None else QSettings()

    def get(self, key: str) -> Any:
        spec = _spec(key)
        raw = self._q.value(key, None)
        if raw is None:
            return _copy(spec.default)
        try:
            return _convert(raw, spec.type)
        except (TypeError, ValueError):
            # A hand-edited or foreign value falls back to the default, never crashes.
            return _copy(spec.default)

    def set(self, key: str, value: Any) -> None:
        spec = _spec(key)
        if spec.type is dict:
            self._q.setValue(key, json.dumps(value, ensure_ascii=False))
        elif spec.type is list:
            # An INI file reads a one-element list back as a plain string; JSON keeps it a list.
            self._q.setValue(key, json.dumps(list(value), ensure_ascii=False))
        else:
            self._q.setValue(key, _convert(value, spec.type))

    def reset(self, key: str) -> None:
        _spec(key)
        self._q.remove(key)

    def sync(self) -> None:
        self._q.sync()

    # Conveniences over the table, kept here so that callers stay one line.

    def add_recent(self, path: str) -> list[str]:
        recent = [p for p in self.get("database/recent") if p != path]
        recent.insert(0, path)
        del recent[RECENT_LIMIT:]
        self.set("database/recent", recent)
        self.set("database/last", path)
        return recent

    def last_article(self, db: str) -> int | None:
        value = self.get("database/articles").get(db)
        return value if isinstance(value, int) else None

    def set_last_article(self, db: str, article_id: int) -> None:
        articles = self.get("database/articles")
        articles[db] = article_id
        self.set("database/articles", articles)


def _spec(key: str) -> Setting:
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"{key!r} is not in the settings table") from None


def _copy(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return type(value)(value)
    if isinstance(value, QByteArray):
        return QByteArray(value)
    return value


def _convert(raw: Any, kind: type) -> Any:
    if kind is bool:
        if isinstance(raw, str):
            if raw.lower() in ("true", "1", "yes"):
                return True
            if raw.lower() in ("false", "0", "no"):
                return False
            raise ValueError(raw)
        return bool(raw)
    if kind is int:
        return int(raw)
    if kind is str:
        if not isinstance(raw, str):
            raise TypeError(raw)
        return raw
    if kind in (list, dict):
        value = json.loads(raw) if isinstance(raw, str) else raw
        if not isinstance(value, kind):
            raise TypeError(raw)
        return value
    if kind is QByteArray:
        if isinstance(raw, QByteArray):
            return raw
        if isinstance(raw, (bytes, bytearray)):
            return QByteArray(bytes(raw))
        raise TypeError(raw)
    raise TypeError(f"settings of type {kind.__name__} are not supported")
