"""How the integrity steps tell the instructor what they did: one warning line in nbgrader's log.

``grader.course.course`` collects these lines into the submission's ``Outcome.reason``.
"""

from __future__ import annotations

PREFIX = "integrity: "


def flag(log, resources, text: str) -> None:
    """Log ``integrity: <student>/<assignment>: <text>`` for the submission being graded."""
    who = resources.get("nbgrader", {})
    log.warning("%s%s/%s: %s", PREFIX, who.get("student", "?"), who.get("assignment", "?"), text)
