"""HTML pages of a record: the trial site's sectioned page and the classic archive pages.

Two layouts:

- The trial site's page: the content of the seed's text layout (fixtures/NCT06352281.txt) as
  HTML. Section titles are headings (`h1`-`h6`); label/value pairs are `dt`/`dd`, table rows
  (`th`/`td` or two `td`s) or label/value elements (`<div class="label">` + `<div
  class="value">`, `<span class="label">` + text); criteria are `ol`/`ul` lists, possibly
  nested, under "Inclusion Criteria"/"Exclusion Criteria" headings; an arm, site or person is
  one element holding its parts. The tree is walked into entries (headings, pairs, lines, list
  items) grouped by section and by item, and mapped with the text reader's value handling.
- The classic ClinicalTrials.gov archive pages ("View of NCT… on date"): rows of a label cell
  and a value cell, section rows, paragraph rows under a lone label.

Labels go through the shared `page_labels` tables and values through `labels`, as in the text
reader; the result is the v2 JSON shape handed to the one v2 mapping. The markup is read with
lxml's HTML parser (network off); no regex touches the markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from bs4.dammit import EncodingDetector
from lxml import etree

from ..errors import MalformedRecord, TrialParseError, UnknownFormat, UnsafeInput
from ..model.enums import (
    AgencyClass,
    Allocation,
    ArmGroupType,
    ContactRole,
    InterventionModel,
    InterventionType,
    Masking,
    OfficialRole,
    PrimaryPurpose,
    RecruitmentStatus,
    SecondaryIdType,
)
from ..model.study import Study
from ._html_rows import PARSER_OPTIONS, RowStream, refuse_cut
from .base import RawRecord
from .detect import decode_checked
from .labels import first_known, fold, phases_from_display, to_v2
from .page_labels import SECTION_TITLES, field_of, item_field_of, section_of
from .pages import read_page_html
from .pages.layout_html import BLOCK_TAGS, Walk, run_walk
from .pages.record import page_study
from .text import (
    _CRITERIA_HEADING,
    _EMAIL,
    _INLINE,
    _PHONE,
    _PHONE_EXT,
    _PREFIX_KEYS,
    _SECTION_HANDLERS,
    _prefixed,
    _TextReader,
    place_address,
)

__all__ = ["read", "read_html"]

# lxml.etree's own HTML parser: plain elements, without lxml.html's per-element class lookup
_PARSER = etree.HTMLParser(**PARSER_OPTIONS)
"""Fed the decoded page re-encoded as UTF-8, so a declared encoding cannot mislead it.

`huge_tree` lifts libxml2's nesting limit from 256 to 2048 levels: a real page wrapped in 300
divs is read whole. Deeper than that, libxml2 drops the rest of the page; `_parse` refuses it.
"""
_BLOCK_TAGS = BLOCK_TAGS | {"li", "tr", "br"}  # `_text` breaks lines at list items and rows too
_SPACES = re.compile(r"[ \t\u00a0]+")
_SPACE_RUNS = re.compile(r"  +")  # what is left to collapse once tabs and no-break spaces are spaces
_WALK_EVENTS = ("start", "end", "comment", "pi")
_TYPE_IN_PARENS = re.compile(
    r"^(?P<value>.*?)\s*\((?P<type>Actual|Anticipated|Estimated|Expected)\)\s*$", re.I
)
# "K20DA000191 (US NIH Grant Number)"
_ID_WITH_TYPE = re.compile(r"^(?P<value>.*?)\s*\((?P<type>[^()]*)\)\s*$")
_PREFIXED_NAME = re.compile(r"^(?P<type>[A-Za-z ]+?):\s*(?P<name>.+)$")
# an archive page's outcome cell: "Measure: … Time Frame: … Safety Issue? … Description: …"
_OUTCOME_PARTS = ("Time Frame:", "Safety Issue?", "Description:")
_AFTER_FRAME = ("Safety Issue?", "Description:")
_AFTER_SAFETY = ("Description:",)
_ARM = re.compile(
    r"Arm Label:\s*(?P<label>.*?)\s{2,}(?P<type>[A-Z][A-Za-z ]+?)(?:\s{2,}(?P<description>.*))?$",
    re.S,
)
_ARCHIVE_LABELS = {
    # archive pages: "ClinicalTrials Identifier:", "Updated: 2014_06_08"
    "clinicaltrials identifier": "nct_id",
    "updated": "last_updated",
    "organization study id": "org_study_id",
    "expected enrollment": "enrollment",
    "end date": "completion_date",
}


def _collapse(line: str) -> str:
    """A line with runs of spaces, tabs and no-break spaces made one space, trimmed."""
    if "\t" in line or "\u00a0" in line:
        line = line.replace("\t", " ").replace("\u00a0", " ")
    if "  " in line:
        line = _SPACE_RUNS.sub(" ", line)
    return line.strip()


_INLINE_DEPTH = 64
"""Elements nested deeper than this below the one read are read by `_walked_text` (no recursion)."""


def _text(element: etree._Element) -> str:
    """An element's text with line breaks where blocks and <br> break it, spaces collapsed."""
    tag = element.tag
    if len(element) == 0:
        # most cells hold one run of text: the same result without the walk
        text = element.text if tag not in ("script", "style") else None
        if tag == "li":
            text = "- " + (text or "")
        if not text:
            return ""
        lines = text.splitlines()
        return _collapse(lines[0]) if len(lines) == 1 else _lines(lines)
    parts: list[str] = []
    append = parts.append
    block = tag in _BLOCK_TAGS
    if block:
        append("\n")
        if tag == "li":
            append("- ")
    text = element.text
    if text and tag not in ("script", "style"):
        append(text)
    try:
        complete = _append_children_text(element, append, 1)
    except RecursionError:
        complete = False  # read where a deep page left little stack: the walk below needs none
    if not complete:
        return _lines(_walked_text(element).splitlines())  # nested past `_INLINE_DEPTH`
    if block:
        append("\n")
    lines = "".join(parts).splitlines()
    return _collapse(lines[0]) if len(lines) == 1 else _lines(lines)


def _append_children_text(node: etree._Element, append: Callable[[str], None], depth: int) -> bool:
    """Append the text of `node`'s children in document order, each followed by its tail: a
    line break before and after a block, "- " before a list item, no text of a script or style;
    False (what was appended is then incomplete) where they nest deeper than `_INLINE_DEPTH`."""
    for child in node:
        tag = child.tag
        if type(tag) is not str:
            # an entity reference left unresolved (the parser drops comments and processing
            # instructions): its text as written, then its tail
            text = child.text
            if text:
                append(text)
        else:
            block = tag in _BLOCK_TAGS
            if block:
                append("\n")
                if tag == "li":
                    append("- ")
            text = child.text
            if text and tag != "script" and tag != "style":
                append(text)
            if len(child) and (
                depth >= _INLINE_DEPTH or not _append_children_text(child, append, depth + 1)
            ):
                return False
            if block:
                append("\n")
        tail = child.tail
        if tail:
            append(tail)
    return True


