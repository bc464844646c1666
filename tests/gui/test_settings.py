"""The settings table: typed values, defaults, and nothing outside the table."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from annotator.gui.settings import RECENT_LIMIT, SETTINGS, Settings

pytestmark = pytest.mark.gui


def _fresh(path: Path) -> Settings:
    return Settings(QSettings(str(path), QSettings.Format.IniFormat))


def test_every_setting_has_a_type_a_default_and_a_doc() -> None:
    keys = [s.key for s in SETTINGS]
    assert len(keys) == len(set(keys))
    for spec in SETTINGS:
        assert spec.doc and isinstance(spec.default, spec.type)
    for required in (
        "database/last",
        "database/recent",
        "window/geometry",
        "view/zoom",
        "view/snap_words",
        "ui/language",
        "annotator/name",
    ):
        assert required in keys


def test_values_come_back_with_their_types(tmp_path: Path) -> None:
    ini = tmp_path / "s.ini"
    settings = _fresh(ini)
    assert settings.get("view/zoom") == 0 and settings.get("view/snap_words") is True
    settings.set("view/zoom", 3)
    settings.set("view/snap_words", False)
    settings.set("annotator/name", "سلمى")
    settings.set("database/recent", ["/one.db"])
    settings.set("window/geometry", QByteArray(b"\x00\x01geometry"))
    settings.sync()
    again = _fresh(ini)
    assert again.get("view/zoom") == 3
    assert again.get("view/snap_words") is False
    assert again.get("annotator/name") == "سلمى"
    assert again.get("database/recent") == ["/one.db"]
    assert bytes(again.get("window/geometry")) == b"\x00\x01geometry"


def test_unknown_keys_are_refused(tmp_path: Path) -> None:
    settings = _fresh(tmp_path / "s.ini")
    with pytest.raises(KeyError):
        settings.get("no/such")
    with pytest.raises(KeyError):
        settings.set("no/such", 1)


def test_a_damaged_value_falls_back_to_the_default(tmp_path: Path) -> None:
    ini = tmp_path / "s.ini"
    ini.write_text(
        "[view]\nzoom=lots\nsnap_words=maybe\n[database]\nrecent=not json\n", encoding="utf-8"
    )
    settings = _fresh(ini)
    assert settings.get("view/zoom") == 0
    assert settings.get("view/snap_words") is True
    assert settings.get("database/recent") == []


def test_recent_databases_newest_first_and_bounded(tmp_path: Path) -> None:
    settings = _fresh(tmp_path / "s.ini")
    for n in range(RECENT_LIMIT + 3):
        settings.add_recent(f"/db{n}.db")
    settings.add_recent("/db5.db")
    recent = settings.get("database/recent")
    assert recent[0] == "/db5.db" and len(recent) == RECENT_LIMIT and recent.count("/db5.db") == 1
    assert settings.get("database/last") == "/db5.db"
    settings.set_last_article("/db5.db", 7)
    assert settings.last_article("/db5.db") == 7 and settings.last_article("/other.db") is None
