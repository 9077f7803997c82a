"""Pages read from a parse that frees each row once read (`readers/_html_rows.py`) come out as
from their whole tree: every real page (real data: html/, pages_dev/, EU CTR pages), read both
ways, and hand-made pages of the cases where the stream must hand the page to the tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.realdata import as_params, real_files
from trialparse.readers import html
from trialparse.readers._html_rows import RowStream
from trialparse.readers.base import RawRecord

PAGES = [
    *real_files("html", "*.htm*", recursive=True),
    *real_files("pages_dev", "*.htm*", recursive=True),
    *real_files("other_registries/euctr", "*.htm*", recursive=True),
]


def _both_ways(content: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    def read() -> object:
        try:
            raw: RawRecord = html.read_html(content)
        except Exception as exc:  # the same error either way
            return f"{type(exc).__name__}: {exc}"
        return (raw.data, raw.extras, raw.warnings, raw.related_trials, raw.registry_id)

    monkeypatch.setattr(html, "STREAM_FROM", 10**12)
    from_tree = read()
    monkeypatch.setattr(html, "STREAM_FROM", 0)
    monkeypatch.setattr(html, "_mostly_rows", lambda data: True)
    return from_tree, read()


@pytest.mark.parametrize("path", as_params(PAGES))
def test_real_page_reads_alike_streamed_or_whole(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_tree, streamed = _both_ways(path.read_bytes(), monkeypatch)
    assert streamed == from_tree


def _handmade_page(rows: str, title: str = "ClinicalTrials.gov: a hand-made study") -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><table>"
        "<tr><th>NCT ID</th><td>NCT00000001</td></tr>"
        "<tr><th>Brief Title</th><td>A hand-made study</td></tr>"
        f"{rows}</table></body></html>"
    ).encode()


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param("<tr><th>Label 1</th><td>value 1</td></tr>" * 50, id="plain-rows"),
        pytest.param(
            "<tr><th>Outer</th><td><table><tr><th>Inner</th><td>x</td></tr></table></td></tr>",
            id="row-inside-a-row",
        ),
        pytest.param("<dl><dt>Term</dt><dd>definition</dd></dl>", id="definition-list"),
        pytest.param(
            "<tr><td><h2>Eligibility</h2></td></tr><tr><td><h2>Contacts</h2></td></tr>",
            id="section-headings-inside-rows",
        ),
        pytest.param("</table><h2><table><tr><td>x</td></tr></table></h2><table>", id="row-in-h2"),
    ],
)
def test_handmade_page_reads_alike_streamed_or_whole(
    rows: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_tree, streamed = _both_ways(_handmade_page(rows), monkeypatch)
    assert streamed == from_tree
    assert not isinstance(from_tree, str)


def test_handmade_page_of_another_site_reads_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    content = _handmade_page("<tr><th>Label</th><td>v</td></tr>", title="Another registry")
    from_tree, streamed = _both_ways(content, monkeypatch)
    assert streamed == from_tree


def test_pages_of_many_small_rows_are_mostly_rows() -> None:
    row = b"<tr><th>Label 1</th><td>value 1</td></tr>\n"
    assert html._mostly_rows(_handmade_page(row.decode() * 100))
    assert not html._mostly_rows(_handmade_page("<div>v</div>" * 100))
    assert html._mostly_rows(b"<DL>" + b"<DT>t</DT><DD>d</DD>" * 20 + b"</DL>")


@pytest.mark.parametrize(("depth", "cut"), [(2000, False), (2050, True)])
def test_handmade_page_at_the_nesting_limit_is_left_to_the_tree(depth: int, cut: bool) -> None:
    page = b"<html><body>" + b"<div>" * depth + b"<table><tr><td>x</td></tr></table></body></html>"
    stream = RowStream(page, None, ("tr",))
    rows = list(stream)
    assert stream.cut is cut
    assert len(rows) == (0 if cut else 1)
