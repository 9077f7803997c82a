"""The `trialparse` command (also `python -m trialparse`).

Exit codes: 0 all good, 1 some records failed, 2 usage or input error (one line on stderr),
3 the registry could not be reached or kept failing (`fetch`, `search`).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from ._api import parse_record
from ._version import __version__
from .errors import FetchError, InvalidNctId, InvalidSearch, StudyNotFound, TrialParseError
from .model.study import Study
from .readers.detect import FORMATS

if TYPE_CHECKING:
    from .client import Client

__all__ = ["main"]

EXIT_OK = 0
EXIT_RECORDS_FAILED = 1
EXIT_USAGE = 2
EXIT_NETWORK = 3
EXIT_INTERRUPTED = 130

Command = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors as exit 2 and one line on stderr."""

    def error(self, message: str) -> Any:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _fail(message: str) -> None:
    print(f"trialparse: {message}", file=sys.stderr)


def _write_json(obj: Any, *, indent: bool) -> None:
    option = orjson.OPT_INDENT_2 if indent else 0
    sys.stdout.write(orjson.dumps(obj, option=option).decode("utf-8") + "\n")


def study_output(study: Study, *, normalise: bool) -> dict[str, Any]:
    """The JSON-ready dict the CLI prints for a study (with its normalised values if asked)."""
    out = study.model_dump(mode="json")
    if normalise:
        from .normalise import normalise as run_normaliser

        out["normalised"] = run_normaliser(study).model_dump(mode="json")
    return out


def _not_a_record_file(name: str, path: Path) -> str | None:
    """Why `path` cannot be given to `parse` (None when it is a file to parse)."""
    if path.is_dir():
        return f"{name} is a folder: use `trialparse batch {name} --out DIR` for its records"
    if not path.is_file():
        return f"{name}: no such file"
    if path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        return f"{name} is a zip: use `trialparse batch {name} --out DIR` for its records"
    return None


def _cmd_parse(args: argparse.Namespace) -> int:
    failed = 0
    many = len(args.files) > 1
    for name in args.files:
        path = Path(name)
        data: Path | bytes = path
        if name == "-":
            data = sys.stdin.buffer.read()
        elif (problem := _not_a_record_file(name, path)) is not None:
            _fail(problem)
            failed += 1
            continue
        try:
            study = parse_record(data, format=args.format)
            out = study_output(study, normalise=args.normalise)
        except TrialParseError as exc:
            shown = "<stdin>" if name == "-" else name
            _fail(str(exc) if exc.record_id == str(path) else f"{shown}: {exc}")
            failed += 1
            continue
        _write_json(out, indent=not (many or args.compact))
    if failed:
        return EXIT_USAGE if failed == len(args.files) else EXIT_RECORDS_FAILED
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(Study.model_json_schema(), indent=2))
    return EXIT_OK


def _is_network(exc: TrialParseError) -> bool:
    """A failure to talk to the registry (not a wrong ID, search or missing study)."""
    return isinstance(exc, FetchError) and not isinstance(
        exc, (InvalidNctId, InvalidSearch, StudyNotFound)
    )


def _client(args: argparse.Namespace) -> Client:
    """The API client of `fetch` and `search`, retries shown as a line each on a terminal."""
    from .client import Client

    if args.verbose or sys.stderr.isatty():
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("trialparse: %(message)s"))
        logger = logging.getLogger("trialparse")
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    return Client(
        args.base_url, retries=args.retries, rate_limit=args.rate_limit, cache_dir=args.cache_dir
    )


def _cmd_fetch(args: argparse.Namespace) -> int:
    failed = network = 0
    with _client(args) as client:
        for nct_id in args.ids:
            try:
                if args.raw:
                    _write_json(client.fetch_raw(nct_id), indent=len(args.ids) == 1)
                else:
                    out = study_output(client.fetch(nct_id), normalise=args.normalise)
                    _write_json(out, indent=len(args.ids) == 1)
            except TrialParseError as exc:
                _fail(str(exc))
                failed += 1
                network += _is_network(exc)
    if failed == len(args.ids):
        return EXIT_NETWORK if network else EXIT_USAGE
    return EXIT_RECORDS_FAILED if failed else EXIT_OK


