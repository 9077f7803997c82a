"""The HTML layout step and the HTML reader on hand-made pages of the seed's content written in
ordinary markups our own renders do not use, and the layout's properties on any tree."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from trialparse import AgencyClass, ArmGroupType, InterventionType, parse_record
from trialparse.readers.pages.layout_html import html_entries, html_lines

SPONSOR = "920th Hospital of Joint Logistics Support Force of People's Liberation Army of China"
TITLE = (
    "Efficacy and Safety of CAR-T Cells Therapy for Chronic or Refractory Primary Immune "
    "Thrombocytopenia (ITP)"
)
_PARSER = etree.HTMLParser(no_network=True, remove_comments=True)

HANDMADE_SPONSORS_TABLE_WITH_HEADER_ROW = f"""<!doctype html><html><body><main>
<h1>{TITLE}</h1>
<dl><dt>NCT ID</dt><dd>NCT06352281</dd><dt>Recruitment Status</dt><dd>Recruiting</dd></dl>
<section><h2>Conditions</h2><ul><li>ITP - Immune Thrombocytopenia</li></ul></section>
<section><h2>Sponsors and Collaborators</h2>
<table class="sponsors"><thead><tr><th>Organization</th><th>Class</th><th>Role</th></tr></thead>
<tbody><tr><td>{SPONSOR}</td><td>Other</td><td>Lead Sponsor</td></tr>
<tr><td>Kunming Hope Biotech</td><td>Industry</td><td>Collaborator</td></tr></tbody></table>
</section></main></body></html>"""

HANDMADE_ARMS_AS_CARDS = f"""<!doctype html><html><body><main>
<h1>{TITLE}</h1>
<dl><dt>NCT ID</dt><dd>NCT06352281</dd></dl>
<section><h2>Conditions</h2><ul><li>ITP - Immune Thrombocytopenia</li></ul></section>
<section><h2>Arms and Interventions</h2>
<div class="card arm"><div class="card-header"><h3 class="card-title">CAR-T Cells Therapy</h3>
<span class="badge">Experimental</span></div>
<div class="card-body"><p>Subjects who meet the enrollment conditions will receive intravenous
infusion of CAR-T cells after lymphodepletion.</p>
<ul class="interventions"><li>Biological: CAR-T cells</li></ul></div></div>
<div class="card arm"><div class="card-header"><h3 class="card-title">Placebo</h3>
<span class="badge">Placebo Comparator</span></div>
<div class="card-body"><p>Saline infusion.</p><ul><li>Other: Saline</li></ul></div></div>
</section></main></body></html>"""

HANDMADE_REGISTER_PAGE = """<html><body>
<nav><ul><li>Home</li><li>Find Studies</li></ul></nav>
<div class="field"><p class="label">Trial ID</p><p>ACTRN12605000261617</p></div><hr/>
<div class="field"><p class="label">Condition</p><p>Stroke</p></div><hr/>
<p><strong>Phase:</strong> Phase I/II</p>
<table><thead><tr><th>First Received</th><th>Last Updated</th></tr></thead>
<tbody><tr><td>Sep 15, 2011</td><td>Jun 19, 2014</td></tr></tbody></table>
<h3>Eligibility criteria</h3>
<p>Inclusion Criteria:<br/>1. Adults aged 18 to 65<br/>2. Able to consent</p>
<p>Exclusion Criteria:<br/>1. Pregnancy</p>
</body></html>"""


def test_handmade_sponsors_table_with_header_row_reads_each_row_as_a_sponsor() -> None:
    study = parse_record(HANDMADE_SPONSORS_TABLE_WITH_HEADER_ROW)
    assert study.lead_sponsor is not None
    assert (study.lead_sponsor.name, study.lead_sponsor.agency_class) == (
        SPONSOR,
        AgencyClass.OTHER,
    )
    assert [(c.name, c.agency_class) for c in study.collaborators] == [
        ("Kunming Hope Biotech", AgencyClass.INDUSTRY)
    ]
    assert "Organization" not in str(study.extras)


def test_handmade_arms_written_as_cards_read_with_their_types_and_interventions() -> None:
    study = parse_record(HANDMADE_ARMS_AS_CARDS)
    assert [(a.label, a.type, a.intervention_names) for a in study.arms] == [
        ("CAR-T Cells Therapy", ArmGroupType.EXPERIMENTAL, ["Biological: CAR-T cells"]),
        ("Placebo", ArmGroupType.PLACEBO_COMPARATOR, ["Other: Saline"]),
    ]
    assert study.arms[0].description is not None
    assert study.arms[0].description.startswith("Subjects who meet the enrollment conditions")
    assert [(i.name, i.type, i.arm_labels) for i in study.interventions] == [
        ("CAR-T cells", InterventionType.BIOLOGICAL, ["CAR-T Cells Therapy"]),
        ("Saline", InterventionType.OTHER, ["Placebo"]),
    ]


def test_handmade_register_page_blocks_labels_and_header_rows() -> None:
    root = etree.fromstring(HANDMADE_REGISTER_PAGE, _PARSER)
    lines = html_lines(root).splitlines()
    assert "Trial ID" in lines
    assert "ACTRN12605000261617" in lines
    assert "Home" not in " ".join(lines)  # navigation is furniture
    study = parse_record(HANDMADE_REGISTER_PAGE)
    assert study.source is not None
    assert study.source.registry == "anzctr"
    assert study.conditions == ["Stroke"]
    assert [str(p) for p in study.design.phases] == ["PHASE1", "PHASE2"]
    assert study.status.first_submitted is not None
    assert study.status.first_submitted.iso == "2011-09-15"
    assert study.status.last_updated is not None
    assert study.status.last_updated.iso == "2014-06-19"
    assert (len(study.eligibility.inclusion), len(study.eligibility.exclusion)) == (2, 1)


_TAGS = st.sampled_from(["div", "p", "span", "li", "ul", "td", "tr", "table", "b", "h2", "dd"])


@st.composite
def _trees(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(_TAGS)
    text = draw(st.text(st.characters(codec="utf-8", exclude_characters="<>&"), max_size=12))
    children = draw(st.lists(_trees(depth + 1), max_size=3)) if depth < 4 else []
    return f"<{tag}>{text}{''.join(children)}</{tag}>"


@settings(max_examples=200, deadline=None)
@given(st.lists(_trees(), min_size=1, max_size=4))
def test_layout_of_any_tree_gives_entries_and_keeps_its_letters(parts: list[str]) -> None:
    root = etree.fromstring(f"<html><body>{''.join(parts)}</body></html>", _PARSER)
    body = root.find("body")
    text = "".join(body.itertext()) if body is not None else ""
    lines = html_lines(root)
    letters = sorted(char for char in text if char.isalnum())
    assert sorted(char for char in lines if char.isalnum()) == letters
    for entry in html_entries(root):
        assert entry.kind in ("pair", "para", "item", "row")