def _walked_text(element: etree._Element) -> str:
    """`_append_children_text` of the element with its own breaks and text, by `iterwalk`: the
    events of the walk in document order, a start and an end per element, one event per
    comment or processing instruction; each node's tail follows its end."""
    parts: list[str] = []
    append = parts.append
    for event, node in etree.iterwalk(element, events=_WALK_EVENTS):
        if event == "start":
            tag = node.tag
            if tag in _BLOCK_TAGS:
                append("\n")
                if tag == "li":
                    append("- ")
            if node.text and tag not in ("script", "style"):
                append(node.text)
            continue
        if event == "end":
            if node.tag in _BLOCK_TAGS:
                append("\n")
        elif node.text:
            append(node.text)  # a comment's or processing instruction's own text
        if node.tail and node is not element:
            append(node.tail)
    return "".join(parts)


def _lines(text_lines: list[str]) -> str:
    """The lines (`str.splitlines`) each trimmed and its runs of spaces collapsed; a run of
    blank lines is one blank line, none at either end."""
    lines: list[str] = []
    blank = True
    for line in text_lines:
        line = line.strip()
        if line:
            if "\t" in line or "\u00a0" in line:
                line = line.replace("\t", " ").replace("\u00a0", " ")
            if "  " in line:
                line = _SPACE_RUNS.sub(" ", line)  # trimmed: the runs are inside the line
            lines.append(line)
            blank = False
        elif not blank:
            lines.append("")
            blank = True
    if blank and lines:
        lines.pop()
    return "\n".join(lines)


_ROW_TAGS = ("tr", "dt", "dd")


def _pairs(nodes: Iterable[etree._Element]) -> list[tuple[str, str]]:
    """(label, value) pairs of the page's `_ROW_TAGS` elements (in document order); section
    rows give ("", title)."""
    pairs: list[tuple[str, str]] = []
    pending_label: str | None = None
    text = _text
    for node in nodes:
        tag = node.tag
        if tag == "dt":
            pending_label = text(node)
            continue
        if tag == "dd":
            pairs.append((pending_label or "", text(node)))
            pending_label = None
            continue
        # a row: only its first two cells and how many there are matter
        first: etree._Element | None = None
        second: etree._Element | None = None
        count = 0
        for cell in node:
            if cell.tag == "td" or cell.tag == "th":
                count += 1
                if count == 1:
                    first = cell
                elif count == 2:
                    second = cell
        if first is None:
            continue
        header = first.tag == "th"
        if second is not None and (header or count == 2):
            pairs.append((text(first), text(second)))
            pending_label = None
        elif count == 1 and header:
            if pending_label is not None:
                pairs.append(("", pending_label))  # a section title row
            pending_label = text(first)
        elif count == 1 and pending_label is not None:
            pairs.append((pending_label, text(first)))
            pending_label = None
    if pending_label is not None:
        pairs.append(("", pending_label))
    return pairs


def _skip_space(text: str, start: int) -> int:
    """The position of the first character at or after `start` that is not white space."""
    end = len(text)
    while start < end and text[start].isspace():
        start += 1
    return start


def _next_part(text: str, start: int, names: tuple[str, ...]) -> tuple[int, int, str] | None:
    """The first of `names` written at or after `start`: where the white space before it
    begins (not before `start`), where the name begins, and the name; None when none is."""
    found = -1
    name = ""
    for candidate in names:
        at = text.find(candidate, start)
        if at >= 0 and (found < 0 or at < found):
            found, name = at, candidate
    if found < 0:
        return None
    begins = found
    while begins > start and text[begins - 1].isspace():
        begins -= 1
    return begins, found, name


def _text_end(text: str, start: int) -> int:
    """Where a value running to the end of the text ends: before a last line break."""
    return len(text) - 1 if len(text) > start and text[-1] == "\n" else len(text)


def _outcome_parts(value: str) -> tuple[str, str | None, str | None] | None:
    """An outcome cell's measure, time frame and description, as the pattern ``Measure:\\s*
    (?P<measure>.*?)(?:\\s*Time Frame:\\s*(?P<frame>.*?))?(?:\\s*Safety Issue\\?.*?)?(?:\\s*
    Description:\\s*(?P<description>.*))?$`` (dot matching line breaks) reads them: each part
    runs up to the first name of a later part, without the white space before it. None when
    the cell does not start with "Measure:". Found with `str.find`: the pattern's lazy parts
    cost a try per character of a long cell."""
    if not value.startswith("Measure:"):
        return None
    start = _skip_space(value, 8)
    found = _next_part(value, start, _OUTCOME_PARTS)
    if found is None:
        return value[start : _text_end(value, start)], None, None
    ends, at, name = found
    measure = value[start:ends]
    frame: str | None = None
    if name == "Time Frame:":
        start = _skip_space(value, at + 11)
        found = _next_part(value, start, _AFTER_FRAME)
        if found is None:
            return measure, value[start : _text_end(value, start)], None
        ends, at, name = found
        frame = value[start:ends]
    if name == "Safety Issue?":
        found = _next_part(value, at + 13, _AFTER_SAFETY)
        if found is None:
            return measure, frame, None
        ends, at, name = found
    return measure, frame, value[_skip_space(value, at + 12) :]


