"""The window's benchmarks (the Qt part of annotator.bench).

window: the 1 MB, 5,000-span article (python -m annotator.gui.bench).
rows: the window's rows of `annotator bench`, one per process
(python -m annotator.gui.bench.rows ROW).
"""
