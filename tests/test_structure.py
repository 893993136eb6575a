"""The package reads in one direction: no import cycle, no private name used across modules."""

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "botwatch"


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _top_level_imports(path: Path) -> list[ast.ImportFrom | ast.Import]:
    """Imports run when the module loads (not those inside functions or for type checkers)."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return [n for n in body if isinstance(n, (ast.Import, ast.ImportFrom))]


def test_no_module_imports_a_private_name_of_another():
    modules = _modules()
    found = []
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("botwatch")):
                continue
            for alias in node.names:
                private = alias.name.startswith("_") and not alias.name.startswith("__")
                if private and f"{node.module}.{alias.name}" not in modules:  # a module is fine
                    found.append(f"{name}: {node.module}.{alias.name}")
    assert found == []


def test_no_import_cycle():
    modules = _modules()
    graph = nx.DiGraph()
    for name, path in modules.items():
        for node in _top_level_imports(path):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("botwatch"):
                for alias in node.names:
                    target = f"{node.module}.{alias.name}"
                    graph.add_edge(name, target if target in modules else node.module)
            elif isinstance(node, ast.Import):
                graph.add_edges_from((name, a.name) for a in node.names if a.name.startswith("botwatch"))
    # A package importing its own submodules is how it is built, not a cycle.
    graph.remove_edges_from([(a, b) for a, b in list(graph.edges) if b.startswith(a + ".")])
    assert [c for c in nx.strongly_connected_components(graph) if len(c) > 1] == []
