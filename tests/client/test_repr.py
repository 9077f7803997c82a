"""What `Client` and `AsyncClient` show of themselves: base URL, retries, rate limit, cache."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from trialparse import AsyncClient, Client


def test_client_repr_names_its_settings(tmp_path: Path) -> None:
    with Client(
        "http://127.0.0.1:9/api/v2/", retries=5, rate_limit=2.5, cache_dir=tmp_path
    ) as client:
        assert repr(client) == (
            "Client(base_url='http://127.0.0.1:9/api/v2', retries=5, rate_limit=2.5, "
            f"cache_dir={str(tmp_path)!r})"
        )


def test_client_repr_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRIALPARSE_BASE_URL", raising=False)
    with Client() as client:
        assert repr(client) == (
            "Client(base_url='https://clinicaltrials.gov/api/v2', retries=3, rate_limit=1, "
            "cache_dir=None)"
        )


def test_async_client_repr_names_its_settings(tmp_path: Path) -> None:
    async def run() -> str:
        async with AsyncClient(
            "http://127.0.0.1:9/api/v2", retries=0, rate_limit=0, cache_dir=tmp_path / "c"
        ) as client:
            return repr(client)

    assert asyncio.run(run()) == (
        "AsyncClient(base_url='http://127.0.0.1:9/api/v2', retries=0, rate_limit=0, "
        f"cache_dir={str(tmp_path / 'c')!r})"
    )
