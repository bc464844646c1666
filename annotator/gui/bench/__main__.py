"""python -m annotator.gui.bench: the window on a 1 MB article with 5,000 spans."""

from annotator.gui.bench.window import main

raise SystemExit(main())
