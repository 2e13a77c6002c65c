"""The house's shape, enforced: one way down, no circles, modules a newcomer can hold in their head.

The layers are written down here once, lowest first. A module may import its own layer and the
layers below it, never one above; no two modules may import each other, directly or round a loop
(imports inside functions count: they run too). Migrations, tests and the demo's data are not
held to the size limits; everything else is.
"""

import ast
import pathlib
from collections import defaultdict

PACKAGE = pathlib.Path(__file__).resolve().parent.parent

LAYERS: list[tuple[str, set[str]]] = [
    ("kernel", {"core"}),
    ("identity and place", {"accounts", "areas"}),
    ("registers", {"party", "units", "people", "notifications", "ledgers"}),
    ("who serves", {"volunteering"}),
    ("the demand pipeline", {"cases"}),
    ("work built on cases", {"offers", "wishes", "venues", "governance"}),
    ("interfaces", {"api", "open311", "dashboards", "pages"}),
    ("demo county", {"demo"}),
    ("project", {"urls", "settings", "settings_test", "wsgi", "conftest"}),
]

MODULE_LINES = 400
VIEW_LINES = 30
SERVICE_LINES = 50


def _is_test(path: pathlib.Path) -> bool:
    parts = path.relative_to(PACKAGE).parts
    return "tests" in parts or path.name.startswith("test_") or path.name == "conftest.py"


def _sources(*, sized: bool = False) -> list[pathlib.Path]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if _is_test(path) or "migrations" in parts:
            continue
        if sized and parts[0] == "demo":
            continue
        found.append(path)
    return found


def _module_name(path: pathlib.Path) -> str:
    parts = ["grassroots", *path.relative_to(PACKAGE).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: pathlib.Path, modules: set[str]) -> set[str]:
    """The project's modules this file imports, anywhere in it, resolved to the module itself
    (`from grassroots.cases import services` is the module grassroots.cases.services)."""
    named: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            named.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            named.add(node.module)
            named.update(f"{node.module}.{a.name}" for a in node.names)
    return {name for name in named if name in modules}


def _graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for p in _sources()}
    modules = set(paths)
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        graph[name] = {m for m in _imports(path, modules) if m != name}
        # A package's __init__ is reached through its modules' imports of it, not the reverse.
        graph[name] -= {m for m in graph[name] if name.startswith(m + ".")}
    return graph


def _app(module: str) -> str:
    return module.split(".")[1] if "." in module else module


def _layer_of() -> dict[str, int]:
    return {app: i for i, (_name, apps) in enumerate(LAYERS) for app in apps}


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_app_has_a_layer():
    apps = {_app(_module_name(p)) for p in _sources()} - {"grassroots", "__init__"}
    assert apps - set(_layer_of()) == set()


def test_no_import_runs_up_a_layer():
    layer = _layer_of()
    upward = {
        f"{module} -> {target}": f"{module} imports {target} ({LAYERS[layer[_app(target)]][0]} "
        f"above {LAYERS[layer[_app(module)]][0]})"
        for module, targets in _graph().items()
        for target in targets
        if _app(module) in layer and layer[_app(target)] > layer[_app(module)]
    }
    assert sorted(upward.values()) == []


def test_no_circle_between_modules():
    circles = {"circle " + " ".join(c): " ↔ ".join(c) for c in _circles(_graph())}
    assert sorted(circles.values()) == []


def test_the_circle_finder_sees_a_circle():
    """The finder itself: a loop of three and a pair are found, a chain is not."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"e"}, "e": {"d"}, "f": {"a"}}
    assert _circles(graph) == [["a", "b", "c"], ["d", "e"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


def test_modules_stay_under_400_lines():
    long = {
        str(p.relative_to(PACKAGE)): f"{p.relative_to(PACKAGE)} {n} lines"
        for p in _sources(sized=True)
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MODULE_LINES
    }
    assert sorted(long.values()) == []


def _kind(path: pathlib.Path) -> str | None:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if "views" in parts:
        return "view"
    if "services" in parts:
        return "service"
    return None


def _function_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines of a function from its `def` to its last line, docstring included."""
    return (node.end_lineno or node.lineno) - node.lineno + 1


def test_views_and_services_are_short():
    limit = {"view": VIEW_LINES, "service": SERVICE_LINES}
    long = {}
    for path in _sources(sized=True):
        kind = _kind(path)
        if kind is None:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if (n := _function_lines(node)) > limit[kind]:
                where = f"{path.relative_to(PACKAGE)}:{node.name}"
                long[where] = f"{where} {n} lines"
    assert sorted(long.values()) == []


def test_domain_flow_sends_no_signal():
    """Apps say what happens where it happens: no app defines or connects a Django signal."""
    senders: dict[str, list[str]] = defaultdict(list)
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        for needle in ("Signal(", ".connect(", "@receiver"):
            if needle in text:
                senders[str(path.relative_to(PACKAGE))].append(needle)
    assert dict(senders) == {}
