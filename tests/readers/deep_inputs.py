"""Hand-made records nested `depth` levels deep, one maker per format a reader takes.

Every input here is hand-made (no third-party record is copied): a small record of its format
whose content is wrapped in, or holds, `depth` nested elements, lists or objects. The trial
site's pages are `render_html` of the project's own seed record (fixtures/NCT06352281.txt).
`python -m tests.readers.deep_inputs CASE DEPTH` parses one in this process and prints what came
of it: ``study``, ``trialparse-error <class>`` or ``other-error <class>`` (a bug).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

DEPTHS = (500, 970, 1500, 2000, 2100)
"""Past the 256 levels of libxml2's default, past Python's default 1,000 frames, up to and
just past libxml2's 2,048 with `huge_tree`."""

_NCT = "NCT09999999"
_TITLE = "A hand-made nested trial"


def _wrap_body(page: str, depth: int, tag: str = "div") -> bytes:
    """The page with everything inside its <body> wrapped in `depth` elements."""
    start = page.index(">", page.index("<body")) + 1
    end = page.rindex("</body>")
    return (
        page[:start] + f"<{tag}>" * depth + page[start:end] + f"</{tag}>" * depth + page[end:]
    ).encode()


def _seed_page(layout: str) -> str:
    from tests.realdata import SEED
    from trialparse import parse_record

    from .render import render_html

    return render_html(parse_record(SEED), layout)  # type: ignore[arg-type]


def site_wrapped(layout: str) -> Callable[[int], bytes]:
    """The seed's site page (markup `layout`) wrapped in `depth` divs."""

    def make(depth: int) -> bytes:
        return _wrap_body(_seed_page(layout), depth)

    return make


def _site_page(section: str, body: str) -> bytes:
    """A hand-made site page: its title, NCT ID and status, then the section `section` (its
    heading and what follows it) holding `body`."""
    return (
        "<html><head><title>Trial</title></head><body>"
        f"<h1>{_TITLE}</h1><dl><dt>NCT ID</dt><dd>{_NCT}</dd></dl>"
        "<section><h2>Basic Information</h2><dl><dt>Recruitment Status</dt><dd>RECRUITING</dd>"
        f"</dl></section><section><h2>{section}{body}</section></body></html>"
    ).encode()


def site_deep_value(depth: int) -> bytes:
    """The seed's site page with its NCT ID's value held in `depth` nested spans."""
    page = _seed_page("dl")
    marker = "<dt>NCT ID</dt><dd>"
    start = page.index(marker) + len(marker)
    end = page.index("</dd>", start)
    return (
        page[:start] + "<span>" * depth + page[start:end] + "</span>" * depth + page[end:]
    ).encode()


def site_deep_sections(depth: int) -> bytes:
    """A site page whose sections nest `depth` divs deep, each div a label/value pair."""
    pairs = "".join(
        f'<div><div class="label">Note {level}</div><div class="value">text {level}</div>'
        for level in range(depth)
    )
    return _site_page("Study Design</h2>", pairs + "</div>" * depth)


def site_deep_criteria(depth: int) -> bytes:
    """A site page whose inclusion criteria nest `depth` elements deep (a list in each item)."""
    levels = depth // 2  # a <ul> and its <li> per level
    criteria = "".join(f"<ul><li>criterion {level}" for level in range(levels))
    criteria += "</li></ul>" * levels
    return _site_page("Eligibility Criteria</h2><h3>Inclusion Criteria</h3>", criteria)


def site_deep_paragraph_items(depth: int) -> bytes:
    """A site page whose inclusion criteria nest `depth` elements deep, each item's text in a
    <p> before the list it holds (an item made of blocks, read by its parts)."""
    levels = depth // 2  # a <ul> and its <li> per level
    criteria = "".join(f"<ul><li><p>criterion {level}</p>" for level in range(levels))
    criteria += "</li></ul>" * levels
    return _site_page("Eligibility Criteria</h2><h3>Inclusion Criteria</h3>", criteria)


