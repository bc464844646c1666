"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every call that returns
nothing and aborts after a few thousand such calls. The pin in pyproject.toml keeps
it out; this test fails (the process aborts) if it ever comes back."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject

pytestmark = pytest.mark.gui


def test_twenty_thousand_void_calls_survive() -> None:
    before = sys.getrefcount(None)
    obj = QObject()
    for n in range(20_000):
        obj.setObjectName(f"object {n}")
    assert obj.objectName() == "object 19999"
    # None's count must not have fallen by one per call.
    assert sys.getrefcount(None) > before - 1000
