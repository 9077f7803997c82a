"""EU Clinical Trials Register protocol pages: the four real pages, expected values by hand.

The expected values below were written from reading each page (its A.2, A.3, A.4.1, B.1.1,
E.3, E.4, E.7, E.8, F.1-F.4 and P rows); `other_registries/euctr/html/` and
`pages_dev/registries/euctr/` hold the pages.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.realdata import real, real_data, real_files
from trialparse import parse_record
from trialparse.errors import MalformedRecord, TrialParseError
from trialparse.readers.detect import detect_format

pytestmark = real_data

PAGES: dict[str, dict[str, Any]] = {
    "other_registries/euctr/html/2005-002909-23_PT.html": {
        "registry_id": "2005-002909-23-PT",
        "org_study_id": "WA18696",
        "official_title": "Long-term extension study of safety during treatment with tocilizumab "
        "(MRA) in patients completing treatment in MRA core studies.",
        "sponsor": ("F Hoffmann La-Roche AG", "INDUSTRY"),
        "phases": ["PHASE3"],
        "status": "COMPLETED",  # P. End of Trial Status: Completed
        "completion": "2013-04-24",
        "first_submitted": "2007-01-03",
        "inclusion": [0] * 7,  # 1) ... 7), item 1 over five lines
        "exclusion": [0] * 12,
        "ages": ("18 Years", None),  # F.1.2 adults and F.1.3 elderly
        "enrollment": 2420,  # F.4.2.2 in the whole clinical trial
        "allocation": "NA",  # E.8.1 Controlled: No
    },
    "other_registries/euctr/html/2009-016529-32_EE.html": {
        "registry_id": "2009-016529-32-EE",
        "org_study_id": "GWCA0999",
        "official_title": "A multicenter, non-comparative, open-label extension study to assess "
        "the long term safety of Sativex oromucosal spray (Sativex®; Nabiximols) as adjunctive "
        "therapy in patients with uncontrolled persistent chronic cancer related pain.",
        "sponsor": ("GW Pharma Ltd", "INDUSTRY"),
        "phases": ["PHASE3"],
        "status": "TERMINATED",  # Prematurely Ended
        "completion": None,
        "first_submitted": "2010-07-21",
        "inclusion": [3],  # "... ALL of the following criteria:" and its three "-" items
        "exclusion": [9],
        "ages": ("18 Years", None),
        "enrollment": 800,
        "allocation": "NA",
    },
    "other_registries/euctr/html/2011-005852-33_3rd.html": {
        "registry_id": "2011-005852-33-3RD",  # a trial outside the EU/EEA
        "org_study_id": "CCOA566B2306",
        "official_title": "An open-label, single-arm study to evaluate the efficacy, safety and "
        "PK of artemether-lumefantrine Dispersible Tablet in the treatment of acute "
        "uncomplicated Plasmodium falciparum malaria in infants <5 kg Body Weight",
        "sponsor": ("Novartis Pharma AG", "INDUSTRY"),
        "phases": ["PHASE2"],
        "status": None,  # the page states no trial status
        "completion": None,
        "first_submitted": "2016-04-11",
        "inclusion": [0] * 4,  # "•" items
        "exclusion": [0] * 10,
        "ages": (None, "23 Months"),  # newborns and infants and toddlers
        "enrollment": 30,
        "allocation": "NA",
    },
    "pages_dev/registries/euctr/2015-000590-12_DE.html": {
        "registry_id": "2015-000590-12-DE",
        "org_study_id": "CRAD001HDE53",
        "official_title": "A 24-month multi-center, open-label, randomized, controlled study to "
        "evaluate the evolution of renal function in maintenance liver transplant recipients "
        "receiving either RAD001 (everolimus) plus reduced TAC or RAD001 (everolimus) plus MMF",
        "sponsor": ("Novartis Pharma GmbH", "INDUSTRY"),
        "phases": ["PHASE3"],
        "status": "COMPLETED",
        "completion": None,
        "first_submitted": "2015-07-01",
        "inclusion": [5, 2],  # at Screening Visit (Visit 1): 1-5; at Baseline Visit: 1-2
        "exclusion": [8, 6],  # item 8 introduces six "•" contraception methods
        "ages": ("18 Years", None),  # F.1.2 adults and F.1.3 elderly
        "enrollment": 744,
        "allocation": "RANDOMIZED",
    },
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page(name: str) -> None:
    expected = PAGES[name]
    path = real(name)
    assert detect_format(path.read_bytes()) == "euctr-html"
    study = parse_record(path)
    assert study.source is not None
    assert study.source.format == "euctr-html"
    assert study.registry == "euctr"
    assert study.registry_id == expected["registry_id"]
    assert study.org_study_id == expected["org_study_id"]
    assert study.official_title == expected["official_title"]
    assert study.lead_sponsor is not None
    assert (study.lead_sponsor.name, study.lead_sponsor.agency_class) == expected["sponsor"]
    assert [str(phase) for phase in study.design.phases] == expected["phases"]
    assert study.design.study_type == "INTERVENTIONAL"
    assert study.status.overall == expected["status"]
    completion = study.status.completion_date
    assert (completion.iso if completion else None) == expected["completion"]
    first = study.status.first_submitted
    assert (first.iso if first else None) == expected["first_submitted"]
    eligibility = study.eligibility
    assert [len(item.children) for item in eligibility.inclusion] == expected["inclusion"]
    assert [len(item.children) for item in eligibility.exclusion] == expected["exclusion"]
    assert eligibility.sex == "ALL"
    assert eligibility.healthy_volunteers is False
    ages = tuple(
        str(age) if age else None for age in (eligibility.minimum_age, eligibility.maximum_age)
    )
    assert ages == expected["ages"]
    assert study.design.enrollment is not None
    assert study.design.enrollment.count == expected["enrollment"]
    assert study.design.allocation == expected["allocation"]
    assert [i.registry for i in study.ids()][:1] == ["euctr"]
    assert study.ids()[0].trial_id == expected["registry_id"][:14]


def test_criteria_items_read_as_the_page_writes_them() -> None:
    study = parse_record(real("other_registries/euctr/html/2011-005852-33_3rd.html"))
    assert [item.text for item in study.eligibility.inclusion][:2] == [
        "Neonates / infants",
        "Body weight < 5 kg",
    ]
    first = parse_record(real("other_registries/euctr/html/2005-002909-23_PT.html"))
    item = first.eligibility.inclusion[0]
    assert item.number == "1"
    assert item.text.endswith("but will undergo a separate analysis of the study results.")


def test_fields_without_a_place_are_kept_with_warnings() -> None:
    study = parse_record(real("other_registries/euctr/html/2005-002909-23_PT.html"))
    assert study.extras["E.8.5.1 Number of sites anticipated in the EEA"] == "63"
    assert study.extras["N. Competent Authority Decision"] == "Authorised"
    paths = {w.path for w in study.warnings if w.code == "unmapped-content"}
    assert "E.8.5.1 Number of sites anticipated in the EEA" in paths
    de = parse_record(real("pages_dev/registries/euctr/2015-000590-12_DE.html"))
    assert [i.name for i in de.interventions][:2] == ["Certican 0,25 mg", "Certican 0,5 mg"]
    assert de.design.masking == "NONE"
    assert de.design.intervention_model == "PARALLEL"


def test_a_page_without_numbered_fields_is_refused() -> None:
    # hand-made: an HTML page with the register's banner but no protocol rows
    page = (
        b"<html><body><span>EU Clinical Trials Register</span><p>EudraCT Number</p></body></html>"
    )
    assert detect_format(page) == "euctr-html"
    with pytest.raises(MalformedRecord, match="no numbered protocol fields"):
        parse_record(page)


_PAGES = [path for name in sorted(PAGES) for path in [real(name)] if path.is_file()]
_PAGES = _PAGES or real_files("other_registries/euctr/html", "*.html")


@pytest.mark.skipif(not _PAGES, reason="real EU CTR pages not found")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    index=st.integers(min_value=0, max_value=max(len(_PAGES) - 1, 0)),
    cut=st.integers(min_value=0, max_value=60000),
    junk=st.text(max_size=40),
)
def test_mutated_pages_raise_only_trialparse_errors(index: int, cut: int, junk: str) -> None:
    content = _PAGES[index].read_text(encoding="utf-8")
    cut = min(cut, len(content))
    mutated = content[:cut] + junk + content[cut + len(junk) :]
    with contextlib.suppress(TrialParseError):
        study = parse_record(mutated, format="euctr-html")
        assert study.registry == "euctr"


def test_detection_leaves_other_pages_to_the_html_reader(tmp_path: Path) -> None:
    page = real("pages_dev/registries/gsk_study_register/100006.html")
    assert detect_format(page.read_bytes()) == "html"
