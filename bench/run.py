"""`make bench`: todo-tui at 30, 1 000, 10 000 and 100 000 tasks, timed in a real terminal.

Each size gets a demo database (`todo-tui demo`). The app runs in a private tmux server at
120x35 and every figure is the time from launch, or from a keystroke, until the expected text
is on screen (see bench/tmux.py), over several runs after a warm-up: median, min and max.
An empty Textual app is measured the same way; every figure is also given as a ratio to its
first frame (times) or its peak RSS (memory). Writes bench/results.md.

    python -m bench.run [--sizes 30,1000,10000,100000] [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path

from bench import marks
from bench.tmux import CLOCK, App, Server, Timeout

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.md"
SIZES = [30, 1_000, 10_000, 100_000]
PANES = r"─ Lists ─"
ROW = r"│ \[[ x]\] \S"
HEADER = re.compile(r"todo-tui  ·  (?P<name>.+?)  ·  (?P<n>[0-9]+) tasks?")
RARE = "Inspect the zeppelin hangar"


@dataclass
class Metric:
    """One figure: its runs, and how it reads."""

    label: str
    unit: str  # "ms" or "MiB"
    values: dict[int, list[float]] = field(default_factory=dict)  # size -> runs

    def add(self, size: int, value: float) -> None:
        self.values.setdefault(size, []).append(value)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# --- the environment the app runs in ------------------------------------------------------


def app_env(home: Path) -> dict[str, str]:
    """A home of its own; no daily backup (a 150 MB copy at the first start of a day)."""
    return {
        "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"), "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"), "TODO_TUI_BACKUPS": "0",
        "TODO_TUI_LOG": str(home / "todo-tui.log"), "LANG": "C.UTF-8",
        "TERM": "xterm-256color", "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }


def todo(db: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "todo_tui", "--db", str(db), *args],
                          env=env, capture_output=True, text=True, check=True, cwd=ROOT)


def seed(db: Path, size: int, env: dict[str, str]) -> float:
    started = time.monotonic()
    todo(db, "demo", "--tasks", str(size), "--seed", "1", env=env)
    todo(db, "add", "--verbatim", RARE, env=env)
    return time.monotonic() - started


# --- reading the screen -----------------------------------------------------------------------


def header_total(screen: str) -> tuple[str, int] | None:
    found = HEADER.search(screen)
    return None if found is None else (found["name"].strip(), int(found["n"]))


def shows(name: str, at_least: int = 1) -> Callable[[str], bool]:
    """The header names list `name` with at least `at_least` tasks, and rows are drawn."""
    row = re.compile(ROW, re.M)

    def test(screen: str) -> bool:
        found = header_total(screen)
        return (found is not None and found[0] == name and found[1] >= at_least
                and row.search(screen) is not None)

    return test


# --- the runs -----------------------------------------------------------------------------------


def empty_frame(server: Server, env: dict[str, str], ms: list[float],
                rss: list[float]) -> None:
    """One launch of the empty Textual app: its first frame and its peak RSS."""
    app = server.launch([sys.executable, str(ROOT / "bench" / "empty_app.py")], env)
    try:
        ms.append(app.wait_for("empty app ready") * 1000)
        app.settle(0.5)
        rss.append(app.peak_rss_kib() / 1024)
    finally:
        app.stop()


def first_frame(server: Server, argv: list[str], env: dict[str, str],
                panes: Metric, rows: Metric, size: int) -> None:
    app = server.launch(argv, env)
    try:
        panes.add(size, app.wait_for(PANES) * 1000)
        rows.add(size, app.wait_for(ROW) * 1000)
    finally:
        app.stop()


def interact(server: Server, argv: list[str], env: dict[str, str], size: int,
             metrics: dict[str, Metric], run: int, record: bool) -> None:
    """One session: move, hold j, open All, search, capture; RSS over all of it."""
    app = server.launch(argv, env)

    def add(key: str, value: float) -> None:
        if record:
            metrics[key].add(size, value)

    try:
        app.wait_for(ROW)
        app.settle(0.5)

        # quick capture in Today (due today there): enter to the new row on screen, wherever
        # the list puts it (the page that holds it is loaded and the row selected)
        title = f"Bench cap {size}-{run}"
        app.keys("a")
        app.settle()
        app.keys(title, literal=True)
        app.settle()
        add("capture", app.wait_for(r"│ \[ \] " + re.escape(title), app.keys("Enter")) * 1000)
        app.settle(0.8)  # the change watcher's reload too
        app.keys("g")
        start = app.settle()
        today_total = (header_total(start) or ("", 0))[1]

        # cursor: one step, to the screen one step makes
        after_one = _reference(app, ["j"], ["k"])
        add("move", app.wait(lambda s: s == after_one, app.keys("j"), what="one j") * 1000)
        # holding j: 40 presses 33 ms apart (a keyboard's repeat), lag after the last
        app.keys("g")
        app.settle()
        held = min(40, today_total - 1)
        after_held = _reference(app, ["j"] * held, ["g"])
        last = 0.0
        for _ in range(held):
            last = app.keys("j")
            time.sleep(0.033)
        add("hold", app.wait(lambda s: s == after_held, last, what="held j") * 1000)

        # open a list: All, from the lists pane (Upcoming is opened first, untimed)
        app.keys("BTab")
        app.settle()
        app.keys("j")
        app.wait(lambda s: (header_total(s) or ("",))[0] == "Upcoming", CLOCK())
        app.settle()
        add("open", app.wait(shows("All"), app.keys("j"), what="All") * 1000)
        app.settle()
        all_total = (header_total(app.screen()) or ("", 0))[1]

        # search keystrokes: from a search that finds nothing, backspace to one that does
        for key, word, at_least in (("rare", "zeppelin", 1), ("common", "the", 100),
                                    ("medium", "check", 1)):
            app.keys("/", literal=True)
            app.settle()
            app.keys(word + "q", literal=True)
            app.wait(lambda s: "Nothing here matches" in s, CLOCK(), what="no match")
            app.settle()
            want = at_least if all_total >= 1000 else 1
            add(key, app.wait(shows("All", want), app.keys("BSpace"), what=word) * 1000)
            app.settle()
            app.keys("Escape")
            app.wait(shows("All", all_total), CLOCK(), what="the whole list again")
            app.settle()

        add("rss", app.peak_rss_kib() / 1024)
    except Timeout as failed:
        print(f"    run {run} at {size}: {failed}\n{failed.screen}", file=sys.stderr)
        raise
    finally:
        app.stop()


def _reference(app: App, keys: list[str], back: list[str]) -> str:
    """The screen `keys` lead to (sent at once, waited for), then `back` to where it was."""
    before = app.settle()
    app.keys(*keys)
    after = app.settle(0.4)
    app.keys(*back)
    app.wait(lambda s: s == before, CLOCK(), what="the screen before")
    app.settle()
    return after


def cold_add(db: Path, env: dict[str, str], metric: Metric, size: int, run: int) -> None:
    started = time.perf_counter()
    todo(db, "add", f"cold start {run} tomorrow #Errands", env=env)
    metric.add(size, (time.perf_counter() - started) * 1000)


def cold_undo(db: Path, env: dict[str, str], metric: Metric, size: int) -> None:
    """`todo-tui undo --yes` from the shell: reverts the newest change (a cold add)."""
    started = time.perf_counter()
    todo(db, "undo", "--yes", env=env)
    metric.add(size, (time.perf_counter() - started) * 1000)


# --- the report ---------------------------------------------------------------------------------


def machine() -> list[tuple[str, str]]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    tmux = subprocess.run(["tmux", "-V"], capture_output=True, text=True).stdout.strip()
    return [
        ("CPU", f"{cpu}, {os.cpu_count()} cores"), ("RAM", ram),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()), ("Textual", metadata.version("textual")),
        ("SQLAlchemy", metadata.version("sqlalchemy")), ("SQLite", sqlite3.sqlite_version),
        ("tmux", tmux), ("load average at start", " ".join(f"{x:.2f}" for x in os.getloadavg())),
    ]


def cell(values: list[float], unit: str, floor: float) -> str:
    if not values:
        return "-"
    mid = median(values)
    digits = 0 if unit == "ms" and mid >= 10 else 1
    ratio = f" ×{mid / floor:.2f}" if floor else ""
    return (f"{mid:.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f}) {unit}"
            f"{ratio}")


def table(metrics: list[Metric], sizes: list[int], floor: Metric, floor_rss: float) -> list[str]:
    """Times read against the empty app launched in the same size's phase of the run (the
    machine changes over a run); memory against the empty app's peak RSS."""
    head = "| figure | " + " | ".join(f"{s:,} tasks".replace(",", " ") for s in sizes) + " |"
    lines = [head, "|---" * (len(sizes) + 1) + "|"]
    for metric in [floor, *metrics]:
        cells = [cell(metric.values.get(s, []), metric.unit,
                      floor_rss if metric.unit == "MiB" else median(floor.values.get(s, [])))
                 for s in sizes]
        lines.append(f"| {metric.label} | " + " | ".join(cells) + " |")
    return lines


