"""The course's own errors: one base class, so that a user's mistake is told apart from a bug.

The CLI prints a ``CourseError`` as one line (``error: ...``, exit status 2); anything
else is a bug in the course and keeps its traceback.
"""

from __future__ import annotations


class CourseError(Exception):
    """A problem the user can fix, said so that they know what to do."""

    def __str__(self) -> str:
        # The message as given, also for subclasses of KeyError (whose str() would quote it).
        return str(self.args[0]) if self.args else ""


class UnknownName(CourseError, KeyError):
    """An assignment, exercise or student the course does not have (a KeyError too, for lookups)."""


class NoCourse(CourseError):
    """The directory holds no course (no nbgrader_config.py)."""


class NothingGraded(CourseError):
    """A step needs graded submissions and there are none yet."""


class NotReleased(CourseError):
    """An assignment has submissions but nbgrader has not recorded it: it was never released."""
