"""Building model instances from values already checked, without validating them again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["built"]

_M = TypeVar("_M", bound=BaseModel)
_new = object.__new__
_set = object.__setattr__


@dataclass(frozen=True)
class _Plan:
    names: tuple[str, ...]
    fields: dict[str, Any]
    after: tuple[Any, ...]
    """The model's `mode="after"` validators, run as validation would run them."""


_PLANS: dict[type[BaseModel], _Plan] = {}


def _plan(cls: type[BaseModel]) -> _Plan:
    decorators = cls.__pydantic_decorators__
    validators = decorators.model_validators.values()
    if decorators.field_validators or any(v.info.mode != "after" for v in validators):
        # only validation can run these: the caller falls back to it
        raise TypeError(f"{cls.__name__} has validators that only validation runs")
    plan = _Plan(tuple(cls.model_fields), dict(cls.model_fields), tuple(v.func for v in validators))
    _PLANS[cls] = plan
    return plan


def _default(field: Any) -> Any:
    return field.get_default(call_default_factory=True)


def built(
    cls: type[_M],
    values: dict[str, Any],
    fields_set: set[str],
    later: tuple[str, ...] = (),
    private: dict[str, Any] | None = None,
) -> _M:
    """An instance of `cls` exactly as validation would build it from `values`.

    The caller vouches for the values: each of the type validation would give (an enum member,
    not its string); `fields_set` names the fields the source gave. Fields missing from `values`
    get their defaults, except those in `later` (filled on first use, `model._lazy`, from
    `private`); the model's "after" validators run. Nothing is copied. `TypeError` if the model has validators that
    only validation can run.
    """
    plan = _PLANS.get(cls) or _plan(cls)
    if len(values) + len(later) != len(plan.names):
        values = {
            name: values[name] if name in values else _default(plan.fields[name])
            for name in plan.names
            if name in values or name not in later
        }
    instance = _new(cls)
    _set(instance, "__dict__", values)
    _set(instance, "__pydantic_fields_set__", fields_set)
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", private)
    for validator in plan.after:
        instance = validator(instance)
    return instance
