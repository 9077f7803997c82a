"""ClinicalTrials.gov API v2 JSON ⇄ `Study`: the one mapping every reader goes through.

`build_study` maps a record in the v2 JSON shape (from the API, or built by the XML, HTML and
text readers) onto the model; what the model does not hold is kept in `Study.extras` under its
JSON path, and keys the v2 data model does not define also get a warning. `study_to_ctgov_json`
is the inverse: it rebuilds the v2 shape and puts the extras back.

Ordinary records take a single fast pass (`_fast`); anything it does not expect (a value of
another shape, an unknown key or enum value, an odd date) is mapped again by the step-by-step
mapping (`_mapper`), which defines the output, its warnings and its errors.
"""

from __future__ import annotations

import gc

from ..model.study import Study
from ..readers.base import RawRecord
from ._export import study_to_ctgov_json
from ._fast import fast_study
from ._mapper import map_record

__all__ = ["build_study", "study_to_ctgov_json"]


def build_study(raw: RawRecord) -> Study:
    """Map a record in the v2 JSON shape onto a `Study` (the one mapping every reader uses).

    The cyclic garbage collector is paused while one record is mapped: the mapping makes
    thousands of small objects and no reference cycles, so what it discards is freed by
    reference counting alone, while each collection its allocations would set off walks the
    whole decoded record again (about a fifth of the cost). The collector is switched back on
    when the mapping ends, also when it raises, and only if it was on before. (Like any use of
    `gc.disable`, this is process-wide: a thread that switches the collector off while another
    thread maps a record may find it on again afterwards.)
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        study = fast_study(raw)
        if study is not None:
            return study
        # the step-by-step mapping does not look for floats the decoding made of long integers
        raw.rounded = raw.owned
        return map_record(raw)
    finally:
        if paused:
            gc.enable()
