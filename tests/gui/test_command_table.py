"""The command table is the one place a command is declared: its handler, its place in
the menus, and whether a read-only file or adjudication turns it off all follow it."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMenu

from annotator.gui.actions import (
    ACTIONS,
    ADJUDICATING,
    CONTEXT_MENU,
    EVERY_MODE,
    MENUS,
    SPECS,
    build_actions,
    connect_handlers,
    split_place,
)
from annotator.gui.dialogs.shortcuts_dialog import shortcut_rows
from annotator.storage import files
from tests.gui.conftest import ARTICLE, add_article, key
from tests.gui.test_adjudication import CTRL_SHIFT, answer_dialog, make_team  # noqa: F401

pytestmark = pytest.mark.gui


def _noop() -> None:
    return None


def test_a_command_without_a_handler_is_refused_by_name(qapp) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    actions = build_actions(owner)
    handlers = {name: _noop for name in SPECS if name != "zoom_in"}
    with pytest.raises(ValueError, match="without a handler: zoom_in;"):
        connect_handlers(actions, handlers)


def test_a_command_with_two_handlers_or_a_stray_handler_is_refused(qapp) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    actions = build_actions(owner)
    every = {name: _noop for name in SPECS}
    with pytest.raises(ValueError, match="two handlers: about"):
        connect_handlers(actions, every, {"about": _noop})
    with pytest.raises(ValueError, match="handlers of no command: nonsense"):
        connect_handlers(actions, {**every, "nonsense": _noop})


def test_every_command_of_the_window_has_exactly_one_handler(window) -> None:  # type: ignore[no-untyped-def]
    own, adjudication = window._handlers(), window.adjudication.handlers()
    assert not own.keys() & adjudication.keys()
    assert own.keys() | adjudication.keys() == SPECS.keys()


def test_a_handler_runs_when_its_command_is_triggered(window) -> None:  # type: ignore[no-untyped-def]
    zoom = window.zoom
    window.command_actions["zoom_in"].trigger()
    assert window.zoom == zoom + 1
    window.command_actions["exact"].trigger()  # a toggle: its handler gets the state
    assert window.settings.get("view/snap_words") is False


def _placed(menu: QMenu, path: str, found: Counter[tuple[str, str]]) -> None:
    for action in menu.actions():
        if action.menu() is not None:
            _placed(action.menu(), f"{path}/{action.menu().objectName()}", found)
        elif action.objectName() in SPECS:
            found[(action.objectName(), path.split("/")[0])] += 1


def test_every_command_has_its_place_in_the_menu_bar_and_only_there(window) -> None:  # type: ignore[no-untyped-def]
    known = {m.path for m in MENUS} | {CONTEXT_MENU}
    for spec in ACTIONS:
        assert spec.place, f"{spec.name} has no place"
        assert all(split_place(p)[0] in known for p in spec.place), spec.name
    titles = {a.text(): a.menu() for a in window.menuBar().actions()}
    top = [m for m in MENUS if not m.place]
    assert [t.replace("&", "") for t in titles] == [m.title.replace("&", "") for m in top]
    found: Counter[tuple[str, str]] = Counter()
    for spec, menu in zip(top, titles.values(), strict=True):
        _placed(menu, spec.path, found)
    declared: Counter[tuple[str, str]] = Counter(
        (spec.name, split_place(p)[0].split("/")[0])
        for spec in ACTIONS
        for p in spec.place
        if split_place(p)[0] != CONTEXT_MENU
    )
    assert found == declared


def test_the_shortcuts_dialog_lists_every_command_that_has_keys(window) -> None:  # type: ignore[no-untyped-def]
    helps = [what for _, what in shortcut_rows(window.store.schema)]
    for spec in ACTIONS:
        if spec.shortcuts:
            assert spec.help in helps, spec.name


def test_a_read_only_file_turns_off_exactly_the_commands_that_write(
    start, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "ro.db"
    article = add_article(db, ARTICLE, "ro")
    db.chmod(0o444)
    if os.geteuid() == 0:  # root may write anything; the check answers as for anyone else
        monkeypatch.setattr(files, "writable", lambda path: False)
    window = start(db, article).window
    assert window.store.readonly
    for spec in ACTIONS:
        enabled = window.command_actions[spec.name].isEnabled()
        assert enabled == (not spec.writes and spec.modes == EVERY_MODE), spec.name


def test_adjudication_turns_its_commands_on_and_off(start, tmp_path: Path, answer_dialog) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    db = tmp_path / "team.db"
    make_team(db)
    window = start(db, 1, annotator="curator").window
    only_adjudicating = [s.name for s in ACTIONS if s.modes == (ADJUDICATING,)]
    assert only_adjudicating
    assert not any(window.command_actions[n].isEnabled() for n in only_adjudicating)
    key(window.view, Qt.Key.Key_A, CTRL_SHIFT)
    assert window.adjudication.active
    assert all(window.command_actions[n].isEnabled() for n in only_adjudicating)
    key(window.view, Qt.Key.Key_A, CTRL_SHIFT)
    assert not window.adjudication.active
    assert not any(window.command_actions[n].isEnabled() for n in only_adjudicating)
