"""Building model instances from values already checked, without validating them again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["built", "maker"]

_M = TypeVar("_M", bound=BaseModel)
_new = object.__new__
_set = object.__setattr__


_Plan = tuple[int, dict[str, Any], tuple[Any, ...]]
"""A model's number of fields, its fields in declared order, its `mode="after"` validators."""
_PLANS: dict[type[BaseModel], _Plan] = {}


def _plan(cls: type[BaseModel]) -> _Plan:
    decorators = cls.__pydantic_decorators__
    validators = decorators.model_validators.values()
    if decorators.field_validators or any(v.info.mode != "after" for v in validators):
        # only validation can run these: the caller falls back to it
        raise TypeError(f"{cls.__name__} has validators that only validation runs")
    fields = dict(cls.model_fields)
    plan = (len(fields), fields, tuple(v.func for v in validators))
    _PLANS[cls] = plan
    return plan


def built(
    cls: type[_M],
    values: dict[str, Any],
    fields_set: set[str],
    later: tuple[str, ...] = (),
    private: dict[str, Any] | None = None,
) -> _M:
    """An instance of `cls` exactly as validation would build it from `values`.

    The caller vouches for the values: each of the type validation would give (an enum member,
    not its string), in declared order; `fields_set` names the fields the source gave. Fields
    missing from `values` get their defaults, except those in `later` (filled on first use,
    `model._lazy`, from `private`); the model's "after" validators run. Nothing is copied.
    `TypeError` if the model has validators that only validation can run.
    """
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _plan(cls)
    count, fields, after = plan
    if len(values) != count - len(later):
        values = {
            name: values[name] if name in values else field.get_default(call_default_factory=True)
            for name, field in fields.items()
            if name in values or name not in later
        }
    instance = _new(cls)
    _set(instance, "__dict__", values)
    _set(instance, "__pydantic_fields_set__", fields_set)
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", private)
    if after:
        for validator in after:
            instance = validator(instance)
    return instance


def maker(cls: type[_M]) -> Callable[[dict[str, Any], set[str]], _M]:
    """A constructor for the many small instances of `cls` a record holds: `built` without its
    checks, for a model with no validators at all and `values` holding every field in declared
    order (`fields_set` as for `built`). `TypeError` if the model has validators.
    """
    decorators = cls.__pydantic_decorators__
    if decorators.field_validators or decorators.model_validators:
        raise TypeError(f"{cls.__name__} has validators: build it with `built`")

    def make(values: dict[str, Any], fields_set: set[str]) -> _M:
        instance = _new(cls)
        _set(instance, "__dict__", values)
        _set(instance, "__pydantic_fields_set__", fields_set)
        _set(instance, "__pydantic_extra__", None)
        _set(instance, "__pydantic_private__", None)
        return instance

    return make
