"""Words for a repeat rule: `every 2 weeks on Monday`, `every 15th`, `every weekday`."""

from __future__ import annotations

from .local import short_date
from .rule import WEEKEND, WORKDAYS, Rule, parse_rule
from .words import DAY_NAMES, MONTH_NAMES


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _nth(day: int) -> str:
    if day == -1:
        return "last day"
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


_NTH_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}


def describe_rule(rule: Rule) -> str:
    """Words for a rule: `every 2 weeks on Monday`, `every 15th`, `every weekday`."""
    text = _describe(rule)
    if rule.until is not None:
        text += f" until {short_date(rule.until)}"
    return text


def _describe(rule: Rule) -> str:
    unit = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}[rule.freq]
    base = f"every {unit}" if rule.interval == 1 else f"every {rule.interval} {unit}s"
    if rule.nth and rule.byday:
        days = f"{_NTH_WORDS.get(rule.nth, str(rule.nth))} {DAY_NAMES[rule.byday[0]]}"
        return f"every {days} of the month" if rule.interval == 1 else f"{base} on the {days}"
    if rule.byday:
        if rule.byday == WORKDAYS:
            days = "weekday"
        elif rule.byday == WEEKEND:
            days = "weekend"
        else:
            days = _join([DAY_NAMES[d] for d in rule.byday])
        return f"every {days}" if rule.interval == 1 else f"{base} on {days}"
    if rule.bymonth:
        dates = [f"{_nth(d)} of {MONTH_NAMES[m]}" for m in rule.bymonth for d in rule.monthdays]
        one = len(dates) == 1 and rule.monthdays[0] > 0
        text = f"{rule.monthdays[0]} {MONTH_NAMES[rule.bymonth[0]]}" if one else _join(dates)
        return f"every {text}" if rule.interval == 1 else f"{base} on {text}"
    if rule.monthdays:
        days = _join([_nth(d) for d in sorted(rule.monthdays, key=lambda d: (d < 0, d))])
        if rule.monthdays == (-1,):
            days = "last day of the month" if rule.interval == 1 else "the last day"
        return f"every {days}" if rule.interval == 1 else f"{base} on the {days}"
    return base


def describe_rrule(text: str, from_completion: bool = False) -> str:
    """Human words for an RRULE body, e.g. `every 2 weeks` or `every day (from completion)`."""
    rule = parse_rule(text)
    words = f"repeats ({text.strip()})" if rule is None else describe_rule(rule)
    return words + " (from completion)" if from_completion else words
