"""The statuses of an article, apart from the records so that a command line can offer
them without building those (``annotator --help`` and ``annotator list``)."""

STATUSES = ("new", "in_progress", "done")