def site_deep_inline(depth: int) -> bytes:
    """A site page whose study design holds `depth` nested spans of text around a paragraph."""
    return _site_page(
        "Study Design</h2>",
        "<div>"
        + "".join(f"<span>note {level} " for level in range(depth))
        + "<p>the last note</p>"
        + "</span>" * depth
        + "</div>",
    )


def archive_page(depth: int) -> bytes:
    """A page of ClinicalTrials.gov's classic layout (label and value cells) in `depth` divs."""
    rows = "".join(
        f"<tr><th>{label}</th><td>{value}</td></tr>"
        for label, value in (
            ("ClinicalTrials Identifier:", _NCT),
            ("Brief Title", _TITLE),
            ("Overall Status", "Recruiting"),
        )
    )
    page = (
        "<html><head><title>View of NCT09999999 - ClinicalTrials.gov</title></head><body>"
        f"<table>{rows}</table></body></html>"
    )
    return _wrap_body(page, depth)


def other_page(depth: int) -> bytes:
    """A page of another site (read by the page pipeline) in `depth` divs."""
    page = (
        "<html><head><title>Trial record</title></head><body>"
        f"<h1>{_TITLE}</h1><p>Trial ID: ISRCTN12345678</p><p>Recruitment status: Recruiting</p>"
        "<p>Target sample size: 40</p></body></html>"
    )
    return _wrap_body(page, depth)


def euctr_page(depth: int) -> bytes:
    """An EU CTR protocol page whose first table is in `depth` divs."""

    def row(code: str, label: str, value: str) -> str:
        return (
            f'<tr><td class="first">{code}</td><td class="second">{label}</td>'
            f'<td class="third">{value}</td></tr>'
        )

    rows = row("A.2", "EudraCT number", "2099-000001-11") + row(
        "A.3", "Full title of the trial", _TITLE
    )
    return (
        "<html><body><span>EU Clinical Trials Register</span><span>EudraCT Number</span>"
        + "<div>" * depth
        + f"<table>{rows}</table>"
        + "</div>" * depth
        + "</body></html>"
    ).encode()


def ctgov_xml(depth: int) -> bytes:
    """A ClinicalTrials.gov XML record holding an element no reader maps, `depth` levels deep."""
    return (
        "<clinical_study><id_info><nct_id>NCT09999999</nct_id></id_info>"
        f"<brief_title>{_TITLE}</brief_title>"
        + "<nested>" * depth
        + "deep"
        + "</nested>" * depth
        + "</clinical_study>"
    ).encode()


def ictrp_xml(depth: int) -> bytes:
    """A WHO ICTRP export of one trial holding an element no reader maps, `depth` levels deep."""
    return (
        "<Trials_downloaded_from_ICTRP><Trial><TrialID>ISRCTN12345678</TrialID>"
        f"<Public_title>{_TITLE}</Public_title>"
        + "<nested>" * depth
        + "deep"
        + "</nested>" * depth
        + "</Trial></Trials_downloaded_from_ICTRP>"
    ).encode()


def _nested_list(depth: int) -> Any:
    value: Any = "deep"
    for _ in range(depth):
        value = [value]
    return value


def _v2_record(depth: int) -> dict[str, Any]:
    return {
        "protocolSection": {
            "identificationModule": {"nctId": _NCT, "briefTitle": _TITLE},
            "nested": _nested_list(depth),
        }
    }


def v2_dict(depth: int) -> dict[str, Any]:
    """A v2 record (decoded) holding a key no reader maps: lists `depth` levels deep."""
    return _v2_record(depth)


def v2_json(depth: int) -> bytes:
    """`v2_dict` as JSON."""
    return _dumps(_v2_record(depth))


def v1_json(depth: int) -> bytes:
    """A classic (v1) JSON record holding a key no reader maps, lists `depth` levels deep."""
    return _dumps(
        {
            "Study": {
                "ProtocolSection": {
                    "IdentificationModule": {"NCTId": _NCT, "BriefTitle": _TITLE},
                    "Nested": _nested_list(depth),
                }
            }
        }
    )


