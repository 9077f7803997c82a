"""Field labels of human-readable record pages (text renders and HTML) → the field they name.

One table for the text and HTML readers. Keys are folded with `labels.fold` (lower case,
punctuation to spaces), so "Recruitment Status:", "RECRUITMENT STATUS" and "Recruitment status"
are one label. Each entry says where the label was seen.
"""

from __future__ import annotations

from .labels import fold

__all__ = [
    "FIELD_LABELS",
    "ITEM_LABELS",
    "SECTION_TITLES",
    "field_of",
    "item_field_of",
    "names_field_or_section",
    "section_of",
]

# field key -> label variants
_FIELDS: dict[str, tuple[str, ...]] = {
    # trial-site text render (NCT06352281.txt): "NCT ID: NCT06352281"; ClinicalTrials.gov pages
    "nct_id": ("NCT ID", "NCT Number", "ClinicalTrials.gov Identifier", "ClinicalTrials.gov ID"),
    # text render "Last Updated: 2024-07-22"; ClinicalTrials.gov "Last Update Posted"
    "last_updated": ("Last Updated", "Last Update Posted", "Last Update", "Last Changed Date"),
    "first_submitted": ("First Submitted", "First Submitted Date", "Study First Submitted"),
    # text render "Recruitment Status"; ClinicalTrials.gov "Overall Status", "Status"
    "overall_status": ("Overall Status", "Recruitment Status", "Status", "Study Status"),
    # text render "Clinical Phase"; ClinicalTrials.gov "Phase", registries "Study Phase"
    "phases": ("Phase", "Phases", "Study Phase", "Clinical Phase", "Trial Phase"),
    # text render "Total Enrollment"; ClinicalTrials.gov "Enrollment", "Estimated Enrollment"
    "enrollment": (
        "Enrollment",
        "Total Enrollment",
        "Estimated Enrollment",
        "Actual Enrollment",
        "Anticipated Enrollment",
        "Target Enrollment",
        "Target Sample Size",
    ),
    # text render "Study Classification"; ClinicalTrials.gov "Study Type"
    "study_type": ("Study Type", "Study Classification", "Type of Study"),
    # text render "Study Start Date"; ClinicalTrials.gov "Study Start", "Start Date"
    "start_date": ("Start Date", "Study Start", "Study Start Date", "Actual Study Start Date"),
    "primary_completion_date": (
        "Primary Completion Date",
        "Primary Completion",
        "Study Primary Completion Date",
    ),
    # text render "Study Completion Date"; ClinicalTrials.gov "Study Completion"
    "completion_date": ("Completion Date", "Study Completion", "Study Completion Date"),
    # text render "Allocation Method"
    "allocation": ("Allocation", "Allocation Method"),
    "intervention_model": ("Intervention Model", "Interventional Model", "Study Model"),
    # text render "Primary Study Purpose"
    "primary_purpose": ("Primary Purpose", "Primary Study Purpose", "Purpose"),
    # text render "Blinding Strategy"; ClinicalTrials.gov "Masking", "Masking (Blinding)"
    "masking": ("Masking", "Masking Blinding", "Blinding Strategy", "Blinding"),
    # text render "Minimum Eligible Age"; ClinicalTrials.gov "Minimum Age"
    "minimum_age": ("Minimum Age", "Minimum Eligible Age", "Min Age"),
    "maximum_age": ("Maximum Age", "Maximum Eligible Age", "Max Age"),
    # ClinicalTrials.gov "Ages Eligible for Study: 18 Years to 65 Years (Adult)"
    "ages": ("Ages Eligible for Study", "Ages Eligible", "Age"),
    # text render "Eligible Sex"; ClinicalTrials.gov "Sexes Eligible for Study", "Gender"
    "sex": ("Sex", "Gender", "Sexes Eligible", "Sexes Eligible for Study", "Eligible Sex"),
    # text render "Accepts Healthy Volunteers"
    "healthy_volunteers": (
        "Healthy Volunteers",
        "Accepts Healthy Volunteers",
        "Accepts Healthy Volunteers for Study",
    ),
    "acronym": ("Acronym",),
    "official_title": ("Official Title",),
    "brief_title": ("Brief Title",),
}

