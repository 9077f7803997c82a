"""The HTML reader on the classic ClinicalTrials.gov archive pages (real data: html/).

Every page must parse; for the 187 pages that have the archive XML of the same date
(real data: ctgov_xml_archive_history/), the HTML and XML readers must agree on status, phases,
conditions, dates, sponsor, ages, sex and study type. One page is checked in full by hand.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.realdata import SEED, as_params, real, real_data, real_files
from trialparse import (
    Allocation,
    ArmGroupType,
    InterventionModel,
    InterventionType,
    Masking,
    OverallStatus,
    Phase,
    PrimaryPurpose,
    SecondaryIdType,
    Sex,
    Study,
    StudyType,
    TrialParseError,
    parse_record,
)
from trialparse.readers.html import _outcome_parts, _text

PAGES_DIR = real("html", "ctgov_archive_history_pages")
PAGES = real_files("html/ctgov_archive_history_pages", "*/*.html")
XML_ARCHIVE = real("ctgov_xml_archive_history")
PAIRED = [p for p in PAGES if (XML_ARCHIVE / p.parent.name / p.with_suffix(".xml").name).is_file()]
# real pages that are not a ClinicalTrials.gov record: EU CTR trial pages, the classic site's
# page for an unknown NCT ID, the archive's list of versions of a study
# pages that hold no record (the EU CTR protocol pages are records: tests/readers/test_euctr.py)
NOT_RECORDS = [
    *real_files("html/ctgov_classic_misc", "Invalid-nct-id.html"),
    *real_files("html/ctgov_archive_history_index", "NCT00000122.html"),
]


def _facts(study: Study) -> dict[str, object]:
    status = study.status
    return {
        "status": status.overall,
        "phases": study.design.phases,
        "study_type": study.design.study_type,
        "conditions": study.conditions,
        "start": status.start_date,
        "primary_completion": status.primary_completion_date,
        "sponsor": study.lead_sponsor.name if study.lead_sponsor else None,
        "minimum_age": study.eligibility.minimum_age,
        "maximum_age": study.eligibility.maximum_age,
        "sex": study.eligibility.sex,
    }


@real_data
def test_pages_are_all_there() -> None:
    assert len(PAGES) == 196
    assert len({p.parent.name for p in PAGES}) == 31
    assert len({p.parent.name for p in PAIRED}) == 22


@pytest.mark.parametrize("page", as_params(PAGES, PAGES_DIR))
def test_every_archive_page_parses(page: Path) -> None:
    study = parse_record(page)
    assert study.source is not None
    assert study.source.format == "html"
    assert study.nct_id == page.parent.name
    assert isinstance(study.status.overall, OverallStatus)
    assert study.brief_title
    assert study.lead_sponsor is not None
    assert study.lead_sponsor.name


@pytest.mark.parametrize("page", as_params(PAIRED, PAGES_DIR))
def test_html_and_xml_agree(page: Path) -> None:
    xml = XML_ARCHIVE / page.parent.name / page.with_suffix(".xml").name
    assert _facts(parse_record(page)) == _facts(parse_record(xml))


@real_data
def test_hand_checked_page() -> None:
    """NCT01940094 on 2014-06-08, values read off the page by hand."""
    study = parse_record(PAGES_DIR / "NCT01940094" / "NCT01940094_20140608.html")
    assert study.org_study_id == "VCRC5526A"
    assert study.status.overall is OverallStatus.RECRUITING
    assert study.status.start_date is not None
    assert study.status.start_date.iso == "2014-02"
    assert study.status.primary_completion_date is not None
    assert (
        study.status.primary_completion_date.iso,
        study.status.primary_completion_date.type,
    ) == (
        "2015-09",
        "ESTIMATED",
    )
    assert study.status.last_updated is not None
    assert study.status.last_updated.iso == "2014-06-08"
    assert study.design.phases == [Phase.PHASE3]
    assert study.design.study_type is StudyType.INTERVENTIONAL
    assert study.design.allocation is Allocation.RANDOMIZED
    assert study.design.masking is Masking.NONE
    assert study.design.intervention_model is InterventionModel.PARALLEL
    assert study.design.primary_purpose is PrimaryPurpose.TREATMENT
    assert study.conditions == ["Granulomatosis With Polyangiitis"]
    assert [(a.label, a.type) for a in study.arms] == [
        ("5 mg Prednisone", ArmGroupType.EXPERIMENTAL),
        ("0 mg Prednisone", ArmGroupType.EXPERIMENTAL),
    ]
    assert [(i.name, i.type, i.arm_labels) for i in study.interventions] == [
        ("Prednisone 5 mg/day", InterventionType.DRUG, ["5 mg Prednisone"]),
        ("Prednisone 0 mg/day", InterventionType.DRUG, ["0 mg Prednisone"]),
    ]
    assert [o.kind for o in study.outcomes].count("SECONDARY") == 6
    assert study.outcomes[0].time_frame == "Six months"
    assert study.eligibility.sex is Sex.ALL
    assert study.eligibility.minimum_age is not None
    assert study.eligibility.minimum_age.in_years == 18.0
    assert study.eligibility.maximum_age is None
    assert study.eligibility.healthy_volunteers is False
    assert len(study.eligibility.exclusion) == 1
    assert study.lead_sponsor is not None
    assert study.lead_sponsor.name == "University of Pennsylvania"
    assert len(study.collaborators) == 5
    assert [(s.id, s.type) for s in study.secondary_ids] == [("R01HL115041", SecondaryIdType.NIH)]
    # rows with no field in the model are kept, with a warning
    assert study.extras["html:Organization name"] == "University of Pennsylvania"
    assert any(w.path == "html:Health Authority" for w in study.warnings)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_html_gives_study_or_error(body: str) -> None:
    try:
        result = parse_record(f"<html><body>{body}</body></html>", format="html")
    except TrialParseError:
        return
    assert isinstance(result, Study)


@real_data
@settings(max_examples=100, deadline=None)
@given(st.integers(0, max(len(PAGES) - 1, 0)), st.integers(0, 20_000), st.integers(0, 2_000))
def test_truncated_or_cut_pages(index: int, start: int, length: int) -> None:
    raw = PAGES[index].read_bytes()
    mutated = raw[:start] + raw[start + length :]
    try:
        result = parse_record(mutated, format="html")
    except TrialParseError:
        return
    assert isinstance(result, Study)


def _page_in(encoding: str) -> tuple[Study, bytes]:
    """A real page (non-ASCII in its outcomes) and the same page re-encoded in `encoding`,
    its `<meta charset>` changed to match: the re-encoded copy is made here, not archived."""
    page = PAGES_DIR / "NCT00503399/NCT00503399_20111107.html"
    text = page.read_text(encoding="utf-8")
    assert "charset=UTF-8" in text
    assert "\u00ce\u00b2-CTx" in text
    recoded = text.replace("charset=UTF-8", f"charset={encoding}").encode(encoding)
    return parse_record(page), recoded


@real_data
@pytest.mark.parametrize("encoding", ["windows-1252", "iso-8859-1", "utf-16"])
def test_declared_charset_is_honoured(encoding: str) -> None:
    original, recoded = _page_in(encoding)
    again = parse_record(recoded)
    assert again.model_copy(update={"source": original.source}) == original
    assert any("\u00ce\u00b2-CTx" in o.measure for o in again.outcomes)


@real_data
def test_xml_declaration_before_the_page_is_accepted() -> None:
    page = PAGES_DIR / "NCT00000201/NCT00000201_20050623.html"
    declared = b'<?xml version="1.0" encoding="ISO-8859-1"?>\n' + page.read_bytes()
    study = parse_record(declared)
    assert study.source is not None
    assert study.source.format == "html"
    assert (study.nct_id, study.brief_title) == (
        "NCT00000201",
        "Pharmacological Modulation of Cocaine Effects - 1",
    )


@pytest.mark.parametrize("page", as_params(NOT_RECORDS))
def test_pages_that_are_not_records_are_refused(page: Path) -> None:
    with pytest.raises(TrialParseError) as info:
        parse_record(page)
    assert info.value.record_id == str(page)
    assert info.value.location == "html"
    assert "record" in info.value.message


@real_data
def test_not_records_fixture_set() -> None:
    assert [str(p.relative_to(real())) for p in NOT_RECORDS] == [
        "html/ctgov_classic_misc/Invalid-nct-id.html",
        "html/ctgov_archive_history_index/NCT00000122.html",
    ]


@real_data
def test_bytes_invalid_in_every_encoding_are_replaced_with_a_warning() -> None:
    page = PAGES_DIR / "NCT00000201/NCT00000201_20050623.html"
    # made here: 0x81 is undefined in UTF-8 (as a lead byte) and in Windows-1252
    broken = page.read_bytes().replace(b"Cocaine", b"Coca\x81ine", 1)
    study = parse_record(broken)
    assert study.brief_title == "Pharmacological Modulation of Coca\ufffdine Effects - 1"
    assert [(w.code, w.path) for w in study.warnings if w.code == "undecodable-bytes"] == [
        ("undecodable-bytes", "$")
    ]
    assert not [w for w in parse_record(page).warnings if w.code == "undecodable-bytes"]


def test_text_render_with_invalid_bytes_is_warned() -> None:
    seed = SEED.read_bytes().replace(b"RECRUITING", b"RECR\x81UITING", 1)
    warned = [w for w in parse_record(seed).warnings if w.code == "undecodable-bytes"]
    assert [w.message for w in warned] == [
        "bytes not valid in windows-1252 were replaced with U+FFFD"
    ]


@real_data
def test_declared_charset_naming_no_codec_falls_back() -> None:
    # found by fuzzing: a NUL inside the declared charset made the codec lookup raise ValueError
    page = PAGES_DIR / "NCT00000201/NCT00000201_20050630.html"
    for charset in (b"charset=\x00UTF-8", b"charset=no-such-codec"):
        study = parse_record(page.read_bytes().replace(b"charset=UTF-8", charset, 1))
        assert study.nct_id == "NCT00000201"


@real_data
def test_repeated_unmapped_rows_are_all_kept() -> None:
    # NCT00000122 (2005-06-23) lists four references; each row used to replace the one before
    page = PAGES_DIR / "NCT00000122/NCT00000122_20050623.html"
    assert page.read_bytes().count(b"Reference</th>") == 4
    kept = parse_record(page).extras["html:Reference"].split("\n\n")
    assert [block.split(":")[0] for block in kept] == ["Citation", "MEDLINE"] * 4
    assert [block for block in kept if block.startswith("MEDLINE")] == [
        "MEDLINE: 90086934",
        "MEDLINE: 92246174",
        "MEDLINE: 93128447",
        "MEDLINE: 96179405",
    ]


def _archive_page(summary_cell: str) -> bytes:
    """A hand-made archive page: ID, title, and a brief summary row holding `summary_cell`."""
    return (
        "<html><head><title>NCT01169415 on 2013_04_18: ClinicalTrials.gov Archive</title></head>"
        "<body><table><tr><th>ClinicalTrials Identifier:</th><td>NCT01169415</td></tr>"
        "<tr><th>Brief title</th><td><p>Steroid Tapering</p></td></tr>"
        f"<tr><th>Brief summary</th><td>{summary_cell}</td></tr></table></body></html>"
    ).encode()


@pytest.mark.parametrize("depth", [0, 1, 63, 64, 65, 300])
def test_cell_text_is_the_same_at_any_nesting(depth: int) -> None:
    # hand-made: the archive's brief summary cell (NCT01169415, 2013-04-18) cut short, wrapped
    # in `depth` spans; past 64 levels the cell is read by the walk that needs no recursion
    body = (
        "Purpose:<br>1.&nbsp; To compare <b>taper</b>\t schedules<p>in  GBM</p>"
        "<script>x()</script><ul><li>one</li></ul>"
    )
    study = parse_record(_archive_page("<span>" * depth + body + "</span>" * depth + " end"))
    assert study.brief_summary == "Purpose:\n\n1. To compare taper schedules\nin GBM\n\n- one\n\nend"


# the pattern the archive's outcome cells were first read with: `_outcome_parts` reads them
# the same way without its per-character tries
_OUTCOME_PATTERN = re.compile(
    r"Measure:\s*(?P<measure>.*?)(?:\s*Time Frame:\s*(?P<frame>.*?))?"
    r"(?:\s*Safety Issue\?.*?)?(?:\s*Description:\s*(?P<description>.*))?$",
    re.S,
)
_OUTCOME_PIECES = st.sampled_from(
    ["Measure:", "Time Frame:", "Safety Issue?", "Description:", "Time", "Frame:", "Issue?",
     " ", "\n", "\t", "\u00a0", "\r", "x", "6-minute walk", ":", "?"]
)


@given(st.lists(_OUTCOME_PIECES, max_size=14), st.booleans())
@settings(max_examples=3000, deadline=None)
def test_outcome_parts_read_as_the_pattern(pieces: list[str], measured: bool) -> None:
    value = ("Measure:" if measured else "") + "".join(pieces)
    match = _OUTCOME_PATTERN.match(value)
    expected = None if match is None else (match["measure"], match["frame"], match["description"])
    assert _outcome_parts(value) == expected


def test_outcome_parts_of_a_real_cell() -> None:
    # NCT01169415 (2013-04-18), the primary outcome cell as the reader gives its text
    value = (
        "Measure: Functional Capacity (6-minute walk test)\n\nTime Frame: 10 weeks\n\n"
        "Safety Issue? No\n\nDescription:\nThe exercise test is designed to determine how far"
    )
    assert _outcome_parts(value) == (
        "Functional Capacity (6-minute walk test)",
        "10 weeks",
        "The exercise test is designed to determine how far",
    )


def test_cell_text_read_with_little_stack_left() -> None:
    # hand-made: a cell 30 spans deep read where the page's own nesting has taken the stack
    cell = etree.fromstring(
        "<td>" + "<span>" * 30 + "Drug:<br>Prednisone" + "</span>" * 30 + " 5 mg</td>",
        etree.HTMLParser(),
    ).find(".//td")
    assert cell is not None
    depth = 0
    frame = sys._getframe()
    while frame.f_back is not None:
        frame = frame.f_back
        depth += 1
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + 12)  # room for the read, not for 30 levels of recursion
    try:
        text = _text(cell)
    finally:
        sys.setrecursionlimit(limit)
    assert text == "Drug:\n\nPrednisone 5 mg"
