"""The flat tables of ``--to tables``: their columns, and the rows one study gives.

Table and column names follow AACT (the Aggregate Analysis of ClinicalTrials.gov database)
where AACT has the table; `eligibility_criteria`, `lab_thresholds` and `age_bounds` have no
AACT counterpart. Every table is keyed by the study's `nct_id`, `registry` and `registry_id`
(`nct_id` is null for most records of other registries). `docs/tables.md` describes them and is
checked against `TABLES` by the tests.
"""

from __future__ import annotations

import datetime as _dt
import functools
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from ..model.eligibility import Criterion
from ..model.enums import StrEnum
from ..model.people import Contact
from ..model.registry_ids import classify_id
from ..model.study import Study
from ..model.values import Age, PartialDate
from ..normalise.models import Normalised

__all__ = [
    "AACT_TABLES",
    "NORMALISED_TABLES",
    "TABLES",
    "Column",
    "RecordRows",
    "Row",
    "Rows",
    "aact_column",
    "record_rows",
    "study_rows",
]

ColumnType = Literal["string", "int64", "float64", "bool", "date", "list[string]"]
Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Column:
    """A column of a flat table: name, Arrow type, what it holds and its AACT counterpart.

    `aact` is ``"table.column"`` in AACT, ``""`` where AACT has none, or None for the column of
    the same name in the AACT table of the same name.
    """

    name: str
    type: ColumnType
    doc: str
    aact: str | None = None


def _c(name: str, type: ColumnType, doc: str, aact: str | None = None) -> Column:
    return Column(name, type, doc, aact)


_NCT = _c("nct_id", "string", "the study's NCT ID; null for a record that states none")
_REGISTRY = _c("registry", "string", "the registry the record is from: ctgov, euctr, drks, ...", "")
_REGISTRY_ID = _c("registry_id", "string", "the record's own ID in that registry", "")
_KEY = (_NCT, _REGISTRY, _REGISTRY_ID)
"""The study's key, on every table: `registry` and `registry_id` join the rows of a study
without an NCT number (an ICTRP, EU CTR or ISRCTN record) back to `studies`."""
_DATE_DOC = "first day of the period the record states (see the _precision column)"
_PRECISION_DOC = "year, month or day: how much of the date the record states"
_MONTH_YEAR_DOC = "the date as the record states it, ISO 8601 (2024, 2024-02, 2024-02-01)"


def _dated(stem: str, doc: str, aact_stem: str | None = None) -> tuple[Column, ...]:
    """A date as AACT keeps it (a date and its month_year text), its precision and type."""
    stem_aact = aact_stem or stem
    return (
        _c(f"{stem}_date", "date", f"{doc}: {_DATE_DOC}"),
        _c(f"{stem}_month_year", "string", _MONTH_YEAR_DOC, None if aact_stem is None else ""),
        _c(f"{stem}_date_precision", "string", _PRECISION_DOC, ""),
        _c(f"{stem}_date_type", "string", "ACTUAL or ESTIMATED", f"studies.{stem_aact}_date_type"),
    )


def _spans() -> tuple[Column, ...]:
    return (
        _c("side", "string", "inclusion, exclusion or null", ""),
        _c("span_start", "int64", "start offset in the criteria text", ""),
        _c("span_end", "int64", "end offset in the criteria text", ""),
        _c("text", "string", "the matched text", ""),
    )


