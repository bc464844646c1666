"""Text printed for a person on a terminal, made harmless.

Titles, notes, article texts, file names and annotator names come from files anyone
may write. Printed raw, a control character in them is a command to the terminal:
ESC and CSI sequences clear the screen, set the window title, write the clipboard
(OSC 52) or conceal what follows; bidirectional overrides reorder what the line seems
to say. Every such character is shown as a visible escape instead. Arabic, emoji,
ZWNJ/ZWJ and the marks LRM, RLM and ALM are shown as they are.
"""

from __future__ import annotations

import re

# C0 controls (tab and line feed are decided by the caller), DEL, C1 controls, the
# bidirectional embeddings, overrides and isolates, line and paragraph separators,
# and lone surrogates (undecodable bytes of a file name).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)
_UNSAFE_TAB_NEWLINE = re.compile("[\t\n]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, multiline: bool = False) -> str:
    """``text`` with every character that could command a terminal shown as an escape.

    Args:
        text: what is to be printed (anything else is turned into text first).
        multiline: keep line feeds and tabs (an article text); otherwise they are
            escaped too, so that one record stays on one line.
    """
    value = text if isinstance(text, str) else str(text)
    value = _UNSAFE.sub(_escape, value)
    if not multiline:
        value = _UNSAFE_TAB_NEWLINE.sub(_escape, value)
    return value


def printable_json(line: str) -> str:
    """A JSON text with the characters ``printable`` escapes written as \\uXXXX escapes.

    json.dumps(ensure_ascii=False) leaves C1 controls, bidirectional overrides and
    separators raw; they can only stand inside strings, where \\uXXXX means the same.
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)
