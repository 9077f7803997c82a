"""The entries a page's layout step gives: one stream for HTML and text alike."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

__all__ = ["Entry"]


@dataclass(slots=True)
class Entry:
    """One thing a page shows.

    `kind` is ``"pair"`` (a label with its value; a heading is a pair with a section and no
    value), ``"para"`` (a line or paragraph of text), ``"item"`` (a list item, with its
    `marker` as written and its nesting `depth`) or ``"row"`` (a table row no header names, its
    cells in `cells`). A pair's `children` are the lines and items written below it, up to the
    next label; `field` and `section` are what the vocabulary says its label names. `row` groups
    the pairs made from one table row (a header cell applied to each of its cells). `cut` marks
    text that runs to the very end of the page, where an excerpt may have cut it off.
    """

    kind: str
    text: str
    value: str = ""
    field: str | None = None
    section: str | None = None
    marker: str | None = None
    depth: int = 0
    row: int | None = None
    cells: tuple[str, ...] = ()
    children: list[Entry] = dataclasses.field(default_factory=list)
    cut: bool = False
