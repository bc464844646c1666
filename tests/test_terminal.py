"""Terminal output cannot be hijacked: controls in titles, notes, texts, names and file
names are printed as visible escapes; Arabic, emoji, LRM and RLM are printed as they are."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.model import NewArticle
from annotator.core.terminal import printable
from annotator.storage import open_store

CLEAR = "\x1b[2J\x1b[H"
TITLE = "\x1b]0;pwned\x07"
CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4=\x07"
CONCEAL = "\x1b[8m"
CSI_8BIT = "\x9b2J"
OVERRIDE = "\u202e"
ATTACKS = [CLEAR, TITLE, CLIPBOARD, CONCEAL, CSI_8BIT, OVERRIDE, "\r", "\x08"]
# Characters a terminal may act on: C0 (but the line feed), DEL, C1, bidi overrides.
ACTIVE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ARABIC = "قال الوزير\u200f 😀 \u200eOK إن"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        capture_output=True,
        text=True,
        timeout=120,
        encoding="utf-8",
        errors="surrogateescape",
    )


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    db = tmp_path / "w.db"
    text = f"{ARABIC} {CLEAR}نص{CONCEAL}مخفي {CSI_8BIT}{OVERRIDE}عكس\nسطر ثان"
    with open_store(db) as store:
        article_id, _ = store.add_article(NewArticle(text=text, title=f"{TITLE}عنوان{CLEAR}"))
        store.create_annotation(
            article_id, "CLAIM", 0, 3, annotator=f"omar{CLIPBOARD}", note=f"{CLIPBOARD}ملاحظة\r"
        )
    return db


def _assert_safe(output: str) -> None:
    found = ACTIVE.findall(output)
    assert found == [], f"raw controls reach the terminal: {found!r}"


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--json"],
        ["list", "--visual"],
        ["show", "1"],
        ["show", "1", "--visual"],
        ["stats"],
        ["stats", "--json"],
        ["export", "-", "--format", "jsonl"],
    ],
)
def test_text_from_the_database_is_escaped(hostile_db: Path, args: list[str]) -> None:
    result = _run(args[0], str(hostile_db), *args[1:])
    assert result.returncode == 0, result.stderr
    if args[0] == "export":
        # Export output is data for a program, not text for a person: it stays exact.
        assert json.loads(result.stdout.splitlines()[0])["title"].startswith(TITLE)
        return
    _assert_safe(result.stdout + result.stderr)
    if args == ["show", "1"]:
        assert ARABIC[3:] in result.stdout and "سطر ثان" in result.stdout
        assert "\\x1b]0;pwned\\x07عنوان" in result.stdout
        assert "\\x1b]52;c;cm0gLXJmIH4=\\x07ملاحظة\\x0d" in result.stdout
        assert "\\x9b2J\\u202eعكس" in result.stdout
    if args == ["list", "--json"]:
        assert json.loads(result.stdout)["title"] == f"{TITLE}عنوان{CLEAR}"


def test_json_output_still_means_the_same(hostile_db: Path) -> None:
    result = _run("list", str(hostile_db), "--json")
    assert json.loads(result.stdout)["title"] == f"{TITLE}عنوان{CLEAR}"


def test_error_messages_and_skips_are_escaped(tmp_path: Path) -> None:
    folder = tmp_path / f"in{TITLE}"
    folder.mkdir()
    (folder / f"{CLEAR}.jsonl").write_text('{"text": 5}\n', encoding="utf-8")
    result = _run("import", str(tmp_path / "w.db"), str(folder))
    assert result.returncode == 1
    _assert_safe(result.stderr)
    assert "\\x1b]0;pwned\\x07" in result.stderr
    missing = _run("show", str(tmp_path / f"{CLEAR}nothing.db"), "1")
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
    _assert_safe(missing.stderr)
    assert "\\x1b[2J" in missing.stderr


def test_printable_keeps_arabic_emoji_and_marks() -> None:
    assert printable(ARABIC) == ARABIC
    assert printable("ZWNJ\u200c ZWJ\u200d ALM\u061c") == "ZWNJ\u200c ZWJ\u200d ALM\u061c"
    assert printable("a\nb\tc") == "a\\x0ab\\x09c"
    assert printable("a\nb\tc", multiline=True) == "a\nb\tc"
    assert printable("\udcff") == "\\udcff"


def test_agreement_and_merge_escape_names(hostile_db: Path, tmp_path: Path) -> None:
    with open_store(hostile_db) as store:
        store.create_annotation(1, "CLAIM", 0, 3, annotator=f"salma{TITLE}")
    agreement = _run("agreement", str(hostile_db))
    assert agreement.returncode == 0, agreement.stderr
    assert "salma\\x1b]0;pwned\\x07" in agreement.stdout
    merged = _run("merge", str(tmp_path / "m.db"), str(hostile_db))
    assert merged.returncode == 0, merged.stderr
    for result in (agreement, merged):
        _assert_safe(result.stdout + result.stderr)
