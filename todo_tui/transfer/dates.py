"""Date and time spellings the formats share."""

from __future__ import annotations

from datetime import UTC, datetime

TASKWARRIOR = "%Y%m%dT%H%M%SZ"


def taskwarrior_date(value: object) -> datetime:
    """A taskwarrior date: `20261207T093000Z`, epoch seconds, or ISO 8601 (`task import`
    takes all three); raises ValueError."""
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    text = value.strip()
    if len(text) == 16 and text[8] == "T" and text[15] == "Z":  # the usual: no strptime
        try:
            return datetime(int(text[0:4]), int(text[4:6]), int(text[6:8]), int(text[9:11]),
                            int(text[11:13]), int(text[13:15]), tzinfo=UTC)
        except ValueError:
            pass
    if text.isdigit() and len(text) != 8:
        return datetime.fromtimestamp(int(text), UTC)
    try:
        return datetime.strptime(text, TASKWARRIOR).replace(tzinfo=UTC)
    except ValueError:
        pass
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def taskwarrior_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(TASKWARRIOR)
