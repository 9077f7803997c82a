"""The package's one C extension; everything else is declared in pyproject.toml.

`trialparse.readers._nesting` is optional: where it cannot be compiled (no C compiler, no
Python headers) the package installs without it and does the same work in Python.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "trialparse.readers._nesting",
            ["src/trialparse/readers/_nesting.c"],
            optional=True,
        )
    ]
)