def verdicts(by: dict[str, Metric], sizes: list[int], floor: Metric) -> list[str]:
    big, small = max(sizes), min(sizes)
    empty = {"ms": median(floor.values.get(big, []))}  # launched in the same phase

    def m(key: str, size: int) -> float:
        return median(by[key].values.get(size, []))

    checks = [
        ("first frame with rows at the largest size within 15% of the smallest",
         m("rows", big) <= 1.15 * m("rows", small),
         f"{m('rows', big):.0f} ms vs {m('rows', small):.0f} ms "
         f"(×{m('rows', big) / m('rows', small):.2f})"),
        ("first frame with rows at most 2.5× the empty app's",
         m("rows", big) <= 2.5 * empty["ms"], f"×{m('rows', big) / empty['ms']:.2f}"),
        ("panes within 1.3× the empty app's first frame",
         m("panes", big) <= 1.3 * empty["ms"], f"×{m('panes', big) / empty['ms']:.2f}"),
        ("opening the All list within 100 ms", m("open", big) <= 100,
         f"{m('open', big):.0f} ms"),
        ("holding j: the cursor stops at once (lag after release ≤ 50 ms)",
         m("hold", big) <= 50, f"{m('hold', big):.0f} ms"),
    ]
    for key in ("rare", "common", "medium"):
        checks.append((f"{by[key].label} within 100 ms",
                       m(key, big) <= 100, f"{m(key, big):.0f} ms"))
    checks += [
        ("quick capture to visible under 50 ms", m("capture", big) <= 50,
         f"{m('capture', big):.0f} ms"),
        ("peak RSS at the largest size within 30% of the smallest",
         m("rss", big) <= 1.3 * m("rss", small),
         f"{m('rss', big):.1f} MiB vs {m('rss', small):.1f} MiB "
         f"(×{m('rss', big) / m('rss', small):.2f})"),
    ]
    return [f"| {what} | {'met' if ok else '**not met**'} | {detail} |"
            for what, ok, detail in checks]


