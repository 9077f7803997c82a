"""Design, arms and interventions (v2 ``designModule`` and ``armsInterventionsModule``)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .enums import (
    AllocationField,
    ArmGroupTypeField,
    EnrollmentTypeField,
    InterventionModelField,
    InterventionTypeField,
    MaskingField,
    PhaseField,
    PrimaryPurposeField,
    StudyTypeField,
)

__all__ = ["Arm", "Design", "Enrollment", "Intervention"]


class Enrollment(BaseModel):
    """Number of participants and whether it is ACTUAL or ESTIMATED."""

    count: int | None = None
    type: EnrollmentTypeField | None = None


class Design(BaseModel):
    """Study type, phases and design (v2 ``designModule``)."""

    study_type: StudyTypeField | None = None
    phases: list[PhaseField] = Field(default_factory=list)
    allocation: AllocationField | None = None
    intervention_model: InterventionModelField | None = None
    primary_purpose: PrimaryPurposeField | None = None
    masking: MaskingField | None = None
    enrollment: Enrollment | None = None


class Arm(BaseModel):
    """An arm or group (v2 ``armGroups[]``)."""

    label: str | None = None
    type: ArmGroupTypeField | None = None
    description: str | None = None
    intervention_names: list[str] = Field(default_factory=list)


class Intervention(BaseModel):
    """An intervention (v2 ``interventions[]``)."""

    name: str | None = None
    type: InterventionTypeField | None = None
    description: str | None = None
    arm_labels: list[str] = Field(default_factory=list)
    other_names: list[str] = Field(default_factory=list)
