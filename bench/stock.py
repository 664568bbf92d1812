"""The stock Textual widgets measured again against the line-drawn ones that replaced them.

    .venv/bin/python -m bench.stock [--runs 5] [--keystrokes 3] [--only lists,keys,tasks]
                                    [--sizes 1000,100000] [--out FILE] [--raw FILE]

Three replacements, each beside the stock widget in the same small app (bench/stock_app.py:
the main screen's layout, the same data, no database):

1. lists:  CategoryPane (LineView) vs OptionList, 9 entries: first frame; a highlight move
   (down).
2. keys:   KeyBar vs Footer, 3 focusable panes with the real panes' bindings: first frame (the
   panes, and the key hints); a focus change (tab).
3. tasks:  TaskList (LineView, pages of 200) vs OptionList holding every row, at 1 000 and
   100 000 fake rows: first frame with rows; a cursor move (down); peak RSS. A launch that
   shows no row within 30 s is recorded as "> 30 s" and that variant is not launched again.

Measured as `make bench` measures (bench/tmux.py): each app runs in a private tmux server at
120x35; a time runs from the exec (first frames) or from the send-keys (keystrokes) until a
capture shows the expected screen (4 ms polls, an upper bound). A keystroke's expected screen,
colours included (`capture-pane -e`: a highlight is only a colour), is made first by sending
the key, waiting for the screen to settle and going back; then the key is sent again, timed.
Per scenario, `--runs` rounds after a warm-up round; in each round every variant is launched
once, in alternating order (the machine is shared: its speed drifts), with the empty Textual
app (bench/empty_app.py) launched in the same round as a floor. Each launch times
`--keystrokes` keystrokes. Cells: median (min–max); stock − ours is paired, launch by launch
(keystroke by keystroke) within a round, so that the drift cancels out. The verdict keeps a
replacement where its median paired saving is more than 5 ms of a first frame or more than
10 ms per keystroke. Prints a markdown section; `--out FILE` also writes it to FILE, `--raw
FILE` every value as JSON.

The machine's load shows in every figure: run it on a quiet machine, or with more `--runs`.
"""

from __future__ import annotations

import argparse
import compileall
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bench.run import app_env, machine
from bench.tmux import CLOCK, App, Server, Timeout

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "bench" / "stock_app.py"
EMPTY = ROOT / "bench" / "empty_app.py"
LIMIT_S = 30.0
FIRST_FRAME_MS = 5.0  # what a replacement must save to be kept: of the first frame
KEYSTROKE_MS = 10.0  # or per keystroke


class ColourApp(App):
    """An app whose screen is read with its colours (a moved highlight changes only those)."""

    def screen(self) -> str:
        return "\n".join(self.server.command(f"capture-pane -p -e -t {self.pane}"))


def coloured(app: App) -> ColourApp:
    return ColourApp(app.server, app.name, app.pane, app.pid, app.started)


@dataclass
class Scenario:
    """One replacement and the stock widget it replaced, in one situation."""

    name: str  # stock_app.py's scenario
    title: str
    variants: dict[str, str]  # "ours" / "stock" -> the widget's name
    frames: dict[str, Callable[[str], bool]]  # first-frame figure -> what the screen shows
    key: str  # the timed keystroke
    back: str  # the key that undoes it
    key_label: str
    size: int = 0
    rss: bool = False


def last_line_has(*words: str) -> Callable[[str], bool]:
    def test(screen: str) -> bool:
        lines = [line for line in screen.splitlines() if line.strip()]
        return bool(lines) and all(word in lines[-1] for word in words)

    return test


def contains(text: str) -> Callable[[str], bool]:
    return lambda screen: text in screen


