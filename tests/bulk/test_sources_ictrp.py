"""A folder or zip holding a many-trial WHO ICTRP export: every trial of it is read, in order."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import orjson

from tests.realdata import real, real_data
from trialparse import iter_studies

pytestmark = real_data

EXPORT = ("other_registries", "who_ictrp", "ICTRP-Results(1)_2024-06-09_95trials.xml")
ONE_TRIAL = ("other_registries", "who_ictrp", "split", "DRKS00015863.xml")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    (folder / "more").mkdir(parents=True)
    shutil.copy(real(*EXPORT), folder / "ictrp.xml")
    shutil.copy(real(*ONE_TRIAL), folder / "more" / "DRKS00015863.xml")
    return folder


def test_iter_studies_reads_every_trial_of_an_export_in_a_folder(tmp_path: Path) -> None:
    errors: list[dict[str, object]] = []
    studies = list(iter_studies(_folder(tmp_path), errors=errors))
    assert errors == []
    assert len(studies) == 96
    origins = [study.source.path if study.source else None for study in studies]
    assert origins[:2] == ["ictrp.xml[0]:NCT06360289", "ictrp.xml[1]:CTIS2023-507385-11-00"]
    assert origins[-1] == "more/DRKS00015863.xml"  # a one-trial export stays one record
    assert [s.registry_id for s in studies[:2]] == ["NCT06360289", "2023-507385-11-00"]
    assert studies[-1].registry == "drks"


def test_iter_studies_reads_every_trial_of_an_export_in_a_zip(tmp_path: Path) -> None:
    archive = tmp_path / "exports.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(real(*EXPORT), "ictrp.xml")
    studies = list(iter_studies(archive))
    assert len(studies) == 95
    assert studies[0].source is not None
    assert studies[0].source.path == "exports.zip!ictrp.xml[0]:NCT06360289"


def test_batch_of_a_folder_reads_every_trial(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "trialparse", "batch", str(_folder(tmp_path)), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "read 96, written 96, failed 0" in done.stderr
    lines = [orjson.loads(line) for line in (out / "studies.jsonl").read_bytes().splitlines()]
    assert len(lines) == 96
    assert lines[0]["registry_id"] == "NCT06360289"
    assert (out / "errors.jsonl").read_text() == ""
