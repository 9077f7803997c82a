"""Enumerations of the ClinicalTrials.gov v2 data model.

Member values are exactly the v2 API values (``components.schemas`` of the official OpenAPI
description); `tests/model/test_enums.py` checks them against the published description
(`ctg-oas-v2.yaml`).
Legacy and display forms ("Recruiting", "Phase 1/Phase 2") are mapped onto these in
`trialparse.readers.labels`, not here.
"""

from __future__ import annotations

import sys
from typing import Annotated

from pydantic import Field

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:  # pragma: no cover - Python 3.10
    from enum import Enum

    class StrEnum(str, Enum):
        """`enum.StrEnum` for Python 3.10."""

        def __str__(self) -> str:
            return str(self.value)


__all__ = [
    "AgeUnit",
    "AgencyClass",
    "Allocation",
    "ArmGroupType",
    "ContactRole",
    "DateType",
    "EnrollmentType",
    "InterventionModel",
    "InterventionType",
    "Masking",
    "OfficialRole",
    "OutcomeKind",
    "OverallStatus",
    "Phase",
    "PrimaryPurpose",
    "RecruitmentStatus",
    "ResponsiblePartyType",
    "SecondaryIdType",
    "Sex",
    "StrEnum",
    "StudyType",
]


class OverallStatus(StrEnum):
    """Overall recruitment status (spec: ``Status``), including the expanded-access ones."""

    ACTIVE_NOT_RECRUITING = "ACTIVE_NOT_RECRUITING"
    COMPLETED = "COMPLETED"
    ENROLLING_BY_INVITATION = "ENROLLING_BY_INVITATION"
    NOT_YET_RECRUITING = "NOT_YET_RECRUITING"
    RECRUITING = "RECRUITING"
    SUSPENDED = "SUSPENDED"
    TERMINATED = "TERMINATED"
    WITHDRAWN = "WITHDRAWN"
    AVAILABLE = "AVAILABLE"
    NO_LONGER_AVAILABLE = "NO_LONGER_AVAILABLE"
    TEMPORARILY_NOT_AVAILABLE = "TEMPORARILY_NOT_AVAILABLE"
    APPROVED_FOR_MARKETING = "APPROVED_FOR_MARKETING"
    WITHHELD = "WITHHELD"
    UNKNOWN = "UNKNOWN"


class RecruitmentStatus(StrEnum):
    """Recruitment status of one site (spec: ``RecruitmentStatus``)."""

    ACTIVE_NOT_RECRUITING = "ACTIVE_NOT_RECRUITING"
    COMPLETED = "COMPLETED"
    ENROLLING_BY_INVITATION = "ENROLLING_BY_INVITATION"
    NOT_YET_RECRUITING = "NOT_YET_RECRUITING"
    RECRUITING = "RECRUITING"
    SUSPENDED = "SUSPENDED"
    TERMINATED = "TERMINATED"
    WITHDRAWN = "WITHDRAWN"
    AVAILABLE = "AVAILABLE"


class StudyType(StrEnum):
    """Study type (spec: ``StudyType``)."""

    EXPANDED_ACCESS = "EXPANDED_ACCESS"
    INTERVENTIONAL = "INTERVENTIONAL"
    OBSERVATIONAL = "OBSERVATIONAL"


class Phase(StrEnum):
    """Trial phase (spec: ``Phase``); ``NA`` is "not applicable", a value in its own right."""

    NA = "NA"
    EARLY_PHASE1 = "EARLY_PHASE1"
    PHASE1 = "PHASE1"
    PHASE2 = "PHASE2"
    PHASE3 = "PHASE3"
    PHASE4 = "PHASE4"


class Sex(StrEnum):
    """Sexes eligible (spec: ``Sex``)."""

    FEMALE = "FEMALE"
    MALE = "MALE"
    ALL = "ALL"


class Allocation(StrEnum):
    """Allocation of participants to arms (spec: ``DesignAllocation``)."""

    RANDOMIZED = "RANDOMIZED"
    NON_RANDOMIZED = "NON_RANDOMIZED"
    NA = "NA"


