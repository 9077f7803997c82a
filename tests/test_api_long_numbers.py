"""The look for integers orjson would round: it finds every run of 19 digits, wherever it lies.

The cases are hand-made: digit runs of every length around the limit, at every offset from the
sampled bytes, among digits, punctuation and other runs.
"""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from tests.realdata import real, real_data
from trialparse import parse_record
from trialparse._api import _has_long_number

_CHARS = st.sampled_from(list(b"0123456789 ,.-:[]{}\"ax\n"))


def _runs(data: bytes) -> int:
    """The longest run of digits in `data` (what the look must agree with)."""
    longest = current = 0
    for byte in data:
        current = current + 1 if 48 <= byte <= 57 else 0
        longest = max(longest, current)
    return longest


@given(st.lists(_CHARS, max_size=200).map(bytes))
def test_the_look_agrees_with_counting_on_any_bytes(data: bytes) -> None:
    assert _has_long_number(data) == (_runs(data) >= 19)


@given(
    st.integers(0, 40),
    st.integers(14, 24),
    st.lists(_CHARS, max_size=30).map(bytes),
    st.lists(st.sampled_from(list(b"0123456789")), min_size=24, max_size=24).map(bytes),
)
def test_a_run_is_found_at_any_offset(offset: int, length: int, after: bytes, digits: bytes) -> None:
    data = b"a" * offset + b'"' + digits[:length] + b'"' + after
    assert _has_long_number(data) == (_runs(data) >= 19)


def test_many_short_runs_do_not_hide_a_long_one() -> None:
    near_misses = b"123456789012345678," * 500  # 18 digits each, many places to look at
    assert not _has_long_number(near_misses)
    assert _has_long_number(near_misses + b"1234567890123456789")


@real_data
def test_a_negative_integer_of_19_digits_below_64_bits_is_kept_exact() -> None:
    record = json.loads(real("ctgov_v2", "NCT04930887.json").read_bytes())
    number = -(2**63) - 1  # -9223372036854775809: orjson reads it as a float
    record["protocolSection"]["statusModule"]["zCount"] = number
    study = parse_record(json.dumps(record).encode())
    assert study.extras["protocolSection.statusModule.zCount"] == number
    assert str(number) in study.model_dump_json()
