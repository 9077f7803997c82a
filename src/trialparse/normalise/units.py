"""Canonical (SI) values of lab thresholds, converted with pint.

Conversion factors are computed once per (unit, analyte) and cached: pint is exact but slow
per call, and a registry holds a few thousand criteria with a few dozen distinct units.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from .data import CANONICAL_PINT, MASS_ONLY, MOLAR, PINT_UNITS, UNIT_BASES, UNIT_PREFIXES, UNITS

__all__ = ["canonical", "normalise_unit", "prepare"]


@functools.cache
def _registry() -> Any:
    import pint  # imported on first use: building a registry takes a moment

    return pint.UnitRegistry()


def prepare() -> None:
    """Build the unit registry now (about half a second), so that processes forked after this
    share it instead of each building its own on first use."""
    _registry()


def _alternatives(words: Iterable[str]) -> str:
    """The words as one alternation, longest first, a space as any run of spaces."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


# a word of a unit: a base with its prefix (one word, or two joined by a hyphen) and a plural
# "s", or "per"
_WORD_PART = re.compile(
    rf"\b(?:(?P<prefix>{_alternatives(UNIT_PREFIXES)})-?)?(?P<base>{_alternatives(UNIT_BASES)})s?\b"
    r"|\bper\b",
    re.IGNORECASE,
)


def _symbol(part: re.Match[str]) -> str:
    if part["base"] is None:
        return "/"
    prefix = UNIT_PREFIXES[part["prefix"].lower()] if part["prefix"] else ""
    return prefix + UNIT_BASES[" ".join(part["base"].lower().split())]


@functools.lru_cache(maxsize=4096)
def normalise_unit(written: str) -> str | None:
    """The normalised spelling of a unit as written ("x 109 / L" → "10^9/L", "nanograms per
    deciliter" → "ng/dL"), or None."""
    written = _WORD_PART.sub(_symbol, written)
    key = "".join(written.split()).lower().replace("\\", "").replace("⁄", "/").replace("∕", "/")
    # "× 10⁹/L" is spelt as "x 10⁹/L" is
    key = key.replace("×", "x")
    # "x 10*9/L", "*10*9*/L" and "*10^9/L" are spelt as "x 10^9/L" is
    if "*" in key:
        key = ("x" + key[1:] if key[0] == "*" else key).replace("*/", "/").replace("*", "^")
    return UNITS.get(key)


@functools.cache
def _factor(unit: str, analyte: str) -> tuple[float, str] | None:
    spec = PINT_UNITS.get(unit)
    if spec is None and analyte in MOLAR and unit in MASS_ONLY:
        spec = (MASS_ONLY[unit], "")  # converted only to the analyte's molar unit
    if spec is None:
        return None
    expression, target = spec
    registry = _registry()
    quantity = registry(expression)
    molar = MOLAR.get(analyte)
    # a mass per volume of an analyte with a molar mass converts to its molar unit
    if molar is not None and quantity.dimensionality == registry("g/L").dimensionality:
        target_unit, molar_mass = molar
        amount = quantity / registry.Quantity(molar_mass, "gram / mole")
        return _ratio(amount, registry(CANONICAL_PINT[target_unit])), target_unit
    if not target:
        return None
    if target not in CANONICAL_PINT:
        return 1.0, target
    return _ratio(quantity, registry(CANONICAL_PINT[target])), target


def _ratio(quantity: Any, target: Any) -> float:
    """How many `target` one `quantity` is (both may carry scale factors such as 1e9/L)."""
    return float((quantity / target).to("dimensionless").magnitude)


def canonical(value: float, unit: str | None, analyte: str) -> tuple[float | None, str | None]:
    """(canonical value, canonical unit) of `value` `unit` for `analyte`; (None, None) if unknown."""
    if unit is None:
        return None, None
    if unit == "%":
        return value, "%"
    found = _factor(unit, analyte)
    if found is None:
        return None, None
    factor, target = found
    converted = value * factor
    # six decimals drop float noise; tiny values (a mass unit typed for the wrong analyte) keep
    # six significant digits instead of rounding to zero
    return (round(converted, 6) if abs(converted) >= 1e-3 else float(f"{converted:.6g}")), target
