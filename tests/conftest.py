"""Shared test set-up: where the fixtures are, and the real-data tests counted or skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.realdata import AVAILABLE, PROJECT_FIXTURES, REAL, SKIP_REASON

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT_FIXTURES

_ran_on_real: list[str] = []
_skipped_real: list[str] = []


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The project's own `fixtures/` folder (the bundled record, hand-made cases, labels)."""
    return FIXTURES


@pytest.fixture(scope="session")
def real_dir() -> Path:
    """The real-data folder (`$TRIALPARSE_FIXTURES` or `shared/fixtures` beside the checkout)."""
    if not AVAILABLE:
        pytest.skip(SKIP_REASON)
    return REAL


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that read the real data are marked so, and skipped with one reason where it is absent."""
    skip = pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if "real_dir" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.real_data)
        if not AVAILABLE and item.get_closest_marker("real_data"):
            item.add_marker(skip)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Counts the tests that ran on the real data, and those skipped for want of it."""
    if "real_data" not in report.keywords:
        return
    if report.when == "call" and report.passed:
        _ran_on_real.append(report.nodeid)
    elif report.skipped and report.when == "setup":
        _skipped_real.append(report.nodeid)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line: how many tests ran on real records, and where they were read from."""
    terminalreporter.write_line(
        f"real records: {len(_ran_on_real)} tests passed on {REAL}, "
        f"{len(_skipped_real)} skipped for want of them"
    )
