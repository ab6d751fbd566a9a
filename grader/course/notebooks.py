"""Build nbgrader source notebooks from their text form in ``notebooks/``.

Notebooks are written and reviewed as jupytext percent-format files
(``notebooks/ps1_unary.py``): plain Python with ``# %%`` cell markers, so diffs
read like code. A cell's role is one short header, for example::

    # %% role="solution" function="jacobian_sigmoid"

and the build turns it into nbgrader's metadata (grade ids, points from
``grader.contract.exercises``, locks). Roles:

- ``setup``: read-only code (imports, helpers the visible tests use);
- ``solution``: the student's answer, with ``### BEGIN/END SOLUTION``;
- ``visible``: read-only tests a student runs to self-check;
- ``hidden``: the autograded test of ``function``, worth its points.

Every function of the assignment must have exactly one cell of each of the last
three roles; the build fails with a message naming what is missing.

A cell may add ``include="shared/self_check.py"``: the build appends that file
(relative to ``notebooks/``) to the cell, so the self-check helpers every
notebook's setup cell carries are written once.

Visible test cells are tagged ``raises-exception``: a failing self-check shows
its message and "Run All" goes on to the next exercise instead of stopping.
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import nbformat

from grader.contract import exercises
from grader.errors import CourseError
from grader.utils import HIDDEN_PREFIX

ROLES = ("setup", "solution", "visible", "hidden")
PER_FUNCTION_ROLES = ("solution", "visible", "hidden")
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


class NotebookError(CourseError, ValueError):
    """A notebook text that cannot become a valid course notebook."""


def _nbgrader_metadata(role: str, grade_id: str, points: float | None = None) -> dict:
    meta = {
        "grade": role == "hidden",
        "grade_id": grade_id,
        "locked": role != "solution",
        "schema_version": 3,
        "solution": role == "solution",
        "task": False,
    }
    if points is not None:
        meta["points"] = points
    return meta


def _cell_id(grade_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", grade_id)[:64]


def build_notebook(text_path: Path) -> nbformat.NotebookNode:
    """Read ``notebooks/<assignment>.py`` and return the nbgrader source notebook."""
    assignment = text_path.stem
    wanted = {e.name: e for e in exercises.for_assignment(assignment)}
    text_nb = jupytext.read(text_path, fmt="py:percent")
    seen: dict[tuple[str, str], int] = {}
    cells = []
    for index, cell in enumerate(text_nb.cells):
        role = cell.metadata.pop("role", None)
        function = cell.metadata.pop("function", None)
        where = f"{text_path}: cell {index + 1}"
        source = cell.source
        include = cell.metadata.pop("include", None)
        if include is not None:
            included = text_path.parent / include
            if not included.is_file():
                raise NotebookError(f"{where}: include={include!r} names no file under {text_path.parent}")
            source = source.rstrip("\n") + "\n\n\n" + included.read_text().strip("\n")
        if role is None:
            new = (nbformat.v4.new_markdown_cell if cell.cell_type == "markdown" else nbformat.v4.new_code_cell)(source)
            new.id = f"cell-{index + 1}"
            cells.append(new)
            continue
        if role not in ROLES:
            raise NotebookError(f"{where}: unknown role {role!r}; use one of {', '.join(ROLES)}")
        if role == "setup":
            grade_id, points = f"setup_{index + 1}", None
        else:
            if function not in wanted:
                raise NotebookError(f"{where}: role {role!r} needs function=\"<name>\" naming one of {', '.join(wanted)}")
            seen[(role, function)] = seen.get((role, function), 0) + 1
            grade_id = {"solution": function, "visible": f"visible_{function}", "hidden": f"{HIDDEN_PREFIX}{function}"}[role]
            points = wanted[function].points if role == "hidden" else None
            if role == "hidden" and f'grade_hidden("{function}")' not in source:
                raise NotebookError(f'{where}: a hidden test cell must call grade_hidden("{function}")')
        new = nbformat.v4.new_code_cell(source)
        new.id = _cell_id(grade_id)
        new.metadata["nbgrader"] = _nbgrader_metadata(role, grade_id, points)
        if role == "visible":
            new.metadata["tags"] = ["raises-exception"]
        cells.append(new)
    problems = [
        f"{count} {role} cells for {function}" if count > 1 else ""
        for (role, function), count in seen.items()
    ] + [
        f"no {role} cell for {function}" for function in wanted for role in PER_FUNCTION_ROLES if (role, function) not in seen
    ]
    problems = [p for p in problems if p]
    if problems:
        raise NotebookError(f"{text_path}: " + "; ".join(problems))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    nbformat.validate(nb)
    return nb


def render(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def build_all(course_root: Path) -> list[Path]:
    """Write ``source/<assignment>/<assignment>.ipynb`` for every ``notebooks/*.py``; return the paths."""
    written = []
    for text_path in sorted((course_root / "notebooks").glob("*.py")):
        target = course_root / "source" / text_path.stem / f"{text_path.stem}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(build_notebook(text_path)))
        written.append(target)
    return written
