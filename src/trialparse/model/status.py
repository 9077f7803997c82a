"""Status and dates of a study (v2 ``statusModule``)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .enums import (
    OverallStatusField,
)
from .values import PartialDate

__all__ = ["Status"]


class Status(BaseModel):
    """Overall status and the key dates (v2 ``statusModule``)."""

    overall: OverallStatusField | None = Field(None, description="the overall recruitment status (v2 protocolSection.statusModule.overallStatus)")
    why_stopped: str | None = Field(None, description="why the study stopped early (v2 protocolSection.statusModule.whyStopped)")
    start_date: PartialDate | None = Field(None, description="start date (v2 protocolSection.statusModule.startDateStruct)")
    primary_completion_date: PartialDate | None = Field(None, description="primary completion date (v2 protocolSection.statusModule.primaryCompletionDateStruct)")
    completion_date: PartialDate | None = Field(None, description="completion date (v2 protocolSection.statusModule.completionDateStruct)")
    first_submitted: PartialDate | None = Field(None, description="first submitted to the registry (v2 protocolSection.statusModule.studyFirstSubmitDate)")
    last_updated: PartialDate | None = Field(None, description="last update posted (v2 protocolSection.statusModule.lastUpdatePostDateStruct)")
