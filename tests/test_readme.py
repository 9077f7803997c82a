"""The README starts with the two commands, and `.ci/run` runs the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)[:2]


def test_readme_starts_with_install_and_test_commands() -> None:
    main_job, tests = _commands()
    assert "pip install ." in main_job
    assert "trialparse parse fixtures/" in main_job
    record = main_job.split("trialparse parse ", 1)[1].strip()
    assert (ROOT / record).is_file()
    assert ".[test" in tests
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command() -> None:
    _, tests = _commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()
