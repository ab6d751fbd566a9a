"""Test session set-up: Jupyter dirs inside the project; markers by folder.

tests/unit/ are the pure layers (seconds); tests/pipeline/ run the real nbgrader pipeline and
tests/services/ need a service (Postgres, the exchange, a browser): both are marked ``slow``, so
``python -m pytest -m "not slow"`` runs the unit tests alone.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

from grader.course.jupyter_env import use_project_dirs
from tests.helpers import PROJECT

use_project_dirs(PROJECT)
# Tests run the course in English unless a test asks for another language (monkeypatch.setenv).
os.environ.pop("JACOBIANS_LANGUAGE", None)
# nbgrader 0.9.6's gradebook code trips SQLAlchemy 2 autoflush warnings that mean nothing here.
warnings.filterwarnings("ignore", module="nbgrader")

SLOW_FOLDERS = {"pipeline", "services"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FOLDERS & set(Path(item.fspath).relative_to(PROJECT / "tests").parts[:-1]):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT
