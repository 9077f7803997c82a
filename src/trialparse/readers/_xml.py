"""Safe XML parsing shared by the readers: no entities, no DTDs, no network, errors with lines."""

from __future__ import annotations

import io
import re
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from lxml import etree

from ..errors import MalformedRecord, UnsafeInput

__all__ = ["attribute", "attributes", "child_paths", "element_path", "parse_xml", "text_of"]


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
        raise UnsafeInput(
            "XML DOCTYPE declares entities: refused (entity expansion, XXE)", record_id=record_id
        )


ASIDE = 64
"""An element with more attributes than this holds them in one attribute of their own (see
`parse_xml`); `attributes` and `attribute` read them back."""

_MANY_EQUALS = 4096
"""More "=" than this in a document (each attribute has one) and attributes may be set aside."""

# A name no document can hold: its namespace is made afresh for each process.
_ASIDE_NAME = f"{{urn:uuid:{uuid.uuid4()}}}attributes"
# Bytes in UTF-8 by their declaration (or for want of one), so that a search for "<!DOCTYPE"
# in them finds any DTD (the plain parse checks its tree for entities; this one cannot).
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.S)
_UTF8_OPENING = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<(?!\?xml[^>]*encoding)"
    rb"|<\?xml[^>]*encoding\s*=\s*[\"'](?:utf-8|us-ascii|ascii)[\"'])",
    re.I,
)


class _AsideTarget:
    """Builds the tree as the parser reads, with the attributes of an element that has more
    than `ASIDE` joined into one value (a string of about their size, not two nodes each):
    each name and value preceded by its length and a colon (lxml takes no control characters
    that could separate them)."""

    def __init__(self) -> None:
        self.builder: Any = etree.TreeBuilder()  # lxml-stubs lack its nsmap and return types

    def start(self, tag: str, attrib: dict[str, str], nsmap: Any = None) -> None:
        # libxml2 hands a target each "&" of an attribute value as "&#38;" when it does not
        # resolve entities (there are none to resolve here: a document with a DTD is not
        # parsed this way)
        if any("&" in value for value in attrib.values()):
            attrib = {name: value.replace("&#38;", "&") for name, value in attrib.items()}
        if len(attrib) > ASIDE:
            # written piece by piece: a join would hold a string per piece at once
            joined = io.StringIO()
            for pair in attrib.items():
                for piece in pair:
                    joined.write(f"{len(piece)}:")
                    joined.write(piece)
            attrib = {_ASIDE_NAME: joined.getvalue()}
        self.builder.start(tag, attrib, nsmap)

    def end(self, tag: str) -> None:
        self.builder.end(tag)

    def data(self, data: str) -> None:
        self.builder.data(data)

    def close(self) -> etree._Element:
        root: etree._Element = self.builder.close()
        return root


def _aside_parser(encoding: str | None) -> etree.XMLParser:
    target: Any = _AsideTarget()  # lxml-stubs ask for every method a target may have
    return etree.XMLParser(target=target, encoding=encoding, **_SAFE)


def _aside_tree(data: bytes, encoding: str | None) -> etree._Element | None:
    """The tree of `data` with large attribute sets set aside, or None when `data` is not
    well-formed (the plain parse then reports where: a target parser names no line)."""
    try:
        root: etree._Element = etree.fromstring(data, _aside_parser(encoding))
    except (etree.XMLSyntaxError, ValueError):
        return None
    # a target parser gives its elements no line: the root's is the line past the prolog
    prolog = _PROLOG.match(data)
    element: Any = root  # lxml-stubs lack the setter of sourceline
    element.sourceline = data.count(b"\n", 0, prolog.end() if prolog else 0) + 1
    return root


def parse_xml(
    content: bytes | str, *, record_id: str | None = None, set_aside: bool = False
) -> etree._Element:
    """Parse XML safely into its root element.

    Raises `UnsafeInput` for a DOCTYPE that declares entities or names an external DTD, and
    `MalformedRecord` (naming the line) for anything that is not well-formed XML.

    With `set_aside`, an element with more than `ASIDE` attributes keeps them in one attribute
    that `attributes` and `attribute` read (their other accessors do not see them): libxml2 keeps
    an attribute in two nodes of about 100 bytes each, so 200,000 of them on one element took
    17 times the input's size before any was read.
    """
    if isinstance(content, str):
        data = content.lstrip("\ufeff").encode("utf-8")
        parser = _UTF8_PARSER
    else:
        data = content
        parser = _PARSER
    _refuse_entities(data, record_id)
    if (
        set_aside
        and data.count(b"=") > _MANY_EQUALS
        and (parser is _UTF8_PARSER or _UTF8_OPENING.match(data))
        and b"<!DOCTYPE" not in data
    ):
        aside = _aside_tree(data, "utf-8" if parser is _UTF8_PARSER else None)
        if aside is not None:
            return aside
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if "amplification" in exc.msg or ("entit" in exc.msg.lower() and "loop" in exc.msg):
            raise UnsafeInput(f"XML refused: {exc.msg}", record_id=record_id) from None
        line = exc.position[0] if exc.position else exc.lineno
        raise MalformedRecord(
            f"not well-formed XML: {exc.msg}",
            record_id=record_id,
            location=f"line {line}",
        ) from None
    except ValueError as exc:  # e.g. bytes lxml cannot take at all
        raise MalformedRecord(f"not XML: {exc}", record_id=record_id, location="line 1") from None
    if root is None:
        raise MalformedRecord("empty XML document", record_id=record_id, location="line 1")
    # lxml-stubs lack DTD.iterentities and DocInfo.system_url.
    docinfo: Any = root.getroottree().docinfo
    dtd: Any = docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise UnsafeInput("XML DOCTYPE declares entities: refused", record_id=record_id)
    if docinfo.system_url is not None or docinfo.public_id is not None:
        raise UnsafeInput(
            "XML names an external DTD: refused (it is never fetched)", record_id=record_id
        )
    for node in root.iter(etree.Entity):
        raise UnsafeInput(
            f"XML uses an undeclared entity {node.text!r}: refused",
            record_id=record_id,
            location=f"line {node.sourceline}",
        )
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
    if joined is not None:
        return _pairs(joined)
    values: Any = _ATTRIBUTE_VALUES(element)
    return [(str(name), value) for name, value in zip(element.keys(), values, strict=True)]


def _pairs(joined: str) -> Iterator[tuple[str, str]]:
    """The (name, value) pairs of attributes set aside, one at a time."""
    at, end = 0, len(joined)
    while at < end:
        pair = []
        for _ in range(2):
            colon = joined.index(":", at)
            at = colon + 1 + int(joined[at:colon])
            pair.append(joined[colon + 1 : at])
        yield pair[0], pair[1]


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
