"""The File menu: databases, recent files, import and export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMenu

from annotator.formats.registry import import_suffixes
from annotator.gui.dialogs.export_dialog import ExportDialog, export_module
from annotator.gui.dialogs.import_dialog import run_import

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow


class FileMenu(QObject):
    """What File > ... does, for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def new_database(self) -> None:
        window = self.window
        path, _ = QFileDialog.getSaveFileName(
            window,
            self.tr("New database"),
            str(window.store.path.parent / "annotations.db"),
            self.tr("annotator databases (*.db);;All files (*)"),
        )
        if path:
            window.app.open_database(Path(path), create=True)

    def open_database(self) -> None:
        window = self.window
        path, _ = QFileDialog.getOpenFileName(
            window,
            self.tr("Open database"),
            str(window.store.path.parent),
            self.tr("annotator databases (*.db);;All files (*)"),
        )
        if path:
            window.app.open_database(Path(path), create=False)

    def fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        for path in self.window.settings.get("database/recent"):
            action = menu.addAction(path)
            action.triggered.connect(
                lambda _c=False, p=path: self.window.app.open_database(Path(p), create=False)
            )
        if menu.isEmpty():
            menu.addAction(self.tr("(none yet)")).setEnabled(False)

    def import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window,
            self.tr("Import articles"),
            str(Path.home()),
            self.tr("Articles ({0});;All files (*)").format(
                " ".join(f"*{suffix}" for suffix in import_suffixes())
            ),
        )
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self.window, self.tr("Import a folder"), str(Path.home())
        )
        if path:
            self.import_paths([Path(path)])

    def import_paths(self, paths: list[Path], quiet: bool = False) -> None:
        """Import files and folders; the list shows them, and the first opens if none was."""
        window = self.window
        report = run_import(window, window.store, paths, quiet=quiet)
        window.article_list.reload()
        if report is not None and window.annotating.article is None and report.imported:
            window.open_article(report.imported[0][0])

    def export(self) -> None:
        module = export_module()
        if module is None:
            return
        window = self.window
        article = window.annotating.article
        ExportDialog(
            window.store, module, window.app.annotator, article.id if article else None, window
        ).exec()
