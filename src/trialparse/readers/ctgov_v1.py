"""Classic ClinicalTrials.gov API v1 JSON (``FullStudiesResponse``) into the v2 JSON shape.

The classic API (retired in 2024) wrote PascalCase keys prefixed with their entity
(``LeadSponsorName``), wrapped lists in ``...List`` objects (``ConditionList.Condition``), kept
every number as a string and gave display values ("Recruiting", "Phase 1", "March 15, 2021").
Keys with no v2 place are kept in `Study.extras` under their v1 path, with a warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson

from ..errors import MalformedRecord
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
    PrimaryPurpose,
    RecruitmentStatus,
    ResponsiblePartyType,
    SecondaryIdType,
    Sex,
    StrEnum,
    StudyType,
)
from ..model.study import Format, Study
from ..model.values import Age, parse_date_parts
from .base import RawRecord, wrong_value
from .ctgov_json import build_study
from .detect import decode_text
from .labels import phases_from_display, to_v2

__all__ = ["iter_v1_studies", "read"]

FORMAT: Format = "ctgov-json"
REGISTRY = "ctgov"

# "Accepts Healthy Volunteers" / "No", as the classic API wrote HealthyVolunteers.
_HEALTHY = {"accepts healthy volunteers": True, "yes": True, "no": False}


class _Node:
    """A v1 object being mapped: values are taken out; what is left is kept in extras."""

    __slots__ = ("mapper", "obj", "path")

    def __init__(self, mapper: _Mapper, obj: dict[str, Any], path: str) -> None:
        self.mapper = mapper
        self.obj = dict(obj)
        self.path = path

    def take(self, key: str) -> Any:
        return self.obj.pop(key, None)

    def text(self, key: str) -> str | None:
        value = self.take(key)
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            raise self.mapper.fail(f"{self.path}.{key}", "a string", value)
        return value.strip() or None

    def enum(self, enum_type: type[StrEnum], key: str) -> str | None:
        return to_v2(enum_type, self.text(key))

    def child(self, key: str) -> _Node | None:
        value = self.take(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.mapper.fail(f"{self.path}.{key}", "an object", value)
        return _Node(self.mapper, value, f"{self.path}.{key}")

    def listed(self, list_key: str, item_key: str) -> list[Any]:
        """Items of a ``...List`` wrapper: ``{"ConditionList": {"Condition": [...]}}``."""
        wrapper = self.child(list_key)
        if wrapper is None:
            return []
        items = wrapper.take(item_key)
        wrapper.done()
        if items is None:
            return []
        if not isinstance(items, list):
            items = [items]
        return items

    def texts(self, list_key: str, item_key: str) -> list[str]:
        result = []
        for index, item in enumerate(self.listed(list_key, item_key)):
            if not isinstance(item, str):
                path = f"{self.path}.{list_key}.{item_key}[{index}]"
                raise self.mapper.fail(path, "a string", item)
            if item.strip():
                result.append(item.strip())
        return result

    def nodes(self, list_key: str, item_key: str) -> Iterator[_Node]:
        for index, item in enumerate(self.listed(list_key, item_key)):
            path = f"{self.path}.{list_key}.{item_key}[{index}]"
            if not isinstance(item, dict):
                raise self.mapper.fail(path, "an object", item)
            yield _Node(self.mapper, item, path)

    def done(self) -> None:
        """Keep every key not taken."""
        for key, value in self.obj.items():
            self.mapper.raw.keep(f"{self.path}.{key}", value)
        self.obj.clear()


class _Mapper:
    """One v1 study's mapping into the v2 shape."""

    def __init__(self, raw: RawRecord, record_id: str | None) -> None:
        self.raw = raw
        self.record_id = record_id

    def fail(self, path: str, expected: str, got: Any) -> MalformedRecord:
        return wrong_value(self.record_id, path, expected, got)

    def date(self, node: _Node, key: str) -> str | None:
        text = node.text(key)
        if text is None:
            return None
        parts = parse_date_parts(text)
        if parts is None:
            self.raw.keep(f"{node.path}.{key}", text, f"not a date: {text!r}; kept in extras")
            return None
        year, month, day = parts
        if month is None:
            return f"{year:04d}"
        if day is None:
            return f"{year:04d}-{month:02d}"
        return f"{year:04d}-{month:02d}-{day:02d}"

    def date_struct(self, parent: _Node, name: str) -> dict[str, Any] | None:
        node = parent.child(f"{name}Struct")
        if node is None:
            return None
        iso = self.date(node, name)
        date_type = node.enum(DateType, f"{name}Type")
        node.done()
        if iso is None:
            return None
        return _clean({"date": iso, "type": date_type})

    def age(self, node: _Node, key: str) -> str | None:
        text = node.text(key)
        if text is None:
            return None
        try:
            age = Age.parse(text)
        except ValueError:
            self.raw.keep(f"{node.path}.{key}", text, f"not an age: {text!r}; kept in extras")
            return None
        return None if age is None else age.to_ctgov()

    # -- modules ----------------------------------------------------------------------------
    def identification(self, node: _Node) -> dict[str, Any]:
        org = node.child("OrgStudyIdInfo")
        org_id = None
        if org is not None:
            org_id = org.text("OrgStudyId")
            org.done()
        secondary = []
        for item in node.nodes("SecondaryIdInfoList", "SecondaryIdInfo"):
            secondary.append(
                _clean(
                    {
                        "id": item.text("SecondaryId"),
                        "type": item.enum(SecondaryIdType, "SecondaryIdType"),
                        "domain": item.text("SecondaryIdDomain"),
                    }
                )
            )
            item.done()
        return _clean(
            {
                "nctId": node.text("NCTId"),
                "orgStudyIdInfo": {"id": org_id} if org_id else None,
                "secondaryIdInfos": secondary,
                "briefTitle": node.text("BriefTitle"),
                "officialTitle": node.text("OfficialTitle"),
                "acronym": node.text("Acronym"),
            }
        )

    def status(self, node: _Node) -> dict[str, Any]:
        return _clean(
            {
                "overallStatus": node.enum(OverallStatus, "OverallStatus"),
                "whyStopped": node.text("WhyStopped"),
                "startDateStruct": self.date_struct(node, "StartDate"),
                "primaryCompletionDateStruct": self.date_struct(node, "PrimaryCompletionDate"),
                "completionDateStruct": self.date_struct(node, "CompletionDate"),
                "studyFirstSubmitDate": self.date(node, "StudyFirstSubmitDate"),
                "lastUpdatePostDateStruct": self.date_struct(node, "LastUpdatePostDate"),
            }
        )

    def organization(self, node: _Node, prefix: str) -> dict[str, Any]:
        result = _clean(
            {
                "name": node.text(f"{prefix}Name"),
                "class": node.enum(AgencyClass, f"{prefix}Class"),
            }
        )
        node.done()
        return result

    def sponsors(self, node: _Node) -> dict[str, Any]:
        module: dict[str, Any] = {}
        party = node.child("ResponsibleParty")
        if party is not None:
            module["responsibleParty"] = _clean(
                {
                    "type": party.enum(ResponsiblePartyType, "ResponsiblePartyType"),
                    "investigatorFullName": party.text("ResponsiblePartyInvestigatorFullName"),
                    "investigatorAffiliation": party.text(
                        "ResponsiblePartyInvestigatorAffiliation"
                    ),
                }
            )
            party.done()
        lead = node.child("LeadSponsor")
        if lead is not None:
            module["leadSponsor"] = self.organization(lead, "LeadSponsor")
        module["collaborators"] = [
            self.organization(item, "Collaborator")
            for item in node.nodes("CollaboratorList", "Collaborator")
        ]
        return _clean(module)

    def description(self, node: _Node) -> dict[str, Any]:
        return _clean(
            {
                "briefSummary": node.text("BriefSummary"),
                "detailedDescription": node.text("DetailedDescription"),
            }
        )

    def conditions(self, node: _Node) -> dict[str, Any]:
        return _clean(
            {
                "conditions": node.texts("ConditionList", "Condition"),
                "keywords": node.texts("KeywordList", "Keyword"),
            }
        )

    def design(self, node: _Node) -> dict[str, Any]:
        phases: list[str] = []
        for text in node.texts("PhaseList", "Phase"):
            for phase in phases_from_display(text):
                if phase not in phases:
                    phases.append(phase)
        module: dict[str, Any] = {
            "studyType": node.enum(StudyType, "StudyType"),
            "phases": phases,
        }
        info = node.child("DesignInfo")
        if info is not None:
            masking = info.child("DesignMaskingInfo")
            masking_value = None
            if masking is not None:
                masking_value = masking.enum(Masking, "DesignMasking")
                masking.done()
            module["designInfo"] = _clean(
                {
                    "allocation": info.enum(Allocation, "DesignAllocation"),
                    "interventionModel": info.enum(InterventionModel, "DesignInterventionModel"),
                    "primaryPurpose": info.enum(PrimaryPurpose, "DesignPrimaryPurpose"),
                    "maskingInfo": {"masking": masking_value} if masking_value else None,
                }
            )
            info.done()
        enrollment = node.child("EnrollmentInfo")
        if enrollment is not None:
            count_text = enrollment.text("EnrollmentCount")
            count = None
            if count_text is not None:
                try:
                    count = int(count_text)
                except ValueError:
                    path = f"{enrollment.path}.EnrollmentCount"
                    self.raw.keep(path, count_text, f"not a whole number: {count_text!r}")
            module["enrollmentInfo"] = _clean(
                {"count": count, "type": enrollment.enum(EnrollmentType, "EnrollmentType")}
            )
            enrollment.done()
        return _clean(module)

    def arms_interventions(self, node: _Node) -> dict[str, Any]:
        arms = []
        for item in node.nodes("ArmGroupList", "ArmGroup"):
            arms.append(
                _clean(
                    {
                        "label": item.text("ArmGroupLabel"),
                        "type": item.enum(ArmGroupType, "ArmGroupType"),
                        "description": item.text("ArmGroupDescription"),
                        "interventionNames": item.texts(
                            "ArmGroupInterventionList", "ArmGroupInterventionName"
                        ),
                    }
                )
            )
            item.done()
        interventions = []
        for item in node.nodes("InterventionList", "Intervention"):
            interventions.append(
                _clean(
                    {
                        "type": item.enum(InterventionType, "InterventionType"),
                        "name": item.text("InterventionName"),
                        "description": item.text("InterventionDescription"),
                        "armGroupLabels": item.texts(
                            "InterventionArmGroupLabelList", "InterventionArmGroupLabel"
                        ),
                        "otherNames": item.texts(
                            "InterventionOtherNameList", "InterventionOtherName"
                        ),
                    }
                )
            )
            item.done()
        return _clean({"armGroups": arms, "interventions": interventions})

    def outcomes(self, node: _Node) -> dict[str, Any]:
        module: dict[str, Any] = {}
        for kind, key in (
            ("Primary", "primaryOutcomes"),
            ("Secondary", "secondaryOutcomes"),
            ("Other", "otherOutcomes"),
        ):
            found = []
            for item in node.nodes(f"{kind}OutcomeList", f"{kind}Outcome"):
                found.append(
                    _clean(
                        {
                            "measure": item.text(f"{kind}OutcomeMeasure"),
                            "description": item.text(f"{kind}OutcomeDescription"),
                            "timeFrame": item.text(f"{kind}OutcomeTimeFrame"),
                        }
                    )
                )
                item.done()
            module[key] = found
        return _clean(module)

    def eligibility(self, node: _Node) -> dict[str, Any]:
        healthy = node.text("HealthyVolunteers")
        flag = None if healthy is None else _HEALTHY.get(healthy.lower())
        if healthy is not None and flag is None:
            self.raw.keep(f"{node.path}.HealthyVolunteers", healthy, "not a yes/no")
        criteria = node.obj.pop("EligibilityCriteria", None)
        if criteria is not None and not isinstance(criteria, str):
            raise self.fail(f"{node.path}.EligibilityCriteria", "a string", criteria)
        return _clean(
            {
                "eligibilityCriteria": criteria.strip() if criteria and criteria.strip() else None,
                "sex": node.enum(Sex, "Gender"),
                "minimumAge": self.age(node, "MinimumAge"),
                "maximumAge": self.age(node, "MaximumAge"),
                "healthyVolunteers": flag,
            }
        )

    def contact(self, node: _Node, prefix: str, default_role: str | None) -> dict[str, Any]:
        result = _clean(
            {
                "name": node.text(f"{prefix}Name"),
                "role": node.enum(ContactRole, f"{prefix}Role") or default_role,
                "phone": node.text(f"{prefix}Phone"),
                "phoneExt": node.text(f"{prefix}PhoneExt"),
                "email": node.text(f"{prefix}EMail"),
            }
        )
        node.done()
        return result

    def contacts_locations(self, node: _Node) -> dict[str, Any]:
        central = [
            self.contact(item, "CentralContact", None)
            for item in node.nodes("CentralContactList", "CentralContact")
        ]
        officials = []
        for item in node.nodes("OverallOfficialList", "OverallOfficial"):
            officials.append(
                _clean(
                    {
                        "name": item.text("OverallOfficialName"),
                        "role": item.enum(OfficialRole, "OverallOfficialRole"),
                        "affiliation": item.text("OverallOfficialAffiliation"),
                    }
                )
            )
            item.done()
        locations = []
        for item in node.nodes("LocationList", "Location"):
            location = {
                "facility": item.text("LocationFacility"),
                "city": item.text("LocationCity"),
                "state": item.text("LocationState"),
                "zip": item.text("LocationZip"),
                "country": item.text("LocationCountry"),
                "status": item.enum(RecruitmentStatus, "LocationStatus"),
                "contacts": [
                    self.contact(contact, "LocationContact", None)
                    for contact in item.nodes("LocationContactList", "LocationContact")
                ],
            }
            item.done()
            locations.append(_clean(location))
        return _clean(
            {"centralContacts": central, "overallOfficials": officials, "locations": locations}
        )

    def study(self, study: dict[str, Any], path: str) -> dict[str, Any]:
        root = _Node(self, study, path)
        protocol_node = root.child("ProtocolSection")
        if protocol_node is None:
            raise MalformedRecord(
                "not a classic v1 study: no ProtocolSection",
                record_id=self.record_id,
                location=path,
            )
        identification = protocol_node.child("IdentificationModule")
        if identification is not None:
            nct_id = identification.obj.get("NCTId")
            if isinstance(nct_id, str) and nct_id:
                self.record_id = nct_id
        protocol: dict[str, Any] = {}
        handlers = (
            ("identificationModule", identification, self.identification),
            ("statusModule", protocol_node.child("StatusModule"), self.status),
            (
                "sponsorCollaboratorsModule",
                protocol_node.child("SponsorCollaboratorsModule"),
                self.sponsors,
            ),
            ("descriptionModule", protocol_node.child("DescriptionModule"), self.description),
            ("conditionsModule", protocol_node.child("ConditionsModule"), self.conditions),
            ("designModule", protocol_node.child("DesignModule"), self.design),
            (
                "armsInterventionsModule",
                protocol_node.child("ArmsInterventionsModule"),
                self.arms_interventions,
            ),
            ("outcomesModule", protocol_node.child("OutcomesModule"), self.outcomes),
            ("eligibilityModule", protocol_node.child("EligibilityModule"), self.eligibility),
            (
                "contactsLocationsModule",
                protocol_node.child("ContactsLocationsModule"),
                self.contacts_locations,
            ),
        )
        for name, node, handler in handlers:
            if node is None:
                continue
            module = handler(node)
            node.done()
            if module:
                protocol[name] = module
        protocol_node.done()
        has_results = "ResultsSection" in root.obj
        root.done()
        return {"protocolSection": protocol, "hasResults": has_results}


