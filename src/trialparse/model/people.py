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

    name: str | None = Field(None, description="the organisation's name (v2 leadSponsor.name, collaborators[].name)")
    agency_class: AgencyClassField | None = Field(None, description="NIH, FED, INDUSTRY, OTHER, ... (v2 leadSponsor.class, collaborators[].class)")


class ResponsibleParty(BaseModel):
    """Who is responsible for the record (v2 ``responsibleParty``)."""

    type: ResponsiblePartyTypeField | None = Field(None, description="SPONSOR, PRINCIPAL_INVESTIGATOR or SPONSOR_INVESTIGATOR (v2 responsibleParty.type)")
    investigator_name: str | None = Field(None, description="the investigator's full name (v2 responsibleParty.investigatorFullName)")
    investigator_affiliation: str | None = Field(None, description="the investigator's affiliation (v2 responsibleParty.investigatorAffiliation)")


class Official(BaseModel):
    """An overall official (v2 ``overallOfficials[]``)."""

    name: str | None = Field(None, description="the official's name (v2 overallOfficials[].name)")
    role: OfficialRoleField | None = Field(None, description="PRINCIPAL_INVESTIGATOR, STUDY_CHAIR, STUDY_DIRECTOR, ... (v2 overallOfficials[].role)")
    affiliation: str | None = Field(None, description="the official's affiliation (v2 overallOfficials[].affiliation)")


class Contact(BaseModel):
    """A central or site contact (v2 ``centralContacts[]``, ``locations[].contacts[]``)."""

    name: str | None = Field(None, description="the contact's name (v2 centralContacts[].name, locations[].contacts[].name)")
    role: ContactRoleField | None = Field(None, description="CONTACT, PRINCIPAL_INVESTIGATOR, ... (v2 centralContacts[].role, locations[].contacts[].role)")
    phone: str | None = Field(None, description="phone (v2 centralContacts[].phone, locations[].contacts[].phone)")
    phone_ext: str | None = Field(None, description="phone extension (v2 centralContacts[].phoneExt, locations[].contacts[].phoneExt)")
    email: str | None = Field(None, description="email (v2 centralContacts[].email, locations[].contacts[].email)")


class Location(BaseModel):
    """A study site (v2 ``locations[]``)."""

    facility: str | None = Field(None, description="the site's name (v2 locations[].facility)")
    city: str | None = Field(None, description="city (v2 locations[].city)")
    state: str | None = Field(None, description="state or region (v2 locations[].state)")
    zip: str | None = Field(None, description="postal code (v2 locations[].zip)")
    country: str | None = Field(None, description="country (v2 locations[].country)")
    status: RecruitmentStatusField | None = Field(None, description="the site's recruitment status (v2 locations[].status)")
    contacts: list[Contact] = Field(default_factory=list, description="the site's contacts and investigators (v2 locations[].contacts)")
