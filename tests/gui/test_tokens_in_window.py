"""Double-click takes the whole token, and drags snap by the tokeniser's rules: real mouse
events at glyph positions computed from Qt's layout, then the database is checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.gui.main_window import MainWindow
from tests.gui.conftest import add_article, drag_glyphs, inside, key, reader

pytestmark = pytest.mark.gui

TEXT = (
    "قال المسؤول إن المسافة بلغت 5.5 كم أو ٥٫٥ ميل، ونحو 1,250 جنديا أو ١٬٠٠٠ آلية.\n"
    "وصلت الطائرات في 11:00 يوم 15/03/2024، وارتفعت النسبة 85% ثم ٪ أو ٧٪ بسبب COVID-19.\n"
    "وقصف الجيش الروسي- كما قال😀 المتحدث- (مواقع) الإرهابيين «بشدة» أمس.\n"
    "The rate rose to 85% in 2024 (officials said) and COVID-19 cases fell."
)


@pytest.fixture
def window(start, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    db = tmp_path / "tokens.db"
    return start(db, add_article(db, TEXT, "tokens")).window


def stored(window: MainWindow) -> list[str]:
    with reader(window) as store:
        return [a.text for a in store.annotations(1)]


def double_click(window: MainWindow, cp: int, fraction: float = 0.5) -> None:
    view = window.view
    QTest.mouseDClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        inside(view, cp, fraction),
    )
    QApplication.processEvents()


@pytest.mark.parametrize(
    "token",
    ["5.5", "٥٫٥", "1,250", "١٬٠٠٠", "11:00", "15/03/2024", "85%", "٧٪", "COVID-19"],
)
def test_double_click_anywhere_in_a_token_marks_the_whole_token(
    window: MainWindow, token: str
) -> None:
    start = TEXT.index(token)
    # On a digit, on the separator in the middle, and on the last character.
    middle = next((i for i in range(start, start + len(token)) if not TEXT[i].isalnum()), start)
    for n, cp in enumerate(dict.fromkeys([start, middle, start + len(token) - 1])):
        double_click(window, cp)
        key(window.view, Qt.Key.Key_1)
        texts = stored(window)
        assert texts[-1:] == [token] or texts.count(token) == 1, (cp, TEXT[cp], texts)
        if n == 0:
            assert texts == [token]
        key(window.view, Qt.Key.Key_Escape)


def test_a_lone_percent_sign_holds_no_word(window: MainWindow) -> None:
    double_click(window, TEXT.index("ثم ٪") + 3)
    key(window.view, Qt.Key.Key_1)
    assert stored(window) == []


def test_drags_drop_dangling_dashes_emoji_and_unmatched_brackets(window: MainWindow) -> None:
    view = window.view
    # (dragged phrase, stored text): from inside its first glyph to inside its last
    cases = [
        ("الجيش الروسي-", "الجيش الروسي"),
        ("قال😀", "قال"),
        ("المتحدث- (مواقع)", "المتحدث- (مواقع)"),
        ("(مواقع) الإرهابيين", "(مواقع) الإرهابيين"),
        ("«بشدة»", "بشدة"),
        ("(officials said", "officials said"),
        ("rate rose to 85", "rate rose to 85%"),
    ]
    expected = []
    for phrase, result in cases:
        start = TEXT.index(phrase)
        drag_glyphs(view, start, start + len(phrase))
        key(view, Qt.Key.Key_2)
        expected.append(result)
        assert sorted(stored(window)) == sorted(expected), (phrase, stored(window))
    assert "مواقع) الإرهابيين" not in stored(window)


def test_exact_mode_keeps_exactly_the_dragged_characters(window: MainWindow) -> None:
    view = window.view
    alt = Qt.KeyboardModifier.AltModifier
    expected = []
    for phrase in ("«بشدة»", "to 85%", "(مواقع"):
        start = TEXT.index(phrase)
        drag_glyphs(view, start, start + len(phrase), alt)
        key(view, Qt.Key.Key_3)
        expected.append(phrase)
        assert sorted(stored(window)) == sorted(expected), (phrase, stored(window))
