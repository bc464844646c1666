"""Interface languages: the window's own translations and Qt's, and the mirrored layout.

Translations live in resources/i18n as annotator_<lang>.ts (the source, edited with Qt
Linguist or by hand) and annotator_<lang>.qm (compiled with pyside6-lrelease and
committed, so that a plain pip install needs no tools).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from annotator.paths import i18n_dir


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802
    """Mark ``text`` for translation in ``context`` (pyside6-lupdate finds the calls by
    this name); it is translated where it is shown. Typed, unlike Qt's own."""
    return text


# Language code -> its name in that language (shown in View > Language).
LANGUAGES: dict[str, str] = {"en": "English", "ar": "العربية"}
RIGHT_TO_LEFT = frozenset({"ar"})


def resolve_language(setting: str) -> str:
    """The language to use: the setting, or the system's when the setting is empty."""
    if setting in LANGUAGES:
        return setting
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


def qm_path(language: str) -> str:
    return str(i18n_dir() / f"annotator_{language}.qm")


class Translations:
    """The translators installed in the application for one language at a time."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = "en"
        self.loaded: list[str] = []

    def install(self, app: QApplication, language: str) -> None:
        """Switch the application to ``language``: translations and layout direction."""
        for translator in self._installed:
            QCoreApplication.removeTranslator(translator)
        self._installed.clear()
        self.loaded.clear()
        self.language = language
        if language != "en":
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            for name, folder in (
                (f"qtbase_{language}", qt_dir),
                (f"annotator_{language}", str(i18n_dir())),
            ):
                translator = QTranslator(app)
                if translator.load(name, folder):
                    QCoreApplication.installTranslator(translator)
                    self._installed.append(translator)
                    self.loaded.append(name)
        app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft
            if language in RIGHT_TO_LEFT
            else Qt.LayoutDirection.LeftToRight
        )
