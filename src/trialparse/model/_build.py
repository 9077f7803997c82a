"""Building model instances from values already checked, without validating them again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["built", "maker", "set_dict", "set_extra", "set_fields_set", "set_private"]

_M = TypeVar("_M", bound=BaseModel)
_new = object.__new__

# The setters of the attributes `BaseModel` keeps in slots (and of its `__dict__`): a call to
# a descriptor's bound `__set__` costs about a third of one to `object.__setattr__`, which
# makes a tuple of its arguments and looks the attribute up again.
_Setter = Callable[[BaseModel, Any], None]
_SLOTS = BaseModel.__dict__
set_dict: _Setter = _SLOTS["__dict__"].__set__
set_fields_set: _Setter = _SLOTS["__pydantic_fields_set__"].__set__
set_extra: _Setter = _SLOTS["__pydantic_extra__"].__set__
set_private: _Setter = _SLOTS["__pydantic_private__"].__set__


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
    set_dict(instance, values)
    set_fields_set(instance, fields_set)
    set_extra(instance, None)
    set_private(instance, private)
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
        set_dict(instance, values)
        set_fields_set(instance, fields_set)
        set_extra(instance, None)
        set_private(instance, None)
        return instance

    return make
