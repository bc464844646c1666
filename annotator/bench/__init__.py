"""Benchmarks: every measurement beside its bare baseline (`annotator bench`).

measures: corpora, databases and the Qt-free measurements with their baselines.
table: the rows of `annotator bench` and `--scaling`; the window's rows run in fresh
processes from annotator.gui.bench, the Qt part, so that nothing here imports Qt.
"""