class _HtmlReader(_TextReader):
    """Maps label/value pairs; shares value handling with the text reader."""

    def __init__(self, root: etree._Element, path: str | None) -> None:
        super().__init__("", path)
        self.root = root
        self.raw = RawRecord(data={}, format="html", path=path)

    _KEEP_PREFIX = "html"
    _KEEP_MESSAGE = "page content the reader could not place; kept in extras"

    def map_pairs(self, pairs: list[tuple[str, str]] | None = None) -> RawRecord:
        """The record of the page's label/value pairs (`_pairs`: read from `root` if not given)."""
        if pairs is None:
            pairs = _pairs(self.root.iter(*_ROW_TAGS))
        design = self.module("designModule")
        sponsors = self.module("sponsorCollaboratorsModule")
        identification = self.module("identificationModule")
        description = self.module("descriptionModule")
        arms_module = self.module("armsInterventionsModule")
        outcomes = self.module("outcomesModule")
        for label, value in pairs:
            if not label:
                continue  # a section title row
            self.recognised = True
            key = fold(label)
            value = value.strip()
            if not value:
                continue
            field = _ARCHIVE_LABELS.get(key) or field_of(label)
            if key == "brief summary":
                description["briefSummary"] = value
            elif key == "detailed description":
                description["detailedDescription"] = value
            elif key in ("condition", "conditions"):
                self.module("conditionsModule").setdefault("conditions", []).append(value)
            elif key in ("keyword", "keywords"):
                self.module("conditionsModule").setdefault("keywords", []).append(value)
            elif key == "study design":
                self.design_value(design, value, label)
            elif key in ("primary outcome", "secondary outcome", "other outcome"):
                parts = _outcome_parts(value)
                entry: dict[str, Any] = {"measure": value}
                if parts is not None:
                    measure, frame, described = parts
                    entry = {"measure": measure.strip()}
                    if frame:
                        entry["timeFrame"] = frame.strip()
                    if described:
                        entry["description"] = described.strip()
                list_key = key.split()[0] + "Outcomes"
                outcomes.setdefault(list_key, []).append(entry)
            elif key in ("intervention", "interventions"):
                self.intervention(arms_module, value)
            elif key in ("arm group", "arm"):
                match = _ARM.match(value)
                arm: dict[str, Any] = {"label": value}
                if match is not None:
                    arm = {
                        "label": match["label"].strip(),
                        "type": match["type"].strip().upper().replace(" ", "_"),
                    }
                    if match["description"]:
                        arm["description"] = match["description"].strip()
                arms_module.setdefault("armGroups", []).append(arm)
            elif key == "criteria":
                self.module("eligibilityModule")["eligibilityCriteria"] = value
            elif key == "sponsor":
                sponsors["leadSponsor"] = {"name": value}
            elif key == "collaborator":
                sponsors.setdefault("collaborators", []).append({"name": value})
            elif key == "secondary id":
                match = _ID_WITH_TYPE.match(value)
                entry = {"id": value}
                if match is not None:
                    entry = {
                        "id": match["value"].strip(),
                        "type": to_v2(SecondaryIdType, match["type"].strip()),
                    }
                identification.setdefault("secondaryIdInfos", []).append(entry)
            elif field == "org_study_id":
                identification["orgStudyIdInfo"] = {"id": value}
            elif field == "last_updated":
                self.set_field(field, value.replace("_", "-"), label)
            elif field in ("start_date", "primary_completion_date", "completion_date"):
                match = _TYPE_IN_PARENS.match(value)
                self.set_field(field, match["value"] if match else value, label)
                if match is not None:
                    struct_key = {
                        "start_date": "startDateStruct",
                        "primary_completion_date": "primaryCompletionDateStruct",
                        "completion_date": "completionDateStruct",
                    }[field]
                    struct = self.module("statusModule").get(struct_key)
                    if struct is not None:
                        date_type = match["type"].lower()
                        struct["type"] = "ACTUAL" if date_type == "actual" else "ESTIMATED"
            elif field == "phases":
                # archive pages give one row per phase
                known = design.setdefault("phases", [])
                known.extend(p for p in phases_from_display(value) if p not in known)
            elif field is not None:
                self.set_field(field, value, label)
            else:
                self.keep(label.strip().rstrip(":"), [value])
        for name in ("designModule", "sponsorCollaboratorsModule", "outcomesModule"):
            if not self.protocol.get(name):
                self.protocol.pop(name, None)
        if not self.recognised:
            raise MalformedRecord(
                "no label/value pairs of a record page found",
                record_id=self.raw.path,
                location="html",
            )
        return self.result()

    @staticmethod
    def design_value(design: dict[str, Any], value: str, label: str) -> None:
        """Archive pages list design facts one per row ("Randomized", "Double Blind", ...)."""
        info = design.setdefault("designInfo", {})
        for key, enum_type in (
            ("allocation", Allocation),
            ("interventionModel", InterventionModel),
            ("primaryPurpose", PrimaryPurpose),
        ):
            found = first_known(enum_type, [value])
            if found is not None and key not in info:
                info[key] = found
                return
        masking = first_known(Masking, [value])
        if masking is not None:
            info["maskingInfo"] = {"masking": masking}

    def intervention(self, module: dict[str, Any], value: str) -> None:
        # "Drug: Prednisone 5 mg/day      Arm Label: 5 mg Prednisone"
        head, _, arms = value.partition("Arm Label:")
        match = _PREFIXED_NAME.match(head.strip())
        entry: dict[str, Any] = {"name": head.strip()}
        if match is not None:
            entry = {"type": to_v2(InterventionType, match["type"]), "name": match["name"].strip()}
        # each "Arm Label:" part is the label, then (after a blank line) what the arm receives
        labels: list[str] = []
        for part in arms.split("Arm Label:"):
            label, _, received = part.strip().partition("\n\n")
            if label:
                labels.append(label.strip())
                if received.strip():
                    entry.setdefault("description", received.strip())
        if labels:
            entry["armGroupLabels"] = labels
        module.setdefault("interventions", []).append(entry)


# -- the trial site's page ---------------------------------------------------------------------

_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# page furniture that holds no part of the record
_SKIP_TAGS = frozenset(
    {"head", "script", "style", "noscript", "template", "nav", "footer", "form", "button", "svg"}
)
# elements whose presence inside another makes it a container rather than one line of text
_CONTAINER_TAGS = frozenset(
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
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "blockquote",
        "figure",
        *_HEADING_TAGS,
    }
)
# class names of the label and value parts of a pair: <div class="label">, <span class="value">
_LABEL_CLASSES = frozenset({"label", "field-label", "field-name", "key", "term"})
_VALUE_CLASSES = frozenset({"value", "field-value", "data"})
_LABEL_TAGS = frozenset({"strong", "b", "label"})
_CELL_TAGS = frozenset({"th", "td"})
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
_LIST_TAGS = frozenset({"ul", "ol"})
_LIST_PARTS = frozenset({"ul", "ol", "li"})
_CRITERIA_ENDS = frozenset({"a", "A", ":"})  # the last characters `_CRITERIA_HEADING` allows
# the tags `Walker.walk` reads otherwise than as a line of text when they hold text only
_WALKED_TAGS = _SKIP_TAGS | _HEADING_TAGS | _LIST_TAGS | {"dl", "tr"}
_ITEM_SECTIONS = frozenset(
    {
        "arms",
        "interventions",
        "locations",
        "officials",
        "central_contacts",
        "facility_contacts",
        "sponsors",
    }
)
# unlabelled lines of one item, in the order the seed's layout writes them
_POSITIONAL: dict[str, tuple[str, ...]] = {
    "arms": ("label", "description"),
    "interventions": ("name", "description"),
    "locations": ("facility", "address"),
    "officials": ("name", "affiliation"),
    "central_contacts": ("name",),
    "facility_contacts": ("name",),
    "sponsors": ("name", "agency_class"),
}
_PROSE_SECTIONS = frozenset({"brief_summary", "detailed_description", "conditions", "keywords"})
_LISTED_PARTS = frozenset({"intervention_names", "other_names"})

_EntryKind = Literal["heading", "pair", "line", "item"]


@dataclass(slots=True)
class _Entry:
    """One piece of a page in document order: a heading, a label/value pair, a line, an item."""

    kind: _EntryKind
    node: etree._Element
    text: str
    label: str = ""
    items: list[str] = field(default_factory=list)
    depth: int = 0
    marker: str = ""
    level: int = 0
    group: etree._Element | None = None
    """The table row a header cell was applied to: the row is one item (a sponsor, a site)."""


@lru_cache(maxsize=4096)
def _label_class(classes: str) -> bool:
    """Whether a class attribute names a label part (pages repeat a few attribute values)."""
    return not _LABEL_CLASSES.isdisjoint(classes.lower().split())


@lru_cache(maxsize=4096)
def _value_class(classes: str) -> bool:
    """Whether a class attribute names a value part."""
    return not _VALUE_CLASSES.isdisjoint(classes.lower().split())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _site_text(node: etree._Element) -> str:
    """An element's text; most elements of a page hold text only, read without the walk."""
    if len(node) == 0:
        text = node.text
        return " ".join(text.split()) if text else ""
    return _text(node)


def _own_text(item: etree._Element) -> str:
    """A list item's text without its nested lists."""
    parts: list[str] = [item.text or ""]
    for child in item:
        if isinstance(child.tag, str) and child.tag not in _LIST_TAGS:
            parts.append(" " + _site_text(child) + " ")
        if child.tail:
            parts.append(child.tail)
    return _one_line("".join(parts))


def _label_text(node: etree._Element, index: int) -> str | None:
    """The text of a label part (class "label" or alike, or a leading <strong>Label:</strong>),
    None for any other element."""
    tag = node.tag
    if not isinstance(tag, str):
        return None
    classes = node.get("class")
    if classes and _label_class(classes):
        return _site_text(node)
    if index == 0 and tag in _LABEL_TAGS:
        parent = node.getparent()
        if parent is not None and parent.text and parent.text.strip():
            return None
        text = _site_text(node)
        return text if text.endswith(":") else None
    return None


