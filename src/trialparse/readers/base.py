"""What every reader hands to the one v2 mapping: a record in the v2 JSON shape, plus what it kept."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import WarningCode
from ..model.study import Format, ParseWarning

__all__ = ["RawRecord"]


@dataclass
class RawRecord:
    """A record in the ClinicalTrials.gov API v2 JSON shape, as a reader produced it.

    The XML, HTML and text readers fill `data` with what they map (v2 keys and v2 enum values,
    via `readers.labels`), put everything they cannot map into `extras` under its source path
    (an XML element path, a page label, a text line) and say so in `warnings`. The v2 mapping
    (`readers.ctgov_json.build_study`) turns it into a `Study`.
    """

    data: dict[str, Any]
    format: Format
    registry: str = "ctgov"
    path: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)
    warnings: list[ParseWarning] = field(default_factory=list)
    related_trials: list[dict[str, Any]] = field(default_factory=list)
    """Trials a page lists as related: dicts with nct_id, title, status, phases (v2 values)."""

    def keep(self, path: str, value: Any, message: str | None = None) -> None:
        """Keep source content the reader cannot map, with a warning."""
        self.extras[path] = value
        self.warnings.append(
            ParseWarning(
                code=WarningCode.UNMAPPED_CONTENT.value,
                path=path,
                message=message or "kept in extras: no field of the model holds it",
            )
        )
