"""Layout of a page's plain text: lines → one stream of entries.

Reads what trial pages look like once their HTML is stripped: "Label: value" on one line;
a label alone on its line with its value on the next line(s) (blank lines between are
common); a label and its value in two columns (a run of spaces or a tab); a label then its
value after one space on short lines ("Status Completed"); labels glued to the value before
them ("Phase 2Accepts Healthy Volunteers?"); pipe tables (a header row is applied to the rows
below it), rows of tab-separated cells; bullets (``•``, ``‣``, ``⁃``, ``-``, ``*``, numbers,
letters) with their nesting; the bilingual blocks of Japanese registries ("日本語" / "英語").
Which labels exist comes from `vocabulary`; naming their fields is left to the caller.
"""

from __future__ import annotations

import re

from .entries import Entry
from .values import fits
from .vocabulary import BLOCK_FIELDS, FIELDS, INTERVENTION_TYPES, SECTIONS, fold, lookup

__all__ = ["HEADER_MARK", "text_entries"]

HEADER_MARK = "\x1e"
"""Marks a table row known to be a header row (an HTML `thead` row) in the lines of a page."""

_BULLET = re.compile(
    r"(?:(?P<glyph>[•‣⁃\-*·●○▪◦■□➢►–])|(?P<number>\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[A-Z]\)"
    r"|\([ivx]{1,4}\)))"
    r"\s+(?P<rest>\S.*)"
)
_COLON = re.compile(r"^(?P<label>[^:：]{1,80}?)\s*[:：]\s*(?P<value>.*)$")
_COLUMNS = re.compile(r"\s{2,}|\t+")
_SEPARATOR_ROW = re.compile(r"^[\s|:\-–—]+$")
_GLUED = re.compile(r"(?<=[a-z0-9.)\]])(?=[A-Z])")
_UNKNOWN_LABEL = re.compile(r"^[A-Za-z][A-Za-z /&'()#.\-]{1,48}$")
# "Secondary ID [1] 1539 0", "Primary outcome [1] 463 0": a label with the registry's own index
# "Trial Locations (1)": a heading with the count of what it heads
_INDEXED_LABEL = re.compile(r"^(?P<label>\D+?)\s*(?:\[\d+\](?:\s+\d+)*|\(\d+\))$")
_STOPWORDS = frozenset(
    [
        "of",
        "for",
        "in",
        "with",
        "and",
        "to",
        "the",
        "a",
        "an",
        "is",
        "are",
        "was",
        "were",
        "will",
        "on",
        "at",
        "by",
        "from",
        "as",
        "or",
        "that",
        "this",
    ]
)
_LANG_JA = frozenset({"日本語", "japanese"})
_LANG_EN = frozenset({"英語", "english"})

_KNOWN = {**dict.fromkeys(FIELDS, True), **dict.fromkeys(SECTIONS, True)}
# every word-level prefix of a field label, so the search for a label at a line's start (a
# field's, never a heading's: "Eligibility Module" is a heading) stops early
_PREFIXES: frozenset[str] = frozenset(
    " ".join(key.split()[:n]) for key in FIELDS for n in range(1, len(key.split()) + 1)
)
_MAX_WORDS = max(len(key.split()) for key in _KNOWN)
# the first word of every label: most lines start with none of them, and are read at once
_FIRST_WORDS: frozenset[str] = frozenset(key.split()[0] for key in _KNOWN if key)
_BULLET_STARTS = frozenset("•‣⁃-*·●○▪◦■□➢►–(")
_LIST_FIELDS = frozenset({"conditions", "keywords", "interventions"})
_COLUMN_LISTS = frozenset({"conditions", "interventions"})


def _known(text: str) -> bool:
    return fold(text) in _KNOWN


def _label_only(content: str, bullet: bool = False) -> bool:
    """Whether the line is nothing but a label ("Status", "Status:", "Accepts Healthy Volunteers?")."""
    if len(content) > 90 or (not bullet and content[0].isascii() and content[0].islower()):
        return False  # labels are capitalised: "treatment" on its own is a wrapped line
    return _known(content.rstrip(" :：?*"))