def isrctn_json(depth: int) -> bytes:
    """An ISRCTN record as ctrdata stores it, holding a key no reader maps, `depth` levels deep."""
    return _dumps(
        {
            "isrctn": "12345678",
            "trialDescription": {"title": _TITLE},
            "nested": _nested_list(depth),
        }
    )


def _dumps(value: Any) -> bytes:
    # json, not orjson: orjson writes no more than 255 levels
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        return json.dumps(value).encode()
    finally:
        sys.setrecursionlimit(limit)


def _indented_criteria(depth: int) -> str:
    lines = ["Inclusion Criteria:", ""]
    lines += [f"{'  ' * level}* criterion {level}" for level in range(depth)]
    return "\n".join(lines)


def v2_criteria(depth: int) -> dict[str, Any]:
    """A v2 record whose criteria text nests its items `depth` levels deep by indentation."""
    return {
        "protocolSection": {
            "identificationModule": {"nctId": _NCT, "briefTitle": _TITLE},
            "eligibilityModule": {"eligibilityCriteria": _indented_criteria(depth)},
        }
    }


def text_criteria(depth: int) -> str:
    """A text page in the seed's layout whose criteria nest `depth` levels deep by indentation."""
    return (
        f"{_TITLE}\n\nNCT ID: {_NCT}\n\nEligibility Criteria\n\n"
        + _indented_criteria(depth)
        + "\n\nMinimum Eligible Age\n\n18 Years\n"
    )


def site_criteria_text(depth: int) -> bytes:
    """A site page whose criteria are one text block nesting `depth` levels deep by indentation."""
    return (
        "<html><head><title>Trial</title></head><body>"
        f"<h1>{_TITLE}</h1><dl><dt>NCT ID</dt><dd>{_NCT}</dd></dl>"
        "<section><h2>Basic Information</h2><dl><dt>Recruitment Status</dt><dd>RECRUITING</dd>"
        "</dl></section><section><h2>Eligibility Criteria</h2><pre>"
        + _indented_criteria(depth)
        + "</pre></section></body></html>"
    ).encode()


MAKERS: dict[str, tuple[Callable[[int], bytes | str | dict[str, Any]], str | None]] = {
    # case -> (maker, the format named to parse_record; None: detected)
    "site-dl": (site_wrapped("dl"), None),
    "site-table": (site_wrapped("table"), None),
    "site-div": (site_wrapped("div"), None),
    "site-deep-value": (site_deep_value, None),
    "site-deep-sections": (site_deep_sections, None),
    "site-deep-criteria": (site_deep_criteria, None),
    "site-deep-paragraph-items": (site_deep_paragraph_items, None),
    "site-deep-inline": (site_deep_inline, None),
    "site-criteria-text": (site_criteria_text, None),
    "archive-page": (archive_page, None),
    "other-page": (other_page, "html"),
    "euctr-html": (euctr_page, None),
    "ctgov-xml": (ctgov_xml, None),
    "ictrp-xml": (ictrp_xml, None),
    "v2-json": (v2_json, None),
    "v2-dict": (v2_dict, None),
    "v2-criteria": (v2_criteria, None),
    "v1-json": (v1_json, None),
    "isrctn-json": (isrctn_json, None),
    "text-criteria": (text_criteria, "text"),
}


def outcome(case: str, depth: int) -> str:
    """What `parse_record` makes of the case's input: ``study``, ``trialparse-error <class>``
    or ``other-error <class>``; and a Study's JSON must be writable too."""
    from trialparse import parse_record
    from trialparse.errors import TrialParseError

    maker, format = MAKERS[case]
    data = maker(depth)
    try:
        study = parse_record(data, format)
        study.model_dump_json()
        study.to_ctgov_json()
    except TrialParseError as error:
        return f"trialparse-error {type(error).__name__}: {error}"[:300]
    except Exception as error:  # a bug: what the tests look for
        return f"other-error {type(error).__name__}: {error}"[:300]
    return "study"


if __name__ == "__main__":
    print(outcome(sys.argv[1], int(sys.argv[2])))
