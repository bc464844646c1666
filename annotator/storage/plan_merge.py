"""Merging the assignment plan along with the annotations, and what merge warns about.

An input's plan rows come into the output (an annotator's progress only moves
forwards). With a plan in the output, merge warns about annotations on articles that
were not assigned to their annotator (gold layers are nobody's assignment), and, for
an annotator's package, about articles assigned to them in its round that the package
does not hold.
"""

from __future__ import annotations

from annotator.storage.store import Store

_SHOWN_IDS = 10


def merge_plan(out: Store, source: Store, ids: dict[int, int]) -> tuple[int, list[str]]:
    """Bring ``source``'s plan into ``out``; ``ids`` maps source article ids to out's.

    Call inside ``out``'s transaction. Returns the number of plan rows added, and the
    warnings, one line each, naming the input file.
    """
    added = 0
    for row in source.assignments():
        added += out.merge_assignment(row, ids[row.article_id])
    plan = out.assigned_pairs()
    if not plan:
        return added, []
    warnings = []
    stray: dict[str, list[int]] = {}
    gold = source.gold_layers()
    for article_id, name in sorted(source.annotated_pairs()):
        if name not in gold and (ids[article_id], name) not in plan:
            stray.setdefault(name, []).append(ids[article_id])
    for name, articles in sorted(stray.items()):
        shown = name or "(no name)"
        warnings.append(
            f"{source.path}: {shown} annotated {_articles(articles)} not assigned to {shown}"
        )
    owner = source.package_annotator()
    if owner is not None:
        rounds = {row.round for row in source.assignments(owner)}
        held = set(ids.values())
        missing = [
            row.article_id
            for row in out.assignments(owner)
            if row.round in rounds and row.article_id not in held
        ]
        if missing:
            warnings.append(
                f"{source.path}: {_articles(missing)} assigned to {owner} "
                f"(round {', '.join(map(str, sorted(rounds)))}) missing from it"
            )
    return added, warnings


def _articles(ids: list[int]) -> str:
    listed = ", ".join(map(str, ids[:_SHOWN_IDS])) + (", ..." if len(ids) > _SHOWN_IDS else "")
    return f"{len(ids)} article{'s' if len(ids) != 1 else ''} ({listed})"