# --- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--runs", type=int, default=5, help="measured first-frame runs")
    parser.add_argument("--sessions", type=int, default=3, help="measured interactive runs")
    parser.add_argument("--keep", metavar="DIR", help="keep (and reuse) databases in DIR")
    parser.add_argument("--no-write", action="store_true", help="do not write results.md")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    if shutil.which("tmux") is None:
        print("make bench needs tmux", file=sys.stderr)
        return 2

    # Bytecode, as an installed package has it (pip compiles it; Python writes it at the first
    # run): without it, where PYTHONDONTWRITEBYTECODE is set, every launch compiles the app.
    compileall.compile_dir(ROOT / "todo_tui", quiet=1)
    began = time.monotonic()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="todo-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = app_env(work / "home")
    info = machine()
    print("\n".join(f"{k}: {v}" for k, v in info))

    metrics = {
        "panes": Metric("first frame: the panes", "ms"),
        "rows": Metric("first frame with rows", "ms"),
        "open": Metric("open the All list (a keystroke)", "ms"),
        "move": Metric("cursor move (j), detail updated", "ms"),
        "hold": Metric("holding j (40 × 33 ms): lag after the last", "ms"),
        "rare": Metric("search keystroke, rare word (1 match)", "ms"),
        "common": Metric("search keystroke, common word (\"the\")", "ms"),
        "medium": Metric("search keystroke, \"check\"", "ms"),
        "capture": Metric("quick capture in Today: enter to the row on screen", "ms"),
        "cold": Metric("`todo-tui add`, cold start", "ms"),
        "undo": Metric("`todo-tui undo --yes` (of an add), cold start", "ms"),
        "rss": Metric("peak RSS (a session of all the above)", "MiB"),
        # issue 17 (bench/marks.py), at the sizes of 10 000 tasks and more
        **{key: Metric(label, "ms") for key, label in marks.LABELS.items()},
    }
    seeded: dict[int, float] = {}
    for size in sizes:
        source = work / f"seed-{size}.db"
        if not source.exists():
            print(f"seeding {size} tasks…", flush=True)
            seeded[size] = seed(source, size, env)
    app_argv = [sys.executable, "-m", "todo_tui", "--db"]
    server = Server()
    try:
        # The floor is measured between the app's own launches (one empty-app launch before
        # each measured first frame, at every size), so both see the same machine: a floor
        # taken once, at a moment of load, would make every ratio look better or worse.
        floor_ms: list[float] = []
        floor_rss: list[float] = []
        floor = Metric("empty Textual app: first frame (launched in the same phase)", "ms")
        empty_frame(server, env, [], [])  # warm-up
        for size in sizes:
            db = work / f"run-{size}.db"
            shutil.copyfile(work / f"seed-{size}.db", db)
            # the seeding and this copy leave up to a few hundred MB for the kernel to write
            # back: written now, not during the measurements
            os.sync()
            argv = [*app_argv, str(db)]
            print(f"{size} tasks: first frames…", flush=True)
            for run in range(args.runs + 1):
                if run == 0:  # warm-up: caches, and the day's first-open checks
                    first_frame(server, argv, env, Metric("", "ms"), Metric("", "ms"), size)
                    continue
                empty_frame(server, env, floor_ms, floor_rss)
                floor.add(size, floor_ms[-1])
                first_frame(server, argv, env, metrics["panes"], metrics["rows"], size)
            print(f"{size} tasks: sessions…", flush=True)
            for run in range(args.sessions + 1):
                interact(server, argv, env, size, metrics, run, record=run > 0)
            for run in range(args.runs):
                cold_add(db, env, metrics["cold"], size, run)
            for _run in range(args.runs):  # each undoes one of the cold adds, newest first
                cold_undo(db, env, metrics["undo"], size)
            if size >= marks.MARKED:
                print(f"{size} tasks: marks…", flush=True)
                found: dict[str, list[float]] = {}
                marked_db = work / f"marks-{size}.db"
                for run in range(args.sessions + 1):
                    shutil.copyfile(work / f"seed-{size}.db", marked_db)
                    marks.add_marked(marked_db)
                    marks.session(server, [*app_argv, str(marked_db)], env, size, found,
                                  record=run > 0)
                for key, values in found.items():
                    for value in values:
                        metrics[key].add(size, value)
            row = {k: round(median(m.values.get(size, [])), 1) for k, m in metrics.items()}
            print(f"{size} tasks: {row}", flush=True)
        empty = {"ms": median(floor_ms), "MiB": median(floor_rss), "min": min(floor_ms),
                 "max": max(floor_ms), "rss_min": min(floor_rss), "rss_max": max(floor_rss)}
        print(f"empty Textual app: first frame {empty['ms']:.0f} ms, RSS {empty['MiB']:.1f} MiB")
    finally:
        server.close()

    lines = table(list(metrics.values()), sizes, floor, empty["MiB"])
    print("\n".join(lines))
    report = [
        "# todo-tui benchmark",
        "",
        f"Made by `make bench` on {datetime.now().astimezone():%Y-%m-%d %H:%M %Z} in "
        f"{time.monotonic() - began:.0f} s. Each cell: median (min–max) over {args.runs} "
        f"launches (first frames, cold starts) or {args.sessions} sessions (the rest), "
        "after a warm-up; ×N is the ratio to the empty Textual app's first frame (times; "
        "the empty app launched in the same size's phase, one launch before each of the "
        "app's: the machine's speed drifts over a run) or peak RSS (memory).",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in info],
        "",
        "## Floor: an empty Textual app",
        "",
        f"- first frame: {empty['ms']:.0f} ms ({empty['min']:.0f}–{empty['max']:.0f}), over "
        f"{len(floor_ms)} launches, one just before each measured first frame of the app",
        f"- peak RSS: {empty['MiB']:.1f} MiB ({empty['rss_min']:.1f}–{empty['rss_max']:.1f})",
        "",
        "## Figures",
        "",
        *lines,
        "",
        "## Targets (issue 5), at the largest size",
        "",
        "| target | | measured |",
        "|---|---|---|",
        *verdicts(metrics, sizes, floor),
        "",
        "## How it is measured",
        "",
        "- Databases: `todo-tui demo --tasks N --seed 1` plus one task titled "
        f"\"{RARE}\" (seeding took "
        + ", ".join(f"{s:,}: {t:.1f} s".replace(",", " ") for s, t in seeded.items())
        + "). Each size runs on a copy; captures add a task per session.",
        "- The app runs in a private tmux server (its own socket and config) at 120x35, "
        "TERM=xterm-256color, with its own HOME and `TODO_TUI_BACKUPS=0` (no daily "
        "snapshot). The screen is polled every 4 ms over one tmux control-mode connection; "
        "a time is when the first capture showing the expected text came back.",
        "- First frame: from the exec of `python -m todo_tui --db FILE` to the panes "
        f"(`{PANES}`) and to the first task row (`{ROW}`), Today being the list it opens on.",
        "- Cursor move and holding j: the expected screen is first made by sending the keys "
        "at once and waiting for the screen to settle; then the timed keys are sent and the "
        "time runs until the screen is exactly that one (the detail pane shows each task's id, "
        "so a cursor one row off never matches).",
        "- Open a list: in the lists pane, `j` from Upcoming to All (80% of the tasks are "
        "open); until the header names All with its count and rows are drawn.",
        "- Search keystroke: the box holds the word plus `q` (no match); the timed key is "
        "backspace, until All's header shows the matches (at least 100 for \"the\") and rows; "
        "escape then clears it.",
        "- Quick capture: in Today (the list the app opens on; the popup makes the task due "
        "today), `a`, the title typed, then the timed `enter`, until the new row is on screen "
        "(the list loads the page that holds it, far down at 100 000 tasks, and selects it).",
        "- `todo-tui add`: wall time of the whole command, from a shell.",
        "- Peak RSS: the larger of VmRSS sampled every 50 ms and VmHWM, at the end of a "
        "session.",
        "- Marks (bench/marks.py, at 10 000 tasks and more): on a copy with 10 000 more "
        f"tasks titled \"{marks.WORD} N\", `V` in All until the header counts them all; "
        "then the search for those, `V` until it says 10 000 marked; `D`, `+2d`, and the "
        "timed `enter` until the notice says they were rescheduled; the timed `u` until it "
        "says it undid it.",
        "",
        "Reproduce: `make bench` (about 5 minutes), or `python -m bench.run --sizes "
        "30,100000 --runs 3 --sessions 2` for a quicker look.",
        "",
    ]
    if not args.no_write:
        RESULTS.write_text("\n".join(report), encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(ROOT)}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
