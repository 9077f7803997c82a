"""Split eligibility-criteria text into inclusion and exclusion items.

Used by every reader to fill `Eligibility.inclusion` / `.exclusion`. Understands markdown
lists (``* ``, ``- ``, ``1.``, ``1)``, ``a.``) with nesting by indentation, headings in their
usual forms ("Inclusion Criteria:", "Key Exclusion Criteria", "INCLUSION CRITERIA",
"**Inclusion:**"), and single-newline items. Splitting on blank lines is wrong for v2 text:
its list items are separated by single newlines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from .._text import collapse_whitespace, unescape_markdown
from ..model._build import maker
from ..model.eligibility import Criterion

__all__ = ["Side", "split_criteria"]

Side = Literal["inclusion", "exclusion"]

_HEADING = re.compile(
    r"^[\s#*_>-]*(?:key\s+|main\s+|general\s+|major\s+)?(inclusion|exclusion|exclusionary)"
    r"(?:\s+criteria|\s+criterion)?(?:\s*\([^)]*\))?[\s*_]*[:.]?[\s*_]*(?P<rest>.*)$",
    re.IGNORECASE,
)
MAX_NESTING = 8
"""Deeper indentation than this many list levels makes siblings at the deepest level."""

_MARKER = re.compile(
    r"^(?P<indent>[ \t]*)(?:(?P<bullet>[*\-•·●○▪◦–+])|\(?(?P<num>\d{1,3}|[a-zA-Z])[.)](?!\d))[ \t]+(?P<text>\S.*)$"
)
# whether a line (no line break in it) opens with a marker: `_MARKER` without reading the rest
_MARKED = re.compile(_MARKER.pattern.replace(r"(?P<text>\S.*)$", r"\S"))


_criterion = maker(Criterion)


@dataclass
class _Item:
    indent: int
    number: str | None
    parts: list[str]
    children: list[_Item] = field(default_factory=list)

    def build(self) -> Criterion:
        # built directly: the values are of the field types already (validation costs more
        # than the splitting)
        return _criterion(
            {
                "text": collapse_whitespace(" ".join(self.parts)),
                "number": self.number,
                "children": [child.build() for child in self.children],
            },
            {"text", "number", "children"},
        )


def _heading(line: str) -> tuple[Side, str] | None:
    # every heading word holds "clu", which no other letter matches case-insensitively: most
    # lines are ruled out without trying the pattern
    if "clu" not in line.lower():
        return None
    match = _HEADING.match(line)
    if match is None:
        return None
    rest = match["rest"].strip()
    word = match[1].lower()
    # "Inclusion of women..." is an item, not a heading: a heading ends or goes on after a colon.
    if rest and not re.search(r"criteri|[:]", line[: match.start("rest")], re.IGNORECASE):
        return None
    return ("inclusion" if word == "inclusion" else "exclusion"), rest


def split_criteria(text: str | None) -> tuple[list[Criterion], list[Criterion]]:
    """(inclusion, exclusion) items of criteria text; text with no heading counts as inclusion."""
    if not text:
        return [], []
    lists: dict[Side, list[_Item]] = {"inclusion": [], "exclusion": []}
    side: Side = "inclusion"
    stack: list[_Item] = []
    previous_blank = True
    for raw_line in unescape_markdown(text).splitlines():
        line = raw_line.replace("\t", "    ")
        if not line.strip():
            previous_blank = True
            continue
        heading = _heading(line)
        if heading is not None:
            side, rest = heading
            stack = []
            previous_blank = True
            if not rest:
                continue
            line = rest
        match = _MARKER.match(line)
        if match is not None:
            indent = len(match["indent"])
            number = match["num"]
            item = _Item(indent, number, [match["text"]])
            while stack and (stack[-1].indent >= indent or len(stack) >= MAX_NESTING):
                stack.pop()
            (stack[-1].children if stack else lists[side]).append(item)
            stack.append(item)
        elif stack and not previous_blank:
            stack[-1].parts.append(line)
        else:
            item = _Item(len(line) - len(line.lstrip()), None, [line])
            lists[side].append(item)
            stack = [item]
        previous_blank = False
    return (
        [item.build() for item in lists["inclusion"]],
        [item.build() for item in lists["exclusion"]],
    )


# the line breaks of `str.splitlines`
_LINE = re.compile(r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])?")
_MANY_LINES = 65_536


def _lines(text: str) -> Iterable[str]:
    """`text.splitlines(keepends=True)`; for a long text one line at a time, not all at once
    (a wall of short lines would take many times the text's memory)."""
    if len(text) <= _MANY_LINES:
        return text.splitlines(keepends=True)
    return (match[0] for match in _LINE.finditer(text) if match.end() > match.start())


def item_spans(text: str) -> list[tuple[Side | None, int | None, int, int]]:
    """(side, item number, start, end) of each top-level item (and heading) of criteria text.

    Item numbers count the top-level items of each side from 1, in the order `split_criteria`
    gives them; a heading has number None. Offsets are into `text` as given.
    """
    return list(iter_item_spans(text))


def iter_item_spans(text: str) -> Iterator[tuple[Side | None, int | None, int, int]]:
    """`item_spans` one at a time (an item is given once the next one starts)."""
    last: tuple[Side | None, int | None, int, int] | None = None
    side: Side = "inclusion"
    counts: dict[Side, int] = {"inclusion": 0, "exclusion": 0}
    top_indent: int | None = None
    in_item = False
    previous_blank = True
    offset = 0
    for raw_line in _lines(text):
        start = offset
        offset += len(raw_line)
        content = raw_line.rstrip("\r\n")
        end = start + len(content)
        if content.isspace() or not content:
            previous_blank = True
            continue
        line = content.replace("\t", "    ")
        # unescaping drops only a backslash before punctuation: a line without "clu" is no
        # heading either way
        heading = _heading(unescape_markdown(line)) if "clu" in line.lower() else None
        if heading is not None:
            side, rest = heading
            if last is not None:
                yield last
            last = (side, None, start, end)
            in_item = False
            top_indent = None
            previous_blank = True
            if not rest:
                continue
        marked = _MARKED.match(line) is not None
        indent = len(line) - len(line.lstrip())
        new_top = False
        if marked:
            new_top = not in_item or top_indent is None or indent <= top_indent
        elif not (in_item and not previous_blank):
            new_top = True
        if new_top:
            counts[side] += 1
            if last is not None:
                yield last
            last = (side, counts[side], start, end)
            top_indent = indent
            in_item = True
        elif last is not None:
            last = (last[0], last[1], last[2], end)
        previous_blank = False
    if last is not None:
        yield last
