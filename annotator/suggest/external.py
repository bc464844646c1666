"""The external recommender protocol: a team's own model as a command.

annotator starts the command once and writes one JSON object per line on its stdin,
``{"id": ARTICLE_ID, "text": TEXT}``; for each, the command writes one line on its
stdout, ``{"id": ARTICLE_ID, "spans": [{"label", "start", "end", "score"}], "links":
[{"type", "from", "to", "score"}]}``, where offsets are code points into the text and
``from``/``to`` are positions in that article's "spans" list (0-based). "score" is
optional (0.5). Whatever the command writes on stderr is shown to the user.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence

from annotator.core.errors import AnnotatorError
from annotator.suggest.model import Candidates

NAME = "external"


class ExternalRecommender:
    """One running external command, asked one article at a time."""

    def __init__(self, command: Sequence[str]) -> None:
        if not command:
            raise AnnotatorError("--external needs a command")
        self.command = list(command)
        try:
            self._process = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                bufsize=1,
            )
        except OSError as exc:
            raise AnnotatorError(
                f"cannot run the external recommender {command[0]}: {exc}"
            ) from None
        self._counter = 0

    def __call__(self, text: str) -> Candidates:
        return self.suggest(text)

    def suggest(self, text: str) -> Candidates:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._counter += 1
        request = {"id": self._counter, "text": text}
        try:
            self._process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
            self._process.stdin.flush()
            line = self._process.stdout.readline()
        except (BrokenPipeError, OSError):
            line = ""
        name = self.command[0]
        if not line:
            raise AnnotatorError(f"the external recommender {name} stopped without an answer")
        try:
            reply = json.loads(line)
            if reply.get("id") != self._counter:
                raise ValueError(f"it answered id {reply.get('id')!r}, not {self._counter}")
            out = Candidates()
            keys = []
            for span in reply.get("spans", []):
                start, end = int(span["start"]), int(span["end"])
                if not 0 <= start < end <= len(text):
                    raise ValueError(f"span {start}-{end} is outside the article")
                score = float(span.get("score", 0.5))
                keys.append(out.add_span(str(span["label"]), start, end, score, NAME))
            for link in reply.get("links", []):
                a, b = keys[int(link["from"])], keys[int(link["to"])]
                out.add_link(str(link["type"]), a, b, float(link.get("score", 0.5)), NAME)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
            raise AnnotatorError(f"the external recommender {name} answered badly: {exc}") from None
        return out

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
