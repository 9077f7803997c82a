"""The v2 mapping in one pass, for ordinary records.

It gives exactly the `Study` that the step-by-step mapping (`_mapper`) gives, for less: it builds
no JSON path unless something is kept, checks each object's keys with one set comparison, looks
enum members up directly, reuses the dates, ages and ID forms it has already read, builds the
lists of small models (sites and their contacts, officials, collaborators, arms, interventions,
outcomes) with one pydantic-core validator per list (`_items`) and the other models without
validating them again (`model._build`), and leaves things for when they are first used
(`model._lazy`): the criteria items, the audit of the sections it keeps whole for keys the v2
data model lacks (the warnings), and, for a record the JSON reader decoded itself
(`RawRecord.owned`), the extras, made from notes of where they are (their depth is checked at
once, as an error must be raised when the record is parsed). Whenever a record holds something the pass does not expect (a
value of another shape, an unknown enum value, a date or age it cannot read, a model that does
not fit), it gives up and `fast_study` returns None; the caller then maps the record step by
step, which gives the warnings and errors. The equivalence of the two is tested on every real
record, on mutated ones and on hand-made edits of list items (tests/v2/test_fast.py).
"""

from __future__ import annotations

import functools
from typing import Any, get_args

from pydantic import ValidationError
from pydantic_core import SchemaValidator

from .._text import escape_backslashes, unescape_markdown
from ..model._build import built, maker, set_dict, set_extra, set_fields_set, set_private
from ..model.design import Arm, Design, Enrollment, Intervention
from ..model.eligibility import SPLIT_ON_ACCESS, Eligibility
from ..model.enums import (
    AgencyClass,
    Allocation,
    ContactRole,
    DateType,
    EnrollmentType,
    InterventionModel,
    Masking,
    OutcomeKind,
    OverallStatus,
    Phase,
    PrimaryPurpose,
    ResponsiblePartyType,
    SecondaryIdType,
    Sex,
    StrEnum,
    StudyType,
)
from ..model.outcomes import Outcome, RelatedTrial
from ..model.people import Contact, Location, Official, Organization, ResponsibleParty
from ..model.registry_ids import classify_id
from ..model.status import Status
from ..model.study import Format, ParseWarning, SecondaryId, Source, Study
from ..model.values import Age, PartialDate, parse_date_parts
from ..readers.base import ROUNDED, UNSURE, RawRecord, check_depth, kept_verdict
from . import _items as _items_module
from . import _mapper as exact
from ._paths import PLAIN, join

__all__ = ["fast_study"]


class _Unusual(Exception):
    """The record holds something the fast pass leaves to the step-by-step mapping."""


class _Members(dict[str, Any]):
    """An enum's members by value, with the enum they belong to."""

    __slots__ = ("enum_type",)

    def __init__(self, enum_type: type[StrEnum]) -> None:
        super().__init__((member.value, member) for member in enum_type)
        self.enum_type = enum_type


def _members(enum_type: type[StrEnum]) -> _Members:
    return _Members(enum_type)


_AGENCY = _members(AgencyClass)
_ALLOCATION = _members(Allocation)
_DATE_TYPE = _members(DateType)
_ENROLLMENT_TYPE = _members(EnrollmentType)
_MODEL = _members(InterventionModel)
_MASKING = _members(Masking)
_STATUS = _members(OverallStatus)
_PHASE = _members(Phase)
_PURPOSE = _members(PrimaryPurpose)
_PARTY_TYPE = _members(ResponsiblePartyType)
_ID_TYPE = _members(SecondaryIdType)
_SEX = _members(Sex)
_STUDY_TYPE = _members(StudyType)
_OUTCOME_KINDS = tuple((key, OutcomeKind(kind)) for key, kind in exact.OUTCOME_LISTS)

_ARM_FIELDS = frozenset(Arm.model_fields)
_CONTACT_FIELDS = frozenset(Contact.model_fields)
_INTERVENTION_FIELDS = frozenset(Intervention.model_fields)
_LOCATION_FIELDS = frozenset(Location.model_fields)
_OFFICIAL_FIELDS = frozenset(Official.model_fields)
_ORGANIZATION_FIELDS = frozenset(Organization.model_fields)
_OUTCOME_FIELDS = frozenset(Outcome.model_fields)

# Models built by constructors without per-call checks (the lists: `_items`).
_organization = maker(Organization)
_enrollment = maker(Enrollment)
_design = maker(Design)
_party = maker(ResponsibleParty)
_source = maker(Source)
_status = maker(Status)


