"""Link mode as one gesture: start on an annotation, end on the other end, or cancel.

L starts it on the selected annotation; a click on a candidate (or Tab and Enter)
ends it there; Esc, or any change to the article, cancels it. The view shows the
gesture (the anchor framed, the candidates dotted) and forwards the clicks and keys
that end or cancel it; this object is the one place that starts and stops it.
"""

from __future__ import annotations

from typing import Protocol


class LinkModeView(Protocol):
    """What the gesture needs of the article view."""

    def set_link_mode(self, anchor: int | None, candidates: list[int] | None = None) -> None: ...

    @property
    def link_anchor(self) -> int | None: ...


class LinkGesture:
    """Choosing the other end of a link from ``anchor``."""

    def __init__(self, view: LinkModeView) -> None:
        self.view = view

    @property
    def active(self) -> bool:
        return self.view.link_anchor is not None

    @property
    def anchor(self) -> int | None:
        """The annotation the link starts from, while the gesture is under way."""
        return self.view.link_anchor

    def start(self, anchor: int, candidates: list[int]) -> None:
        """Begin: ``candidates`` are the annotations the schema lets ``anchor`` link to."""
        self.view.set_link_mode(anchor, candidates)

    def end(self) -> int | None:
        """Finish (the other end was chosen); returns the anchor it started from."""
        anchor = self.anchor
        self.view.set_link_mode(None)
        return anchor

    def cancel(self) -> bool:
        """Give up; False when no gesture was under way."""
        if not self.active:
            return False
        self.view.set_link_mode(None)
        return True
