"""No widget text is a string built at run time and then parsed as markup.

``Static``, ``Label``, ``Button`` (and ``.update``, ``border_title``...) parse a ``str`` as
Textual markup: an f-string holding a name like ``[/]`` crashes the app (MarkupError) and one
holding ``[@click=app.quit]`` is a link. The esc-on-a-changed-form dialog did exactly that with a
server's name. Account text goes through ``ui/safe.py`` (``markup("… $name", name=…)``,
``safe(text)``); this test finds any new place that formats a string straight into a widget.
"""

from __future__ import annotations

import ast
from pathlib import Path

import oneandone_tui.ui as ui

#: Constructors and methods whose first argument is read as markup when it is a ``str``.
MARKUP_CALLS = {"Static", "Label", "Button", "Tab", "TabPane", "Collapsible", "Checkbox",
                "RadioButton", "Link", "update", "set_title"}
MARKUP_ATTRIBUTES = {"border_title", "border_subtitle", "tooltip"}


def _built_at_run_time(node: ast.expr) -> bool:
    """An f-string, a ``+``/``%`` of strings or a ``.format(...)``."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.FormattedValue) for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return any(isinstance(side, (ast.JoinedStr, ast.Constant)) and
                   not isinstance(getattr(side, "value", ""), (int, float))
                   for side in (node.left, node.right))
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format" and isinstance(node.func.value, ast.Constant))


def offences(source: str, where: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = (func.id if isinstance(func, ast.Name)
                    else func.attr if isinstance(func, ast.Attribute) else "")
            arguments = [*node.args[:1], *(k.value for k in node.keywords
                                           if k.arg in ("label", "content", "title"))]
            if name in MARKUP_CALLS and any(_built_at_run_time(a) for a in arguments):
                found.append(f"{where}:{node.lineno}: {name}({ast.unparse(arguments[0])})")
        elif isinstance(node, ast.Assign) and _built_at_run_time(node.value):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr in MARKUP_ATTRIBUTES:
                    found.append(f"{where}:{node.lineno}: {target.attr} = "
                                 f"{ast.unparse(node.value)}")
    return found


def test_the_checker_finds_what_crashed_the_discard_dialog() -> None:
    crashed = 'yield Static(f"{self.form_title}: what you changed is lost")'
    assert offences(crashed, "discard.py") == [
        'discard.py:1: Static(f\'{self.form_title}: what you changed is lost\')']
    assert offences('box.border_title = "Delete " + name', "x.py")
    assert offences('label.update("{} items".format(n))', "x.py")
    assert not offences('yield Static(markup("$title: lost", title=t))', "ok.py")
    assert not offences('yield Static(safe(name))', "ok.py")
    assert not offences('yield Static("[b]Fixed[/b] text")', "ok.py")


def test_no_widget_text_is_formatted_into_markup() -> None:
    root = Path(ui.__file__).parent
    found = [hit for path in sorted(root.rglob("*.py"))
             for hit in offences(path.read_text(), str(path.relative_to(root)))]
    assert not found, ("markup built from run-time text (use ui/safe.py markup()/safe()):\n"
                       + "\n".join(found))
