"""The words adjudication uses for decisions and candidates, apart from the comparison
code (annotator.core.adjudication), so that the window can name them without loading it."""

from __future__ import annotations

ACCEPTED = "accepted"
REJECTED = "rejected"
AGREED = "agreed"
PARTIAL = "partial"
SINGLE = "single"
DEFAULT_GOLD = "gold"
