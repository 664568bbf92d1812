"""JSON values read one at a time from a stream: a top-level array, or one value after
another (JSON lines), with the standard library's decoder; memory holds one value, not the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from todo_tui.transfer.record import FormatError

CHUNK = 1 << 16
SPACE = " \t\r\n"


def values(stream: TextIO, name: str) -> Iterator[tuple[int, int, Any]]:
    """(record number from 1, line, value) for each top-level value, or each array item."""
    decoder = json.JSONDecoder()
    buf, pos, eof, line = "", 0, False, 1
    in_array: bool | None = None
    closed = False
    need_comma = False
    index = 0
    while True:
        while pos < len(buf) and buf[pos] in SPACE:
            if buf[pos] == "\n":
                line += 1
            pos += 1
        if pos >= len(buf):
            if eof:
                break
            chunk = stream.read(CHUNK)
            eof = not chunk
            buf, pos = buf[pos:] + chunk, 0
            continue
        char = buf[pos]
        if closed:
            raise FormatError(f"{name}, line {line}: text after the end of the JSON array")
        if in_array is None:
            in_array = char == "["
            if in_array:
                pos += 1
                continue
        if in_array and char == "]":
            closed = True
            pos += 1
            continue
        if need_comma:
            if char != ",":
                raise FormatError(f"{name}, line {line}: expected ',' or ']' after record "
                                  f"{index}, found {char!r}")
            pos += 1
            need_comma = False
            continue
        try:
            value, end = decoder.raw_decode(buf, pos)
        except json.JSONDecodeError as exc:
            if not eof:
                chunk = stream.read(CHUNK)
                eof = not chunk
                buf, pos = buf[pos:] + chunk, 0
                continue
            where = line + buf.count("\n", pos, exc.pos)
            raise FormatError(f"{name}, line {where}, record {index + 1}: not valid JSON: "
                              f"{exc.msg}") from None
        if end == len(buf) and not eof and not isinstance(value, dict | list):
            # a number or a word may go on in the next chunk
            chunk = stream.read(CHUNK)
            eof = not chunk
            buf, pos = buf[pos:] + chunk, 0
            continue
        index += 1
        yield index, line, value
        line += buf.count("\n", pos, end)
        pos = end
        need_comma = bool(in_array)
    if in_array and not closed:
        raise FormatError(f"{name}, line {line}: the JSON array is not closed (a cut file?)")
