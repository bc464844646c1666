"""File > Export: the exporters of annotator.formats.export behind a small form.

The window never writes an export itself: it collects the format, the filters and the
target, and calls ``export``, which writes atomically (a cancel or an error leaves the
target as it was).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.gui.dialogs.messages import show_error, show_info
from annotator.storage import Store


def export_module() -> ModuleType | None:
    """annotator.formats.export when it is installed and complete, else None."""
    try:
        module = importlib.import_module("annotator.formats.export")
    except ImportError:
        return None
    return (
        module if all(hasattr(module, n) for n in ("FORMATS", "ExportFilter", "export")) else None
    )


class ExportDialog(QDialog):
    def __init__(
        self,
        store: Store,
        module: ModuleType,
        annotator: str,
        article_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.module = store, module
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export"))
        form = QFormLayout(self)
        self.format = QComboBox()
        for name, spec in module.FORMATS.items():
            self.format.addItem(f"{name} — {spec.description}", name)
        form.addRow(self.tr("Format"), self.format)
        self.articles = QComboBox()
        self.articles.addItem(self.tr("All articles"), ("all", None))
        self.articles.addItem(self.tr("Articles marked done"), ("done", None))
        if article_id is not None:
            self.articles.addItem(self.tr("Only the open article"), ("one", article_id))
        form.addRow(self.tr("Articles"), self.articles)
        self.who = QComboBox()
        self.who.addItem(self.tr("Everyone's annotations"), None)
        if annotator:
            self.who.addItem(self.tr("Only mine ({0})").format(annotator), annotator)
        # Any other annotator's layer, the gold layer of an adjudication among them.
        for name in store.annotator_names():
            if name and name != annotator:
                self.who.addItem(self.tr("Only {0}'s").format(name), name)
        form.addRow(self.tr("Annotations"), self.who)
        target_row = QHBoxLayout()
        self.target = QLineEdit()
        self.target.setObjectName("exportTarget")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        target_row.addWidget(self.target, 1)
        target_row.addWidget(browse)
        form.addRow(self.tr("Write to"), target_row)
        self.force = QCheckBox(self.tr("Replace it if it exists"))
        form.addRow(self.force)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        run = buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        run.setDefault(True)
        buttons.accepted.connect(self._run)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.report = None

    def _spec(self) -> Any:
        return self.module.FORMATS[self.format.currentData()]

    def _browse(self) -> None:
        spec = self._spec()
        start = str(self.store.path.with_suffix(spec.suffix or ""))
        if spec.stream:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to file"), start)
        else:
            path = QFileDialog.getExistingDirectory(
                self, self.tr("Export to folder"), str(self.store.path.parent)
            )
        if path:
            self.target.setText(path)

    def _run(self) -> None:
        text = self.target.text().strip()
        if not text:
            show_error(self, self.tr("Export"), self.tr("Choose where to write the export."))
            return
        which, article_id = self.articles.currentData()
        filters = self.module.ExportFilter(
            status="done" if which == "done" else None,
            annotator=self.who.currentData(),
            article_ids=(article_id,) if which == "one" else (),
        )
        progress = QProgressDialog(self.tr("Exporting…"), self.tr("Cancel"), 0, 1000, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def step(done: int, total: int) -> bool:
            progress.setValue(int(1000 * done / max(total, 1)))
            QApplication.processEvents()
            return not progress.wasCanceled()

        try:
            report = self.module.export(
                self.store,
                Path(text),
                self.format.currentData(),
                filters,
                self.force.isChecked(),
                step,
            )
        except AnnotatorError as exc:
            progress.close()
            show_error(self, self.tr("Export"), str(exc))
            return
        progress.close()
        self.report = report
        if report.cancelled:
            show_info(self, self.tr("Export"), self.tr("Cancelled: nothing was written."))
        else:
            summary = self.tr("Wrote {0} articles, {1} annotations and {2} links to {3}.").format(
                report.articles, report.annotations, report.relations, report.out
            )
            show_info(
                self, self.tr("Export"), summary, "\n".join([*report.notes, *report.warnings])
            )
        self.accept()
