"""Release a notebook in the course language, whatever language its source/ copy was built in."""

from __future__ import annotations

from pathlib import Path

from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor

from grader.course.course import PROJECT_ROOT
from grader.course.notebooks import LANGUAGE_KEY, build_notebook, language_of
from grader.i18n import TranslationError
from grader.i18n.course_language import CourseLanguage


class LocaliseNotebook(NbGraderPreprocessor):
    """First step of ``nbgrader generate_assignment``: rebuild the notebook from its text in the course language.

    A preprocessor of the course layer (not ``grader.preprocessors``): it runs the notebook build.

    The committed source/ is English; with ``c.CourseLanguage.language = "ko"`` (or
    ``JACOBIANS_LANGUAGE=ko``) a plain ``nbgrader generate_assignment`` then releases the
    Korean notebook. The text is ``notebooks/<notebook>.py`` of the course, else of this
    project. Only cell texts change: the rebuilt notebook must have the same cells, ids and
    nbgrader metadata, or the step fails.
    """

    def preprocess(self, nb, resources):
        language = CourseLanguage(parent=self).language
        if language_of(nb) == language:
            return nb, resources
        name = f"{resources['nbgrader']['notebook']}.py"
        root = Path(CourseDirectory(parent=self).root)
        text_path = next((d / name for d in (root / "notebooks", PROJECT_ROOT / "notebooks") if (d / name).is_file()), None)
        if text_path is None:
            raise TranslationError(f"no notebooks/{name} in {root} or {PROJECT_ROOT}: cannot release it in {language!r}")
        localised = build_notebook(text_path, language)
        pairs = list(zip(nb.cells, localised.cells))
        if len(nb.cells) != len(localised.cells) or any(
            (a.id, a.cell_type, a.metadata.get("nbgrader")) != (b.id, b.cell_type, b.metadata.get("nbgrader")) for a, b in pairs
        ):
            raise TranslationError(f"{text_path} no longer builds the cells of this source notebook: run python -m grader build")
        for cell, new in pairs:
            cell.source = new.source
        nb.metadata.pop(LANGUAGE_KEY, None)
        if LANGUAGE_KEY in localised.metadata:
            nb.metadata[LANGUAGE_KEY] = localised.metadata[LANGUAGE_KEY]
        return nb, resources
