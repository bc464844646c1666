"""Reading an article's annotations to open it: a long article's first screen first.

On a long article, the annotations of the paragraphs on its first screen are read
before the first paint and the rest just after it (or at once, when something asks for
more: see ``ArticleSpans``). An article shown with one annotator's layer only, and a
short article, are read whole.
"""

from __future__ import annotations

from annotator.core.model import Annotation, Article, Relation
from annotator.gui.models.article_spans import ArticleSpans
from annotator.storage import Store

# Characters: below this, an article is read whole (about ten screens).
LONG_ARTICLE = 20_000


def article_spans(
    store: Store, article: Article, layer: str | None, screen: tuple[int, int]
) -> ArticleSpans:
    """The annotations and relations of ``article`` to show (only ``layer``'s, when
    given); on a long article, those of the paragraphs ``screen`` until more is asked."""
    # A damaged row anywhere is refused on opening, with its one line, as a short
    # article's is: never later, by whatever asks for the rest.
    if layer is None and len(article.text) > LONG_ARTICLE and not store.any_damaged(article.id):
        first = store.annotations(article.id, within=screen)
        links = store.relations_touching(article.id, [a.id for a in first])

        def rest() -> tuple[list[Annotation], list[Relation]]:
            return store.annotations(article.id), store.relations(article.id)

        return ArticleSpans(
            article.id, article.text, store.schema, first, links, rest=rest, loaded=screen
        )
    annotations = store.annotations(article.id, layer)
    shown = {a.id for a in annotations}
    relations = [r for r in store.relations(article.id) if r.from_id in shown and r.to_id in shown]
    return ArticleSpans(article.id, article.text, store.schema, annotations, relations)