class InterventionModel(StrEnum):
    """Interventional study model (spec: ``InterventionalAssignment``)."""

    SINGLE_GROUP = "SINGLE_GROUP"
    PARALLEL = "PARALLEL"
    CROSSOVER = "CROSSOVER"
    FACTORIAL = "FACTORIAL"
    SEQUENTIAL = "SEQUENTIAL"


class PrimaryPurpose(StrEnum):
    """Primary purpose (spec: ``PrimaryPurpose``)."""

    TREATMENT = "TREATMENT"
    PREVENTION = "PREVENTION"
    DIAGNOSTIC = "DIAGNOSTIC"
    ECT = "ECT"
    SUPPORTIVE_CARE = "SUPPORTIVE_CARE"
    SCREENING = "SCREENING"
    HEALTH_SERVICES_RESEARCH = "HEALTH_SERVICES_RESEARCH"
    BASIC_SCIENCE = "BASIC_SCIENCE"
    DEVICE_FEASIBILITY = "DEVICE_FEASIBILITY"
    OTHER = "OTHER"


class Masking(StrEnum):
    """Masking (blinding) (spec: ``DesignMasking``)."""

    NONE = "NONE"
    SINGLE = "SINGLE"
    DOUBLE = "DOUBLE"
    TRIPLE = "TRIPLE"
    QUADRUPLE = "QUADRUPLE"


class EnrollmentType(StrEnum):
    """Whether an enrollment count is actual or estimated (spec: ``EnrollmentType``)."""

    ACTUAL = "ACTUAL"
    ESTIMATED = "ESTIMATED"


class DateType(StrEnum):
    """Whether a date is actual or estimated (spec: ``DateType``)."""

    ACTUAL = "ACTUAL"
    ESTIMATED = "ESTIMATED"


class ArmGroupType(StrEnum):
    """Arm type (spec: ``ArmGroupType``)."""

    EXPERIMENTAL = "EXPERIMENTAL"
    ACTIVE_COMPARATOR = "ACTIVE_COMPARATOR"
    PLACEBO_COMPARATOR = "PLACEBO_COMPARATOR"
    SHAM_COMPARATOR = "SHAM_COMPARATOR"
    NO_INTERVENTION = "NO_INTERVENTION"
    OTHER = "OTHER"


class InterventionType(StrEnum):
    """Intervention type (spec: ``InterventionType``)."""

    BEHAVIORAL = "BEHAVIORAL"
    BIOLOGICAL = "BIOLOGICAL"
    COMBINATION_PRODUCT = "COMBINATION_PRODUCT"
    DEVICE = "DEVICE"
    DIAGNOSTIC_TEST = "DIAGNOSTIC_TEST"
    DIETARY_SUPPLEMENT = "DIETARY_SUPPLEMENT"
    DRUG = "DRUG"
    GENETIC = "GENETIC"
    PROCEDURE = "PROCEDURE"
    RADIATION = "RADIATION"
    OTHER = "OTHER"


class ContactRole(StrEnum):
    """Role of a contact (spec: ``ContactRole``)."""

    STUDY_CHAIR = "STUDY_CHAIR"
    STUDY_DIRECTOR = "STUDY_DIRECTOR"
    PRINCIPAL_INVESTIGATOR = "PRINCIPAL_INVESTIGATOR"
    SUB_INVESTIGATOR = "SUB_INVESTIGATOR"
    CONTACT = "CONTACT"


class OfficialRole(StrEnum):
    """Role of an overall official (spec: ``OfficialRole``)."""

    STUDY_CHAIR = "STUDY_CHAIR"
    STUDY_DIRECTOR = "STUDY_DIRECTOR"
    PRINCIPAL_INVESTIGATOR = "PRINCIPAL_INVESTIGATOR"
    SUB_INVESTIGATOR = "SUB_INVESTIGATOR"


