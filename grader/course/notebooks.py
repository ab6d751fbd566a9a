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

In another language (``grader.i18n``) the build takes each cell's text from the translation
``notebooks/<language>/<assignment>.py`` (``grader.i18n.notebooks``) and the self-check's
message table from the gettext catalogue; the structure, the code and every piece of nbgrader
metadata still come from the English file, so both languages grade the same.
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import nbformat

from grader.contract import exercises
from grader.errors import CourseError
from grader.i18n import SOURCE_LANGUAGE, TranslationError, check_language, translations
from grader.i18n import notebooks as translated
from grader.i18n.message_table import translate_table
from grader.utils import HIDDEN_PREFIX, write_text_atomically

ROLES = ("setup", "solution", "visible", "hidden")
PER_FUNCTION_ROLES = ("solution", "visible", "hidden")
# Notebook metadata naming the language a notebook was built in (LocaliseNotebook reads it).
LANGUAGE_KEY = "jacobians"
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


def _included(text_path: Path, include: str, language: str, where: str) -> str:
    """The text of ``include`` (relative to ``notebooks/``), its message table in ``language``."""
    included = text_path.parent / include
    if not included.is_file():
        raise NotebookError(f"{where}: include={include!r} names no file under {text_path.parent}")
    text = included.read_text(encoding="utf-8").strip("\n")
    return text if language == SOURCE_LANGUAGE else translate_table(text, translations(language).gettext)


def _sources(text_path: Path, text_nb, language: str) -> list[str]:
    """Each cell's text in ``language`` (English: the file's own)."""
    if language == SOURCE_LANGUAGE:
        return [cell.source for cell in text_nb.cells]
    try:
        return translated.translated_sources(text_path, language)
    except TranslationError as error:
        raise NotebookError(f"{text_path} in {language!r}: {error} (python -m grader i18n status lists them all)") from None


def build_notebook(text_path: Path, language: str = SOURCE_LANGUAGE) -> nbformat.NotebookNode:
    """Read ``notebooks/<assignment>.py`` and return the nbgrader source notebook in ``language``."""
    assignment = text_path.stem
    wanted = {e.name: e for e in exercises.for_assignment(assignment)}
    text_nb = jupytext.read(text_path, fmt="py:percent")
    sources = _sources(text_path, text_nb, check_language(language, "the build's language"))
    seen: dict[tuple[str, str], int] = {}
    cells = []
    for index, cell in enumerate(text_nb.cells):
        role = cell.metadata.pop("role", None)
        function = cell.metadata.pop("function", None)
        where = f"{text_path}: cell {index + 1}"
        source = sources[index]
        include = cell.metadata.pop("include", None)
        if include is not None:
            source = source.rstrip("\n") + "\n\n\n" + _included(text_path, include, language, where)
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
    if language != SOURCE_LANGUAGE:  # English notebooks carry no mark (the committed source/ stays as it was)
        nb.metadata[LANGUAGE_KEY] = {"language": language}
    nbformat.validate(nb)
    return nb


def language_of(nb: nbformat.NotebookNode) -> str:
    """The language a built notebook is written in."""
    return nb.metadata.get(LANGUAGE_KEY, {}).get("language", SOURCE_LANGUAGE)


def render(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def build_all(course_root: Path, language: str = SOURCE_LANGUAGE, notebooks_dir: Path | None = None) -> list[Path]:
    """Write ``source/<assignment>/<assignment>.ipynb`` in ``language`` for every ``notebooks/*.py``; return the paths.

    ``notebooks_dir``: where the texts are (default: the course's own ``notebooks/``).
    """
    written = []
    for text_path in sorted((notebooks_dir or course_root / "notebooks").glob("*.py")):
        target = course_root / "source" / text_path.stem / f"{text_path.stem}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(target, render(build_notebook(text_path, language)))
        written.append(target)
    return written
