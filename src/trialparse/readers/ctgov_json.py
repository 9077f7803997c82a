"""ClinicalTrials.gov API v2 JSON ⇄ `Study`: the one mapping every reader goes through.

`build_study` maps a record in the v2 JSON shape (from the API, or built by the XML, HTML and
text readers) onto the model. What the model does not hold is kept in `Study.extras` under its
JSON path (``protocolSection.statusModule.statusVerifiedDate``,
``protocolSection.contactsLocationsModule.locations[3].geoPoint``, ``resultsSection``); keys the
v2 data model does not define also get a warning. `study_to_ctgov_json` is the inverse: it
rebuilds the v2 shape and puts the extras back, so for v2 input
``parse_record(s.to_ctgov_json())`` equals ``s`` apart from `source`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

import orjson
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
from ..model.values import Age, PartialDate, parse_date_parts
from ..normalise.criteria import split_criteria
from .base import RawRecord, check_depth, wrong_value
from .detect import decode_text
from .v2_schema import SCHEMA_CHILDREN, SCHEMA_KEYS

__all__ = ["build_study", "read", "study_to_ctgov_json"]

_KNOWN = {name: frozenset(keys) for name, keys in SCHEMA_KEYS.items()}
_CHILDREN = SCHEMA_CHILDREN
_ENUM_VALUES: dict[type[StrEnum], frozenset[str]] = {}
_NCT_ID = re.compile(r"NCT\d{8}")

# Sections and protocol modules the model maps; the others are kept whole in extras.
_PROTOCOL = "protocolSection"
_OUTCOME_LISTS = (
    ("primaryOutcomes", "PRIMARY"),
    ("secondaryOutcomes", "SECONDARY"),
    ("otherOutcomes", "OTHER"),
)


def _values(enum_type: type[StrEnum]) -> frozenset[str]:
    found = _ENUM_VALUES.get(enum_type)
    if found is None:
        found = _ENUM_VALUES[enum_type] = frozenset(member.value for member in enum_type)
    return found


def _has_unknown(value: Any, schema: str) -> bool:
    """Whether content of `schema` holds a key the v2 model lacks (a fast pass, no paths)."""
    stack = [(value, schema)]
    while stack:
        node, node_schema = stack.pop()
        if type(node) is list:
            items = [item for item in node if type(item) is dict]
            # the keys of all items at once: one set operation for a list of leaf objects
            if items and not set().union(*items) <= _KNOWN[node_schema]:
                return True
            children = _CHILDREN.get(node_schema)
            if children:
                for item in items:
                    for key, child in children.items():
                        found = item.get(key)
                        if found is not None:
                            stack.append((found, child))
        elif type(node) is dict:
            if not node.keys() <= _KNOWN[node_schema]:
                return True
            children = _CHILDREN.get(node_schema)
            if children:
                for key, child in children.items():
                    found = node.get(key)
                    if found is not None:
                        stack.append((found, child))
    return False


class _Mapper:
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
        unmapped = obj.keys() - mapped
        if not unmapped:
            return
        known = _KNOWN.get(schema, frozenset())
        children = _CHILDREN.get(schema, {})
        for key in unmapped:
            key_path = _join(path, key)
            value = obj[key]
            self.extras[key_path] = value
            if key not in known:
                self.unknown_key(key_path)
            elif key in children and value is not None and _has_unknown(value, children[key]):
                self.audit(value, key_path, children[key])

    def audit(self, value: Any, path: str, schema: str) -> None:
        """Warn, with their paths, for the keys the v2 model lacks inside kept content."""
        if isinstance(value, list):
            for index, item in enumerate(value):
                self.audit(item, f"{path}[{index}]", schema)
        elif isinstance(value, dict):
            for key in value.keys() - _KNOWN[schema]:
                self.unknown_key(_join(path, key))
            for key, child in _CHILDREN.get(schema, {}).items():
                found = value.get(key)
                if found is not None:
                    self.audit(found, _join(path, key), child)

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
        self.rest(struct, struct_path, _DATE_KEYS, "PartialDateStruct")
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
            self.rest(org, f"{path}.orgStudyIdInfo", _ID_KEYS, "OrgStudyIdInfo")
        out["secondary_ids"] = self.each(module, "secondaryIdInfos", path, self.secondary_id)
        out["brief_title"] = self.text(module, "briefTitle", path)
        out["official_title"] = self.text(module, "officialTitle", path)
        out["acronym"] = self.text(module, "acronym", path)
        self.rest(module, path, _IDENTIFICATION_KEYS, "IdentificationModule")

    def secondary_id(self, item: dict[str, Any], path: str) -> dict[str, Any]:
        result = {
            "id": self.text(item, "id", path),
            "type": self.enum(SecondaryIdType, item, "type", path),
            "domain": self.text(item, "domain", path),
        }
        self.rest(item, path, _SECONDARY_ID_KEYS, "SecondaryIdInfo")
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
        self.rest(module, path, _STATUS_KEYS, "StatusModule")

    def organization(self, item: dict[str, Any], path: str) -> dict[str, Any]:
        result = {
            "name": self.text(item, "name", path),
            "agency_class": self.enum(AgencyClass, item, "class", path),
        }
        self.rest(item, path, _SPONSOR_KEYS, "Sponsor")
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
            self.rest(party, party_path, _PARTY_KEYS, "ResponsibleParty")
        lead = self.obj(module, "leadSponsor", path)
        if lead is not None:
            out["lead_sponsor"] = self.organization(lead, f"{path}.leadSponsor")
        out["collaborators"] = self.each(module, "collaborators", path, self.organization)
        self.rest(module, path, _SPONSORS_KEYS, "SponsorCollaboratorsModule")

    def description(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        out["brief_summary"] = self.text(module, "briefSummary", path)
        out["detailed_description"] = self.text(module, "detailedDescription", path)
        self.rest(module, path, _DESCRIPTION_KEYS, "DescriptionModule")

    def conditions(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        out["conditions"] = self.texts(module, "conditions", path)
        out["keywords"] = self.texts(module, "keywords", path)
        self.rest(module, path, _CONDITIONS_KEYS, "ConditionsModule")

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
                self.rest(masking, masking_path, _MASKING_KEYS, "MaskingBlock")
            self.rest(info, info_path, _DESIGN_INFO_KEYS, "DesignInfo")
        enrollment = self.obj(module, "enrollmentInfo", path)
        if enrollment is not None:
            enrollment_path = f"{path}.enrollmentInfo"
            design["enrollment"] = {
                "count": self.integer(enrollment, "count", enrollment_path),
                "type": self.enum(EnrollmentType, enrollment, "type", enrollment_path),
            }
            self.rest(enrollment, enrollment_path, _ENROLLMENT_KEYS, "EnrollmentInfo")
        out["design"] = design
        self.rest(module, path, _DESIGN_KEYS, "DesignModule")

    def arm(self, item: dict[str, Any], path: str) -> dict[str, Any]:
        result = {
            "label": self.text(item, "label", path),
            "type": self.enum(ArmGroupType, item, "type", path),
            "description": self.text(item, "description", path),
            "intervention_names": self.texts(item, "interventionNames", path),
        }
        self.rest(item, path, _ARM_KEYS, "ArmGroup")
        return result

    def intervention(self, item: dict[str, Any], path: str) -> dict[str, Any]:
        result = {
            "name": self.text(item, "name", path),
            "type": self.enum(InterventionType, item, "type", path),
            "description": self.text(item, "description", path),
            "arm_labels": self.texts(item, "armGroupLabels", path),
            "other_names": self.texts(item, "otherNames", path),
        }
        self.rest(item, path, _INTERVENTION_KEYS, "Intervention")
        return result

    def arms_interventions(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        out["arms"] = self.each(module, "armGroups", path, self.arm)
        out["interventions"] = self.each(module, "interventions", path, self.intervention)
        self.rest(module, path, _ARMS_KEYS, "ArmsInterventionsModule")

    def outcomes(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        outcomes: list[dict[str, Any]] = []
        for key, kind in _OUTCOME_LISTS:
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
                self.rest(item, item_path, _OUTCOME_KEYS, "Outcome")
        out["outcomes"] = outcomes
        self.rest(module, path, _OUTCOMES_KEYS, "OutcomesModule")

    def eligibility(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        criteria = self.text(module, "eligibilityCriteria", path)
        if criteria is not None:
            criteria = unescape_markdown(criteria)
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
        self.rest(module, path, _ELIGIBILITY_KEYS, "EligibilityModule")

    def contact(self, item: dict[str, Any], path: str) -> dict[str, Any]:
        result = {
            "name": self.text(item, "name", path),
            "role": self.enum(ContactRole, item, "role", path),
            "phone": self.text(item, "phone", path),
            "phone_ext": self.text(item, "phoneExt", path),
            "email": self.text(item, "email", path),
        }
        self.rest(item, path, _CONTACT_KEYS, "Contact")
        return result

    def official(self, item: dict[str, Any], path: str) -> dict[str, Any]:
        result = {
            "name": self.text(item, "name", path),
            "role": self.enum(OfficialRole, item, "role", path),
            "affiliation": self.text(item, "affiliation", path),
        }
        self.rest(item, path, _OFFICIAL_KEYS, "Official")
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
        self.rest(item, path, _LOCATION_KEYS, "Location")
        return result

    def contacts_locations(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        out["central_contacts"] = self.each(module, "centralContacts", path, self.contact)
        out["officials"] = self.each(module, "overallOfficials", path, self.official)
        out["locations"] = self.each(module, "locations", path, self.location)
        self.rest(module, path, _CONTACTS_LOCATIONS_KEYS, "ContactsLocationsModule")


_DATE_KEYS = frozenset({"date", "type"})
_ID_KEYS = frozenset({"id"})
_SECONDARY_ID_KEYS = frozenset({"id", "type", "domain"})
_IDENTIFICATION_KEYS = frozenset(
    {"nctId", "orgStudyIdInfo", "secondaryIdInfos", "briefTitle", "officialTitle", "acronym"}
)
_STATUS_KEYS = frozenset(
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
_SPONSOR_KEYS = frozenset({"name", "class"})
_PARTY_KEYS = frozenset({"type", "investigatorFullName", "investigatorAffiliation"})
_SPONSORS_KEYS = frozenset({"responsibleParty", "leadSponsor", "collaborators"})
_DESCRIPTION_KEYS = frozenset({"briefSummary", "detailedDescription"})
_CONDITIONS_KEYS = frozenset({"conditions", "keywords"})
_MASKING_KEYS = frozenset({"masking"})
_DESIGN_INFO_KEYS = frozenset({"allocation", "interventionModel", "primaryPurpose", "maskingInfo"})
_ENROLLMENT_KEYS = frozenset({"count", "type"})
_DESIGN_KEYS = frozenset({"studyType", "phases", "designInfo", "enrollmentInfo"})
_ARM_KEYS = frozenset({"label", "type", "description", "interventionNames"})
_INTERVENTION_KEYS = frozenset({"name", "type", "description", "armGroupLabels", "otherNames"})
_ARMS_KEYS = frozenset({"armGroups", "interventions"})
_OUTCOME_KEYS = frozenset({"measure", "description", "timeFrame"})
_OUTCOMES_KEYS = frozenset(key for key, _ in _OUTCOME_LISTS)
_ELIGIBILITY_KEYS = frozenset(
    {"eligibilityCriteria", "sex", "minimumAge", "maximumAge", "healthyVolunteers"}
)
_CONTACT_KEYS = frozenset({"name", "role", "phone", "phoneExt", "email"})
_OFFICIAL_KEYS = frozenset({"name", "role", "affiliation"})
_LOCATION_KEYS = frozenset({"facility", "city", "state", "zip", "country", "status", "contacts"})
_CONTACTS_LOCATIONS_KEYS = frozenset({"centralContacts", "overallOfficials", "locations"})

_MODULES: dict[str, Callable[[_Mapper, dict[str, Any], str, dict[str, Any]], None]] = {
    "identificationModule": _Mapper.identification,
    "statusModule": _Mapper.status,
    "sponsorCollaboratorsModule": _Mapper.sponsors,
    "descriptionModule": _Mapper.description,
    "conditionsModule": _Mapper.conditions,
    "designModule": _Mapper.design,
    "armsInterventionsModule": _Mapper.arms_interventions,
    "outcomesModule": _Mapper.outcomes,
    "eligibilityModule": _Mapper.eligibility,
    "contactsLocationsModule": _Mapper.contacts_locations,
}
_STUDY_KEYS = frozenset({_PROTOCOL, "hasResults"})


def _record_id(data: dict[str, Any], fallback: str | None) -> str | None:
    protocol = data.get(_PROTOCOL)
    if isinstance(protocol, dict):
        identification = protocol.get("identificationModule")
        if isinstance(identification, dict):
            nct_id = identification.get("nctId")
            if isinstance(nct_id, str) and nct_id:
                return nct_id
    return fallback


def build_study(raw: RawRecord) -> Study:
    """Map a record in the v2 JSON shape onto a `Study` (the one mapping every reader uses)."""
    data = raw.data
    mapper = _Mapper(_record_id(data, raw.path))
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
        handler = _MODULES.get(key)
        if handler is None or module is None:
            mapper.rest({key: module}, _PROTOCOL, frozenset(), "ProtocolSection")
            continue
        if not isinstance(module, dict):
            raise mapper.fail(path, "an object", module)
        handler(mapper, module, path, out)
    has_results = mapper.flag(data, "hasResults", "$")
    out["has_results"] = bool(has_results)
    mapper.rest(data, "", _STUDY_KEYS, "Study")
    out["related_trials"] = raw.related_trials
    out["source"] = {"format": raw.format, "registry": raw.registry, "path": raw.path}
    out["extras"] = extras = {**mapper.extras, **raw.extras}
    check_depth(extras, mapper.record_id)
    # Sorted by path so that the order does not depend on the order of keys in the input.
    out["warnings"] = [*raw.warnings, *sorted(mapper.warnings, key=lambda w: (w.path, w.code))]
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


def _decode(content: bytes | str, path: str | None) -> Any:
    if isinstance(content, str):
        content = content.lstrip("\ufeff")
    elif content[:2] in (b"\xff\xfe", b"\xfe\xff") or content[:3] == b"\xef\xbb\xbf":
        content = decode_text(content)
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError as exc:
        raise MalformedRecord(f"invalid JSON: {exc}", record_id=path, location="$") from None


def read(content: bytes | str | dict[str, Any], *, path: str | None = None) -> Study:
    """Read one ClinicalTrials.gov study in API v2 JSON (or classic v1 JSON) into a `Study`."""
    data = content if isinstance(content, dict) else _decode(content, path)
    if isinstance(data, list):
        raise MalformedRecord(
            f"a JSON array of {len(data)} records, not one study: parse each item, "
            "or use `trialparse batch`",
            record_id=path,
            location="$",
        )
    if not isinstance(data, dict):
        raise MalformedRecord(
            f"expected a JSON object (one study), got {type(data).__name__}",
            record_id=path,
            location="$",
        )
    if "studies" in data and _PROTOCOL not in data:
        raise MalformedRecord(
            "an API page of studies, not one study: parse each item of 'studies', "
            "or use `trialparse batch`",
            record_id=path,
            location="$.studies",
        )
    if ("Study" in data or "FullStudiesResponse" in data) and _PROTOCOL not in data:
        from . import ctgov_v1  # imported here: ctgov_v1 builds on this module

        return ctgov_v1.read(data, path=path)
    return build_study(RawRecord(data=data, format="ctgov-json", path=path))


# -- Study → v2 JSON ------------------------------------------------------------------------


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


_PLAIN_KEY = re.compile(r"[A-Za-z_$][\w$-]*")
_PATH_PART = re.compile(r"\.?([^.\[\]']+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")
_QUOTED_ESCAPE = re.compile(r"\\(.)")


def _join(path: str, key: str) -> str:
    """`path` + `key` as a JSON path; odd keys (empty, with dots or brackets) are quoted."""
    if _PLAIN_KEY.fullmatch(key):
        return f"{path}.{key}" if path else key
    quoted = key.replace("\\", "\\\\").replace("'", "\\'")
    return f"{path}['{quoted}']"


def _split_path(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for plain, index, quoted in _PATH_PART.findall(path):
        if index:
            parts.append(int(index))
        elif plain:
            parts.append(plain)
        else:
            parts.append(_QUOTED_ESCAPE.sub(r"\1", quoted))
    return parts


def _put(root: dict[str, Any], path: str, value: Any) -> None:
    """Set `value` at a JSON path such as ``a.b[2].c``, creating objects on the way."""
    parts = _split_path(path)
    if not parts:
        return
    node: Any = root
    for part, following in itertools.pairwise(parts):
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return
            node = node[part]
            continue
        if not isinstance(node, dict):
            return
        child = node.get(part)
        if child is None:
            child = node[part] = [] if isinstance(following, int) else {}
        node = child
    last = parts[-1]
    if isinstance(node, dict) and isinstance(last, str):
        node[last] = value


_V2_TOP = frozenset(
    {
        _PROTOCOL,
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
                for key, kind in _OUTCOME_LISTS
            }
        ),
        "eligibilityModule": _drop_empty(
            {
                "eligibilityCriteria": None
                if eligibility.criteria_text is None
                else escape_backslashes(eligibility.criteria_text),
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
    result: dict[str, Any] = {_PROTOCOL: {k: v for k, v in protocol.items() if v}}
    # Extras of v2 input are JSON paths and all go back; other readers key theirs by source
    # path (XML element, page label), of which only v2 section paths have a place here.
    from_json = study.source is None or study.source.format == "ctgov-json"
    for path, value in study.extras.items():
        if from_json or path.split(".", 1)[0].split("[", 1)[0] in _V2_TOP:
            _put(result, path, value)
    result["hasResults"] = study.has_results
    return result