def scenarios(sizes: list[int]) -> list[Scenario]:
    found = [
        Scenario("lists", "1. Lists pane: 9 entries", {"ours": "CategoryPane (LineView)",
                                                       "stock": "OptionList"},
                 {"first frame: entries": contains("Errands")}, "Down", "Up",
                 "highlight move (down)"),
        Scenario("keys", "2. Key bar: 3 focusable panes", {"ours": "KeyBar",
                                                          "stock": "Footer"},
                 {"first frame: panes": contains("detail pane"),
                  "first frame: key hints": last_line_has("Edit", "Help")},
                 "Tab", "BTab", "focus change (tab)"),
    ]
    found += [
        Scenario("tasks", f"3. Task list: {n:,} rows".replace(",", " "),
                 {"ours": "TaskList (LineView)", "stock": "OptionList"},
                 {"first frame with rows": contains("[ ] Fake task 0")}, "Down", "Up",
                 "cursor move (down)", size=n, rss=True)
        for n in sizes
    ]
    return found


@dataclass
class Figures:
    """A scenario's runs: figure -> variant -> values (None: over the limit)."""

    values: dict[str, dict[str, list[float | None]]] = field(default_factory=dict)

    def add(self, figure: str, variant: str, value: float | None) -> None:
        self.values.setdefault(figure, {}).setdefault(variant, []).append(value)

    def get(self, figure: str, variant: str) -> list[float | None]:
        return self.values.get(figure, {}).get(variant, [])


def settle(app: App, quiet: float = 0.3) -> str:
    return app.settle(quiet)


def keystrokes(app: ColourApp, scenario: Scenario, count: int) -> list[float]:
    """`count` timed keystrokes, each to the screen it was first seen to lead to."""
    before = settle(app)
    # an app still busy after its first frame answers late: wait for the change, then settle
    app.wait(lambda s: s != before, app.keys(scenario.key), timeout=LIMIT_S,
             what=f"any change after {scenario.key}")
    after = settle(app, 0.4)
    app.keys(scenario.back)
    app.wait(lambda s: s == before, CLOCK(), what="the screen before")
    settle(app)
    times = []
    for _ in range(count):
        times.append(app.wait(lambda s: s == after, app.keys(scenario.key),
                              what=f"the screen after {scenario.key}") * 1000)
        settle(app, 0.2)
        app.keys(scenario.back)
        app.wait(lambda s: s == before, CLOCK(), what="the screen before")
        settle(app, 0.2)
    return times


def launch(server: Server, env: dict[str, str], scenario: Scenario, variant: str,
           figures: Figures, count: int, record: bool) -> bool:
    """One launch of one variant; False when it passed the limit (not to be run again)."""
    argv = [sys.executable, str(APP), scenario.name, variant]
    if scenario.size:
        argv.append(str(scenario.size))
    app = coloured(server.launch(argv, env))
    plain = App(app.server, app.name, app.pane, app.pid, app.started)
    try:
        for figure, test in scenario.frames.items():
            try:
                # polled without colours, as bench/run.py does
                ms = plain.wait(test, app.started, timeout=LIMIT_S, what=figure) * 1000
            except Timeout:
                if alive_for_limit(app):  # recorded even in the warm-up: not launched again
                    figures.add(figure, variant, None)
                    return False
                raise
            if record:
                figures.add(figure, variant, ms)
        times = keystrokes(app, scenario, count)
        if record:
            for ms in times:
                figures.add(scenario.key_label, variant, ms)
            if scenario.rss:
                figures.add("peak RSS", variant, max(app.peak_rss_kib(),
                                                     plain.peak_rss_kib()) / 1024)
        return True
    finally:
        app.stop()


def alive_for_limit(app: App) -> bool:
    """Whether the launch ran (and is still running) past the limit, rather than failing."""
    from bench.tmux import alive

    return alive(app.pid) and CLOCK() - app.started >= LIMIT_S


def making_rows(n: int) -> list[float]:
    """How long making `n` fake tasks takes (each variant does it before its first frame)."""
    sys.path.insert(0, str(APP.parent))
    try:
        from stock_app import fake_tasks  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    times = []
    for _ in range(3):
        started = time.perf_counter()
        fake_tasks(n, datetime.now().date())
        times.append((time.perf_counter() - started) * 1000)
    return times


