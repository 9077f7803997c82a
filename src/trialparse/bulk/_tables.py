"""The flat tables of ``--to tables``: their columns, and the rows one study gives.

Table and column names follow AACT (the Aggregate Analysis of ClinicalTrials.gov database)
where AACT has the table; `eligibility_criteria`, `lab_thresholds` and `age_bounds` have no
AACT counterpart. Every table is keyed by `nct_id`. `docs/tables.md` describes them and is
checked against `TABLES` by the tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from ..model.eligibility import Criterion
from ..model.people import Contact
from ..model.registry_ids import classify_id
from ..model.study import Study
from ..model.values import Age, PartialDate
from ..normalise.models import AgeBound, LabThreshold, Normalised

__all__ = ["NORMALISED_TABLES", "TABLES", "Column", "Rows", "study_rows"]

ColumnType = Literal["string", "int64", "float64", "bool"]
Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Column:
    """A column of a flat table: name, Arrow type and what it holds."""

    name: str
    type: ColumnType
    doc: str


def _c(name: str, type: ColumnType, doc: str) -> Column:
    return Column(name, type, doc)


_NCT = _c("nct_id", "string", "the study's NCT ID (the key of every table)")
_DATE_DOC = "ISO 8601 at the precision given (2024, 2024-02, 2024-02-01)"

TABLES: dict[str, tuple[Column, ...]] = {
    # AACT `studies` (plus the eligibility and design summaries AACT keeps in `eligibilities`
    # and `designs`, and the two description texts it keeps in tables of their own)
    "studies": (
        _NCT,
        _c("registry", "string", "the registry the record is from: ctgov, euctr, drks, ..."),
        _c("registry_id", "string", "the record's own ID in that registry"),
        _c("org_study_id", "string", "the sponsor's own study ID"),
        _c("brief_title", "string", "brief title"),
        _c("official_title", "string", "official title"),
        _c("acronym", "string", "acronym"),
        _c("overall_status", "string", "v2 value: RECRUITING, COMPLETED, ..."),
        _c("why_stopped", "string", "why the study stopped"),
        _c("start_date", "string", _DATE_DOC),
        _c("start_date_type", "string", "ACTUAL or ESTIMATED"),
        _c("primary_completion_date", "string", _DATE_DOC),
        _c("primary_completion_date_type", "string", "ACTUAL or ESTIMATED"),
        _c("completion_date", "string", _DATE_DOC),
        _c("completion_date_type", "string", "ACTUAL or ESTIMATED"),
        _c("study_first_submitted_date", "string", _DATE_DOC),
        _c("last_update_submitted_date", "string", _DATE_DOC),
        _c("study_type", "string", "INTERVENTIONAL, OBSERVATIONAL, EXPANDED_ACCESS"),
        _c("phase", "string", "v2 phases joined by '/': PHASE1/PHASE2; NA; empty when none"),
        _c("allocation", "string", "v2 value (AACT: designs.allocation)"),
        _c("intervention_model", "string", "v2 value (AACT: designs.intervention_model)"),
        _c("primary_purpose", "string", "v2 value (AACT: designs.primary_purpose)"),
        _c("masking", "string", "v2 value (AACT: designs.masking)"),
        _c("enrollment", "int64", "number of participants"),
        _c("enrollment_type", "string", "ACTUAL or ESTIMATED"),
        _c("sex", "string", "ALL, FEMALE, MALE (AACT: eligibilities.gender)"),
        _c("minimum_age", "string", "as the v2 API writes it: 18 Years"),
        _c("maximum_age", "string", "as the v2 API writes it: 75 Years"),
        _c("minimum_age_years", "float64", "minimum age in years"),
        _c("maximum_age_years", "float64", "maximum age in years"),
        _c("healthy_volunteers", "bool", "accepts healthy volunteers"),
        _c("criteria", "string", "eligibility criteria text as written (AACT: eligibilities)"),
        _c("brief_summary", "string", "brief summary (AACT: brief_summaries.description)"),
        _c(
            "detailed_description",
            "string",
            "detailed description (AACT: detailed_descriptions.description)",
        ),
        _c("responsible_party_type", "string", "SPONSOR, PRINCIPAL_INVESTIGATOR, ..."),
        _c("has_results", "bool", "the record has a results section"),
        _c("source_format", "string", "the reader that read it: ctgov-json, ctgov-xml, ..."),
        _c("source", "string", "where in the batch input the record came from"),
        _c("warning_count", "int64", "number of parse warnings recorded on the study"),
    ),
    "conditions": (
        _NCT,
        _c("name", "string", "condition as written"),
        _c("downcase_name", "string", "condition in lower case"),
    ),
    "keywords": (
        _NCT,
        _c("name", "string", "keyword as written"),
        _c("downcase_name", "string", "keyword in lower case"),
    ),
    # AACT `design_groups`: the v2 API's arm groups.
    "design_groups": (
        _NCT,
        _c("group_type", "string", "EXPERIMENTAL, PLACEBO_COMPARATOR, ..."),
        _c("title", "string", "arm label"),
        _c("description", "string", "arm description"),
    ),
    "design_group_interventions": (
        _NCT,
        _c("design_group_title", "string", "arm label"),
        _c("intervention_name", "string", "intervention name as the arm lists it"),
    ),
    "interventions": (
        _NCT,
        _c("intervention_type", "string", "DRUG, DEVICE, BIOLOGICAL, ..."),
        _c("name", "string", "intervention name"),
        _c("description", "string", "intervention description"),
    ),
    "intervention_other_names": (
        _NCT,
        _c("intervention_name", "string", "the intervention's name"),
        _c("name", "string", "another name of it"),
    ),
    "eligibility_criteria": (
        _NCT,
        _c("side", "string", "inclusion or exclusion"),
        _c("position", "int64", "1-based order of the item within its side, sub-items counted"),
        _c("parent_position", "int64", "position of the item it is a sub-item of; null at top"),
        _c("depth", "int64", "0 for a top-level item, 1 for its sub-items, ..."),
        _c("number", "string", "the item's marker as written (5, a); null for a bullet"),
        _c("criterion", "string", "the item's text, marker removed"),
    ),
    "lab_thresholds": (
        _NCT,
        _c("analyte", "string", "canonical analyte key: platelets, creatinine, ..."),
        _c("analyte_text", "string", "the analyte as written"),
        _c("comparator", "string", "<, <=, >, >=, ="),
        _c("value", "float64", "the number stated"),
        _c("unit", "string", "normalised unit spelling (10^9/L, mg/dL, ULN)"),
        _c("canonical_value", "float64", "value in the canonical unit"),
        _c("canonical_unit", "string", "canonical (SI) unit"),
        _c("uln_multiple", "float64", "for '> 3 x ULN': 3"),
        _c("side", "string", "inclusion, exclusion or null"),
        _c("criterion_index", "int64", "index of the criterion item it was read from"),
        _c("span_start", "int64", "start offset in the criteria text"),
        _c("span_end", "int64", "end offset in the criteria text"),
        _c("text", "string", "the matched text"),
    ),
    "age_bounds": (
        _NCT,
        _c("comparator", "string", "<, <=, >, >=, ="),
        _c("value", "float64", "the number stated"),
        _c("unit", "string", "years, months, weeks or days"),
        _c("in_years", "float64", "the bound in years"),
        _c("side", "string", "inclusion, exclusion or null"),
        _c("span_start", "int64", "start offset in the criteria text"),
        _c("span_end", "int64", "end offset in the criteria text"),
        _c("text", "string", "the matched text"),
    ),
    # AACT `facilities` (the v2 API's locations).
    "facilities": (
        _NCT,
        _c("facility_index", "int64", "0-based order of the site in the record"),
        _c("name", "string", "facility name"),
        _c("status", "string", "RECRUITING, COMPLETED, ..."),
        _c("city", "string", "city"),
        _c("state", "string", "state or region"),
        _c("zip", "string", "postal code"),
        _c("country", "string", "country"),
    ),
    "facility_contacts": (
        _NCT,
        _c("facility_index", "int64", "the site's facility_index"),
        _c("name", "string", "contact name"),
        _c("contact_type", "string", "v2 role: CONTACT, PRINCIPAL_INVESTIGATOR, ..."),
        _c("phone", "string", "phone"),
        _c("phone_extension", "string", "phone extension"),
        _c("email", "string", "email"),
    ),
    "central_contacts": (
        _NCT,
        _c("name", "string", "contact name"),
        _c("contact_type", "string", "v2 role: CONTACT, ..."),
        _c("phone", "string", "phone"),
        _c("phone_extension", "string", "phone extension"),
        _c("email", "string", "email"),
    ),
    "overall_officials": (
        _NCT,
        _c("name", "string", "official's name"),
        _c("role", "string", "PRINCIPAL_INVESTIGATOR, STUDY_CHAIR, STUDY_DIRECTOR, ..."),
        _c("affiliation", "string", "affiliation"),
    ),
    "sponsors": (
        _NCT,
        _c("agency_class", "string", "NIH, FED, INDUSTRY, OTHER, ..."),
        _c("lead_or_collaborator", "string", "lead or collaborator"),
        _c("name", "string", "organisation name"),
    ),
    # AACT `design_outcomes`: the registered outcome measures.
    "design_outcomes": (
        _NCT,
        _c("outcome_type", "string", "primary, secondary or other"),
        _c("measure", "string", "outcome measure"),
        _c("time_frame", "string", "time frame"),
        _c("description", "string", "description"),
    ),
    # no AACT counterpart (AACT `id_information` holds CT.gov's secondary IDs only): every ID
    # of the study with the registry its form names, to join one trial across registries
    "study_ids": (
        _NCT,
        _c("registry_id", "string", "the study's own ID in its registry (studies.registry_id)"),
        _c("id", "string", "an ID of the study, normalised when its form names a registry"),
        _c("id_registry", "string", "the registry the ID belongs to; null when none"),
        _c("id_source", "string", "where the record gives it: registry_id, nct_id, secondary_id"),
    ),
}

NORMALISED_TABLES = frozenset({"lab_thresholds", "age_bounds"})
"""Tables filled from the normaliser's output; written only when normalising."""


