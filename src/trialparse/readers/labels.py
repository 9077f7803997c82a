"""Display and legacy values → ClinicalTrials.gov v2 enum values, in one place.

Every reader that meets human-readable values (legacy XML, classic v1 JSON, HTML pages, text
renders) maps them here. Each enum's own v2 values are always accepted (``"RECRUITING"``,
``"Active, not recruiting"`` ~ ``ACTIVE_NOT_RECRUITING`` after folding case and punctuation);
the tables below add the other spellings, each with where it was seen.

Lookup keys are folded: lower case, every run of non-alphanumerics one space, trimmed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

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

__all__ = ["MAPPED_ENUMS", "fold", "phases_from_display", "to_v2"]

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Fold a label or value for lookup: lower case, punctuation and spaces to one space.

    Cached: page readers fold the same labels and lines again and again."""
    return _NON_ALNUM.sub(" ", text.lower()).strip()


# Display/legacy spellings beyond the folded v2 value itself.
_ALIASES: dict[type[StrEnum], dict[str, str]] = {
    OverallStatus: {
        # legacy XML <overall_status>, classic v1 JSON OverallStatus
        "unknown status": "UNKNOWN",
        "not yet recruiting": "NOT_YET_RECRUITING",
        "active not recruiting": "ACTIVE_NOT_RECRUITING",
        "enrolling by invitation": "ENROLLING_BY_INVITATION",
        "no longer available": "NO_LONGER_AVAILABLE",
        "temporarily not available": "TEMPORARILY_NOT_AVAILABLE",
        "approved for marketing": "APPROVED_FOR_MARKETING",
        # older archive pages
        "recruiting status unknown": "UNKNOWN",
        "terminated early": "TERMINATED",
        # legacy XML archive snapshots of 2005-2008 (before "Active, not recruiting")
        "no longer recruiting": "ACTIVE_NOT_RECRUITING",
    },
    RecruitmentStatus: {
        "not yet recruiting": "NOT_YET_RECRUITING",
        # legacy XML archive snapshots <location><status>No longer recruiting</status>
        "no longer recruiting": "ACTIVE_NOT_RECRUITING",
        "active not recruiting": "ACTIVE_NOT_RECRUITING",
        "enrolling by invitation": "ENROLLING_BY_INVITATION",
    },
    StudyType: {
        # legacy XML: "Observational [Patient Registry]"
        "observational patient registry": "OBSERVATIONAL",
        "expanded access": "EXPANDED_ACCESS",
        "interventional study": "INTERVENTIONAL",
        "observational study": "OBSERVATIONAL",
    },
    Sex: {
        # legacy XML <gender>Both</gender>; trial sites "All", "Male and Female"
        "both": "ALL",
        "all": "ALL",
        "male and female": "ALL",
        "female and male": "ALL",
        "men and women": "ALL",
        "females": "FEMALE",
        "males": "MALE",
        "women": "FEMALE",
        "men": "MALE",
    },
    Allocation: {
        # legacy XML "N/A", "Non-Randomized"
        "n a": "NA",
        "not applicable": "NA",
        "non randomized": "NON_RANDOMIZED",
        "nonrandomized": "NON_RANDOMIZED",
    },
    InterventionModel: {
        # legacy XML "Parallel Assignment", ...
        "single group assignment": "SINGLE_GROUP",
        "parallel assignment": "PARALLEL",
        "crossover assignment": "CROSSOVER",
        "factorial assignment": "FACTORIAL",
        "sequential assignment": "SEQUENTIAL",
        "single group": "SINGLE_GROUP",
    },
    PrimaryPurpose: {
        "supportive care": "SUPPORTIVE_CARE",
        "health services research": "HEALTH_SERVICES_RESEARCH",
        "basic science": "BASIC_SCIENCE",
        "device feasibility": "DEVICE_FEASIBILITY",
        "educational counseling training": "ECT",
    },
    Masking: {
        # legacy XML "None (Open Label)", "Double (Participant, Investigator)",
        # older XML "Double Blind (Subject, Caregiver, ...)", "Open Label", "No masking"
        "none open label": "NONE",
        "open label": "NONE",
        "no masking": "NONE",
        "single blind": "SINGLE",
        "double blind": "DOUBLE",
        "triple blind": "TRIPLE",
        "quadruple blind": "QUADRUPLE",
    },
    EnrollmentType: {"anticipated": "ESTIMATED", "expected": "ESTIMATED"},
    DateType: {
        "anticipated": "ESTIMATED",
        "expected": "ESTIMATED",
        # legacy XML 2017-2018 downloads <last_update_posted type="Estimate">; classic v1 JSON
        # StudyFirstPostDateType "Estimate"
        "estimate": "ESTIMATED",
    },
    ArmGroupType: {
        "active comparator": "ACTIVE_COMPARATOR",
        "placebo comparator": "PLACEBO_COMPARATOR",
        "sham comparator": "SHAM_COMPARATOR",
        "no intervention": "NO_INTERVENTION",
    },
    InterventionType: {
        "dietary supplement": "DIETARY_SUPPLEMENT",
        "diagnostic test": "DIAGNOSTIC_TEST",
        "combination product": "COMBINATION_PRODUCT",
        "biological vaccine": "BIOLOGICAL",
        "genetic gene transfer": "GENETIC",
        # legacy XML 2005-2008 archive snapshots: <intervent_type>Procedure/Surgery, Behavior
        "procedure surgery": "PROCEDURE",
        "behavior": "BEHAVIORAL",
    },
    AgencyClass: {
        # legacy XML <agency_class>U.S. Fed</agency_class>
        "u s fed": "FED",
        "us fed": "FED",
        "industry": "INDUSTRY",
        "other gov": "OTHER_GOV",
        "individual": "INDIV",
    },
    ResponsiblePartyType: {
        "principal investigator": "PRINCIPAL_INVESTIGATOR",
        "sponsor investigator": "SPONSOR_INVESTIGATOR",
    },
    OfficialRole: {
        "principal investigator": "PRINCIPAL_INVESTIGATOR",
        "study director": "STUDY_DIRECTOR",
        "study chair": "STUDY_CHAIR",
        "sub investigator": "SUB_INVESTIGATOR",
    },
    ContactRole: {
        "principal investigator": "PRINCIPAL_INVESTIGATOR",
        "study director": "STUDY_DIRECTOR",
        "study chair": "STUDY_CHAIR",
        "sub investigator": "SUB_INVESTIGATOR",
    },
    SecondaryIdType: {
        "eudract number": "EUDRACT_NUMBER",
        "other grant": "OTHER_GRANT",
        "other grant funding number": "OTHER_GRANT",
        "u s nih grant contract": "NIH",
        # legacy XML archive snapshots <id_type>US NIH Grant Number</id_type>
        "us nih grant number": "NIH",
        "u s fda grant": "FDA",
        "registry identifier": "REGISTRY",
        "other identifier": "OTHER",
    },
}


