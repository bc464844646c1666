"""annotator: mark claims and their sources in Arabic news, right to left."""

__version__ = "0.1.0"
