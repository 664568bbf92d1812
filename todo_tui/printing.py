"""What the shell commands print on standard output (stdlib only)."""

from __future__ import annotations

import sys
from typing import Any


def print_line(text: str) -> None:
    sys.stdout.write(text + "\n")


def print_json(value: Any) -> None:
    import json  # only for --json: not imported before the TUI's first frame

    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=None) + "\n")
