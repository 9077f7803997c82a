"""Fetch and search ClinicalTrials.gov API v2 over httpx: `Client`, `AsyncClient`, `fetch_study`.

The twins share everything but the awaits: URL and parameter building, the retry policy
(stamina: exponential backoff with jitter on 429, 5xx and network errors, `Retry-After`
honoured up to `max_wait`), the limits every request is held to (an overall deadline, a cap on
the decoded body, redirects only within the base URL's scheme, host and port), response
handling, the disk cache, the paging loop's bookkeeping. The client only fetches; the JSON goes to `parse_record`
like any other record.

Each retry is a log record on the ``trialparse.client`` logger (level INFO) naming the URL, the
failure and the wait; stamina's own record of the same retry is filtered out.
"""

from __future__ import annotations

import asyncio
import email.utils
import hashlib
import logging
import math
import os
import random
import re
import tempfile
import threading
import time
import zlib
from collections.abc import AsyncIterator, Callable, Iterator
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
    InvalidSearch,
    MalformedRecord,
    RateLimited,
    RegistryUnavailable,
    StudyNotFound,
    UnsafeInput,
)
from .model.enums import OverallStatus, Phase
from .model.study import Source, Study

__all__ = ["DEFAULT_BASE_URL", "AsyncClient", "Client", "fetch_study"]

DEFAULT_BASE_URL = "https://clinicaltrials.gov/api/v2"
MAX_PAGE_SIZE = 1000  # the API's cap on pageSize
MAX_REDIRECTS = 5
DEFAULT_MAX_WAIT = 60.0
"""Longest wait between two attempts, `Retry-After` included; a server asking more is given up on."""
DEFAULT_MAX_BODY = 128 * 1024 * 1024
"""Largest decoded answer taken (a study is a few MB, a page of 1,000 studies a few tens of MB)."""
_IDLE_PAGES = 3  # pages in a row that add no new study before a search is stopped
_CLOCK_SKEW = 60.0  # seconds a cache entry's mtime may lie in the future
_NCT_ID = re.compile(r"NCT\d{8}")
_USER_AGENT = f"trialparse/{__version__} (+https://pypi.org/project/trialparse/)"
_NETWORK_HINT = (
    "check the network, the base URL ($TRIALPARSE_BASE_URL or --base-url) and any proxy "
    "($HTTPS_PROXY, $HTTP_PROXY)"
)

