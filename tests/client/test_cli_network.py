"""`trialparse fetch` and `search` as a user runs them: the real command in a subprocess.

Network failures name the URL and what to check and exit 3 (not 2, a usage error); retries
show as a line each with `--verbose` or on a terminal; search arguments are checked before any
request; `--base-url` and `--cache-dir` work without the environment. Served studies are real
v2 records from the shared fixtures.
"""

from __future__ import annotations

import os
import pty
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.realdata import real, real_data

pytestmark = real_data

NCT = "NCT04930887"


def run(*args: str, stderr: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TRIALPARSE_BASE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "trialparse", *args],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_registry_exits_3_naming_the_url_and_what_to_check() -> None:
    base = f"http://127.0.0.1:{closed_port()}/api/v2"
    result = run("fetch", NCT, "--base-url", base, "--retries", "0")
    assert result.returncode == 3
    [line] = result.stderr.splitlines()
    assert line.startswith(f"trialparse: {NCT}: cannot reach the registry at {base}/studies/{NCT}")
    assert "TRIALPARSE_BASE_URL" in line
    assert "HTTPS_PROXY" in line
    assert "stamina" not in result.stderr


def test_verbose_shows_each_retry(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data("busy", status=503)
    base = httpserver.url_for("/api/v2")
    result = run("fetch", NCT, "--base-url", base, "--retries", "2", "--verbose")
    lines = result.stderr.splitlines()
    assert result.returncode == 3
    assert [line.split(" in ")[0] for line in lines[:2]] == [
        f"trialparse: retry 1 of 2 for {base}/studies/{NCT}",
        f"trialparse: retry 2 of 2 for {base}/studies/{NCT}",
    ]
    assert lines[2] == f"trialparse: {NCT}: the registry answered HTTP 503 at {base}/studies/{NCT}"
    assert len(lines) == 3


def test_retries_show_on_a_terminal(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data("busy", status=503)
    base = httpserver.url_for("/api/v2")
    leader, follower = pty.openpty()
    try:
        result = run("fetch", NCT, "--base-url", base, "--retries", "1", stderr=follower)
        os.close(follower)
        follower = -1
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal is closed once everything is read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        if follower >= 0:
            os.close(follower)
        os.close(leader)
    lines = shown.decode().splitlines()
    assert result.returncode == 3
    assert lines[0].startswith(f"trialparse: retry 1 of 1 for {base}/studies/{NCT} in ")
    assert len(lines) == 2


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (["--status", "recruitin"], "status 'recruitin' is not one the registry knows"),
        (["--page-size", "5000"], "page size 5000 is not a whole number from 1 to 1000"),
        (["--limit", "-1"], "limit -1 is not a whole number of studies"),
        (["--phase", "PHASE9"], "phase 'PHASE9' is not one the registry knows"),
    ],
)
def test_search_arguments_are_checked_before_any_request(
    httpserver: HTTPServer, arguments: list[str], says: str
) -> None:
    result = run("search", "--query", "x", "--base-url", httpserver.url_for("/api/v2"), *arguments)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert says in line
    assert httpserver.log == []


def test_base_url_and_cache_dir_options(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request(f"/api/v2/studies/{NCT}").respond_with_data(
        real("ctgov_v2", f"{NCT}.json").read_bytes(), content_type="application/json"
    )
    base = httpserver.url_for("/api/v2")
    for _ in range(2):
        result = run("fetch", NCT, "--base-url", base, "--cache-dir", str(tmp_path))
        assert result.returncode == 0, result.stderr
    assert len(httpserver.log) == 1
    assert len(list(tmp_path.glob("*.json"))) == 1
    assert f'"path": "{base}/studies/{NCT}"' in result.stdout


def test_a_missing_study_is_not_a_network_failure(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/api/v2/studies/NCT99999999").respond_with_json(
        {"message": "no study"}, status=404
    )
    result = run("fetch", "NCT99999999", "--base-url", httpserver.url_for("/api/v2"))
    assert result.returncode == 2
    assert "proxy" not in result.stderr  # the registry's own 404 has a body
