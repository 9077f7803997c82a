"""The client always returns: waits, deadlines, body size, redirects, paging and cache faults.

Every case runs against a real server on loopback: pytest-httpserver, or a raw socket server
for a body that drips in a byte at a time. Served studies are real v2 records from the shared
fixtures; the faults around them (Retry-After values, gzip bombs, redirect loops, repeating page
tokens, poisoned cache entries) are hand-made.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
import os
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.realdata import real, real_data, real_files
from trialparse import (
    AsyncClient,
    Client,
    FetchError,
    InvalidSearch,
    RateLimited,
    RegistryUnavailable,
    UnsafeInput,
)

pytestmark = real_data

NCT = "NCT04930887"
OTHER = "NCT00000410"


def record(nct_id: str = NCT) -> bytes:
    return real("ctgov_v2", f"{nct_id}.json").read_bytes()


def studies(count: int) -> list[dict[str, Any]]:
    return [json.loads(p.read_bytes()) for p in real_files("ctgov_v2", "NCT*.json")[:count]]


def client(server: HTTPServer, **options: Any) -> Client:
    return Client(server.url_for("/api/v2"), rate_limit=0, **options)


def serve_study(server: HTTPServer, nct_id: str = NCT) -> None:
    server.expect_request(f"/api/v2/studies/{nct_id}").respond_with_data(
        record(nct_id), content_type="application/json"
    )


# -- 1. waits are capped --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("header", "asked"),
    [("1000000000", 1e9), ("1e309", float("inf")), ("61", 61.0)],
    ids=["31-years", "overflow", "just-over-the-cap"],
)
def test_retry_after_over_the_cap_gives_up_at_once(
    httpserver: HTTPServer, header: str, asked: float
) -> None:
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data(
        "slow down", status=429, headers={"Retry-After": header}
    )
    started = time.monotonic()
    with client(httpserver) as api, pytest.raises(RateLimited) as caught:
        api.fetch(NCT)
    assert time.monotonic() - started < 5
    assert caught.value.retry_after == asked
    assert "over the 60 s cap" in caught.value.message
    assert len(httpserver.log) == 1  # no attempt after a wait it will not make


def test_retry_after_over_the_cap_async(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1e309"}
    )

    async def run() -> None:
        async with AsyncClient(httpserver.url_for("/api/v2"), rate_limit=0) as api:
            await asyncio.wait_for(api.fetch(NCT), 10)

    with pytest.raises(RateLimited) as caught:
        asyncio.run(run())
    assert caught.value.retry_after == float("inf")


def test_the_cap_is_configurable_and_http_dates_are_read(httpserver: HTTPServer) -> None:
    later = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 3600))
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data(
        "", status=503, headers={"Retry-After": later}
    )
    with client(httpserver, max_wait=600) as api, pytest.raises(RateLimited) as caught:
        api.fetch(NCT)
    assert caught.value.retry_after == pytest.approx(3600, abs=5)
    assert caught.value.status_code == 503


# -- 2. deadlines -------------------------------------------------------------------------------
class DripServer:
    """A loopback HTTP server that sends headers at once, then the body a byte every `pause` s."""

    def __init__(self, body: bytes, pause: float) -> None:
        self.body, self.pause = body, pause
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v2"

    def serve(self) -> None:
        while not self.stopping.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # closed
            threading.Thread(target=self.drip, args=(connection,), daemon=True).start()

    def drip(self, connection: socket.socket) -> None:
        with connection:
            try:
                connection.recv(65536)
                head = (
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(self.body)}\r\n\r\n"
                )
                connection.sendall(head.encode())
                for byte in self.body:
                    if self.stopping.wait(self.pause):
                        return
                    connection.sendall(bytes([byte]))
            except OSError:
                return  # the client hung up: what a deadline is for

    def close(self) -> None:
        self.stopping.set()
        self.listener.close()
        self.thread.join(2)


@pytest.fixture
def drip() -> Iterator[DripServer]:
    server = DripServer(record(), pause=0.1)
    yield server
    server.close()


def test_a_dripping_body_meets_the_deadline(drip: DripServer) -> None:
    started = time.monotonic()
    with (
        Client(drip.url, timeout=1.0, retries=0, rate_limit=0) as api,
        pytest.raises(RegistryUnavailable, match="within 1 s") as caught,
    ):
        api.fetch(NCT)
    # each read comes in under the read timeout; the deadline holds the whole request
    assert time.monotonic() - started < 2.5
    assert caught.value.url == f"{drip.url}/studies/{NCT}"


def test_a_dripping_body_meets_the_deadline_async(drip: DripServer) -> None:
    async def run() -> None:
        async with AsyncClient(drip.url, timeout=1.0, retries=0, rate_limit=0) as api:
            await api.fetch(NCT)

    started = time.monotonic()
    with pytest.raises(RegistryUnavailable, match="deadline"):
        asyncio.run(run())
    assert time.monotonic() - started < 1.8


def test_a_whole_search_has_a_time_limit(httpserver: HTTPServer) -> None:
    items = studies(30)

    def slow_page(request: Request) -> Response:
        time.sleep(0.15)
        start = int(request.args.get("pageToken") or 0)
        page = {"studies": items[start : start + 1], "nextPageToken": str(start + 1)}
        return Response(json.dumps(page), content_type="application/json")

    httpserver.expect_request("/api/v2/studies").respond_with_handler(slow_page)
    found: list[str | None] = []
    started = time.monotonic()
    with client(httpserver) as api, pytest.raises(RegistryUnavailable, match="time limit"):
        found.extend(s.nct_id for s in api.search("x", page_size=1, timeout=0.5))
    assert time.monotonic() - started < 1.5
    assert 1 <= len(found) <= 5


# -- 3. decoded size ---------------------------------------------------------------------------
def gzip_bomb(decoded: int) -> bytes:
    """`decoded` bytes of spaces (valid JSON padding), gzip-compressed about 1000 to 1."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b" " * (1 << 20)
    parts = [packer.compress(block) for _ in range(decoded >> 20)]
    return b"".join([*parts, packer.flush()])


