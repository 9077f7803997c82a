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

    count: int | None = Field(None, description="number of participants (v2 protocolSection.designModule.enrollmentInfo.count)")
    type: EnrollmentTypeField | None = Field(None, description="ACTUAL or ESTIMATED (v2 protocolSection.designModule.enrollmentInfo.type)")


class Design(BaseModel):
    """Study type, phases and design (v2 ``designModule``)."""

    study_type: StudyTypeField | None = Field(None, description="INTERVENTIONAL, OBSERVATIONAL or EXPANDED_ACCESS (v2 protocolSection.designModule.studyType)")
    phases: list[PhaseField] = Field(default_factory=list, description="phases, [] when none (v2 protocolSection.designModule.phases)")
    allocation: AllocationField | None = Field(None, description="randomised or not (v2 protocolSection.designModule.designInfo.allocation)")
    intervention_model: InterventionModelField | None = Field(None, description="single group, parallel, crossover, ... (v2 protocolSection.designModule.designInfo.interventionModel)")
    primary_purpose: PrimaryPurposeField | None = Field(None, description="treatment, prevention, ... (v2 protocolSection.designModule.designInfo.primaryPurpose)")
    masking: MaskingField | None = Field(None, description="who is blinded, in short: NONE, SINGLE, DOUBLE, ... (v2 protocolSection.designModule.designInfo.maskingInfo.masking)")
    enrollment: Enrollment | None = Field(None, description="number of participants and its type (v2 protocolSection.designModule.enrollmentInfo)")


class Arm(BaseModel):
    """An arm or group (v2 ``armGroups[]``)."""

    label: str | None = Field(None, description="the arm's label (v2 armGroups[].label)")
    type: ArmGroupTypeField | None = Field(None, description="EXPERIMENTAL, PLACEBO_COMPARATOR, ... (v2 armGroups[].type)")
    description: str | None = Field(None, description="the arm's description (v2 armGroups[].description)")
    intervention_names: list[str] = Field(default_factory=list, description="the interventions the arm receives, as 'Type: name' (v2 armGroups[].interventionNames)")


class Intervention(BaseModel):
    """An intervention (v2 ``interventions[]``)."""

    name: str | None = Field(None, description="the intervention's name (v2 interventions[].name)")
    type: InterventionTypeField | None = Field(None, description="DRUG, DEVICE, BIOLOGICAL, ... (v2 interventions[].type)")
    description: str | None = Field(None, description="the intervention's description (v2 interventions[].description)")
    arm_labels: list[str] = Field(default_factory=list, description="the arms that receive it (v2 interventions[].armGroupLabels)")
    other_names: list[str] = Field(default_factory=list, description="other names of it (v2 interventions[].otherNames)")
