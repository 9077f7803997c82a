"""Layout of an HTML page: the element tree → the lines the text layout reads.

Each block element (a heading, a paragraph, a `div`, a list item, a `dt` or `dd`, a table row)
becomes its own line; list items become bullets indented by their nesting; a table row becomes
a pipe row, and a header row (in `thead`, or a row of `th` cells only) is marked as one so that
the text layout applies it to the rows below; a label element (class ``label``, ``field-label``,
...) ends its line, so the value after it is read as the label's value. "Label: value" text,
``<strong>Label</strong> value`` and cards (blocks of a heading and its lines) then read as in
plain text. Page furniture (scripts, navigation, forms) is skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree

from .entries import Entry
from .layout_text import HEADER_MARK, text_entries

__all__ = ["BLOCK_TAGS", "html_entries", "html_lines"]

_SKIP = frozenset(
    {
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "footer",
        "form",
        "button",
        "svg",
        "select",
        "option",
        "iframe",
    }
)
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "aside",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "blockquote",
        "figure",
        "figcaption",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "center",
        "fieldset",
        "legend",
        "pre",
        "address",
        "caption",
        "hr",
    }
)
"""The tags of block elements: each starts a line of its own (for the HTML reader too)."""
_LABEL_CLASSES = frozenset({"label", "field-label", "field-name", "key", "term", "title"})
_CELLS = frozenset({"td", "th"})
_BLOCK = BLOCK_TAGS | _CELLS
_LISTS = frozenset({"ul", "ol"})
# blocks the walk reads as any block: not a rule or heading, which also end the block above
_LEAF_BLOCKS = frozenset(
    tag for tag in _BLOCK if tag != "hr" and not (tag[0] == "h" and tag[1:].isdigit())
)
_READ_OTHERWISE = _SKIP | _BLOCK | {"br", "tr", "li"}
"""The tags of elements `_Lines.walk` reads otherwise than as inline text."""
_NOT_INLINE: dict[str, bool] = {}


def _not_inline(tag: str) -> bool:
    """Whether `_Lines.walk` reads an element of this tag otherwise than as inline text."""
    found = _NOT_INLINE.get(tag)
    if found is None:
        found = tag in _READ_OTHERWISE or (tag[0] == "h" and tag[1:].isdigit())
        if len(_NOT_INLINE) < 4096:  # pages name a few tags; a page of made-up ones is not kept
            _NOT_INLINE[tag] = found
    return found


Walk = Iterator[Any]
"""A step of a walk over a page's elements: each value it yields is a walk of a part (`Walk`),
run to its end by `run_walk` before the step goes on."""


def run_walk(walk: Walk) -> None:
    """Run `walk` and every part it yields, each to its end in turn: the walks under way are
    kept on a list, not as Python frames, so a page nested to libxml2's limit (2,048 levels)
    is read in the order a recursive walk would read it."""
    under_way: list[Walk] = [walk]
    while under_way:
        part = next(under_way[-1], None)
        if part is None:
            under_way.pop()
        else:
            under_way.append(part)


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []

    def text(self, text: str | None) -> None:
        if text:
            self.current.append(text)

    def flush(self, prefix: str = "") -> None:
        current = self.current
        if not current:
            return
        line = " ".join("".join(current).split())
        if line:
            self.lines.append(prefix + line)
        current.clear()  # in place: `walk` holds on to the list

    def walk(self, node: etree._Element, depth: int) -> Walk:
        tag = node.tag
        if not isinstance(tag, str) or tag in _SKIP:
            return
        current = self.current
        if tag == "br":
            if current:
                self.flush()
            return
        if tag == "hr" or (tag[0] == "h" and tag[1:].isdigit()):
            if current:
                self.flush()
            self.lines.append("")  # a rule or a heading ends the block above it
        if tag == "tr":
            if current:
                self.flush()
            yield self.row(node)
            return
        if tag == "li":
            if current:
                self.flush()
            yield self.item(node, depth)
            return
        block = tag in _BLOCK
        if block and current:
            self.flush()
        text = node.text
        if text:
            current.append(text)
        if len(node):
            nested = depth + 1 if tag in _LISTS else depth
            walk = self.walk
            for child in node:
                child_tag = child.tag
                if child_tag == "tr" or child_tag == "li":
                    # what the walk does with a row or item, without it
                    if current:
                        self.flush()
                    yield self.row(child) if child_tag == "tr" else self.item(child, nested)
                elif len(child):
                    yield walk(child, nested)
                elif type(child_tag) is str and child_tag in _LEAF_BLOCKS:
                    # what the walk makes of a block of text only, without it
                    if current:
                        self.flush()
                    text = child.text
                    if text:
                        current.append(text)
                        self.flush()
                elif type(child_tag) is not str or _not_inline(child_tag) or child.get("class"):
                    yield walk(child, nested)
                else:
                    # an inline element of text only (most of them): its text, without the walk
                    text = child.text
                    if text:
                        current.append(text)
                tail = child.tail
                if tail:
                    current.append(tail)
        if block:
            if current:
                self.flush()
            return
        classes = node.get("class")
        if classes and current and not _LABEL_CLASSES.isdisjoint(classes.lower().split()):
            self.flush()

    def item(self, node: etree._Element, depth: int) -> Walk:
        indent = "  " * max(depth - 1, 0)
        prefix = indent + "• "
        self.text(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag in ("ul", "ol"):
                self.flush(prefix)
                prefix = indent + "• "
                yield self.walk(child, depth + 1)
            elif child.tag == "br" and self.current:
                # a line break inside the item: its first line carries the bullet, the lines
                # after it go on with the item
                self.flush(prefix)
                prefix = indent
            else:
                yield self.walk(child, depth)
            self.text(child.tail)
        self.flush(prefix)

    def row(self, node: etree._Element) -> Walk:
        # a comment's tag is not a str: it is no cell
        cells = [cell for cell in node if cell.tag in _CELLS]
        # no table anywhere in the row (most rows) is no table in a cell, without a look per cell
        if next(node.iter("table"), None) is not None and any(
            next(cell.iter("table"), None) is not None for cell in cells
        ):
            self.text(node.text)  # a layout table around blocks: its cells are blocks
            for child in node:
                yield self.walk(child, 0)
                self.text(child.tail)
                self.flush()
            return
        texts = []
        for cell in cells:
            if len(cell) == 0:  # text only: its one line, without a walk
                text = cell.text
                texts.append(" ".join(text.split()).replace("|", "/") if text else "")
                continue
            inner = _Lines()
            yield inner.walk(cell, 0)
            inner.flush()
            texts.append(" ".join(inner.lines).replace("|", "/"))
        if any(texts):
            parent = node.getparent()
            first = node.getprevious() is None and (
                parent is None or parent.tag != "tbody" or parent.getprevious() is None
            )
            header = (parent is not None and parent.tag == "thead") or (
                first and len(cells) > 1 and all(cell.tag == "th" for cell in cells)
            )
            self.lines.append((HEADER_MARK if header else "") + "| " + " | ".join(texts) + " |")
        # text written in the row outside its cells (broken markup) is kept as a line; `walk`
        # empties `current` in place
        current = self.current
        text = node.text
        if text:
            current.append(text)
        for child in node:
            if child.tag not in _CELLS:
                yield self.walk(child, 0)
            tail = child.tail
            if tail:
                current.append(tail)
        if current:
            self.flush()


def html_lines(root: etree._Element) -> str:
    """The page's text, one block per line (see the module's description)."""
    lines = _Lines()
    body = root.find("body")
    run_walk(lines.walk(body if body is not None else root, 0))
    lines.flush()
    return "\n".join(lines.lines)  # blank lines: the ends of blocks


def html_entries(root: etree._Element) -> list[Entry]:
    """The entries of an HTML page, in page order."""
    return text_entries(html_lines(root), excerpt=False)
