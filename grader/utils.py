"""Shared helpers: predicates on nbgrader cells (nbgrader's own ``is_grade``, ``is_solution`` ...
underneath), and how a command writes a file so that a failure never leaves it truncated.

How the course marks a hidden test cell: an autograded code cell with grade_id ``hidden_<function>``.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from nbgrader.utils import is_grade

from grader.contract import exercises
from grader.contract.exercises import Exercise

HIDDEN_PREFIX = "hidden_"


def grade_id_of(cell) -> str | None:
    """The nbgrader grade_id of a cell (None for a cell nbgrader does not know)."""
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def exercise_of(cell) -> Exercise | None:
    """The exercise a hidden test cell grades, or None for any other cell."""
    grade_id = grade_id_of(cell) or ""
    if cell.cell_type != "code" or not is_grade(cell) or not grade_id.startswith(HIDDEN_PREFIX):
        return None
    return exercises.BY_NAME.get(grade_id[len(HIDDEN_PREFIX):])


def is_instructor_code(cell) -> bool:
    """A locked code cell that is neither a solution nor a test (a setup cell, once RestoreCells has put it back)."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and bool(meta.get("locked")) and not meta.get("solution") and not meta.get("grade")
@contextmanager
def replaced_atomically(path, binary: bool = False, newline: str | None = None):
    """A file handle to write ``path``'s new content into; the content replaces ``path`` only once complete.

    Written to a temporary name beside ``path``, then renamed over it (``os.replace``, atomic
    within one file system): a reader sees the old file or the new one, never a truncated one.
    Text is UTF-8, whatever the machine's locale. On an error the temporary file is removed
    and ``path`` is left as it was.
    """
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with open(handle, "wb") if binary else open(handle, "w", encoding="utf-8", newline=newline) as stream:
            yield stream
        # mkstemp's 0600 would hide a new report or grades.csv from the course's group; a replaced file keeps its mode.
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def write_text_atomically(path, text: str) -> None:
    """``Path.write_text`` in UTF-8, replacing ``path`` only with the whole text."""
    with replaced_atomically(path) as stream:
        stream.write(text)
