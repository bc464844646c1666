"""The one matcher: words with proclitics, folding, phrases, suffix mode, highlighting.

Each row of the README's search table is a case of test_readme_table.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.search import Matcher, fold, fold_with_map, index_form, parse_query
from annotator.core.text import canonicalise

TEXT = (
    "أعلنت الوزارة أن والوزارة وبالوزارة وللوزارة وكالوزارة فالوزارة ووزارة لم تستقل. "
    "استقال المدير، وقال المقال إن قال لقال.\u00a0مسئول\u00a0ومسؤولة في ٢٠٢٤ و۲۰۲۵ و2026 "
    "ویقول کتاب COVID-19 انتشر، وزارتها ووزاراتهم الوزارات ﴿الحمد﴾ لله؍ وزير "
    "الطّـــائرةُ «مهنيا وبناء» نبيل‌الدين"
)


def found(query: str, text: str = TEXT, stem: bool = False) -> list[str]:
    return [text[s:e] for s, e in Matcher(query, stem).matches(text)]


README = Path(__file__).resolve().parents[2] / "README.md"


def readme_table() -> list[tuple[str, bool, list[str], list[str]]]:
    """The README's table of queries: (query, --stem, finds, never finds)."""
    text = README.read_text(encoding="utf-8")
    start = text.index("| query | finds | never finds | why |")
    rows = []
    for line in text[start:].split("\n")[2:]:
        if not line.startswith("|"):
            break
        query_cell, finds, never, _why = (c.strip() for c in line.strip("|").split("|"))
        query = query_cell.split("`")[1]
        words = [w.strip() for w in finds.split("،") if w.strip()]
        absent = [w.strip() for w in never.split("،") if w.strip()]
        rows.append((query, "--stem" in query_cell, words, absent))
    return rows


@pytest.mark.parametrize("query, stem, finds, never", readme_table(), ids=lambda v: str(v))
def test_readme_table(query: str, stem: bool, finds: list[str], never: list[str]) -> None:
    got = found(query, stem=stem)
    assert got == finds
    for word in never:
        assert word in TEXT and word not in got


def test_the_readme_table_is_long_enough() -> None:
    assert len(readme_table()) >= 20


def test_never_inside_another_word() -> None:
    for word in ("قال", "مقال", "وزير", "دين"):
        for s, e in Matcher(word).matches(TEXT):
            before = TEXT[s - 1] if s else " "
            after = TEXT[e] if e < len(TEXT) else " "
            assert not before.isalpha() and not after.isalpha(), TEXT[s - 3 : e + 3]
    assert found("تقل") == [] and found("ستقال") == [] and found("دير") == []


def test_prefixes_leave_at_least_two_letters() -> None:
    # «وه» is not و + ه: a one-letter query word matches only itself.
    assert found("ه", "وه ه") == ["ه"]
    assert found("ال", "وال ال") == ["وال", "ال"]
    # «اللا» keeps its article: «لا» would be a different word.
    assert found("الا", "لا الا") == ["الا"]


def test_nbsp_is_a_space_and_zwnj_is_dropped() -> None:
    text = "قال\u00a0المتحدث بـ\u200cالوزارة"
    assert found("المتحدث", text) == ["المتحدث"]
    assert found('"قال المتحدث"', text) == ["قال\u00a0المتحدث"]
    assert found("الوزارة", text) == ["بـ\u200cالوزارة"]


def test_a_pasted_query_is_canonicalised_like_a_text() -> None:
    text = canonicalise("لا تقل ذلك\nقال")
    assert found("\ufefb", text) == ["لا"]  # ﻻ, the lam-alef ligature from a PDF
    assert found("ﻻ\r\nتقل", text) == ["لا", "تقل"]
    assert found("\u0644\u0627\u0653", "ﻵ") == []  # the query is folded; the text is stored


def test_highlight_covers_the_whole_word_and_its_last_diacritics() -> None:
    text = "قالَ الطّائرةُ، والطائرةَّ."
    assert found("طائرة", text) == ["الطّائرةُ", "والطائرةَّ"]


def test_every_word_must_occur() -> None:
    assert found("قال وزير") == ["وقال", "قال", "لقال", "وزير"]
    assert found("قال غائب") == []
    assert parse_query(" ، . ") is None and Matcher("ّ").matches(TEXT) == []


def test_phrases_follow_each_other() -> None:
    assert found('"مهنيا وبناء"') == ["مهنيا وبناء"]
    assert found('"وبناء مهنيا"') == []
    assert found("«مهنيا وبناء»") == ["مهنيا وبناء"]


@given(st.text(alphabet=list("قالأإآىیکؤئةٌَّ ـ\u200c\u00a0٢2،.😀Ab\u0301"), max_size=30))
def test_folding_with_a_map_is_folding(text: str) -> None:
    folded, origin = fold_with_map(text)
    assert folded == fold(text)
    assert len(origin) == len(folded) + 1 and origin[-1] == len(text)
    assert all(0 <= o < len(text) for o in origin[:-1]) and origin[:-1] == sorted(origin[:-1])


@given(st.text(alphabet=list("والبكفقزرهة ،."), max_size=40), st.sampled_from(["وزارة", "قال"]))
def test_the_index_holds_every_matching_word(text: str, query: str) -> None:
    parsed = parse_query(query)
    assert parsed is not None
    indexed = set(index_form(text).split())
    (term,) = parsed.index_match().replace('"', "").split()
    assert (term in indexed) == bool(Matcher(query).matches(text))


def test_presentation_forms_of_diacritics_fold_onto_their_letter() -> None:
    # Isolated (U+FE76) and medial (U+FE77) fatha, isolated shadda, a shadda ligature.
    assert canonicalise("ب\ufe76") == "بَ"
    assert canonicalise("ب\ufe77ت") == "بَت"
    assert canonicalise("م\ufe7cـ") == "مّـ"
    assert canonicalise("ن\ufc5e") == canonicalise("ن\u064c\u0651")
    assert canonicalise("\ufefb\ufe8e") == "لاا"  # letters still fold as before
    assert found("بت", canonicalise("ب\ufe77ت")) == ["بَت"]
