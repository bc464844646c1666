"""The File menu: databases, recent files, import and export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMenu

from annotator.formats.registry import import_suffixes
from annotator.gui.parts import WindowParts, WindowServices


class FileMenu(QObject):
    """What File > ... does, for one window."""

    def __init__(
        self, parts: WindowParts, services: WindowServices, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.parts = parts
        self.services = services

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.parts.dialog_parent(),
            self.tr("New database"),
            str(self.parts.store.path.parent / "annotations.db"),
            self.tr("annotator databases (*.db);;All files (*)"),
        )
        if path:
            self.services.open_database(Path(path), create=True)

    def open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parts.dialog_parent(),
            self.tr("Open database"),
            str(self.parts.store.path.parent),
            self.tr("annotator databases (*.db);;All files (*)"),
        )
        if path:
            self.services.open_database(Path(path), create=False)

    def fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        for path in self.parts.settings.get("database/recent"):
            action = menu.addAction(path)
            action.triggered.connect(
                lambda _c=False, p=path: self.services.open_database(Path(p), create=False)
            )
        if menu.isEmpty():
            menu.addAction(self.tr("(none yet)")).setEnabled(False)

    def import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.parts.dialog_parent(),
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
            self.parts.dialog_parent(), self.tr("Import a folder"), str(Path.home())
        )
        if path:
            self.import_paths([Path(path)])

    def import_paths(self, paths: list[Path], quiet: bool = False) -> None:
        """Import files and folders; the list shows them, and the first opens if none was."""
        # The dialogs, and the importers and exporters behind them, load when first used.
        from annotator.gui.dialogs.import_dialog import run_import

        parts = self.parts
        report = run_import(parts.dialog_parent(), parts.store, paths, quiet=quiet)
        parts.article_list.reload()
        if report is not None and parts.annotating.article is None and report.imported:
            parts.open_article(report.imported[0][0])

    def export(self) -> None:
        from annotator.gui.dialogs.export_dialog import ExportDialog, export_module

        module = export_module()
        if module is None:
            return
        parts = self.parts
        article = parts.annotating.article
        ExportDialog(
            parts.store,
            module,
            self.services.annotator,
            article.id if article else None,
            parts.dialog_parent(),
        ).exec()
