"""Building model instances from values already checked, without validating them again."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["built"]

_M = TypeVar("_M", bound=BaseModel)
_new = object.__new__
_set = object.__setattr__


def built(cls: type[_M], values: dict[str, Any], fields_set: set[str]) -> _M:
    """An instance of `cls` exactly as validation would build it from `values`.

    The caller vouches for the values: each of the type validation would give (an enum member,
    not its string), every field present and in declared order; `fields_set` names the fields
    the source gave. Nothing is copied.
    """
    instance = _new(cls)
    _set(instance, "__dict__", values)
    _set(instance, "__pydantic_fields_set__", fields_set)
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", None)
    return instance
