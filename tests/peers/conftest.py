"""The golden fixture of the format tests, for the peer checks."""

from tests.formats.conftest import golden_db, golden_store

__all__ = ["golden_db", "golden_store"]
