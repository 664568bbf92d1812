"""No module of todo_tui depends on itself through others.

A cycle hidden behind a function-local import is still a cycle: neither module can be read,
tested or moved without the other, and which one is half-initialised depends on who imported
first. grimp reads every import statement, inside functions too.

Imports under `if TYPE_CHECKING:` count as well. They never run, but they are a dependency of
the design all the same: a type needed from a module that depends on you lives in the wrong
module (domain.py took SavedView from terms.py that way while terms.py built on domain.py).
"""

from __future__ import annotations

import grimp

PACKAGE = "todo_tui"


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The groups of modules that import one another (strongly connected, more than one)."""
    cycles: list[list[str]] = []
    placed: set[str] = set()
    for module in sorted(graph.modules):
        if module in placed:
            continue
        # what `module` reaches and what reaches it: both ways round, so one cycle
        group = graph.find_upstream_modules(module) & graph.find_downstream_modules(module)
        if group:
            group.add(module)
            placed |= group
            cycles.append(sorted(group))
    return cycles


def describe(graph: grimp.ImportGraph, cycle: list[str]) -> str:
    """The imports that tie the modules of `cycle` together, one a line, with line numbers."""
    lines = [f"cycle between {', '.join(cycle)}:"]
    members = set(cycle)
    for importer in cycle:
        for imported in sorted(graph.find_modules_directly_imported_by(importer) & members):
            for detail in graph.get_import_details(importer=importer, imported=imported):
                lines.append(f"    {importer}:{detail['line_number']}: "
                             f"{detail['line_contents']}")
    return "\n".join(lines)


def test_the_cycle_finder_finds_each_cycle_once() -> None:
    graph = grimp.ImportGraph()
    for importer, imported in [("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"),  # a cycle
                               ("p.d", "p.a"),  # imports into it, not part of it
                               ("p.e", "p.f"), ("p.f", "p.e")]:  # a second one
        graph.add_import(importer=importer, imported=imported, line_number=1,
                         line_contents=f"import {imported}")
    assert import_cycles(graph) == [["p.a", "p.b", "p.c"], ["p.e", "p.f"]]
    assert "    p.c:1: import p.a" in describe(graph, ["p.a", "p.b", "p.c"]).splitlines()


def test_no_import_cycles() -> None:
    graph = grimp.build_graph(PACKAGE, cache_dir=None)
    cycles = import_cycles(graph)
    assert not cycles, "import cycles in todo_tui:\n" + "\n".join(
        describe(graph, cycle) for cycle in cycles)
