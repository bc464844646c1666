"""A writer that keeps changing annotations and links until it is killed.

Usage: python churn_worker.py DB SEED

Each step is one transaction: a CLAIM with its ATTRIBUTED_TO link to a SOURCE of the
same article, or the deletion of a CLAIM (its links go with it). Prints "READY" once
it writes.
"""

from __future__ import annotations

import random
import sys

from annotator.storage import open_store


def main() -> None:
    db, seed = sys.argv[1], int(sys.argv[2])
    rng = random.Random(seed)
    store = open_store(db, backup=False)
    sources = {
        r["article_id"]: r["id"]
        for r in store._read(
            "SELECT article_id, max(id) AS id FROM annotations "
            "WHERE label = 'SOURCE' GROUP BY article_id"
        )
    }
    articles = sorted(sources)
    print("READY", flush=True)
    while True:
        article = rng.choice(articles)
        if rng.random() < 0.6:
            with store.transaction():
                claim = store.create_annotation(article, "CLAIM", 0, 3, "worker")
                store.create_relation("ATTRIBUTED_TO", claim.id, sources[article], "worker")
        else:
            rows = store._read(
                "SELECT id FROM annotations WHERE article_id = ? AND label = 'CLAIM' LIMIT 1",
                [article],
            )
            if rows:
                store.delete_annotation(rows[0]["id"])


if __name__ == "__main__":
    main()