def _label_at(node: etree._Element) -> int:
    """The index of the element's first label part (`_label_text`), -1 when it has none."""
    for index, child in enumerate(node):
        tag = child.tag
        if not isinstance(tag, str):
            continue
        classes = child.get("class")
        if classes and _label_class(classes):
            return index
        if index == 0 and tag in _LABEL_TAGS and _label_text(child, 0) is not None:
            return index
    return -1


class Walker:
    """Walks a page's body into entries, in document order.

    The walk of an element yields the walks of its parts instead of calling them (`walk` and
    `pair`, which mostly read an element at once, return the walk left to run, if any), and
    `run` keeps the walks under way on a list: a page nested to libxml2's limit (2,048 levels)
    is read in the order a recursive walk would read it, without a Python frame per level.
    """

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.headers: dict[etree._Element, list[str]] = {}  # table → its header row's cells
        self.holds_parts: dict[etree._Element, bool] = {}  # see `note_parts`
        self.not_leaves: set[etree._Element] = set()  # see `is_leaf`

    def run(self, node: etree._Element) -> None:
        """Walk `node` (`walk`) and every part its walk yields, each to its end in turn."""
        first = self.walk(node)
        if first is not None:
            run_walk(first)

    def add(self, kind: _EntryKind, node: etree._Element, text: str, **parts: Any) -> None:
        if text or kind == "pair":
            self.entries.append(_Entry(kind, node, text, **parts))

    def walk(self, node: etree._Element) -> Walk | None:
        """Read `node`; the walk of its parts, when they are left to read."""
        tag = node.tag
        if not isinstance(tag, str) or tag in _SKIP_TAGS:
            return None
        if tag in _HEADING_TAGS:
            if len(node) == 0:
                text = node.text
                title = " ".join(text.split()) if text else ""
            else:
                title = _one_line(_text(node))
            if title:
                self.entries.append(_Entry("heading", node, title, level=int(tag[1])))
        elif tag == "dl":
            return self.definitions(node)
        elif tag == "tr":
            return self.row(node)
        elif tag in _LIST_TAGS:
            return self.listing(node, 0)
        elif len(node) == 0:
            text = node.text
            if text:
                text = " ".join(text.split())
                if text:
                    self.entries.append(_Entry("line", node, text))
        elif self.is_leaf(node) and _label_at(node) < 0:
            self.add("line", node, _site_text(node))
        else:
            return self.children(node)
        return None

    def is_leaf(self, node: etree._Element) -> bool:
        """No block element inside: the element is one line of text. The elements found to
        hold a block are remembered, every one from the block up to `node` (those the walk goes
        down to next), so that inline elements nested N deep around a block cost O(N) in all,
        not a scan below each."""
        not_leaves = self.not_leaves
        if node in not_leaves:
            return False
        for inner in node.iterdescendants():
            if isinstance(inner.tag, str) and inner.tag in _CONTAINER_TAGS:
                above = inner.getparent()
                while above is not None and above is not node:
                    not_leaves.add(above)
                    above = above.getparent()
                not_leaves.add(node)
                return False
        return True

    @staticmethod
    def is_label(node: etree._Element, index: int) -> bool:
        """A label part: class "label" (or alike), or a leading <strong>Label:</strong>."""
        return _label_text(node, index) is not None

    def children(self, node: etree._Element) -> Walk:
        """A container's parts; a label part pairs with the value part or the text after it."""
        text = node.text
        entries = self.entries
        if text and not text.isspace():
            line = " ".join(text.split())
            if line:
                entries.append(_Entry("line", node, line))
        leading = not text or not text.strip()  # a leading <strong> is a label when first
        walk = self.walk
        skip: etree._Element | None = None  # the value part of the pair just read
        index = -1
        for child in node:
            index += 1
            if child is skip:
                continue
            tag = child.tag
            if isinstance(tag, str):
                label: str | None = None
                classes = child.get("class")
                if classes and _label_class(classes):
                    label = _site_text(child)
                elif index == 0 and leading and tag in _LABEL_TAGS:
                    label = _site_text(child)
                    if not label.endswith(":"):
                        label = None
                if label is not None:
                    following = child.getnext()
                    if (
                        following is not None
                        and not (child.tail or "").strip()
                        and (value_classes := following.get("class")) is not None
                        and _value_class(value_classes)
                    ):
                        if (part := self.pair(label, following)) is not None:
                            yield part
                        if following.tail and following.tail.strip():
                            self.add("line", node, _one_line(following.tail))
                        skip = following
                        continue
                    # the value is the text after the label, up to the end of the container
                    rest = [child.tail or ""]
                    for sibling in child.itersiblings():
                        if isinstance(sibling.tag, str):
                            rest.append(_site_text(sibling))
                        rest.append(sibling.tail or "")
                    self.add_pair(label, node, _one_line(" ".join(rest)), [])
                    return
                if tag in _WALKED_TAGS:
                    if (part := walk(child)) is not None:
                        yield part
                elif len(child) == 0:
                    # what `walk` makes of the other elements, without the call
                    text = child.text
                    if text:
                        line = " ".join(text.split())
                        if line:
                            entries.append(_Entry("line", child, line))
                elif (
                    child[0].tag not in _CONTAINER_TAGS
                    and self.is_leaf(child)
                    and _label_at(child) < 0
                ):
                    # (a first child that is a block is the common container, told at once)
                    line = _text(child)
                    if line:
                        entries.append(_Entry("line", child, line))
                else:
                    yield self.children(child)
            # a comment or processing instruction adds nothing but its tail
            tail = child.tail
            if tail and not tail.isspace():
                line = " ".join(tail.split())
                if line:
                    entries.append(_Entry("line", node, line))

    def definitions(self, node: etree._Element) -> Walk:
        label: str | None = None
        parts = [part for child in node for part in (child if child.tag == "div" else [child])]
        for part in parts:
            if part.tag == "dt":
                if label:
                    self.add("line", part, label)
                label = _site_text(part)
            elif part.tag == "dd":
                if label is None:
                    yield self.children(part)
                else:
                    if (walk := self.pair(label, part)) is not None:
                        yield walk
                label = None
        if label:
            self.add("line", node, label)

    def row(self, node: etree._Element) -> Walk:
        cells = [cell for cell in node if cell.tag in _CELL_TAGS]
        parent = node.getparent()
        table = parent.getparent() if parent is not None and parent.tag in _ROW_GROUPS else parent
        if table is not None and (
            (parent is not None and parent.tag == "thead")
            or (len(cells) > 2 and all(cell.tag == "th" for cell in cells))
        ):
            # a header row names the cells of the rows below it
            self.headers[table] = [_one_line(_site_text(cell)) for cell in cells]
            return
        header = self.headers.get(table) if table is not None else None
        if header is not None and len(header) == len(cells):
            for label, cell in zip(header, cells, strict=True):
                before = len(self.entries)
                if (part := self.pair(label, cell)) is not None:
                    yield part
                for entry in self.entries[before:]:
                    entry.group = node
            return
        if len(cells) == 2:
            if (part := self.pair(_site_text(cells[0]), cells[1])) is not None:
                yield part
            return
        for cell in cells:
            if (part := self.walk(cell)) is not None:
                yield part

    def pair(self, label: str, value: etree._Element) -> Walk | None:
        """A label and its value element; "Inclusion Criteria" over a list is a heading (the
        walk of the list is returned, to run)."""
        label = " ".join(label.split()).rstrip(":").strip()
        # a criteria heading ends in "criteria" (or a colon the trim left): most labels do not
        if label[-1:] in _CRITERIA_ENDS and _CRITERIA_HEADING.match(label) is not None:
            self.add("heading", value, label, level=7)
            return self.children(value)
        # `label` is one line already: what `add_pair` does to a label is left to do
        label = label.rstrip(":").strip()
        if len(value) == 0:
            if value.tag == "li":
                item = _own_text(value)
                self.one_line_pair(label, value, item, [item] if item else [])
                return None
            # `one_line_pair` of a value of text only, without the call
            text = value.text
            line = " ".join(text.split()) if text else ""
            if label:
                self.entries.append(_Entry("pair", value, line, label=label, items=[]))
            elif line:
                self.entries.append(_Entry("line", value, line))
            return None
        if next(value.iter("li"), None) is not None:
            items = [_own_text(item) for item in value.iter("li")]
            self.one_line_pair(label, value, "\n".join(items), [item for item in items if item])
            return None
        self.one_line_pair(label, value, _text(value), [])
        return None

    def add_pair(self, label: str, node: etree._Element, value: str, items: list[str]) -> None:
        self.one_line_pair(_one_line(label).rstrip(":").strip(), node, value, items)

    def one_line_pair(self, label: str, node: etree._Element, value: str, items: list[str]) -> None:
        """`add_pair` of a label already made one line, trimmed and without its colon."""
        if label:
            self.entries.append(_Entry("pair", node, value, label=label, items=items))
        elif value:
            self.entries.append(_Entry("line", node, value))

    def note_parts(self, top: etree._Element) -> None:
        """Note in `holds_parts`, for `top` and every node below it, whether the node is or
        holds a block (other than a list's own parts) or a label part: one bottom-up pass, so
        that the items of lists nested N deep are told in O(N), not by a scan below each."""
        holds_parts = self.holds_parts
        # in reverse document order every node comes after all the nodes below it
        for node in reversed(list(top.iter())):
            tag = node.tag
            if not isinstance(tag, str):
                holds_parts[node] = False  # an entity reference: no part, nothing below
            elif (tag in _CONTAINER_TAGS and tag not in _LIST_PARTS) or (
                (classes := node.get("class")) and _label_class(classes)
            ):
                holds_parts[node] = True
            else:
                holds_parts[node] = any(holds_parts.get(child, False) for child in node)

    def listing(self, node: etree._Element, depth: int) -> Walk:
        holds_parts = self.holds_parts
        if node not in holds_parts:  # a list below a list noted already is noted with it
            self.note_parts(node)
        number = 1
        start = node.get("start")
        if start is not None and start.strip().isdigit():
            number = int(start)
        for item in node:
            if item.tag != "li":
                if isinstance(item.tag, str) and (part := self.walk(item)) is not None:
                    yield part
                continue
            if len(item) == 0:
                nested = []
                structured = False  # text only: one line
            else:
                nested = [child for child in item if child.tag in _LIST_TAGS]
                # an item made of blocks or labelled parts is a site or person, not one line
                structured = any(holds_parts.get(child, False) for child in item) or any(
                    self.is_label(child, index) for index, child in enumerate(item)
                )
            if structured:
                yield self.children(item)
                continue
            marker = f"{number}." if node.tag == "ol" else "•"
            number += 1
            self.add("item", item, _own_text(item), depth=depth, marker=marker)
            for sub in nested:
                yield self.listing(sub, depth + 1)


