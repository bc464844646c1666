"""The window icon, drawn at run time: an Arabic letter on a highlighted page."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

_icon: QIcon | None = None


def app_icon() -> QIcon:
    global _icon
    if _icon is None:
        _icon = QIcon()
        for size in (16, 32, 64, 128, 256):
            _icon.addPixmap(_draw(size))
    return _icon


def _draw(size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    page = QRectF(size * 0.06, size * 0.06, size * 0.88, size * 0.88)
    painter.setPen(QPen(QColor("#2c3e50"), max(1.0, size / 32)))
    painter.setBrush(QColor("#fdfdfb"))
    painter.drawRoundedRect(page, size * 0.14, size * 0.14)
    band = QRectF(size * 0.16, size * 0.3, size * 0.68, size * 0.38)
    painter.fillRect(band, QColor(242, 199, 68, 200))
    painter.setPen(QPen(QColor("#3D7DD8"), max(1.5, size / 16)))
    painter.drawLine(int(size * 0.2), int(size * 0.8), int(size * 0.8), int(size * 0.8))
    font = QFont("Noto Naskh Arabic")
    font.setPixelSize(int(size * 0.5))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#1f2a36"))
    painter.drawText(
        band.adjusted(0, -size * 0.12, 0, size * 0.05), Qt.AlignmentFlag.AlignCenter, "ع"
    )
    painter.end()
    return pixmap
