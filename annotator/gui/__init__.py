"""The Qt window: the only package of annotator that imports PySide6."""