_log = logging.getLogger("trialparse.client")


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

    def __init__(self, error: FetchError, retry_after: float | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after


class _OwnRetries(logging.Filter):
    """Drops stamina's record of a retry this module schedules (it logs its own, with the URL)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(getattr(record, "stamina.caused_by", "")).startswith(_Retry.__name__ + "(")


logging.getLogger("stamina").addFilter(_OwnRetries())


def _retry_after(headers: httpx.Headers) -> float | None:
    """Seconds the server asks to wait: a number, or an HTTP date (RFC 9110); inf if absurd."""
    value = headers.get("Retry-After")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None  # unreadable: exponential backoff
        seconds = when.timestamp() - time.time()
    if math.isnan(seconds):
        return None
    return max(0.0, seconds)  # 1e309 is inf: over any cap


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _at(item: Any, *keys: str) -> Any:
    """The value at `keys` inside nested dicts, None where the path breaks."""
    for key in keys:
        if not isinstance(item, dict):
            return None
        item = item.get(key)
    return item


_IDENTIFICATION = ("protocolSection", "identificationModule")


def _nct_id_of(item: Any) -> Any:
    return _at(item, *_IDENTIFICATION, "nctId")


def _is_study(data: Any, nct_id: str) -> bool:
    """True when `data` is the study `nct_id` names (by its ID or one of its aliases)."""
    aliases = _at(data, *_IDENTIFICATION, "nctIdAliases")
    return _nct_id_of(data) == nct_id or (isinstance(aliases, list) and nct_id in aliases)


def _is_page(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("studies", []), list)


_STATUSES = {s.value for s in OverallStatus}
_PHASES = {p.value for p in Phase}


def _choices(name: str, given: str | list[str] | None, known: set[str]) -> list[str]:
    values = [] if given is None else [given] if isinstance(given, str) else list(given)
    out: list[str] = []
    for value in values:
        canonical = str(value).strip().upper().replace(" ", "_")
        if canonical not in known:
            raise InvalidSearch(
                f"{name} {value!r} is not one the registry knows: expected one of "
                + ", ".join(sorted(known))
            )
        out.append(canonical)
    return out


@dataclass
class _Backoff:
    """stamina's hook for one request: whether to retry, how long to wait, and a log record."""

    core: _Core
    url: str
    retried: int = 0

    def __call__(self, exc: Exception) -> bool | float:
        if not isinstance(exc, _Retry):
            return False
        self.retried += 1
        if exc.retry_after is not None:
            if exc.retry_after > self.core.max_wait:
                exc.error = self.core.gave_up(exc.error, exc.retry_after)
                return False
            wait = exc.retry_after
        else:  # exponential, with up to a second of jitter, never past the cap
            wait = min(self.core.max_wait, 0.5 * 2 ** (self.retried - 1) + random.uniform(0, 1))
        if self.retried <= self.core.retries:
            _log.info(
                "retry %d of %d for %s in %.1f s: %s",
                self.retried,
                self.core.retries,
                self.url,
                wait,
                exc.error.message,
            )
        return wait


def _origin(url: httpx.URL) -> str:
    """Scheme, host and port of `url` as a URL prefix (the port only where it is not the default)."""
    port = f":{url.port}" if url.port is not None else ""
    return f"{url.scheme}://{url.host}{port}"


def _same_origin(base: httpx.URL, target: httpx.URL) -> bool:
    """Whether a redirect from within `base` to `target` stays there: same host, and same scheme
    and port, or http upgraded to https with both on their default ports."""
    if target.host != base.host:
        return False
    if (target.scheme, target.port) == (base.scheme, base.port):
        return True
    upgrade = (base.scheme, target.scheme) == ("http", "https")
    return upgrade and base.port is None and target.port is None


def _too_large(cap: int, size: int, url: str, record_id: str | None) -> UnsafeInput:
    return UnsafeInput(
        f"the answer from {url} is over {cap} bytes decoded ({size} so far): refused (max_body)",
        record_id=record_id,
    )


class _Body:
    """A response body decoded here, not by httpx, so that no chunk inflates past the cap.

    zlib's `max_length` bounds each step: a gzip bomb stops at `max_body` bytes, never holding
    more than that (httpx would inflate a whole 64 KB network read, up to 66 MB, at once).
    """

    def __init__(
        self, core: _Core, encoding: str, deadline: float, url: str, record_id: str | None
    ) -> None:
        self.core, self.deadline, self.url, self.record_id = core, deadline, url, record_id
        self.data = bytearray()
        self.inflater: Any = None
        if encoding in ("gzip", "x-gzip", "deflate"):
            self.inflater = zlib.decompressobj(47 if encoding != "deflate" else 15)
        elif encoding not in ("", "identity"):
            raise FetchError(
                f"the answer from {url} is encoded as {encoding!r}, which was not asked for",
                record_id=record_id,
                url=url,
            )

    def add(self, chunk: bytes) -> None:
        cap = self.core.max_body
        if self.inflater is None:
            self.data += chunk
        else:
            try:
                self.data += self.inflater.decompress(chunk, cap + 1 - len(self.data))
            except zlib.error as exc:
                raise FetchError(
                    f"the answer from {self.url} cannot be decoded ({exc})",
                    record_id=self.record_id,
                    url=self.url,
                ) from None
            if self.inflater.unconsumed_tail:  # stopped at max_length: more than the cap
                raise _too_large(cap, len(self.data) + 1, self.url, self.record_id)
        if len(self.data) > cap:
            raise _too_large(cap, len(self.data), self.url, self.record_id)
        self.core.remaining(self.deadline, self.url, self.record_id)

    def answer(self, response: httpx.Response) -> _Answer:
        return _Answer(response.status_code, response.headers, self.url, bytes(self.data))


@dataclass
class _Answer:
    """A response read within its limits: status, headers, the final URL and the decoded body."""

    status: int
    headers: httpx.Headers
    url: str
    body: bytes


@dataclass
class _Core:
    """Everything the sync and async clients share."""

    base_url: str
    timeout: float
    retries: int
    rate_limit: float
    cache_dir: Path | None
    cache_ttl: float
    max_wait: float
    max_body: int
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
        max_wait: float,
        max_body: int,
    ) -> _Core:
        url = base_url or os.environ.get("TRIALPARSE_BASE_URL") or DEFAULT_BASE_URL
        return cls(
            base_url=url.rstrip("/"),
            timeout=timeout,
            retries=max(0, retries),
            rate_limit=rate_limit,
            cache_dir=None if cache_dir is None else Path(cache_dir),
            cache_ttl=cache_ttl,
            max_wait=max_wait,
            max_body=max_body,
        )

    def describe(self, kind: str) -> str:
        """A client's repr: where it asks, how often it retries and waits, where it caches."""
        cache = None if self.cache_dir is None else str(self.cache_dir)
        return (
            f"{kind}(base_url={self.base_url!r}, retries={self.retries}, "
            f"rate_limit={self.rate_limit:g}, cache_dir={cache!r})"
        )

    def http_options(self) -> dict[str, Any]:
        """What both httpx clients are built with: redirects are followed here, not by httpx."""
        return {
            "headers": {
                "User-Agent": _USER_AGENT,
                "Accept": "application/json",
                "Accept-Encoding": "gzip, deflate",  # the encodings `_Body` decodes
            },
            "timeout": self.timeout,
            "follow_redirects": False,
        }

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

    def retry_context(self, url: str) -> Any:
        """stamina's attempts for one request; each retry is logged with its URL and wait."""
        return stamina.retry_context(
            on=_Backoff(self, url), attempts=self.retries + 1, timeout=None
        )

    def gave_up(self, error: FetchError, wait: float) -> FetchError:
        """The error for a server asking to wait longer than `max_wait`."""
        return RateLimited(
            f"{error.message}; it asked to wait {_seconds(wait)} (Retry-After), over the "
            f"{_seconds(self.max_wait)} cap (max_wait): giving up",
            record_id=error.record_id,
            status_code=error.status_code,
            url=error.url,
            retry_after=wait,
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
        limit: int | None,
        fields: list[str] | None,
    ) -> dict[str, str]:
        """The query of a search, its arguments checked first (`InvalidSearch`)."""
        if (
            isinstance(page_size, bool)
            or not isinstance(page_size, int)
            or not (1 <= page_size <= MAX_PAGE_SIZE)
        ):
            raise InvalidSearch(
                f"page size {page_size!r} is not a whole number from 1 to {MAX_PAGE_SIZE}"
            )
        if limit is not None and (
            isinstance(limit, bool) or not isinstance(limit, int) or limit < 0
        ):
            raise InvalidSearch(f"limit {limit!r} is not a whole number of studies (0 or more)")
        params: dict[str, str] = {"format": "json", "pageSize": str(page_size)}
        if query:
            params["query.term"] = query
        if condition:
            params["query.cond"] = condition
        statuses = _choices("status", status, _STATUSES)
        if statuses:
            params["filter.overallStatus"] = ",".join(statuses)
        phases = _choices("phase", phase, _PHASES)
        if phases:
            # the API has no phase filter: an Essie expression on the Phase area does it
            params["filter.advanced"] = f"AREA[Phase]({' OR '.join(phases)})"
        if fields:
            params["fields"] = ",".join(fields)
        return params

    # -- limits ---------------------------------------------------------------------------
    def deadline(self, until: float | None, url: str, record_id: str | None) -> float:
        """The monotonic time this attempt must end by: `timeout` from now, or the search's end."""
        now = time.monotonic()
        if until is not None and now >= until:
            raise RegistryUnavailable(
                f"the search did not finish within its time limit (at {url})",
                record_id=record_id,
                url=url,
            )
        return min(now + self.timeout, until if until is not None else math.inf)

    def expired(self, url: str, record_id: str | None) -> _Retry:
        return _Retry(
            RegistryUnavailable(
                f"no complete answer from {url} within {_seconds(self.timeout)} "
                "(the request's deadline)",
                record_id=record_id,
                url=url,
            )
        )

    def remaining(self, deadline: float, url: str, record_id: str | None) -> float:
        """Seconds left before `deadline`; the attempt fails (to be retried) when none are."""
        left = deadline - time.monotonic()
        if left <= 0:
            raise self.expired(url, record_id)
        return left

    def redirect(
        self, response: httpx.Response, visited: list[str], record_id: str | None
    ) -> str | None:
        """Where a redirect leads, if it may be followed; None for an answer that is no redirect."""
        target = response.next_request
        if not response.is_redirect or target is None:
            return None
        here = str(response.request.url)
        base = httpx.URL(self.base_url)
        if target.url.host != base.host:
            raise FetchError(
                f"{here} redirects to another host ({target.url.host}): not followed "
                f"(redirects are followed only within {base.host})",
                record_id=record_id,
                status_code=response.status_code,
                url=here,
            )
        if not _same_origin(base, target.url):
            raise FetchError(
                f"{here} redirects to {_origin(target.url)}: not followed "
                f"(redirects are followed only within {_origin(base)}, or from http to https "
                "on the default ports)",
                record_id=record_id,
                status_code=response.status_code,
                url=here,
            )
        location = str(target.url)
        if location in visited or len(visited) > MAX_REDIRECTS:
            raise FetchError(
                f"{visited[0]} redirects in a loop or more than {MAX_REDIRECTS} times "
                f"(last to {location})",
                record_id=record_id,
                status_code=response.status_code,
                url=visited[0],
            )
        visited.append(location)
        return location

    def body(self, response: httpx.Response, deadline: float, record_id: str | None) -> _Body:
        """A reader of this response's body within the size cap and the deadline."""
        url = str(response.request.url)
        length = response.headers.get("Content-Length", "")
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        if encoding in ("", "identity") and length.isdigit() and int(length) > self.max_body:
            raise _too_large(self.max_body, int(length), url, record_id)  # refused unread
        return _Body(self, encoding, deadline, url, record_id)

    def failure(self, exc: Exception, url: str, record_id: str | None) -> Exception:
        """An httpx error as the `FetchError` it means (`_Retry` when another attempt may help)."""
        name = type(exc).__name__
        if isinstance(exc, httpx.TimeoutException):
            why = f"no answer from {url} in time ({name}: {exc or 'timed out'})"
        elif isinstance(exc, httpx.TransportError):
            why = f"cannot reach the registry at {url}: {name}: {exc}; {_NETWORK_HINT}"
        else:  # a redirect to a URL httpx cannot take, a stream already read, ...
            return FetchError(
                f"request to {url} failed: {name}: {exc}", record_id=record_id, url=url
            )
        return _Retry(RegistryUnavailable(why, record_id=record_id, url=url))

    # -- response handling ----------------------------------------------------------------
    def check(self, answer: _Answer, record_id: str | None) -> Any:
        """The decoded JSON of a good answer; the right error otherwise (`_Retry` to retry)."""
        status, url = answer.status, answer.url
        if status == 404:
            # the API's own 404 says why; an empty one may come from a proxy in the way
            hint = "" if answer.body.strip() else "; the answer was empty: is a proxy in the way?"
            raise StudyNotFound(
                f"no such study in the registry (HTTP 404 from {url}{hint})",
                record_id=record_id,
                status_code=404,
                url=url,
            )
        if status == 429:
            wait = _retry_after(answer.headers)
            raise _Retry(
                RateLimited(
                    f"the registry kept answering 429 Too Many Requests at {url}",
                    record_id=record_id,
                    url=url,
                    retry_after=wait,
                ),
                wait,
            )
        if status >= 500:
            raise _Retry(
                RegistryUnavailable(
                    f"the registry answered HTTP {status} at {url}",
                    record_id=record_id,
                    status_code=status,
                    url=url,
                ),
                _retry_after(answer.headers),
            )
        if status >= 300:  # the request itself is wrong (or a redirect with no place): no retry
            text = answer.body[:200].decode("utf-8", "replace")
            raise FetchError(
                f"the registry refused the request (HTTP {status} from {url}): {text}",
                record_id=record_id,
                status_code=status,
                url=url,
            )
        try:
            return orjson.loads(answer.body)
        except orjson.JSONDecodeError as exc:
            raise MalformedRecord(
                f"the registry's answer is not valid JSON: {exc}", record_id=record_id, location=url
            ) from None

    @staticmethod
    def study_of(data: Any, nct_id: str, url: str) -> Study:
        if not isinstance(data, dict) or "protocolSection" not in data:
            raise MalformedRecord(
                "the registry's answer is not a complete study", record_id=nct_id, location="$"
            )
        return _with_url(parse_record(data), url)

    # -- cache ------------------------------------------------------------------------------
    def cache_path(self, url: str, params: dict[str, str] | None) -> Path | None:
        if self.cache_dir is None:
            return None
        key = url + "?" + "&".join(f"{k}={v}" for k, v in sorted((params or {}).items()))
        return self.cache_dir / (hashlib.sha256(key.encode()).hexdigest() + ".json")

    def cached(self, path: Path | None, valid: Callable[[Any], bool]) -> Any:
        """The cache entry at `path` if it is fresh and `valid`; None (a miss) otherwise."""
        if path is None:
            return None
        try:
            age = time.time() - path.stat().st_mtime
        except FileNotFoundError:
            return None
        except OSError as exc:
            _log.warning("cache entry %s cannot be read (%s): fetching again", path, exc)
            return None
        if age > self.cache_ttl or age < -_CLOCK_SKEW:
            return None  # expired, or stamped in the future: it cannot be trusted to expire
        try:
            data = orjson.loads(path.read_bytes())
        except (OSError, orjson.JSONDecodeError) as exc:
            _log.warning("cache entry %s cannot be read (%s): fetching again", path, exc)
            return None
        if not valid(data):
            _log.warning("cache entry %s is not the answer asked for: fetching again", path)
            return None
        return data

    def store(self, path: Path | None, data: Any) -> None:
        if path is None:
            return
        temporary: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # write then rename: another process never sees a half-written file
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
            with os.fdopen(handle, "wb") as out:
                out.write(orjson.dumps(data))
            os.replace(temporary, path)
        except OSError as exc:
            _log.warning("cannot write the cache entry %s (%s): not cached", path, exc)
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)


