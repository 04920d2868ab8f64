"""The layer order of docs/architecture.md holds, and a wrong import would break it.

CI runs `lint-imports` with the contracts in pyproject.toml; these tests check
that the contract covers every app and that it really fails on an upward
import (so a typo in the configuration cannot make it pass vacuously).
"""

import tomllib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]
LAYERS = next(c for c in CONFIG["contracts"] if c["type"] == "layers")["layers"]


def _layer_sets() -> list[set[str]]:
    return [{name.strip() for name in layer.split("|")} for layer in LAYERS]


@pytest.fixture
def graph():
    """Built per test: the upward-import tests add an edge to their own copy."""
    return grimp.build_graph(*CONFIG["root_packages"])


def _illegal(graph) -> list:
    layers = [grimp.Layer(*sorted(names), independent=True) for names in _layer_sets()]
    return sorted(
        (d.importer, d.imported) for d in graph.find_illegal_dependencies_for_layers(layers=layers)
    )


def test_every_app_is_in_a_layer():
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")} | {"portal"}
    layered = set().union(*_layer_sets())
    assert apps <= layered, f"apps outside the layer contract: {sorted(apps - layered)}"
    assert set(CONFIG["root_packages"]) == layered


def test_the_code_keeps_the_layers(graph):
    assert _illegal(graph) == []


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("core.gates", "pages.models"),  # the bottom importing the page tree
        ("pages.models.sections", "staff.services.whereabouts"),  # a content app upward
        ("search.indexing", "documents.models"),  # search knowing a content app
        ("search.service", "scanner.service"),  # siblings in one layer
    ],
)
def test_an_upward_import_breaks_the_contract(graph, importer, imported):
    graph.add_import(importer=importer, imported=imported)
    assert (importer.split(".")[0], imported.split(".")[0]) in {
        (a.split(".")[0], b.split(".")[0]) for a, b in _illegal(graph)
    }


def _strongly_connected(graph) -> list[list[str]]:
    """Tarjan's algorithm over the module graph: every group of modules in a cycle."""
    adjacency = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in adjacency[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return groups


def test_no_module_imports_itself_in_a_circle(graph):
    """Not even inside one app (imports inside functions count)."""
    assert _strongly_connected(graph) == []


def test_imports_inside_functions_say_why():
    """A function-level import hides a dependency; it needs its reason beside it
    (a cycle, the app registry, or a heavy library most processes never load)."""
    import ast

    unexplained = []
    for package in CONFIG["root_packages"]:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            source = path.read_text(encoding="utf-8")
            lines = source.splitlines()
            for node in ast.walk(ast.parse(source)):
                if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Import | ast.ImportFrom):
                        nearby = lines[max(inner.lineno - 4, 0) : inner.end_lineno]
                        if not any("#" in line for line in nearby):
                            unexplained.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert unexplained == []
