"""The window's find, its article filter and `annotator list --search` agree: one matcher.

A corpus of 32 articles of many kinds; for each query, the articles where Ctrl+F finds
something in the window are exactly the ones the article filter shows and the ones
`annotator list --search` prints.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import NewArticle
from annotator.core.text import canonicalise
from annotator.storage import open_store
from tests.gui.conftest import key, reader, type_text

pytestmark = pytest.mark.gui

FRAGMENTS = [
    "أعلنت الوزارة أن الطائرات وصلت إلى القاعدة.",
    "وقال المتحدث باسم وزارة الدفاع إن النقاش كان «مهنيا وبناء».",
    "استقال المدير بعد نشر المقال في الصحيفة.",
    "وبالوزارة اجتمع المسؤولون، وللوزارة رأي آخر.",
    "قال مسئول رفيع إن وزارتها لم تعلق على الخبر.",
    "أكّدت الوزارةُ أنّ الطّـــائراتِ حلّقت فوق حلب.",
    "Reuters: COVID-19 انتشر في ١٥ مدينة عام ٢٠٢٤.",
    "ونقلت وكالة\u00a0الأنباء عن مصادر قولها إن الاتفاق قريب.",
    "ﻻ تعليق لدى الحكومة على ما نشرته ﺍﻟﺼﺤﻒ.",
    "بلغت النسبة 85% في 11:00 يوم 15/03/2024.",
    "فالمسؤول قال: سنعلن القرار غدا 😀.",
    "المقالات الثلاث نشرت في ۲۰۲۵ وأثارت جدلا.",
    "وأضاف أن الوزارات كلها ستشارك في الاجتماع.",
    "كتب الصحفي مقالا عن استقالة الوزير.",
    "The U.S. officials said the talks were constructive.",
    "وقالت الحكومة في بيان إن «الطائرات الروسية والأمريكية» تدربت معا.",
]
ARTICLES = [
    f"{FRAGMENTS[k % 16]} {FRAGMENTS[(k * 7 + 3) % 16]} ({k})" if k < 16 else
    f"{FRAGMENTS[(k * 5 + 1) % 16]}\n{FRAGMENTS[k % 16]} {FRAGMENTS[(k + 9) % 16]} [{k}]"
    for k in range(32)
]  # fmt: skip
QUERIES = [
    "وزارة",
    "الوزارة",
    "قال",
    "مقال",
    "مسؤول",
    "الطائرات",
    "2024",
    "covid-19",
    "\ufefb",
    "وكالة الأنباء",
    '"مهنيا وبناء"',
    "85%",
    "الصحف",
    "officials",
]


def listed(db: Path, query: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "list", str(db), "--search", query],
        capture_output=True,
        text=True,
        check=True,
    )
    return {line.split(None, 3)[3] for line in result.stdout.splitlines()}


def test_find_filter_and_list_search_agree(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "corpus.db"
    with open_store(db) as store:
        ids = [
            store.add_article(NewArticle(text=canonicalise(text), title=f"a{n}"))[0]
            for n, text in enumerate(ARTICLES)
        ]
    assert len(set(ids)) == 32
    window = start(db, ids[0]).window
    view, bar, articles = window.view, window.find_bar, window.article_list
    agreeing = 0
    for query in QUERIES:
        # The article filter, typed as a user types it.
        articles.search.setFocus()
        articles.search.selectAll()
        key(articles.search, Qt.Key.Key_Delete)
        type_text(articles.search, query)
        key(articles.search, Qt.Key.Key_Return)
        model = articles.model
        while model.canFetchMore():
            model.fetchMore()
        filtered = {
            model.data(model.index(row, model.TITLE), Qt.ItemDataRole.DisplayRole)
            for row in range(model.rowCount())
        }
        # Ctrl+F in each article in turn, stepping with Ctrl+PgDown.
        window.open_article(ids[0])
        key(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        bar.field.selectAll()
        key(bar.field, Qt.Key.Key_Delete)
        type_text(bar.field, query)
        found = set()
        for n, article_id in enumerate(ids):
            assert window.annotating.article is not None
            assert window.annotating.article.id == article_id
            if window.finder.matches:
                found.add(f"a{n}")
            key(view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
            QApplication.processEvents()
        assert found == filtered == listed(db, query), query
        agreeing += bool(found)
    # The queries are not vacuous: most find something, and none finds everything.
    assert agreeing >= 12
    assert all(len(listed(db, q)) < 32 for q in ("قال", "مقال", "وزارة"))


def test_find_highlights_and_marks_the_whole_word(start, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "one.db"
    text = "قال المتحدث إن وبالوزارةِ اجتماعا، واستقال مدير وزارتها."
    with open_store(db) as store:
        article_id, _ = store.add_article(NewArticle(text=text, title="t"))
    window = start(db, article_id).window
    key(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(window.find_bar.field, "الوزارة")
    assert [text[s:e] for s, e in window.finder.matches] == ["وبالوزارةِ"]
    key(window.find_bar.field, Qt.Key.Key_Return)
    key(window.view, Qt.Key.Key_2)
    with reader(window) as store:
        [ann] = store.annotations(article_id)
    assert (ann.label, ann.text) == ("SOURCE", "وبالوزارةِ")
    window.find_bar.field.selectAll()
    type_text(window.find_bar.field, "قال")
    assert [text[s:e] for s, e in window.finder.matches] == ["قال"]  # not in «واستقال»
    window.find_bar.field.selectAll()
    type_text(window.find_bar.field, "وزارة")
    assert [text[s:e] for s, e in window.finder.matches] == ["وبالوزارةِ"]
    window.find_bar.suffixes.click()  # suffix mode: «وزارتها» too
    assert [text[s:e] for s, e in window.finder.matches] == ["وبالوزارةِ", "وزارتها"]