def empty(server: Server, env: dict[str, str], figures: Figures, record: bool) -> None:
    app = server.launch([sys.executable, str(EMPTY)], env)
    try:
        ms = app.wait_for("empty app ready") * 1000
        if record:
            figures.add("empty Textual app: first frame", "floor", ms)
    finally:
        app.stop()


# --- the report ---------------------------------------------------------------------------------


def cell(values: list[float | None], unit: str = "ms") -> str:
    if not values:
        return "-"
    if any(v is None for v in values):
        return f"> {LIMIT_S:.0f} s ({len(values)} launch{'es' if len(values) > 1 else ''})"
    real = [v for v in values if v is not None]
    mid = statistics.median(real)
    digits = 0 if mid >= 10 else 1
    return f"{mid:.{digits}f} ({min(real):.{digits}f}–{max(real):.{digits}f}) {unit}"


def median_or_limit(values: list[float | None]) -> float | None:
    """The median; inf when a launch passed the limit; None without values."""
    if not values:
        return None
    if any(v is None for v in values):
        return float("inf")
    return statistics.median([v for v in values if v is not None])


def paired(figures: Figures, figure: str) -> list[float] | None:
    """stock − ours, launch by launch (the i-th of each were launched in the same round, one
    right after the other): the machine's drift between rounds cancels out. None when a
    launch passed the limit or the runs do not pair up."""
    ours, stock = figures.get(figure, "ours"), figures.get(figure, "stock")
    if not ours or len(ours) != len(stock) or None in ours or None in stock:
        return None
    return [b - a for a, b in zip(ours, stock, strict=True)]  # type: ignore[operator]


def saving(figures: Figures, figure: str) -> float | None:
    """What ours saves: the median of the paired differences (inf: stock passed the limit)."""
    diffs = paired(figures, figure)
    if diffs is not None:
        return statistics.median(diffs)
    ours = median_or_limit(figures.get(figure, "ours"))
    stock = median_or_limit(figures.get(figure, "stock"))
    if ours is None or stock is None or ours == float("inf"):
        return None
    return float("inf") if stock == float("inf") else stock - ours


def verdict(scenario: Scenario, figures: Figures) -> str:
    """Keep ours where it saves > 5 ms of a first frame or > 10 ms per keystroke."""
    saved: list[str] = []
    for figure in [*scenario.frames, scenario.key_label]:
        saved_ms = saving(figures, figure)
        if saved_ms is None:
            continue
        limit = KEYSTROKE_MS if figure == scenario.key_label else FIRST_FRAME_MS
        if saved_ms == float("inf"):
            saved.append(f"{figure}: the stock widget takes > {LIMIT_S:.0f} s")
        elif saved_ms > limit:
            saved.append(f"{figure}: saves {saved_ms:.0f} ms (> {limit:.0f} ms)")
    if saved:
        return "keep the replacement (" + "; ".join(saved) + ")"
    return ("the replacement saves no noticeable time here (≤ "
            f"{FIRST_FRAME_MS:.0f} ms of first frame, ≤ {KEYSTROKE_MS:.0f} ms per keystroke)")


