"""A process that annotates through the window's code path until it is killed.

Usage: python kill_worker.py DB ARTICLE_ID SEED

It makes random changes with the core's undoable commands on the store, the same path
the window takes. Before each change it prints "BEGIN <json>" and after the call has
returned (so after the commit) "ACK <state>", flushing each line, so that the parent knows
which changes must have survived a kill and which one may or may not have.
"""

from __future__ import annotations

import json
import random
import sys

from annotator.core.commands import (
    CommandStack,
    CreateAnnotation,
    DeleteAnnotation,
    Link,
    Unlink,
    UpdateAnnotation,
)
from annotator.core.spans import tokens
from annotator.storage import open_store


def state(store, article_id: int) -> dict:  # type: ignore[no-untyped-def]
    """Everything a kill must not lose: annotations and relations, by id."""
    return {
        "annotations": {
            str(a.id): [a.label, a.start, a.end, a.text, a.attributes, a.note]
            for a in store.annotations(article_id)
        },
        "relations": {str(r.id): [r.type, r.from_id, r.to_id] for r in store.relations(article_id)},
    }


def main() -> None:
    db, article_id, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    store = open_store(db, backup=False)
    stack = CommandStack(store)
    text = store.article_text(article_id)
    words = [t for t in tokens(text) if t[1] - t[0] > 1]
    print("READY " + json.dumps(state(store, article_id)), flush=True)
    while True:
        anns = store.annotations(article_id)
        rels = store.relations(article_id)
        claims = [a for a in anns if a.label == "CLAIM"]
        sources = [a for a in anns if a.label == "SOURCE"]
        roll = rng.random()
        if roll < 0.45 or not anns:
            i = rng.randrange(len(words))
            j = min(len(words) - 1, i + rng.randrange(4))
            label = rng.choice(["CLAIM", "SOURCE", "CUE"])
            command = CreateAnnotation(article_id, label, words[i][0], words[j][1], "worker")
            desc = {"op": "create", "label": label, "start": words[i][0], "end": words[j][1]}
        elif roll < 0.6 and claims and sources:
            claim, source = rng.choice(claims), rng.choice(sources)
            if any(r.from_id == claim.id and r.to_id == source.id for r in rels):
                continue
            command = Link("ATTRIBUTED_TO", claim.id, source.id, "worker")
            desc = {"op": "link", "from": claim.id, "to": source.id}
        elif roll < 0.7 and rels:
            rel = rng.choice(rels)
            command = Unlink(rel.id)
            desc = {"op": "unlink", "id": rel.id}
        elif roll < 0.8:
            ann = rng.choice(anns)
            key, values = next(iter(store.schema.labels[ann.label].attributes.items()))
            command = UpdateAnnotation(
                ann.id, {"attributes": {key: rng.choice(values)}, "note": f"n{rng.random():.3f}"}
            )
            desc = {"op": "update", "id": ann.id}
        elif roll < 0.9:
            command = DeleteAnnotation(rng.choice(anns).id)
            desc = {"op": "delete"}
        else:
            print("BEGIN " + json.dumps({"op": "undo"}), flush=True)
            stack.undo()
            print("ACK " + json.dumps(state(store, article_id)), flush=True)
            continue
        print("BEGIN " + json.dumps(desc), flush=True)
        stack.push(command)
        print("ACK " + json.dumps(state(store, article_id)), flush=True)


if __name__ == "__main__":
    main()
