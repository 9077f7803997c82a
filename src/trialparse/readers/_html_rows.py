"""An HTML page's rows read from a parse fed in parts, each row freed once it is read.

libxml2's tree of a page takes about 16 times the page's size (six nodes of about 120 bytes for
``<tr><th>Label</th><td>value</td></tr>``); a page of many small rows would take that much before
any row is read. `RowStream` gives the rows in document order instead, each whole when given,
and frees each outermost one once it (and the rows inside it) are read: the rest of the tree
is kept, whole, in `RowStream.root`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Iterator
from typing import Any

from lxml import etree

from ..errors import MalformedRecord, UnsafeInput

__all__ = ["MOST_LEVELS", "PARSER_OPTIONS", "RowStream", "refuse_cut"]

PARSER_OPTIONS: dict[str, Any] = {
    "no_network": True,
    "remove_comments": True,
    "remove_pis": True,
    "encoding": "utf-8",
    "huge_tree": True,
}
"""lxml.etree's own HTML parser (plain elements, without lxml.html's per-element class lookup),
fed the decoded page re-encoded as UTF-8, so a declared encoding cannot mislead it."""

MOST_LEVELS = 2048
"""libxml2's nesting limit with `huge_tree`."""

_CHUNK = 64 * 1024
"""Bytes of the page fed to the parser at a time."""


def refuse_cut(error_log: Any, path: str | None) -> None:
    """Refuse a page nested past the parser's limit (libxml2 would drop the rest of it)."""
    for error in error_log:
        if error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            raise UnsafeInput(
                f"HTML refused: {error.message.split(',')[0]} levels (the parser would drop "
                "the rest of the page)",
                record_id=path,
                location=f"line {error.line}",
            )


def _events(parser: etree.HTMLPullParser) -> Iterator[tuple[str, etree._Element]]:
    events: Any = parser.read_events()  # lxml-stubs type an event's node as any node
    return iter(events)


_AT_THE_LIMIT = etree.XPath("boolean(" + "/*" * MOST_LEVELS + ")")
"""Whether a tree reaches `MOST_LEVELS` (one step per level: linear in the elements)."""


class RowStream:
    """The elements named `tags` of a page (its UTF-8 bytes, as `PARSER_OPTIONS` read them) in
    document order, as ``root.iter(*tags)`` gives them, each whole when given; each outermost
    one is freed (emptied, and taken out of the tree) once it and those inside it are read.

    Each heading inside a row (``tags`` of `headings`) is passed to `seen_heading` before the
    row is freed; `rows_in_heading` tells whether a row stood inside a heading (whose text
    `root` then lacks). `cut` tells whether the page reaches libxml2's nesting limit: fed in
    parts, libxml2 then drops the rest of the page without a word, where the tree parser
    reports it (`refuse_cut`), so such a page is for the tree parser to read. Raises
    `MalformedRecord` for bytes that are not HTML.
    """

    def __init__(
        self,
        data: bytes,
        path: str | None,
        tags: Collection[str],
        headings: Collection[str] = (),
        seen_heading: Callable[[etree._Element], None] | None = None,
    ) -> None:
        self.data = data
        self.path = path
        self.tags = frozenset(tags)
        self.headings = frozenset(headings)
        self.seen_heading = seen_heading
        self.root: etree._Element | None = None
        self.rows_in_heading = False
        self.cut = False

    def __iter__(self) -> Iterator[etree._Element]:
        data, tags, headings, seen_heading = self.data, self.tags, self.headings, self.seen_heading
        parser = etree.HTMLPullParser(
            events=("start", "end"), tag=sorted(tags | headings), **PARSER_OPTIONS
        )
        open_rows = open_headings = 0
        try:
            for at in itertools.chain(range(0, len(data), _CHUNK), [None]):
                if at is not None:
                    parser.feed(data[at : at + _CHUNK])
                else:  # the page's end: the last events
                    self.root = parser.close()
                for event, node in _events(parser):
                    tag = node.tag
                    if event == "start":
                        if tag in tags:
                            open_rows += 1
                            self.rows_in_heading |= open_headings > 0
                        else:
                            open_headings += 1
                        continue
                    if tag not in tags:
                        open_headings -= 1
                        if open_rows and seen_heading is not None:
                            seen_heading(node)  # a heading inside a row, whole
                        continue
                    open_rows -= 1
                    if open_rows:
                        continue  # a row inside a row: given with the outermost, in order
                    yield from node.iter(*tags)
                    self._free(node)
        except (etree.ParseError, etree.ParserError, ValueError) as exc:
            raise MalformedRecord(
                f"not HTML: {exc}", record_id=self.path, location="html"
            ) from None
        if self.root is None:
            raise MalformedRecord(
                "not HTML: no document element", record_id=self.path, location="html"
            )
        self.cut = bool(_AT_THE_LIMIT(self.root))

    @staticmethod
    def _free(row: etree._Element) -> None:
        row.clear()
        parent = row.getparent()
        if parent is not None:
            while row.getprevious() is not None:
                del parent[0]