def _str(value: object) -> str | None:
    if value is None:
        return None
    # enum members are str subclasses: plain str() of a StrEnum gives its value
    return str(getattr(value, "value", value))


def _date(date: PartialDate | None) -> tuple[str | None, str | None]:
    if date is None:
        return None, None
    return date.iso, _str(date.type)


def _age(age: Age | None) -> tuple[str | None, float | None]:
    return (age.to_ctgov(), age.in_years) if age is not None else (None, None)


def _criteria(side: str, items: list[Criterion]) -> Iterator[dict[str, Any]]:
    position = 0

    def walk(nodes: list[Criterion], parent: int | None, depth: int) -> Iterator[dict[str, Any]]:
        nonlocal position
        for node in nodes:
            position += 1
            mine = position
            yield {
                "side": side,
                "position": mine,
                "parent_position": parent,
                "depth": depth,
                "number": node.number,
                "criterion": node.text,
            }
            yield from walk(node.children, mine, depth + 1)

    return walk(items, None, 0)


def _contact(contact: Contact) -> dict[str, Any]:
    return {
        "name": contact.name,
        "contact_type": _str(contact.role),
        "phone": contact.phone,
        "phone_extension": contact.phone_ext,
        "email": contact.email,
    }


def _span(found: LabThreshold | AgeBound) -> dict[str, Any]:
    start, end = found.span
    return {"span_start": start, "span_end": end, "text": found.text}


