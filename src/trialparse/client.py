"""Fetch and search ClinicalTrials.gov API v2 over httpx: `Client`, `AsyncClient`, `fetch_study`.

The twins share everything but the awaits: URL and parameter building, the retry policy
(stamina: exponential backoff with jitter on 429, 5xx and network errors, `Retry-After`
honoured), response handling, the disk cache, the paging loop's bookkeeping. The client only
fetches; the JSON goes to `parse_record` like any other record.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx
import orjson
import stamina

from ._api import parse_record
from ._version import __version__
from .errors import (
    FetchError,
    InvalidNctId,
    MalformedRecord,
    RateLimited,
    RegistryUnavailable,
    StudyNotFound,
    TrialParseError,
)
from .model.study import Study

__all__ = ["DEFAULT_BASE_URL", "AsyncClient", "Client", "fetch_study"]

DEFAULT_BASE_URL = "https://clinicaltrials.gov/api/v2"
MAX_PAGE_SIZE = 1000  # the API's cap on pageSize
_NCT_ID = re.compile(r"NCT\d{8}")
_USER_AGENT = f"trialparse/{__version__} (+https://pypi.org/project/trialparse/)"


def normalise_nct_id(nct_id: str) -> str:
    """ "nct06352281 " → "NCT06352281"; `InvalidNctId` for anything that is not NCT + 8 digits."""
    candidate = nct_id.strip().upper() if isinstance(nct_id, str) else ""
    if not _NCT_ID.fullmatch(candidate):
        raise InvalidNctId(
            f"not a ClinicalTrials.gov ID: {nct_id!r} (expected NCT and 8 digits)",
            record_id=str(nct_id),
        )
    return candidate


class _Retry(Exception):
    """A response or network failure worth another attempt (internal to the retry loop)."""

    def __init__(self, error: TrialParseError, retry_after: float | None) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after


def _backoff(exc: Exception) -> bool | float:
    """stamina's hook: retry `_Retry`, waiting at least its Retry-After when it has one."""
    if not isinstance(exc, _Retry):
        return False
    return exc.retry_after if exc.retry_after is not None else True


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: fall back to exponential backoff


