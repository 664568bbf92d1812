"""How each format's priorities map to ours, both ways: the one table (README "Moving in").

ours:        none   low          medium   high
taskwarrior  (none) L            M        H
todo.txt     (none) C, D..Z      B        A
iCalendar    0      6-9          5        1-4      (RFC 5545; todoman writes 9 / 5 / 4)
Todoist CSV  4      3            2        1        (p4..p1: 1 is the most urgent)
dooit        1      2            3        4        (urgency)

An export writes the first spelling of each level (todo.txt C, iCalendar 9 / 5 / 1), unless
the task came from that format with another spelling of the same level (`(D)`, PRIORITY 3),
which is given back as it was.
"""

from __future__ import annotations

from todo_tui.domain import Priority

N, L, M, H = Priority.NONE, Priority.LOW, Priority.MEDIUM, Priority.HIGH

TASKWARRIOR = {"H": H, "M": M, "L": L}
TASKWARRIOR_OUT = {H: "H", M: "M", L: "L"}


def todotxt(letter: str) -> Priority:
    return {"A": H, "B": M}.get(letter, L)


TODOTXT_OUT = {H: "A", M: "B", L: "C"}


def ical(value: int) -> Priority:
    if value <= 0:
        return N
    if value <= 4:
        return H
    if value == 5:
        return M
    return L


ICAL_OUT = {N: 0, L: 9, M: 5, H: 1}
TODOIST = {1: H, 2: M, 3: L, 4: N}
TODOIST_OUT = {H: 1, M: 2, L: 3, N: 4}
DOOIT = {1: N, 2: L, 3: M, 4: H}
DOOIT_OUT = {N: 1, L: 2, M: 3, H: 4}