def _normalised_rows(normalised: Normalised) -> Rows:
    labs = [
        {
            "analyte": lab.analyte,
            "analyte_text": lab.analyte_text,
            "comparator": lab.comparator,
            "value": lab.value,
            "unit": lab.unit,
            "canonical_value": lab.canonical_value,
            "canonical_unit": lab.canonical_unit,
            "uln_multiple": lab.uln_multiple,
            "side": lab.side,
            "criterion_index": lab.criterion_index,
            **_span(lab),
        }
        for lab in normalised.labs
    ]
    ages = [
        {
            "comparator": bound.comparator,
            "value": bound.value,
            "unit": bound.unit,
            "in_years": bound.in_years,
            "side": bound.side,
            **_span(bound),
        }
        for bound in normalised.age_bounds
    ]
    return {"lab_thresholds": labs, "age_bounds": ages}


def _id_rows(study: Study) -> list[dict[str, Any]]:
    """Every ID of the study once: its registry IDs (`Study.ids`), then the other secondary IDs."""
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    sources = {study.nct_id: "nct_id", study.registry_id: "registry_id"}
    for found in study.ids():
        seen.add(found.id)
        source = sources.get(found.id, "secondary_id")
        rows.append({"id": found.id, "id_registry": found.registry, "id_source": source})
    for secondary in study.secondary_ids:
        if secondary.id and secondary.id not in seen and classify_id(secondary.id) is None:
            seen.add(secondary.id)
            rows.append({"id": secondary.id, "id_registry": None, "id_source": "secondary_id"})
    for row in rows:
        row["registry_id"] = study.registry_id
    return rows


