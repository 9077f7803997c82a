"""Tell JSON, XML, HTML and text apart by content, and decode bytes to text.

Other registries' forms are told apart from the ClinicalTrials.gov ones: the WHO ICTRP XML export
(root ``<Trials_downloaded_from_ICTRP>``), the EU Clinical Trials Register's protocol pages
(their banner and numbered A-P sections) and ISRCTN records as ctrdata stores them (JSON that
opens with ``"isrctn"``).
"""

from __future__ import annotations

import codecs
import re

from ..errors import UnknownFormat
from ..model.study import Format

__all__ = [
    "FORMATS",
    "decode_checked",
    "decode_text",
    "detect_format",
    "is_euctr_page",
    "opens_as_v2",
]

FORMATS: tuple[Format, ...] = (
    "ctgov-json",
    "ctgov-xml",
    "html",
    "text",
    "ictrp-xml",
    "euctr-html",
    "isrctn-json",
)

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
# An ISRCTN record as ctrdata stores it opens with its number: {"isrctn": "12949496", ...
_ISRCTN_JSON = re.compile(r'\{\s*"isrctn"\s*:\s*"\d+"')
# An ICTRP export's root, or one of its <Trial> elements on its own.
_ICTRP_ROOT = re.compile(r"<(?:Trials_downloaded_from_ICTRP|Trial)\s*>")
# An EU CTR protocol page: the register's banner and its "EudraCT Number:" summary row, both
# within the first 64 KB (about 15 KB of head, menus and search form come first).
_EUCTR_WINDOW = 65536
_EUCTR_MARKS = (b"EU Clinical Trials Register", b"EudraCT Number")
_V2_OPENING = re.compile(rb'\{\s*"(?:protocolSection|derivedSection|resultsSection|hasResults)"')
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
"""The control characters that mark binary data: those under a space but tab, line feed, form
feed and carriage return."""
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


def opens_as_v2(content: bytes) -> bool:
    """Whether `content` opens as a v2 record does: `detect_format` names it ``ctgov-json``
    unless control characters in its first bytes make it binary data, which no JSON decoding
    reads (JSON holds no raw control character but tab, line feed and carriage return)."""
    return _V2_OPENING.match(content) is not None


def detect_format(content: bytes | str) -> Format:
    """The format of a record's content: ``ctgov-json``, ``ctgov-xml``, ``html`` or ``text``."""
    # The common case first: a v2 record with no control characters where they are counted
    # below. Its first 512 characters are its first 512 bytes when those are ASCII, and else
    # come from within the first `_DETECT_WINDOW` bytes (decoding turns a byte under 0x80 into
    # the same character, and never into part of another).
    if type(content) is bytes and _V2_OPENING.match(content):
        head = content[:512]
        if not head.translate(None, _NOT_CONTROL_BYTES) and (
            head.isascii() or not content[512:_DETECT_WINDOW].translate(None, _NOT_CONTROL_BYTES)
        ):
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
    control = len(_CONTROL.findall(text, 0, 512))
    if control * 20 > min(len(text), 512):
        raise UnknownFormat("binary data, not a record (control characters in the first bytes)")
    first = text[0]
    if first in "{[":
        return "isrctn-json" if _ISRCTN_JSON.match(text) else "ctgov-json"
    if first == "<":
        rest = _XML_COMMENTS_AND_PIS.sub("", text, count=0).lstrip()
        if _HTML_START.match(rest) or text[:200].lower().startswith("<!doctype html"):
            return "euctr-html" if is_euctr_page(content) else "html"
        if _ICTRP_ROOT.match(rest):
            return "ictrp-xml"
        return "ctgov-xml"
    return "text"


def is_euctr_page(content: bytes | str) -> bool:
    """Whether an HTML page is an EU Clinical Trials Register protocol page."""
    head = content[:_EUCTR_WINDOW]
    data = head.encode("utf-8", "ignore") if isinstance(head, str) else head
    return all(mark in data for mark in _EUCTR_MARKS)
