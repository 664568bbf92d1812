"""Checks on text before it is stored."""

from __future__ import annotations

from todo_tui.errors import ValidationError

MAX_TITLE = 1000
MAX_NAME = 200
MAX_TAG = 100
MAX_NOTES = 2_000_000


REPLACED_NOTE = "invalid characters (NUL, or bytes that are not UTF-8) were replaced with U+FFFD"


def clean_text(value: str) -> str:
    """Replace what a database or a terminal must never get: NUL and lone surrogates (which
    is what undecodable bytes in a command line become) turn into U+FFFD."""
    value = value.replace("\x00", "\ufffd")
    if not _has_surrogate(value):
        return value
    return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in value)


def _has_surrogate(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def title(value: str) -> str:
    """A task title: one line, not empty."""
    text = " ".join(clean_text(value).split())
    if not text:
        raise ValidationError("a task needs a title (it was empty)")
    if len(text) > MAX_TITLE:
        raise ValidationError(
            f"a title is at most {MAX_TITLE} characters (this one has {len(text)})"
        )
    return text


def notes(value: str) -> str:
    text = clean_text(value).rstrip()
    if len(text) > MAX_NOTES:
        raise ValidationError(f"notes are at most {MAX_NOTES} characters")
    return text


def name(value: str, what: str = "a category") -> str:
    """A category name: one line, not empty."""
    text = " ".join(clean_text(value).split())
    if not text:
        raise ValidationError(f"{what} needs a name (it was empty)")
    if len(text) > MAX_NAME:
        raise ValidationError(f"{what} name is at most {MAX_NAME} characters")
    return text


def tag(value: str) -> str:
    text = clean_text(value).strip().lstrip("+@").strip()
    if not text or any(ch.isspace() for ch in text):
        raise ValidationError(f"not a tag: {value!r} (one word, no spaces)")
    if len(text) > MAX_TAG:
        raise ValidationError(f"a tag is at most {MAX_TAG} characters")
    return text


def key(value: str) -> str:
    """The form names are compared in: without regard to case."""
    return value.casefold()


MAX_DURATION = 366 * 24 * 60  # a year, in minutes


def duration(minutes: int | None) -> int | None:
    """A task's duration in whole minutes, 1 to a year, or None."""
    if minutes is None:
        return None
    if not 1 <= minutes <= MAX_DURATION:
        raise ValidationError(f"a duration is 1 to {MAX_DURATION} minutes")
    return minutes
