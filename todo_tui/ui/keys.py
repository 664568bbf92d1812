"""Every key the app answers to, in one table: the help screen and the README show it."""

from __future__ import annotations

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Anywhere", [
        ("a", "quick capture: add a task (in the categories pane: new category)"),
        ("tab / shift+tab", "next / previous pane"),
        ("?", "this help"),
        ("ctrl+p", "command palette"),
        ("s", "sort the list (smart, due, priority, created, title, manual); kept per list"),
        ("/", "search the list as you type: words, \"phrases\", due:, pri:, tag:, #, is:, has:"),
        ("S", "save the search as a view, listed with the smart lists"),
        ("i", "show or hide the detail pane"),
        ("u / ctrl+z", "undo this window's last change; again and again, back through them"),
        ("U", "redo what u took back"),
        ("q / ctrl+c", "quit"),
    ]),
    ("Task list", [
        ("up/down, j/k", "move"),
        ("g / G, home / end", "top / bottom"),
        ("pageup / pagedown", "a screen up / down"),
        ("enter / e", "edit the task"),
        ("space / x", "toggle done"),
        ("d / delete", "delete: to the Trash (asks first); in the Trash: delete for good"),
        ("r", "in the Trash: restore the task (into its category, made again if it is gone)"),
        ("p", "cycle priority: none, low, medium, high"),
        ("m", "move to another category"),
        ("J / K", "move down / up in the manual order"),
        ("v", "mark or unmark the task, go down; space d p m t D R then act on all marked"),
        ("V", "mark every task of the list (all of it, searched or not)"),
        ("D", "set the due: tomorrow 9am, fri, +2d (after the current due), next week, none"),
        ("R", "set the repeat: every weekday 9:30, every! 3 days, none"),
        ("t", "tags: +tag adds, -tag removes"),
        ("escape", "clear the marks, then the search filter"),
    ]),
    ("Search box", [
        ("enter", "keep the filter and go back to the list"),
        ("escape", "clear the search and leave the box"),
    ]),
    ("Categories pane", [
        ("up/down, j/k", "choose a list; it opens at once"),
        ("enter", "go to its tasks"),
        ("a", "new category"),
        ("r", "rename"),
        ("d / delete", "delete (asks what happens to its tasks)"),
        ("J / K", "move down / up"),
        ("r / d on a view", "rename / delete a saved view (asks first; its tasks stay)"),
    ]),
    ("Edit form", [
        ("tab / shift+tab", "next / previous field"),
        ("ctrl+s", "save"),
        ("escape", "cancel (asks first when something changed)"),
    ]),
    ("Quick capture", [
        ("enter", "save and close"),
        ("ctrl+n", "save and keep the popup open for the next task"),
        ("ctrl+r", "verbatim on/off: while on, saves keep the text exactly as typed, unparsed"),
        ("right", "accept the #category / +tag completion"),
        ("escape", "close; the text is kept as a draft for next time"),
    ]),
]
