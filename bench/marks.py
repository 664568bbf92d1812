"""Marks (issue 17), timed in a real terminal as bench/run.py times the rest: `V` on the All
list (80 000 tasks at 100 000), `V` on a search that finds 10 000, then `D` `+2d` `enter` on
those 10 000 marked tasks, and `u` taking it back.

The database is a demo one plus 10 000 tasks titled "Benchmark marks N" (due today, in the
Inbox), inserted with sqlite3 (the search index follows by its triggers). `make bench` runs it
at the sizes of 10 000 tasks and more; alone:

    python -m bench.marks [--size 100000] [--sessions 3] [--keep DIR]

which prints the figures and writes them in bench/results.md's "Marks" section.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import sys
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

from bench.tmux import CLOCK, Server, Timeout

MARKED = 10_000
WORD = "Benchmark marks"
MARK_COUNT = re.compile(r"(?P<n>[0-9]+) marked")


def add_marked(db: Path, count: int = MARKED) -> None:
    """Add `count` tasks a search for WORD finds (and no other task does)."""
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(" ")
    today = datetime.now().date().isoformat()
    connection = sqlite3.connect(db)
    try:
        with connection:
            top = connection.execute("SELECT coalesce(max(position), 0) FROM tasks").fetchone()
            connection.executemany(
                "INSERT INTO tasks (id, title, notes, status, priority, due_date, "
                "recurrence_from_completion, position, created_at, updated_at, version) "
                "VALUES (?, ?, '', 'open', 0, ?, 0, ?, ?, ?, 1)",
                [(uuid.uuid4().hex, f"{WORD} {n}", today, top[0] + 1 + n, now, now)
                 for n in range(count)])
    finally:
        connection.close()


def marked(screen: str) -> int | None:
    found = MARK_COUNT.search(screen)
    return None if found is None else int(found["n"])


def session(server: Server, argv: list[str], env: dict[str, str], size: int,
            add: dict[str, list[float]], record: bool) -> None:
    """One session: V on All, V on a search of 10 000, D +2d on them, u."""
    from bench.run import header_total, shows

    app = server.launch(argv, env)

    def keep(key: str, seconds: float) -> None:
        if record:
            add.setdefault(key, []).append(seconds * 1000)

    try:
        app.wait_for(r"│ \[[ x]\] \S")
        app.settle(0.5)
        # All, from the lists pane; enter gives the task list the keys
        app.keys("BTab")
        app.settle()
        app.keys("j")
        app.wait(lambda s: (header_total(s) or ("",))[0] == "Upcoming", CLOCK())
        app.settle()
        app.keys("j")
        app.wait(shows("All"), CLOCK())
        app.keys("Enter")
        start = app.settle()
        total = (header_total(start) or ("", 0))[1]
        keep("mark_all", app.wait(lambda s: marked(s) == total, app.keys("V"),
                                  what=f"{total} marked"))
        app.settle()
        app.keys("Escape")
        app.wait(lambda s: marked(s) is None, CLOCK(), what="marks cleared")
        # a search that finds the 10 000
        app.keys("/", literal=True)
        app.settle()
        app.keys(WORD, literal=True)
        app.keys("Enter")
        app.wait(shows("All", MARKED), CLOCK(), what="the search")
        app.settle()
        keep("mark_search", app.wait(lambda s: marked(s) == MARKED, app.keys("V"),
                                     what=f"{MARKED} marked"))
        app.settle()
        app.keys("D")
        app.settle()
        app.keys("+2d", literal=True)
        app.wait_for(r"due \+2 days for", CLOCK())
        app.settle()
        keep("act", app.wait_for(rf"Rescheduled: {MARKED} marked tasks", app.keys("Enter"),
                                 timeout=120))
        app.settle(1.0)
        keep("undo", app.wait_for(rf"Undid: due \+2 days for {MARKED} tasks", app.keys("u"),
                                  timeout=120))
        app.settle(1.0)
    except Timeout as failed:
        print(f"    marks at {size}: {failed}\n{failed.screen}", file=sys.stderr)
        raise
    finally:
        app.stop()


LABELS = {
    "mark_all": "`V` on the All list: key to the header's count",
    "mark_search": f"`V` on a search finding {MARKED:,}".replace(",", " "),
    "act": f"`D` `+2d` on {MARKED:,} marked tasks: enter to done".replace(",", " "),
    "undo": "`u` of it: key to done",
}


def lines(figures: dict[int, dict[str, list[float]]]) -> list[str]:
    from bench.run import cell

    sizes = sorted(figures)
    out = ["| figure | " + " | ".join(f"{s:,} tasks".replace(",", " ") for s in sizes) + " |",
           "|---" * (len(sizes) + 1) + "|"]
    for key, label in LABELS.items():
        out.append(f"| {label} | " + " | ".join(
            cell(figures[s].get(key, []), "ms", 0) for s in sizes) + " |")
    return out


def write_section(results: Path, table: list[str], when: str) -> None:
    """Put the figures in results.md's Marks section (made, or replaced)."""
    head = "## Marks (issue 17)"
    text = results.read_text(encoding="utf-8") if results.exists() else ""
    body = "\n".join([
        head, "",
        f"Made by `python -m bench.marks` on {when}: median (min–max) over the sessions, "
        "each in the same private tmux server at 120x35. The database: the size's demo "
        f"tasks plus {MARKED // 1000} 000 titled \"{WORD} N\", due today.",
        "", *table, "",
    ])
    if head in text:
        before, _, after = text.partition(head)
        rest = after.split("\n## ", 1)
        text = before + body + ("\n## " + rest[1] if len(rest) > 1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + body
    results.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    from bench.run import RESULTS, app_env, seed

    parser = argparse.ArgumentParser(prog="python -m bench.marks", description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--keep", metavar="DIR", help="keep (and reuse) databases in DIR")
    parser.add_argument("--no-write", action="store_true", help="do not write results.md")
    args = parser.parse_args(argv)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="todo-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = app_env(work / "home")
    source = work / f"seed-{args.size}.db"
    if not source.exists():
        print(f"seeding {args.size} tasks…", flush=True)
        seed(source, args.size, env)
    figures: dict[str, list[float]] = {}
    server = Server()
    try:
        for run in range(args.sessions + 1):  # the first: a warm-up
            db = work / f"marks-{args.size}.db"
            shutil.copyfile(source, db)
            add_marked(db)
            argv_ = [sys.executable, "-m", "todo_tui", "--db", str(db)]
            session(server, argv_, env, args.size, figures, record=run > 0)
            print(f"  session {run}: " + ", ".join(
                f"{k} {v[-1]:.0f} ms" for k, v in figures.items() if run), flush=True)
    finally:
        server.close()
    table = lines({args.size: figures})
    print("\n".join(table))
    if not args.no_write:
        write_section(RESULTS, table, f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
        print(f"wrote {RESULTS}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
