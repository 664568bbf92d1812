"""Keys typed in one burst go where the earlier keys of the burst sent the focus.

Textual hands each key to the widget focused when the key is read, and that widget passes
what it does not handle up to the app, where the key bindings are looked up. In `/call`
typed or pasted at once, every letter reaches the task list before the `/` has opened the
search box, and the app then looks them up as keys of the search box, where they mean
nothing: they were lost (and with a focus change still pending, `e` opened the editor).
The app notes where each key was aimed; a key that comes back unhandled from a widget that
has lost the focus since is sent on to the focus of the moment instead.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode

# A key is sent on at most this often (list -> dialog -> its box), so it can never loop.
MAX_HOPS = 3


def aim(app: App[Any], event: events.Key) -> None:
    """Note where the app is about to send a key it has just read."""
    event.typeahead_aimed = app.focused or app.screen  # type: ignore[attr-defined]


def send_on(app: App[Any], event: events.Key) -> bool:
    """A key back from a widget unhandled: if the focus moved away from that widget since,
    send the key to the focus of the moment and return True."""
    aimed: DOMNode | None = getattr(event, "typeahead_aimed", None)
    hops: int = getattr(event, "typeahead_hops", 0)
    now = app.focused or app.screen
    if aimed is None or aimed is now or hops >= MAX_HOPS:
        return False
    event.stop()
    event.prevent_default()
    again = events.Key(event.key, event.character)
    again.typeahead_aimed = now  # type: ignore[attr-defined]
    again.typeahead_hops = hops + 1  # type: ignore[attr-defined]
    again._set_forwarded()  # as the app's own forwarding marks it: not read twice
    now.post_message(again)
    return True
