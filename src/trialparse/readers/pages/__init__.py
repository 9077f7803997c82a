"""The page pipeline of the text and HTML readers, in layers.

1. Layout (`layout_text`, `layout_html`): the page becomes one stream of `Entry` values:
   headings, label/value pairs, paragraphs, list items, table rows with their header applied.
2. Vocabulary (`vocabulary`): data naming the field or section of every label and heading
   variant, each with the site it was seen on.
3. Values (`values`): shared parsers of statuses, phases, dates, ages, counts and sex.
4. Record (`record`): the entries become the v2 shape, which the one v2 mapping turns into a
   `Study`.
"""

from __future__ import annotations

from lxml import etree

from ...errors import UnsafeInput
from ..base import RawRecord
from .layout_html import html_entries
from .layout_text import text_entries
from .record import build_record

__all__ = ["read_page_html", "read_page_text"]


def read_page_text(text: str, *, path: str | None = None) -> RawRecord:
    """The v2-shaped record of a page's plain text (refused where it holds no trial)."""
    return build_record(text_entries(text), path=path, format="text")


def read_page_html(root: etree._Element, *, path: str | None = None) -> RawRecord:
    """The v2-shaped record of an HTML page's tree (refused where it holds no trial)."""
    try:
        entries = html_entries(root)
    except RecursionError:
        raise UnsafeInput(
            "HTML nested too deep to read its blocks", record_id=path, location="html"
        ) from None
    return build_record(entries, path=path, format="html")
