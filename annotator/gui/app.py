"""Starting the window: the application, its settings, language, database and annotator.

``run`` is what ``annotator gui`` and bare ``annotator`` call. ``AppController`` holds
what outlives one window (the open database, the undo history, the translators), so
that switching the language or the database rebuilds the window and nothing else.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QApplication, QWidget

from annotator.core.errors import AnnotatorError, ReadOnlyError
from annotator.gui.dialogs.messages import show_error
from annotator.gui.fonts import register_fonts
from annotator.gui.i18n import Translations, resolve_language
from annotator.gui.main_window import MainWindow
from annotator.gui.settings import Settings
from annotator.gui.undo import UndoHistory
from annotator.paths import sample_paths
from annotator.storage import Store, backups, open_store

DEFAULT_DATABASE = "annotator.db"
ORGANISATION = APPLICATION = "annotator"
EXIT_CANNOT_START = 2
FALLBACK_MESSAGE_MS = 30_000

AskName = Callable[[QWidget | None, str], str | None]


def ask_name(parent: QWidget | None = None, current: str = "") -> str | None:
    """The name dialog, loaded when a name is first asked for."""
    from annotator.gui.dialogs.name_dialog import ask_name as dialog

    return dialog(parent, current)


def application() -> QApplication:
    """The QApplication (made if needed), named, with the bundled fonts registered."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("annotator")
    # Only now: registering a font before the QApplication exists crashes Qt.
    register_fonts()
    return app


def default_data_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


