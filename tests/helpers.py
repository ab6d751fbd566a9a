"""Shared test helpers: the project root and a fresh, released copy of the course.

Imported by test modules as ``from tests.helpers import PROJECT, copy_course``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from grader.course.course import CONFIG_FILE, Course

PROJECT = Path(__file__).resolve().parents[1]


def copy_course(target: Path, assignments: list[str] | None = None) -> Course:
    """A fresh course at ``target``: the project's config and source notebooks, released there."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(PROJECT / CONFIG_FILE, target / CONFIG_FILE)
    shutil.copytree(PROJECT / "source", target / "source")
    course = Course(target)
    for assignment in assignments or course.assignments():
        outcome = course.release(assignment)
        assert outcome.ok, outcome.summary()
    return course
