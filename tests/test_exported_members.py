"""The public surface is what DESIGN.md promises: an export added or lost fails here."""

from __future__ import annotations

import trialparse
import trialparse.errors


def test_all_names_resolve() -> None:
    for name in trialparse.__all__:
        assert hasattr(trialparse, name), name


def test_contract_names_are_exported() -> None:
    contract = {
        "parse_record",
        "iter_studies",
        "to_tables",
        "Study",
        "TrialParseError",
        "UnknownFormat",
        "MalformedRecord",
        "UnsafeInput",
        "FetchError",
        "InvalidNctId",
        "InvalidSearch",
        "StudyNotFound",
        "RateLimited",
        "RegistryUnavailable",
        "PartialDate",
        "Age",
        "Criterion",
        "OverallStatus",
        "Phase",
    }
    assert contract <= set(trialparse.__all__)


def test_private_modules_are_not_exported() -> None:
    assert not [
        name for name in trialparse.__all__ if name.startswith("_") and name != "__version__"
    ]


def test_error_tree() -> None:
    errors = trialparse.errors
    for name in ("UnknownFormat", "MalformedRecord", "UnsafeInput", "FetchError"):
        assert issubclass(getattr(errors, name), errors.TrialParseError)
    for name in ("InvalidNctId", "InvalidSearch", "StudyNotFound", "RateLimited", "RegistryUnavailable"):
        assert issubclass(getattr(errors, name), errors.FetchError)


def test_conveniences_have_the_contract_signatures() -> None:
    import inspect

    iter_params = inspect.signature(trialparse.iter_studies).parameters
    assert next(iter(iter_params)) == "source"
    tables = inspect.signature(trialparse.to_tables).parameters
    assert list(tables)[:3] == ["studies", "backend", "normalise"]
    assert tables["backend"].kind is inspect.Parameter.KEYWORD_ONLY
    assert tables["backend"].default == "arrow"
    assert tables["normalise"].default is False
