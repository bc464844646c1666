"""Label styles: every label of any schema gets a look of its own."""

from __future__ import annotations

import pytest

from annotator.core.schema import loads
from annotator.gui.widgets.span_style import Kind, LabelStyles

pytestmark = pytest.mark.gui


def test_labels_get_distinct_looks_in_schema_order(qapp) -> None:  # type: ignore[no-untyped-def]
    labels = "\n".join(f'[labels.L{n}]\ncolor = "#{n}{n}3366"\nkey = "{n}"\n' for n in range(1, 8))
    styles = LabelStyles(loads(labels))
    kinds = [styles[f"L{n}"].kind for n in range(1, 8)]
    assert kinds[:6] == [Kind.FILL, Kind.UNDERLINE, Kind.TEXT, Kind.DASHED, Kind.DOTTED, Kind.WAVE]
    assert kinds[6] in (Kind.DASHED, Kind.DOTTED, Kind.WAVE)
    assert styles["L1"].color.name() == "#113366"
    # Overlap darkens a fill; a label unknown to the schema still shows.
    assert styles["L1"].fill(2).alpha() > styles["L1"].fill(1).alpha()
    assert styles["NOT_IN_SCHEMA"].kind is Kind.DASHED
