"""`Study` → ClinicalTrials.gov API v2 JSON: the inverse of the v2 mapping.

The v2 shape is rebuilt from the model and the extras are put back at their paths, so for v2
input ``parse_record(s.to_ctgov_json())`` equals ``s`` apart from `source`, and the rebuilt
record holds the same leaves as the one read.
"""

from __future__ import annotations

from typing import Any

from .._text import escape_backslashes, unescape_markdown
from ..model.study import Study
from ..model.values import PartialDate
from ._mapper import CRITERIA_PATH, OUTCOME_LISTS
from ._paths import put

__all__ = ["study_to_ctgov_json"]


def _drop_empty(obj: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in obj.items() if value is not None and value != []}


def _date_struct(date: PartialDate | None) -> dict[str, Any] | None:
    if date is None:
        return None
    return _drop_empty({"date": date.iso, "type": None if date.type is None else str(date.type)})


def _enum(value: object) -> str | None:
    return None if value is None else str(value)


def _contact(contact: Any) -> dict[str, Any]:
    return _drop_empty(
        {
            "name": contact.name,
            "role": _enum(contact.role),
            "phone": contact.phone,
            "phoneExt": contact.phone_ext,
            "email": contact.email,
        }
    )


def _criteria(study: Study) -> str | None:
    """The criteria as the record wrote them, if kept and still those of the model, else rebuilt."""
    text = study.eligibility.criteria_text
    if text is None:
        return None
    written = study.extras.get(CRITERIA_PATH)
    if isinstance(written, str) and unescape_markdown(written) == text:
        return written
    return escape_backslashes(text)


_V2_TOP = frozenset(
    {
        "protocolSection",
        "resultsSection",
        "annotationSection",
        "documentSection",
        "derivedSection",
        "hasResults",
    }
)


def study_to_ctgov_json(study: Study) -> dict[str, Any]:
    """Rebuild the ClinicalTrials.gov API v2 JSON shape of `study`, extras put back."""
    status = study.status
    design = study.design
    eligibility = study.eligibility
    protocol: dict[str, Any] = {
        "identificationModule": _drop_empty(
            {
                "nctId": study.nct_id,
                "orgStudyIdInfo": None
                if study.org_study_id is None
                else {"id": study.org_study_id},
                "secondaryIdInfos": [
                    _drop_empty({"id": s.id, "type": _enum(s.type), "domain": s.domain})
                    for s in study.secondary_ids
                ],
                "briefTitle": study.brief_title,
                "officialTitle": study.official_title,
                "acronym": study.acronym,
            }
        ),
        "statusModule": _drop_empty(
            {
                "overallStatus": _enum(status.overall),
                "whyStopped": status.why_stopped,
                "startDateStruct": _date_struct(status.start_date),
                "primaryCompletionDateStruct": _date_struct(status.primary_completion_date),
                "completionDateStruct": _date_struct(status.completion_date),
                "studyFirstSubmitDate": None
                if status.first_submitted is None
                else status.first_submitted.iso,
                "lastUpdatePostDateStruct": _date_struct(status.last_updated),
            }
        ),
        "sponsorCollaboratorsModule": _drop_empty(
            {
                "responsibleParty": None
                if study.responsible_party is None
                else _drop_empty(
                    {
                        "type": _enum(study.responsible_party.type),
                        "investigatorFullName": study.responsible_party.investigator_name,
                        "investigatorAffiliation": study.responsible_party.investigator_affiliation,
                    }
                ),
                "leadSponsor": None
                if study.lead_sponsor is None
                else _drop_empty(
                    {
                        "name": study.lead_sponsor.name,
                        "class": _enum(study.lead_sponsor.agency_class),
                    }
                ),
                "collaborators": [
                    _drop_empty({"name": c.name, "class": _enum(c.agency_class)})
                    for c in study.collaborators
                ],
            }
        ),
        "descriptionModule": _drop_empty(
            {"briefSummary": study.brief_summary, "detailedDescription": study.detailed_description}
        ),
        "conditionsModule": _drop_empty(
            {"conditions": list(study.conditions), "keywords": list(study.keywords)}
        ),
        "designModule": _drop_empty(
            {
                "studyType": _enum(design.study_type),
                "phases": [str(phase) for phase in design.phases],
                "designInfo": _drop_empty(
                    {
                        "allocation": _enum(design.allocation),
                        "interventionModel": _enum(design.intervention_model),
                        "primaryPurpose": _enum(design.primary_purpose),
                        "maskingInfo": None
                        if design.masking is None
                        else {"masking": str(design.masking)},
                    }
                ),
                "enrollmentInfo": None
                if design.enrollment is None
                else _drop_empty(
                    {"count": design.enrollment.count, "type": _enum(design.enrollment.type)}
                ),
            }
        ),
        "armsInterventionsModule": _drop_empty(
            {
                "armGroups": [
                    _drop_empty(
                        {
                            "label": arm.label,
                            "type": _enum(arm.type),
                            "description": arm.description,
                            "interventionNames": list(arm.intervention_names),
                        }
                    )
                    for arm in study.arms
                ],
                "interventions": [
                    _drop_empty(
                        {
                            "type": _enum(item.type),
                            "name": item.name,
                            "description": item.description,
                            "armGroupLabels": list(item.arm_labels),
                            "otherNames": list(item.other_names),
                        }
                    )
                    for item in study.interventions
                ],
            }
        ),
        "outcomesModule": _drop_empty(
            {
                key: [
                    _drop_empty(
                        {
                            "measure": o.measure,
                            "description": o.description,
                            "timeFrame": o.time_frame,
                        }
                    )
                    for o in study.outcomes
                    if str(o.kind) == kind
                ]
                for key, kind in OUTCOME_LISTS
            }
        ),
        "eligibilityModule": _drop_empty(
            {
                "eligibilityCriteria": _criteria(study),
                "healthyVolunteers": eligibility.healthy_volunteers,
                "sex": _enum(eligibility.sex),
                "minimumAge": None
                if eligibility.minimum_age is None
                else eligibility.minimum_age.to_ctgov(),
                "maximumAge": None
                if eligibility.maximum_age is None
                else eligibility.maximum_age.to_ctgov(),
            }
        ),
        "contactsLocationsModule": _drop_empty(
            {
                "centralContacts": [_contact(c) for c in study.central_contacts],
                "overallOfficials": [
                    _drop_empty(
                        {"name": o.name, "affiliation": o.affiliation, "role": _enum(o.role)}
                    )
                    for o in study.officials
                ],
                "locations": [
                    _drop_empty(
                        {
                            "facility": loc.facility,
                            "status": _enum(loc.status),
                            "city": loc.city,
                            "state": loc.state,
                            "zip": loc.zip,
                            "country": loc.country,
                            "contacts": [_contact(c) for c in loc.contacts],
                        }
                    )
                    for loc in study.locations
                ],
            }
        ),
    }
    result: dict[str, Any] = {"protocolSection": {k: v for k, v in protocol.items() if v}}
    # Extras of v2 input are JSON paths and all go back; other readers key theirs by source
    # path (XML element, page label), of which only v2 section paths have a place here.
    from_json = study.source is None or study.source.format == "ctgov-json"
    for path, value in study.extras.items():
        if path == CRITERIA_PATH:
            continue  # written by `_criteria`
        if from_json or path.split(".", 1)[0].split("[", 1)[0] in _V2_TOP:
            put(result, path, value)
    result["hasResults"] = study.has_results
    return result
