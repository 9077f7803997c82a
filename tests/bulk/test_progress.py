"""Progress of a batch: a plain line with rate and ETA on a terminal without `rich`."""

from __future__ import annotations

import importlib
import io
from pathlib import Path
from typing import Any

import pytest

from trialparse.bulk import _run as bulk_run
from trialparse.bulk import run_batch
from trialparse.bulk._run import BatchSummary, progress_text

from .conftest import Planted


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_text_gives_rate_and_eta() -> None:
    summary = BatchSummary(read=1000, failed=3)
    text = progress_text(summary, 580_000, 2.0)
    assert text == "1,000 of 580,000 (0%), failed 3, 500 records/s, ETA 19:18"
    assert progress_text(summary, 5_800_000, 2.0).endswith(", ETA 3:13:18")
    assert progress_text(summary, None, 4.0) == "1,000, failed 3, 250 records/s"


@pytest.mark.real_data
def test_plain_line_on_a_terminal_without_rich(
    planted_zip: Planted, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = importlib.import_module

    def no_rich(name: str, *args: Any) -> Any:
        if name.startswith("rich"):
            raise ModuleNotFoundError(name)
        return real_import(name, *args)

    terminal = Terminal()
    monkeypatch.setattr(bulk_run.importlib, "import_module", no_rich)
    monkeypatch.setattr(bulk_run.sys, "stderr", terminal)
    monkeypatch.setattr(bulk_run, "_DRAW_EVERY_SECONDS", 0.0)
    summary = run_batch(planted_zip.path, tmp_path / "out", chunk_size=4)
    assert summary.read == 23
    drawn = terminal.getvalue()
    lines = [part for part in drawn.split("\r\x1b[K") if part]
    assert lines, drawn
    assert all(line.startswith("trialparse batch: ") for line in lines)
    assert "of 23 (" in lines[-1]
    assert "records/s, ETA " in lines[-1]
    assert drawn.endswith("\r\x1b[K")  # the line is cleared when the batch ends