_SHORT_WAY_UP = 32
"""Steps up from an entry's element taken without keeping the answers (`_outermost`)."""


def _outermost(
    node: etree._Element,
    above: set[etree._Element],
    known: dict[etree._Element, tuple[etree._Element, etree._Element]],
) -> tuple[etree._Element, etree._Element]:
    """The outermost ancestor-or-self of `node` not in `above` (the heading and what holds it),
    and the element below it on the way up (`node` itself when it is the outermost); `known`
    keeps the answer of every element passed on the way up, so that the entries of a section
    nested N deep cost O(N) steps up in all, not N each."""
    if node in above:
        return node, node
    path: list[etree._Element] = []  # the elements passed on the way up, whose answer is owed
    current = node
    while (found := known.get(current)) is None:
        parent = current.getparent()
        if parent is None or parent in above:
            found = known[current] = (current, current)
            break
        path.append(current)
        current = parent
    for passed in reversed(path):
        outer = found[0]
        found = known[passed] = (outer, passed if passed.getparent() is outer else found[1])
    return found


def _group_sections(
    entries: list[_Entry],
) -> list[tuple[str | None, str, list[list[_Entry]]]]:
    """Entries by section (key, title), and within it by item element.

    A heading naming a section starts it; any other heading as high as the current section's
    starts a section of unknown key (""), kept whole. An item element is the outermost element
    of an entry that does not hold the section's heading: `<div class="arm">` around an arm's
    parts, or each `<p>` of a flat section.
    """
    sections: list[tuple[str | None, str, etree._Element | None, list[_Entry]]] = [
        (None, "header", None, [])
    ]
    level = 0
    current_entries = sections[-1][3]
    for entry in entries:
        if entry.kind != "heading":
            current_entries.append(entry)  # what follows of a heading is left to headings
            continue
        key = section_of(entry.text) if entry.level < 7 else None
        current = sections[-1][0]
        # a deeper heading inside an item section names an item ("Placebo"), even a title-like one
        if key is not None and current in _ITEM_SECTIONS and entry.level > level:
            key = None
        if (
            key is None
            and entry.kind == "heading"
            and current is not None
            and entry.level <= level
            and _CRITERIA_HEADING.match(entry.text) is None
        ):
            key = ""
        if key is not None:
            current_entries = []
            sections.append((key, entry.text, entry.node, current_entries))
            level = entry.level
            continue
        current_entries.append(entry)
    first_heading = next((node for _, _, node, _ in sections if node is not None), None)
    grouped: list[tuple[str | None, str, list[list[_Entry]]]] = []
    for key, title, heading, section_entries in sections:
        anchor = heading if heading is not None else first_heading
        above = set(anchor.iterancestors()) | {anchor} if anchor is not None else set()
        groups: list[list[_Entry]] = []
        last: etree._Element | None = None
        known: dict[etree._Element, tuple[etree._Element, etree._Element]] = {}
        for entry in section_entries:
            # the outermost ancestor-or-self of the entry's element not holding the heading,
            # and the element below it on the way up: a few steps up on most pages, the
            # answers kept (`_outermost`) past `_SHORT_WAY_UP`
            outer = inner = entry.node
            if outer not in above:
                parent = outer.getparent()
                steps = 0
                while parent is not None and parent not in above:
                    inner = outer
                    outer = parent
                    parent = parent.getparent()
                    steps += 1
                    if steps == _SHORT_WAY_UP:
                        outer, inner = _outermost(entry.node, above, known)
                        break
            if outer.tag in _LIST_TAGS and inner is not outer:
                outer = inner  # each item of a list of sites or people is one group
            if entry.group is not None:
                outer = entry.group  # each row of a table with a header row is one item
            if outer is not last or not groups:
                groups.append([])
                last = outer
            groups[-1].append(entry)
        grouped.append((key, title, groups))
    return grouped


