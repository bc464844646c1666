"""Shared fixtures. Qt runs offscreen: the platform is chosen before any QApplication exists."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep tests away from the user's real settings and data folder.
os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from annotator.core.model import NewArticle  # noqa: E402
from annotator.core.text import canonicalise  # noqa: E402
from annotator.paths import sample_paths  # noqa: E402
from annotator.storage import Store, open_store  # noqa: E402

# Diacritics, Latin, digits, an emoji before later words, and two paragraphs.
MIXED_TEXT = (
    "قالَ المتحدث باسم البنتاغون Peter Cook 😀 إن الطائرات MQ-1 حلّقت 5.5 كيلومتر.\n"
    "وأضاف أن النقاش كان «مهنيا وبناء»، وفقا لوكالة Reuters."
)


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the real user's settings or data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "work.db"


@pytest.fixture
def store(db_path: Path) -> Store:
    opened = open_store(db_path)
    yield opened
    opened.close()


@pytest.fixture
def mixed_article(store: Store) -> int:
    """An article with diacritics, Latin names, digits and an emoji."""
    article_id, _ = store.add_article(NewArticle(text=canonicalise(MIXED_TEXT), title="mixed"))
    return article_id


@pytest.fixture
def sample_texts() -> list[str]:
    return [canonicalise(p.read_text(encoding="utf-8")) for p in sample_paths()]
