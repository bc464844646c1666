"""Suggestions: recommenders that propose CUE, SOURCE and CLAIM spans and their links.

Nothing here imports Qt or the storage; the engine works on plain text and records.
"""
