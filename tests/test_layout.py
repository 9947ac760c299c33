"""The shape of the package (DESIGN.md "Shape"): one folder per capability, faces by layer over
them, the lower layers never importing a face, and no import circles."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "twolevel"
FACES = {"files", "cli", "plots", "cases", "docs"}


def modules():
    """{dotted module name: path} of every module of the package."""
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imports(name, path, known):
    """The package's modules that module ``name`` imports (at any depth of its code)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                full = f"{target}.{alias.name}"
                found.add(full if full in known else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in known and m != name and not name.startswith(m + ".")}


def graph():
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def layer(name):
    """The folder of a module: 'negotiation', 'cli', ...; '' for the package's own top level."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] != "__main__" else ""


def test_every_module_lives_in_a_capability_or_face_folder():
    top = [p.name for p in PACKAGE.glob("*.py")]
    assert sorted(top) == ["__init__.py", "__main__.py"]


def test_lower_layers_never_import_faces():
    bad = [(m, t) for m, targets in graph().items() for t in targets
           if layer(m) not in FACES | {""} and layer(t) in FACES]
    assert bad == []


def test_no_import_circles():
    g = graph()
    state, stack, circles = {}, [], []

    def visit(u):
        state[u] = 1
        stack.append(u)
        for v in g[u]:
            if state.get(v) == 1:
                circles.append(stack[stack.index(v):] + [v])
            elif not state.get(v):
                visit(v)
        stack.pop()
        state[u] = 2

    for u in g:
        if not state.get(u):
            visit(u)
    assert circles == []
