"""The core stays plain Python: no web framework, ORM or schema library anywhere in encounter/."""
import ast
from pathlib import Path

import encounter

FORBIDDEN = {"flask", "flask_smorest", "sqlalchemy", "marshmallow", "server", "werkzeug", "webargs"}
MODULES = sorted(Path(encounter.__file__).parent.glob("*.py"))


def imported_roots(path: Path) -> set[str]:
    """The top-level package of every import in a module."""
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_the_core_has_modules_to_check():
    assert {p.name for p in MODULES} >= {"vocabulary.py", "derived.py", "priority.py", "triage.py", "views.py",
                                         "door.py", "sensitive.py", "export.py"}


def test_no_module_of_the_core_imports_flask_sqlalchemy_marshmallow_or_the_server():
    offenders = {path.name: sorted(imported_roots(path) & FORBIDDEN) for path in MODULES}
    assert {name: found for name, found in offenders.items() if found} == {}
