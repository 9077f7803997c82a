"""Eligibility: criteria split into items, sex, ages, healthy volunteers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field, model_serializer

from .enums import (
    SexField,
)
from .values import Age

__all__ = ["Criterion", "Eligibility"]

SPLIT_ON_ACCESS = ("inclusion", "exclusion")
"""Fields that a reader may leave out of an `Eligibility` it builds, to be split from
`criteria_text` when first read (or dumped, or compared): callers that never read the items
do not pay for splitting them."""


class Criterion(BaseModel):
    """One criterion item: its text (marker removed, escapes resolved), its marker, sub-items."""

    text: str
    number: str | None = None
    children: list[Criterion] = Field(default_factory=list)


class Eligibility(BaseModel):
    """Who may take part (v2 ``eligibilityModule``)."""

    criteria_text: str | None = None
    inclusion: list[Criterion] = Field(default_factory=list)
    exclusion: list[Criterion] = Field(default_factory=list)
    sex: SexField | None = None
    minimum_age: Age | None = None
    maximum_age: Age | None = None
    healthy_volunteers: bool | None = None

    def _split_now(self) -> None:
        """Fill the items left to be split, keeping the fields in their declared order."""
        values = self.__dict__
        if "inclusion" in values and "exclusion" in values:
            return
        from ..normalise.criteria import split_criteria

        inclusion, exclusion = split_criteria(values.get("criteria_text"))
        split = {"inclusion": inclusion, "exclusion": exclusion}
        ordered = {name: values[name] if name in values else split[name] for name in _FIELDS}
        object.__setattr__(self, "__dict__", ordered)

    # No return annotation: pydantic then keeps the field-by-field serialization schema.
    @model_serializer(mode="wrap")
    def _serialize(self, handler):  # type: ignore[no-untyped-def]
        self._split_now()
        return handler(self)

    def __eq__(self, other: object) -> bool:
        self._split_now()
        if isinstance(other, Eligibility):
            other._split_now()
        return super().__eq__(other)

    def __iter__(self) -> Any:
        self._split_now()
        return super().__iter__()

    def __repr_args__(self) -> Any:
        self._split_now()
        return super().__repr_args__()

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            if name in SPLIT_ON_ACCESS:
                self._split_now()
                return self.__dict__[name]
            return super().__getattr__(name)


_FIELDS = tuple(Eligibility.model_fields)