def _cmd_search(args: argparse.Namespace) -> int:
    with _client(args) as client:
        try:
            found = client.search(
                args.query,
                condition=args.condition,
                status=args.status,
                phase=args.phase,
                page_size=args.page_size,
                limit=args.limit,
            )
            for study in found:
                _write_json(study_output(study, normalise=args.normalise), indent=False)
        except TrialParseError as exc:
            _fail(str(exc))
            return EXIT_NETWORK if _is_network(exc) else EXIT_USAGE
    return EXIT_OK


def _add_client_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--rate-limit", type=float, default=1.0, help="requests per second (default 1)"
    )
    command.add_argument(
        "--base-url",
        help="the API's address (default $TRIALPARSE_BASE_URL or the ClinicalTrials.gov API v2)",
    )
    command.add_argument("--cache-dir", help="keep answers in this folder and reuse them for a day")
    command.add_argument(
        "--retries", type=int, default=3, help="retries of a failed request (default 3)"
    )
    command.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="log each retry on stderr (the default on a terminal)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the `trialparse` command, with every subcommand."""
    parser = _Parser(
        prog="trialparse",
        description="Clinical-trial registry records into one typed, normalised model.",
    )
    parser.add_argument("--version", action="version", version=f"trialparse {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    parse = commands.add_parser("parse", help="parse record files and print each Study as JSON")
    parse.add_argument("files", nargs="+", metavar="FILE", help="a record file; - reads stdin")
    parse.add_argument("--format", choices=FORMATS, help="force a reader instead of detecting")
    parse.add_argument(
        "--normalise", action="store_true", help="add the normalised values of the criteria"
    )
    parse.add_argument(
        "--compact",
        action="store_true",
        help="one JSON object per line (default for several files)",
    )
    parse.set_defaults(run=_cmd_parse)

    fetch = commands.add_parser("fetch", help="fetch studies by NCT ID from ClinicalTrials.gov")
    fetch.add_argument("ids", nargs="+", metavar="NCT")
    fetch.add_argument("--raw", action="store_true", help="print the registry's v2 JSON as it is")
    fetch.add_argument("--normalise", action="store_true", help="add the normalised values")
    _add_client_options(fetch)
    fetch.set_defaults(run=_cmd_fetch)

    search = commands.add_parser("search", help="search ClinicalTrials.gov; one Study per line")
    search.add_argument("--query", help="free text (query.term)")
    search.add_argument("--condition", help="condition or disease (query.cond)")
    search.add_argument("--status", action="append", help="overall status, e.g. RECRUITING")
    search.add_argument("--phase", action="append", help="phase, e.g. PHASE2")
    search.add_argument("--limit", type=int, help="stop after this many studies")
    search.add_argument("--page-size", type=int, default=100, help="studies per page (max 1000)")
    search.add_argument("--normalise", action="store_true", help="add the normalised values")
    _add_client_options(search)
    search.set_defaults(run=_cmd_search)

    schema = commands.add_parser("schema", help="print the JSON Schema of the Study model")
    schema.set_defaults(run=_cmd_schema)

    from .bulk._cli import add_cli_commands as add_bulk_commands

    add_bulk_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    run: Command = args.run
    # stamina logs each scheduled retry; the command reports only the final one-line error.
    logging.getLogger("stamina").setLevel(logging.ERROR)
    try:
        code = run(args)
    except TrialParseError as exc:
        _fail(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _fail("interrupted")
        code = EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    if code == EXIT_INTERRUPTED:
        _forget_interrupt()
    return code


def _forget_interrupt() -> None:
    """Exit with 130, not by SIGINT, after an interruption this command has handled.

    CPython 3.11 marks a KeyboardInterrupt that passed through `exec` of a string as unhandled
    even when it was caught (`dataclasses` builds methods that way, so Ctrl-C while a module
    that declares dataclasses is being imported, such as pint on first use, does it), and then
    ends the process by SIGINT instead of with the code `main` returns. `exec` of a string
    clears that mark.
    """
    exec("")


if __name__ == "__main__":
    sys.exit(main())
