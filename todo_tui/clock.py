"""The current time and the local time zone, read in one place (tests can freeze them)."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# An ISO 8601 date-time with an offset; freezes "now" for screenshots and tests. Followed by
# `@` and a Unix time (`2026-12-07T14:49:50+01:00@1765115390`), the clock is not frozen but
# runs on from that moment, as it stood at that Unix time: every process given the same value
# agrees on the time, so tests (and a try in tmux) can wait for a reminder in a few seconds.
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
        frozen, _, since = frozen.partition("@")
        moment = datetime.fromisoformat(frozen.strip())
        if since.strip():
            moment += timedelta(seconds=time.time() - float(since))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone)
        return moment.astimezone(zone)
    return datetime.now(zone)