def _as_lines(entries: list[_Entry]) -> list[list[str]]:
    """Entries as the text render's one-line blocks ("Group Type EXPERIMENTAL", label, value)."""
    blocks: list[list[str]] = []
    for entry in entries:
        if entry.kind != "pair":
            blocks.append([entry.text])
        elif fold(entry.label) in _PREFIX_KEYS:
            blocks.append([f"{entry.label} {entry.text}"])
        else:
            blocks += [[entry.label], [entry.text]] if entry.text else [[entry.label]]
    return blocks


class _SiteReader(_HtmlReader):
    """Maps the trial site's sectioned page."""

    def map_sections(self) -> RawRecord:
        walker = Walker()
        body = self.root.find("body")
        walker.run(body if body is not None else self.root)
        for key, title, groups in _group_sections(walker.entries):
            if key is None:
                self.header([entry for group in groups for entry in group])
                continue
            if not key:
                for entry in (entry for group in groups for entry in group):
                    if entry.kind == "pair":
                        self.pair_field(entry, title)
                    else:
                        self.keep(title, [entry.text])
                continue
            self.recognised = True
            # the site's one-sentence blurb under a title; a lone paragraph under "Brief
            # Summary" is the summary itself
            if (
                key != "results"
                and groups
                and (len(groups) > 1 or key not in _PROSE_SECTIONS)
                and self.is_blurb_group(groups[0])
            ):
                groups = groups[1:]
            self.section(key, groups)
        if not self.recognised:
            raise MalformedRecord(
                "no section or label of a record page found",
                record_id=self.raw.path,
                location="html",
            )
        return self.result()

    def is_blurb_group(self, group: list[_Entry]) -> bool:
        return len(group) == 1 and group[0].kind == "line" and self.is_blurb([group[0].text])

    def header(self, entries: list[_Entry]) -> None:
        identification = self.module("identificationModule")
        rest: list[_Entry] = []
        for entry in entries:
            if entry.kind == "heading" and "briefTitle" not in identification:
                identification["briefTitle"] = entry.text
            else:
                rest.append(entry)
        self.labelled_entries(rest, "header")

    def labelled_entries(self, entries: list[_Entry], place: str) -> None:
        """Pairs whose label names a field; what names none goes to extras."""
        for entry in entries:
            if entry.kind == "pair":
                self.pair_field(entry, place)
                continue
            inline = _INLINE.match(entry.text) if ":" in entry.text else None
            field_name = field_of(inline["label"]) if inline is not None else None
            if inline is not None and field_name is not None:
                self.recognised = True
                self.set_field(field_name, inline["value"], inline["label"])
            else:
                self.keep(place, [entry.text])

    def pair_field(self, entry: _Entry, place: str) -> None:
        label, value = entry.label, entry.text.strip()
        field_name = field_of(label)
        section = section_of(label)
        if field_name is not None:
            self.recognised = True
            if value:
                self.set_field(field_name, value, label)
        elif section in ("conditions", "keywords"):
            values = entry.items or [line for line in value.splitlines() if line.strip()]
            self.module("conditionsModule").setdefault(section, []).extend(values)
        elif section == "brief_summary":
            self.module("descriptionModule")["briefSummary"] = value
        elif section == "detailed_description":
            self.module("descriptionModule")["detailedDescription"] = value
        elif value:
            self.keep(label, [value])

    def section(self, key: str, groups: list[list[_Entry]]) -> None:
        entries = [entry for group in groups for entry in group]
        if key in ("basic", "design"):
            self.labelled_entries(entries, key)
        elif key in ("brief_summary", "detailed_description"):
            texts = [entry.text for entry in entries if entry.kind != "pair"]
            name = "briefSummary" if key == "brief_summary" else "detailedDescription"
            if texts:
                self.module("descriptionModule")[name] = "\n\n".join(texts)
            self.labelled_entries([entry for entry in entries if entry.kind == "pair"], key)
        elif key in ("conditions", "keywords"):
            values: list[str] = []
            for entry in entries:
                values += entry.items if entry.kind == "pair" and entry.items else [entry.text]
            self.module("conditionsModule")[key] = [value for value in values if value]
        elif key == "eligibility":
            self.criteria_entries(entries)
        elif key in _POSITIONAL and (
            any(len(group) > 1 for group in groups)
            or any(entry.kind in ("pair", "heading") for entry in entries)
        ):
            # items marked out by elements, headings or labels; else the text render's lines
            self.items(key, groups)
        elif key in _SECTION_HANDLERS:
            _SECTION_HANDLERS[key](self, _as_lines(entries))
        else:
            for block in _as_lines(entries):
                self.keep(key, block)

    def criteria_entries(self, entries: list[_Entry]) -> None:
        side: str | None = None
        rest: list[_Entry] = []
        for entry in entries:
            heading = _CRITERIA_HEADING.match(entry.text) if entry.kind != "pair" else None
            if heading is not None:
                side = heading[1].lower()
                self.criteria_order.append(side)
            elif entry.kind == "item":
                line = f"{'    ' * entry.depth}{entry.marker} {entry.text}"
                self.criteria[side or "inclusion"].append(line)
            elif entry.kind == "pair" or field_of(entry.text.split(":", 1)[0]) is not None:
                rest.append(entry)
            else:
                self.criteria[side or "inclusion"].append(entry.text)
        self.labelled_entries(rest, "eligibility")
        self.store_criteria()

    # -- items: arms, interventions, sites, people, sponsors -----------------------------
    def items(self, key: str, groups: list[list[_Entry]]) -> None:
        """One item per group; a part met twice in a group starts the next item."""
        found: list[dict[str, Any]] = []
        positional = _POSITIONAL[key]
        for group in groups:
            current: dict[str, Any] | None = None
            for entry in group:
                part, value = self.part(key, entry, current or {}, positional)
                if part is None:
                    self.keep(key, [f"{entry.label}: {value}" if entry.label else value])
                    continue
                if current is None or (part in current and part not in _LISTED_PARTS):
                    current = {}
                    found.append(current)
                if part in _LISTED_PARTS:
                    current.setdefault(part, []).extend(
                        entry.items or [line for line in value.splitlines() if line.strip()]
                    )
                else:
                    current[part] = value
        _ITEM_BUILDERS[key](self, found)

    @staticmethod
    def part(
        key: str, entry: _Entry, current: dict[str, Any], positional: tuple[str, ...]
    ) -> tuple[str | None, str]:
        """Which part of an item an entry gives: by its label, its prefix, or its place."""
        if entry.kind == "pair":
            part = item_field_of(entry.label)
            if key == "sponsors" and part in ("affiliation", "role"):
                part = "name" if part == "affiliation" else "sponsor_role"
            if part == "name" and key == "arms":
                part = "label"
            if part in ("label", "facility") and key not in ("arms", "locations"):
                part = "name"
            if part == "intervention_names" and key == "interventions":
                part = "name"  # an "Intervention" row names the intervention itself
            return part, entry.text
        text = entry.text
        prefixed = _prefixed(text)
        if prefixed is not None:
            return prefixed[0], prefixed[1]
        inline = _INLINE.match(text) if ":" in text else None
        if inline is not None:
            part = item_field_of(inline["label"])
            if part is not None and part not in ("label", "name", "facility", "description"):
                return part, inline["value"].strip()
        if entry.kind == "item" and key == "arms":
            return "intervention_names", text
        if key == "arms" and current and "arm_type" not in current and to_v2(
            ArmGroupType, text
        ) in _ARM_TYPES:
            return "arm_type", text  # a card's badge: "Experimental"
        if key in ("officials", "central_contacts", "facility_contacts") and current:
            if _EMAIL.match(text):
                return "email", text
            if _PHONE.fullmatch(text):
                return "phone", text
        for slot in positional:
            if slot not in current:
                return slot, text
        return positional[0], text

    def store_arms(self, found: list[dict[str, Any]]) -> None:
        arms = []
        for item in found:
            arm: dict[str, Any] = {"label": item.get("label") or item.get("name")}
            if item.get("arm_type"):
                arm["type"] = to_v2(ArmGroupType, item["arm_type"])
            if item.get("description"):
                arm["description"] = item["description"]
            if item.get("intervention_names"):
                arm["interventionNames"] = item["intervention_names"]
            arms.append(arm)
        module = self.module("armsInterventionsModule")
        module["armGroups"] = arms
        if "interventions" not in module:
            # arms that name their interventions ("Biological: CAR-T cells") on a page with no
            # section of their own: the interventions are those the arms name
            named: dict[str, dict[str, Any]] = {}
            for arm in arms:
                for name in arm.get("interventionNames", []):
                    match = _PREFIXED_NAME.match(name)
                    if match is None:
                        continue
                    item = named.setdefault(
                        name,
                        {
                            "name": match["name"].strip(),
                            "type": to_v2(InterventionType, match["type"]),
                            "armGroupLabels": [],
                        },
                    )
                    item["armGroupLabels"].append(arm["label"])
            if named:
                module["interventions"] = list(named.values())

    def store_intervention_items(self, found: list[dict[str, Any]]) -> None:
        items = []
        for item in found:
            entry: dict[str, Any] = {"name": item.get("name") or item.get("label")}
            if item.get("intervention_type"):
                entry["type"] = to_v2(InterventionType, item["intervention_type"])
            if item.get("description"):
                entry["description"] = item["description"]
            if item.get("other_names"):
                entry["otherNames"] = item["other_names"]
            items.append(entry)
        self.store_interventions(items)

    def store_locations(self, found: list[dict[str, Any]]) -> None:
        locations = []
        for item in found:
            location: dict[str, Any] = {}
            if item.get("facility"):
                location["facility"] = item["facility"]
            if item.get("address"):
                place_address(location, item["address"])
            for part in ("city", "state", "zip", "country"):
                if item.get(part):
                    location[part] = item[part]
            if item.get("site_status"):
                location["status"] = to_v2(RecruitmentStatus, item["site_status"])
            locations.append(location)
        self.module("contactsLocationsModule")["locations"] = locations

    def people_items(
        self, found: list[dict[str, Any]], role_enum: type[OfficialRole] | type[ContactRole]
    ) -> list[dict[str, Any]]:
        people = []
        for item in found:
            person: dict[str, Any] = {"name": item.get("name")}
            if item.get("role"):
                person["role"] = to_v2(role_enum, item["role"])
            if item.get("affiliation"):
                person["affiliation"] = item["affiliation"]
            phone = item.get("phone")
            if phone:
                match = _PHONE_EXT.match(phone)
                if match is not None and match["phone"]:
                    person["phone"], person["phoneExt"] = match["phone"].strip(), match["ext"]
                else:
                    person["phone"] = phone
            if item.get("phone_ext"):
                person["phoneExt"] = item["phone_ext"]
            if item.get("email"):
                person["email"] = item["email"]
            people.append(person)
        return people

    def store_sponsors(self, found: list[dict[str, Any]]) -> None:
        module = self.module("sponsorCollaboratorsModule")
        for item in found:
            sponsor: dict[str, Any] = {"name": item.get("name")}
            if item.get("agency_class"):
                sponsor["class"] = to_v2(AgencyClass, item["agency_class"])
            role = fold(item.get("sponsor_role") or "")
            if role != "collaborator" and "leadSponsor" not in module:
                module["leadSponsor"] = sponsor
            else:
                module.setdefault("collaborators", []).append(sponsor)


