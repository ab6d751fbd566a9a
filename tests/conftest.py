"""Shared fixtures: a temporary copy of the course, graded with the real nbgrader pipeline."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

from grader.course.course import CONFIG_FILE, Course
from grader.course.jupyter_env import use_project_dirs

PROJECT = Path(__file__).resolve().parents[1]
use_project_dirs(PROJECT)
# nbgrader 0.9.6's gradebook code trips SQLAlchemy 2 autoflush warnings that mean nothing here.
warnings.filterwarnings("ignore", module="nbgrader")


def copy_course(target: Path, assignments: list[str] | None = None) -> Course:
    """A fresh course at ``target``: the project's config and source notebooks, released there."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(PROJECT / CONFIG_FILE, target / CONFIG_FILE)
    shutil.copytree(PROJECT / "source", target / "source")
    course = Course(target)
    for assignment in assignments or course.assignments():
        outcome = course.release(assignment)
        assert outcome.ok, outcome.reason
    return course


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT
