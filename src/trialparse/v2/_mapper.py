"""The v2 mapping, step by step: every value checked, every kept key recorded with its path.

This is the mapping that defines the output: `map_record` turns a record in the v2 JSON shape
into a `Study`, keeps what the model does not map in `Study.extras` under its JSON path
(``protocolSection.statusModule.statusVerifiedDate``,
``protocolSection.contactsLocationsModule.locations[3].geoPoint``, ``resultsSection``), warns
for keys the v2 data model does not define, and raises `MalformedRecord` naming the place of a
value of the wrong shape. The fast path (`_fast`) gives the same `Study` for ordinary records
and hands everything else to this one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from .._text import escape_backslashes, unescape_markdown
from ..errors import MalformedRecord, WarningCode
from ..model.enums import (
    AgencyClass,
    Allocation,
    ArmGroupType,
    ContactRole,
    DateType,
    EnrollmentType,
    InterventionModel,
    InterventionType,
    Masking,
    OfficialRole,
    OverallStatus,
    Phase,
    PrimaryPurpose,
    RecruitmentStatus,
    ResponsiblePartyType,
    SecondaryIdType,
    Sex,
    StrEnum,
    StudyType,
)
from ..model.study import ParseWarning, Study
from ..model.values import Age, parse_date_parts
from ..normalise.criteria import split_criteria
from ..readers.base import RawRecord, check_depth, wrong_value
from ..readers.v2_schema import SCHEMA_CHILDREN, SCHEMA_KEYS
from ._paths import join

__all__ = ["CRITERIA_PATH", "OUTCOME_LISTS", "Mapper", "all_warnings", "map_record"]

KNOWN = {name: frozenset(keys) for name, keys in SCHEMA_KEYS.items()}
CHILDREN = SCHEMA_CHILDREN
_ENUM_VALUES: dict[type[StrEnum], frozenset[str]] = {}

# Sections and protocol modules the model maps; the others are kept whole in extras.
_PROTOCOL = "protocolSection"
CRITERIA_PATH = "protocolSection.eligibilityModule.eligibilityCriteria"
"""Where `Study.extras` keeps criteria text whose escapes cannot be rebuilt from `criteria_text`."""
OUTCOME_LISTS = (
    ("primaryOutcomes", "PRIMARY"),
    ("secondaryOutcomes", "SECONDARY"),
    ("otherOutcomes", "OTHER"),
)


def _values(enum_type: type[StrEnum]) -> frozenset[str]:
    found = _ENUM_VALUES.get(enum_type)
    if found is None:
        found = _ENUM_VALUES[enum_type] = frozenset(member.value for member in enum_type)
    return found


def _objects_at(values: list[Any]) -> list[dict[str, Any]]:
    """The objects at one schema position: values that are objects, and objects in arrays."""
    found = [value for value in values if type(value) is dict]
    for value in values:
        if type(value) is list:
            found.extend(item for item in value if type(item) is dict)
    return found


_Audit = Callable[[Any, str, dict[str, frozenset[str]], dict[str, dict[str, str]]], bool | None]


def _walked_unknown() -> _Audit | None:
    try:
        from ..readers._nesting import has_unknown
    except ImportError:  # installed without its C extension: `_grouped_unknown` alone
        return None
    return has_unknown


_HAS_UNKNOWN = _walked_unknown()


def _has_unknown(value: Any, schema: str) -> bool:
    """Whether content of `schema` holds a key the v2 model lacks (a fast pass, no paths): by
    the C extension's walk where it is built and answers, else `_grouped_unknown`."""
    if _HAS_UNKNOWN is not None:
        found = _HAS_UNKNOWN(value, schema, KNOWN, CHILDREN)
        if found is not None:
            return found
    return _grouped_unknown(value, schema)


def _grouped_unknown(value: Any, schema: str) -> bool:
    """`_has_unknown` in Python.

    All objects at one schema position (every ``classes[].categories[]`` of every measure)
    are checked together: one set union, one comprehension per child key.
    """
    stack = [(_objects_at([value]), schema)]
    while stack:
        objects, node_schema = stack.pop()
        if not set().union(*objects) <= KNOWN[node_schema]:
            return True
        children = CHILDREN.get(node_schema)
        if children:
            for key, child in children.items():
                below = _objects_at([obj[key] for obj in objects if key in obj])
                if below:
                    stack.append((below, child))
    return False


class Mapper:
    """One record's mapping: collects extras and warnings while it builds the model's dict."""

    __slots__ = ("extras", "record_id", "warnings")

    def __init__(self, record_id: str | None) -> None:
        self.record_id = record_id
        self.extras: dict[str, Any] = {}
        self.warnings: list[ParseWarning] = []

    # -- errors and bookkeeping -------------------------------------------------------------
    def fail(self, path: str, expected: str, got: Any) -> MalformedRecord:
        return wrong_value(self.record_id, path, expected, got)

    def rest(self, obj: dict[str, Any], path: str, mapped: frozenset[str], schema: str) -> None:
        """Keep the keys of `obj` that were not mapped; warn for those the v2 model lacks."""
        unmapped = [key for key in obj if key not in mapped]  # in the record's order
        if not unmapped:
            return
        known = KNOWN.get(schema, frozenset())
        children = CHILDREN.get(schema, {})
        for key in unmapped:
            key_path = join(path, key)
            value = obj[key]
            self.extras[key_path] = value
            if key not in known:
                self.unknown_key(key_path)
            elif key in children and value is not None:
                self.kept(value, key_path, children[key])

    def kept(self, value: Any, path: str, schema: str) -> None:
        """Audit content of `schema` kept whole in extras."""
        if _has_unknown(value, schema):
            self.audit(value, path, schema)

    def audit(self, value: Any, path: str, schema: str) -> None:
        """Warn, with their paths, for the keys the v2 model lacks inside kept content."""
        if isinstance(value, list):
            for index, item in enumerate(value):
                self.audit(item, f"{path}[{index}]", schema)
        elif isinstance(value, dict):
            known = KNOWN[schema]
            for key in [key for key in value if key not in known]:
                self.unknown_key(join(path, key))
            for key, child in CHILDREN.get(schema, {}).items():
                found = value.get(key)
                if found is not None:
                    self.audit(found, join(path, key), child)

    def unknown_key(self, path: str) -> None:
        self.warnings.append(
            ParseWarning(
                code=WarningCode.UNKNOWN_KEY.value,
                path=path,
                message="key not in the ClinicalTrials.gov v2 data model; kept in extras",
            )
        )

    # -- typed getters ----------------------------------------------------------------------
    def obj(self, parent: dict[str, Any], key: str, path: str) -> dict[str, Any] | None:
        value = parent.get(key)
        if value is None or isinstance(value, dict):
            return value
        raise self.fail(f"{path}.{key}", "an object", value)

    def items(self, parent: dict[str, Any], key: str, path: str) -> list[Any]:
        value = parent.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            return value
        raise self.fail(f"{path}.{key}", "an array", value)

    def item_obj(self, value: Any, path: str) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        raise self.fail(path, "an object", value)

    def text(self, parent: dict[str, Any], key: str, path: str) -> str | None:
        value = parent.get(key)
        if value is None or isinstance(value, str):
            return value
        raise self.fail(f"{path}.{key}", "a string", value)

    def texts(self, parent: dict[str, Any], key: str, path: str) -> list[str]:
        values = self.items(parent, key, path)
        for index, value in enumerate(values):
            if not isinstance(value, str):
                raise self.fail(f"{path}.{key}[{index}]", "a string", value)
        return values

    def flag(self, parent: dict[str, Any], key: str, path: str) -> bool | None:
        value = parent.get(key)
        if value is None or isinstance(value, bool):
            return value
        raise self.fail(f"{path}.{key}", "true or false", value)

    def integer(self, parent: dict[str, Any], key: str, path: str) -> int | None:
        value = parent.get(key)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise self.fail(f"{path}.{key}", "an integer", value)

    def enum(
        self, enum_type: type[StrEnum], parent: dict[str, Any], key: str, path: str
    ) -> str | None:
        value = parent.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(f"{path}.{key}", f"a {enum_type.__name__} value", value)
        if value not in _values(enum_type):
            self.unknown_enum(enum_type, value, f"{path}.{key}")
        return value

    def unknown_enum(self, enum_type: type[StrEnum], value: str, path: str) -> None:
        self.warnings.append(
            ParseWarning(
                code=WarningCode.UNKNOWN_ENUM_VALUE.value,
                path=path,
                message=f"{value!r} is not a {enum_type.__name__} value of the "
                "ClinicalTrials.gov v2 data model; kept as written",
            )
        )

    def date(self, value: Any, path: str, date_type: Any = None) -> dict[str, Any] | None:
        if value is None:
            return None
        parts = parse_date_parts(value) if isinstance(value, str) else None
        if parts is None:
            raise self.fail(path, 'a date "yyyy", "yyyy-MM" or "yyyy-MM-dd"', value)
        year, month, day = parts
        return {
            "year": year,
            "month": month,
            "day": day,
            "precision": "year" if month is None else "month" if day is None else "day",
            "type": date_type,
        }

    def date_struct(self, parent: dict[str, Any], key: str, path: str) -> dict[str, Any] | None:
        struct = self.obj(parent, key, path)
        if struct is None:
            return None
        struct_path = f"{path}.{key}"
        date_type = self.enum(DateType, struct, "type", struct_path)
        result = self.date(struct.get("date"), f"{struct_path}.date", date_type)
        self.rest(struct, struct_path, DATE_KEYS, "PartialDateStruct")
        return result

    def age(self, parent: dict[str, Any], key: str, path: str) -> Age | None:
        value = parent.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(f"{path}.{key}", 'an age "<number> <unit>"', value)
        try:
            return Age.parse(value)
        except ValueError:
            raise self.fail(f"{path}.{key}", 'an age "<number> <unit>"', value) from None

    def each(
        self,
        parent: dict[str, Any],
        key: str,
        path: str,
        build: Callable[[dict[str, Any], str], dict[str, Any]],
    ) -> list[dict[str, Any]]:
        return [
            build(self.item_obj(item, f"{path}.{key}[{index}]"), f"{path}.{key}[{index}]")
            for index, item in enumerate(self.items(parent, key, path))
        ]

    # -- modules ----------------------------------------------------------------------------
    def identification(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        out["nct_id"] = self.text(module, "nctId", path)
        org = self.obj(module, "orgStudyIdInfo", path)
        if org is not None:
            out["org_study_id"] = self.text(org, "id", f"{path}.orgStudyIdInfo")
            self.rest(org, f"{path}.orgStudyIdInfo", ID_KEYS, "OrgStudyIdInfo")
        out["secondary_ids"] = self.each(module, "secondaryIdInfos", path, self.secondary_id)
        out["brief_title"] = self.text(module, "briefTitle", path)
        out["official_title"] = self.text(module, "officialTitle", path)
        out["acronym"] = self.text(module, "acronym", path)
        self.rest(module, path, IDENTIFICATION_KEYS, "IdentificationModule")

    def secondary_id(self, item: dict[str, Any], path: str) -> dict[str, Any]:
        result = {
            "id": self.text(item, "id", path),
            "type": self.enum(SecondaryIdType, item, "type", path),
            "domain": self.text(item, "domain", path),
        }
        self.rest(item, path, SECONDARY_ID_KEYS, "SecondaryIdInfo")
        return result

    def status(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        first_submitted = self.date(
            module.get("studyFirstSubmitDate"), f"{path}.studyFirstSubmitDate"
        )
        out["status"] = {
            "overall": self.enum(OverallStatus, module, "overallStatus", path),
            "why_stopped": self.text(module, "whyStopped", path),
            "start_date": self.date_struct(module, "startDateStruct", path),
            "primary_completion_date": self.date_struct(
                module, "primaryCompletionDateStruct", path
            ),
            "completion_date": self.date_struct(module, "completionDateStruct", path),
            "first_submitted": first_submitted,
            "last_updated": self.date_struct(module, "lastUpdatePostDateStruct", path),
        }
        self.rest(module, path, STATUS_KEYS, "StatusModule")

    def organization(self, item: dict[str, Any], path: str) -> dict[str, Any]:
        result = {
            "name": self.text(item, "name", path),
            "agency_class": self.enum(AgencyClass, item, "class", path),
        }
        self.rest(item, path, SPONSOR_KEYS, "Sponsor")
        return result

    def sponsors(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        party = self.obj(module, "responsibleParty", path)
        if party is not None:
            party_path = f"{path}.responsibleParty"
            out["responsible_party"] = {
                "type": self.enum(ResponsiblePartyType, party, "type", party_path),
                "investigator_name": self.text(party, "investigatorFullName", party_path),
                "investigator_affiliation": self.text(party, "investigatorAffiliation", party_path),
            }
            self.rest(party, party_path, PARTY_KEYS, "ResponsibleParty")
        lead = self.obj(module, "leadSponsor", path)
        if lead is not None:
            out["lead_sponsor"] = self.organization(lead, f"{path}.leadSponsor")
        out["collaborators"] = self.each(module, "collaborators", path, self.organization)
        self.rest(module, path, SPONSORS_KEYS, "SponsorCollaboratorsModule")

    def description(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        out["brief_summary"] = self.text(module, "briefSummary", path)
        out["detailed_description"] = self.text(module, "detailedDescription", path)
        self.rest(module, path, DESCRIPTION_KEYS, "DescriptionModule")

    def conditions(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        out["conditions"] = self.texts(module, "conditions", path)
        out["keywords"] = self.texts(module, "keywords", path)
        self.rest(module, path, CONDITIONS_KEYS, "ConditionsModule")

    def design(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        phases = self.texts(module, "phases", path)
        known_phases = _values(Phase)
        for index, phase in enumerate(phases):
            if phase not in known_phases:
                self.unknown_enum(Phase, phase, f"{path}.phases[{index}]")
        design: dict[str, Any] = {
            "study_type": self.enum(StudyType, module, "studyType", path),
            "phases": phases,
        }
        info = self.obj(module, "designInfo", path)
        if info is not None:
            info_path = f"{path}.designInfo"
            design["allocation"] = self.enum(Allocation, info, "allocation", info_path)
            design["intervention_model"] = self.enum(
                InterventionModel, info, "interventionModel", info_path
            )
            design["primary_purpose"] = self.enum(PrimaryPurpose, info, "primaryPurpose", info_path)
            masking = self.obj(info, "maskingInfo", info_path)
            if masking is not None:
                masking_path = f"{info_path}.maskingInfo"
                design["masking"] = self.enum(Masking, masking, "masking", masking_path)
                self.rest(masking, masking_path, MASKING_KEYS, "MaskingBlock")
            self.rest(info, info_path, DESIGN_INFO_KEYS, "DesignInfo")
        enrollment = self.obj(module, "enrollmentInfo", path)
        if enrollment is not None:
            enrollment_path = f"{path}.enrollmentInfo"
            design["enrollment"] = {
                "count": self.integer(enrollment, "count", enrollment_path),
                "type": self.enum(EnrollmentType, enrollment, "type", enrollment_path),
            }
            self.rest(enrollment, enrollment_path, ENROLLMENT_KEYS, "EnrollmentInfo")
        out["design"] = design
        self.rest(module, path, DESIGN_KEYS, "DesignModule")

    def arm(self, item: dict[str, Any], path: str) -> dict[str, Any]:
        result = {
            "label": self.text(item, "label", path),
            "type": self.enum(ArmGroupType, item, "type", path),
            "description": self.text(item, "description", path),
            "intervention_names": self.texts(item, "interventionNames", path),
        }
        self.rest(item, path, ARM_KEYS, "ArmGroup")
        return result

    def intervention(self, item: dict[str, Any], path: str) -> dict[str, Any]:
        result = {
            "name": self.text(item, "name", path),
            "type": self.enum(InterventionType, item, "type", path),
            "description": self.text(item, "description", path),
            "arm_labels": self.texts(item, "armGroupLabels", path),
            "other_names": self.texts(item, "otherNames", path),
        }
        self.rest(item, path, INTERVENTION_KEYS, "Intervention")
        return result

    def arms_interventions(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        out["arms"] = self.each(module, "armGroups", path, self.arm)
        out["interventions"] = self.each(module, "interventions", path, self.intervention)
        self.rest(module, path, ARMS_KEYS, "ArmsInterventionsModule")

    def outcomes(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        outcomes: list[dict[str, Any]] = []
        for key, kind in OUTCOME_LISTS:
            for index, item in enumerate(self.items(module, key, path)):
                item_path = f"{path}.{key}[{index}]"
                item = self.item_obj(item, item_path)
                outcomes.append(
                    {
                        "kind": kind,
                        "measure": self.text(item, "measure", item_path),
                        "description": self.text(item, "description", item_path),
                        "time_frame": self.text(item, "timeFrame", item_path),
                    }
                )
                self.rest(item, item_path, OUTCOME_KEYS, "Outcome")
        out["outcomes"] = outcomes
        self.rest(module, path, OUTCOMES_KEYS, "OutcomesModule")

    def eligibility(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        written = self.text(module, "eligibilityCriteria", path)
        criteria = None if written is None else unescape_markdown(written)
        if criteria is not None and escape_backslashes(criteria) != written:
            # the registry escapes markdown punctuation unevenly ("\\*" beside "*", "\\." beside
            # "."): the text as written is kept so that the v2 shape can be rebuilt exactly
            self.extras[CRITERIA_PATH] = written
        inclusion, exclusion = split_criteria(criteria)
        out["eligibility"] = {
            "criteria_text": criteria,
            "inclusion": inclusion,
            "exclusion": exclusion,
            "sex": self.enum(Sex, module, "sex", path),
            "minimum_age": self.age(module, "minimumAge", path),
            "maximum_age": self.age(module, "maximumAge", path),
            "healthy_volunteers": self.flag(module, "healthyVolunteers", path),
        }
        self.rest(module, path, ELIGIBILITY_KEYS, "EligibilityModule")

    def contact(self, item: dict[str, Any], path: str) -> dict[str, Any]:
        result = {
            "name": self.text(item, "name", path),
            "role": self.enum(ContactRole, item, "role", path),
            "phone": self.text(item, "phone", path),
            "phone_ext": self.text(item, "phoneExt", path),
            "email": self.text(item, "email", path),
        }
        self.rest(item, path, CONTACT_KEYS, "Contact")
        return result

    def official(self, item: dict[str, Any], path: str) -> dict[str, Any]:
        result = {
            "name": self.text(item, "name", path),
            "role": self.enum(OfficialRole, item, "role", path),
            "affiliation": self.text(item, "affiliation", path),
        }
        self.rest(item, path, OFFICIAL_KEYS, "Official")
        return result

    def location(self, item: dict[str, Any], path: str) -> dict[str, Any]:
        result = {
            "facility": self.text(item, "facility", path),
            "city": self.text(item, "city", path),
            "state": self.text(item, "state", path),
            "zip": self.text(item, "zip", path),
            "country": self.text(item, "country", path),
            "status": self.enum(RecruitmentStatus, item, "status", path),
            "contacts": self.each(item, "contacts", path, self.contact),
        }
        self.rest(item, path, LOCATION_KEYS, "Location")
        return result

    def contacts_locations(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        out["central_contacts"] = self.each(module, "centralContacts", path, self.contact)
        out["officials"] = self.each(module, "overallOfficials", path, self.official)
        out["locations"] = self.each(module, "locations", path, self.location)
        self.rest(module, path, CONTACTS_LOCATIONS_KEYS, "ContactsLocationsModule")


DATE_KEYS = frozenset({"date", "type"})
ID_KEYS = frozenset({"id"})
SECONDARY_ID_KEYS = frozenset({"id", "type", "domain"})
IDENTIFICATION_KEYS = frozenset(
    {"nctId", "orgStudyIdInfo", "secondaryIdInfos", "briefTitle", "officialTitle", "acronym"}
)
STATUS_KEYS = frozenset(
    {
        "overallStatus",
        "whyStopped",
        "startDateStruct",
        "primaryCompletionDateStruct",
        "completionDateStruct",
        "studyFirstSubmitDate",
        "lastUpdatePostDateStruct",
    }
)
SPONSOR_KEYS = frozenset({"name", "class"})
PARTY_KEYS = frozenset({"type", "investigatorFullName", "investigatorAffiliation"})
SPONSORS_KEYS = frozenset({"responsibleParty", "leadSponsor", "collaborators"})
DESCRIPTION_KEYS = frozenset({"briefSummary", "detailedDescription"})
CONDITIONS_KEYS = frozenset({"conditions", "keywords"})
MASKING_KEYS = frozenset({"masking"})
DESIGN_INFO_KEYS = frozenset({"allocation", "interventionModel", "primaryPurpose", "maskingInfo"})
ENROLLMENT_KEYS = frozenset({"count", "type"})
DESIGN_KEYS = frozenset({"studyType", "phases", "designInfo", "enrollmentInfo"})
ARM_KEYS = frozenset({"label", "type", "description", "interventionNames"})
INTERVENTION_KEYS = frozenset({"name", "type", "description", "armGroupLabels", "otherNames"})
ARMS_KEYS = frozenset({"armGroups", "interventions"})
OUTCOME_KEYS = frozenset({"measure", "description", "timeFrame"})
OUTCOMES_KEYS = frozenset(key for key, _ in OUTCOME_LISTS)
ELIGIBILITY_KEYS = frozenset(
    {"eligibilityCriteria", "sex", "minimumAge", "maximumAge", "healthyVolunteers"}
)
CONTACT_KEYS = frozenset({"name", "role", "phone", "phoneExt", "email"})
OFFICIAL_KEYS = frozenset({"name", "role", "affiliation"})
LOCATION_KEYS = frozenset({"facility", "city", "state", "zip", "country", "status", "contacts"})
CONTACTS_LOCATIONS_KEYS = frozenset({"centralContacts", "overallOfficials", "locations"})

MODULES: dict[str, Callable[[Mapper, dict[str, Any], str, dict[str, Any]], None]] = {
    "identificationModule": Mapper.identification,
    "statusModule": Mapper.status,
    "sponsorCollaboratorsModule": Mapper.sponsors,
    "descriptionModule": Mapper.description,
    "conditionsModule": Mapper.conditions,
    "designModule": Mapper.design,
    "armsInterventionsModule": Mapper.arms_interventions,
    "outcomesModule": Mapper.outcomes,
    "eligibilityModule": Mapper.eligibility,
    "contactsLocationsModule": Mapper.contacts_locations,
}
STUDY_KEYS = frozenset({_PROTOCOL, "hasResults"})


def all_warnings(
    reader_warnings: list[ParseWarning], found: list[ParseWarning]
) -> list[ParseWarning]:
    """The reader's warnings, then the mapping's: sorted by path, so that their order does not
    depend on the order of keys in the input."""
    return [*reader_warnings, *sorted(found, key=lambda w: (w.path, w.code))]


def record_id_of(data: dict[str, Any], fallback: str | None) -> str | None:
    protocol = data.get(_PROTOCOL)
    if isinstance(protocol, dict):
        identification = protocol.get("identificationModule")
        if isinstance(identification, dict):
            nct_id = identification.get("nctId")
            if isinstance(nct_id, str) and nct_id:
                return nct_id
    return fallback


def map_record(raw: RawRecord) -> Study:
    """Map a record in the v2 JSON shape onto a `Study`, checking and recording as it goes."""
    data = raw.data
    mapper = Mapper(record_id_of(data, raw.path))
    if _PROTOCOL not in data:
        raise MalformedRecord(
            "not a ClinicalTrials.gov study: no protocolSection "
            f"(top-level keys: {', '.join(sorted(map(str, data))[:8]) or 'none'})",
            record_id=mapper.record_id,
            location="$",
        )
    protocol = mapper.obj(data, _PROTOCOL, "$")
    if protocol is None:
        raise MalformedRecord(
            "not a ClinicalTrials.gov study: protocolSection is null",
            record_id=mapper.record_id,
            location=_PROTOCOL,
        )
    out: dict[str, Any] = {}
    for key, module in protocol.items():
        path = f"{_PROTOCOL}.{key}"
        handler = MODULES.get(key)
        if handler is None or module is None:
            mapper.rest({key: module}, _PROTOCOL, frozenset(), "ProtocolSection")
            continue
        if not isinstance(module, dict):
            raise mapper.fail(path, "an object", module)
        handler(mapper, module, path, out)
    has_results = mapper.flag(data, "hasResults", "$")
    out["has_results"] = bool(has_results)
    mapper.rest(data, "", STUDY_KEYS, "Study")
    out["related_trials"] = raw.related_trials
    out["source"] = {"format": raw.format, "registry": raw.registry, "path": raw.path}
    # what a reader kept is taken over, not copied, when the mapping kept nothing itself
    # (200,000 kept attributes make a table of several MB)
    extras = raw.extras
    if mapper.extras or type(extras) is not dict:
        extras = {**mapper.extras, **extras}
    out["extras"] = extras
    check_depth(extras, mapper.record_id)
    out["warnings"] = all_warnings(raw.warnings, mapper.warnings)
    try:
        return Study.model_validate(out)
    except ValidationError as exc:
        first = exc.errors()[0]
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise MalformedRecord(
            f"record does not fit the model: {first['msg']}{more}",
            record_id=mapper.record_id,
            location=".".join(map(str, first["loc"])) or None,
        ) from None
