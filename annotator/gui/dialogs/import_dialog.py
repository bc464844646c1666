"""File > Import articles: the core importer behind a cancellable progress dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from annotator.core.errors import AnnotatorError
from annotator.formats.importer import ImportOptions, ImportReport, import_paths
from annotator.gui.dialogs.messages import show_error, show_info
from annotator.storage import Store

PROGRESS_STEPS = 1000


def run_import(
    parent: QWidget | None, store: Store, paths: list[Path], quiet: bool = False
) -> ImportReport | None:
    """Import files and folders, showing progress; Cancel stops after the current article.

    What was imported before a cancel stays (each article is stored whole or not at all).

    Returns:
        The importer's report, or None when the store refused the import.
    """
    dialog = QProgressDialog(
        QCoreApplication.translate("ImportDialog", "Importing articles…"),
        QCoreApplication.translate("ImportDialog", "Cancel"),
        0,
        PROGRESS_STEPS,
        parent,
    )
    dialog.setObjectName("importProgress")
    dialog.setWindowTitle(QCoreApplication.translate("ImportDialog", "Import"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)

    def progress(done: int, total: int) -> bool:
        dialog.setValue(int(PROGRESS_STEPS * done / max(total, 1)))
        QApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        report = import_paths(store, paths, ImportOptions(), progress)
    except AnnotatorError as exc:
        dialog.close()
        show_error(parent, QCoreApplication.translate("ImportDialog", "Import"), str(exc))
        return None
    dialog.close()
    if not quiet:
        show_info(
            parent,
            QCoreApplication.translate("ImportDialog", "Import"),
            summary(report),
            "\n".join(str(s) for s in report.skipped),
        )
    return report


def summary(report: ImportReport) -> str:
    lines = [
        QCoreApplication.translate("ImportDialog", "Imported {0} articles.").format(
            len(report.imported)
        )
    ]
    if report.annotations:
        lines.append(
            QCoreApplication.translate(
                "ImportDialog", "With {0} annotations and {1} links."
            ).format(report.annotations, report.relations)
        )
    if report.existing:
        lines.append(
            QCoreApplication.translate(
                "ImportDialog", "{0} annotations added to {1} existing articles."
            ).format(report.added, len(report.existing))
        )
    if report.duplicates:
        lines.append(
            QCoreApplication.translate(
                "ImportDialog", "{0} were already in the database (same text)."
            ).format(len(report.duplicates))
        )
    if report.skipped:
        lines.append(
            QCoreApplication.translate(
                "ImportDialog", "{0} skipped: see the details for why."
            ).format(len(report.skipped))
        )
    if report.cancelled:
        lines.append(
            QCoreApplication.translate("ImportDialog", "Cancelled: what was imported before stays.")
        )
    return "\n".join(lines)
