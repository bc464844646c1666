"""`annotator list --search` as a user runs it: a real process over a real file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.model import NewArticle
from annotator.storage import open_store

TEXTS = {
    "bare": "قالت وزارة الخارجية إن الاجتماع انتهى.",
    "article": "أعلنت الوزارة أن الطائرات وصلت.",
    "prefixed": "وبالوزارة اجتمع المسؤولون، وللوزارة رأي آخر.",
    "suffix": "قال مصدر إن وزارتها لم تعلق.",
    "inside": "استقال المدير ونشر المقال.",
    "pdf": "لا تعليق لدى مسئول\u00a0رفيع.",
    "digits": "في عام ٢٠٢٤ وقعت الحادثة.",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "search.db"
    with open_store(path) as store:
        for name, text in TEXTS.items():
            store.add_article(NewArticle(text=text, title=name))
    return path


def titles(db: Path, *args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "list", str(db), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return [line.split(None, 3)[3] for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    "query, stem, expected",
    [
        ("وزارة", False, ["bare", "article", "prefixed"]),
        ("الوزارة", False, ["bare", "article", "prefixed"]),
        ("وزارة", True, ["bare", "article", "prefixed", "suffix"]),
        ("قال", False, ["suffix"]),
        ("\ufefb", False, ["pdf"]),  # ﻻ pasted from a PDF
        ("مسؤول رفيع", False, ["pdf"]),
        ('"مسئول رفيع"', False, ["pdf"]),
        ("2024", False, ["digits"]),
        ("غائب", False, []),
    ],
)
def test_list_search(db: Path, query: str, stem: bool, expected: list[str]) -> None:
    assert titles(db, "--search", query, *(["--stem"] if stem else [])) == expected
