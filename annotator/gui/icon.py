"""The window icon, drawn at run time: an Arabic letter on a highlighted page."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QIconEngine, QPainter, QPen, QPixmap

_icon: QIcon | None = None


class _DrawnIcon(QIconEngine):
    """Draws the icon at the size asked for, when it is first asked for: drawing every
    size up front (the letter shaped five times) cost a noticeable part of the start."""

    def __init__(self) -> None:
        super().__init__()
        self._drawn: dict[int, QPixmap] = {}

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        side = max(1, min(size.width(), size.height()))
        if side not in self._drawn:
            self._drawn[side] = _draw(side)
        return self._drawn[side]

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def availableSizes(  # noqa: N802
        self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off
    ) -> list[QSize]:
        return [QSize(side, side) for side in (16, 32, 64, 128, 256)]

    def clone(self) -> QIconEngine:
        return _DrawnIcon()


def app_icon() -> QIcon:
    global _icon
    if _icon is None:
        _icon = QIcon(_DrawnIcon())
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
