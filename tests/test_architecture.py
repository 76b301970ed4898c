"""The layering, read from the source: no import cycles, OR-Tools only in models/, an
independent verifier, one registry of stages and priorities that every layer agrees with,
and no function or module too long to read as one story.

Imports are found by parsing every module (``ast``), including those inside functions and
under ``TYPE_CHECKING``: a cycle hidden in a function is still a cycle in the design.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("matcher", "models")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
    }


MODULES = _modules()


def _imported_names(path: Path) -> Iterator[str]:
    """Every module name an ``import`` or ``from ... import`` statement of ``path`` names."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            # ``from matcher import app`` imports the module matcher.app.
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _graph() -> dict[str, set[str]]:
    """Module → the modules of matcher/ and models/ it imports, and the outside ones."""
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        targets = set()
        for imported in _imported_names(path):
            if imported in MODULES or imported.split(".")[0] not in PACKAGES:
                targets.add(imported)
        targets.discard(name)
        graph[name] = targets
    return graph


GRAPH = _graph()


def _internal(name: str) -> set[str]:
    return {t for t in GRAPH[name] if t in MODULES}


def _closure(name: str) -> set[str]:
    """Every module ``name`` may import, directly or through others (itself excluded)."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        for target in GRAPH[todo.pop()]:
            if target not in seen:
                seen.add(target)
                if target in MODULES:
                    todo.append(target)
    return seen


def test_the_graph_sees_function_level_imports() -> None:
    """The parser finds an import written inside a function (app imports the engine there).

    Without this, the acyclicity test below could pass by missing the imports that matter.
    """
    assert "matcher.selection" in GRAPH["matcher.app.solve"]
    assert "matcher.outputs.report" in GRAPH["matcher.outputs.writers"]


def test_no_import_cycles() -> None:
    """The internal import graph is acyclic (a depth-first search finds no back edge)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for target in sorted(_internal(name)):
            if state.get(target) == 1:
                cycle = [*path[path.index(target) :], target]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if target not in state:
                visit(target)
        path.pop()
        state[name] = 2

    for name in sorted(MODULES):
        if name not in state:
            visit(name)


def test_only_models_import_ortools() -> None:
    """OR-Tools is the engine's business: no module outside models/ names it."""
    offenders = [
        name
        for name in MODULES
        if not name.startswith("models") and any(t.startswith("ortools") for t in GRAPH[name])
    ]
    assert offenders == []


def test_models_import_nothing_from_matcher() -> None:
    """models/ sits below matcher/: it works on index-based data, never on matcher's objects."""
    offenders = {
        name: sorted(t for t in GRAPH[name] if t.startswith("matcher"))
        for name in MODULES
        if name.startswith("models")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.startswith("matcher.verify")))
def test_verify_is_independent_of_the_engine(name: str) -> None:
    """The verifier reaches neither models/ nor OR-Tools nor the stage drivers, even indirectly.

    It is the twin that checks the engine: sharing the engine's code would let one bug hide
    another.
    """
    engine = ("models", "ortools", "matcher.selection", "matcher.teams", "matcher.whatif")
    reached = sorted(t for t in _closure(name) if t.startswith(engine))
    assert reached == []


def test_registry_agrees_with_the_models() -> None:
    """Each stage's priorities and senses are the ones its model optimises.

    ``models/`` keeps its own tuples because it cannot import ``matcher``; this is what keeps
    the two declarations one.
    """
    from matcher.stages import SELECTION, TEAMS
    from models.selection import PRIORITIES as SELECTION_MODEL
    from models.teams import TEAM_PRIORITIES

    assert {p.name: p.sense for p in SELECTION.priorities} == SELECTION_MODEL
    assert TEAMS.names == TEAM_PRIORITIES
    assert all(p.sense == "min" for p in TEAMS.priorities)


def test_registry_agrees_with_the_settings() -> None:
    """settings.toml accepts exactly the registry's priorities, in the registry's default order.

    ``moves`` is the what-if's own first priority: settings cannot name it.
    """
    from matcher.schemas import SelectionPriority, SelectionSettings, TeamPriority, TeamSettings
    from matcher.stages import SELECTION, TEAMS

    assert set(get_args(SelectionPriority)) == set(SELECTION.names)
    assert set(get_args(TeamPriority)) == set(TEAMS.names) - {"moves"}
    assert SelectionSettings().priorities == SELECTION.default_order
    assert TeamSettings().priorities == TEAMS.default_order


def test_every_priority_has_labels_and_a_verifier_value() -> None:
    """Every registered priority reads in English and French, and its verifier twin computes it."""
    from matcher.labels import has_label, label
    from matcher.stages import STAGES

    for stage in STAGES:
        assert has_label(stage.label_key)
        for priority in stage.priorities:
            assert has_label(priority.label_key), priority.name
            assert label(priority.label_key, "en") != label(priority.label_key, "fr")
    demo = _demo()
    from matcher.stages import SELECTION, TEAMS

    ids = tuple(c.id for c in demo.commissions[:2])
    assert set(SELECTION.objectives(demo, ids)) == set(SELECTION.names)
    assignment = {s.id: ids[i % 2] for i, s in enumerate(demo.students)}
    assert set(TEAMS.objectives(demo, ids, assignment)) == set(TEAMS.names)


