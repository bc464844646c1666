"""Errors that reach the user as one clear line."""


class AnnotatorError(Exception):
    """A problem the user can act on; its message is shown as it is, without a traceback."""


class SchemaError(AnnotatorError):
    """A schema file or value is wrong; the message names the key."""


class StorageError(AnnotatorError):
    """A database file cannot be opened or written; the message names the file."""


class ReadOnlyError(StorageError):
    """A database file (or its folder) cannot be written; it can still be opened read-only."""


class InputError(AnnotatorError):
    """An input file, line or value is refused; the message names where."""


class InvariantError(AnnotatorError):
    """An annotation's stored text does not match the article text at its offsets."""
