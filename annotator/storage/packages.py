"""Handing out work: one database per annotator, made from the corpus and a plan.

A package is an ordinary annotator database: the corpus's schema, the articles given
to one annotator (same ids and texts, status new), that annotator's part of the plan,
and a manifest in its metadata. The plan itself goes into the corpus. Everything is
written or nothing: packages are built under temporary names and moved into place
only once the plan is recorded in the corpus.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.assignment import Plan
from annotator.core.errors import AnnotatorError
from annotator.core.model import now_iso
from annotator.storage.store import Store, open_store

MANIFEST_FILE = "manifest.json"


@dataclass(frozen=True)
class Package:
    annotator: str
    path: Path
    articles: int
    characters: int
    shared: int


def write_packages(
    corpus: Store, plan: Plan, out_dir: Path, settings: dict[str, Any]
) -> list[Package]:
    """Record ``plan`` in ``corpus`` and write each annotator's package into ``out_dir``.

    Args:
        corpus: the corpus database, open for writing.
        plan: the round to hand out.
        out_dir: the folder for NAME.db files and manifest.json (created if needed).
        settings: how the plan was made (overlap, per_article, where), for the manifest.

    Raises:
        AnnotatorError: a package or the manifest already exists, or a file cannot be
            written; nothing is left behind then.
    """
    targets = {name: out_dir / f"{name}.db" for name in plan.annotators}
    manifest_path = out_dir / MANIFEST_FILE
    for path in [*targets.values(), manifest_path]:
        if path.exists():
            raise AnnotatorError(f"{path} already exists; hand out a new round into another folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AnnotatorError(f"{out_dir} cannot be created: {exc.strerror}") from None
    token = f"{os.getpid()}.{secrets.token_hex(4)}"
    temps = {name: out_dir / f".{name}.db.{token}.partial" for name in plan.annotators}
    manifest_temp = out_dir / f".{MANIFEST_FILE}.{token}.partial"
    loads = plan.load()
    shared = set(plan.shared())
    manifest: dict[str, Any] = {
        "round": plan.round,
        "seed": plan.seed,
        "corpus": corpus.path.name,
        "created": now_iso(),
        **settings,
        "annotators": {},
        "pairs": {f"{a}|{b}": n for (a, b), n in plan.pair_counts().items()},
    }
    packages: list[Package] = []
    try:
        for name in plan.annotators:
            ids = plan.articles_of(name)
            package = Package(name, targets[name], len(ids), loads[name], len(shared & set(ids)))
            packages.append(package)
            manifest["annotators"][name] = {
                "file": targets[name].name,
                "articles": package.articles,
                "characters": package.characters,
                "shared": package.shared,
            }
        for name in plan.annotators:
            own = {"annotator": name, **{k: v for k, v in manifest.items() if k != "annotators"}}
            own["articles"] = manifest["annotators"][name]["articles"]
            store = open_store(temps[name], create=True, schema=corpus.schema, backup=False)
            try:
                articles = [corpus.article(i) for i in plan.articles_of(name)]
                store.receive_package(articles, name, plan.round, own)
            finally:
                store.close()
        manifest_temp.write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        corpus.record_plan(plan)
        for name in plan.annotators:
            os.replace(temps[name], targets[name])
        os.replace(manifest_temp, manifest_path)
    except OSError as exc:
        _remove([*temps.values(), manifest_temp])
        raise AnnotatorError(f"{out_dir}: cannot write the packages: {exc.strerror}") from None
    except BaseException:
        _remove([*temps.values(), manifest_temp])
        raise
    return packages


def _remove(paths: list[Path]) -> None:
    for path in paths:
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
            leftover.unlink(missing_ok=True)
