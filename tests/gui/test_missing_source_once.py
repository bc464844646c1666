"""Which claims lack a source is found once per article opened: not once per
annotation and again per relation, nor again by the panel for each of its rows."""

from __future__ import annotations

from annotator.core.model import NewArticle
from annotator.gui.models.article_spans import ArticleSpans
from annotator.storage import Store

TEXT = " ".join(f"كلمة{n}" for n in range(300))


def test_needs_source_is_asked_once_per_annotation(store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    article_id, _ = store.add_article(NewArticle(text=TEXT, title="t"))
    words = [(m, m + len(w)) for m, w in _words(TEXT)]
    claims, sources = [], []
    for n, (start, end) in enumerate(words[:120]):
        ann = store.create_annotation(article_id, "CLAIM" if n % 2 else "SOURCE", start, end, "x")
        (claims if n % 2 else sources).append(ann.id)
    for claim, source in zip(claims[::2], sources[::2], strict=True):
        store.create_relation("ATTRIBUTED_TO", claim, source, "x")
    calls: list[int] = []
    plain = ArticleSpans.needs_source

    def counted(self: ArticleSpans, annotation):  # type: ignore[no-untyped-def]
        calls.append(annotation.id)
        return plain(self, annotation)

    monkeypatch.setattr(ArticleSpans, "needs_source", counted)
    spans = ArticleSpans(
        article_id,
        TEXT,
        store.schema,
        store.annotations(article_id),
        store.relations(article_id),
    )
    assert sorted(calls) == sorted(spans.annotations)
    linked = set(claims[::2])
    assert {i for i in claims if spans.is_missing(i)} == set(claims) - linked
    assert spans.missing_count == len(claims) - len(linked)
    assert not any(spans.is_missing(i) for i in sources)


def _words(text: str) -> list[tuple[int, str]]:
    found, at = [], 0
    for word in text.split(" "):
        found.append((at, word))
        at += len(word) + 1
    return found