TABLES: dict[str, tuple[Column, ...]] = {
    # AACT `studies`, plus the summaries AACT keeps in `designs`, `eligibilities`,
    # `brief_summaries` and `detailed_descriptions` (named there in each column's `aact`).
    "studies": (
        *_KEY,
        _c("org_study_id", "string", "the sponsor's own study ID", "id_information.id_value"),
        _c("brief_title", "string", "brief title"),
        _c("official_title", "string", "official title"),
        _c("acronym", "string", "acronym"),
        _c("overall_status", "string", "v2 value: RECRUITING, COMPLETED, ..."),
        _c("last_known_status", "string", "status before it became UNKNOWN (v2 value)"),
        _c("why_stopped", "string", "why the study stopped"),
        *_dated("start", "start"),
        *_dated("primary_completion", "primary completion"),
        *_dated("completion", "completion"),
        _c("verification_date", "date", f"status verified: {_DATE_DOC}"),
        _c("verification_month_year", "string", _MONTH_YEAR_DOC),
        _c("study_first_submitted_date", "date", "first submitted to the registry"),
        _c("study_first_submitted_qc_date", "date", "first submitted that met QC criteria"),
        _c("study_first_posted_date", "date", "first posted on the registry"),
        _c("study_first_posted_date_type", "string", "ACTUAL or ESTIMATED"),
        _c("results_first_submitted_date", "date", "results first submitted"),
        _c("results_first_posted_date", "date", "results first posted"),
        _c("results_first_posted_date_type", "string", "ACTUAL or ESTIMATED"),
        _c("last_update_submitted_date", "date", "last update submitted by the sponsor"),
        _c("last_update_posted_date", "date", "last update posted on the registry"),
        _c("last_update_posted_date_type", "string", "ACTUAL or ESTIMATED"),
        _c("study_type", "string", "INTERVENTIONAL, OBSERVATIONAL, EXPANDED_ACCESS"),
        _c("phase", "string", "v2 phases joined by '/': PHASE1/PHASE2; NA; null when none"),
        _c("phases", "list[string]", "the v2 phases as a list ([] when none)", ""),
        _c("allocation", "string", "v2 value", "designs.allocation"),
        _c("intervention_model", "string", "v2 value", "designs.intervention_model"),
        _c(
            "observational_model",
            "string",
            "v2 value: COHORT, CASE_CONTROL, ...",
            "designs.observational_model",
        ),
        _c("primary_purpose", "string", "v2 value", "designs.primary_purpose"),
        _c(
            "time_perspective",
            "string",
            "v2 value: PROSPECTIVE, RETROSPECTIVE, ...",
            "designs.time_perspective",
        ),
        _c("masking", "string", "v2 value", "designs.masking"),
        _c("subject_masked", "bool", "the participants are masked", "designs.subject_masked"),
        _c("caregiver_masked", "bool", "the care providers are masked", "designs.caregiver_masked"),
        _c(
            "investigator_masked",
            "bool",
            "the investigators are masked",
            "designs.investigator_masked",
        ),
        _c(
            "outcomes_assessor_masked",
            "bool",
            "the outcomes assessors are masked",
            "designs.outcomes_assessor_masked",
        ),
        _c("enrollment", "int64", "number of participants"),
        _c("enrollment_type", "string", "ACTUAL or ESTIMATED"),
        _c("number_of_arms", "int64", "arm groups of an interventional study"),
        _c("number_of_groups", "int64", "groups of an observational study"),
        _c("has_dmc", "bool", "has a data monitoring committee"),
        _c("is_fda_regulated_drug", "bool", "studies an FDA-regulated drug product"),
        _c("is_fda_regulated_device", "bool", "studies an FDA-regulated device product"),
        _c("is_unapproved_device", "bool", "a device not approved or cleared by the FDA"),
        _c("is_ppsd", "bool", "a pediatric postmarket surveillance of a device"),
        _c("is_us_export", "bool", "a product exported from the US"),
        _c("has_expanded_access", "bool", "expanded access is available"),
        _c("plan_to_share_ipd", "string", "YES, NO or UNDECIDED"),
        _c("plan_to_share_ipd_description", "string", "the IPD sharing statement"),
        _c("ipd_time_frame", "string", "when the IPD will be shared"),
        _c("ipd_access_criteria", "string", "who may access the IPD"),
        _c("ipd_url", "string", "where the IPD are"),
        _c("sex", "string", "ALL, FEMALE, MALE", "eligibilities.gender"),
        _c(
            "minimum_age",
            "string",
            "as the v2 API writes it: 18 Years",
            "eligibilities.minimum_age",
        ),
        _c(
            "maximum_age",
            "string",
            "as the v2 API writes it: 75 Years",
            "eligibilities.maximum_age",
        ),
        _c("minimum_age_years", "float64", "minimum age in years", ""),
        _c("maximum_age_years", "float64", "maximum age in years", ""),
        _c(
            "healthy_volunteers",
            "bool",
            "accepts healthy volunteers",
            "eligibilities.healthy_volunteers",
        ),
        _c("criteria", "string", "eligibility criteria text as written", "eligibilities.criteria"),
        _c(
            "sampling_method",
            "string",
            "PROBABILITY_SAMPLE or NON_PROBABILITY_SAMPLE",
            "eligibilities.sampling_method",
        ),
        _c(
            "population",
            "string",
            "the study population (observational studies)",
            "eligibilities.population",
        ),
        _c("child", "bool", "age group CHILD (0-17 years) is eligible", "eligibilities.child"),
        _c("adult", "bool", "age group ADULT (18-64 years) is eligible", "eligibilities.adult"),
        _c(
            "older_adult",
            "bool",
            "age group OLDER_ADULT (65+ years) is eligible",
            "eligibilities.older_adult",
        ),
        _c("brief_summary", "string", "brief summary", "brief_summaries.description"),
        _c(
            "detailed_description",
            "string",
            "detailed description",
            "detailed_descriptions.description",
        ),
        _c(
            "responsible_party_type",
            "string",
            "SPONSOR, PRINCIPAL_INVESTIGATOR, ...",
            "responsible_parties.responsible_party_type",
        ),
        _c("source", "string", "the lead sponsor's name"),
        _c("source_class", "string", "the lead sponsor's agency class: NIH, INDUSTRY, ..."),
        _c(
            "has_results",
            "bool",
            "the record has a results section",
            "calculated_values.were_results_reported",
        ),
        _c("source_format", "string", "the reader that read it: ctgov-json, ctgov-xml, ...", ""),
        _c("source_path", "string", "where in the batch input the record came from", ""),
        _c("warning_count", "int64", "number of parse warnings recorded on the study", ""),
    ),
    "conditions": (
        *_KEY,
        _c("name", "string", "condition as written"),
        _c("downcase_name", "string", "condition in lower case"),
    ),
    "keywords": (
        *_KEY,
        _c("name", "string", "keyword as written"),
        _c("downcase_name", "string", "keyword in lower case"),
    ),
    "design_groups": (
        *_KEY,
        _c("group_type", "string", "EXPERIMENTAL, PLACEBO_COMPARATOR, ..."),
        _c("title", "string", "arm label"),
        _c("description", "string", "arm description"),
    ),
    "design_group_interventions": (
        *_KEY,
        _c("design_group_title", "string", "arm label", "design_groups.title"),
        _c(
            "intervention_name",
            "string",
            "intervention name as the arm lists it",
            "interventions.name",
        ),
    ),
    "interventions": (
        *_KEY,
        _c("intervention_type", "string", "DRUG, DEVICE, BIOLOGICAL, ..."),
        _c("name", "string", "intervention name"),
        _c("description", "string", "intervention description"),
    ),
    "intervention_other_names": (
        *_KEY,
        _c("intervention_name", "string", "the intervention's name", "interventions.name"),
        _c("name", "string", "another name of it"),
    ),
    "eligibility_criteria": (
        *_KEY,
        _c("side", "string", "inclusion or exclusion"),
        _c("position", "int64", "1-based order of the item within its side, sub-items counted"),
        _c("parent_position", "int64", "position of the item it is a sub-item of; null at top"),
        _c("depth", "int64", "0 for a top-level item, 1 for its sub-items, ..."),
        _c("number", "string", "the item's marker as written (5, a); null for a bullet"),
        _c("criterion", "string", "the item's text, marker removed"),
    ),
    "lab_thresholds": (
        *_KEY,
        _c("analyte", "string", "canonical analyte key: platelets, creatinine, ..."),
        _c("analyte_text", "string", "the analyte as written"),
        _c("comparator", "string", "<, <=, >, >=, ="),
        _c("value", "float64", "the number stated"),
        _c("unit", "string", "normalised unit spelling (10^9/L, mg/dL, ULN)"),
        _c("canonical_value", "float64", "value in the canonical unit"),
        _c("canonical_unit", "string", "canonical (SI) unit"),
        _c("uln_multiple", "float64", "for '> 3 x ULN': 3"),
        _c("condition", "string", "what the threshold holds under ('with liver involvement')"),
        _c("side", "string", "inclusion, exclusion or null"),
        _c("criterion_index", "int64", "index of the criterion item it was read from"),
        _c("span_start", "int64", "start offset in the criteria text"),
        _c("span_end", "int64", "end offset in the criteria text"),
        _c("text", "string", "the matched text"),
    ),
    "age_bounds": (
        *_KEY,
        _c("comparator", "string", "<, <=, >, >=, ="),
        _c("value", "float64", "the number stated"),
        _c("unit", "string", "the unit as written: years, months, weeks, days, ..."),
        _c("in_years", "float64", "the bound in years"),
        _c("subject", "string", "another person the age is of ('partner'); null for the patient"),
        _c("condition", "string", "the requirement the age is a condition of; null when none"),
        *_spans(),
    ),
    "time_windows": (
        *_KEY,
        _c("comparator", "string", "<, <=, >, >=, ="),
        _c("value", "float64", "the number stated"),
        _c("unit", "string", "days, weeks, months or years"),
        _c("days", "float64", "the window in days"),
        *_spans(),
    ),
    "score_thresholds": (
        *_KEY,
        _c("scale", "string", "the scale: ECOG, Karnofsky, Lansky, ..."),
        _c("comparator", "string", "<, <=, >, >=, ="),
        _c("value", "float64", "the score stated"),
        *_spans(),
    ),
    "facilities": (
        *_KEY,
        _c("facility_index", "int64", "0-based order of the site in the record", ""),
        _c("name", "string", "facility name"),
        _c("status", "string", "RECRUITING, COMPLETED, ..."),
        _c("city", "string", "city"),
        _c("state", "string", "state or region"),
        _c("zip", "string", "postal code"),
        _c("country", "string", "country"),
        _c("latitude", "float64", "the site's latitude (v2 geoPoint.lat)"),
        _c("longitude", "float64", "the site's longitude (v2 geoPoint.lon)"),
    ),
    "facility_contacts": (
        *_KEY,
        _c("facility_index", "int64", "the site's facility_index", "facility_contacts.facility_id"),
        _c("name", "string", "contact name"),
        _c("contact_type", "string", "primary for the site's first contact, backup for the next"),
        _c("role", "string", "v2 role as written: CONTACT, ...", ""),
        _c("phone", "string", "phone"),
        _c("phone_extension", "string", "phone extension"),
        _c("email", "string", "email"),
    ),
    "facility_investigators": (
        *_KEY,
        _c(
            "facility_index",
            "int64",
            "the site's facility_index",
            "facility_investigators.facility_id",
        ),
        _c("name", "string", "investigator name"),
        _c("role", "string", "PRINCIPAL_INVESTIGATOR, SUB_INVESTIGATOR, ..."),
    ),
    "central_contacts": (
        *_KEY,
        _c("name", "string", "contact name"),
        _c("contact_type", "string", "primary for the first central contact, backup for the next"),
        _c("role", "string", "v2 role as written: CONTACT, ...", ""),
        _c("phone", "string", "phone"),
        _c("phone_extension", "string", "phone extension"),
        _c("email", "string", "email"),
    ),
    "overall_officials": (
        *_KEY,
        _c("name", "string", "official's name"),
        _c("role", "string", "PRINCIPAL_INVESTIGATOR, STUDY_CHAIR, STUDY_DIRECTOR, ..."),
        _c("affiliation", "string", "affiliation"),
    ),
    "sponsors": (
        *_KEY,
        _c("agency_class", "string", "NIH, FED, INDUSTRY, OTHER, ..."),
        _c("lead_or_collaborator", "string", "lead or collaborator"),
        _c("name", "string", "organisation name"),
    ),
    "design_outcomes": (
        *_KEY,
        _c("outcome_type", "string", "primary, secondary or other"),
        _c("measure", "string", "outcome measure"),
        _c("time_frame", "string", "time frame"),
        _c("description", "string", "description"),
    ),
    "id_information": (
        *_KEY,
        _c("id_source", "string", "org_study_id, secondary_id or nct_alias"),
        _c("id_value", "string", "the identifier"),
        _c("id_type", "string", "v2 secondary ID type: NIH, FDA, REGISTRY, ..."),
        _c("id_type_description", "string", "the v2 domain: who issued it"),
        _c("id_link", "string", "a link to the identifier's record"),
    ),
    "countries": (
        *_KEY,
        _c("name", "string", "a country of the study's sites"),
        _c("removed", "bool", "the country was removed from the record"),
    ),
    "browse_conditions": (
        *_KEY,
        _c("mesh_term", "string", "MeSH term derived by the registry from the conditions"),
        _c("downcase_mesh_term", "string", "the MeSH term in lower case"),
        _c("mesh_type", "string", "mesh-list (a term) or mesh-ancestor (an ancestor of one)"),
        _c("mesh_id", "string", "the MeSH descriptor ID (D005157)", ""),
    ),
    "browse_interventions": (
        *_KEY,
        _c("mesh_term", "string", "MeSH term derived by the registry from the interventions"),
        _c("downcase_mesh_term", "string", "the MeSH term in lower case"),
        _c("mesh_type", "string", "mesh-list (a term) or mesh-ancestor (an ancestor of one)"),
        _c("mesh_id", "string", "the MeSH descriptor ID", ""),
    ),
    "calculated_values": (
        *_KEY,
        _c("number_of_facilities", "int64", "number of sites"),
        _c("has_us_facility", "bool", "a site is in the United States"),
        _c("has_single_facility", "bool", "the study has exactly one site"),
        _c("minimum_age_num", "float64", "the minimum age's number"),
        _c("minimum_age_unit", "string", "its unit: Years, Months, ..."),
        _c("maximum_age_num", "float64", "the maximum age's number"),
        _c("maximum_age_unit", "string", "its unit"),
        _c("were_results_reported", "bool", "the record has results"),
    ),
    # no AACT counterpart (AACT `id_information` holds CT.gov's secondary IDs only): every ID
    # of the study with the registry its form names, to join one trial across registries
    "study_ids": (
        *_KEY,
        _c("id", "string", "an ID of the study, normalised when its form names a registry"),
        _c("id_registry", "string", "the registry the ID belongs to; null when none"),
        _c("id_source", "string", "where the record gives it: registry_id, nct_id, secondary_id"),
    ),
}