class _Token:
    __slots__ = ("cells", "content", "depth", "how", "kind", "label", "marker", "value")

    def __init__(
        self,
        kind: str,
        content: str = "",
        *,
        label: str = "",
        value: str = "",
        marker: str | None = None,
        depth: int = 0,
        cells: tuple[str, ...] = (),
        how: str = "",
    ) -> None:
        self.how = how
        self.kind = kind  # "blank" | "line" | "label" | "labels" | "pair" | "row"
        self.content = content
        self.label = label
        self.value = value
        self.marker = marker
        self.depth = depth
        self.cells = cells


def _prefix_pair(content: str) -> tuple[str, str] | None:
    """A known label at the start of a short line, its value after one space."""
    if len(content) > 160:
        return None
    head = content.split(None, 1)
    if len(head) < 2 or fold(head[0]) not in _PREFIXES:
        return None  # most lines: the first word starts no label
    words = content.split()
    key = ""
    best = 0
    for index in range(min(_MAX_WORDS, len(words) - 1)):
        part = fold(words[index])
        if not part:
            if index == 0:
                return None
            continue
        key = f"{key} {part}" if key else part
        if key not in _PREFIXES:
            break
        if key in FIELDS:
            best = index + 1
    if not best:
        return None
    rest_words = words[best:]
    rest = " ".join(rest_words)
    first = rest[0]
    if rest_words[0].lower() in _STOPWORDS:
        return None  # "Treatment of Hypertension" is a title, not "Treatment" and a value
    if (
        best == 1
        and first.isascii()
        and first.islower()
        and (len(rest_words) > 4 or rest[-1] in ".;:")
    ):
        return None  # "Status was ..." is prose
    label = " ".join(words[:best])
    if not fits(FIELDS[fold(label)], rest):
        return None  # "Type 2 Diabetes Mellitus": a value, not the label "Type" and its value
    return label, rest


_TYPED_ITEM = re.compile(rf"(?:{'|'.join(INTERVENTION_TYPES)})\s*:\s", re.I)


def _label_run(content: str) -> tuple[str, ...] | None:
    """Labels side by side with single spaces, naming a list field ("Condition or Disease
    Intervention/Treatment Phase"): the header of a table of conditions and interventions
    flattened into text, its items on the lines below."""
    if len(content) > 120 or fold(content.partition(" ")[0]) not in _FIRST_WORDS:
        return None
    words = content.split(" ")
    if len(words) < 3:
        return None
    labels: list[str] = []
    start = 0
    while start < len(words):
        for end in range(min(len(words), start + _MAX_WORDS), start, -1):
            candidate = " ".join(words[start:end])
            if fold(candidate) in FIELDS:
                labels.append(candidate)
                start = end
                break
        else:
            return None
    if len(labels) < 2 or not any(FIELDS[fold(label)] in _COLUMN_LISTS for label in labels):
        return None
    return tuple(labels)