def _build(enum_type: type[StrEnum]) -> dict[str, str]:
    table = {fold(member.value): member.value for member in enum_type}
    table.update(_ALIASES.get(enum_type, {}))
    return table


MAPPED_ENUMS: tuple[type[StrEnum], ...] = (
    OverallStatus,
    RecruitmentStatus,
    StudyType,
    Sex,
    Allocation,
    InterventionModel,
    PrimaryPurpose,
    Masking,
    EnrollmentType,
    DateType,
    ArmGroupType,
    InterventionType,
    AgencyClass,
    ResponsiblePartyType,
    OfficialRole,
    ContactRole,
    SecondaryIdType,
)
"""The enums `to_v2` maps display and legacy values onto (phases: `phases_from_display`)."""

_TABLES: dict[type[StrEnum], dict[str, str]] = {
    enum_type: _build(enum_type) for enum_type in MAPPED_ENUMS
}


_VALUES: dict[type[StrEnum], frozenset[str]] = {
    enum_type: frozenset(member.value for member in enum_type) for enum_type in MAPPED_ENUMS
}


def to_v2(enum_type: type[StrEnum], text: str | None) -> str | None:
    """The v2 value of `enum_type` that the display or legacy `text` means.

    Returns the text unchanged (stripped) when no table entry matches, so that the model keeps
    it as an unknown value with a warning; returns None for None or blank text.
    Masking with a parenthesised list ("Double (Participant, Investigator)") maps on its head.
    """
    if text is None:
        return None
    stripped = text.strip()
    if not stripped:
        return None
    table = _TABLES[enum_type]
    key = fold(stripped)
    found = table.get(key)
    if found is None and "(" in stripped:
        found = table.get(fold(stripped.split("(", 1)[0]))
    return found if found is not None else stripped


# Phases: "Phase 1/Phase 2", "PHASE1/PHASE2", "Phase 2 Phase 3", "Phase 1|Phase 2", "Phase 0"
# (legacy for EARLY_PHASE1), "Early Phase 1", "N/A", "Not Applicable".
_PHASE_TOKEN = re.compile(
    r"early[\s_-]*phase[\s_-]*(?:1|i)\b|phase[\s_-]*(?:[0-4]|iv|iii|ii|i)(?![0-9a-z])"
    r"|\bn\s*/?\s*a\b|not\s+applicable",
    re.IGNORECASE,
)
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}


def _phase_value(token: str) -> str:
    folded = fold(token).replace(" ", "")
    if folded.startswith("early"):
        return Phase.EARLY_PHASE1.value
    if folded in ("na", "notapplicable"):
        return Phase.NA.value
    number = folded.removeprefix("phase")
    number = _ROMAN.get(number, number)
    return Phase.EARLY_PHASE1.value if number == "0" else f"PHASE{number}"


def phases_from_display(text: str | None) -> list[str]:
    """The v2 phases a display value names, in order, without repeats.

    Text with no recognisable phase gives ``[text]`` so the model keeps it with a warning.
    """
    if text is None or not text.strip():
        return []
    found: list[str] = []
    for match in _PHASE_TOKEN.finditer(text):
        value = _phase_value(match[0])
        if value not in found:
            found.append(value)
    return found or [text.strip()]


def first_known(enum_type: type[StrEnum], candidates: Iterable[str | None]) -> str | None:
    """The first candidate that maps to a known v2 value of `enum_type`, else None."""
    known = _VALUES[enum_type]
    for candidate in candidates:
        value = to_v2(enum_type, candidate)
        if value in known:
            return value
    return None