def _clean(obj: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in obj.items() if value is not None and value != []}


def iter_v1_studies(container: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Each study element of a classic v1 response (``FullStudiesResponse.FullStudies[]``).

    A single ``{"Study": ...}`` record yields itself. Raises `MalformedRecord` for anything else.
    """
    if "Study" in container:
        yield container
        return
    response = container.get("FullStudiesResponse")
    if not isinstance(response, dict):
        raise MalformedRecord(
            "not classic v1 JSON: expected a 'Study' or 'FullStudiesResponse' key", location="$"
        )
    studies = response.get("FullStudies", [])
    if not isinstance(studies, list):
        raise MalformedRecord(
            "expected an array",
            location="$.FullStudiesResponse.FullStudies",
            snippet=repr(studies)[:80],
        )
    for index, item in enumerate(studies):
        if not isinstance(item, dict) or "Study" not in item:
            raise MalformedRecord(
                "expected an object with a 'Study' key",
                location=f"$.FullStudiesResponse.FullStudies[{index}]",
                snippet=repr(item)[:80],
            )
        yield item


def _load(content: bytes | str | dict[str, Any], path: str | None) -> dict[str, Any]:
    if isinstance(content, dict):
        return content
    if isinstance(content, bytes):
        content = decode_text(content)
    try:
        data = orjson.loads(content.lstrip("\ufeff"))
    except orjson.JSONDecodeError as exc:
        raise MalformedRecord(f"invalid JSON: {exc}", record_id=path, location="$") from None
    if not isinstance(data, dict):
        raise MalformedRecord(
            f"expected a JSON object, got {type(data).__name__}", record_id=path, location="$"
        )
    return data


def read(content: bytes | str | dict[str, Any], *, path: str | None = None) -> Study:
    """Read one classic v1 study (``{"Study": ...}``, or a response holding one) into a `Study`."""
    data = _load(content, path)
    if "FullStudiesResponse" in data and "Study" not in data:
        try:
            studies = list(iter_v1_studies(data))
        except MalformedRecord as exc:
            raise MalformedRecord(exc.message, record_id=path, location=exc.location) from None
        if len(studies) != 1:
            raise MalformedRecord(
                f"a classic v1 response of {len(studies)} studies, not one: parse each item "
                "of FullStudiesResponse.FullStudies, or use `trialparse batch`",
                record_id=path,
                location="$.FullStudiesResponse.FullStudies",
            )
        data = studies[0]
        base = "FullStudiesResponse.FullStudies[0]"
    else:
        base = ""
    study = data.get("Study")
    if not isinstance(study, dict):
        raise MalformedRecord(
            "not classic v1 JSON: expected an object under 'Study'",
            record_id=path,
            location=f"{base}.Study" if base else "Study",
        )
    raw = RawRecord(data={}, format=FORMAT, registry=REGISTRY, path=path)
    mapper = _Mapper(raw, path)
    for key, value in data.items():
        if key != "Study":
            raw.keep(f"{base}.{key}" if base else key, value)
    raw.data = mapper.study(study, f"{base}.Study" if base else "Study")
    return build_study(raw)