def report(done: list[tuple[Scenario, Figures]], floor: Figures, args: argparse.Namespace,
           info: list[tuple[str, str]], took: float) -> list[str]:
    lines = [
        "## Stock widgets measured again",
        "",
        f"Made by `python -m bench.stock --runs {args.runs} --keystrokes {args.keystrokes}` on "
        f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z} in {took:.0f} s; "
        + ", ".join(f"{k}: {v}" for k, v in info) + ". "
        "Each cell: median (min–max) over the launches (first frames; one warm-up round "
        "not counted) or over every timed keystroke of them. The variants were launched in "
        "alternating order, round by round; the last column is the median (min to max) of "
        "the differences launch by launch (keystroke by keystroke), each pair launched one "
        "right after the other, so that the machine's drift cancels out. "
        f"Floor, the empty Textual app launched once a round: "
        f"{cell(floor.get('empty Textual app: first frame', 'floor'))}.",
        "",
        "| situation | figure | ours | stock | stock − ours, paired |",
        "|---|---|---|---|---|",
    ]
    for scenario, figures in done:
        names = scenario.variants
        first = True
        for figure in figures.values:
            unit = "MiB" if figure == "peak RSS" else "ms"
            if "both" in figures.values[figure]:
                both = cell(figures.get(figure, "both"), unit)
                lines.append(f"| | {figure} | {both} | {both} | (the same) |")
                continue
            ours, stock = figures.get(figure, "ours"), figures.get(figure, "stock")
            a, b = median_or_limit(ours), median_or_limit(stock)
            diffs = paired(figures, figure)
            if a is None or b is None or a == float("inf"):
                diff = "-"
            elif b == float("inf"):
                diff = f"> {LIMIT_S - a / 1000:.0f} s"
            elif diffs is not None:
                mid = statistics.median(diffs)
                diff = f"{mid:+.1f} ({min(diffs):+.0f} to {max(diffs):+.0f}) {unit}"
            else:
                diff = f"{b - a:+.1f} {unit}"
            head = (f"{scenario.title}: {names['ours']} vs {names['stock']}" if first else "")
            lines.append(f"| {head} | {figure} | {cell(ours, unit)} | {cell(stock, unit)} "
                         f"| {diff} |")
            first = False
    lines += ["", "Verdicts (by the figures above):", ""]
    lines += [f"- {s.title}: {verdict(s, f)}" for s, f in done]
    return lines


# --- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stock", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="measured launches per variant")
    parser.add_argument("--keystrokes", type=int, default=3, help="timed keys per launch")
    parser.add_argument("--only", default="lists,keys,tasks", help="scenarios to run")
    parser.add_argument("--sizes", default="1000,100000", help="rows for the task list")
    parser.add_argument("--out", metavar="FILE", help="also write the markdown section here")
    parser.add_argument("--raw", metavar="FILE", help="write every value as JSON here")
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        print("bench.stock needs tmux", file=sys.stderr)
        return 2
    wanted = set(args.only.split(","))
    chosen = [s for s in scenarios([int(n) for n in args.sizes.split(",")])
              if s.name in wanted]
    compileall.compile_dir(ROOT / "todo_tui", quiet=1)
    began = time.monotonic()
    info = [(k, v) for k, v in machine() if k in ("CPU", "Textual", "tmux",
                                                    "load average at start")]
    home = Path(tempfile.mkdtemp(prefix="todo-bench-stock-"))
    env = app_env(home)
    server = Server()
    floor = Figures()
    done: list[tuple[Scenario, Figures]] = []
    try:
        for scenario in chosen:
            figures = Figures()
            running = dict.fromkeys(scenario.variants, True)
            print(f"{scenario.title}", flush=True)
            for round_ in range(args.runs + 1):  # round 0: the warm-up
                record = round_ > 0
                order = list(scenario.variants)
                if round_ % 2:
                    order.reverse()
                empty(server, env, floor, record)
                for variant in order:
                    if running[variant]:
                        running[variant] = launch(server, env, scenario, variant, figures,
                                                  args.keystrokes, record)
                        if not running[variant]:
                            print(f"  {variant}: no rows within {LIMIT_S:.0f} s; stopped",
                                  flush=True)
            if scenario.size:
                for ms in making_rows(scenario.size):
                    figures.add("making the rows (in-process, not in the app)", "both", ms)
            for figure, by in figures.values.items():
                unit = "MiB" if figure == "peak RSS" else "ms"
                print(f"  {figure}: " + "; ".join(f"{v} {cell(x, unit)}"
                                                  for v, x in by.items()), flush=True)
            done.append((scenario, figures))
    finally:
        server.close()
        shutil.rmtree(home, ignore_errors=True)
    lines = report(done, floor, args, info, time.monotonic() - began)
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    if args.raw:
        raw = {s.title: f.values for s, f in done} | {"floor": floor.values}
        Path(args.raw).write_text(json.dumps(raw, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
