"""The base style of a line-drawing widget (the tree, the table), computed once per repaint.

``Widget.rich_style`` walks the styles of every ancestor on each call; the tree and the table
asked for it on every line they drew (~40 lines a frame, a third of their drawing time in the
first frame: benchmarks/, target 1). Textual empties ``_rich_style_cache`` whenever the widget
is repainted or its styles change, and keeps the component styles there, which are themselves
``rich_style`` plus the component's: the base style is kept there too, on the same terms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style

if TYPE_CHECKING:
    from textual.widget import Widget

#: The cache key (component names are never empty strings).
_BASE = ("",)


def base_style(widget: Widget) -> Style:
    """``widget.rich_style``, cached until the widget's next repaint or style change."""
    cache = widget._rich_style_cache
    cached = cache.get(_BASE)
    if cached is None:
        style = widget.rich_style
        cache[_BASE] = (style, style)
        return style
    return cached[0]
