"""Whether the window has somewhere to appear, asked before Qt is loaded: without a
display, Qt's xcb plugin aborts with a message about missing libraries instead."""

from __future__ import annotations

import os
import sys


def missing_display() -> str | None:
    """Why no window can open here, in one line; None when one can (or Qt decides)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display to open the window on (DISPLAY is not set): run it in a desktop "
        "session, under xvfb-run, or with QT_QPA_PLATFORM=offscreen"
    )
