"""The import figure of `make bench` (issue 18): N taskwarrior tasks in, time and memory.

For each size a `task export`-shaped file is written (pending, completed and deleted tasks,
dotted projects, tags, priorities, dues, annotations, a user-defined attribute), then, from a
shell, on a fresh database: `todo-tui import FILE` (wall time, peak RSS of the process), the
same import again (all unchanged), and `todo-tui undo --yes` (removes the import). Also the
size of the import's entry in the history. Writes bench/imports.md.

    python -m bench.imports [--sizes 10000,100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.run import ROOT, app_env, machine

RESULTS = ROOT / "bench" / "imports.md"
KEPT = "<!-- kept by python -m bench.imports -->"
SIZES = [10_000, 100_000]
WORDS = ("call email fix write plan book buy check send review pay clean order read sort "
         "update the report invoice garden car dentist taxes meeting slides letter bike").split()
PROJECTS = ["home", "home.garden", "work", "work.reports", "errands", "health", "money", None]
TAGS = ["phone", "urgent", "waiting", "someday", "office", "shop", "online", "family"]


def write_export(path: Path, size: int, seed: int = 1) -> None:
    """A file shaped like `task export`: a JSON array, one task a line."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    stamp = "%Y%m%dT%H%M%SZ"
    with path.open("w", encoding="utf-8") as out:
        out.write("[\n")
        for index in range(size):
            entry = start + timedelta(minutes=rng.randrange(500_000))
            task: dict[str, object] = {
                "id": index + 1,
                "description": " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))),
                "entry": entry.strftime(stamp), "modified": entry.strftime(stamp),
                "status": "pending", "uuid": str(uuid.UUID(int=rng.getrandbits(128))),
                "urgency": round(rng.random() * 10, 3),
            }
            roll = rng.random()
            if roll < 0.15:
                task["status"] = "completed"
                task["end"] = (entry + timedelta(days=2)).strftime(stamp)
            elif roll < 0.2:
                task["status"] = "deleted"
                task["end"] = (entry + timedelta(days=1)).strftime(stamp)
            project = rng.choice(PROJECTS)
            if project:
                task["project"] = project
            tags = rng.sample(TAGS, rng.randint(0, 3))
            if tags:
                task["tags"] = tags
            if rng.random() < 0.4:
                task["priority"] = rng.choice("HML")
            if rng.random() < 0.5:
                task["due"] = (entry + timedelta(days=rng.randint(1, 60))).strftime(stamp)
            if rng.random() < 0.2:
                task["annotations"] = [{"entry": entry.strftime(stamp),
                                        "description": "note " + rng.choice(WORDS)}]
            if rng.random() < 0.1:
                task["estimate"] = rng.randint(1, 8)
            out.write(("," if index else "") + json.dumps(task) + "\n")
        out.write("]\n")


def run(db: Path, args: list[str], env: dict[str, str]) -> tuple[float, float, str, float]:
    """(wall seconds, peak RSS MiB, stdout, CPU seconds) of one `todo-tui` command (its
    output is a few lines: read after it ends, so wait4 gives this process's own figures).
    CPU time is given too: on a shared machine the wall time says more about the others."""
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen([sys.executable, "-m", "todo_tui", "--db", str(db), *args],
                                   env=env, stdout=out, stderr=err, text=True, cwd=ROOT)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode:
            raise SystemExit(f"todo-tui {' '.join(map(str, args))} failed: {err.read()}")
        return wall, usage.ru_maxrss / 1024, out.read(), usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.imports", description=__doc__)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--keep", metavar="DIR", help="keep the files in DIR")
    parser.add_argument("--no-write", action="store_true", help="do not write imports.md")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="todo-import-"))
    work.mkdir(parents=True, exist_ok=True)
    env = app_env(work / "home")
    rows = []
    for size in sizes:
        source = work / f"tw-{size}.json"
        if not source.exists():
            write_export(source, size)
        db = work / f"import-{size}.db"
        for stale in work.glob(f"import-{size}.db*"):
            stale.unlink()
        run(db, ["list"], env)  # the schema made: the import alone is timed
        os.sync()
        first = run(db, ["import", source], env)
        again = run(db, ["import", source], env)
        with sqlite3.connect(db) as connection:
            payload = connection.execute(
                "SELECT length(payload) FROM operations ORDER BY id DESC LIMIT 1").fetchone()[0]
        undo = run(db, ["undo", "--yes"], env)
        row = {"size": size, "file_mb": source.stat().st_size / 2**20,
               "import_s": first[0], "import_rss": first[1], "summary": first[2].splitlines()[0],
               "import_cpu": first[3], "load": os.getloadavg()[0],
               "again_s": again[0], "again_rss": again[1], "again_cpu": again[3],
               "undo_s": undo[0], "undo_cpu": undo[3], "undo_rss": undo[1],
               "log_kb": payload / 1024}
        print(row, flush=True)
        rows.append(row)
    if args.no_write:
        return 0
    # what follows KEPT in the file (a before/after note written by hand) is kept
    kept = ""
    if RESULTS.exists() and KEPT in RESULTS.read_text(encoding="utf-8"):
        kept = KEPT + RESULTS.read_text(encoding="utf-8").split(KEPT, 1)[1]
    report = [
        "# todo-tui benchmark: import (issue 18)",
        "",
        f"Made by `python -m bench.imports` (part of `make bench`) on "
        f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}. One run each, from a shell, on a "
        "fresh SQLite database.",
        "",
        *[f"- {k}: {v}" for k, v in machine()],
        "",
        "| taskwarrior tasks | file | `todo-tui import` (CPU time; load average after) | peak RSS "
        "| again, unchanged (CPU) | peak RSS | `todo-tui undo --yes` (CPU) | peak RSS "
        "| its entry in the history |",
        "|---|---|---|---|---|---|---|---|---|",
        *[f"| {r['size']:,} | {r['file_mb']:.1f} MB | {r['import_s']:.1f} s "
          f"({r['import_cpu']:.1f} s; {r['load']:.1f}) | "
          f"{r['import_rss']:.0f} MiB | {r['again_s']:.1f} s ({r['again_cpu']:.1f} s) | "
          f"{r['again_rss']:.0f} MiB | {r['undo_s']:.1f} s ({r['undo_cpu']:.1f} s) | "
          f"{r['undo_rss']:.0f} MiB | {r['log_kb']:.1f} kB |".replace(",", " ") for r in rows],
        "",
        "Target (issue 18): 100 000 tasks in under 30 s, with memory that does not grow with "
        "the file. The file is read one task at a time (todo_tui/transfer/jsonstream.py) and "
        "written 1 000 at a time (multi-row INSERTs for the tasks and for their tags, with a "
        "16 MiB page cache; the ids an import gives sort in the order they are given, so the "
        "id indexes are written in one sweep); the history keeps a seed, a count and a digest "
        "a 500 tasks, not the tasks.",
        "",
        "Reproduce: `python -m bench.imports` (or `--sizes 100000`).",
        "",
    ]
    if kept:
        report.append(kept.rstrip("\n") + "\n")
    RESULTS.write_text("\n".join(report), encoding="utf-8")
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
