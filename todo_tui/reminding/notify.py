"""Desktop notifications as terminal escape sequences: OSC 9, OSC 777 and OSC 99.

Terminals turn these into a notification on the user's own desktop, also through SSH; inside
tmux the sequence is wrapped for passthrough (`\\ePtmux;...\\e\\\\`, every ESC doubled), which
tmux 3.3+ forwards with `set -g allow-passthrough on`.

    osc9    ESC ] 9 ; text BEL                      iTerm2, WezTerm, Windows Terminal, ConEmu
    osc777  ESC ] 777 ; notify ; title ; body BEL   foot, Ghostty, rxvt-unicode, WezTerm
    osc99   ESC ] 99 ; i=ID:d=0 ; title ESC \\       kitty (title, then the body: d=1, p=body)
"""

from __future__ import annotations

import re
from collections.abc import Mapping

ESC = "\x1b"
BEL = "\x07"
ST = ESC + "\\"
# control characters (C0, DEL, C1) and the separators of the sequences: never sent as such
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f;]")


def detect(env: Mapping[str, str]) -> str:
    """The notification kind the terminal supports, from what it says of itself; `none`
    when it says nothing known (set the kind yourself then, e.g. over SSH)."""
    term = env.get("TERM", "").lower()
    program = env.get("TERM_PROGRAM", "").lower()
    lc_terminal = env.get("LC_TERMINAL", "").lower()  # iTerm2 sends it through SSH
    if env.get("KITTY_WINDOW_ID") or term == "xterm-kitty":
        return "osc99"
    if term.startswith("foot") or program == "ghostty" or env.get("GHOSTTY_RESOURCES_DIR") \
            or term.startswith("rxvt"):
        return "osc777"
    if program in ("iterm.app", "wezterm") or lc_terminal == "iterm2" \
            or env.get("WEZTERM_PANE") or env.get("WT_SESSION") or env.get("ConEmuPID"):
        return "osc9"
    return "none"


def clean(text: str, limit: int = 200) -> str:
    """User text made safe inside a sequence: control characters and `;` become spaces."""
    return " ".join(_UNSAFE.sub(" ", text).split())[:limit]


def sequence(kind: str, title: str, body: str, ident: str = "todo-tui") -> str:
    """The escape sequence that shows `title` and `body` as a desktop notification."""
    title, body = clean(title), clean(body)
    if kind == "osc9":
        return f"{ESC}]9;{title}: {body}{BEL}" if body else f"{ESC}]9;{title}{BEL}"
    if kind == "osc777":
        return f"{ESC}]777;notify;{title};{body}{BEL}"
    if kind == "osc99":
        ident = clean(ident).replace(":", "") or "todo-tui"
        return (f"{ESC}]99;i={ident}:d=0:p=title;{title}{ST}"
                f"{ESC}]99;i={ident}:d=1:p=body;{body}{ST}")
    return ""


def for_tmux(data: str) -> str:
    """`data` wrapped for tmux passthrough: ESC P tmux; (ESCs doubled) ESC \\."""
    return f"{ESC}Ptmux;{data.replace(ESC, ESC + ESC)}{ST}" if data else ""


def desktop_notification(kind: str, title: str, body: str, env: Mapping[str, str],
                         ident: str = "todo-tui") -> str:
    """What to write to the terminal: `kind` (`auto`: detected from `env`) for this
    notification, wrapped for tmux when $TMUX is set; "" when the kind is `none`."""
    if kind == "auto":
        kind = detect(env)
    data = sequence(kind, title, body, ident)
    return for_tmux(data) if env.get("TMUX") else data
