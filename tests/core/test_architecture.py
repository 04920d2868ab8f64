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
