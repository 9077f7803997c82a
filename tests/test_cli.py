"""The `trialparse` command: output, exit codes, one-line errors (run as a real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.realdata import SEED, real, real_data

RECORD = real("ctgov_v2", "NCT00134329.json")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trialparse", *args], capture_output=True, text=True, check=False
    )


@real_data
def test_parse_prints_the_study() -> None:
    result = run("parse", str(RECORD))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["nct_id"] == "NCT00134329"
    assert out["source"]["format"] == "ctgov-json"


@real_data
def test_parse_several_files_gives_json_lines() -> None:
    other = real("ctgov_v2_partial", "NCT03453554.json")
    result = run("parse", str(RECORD), str(other))
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["nct_id"] for line in result.stdout.splitlines()] == [
        "NCT00134329",
        "NCT03453554",
    ]


def test_missing_file_is_exit_2_one_line() -> None:
    result = run("parse", "no-such-file.json")
    assert result.returncode == 2
    assert result.stderr.strip() == "trialparse: no-such-file.json: no such file"
    assert "Traceback" not in result.stderr


@real_data
def test_bad_record_is_one_line_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "handmade-truncated.json"
    bad.write_bytes(RECORD.read_bytes()[:200])
    result = run("parse", str(bad))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(bad) in result.stderr
    assert "invalid JSON" in result.stderr


@real_data
def test_some_failed_is_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "handmade-not-a-study.json"
    bad.write_text('{"hello": 1}')
    result = run("parse", str(RECORD), str(bad))
    assert result.returncode == 1
    assert json.loads(result.stdout)["nct_id"] == "NCT00134329"


def test_usage_error_is_exit_2() -> None:
    result = run("parse", str(RECORD), "--format", "pdf")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Study"
    assert "eligibility" in schema["properties"]


def test_parse_normalise_adds_the_normalised_values() -> None:
    result = run("parse", str(SEED), "--normalise")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    labs = out["normalised"]["labs"]
    assert [(lab["analyte"], lab["comparator"], lab["value"]) for lab in labs] == [
        ("platelets", "<", 30.0),
        ("transaminases", ">", 3.0),
        ("creatinine", ">", 2.0),
    ]


_INTERRUPTED_INSIDE_EXEC = """
import argparse, sys
from trialparse import cli

def command(args: argparse.Namespace) -> int:
    exec("raise KeyboardInterrupt")  # as Ctrl-C during an import that builds code with exec

parser = cli.build_parser()
parser.parse_args = lambda argv=None: argparse.Namespace(run=command)
cli.build_parser = lambda: parser
sys.exit(cli.main([]))
"""


def test_an_interruption_is_exit_130_even_when_it_passed_through_exec(tmp_path: Path) -> None:
    # CPython 3.11 would otherwise end `python -m ...` by SIGINT (return code -2)
    package = tmp_path / "interrupted"
    package.mkdir()
    (package / "__main__.py").write_text(_INTERRUPTED_INSIDE_EXEC)
    done = subprocess.run(
        [sys.executable, "-m", "interrupted"], cwd=tmp_path, capture_output=True, check=False
    )
    assert done.returncode == 130, done.stderr.decode()
    assert done.stderr.decode().strip() == "trialparse: interrupted"
