"""The HTML reader on the trial site's page: the seed's content as HTML.

The pages here are generated test inputs (tests/readers/render.py `render_html`), not real
pages: the seed record and real v2 records (the fixed subset `v2_subset()` of the real-data
`ctgov_v2/`, see tests/realdata.py: three markups on all 1,103 records would take minutes)
written as the site's page in three markups (`dl`/`dt`/`dd`, table rows, label/value divs and
spans), then read back.
The hand-made pages below are marked as such.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.realdata import SEED, as_params, real, v2_subset
from trialparse import (
    AgencyClass,
    ArmGroupType,
    InterventionType,
    OfficialRole,
    OverallStatus,
    Phase,
    RecruitmentStatus,
    Sex,
    Study,
    TrialParseError,
    parse_record,
)
from trialparse.model import Age, AgeUnit
from trialparse.readers.detect import detect_format

from .render import LAYOUTS, Layout, render_html
from .roundtrip import assert_same_page_fields

SPONSOR = "920th Hospital of Joint Logistics Support Force of People's Liberation Army of China"


@pytest.fixture(scope="module")
def seed() -> Study:
    return parse_record(SEED)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_seed_page(seed: Study, layout: Layout) -> None:
    page = render_html(seed, layout)
    assert detect_format(page) == "html"
    assert detect_format(page.encode()) == "html"
    study = parse_record(page)
    assert study.source is not None
    assert study.source.format == "html"
    assert study.nct_id == "NCT06352281"
    assert study.org_study_id == "KM-007"
    assert study.status.overall is OverallStatus.RECRUITING
    assert study.design.phases == [Phase.PHASE1, Phase.PHASE2]
    assert study.design.enrollment is not None
    assert study.design.enrollment.count == 10
    assert [(a.label, a.type, a.intervention_names) for a in study.arms] == [
        ("CAR-T Cells Therapy", ArmGroupType.EXPERIMENTAL, ["Biological: CAR-T cells"])
    ]
    assert [(i.name, i.type, i.arm_labels) for i in study.interventions] == [
        ("CAR-T cells", InterventionType.BIOLOGICAL, ["CAR-T Cells Therapy"])
    ]
    assert len(study.eligibility.inclusion) == 8
    assert len(study.eligibility.exclusion) == 18
    assert study.eligibility.inclusion[4].text == "Platelet count <30 x 109 / L;"
    assert study.eligibility.minimum_age == Age(value=8, unit=AgeUnit.YEARS, in_years=8.0)
    assert study.eligibility.maximum_age == Age(value=75, unit=AgeUnit.YEARS, in_years=75.0)
    assert study.eligibility.sex is Sex.ALL
    assert study.eligibility.healthy_volunteers is False
    assert study.lead_sponsor is not None
    assert (study.lead_sponsor.name, study.lead_sponsor.agency_class) == (
        SPONSOR,
        AgencyClass.OTHER,
    )
    assert [(o.name, o.role, o.affiliation) for o in study.officials] == [
        ("Sanbin Wang, Doctor", OfficialRole.PRINCIPAL_INVESTIGATOR, SPONSOR)
    ]
    [site] = study.locations
    assert (site.facility, site.city, site.state, site.country, site.status) == (
        SPONSOR,
        "Kunming",
        "Yunnan",
        "China",
        RecruitmentStatus.RECRUITING,
    )
    [contact] = study.central_contacts
    assert (contact.name, contact.role, contact.phone, contact.phone_ext) == (
        "Sanbin Wang, Doctor",
        "CONTACT",
        "13187424131",
        "+86",
    )
    assert study.has_results is False
    assert study.extras == {}
    assert study.warnings == []


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("path", as_params(v2_subset(), real("ctgov_v2")))
def test_render_round_trip(path: Path, layout: Layout) -> None:
    original = parse_record(path)
    again = parse_record(render_html(original, layout))
    assert again.source is not None
    assert again.source.format == "html"
    assert_same_page_fields(original, again)


def test_escaped_and_non_ascii_text(seed: Study) -> None:
    # hand-made values on the seed: markup characters and non-ASCII text survive escaping
    study = seed.model_copy(
        update={
            "brief_title": "Ménière's disease & tinnitus <pilot>",
            "conditions": ["Ménière's Disease", "Tinnitus & Vertigo", "IL-6 < 7 pg/mL"],
        }
    )
    for layout in LAYOUTS:
        again = parse_record(render_html(study, layout))
        assert again.brief_title == "Ménière's disease & tinnitus <pilot>"
        assert again.conditions == ["Ménière's Disease", "Tinnitus & Vertigo", "IL-6 < 7 pg/mL"]
        raw = parse_record(render_html(study, layout).encode("utf-8"))
        assert raw.brief_title == again.brief_title


def test_nested_criteria_lists() -> None:
    # hand-made page: nested lists under criteria headings given as a dt/dd pair and a heading
    page = (
        "<html><body><h1>A trial</h1><dl><dt>NCT ID</dt><dd>NCT00000001</dd></dl>"
        "<h2>Basic Information</h2><table><tr><td>Overall Status</td><td>Completed</td></tr>"
        "</table><h2>Eligibility</h2><dl><dt>Inclusion Criteria:</dt><dd><ol>"
        "<li>Adults<ol><li>aged 18&ndash;65</li><li>BMI &lt; 30</li></ol></li>"
        "<li>Consent</li></ol></dd></dl><h3>Exclusion Criteria</h3>"
        "<ul><li>Pregnancy</li></ul><p><strong>Sex:</strong> Female</p></body></html>"
    )
    study = parse_record(page)
    assert study.nct_id == "NCT00000001"
    assert study.status.overall is OverallStatus.COMPLETED
    [adults, consent] = study.eligibility.inclusion
    assert (adults.text, adults.number) == ("Adults", "1")
    assert [child.text for child in adults.children] == ["aged 18–65", "BMI < 30"]
    assert consent.text == "Consent"
    assert [c.text for c in study.eligibility.exclusion] == ["Pregnancy"]
    assert study.eligibility.sex is Sex.FEMALE


# hand-made: another site's markup for the same kind of page: <header>-wrapped headings,
# <strong>Label:</strong> pairs, all arms in one table, sites as list items of labelled parts
OTHER_MARKUP = """<!doctype html><html><body>
<article>
<header><h1>A Study of Drug X &amp; Placebo in Adults</h1><p><strong>NCT Number:</strong> NCT01234567</p></header>
<section><header><h2>Study Overview</h2></header>
 <div><p><strong>Status:</strong> Active, not recruiting</p><p><b>Phase:</b> Phase 2/Phase 3</p>
 <p><strong>Enrollment:</strong> 1,200 (Actual)</p><p><strong>Start Date:</strong> March 2021</p></div>
