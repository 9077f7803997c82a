"""The API client against a real HTTP server on loopback (pytest-httpserver).

Served bodies are real, read from the real-data folder (tests/realdata.py): single studies of
the fixed v2 subset (the API returns a study as its v2 JSON), the two real API pages in
`ctgov_v2_containers/`, and pages built from those records. Faults (429, 503, truncated
bodies, 301, 404) are hand-made around them.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.realdata import real_data, real_files, v2_subset
from trialparse import (
    AsyncClient,
    Client,
    FetchError,
    InvalidNctId,
    InvalidSearch,
    MalformedRecord,
    RateLimited,
    RegistryUnavailable,
    StudyNotFound,
    fetch_study,
)

RECORDS = v2_subset()
PAGES = real_files("ctgov_v2_containers", "page_studies_*.json")
# the first record's ID; tests that serve no record body use it without the real data too
NCT = RECORDS[0].stem if RECORDS else "NCT00000000"


def body(path: Path) -> bytes:
    return path.read_bytes()


def client(server: HTTPServer, **options: Any) -> Client:
    return Client(server.url_for("/api/v2"), rate_limit=0, **options)


@real_data
def test_fetch_a_study(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data(
        body(RECORDS[0]), content_type="application/json"
    )
    with client(httpserver) as api:
        study = api.fetch(NCT.lower() + " ")
    assert study.nct_id == NCT
    assert len(httpserver.log) == 1
    request = httpserver.log[0][0]
    assert request.headers["User-Agent"].startswith("trialparse/")


def test_invalid_id_sends_nothing(httpserver: HTTPServer) -> None:
    with client(httpserver) as api, pytest.raises(InvalidNctId, match="NCT and 8 digits"):
        api.fetch("NCT123")
    assert httpserver.log == []


def test_404_is_study_not_found(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/api/v2/studies/NCT99999999").respond_with_data(
        "not found", status=404
    )
    with client(httpserver) as api, pytest.raises(StudyNotFound) as caught:
        api.fetch("NCT99999999")
    assert caught.value.status_code == 404
    assert caught.value.record_id == "NCT99999999"
    assert len(httpserver.log) == 1  # no retry on 4xx


@real_data
def test_301_alias_is_followed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/api/v2/studies/NCT00000001").respond_with_data(
        "", status=301, headers={"Location": httpserver.url_for(f"/api/v2/studies/{NCT}")}
    )
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data(
        body(RECORDS[0]), content_type="application/json"
    )
    with client(httpserver) as api:
        assert api.fetch("NCT00000001").nct_id == NCT
    assert len(httpserver.log) == 2


@real_data
def test_429_with_retry_after_then_success(httpserver: HTTPServer) -> None:
    url = f"/api/v2/studies/{NCT}"
    httpserver.expect_ordered_request(url).respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    httpserver.expect_ordered_request(url).respond_with_data(
        body(RECORDS[0]), content_type="application/json"
    )
    with client(httpserver) as api:
        assert api.fetch(NCT).nct_id == NCT
    assert len(httpserver.log) == 2


def test_429_forever_is_rate_limited(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data(
        "no", status=429, headers={"Retry-After": "2"}
    )
    with client(httpserver, retries=2) as api, pytest.raises(RateLimited) as caught:
        api.fetch(NCT)
    assert caught.value.retry_after == 2.0
    assert len(httpserver.log) == 3


@real_data
def test_503_then_success(httpserver: HTTPServer) -> None:
    url = f"/api/v2/studies/{NCT}"
    httpserver.expect_ordered_request(url).respond_with_data("busy", status=503)
    httpserver.expect_ordered_request(url).respond_with_data(
        body(RECORDS[0]), content_type="application/json"
    )
    with client(httpserver) as api:
        assert api.fetch(NCT).nct_id == NCT
    assert len(httpserver.log) == 2


def test_5xx_forever_is_unavailable(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data("down", status=502)
    with client(httpserver, retries=3) as api, pytest.raises(RegistryUnavailable) as caught:
        api.fetch(NCT)
    assert caught.value.status_code == 502
    assert len(httpserver.log) == 4


@real_data
def test_truncated_body_is_malformed(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data(
        body(RECORDS[0])[:300], content_type="application/json"
    )
    with client(httpserver) as api, pytest.raises(MalformedRecord, match="not valid JSON"):
        api.fetch(NCT)


def test_body_that_is_not_a_study_is_malformed(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_json({"message": "ok"})
    with client(httpserver) as api, pytest.raises(MalformedRecord, match="not a complete study"):
        api.fetch(NCT)


def test_network_error_is_unavailable() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with (
        Client(
            "http://registry.invalid/api/v2",
            rate_limit=0,
            retries=1,
            transport=httpx.MockTransport(refuse),
        ) as api,
        pytest.raises(RegistryUnavailable, match="cannot reach"),
    ):
        api.fetch(NCT)


def _paged(server: HTTPServer, studies: list[dict[str, Any]], size: int) -> None:
    """Serve `studies` in pages of `size` chained by nextPageToken (built from real records)."""

    def handler(request: Request) -> Response:
        token = request.args.get("pageToken")
        start = int(token) if token else 0
        assert request.args["pageSize"] == str(size)
        assert request.args["query.cond"] == "diabetes"  # the first page's parameters, repeated
        page: dict[str, Any] = {"studies": studies[start : start + size]}
        if start + size < len(studies):
            page["nextPageToken"] = str(start + size)
        if not token:
            page["totalCount"] = len(studies)
        return Response(json.dumps(page), content_type="application/json")

    server.expect_request("/api/v2/studies").respond_with_handler(handler)


@real_data
def test_search_pages_through(httpserver: HTTPServer) -> None:
    studies = [json.loads(p.read_bytes()) for p in RECORDS[:25]]
    _paged(httpserver, studies, 10)
    with client(httpserver) as api:
        found = [s.nct_id for s in api.search(condition="diabetes", page_size=10)]
    assert found == [p.stem for p in RECORDS[:25]]
    assert len(httpserver.log) == 3  # ceil(25 / 10)
    assert httpserver.log[0][0].args["countTotal"] == "true"


@real_data
def test_search_limit_stops_early(httpserver: HTTPServer) -> None:
    studies = [json.loads(p.read_bytes()) for p in RECORDS[:25]]
    _paged(httpserver, studies, 10)
    with client(httpserver) as api:
        found = list(api.search(condition="diabetes", page_size=10, limit=12))
    assert len(found) == 12
    assert len(httpserver.log) == 2


@real_data
def test_search_never_yields_a_study_twice(httpserver: HTTPServer) -> None:
    studies = [json.loads(p.read_bytes()) for p in RECORDS[:6]]
    _paged(httpserver, studies + studies[:3], 3)
    with client(httpserver) as api:
        found = [s.nct_id for s in api.search(condition="diabetes", page_size=3)]
    assert found == [p.stem for p in RECORDS[:6]]


@real_data
def test_search_real_api_page_and_empty_page(httpserver: HTTPServer) -> None:
    page = json.loads(PAGES[0].read_bytes())
    page.pop("nextPageToken", None)
    httpserver.expect_ordered_request("/api/v2/studies").respond_with_json(
        {"studies": [], "nextPageToken": "x"}
    )
    httpserver.expect_ordered_request("/api/v2/studies").respond_with_json(page)
    with client(httpserver) as api:
        found = [
            s.nct_id for s in api.search("cancer", status="RECRUITING", phase=["PHASE2", "PHASE3"])
        ]
    expected = [s["protocolSection"]["identificationModule"]["nctId"] for s in page["studies"]]
    assert found == expected
    first = httpserver.log[0][0]
    assert first.args["query.term"] == "cancer"
    assert first.args["filter.overallStatus"] == "RECRUITING"
    assert first.args["filter.advanced"] == "AREA[Phase](PHASE2 OR PHASE3)"


def test_page_size_over_the_api_limit_is_refused_before_any_request() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"studies": []})

    with (
        Client(
            "http://registry.test/api/v2", rate_limit=0, transport=httpx.MockTransport(answer)
        ) as api,
        pytest.raises(InvalidSearch, match="from 1 to 1000"),
    ):
        api.search("x", page_size=5000)
    assert seen == []


@real_data
def test_cache_saves_requests(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data(
        body(RECORDS[0]), content_type="application/json"
    )
    for _ in range(3):
        with client(httpserver, cache_dir=tmp_path) as api:
            assert api.fetch(NCT).nct_id == NCT
    assert len(httpserver.log) == 1
    assert not list(tmp_path.glob(".*.part"))


@real_data
def test_rate_limit_spaces_requests(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data(
        body(RECORDS[0]), content_type="application/json"
    )
    with Client(httpserver.url_for("/api/v2"), rate_limit=20) as api:
        slots = [api._core.reserve_slot() for _ in range(5)]
    # five requests at 20/s: each waits 0.05 s longer than the one before
    assert slots[-1] == pytest.approx(0.2, abs=0.02)


@real_data
def test_async_twin(httpserver: HTTPServer) -> None:
    for record in RECORDS[:3]:
        httpserver.expect_request(f"/api/v2/studies/{record.stem}").respond_with_data(
            body(record), content_type="application/json"
        )
    studies = [json.loads(p.read_bytes()) for p in RECORDS[:5]]
    _paged(httpserver, studies, 2)

    async def run() -> tuple[list[str | None], list[str | None]]:
        async with AsyncClient(httpserver.url_for("/api/v2"), rate_limit=0) as api:
            fetched = await asyncio.gather(*(api.fetch(r.stem) for r in RECORDS[:3]))
            found = [s.nct_id async for s in api.search(condition="diabetes", page_size=2)]
        return [s.nct_id for s in fetched], found

    fetched, found = asyncio.run(run())
    assert fetched == [r.stem for r in RECORDS[:3]]
    assert found == [r.stem for r in RECORDS[:5]]


def test_async_404(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/api/v2/studies/NCT99999999").respond_with_data("", status=404)

    async def run() -> None:
        async with AsyncClient(httpserver.url_for("/api/v2"), rate_limit=0) as api:
            await api.fetch("NCT99999999")

    with pytest.raises(StudyNotFound):
        asyncio.run(run())


@real_data
def test_fetch_study_uses_the_environment(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data(
        body(RECORDS[0]), content_type="application/json"
    )
    monkeypatch.setenv("TRIALPARSE_BASE_URL", httpserver.url_for("/api/v2"))
    assert fetch_study(NCT, rate_limit=0).nct_id == NCT


def _cli(server: HTTPServer, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRIALPARSE_BASE_URL": server.url_for("/api/v2")}
    return subprocess.run(
        [sys.executable, "-m", "trialparse", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@real_data
def test_cli_fetch(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data(
        body(RECORDS[0]), content_type="application/json"
    )
    result = _cli(httpserver, "fetch", NCT)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["nct_id"] == NCT


def test_cli_fetch_missing_study(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/api/v2/studies/NCT99999999").respond_with_data("", status=404)
    result = _cli(httpserver, "fetch", "NCT99999999")
    assert result.returncode == 2
    url = httpserver.url_for("/api/v2/studies/NCT99999999")
    assert result.stderr.strip().splitlines() == [
        f"trialparse: NCT99999999: no such study in the registry (HTTP 404 from {url}; "
        "the answer was empty: is a proxy in the way?)"
    ]


def test_cli_fetch_unavailable_prints_one_line(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/api/v2/studies/NCT99999999").respond_with_data("", status=503)
    result = _cli(httpserver, "fetch", "NCT99999999")
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@real_data
def test_cli_search(httpserver: HTTPServer) -> None:
    studies = [json.loads(p.read_bytes()) for p in RECORDS[:4]]
    _paged(httpserver, studies, 100)
    result = _cli(httpserver, "search", "--condition", "diabetes", "--limit", "3")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["nct_id"] for line in result.stdout.splitlines()] == [
        p.stem for p in RECORDS[:3]
    ]


@pytest.mark.live
def test_live_fetch() -> None:
    try:
        httpx.get("https://clinicaltrials.gov/api/v2/version", timeout=3.0)
    except httpx.HTTPError as exc:
        pytest.skip(f"ClinicalTrials.gov cannot be reached from here: {type(exc).__name__}")
    study = fetch_study("NCT06352281", timeout=10.0)
    assert study.nct_id == "NCT06352281"


def test_other_4xx_is_not_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/api/v2/studies").respond_with_data(
        "Invalid field name: foo", status=400
    )
    with client(httpserver) as api, pytest.raises(FetchError) as caught:
        list(api.search("x", fields=["foo"]))
    assert type(caught.value) is FetchError
    assert caught.value.status_code == 400
    assert "Invalid field name: foo" in caught.value.message
    assert len(httpserver.log) == 1


@real_data
def test_timeout_is_retried_then_unavailable(httpserver: HTTPServer) -> None:
    calls: list[float] = []

    def slow(request: Request) -> Response:
        calls.append(time.monotonic())
        time.sleep(0.3)
        return Response(body(RECORDS[0]), content_type="application/json")

    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_handler(slow)
    with (
        client(httpserver, timeout=0.05, retries=1) as api,
        pytest.raises(RegistryUnavailable) as caught,
    ):
        api.fetch(NCT)
    assert "Timeout" in caught.value.message
    assert caught.value.record_id == NCT
    time.sleep(0.7)  # the one-threaded server answers both before the next test uses it
    assert len(calls) == 2


@real_data
def test_cache_entries_expire(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data(
        body(RECORDS[0]), content_type="application/json"
    )
    for _ in range(2):
        with client(httpserver, cache_dir=tmp_path, cache_ttl=0) as api:
            assert api.fetch(NCT).nct_id == NCT
    assert len(httpserver.log) == 2


@real_data
def test_async_rate_limit_holds_across_concurrent_tasks(httpserver: HTTPServer) -> None:
    arrivals: list[float] = []

    def stamp(request: Request) -> Response:
        arrivals.append(time.monotonic())
        return Response(body(RECORDS[0]), content_type="application/json")

    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_handler(stamp)

    async def run() -> None:
        async with AsyncClient(httpserver.url_for("/api/v2"), rate_limit=10) as api:
            await asyncio.gather(*(api.fetch(NCT) for _ in range(4)))

    asyncio.run(run())
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert len(arrivals) == 4
    # 10 requests/s: the four concurrent fetches arrive about 0.1 s apart, none together
    assert min(gaps) > 0.07


@real_data
def test_broken_study_in_a_page_is_a_parse_error(httpserver: HTTPServer) -> None:
    good = json.loads(body(RECORDS[0]))
    page = {"studies": [good, {"protocolSection": ["not", "an", "object"]}]}
    httpserver.expect_request("/api/v2/studies").respond_with_json(page)
    with client(httpserver) as api:
        found = api.search("x")
        assert next(found).nct_id == NCT
        with pytest.raises(MalformedRecord) as caught:
            next(found)
    assert caught.value.location == "$.protocolSection"