@dataclass
class _Core:
    """Everything the sync and async clients share."""

    base_url: str
    timeout: float
    retries: int
    rate_limit: float
    cache_dir: Path | None
    cache_ttl: float
    _next_slot: float = field(default=0.0, repr=False)
    _slot_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def make(
        cls,
        base_url: str | None,
        timeout: float,
        retries: int,
        rate_limit: float,
        cache_dir: str | os.PathLike[str] | None,
        cache_ttl: float,
    ) -> _Core:
        url = base_url or os.environ.get("TRIALPARSE_BASE_URL") or DEFAULT_BASE_URL
        return cls(
            base_url=url.rstrip("/"),
            timeout=timeout,
            retries=max(0, retries),
            rate_limit=rate_limit,
            cache_dir=None if cache_dir is None else Path(cache_dir),
            cache_ttl=cache_ttl,
        )

    @property
    def headers(self) -> dict[str, str]:
        return {"User-Agent": _USER_AGENT, "Accept": "application/json"}

    def reserve_slot(self) -> float:
        """Seconds to wait before the next request, keeping to `rate_limit` requests/s."""
        if self.rate_limit <= 0:
            return 0.0
        interval = 1.0 / self.rate_limit
        with self._slot_lock:
            now = time.monotonic()
            slot = max(now, self._next_slot)
            self._next_slot = slot + interval
        return slot - now

    def retry_context(self) -> Any:
        return stamina.retry_context(
            on=_backoff, attempts=self.retries + 1, timeout=None, wait_initial=0.5, wait_max=30.0
        )

    # -- request building -----------------------------------------------------------------
    def study_url(self, nct_id: str) -> str:
        return f"{self.base_url}/studies/{nct_id}"

    def search_params(
        self,
        query: str | None,
        condition: str | None,
        status: str | list[str] | None,
        phase: str | list[str] | None,
        page_size: int,
        fields: list[str] | None,
    ) -> dict[str, str]:
        params: dict[str, str] = {
            "format": "json",
            "pageSize": str(min(max(1, page_size), MAX_PAGE_SIZE)),
        }
        if query:
            params["query.term"] = query
        if condition:
            params["query.cond"] = condition
        if status:
            statuses = [status] if isinstance(status, str) else list(status)
            params["filter.overallStatus"] = ",".join(s.upper() for s in statuses)
        if phase:
            phases = [phase] if isinstance(phase, str) else list(phase)
            # the API has no phase filter: an Essie expression on the Phase area does it
            params["filter.advanced"] = f"AREA[Phase]({' OR '.join(p.upper() for p in phases)})"
        if fields:
            params["fields"] = ",".join(fields)
        return params

    # -- response handling ----------------------------------------------------------------
    def check(self, response: httpx.Response, record_id: str | None) -> Any:
        """The decoded JSON of a good response; the right error otherwise (`_Retry` to retry)."""
        status = response.status_code
        url = str(response.request.url)
        if status == 404:
            raise StudyNotFound(
                "no such study in the registry (HTTP 404)",
                record_id=record_id,
                status_code=404,
                url=url,
            )
        if status == 429:
            raise _Retry(
                RateLimited(
                    "the registry kept answering 429 Too Many Requests",
                    record_id=record_id,
                    url=url,
                    retry_after=_retry_after(response),
                ),
                _retry_after(response),
            )
        if status >= 500:
            raise _Retry(
                RegistryUnavailable(
                    f"the registry answered HTTP {status}",
                    record_id=record_id,
                    status_code=status,
                    url=url,
                ),
                _retry_after(response),
            )
        if status >= 400:  # the request itself is wrong: retrying cannot help
            raise FetchError(
                f"the registry refused the request (HTTP {status}): {response.text[:200]}",
                record_id=record_id,
                status_code=status,
                url=url,
            )
        try:
            return orjson.loads(response.content)
        except orjson.JSONDecodeError as exc:
            raise MalformedRecord(
                f"the registry's answer is not valid JSON: {exc}", record_id=record_id, location=url
            ) from None

    @staticmethod
    def network_error(exc: httpx.TransportError, record_id: str | None) -> _Retry:
        return _Retry(
            RegistryUnavailable(
                f"cannot reach the registry: {type(exc).__name__}: {exc}", record_id=record_id
            ),
            None,
        )

    @staticmethod
    def study_of(data: Any, nct_id: str) -> Study:
        if not isinstance(data, dict) or "protocolSection" not in data:
            raise MalformedRecord(
                "the registry's answer is not a complete study", record_id=nct_id, location="$"
            )
        return parse_record(data)

    # -- cache ------------------------------------------------------------------------------
    def cache_path(self, url: str, params: dict[str, str] | None) -> Path | None:
        if self.cache_dir is None:
            return None
        key = url + "?" + "&".join(f"{k}={v}" for k, v in sorted((params or {}).items()))
        return self.cache_dir / (hashlib.sha256(key.encode()).hexdigest() + ".json")

    def cached(self, path: Path | None) -> Any:
        if path is None:
            return None
        try:
            if time.time() - path.stat().st_mtime > self.cache_ttl:
                return None
            return orjson.loads(path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return None

    def store(self, path: Path | None, data: Any) -> None:
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        # write then rename: another process never sees a half-written file
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
        with os.fdopen(handle, "wb") as out:
            out.write(orjson.dumps(data))
        os.replace(temporary, path)


def _nct_id_of(item: Any) -> Any:
    """protocolSection.identificationModule.nctId of a page item, None where the path breaks."""
    for key in ("protocolSection", "identificationModule", "nctId"):
        if not isinstance(item, dict):
            return None
        item = item.get(key)
    return item


@dataclass
class _Pages:
    """Paging bookkeeping shared by both clients: token, limit, studies already yielded."""

    params: dict[str, str]
    limit: int | None
    seen: set[str] = field(default_factory=set)
    yielded: int = 0
    token: str | None = None
    first: bool = True

    def next_params(self) -> dict[str, str] | None:
        if not self.first and not self.token:
            return None
        if self.limit is not None and self.yielded >= self.limit:
            return None
        params = dict(self.params)
        if self.first:
            params["countTotal"] = "true"
        if self.token:
            params["pageToken"] = self.token
        self.first = False
        return params

    def take(self, page: Any) -> list[dict[str, Any]]:
        if not isinstance(page, dict) or not isinstance(page.get("studies", []), list):
            raise MalformedRecord(
                "the registry's page has no list of studies", location="$.studies"
            )
        token = page.get("nextPageToken")
        self.token = token if isinstance(token, str) and token else None
        fresh: list[dict[str, Any]] = []
        for item in page.get("studies", []):
            if self.limit is not None and self.yielded >= self.limit:
                self.token = None
                break
            nct_id = _nct_id_of(item)
            if nct_id in self.seen:
                continue
            if isinstance(nct_id, str):
                self.seen.add(nct_id)
            self.yielded += 1
            fresh.append(item)
        return fresh


class Client:
    """A synchronous ClinicalTrials.gov API v2 client (a context manager)."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        rate_limit: float = 1.0,
        cache_dir: str | os.PathLike[str] | None = None,
        cache_ttl: float = 86400.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._core = _Core.make(base_url, timeout, retries, rate_limit, cache_dir, cache_ttl)
        self._http = httpx.Client(
            headers=self._core.headers, timeout=timeout, follow_redirects=True, transport=transport
        )

    def _get(self, url: str, params: dict[str, str] | None, record_id: str | None) -> Any:
        cache = self._core.cache_path(url, params)
        found = self._core.cached(cache)
        if found is not None:
            return found
        try:
            for attempt in self._core.retry_context():
                with attempt:
                    time.sleep(self._core.reserve_slot())
                    try:
                        response = self._http.get(url, params=params)
                    except httpx.TransportError as exc:
                        raise self._core.network_error(exc, record_id) from None
                    data = self._core.check(response, record_id)
        except _Retry as exc:
            raise exc.error from None
        self._core.store(cache, data)
        return data

    def fetch_raw(self, nct_id: str) -> dict[str, Any]:
        """The study's v2 JSON as the registry sends it."""
        nct_id = normalise_nct_id(nct_id)
        data = self._get(self._core.study_url(nct_id), None, nct_id)
        if not isinstance(data, dict):
            raise MalformedRecord(
                "the registry's answer is not a study", record_id=nct_id, location="$"
            )
        return data

    def fetch(self, nct_id: str) -> Study:
        """The study with this NCT ID (alias IDs are followed to the study)."""
        nct_id = normalise_nct_id(nct_id)
        return self._core.study_of(self.fetch_raw(nct_id), nct_id)

    def search(
        self,
        query: str | None = None,
        *,
        condition: str | None = None,
        status: str | list[str] | None = None,
        phase: str | list[str] | None = None,
        page_size: int = 100,
        limit: int | None = None,
        fields: list[str] | None = None,
    ) -> Iterator[Study]:
        """Studies matching the search, page after page, each once."""
        pages = _Pages(
            self._core.search_params(query, condition, status, phase, page_size, fields), limit
        )
        url = f"{self._core.base_url}/studies"
        while (params := pages.next_params()) is not None:
            for item in pages.take(self._get(url, params, None)):
                yield parse_record(item)

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncClient:
    """The asynchronous twin of `Client`; the rate limit holds across concurrent tasks."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        rate_limit: float = 1.0,
        cache_dir: str | os.PathLike[str] | None = None,
        cache_ttl: float = 86400.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._core = _Core.make(base_url, timeout, retries, rate_limit, cache_dir, cache_ttl)
        self._http = httpx.AsyncClient(
            headers=self._core.headers, timeout=timeout, follow_redirects=True, transport=transport
        )

    async def _get(self, url: str, params: dict[str, str] | None, record_id: str | None) -> Any:
        cache = self._core.cache_path(url, params)
        found = self._core.cached(cache)
        if found is not None:
            return found
        try:
            async for attempt in self._core.retry_context():
                with attempt:
                    await asyncio.sleep(self._core.reserve_slot())
                    try:
                        response = await self._http.get(url, params=params)
                    except httpx.TransportError as exc:
                        raise self._core.network_error(exc, record_id) from None
                    data = self._core.check(response, record_id)
        except _Retry as exc:
            raise exc.error from None
        self._core.store(cache, data)
        return data

    async def fetch_raw(self, nct_id: str) -> dict[str, Any]:
        """The study's v2 JSON as the registry sends it."""
        nct_id = normalise_nct_id(nct_id)
        data = await self._get(self._core.study_url(nct_id), None, nct_id)
        if not isinstance(data, dict):
            raise MalformedRecord(
                "the registry's answer is not a study", record_id=nct_id, location="$"
            )
        return data

    async def fetch(self, nct_id: str) -> Study:
        """The study with this NCT ID (alias IDs are followed to the study)."""
        nct_id = normalise_nct_id(nct_id)
        return self._core.study_of(await self.fetch_raw(nct_id), nct_id)

    async def search(
        self,
        query: str | None = None,
        *,
        condition: str | None = None,
        status: str | list[str] | None = None,
        phase: str | list[str] | None = None,
        page_size: int = 100,
        limit: int | None = None,
        fields: list[str] | None = None,
    ) -> AsyncIterator[Study]:
        """Studies matching the search, page after page, each once."""
        pages = _Pages(
            self._core.search_params(query, condition, status, phase, page_size, fields), limit
        )
        url = f"{self._core.base_url}/studies"
        while (params := pages.next_params()) is not None:
            for item in pages.take(await self._get(url, params, None)):
                yield parse_record(item)

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def close(self) -> None:
        """Close the connection pool (the same as `aclose`)."""
        await self.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()


def fetch_study(nct_id: str, **client_options: Any) -> Study:
    """Fetch one study with a default `Client` (options as `Client` takes them)."""
    with Client(**client_options) as client:
        return client.fetch(nct_id)
