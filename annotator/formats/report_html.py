"""A one-file HTML report for project leads: progress, labels, agreement, sources.

The page is self-contained: styles inline, charts as inline SVG, no script and no
network resource. Every piece of text from the database is HTML-escaped. Browsers
shape and order Arabic themselves, so titles and source names are written as they are
stored, with their direction marked.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from annotator.core.normalize import normalise_for_search
from annotator.core.schema import Schema

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
BAR_WIDTH = 360


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _direction(text: str) -> str:
    return "rtl" if _ARABIC.search(text) else "ltr"


def bar_chart(
    rows: Sequence[tuple[str, float, str]],
    title: str,
    maximum: float | None = None,
    fmt: str = "{:g}",
) -> str:
    """A horizontal bar chart as inline SVG.

    Args:
        rows: (label, value, colour) per bar.
        title: the chart's accessible title.
        maximum: the value of a full bar (default: the largest value).
        fmt: how values are written beside their bars.
    """
    if not rows:
        return '<p class="empty">Nothing to show yet.</p>'
    top = maximum if maximum is not None else max((v for _, v, _ in rows), default=0) or 1
    label_w, row_h = 260, 28
    height = row_h * len(rows) + 8
    width = label_w + BAR_WIDTH + 80
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{_esc(title)}</title>'
    ]
    for i, (label, value, colour) in enumerate(rows):
        y = 4 + i * row_h
        w = 0 if top == 0 else max(0.0, min(1.0, value / top)) * BAR_WIDTH
        direction = _direction(label)
        parts.append(
            f'<text x="{label_w - 10}" y="{y + 18}" text-anchor="end" direction="{direction}" '
            f'unicode-bidi="plaintext" font-size="14">{_esc(label)}</text>'
            if direction == "ltr"
            else f'<text x="{label_w - 10}" y="{y + 18}" text-anchor="start" direction="rtl" '
            f'font-size="15">{_esc(label)}</text>'
        )
        parts.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 10}" '
            f'fill="{_esc(colour)}" rx="3"/>'
        )
        parts.append(
            f'<text x="{label_w + w + 6:.1f}" y="{y + 18}" font-size="13">'
            f"{_esc(fmt.format(value))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    head = "".join(f"<th>{_esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td dir="auto">{_esc(c)}</td>' for c in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def top_sources(source_texts: Sequence[str], limit: int = 15) -> list[tuple[str, int]]:
    """The most frequent sources, grouped by their search form (diacritics and letter
    variants ignored), each shown in its most common written form."""
    groups: dict[str, Counter[str]] = {}
    for text in source_texts:
        key = " ".join(normalise_for_search(text).split())
        groups.setdefault(key, Counter())[text] += 1
    ranked = sorted(groups.values(), key=lambda c: (-sum(c.values()), c.most_common(1)[0][0]))
    return [(forms.most_common(1)[0][0], sum(forms.values())) for forms in ranked[:limit]]


def _plan_section(figures: dict[str, Any]) -> str:
    people = figures["annotators"]
    done_chart = bar_chart(
        [(name, p["done"], "#3BA55C") for name, p in people.items()],
        "Articles done by each annotator, out of those assigned",
        maximum=max((p["assigned"] for p in people.values()), default=1) or 1,
    )
    table = _table(
        ["annotator", "assigned", "started", "done", "remaining", "per day"],
        [
            (
                name,
                p["assigned"],
                p["started"],
                p["done"],
                p["remaining"],
                "—" if p["per_day"] is None else f"{p['per_day']:.1f}",
            )
            for name, p in people.items()
        ],
    )
    shared = figures["shared"]
    pairs = _table(
        ["pair", "shared", "ready for agreement"],
        [
            (pair.replace("|", " – "), c["shared"], c["ready"])
            for pair, c in shared["pairs"].items()
        ],
    )
    return (
        f"<section><h2>Assignments</h2><p>{figures['rounds']} round(s). "
        f"{shared['ready']} of {shared['shared']} shared articles are ready for agreement "
        f"(done by every annotator they were given to).</p>{done_chart}{table}"
        f"<h3>Shared articles per pair</h3>{pairs}</section>"
    )


def render(
    database_name: str,
    schema: Schema,
    stats: dict[str, dict[str, int]],
    articles_by_annotator: dict[str, int],
    agreement: dict[str, Any],
    source_texts: Sequence[str],
    generated: datetime | None = None,
    assignments: dict[str, Any] | None = None,
) -> str:
    """The report page as one HTML string; ``assignments`` adds progress against the plan
    (the figures of ``annotator.cli.assign.progress_figures``)."""
    generated = generated or datetime.now(UTC)
    colours = {name: label.color for name, label in schema.labels.items()}
    status_colours = {"new": "#9AA5B1", "in_progress": "#E8A33D", "done": "#3BA55C"}
    total_articles = sum(stats["status"].values())
    sections = []

    progress = bar_chart(
        [
            (s.replace("_", " "), n, status_colours.get(s, "#888"))
            for s, n in stats["status"].items()
        ],
        "Articles by status",
        maximum=total_articles or 1,
    )
    per_annotator = bar_chart(
        [(name or "(no name)", n, "#5B7DB1") for name, n in sorted(articles_by_annotator.items())],
        "Articles annotated by each annotator",
        maximum=total_articles or 1,
    )
    annotations = _table(
        ["annotator", "articles", "annotations"],
        [
            (name or "(no name)", articles_by_annotator.get(name, 0), n)
            for name, n in sorted(stats["annotator"].items())
        ],
    )
    sections.append(
        f"<section><h2>Progress</h2><p>{total_articles} articles.</p>"
        f"<h3>By status</h3>{progress}<h3>By annotator</h3>{per_annotator}{annotations}</section>"
    )

    if assignments:
        sections.append(_plan_section(assignments))

    labels = bar_chart(
        [(label, stats["label"].get(label, 0), colours[label]) for label in schema.labels],
        "Annotations by label",
    )
    sections.append(f"<section><h2>Labels</h2>{labels}</section>")

    average = agreement.get("average") or {}
    if average:
        rows = []
        for label in schema.labels:
            figures = average["labels"].get(label, {})
            if figures.get("overlap_f1") is not None:
                rows.append((f"{label} overlap F1", figures["overlap_f1"], colours[label]))
            if figures.get("exact_f1") is not None:
                rows.append((f"{label} exact F1", figures["exact_f1"], colours[label]))
        chart = bar_chart(rows, "Agreement per label", maximum=1.0, fmt="{:.2f}")
        table = _table(
            ["label", "exact F1", "overlap F1", "Krippendorff's alpha (tokens)"],
            [
                (label, _fmt(f.get("exact_f1")), _fmt(f.get("overlap_f1")), _fmt(f.get("alpha")))
                for label, f in average["labels"].items()
            ]
            + [
                (
                    "all labels",
                    *(_fmt(average["overall"].get(k)) for k in ("exact_f1", "overlap_f1", "alpha")),
                )
            ],
        )
        pairs = ", ".join(f"{p['a']} – {p['b']}" for p in agreement["pairs"])
        agreement_html = f"<p>Averaged over the pairs {_esc(pairs)}.</p>{chart}{table}"
    else:
        agreement_html = (
            '<p class="empty">Agreement needs at least two annotators of the same article.</p>'
        )
    sections.append(f"<section><h2>Agreement</h2>{agreement_html}</section>")

    sources = top_sources(source_texts)
    source_chart = bar_chart(
        [(text, n, colours.get("SOURCE", "#3D7DD8")) for text, n in sources],
        "Most frequent sources",
    )
    sections.append(f"<section><h2>Most frequent sources</h2>{source_chart}</section>")

    generated_at = generated.strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>annotator report: {_esc(database_name)}</title>
<style>
body {{ font-family: "Noto Naskh Arabic", "Noto Sans", "DejaVu Sans", sans-serif;
        margin: 2em auto; max-width: 60em; color: #1f2933; }}
h1 {{ font-size: 1.6em; margin-bottom: 0.2em; }}
h2 {{ border-bottom: 1px solid #d9e2ec; padding-bottom: 0.2em; margin-top: 1.8em; }}
table {{ border-collapse: collapse; margin: 0.8em 0; }}
th, td {{ border: 1px solid #d9e2ec; padding: 0.3em 0.8em; text-align: start; }}
th {{ background: #f0f4f8; }}
.meta, .empty {{ color: #52606d; }}
</style>
</head>
<body>
<h1>annotator report</h1>
<p class="meta">Database <code>{_esc(database_name)}</code>, generated {_esc(generated_at)}.</p>
{"".join(sections)}
</body>
</html>
"""
