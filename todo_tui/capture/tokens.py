"""Quick capture's words: quotes and backslash escapes resolved, the notes after ` // ` cut."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_WORD = re.compile(r"\S+")
_SPACE = re.compile(r"\s+")
_QUOTES = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019"}
_CLOSE_AFTER = r"(?=[\s.,;:!?)]|$)"


@dataclass(slots=True)
class Token:
    """One word as typed, and how it is matched."""

    text: str  # what the title shows
    key: str | None  # lowercased for matching; None when quoted or escaped
    category: str | None = None  # from #"two words"
    parent: str | None = None  # from ^"two words"


class _Quotes:
    """Where each kind of closing quote may end a quoted run (found once, then bisected)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._ends: dict[str, list[int]] = {}

    def close(self, quote: str, after: int) -> int | None:
        ends = self._ends.get(quote)
        if ends is None:
            pattern = re.compile(re.escape(quote) + _CLOSE_AFTER)
            ends = [m.start() for m in pattern.finditer(self._text)]
            self._ends[quote] = ends
        index = bisect_right(ends, after)
        return ends[index] if index < len(ends) else None


def tokenize(text: str) -> tuple[list[Token], str]:
    """The words of `text` before ` // `, with quotes and escapes resolved, and the notes."""
    tokens: list[Token] = []
    quotes = _Quotes(text)
    position = 0
    while True:
        space = _SPACE.match(text, position)
        if space is not None:
            position = space.end()
        word_match = _WORD.match(text, position)
        if word_match is None:
            return tokens, ""
        word = word_match.group()
        if word == "//":
            return tokens, text[word_match.end() :].strip()
        first = word[0]
        if first == "\\" and len(word) > 1:
            tokens.append(Token(word[1:], None))
            position = word_match.end()
            continue
        opener = 1 if first in "#^" and len(word) > 1 and word[1] in _QUOTES else 0
        quote = word[opener]
        if quote in _QUOTES:
            end = quotes.close(_QUOTES[quote], position + opener)
            inner = "" if end is None else " ".join(text[position + opener + 1 : end].split())
            if end is not None and inner:  # empty quotes are plain text
                position = end + 1
                if opener and first == "#":
                    tokens.append(Token("#" + inner, None, category=inner))
                    continue
                if opener:
                    tokens.append(Token("^" + inner, None, parent=inner))
                    continue
                rest = _WORD.match(text, position)
                if rest is not None:
                    inner += rest.group()
                    position = rest.end()
                tokens.append(Token(inner, None))
                continue
        tokens.append(Token(word, word.lower()))
        position = word_match.end()