def _enum(members: dict[str, Any], value: Any) -> Any:
    """The member named by `value` (None for None); anything else is unusual."""
    if value is None:
        return None
    if type(value) is str and value in members:
        return members[value]
    raise _Unusual


def _plain(*values: Any) -> None:
    """Each of `values` a string or None; anything else is unusual."""
    for value in values:
        if value is not None and type(value) is not str:
            raise _Unusual


def _text(value: Any) -> str | None:
    if value is None or type(value) is str:
        return value
    raise _Unusual


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    if type(value) is not list:
        raise _Unusual
    for item in value:
        if type(item) is not str:
            raise _Unusual
    return list(value)


def _obj(value: Any) -> dict[str, Any] | None:
    if value is None or type(value) is dict:
        return value
    raise _Unusual


def _objects(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if type(value) is not list:
        raise _Unusual
    for item in value:
        if type(item) is not dict:
            raise _Unusual
    return value


def _flag(value: Any) -> bool | None:
    if value is None or type(value) is bool:
        return value
    raise _Unusual


def _items(validator: SchemaValidator, value: Any) -> list[Any]:
    """The models of a list of v2 objects (`_items`); [] for None; anything else is unusual."""
    if value is None:
        return []
    if type(value) is not list:
        raise _Unusual
    try:
        models: list[Any] = validator.validate_python(value)
    except ValidationError:
        raise _Unusual from None
    return models


_new = object.__new__


# Dates and ages repeat across records ("2021-03", "18 Years"); both models are frozen, so one
# instance serves every record that states the same value. The memos are bounded.
_MEMO_LIMIT = 65_536
_DATES: dict[tuple[str, str | None], PartialDate] = {}
"""By the date and the date type as written, so that a date seen before needs no lookup of its type."""
_AGES: dict[str, Age | None] = {}
_NO_AGE = object()


def _date(value: Any, written_type: Any) -> PartialDate | None:
    """The date `value` of the type written `written_type` (None: none given)."""
    if type(value) is str and (written_type is None or type(written_type) is str):
        key = (value, written_type)
        found = _DATES.get(key)
        if found is not None:
            return found
    date_type = _enum(_DATE_TYPE, written_type)
    if value is None:
        return None
    if type(value) is not str:
        raise _Unusual
    key = (value, written_type)
    parts = parse_date_parts(value)
    if parts is None:
        raise _Unusual
    year, month, day = parts
    precision = "year" if month is None else "month" if day is None else "day"
    found = built(
        PartialDate,
        {"year": year, "month": month, "day": day, "precision": precision, "type": date_type},
        {"year", "month", "day", "precision", "type"},
    )
    if len(_DATES) >= _MEMO_LIMIT:
        _DATES.clear()
    _DATES[key] = found
    return found


def _age(value: Any) -> Age | None:
    if value is None:
        return None
    if type(value) is not str:
        raise _Unusual
    found = _AGES.get(value, _NO_AGE)
    if found is not _NO_AGE:
        return found  # type: ignore[return-value]
    try:
        age = Age.parse(value)
    except ValueError:
        raise _Unusual from None
    if len(_AGES) >= _MEMO_LIMIT:
        _AGES.clear()
    _AGES[value] = age
    return age


_ID_REGISTRIES: dict[str, str | None] = {}


def _secondary_id(id_text: str | None, id_type: Any, domain: str | None) -> SecondaryId:
    """A `SecondaryId` as validation builds it: its `_registry_from_form` validator names the
    registry an ID's form belongs to (the answer is kept per ID: IDs repeat across records)."""
    if not _SECONDARY_ID_DIRECT:
        return built(
            SecondaryId, {"id": id_text, "type": id_type, "domain": domain}, {"id", "type", "domain"}
        )
    registry = None
    fields_set = {"id", "type", "domain"}
    if id_text:
        if id_text in _ID_REGISTRIES:
            registry = _ID_REGISTRIES[id_text]
        else:
            found = classify_id(id_text)
            registry = None if found is None else found.registry
            if len(_ID_REGISTRIES) >= _MEMO_LIMIT:
                _ID_REGISTRIES.clear()
            _ID_REGISTRIES[id_text] = registry
        if registry is not None:
            fields_set.add("registry")
    instance = _new(SecondaryId)
    set_dict(instance, {"id": id_text, "type": id_type, "domain": domain, "registry": registry})
    set_fields_set(instance, fields_set)
    set_extra(instance, None)
    set_private(instance, None)
    return instance


_SECONDARY_ID_DIRECT = (
    set(SecondaryId.__pydantic_decorators__.model_validators) == {"_registry_from_form"}
    and not SecondaryId.__pydantic_decorators__.field_validators
    and list(SecondaryId.model_fields) == ["id", "type", "domain", "registry"]
)


_PROTOCOL = "protocolSection"
_NO_SCHEMA: tuple[frozenset[str], dict[str, str]] = (frozenset(), {})
_SCHEMAS = {name: (known, exact.CHILDREN.get(name, {})) for name, known in exact.KNOWN.items()}
_FORMATS = frozenset(get_args(Format))
_PROTOCOL_KNOWN, _PROTOCOL_CHILDREN = _SCHEMAS.get("ProtocolSection", _NO_SCHEMA)


_REST, _MODULE, _CRITERIA, _SITES = range(4)
"""What an entry of `_Keeper.later` keeps: an object's unmapped keys, a protocol-section module
kept whole, the criteria as written, the unmapped keys of every site of a list and of their
contacts."""


class _Keeper(exact.Mapper):
    """The step-by-step mapper's extras and warnings, plus the kept content whose audit is left
    for when the warnings are first read (`pending`).

    With `later` (a list) nothing is kept while the record is mapped: each object with unmapped
    keys, each module kept whole and the criteria as written are noted there in the order the
    extras would hold them, and the extras and their warnings are made from the notes when
    first read (`_kept_later`).
    """

    __slots__ = ("holders", "later", "long", "pending", "whole")

    def __init__(self, record_id: str | None, later: bool = False) -> None:
        super().__init__(record_id)
        self.pending: list[tuple[Any, str, str]] = []
        self.later: list[tuple[Any, ...]] | None = [] if later else None
        # what the depth check looks at of what `later` notes (`_check_later_depth`)
        self.holders: list[dict[str, Any]] = []
        """Objects with unmapped keys, and every site of a noted list, whole (small: looking at
        all of one costs less than picking its unmapped values)."""
        self.long: list[tuple[dict[str, Any], frozenset[str]]] = []
        """Objects whose mapped values are long (`_Pass.rest_long`), with the keys they map:
        only their unmapped values are looked at."""
        self.whole: list[Any] = []
        """Modules kept whole."""


def _warnings_later(
    reader_warnings: list[ParseWarning],
    found: list[ParseWarning],
    pending: list[tuple[Any, str, str]],
    record_id: str | None,
) -> dict[str, Any]:
    auditor = exact.Mapper(record_id)
    for value, path, schema in pending:
        auditor.kept(value, path, schema)
    return {"warnings": exact.all_warnings(reader_warnings, [*found, *auditor.warnings])}


def _kept_later(
    later: list[tuple[Any, ...]],
    reader_warnings: list[ParseWarning],
    found: list[ParseWarning],
    record_id: str | None,
) -> dict[str, Any]:
    """The extras and warnings of a record whose kept content `later` notes: what keeping it
    while mapping gives, in the same order."""
    keeper = _Keeper(record_id)
    record = _Pass(keeper)
    for entry in later:
        kind = entry[0]
        if kind == _REST:
            record.rest(entry[1], entry[2], entry[4], entry[5], entry[3])
        elif kind == _MODULE:
            record.kept_module(entry[2], entry[1])
        elif kind == _SITES:
            record.sites(entry[1], entry[2])
        else:
            keeper.extras[exact.CRITERIA_PATH] = entry[1]
    auditor = exact.Mapper(record_id)
    for value, path, schema in keeper.pending:
        auditor.kept(value, path, schema)
    warnings = exact.all_warnings(reader_warnings, [*found, *keeper.warnings, *auditor.warnings])
    return {"extras": keeper.extras, "warnings": warnings}


def _check_later_depth(
    keeper: _Keeper,
    reader_warnings: list[ParseWarning],
) -> bool:
    """`check_depth` of the extras that `keeper.later` notes, without making them unless the
    quick look (`kept_verdict`) is unsure; and whether they may hold a float the decoding made
    of a long integer."""
    kept = keeper.whole  # (read once: extended in place)
    for obj, mapped in keeper.long:
        kept += [value for key, value in obj.items() if key not in mapped]
    verdict = kept_verdict(kept, keeper.holders)
    if verdict == UNSURE:
        later = keeper.later or []
        extras = _kept_later(later, reader_warnings, [], keeper.record_id)["extras"]
        check_depth(extras, keeper.record_id)
        return True
    return verdict == ROUNDED


class _Pass:
    """One record's fast pass; what it keeps goes into its `_Keeper`."""

    __slots__ = ("keeper",)

    def __init__(self, keeper: _Keeper) -> None:
        self.keeper = keeper

    def rest(
        self,
        obj: dict[str, Any],
        path: str,
        mapped: frozenset[str],
        schema: str,
        index: int | None = None,
    ) -> None:
        """`_mapper.Mapper.rest` of `obj` at `path` (item `index` of the list there, if given),
        with the kept-content audit left for later: the same extras in the same order, the same
        warnings."""
        if mapped.issuperset(obj):
            return
        keeper = self.keeper
        if keeper.later is not None:
            keeper.later.append((_REST, obj, path, index, mapped, schema))
            keeper.holders.append(obj)
            return
        if index is not None:
            path = f"{path}[{index}]"
        extras = keeper.extras
        known, children = _SCHEMAS.get(schema, _NO_SCHEMA)
        prefix = f"{path}." if path else ""
        for key, value in obj.items():  # in the record's order, as `Mapper.rest` keeps them
            if key in mapped:
                continue
            key_path = prefix + key if PLAIN.get(key) else join(path, key)
            extras[key_path] = value
            if key not in known:
                keeper.unknown_key(key_path)
            elif key in children and value is not None:
                keeper.pending.append((value, key_path, children[key]))

    def rest_long(
        self, obj: dict[str, Any], path: str, mapped: frozenset[str], schema: str
    ) -> None:
        """`rest` of an object whose mapped values are long (the record itself, criteria,
        summaries, descriptions): the depth check looks only at its unmapped values."""
        if mapped.issuperset(obj):
            return
        keeper = self.keeper
        if keeper.later is not None:
            keeper.later.append((_REST, obj, path, None, mapped, schema))
            keeper.long.append((obj, mapped))
            return
        self.rest(obj, path, mapped, schema)

    def sites(self, sites: list[dict[str, Any]], where: str) -> None:
        """`rest` of each site of the list at `where`: of its contacts first, then of itself."""
        contact_keys = exact.CONTACT_KEYS
        location_keys = exact.LOCATION_KEYS
        for index, item in enumerate(sites):
            contacts = item.get("contacts")
            if contacts:
                where_contacts = f"{where}[{index}].contacts"
                for place, contact in enumerate(contacts):
                    if not contact_keys.issuperset(contact):
                        self.rest(contact, where_contacts, contact_keys, "Contact", place)
            if not location_keys.issuperset(item):
                self.rest(item, where, location_keys, "Location", index)

    def kept_module(self, key: str, module: Any) -> None:
        """`rest` of the protocol section for one module it keeps whole."""
        keeper = self.keeper
        if keeper.later is not None:
            keeper.later.append((_MODULE, module, key))
            keeper.whole.append(module)
            return
        path = f"{_PROTOCOL}.{key}" if PLAIN.get(key) else join(_PROTOCOL, key)
        keeper.extras[path] = module
        if key not in _PROTOCOL_KNOWN:
            keeper.unknown_key(path)
        elif key in _PROTOCOL_CHILDREN and module is not None:
            keeper.pending.append((module, path, _PROTOCOL_CHILDREN[key]))

    def items(
        self,
        raw: Any,
        models: list[Any],
        fields: frozenset[str],
        keys: frozenset[str],
        where: str,
        schema: str,
        keep: bool = True,
    ) -> None:
        """What validation of the step-by-step mapping's dicts gives beyond what `_items`
        built: every field set, and (with `keep`) the keys of each object `where[i]` that it
        does not map."""
        for index, item in enumerate(raw):
            if type(item) is not dict:
                raise _Unusual
            set_fields_set(models[index], set(fields))
            if keep and not keys.issuperset(item):
                self.rest(item, where, keys, schema, index)

    def enum(self, members: _Members, value: Any, path: str, key: str) -> Any:
        """`_mapper.Mapper.enum` of the value at `path.key`: its member, or a string the enum
        does not hold, kept as written with the same warning."""
        if value is None:
            return None
        if type(value) is not str:
            raise _Unusual
        member = members.get(value)
        if member is None:
            self.keeper.unknown_enum(members.enum_type, value, f"{path}.{key}")
            return value
        return member

    def listed(
        self,
        module: dict[str, Any],
        key: str,
        validator: SchemaValidator,
        fields: frozenset[str],
        keys: frozenset[str],
        path: str,
        schema: str,
    ) -> list[Any]:
        """The models of the list `module[key]` (at `path`), with what `items` adds."""
        raw = module.get(key)
        models = _items(validator, raw)
        if models:
            self.items(raw, models, fields, keys, f"{path}.{key}", schema)
        return models

    def kept_roles(self, contacts: list[Contact], where: str) -> None:
        """The warning for each contact `where[i]` whose role `ContactRole` does not hold (the
        list's validator keeps it as written)."""
        for index, contact in enumerate(contacts):
            role = contact.__dict__["role"]
            if type(role) is str:
                self.keeper.unknown_enum(ContactRole, role, f"{where}[{index}].role")

    def date_struct(self, struct: Any, path: str, key: str) -> PartialDate | None:
        if struct is None:
            return None
        if type(struct) is not dict:
            raise _Unusual
        date = _date(struct.get("date"), struct.get("type"))
        if not exact.DATE_KEYS.issuperset(struct):
            self.rest(struct, f"{path}.{key}", exact.DATE_KEYS, "PartialDateStruct")
        return date

    def organization(self, item: dict[str, Any], path: str, index: int | None) -> Organization:
        """A sponsor: `path` is the module's; `index` that of a collaborator (None: the lead)."""
        result = _organization(
            {"name": _text(item.get("name")), "agency_class": _enum(_AGENCY, item.get("class"))},
            {"name", "agency_class"},
        )
        if not exact.SPONSOR_KEYS.issuperset(item):
            where = f"{path}.leadSponsor" if index is None else f"{path}.collaborators[{index}]"
            self.rest(item, where, exact.SPONSOR_KEYS, "Sponsor")
        return result

    # -- modules: each mirrors the method of the same name in `_mapper.Mapper` ----------------
    def identification(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        out["nct_id"] = _text(module.get("nctId"))
        org = _obj(module.get("orgStudyIdInfo"))
        if org is not None:
            out["org_study_id"] = _text(org.get("id"))
            self.rest(org, f"{path}.orgStudyIdInfo", exact.ID_KEYS, "OrgStudyIdInfo")
        secondary_ids = []
        for index, item in enumerate(_objects(module.get("secondaryIdInfos"))):
            secondary_ids.append(
                _secondary_id(
                    _text(item.get("id")), _enum(_ID_TYPE, item.get("type")), _text(item.get("domain"))
                )
            )
            if not exact.SECONDARY_ID_KEYS.issuperset(item):
                self.rest(
                    item,
                    f"{path}.secondaryIdInfos",
                    exact.SECONDARY_ID_KEYS,
                    "SecondaryIdInfo",
                    index,
                )
        out["secondary_ids"] = secondary_ids
        out["brief_title"] = _text(module.get("briefTitle"))
        out["official_title"] = _text(module.get("officialTitle"))
        out["acronym"] = _text(module.get("acronym"))
        self.rest(module, path, exact.IDENTIFICATION_KEYS, "IdentificationModule")

    def status(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        first_submitted = _date(module.get("studyFirstSubmitDate"), None)
        values = {
            "overall": self.enum(_STATUS, module.get("overallStatus"), path, "overallStatus"),
            "why_stopped": _text(module.get("whyStopped")),
            "start_date": self.date_struct(module.get("startDateStruct"), path, "startDateStruct"),
            "primary_completion_date": self.date_struct(
                module.get("primaryCompletionDateStruct"), path, "primaryCompletionDateStruct"
            ),
            "completion_date": self.date_struct(
                module.get("completionDateStruct"), path, "completionDateStruct"
            ),
            "first_submitted": first_submitted,
            "last_updated": self.date_struct(
                module.get("lastUpdatePostDateStruct"), path, "lastUpdatePostDateStruct"
            ),
        }
        out["status"] = _status(values, set(values))
        self.rest(module, path, exact.STATUS_KEYS, "StatusModule")

    def sponsors(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        party = _obj(module.get("responsibleParty"))
        if party is not None:
            out["responsible_party"] = _party(
                {
                    "type": _enum(_PARTY_TYPE, party.get("type")),
                    "investigator_name": _text(party.get("investigatorFullName")),
                    "investigator_affiliation": _text(party.get("investigatorAffiliation")),
                },
                {"type", "investigator_name", "investigator_affiliation"},
            )
            self.rest(party, f"{path}.responsibleParty", exact.PARTY_KEYS, "ResponsibleParty")
        lead = _obj(module.get("leadSponsor"))
        if lead is not None:
            out["lead_sponsor"] = self.organization(lead, path, None)
        out["collaborators"] = self.listed(
            module,
            "collaborators",
            _items_module.COLLABORATORS,
            _ORGANIZATION_FIELDS,
            exact.SPONSOR_KEYS,
            path,
            "Sponsor",
        )
        self.rest(module, path, exact.SPONSORS_KEYS, "SponsorCollaboratorsModule")

    def description(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        out["brief_summary"] = _text(module.get("briefSummary"))
        out["detailed_description"] = _text(module.get("detailedDescription"))
        self.rest_long(module, path, exact.DESCRIPTION_KEYS, "DescriptionModule")

    def conditions(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        out["conditions"] = _texts(module.get("conditions"))
        out["keywords"] = _texts(module.get("keywords"))
        self.rest(module, path, exact.CONDITIONS_KEYS, "ConditionsModule")

    def design(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        phases = module.get("phases")
        if phases is None:
            phases = []
        elif type(phases) is list:
            phases = [_enum(_PHASE, phase) for phase in phases]
            if None in phases:
                raise _Unusual
        else:
            raise _Unusual
        values: dict[str, Any] = {
            "study_type": self.enum(_STUDY_TYPE, module.get("studyType"), path, "studyType"),
            "phases": phases,
            "allocation": None,
            "intervention_model": None,
            "primary_purpose": None,
            "masking": None,
            "enrollment": None,
        }
        given = {"study_type", "phases"}
        info = _obj(module.get("designInfo"))
        if info is not None:
            info_path = f"{path}.designInfo"
            values["allocation"] = self.enum(
                _ALLOCATION, info.get("allocation"), info_path, "allocation"
            )
            values["intervention_model"] = self.enum(
                _MODEL, info.get("interventionModel"), info_path, "interventionModel"
            )
            values["primary_purpose"] = self.enum(
                _PURPOSE, info.get("primaryPurpose"), info_path, "primaryPurpose"
            )
            given.update(("allocation", "intervention_model", "primary_purpose"))
            masking = _obj(info.get("maskingInfo"))
            if masking is not None:
                values["masking"] = self.enum(
                    _MASKING, masking.get("masking"), info_path, "maskingInfo.masking"
                )
                given.add("masking")
                self.rest(masking, f"{info_path}.maskingInfo", exact.MASKING_KEYS, "MaskingBlock")
            self.rest(info, info_path, exact.DESIGN_INFO_KEYS, "DesignInfo")
        enrollment = _obj(module.get("enrollmentInfo"))
        if enrollment is not None:
            count = enrollment.get("count")
            if count is not None and type(count) is not int:
                raise _Unusual
            values["enrollment"] = _enrollment(
                {"count": count, "type": _enum(_ENROLLMENT_TYPE, enrollment.get("type"))},
                {"count", "type"},
            )
            given.add("enrollment")
            self.rest(enrollment, f"{path}.enrollmentInfo", exact.ENROLLMENT_KEYS, "EnrollmentInfo")
        out["design"] = _design(values, given)
        self.rest(module, path, exact.DESIGN_KEYS, "DesignModule")

    def arms_interventions(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        out["arms"] = arms = self.listed(
            module, "armGroups", _items_module.ARMS, _ARM_FIELDS, exact.ARM_KEYS, path, "ArmGroup"
        )
        for arm in arms:
            if arm.__dict__["intervention_names"] is None:
                arm.__dict__["intervention_names"] = []
        out["interventions"] = interventions = self.listed(
            module,
            "interventions",
            _items_module.INTERVENTIONS,
            _INTERVENTION_FIELDS,
            exact.INTERVENTION_KEYS,
            path,
            "Intervention",
        )
        for intervention in interventions:
            values = intervention.__dict__
            if values["arm_labels"] is None:
                values["arm_labels"] = []
            if values["other_names"] is None:
                values["other_names"] = []
        self.rest_long(module, path, exact.ARMS_KEYS, "ArmsInterventionsModule")

    def outcomes(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        outcomes: list[Outcome] = []
        for key, kind in _OUTCOME_KINDS:
            outcomes += self.listed(
                module,
                key,
                _items_module.OUTCOMES[kind],
                _OUTCOME_FIELDS,
                exact.OUTCOME_KEYS,
                path,
                "Outcome",
            )
        out["outcomes"] = outcomes
        self.rest_long(module, path, exact.OUTCOMES_KEYS, "OutcomesModule")

    def eligibility(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        written = _text(module.get("eligibilityCriteria"))
        criteria = None if written is None else unescape_markdown(written)
        if criteria is not None and escape_backslashes(criteria) != written:
            if self.keeper.later is not None:
                self.keeper.later.append((_CRITERIA, written))
            else:
                self.keeper.extras[exact.CRITERIA_PATH] = written
        # inclusion and exclusion are left out: `Eligibility` splits them when first read
        out["eligibility"] = built(
            Eligibility,
            {
                "criteria_text": criteria,
                "sex": self.enum(_SEX, module.get("sex"), path, "sex"),
                "minimum_age": _age(module.get("minimumAge")),
                "maximum_age": _age(module.get("maximumAge")),
                "healthy_volunteers": _flag(module.get("healthyVolunteers")),
            },
            {
                "criteria_text",
                "inclusion",
                "exclusion",
                "sex",
                "minimum_age",
                "maximum_age",
                "healthy_volunteers",
            },
            later=SPLIT_ON_ACCESS,
        )
        self.rest_long(module, path, exact.ELIGIBILITY_KEYS, "EligibilityModule")

    def contacts_locations(self, module: dict[str, Any], path: str, out: dict[str, Any]) -> None:
        out["central_contacts"] = central = self.listed(
            module,
            "centralContacts",
            _items_module.CENTRAL_CONTACTS,
            _CONTACT_FIELDS,
            exact.CONTACT_KEYS,
            path,
            "Contact",
        )
        self.kept_roles(central, f"{path}.centralContacts")
        out["officials"] = self.listed(
            module,
            "overallOfficials",
            _items_module.OFFICIALS,
            _OFFICIAL_FIELDS,
            exact.OFFICIAL_KEYS,
            path,
            "Official",
        )
        raw = module.get("locations")
        out["locations"] = locations = _items(_items_module.LOCATIONS, raw)
        contact_keys = exact.CONTACT_KEYS
        where_sites = f"{path}.locations"
        later = self.keeper.later
        # with notes, one for the whole list: what the sites and their contacts keep is found
        # when the extras are first read (`sites`)
        keep = later is None
        for index, item in enumerate(raw or ()):
            if type(item) is not dict:
                raise _Unusual
            location = locations[index]
            set_fields_set(location, set(_LOCATION_FIELDS))
            contacts = item.get("contacts")
            if contacts:
                site_contacts = location.__dict__["contacts"]
                where = f"{where_sites}[{index}].contacts"
                self.items(
                    contacts, site_contacts, _CONTACT_FIELDS, contact_keys, where, "Contact", keep
                )
                self.kept_roles(site_contacts, where)
            elif contacts is None:
                location.__dict__["contacts"] = []
            if keep and not exact.LOCATION_KEYS.issuperset(item):
                self.rest(item, where_sites, exact.LOCATION_KEYS, "Location", index)
        if later is not None and raw:
            later.append((_SITES, raw, where_sites))
            self.keeper.holders += raw
        self.rest(module, path, exact.CONTACTS_LOCATIONS_KEYS, "ContactsLocationsModule")


_MODULES = {
    "identificationModule": _Pass.identification,
    "statusModule": _Pass.status,
    "sponsorCollaboratorsModule": _Pass.sponsors,
    "descriptionModule": _Pass.description,
    "conditionsModule": _Pass.conditions,
    "designModule": _Pass.design,
    "armsInterventionsModule": _Pass.arms_interventions,
    "outcomesModule": _Pass.outcomes,
    "eligibilityModule": _Pass.eligibility,
    "contactsLocationsModule": _Pass.contacts_locations,
}
assert _MODULES.keys() == exact.MODULES.keys()
_HANDLERS = {key: (handler, f"{_PROTOCOL}.{key}") for key, handler in _MODULES.items()}
"""Each module's handler and path."""
_NO_KEYS: frozenset[str] = frozenset()


def fast_study(raw: RawRecord) -> Study | None:
    """The `Study` of an ordinary record in one pass; None where the record needs the full mapping."""
    try:
        return _study(raw)
    except (_Unusual, TypeError):
        # TypeError: keys that are not strings; the full mapping says what it makes of them
        return None


def _study(raw: RawRecord) -> Study:
    data = raw.data
    protocol = data.get(_PROTOCOL)
    if type(protocol) is not dict:
        raise _Unusual
    # what a reader decoded itself is read again for the extras when they are first used
    keeper = _Keeper(
        exact.record_id_of(data, raw.path),
        later=raw.owned is True and type(raw.extras) is dict and not raw.extras,
    )
    record = _Pass(keeper)
    out: dict[str, Any] = {}
    for key, module in protocol.items():
        found = _HANDLERS.get(key)
        if found is None or module is None:
            record.kept_module(key, module)
            continue
        if type(module) is not dict:
            raise _Unusual
        found[0](record, module, found[1], out)
    out["has_results"] = bool(_flag(data.get("hasResults")))
    if not exact.STUDY_KEYS.issuperset(data):
        record.rest_long(data, "", exact.STUDY_KEYS, "Study")
    related = raw.related_trials
    if related:
        try:
            out["related_trials"] = [RelatedTrial.model_validate(item) for item in related]
        except ValidationError:
            raise _Unusual from None
    else:
        out["related_trials"] = []
    if raw.format not in _FORMATS or type(raw.registry) is not str:
        raise _Unusual
    if raw.path is not None and type(raw.path) is not str:
        raise _Unusual
    # what other readers kept must be what validation would accept unchanged
    for path in raw.extras:
        if type(path) is not str:
            raise _Unusual
    for warning in raw.warnings:
        if type(warning) is not ParseWarning:
            raise _Unusual
    out["source"] = _source(
        {"format": raw.format, "registry": raw.registry, "path": raw.path},
        {"format", "registry", "path"},
    )
    later = keeper.later
    extras: dict[str, Any] | None
    if later:
        if _check_later_depth(keeper, raw.warnings):
            raw.rounded = True
        extras = None
    else:
        # what a reader kept is taken over, not copied, when the mapping kept nothing itself
        # (200,000 kept attributes make a table of several MB)
        # (and what the mapping kept is taken over when the reader kept nothing)
        extras = raw.extras
        if type(extras) is not dict:
            extras = {**keeper.extras, **extras}
        elif not extras:
            extras = keeper.extras
        elif keeper.extras:
            extras = {**keeper.extras, **extras}
        check_depth(extras, keeper.record_id)
    out["extras"] = extras
    given = {*out, "warnings", "registry"}
    get = out.get
    nct_id = get("nct_id")
    registry = raw.registry
    if registry == "ctgov":
        given.add("registry_id")
    # in declared order; registry and registry_id as `Study._identity` sets them (`_new_study`)
    values = {
        "registry": registry,
        "registry_id": nct_id if registry == "ctgov" else None,
        "nct_id": nct_id,
        "org_study_id": get("org_study_id"),
        "secondary_ids": get("secondary_ids") or [],
        "brief_title": get("brief_title"),
        "official_title": get("official_title"),
        "acronym": get("acronym"),
        "brief_summary": get("brief_summary"),
        "detailed_description": get("detailed_description"),
        "conditions": get("conditions") or [],
        "keywords": get("keywords") or [],
        "status": out["status"] if "status" in out else Status(),
        "design": out["design"] if "design" in out else Design(),
        "arms": get("arms") or [],
        "interventions": get("interventions") or [],
        "eligibility": out["eligibility"] if "eligibility" in out else Eligibility(),
        "lead_sponsor": get("lead_sponsor"),
        "collaborators": get("collaborators") or [],
        "responsible_party": get("responsible_party"),
        "officials": get("officials") or [],
        "central_contacts": get("central_contacts") or [],
        "locations": get("locations") or [],
        "outcomes": get("outcomes") or [],
        "related_trials": out["related_trials"],
        "has_results": out["has_results"],
        "source": out["source"],
        "extras": extras,
    }
    if later:
        # the extras and their warnings are made when first read
        del values["extras"]
        fill = functools.partial(
            _kept_later, later, list(raw.warnings), keeper.warnings, keeper.record_id
        )
        return _new_study(values, given, {"fill_later": fill}, ("extras", "warnings"))
    if not keeper.pending:
        values["warnings"] = exact.all_warnings(raw.warnings, keeper.warnings)
        return _new_study(values, given, None)
    # the audit of kept sections is left for when the warnings are first read
    fill = functools.partial(
        _warnings_later, list(raw.warnings), keeper.warnings, keeper.pending, keeper.record_id
    )
    return _new_study(values, given, {"fill_later": fill})


_STUDY_FIELDS = tuple(Study.model_fields)
_STUDY_DIRECT = (
    set(Study.__pydantic_decorators__.model_validators) == {"_identity"}
    and not Study.__pydantic_decorators__.field_validators
)


def _new_study(
    values: dict[str, Any],
    given: set[str],
    private: dict[str, Any] | None,
    later: tuple[str, ...] = ("warnings",),
) -> Study:
    """The `Study` validation would build from `values` (every field but the warnings left for
    later, in declared order, `registry` and `registry_id` as its `_identity` validator sets
    them); by `model._build.built` where the model has grown other validators."""
    if not _STUDY_DIRECT:
        values = {name: values[name] for name in _STUDY_FIELDS if name in values}
        given = given - {"registry", "registry_id"}
        del values["registry"], values["registry_id"]
        if private is None:
            return built(Study, values, given)
        return built(Study, values, given, later=later, private=private)
    instance = _new(Study)
    set_dict(instance, values)
    set_fields_set(instance, given)
    set_extra(instance, None)
    set_private(instance, private)
    return instance