def _with_url(study: Study, url: str) -> Study:
    """The study with the address it was fetched from as its `source.path`."""
    source = study.source or Source(format="ctgov-json")
    study.source = source.model_copy(update={"path": url})
    return study


@dataclass
class _Pages:
    """Paging bookkeeping shared by both clients: token, limit, studies already yielded."""

    params: dict[str, str]
    limit: int | None
    url: str
    seen: set[str] = field(default_factory=set)
    tokens: set[str] = field(default_factory=set)
    idle: int = 0
    yielded: int = 0
    token: str | None = None
    first: bool = True

    def next_params(self) -> dict[str, str] | None:
        if not self.first and not self.token:
            return None
        if self.limit is not None and self.yielded >= self.limit:
            return None
        if self.token is not None:
            if self.token in self.tokens:
                raise self.stop(f"the registry sent page token {self.token!r} a second time")
            if self.idle >= _IDLE_PAGES:
                raise self.stop(f"{self.idle} pages in a row added no new study")
            self.tokens.add(self.token)
        params = dict(self.params)
        if self.first:
            params["countTotal"] = "true"
        if self.token:
            params["pageToken"] = self.token
        self.first = False
        return params

    def stop(self, why: str) -> FetchError:
        return FetchError(
            f"search stopped after {self.yielded} studies: {why} (paging would not end)",
            url=self.url,
        )

    def take(self, page: Any) -> list[dict[str, Any]]:
        if not _is_page(page):
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
        self.idle = 0 if fresh else self.idle + 1
        return fresh


