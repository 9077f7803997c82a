"""Status and dates of a study (v2 ``statusModule``)."""

from __future__ import annotations

from pydantic import BaseModel

from .enums import (
    OverallStatusField,
)
from .values import PartialDate

__all__ = ["Status"]


class Status(BaseModel):
    """Overall status and the key dates (v2 ``statusModule``)."""

    overall: OverallStatusField | None = None
    why_stopped: str | None = None
    start_date: PartialDate | None = None
    primary_completion_date: PartialDate | None = None
    completion_date: PartialDate | None = None
    first_submitted: PartialDate | None = None
    last_updated: PartialDate | None = None
