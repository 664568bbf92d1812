"""Retry a unit of work that met passing contention: a busy database (db/health.py's
is_busy), a PostgreSQL serialization failure or deadlock. Each attempt is a whole new unit
of work."""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from todo_tui.db.health import busy_error, is_busy

log = logging.getLogger("todo_tui")
T = TypeVar("T")
C = TypeVar("C", bound=type)

# How long a call may keep retrying after the driver's own busy wait gave up (a lock that
# someone holds, and may hold for good).
RETRY_BUDGET_S = 8.0
# How long it may keep retrying while PostgreSQL refuses it for a conflict with transactions
# that committed meanwhile: each refusal means another writer got through, so the call waits
# for the others' work to be done, never for a lock held by someone idle (four processes
# writing one list, fifty saves at once on a loaded machine).
CONFLICT_BUDGET_S = 30.0
FIRST_DELAY_S = 0.05
MAX_DELAY_S = 1.0
# serialization_failure, deadlock_detected, and a unique key another transaction inserted
# meanwhile (a retry then finds the row: the service looks before it inserts)
PG_RETRYABLE = {"40001", "40P01", "23505"}


def transient(exc: BaseException) -> bool:
    """Whether trying the same unit of work again may succeed."""
    if isinstance(exc, StaleDataError):
        return True
    if not isinstance(exc, DBAPIError):
        return False
    return conflict(exc) or is_busy(exc)


def conflict(exc: BaseException) -> bool:
    """Whether the unit of work was refused for a conflict with others that committed (a
    PostgreSQL serialization failure, deadlock or unique key; a row's version moved on)."""
    if isinstance(exc, StaleDataError):
        return True
    orig = getattr(exc, "orig", None)
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    return isinstance(exc, DBAPIError) and code in PG_RETRYABLE


async def with_retries(call: Callable[[], Awaitable[T]], budget: float | None = None) -> T:
    """Await `call()`, again with backoff while it fails for a transient reason."""
    started = time.monotonic()
    deadline = started + (RETRY_BUDGET_S if budget is None else budget)
    conflicts_deadline = started + (CONFLICT_BUDGET_S if budget is None else budget)
    delay = FIRST_DELAY_S
    attempt = 1
    while True:
        try:
            return await call()
        except (DBAPIError, StaleDataError) as exc:
            if not transient(exc):
                raise
            if time.monotonic() + delay > (conflicts_deadline if conflict(exc) else deadline):
                log.warning("giving up after %d attempts: %s", attempt, exc)
                raise busy_error() from None
            log.info("attempt %d met contention (%s); retrying", attempt, exc)
        await asyncio.sleep(delay * random.uniform(0.5, 1.5))
        delay = min(delay * 2, MAX_DELAY_S)
        attempt += 1


def retried(method: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
    """Wrap one async service method with `with_retries`."""

    @functools.wraps(method)
    async def wrapper(*args: Any, **kwargs: Any) -> T:
        return await with_retries(lambda: method(*args, **kwargs))

    return wrapper


def retry_public_methods(cls: C) -> C:
    """Retry every public coroutine method of a service class on passing contention."""
    for name, member in list(vars(cls).items()):
        if not name.startswith("_") and inspect.iscoroutinefunction(member):
            setattr(cls, name, retried(member))
    return cls
