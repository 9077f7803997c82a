"""Comparisons of a record with the same record read back from a generated page.

Shared by the text and HTML round-trip tests (tests/readers/render.py writes the pages).
"""

from __future__ import annotations

from trialparse.model import Study
from trialparse.model.eligibility import Criterion
from trialparse.model.people import Contact


def _undated(study: Study) -> object:
    start = study.status.start_date
    # the seed's layout has no actual/estimated marker for dates
    return None if start is None else start.model_copy(update={"type": None})


def assert_same_seed_layout_fields(original: Study, again: Study) -> None:
    """The fields both the text and the HTML render carry, compared as read back."""
    assert again.nct_id == original.nct_id
    assert again.org_study_id == original.org_study_id
    assert again.status.overall == original.status.overall
    assert again.status.start_date == _undated(original)
    assert again.design.phases == original.design.phases
    assert again.design.study_type == original.design.study_type
    assert again.design.allocation == original.design.allocation
    assert again.design.masking == original.design.masking
    assert again.conditions == original.conditions
    assert again.eligibility.sex == original.eligibility.sex
    assert again.eligibility.minimum_age == original.eligibility.minimum_age
    assert again.eligibility.maximum_age == original.eligibility.maximum_age
    assert again.eligibility.healthy_volunteers == original.eligibility.healthy_volunteers
    assert len(again.eligibility.inclusion) == len(original.eligibility.inclusion)
    assert len(again.eligibility.exclusion) == len(original.eligibility.exclusion)
    assert original.lead_sponsor is not None
    assert again.lead_sponsor is not None
    assert again.lead_sponsor.name == original.lead_sponsor.name


def criteria_texts(items: list[Criterion]) -> list[object]:
    """Item texts, nested as the items are: [text, [child texts...]] for items with children."""
    return [
        [item.text, criteria_texts(item.children)] if item.children else item.text for item in items
    ]


def assert_same_page_fields(original: Study, again: Study) -> None:
    """What the HTML render carries beyond the text render's fields."""
    assert_same_seed_layout_fields(original, again)
    assert again.brief_title == original.brief_title
    assert again.official_title == original.official_title
    completion = original.status.completion_date
    assert again.status.completion_date == (
        None if completion is None else completion.model_copy(update={"type": None})
    )
    count = original.design.enrollment.count if original.design.enrollment else None
    assert (again.design.enrollment.count if again.design.enrollment else None) == count
    assert criteria_texts(again.eligibility.inclusion) == criteria_texts(
        original.eligibility.inclusion
    )
    assert criteria_texts(again.eligibility.exclusion) == criteria_texts(
        original.eligibility.exclusion
    )
    assert [arm.label for arm in again.arms] == [arm.label for arm in original.arms]
    assert [arm.type for arm in again.arms] == [arm.type for arm in original.arms]
    assert [arm.intervention_names for arm in again.arms] == [
        arm.intervention_names for arm in original.arms
    ]
    assert [item.name for item in again.interventions] == [
        item.name for item in original.interventions
    ]
    assert [item.type for item in again.interventions] == [
        item.type for item in original.interventions
    ]
    assert [(site.facility, site.city) for site in again.locations] == [
        (site.facility, site.city) for site in original.locations
    ]
    assert [official.name for official in again.officials] == [
        official.name for official in original.officials
    ]
    assert [(c.name, _dialled(c)) for c in again.central_contacts] == [
        (c.name, _dialled(c)) for c in original.central_contacts
    ]


def _dialled(contact: Contact) -> str | None:
    # v2 records sometimes write the extension into the phone ("0491381594 Ext. 33"); a page
    # reader splits it off, which is the same number
    if contact.phone is None or contact.phone_ext is None:
        return contact.phone.lower() if contact.phone else contact.phone
    return f"{contact.phone} ext. {contact.phone_ext}".lower()