AACT_TABLES: dict[str, str] = {
    name: name
    for name in TABLES
    if name
    not in {
        "eligibility_criteria",
        "lab_thresholds",
        "age_bounds",
        "time_windows",
        "study_ids",
        "score_thresholds",
    }
}
"""The AACT table each table follows (tables absent here have no AACT counterpart)."""


def aact_column(table: str, column: Column) -> str:
    """The AACT column `column` of `table` maps to ("" where there is none)."""
    if column.aact is not None:
        return column.aact
    aact_table = AACT_TABLES.get(table)
    return f"{aact_table}.{column.name}" if aact_table else ""


NORMALISED_TABLES = frozenset({"lab_thresholds", "age_bounds", "time_windows", "score_thresholds"})
"""Tables filled from the normaliser's output; written only when normalising."""


def _str(value: object) -> str | None:
    if value is None or type(value) is str:
        return value
    if isinstance(value, StrEnum):
        return str.__str__(value)  # a member's text is its value (and faster to read)
    return str(getattr(value, "value", value))


_PROTOCOL = "protocolSection."
_STATUS = "protocolSection.statusModule."
_DESIGN_INFO = "protocolSection.designModule.designInfo."
_OVERSIGHT = "protocolSection.oversightModule."
_IPD = "protocolSection.ipdSharingStatementModule."
_ELIGIBILITY = "protocolSection.eligibilityModule."
_LOCATIONS = "protocolSection.contactsLocationsModule.locations"
_DERIVED = "derivedSection."
_MASKED = {
    "subject_masked": "PARTICIPANT",
    "caregiver_masked": "CARE_PROVIDER",
    "investigator_masked": "INVESTIGATOR",
    "outcomes_assessor_masked": "OUTCOMES_ASSESSOR",
}
_AGE_GROUPS = {"child": "CHILD", "adult": "ADULT", "older_adult": "OLDER_ADULT"}
_CONTACT_ROLES = frozenset({None, "CONTACT"})


