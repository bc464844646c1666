"""The Qt-free heart of annotator: text, offsets, schema, spans and commands."""
