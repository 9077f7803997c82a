"""Safe XML parsing shared by the readers: no entities, no DTDs, no network, errors with lines."""

from __future__ import annotations

import bisect
import re
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from lxml import etree

from ..errors import MalformedRecord, UnsafeInput

__all__ = [
    "attribute",
    "attributes",
    "child_paths",
    "element_path",
    "parse_xml",
    "record_name",
    "text_of",
]


# One parser per flavour, reused: building a parser costs more than parsing a small record.
# resolve_entities=False keeps entity references unexpanded (no XXE, no billion laughs);
# load_dtd=False and no_network=True stop libxml2 from fetching anything; huge_tree=False keeps
# libxml2's own limits on depth and text size. Every parser here is made with these.
_SAFE: dict[str, Any] = {
    "resolve_entities": False,
    "load_dtd": False,
    "no_network": True,
    "huge_tree": False,
    "dtd_validation": False,
}


def _parser(encoding: str | None = None) -> etree.XMLParser:
    return etree.XMLParser(encoding=encoding, remove_comments=True, remove_pis=True, **_SAFE)


_PARSER = _parser()
# Text already decoded by Python: the declared encoding no longer applies.
_UTF8_PARSER = _parser("utf-8")


# The record's own ID where the head of the input holds one: a legacy record's <nct_id>, an
# ICTRP trial's <TrialID>. Errors name it; the last one before the fault is the trial at fault.
_RECORD_ID = re.compile(rb"<(?:nct_id|TrialID)>\s*([A-Za-z0-9][\w./-]{2,63}?)\s*</")
_HEAD = 1 << 16
"""How far into the input `record_name` looks when no fault position is known."""
_TAG = re.compile(
    rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[?!][^>]*>|<(/?)([A-Za-z_][\w.:-]*)[^>]*?(/?)>", re.S
)
_DEPTH_SHOWN = 6
# libxml2's messages: its own position (the location holds it) and hints about its options.
_POSITION = re.compile(r",? line \d+, column \d+\s*$")
_HINT = re.compile(r",?\s*(?:try\s+)?use XML_PARSE_HUGE option", re.I)
_DEPTH = re.compile(r"Excessive depth in document: (\d+)")


def record_name(data: bytes | str, record_id: str | None, *, upto: int | None = None) -> str | None:
    """The record an error names: the last NCT ID or registry ID in the input before `upto`
    (the head of the input when None), else `record_id` (the path, when one was given)."""
    head = data.encode("utf-8", "replace") if isinstance(data, str) else data
    head = head[: _HEAD if upto is None else upto]
    found = _RECORD_ID.findall(head)
    return found[-1].decode("ascii", "replace") if found else record_id


def _offset(data: bytes, line: int | None, column: int | None) -> int:
    """The byte offset of a (1-based) line and column, or the end of the input."""
    at = 0
    for _ in range((line or 1) - 1):
        at = data.find(b"\n", at) + 1
        if at == 0:
            return len(data)
    return min(len(data), at + max(0, (column or 1) - 1))


def _open_path(data: bytes, upto: int) -> str | None:
    """The path of the elements open at byte `upto`, as ``/clinical_study/brief_title``
    (the middle left out of a deep one)."""
    stack: list[str] = []
    for match in _TAG.finditer(data, 0, upto):
        closing, name, empty = match.groups()
        if name is None or empty:
            continue
        tag = name.decode("utf-8", "replace")
        if not closing:
            stack.append(tag)
        elif tag in stack:
            del stack[len(stack) - 1 - stack[::-1].index(tag) :]
    if not stack:
        return None
    if len(stack) <= _DEPTH_SHOWN:
        return "/" + "/".join(stack)
    shown = "/".join(stack[:3]) + "/.../" + "/".join(stack[-2:])
    return f"/{shown} (depth {len(stack)})"


def _where(data: bytes, column: int | None, at: int) -> str:
    """``column 12, in /clinical_study/brief_title``: where on its line a syntax error is."""
    where = f"column {column or 1}"
    path = _open_path(data, at)
    return f"{where}, in {path}" if path else where


