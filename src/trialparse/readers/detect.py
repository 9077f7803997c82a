"""Tell JSON, XML, HTML and text apart by content, and decode bytes to text."""

from __future__ import annotations

import codecs
import re

from ..errors import UnknownFormat
from ..model.study import Format

__all__ = ["FORMATS", "decode_checked", "decode_text", "detect_format"]

FORMATS: tuple[Format, ...] = ("ctgov-json", "ctgov-xml", "html", "text")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# the first element of an HTML page or fragment: the document, or a block of a page's body
# (trial-site pages start at <main>, <section>, <dl>, ...); no ClinicalTrials.gov XML root
# element has one of these names
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|link|div|table|p|h[1-6]|main|section"
    r"|article|header|nav|dl|ul|ol)\b",
    re.I,
)
_XML_COMMENTS_AND_PIS = re.compile(
    r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)", re.S
)
_DETECT_WINDOW = 4096
_V2_OPENING = re.compile(rb'\{\s*"(?:protocolSection|derivedSection|resultsSection|hasResults)"')
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b >= 0x20 or b in b"\t\n\f\r")
"""All bytes but those that decode to the control characters counted below."""


def decode_text(content: bytes) -> str:
    """Decode bytes to text: a BOM wins, then UTF-8, then Windows-1252 (old pages)."""
    return decode_checked(content)[0]


def decode_checked(content: bytes) -> tuple[str, str | None]:
    """`decode_text`, and the encoding whose invalid bytes were replaced with U+FFFD, if any."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return _decode(content, encoding)
    try:
        return content.decode("utf-8"), None
    except UnicodeDecodeError:
        return _decode(content, "windows-1252")


def _decode(content: bytes, encoding: str) -> tuple[str, str | None]:
    try:
        return content.decode(encoding).lstrip("\ufeff"), None
    except UnicodeDecodeError:
        return content.decode(encoding, errors="replace").lstrip("\ufeff"), encoding


def detect_format(content: bytes | str) -> Format:
    """The format of a record's content: ``ctgov-json``, ``ctgov-xml``, ``html`` or ``text``."""
    # The common case first: a v2 record whose first 512 bytes are ASCII (so they are the first
    # 512 characters counted below) with no control characters among them.
    if type(content) is bytes and _V2_OPENING.match(content):
        head = content[:512]
        if head.isascii() and not head.translate(None, _NOT_CONTROL_BYTES):
            return "ctgov-json"
    if isinstance(content, bytes):
        head = content[:_DETECT_WINDOW]
        for bom, encoding in _BOMS:
            if head.startswith(bom):
                text = head.decode(encoding, errors="ignore")
                break
        else:
            text = head.decode("utf-8", errors="ignore")
    else:
        text = content[:_DETECT_WINDOW]
    text = text.lstrip("\ufeff \t\r\n\x00")
    if not text:
        raise UnknownFormat("empty input: nothing to parse")
    control = sum(1 for char in text[:512] if char < " " and char not in "\t\r\n\f")
    if control * 20 > min(len(text), 512):
        raise UnknownFormat("binary data, not a record (control characters in the first bytes)")
    first = text[0]
    if first in "{[":
        return "ctgov-json"
    if first == "<":
        rest = _XML_COMMENTS_AND_PIS.sub("", text, count=0)
        if _HTML_START.match(rest.lstrip()) or text[:200].lower().startswith("<!doctype html"):
            return "html"
        return "ctgov-xml"
    return "text"