def study_rows(study: Study, origin: str, normalised: Normalised | None = None) -> Rows:
    """The rows `study` gives in each table (normaliser tables only when `normalised` is given)."""
    status, design, eligibility = study.status, study.design, study.eligibility
    start, start_type = _date(status.start_date)
    primary, primary_type = _date(status.primary_completion_date)
    completion, completion_type = _date(status.completion_date)
    minimum, minimum_years = _age(eligibility.minimum_age)
    maximum, maximum_years = _age(eligibility.maximum_age)
    enrollment = design.enrollment
    rows: Rows = {
        "studies": [
            {
                "registry": study.registry,
                "registry_id": study.registry_id,
                "org_study_id": study.org_study_id,
                "brief_title": study.brief_title,
                "official_title": study.official_title,
                "acronym": study.acronym,
                "overall_status": _str(status.overall),
                "why_stopped": status.why_stopped,
                "start_date": start,
                "start_date_type": start_type,
                "primary_completion_date": primary,
                "primary_completion_date_type": primary_type,
                "completion_date": completion,
                "completion_date_type": completion_type,
                "study_first_submitted_date": _date(status.first_submitted)[0],
                "last_update_submitted_date": _date(status.last_updated)[0],
                "study_type": _str(design.study_type),
                "phase": "/".join(str(_str(p)) for p in design.phases) or None,
                "allocation": _str(design.allocation),
                "intervention_model": _str(design.intervention_model),
                "primary_purpose": _str(design.primary_purpose),
                "masking": _str(design.masking),
                "enrollment": enrollment.count if enrollment else None,
                "enrollment_type": _str(enrollment.type) if enrollment else None,
                "sex": _str(eligibility.sex),
                "minimum_age": minimum,
                "maximum_age": maximum,
                "minimum_age_years": minimum_years,
                "maximum_age_years": maximum_years,
                "healthy_volunteers": eligibility.healthy_volunteers,
                "criteria": eligibility.criteria_text,
                "brief_summary": study.brief_summary,
                "detailed_description": study.detailed_description,
                "responsible_party_type": _str(study.responsible_party.type)
                if study.responsible_party
                else None,
                "has_results": study.has_results,
                "source_format": study.source.format if study.source else None,
                "source": origin,
                "warning_count": len(study.warnings),
            }
        ],
        "conditions": [{"name": c, "downcase_name": c.lower()} for c in study.conditions],
        "keywords": [{"name": k, "downcase_name": k.lower()} for k in study.keywords],
        "design_groups": [
            {"group_type": _str(arm.type), "title": arm.label, "description": arm.description}
            for arm in study.arms
        ],
        "design_group_interventions": [
            {"design_group_title": arm.label, "intervention_name": name}
            for arm in study.arms
            for name in arm.intervention_names
        ],
        "interventions": [
            {"intervention_type": _str(i.type), "name": i.name, "description": i.description}
            for i in study.interventions
        ],
        "intervention_other_names": [
            {"intervention_name": i.name, "name": other}
            for i in study.interventions
            for other in i.other_names
        ],
        "eligibility_criteria": [
            *_criteria("inclusion", eligibility.inclusion),
            *_criteria("exclusion", eligibility.exclusion),
        ],
        "facilities": [
            {
                "facility_index": index,
                "name": loc.facility,
                "status": _str(loc.status),
                "city": loc.city,
                "state": loc.state,
                "zip": loc.zip,
                "country": loc.country,
            }
            for index, loc in enumerate(study.locations)
        ],
        "facility_contacts": [
            {"facility_index": index, **_contact(contact)}
            for index, loc in enumerate(study.locations)
            for contact in loc.contacts
        ],
        "central_contacts": [_contact(contact) for contact in study.central_contacts],
        "overall_officials": [
            {"name": o.name, "role": _str(o.role), "affiliation": o.affiliation}
            for o in study.officials
        ],
        "sponsors": [
            {"agency_class": _str(org.agency_class), "lead_or_collaborator": role, "name": org.name}
            for role, orgs in (
                ("lead", [study.lead_sponsor] if study.lead_sponsor else []),
                ("collaborator", study.collaborators),
            )
            for org in orgs
        ],
        "design_outcomes": [
            {
                "outcome_type": str(_str(o.kind)).lower(),
                "measure": o.measure,
                "time_frame": o.time_frame,
                "description": o.description,
            }
            for o in study.outcomes
        ],
        "study_ids": _id_rows(study),
    }
    if normalised is not None:
        rows.update(_normalised_rows(normalised))
    for table in rows.values():
        for row in table:
            row["nct_id"] = study.nct_id
    return rows
