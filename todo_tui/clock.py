"""The current time and the local time zone, read in one place (tests can freeze them)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# An ISO 8601 date-time with an offset; freezes "now" for screenshots and tests.
ENV_NOW = "TODO_TUI_NOW"


def local_zone_name() -> str:
    """The IANA name of the local time zone ($TZ, else /etc/localtime), or UTC."""
    name = os.environ.get("TZ", "").lstrip(":").strip()
    if name:
        try:
            ZoneInfo(name)
            return name
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return "UTC"
    marker = "zoneinfo/"
    if marker in target:
        candidate = target.split(marker, 1)[1]
        try:
            ZoneInfo(candidate)
            return candidate
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return "UTC"


def now() -> datetime:
    """The current local time, aware, in the local zone."""
    zone = ZoneInfo(local_zone_name())
    frozen = os.environ.get(ENV_NOW, "").strip()
    if frozen:
        moment = datetime.fromisoformat(frozen)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone)
        return moment.astimezone(zone)
    return datetime.now(zone)