def _classify(content: str, depth: int) -> _Token:
    """One non-blank line: a label, a pair, a list item or a plain line."""
    marker: str | None = None
    match = (
        _BULLET.fullmatch(content)
        if content[0] in _BULLET_STARTS
        or ((len(content) > 2 and content[1] in ".)") or content[2:3] in (".", ")"))
        else None
    )
    if match is not None:
        marker = match["glyph"] or match["number"]
        content = match["rest"]
    # `_label_only`, written out: most lines are read here
    if len(content) <= 90 and (
        marker is not None or not (content[0].isascii() and content[0].islower())
    ):
        label = content.rstrip(" :：?*")
        if fold(label) in _KNOWN:
            return _Token("label", label=label, marker=marker, depth=depth)
    indexed = _INDEXED_LABEL.match(content) if content[-1] in "])0123456789" else None
    if indexed is not None and _known(indexed["label"]):
        return _Token("label", label=indexed["label"], marker=marker, depth=depth)
    if content[-1] in "?:：" or len(content) <= 60:
        for split in _GLUED.finditer(content, max(0, len(content) - 60)):
            tail = content[split.start() :]
            if fold(tail.split(" ", 1)[0]) in _FIRST_WORDS and _label_only(tail):
                return _Token(
                    "line", content[: split.start()], label=tail.rstrip(" :：?"), depth=depth
                )
    colon = _COLON.match(content) if ":" in content[:82] or "：" in content[:82] else None
    tried_prefix = False
    if colon is not None:
        label = colon["label"].strip()
        known = _known(label)
        if not known and marker is None:
            tried_prefix = True
            prefixed = _prefix_pair(content)  # "linkedct:brief_title Control of ..."
            if prefixed is not None:
                return _Token(
                    "pair", content, label=prefixed[0], value=prefixed[1], depth=depth, how="prefix"
                )
        value = colon["value"].strip()
        if known or (
            marker is None
            and value
            and not value.startswith("//")
            and _UNKNOWN_LABEL.match(label)
            and len(label.split()) <= 5
        ):
            return _Token("pair", content, label=label, value=value, marker=marker, depth=depth)
    if "  " in content or "\t" in content:
        head, *rest = _COLUMNS.split(content, maxsplit=1)
        if rest and _known(head.rstrip(" :：")):
            return _Token("pair", label=head.rstrip(" :："), value=rest[0].strip(), depth=depth)
    if marker is None and not tried_prefix:
        prefixed = _prefix_pair(content)
        if prefixed is not None:
            return _Token(
                "pair", content, label=prefixed[0], value=prefixed[1], depth=depth, how="prefix"
            )
    return _Token("line", content, marker=marker, depth=depth)


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    header_width = 0  # columns of a header row written with runs of spaces
    for raw in text.splitlines():
        content = raw.strip()
        if not content:
            tokens.append(_Token("blank"))
            continue
        depth = (len(raw) - len(raw.lstrip(" "))) // 2 if raw[0] == " " else 0
        header_row = content[0] == HEADER_MARK
        if header_row:
            content = content[1:]
        if "|" in content:
            if _SEPARATOR_ROW.match(content):
                continue
            cells = tuple(cell.strip() for cell in content.strip("|").split("|"))
            filled = tuple(cell for cell in cells if cell)
            if not filled:
                tokens.append(_Token("blank"))
                continue
            if len(filled) >= 2 or header_row:
                tokens.append(_Token("row", cells=filled, marker="header" if header_row else None))
                continue
            content = filled[0]
        elif "\t" in content:
            cells = tuple(cell.strip() for cell in content.split("\t") if cell.strip())
            if len(cells) >= 2 and not _known(cells[0].rstrip(" :")):
                tokens.append(_Token("row", cells=cells))
                continue
        if "  " in content or "\t" in content:
            cells = tuple(cell for cell in _COLUMNS.split(content) if cell)
            if header_width and len(cells) == header_width:
                tokens.append(_Token("row", cells=cells))
                continue
            header_width = 0
            if len(cells) >= 2 and all(_known(cell.rstrip(" :")) for cell in cells):
                tokens.append(_Token("row", cells=cells))
                header_width = len(cells)
                continue
        else:
            header_width = 0
        if " " in content and "：" not in content and ":" not in content:
            run = _label_run(content)
            if run is not None:
                tokens.append(_Token("labels", cells=run))
                continue
        token = _classify(content, depth)
        if token.kind == "line" and token.label:
            # a label glued to the end of the line: the line, then the label
            tokens.append(_Token("line", token.content, depth=depth))
            tokens.append(_Token("label", label=token.label, depth=depth))
            continue
        tokens.append(token)
    return tokens


def _is_header(cells: tuple[str, ...]) -> bool:
    # labels are capitalised: "| Primary Purpose | treatment |" is a label and its value
    return all(_known(cell.rstrip(" :")) and not cell[:1].islower() for cell in cells)


def _bilingual(children: list[Entry]) -> list[Entry]:
    """Drop the registry-language half of a "日本語 … 英語 …" block, and the two markers."""
    if not any(child.text.strip().lower() in _LANG_EN for child in children):
        return children
    kept: list[Entry] = []
    japanese = False
    for child in children:
        text = child.text.strip().lower()
        if text in _LANG_EN or text in _LANG_JA:
            japanese = text in _LANG_JA
        elif not japanese:
            kept.append(child)
    return kept


def _pair(label: str, value: str, row: int | None = None) -> Entry:
    """A label and its value, named by the vocabulary."""
    field, section = lookup(label)
    return Entry("pair", label, value=value, field=field, section=section, row=row)


