"""The `Study` model and its parts, in the ClinicalTrials.gov v2 vocabulary."""

from __future__ import annotations

from .design import Arm, Design, Enrollment, Intervention
from .eligibility import Criterion, Eligibility
from .enums import (
    AgencyClass,
    AgeUnit,
    Allocation,
    ArmGroupType,
    ContactRole,
    DateType,
    EnrollmentType,
    InterventionModel,
    InterventionType,
    Masking,
    OfficialRole,
    OutcomeKind,
    OverallStatus,
    Phase,
    PrimaryPurpose,
    RecruitmentStatus,
    ResponsiblePartyType,
    SecondaryIdType,
    Sex,
    StudyType,
)
from .outcomes import Outcome, RelatedTrial
from .people import Contact, Location, Official, Organization, ResponsibleParty
from .status import Status
from .study import Format, ParseWarning, SecondaryId, Source, Study
from .values import Age, DatePrecision, PartialDate

__all__ = [
    "Age",
    "AgeUnit",
    "AgencyClass",
    "Allocation",
    "Arm",
    "ArmGroupType",
    "Contact",
    "ContactRole",
    "Criterion",
    "DatePrecision",
    "DateType",
    "Design",
    "Eligibility",
    "Enrollment",
    "EnrollmentType",
    "Format",
    "Intervention",
    "InterventionModel",
    "InterventionType",
    "Location",
    "Masking",
    "Official",
    "OfficialRole",
    "Organization",
    "Outcome",
    "OutcomeKind",
    "OverallStatus",
    "ParseWarning",
    "PartialDate",
    "Phase",
    "PrimaryPurpose",
    "RecruitmentStatus",
    "RelatedTrial",
    "ResponsibleParty",
    "ResponsiblePartyType",
    "SecondaryId",
    "SecondaryIdType",
    "Sex",
    "Source",
    "Status",
    "Study",
    "StudyType",
]