def _plain(message: str) -> str:
    """libxml2's message without its position and option hints."""
    message = _POSITION.sub("", _HINT.sub("", message))
    return _DEPTH.sub(r"elements nested more than \1 levels deep (the limit)", message)


def _refuse_entities(content: bytes, record_id: str | None) -> None:
    """Refuse a document whose DOCTYPE declares entities, before libxml2 expands anything."""
    # A DOCTYPE sits in the prolog, before the root element; its internal subset ends at "]>".
    # This is a containment test on those bytes (fast on any size), not a parse of the markup;
    # the parsed tree is checked again afterwards for what this misses (other encodings).
    doctype = content.find(b"<!DOCTYPE")
    if doctype < 0:
        return
    subset_end = content.find(b"]>", doctype)
    subset = content[doctype : subset_end if subset_end >= 0 else len(content)]
    if b"<!ENTITY" in subset:
        newline = b"\n"
        raise UnsafeInput(
            "XML DOCTYPE declares entities: refused (entity expansion, XXE)",
            record_id=record_name(content, record_id),
            location=f"line {content.count(newline, 0, doctype) + 1}, <!DOCTYPE>",
        )


ASIDE = 64
"""A start tag with a stretch of more than this many attributes holds the stretch in one
attribute of its own (see `parse_xml`); `attributes` and `attribute` read them back."""

_MANY_EQUALS = 4096
"""More "=" than this in a document (each attribute has one) and attributes may be set aside."""

# A name no document can hold: its namespace is made afresh for each process.
_ASIDE_NAME = f"{{urn:uuid:{uuid.uuid4()}}}attributes"
# What stands in a set-aside stretch's place while libxml2 parses: an attribute whose value
# is the stretch's index (a name made afresh for each process, as unlikely in a document).
_STAND_IN = f"trialparse-{uuid.uuid4().hex}"
_STAND_IN_PATH = etree.XPath(f"descendant-or-self::*[@{_STAND_IN}]")
_UTF8_OPENING = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<(?!\?xml[^>]*encoding)"
    rb"|<\?xml[^>]*encoding\s*=\s*[\"'](?:utf-8|us-ascii|ascii)[\"'])",
    re.I,
)
# A start tag opening with a stretch of more than ASIDE attributes without a prefix (a
# prefixed name or a namespace declaration ends the stretch; the rest of the tag stays).
_STRETCH = re.compile(
    rb"<[A-Za-z_][\w.:-]*((?:\s+[A-Za-z_][\w.-]*\s*=\s*(?:\"[^\"<]*\"|'[^'<]*')){%d,}+)"
    % (ASIDE + 1)
)
# The rest of a tag after a stretch: other attributes (prefixed ones, or any after them).
_TAG_REST = re.compile(rb"((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*)\s*/?>")
_REST_NAME = re.compile(rb"\s+([A-Za-z_][\w.:-]*)\s*=")
_ATTRIBUTE = re.compile(r"\s+([A-Za-z_][\w.-]*)\s*=\s*(?:\"([^\"<]*)\"|'([^'<]*)')", re.ASCII)
# Where a "<" opens no tag: comments, CDATA sections, processing instructions.
_NOT_TAGS = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", re.S)
_REFERENCE = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACES = str.maketrans("\t\n", "  ")


def _character(code: int) -> str | None:
    """The character of a reference, None where XML allows none."""
    if code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD:
        return chr(code)
    return chr(code) if 0x10000 <= code <= 0x10FFFF else None


def _resolved(match: re.Match[str]) -> str:
    named, decimal, hexadecimal = match.groups()
    if named:
        return _NAMED[named]
    character = _character(int(decimal) if decimal else int(hexadecimal, 16))
    assert character is not None  # `_well_formed` checked it
    return character


def _value(raw: str) -> str:
    """An attribute's value as XML reads it: line ends and tabs become spaces, then
    references are resolved."""
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" in raw or "\t" in raw:
        raw = raw.translate(_SPACES)
    if "&" in raw:
        raw = _REFERENCE.sub(_resolved, raw)
    return raw


