"""Decoding never guesses wrong in silence: damaged UTF-8, cp1256, ISO-8859-6, UTF-16."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.text import decode_bytes
from annotator.formats.importer import import_paths
from annotator.storage import Store, open_store

# A news paragraph written for these tests: reporting verbs, a source, a relay, a hedge,
# Arabic punctuation (، ؛ ؟) and the letters where the legacy code pages differ (ف ق ك
# ل م ن ه و ى ي).
NEWS = (
    "قال المتحدث باسم وزارة الخارجية في مؤتمر صحفي عقده صباح اليوم إن المفاوضات "
    "بين الطرفين ما زالت مستمرة، مضيفاً أن الوفد سيعود إلى العاصمة الأسبوع المقبل.\n"
    "ونقلت وكالة الأنباء عن مصدر مطلع قوله إن الاتفاق النهائي قد يوقع قبل نهاية الشهر؛ "
    "فيما نفى مسؤول آخر طلب عدم الكشف عن هويته وجود أي خلافات جوهرية؟ "
    "وأكدت الوزارة في بيان لاحق أنها لن تعلق على ما يتداوله الإعلام.\n"
)


def _damaged(text: str, bad_at: list[int]) -> bytes:
    """UTF-8 of ``text`` with a stray 0xFF byte put in after each given character."""
    data = bytearray()
    for n, char in enumerate(text):
        data += char.encode("utf-8")
        if n in bad_at:
            data += b"\xff"
    return bytes(data)


def _import(db: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", "import", str(db), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _texts(db: Path) -> list[str]:
    with open_store(db, readonly=True) as store:
        return [store.article_text(i) for i in store.article_ids()]


def test_damaged_utf8_txt_is_refused_with_offset_and_flag(tmp_path: Path) -> None:
    data = _damaged(NEWS * 4, [700])
    (tmp_path / "news.txt").write_bytes(data)
    result = _import(tmp_path / "w.db", tmp_path / "news.txt")
    assert result.returncode == 1
    offset = data.index(b"\xff")
    lines = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert f"not valid UTF-8 at byte {offset}" in lines[0] and "--encoding" in lines[0]
    assert "news.txt" in lines[0]
    assert _texts(tmp_path / "w.db") == []


def test_damaged_utf8_is_never_read_as_cp1256() -> None:
    with pytest.raises(InputError, match="damaged UTF-8"):
        decode_bytes(_damaged(NEWS, [10, 200, 400]), where="x.txt")
    # Only two words, one bad byte: still damaged UTF-8.
    with pytest.raises(InputError, match="at byte 6"):
        decode_bytes(_damaged("قال إن", [2]), where="x.txt")


def test_real_cp1256_and_iso_8859_6_import_exactly(tmp_path: Path) -> None:
    (tmp_path / "win.txt").write_bytes(NEWS.encode("cp1256"))
    other = NEWS.replace("مطلع", "موثوق")
    (tmp_path / "iso.txt").write_bytes(other.encode("iso8859_6"))
    result = _import(tmp_path / "w.db", tmp_path / "win.txt", tmp_path / "iso.txt")
    assert result.returncode == 0, result.stderr
    assert sorted(_texts(tmp_path / "w.db")) == sorted([NEWS, other])
    with open_store(tmp_path / "w.db", readonly=True) as store:
        encodings = {store.article(i).meta["encoding"] for i in store.article_ids()}
    assert encodings == {"cp1256", "iso8859_6"}


def test_short_legacy_texts() -> None:
    assert decode_bytes("نعم، قال".encode("cp1256")).text == "نعم، قال"
    # ISO-8859-6 has no ف ق ك in the places cp1256 has them: a sentence is enough.
    sentence = "وقالت الهيئة إن موعد الانتخابات لم يحدد بعد"
    assert decode_bytes(sentence.encode("iso8859_6")) == decode_bytes(
        sentence.encode("iso8859_6"), "iso8859_6"
    )
    assert decode_bytes(sentence.encode("iso8859_6")).text == sentence


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [NEWS, "Only Latin words in this file.\n"])
def test_utf16_without_bom_names_the_flag(tmp_path: Path, codec: str, text: str) -> None:
    for suffix in (".txt", ".jsonl", ".csv"):
        body = json.dumps({"text": text}) + "\n" if suffix == ".jsonl" else text
        if suffix == ".csv":
            body = "text\n" + json.dumps(text) + "\n"
        path = tmp_path / f"a{suffix}"
        path.write_bytes(body.encode(codec))
        result = _import(tmp_path / "w.db", path)
        assert result.returncode == 1
        skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
        assert skipped == [
            f"skipped: {path}: looks like UTF-16 without a byte order mark; use --encoding {codec}"
        ]
    # With the flag it imports.
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(codec))
    ok = subprocess.run(
        [sys.executable, "-m", "annotator", "import", str(tmp_path / "w.db"), str(path)]
        + ["--encoding", codec],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert _texts(tmp_path / "w.db") == [text]


def test_jsonl_damaged_line_is_refused_alone(store: Store, tmp_path: Path) -> None:
    good = [json.dumps({"text": NEWS + str(n)}, ensure_ascii=False).encode() for n in range(3)]
    bad = _damaged(json.dumps({"text": NEWS}, ensure_ascii=False), [90])
    cp1256 = json.dumps({"text": "قال الوزير"}, ensure_ascii=False).encode("cp1256")
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\n".join([good[0], bad, good[1], cp1256, good[2]]) + b"\n")
    report = import_paths(store, [path])
    assert [s.where for s in report.skipped] == [f"{path}:2"]
    assert "not valid UTF-8 at byte" in report.skipped[0].reason
    assert "--encoding" in report.skipped[0].reason
    texts = [store.article_text(i) for i in store.article_ids()]
    assert texts == [NEWS + "0", NEWS + "1", "قال الوزير", NEWS + "2"]


ONE_LINE = NEWS.replace("\n", " ").strip()


def _csv_rows(n: int) -> list[str]:
    return [f'"عنوان {i}","{ONE_LINE} {i}"' for i in range(n)]


def test_csv_bad_byte_after_the_first_megabyte(store: Store, tmp_path: Path) -> None:
    rows = _csv_rows(2000)  # one line each
    body = ("title,text\n" + "\n".join(rows) + "\n").encode("utf-8")
    assert len(body) > 1_200_000
    # One bad byte in row 1800 (line 1802 of the file), well past the first megabyte.
    line_start = body.index(rows[1800].encode("utf-8"))
    cut = line_start + 40
    while body[cut] & 0xC0 == 0x80:
        cut += 1
    damaged = body[:cut] + b"\xff" + body[cut:]
    path = tmp_path / "big.csv"
    path.write_bytes(damaged)
    report = import_paths(store, [path])
    assert [s.where for s in report.skipped] == [f"{path}:1802"]
    assert f"byte {cut}" in report.skipped[0].reason
    assert len(report.imported) == 1999
    texts = {store.article_text(i) for i in store.article_ids()}
    assert f"{ONE_LINE} 1800" not in texts and f"{ONE_LINE} 1999" in texts
    assert all("\ufffd" not in t and "Ø" not in t for t in texts)


def test_csv_in_cp1256_past_the_first_megabyte_of_ascii(store: Store, tmp_path: Path) -> None:
    """The encoding is judged over the whole file: pure ASCII first, cp1256 later."""
    head = [f'"title {i}","plain ascii text number {i} ' + "x" * 60 + '"' for i in range(15000)]
    tail = _csv_rows(20)
    body = ("title,text\n" + "\n".join(head) + "\n").encode() + ("\n".join(tail) + "\n").encode(
        "cp1256"
    )
    assert body.index(tail[0].encode("cp1256")) > 1024 * 1024
    path = tmp_path / "legacy.csv"
    path.write_bytes(body)
    report = import_paths(store, [path])
    assert report.ok and len(report.imported) == 15020
    assert store.article_text(report.imported[-1][0]) == f"{ONE_LINE} 19"


def test_utf16_jsonl_lines_obey_the_article_limit(store: Store, tmp_path: Path) -> None:
    from annotator.core.records import MAX_ARTICLE_BYTES

    huge = "نص " * (MAX_ARTICLE_BYTES // 6 + 10)  # over the limit in UTF-16 bytes
    assert len(huge.encode("utf-16-le")) > MAX_ARTICLE_BYTES
    lines = [
        json.dumps({"text": "قال الوزير"}, ensure_ascii=False),
        json.dumps({"text": huge}, ensure_ascii=False),
        json.dumps({"text": "أكدت الوزارة"}, ensure_ascii=False),
    ]
    path = tmp_path / "wide.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-16"))
    report = import_paths(store, [path])
    assert [str(s) for s in report.skipped] == [
        f"{path}:2: line longer than the {MAX_ARTICLE_BYTES:,}-byte limit for one article"
    ]
    assert [store.article_text(i) for i in store.article_ids()] == ["قال الوزير", "أكدت الوزارة"]
