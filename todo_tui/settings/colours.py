"""What a colour in a [themes.NAME] table may look like, checked without importing Textual
(the app parses it with Textual's own Color.parse, and tells of one it refuses)."""

from __future__ import annotations

import re

_COLOUR = re.compile(
    r"^(#[0-9a-f]{3}|#[0-9a-f]{4}|#[0-9a-f]{6}|#[0-9a-f]{8}"
    r"|(rgb|rgba|hsl|hsla)\([0-9.,%\s]+\)|[a-z][a-z0-9_-]*)$")


def is_colour(value: str) -> bool:
    """Whether `value` has the shape of a colour: #hex, rgb()/hsl() or a name."""
    return bool(_COLOUR.match(value.strip().lower()))
