"""The extras and warnings of a record come in the record's own key order, whatever the
interpreter's string-hash seed, so the same input always gives the same output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson

from tests.realdata import REAL, real_data
from trialparse import parse_record

ROOT = Path(__file__).resolve().parents[2]

# hand-made: unmapped keys at the top and in mapped modules, in an order no sorting would give,
# and a module kept whole
HAND_MADE = {
    "protocolSection": {
        "identificationModule": {"nctId": "NCT00000001", "zKey": 1, "aKey": 2, "mKey": 3},
        "statusModule": {"overallStatus": "RECRUITING", "yNote": "y", "bNote": "b"},
        "oversightModule": {"oversightHasDmc": True, "qExtra": 1, "cExtra": 2},
    },
    "zTop": 1,
    "aTop": 2,
}

_SCRIPT = """
import sys, orjson
from pathlib import Path
from trialparse import parse_record
out = []
for blob in [sys.argv[1].encode()] + [p.read_bytes() for p in sorted(Path(sys.argv[2]).glob("NCT*.json"))]:
    study = parse_record(blob)
    out.append([list(study.extras), [w.message for w in study.warnings]])
sys.stdout.buffer.write(orjson.dumps(out))
"""


def _run(seed: str) -> list[object]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, orjson.dumps(HAND_MADE).decode(), str(REAL / "ctgov_v2")],
        env=env,
        capture_output=True,
        check=True,
        timeout=300,
    )
    result: list[object] = orjson.loads(done.stdout)
    return result


def test_extras_follow_the_record_order() -> None:
    study = parse_record(orjson.dumps(HAND_MADE))
    assert list(study.extras) == [
        "protocolSection.identificationModule.zKey",
        "protocolSection.identificationModule.aKey",
        "protocolSection.identificationModule.mKey",
        "protocolSection.statusModule.yNote",
        "protocolSection.statusModule.bNote",
        "protocolSection.oversightModule",
        "zTop",
        "aTop",
    ]
    assert list(parse_record(HAND_MADE).extras) == list(study.extras)


@real_data
def test_output_is_the_same_under_any_hash_seed() -> None:
    first, second = _run("1"), _run("2")
    assert len(first) == 1 + len(list((REAL / "ctgov_v2").glob("NCT*.json")))
    assert first == second
