"""Who may import whom: `guards` nothing of the project, `core` only `guards`, `actions` no `bot`.

Read from the source (every `import` statement, also those inside functions), so a lazy import
that a run-time test would not reach is caught too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PROJECT_PACKAGES = {"actions", "bot", "core", "guards", "scripts", "tests"}
ALLOWED = {
    "guards": {"guards"},
    "core": {"core", "guards"},
    "actions": {"actions", "core", "guards"},
}


def imported_top_levels(path: Path) -> set[str]:
    """The top-level package of every absolute import in the file at `path`."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_when_a_package_imports_the_project_then_only_from_the_layers_below(package):
    offending = {
        str(path.relative_to(REPO_ROOT)): sorted(
            (imported_top_levels(path) & PROJECT_PACKAGES) - ALLOWED[package]
        )
        for path in sorted((REPO_ROOT / package).rglob("*.py"))
    }

    assert {path: names for path, names in offending.items() if names} == {}


def test_when_core_imports_a_library_then_it_is_not_rasa():
    libraries = set().union(*(imported_top_levels(p) for p in (REPO_ROOT / "core").rglob("*.py")))

    assert not {name for name in libraries if name == "rasa" or name.startswith("rasa_")}
