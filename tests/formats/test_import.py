"""Importing files: encodings, formats, duplicates, and bad input skipped with a reason."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

from annotator.core.text import sha256_hex
from annotator.formats.importer import ImportOptions, import_paths
from annotator.paths import sample_paths
from annotator.storage import Store

ARABIC = "قال المتحدث باسم البنتاغون بيتر كوك إن النقاش كان «مهنيا وبناء»."


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _texts(store: Store) -> list[str]:
    return [store.article_text(i) for i in store.article_ids()]


def test_samples_import(store: Store) -> None:
    report = import_paths(store, sample_paths())
    assert len(report.imported) == 2 and report.ok
    titles = [s.title for s in store.summaries()]
    assert titles == ["joint-air-drills-syria", "syrian-telegraph-air-coordination"]
    article = store.article(report.imported[0][0])
    assert article.meta == {
        "file": "joint-air-drills-syria.txt",
        "encoding": "utf-8",
        "presentation_forms_folded": True,
    }


def test_crlf_file_offsets_point_at_what_was_seen(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "crlf.txt", "سطر أول\r\n\r\nقال الوزير 😀 نعم\r\n".encode())
    report = import_paths(store, [path])
    text = store.article_text(report.imported[0][0])
    assert text == "سطر أول\n\nقال الوزير 😀 نعم\n"
    start = text.index("الوزير")
    ann = store.create_annotation(report.imported[0][0], "SOURCE", start, start + 6)
    assert ann.text == "الوزير"


def test_encodings(store: Store, tmp_path: Path) -> None:
    files = [
        _write(tmp_path / "a.txt", ARABIC.encode("utf-8")),
        _write(tmp_path / "b.txt", codecs.BOM_UTF8 + (ARABIC + " ب").encode("utf-8")),
        _write(tmp_path / "c.txt", codecs.BOM_UTF16_LE + (ARABIC + " ج").encode("utf-16-le")),
        _write(tmp_path / "d.txt", (ARABIC + " د").encode("cp1256")),
    ]
    report = import_paths(store, files)
    assert report.ok and len(report.imported) == 4
    assert _texts(store) == [ARABIC, ARABIC + " ب", ARABIC + " ج", ARABIC + " د"]
    assert [store.article(i).meta["encoding"] for i, _ in report.imported] == [
        "utf-8",
        "utf-8-sig",
        "utf-16",
        "cp1256",
    ]


def test_encoding_override(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "latin.txt", "Ünïcödé news".encode("latin-1"))
    report = import_paths(store, [path], ImportOptions(encoding="latin-1"))
    assert _texts(store) == ["Ünïcödé news"] and report.ok


def test_presentation_forms_folding_is_recorded_and_can_be_off(
    store: Store, tmp_path: Path
) -> None:
    folded = import_paths(store, [_write(tmp_path / "p.txt", "\ufefb\ufe8f")])
    kept = import_paths(
        store,
        [_write(tmp_path / "q.txt", "\ufefb\ufe8f\ufe8f")],
        ImportOptions(fold_presentation=False),
    )
    assert store.article_text(folded.imported[0][0]) == "لاب"
    assert store.article(folded.imported[0][0]).meta["presentation_forms_folded"] is True
    assert store.article_text(kept.imported[0][0]) == "\ufefb\ufe8f\ufe8f"
    assert store.article(kept.imported[0][0]).meta["presentation_forms_folded"] is False


def test_folders_are_read_recursively(store: Store, tmp_path: Path) -> None:
    _write(tmp_path / "corpus" / "a.txt", "مقال أ")
    _write(tmp_path / "corpus" / "2015" / "11" / "b.txt", "مقال ب")
    _write(
        tmp_path / "corpus" / "2015" / "c.jsonl", json.dumps({"text": "مقال ج"}, ensure_ascii=False)
    )
    _write(tmp_path / "corpus" / "notes.md", "# not an article")
    _write(tmp_path / "corpus" / ".hidden" / "d.txt", "مخفي")
    report = import_paths(store, [tmp_path / "corpus"])
    assert sorted(_texts(store)) == sorted(["مقال أ", "مقال ب", "مقال ج"])
    assert report.ignored == [str(tmp_path / "corpus" / "notes.md")]


def test_jsonl_fields_and_metadata(store: Store, tmp_path: Path) -> None:
    line = {
        "id": "afp-17",
        "title": "عنوان",
        "source": "AFP",
        "url": "https://x/1",
        "published": "2015-11-03",
        "text": ARABIC,
        "section": "world",
        "tags": ["syria"],
    }
    report = import_paths(
        store, [_write(tmp_path / "a.jsonl", json.dumps(line, ensure_ascii=False) + "\n")]
    )
    article = store.article(report.imported[0][0])
    assert (article.title, article.source, article.url, article.published) == (
        "عنوان",
        "AFP",
        "https://x/1",
        "2015-11-03",
    )
    assert article.meta == {
        "id": "afp-17",
        "section": "world",
        "tags": ["syria"],
        "presentation_forms_folded": True,
    }


def test_bad_jsonl_lines_are_skipped_with_file_and_line(store: Store, tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "جيد أول"}, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "no text"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"text": ""}),
        json.dumps({"text": 42}),
        json.dumps({"text": "جيد ثان"}, ensure_ascii=False),
    ]
    path = _write(tmp_path / "mixed.jsonl", "\n".join(lines) + "\n")
    report = import_paths(store, [path])
    assert sorted(_texts(store)) == sorted(["جيد أول", "جيد ثان"])
    reasons = [str(s) for s in report.skipped]
    assert reasons == [
        f"{path}:2: malformed JSON (Expecting property name enclosed in double quotes at column 2)",
        f"{path}:3: missing text",
        f"{path}:5: expected a JSON object, got list",
        f"{path}:6: empty text",
        f"{path}:7: text must be a string, not int",
    ]
    assert not report.ok


def test_native_jsonl_lines_bring_their_annotations(store: Store, tmp_path: Path) -> None:
    text = "قال بيتر كوك 😀 إن النقاش كان مهنيا."
    src = (text.index("بيتر"), text.index("بيتر") + 8)
    claim = (text.index("إن"), text.index("."))
    line = {
        "title": "t",
        "text": text,
        "status": "done",
        "meta": {"k": "v"},
        "offsets": "codepoint",
        "text_sha256": sha256_hex(text),
        "annotations": [
            {
                "id": 31,
                "label": "SOURCE",
                "start": src[0],
                "end": src[1],
                "text": text[slice(*src)],
                "annotator": "salma",
                "created": "2026-11-21T10:00:00Z",
                "modified": "2026-11-21T10:02:00Z",
            },
            {
                "id": 32,
                "label": "CLAIM",
                "start": claim[0],
                "end": claim[1],
                "text": text[slice(*claim)],
                "attributes": {"claim_type": "factual"},
                "note": "ن",
                "annotator": "salma",
            },
        ],
        "relations": [
            {"id": 4, "type": "ATTRIBUTED_TO", "from": 32, "to": 31, "annotator": "salma"}
        ],
    }
    report = import_paths(
        store, [_write(tmp_path / "n.jsonl", json.dumps(line, ensure_ascii=False))]
    )
    assert report.ok and report.annotations == 2 and report.relations == 1
    aid = report.imported[0][0]
    anns = store.annotations(aid)
    assert [(a.label, a.text) for a in anns] == [
        ("SOURCE", "بيتر كوك"),
        ("CLAIM", "إن النقاش كان مهنيا"),
    ]
    assert anns[0].created == "2026-11-21T10:00:00Z" and anns[1].attributes == {
        "claim_type": "factual"
    }
    rel = store.relations(aid)[0]
    assert (rel.from_id, rel.to_id) == (anns[1].id, anns[0].id)
    assert store.article(aid).status == "done"
    assert store.article(aid).meta == {"k": "v", "presentation_forms_folded": True}


def test_a_native_line_whose_annotation_text_does_not_match_is_rejected_whole(
    store: Store, tmp_path: Path
) -> None:
    text = "قال بيتر كوك"
    line = {
        "text": text,
        "annotations": [
            {"label": "SOURCE", "start": 4, "end": 12, "text": "بيتر كوك"},
            {"label": "SOURCE", "start": 0, "end": 3, "text": "قول"},
        ],
    }
    path = _write(tmp_path / "n.jsonl", json.dumps(line, ensure_ascii=False))
    report = import_paths(store, [path])
    assert store.count_articles() == 0
    assert (
        "annotation 2 (SOURCE 0-3): its text 'قول' does not match the article text there ('قال')"
        in str(report.skipped[0])
    )


def test_a_native_line_with_an_unknown_label_leaves_nothing_behind(
    store: Store, tmp_path: Path
) -> None:
    line = {
        "text": "قال بيتر",
        "annotations": [{"label": "PERSON", "start": 4, "end": 8, "text": "بيتر"}],
    }
    report = import_paths(
        store, [_write(tmp_path / "n.jsonl", json.dumps(line, ensure_ascii=False))]
    )
    assert store.count_articles() == 0
    assert "unknown label 'PERSON'" in str(report.skipped[0])


def test_csv_with_column_names(store: Store, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "a.csv", 'headline,body,source,desk\nعنوان,"نص، مع فاصلة\nوسطر",AFP,world\n'
    )
    report = import_paths(store, [path], ImportOptions(text_column="body", title_column="headline"))
    article = store.article(report.imported[0][0])
    assert (
        article.text == "نص، مع فاصلة\nوسطر"
        and article.title == "عنوان"
        and article.source == "AFP"
    )
    assert article.meta["desk"] == "world"


def test_csv_without_the_text_column_is_refused_with_the_columns(
    store: Store, tmp_path: Path
) -> None:
    path = _write(tmp_path / "a.csv", "headline,body\nx,y\n")
    report = import_paths(store, [path])
    assert str(report.skipped[0]) == (
        f"{path}: no 'text' column (columns: headline, body); "
        "name the text column with --text-column"
    )


def test_csv_bad_rows_are_skipped_by_line(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", "title,text\nأ,نص أول\nب,\nج,نص,زائد\nد,نص رابع\n")
    report = import_paths(store, [path])
    assert sorted(_texts(store)) == sorted(["نص أول", "نص رابع"])
    assert [str(s) for s in report.skipped] == [
        f"{path}:3: empty text",
        f"{path}:4: has 3 cells, the header has 2",
    ]


def test_csv_in_cp1256(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", "title,text\nعنوان,نص قديم\n".encode("cp1256"))
    import_paths(store, [path])
    assert _texts(store) == ["نص قديم"]


def test_bad_files_are_skipped_and_the_rest_imported(store: Store, tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", ARABIC)
    empty = _write(tmp_path / "empty.txt", b"")
    blank = _write(tmp_path / "blank.txt", b"  \n\r\n ")
    binary = _write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    undecodable = _write(tmp_path / "bad.txt", "\u0100".encode("utf-16-le"))
    missing = tmp_path / "missing.txt"
    report = import_paths(
        store, [good, empty, blank, binary, undecodable, missing], ImportOptions()
    )
    assert _texts(store) == [ARABIC]
    reasons = {s.where: s.reason for s in report.skipped}
    assert reasons[str(empty)] == "empty file"
    assert reasons[str(blank)] == "empty file"
    assert reasons[str(binary)].startswith("binary file")
    assert reasons[str(undecodable)].startswith("binary file")
    assert reasons[str(missing)] == "no such file or folder"


def test_undecodable_with_forced_encoding(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "x.txt", ARABIC.encode("cp1256"))
    report = import_paths(store, [path], ImportOptions(encoding="utf-8"))
    assert report.skipped[0].reason.startswith("cannot be decoded as utf-8")
    assert store.count_articles() == 0


def test_duplicates_are_reported_not_stored(store: Store, tmp_path: Path) -> None:
    a = _write(tmp_path / "a.txt", ARABIC)
    b = _write(tmp_path / "b.txt", codecs.BOM_UTF8 + ARABIC.encode("utf-8"))
    c = _write(tmp_path / "c.txt", codecs.BOM_UTF8 + ARABIC.encode("utf-8") + b"\r\n")
    first = import_paths(store, [a])
    again = import_paths(store, [a, b, c])
    assert store.count_articles() == 2  # c differs only by its trailing line break
    assert again.duplicates == [(first.imported[0][0], str(a)), (first.imported[0][0], str(b))]
    assert [w for _, w in again.imported] == [str(c)]


def test_an_import_can_be_cancelled_and_keeps_what_was_done(store: Store, tmp_path: Path) -> None:
    paths = [_write(tmp_path / f"{n}.txt", f"مقال {n}") for n in range(10)]
    seen: list[int] = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return len(seen) < 4

    report = import_paths(store, paths, progress=progress)
    assert report.cancelled and store.count_articles() == 4 == len(report.imported)
