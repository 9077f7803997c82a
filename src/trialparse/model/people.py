"""Sponsors, responsible party, officials, contacts and locations."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .enums import (
    AgencyClassField,
    ContactRoleField,
    OfficialRoleField,
    RecruitmentStatusField,
    ResponsiblePartyTypeField,
)

__all__ = ["Contact", "Location", "Official", "Organization", "ResponsibleParty"]


class Organization(BaseModel):
    """A sponsor or collaborator (v2 ``leadSponsor``, ``collaborators[]``)."""

    name: str | None = None
    agency_class: AgencyClassField | None = None


class ResponsibleParty(BaseModel):
    """Who is responsible for the record (v2 ``responsibleParty``)."""

    type: ResponsiblePartyTypeField | None = None
    investigator_name: str | None = None
    investigator_affiliation: str | None = None


class Official(BaseModel):
    """An overall official (v2 ``overallOfficials[]``)."""

    name: str | None = None
    role: OfficialRoleField | None = None
    affiliation: str | None = None


class Contact(BaseModel):
    """A central or site contact (v2 ``centralContacts[]``, ``locations[].contacts[]``)."""

    name: str | None = None
    role: ContactRoleField | None = None
    phone: str | None = None
    phone_ext: str | None = None
    email: str | None = None


class Location(BaseModel):
    """A study site (v2 ``locations[]``)."""

    facility: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None
    status: RecruitmentStatusField | None = None
    contacts: list[Contact] = Field(default_factory=list)
