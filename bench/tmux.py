"""A private tmux server for timing a TUI: launch it, send keys, poll the screen, read RSS.

Standard library only. The server runs on its own socket with its own config (the user's
~/.tmux.conf is not read) and is killed on close; only sessions and processes started here
are touched. The screen is polled over one control-mode connection (no fork per poll).

A run's clock starts just before the newline that releases `sh -c 'read < FIFO && exec CMD'`
(the shell and the session are set up before), or just before a send-keys command is written.
A reported time is when the capture that first showed the expected text came back: an upper
bound, within one poll interval and one capture round trip.
"""

from __future__ import annotations

import os
import random
import re
import shlex
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field

CLOCK = time.perf_counter
POLL_S = float(os.environ.get("BENCH_POLL_MS", "4")) / 1000


class TmuxError(RuntimeError):
    pass


class Timeout(RuntimeError):
    def __init__(self, message: str, screen: str) -> None:
        super().__init__(message)
        self.screen = screen


def quote(arg: str) -> str:
    """One argument for tmux's command parser."""
    if arg and re.fullmatch(r"[A-Za-z0-9_%=:.,/+@^-]+", arg):
        return arg
    if "'" not in arg:
        return "'" + arg + "'"
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$") + '"'


def status_kib(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            data = stat.read()
    except OSError:
        return False
    return data[data.rfind(b")") + 2:data.rfind(b")") + 3] != b"Z"


class Server:
    """A private tmux server and one control-mode client."""

    def __init__(self, width: int = 120, height: int = 35) -> None:
        tag = f"{os.getpid()}-{random.randrange(16**6):06x}"
        self.socket = f"todo-bench-{tag}"
        self.width, self.height = width, height
        self.tmpdir = tempfile.mkdtemp(prefix="todo-bench-tmux-")
        conf = os.path.join(self.tmpdir, "tmux.conf")
        with open(conf, "w") as out:
            out.write("set -g default-terminal xterm-256color\nset -g default-shell /bin/sh\n"
                      "set -g status off\nset -g escape-time 0\nset -g history-limit 100\n"
                      "set -g remain-on-exit on\nset -g exit-empty off\n")
        self.base = ["tmux", "-L", self.socket, "-f", conf]
        self.monitor = f"mon-{tag}"
        self.sessions: list[str] = []
        self._count = 0
        subprocess.run(self.base + ["new-session", "-d", "-s", self.monitor, "-x", "40", "-y",
                                    "5", "sleep 86400"], check=True)
        self.control = subprocess.Popen(
            self.base + ["-C", "attach-session", "-t", self.monitor],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)
        self._buffer = b""
        self.command("display-message -p ok")

    def _readline(self) -> bytes:
        assert self.control.stdout is not None
        while b"\n" not in self._buffer:
            chunk = os.read(self.control.stdout.fileno(), 65536)
            if not chunk:
                raise TmuxError("the tmux control client went away")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.rstrip(b"\r")

    def command(self, line: str) -> list[str]:
        """Run one tmux command over the control connection; its output lines."""
        assert self.control.stdin is not None
        self.control.stdin.write(line.encode() + b"\n")
        while True:
            head = self._readline()
            if not head.startswith(b"%begin "):
                continue  # a notification
            parts = head.split()
            number, mine = parts[2], len(parts) > 3 and parts[3] == b"1"
            out: list[bytes] = []
            while True:
                row = self._readline()
                if row.startswith((b"%end ", b"%error ")) and row.split()[2] == number:
                    break
                out.append(row)
            if not mine:
                continue
            if row.startswith(b"%error "):
                raise TmuxError(f"tmux {line!r}: {b' '.join(out).decode(errors='replace')}")
            return [item.decode("utf-8", "replace") for item in out]

    def launch(self, argv: list[str], env: dict[str, str]) -> App:
        """Start `argv` in a fresh session of the server's size; the clock starts here."""
        self._count += 1
        name = f"run{self._count}-{self.monitor}"
        gate = os.path.join(self.tmpdir, f"gate{self._count}")
        os.mkfifo(gate)
        assignments = " ".join(shlex.quote(f"{k}={v}") for k, v in env.items())
        shell = (f"read -r _ < {shlex.quote(gate)} && exec env {assignments} "
                 f"{shlex.join(argv)}")
        out = subprocess.run(
            self.base + ["new-session", "-d", "-s", name, "-x", str(self.width), "-y",
                         str(self.height), "-P", "-F", "#{pane_id} #{pane_pid}", shell],
            check=True, capture_output=True, text=True).stdout.split()
        self.sessions.append(name)
        pane, pid = out[0], int(out[1])
        deadline = CLOCK() + 10
        while True:
            try:
                fd = os.open(gate, os.O_WRONLY | os.O_NONBLOCK)
                break
            except OSError:
                if CLOCK() > deadline:
                    raise TmuxError("the pane's shell never opened its gate") from None
                time.sleep(0.001)
        started = CLOCK()
        os.write(fd, b"\n")
        os.close(fd)
        os.unlink(gate)
        return App(self, name, pane, pid, started)

    def close(self) -> None:
        for name in list(self.sessions):
            self.kill(name)
        if self.control.stdin is not None:
            try:
                self.control.stdin.close()
            except OSError:
                pass
        subprocess.run(self.base + ["kill-server"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        try:
            self.control.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.control.kill()
            self.control.wait()
        socket = os.path.join(os.environ.get("TMUX_TMPDIR", "/tmp"), f"tmux-{os.getuid()}",
                              self.socket)
        for path in (socket, os.path.join(self.tmpdir, "tmux.conf")):
            try:
                os.unlink(path)
            except OSError:
                pass
        try:
            os.rmdir(self.tmpdir)
        except OSError:
            pass

    def kill(self, name: str) -> None:
        try:
            self.command(f"kill-session -t {quote('=' + name)}")
        except TmuxError:
            pass
        if name in self.sessions:
            self.sessions.remove(name)


@dataclass
class App:
    """One program running in its own session."""

    server: Server
    name: str
    pane: str
    pid: int
    started: float
    peak_kib: int = 0
    polls: list[float] = field(default_factory=list)

    def screen(self) -> str:
        return "\n".join(self.server.command(f"capture-pane -p -t {self.pane}"))

    def sample(self) -> None:
        self.peak_kib = max(self.peak_kib, status_kib(self.pid, "VmRSS:"))

    def peak_rss_kib(self) -> int:
        """The larger of the sampled RSS and the kernel's high-water mark."""
        self.sample()
        return max(self.peak_kib, status_kib(self.pid, "VmHWM:"))

    def wait(self, test: Callable[[str], bool], since: float, timeout: float = 30.0,
             what: str = "") -> float:
        """Seconds from `since` until a capture passes `test`."""
        deadline = CLOCK() + timeout
        last_rss = 0.0
        while True:
            sent = CLOCK()
            text = self.screen()
            got = CLOCK()
            if test(text):
                return got - since
            if got - last_rss > 0.05:
                self.sample()
                last_rss = got
            if got > deadline:
                raise Timeout(f"timed out waiting for {what or 'the screen'}", text)
            if not alive(self.pid):
                raise Timeout(f"the program exited while waiting for {what}", text)
            pause = POLL_S - (CLOCK() - sent)
            if pause > 0:
                time.sleep(pause)

    def wait_for(self, pattern: str, since: float | None = None, timeout: float = 30.0) -> float:
        regex = re.compile(pattern, re.M)
        return self.wait(lambda text: regex.search(text) is not None,
                         self.started if since is None else since, timeout, f"/{pattern}/")

    def keys(self, *keys: str, literal: bool = False) -> float:
        """Send keys (tmux names, or text with literal=True); returns when they were sent."""
        args = " ".join(quote(k) for k in keys)
        line = f"send-keys -t {self.pane} {'-l ' if literal else ''}{args}"
        sent = CLOCK()
        self.server.command(line)
        return sent

    def settle(self, quiet: float = 0.3, timeout: float = 20.0) -> str:
        """Wait until the screen has not changed for `quiet` seconds; the screen then."""
        deadline = CLOCK() + timeout
        last = self.screen()
        since = CLOCK()
        while CLOCK() - since < quiet:
            time.sleep(0.02)
            self.sample()
            now = self.screen()
            if now != last:
                last, since = now, CLOCK()
            if CLOCK() > deadline:
                break
        return last

    def stop(self) -> None:
        self.server.kill(self.name)
        deadline = CLOCK() + 2
        while alive(self.pid) and CLOCK() < deadline:
            time.sleep(0.02)
        if alive(self.pid):
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass
