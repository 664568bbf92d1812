"""The user's [keys]: every action declared as a Textual `Binding` in todo_tui.ui can be moved
to other keys, per context (the class that declares it: task_list, lists_pane, capture...).

Nothing lists the actions by hand: the catalogue is made by walking the BINDINGS of the app's
screen and widget classes, so a Binding added anywhere in todo_tui.ui is rebindable at once.
An action's name in [keys] is its Binding's `id`, else its description in snake case
("Save & next" -> save_next), else its action ("scroll(1)" -> scroll_1).

Why class attributes are rewritten: Textual copies a class's merged bindings into each new
instance (DOMNode.__init__ reads the class's `_merged_bindings`), and its own keymap
(App.set_keymap) only knows bindings that carry an `id`, and not per context. So `Keymap`
replaces, for the app's lifetime, the merged bindings of each class the user remapped, and
puts back what was there when the app ends (as glyphs.AsciiScrollBars does for scrollbars).
Classes are remapped before any instance of them is made: the ones the first frame needs at
once, the dialogs once their modules are loaded after it (`complete`).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.keys import KEY_NAME_REPLACEMENTS, REPLACED_KEYS, Keys, key_to_character

from todo_tui.settings import Problem, Settings

PACKAGE = "todo_tui.ui"
# a friendlier name than the class's for the contexts people remap most
CONTEXT_NAMES = {
    "TodoApp": "app", "MainScreen": "main", "TaskList": "task_list",
    "CategoryPane": "lists_pane", "SearchBar": "search_box", "CaptureScreen": "capture",
    "EditScreen": "edit_form",
}
# the modifiers a terminal reports to Textual in front of a key (README: ctrl+, alt+, shift+);
# meta, super and hyper come only from a few terminals' own protocols, so no key has them here
MODIFIERS = ("ctrl", "alt", "shift")
KEY_NAMES = frozenset(key.value for key in Keys)


def context_name(cls: type) -> str:
    """`CaptureScreen` -> capture, `ConfirmScreen` -> confirm, `TaskList` -> task_list."""
    if cls.__name__ in CONTEXT_NAMES:
        return CONTEXT_NAMES[cls.__name__]
    name = cls.__name__.removesuffix("Screen") or cls.__name__
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _snake(text: str) -> str:
    text = text.replace("&", " ").replace("-", " minus ")
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def action_name(binding: Binding) -> str:
    """The name [keys] knows the binding's action by."""
    return binding.id or _snake(binding.description) or _snake(binding.action)


def normalize_key(key: str) -> str | None:
    """A key as Textual names it ("?" -> question_mark, "Ctrl+Z" -> ctrl+z), or None when it
    is no key."""
    key = key.strip()
    if not key:
        return None
    if len(key) == 1:
        return _character(key)
    *modifiers, base = key.split("+") if not key.endswith("++") else [*key[:-2].split("+"), "+"]
    modifiers = [m.strip().lower() for m in modifiers]
    if any(m not in MODIFIERS for m in modifiers) or not base:
        return None
    if len(base) == 1:
        base = _character(base if not modifiers else base.lower())
    else:
        base = base.lower()
        if base not in KEY_NAMES and not _is_character_name(base):
            return None
    return "+".join([*modifiers, base])


def key_problem(key: str) -> str:
    """Why `key` (which normalize_key refused) is no key, for the user."""
    *modifiers, _base = key.strip().split("+")
    unknown = [m.strip() for m in modifiers if m.strip().lower() not in MODIFIERS]
    if unknown and unknown[0]:
        return (f"keys: {key!r}: {unknown[0]!r} is not a modifier (ctrl+, alt+ and shift+ are, "
                "like ctrl+alt+x); the default keys stay")
    return (f"keys: {key!r} is not a key (like x, X, ctrl+x, alt+x, shift+tab, f5, enter, "
            "space, question_mark); the default keys stay")


def _character(character: str) -> str:
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return character
    return KEY_NAME_REPLACEMENTS.get(name, name)


def _is_character_name(name: str) -> bool:
    name = REPLACED_KEYS.get(name, name)
    try:
        unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return False
    return True


class Action:  # plain classes here, not dataclasses: this module loads before the first frame
    """One action in one context: its default keys and the keys it has now."""

    def __init__(self, context: str, name: str, action: str, description: str,
                 default: tuple[str, ...]) -> None:
        self.context = context
        self.name = name
        self.action = action
        self.description = description
        self.default = default
        self.keys = default
        self.source = "default"  # or "file (PATH:LINE)"

    def __repr__(self) -> str:
        return f"Action({self.context}.{self.name}: {self.keys}, {self.source})"


def palette_actions(commands: Iterable[tuple[str, str, str]]) -> dict[str, Action]:
    """The command palette's commands (name, help, action), by name ("Open Inbox" ->
    open_inbox), as actions of the app with no key until [keys] gives them one."""
    return {_snake(name): Action("app", _snake(name), action, name, ())
            for name, _help, action in commands}


def own_bindings(cls: type) -> list[Binding]:
    bindings: list[Binding] = []
    for base in reversed(cls.__mro__):
        if base.__module__.startswith(PACKAGE) and "BINDINGS" in base.__dict__:
            bindings.extend(Binding.make_bindings(base.__dict__["BINDINGS"]))
    return bindings


def context_classes(modules: Iterable[str] | None = None) -> dict[str, type[DOMNode]]:
    """The classes of todo_tui.ui that have bindings of their own and no subclass there:
    each is a context, by name. Only the modules loaded so far, unless `load_all()` ran."""
    found: dict[str, type[DOMNode]] = {}
    stack: list[type[DOMNode]] = [DOMNode]
    seen: set[type] = set()
    while stack:
        cls = stack.pop()
        subclasses = cls.__subclasses__()
        stack.extend(s for s in subclasses if s not in seen)
        seen.update(subclasses)
        if not cls.__module__.startswith(PACKAGE) or cls.__module__.endswith(".devapp"):
            continue
        ours = [s for s in subclasses if s.__module__.startswith(PACKAGE)]
        if not ours and own_bindings(cls):
            found.setdefault(context_name(cls), cls)
    return found


def load_all() -> None:
    """Import every module of todo_tui.ui (the dialogs load lazily otherwise)."""
    import importlib
    import pkgutil

    package = sys.modules.get(PACKAGE) or importlib.import_module(PACKAGE)
    for module in pkgutil.walk_packages(package.__path__, PACKAGE + "."):
        if not module.name.endswith(".devapp"):
            importlib.import_module(module.name)


def actions_of(cls: type) -> dict[str, Action]:
    """The actions a context class declares, by name, with their default keys."""
    context = context_name(cls)
    actions: dict[str, Action] = {}
    by_action: dict[str, str] = {}
    for binding in own_bindings(cls):
        name = by_action.get(binding.action) or action_name(binding)
        if name in actions and actions[name].action != binding.action:
            name = f"{name}_{_snake(binding.action)}"
        by_action[binding.action] = name
        keys = tuple(k.strip() for k in binding.key.split(",") if k.strip())
        if name in actions:
            action = actions[name]
            action.default += tuple(k for k in keys if k not in action.default)
            action.keys = action.default
        else:
            actions[name] = Action(context, name, binding.action, binding.description, keys)
    return actions


class Keymap:
    """The user's [keys] applied to the context classes (see the module's docstring)."""

    def __init__(self, settings: Settings,
                 palette: Iterable[tuple[str, str, str]] = ()) -> None:
        self.settings = settings
        self.palette = list(palette)  # the command palette's (name, help, action)
        self.contexts: dict[str, dict[str, Action]] = {}
        self.problems: list[Problem] = []
        self._before: dict[type[DOMNode], BindingsMap | None] = {}
        self._done: set[str] = set()
        self._told: set[str] = set()

    def install(self) -> None:
        """Remap the context classes loaded so far (before any instance is made)."""
        if not self.settings.keys:
            return
        for context, cls in context_classes().items():
            if context not in self._done:
                self._done.add(context)
                self._apply(context, cls)

    def complete(self) -> list[Problem]:
        """Load every module of the UI, remap the rest, and name what was wrong in [keys]
        (unknown actions and contexts; two actions on one key)."""
        if not self.settings.keys:
            return self.problems
        load_all()
        self.install()
        for entry in self.settings.keys:
            if entry.context and entry.context not in self.contexts:
                self.problems.append(Problem(
                    self.settings.path, entry.line, f"keys.{entry.context}: no such context "
                    f"(the contexts: {', '.join(sorted(self.contexts))})"))
            elif not entry.context and not any(entry.action in actions
                                               for actions in self.contexts.values()):
                self.problems.append(Problem(
                    self.settings.path, entry.line, f"keys.{entry.action}: no such action "
                    "(todo-tui config show lists them)"))
            elif entry.context and entry.action not in self.contexts[entry.context]:
                self.problems.append(Problem(
                    self.settings.path, entry.line, f"keys.{entry.context}.{entry.action}: "
                    f"no such action in {entry.context} (todo-tui config show lists them)"))
        return self.problems

    def _apply(self, context: str, cls: type[DOMNode]) -> None:
        actions = actions_of(cls)
        if context == "app":  # the palette's commands can have keys too, on the app
            actions.update({name: action for name, action in palette_actions(self.palette).items()
                            if name not in actions})
        self.contexts[context] = actions
        changed = False
        # [keys] first, then [keys.CONTEXT], which wins for its context
        for entry in sorted(self.settings.keys, key=lambda e: e.context != ""):
            if entry.context not in ("", context) or entry.action not in actions:
                continue
            keys = [normalize_key(key) for key in entry.keys]
            bad = [key for key, normal in zip(entry.keys, keys, strict=True) if normal is None]
            if bad:
                if context not in self._told:
                    self.problems.append(Problem(self.settings.path, entry.line,
                                                 key_problem(bad[0])))
                    self._told.add(context)
                continue
            where = f"{self.settings.path}:{entry.line}" if entry.line else str(
                self.settings.path)
            action = actions[entry.action]
            action.keys = tuple(dict.fromkeys(k for k in keys if k is not None))
            action.source = f"file ({where})"
            changed = True
        if changed:
            self._check_clashes(context, actions)
            self._remap(cls, actions)

    def _check_clashes(self, context: str, actions: dict[str, Action]) -> None:
        """Two actions on one key: an error naming both; the one the file moved there (or,
        between two moved ones, the later) does not get the key. Its entry is refused as a
        whole, as one with a key that is no key: that action keeps its default keys (and
        when one of those is now another's, that other's entry is refused in turn)."""
        while True:
            owner: dict[str, Action] = {}
            refused: tuple[Action, str, Action] | None = None
            for action in sorted(actions.values(), key=lambda a: a.source != "default"):
                kept = []
                for key in action.keys:
                    first = owner.get(key)
                    if first is None:
                        owner[key] = action
                        kept.append(key)
                    elif action.source == "default":  # two defaults: the first keeps it
                        continue
                    else:
                        refused = (action, key, first)
                        break
                if refused is not None:
                    break
                action.keys = tuple(kept)
            if refused is None:
                return
            action, key, first = refused
            line = next((e.line for e in reversed(self.settings.keys)
                         if e.action == action.name and e.context in ("", context)), None)
            defaults = ", ".join(action.default) or "none"
            self.problems.append(Problem(
                self.settings.path, line, f"keys: {key} is bound to both {first.name!r} "
                f"and {action.name!r} in {context}; it stays on {first.name!r}, and "
                f"{action.name!r} keeps its default keys ({defaults})"))
            action.keys = action.default
            action.source = "default"

    def _remap(self, cls: type[DOMNode], actions: dict[str, Action]) -> None:
        """Replace the class's merged bindings: each of our actions on its live keys, every
        other binding (Textual's own, on base classes) where it was."""
        ours = {action.action: action for action in actions.values()}
        declared = set(own_bindings(cls))  # ours, not a Textual base's with the same action
        merged = cls._merged_bindings or BindingsMap()
        bound = {binding.action for bindings in merged.key_to_bindings.values()
                 for binding in bindings if binding in declared}
        extra = [Binding(",".join(action.keys), action.action, action.description, show=False)
                 for action in actions.values() if action.action not in bound and action.keys]
        merged = BindingsMap.merge([merged, BindingsMap(extra)]) if extra else merged
        self._before.setdefault(cls, cls._merged_bindings)
        # an action declared by several bindings (q: Quit, shown; ctrl+c: hidden, priority)
        # keeps each one on its own key; a new key takes the first default key's binding
        declared_at: dict[str, dict[str, Binding]] = {}
        for key, bindings in merged.key_to_bindings.items():
            for binding in bindings:
                if binding in declared and binding.action in ours:
                    declared_at.setdefault(binding.action, {})[key] = binding
        keys: dict[str, list[Binding]] = {}
        done: set[str] = set()
        for key, bindings in merged.key_to_bindings.items():
            for binding in bindings:
                action = ours.get(binding.action) if binding in declared else None
                if action is None:
                    keys.setdefault(key, []).append(binding)
                elif binding.action not in done:
                    done.add(binding.action)
                    at = declared_at[binding.action]
                    first = next((at[k] for k in action.default if k in at), binding)
                    for new_key in action.keys:
                        keys.setdefault(new_key, []).append(
                            at[new_key] if new_key in at
                            else first.with_key(new_key, key_display=None))
        # a key now taken by one of ours is no longer a Textual base class's
        for action in actions.values():
            for key in action.keys:
                keys[key] = [b for b in keys.get(key, []) if b.action == action.action]
        cls._merged_bindings = BindingsMap.from_keys(keys)

    def uninstall(self) -> None:
        """Put back every class's own bindings."""
        for cls, before in self._before.items():
            cls._merged_bindings = before
        self._before.clear()

    # -- what the help screen, the key bar and the palette show ----------------------------

    def live_keys(self, contexts: Iterable[str], key: str) -> tuple[str, ...] | None:
        """The keys now on the action that `key` was on by default in one of `contexts`;
        None when no action there had it."""
        for context in contexts:
            for action in self.contexts.get(context, {}).values():
                if key in action.default:
                    return action.keys
        return None


# -- the help screen's and the palette's key texts, as the keys are now ---------------------

# the help screen's sections and the contexts their keys are in (another section: all)
SECTION_CONTEXTS = {
    "Anywhere": ("app", "main"), "Task list": ("task_list",), "Search box": ("search_box",),
    "Categories pane": ("lists_pane",), "Edit form": ("edit_form",),
    "Quick capture": ("capture",),
}


def shown_key(key: str) -> str:
    """A key as the help writes it: question_mark -> ?, slash -> /, ctrl+z stays."""
    if "+" in key or len(key) == 1:
        return key
    character = key_to_character(key)
    return character if character is not None and character.isprintable() else key


def live_text(keymap: Keymap | None, contexts: Iterable[str], text: str) -> str:
    """`text` written with default keys ("u / ctrl+z", "up/down, j/k", "r / d on a view"),
    with each key an action has been moved from replaced by the keys it has now. Unchanged
    when nothing there was remapped."""
    if keymap is None or not keymap.settings.keys or text.strip() == "/":
        if keymap is not None and text.strip() == "/":
            keys = keymap.live_keys(tuple(contexts), "slash")
            if keys is not None and keys != ("slash",):
                return " / ".join(shown_key(k) for k in keys) or "(none)"
        return text
    contexts = tuple(contexts) or tuple(keymap.contexts)
    parts = re.split(r"(\s*/\s*|,\s*)", text)
    out: list[str] = []
    seen: set[tuple[str, ...]] = set()
    changed = False
    skipped = ""  # the separator before a part left out: a comma outranks a slash
    for index in range(0, len(parts), 2):
        part = parts[index]
        separator = parts[index - 1] if index else ""
        word, _, rest = part.partition(" ")
        normal = normalize_key(word) if word else None
        live = keymap.live_keys(contexts, normal) if normal else None
        if live is not None and live != _defaults(keymap, contexts, normal or ""):
            changed = True
            if live in seen or not live:
                skipped = skipped if "," in skipped else separator
                continue
            seen.add(live)
            word = "/".join(shown_key(k) for k in live)
        if out:
            out.append(skipped if "," in skipped else separator)
        skipped = ""
        out.append(word + (" " + rest if rest else ""))
    if not changed:
        return text
    return "".join(out).strip() or "(none)"


def _defaults(keymap: Keymap, contexts: tuple[str, ...], key: str) -> tuple[str, ...]:
    for context in contexts:
        for action in keymap.contexts.get(context, {}).values():
            if key in action.default:
                return action.default
    return ()
