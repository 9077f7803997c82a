"""Render a `Study` into the seed's text layout (fixtures/NCT06352281.txt), for round-trip tests.

Generated pages are test inputs built from real v2 records, not real pages: they exercise the
text reader on hundreds of records' values in the one real layout we have.
"""

from __future__ import annotations

from trialparse.model import Study

_BLURB = "This line stands for the one-sentence blurb the site writes under each title."


def _section(lines: list[str], title: str) -> None:
    lines += [title, "", _BLURB, ""]


def render_text(study: Study) -> str:
    """The study in the label/value layout of the seed record."""
    lines: list[str] = [study.brief_title or "Untitled", ""]
    lines += [f"NCT ID: {study.nct_id}", ""]
    if study.status.last_updated:
        lines += [f"Last Updated: {study.status.last_updated.iso}", ""]
    _section(lines, "Basic Information")
    if study.status.overall:
        lines += ["Recruitment Status", "", str(study.status.overall), ""]
    if study.design.phases:
        lines += ["Clinical Phase", "", "/".join(map(str, study.design.phases)), ""]
    if study.design.enrollment and study.design.enrollment.count is not None:
        lines += ["Total Enrollment", "", f"{study.design.enrollment.count} participants", ""]
    if study.design.study_type:
        lines += ["Study Classification", "", str(study.design.study_type), ""]
    if study.status.start_date:
        lines += ["Study Start Date", "", study.status.start_date.iso, ""]
    if study.status.completion_date:
        lines += ["Study Completion Date", "", study.status.completion_date.iso, ""]
    if study.conditions:
        _section(lines, "Conditions")
        lines += [*study.conditions, ""]
    design = study.design
    _section(lines, "Study Design")
    for label, value in (
        ("Allocation Method", design.allocation),
        ("Intervention Model", design.intervention_model),
        ("Primary Study Purpose", design.primary_purpose),
        ("Blinding Strategy", design.masking),
    ):
        if value is not None:
            lines += [label, "", str(value), ""]
    eligibility = study.eligibility
    _section(lines, "Eligibility Criteria")
    for title, items in (
        ("Inclusion Criteria", eligibility.inclusion),
        ("Exclusion Criteria", eligibility.exclusion),
    ):
        if items:
            lines += [title, ""]
            lines += [f"{n}. {item.text}" for n, item in enumerate(items, start=1)]
            lines.append("")
    if eligibility.minimum_age:
        lines += ["Minimum Eligible Age", "", eligibility.minimum_age.to_ctgov(), ""]
    if eligibility.maximum_age:
        lines += ["Maximum Eligible Age", "", eligibility.maximum_age.to_ctgov(), ""]
    if eligibility.sex:
        lines += ["Eligible Sex", "", str(eligibility.sex), ""]
    if eligibility.healthy_volunteers is not None:
        lines += [
            "Accepts Healthy Volunteers",
            "",
            "Yes" if eligibility.healthy_volunteers else "No",
            "",
        ]
    if study.lead_sponsor and study.lead_sponsor.name:
        _section(lines, "Sponsors")
        lines += [
            study.lead_sponsor.name,
            "",
            str(study.lead_sponsor.agency_class),
            "",
            "Sponsor Role lead",
            "",
        ]
    if study.org_study_id:
        _section(lines, "Other Identifiers")
        lines += [
            study.org_study_id,
            "",
            "Identifier Type: -",
            "",
            "Identifier Source: org_study_id",
            "",
        ]
    return "\n".join(lines)