def test_a_gzip_bomb_is_refused_without_inflating_it(httpserver: HTTPServer) -> None:
    bomb = gzip_bomb(512 << 20)  # 512 MiB decoded, about 0.5 MB on the wire
    assert len(bomb) < 1 << 20
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data(
        bomb, content_type="application/json", headers={"Content-Encoding": "gzip"}
    )
    tracemalloc.start()
    try:
        with (
            client(httpserver, max_body=16 << 20) as api,
            pytest.raises(UnsafeInput, match="over 16777216 bytes decoded"),
        ):
            api.fetch(NCT)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # the cap plus one decoded chunk, not the half gigabyte
    assert peak < 120 << 20


def test_a_gzip_study_under_the_cap_is_read(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data(
        gzip.compress(record()),
        content_type="application/json",
        headers={"Content-Encoding": "gzip"},
    )
    with client(httpserver) as api:
        assert api.fetch(NCT).nct_id == NCT


def test_a_stated_length_over_the_cap_is_refused_before_reading(httpserver: HTTPServer) -> None:
    serve_study(httpserver)
    with client(httpserver, max_body=1000) as api, pytest.raises(UnsafeInput, match="max_body"):
        api.fetch(NCT)


# -- 4. redirects and httpx's own errors -------------------------------------------------------
def test_a_redirect_to_another_host_is_not_followed(httpserver: HTTPServer) -> None:
    # the same server under another name: localhost and 127.0.0.1 are different hosts
    elsewhere = httpserver.url_for(f"/api/v2/studies/{NCT}").replace("localhost", "127.0.0.1")
    httpserver.expect_request("/api/v2/studies/NCT00000001").respond_with_data(
        "", status=302, headers={"Location": elsewhere}
    )
    serve_study(httpserver)
    with client(httpserver) as api, pytest.raises(FetchError, match="another host") as caught:
        api.fetch("NCT00000001")
    assert len(httpserver.log) == 1
    assert caught.value.status_code == 302


@pytest.mark.parametrize(
    "there",
    ["http://localhost:1/api/v2/studies/{nct}", "ftp://localhost:{port}/api/v2/studies/{nct}"],
    ids=["another-port", "another-scheme"],
)
def test_a_redirect_to_another_port_or_scheme_of_the_host_is_not_followed(
    httpserver: HTTPServer, there: str
) -> None:
    # port 1 of loopback: another service of the same host, where nothing may be asked
    location = there.format(nct=NCT, port=httpserver.port)
    httpserver.expect_request("/api/v2/studies/NCT00000001").respond_with_data(
        "", status=301, headers={"Location": location}
    )
    with client(httpserver) as api, pytest.raises(FetchError, match="not followed") as caught:
        api.fetch("NCT00000001")
    assert type(caught.value) is FetchError
    assert f"only within http://localhost:{httpserver.port}" in caught.value.message
    assert len(httpserver.log) == 1


def test_an_upgrade_to_https_on_the_default_ports_is_followed() -> None:
    from trialparse.client import _same_origin

    base = httpx.URL("http://clinicaltrials.gov/api/v2")
    assert _same_origin(base, httpx.URL("https://clinicaltrials.gov/api/v2/studies/NCT04930887"))
    assert not _same_origin(httpx.URL("https://clinicaltrials.gov/api/v2"), base)  # downgrade
    assert not _same_origin(base, httpx.URL("https://clinicaltrials.gov:8443/api/v2"))


def test_a_redirect_loop_is_a_fetch_error(httpserver: HTTPServer) -> None:
    for here, there in (("NCT00000001", "NCT00000002"), ("NCT00000002", "NCT00000001")):
        httpserver.expect_request(f"/api/v2/studies/{here}").respond_with_data(
            "", status=301, headers={"Location": httpserver.url_for(f"/api/v2/studies/{there}")}
        )
    with client(httpserver) as api, pytest.raises(FetchError, match="in a loop") as caught:
        api.fetch("NCT00000001")
    assert type(caught.value) is FetchError
    assert len(httpserver.log) == 2


def test_a_junk_gzip_body_is_a_fetch_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data(
        record()[:500], content_type="application/json", headers={"Content-Encoding": "gzip"}
    )
    with client(httpserver) as api, pytest.raises(FetchError, match="cannot be decoded"):
        api.fetch(NCT)


# -- 5. paging that would not end ----------------------------------------------------------------
def test_a_repeating_page_token_stops_the_search(httpserver: HTTPServer, tmp_path: Path) -> None:
    page = {"studies": studies(2), "nextPageToken": "again"}
    httpserver.expect_request("/api/v2/studies").respond_with_json(page)
    # without a cache, with an empty one, and from the cache alone (a CPU spin before)
    for cache_dir, requests in ((None, 2), (tmp_path, 2), (tmp_path, 0)):
        httpserver.clear_log()
        found: list[str | None] = []
        with (
            client(httpserver, cache_dir=cache_dir) as api,
            pytest.raises(FetchError, match="'again' a second time") as caught,
        ):
            found.extend(s.nct_id for s in api.search("x"))
        assert len(found) == 2  # the first page's studies, then the stop
        assert "after 2 studies" in caught.value.message
        assert len(httpserver.log) == requests


def test_pages_that_add_nothing_new_stop_the_search(httpserver: HTTPServer) -> None:
    same = studies(2)

    def handler(request: Request) -> Response:
        token = int(request.args.get("pageToken") or 0)
        return Response(
            json.dumps({"studies": same, "nextPageToken": str(token + 1)}),
            content_type="application/json",
        )

    httpserver.expect_request("/api/v2/studies").respond_with_handler(handler)
    seen: list[str | None] = []
    with client(httpserver) as api, pytest.raises(FetchError, match="added no new study"):
        seen.extend(s.nct_id for s in api.search("x"))
    assert len(seen) == 2
    assert len(httpserver.log) == 4  # the first page, then three that add nothing


# -- 6. cache faults ------------------------------------------------------------------------------
def cache_entry(api: Client, nct_id: str) -> Path:
    path = api._core.cache_path(api._core.study_url(nct_id), None)
    assert path is not None
    return path


def test_a_cache_entry_holding_another_study_is_a_miss(
    httpserver: HTTPServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    serve_study(httpserver)
    with client(httpserver, cache_dir=tmp_path) as api:
        entry = cache_entry(api, NCT)
        entry.write_bytes(record(OTHER))
        with caplog.at_level(logging.WARNING, logger="trialparse"):
            assert api.fetch(NCT).nct_id == NCT
    assert len(httpserver.log) == 1
    assert "not the answer asked for" in caplog.text
    assert json.loads(entry.read_bytes())["protocolSection"]["identificationModule"]["nctId"] == NCT


def test_a_cache_entry_from_the_future_is_a_miss(httpserver: HTTPServer, tmp_path: Path) -> None:
    serve_study(httpserver)
    with client(httpserver, cache_dir=tmp_path) as api:
        api.fetch(NCT)
        future = time.time() + 10 * 86400
        os.utime(cache_entry(api, NCT), (future, future))
        api.fetch(NCT)
    assert len(httpserver.log) == 2


def test_a_cache_path_that_is_a_folder_is_a_miss(
    httpserver: HTTPServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    serve_study(httpserver)
    with client(httpserver, cache_dir=tmp_path) as api:
        cache_entry(api, NCT).mkdir()
        with caplog.at_level(logging.WARNING, logger="trialparse"):
            assert api.fetch(NCT).nct_id == NCT
            assert api.fetch(NCT).nct_id == NCT
    assert len(httpserver.log) == 2
    assert "not cached" in caplog.text


def test_a_cache_dir_that_is_a_file_is_a_miss(
    httpserver: HTTPServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    serve_study(httpserver)
    blocker = tmp_path / "cache"
    blocker.write_text("a file, not a folder")
    with (
        client(httpserver, cache_dir=blocker / "studies") as api,
        caplog.at_level(logging.WARNING, logger="trialparse"),
    ):
        assert api.fetch(NCT).nct_id == NCT
    assert "cannot write the cache entry" in caplog.text


# -- retries are log records; the source records the URL ----------------------------------------
def test_retries_are_log_records_of_trialparse(
    httpserver: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"/api/v2/studies/{NCT}"
    httpserver.expect_ordered_request(url).respond_with_data("busy", status=503)
    httpserver.expect_ordered_request(url).respond_with_data(
        record(), content_type="application/json"
    )
    with caplog.at_level(logging.INFO), client(httpserver) as api:
        api.fetch(NCT)
    retries = [r for r in caplog.records if r.name.startswith(("trialparse", "stamina"))]
    assert [r.name for r in retries] == ["trialparse.client"]
    assert retries[0].getMessage().startswith(f"retry 1 of 3 for {httpserver.url_for(url)} in ")
    assert retries[0].getMessage().endswith("HTTP 503 at " + httpserver.url_for(url))


def test_search_arguments_are_checked_before_any_request(httpserver: HTTPServer) -> None:
    with client(httpserver) as api:
        for arguments in ({"status": "recruitin"}, {"limit": -1}, {"page_size": 0}):
            with pytest.raises(InvalidSearch):
                api.search("x", **arguments)
        assert api.search("x", status="recruiting", phase="phase2") is not None
    assert httpserver.log == []


def test_fetched_studies_record_their_url(httpserver: HTTPServer) -> None:
    serve_study(httpserver)
    httpserver.expect_request("/api/v2/studies").respond_with_json({"studies": studies(1)})
    with client(httpserver) as api:
        fetched = api.fetch(NCT)
        found = next(iter(api.search("x")))
    assert fetched.source is not None
    assert found.source is not None
    assert fetched.source.path == httpserver.url_for(f"/api/v2/studies/{NCT}")
    assert found.source.path == httpserver.url_for("/api/v2/studies") + (
        "?format=json&pageSize=100&query.term=x&countTotal=true"
    )
    assert fetched.source.format == "ctgov-json"