def _well_formed(stretch: str, others: list[str]) -> bool:
    """Whether libxml2 would read the stretch of attributes without an error: no name twice
    (nor one of the tag's `others`), no namespace declaration, no character XML forbids, every
    "&" a known reference."""
    if _NOT_XML.search(stretch):
        return False
    names = set(others)
    for match in _ATTRIBUTE.finditer(stretch):
        name = match[1]
        if name in names or name == "xmlns":
            return False
        names.add(name)
        raw = match[2] if match[2] is not None else match[3]
        if "&" in raw:
            references = list(_REFERENCE.finditer(raw))
            if raw.count("&") != len(references):
                return False
            for reference in references:
                decimal, hexadecimal = reference[2], reference[3]
                if reference[1] is None and (
                    _character(int(decimal) if decimal else int(hexadecimal, 16)) is None
                ):
                    return False
    return True


def _set_aside(data: bytes) -> tuple[bytes, list[str]] | None:
    """`data` with each stretch of more than `ASIDE` attributes replaced by a stand-in that
    names it, and the stretches (None when there is none): libxml2 keeps an attribute in two
    nodes of about 100 bytes each, and a parser target is handed a dict of them."""
    stretches: list[tuple[int, int, str]] = []
    not_tags: list[tuple[int, int]] | None = None
    for match in _STRETCH.finditer(data):
        start, end = match.span(1)
        rest = _TAG_REST.match(data, end)
        if rest is None:  # not a tag's end: libxml2 reports it
            continue
        if not_tags is None:
            not_tags = [span.span() for span in _NOT_TAGS.finditer(data)]
        at = bisect.bisect(not_tags, (match.start(), len(data))) - 1
        if at >= 0 and not_tags[at][1] > match.start():
            continue  # inside a comment, a CDATA section or a processing instruction
        try:
            stretch = data[start:end].decode("utf-8")
        except UnicodeDecodeError:
            continue
        others = [name.decode() for name in _REST_NAME.findall(rest[1])]
        if _well_formed(stretch, others):
            stretches.append((start, end, stretch))
    if not stretches:
        return None
    pieces: list[bytes] = []
    at = 0
    for index, (start, end, stretch) in enumerate(stretches):
        # the stretch's line ends are kept, so every element keeps its line
        pieces += [data[at:start], b' %s="%d"' % (_STAND_IN.encode(), index)]
        pieces.append(b"\n" * stretch.count("\n"))
        at = end
    pieces.append(data[at:])
    return b"".join(pieces), [stretch for _, _, stretch in stretches]


def _put_back(root: etree._Element, stretches: list[str]) -> None:
    """Each stretch set aside into the one attribute of its element that holds them."""
    found: Any = _STAND_IN_PATH(root)
    for element in found:
        index = int(element.attrib.pop(_STAND_IN))
        element.set(_ASIDE_NAME, stretches[index])
        stretches[index] = ""


def parse_xml(
    content: bytes | str, *, record_id: str | None = None, set_aside: bool = False
) -> etree._Element:
    """Parse XML safely into its root element.

    Raises `UnsafeInput` for a DOCTYPE that declares entities or names an external DTD, and
    `MalformedRecord` (naming the line) for anything that is not well-formed XML.

    With `set_aside`, a start tag that opens with more than `ASIDE` attributes keeps them (as
    written) in one attribute that `attributes` and `attribute` read (their other accessors do
    not see them): libxml2 keeps an attribute in two nodes of about 100 bytes each, so 200,000
    of them on one element took 17 times the input's size before any was read. They are set
    aside before libxml2 sees them, and only where libxml2 would read them without an error.
    """
    if isinstance(content, str):
        data = content.lstrip("\ufeff").encode("utf-8")
        parser = _UTF8_PARSER
    else:
        data = content
        parser = _PARSER
    _refuse_entities(data, record_id)
    stretches = None
    if (
        set_aside
        and data.count(b"=") > _MANY_EQUALS
        and (parser is _UTF8_PARSER or _UTF8_OPENING.match(data))
        and b"<!DOCTYPE" not in data
    ):
        found = _set_aside(data)
        if found is not None:
            data, stretches = found
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, exc.offset)
        at = _offset(data, line, column)
        named = record_name(data, record_id, upto=at)
        if "amplification" in exc.msg or ("entit" in exc.msg.lower() and "loop" in exc.msg):
            raise UnsafeInput(f"XML refused: {_plain(exc.msg)}", record_id=named) from None
        raise MalformedRecord(
            f"not well-formed XML: {_plain(exc.msg)} ({_where(data, column, at)})",
            record_id=named,
            location=f"line {line or 1}",
        ) from None
    except ValueError as exc:  # e.g. bytes lxml cannot take at all
        raise MalformedRecord(
            f"not XML: {exc}", record_id=record_name(data, record_id), location="line 1"
        ) from None
    if root is None:
        raise MalformedRecord(
            "empty XML document", record_id=record_name(data, record_id), location="line 1"
        )
    # lxml-stubs lack DTD.iterentities and DocInfo.system_url.
    docinfo: Any = root.getroottree().docinfo
    dtd: Any = docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise UnsafeInput(
            "XML DOCTYPE declares entities: refused",
            record_id=record_name(data, record_id),
            location="<!DOCTYPE>",
        )
    if docinfo.system_url is not None or docinfo.public_id is not None:
        raise UnsafeInput(
            "XML names an external DTD: refused (it is never fetched)",
            record_id=record_name(data, record_id),
            location="<!DOCTYPE>",
        )
    for node in root.iter(etree.Entity):
        raise UnsafeInput(
            f"XML uses an undeclared entity {node.text!r}: refused",
            record_id=record_name(data, record_id),
            location=f"line {node.sourceline}, in {element_path(node.getparent() or root)}",
        )
    if stretches is not None:
        _put_back(root, stretches)
    return root