</section>
<section><h2>Arms and Interventions</h2>
<table>
<tr><th>Arm</th><td>Drug X</td></tr><tr><th>Group Type</th><td>Experimental</td></tr><tr><th>Interventions</th><td>Drug: X</td></tr>
<tr><th>Arm</th><td>Placebo</td></tr><tr><th>Group Type</th><td>Placebo Comparator</td></tr><tr><th>Interventions</th><td>Drug: Placebo</td></tr>
</table></section>
<section><h2>Locations</h2><ul>
<li><span class="label">Facility</span><span class="value">Hôpital Saint-Louis</span><span class="label">City</span><span class="value">Paris</span></li>
<li><div class="facility">Mayo Clinic</div><div>Rochester, Minnesota, 55905, United States</div><div><span class="label">Site Status:</span> Recruiting</div></li>
</ul></section>
<section><h2>Eligibility</h2>
<dl><dt>Ages Eligible for Study</dt><dd>18 Years to 65 Years (Adult)</dd><dt>Sexes Eligible for Study</dt><dd>All</dd></dl>
<p>Inclusion Criteria:</p><ul><li>Adults</li><li>HbA1c &gt;= 7%</li></ul>
<p>Exclusion Criteria:</p><ul><li>Pregnant</li></ul>
</section>
<section><h2>Contacts</h2><div class="contact"><p>Jane Roe, MD</p><p>+1 555-123-4567 ext 89</p><p>jane@example.org</p></div></section>
</article></body></html>"""


def test_other_markup() -> None:
    study = parse_record(OTHER_MARKUP)
    assert study.nct_id == "NCT01234567"
    assert study.brief_title == "A Study of Drug X & Placebo in Adults"
    assert study.status.overall is OverallStatus.ACTIVE_NOT_RECRUITING
    assert study.design.phases == [Phase.PHASE2, Phase.PHASE3]
    assert study.design.enrollment is not None
    assert (study.design.enrollment.count, study.design.enrollment.type) == (1200, "ACTUAL")
    assert study.status.start_date is not None
    assert study.status.start_date.iso == "2021-03"
    assert [(a.label, a.type, a.intervention_names) for a in study.arms] == [
        ("Drug X", ArmGroupType.EXPERIMENTAL, ["Drug: X"]),
        ("Placebo", ArmGroupType.PLACEBO_COMPARATOR, ["Drug: Placebo"]),
    ]
    assert [(s.facility, s.city, s.state, s.zip, s.country, s.status) for s in study.locations] == [
        ("Hôpital Saint-Louis", "Paris", None, None, None, None),
        (
            "Mayo Clinic",
            "Rochester",
            "Minnesota",
            "55905",
            "United States",
            RecruitmentStatus.RECRUITING,
        ),
    ]
    assert study.eligibility.minimum_age is not None
    assert study.eligibility.minimum_age.in_years == 18.0
    assert study.eligibility.maximum_age is not None
    assert study.eligibility.maximum_age.in_years == 65.0
    assert study.eligibility.sex is Sex.ALL
    assert [c.text for c in study.eligibility.inclusion] == ["Adults", "HbA1c >= 7%"]
    assert [c.text for c in study.eligibility.exclusion] == ["Pregnant"]
    [contact] = study.central_contacts
    assert (contact.name, contact.phone, contact.phone_ext, contact.email) == (
        "Jane Roe, MD",
        "+1 555-123-4567",
        "89",
        "jane@example.org",
    )
    assert study.extras == {}


def test_unplaced_content_is_kept_and_warned(seed: Study) -> None:
    page = render_html(seed, "dl").replace(
        "</main>",
        "<section><h2>Site Notes</h2><p>Parking is free for participants.</p></section>"
        "<dl><dt>Visit Hours</dt><dd>9 to 5</dd></dl></main>",
    )
    study = parse_record(page)
    kept = " ".join(str(value) for value in study.extras.values())
    assert "Parking is free for participants." in kept
    assert study.extras.get("html:Visit Hours") == "9 to 5"
    assert any(w.code == "unmapped-content" for w in study.warnings)


def test_page_with_no_record_content_is_refused() -> None:
    # hand-made: a page with two section-like headings and nothing of a record
    with pytest.raises(TrialParseError):
        parse_record("<html><body><p>Hello</p></body></html>", format="html")


_TAGS = st.sampled_from(
    ["h1", "h2", "h3", "p", "div", "dl", "dt", "dd", "table", "tr", "td", "th", "ul", "ol", "li"]
)
_WORDS = st.sampled_from(
    [
        "Eligibility Criteria",
        "Inclusion Criteria",
        "Exclusion Criteria",
        "Study Groups",
        "Locations",
        "Central Contacts",
        "Recruitment Status",
        "RECRUITING",
        "Group Type",
        "Role: CONTACT",
        "NCT ID",
        "Phase 2",
        "&amp;",
        "<",
        "é",
        "1.",
        "",
    ]
)


@st.composite
def _pages(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(_TAGS)
        css = draw(st.sampled_from(["", ' class="label"', ' class="value"']))
        parts.append(f"<{tag}{css}>{draw(_WORDS)}")
        if draw(st.booleans()):
            parts.append(f"</{tag}>")
    return "<html><body>" + "".join(parts) + "</body></html>"


@settings(max_examples=200, deadline=None)
@given(st.one_of(_pages(), st.text(max_size=300)))
def test_any_html_gives_study_or_error(page: str) -> None:
    try:
        result = parse_record(page, format="html")
    except TrialParseError:
        return
    assert isinstance(result, Study)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(LAYOUTS), st.integers(0, 40_000), st.integers(0, 3_000))
def test_cut_site_pages(layout: Layout, start: int, length: int) -> None:
    page = render_html(parse_record(SEED), layout)
    try:
        result = parse_record(page[:start] + page[start + length :], format="html")
    except TrialParseError:
        return
    assert isinstance(result, Study)
