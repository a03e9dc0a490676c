"""The shape of the code: the pipeline's direction, no import cycles, every GB/T 9704 number in one module.

docs/architecture.md describes the stages; these tests keep the code to it. Imports are read from the
source (every ``import`` and ``from … import``, also inside functions; ``if TYPE_CHECKING:`` blocks
aside), so a lazy import cannot hide a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "generator"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The project modules *path* imports at run time (a package's __init__ counts when it is named)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [target] + [f"{target}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != here:
                found.add(name)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    return {module_name(p): imports_of(p, modules) for p in paths}


def test_no_two_modules_import_each_other(graph: dict[str, set[str]]) -> None:
    """Verify the import graph has no cycle (a package importing its own submodules aside)."""
    def real(source: str, target: str) -> bool:
        return not source.startswith(target + ".")  # a submodule naming its package reads its __init__

    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if not real(node, target):
                continue
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target):] + [target] if target in trail else [node, target])
            elif target not in state:
                visit(target, trail + [target])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == [], "\n".join(" → ".join(c) for c in cycles)


def test_stages_never_import_later_ones(graph: dict[str, set[str]]) -> None:
    """Verify load → validate → check → render → write: no stage reaches back, the importer never reaches the
    renderer, and no library module imports the CLI or the api module (they call the library, not the reverse)."""
    later = {
        "generator.load": ("generator.validate", "generator.check", "generator.render", "generator.cli"),
        "generator.model": ("generator.load", "generator.validate", "generator.check", "generator.render"),
        "generator.text": ("generator.load", "generator.validate", "generator.check", "generator.importer"),
        "generator.validate": ("generator.check", "generator.render", "generator.write", "generator.cli"),
        "generator.check": ("generator.render", "generator.cli", "generator.bulk", "generator.wizard"),
        "generator.importer": ("generator.render", "generator.check", "generator.cli", "generator.wizard"),
    }
    data_only = "generator.render.gbt9704"  # the table of GB/T 9704 numbers: data any step may read
    wrong = []
    for module, targets in graph.items():
        for stage, forbidden in later.items():
            if module == stage or module.startswith(stage + "."):
                wrong += [(module, t) for t in targets if t != data_only and t.startswith(forbidden)]
        if module.startswith("generator.") and not module.startswith(("generator.cli", "generator.__main__")):
            wrong += [(module, t) for t in targets if t.startswith("generator.cli") or t == "generator.api"]
    assert wrong == []


# The numbers of GB/T 9704 as written in the files (twips of the page, margins, 版心, grid, gaps): each may
# appear in generator/render/gbt9704.py only.
LAYOUT_NUMBERS = {11906, 16838, 2098, 1984, 1587, 1474, 1417, 8845, 12756, 579, 1660, 868, 519}


@pytest.mark.parametrize("path", sorted([*PACKAGE.rglob("*.py"), *(REPO / "tools").rglob("*.py")]),
                         ids=lambda p: str(p.relative_to(REPO)))
def test_layout_numbers_live_in_one_module(path: Path) -> None:
    """Verify no module but render/gbt9704.py writes a GB/T 9704 layout number."""
    if path == PACKAGE / "render" / "gbt9704.py":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [(node.lineno, node.value) for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and type(node.value) in (int, float) and node.value in LAYOUT_NUMBERS]
    assert found == [], f"{path.name}: layout numbers belong in generator/render/gbt9704.py: {found}"
