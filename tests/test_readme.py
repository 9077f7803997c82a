"""The README starts with the two commands, and `.ci/run` runs the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)[:2]


def test_readme_starts_with_install_and_test_commands() -> None:
    main_job, tests = _commands()
    assert "pip install ." in main_job
    assert "trialparse parse fixtures/" in main_job
    record = main_job.split("trialparse parse ", 1)[1].strip()
    assert (ROOT / record).is_file()
    assert ".[test" in tests
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command() -> None:
    _, tests = _commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()


def _examples(text: str) -> list[str]:
    """The Python examples of a Markdown file that use the in-memory conveniences."""
    blocks = re.findall(r"```python\n(.*?)\n```", text, flags=re.S)
    return [block for block in blocks if "iter_studies" in block or "to_tables" in block]


def _run_example(block: str) -> int:
    """Run an example line by line; `expression  # value` lines must give that value.

    Returns the number of values checked.
    """
    import ast
    import datetime
    import os

    namespace: dict[str, object] = {}
    checked = 0
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        for line in block.splitlines():
            code, _, comment = line.partition("  # ")
            code, comment = code.strip(), comment.strip()
            if not code:
                continue
            if isinstance(ast.parse(code).body[0], ast.Assign) or not comment:
                exec(code, namespace)
                continue
            if comment.startswith("Study("):  # a repr, compared as text
                assert repr(eval(code, namespace)) == comment, code
                checked += 1
                continue
            try:
                expected = ast.literal_eval(comment) if "datetime" not in comment else eval(
                    comment, {"datetime": datetime}
                )
            except (ValueError, SyntaxError):  # a remark, not a value
                exec(code, namespace)
                continue
            assert eval(code, namespace) == expected, code
            checked += 1
    finally:
        os.chdir(cwd)
    return checked


def test_readme_and_docs_examples_of_the_conveniences_run() -> None:
    checked = 0
    for doc in ("README.md", "docs/tables.md"):
        examples = _examples((ROOT / doc).read_text(encoding="utf-8"))
        assert examples, doc
        checked += sum(_run_example(block) for block in examples)
    assert checked >= 6