def _demo():  # type: ignore[no-untyped-def]
    from matcher.app import load

    return load(ROOT / "instances" / "demo")


# --- Length of functions and modules -----------------------------------------------------------

#: A function longer than this no longer reads as the story of what it does: split it into
#: named steps (style.md).
MAX_FUNCTION_LINES = 100
#: A module longer than this hides its design: split it into modules whose names tell it.
MAX_MODULE_LINES = 600

#: (path, qualified name) → why it may be longer than MAX_FUNCTION_LINES.
LONG_FUNCTIONS: dict[tuple[str, str], str] = {}
#: path → why it may be longer than MAX_MODULE_LINES.
LONG_MODULES = {
    # The message catalogue: one entry per message, in English and French, and one catalogue
    # by design (a reader finds every wording in one place); its length is its content.
    "matcher/labels.py": "the message catalogue",
}


def _function_lengths(source: str) -> dict[str, int]:
    """Qualified name (``Class.method``, ``outer.inner``) → lines from ``def`` to its last
    line (docstring included, decorators not), for every function and method of ``source``."""
    lengths: dict[str, int] = {}

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = prefix + child.name
                assert child.end_lineno is not None
                lengths[name] = child.end_lineno - child.lineno + 1
                walk(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                walk(child, prefix + child.name + ".")
            else:
                walk(child, prefix)

    walk(ast.parse(source), "")
    return lengths


def _all_function_lengths() -> dict[tuple[str, str], int]:
    """(path relative to the repository, qualified name) → lines, for matcher/ and models/."""
    return {
        (path.relative_to(ROOT).as_posix(), name): length
        for path in MODULES.values()
        for name, length in _function_lengths(path.read_text(encoding="utf-8")).items()
    }


def _module_lengths() -> dict[str, int]:
    """Path relative to the repository → lines, for every module of matcher/ and models/."""
    return {
        path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in MODULES.values()
    }


def test_function_length_counts_every_line_of_a_function() -> None:
    """The measure counts from ``def`` to the last line, the docstring included, and sees
    methods and nested functions: a 101-line function is found, under its qualified name.

    The function below has its ``def`` line, a one-line docstring and 99 statements: 101
    lines, one more than allowed.
    """
    lines = [
        "class Board:",
        "    def show(self):",
        "        def inner():",
        "            pass",
        "",
        "",
        "def long():",
        '    """Too long."""',
        *(f"    x{i} = {i}" for i in range(99)),
    ]
    source = "\n".join(lines) + "\n"
    lengths = _function_lengths(source)
    assert lengths == {"Board.show": 3, "Board.show.inner": 2, "long": 101}
    assert lengths["long"] > MAX_FUNCTION_LINES


def test_no_function_is_too_long() -> None:
    """No function or method of matcher/ or models/ is longer than MAX_FUNCTION_LINES lines,
    except those allowed (each with its reason)."""
    too_long = {
        f"{path} {name}": length
        for (path, name), length in _all_function_lengths().items()
        if length > MAX_FUNCTION_LINES and (path, name) not in LONG_FUNCTIONS
    }
    assert too_long == {}


def test_no_module_is_too_long() -> None:
    """No module of matcher/ or models/ is longer than MAX_MODULE_LINES lines, except the
    message catalogue and those allowed (each with its reason)."""
    too_long = {
        path: length
        for path, length in _module_lengths().items()
        if length > MAX_MODULE_LINES and path not in LONG_MODULES
    }
    assert too_long == {}


def test_every_exception_is_still_needed() -> None:
    """Each allowed function and module still exists and is still too long: once split, its
    exception goes, so that it cannot grow back unnoticed."""
    functions = _all_function_lengths()
    modules = _module_lengths()
    stale = [
        f"{path} {name}"
        for path, name in LONG_FUNCTIONS
        if functions.get((path, name), 0) <= MAX_FUNCTION_LINES
    ]
    stale += [path for path in LONG_MODULES if modules.get(path, 0) <= MAX_MODULE_LINES]
    assert stale == []


def test_tests_import_their_helpers_as_ci_runs_them() -> None:
    """CI runs plain ``pytest``, which puts tests/ (not the checkout) on the path: a test
    importing ``tests.cohortfiles`` passes under ``python -m pytest`` and fails in CI
    (stop 35 failed so). Helpers are imported by their own name."""
    wrong = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            wrong += [f"{path.name}: {n}" for n in names if n == "tests" or n.startswith("tests.")]
    assert wrong == []


def test_the_readme_code_tree_names_every_module() -> None:
    """Probe s38e: the README's « How the code is organised » left out eight of loading/'s
    modules, one of which its text cites. Every module of ``matcher/``, ``matcher/loading/``
    and ``models/`` is named in that tree (packages' own modules are listed by their
    package)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tree = readme.split("## How the code is organised", 1)[1].split("```")[1]
    named = set(re.findall(r"[A-Za-z_]+", tree))
    folders = (ROOT / "matcher", ROOT / "matcher" / "loading", ROOT / "models")
    missing = [
        str(path.relative_to(ROOT))
        for folder in folders
        for path in sorted(folder.glob("*.py"))
        if path.stem not in {"__init__", "__main__"} and path.stem not in named
    ]
    assert not missing, missing