@functools.lru_cache(maxsize=8192)
def _parents_of(path: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each parent path of `path`, nearest first, with the keys that lead from it to `path`."""
    parts = path.split(".")
    return tuple(
        (".".join(parts[:cut]), tuple(parts[cut:])) for cut in range(len(parts) - 1, 0, -1)
    )


class _Extras:
    """Values the model keeps in `Study.extras`, looked up by v2 path.

    A value sits under its own path or a parent's (a whole module); the parents of each path
    the tables read are worked out once per process, so a lookup is a few dict lookups.
    """

    def __init__(self, extras: dict[str, Any]) -> None:
        self._extras = extras

    def get(self, path: str) -> Any:
        extras = self._extras
        if path in extras:
            return extras[path]
        if not extras:
            return None
        for parent, rest in _parents_of(path):
            value = extras.get(parent)
            if value is None:
                continue
            for part in rest:
                if not isinstance(value, dict):
                    return None
                value = value.get(part)
            return value
        return None

    def under(self, module: str) -> Lookup:
        """`get` of the keys right under `module` (a path ending in a dot; a key holds no dot),
        the module found once.

        `get(module + key)` takes the value stored under that path, else the one under its
        nearest parent that holds a value, the module first: that parent does not depend on
        `key`, so it is looked for once here.
        """
        extras = self._extras
        if not extras:
            return _nothing
        found: Any = _ABSENT
        for parent, rest in ((module[:-1], ()), *_parents_of(module[:-1])):
            value = extras.get(parent)
            if value is None:
                continue
            for part in rest:
                value = value.get(part) if isinstance(value, dict) else None
                if value is None:
                    break
            found = value
            break
        base = found if isinstance(found, dict) else None

        def get(key: str) -> Any:
            path = module + key
            if path in extras:
                return extras[path]
            return None if base is None else base.get(key)

        return get


_ABSENT = object()


def _nothing(key: str) -> Any:
    return None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _date(date: PartialDate | None) -> tuple[_dt.date | None, str | None, str | None, str | None]:
    """(first day, ISO text at its precision, precision, ACTUAL/ESTIMATED) of a date."""
    if date is None:
        return None, None, None, None
    day, iso = _day_and_iso(date.year, date.month, date.day)
    return day, iso, date.precision, _str(date.type)


@functools.lru_cache(maxsize=16384)
def _day_and_iso(year: int, month: int | None, day: int | None) -> tuple[_dt.date, str]:
    """`PartialDate.to_date()` and `.iso` of the date with these parts (studies share dates)."""
    date = PartialDate(year=year, month=month, day=day, precision="day")
    return date.to_date(), date.iso


@functools.lru_cache(maxsize=4096)
def _parsed_date(text: str) -> tuple[_dt.date, str] | None:
    """(first day, ISO text at its precision) of a date as registries write it."""
    try:
        date = PartialDate.parse(text)
    except ValueError:
        return None
    return (date.to_date(), date.iso) if date else None


def _extra_date(value: Any) -> tuple[_dt.date | None, str | None, str | None]:
    """(first day, ISO text, ACTUAL/ESTIMATED) of a date the model keeps in `extras`: v2 text,
    or a {date, type} struct."""
    if isinstance(value, dict):
        text, type = value.get("date"), value.get("type")
    else:
        text, type = value, None
    parsed = _parsed_date(text) if isinstance(text, str) else None
    if parsed is None:
        return None, None, None
    return parsed[0], parsed[1], type if type in ("ACTUAL", "ESTIMATED") else None


def _day(value: Any) -> _dt.date | None:
    return _extra_date(value)[0]


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: Any) -> float | None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    return float(value) if ok else None


def _age(age: Age | None) -> tuple[str | None, float | None, float | None, str | None]:
    """(as v2 writes it, in years, number, unit as v2 writes it) of an age."""
    if age is None:
        return None, None, None, None
    written = age.to_ctgov()
    unit = written.split(" ", 1)[1] if " " in written else None
    return written, age.in_years, float(age.value), unit


Row = tuple[Any, ...]
"""One row of a table: its values in column order, the study's key columns left out."""


def _criteria(side: str, items: list[Criterion]) -> list[Row]:
    """(side, position, parent_position, depth, number, criterion) of every item, in order."""
    rows: list[Row] = []
    # depth first with a stack of the levels still to finish: a recursive closure would make
    # a reference cycle per record, left for the garbage collector together with its rows
    stack: list[tuple[Iterator[Criterion], int | None, int]] = [(iter(items), None, 0)]
    while stack:
        nodes, parent, depth = stack[-1]
        node = next(nodes, None)
        if node is None:
            stack.pop()
            continue
        mine = len(rows) + 1
        rows.append((side, mine, parent, depth, node.number, node.text))
        if node.children:
            stack.append((iter(node.children), mine, depth + 1))
    return rows


def _contacts(contacts: list[Contact]) -> list[Row]:
    """Contacts as AACT lists them: the first is the primary one, the next the backup.

    (name, contact_type, role, phone, phone_extension, email)."""
    return [
        (
            contact.name,
            "primary" if index == 0 else "backup",
            _str(contact.role),
            contact.phone,
            contact.phone_ext,
            contact.email,
        )
        for index, contact in enumerate(contacts)
    ]


def _normalised_rows(normalised: Normalised) -> dict[str, list[Row]]:
    # each finding ends with (side, span_start, span_end, text)
    return {
        "lab_thresholds": [
            (
                lab.analyte,
                lab.analyte_text,
                lab.comparator,
                lab.value,
                lab.unit,
                lab.canonical_value,
                lab.canonical_unit,
                lab.uln_multiple,
                lab.condition,
                lab.side,
                lab.criterion_index,
                *lab.span,
                lab.text,
            )
            for lab in normalised.labs
        ],
        "age_bounds": [
            (
                bound.comparator,
                bound.value,
                bound.unit,
                bound.in_years,
                bound.subject,
                bound.condition,
                bound.side,
                *bound.span,
                bound.text,
            )
            for bound in normalised.age_bounds
        ],
        "time_windows": [
            (w.comparator, w.value, w.unit, w.days, w.side, *w.span, w.text)
            for w in normalised.windows
        ],
        "score_thresholds": [
            (s.scale, s.comparator, s.value, s.side, *s.span, s.text) for s in normalised.scores
        ],
    }


@functools.cache
def _dated_names(stem: str) -> tuple[str, str, str, str]:
    return f"{stem}_date", f"{stem}_month_year", f"{stem}_date_precision", f"{stem}_date_type"


def _dated_row(stem: str, date: PartialDate | None) -> dict[str, Any]:
    return dict(zip(_dated_names(stem), _date(date), strict=True))


def _studies_row(study: Study, origin: str, extras: _Extras) -> dict[str, Any]:
    status, design, eligibility = study.status, study.design, study.eligibility
    in_status, in_design = extras.under(_STATUS), extras.under(_DESIGN_INFO)
    in_oversight, in_ipd = extras.under(_OVERSIGHT), extras.under(_IPD)
    in_eligibility = extras.under(_ELIGIBILITY)
    last_updated = _date(status.last_updated)
    minimum, minimum_years, _, _ = _age(eligibility.minimum_age)
    maximum, maximum_years, _, _ = _age(eligibility.maximum_age)
    enrollment = design.enrollment
    study_type = _str(design.study_type)
    first_posted, _, first_posted_type = _extra_date(in_status("studyFirstPostDateStruct"))
    results_posted, _, results_type = _extra_date(in_status("resultsFirstPostDateStruct"))
    verified, verified_text, _ = _extra_date(in_status("statusVerifiedDate"))
    who_masked = _list(extras.get(f"{_DESIGN_INFO}maskingInfo.whoMasked"))
    masking = _str(design.masking)
    age_groups = in_eligibility("stdAges")
    lead = study.lead_sponsor
    return {
        "org_study_id": study.org_study_id,
        "brief_title": study.brief_title,
        "official_title": study.official_title,
        "acronym": study.acronym,
        "overall_status": _str(status.overall),
        "last_known_status": _text(in_status("lastKnownStatus")),
        "why_stopped": status.why_stopped,
        **_dated_row("start", status.start_date),
        **_dated_row("primary_completion", status.primary_completion_date),
        **_dated_row("completion", status.completion_date),
        "verification_date": verified,
        "verification_month_year": verified_text,
        "study_first_submitted_date": _date(status.first_submitted)[0],
        "study_first_submitted_qc_date": _day(in_status("studyFirstSubmitQcDate")),
        "study_first_posted_date": first_posted,
        "study_first_posted_date_type": first_posted_type,
        "results_first_submitted_date": _day(in_status("resultsFirstSubmitDate")),
        "results_first_posted_date": results_posted,
        "results_first_posted_date_type": results_type,
        "last_update_submitted_date": _day(in_status("lastUpdateSubmitDate")),
        "last_update_posted_date": last_updated[0],
        "last_update_posted_date_type": last_updated[3],
        "study_type": study_type,
        "phase": "/".join(str(_str(p)) for p in design.phases) or None,
        "phases": [str(_str(p)) for p in design.phases],
        "allocation": _str(design.allocation),
        "intervention_model": _str(design.intervention_model),
        "observational_model": _text(in_design("observationalModel")),
        "primary_purpose": _str(design.primary_purpose),
        "time_perspective": _text(in_design("timePerspective")),
        "masking": masking,
        **{
            column: (who in who_masked) if masking is not None or who_masked else None
            for column, who in _MASKED.items()
        },
        "enrollment": enrollment.count if enrollment else None,
        "enrollment_type": _str(enrollment.type) if enrollment else None,
        "number_of_arms": len(study.arms) if study_type == "INTERVENTIONAL" else None,
        "number_of_groups": len(study.arms) if study_type == "OBSERVATIONAL" else None,
        "has_dmc": _bool(in_oversight("oversightHasDmc")),
        "is_fda_regulated_drug": _bool(in_oversight("isFdaRegulatedDrug")),
        "is_fda_regulated_device": _bool(in_oversight("isFdaRegulatedDevice")),
        "is_unapproved_device": _bool(in_oversight("isUnapprovedDevice")),
        "is_ppsd": _bool(in_oversight("isPpsd")),
        "is_us_export": _bool(in_oversight("isUsExport")),
        "has_expanded_access": _bool(extras.get(f"{_STATUS}expandedAccessInfo.hasExpandedAccess")),
        "plan_to_share_ipd": _text(in_ipd("ipdSharing")),
        "plan_to_share_ipd_description": _text(in_ipd("description")),
        "ipd_time_frame": _text(in_ipd("timeFrame")),
        "ipd_access_criteria": _text(in_ipd("accessCriteria")),
        "ipd_url": _text(in_ipd("url")),
        "sex": _str(eligibility.sex),
        "minimum_age": minimum,
        "maximum_age": maximum,
        "minimum_age_years": minimum_years,
        "maximum_age_years": maximum_years,
        "healthy_volunteers": eligibility.healthy_volunteers,
        "criteria": eligibility.criteria_text,
        "sampling_method": _text(in_eligibility("samplingMethod")),
        "population": _text(in_eligibility("studyPopulation")),
        **{
            column: (group in age_groups) if isinstance(age_groups, list) else None
            for column, group in _AGE_GROUPS.items()
        },
        "brief_summary": study.brief_summary,
        "detailed_description": study.detailed_description,
        "responsible_party_type": _str(study.responsible_party.type)
        if study.responsible_party
        else None,
        "source": lead.name if lead else None,
        "source_class": _str(lead.agency_class) if lead else None,
        "has_results": study.has_results,
        "source_format": study.source.format if study.source else None,
        "source_path": origin,
        "warning_count": len(study.warnings),
    }


Lookup = Callable[[str], Any]


def _mesh(extras: Lookup, module: str) -> list[Row]:
    """(mesh_term, downcase_mesh_term, mesh_type, mesh_id) of the module's terms, then ancestors."""
    rows: list[Row] = []
    for key, kind in (("meshes", "mesh-list"), ("ancestors", "mesh-ancestor")):
        for term in _list(extras(f"{_DERIVED}{module}.{key}")):
            if not isinstance(term, dict):
                continue
            name = term.get("term")
            if isinstance(name, str):
                mesh_id = term.get("id")
                rows.append(
                    (name, name.lower(), kind, mesh_id if isinstance(mesh_id, str) else None)
                )
    return rows


def _id_information(study: Study, extras: Lookup) -> list[Row]:
    """(id_source, id_value, id_type, id_type_description, id_link) of each identifier."""
    rows: list[Row] = []
    if study.org_study_id:
        rows.append(("org_study_id", study.org_study_id, None, None, None))
    for index, secondary in enumerate(study.secondary_ids):
        link = extras(f"{_PROTOCOL}identificationModule.secondaryIdInfos[{index}].link")
        rows.append(
            ("secondary_id", secondary.id, _str(secondary.type), secondary.domain, _text(link))
        )
    for alias in _list(extras(f"{_PROTOCOL}identificationModule.nctIdAliases")):
        if isinstance(alias, str):
            rows.append(("nct_alias", alias, None, None, None))
    return rows


def _countries(study: Study, extras: Lookup) -> list[Row]:
    """(name, removed) of each country of the sites, then of each removed country."""
    seen: dict[str, None] = {}
    for location in study.locations:
        if location.country:
            seen.setdefault(location.country)
    removed = _list(extras(f"{_DERIVED}miscInfoModule.removedCountries"))
    return [
        *((name, False) for name in seen),
        *((name, True) for name in removed if isinstance(name, str)),
    ]


def _calculated_values(study: Study) -> Row:
    _, _, minimum, minimum_unit = _age(study.eligibility.minimum_age)
    _, _, maximum, maximum_unit = _age(study.eligibility.maximum_age)
    sites = len(study.locations)
    return (
        sites,
        any(loc.country == "United States" for loc in study.locations),
        sites == 1,
        minimum,
        minimum_unit,
        maximum,
        maximum_unit,
        study.has_results,
    )


def _geo(extras: Lookup, index: int) -> tuple[float | None, float | None]:
    point = extras(f"{_LOCATIONS}[{index}].geoPoint")
    if not isinstance(point, dict):
        return None, None
    return _number(point.get("lat")), _number(point.get("lon"))


def _id_rows(study: Study) -> list[Row]:
    """Every ID of the study once: its registry IDs (`Study.ids`), then the other secondary IDs.

    (id, id_registry, id_source)."""
    rows: list[Row] = []
    seen: set[str] = set()
    sources = {study.nct_id: "nct_id", study.registry_id: "registry_id"}
    for found in study.ids():
        seen.add(found.id)
        rows.append((found.id, found.registry, sources.get(found.id, "secondary_id")))
    for secondary in study.secondary_ids:
        if secondary.id and secondary.id not in seen and classify_id(secondary.id) is None:
            seen.add(secondary.id)
            rows.append((secondary.id, None, "secondary_id"))
    return rows


def _site_rows(study: Study, extras: Lookup) -> dict[str, list[Row]]:
    """`facilities`, `facility_contacts` and `facility_investigators`, in one pass over sites."""
    facilities: list[Row] = []
    contacts: list[Row] = []
    investigators: list[Row] = []
    for index, loc in enumerate(study.locations):
        facilities.append(
            (
                index,
                loc.facility,
                _str(loc.status),
                loc.city,
                loc.state,
                loc.zip,
                loc.country,
                *_geo(extras, index),
            )
        )
        if loc.contacts:
            roles = [_str(c.role) for c in loc.contacts]
            listed = [
                c for c, role in zip(loc.contacts, roles, strict=True) if role in _CONTACT_ROLES
            ]
            contacts.extend((index, *row) for row in _contacts(listed))
            investigators.extend(
                (index, c.name, role)
                for c, role in zip(loc.contacts, roles, strict=True)
                if role not in _CONTACT_ROLES
            )
    return {
        "facilities": facilities,
        "facility_contacts": contacts,
        "facility_investigators": investigators,
    }


_STUDIES_COLUMNS = operator.itemgetter(*(c.name for c in TABLES["studies"][len(_KEY) :]))
_NORMALISED_NAMES = tuple(name for name in TABLES if name in NORMALISED_TABLES)


@dataclass(frozen=True)
class RecordRows:
    """The rows one study gives in each table, as tuples of values in the table's column order
    with the study's key columns (`nct_id`, `registry`, `registry_id`) left out: they are the
    same on every row and `key` holds them once. Tables the study gives no row are absent."""

    key: Row
    tables: dict[str, list[Row]]

    def as_dicts(self) -> Rows:
        """The rows as dicts by column name, key columns included (every table, maybe empty)."""
        out: Rows = {}
        for name, rows in self.tables.items():
            names = [c.name for c in TABLES[name]]
            out[name] = [dict(zip(names, (*self.key, *row), strict=True)) for row in rows]
        return out


def record_rows(study: Study, origin: str, normalised: Normalised | None = None) -> RecordRows:
    """The rows `study` gives in each table (normaliser tables only when `normalised` is given)."""
    kept = _Extras(study.extras)
    extras = kept.get
    arms, interventions = study.arms, study.interventions
    eligibility = study.eligibility
    tables: dict[str, list[Row]] = {
        "studies": [_STUDIES_COLUMNS(_studies_row(study, origin, kept))],
        "conditions": [(c, c.lower()) for c in study.conditions],
        "keywords": [(k, k.lower()) for k in study.keywords],
        "design_groups": [(_str(arm.type), arm.label, arm.description) for arm in arms],
        "design_group_interventions": [
            (arm.label, name) for arm in arms for name in arm.intervention_names
        ],
        "interventions": [(_str(i.type), i.name, i.description) for i in interventions],
        "intervention_other_names": [
            (i.name, other) for i in interventions for other in i.other_names
        ],
        "eligibility_criteria": [
            *_criteria("inclusion", eligibility.inclusion),
            *_criteria("exclusion", eligibility.exclusion),
        ],
    }
    if normalised is not None:
        tables.update(_normalised_rows(normalised))
    tables.update(_site_rows(study, extras))
    lead = [study.lead_sponsor] if study.lead_sponsor else []
    tables.update(
        {
            "central_contacts": _contacts(study.central_contacts),
            "overall_officials": [(o.name, _str(o.role), o.affiliation) for o in study.officials],
            "sponsors": [
                (_str(org.agency_class), role, org.name)
                for role, orgs in (("lead", lead), ("collaborator", study.collaborators))
                for org in orgs
            ],
            "design_outcomes": [
                (str(_str(o.kind)).lower(), o.measure, o.time_frame, o.description)
                for o in study.outcomes
            ],
            "id_information": _id_information(study, extras),
            "countries": _countries(study, extras),
            "browse_conditions": _mesh(extras, "conditionBrowseModule"),
            "browse_interventions": _mesh(extras, "interventionBrowseModule"),
            "calculated_values": [_calculated_values(study)],
            "study_ids": _id_rows(study),
        }
    )
    return RecordRows(
        (study.nct_id, study.registry, study.registry_id),
        {name: rows for name, rows in tables.items() if rows},
    )


def study_rows(study: Study, origin: str, normalised: Normalised | None = None) -> Rows:
    """The rows `study` gives in each table, as dicts by column name (normaliser tables only
    when `normalised` is given)."""
    rows = record_rows(study, origin, normalised).as_dicts()
    names = [n for n in TABLES if normalised is not None or n not in NORMALISED_TABLES]
    return {name: rows.get(name, []) for name in names}
