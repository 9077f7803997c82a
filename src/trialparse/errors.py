"""Every exception trialparse raises, and the codes of the warnings it records.

The hierarchy::

    TrialParseError                 base class: catch this to catch everything below
    ├── UnknownFormat               no reader recognises the input
    ├── MalformedRecord             the input is of a known format but broken (has record_id, location)
    ├── UnsafeInput                 refused for safety: XML entities/DTDs, oversize input
    └── FetchError                  talking to the registry API went wrong (itself: a 4xx answer)
        ├── InvalidNctId            the ID is not NCT + 8 digits (raised before any request)
        ├── InvalidSearch           search arguments the registry does not take (before any request)
        ├── StudyNotFound           the API answered 404
        ├── RateLimited             429 after every retry
        └── RegistryUnavailable     5xx after every retry, timeouts, network errors

Messages name the record and the place, in the form
``NCT06352281: protocolSection.eligibilityModule.minimumAge: expected "<number> <unit>", got "eighteen"``.
"""

from __future__ import annotations

from enum import Enum

__all__ = [
    "FetchError",
    "InvalidNctId",
    "InvalidSearch",
    "MalformedRecord",
    "RateLimited",
    "RegistryUnavailable",
    "StudyNotFound",
    "TrialParseError",
    "UnknownFormat",
    "UnsafeInput",
    "WarningCode",
]


class WarningCode(str, Enum):
    """Codes of the `ParseWarning`s recorded on a `Study`."""

    UNKNOWN_ENUM_VALUE = "unknown-enum-value"
    """An enum field held a value the CT.gov v2 data model does not define; kept as a string."""
    UNKNOWN_KEY = "unknown-key"
    """The source held a key or element no reader maps; kept in `Study.extras`."""
    UNMAPPED_CONTENT = "unmapped-content"
    """The source held content the reader could not place; kept in `Study.extras`."""
    UNDECODABLE_BYTES = "undecodable-bytes"
    """Bytes not valid in the encoding the input was read in were replaced with U+FFFD."""
    UNPARSED_VALUE = "unparsed-value"
    """A value could not be read into its typed field; the raw value is kept in `Study.extras`."""
    TRUNCATED_VALUE = "truncated-value"
    """A page's value runs to the very end of the page (an excerpt cut mid-value); kept as it is."""
    TOO_MANY_VALUES = "too-many-values"
    """Criteria text stated more values of one kind than the normaliser keeps
    (`trialparse.normalise.MAX_VALUES`); the first are kept, the warning counts the rest."""


def _describe(record_id: str | None, location: str | None, message: str) -> str:
    parts = [p for p in (record_id, location) if p]
    parts.append(message)
    return " ".join(": ".join(parts).split())  # one line, whatever the parts hold


class TrialParseError(Exception):
    """Base class of every trialparse error."""

    def __init__(
        self, message: str, *, record_id: str | None = None, location: str | None = None
    ) -> None:
        # one line, whatever a parser underneath wrote (lxml messages carry newlines)
        self.message = " ".join(message.split())
        self.record_id = record_id
        self.location = location
        super().__init__(_describe(record_id, location, self.message))


class UnknownFormat(TrialParseError):
    """No reader recognises the input (or the format named is not one trialparse knows)."""


class MalformedRecord(TrialParseError):
    """The record is of a known format but broken: bad syntax, wrong types, unreadable values.

    `record_id` is the NCT ID or the source (file name) when known; `location` is the JSON
    path, XML element or line where it went wrong; `snippet` keeps the raw value at fault.
    """

    def __init__(
        self,
        message: str,
        *,
        record_id: str | None = None,
        location: str | None = None,
        snippet: str | None = None,
    ) -> None:
        self.snippet = snippet
        super().__init__(message, record_id=record_id, location=location)


class UnsafeInput(TrialParseError):
    """Input refused for safety: XML entity declarations or DTDs, or input over the size limit."""


class FetchError(TrialParseError):
    """Something went wrong fetching from the registry API."""

    def __init__(
        self,
        message: str,
        *,
        record_id: str | None = None,
        location: str | None = None,
        status_code: int | None = None,
        url: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.url = url
        super().__init__(message, record_id=record_id, location=location)


class InvalidNctId(FetchError):
    """The ID is not a ClinicalTrials.gov identifier (``NCT`` and 8 digits); nothing was sent."""


class InvalidSearch(FetchError):
    """A search argument the registry does not take (status, phase, page size, limit); nothing
    was sent."""


class StudyNotFound(FetchError):
    """The registry has no study with that ID (HTTP 404)."""


class RateLimited(FetchError):
    """The registry kept answering 429 Too Many Requests after every retry."""

    def __init__(
        self,
        message: str,
        *,
        record_id: str | None = None,
        location: str | None = None,
        status_code: int | None = 429,
        url: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.retry_after = retry_after
        super().__init__(
            message, record_id=record_id, location=location, status_code=status_code, url=url
        )


class RegistryUnavailable(FetchError):
    """The registry could not be reached or kept failing (5xx, timeouts, network errors)."""
