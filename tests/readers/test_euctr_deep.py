"""An EU CTR page nested deeper than libxml2's default limit is read whole (hand-made page)."""

from __future__ import annotations

import pytest

from trialparse import parse_record
from trialparse.errors import UnsafeInput


def _row(code: str, label: str, value: str) -> str:
    return (
        f'<tr><td class="first">{code}</td><td class="second">{label}</td>'
        f'<td class="third">{value}</td></tr>'
    )


def _handmade_page(depth: int) -> bytes:
    rows = _row("A.2", "EudraCT number", "2099-000001-11") + _row(
        "A.3", "Full title of the trial", "A deeply nested hand-made trial"
    )
    return (
        "<html><body><span>EU Clinical Trials Register</span>"
        + "<div>" * depth
        + f"<table>{rows}</table>"
        + "</div>" * depth
        + "<table>"
        + _row("A.4.1", "Sponsor's protocol code number", "HANDMADE-1")
        + "</table></body></html>"
    ).encode()


def test_handmade_deep_page_is_read_whole() -> None:
    # 300 levels: past libxml2's default 256, within huge_tree's 2048
    study = parse_record(_handmade_page(300), format="euctr-html")
    assert study.registry_id == "2099-000001-11"
    assert study.official_title == "A deeply nested hand-made trial"
    assert study.org_study_id == "HANDMADE-1"


def test_handmade_page_past_the_parser_limit_is_refused_not_cut() -> None:
    with pytest.raises(UnsafeInput, match="levels"):
        parse_record(_handmade_page(2100), format="euctr-html")