def text_entries(text: str, *, excerpt: bool = True) -> list[Entry]:
    """The entries of a page's text, in page order (see the module's description)."""
    entries: list[Entry] = []
    current: Entry | None = None  # the label whose block is being read
    header: tuple[str, ...] | None = None
    rows = 0
    columns: dict[str, str] = {}  # list field → its label, under a flattened table header
    for token in _tokens(text):
        kind = token.kind
        if kind == "labels":
            columns = {FIELDS[fold(label)]: label for label in token.cells}
            entries.append(Entry("row", " | ".join(token.cells), cells=token.cells))
            current = None
            continue
        if columns and kind == "line" and token.marker is not None:
            typed = _TYPED_ITEM.match(token.content) is not None
            field = "interventions" if typed or "conditions" not in columns else "conditions"
            if field in columns:
                entry = _pair(columns[field], "")
                entry.children.append(Entry("item", token.content, marker=token.marker))
                entries.append(entry)
                continue
        if columns:
            columns = {}
        if kind == "blank":
            header = None if current is None or current.children else header
            if (
                not excerpt
                and current is not None
                and current.children
                and (current.field in _LIST_FIELDS)
            ):
                current = None  # a page's block ends its list ("Condition" / "Other" / <hr>)
            continue
        if kind == "row":
            cells = token.cells
            if header is not None and len(cells) == len(header):
                rows += 1
                for label, cell in zip(header, cells, strict=True):
                    entries.append(_pair(label.rstrip(" :"), cell, row=rows))
                current = None
                if len(header) == 2:
                    header = None  # two columns: a label/value table below its one header row
            elif token.marker == "header" or _is_header(cells):
                header = cells
                current = None
            elif len(cells) == 2 and (_known(cells[0].rstrip(" :")) or cells[0].endswith(":")):
                entries.append(_pair(cells[0].rstrip(" :"), cells[1]))
                current = None  # a row holds its value; the lines below are not part of it
            else:
                entries.append(Entry("row", " | ".join(cells), cells=cells))
                current = None
            continue
        if (
            kind == "pair"
            and token.how == "prefix"
            and current is not None
            and current.field is not None
            and not current.value
            and not current.children
            and (lookup(token.label)[0] == current.field or len(token.value.split()) > 6)
        ):
            kind = "line"  # "Phase 3" under "Phase": the value, not a label of its own
        if (
            kind == "label"
            and current is not None
            and not current.value
            and not current.children
            and fold(token.label) == fold(current.text)
        ):
            kind = "line"  # "Accepts Healthy Volunteers?" / "Accepts Healthy Volunteers"
            token.content = token.label
        if (
            kind == "pair"
            and current is not None
            and (current.field in BLOCK_FIELDS or (current.section and not current.value))
            and not _known(token.label)
        ):
            kind = "line"  # "RATIONALE: ..." inside a summary or a criteria list is its text
        if (
            kind == "label"
            and current is not None
            and current.field not in (None, "other")
            and not current.value
            and not current.children
            and fold(token.label) == "name"
        ):
            continue  # "Primary Sponsor" / "Name" / "Govt Siddha Medical College"
        if kind in ("label", "pair"):
            current = _pair(token.label, token.value)
            entries.append(current)
            if current.value and current.field in _LIST_FIELDS:
                current = None  # "Intervention: Drug: X" names one; the lines below are not it
            continue
        line = Entry(
            "item" if token.marker else "para",
            token.content,
            marker=token.marker,
            depth=token.depth,
        )
        if (
            not excerpt
            and current is not None
            and current.field in _LIST_FIELDS
            and current.children
            and (line.kind == "para" or current.children[-1].kind == "para")
        ):
            current = None  # on a whole page a list is one value or a run of list items
        if current is not None:
            current.children.append(line)
        else:
            entries.append(line)
    for entry in entries:
        if entry.children:
            entry.children = _bilingual(entry.children)
    if excerpt and entries and text and not text.endswith(("\n", ".", "。", "|")):
        last = entries[-1]
        (last.children[-1] if last.children else last).cut = True
    return entries
