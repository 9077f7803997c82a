"""Units written in words are read part by part: each word form gives the symbol form's unit."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from trialparse.normalise.units import normalise_unit

# (words, symbols) of the amounts and volumes of lab units
_AMOUNTS = [
    ("grams", "g"),
    ("gram", "g"),
    ("milligrams", "mg"),
    ("micrograms", "ug"),
    ("nanograms", "ng"),
    ("picograms", "pg"),
    ("millimoles", "mmol"),
    ("micromoles", "umol"),
    ("nanomoles", "nmol"),
    ("picomole", "pmol"),
    ("units", "U"),
    ("international units", "IU"),
    ("milli-international units", "mIU"),
    ("milliequivalents", "mEq"),
]
_VOLUMES = [
    ("liter", "L"),
    ("litre", "L"),
    ("liters", "L"),
    ("deciliter", "dL"),
    ("decilitre", "dL"),
    ("milliliter", "mL"),
    ("mililiter", "mL"),
]


@given(
    amount=st.sampled_from(_AMOUNTS),
    volume=st.sampled_from(_VOLUMES),
    upper=st.booleans(),
    spaces=st.sampled_from([" ", "  ", "\n  "]),
)
def test_a_unit_in_words_is_its_symbols(
    amount: tuple[str, str], volume: tuple[str, str], upper: bool, spaces: str
) -> None:
    words = f"{amount[0]}{spaces}per{spaces}{volume[0]}"
    symbols = f"{amount[1]}/{volume[1]}"
    assert normalise_unit(words.upper() if upper else words) == normalise_unit(symbols)


def test_units_in_words_from_real_criteria() -> None:
    # v2 NCT01419236, Chia NCT02201316, LCT NCT03026088, Chia NCT00720031
    assert normalise_unit("nanomoles per liter") == "nmol/L"
    assert normalise_unit("picograms per mililiter") == "pg/mL"
    assert normalise_unit("picomole per liter") == "pmol/L"
    assert normalise_unit("milli-international units per milliliter") == "mIU/mL"
    assert normalise_unit("gram per litre") == "g/L"
    assert normalise_unit("elements per mm3") == "/mm3"
    assert normalise_unit("Milliliter per minute") == "mL/min"
    assert normalise_unit("mL/minute/1.73 m2") == "mL/min/1.73m2"


def test_per_inside_a_word_is_not_a_slash() -> None:
    assert normalise_unit("percent") == "%"
    assert normalise_unit("mg per kg") is None
