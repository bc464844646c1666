"""The bundled fonts (Arabic, and a Latin companion), and the article font at a zoom level."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from annotator.paths import font_paths

ARTICLE_FAMILY = "Noto Naskh Arabic"
# The bundled companion font for Latin letters and punctuation; Arabic text uses Noto
# Naskh Arabic, so its digits stay Naskh's.
LATIN_FAMILY = "Noto Sans"
# What the two bundled fonts lack (Greek, Cyrillic, symbols) falls back to the system.
FALLBACK_FAMILIES = (LATIN_FAMILY, "DejaVu Sans")
BASE_POINT_SIZE = 15.0
ZOOM_STEP = 1.1
ZOOM_RANGE = (-6, 14)

_registered: list[str] = []


def register_fonts() -> list[str]:
    """Register the bundled fonts with Qt; returns the families that were added.

    Raises:
        RuntimeError: when no QGuiApplication exists yet (registering before one
            exists crashes Qt).
    """
    if QGuiApplication.instance() is None:
        raise RuntimeError("register_fonts() needs a QApplication first")
    if _registered:
        return list(_registered)
    for path in font_paths():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    return list(dict.fromkeys(_registered))


def clamp_zoom(zoom: int) -> int:
    return max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], zoom))


def article_font(zoom: int = 0) -> QFont:
    """The font of article text, ``zoom`` steps of 10% above or below normal."""
    font = QFont()
    font.setFamilies([ARTICLE_FAMILY, *FALLBACK_FAMILIES])
    font.setPointSizeF(round(BASE_POINT_SIZE * ZOOM_STEP ** clamp_zoom(zoom), 1))
    # Hinting distorts Naskh letter joins at small sizes.
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font