def text_of(element: etree._Element | None) -> str | None:
    """All the text inside an element, whitespace collapsed; None when absent or blank.

    For one-line values (names, statuses, dates): the archive layout wraps and pads them.
    """
    if element is None:
        return None
    if len(element) == 0:  # a leaf, the common case: its text is all there is
        text = element.text or ""
    else:
        text = etree.tostring(element, method="text", encoding="unicode", with_tail=False)
    return " ".join(text.split()) or None


def element_path(element: etree._Element) -> str:
    """The element's path from the root, as ``/clinical_study/location[2]/facility``."""
    return str(element.getroottree().getpath(element))


_ATTRIBUTE_VALUES = etree.XPath("@*", smart_strings=False)


def attributes(element: etree._Element) -> Iterable[tuple[str, str]]:
    """The element's attributes as (name, value) pairs, in document order, in linear time.

    lxml's ``attrib.items()`` looks each value up by name along the attribute list: quadratic
    in the number of attributes (200,000 on one element took minutes).
    """
    if not element.attrib:
        return []
    joined = element.get(_ASIDE_NAME)
    values: Any = _ATTRIBUTE_VALUES(element)
    pairs = [(str(name), value) for name, value in zip(element.keys(), values, strict=True)]
    if joined is None:
        return pairs
    return _with_stretch(joined, [pair for pair in pairs if pair[0] != _ASIDE_NAME])


def _with_stretch(stretch: str, rest: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """The (name, value) pairs of attributes set aside, one at a time, then the tag's others."""
    for match in _ATTRIBUTE.finditer(stretch):
        yield match[1], _value(match[2] if match[2] is not None else match[3])
    yield from rest


def attribute(element: etree._Element, name: str) -> str | None:
    """The value of one attribute of the element, set aside or not (None when absent)."""
    value = element.get(name)
    if value is None and element.get(_ASIDE_NAME) is not None:
        return next((found for key, found in attributes(element) if key == name), None)
    return value


def child_paths(
    parent: etree._Element, base: str | None = None
) -> Iterator[tuple[etree._Element, str]]:
    """Each element child of `parent` with its `element_path`, in one pass over the children
    (`getpath` per child counts its same-named siblings again: quadratic for many children).
    `base` is the parent's own path when the caller knows it. A first pass counts the tags,
    so no child is held longer than the caller holds it."""
    base = element_path(parent) if base is None else base
    totals = Counter(child.tag for child in parent if isinstance(child.tag, str))
    seen: Counter[str] = Counter()
    for child in parent:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        seen[tag] += 1
        yield child, f"{base}/{tag}[{seen[tag]}]" if totals[tag] > 1 else f"{base}/{tag}"
