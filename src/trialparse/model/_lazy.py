"""Fields a model fills on first use, so that callers who never read them do not pay for them.

A reader may build a model whose `__dict__` lacks some of the fields named in `_FILLED_LATER`;
the model computes them (`_later`) when one is first read, and before it is dumped, compared,
iterated or shown. Until then nothing else differs: the fields are declared as usual, so the
JSON Schema, `model_dump()` and the JSON output hold them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, model_serializer

__all__ = ["FilledOnAccess"]


class FilledOnAccess(BaseModel):
    """A model some of whose fields may be computed when first used (see the module docstring)."""

    _FILLED_LATER: ClassVar[tuple[str, ...]] = ()

    def _later(self) -> dict[str, Any]:
        """The values of the fields left out (the reader's deferred work)."""
        private = self.__pydantic_private__
        fill = None if private is None else private.get("fill_later")
        if fill is None:
            raise TypeError(f"{type(self).__name__} has no way to fill {self._FILLED_LATER}")
        result: dict[str, Any] = fill()
        return result

    def _fill(self) -> None:
        """Compute the fields left out, keeping all fields in their declared order."""
        values = self.__dict__
        if all(name in values for name in self._FILLED_LATER):
            return
        later = self._later()
        ordered = {
            name: values[name] if name in values else later[name]
            for name in type(self).model_fields
        }
        object.__setattr__(self, "__dict__", ordered)
        object.__setattr__(self, "__pydantic_private__", None)

    # No return annotation: pydantic then keeps the field-by-field serialization schema.
    @model_serializer(mode="wrap")
    def _serialize_filled(self, handler):  # type: ignore[no-untyped-def]
        self._fill()
        return handler(self)

    def __eq__(self, other: object) -> bool:
        self._fill()
        if isinstance(other, FilledOnAccess):
            other._fill()
        return super().__eq__(other)

    def __getstate__(self) -> dict[Any, Any]:
        # a pickle holds the values, not the way to compute them
        self._fill()
        return super().__getstate__()

    def __iter__(self) -> Any:
        self._fill()
        return super().__iter__()

    def __repr_args__(self) -> Any:
        self._fill()
        return super().__repr_args__()

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            if name in self._FILLED_LATER:
                self._fill()
                return self.__dict__[name]
            return super().__getattr__(name)
