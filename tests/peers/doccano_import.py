"""Run by the doccano virtualenv's python: doccano's own data_import pipeline on one file.

Usage: python doccano_import.py FILE.jsonl WORKDIR

Sets up Django with doccano's settings on a throwaway SQLite database in WORKDIR, makes
a sequence-labeling project with relations and overlapping spans (grapheme mode off),
loads FILE with ``data_import.datasets.load_dataset`` as the import task does (format
JSONL, task RelationExtraction) and prints, as JSON, what doccano stored: each example's
text and metadata, its spans and its relations, and the pipeline's errors.
This file is not collected by pytest: the doccano check runs it.
"""

import json
import os
import sys
from pathlib import Path

import backend


def main() -> None:
    source, work = Path(sys.argv[1]), Path(sys.argv[2])
    sys.path.insert(0, str(Path(backend.__file__).parent))
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'doccano.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")
    os.environ.setdefault("SECRET_KEY", "annotator-peer-check")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from data_import.datasets import load_dataset
    from data_import.pipeline.catalog import RELATION_EXTRACTION, create_file_format
    from data_import.pipeline.readers import FileName
    from examples.models import Example
    from labels.models import Relation, Span
    from projects.models import ProjectType, SequenceLabelingProject

    user = User.objects.create_superuser("lead", "lead@example.org", "peer-check-password")
    project = SequenceLabelingProject.objects.create(
        name="annotator peer check",
        description="",
        project_type=ProjectType.SEQUENCE_LABELING,
        created_by=user,
        allow_overlapping=True,
        use_relation=True,
        grapheme_mode=False,
    )
    name = FileName(full_path=str(source), generated_name=source.name, upload_name=source.name)
    # The import dialog's encoding option, whose default is utf_8 (catalog.py).
    dataset = load_dataset(
        RELATION_EXTRACTION, create_file_format("JSONL"), [name], project, encoding="utf_8"
    )
    dataset.save(user, batch_size=1000)
    out = {"errors": [e.dict() for e in dataset.errors], "examples": []}
    for example in Example.objects.filter(project=project).order_by("id"):
        spans = Span.objects.filter(example=example).order_by("id")
        relations = Relation.objects.filter(example=example).order_by("id")
        out["examples"].append(
            {
                "text": example.text,
                "meta": example.meta,
                "spans": [
                    {
                        "id": s.id,
                        "label": s.label.text,
                        "start_offset": s.start_offset,
                        "end_offset": s.end_offset,
                    }
                    for s in spans
                ],
                "relations": [
                    {"from_id": r.from_id.id, "to_id": r.to_id.id, "type": r.type.text}
                    for r in relations
                ],
            }
        )
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
