"""todo-tui: a fast, calm terminal task manager."""

import logging as _logging

__version__ = "0.1.0"

# A library never prints log records on its own: the app and the CLI add the file handler.
_logging.getLogger("todo_tui").addHandler(_logging.NullHandler())
