"""`show --visual`: each diacritic stays after its letter, markers stay with their span,
checked by hand and against FriBidi (Debian's libfribidi-bin) where it is installed."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli, display_form
from annotator.core.model import NewArticle
from annotator.core.visual import visual
from annotator.paths import sample_paths
from annotator.storage import open_store

FRIBIDI = shutil.which("fribidi")
needs_fribidi = pytest.mark.skipif(
    FRIBIDI is None, reason="the fribidi command (Debian's libfribidi-bin) is not installed"
)

TEXT = (
    "حلّقت الطائراتُ فوق حلب.\n"
    "قال Peter Cook إن المسافة 5.5 كم (تقريبا) في 11:00.\n"
    "Reuters: نقلت وكالة «رويترز» عن مسؤولين أمريكيين قولهم إن النقاش كان «مهنيا وبناء».\n"
    "وبلغت النسبة ٨٥٪ عام 2024، وفقا لتقرير [سري]."
)


def base_letters(text: str) -> str:
    """Presentation forms back to letters, one character at a time (order kept)."""
    return "".join(
        unicodedata.normalize("NFKC", ch) if 0xFB50 <= ord(ch) <= 0xFEFC else ch for ch in text
    )


def test_each_diacritic_follows_its_letter() -> None:
    shown = base_letters(display_form("حلّقت"))
    # Visual order is right to left reversed: ت ق ل ّ ح, the shadda right after the lam.
    assert shown == "تقلّح"
    shown = base_letters(display_form("الطائراتُ"))
    assert shown.startswith("تُ")


def test_latin_and_numbers_keep_their_order_inside_arabic() -> None:
    assert base_letters(visual("قال Peter Cook إن")) == "نإ Peter Cook لاق"
    assert base_letters(visual("المسافة 5.5 كم")) == "مك 5.5 ةفاسملا"
    assert base_letters(visual("في 11:00 يوم 15/03/2024")) == "15/03/2024 موي 11:00 يف"
    # Brackets are mirrored in right-to-left text: «(تقريبا)» reads correctly.
    assert visual("كم (تقريبا)") == "(ابيرقت) مك"
    assert visual("Latin (text) only") == "Latin (text) only"


def annotated(tmp_path: Path) -> Path:
    db = tmp_path / "v.db"
    with open_store(db) as store:
        article_id, _ = store.add_article(NewArticle(text=TEXT, title="عنوان"))
        for part, label in (("Peter Cook", "SOURCE"), ("قال", "CUE"), ("حلّقت الطائراتُ", "CLAIM")):
            start = TEXT.index(part)
            store.create_annotation(article_id, label, start, start + len(part), "s")
    return db


def test_markers_stay_with_their_span(tmp_path: Path) -> None:
    db = annotated(tmp_path)
    result = CliRunner().invoke(cli, ["show", str(db), "1", "--visual"])
    assert result.exit_code == 0, result.output
    lines = [base_letters(line) for line in result.output.splitlines()]
    second = next(line for line in lines if "Peter" in line)
    assert "[Peter Cook]3" in second  # not «Peter Cook]3]» nor «3 Cook[Peter]»
    # The cue «قال»: brackets mirrored, its number on the left, where a right-to-left
    # reader ends it.
    assert "2[لاق]" in second
    first = next(line for line in lines if "بلح" in line)
    # The claim «حلّقت الطائراتُ», marks after their letters, its number at its end.
    assert first.endswith("1[تُارئاطلا تقلّح]")
    assert not any(ch in "\u2066\u2067\u2068\u2069\u200e\u200f" for ch in result.output)
    plain = CliRunner().invoke(cli, ["show", str(db), "1"]).output
    assert "[قال]2 [Peter Cook]3" in plain and "\u2068" not in plain


def _fribidi(lines: list[str]) -> list[str]:
    assert FRIBIDI is not None
    out = subprocess.run(
        [FRIBIDI, "--nopad", "--nobreak", "--reordernsm", "--clean"],
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.split("\n")[: len(lines)]


def _shaped(text: str) -> list[str]:
    import arabic_reshaper

    reshaper = arabic_reshaper.ArabicReshaper(
        configuration={"delete_harakat": False, "support_ligatures": True}
    )
    return [reshaper.reshape(line) for line in text.split("\n") if line.strip()]


@needs_fribidi
def test_every_sample_line_as_fribidi_orders_it() -> None:
    lines = [line for p in sample_paths() for line in _shaped(p.read_text(encoding="utf-8"))]
    lines += _shaped(TEXT)
    assert len(lines) >= 40
    ours = [visual(line) for line in lines]
    agree = sum(a == b for a, b in zip(ours, _fribidi(lines), strict=True))
    assert agree == len(lines)


@needs_fribidi
def test_marked_lines_as_fribidi_orders_them(tmp_path: Path) -> None:
    from annotator.cli import mark_text

    db = annotated(tmp_path)
    with open_store(db, readonly=True) as store:
        marked = mark_text(TEXT, store.annotations(1), isolate=True)
    lines = _shaped(marked)
    assert [visual(line) for line in lines] == _fribidi(lines)


@needs_fribidi
def test_mixed_lines_of_many_kinds_as_fribidi_orders_them() -> None:
    lines = [
        "abc (def [ghi] عربي) 12-3 +5 $4 ٣٤٥",
        "(عربي [Latin] abc)",
        "قال «مهنيا وبناء» 1,250 د. أحمد",
        "1. البند الأول: 50% من «الميزانية»",
        "سعر الدولار $3.50 أو ٣٫٥٠ دولار",
        "The ministry said: «لا تعليق» (no comment).",
        "ﻻ تعليق\u200f! «كذا»؟",
        "\u2068[قال]1\u2069 \u2068[Peter Cook]2\u2069 إن",
        "a\u0301b عربيَّة c\u0301",
        "\tمسافة\t5 كم\t",
    ]
    shaped = [_shaped(line)[0] for line in lines]
    assert [visual(line) for line in shaped] == _fribidi(shaped)