_ARM_TYPES = frozenset(member.value for member in ArmGroupType)

_ItemBuilder = Callable[["_SiteReader", list[dict[str, Any]]], None]


def _store_people(key: str, role_enum: type[OfficialRole] | type[ContactRole]) -> _ItemBuilder:
    """Officials, central or facility contacts: the same parts, kept in different places."""

    def store(reader: _SiteReader, found: list[dict[str, Any]]) -> None:
        people = reader.people_items(found, role_enum)
        if key == "facilityContacts":
            reader.facility_contacts = people
        else:
            reader.module("contactsLocationsModule")[key] = people

    return store


_ITEM_BUILDERS: dict[str, _ItemBuilder] = {
    "arms": _SiteReader.store_arms,
    "interventions": _SiteReader.store_intervention_items,
    "locations": _SiteReader.store_locations,
    "officials": _store_people("overallOfficials", OfficialRole),
    "central_contacts": _store_people("centralContacts", ContactRole),
    "facility_contacts": _store_people("facilityContacts", ContactRole),
    "sponsors": _SiteReader.store_sponsors,
}


def _is_site_page(root: etree._Element, found: int = 0) -> bool:
    """Two or more headings that name sections of a record (`found` of them elsewhere): the
    trial site's layout."""
    for heading in root.iter(*_HEADING_TAGS):
        if _names_section(heading):
            found += 1
            if found >= 2:
                return True
    return found >= 2


_LONGEST_TITLE = max(map(len, SECTION_TITLES))
"""Letters and digits in the longest section title, folded (`page_labels.SECTION_TITLES`)."""
_MOST_INSIDE = 64
"""Elements a heading may hold and still name a section (a title holds a few at most)."""
_PIECE = 4 * _LONGEST_TITLE


def _names_section(heading: etree._Element) -> bool:
    return _may_name_section(heading) and section_of(_one_line(_site_text(heading))) is not None


def _may_name_section(heading: etree._Element) -> bool:
    """Whether `heading` is short enough to fold to a section title: at most `_MOST_INSIDE`
    elements, and no more letters and digits than the longest title has in the part of its
    text that `_site_text` certainly reads (each element's text but a script's or style's, and
    the tail of each element inside). Decided from a bounded part of each text, so that the
    headings a broken page nests in each other are not each read whole (quadratic time)."""
    kept = 0
    for index, node in enumerate(heading.iter()):
        if index > _MOST_INSIDE:
            return False
        text = node.text
        if text and type(node.tag) is str and node.tag not in ("script", "style"):
            kept += len(fold(text[:_PIECE]).replace(" ", ""))
        tail = node.tail
        if tail and node is not heading:
            kept += len(fold(tail[:_PIECE]).replace(" ", ""))
        if kept > _LONGEST_TITLE:
            return False
    return True


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def decode_html(content: bytes) -> tuple[str, str | None]:
    """Decode a page's bytes: a BOM, then the charset the page declares, then UTF-8, then
    Windows-1252 (old pages), as Beautiful Soup's `EncodingDetector` proposes them; also the
    encoding whose invalid bytes were replaced, when none decoded cleanly.

    A page that declares UTF-8, or declares nothing and holds UTF-8 sequences, is UTF-8 even
    when a stray byte is not ("Müller" and one Latin-1 "é"; "M\\xc3\\xc0\\xbcller", a stray byte
    inside the only sequence): it is decoded as UTF-8 with that byte replaced, never as
    Windows-1252 whole ("MÃ¼ller").
    """
    detector = EncodingDetector(content, is_html=True)
    declared = EncodingDetector.find_declared_encoding(content, is_html=True)
    if detector.sniffed_encoding is None and declared in (None, "utf-8", "utf8"):
        try:
            return content.decode("utf-8"), None
        except UnicodeDecodeError:
            if declared is not None or _UTF8_SEQUENCE.search(content) is not None:
                return content.decode("utf-8", errors="replace"), "utf-8"
    for encoding in detector.encodings:
        try:
            return detector.markup.decode(encoding), None
        except (UnicodeDecodeError, LookupError, ValueError):
            continue  # not this encoding, or a declared name no codec has ("UTF-8\x00")
    return decode_checked(content)


