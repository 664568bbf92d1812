"""Make user text safe to put on a terminal: control characters become visible placeholders."""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls, and the bidirectional formatting characters that can
# reorder what a terminal shows (Trojan Source).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _placeholder(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ... ␟ (␛ for ESC)
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """`text` with every control or bidi-override character replaced by a visible placeholder."""
    return _UNSAFE.sub(_placeholder, text)


def multi_line(text: str) -> str:
    """Like `visible`, but newlines and tabs are kept (for notes)."""
    return "\n".join(visible(line.replace("\t", "    ")) for line in text.split("\n"))


def one_line(text: str) -> str:
    """Like `visible`, but newlines and tabs become spaces first (for one-line displays)."""
    return visible(" ".join(text.replace("\t", " ").splitlines()))
