"""CoNLL: sentences, tokens, BIO tags per label, and lossy spans reported, never widened."""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import NewArticle
from annotator.formats.export import export
from annotator.storage import Store


def _export(store: Store, tmp_path: Path) -> tuple[list[str], list[str]]:
    out = tmp_path / "o.conll"
    report = export(store, out, "conll", force=True)
    return out.read_text(encoding="utf-8").split("\n"), report.warnings


def _sentences(lines: list[str]) -> list[list[list[str]]]:
    blocks: list[list[list[str]]] = [[]]
    for line in lines:
        if not line:
            if blocks[-1]:
                blocks.append([])
        elif not line.startswith("#"):
            blocks[-1].append(line.split("\t"))
    return [b for b in blocks if b]


def test_sentences_split_on_full_stops_and_question_marks_not_commas(
    store: Store, tmp_path: Path
) -> None:
    text = "قال الوزير، إن الطائرات عادت؛ ثم حلقت. هل عادت؟ نعم! وفي سطر\nآخر"
    store.add_article(NewArticle(text=text, title="t"))
    lines, _ = _export(store, tmp_path)
    sentences = _sentences(lines)
    assert [" ".join(tok[1] for tok in s) for s in sentences] == [
        "قال الوزير ، إن الطائرات عادت ؛ ثم حلقت .",
        "هل عادت ؟",
        "نعم !",
        "وفي سطر",
        "آخر",
    ]
    assert lines[0] == "# global.columns = ID FORM START END CLAIM SOURCE CUE"
    assert "# doc_id = 1" in lines and "# text = هل عادت؟" in lines
    # ID restarts in each sentence; START and END index the article text.
    for sentence in sentences:
        assert [int(tok[0]) for tok in sentence] == list(range(1, len(sentence) + 1))
        for tok in sentence:
            assert text[int(tok[2]) : int(tok[3])] == tok[1]


def test_bio_per_label_with_nesting(store: Store, tmp_path: Path) -> None:
    text = "قال المتحدث باسم البنتاغون إن الطائرات عادت."
    article_id, _ = store.add_article(NewArticle(text=text, title="t"))
    span = text.index("المتحدث باسم البنتاغون")
    store.create_annotation(article_id, "SOURCE", span, span + 22, "s")
    claim = text.index("المتحدث")
    store.create_annotation(article_id, "CLAIM", claim, len(text) - 1, "s")
    store.create_annotation(article_id, "CUE", 0, 3, "s")
    lines, warnings = _export(store, tmp_path)
    rows = {tok[1]: tok[4:] for tok in _sentences(lines)[0]}
    assert rows["قال"] == ["O", "O", "B-CUE"]
    assert rows["المتحدث"] == ["B-CLAIM", "B-SOURCE", "O"]
    assert rows["البنتاغون"] == ["I-CLAIM", "I-SOURCE", "O"]
    assert rows["عادت"] == ["I-CLAIM", "O", "O"]
    assert rows["."] == ["O", "O", "O"]
    assert warnings == []


def test_a_span_inside_a_token_splits_the_token(store: Store, tmp_path: Path) -> None:
    text = "نقلا عن وزارة الدفاع لوسائل الإعلام."
    article_id, _ = store.add_article(NewArticle(text=text, title="t"))
    start = text.index("وسائل")  # the proclitic ل left outside, on purpose
    store.create_annotation(article_id, "SOURCE", start, start + len("وسائل الإعلام"), "s")
    lines, warnings = _export(store, tmp_path)
    rows = {tok[1]: tok[4:] for tok in _sentences(lines)[0]}
    # «لوسائل» is two tokens, so the span is exact: neither widened to ل nor narrowed.
    assert "لوسائل" not in rows
    assert rows["ل"][1] == "O"
    assert rows["وسائل"][1] == "B-SOURCE"
    assert rows["الإعلام"][1] == "I-SOURCE"
    assert warnings == []


def test_a_span_across_sentences_restarts_with_b(store: Store, tmp_path: Path) -> None:
    text = "قال إن الطائرات عادت. ثم حلقت فوق حلب."
    article_id, _ = store.add_article(NewArticle(text=text, title="t"))
    store.create_annotation(article_id, "CLAIM", text.index("الطائرات"), len(text) - 1, "s")
    lines, warnings = _export(store, tmp_path)
    first, second = _sentences(lines)
    assert [t[4] for t in first] == ["O", "O", "B-CLAIM", "I-CLAIM", "I-CLAIM"]
    assert [t[4] for t in second] == ["B-CLAIM", "I-CLAIM", "I-CLAIM", "I-CLAIM", "O"]
    assert any("crosses 1 sentence break" in w for w in warnings)
