"""todo-tui: a fast, calm terminal task manager."""

__version__ = "0.1.0"
