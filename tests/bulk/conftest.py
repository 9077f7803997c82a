"""Batch inputs built from real v2 records (of the real-data folder, tests/realdata.py), plus
planted bad entries. Tests that take one of these fixtures carry the `real_data` marker.

The bad entries are hand-made and named so: a truncated study (a real record cut short), a JSON
object that is not a study, and binary junk.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest

from tests.realdata import real, v2_subset

V2 = real("ctgov_v2")
CONTAINERS = real("ctgov_v2_containers")
V1 = real("ctgov_classic_v1_json")
XML = real("ctgov_xml")
GOOD_COUNT = 20


def good_records() -> list[Path]:
    """The first records, by NCT ID, of the fixed v2 subset (`v2_subset`); empty without the
    real data."""
    return v2_subset()[:GOOD_COUNT]


def handmade_bad() -> dict[str, bytes]:
    """Hand-made bad entries: name -> content."""
    records = good_records()
    first = records[0].read_bytes() if records else b""  # no record to cut without the real data
    return {
        # hand-made: a real record cut off in the middle of its identification module
        "handmade_truncated.json": first[: first.find(b'"nctId"') + 40],
        # hand-made: valid JSON that is not a study
        "handmade_not_a_study.json": b'{"hello": "world", "items": [1, 2, 3]}',
        # hand-made: binary junk
        "handmade_binary_junk.bin": bytes(range(256)) * 8,
    }


@dataclass
class Planted:
    """A source with GOOD_COUNT real records and the three bad entries."""

    path: Path
    good_ids: list[str]
    bad_origins: list[str]


@pytest.fixture
def good_ids(real_dir: Path) -> list[str]:
    return [p.stem for p in good_records()]


@pytest.fixture
def planted_dir(tmp_path: Path, good_ids: list[str]) -> Planted:
    root = tmp_path / "records"
    (root / "bad").mkdir(parents=True)
    for path in good_records():
        (root / path.name).write_bytes(path.read_bytes())
    for name, content in handmade_bad().items():
        (root / "bad" / name).write_bytes(content)
    (root / ".hidden").write_bytes(b"not a record, and skipped")
    return Planted(root, good_ids, [f"bad/{name}" for name in handmade_bad()])


@pytest.fixture
def planted_zip(tmp_path: Path, good_ids: list[str]) -> Planted:
    path = tmp_path / "ctg-studies.json.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        bad = iter(handmade_bad().items())
        for index, record in enumerate(good_records()):
            archive.writestr(record.name, record.read_bytes())
            if index % 7 == 3:  # bad members between good ones
                name, content = next(bad)
                archive.writestr(name, content)
    return Planted(path, good_ids, [f"{path.name}!{name}" for name in handmade_bad()])


@pytest.fixture
def planted_jsonl(tmp_path: Path, good_ids: list[str]) -> Planted:
    path = tmp_path / "studies.jsonl"
    lines = [orjson.dumps(orjson.loads(p.read_bytes())) for p in good_records()]
    bad = list(handmade_bad().values())
    # the truncated record and junk on lines 3, 11 and 24; a blank line (skipped) on line 6
    lines.insert(2, bad[0])
    lines.insert(5, b"")
    lines.insert(10, bad[1])
    lines.append(bad[2].replace(b"\n", b" "))
    path.write_bytes(b"\n".join(lines) + b"\n")
    return Planted(path, good_ids, [f"{path.name}:3", f"{path.name}:11", f"{path.name}:24"])