class AgencyClass(StrEnum):
    """Class of a sponsor or collaborator (spec: ``AgencyClass``)."""

    NIH = "NIH"
    FED = "FED"
    OTHER_GOV = "OTHER_GOV"
    INDIV = "INDIV"
    INDUSTRY = "INDUSTRY"
    NETWORK = "NETWORK"
    AMBIG = "AMBIG"
    OTHER = "OTHER"
    UNKNOWN = "UNKNOWN"


class ResponsiblePartyType(StrEnum):
    """Who is responsible for the record (spec: ``ResponsiblePartyType``)."""

    SPONSOR = "SPONSOR"
    PRINCIPAL_INVESTIGATOR = "PRINCIPAL_INVESTIGATOR"
    SPONSOR_INVESTIGATOR = "SPONSOR_INVESTIGATOR"


class SecondaryIdType(StrEnum):
    """Kind of a secondary identifier (spec: ``SecondaryIdType``)."""

    NIH = "NIH"
    FDA = "FDA"
    VA = "VA"
    CDC = "CDC"
    AHRQ = "AHRQ"
    SAMHSA = "SAMHSA"
    OTHER_GRANT = "OTHER_GRANT"
    EUDRACT_NUMBER = "EUDRACT_NUMBER"
    CTIS = "CTIS"
    REGISTRY = "REGISTRY"
    OTHER = "OTHER"


class OutcomeKind(StrEnum):
    """Which outcome list an outcome comes from (primaryOutcomes, secondaryOutcomes, otherOutcomes)."""

    PRIMARY = "PRIMARY"
    SECONDARY = "SECONDARY"
    OTHER = "OTHER"


class AgeUnit(StrEnum):
    """Unit of an eligibility age, as the v2 ``minimumAge`` pattern allows."""

    YEARS = "YEARS"
    MONTHS = "MONTHS"
    WEEKS = "WEEKS"
    DAYS = "DAYS"
    HOURS = "HOURS"
    MINUTES = "MINUTES"


# Field types: the enum where the value is known, else the raw string (the reader records a
# warning). left_to_right makes pydantic try the enum before it falls back to `str`.


AgeUnitField = Annotated[AgeUnit | str, Field(union_mode="left_to_right")]
AgencyClassField = Annotated[AgencyClass | str, Field(union_mode="left_to_right")]
AllocationField = Annotated[Allocation | str, Field(union_mode="left_to_right")]
ArmGroupTypeField = Annotated[ArmGroupType | str, Field(union_mode="left_to_right")]
ContactRoleField = Annotated[ContactRole | str, Field(union_mode="left_to_right")]
DateTypeField = Annotated[DateType | str, Field(union_mode="left_to_right")]
EnrollmentTypeField = Annotated[EnrollmentType | str, Field(union_mode="left_to_right")]
InterventionModelField = Annotated[InterventionModel | str, Field(union_mode="left_to_right")]
InterventionTypeField = Annotated[InterventionType | str, Field(union_mode="left_to_right")]
MaskingField = Annotated[Masking | str, Field(union_mode="left_to_right")]
OfficialRoleField = Annotated[OfficialRole | str, Field(union_mode="left_to_right")]
OutcomeKindField = Annotated[OutcomeKind | str, Field(union_mode="left_to_right")]
OverallStatusField = Annotated[OverallStatus | str, Field(union_mode="left_to_right")]
PhaseField = Annotated[Phase | str, Field(union_mode="left_to_right")]
PrimaryPurposeField = Annotated[PrimaryPurpose | str, Field(union_mode="left_to_right")]
RecruitmentStatusField = Annotated[RecruitmentStatus | str, Field(union_mode="left_to_right")]
ResponsiblePartyTypeField = Annotated[ResponsiblePartyType | str, Field(union_mode="left_to_right")]
SecondaryIdTypeField = Annotated[SecondaryIdType | str, Field(union_mode="left_to_right")]
SexField = Annotated[Sex | str, Field(union_mode="left_to_right")]
StudyTypeField = Annotated[StudyType | str, Field(union_mode="left_to_right")]