# section key -> title variants (text render section titles; ClinicalTrials.gov headings)
_SECTIONS: dict[str, tuple[str, ...]] = {
    "results": ("Study Results", "Results"),
    "basic": ("Basic Information", "Study Overview"),
    "brief_summary": ("Brief Summary", "Summary"),
    "detailed_description": ("Detailed Description", "Description"),
    "conditions": ("Conditions", "Condition"),
    "keywords": ("Keywords",),
    "design": ("Study Design", "Design Details"),
    "arms": ("Study Groups", "Arms and Interventions", "Study Arms", "Arms"),
    "interventions": ("Interventions", "Intervention"),
    "eligibility": ("Eligibility Criteria", "Eligibility", "Participation Criteria"),
    "sponsors": ("Sponsors", "Sponsor", "Sponsors and Collaborators", "Collaborators"),
    "responsible_party": ("Responsible Party",),
    "officials": (
        "Principal Investigators",
        "Investigators",
        "Study Officials",
        "Overall Officials",
    ),
    "locations": ("Locations", "Study Locations", "Sites"),
    "countries": ("Countries", "Location Countries"),
    "central_contacts": ("Central Contacts", "Contacts", "Contact"),
    "facility_contacts": ("Facility Contacts", "Site Contacts"),
    "other_identifiers": ("Other Identifiers", "Other Study ID Numbers", "Secondary IDs"),
    "outcomes": ("Outcome Measures", "Outcomes"),
    "related_trials": ("More Related Trials", "Related Trials", "Similar Trials"),
}

# item key -> label variants, for the labelled parts of one arm, intervention, site, person or
# sponsor (HTML pages label them: "Group Type", "Site Status", "Phone"; the text render writes
# some of them as prefixes, "Group Type EXPERIMENTAL"). The name rows ("Arm", "Site",
# "Contact") are those of table layouts that give an item's name as its first row.
_ITEM_FIELDS: dict[str, tuple[str, ...]] = {
    "label": ("Arm", "Arm Label", "Arm Group", "Group", "Group Label", "Arm Name", "Cohort"),
    "arm_type": ("Group Type", "Arm Type", "Arm Group Type"),
    "intervention_names": ("Interventions", "Intervention Names", "Intervention"),
    "description": ("Description", "Arm Description", "Intervention Description", "Details"),
    "name": (
        "Name",
        "Intervention Name",
        "Contact",
        "Contact Name",
        "Official",
        "Investigator",
        "Sponsor",
        "Sponsor Name",
        "Collaborator",
    ),
    "intervention_type": ("Intervention Type", "Type"),
    "other_names": ("Other Names", "Also Known As"),
    "facility": ("Site", "Facility", "Facility Name", "Site Name", "Location Name"),
    "address": ("Address", "Location", "City State Country", "Site Address"),
    "city": ("City",),
    "state": ("State", "Province", "Region"),
    "zip": ("Zip", "Zip Code", "Postal Code", "Postcode"),
    "country": ("Country",),
    "site_status": ("Site Status", "Recruitment Status", "Status"),
    "role": ("Role", "Contact Role", "Official Role", "Position"),
    "affiliation": ("Affiliation", "Institution", "Organization", "Organisation"),
    "phone": ("Phone", "Telephone", "Tel", "Phone Number"),
    "phone_ext": ("Ext", "Extension", "Phone Ext", "Phone Extension"),
    "email": ("Email", "E-mail", "Email Address"),
    "agency_class": ("Agency Class", "Class", "Sponsor Type", "Organization Type"),
    "sponsor_role": ("Sponsor Role",),
    "responsible_party": ("Responsibility Role", "Responsible Party Type"),
}

FIELD_LABELS: dict[str, str] = {
    fold(label): field for field, labels in _FIELDS.items() for label in labels
}
ITEM_LABELS: dict[str, str] = {
    fold(label): item for item, labels in _ITEM_FIELDS.items() for label in labels
}
SECTION_TITLES: dict[str, str] = {
    fold(title): section for section, titles in _SECTIONS.items() for title in titles
}


def field_of(label: str) -> str | None:
    """The field a label names ("Recruitment Status:" → "overall_status"), or None."""
    return FIELD_LABELS.get(fold(label))


def section_of(title: str) -> str | None:
    """The section a title names ("Study Groups" → "arms"), or None."""
    return SECTION_TITLES.get(fold(title))


def item_field_of(label: str) -> str | None:
    """The part of an item a label names ("Group Type" → "arm_type"), or None."""
    return ITEM_LABELS.get(fold(label))


def names_field_or_section(text: str) -> bool:
    """Whether the text is a field label or a section title (one fold, two lookups)."""
    key = fold(text)
    return key in FIELD_LABELS or key in SECTION_TITLES
