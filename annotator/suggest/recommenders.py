"""The names of the recommenders, apart from the recommenders themselves, so that the
command line can offer them without loading any of them."""

from __future__ import annotations

RECOMMENDERS = ("patterns", "strings", "crf")
# The string and CRF recommenders lower precision on unseen text (see the README table);
# they are asked for by name.
DEFAULT_RECOMMENDERS = ("patterns",)
