"""Client tests: retries without waiting (stamina's test mode keeps the configured attempts)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import stamina


@pytest.fixture(autouse=True)
def no_retry_waits() -> Iterator[None]:
    with stamina.set_testing(True, attempts=100, cap=True):
        yield
