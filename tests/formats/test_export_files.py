"""Where exports go: safe file names, atomic writes, refusing to overwrite, cancelling."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from annotator.core.errors import InvariantError
from annotator.core.model import NewArticle
from annotator.formats import export as export_module
from annotator.formats.base import safe_name, title_from_stem
from annotator.formats.export import ExportError, ExportFilter, export
from annotator.storage import Store, open_store

NASTY_TITLES = [
    "../../x",
    "..\\..\\x",
    "con",
    "CON.txt",
    "nul",
    ".hidden",
    "...",
    "/etc/passwd",
    "a\x00b\x1fc",
    "",
    "\u200f\u202eRTL override",
    "َشكل",
    "بيان البنتاغون: 5.5 كم",
    "x" * 300,
]


@pytest.mark.parametrize("title", NASTY_TITLES)
def test_safe_name(title: str) -> None:
    name = safe_name(7, title)
    assert name.startswith("000007")
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".") and not name.endswith((".", " "))
    assert all(ch.isprintable() for ch in name)
    assert len(name.encode("utf-8")) < 200
    stem = name.split(".")[0].lower()
    assert stem not in {"con", "nul", "prn", "aux", "com1", "lpt1"}


def test_safe_name_keeps_arabic_and_digits() -> None:
    assert safe_name(1, "بيان البنتاغون: 5.5 كم") == "000001-بيان-البنتاغون-5-5-كم"
    assert title_from_stem("000001-بيان-البنتاغون-5-5-كم") == "بيان-البنتاغون-5-5-كم"
    assert title_from_stem("report") == "report"


@pytest.mark.parametrize("fmt", ["brat", "xmi"])
def test_folder_exports_stay_inside_out(fmt: str, store: Store, tmp_path: Path) -> None:
    for n, title in enumerate(NASTY_TITLES):
        store.add_article(NewArticle(text=f"نص رقم {n} 😀.", title=title))
    out = tmp_path / "deep" / "out"
    out.parent.mkdir()
    export(store, out, fmt)
    everything = [p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()]
    written = sorted(p for p in everything if not p.name.startswith("work.db"))
    assert all(p.parts[:2] == ("deep", "out") for p in written), written
    suffix = ".xmi" if fmt == "xmi" else ".txt"
    assert len([p for p in written if p.suffix == suffix]) == len(NASTY_TITLES)
    assert not any(p.name.startswith(".") for p in written)
    assert {"000001-x", "000003-con", "000004-CON-txt", "000006-hidden"} <= {
        p.stem for p in written
    }


def _one_article(store: Store) -> int:
    article_id, _ = store.add_article(NewArticle(text="قال الوزير إن الطائرات عادت.", title="t"))
    store.create_annotation(article_id, "SOURCE", 4, 10, "salma")
    return article_id


@pytest.mark.parametrize(
    ("fmt", "name"), [("jsonl", "out.jsonl"), ("brat", "out"), ("csv", "out.csv")]
)
def test_existing_out_is_refused_without_force(
    fmt: str, name: str, store: Store, tmp_path: Path
) -> None:
    _one_article(store)
    out = tmp_path / name
    export(store, out, fmt)
    before = {p: p.read_bytes() for p in [out, *out.rglob("*")] if p.is_file()}
    with pytest.raises(ExportError, match="already exists.*--force"):
        export(store, out, fmt)
    assert {p: p.read_bytes() for p in [out, *out.rglob("*")] if p.is_file()} == before
    export(store, out, fmt, force=True)
    assert out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "a temporary was left"


def test_force_never_replaces_a_folder_of_other_files(store: Store, tmp_path: Path) -> None:
    _one_article(store)
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter1.docx").write_bytes(b"precious")
    with pytest.raises(ExportError, match="chapter1.docx.*not replaced, even with --force"):
        export(store, out, "brat", force=True)
    assert (out / "chapter1.docx").read_bytes() == b"precious"


def test_empty_folder_and_kinds_of_out(store: Store, tmp_path: Path) -> None:
    _one_article(store)
    empty = tmp_path / "empty"
    empty.mkdir()
    export(store, empty, "brat")
    assert len(list(empty.iterdir())) == 4
    with pytest.raises(ExportError, match="is a folder; jsonl writes one file"):
        export(store, empty, "jsonl", force=True)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="is a file; xmi writes a folder"):
        export(store, tmp_path / "file", "xmi", force=True)
    with pytest.raises(ExportError, match="writes a folder of files; give a folder, not -"):
        export(store, "-", "brat")
    with pytest.raises(ExportError, match="the folder .*missing does not exist"):
        export(store, tmp_path / "missing" / "out.csv", "csv")
    with pytest.raises(ExportError, match="unknown export format 'excel'"):
        export(store, tmp_path / "x", "excel")


@pytest.mark.parametrize(
    ("fmt", "name"), [("jsonl", "out.jsonl"), ("xmi", "out"), ("csv", "out.csv")]
)
@pytest.mark.parametrize("existing", [False, True])
def test_a_crash_half_way_leaves_out_as_it_was(
    fmt: str, name: str, existing: bool, store: Store, tmp_path: Path
) -> None:
    for n in range(5):
        store.add_article(NewArticle(text=f"مقال {n}.", title=f"t{n}"))
    out = tmp_path / name
    if existing:
        export(store, out, fmt)
        before = sorted((p.name, p.read_bytes()) for p in [out, *out.rglob("*")] if p.is_file())

    def crash(done: int, total: int) -> bool:
        if done == 3:
            raise RuntimeError("power cut")
        return True

    with pytest.raises(RuntimeError, match="power cut"):
        export(store, out, fmt, force=True, progress=crash)
    if existing:
        assert (
            sorted((p.name, p.read_bytes()) for p in [out, *out.rglob("*")] if p.is_file())
            == before
        )
    else:
        assert not out.exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")], (
        "a temporary was left"
    )


def test_cancel_keeps_the_old_file(store: Store, tmp_path: Path) -> None:
    _one_article(store)
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    report = export(store, out, "jsonl", force=True, progress=lambda done, total: done < 1)
    assert report.cancelled and report.articles == 0
    assert out.read_text(encoding="utf-8") == "old\n"


def test_progress_counts_articles(store: Store, tmp_path: Path) -> None:
    for n in range(3):
        store.add_article(NewArticle(text=f"مقال {n}.", title=f"t{n}"))
    seen: list[tuple[int, int]] = []
    export(store, tmp_path / "o.csv", "csv", progress=lambda d, t: seen.append((d, t)) or True)
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_a_mismatched_annotation_is_refused_and_named(db_path: Path, tmp_path: Path) -> None:
    with open_store(db_path) as store:
        article_id = _one_article(store)
        # Damage behind the store's back: same length, other text.
        store.db.conn.execute("UPDATE annotations SET text = 'ABCDEF'")
    with open_store(db_path, readonly=True) as store:
        for fmt, name in (("jsonl", "o.jsonl"), ("brat", "o"), ("csv", "o.csv")):
            with pytest.raises(InvariantError) as info:
                export(store, tmp_path / name, fmt)
            message = str(info.value)
            assert "annotation 1 (SOURCE 4-10 «ABCDEF») of article" in message
            assert f"of article {article_id}" in message and "nothing was written" in message
            assert not (tmp_path / name).exists()


def test_stdout_gets_the_whole_stream(
    store: Store, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    _one_article(store)
    export(store, "-", "jsonl")
    out = capfdbinary.readouterr().out
    assert json.loads(out.decode("utf-8"))["annotations"][0]["text"] == "الوزير"


def test_written_files_get_the_usual_permissions(store: Store, tmp_path: Path) -> None:
    _one_article(store)
    export(store, tmp_path / "o.jsonl", "jsonl")
    export(store, tmp_path / "b", "brat")
    umask = export_module.UMASK
    assert (tmp_path / "o.jsonl").stat().st_mode & 0o777 == 0o666 & ~umask
    assert (tmp_path / "b").stat().st_mode & 0o777 == 0o777 & ~umask
    if os.name == "posix":
        assert (tmp_path / "o.jsonl").stat().st_mode & 0o044  # readable by others, as usual


def test_filters_select_articles_and_annotations(store: Store, tmp_path: Path) -> None:
    a, _ = store.add_article(NewArticle(text="قال الوزير إن الطائرات عادت.", title="a"))
    b, _ = store.add_article(NewArticle(text="أكدت الوزارة أن الطائرات حلقت.", title="b"))
    claim = store.create_annotation(a, "CLAIM", 14, 27, "salma")
    source = store.create_annotation(a, "SOURCE", 4, 10, "ahmed")
    store.create_relation("ATTRIBUTED_TO", claim.id, source.id, "salma")
    store.create_annotation(b, "SOURCE", 5, 12, "salma")
    store.set_status(b, "done")

    def lines(filters: ExportFilter) -> list[dict]:  # type: ignore[type-arg]
        out = tmp_path / "f.jsonl"
        export(store, out, "jsonl", filters, force=True)
        return [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]

    assert [x["id"] for x in lines(ExportFilter(status="done"))] == [b]
    assert [x["id"] for x in lines(ExportFilter(article_ids=(b, a)))] == [a, b]
    by_salma = lines(ExportFilter(annotator="salma"))
    assert [len(x["annotations"]) for x in by_salma] == [1, 1]
    assert by_salma[0]["relations"] == []  # its other end is ahmed's
    claims = lines(ExportFilter(labels=("CLAIM",)))
    assert [len(x["annotations"]) for x in claims] == [1, 0] and claims[0]["relations"] == []
    both = lines(ExportFilter(labels=("CLAIM", "SOURCE"), article_ids=(a,)))
    assert len(both[0]["relations"]) == 1
    with pytest.raises(
        ExportError, match="no annotations by 'salmaa'.*annotators: 'ahmed', 'salma'"
    ):
        export(store, tmp_path / "x.jsonl", "jsonl", ExportFilter(annotator="salmaa"))
    with pytest.raises(Exception, match="unknown label 'CLAM'"):
        export(store, tmp_path / "x.jsonl", "jsonl", ExportFilter(labels=("CLAM",)))
    with pytest.raises(Exception, match="there is no article 99"):
        export(store, tmp_path / "x.jsonl", "jsonl", ExportFilter(article_ids=(99,)))


def test_the_database_itself_is_never_out(db_path: Path) -> None:
    with open_store(db_path) as store:
        _one_article(store)
    before = db_path.read_bytes()
    with open_store(db_path, readonly=True) as store:
        for out in (db_path, Path(f"{db_path}-wal")):
            with pytest.raises(ExportError, match="is the database itself"):
                export(store, out, "jsonl", force=True)
    assert db_path.read_bytes() == before
