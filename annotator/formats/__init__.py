"""Readers and writers of article and annotation files, one module per format. No Qt."""