def _page_study(item: dict[str, Any], url: str) -> Study:
    return _with_url(parse_record(item), url)


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
        max_wait: float = DEFAULT_MAX_WAIT,
        max_body: int = DEFAULT_MAX_BODY,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._core = _Core.make(
            base_url, timeout, retries, rate_limit, cache_dir, cache_ttl, max_wait, max_body
        )
        self._http = httpx.Client(transport=transport, **self._core.http_options())

    def __repr__(self) -> str:
        return self._core.describe("Client")

    def _attempt(
        self, url: str, params: dict[str, str] | None, record_id: str | None, deadline: float
    ) -> _Answer:
        core = self._core
        visited, here = [url], url
        while True:
            timeout = core.remaining(deadline, here, record_id)
            try:
                with self._http.stream("GET", here, params=params, timeout=timeout) as response:
                    target = core.redirect(response, visited, record_id)
                    if target is None:
                        body = core.body(response, deadline, record_id)
                        for chunk in response.iter_raw():
                            body.add(chunk)
                        return body.answer(response)
            except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
                raise core.failure(exc, here, record_id) from None
            here, params = target, None

    def _get(
        self,
        url: str,
        params: dict[str, str] | None,
        record_id: str | None,
        valid: Callable[[Any], bool],
        until: float | None = None,
    ) -> tuple[Any, str]:
        cache = self._core.cache_path(url, params)
        found = self._core.cached(cache, valid)
        if found is not None:
            return found, str(httpx.URL(url, params=params))
        try:
            for attempt in self._core.retry_context(url):
                with attempt:
                    time.sleep(self._core.reserve_slot())
                    deadline = self._core.deadline(until, url, record_id)
                    answer = self._attempt(url, params, record_id, deadline)
                    data = self._core.check(answer, record_id)
        except _Retry as exc:
            raise exc.error from None
        if valid(data):
            self._core.store(cache, data)
        return data, answer.url

    def _fetch_raw(self, nct_id: str) -> tuple[dict[str, Any], str]:
        nct_id = normalise_nct_id(nct_id)
        data, url = self._get(
            self._core.study_url(nct_id), None, nct_id, lambda data: _is_study(data, nct_id)
        )
        if not isinstance(data, dict):
            raise MalformedRecord(
                "the registry's answer is not a study", record_id=nct_id, location="$"
            )
        return data, url

    def fetch_raw(self, nct_id: str) -> dict[str, Any]:
        """The study's v2 JSON as the registry sends it."""
        return self._fetch_raw(nct_id)[0]

    def fetch(self, nct_id: str) -> Study:
        """The study with this NCT ID (alias IDs are followed to the study)."""
        data, url = self._fetch_raw(nct_id)
        return self._core.study_of(data, normalise_nct_id(nct_id), url)

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
        timeout: float | None = None,
    ) -> Iterator[Study]:
        """Studies matching the search, page after page, each once.

        The arguments are checked before any request (`InvalidSearch`); `timeout` bounds the
        whole search in seconds (each page has the client's own deadline as well).
        """
        url = f"{self._core.base_url}/studies"
        params = self._core.search_params(query, condition, status, phase, page_size, limit, fields)
        return self._pages(_Pages(params, limit, url), timeout)

    def _pages(self, pages: _Pages, timeout: float | None) -> Iterator[Study]:
        until = None if timeout is None else time.monotonic() + timeout
        while (params := pages.next_params()) is not None:
            page, url = self._get(pages.url, params, None, _is_page, until)
            for item in pages.take(page):
                yield _page_study(item, url)

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
        max_wait: float = DEFAULT_MAX_WAIT,
        max_body: int = DEFAULT_MAX_BODY,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._core = _Core.make(
            base_url, timeout, retries, rate_limit, cache_dir, cache_ttl, max_wait, max_body
        )
        self._http = httpx.AsyncClient(transport=transport, **self._core.http_options())

    def __repr__(self) -> str:
        return self._core.describe("AsyncClient")

    async def _read(
        self, url: str, params: dict[str, str] | None, record_id: str | None, deadline: float
    ) -> _Answer:
        core = self._core
        visited, here = [url], url
        while True:
            timeout = core.remaining(deadline, here, record_id)
            try:
                async with self._http.stream(
                    "GET", here, params=params, timeout=timeout
                ) as response:
                    target = core.redirect(response, visited, record_id)
                    if target is None:
                        body = core.body(response, deadline, record_id)
                        async for chunk in response.aiter_raw():
                            body.add(chunk)
                        return body.answer(response)
            except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
                raise core.failure(exc, here, record_id) from None
            here, params = target, None

    async def _attempt(
        self, url: str, params: dict[str, str] | None, record_id: str | None, deadline: float
    ) -> _Answer:
        # the deadline holds exactly here: a body dripping in under the read timeout is cut off
        try:
            return await asyncio.wait_for(
                self._read(url, params, record_id, deadline), deadline - time.monotonic()
            )
        except asyncio.TimeoutError:
            raise self._core.expired(url, record_id) from None

    async def _get(
        self,
        url: str,
        params: dict[str, str] | None,
        record_id: str | None,
        valid: Callable[[Any], bool],
        until: float | None = None,
    ) -> tuple[Any, str]:
        cache = self._core.cache_path(url, params)
        found = self._core.cached(cache, valid)
        if found is not None:
            return found, str(httpx.URL(url, params=params))
        try:
            async for attempt in self._core.retry_context(url):
                with attempt:
                    await asyncio.sleep(self._core.reserve_slot())
                    deadline = self._core.deadline(until, url, record_id)
                    answer = await self._attempt(url, params, record_id, deadline)
                    data = self._core.check(answer, record_id)
        except _Retry as exc:
            raise exc.error from None
        if valid(data):
            self._core.store(cache, data)
        return data, answer.url

    async def _fetch_raw(self, nct_id: str) -> tuple[dict[str, Any], str]:
        nct_id = normalise_nct_id(nct_id)
        data, url = await self._get(
            self._core.study_url(nct_id), None, nct_id, lambda data: _is_study(data, nct_id)
        )
        if not isinstance(data, dict):
            raise MalformedRecord(
                "the registry's answer is not a study", record_id=nct_id, location="$"
            )
        return data, url

    async def fetch_raw(self, nct_id: str) -> dict[str, Any]:
        """The study's v2 JSON as the registry sends it."""
        return (await self._fetch_raw(nct_id))[0]

    async def fetch(self, nct_id: str) -> Study:
        """The study with this NCT ID (alias IDs are followed to the study)."""
        data, url = await self._fetch_raw(nct_id)
        return self._core.study_of(data, normalise_nct_id(nct_id), url)

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
        timeout: float | None = None,
    ) -> AsyncIterator[Study]:
        """Studies matching the search, page after page, each once (see `Client.search`)."""
        url = f"{self._core.base_url}/studies"
        params = self._core.search_params(query, condition, status, phase, page_size, limit, fields)
        return self._pages(_Pages(params, limit, url), timeout)

    async def _pages(self, pages: _Pages, timeout: float | None) -> AsyncIterator[Study]:
        until = None if timeout is None else time.monotonic() + timeout
        while (params := pages.next_params()) is not None:
            page, url = await self._get(pages.url, params, None, _is_page, until)
            for item in pages.take(page):
                yield _page_study(item, url)

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