def _parse(data: bytes, path: str | None) -> etree._Element:
    """The page's tree, whole: a page nested past the parser's limit is refused, not cut."""
    try:
        root = etree.fromstring(data, parser=_PARSER)
    except (etree.ParseError, etree.ParserError, ValueError) as exc:
        raise MalformedRecord(f"not HTML: {exc}", record_id=path, location="html") from None
    refuse_cut(_PARSER.error_log, path)
    if root is None:
        raise MalformedRecord("not HTML: no document element", record_id=path, location="html")
    return root


def page_bytes(content: bytes | str, path: str | None) -> tuple[bytes, str | None]:
    """A page as the UTF-8 bytes the parser is fed (`_PARSER`), and the encoding whose invalid
    bytes were replaced (if any): the one decoding entry of every HTML reader."""
    text, replaced = decode_html(content) if isinstance(content, bytes) else (content, None)
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not text or text.isspace():
        raise MalformedRecord("empty HTML page", record_id=path, location="html")
    if isinstance(content, bytes) and len(text) == len(content) and text.isascii():
        del text  # ASCII bytes are their own UTF-8: parsed as they are, with no copy
        return content, replaced
    return text.encode("utf-8", "replace"), replaced


def page_tree(content: bytes | str, path: str | None) -> tuple[etree._Element, str | None]:
    """A page's tree, whole, and the encoding whose invalid bytes were replaced (if any):
    the one decoding and parsing entry of every HTML reader."""
    data, replaced = page_bytes(content, path)
    return _parse(data, path), replaced


STREAM_FROM = 128 * 1024
"""Pages of at least this many bytes that are mostly rows (`_mostly_rows`) are first read from
a parse that frees each row once read (`_streamed`): the tree of a page of many small rows
takes over 16 times its size."""

_ROW_OPENINGS = tuple(f"<{tag}".encode() for tag in _ROW_TAGS) + tuple(
    f"<{tag.upper()}".encode() for tag in _ROW_TAGS
)


def _mostly_rows(data: bytes) -> bool:
    """Whether rows open at least an eighth of the page's tags: the tree a parse fed in parts
    builds of the rest is larger than the whole parse's (about 18 times the page, not 16)."""
    rows = sum(data.count(opening) for opening in _ROW_OPENINGS)
    return rows * 8 >= data.count(b"<")


def read_html(content: bytes | str, *, path: str | None = None) -> RawRecord:
    """The v2-shaped record of an HTML page, with what could not be placed in extras."""
    data, replaced = page_bytes(content, path)
    try:
        raw = _streamed(data, path) if len(data) >= STREAM_FROM and _mostly_rows(data) else None
        if raw is None:
            raw = _read_tree(_parse(data, path), path)
    except RecursionError:
        # the walks need no frame per level; this is for a part of a page read otherwise
        raise UnsafeInput(
            "HTML nested too deep to read", record_id=path, location="html"
        ) from None
    raw.replaced_bytes(replaced)
    return raw


def _streamed(data: bytes, path: str | None) -> RawRecord | None:
    """The record `_read_tree` makes of a ClinicalTrials.gov page that its label/value rows
    identify, read without the page's whole tree (`RowStream`); None for any other page, or
    one the stream cannot tell (a row inside a heading), which is read from its tree."""
    sections = 0

    def seen_heading(heading: etree._Element) -> None:
        nonlocal sections
        sections += _names_section(heading)

    stream = RowStream(data, path, _ROW_TAGS, _HEADING_TAGS, seen_heading)
    try:
        pairs = _pairs(stream)
    except TrialParseError:
        return None  # the tree's parse reports it
    root = stream.root
    if (
        root is None
        or stream.cut
        or stream.rows_in_heading
        or _is_site_page(root, sections)
        or not _ctgov_page(root)
    ):
        return None
    try:
        known = _HtmlReader(root, path).map_pairs(pairs)
    except MalformedRecord:
        return None
    return known if _identified(known) else None


def _identified(raw: RawRecord) -> bool:
    identification = raw.data.get("protocolSection", {}).get("identificationModule", {})
    return bool(identification.get("nctId")) and bool(
        identification.get("briefTitle") or identification.get("officialTitle")
    )


def _ctgov_page(root: etree._Element) -> bool:
    """A page of ClinicalTrials.gov itself (its archive and classic pages say so in their title)."""
    title = root.find("head/title")
    return title is not None and "clinicaltrials.gov" in (title.text or "").lower()


def _dedicated(
    root: etree._Element, path: str | None, site: bool
) -> tuple[RawRecord | None, MalformedRecord | None]:
    """The record the dedicated readers make of the page (the trial site's sectioned page,
    else the label/value rows of ClinicalTrials.gov's pages), or the reason they refuse it."""
    try:
        known = _SiteReader(root, path).map_sections() if site else None
        if known is None:
            known = _HtmlReader(root, path).map_pairs()
    except MalformedRecord as error:
        return None, error
    return known, None


def _read_tree(root: etree._Element, path: str | None) -> RawRecord:
    """The page read by the reader of its layout: the trial site's sectioned page and the
    pages of ClinicalTrials.gov itself (archive and classic pages) by their dedicated readers
    where these name the trial (an ID and a title); any other page by the general page
    pipeline, or, where that finds no trial, by what the dedicated readers made of it."""
    site = _is_site_page(root)
    dedicated = site or _ctgov_page(root)
    if dedicated:
        known, failure = _dedicated(root, path, site)
        if known is not None and _identified(known):
            return known
    try:
        page = read_page_html(root, path=path)
    except UnknownFormat:
        if not dedicated:
            known, failure = _dedicated(root, path, site)
        if known is not None:
            return known
        assert failure is not None
        raise failure from None
    return page


def read(content: bytes | str | dict[str, Any], *, path: str | None = None) -> Study:
    """Read an HTML page of a record into a `Study`."""
    if isinstance(content, dict):
        raise MalformedRecord("an HTML page is text, not a JSON object", record_id=path)
    raw = read_html(content, path=path)
    identification = raw.data.get("protocolSection", {}).get("identificationModule", {})
    if not any(
        identification.get(key) for key in ("nctId", "briefTitle", "officialTitle")
    ) and not raw.registry_id:
        raise UnknownFormat(
            "an HTML page, but not of a ClinicalTrials.gov record: no NCT number and no title "
            f"among its {len(raw.extras)} unplaced parts",
            record_id=path,
            location="html",
        )
    return page_study(raw)