class AppController(QObject):
    """The running application: one database, one window, one annotator.

    Args:
        app: the QApplication.
        settings: the settings table (tests pass one backed by a temporary file).
        data_dir: where the first database is made; the user's data folder by default.
        ask_name: asks the annotator's name (tests pass a function that answers).
    """

    backup_failed = Signal(str)

    def __init__(
        self,
        app: QApplication,
        settings: Settings,
        data_dir: Path | None = None,
        ask_name: AskName = ask_name,
    ) -> None:
        super().__init__()
        self.app = app
        self.settings = settings
        self.data_dir = data_dir or default_data_dir()
        self._ask_name = ask_name
        self.translations = Translations()
        self.undo_group = QUndoGroup(self)
        self.history = UndoHistory(self.undo_group, self)
        self.store: Store | None = None
        self.window: MainWindow | None = None
        self.annotator = ""
        self.backup: threading.Thread | None = None
        # Emitted from the backup thread; Qt delivers it on the main thread.
        self.backup_failed.connect(self._report_backup_failure)

    # ------------------------------------------------------------- starting

    def start(
        self, db: Path | None = None, article_id: int | None = None, annotator: str | None = None
    ) -> bool:
        """Open the window; False when no database at all can be opened.

        A database asked for that cannot be opened gets its one-line dialog, and the
        window opens on the database used last (or the default one) instead.
        """
        self.translations.install(self.app, resolve_language(self.settings.get("ui/language")))
        self.annotator = self._resolve_annotator(annotator)
        store = self._first_store(db)
        if store is None and db is not None:
            # The dialog said why; the window still opens, on the database used last
            # (or the default one), so that the annotator can open another from there.
            store = self._fallback_store(db)
            if store is not None:
                self._show(store)
                assert self.window is not None
                self.window.statusBar().showMessage(
                    self.tr("{0} could not be opened; this is {1}.").format(db, store.path),
                    FALLBACK_MESSAGE_MS,
                )
                return True
        if store is None:
            return False
        self._show(store, article_id)
        return True

    def _resolve_annotator(self, given: str | None) -> str:
        name = (given or "").strip() or self.settings.get("annotator/name")
        if not name:
            # Asked once, on the very first start; cancelling keeps the login name.
            name = (self._ask_name(None, "") or "").strip() or _login_name()
        if name != self.settings.get("annotator/name"):
            self.settings.set("annotator/name", name)
        return name

    def _first_store(self, db: Path | None) -> Store | None:
        if db is not None:
            return self._open(db, create=True)
        last = self.settings.get("database/last")
        if last and Path(last).exists():
            store = self._open(Path(last), create=False)
            if store is not None:
                return store
        return self._default_store()

    def _fallback_store(self, refused: Path) -> Store | None:
        last = self.settings.get("database/last")
        if last and Path(last).exists() and not _same_file(Path(last), refused):
            store = self._open(Path(last), create=False)
            if store is not None:
                return store
        if _same_file(self.data_dir / DEFAULT_DATABASE, refused):
            return None
        return self._default_store()

    def _default_store(self) -> Store | None:
        """The database in the user's data folder; made, with the samples, the first time."""
        path = self.data_dir / DEFAULT_DATABASE
        first_run = not path.exists()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            show_error(None, "annotator", f"{path.parent} cannot be created ({exc.strerror})")
            return None
        store = self._open(path, create=True)
        if store is not None and first_run and store.count_articles() == 0:
            from annotator.formats.importer import import_paths

            try:
                import_paths(store, sample_paths())
            except AnnotatorError as exc:
                show_error(None, "annotator", str(exc))
        return store

    def _open(self, path: Path, create: bool) -> Store | None:
        existed = path.exists()
        try:
            try:
                # The rolling backup is made on a thread of its own: copying a large
                # database takes seconds, and the window must not wait for it.
                store = open_store(path, create=create, backup=False)
            except ReadOnlyError:
                # A file (or folder) we may not write: shown read-only, with a banner
                # saying so, rather than refused. Nothing is written, not even a backup.
                store = open_store(path, readonly=True)
        except AnnotatorError as exc:
            show_error(self.window, self.tr("Cannot open the database"), str(exc))
            return None
        try:
            # A schema stored by hand or damaged is refused now, before any window uses it.
            store.schema  # noqa: B018
        except AnnotatorError as exc:
            store.close()
            show_error(self.window, self.tr("Cannot open the database"), str(exc))
            return None
        if existed and not store.readonly:
            self.backup = backups.rotate_in_background(store.path, self.backup_failed.emit)
        return store

    def _remember(self, store: Store) -> None:
        """Make the database "last" (and recent) once the window has opened it cleanly,
        by its absolute path: bare `annotator` must never start on a file that fails."""
        window = self.window
        if window is None or window.store is not store:
            return
        if window.annotating.article is None and store.count_articles() > 0:
            return
        self.settings.add_recent(str(store.path.absolute()))

    def _report_backup_failure(self, message: str) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage(message, 15000)

    def _show(self, store: Store, article_id: int | None = None) -> None:
        """(Re)build the window on a database."""
        old = self.window
        if old is not None:
            old.finish()
            old.annotating.detach()
        if self.store is not None and self.store is not store:
            self.store.close()
            self._clear_history()
        self.store = store
        window = MainWindow(self, store)
        if old is not None:
            window.restoreGeometry(old.saveGeometry())
            if old.layoutDirection() == window.layoutDirection():
                window.restoreState(old.saveState())
        self.window = window
        window.show()
        window.open_initial(article_id)
        if old is not None and old.store is store and old.adjudication.active:
            # Rebuilt for another language: the curator goes on adjudicating.
            window.adjudication.start(old.adjudication.annotators, old.adjudication.gold)
        else:
            window.adjudication.settle()  # restoreState may have shown its dock
        window.activateWindow()
        if old is not None:
            old.hide()
            old.deleteLater()
        self._remember(store)

    def _clear_history(self) -> None:
        self.history.clear()

    # ------------------------------------------------------------- changes

    @property
    def language(self) -> str:
        """The interface language in use."""
        return self.translations.language

    def open_database(self, path: Path, create: bool = False) -> bool:
        store = self._open(path, create=create)
        if store is None:
            return False
        self._show(store)
        return True

    def set_language(self, language: str) -> None:
        """Switch the interface language now: the window is rebuilt in place."""
        self.settings.set("ui/language", language)
        self.translations.install(self.app, resolve_language(language))
        if self.store is not None and self.window is not None:
            article = self.window.annotating.article
            self._show(self.store, article.id if article else None)

    def change_annotator(self, parent: QWidget | None = None) -> None:
        name = self._ask_name(parent, self.annotator)
        if name and name.strip():
            self.annotator = name.strip()
            self.settings.set("annotator/name", self.annotator)

    def shutdown(self) -> None:
        """Close the window's work and the database; the translators go too."""
        if self.window is not None:
            self.window.finish()
            self.window.close()
            self.window.deleteLater()
            self.window = None
        self._clear_history()
        if self.store is not None:
            self.store.close()
            self.store = None
        self.translations.install(self.app, "en")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "annotator"


def run(db: Path | None = None, article_id: int | None = None, annotator: str | None = None) -> int:
    """Open the annotation window and run until it closes; returns the exit status."""
    app = application()
    controller = AppController(app, Settings())
    if not controller.start(db, article_id, annotator):
        return EXIT_CANNOT_START
    code = app.exec()
    controller.shutdown()
    return code
