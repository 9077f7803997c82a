"""The many small models of a record (sites, contacts, officials, outcomes, arms, ...), each list
built by one pydantic-core validator straight from the v2 objects.

Each validator accepts exactly what the fast pass accepts field by field (text: a `str` or None;
an enum field: one of the v2 values; a list of text: a list of `str`), ignores other keys, and
builds the model with its fields in declared order. The fast pass then does what validation of
the step-by-step mapping's dicts does differently: every field counts as set, a null list is an
empty one, and the keys the model does not map are kept (`_fast`).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic_core import CoreSchema, SchemaValidator
from pydantic_core import core_schema as cs

from ..model.design import Arm, Intervention
from ..model.enums import (
    AgencyClass,
    ArmGroupType,
    ContactRole,
    InterventionType,
    OfficialRole,
    OutcomeKind,
    RecruitmentStatus,
    StrEnum,
)
from ..model.outcomes import Outcome
from ..model.people import Contact, Location, Official, Organization

__all__ = [
    "ARMS",
    "CENTRAL_CONTACTS",
    "COLLABORATORS",
    "INTERVENTIONS",
    "LOCATIONS",
    "OFFICIALS",
    "OUTCOMES",
]

_STRICT_TEXT = cs.str_schema(strict=True)
_TEXT = cs.nullable_schema(_STRICT_TEXT)
_TEXTS = cs.nullable_schema(cs.list_schema(_STRICT_TEXT, strict=True))
_UNREACHABLE: list[list[str | int]] = [["measure", 2**62]]
"""A lookup no v2 object answers (item 2**62 of a measure): the field takes its default."""


def _enum(enum_type: type[StrEnum]) -> CoreSchema:
    members = list(enum_type.__members__.values())
    return cs.nullable_schema(
        cs.chain_schema([_STRICT_TEXT, cs.enum_schema(enum_type, members, sub_type="str")])
    )


def _kept_enum(enum_type: type[StrEnum]) -> CoreSchema:
    """`_enum`, where a string the enum does not hold is kept as written (the caller warns)."""
    members = list(enum_type.__members__.values())
    return cs.nullable_schema(
        cs.chain_schema(
            [
                _STRICT_TEXT,
                cs.union_schema(
                    [cs.enum_schema(enum_type, members, sub_type="str"), cs.str_schema()],
                    mode="left_to_right",
                ),
            ]
        )
    )


def _field(schema: CoreSchema, alias: str | list[list[str | int]], default: Any = None) -> Any:
    if default is list:
        return cs.model_field(
            cs.with_default_schema(schema, default_factory=list), validation_alias=alias
        )
    return cs.model_field(cs.with_default_schema(schema, default=default), validation_alias=alias)


def _model(cls: type[BaseModel], fields: dict[str, Any]) -> CoreSchema:
    if list(fields) != list(cls.model_fields):
        raise TypeError(f"{cls.__name__}: the v2 validator must build every field in order")
    return cs.model_schema(
        cls, cs.model_fields_schema(fields, extra_behavior="ignore"), extra_behavior="ignore"
    )


def _validator(item: CoreSchema, *classes: type[BaseModel]) -> SchemaValidator:
    """A validator of a list of `item`s. pydantic-core serves the schema of a model class that is
    complete with the class's own validator: the mark is lowered while this one is built."""
    marks = [cls.__dict__["__pydantic_complete__"] for cls in classes]
    try:
        for cls in classes:
            cls.__pydantic_complete__ = False
        return SchemaValidator(cs.list_schema(item, strict=True))
    finally:
        for cls, mark in zip(classes, marks, strict=True):
            cls.__pydantic_complete__ = mark


_CONTACT = _model(
    Contact,
    {
        "name": _field(_TEXT, "name"),
        "role": _field(_kept_enum(ContactRole), "role"),
        "phone": _field(_TEXT, "phone"),
        "phone_ext": _field(_TEXT, "phoneExt"),
        "email": _field(_TEXT, "email"),
    },
)
_LOCATION = _model(
    Location,
    {
        "facility": _field(_TEXT, "facility"),
        "city": _field(_TEXT, "city"),
        "state": _field(_TEXT, "state"),
        "zip": _field(_TEXT, "zip"),
        "country": _field(_TEXT, "country"),
        "status": _field(_enum(RecruitmentStatus), "status"),
        "contacts": _field(
            cs.nullable_schema(cs.list_schema(_CONTACT, strict=True)), "contacts", list
        ),
    },
)
_OFFICIAL = _model(
    Official,
    {
        "name": _field(_TEXT, "name"),
        "role": _field(_enum(OfficialRole), "role"),
        "affiliation": _field(_TEXT, "affiliation"),
    },
)
_ORGANIZATION = _model(
    Organization,
    {"name": _field(_TEXT, "name"), "agency_class": _field(_enum(AgencyClass), "class")},
)
_ARM = _model(
    Arm,
    {
        "label": _field(_TEXT, "label"),
        "type": _field(_enum(ArmGroupType), "type"),
        "description": _field(_TEXT, "description"),
        "intervention_names": _field(_TEXTS, "interventionNames", list),
    },
)
_INTERVENTION = _model(
    Intervention,
    {
        "name": _field(_TEXT, "name"),
        "type": _field(_enum(InterventionType), "type"),
        "description": _field(_TEXT, "description"),
        "arm_labels": _field(_TEXTS, "armGroupLabels", list),
        "other_names": _field(_TEXTS, "otherNames", list),
    },
)


def _outcome(kind: OutcomeKind) -> CoreSchema:
    return _model(
        Outcome,
        {
            "kind": _field(cs.any_schema(), _UNREACHABLE, kind),
            "measure": _field(_TEXT, "measure"),
            "description": _field(_TEXT, "description"),
            "time_frame": _field(_TEXT, "timeFrame"),
        },
    )


CENTRAL_CONTACTS = _validator(_CONTACT, Contact)
LOCATIONS = _validator(_LOCATION, Location, Contact)
OFFICIALS = _validator(_OFFICIAL, Official)
COLLABORATORS = _validator(_ORGANIZATION, Organization)
ARMS = _validator(_ARM, Arm)
INTERVENTIONS = _validator(_INTERVENTION, Intervention)
OUTCOMES = {kind: _validator(_outcome(kind), Outcome) for kind in OutcomeKind}
