"""The course language (nbgrader_config.py) and each student's feedback language (roster.csv)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from traitlets import Unicode, default, validate
from traitlets.config import LoggingConfigurable

from grader.i18n import ENV_VAR, N_, LanguageError, _, check_language, environment_language, use_language

ROSTER_COLUMNS = ("student_id", "language")


class CourseLanguage(LoggingConfigurable):
    """``c.CourseLanguage.language``: what the notebooks, feedback and instructor tools speak."""

    language = Unicode(help="course language: en or ko (default: $JACOBIANS_LANGUAGE, else en)").tag(config=True)
    roster = Unicode(
        "roster.csv",
        help="CSV at the course root with columns student_id,language: a student listed there reads "
        "feedback in that language instead of the course language",
    ).tag(config=True)

    @default("language")
    def _environment(self):
        return environment_language()

    @validate("language")
    def _known(self, proposal):
        return check_language(proposal.value, f"c.CourseLanguage.language (nbgrader_config.py, or ${ENV_VAR})")

    def for_student(self, student_id: str, course_root: Path) -> str:
        """The student's feedback language: their roster line's, else the course language."""
        return read_roster(Path(course_root) / self.roster).get(student_id, self.language)


def read_roster(path: Path) -> dict[str, str]:
    """student_id -> language from a roster CSV ({} when the file does not exist).

    Raises LanguageError naming the file and line of a missing column or an unknown language.
    """
    if not path.is_file():
        return {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in ROSTER_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise LanguageError(f"{path}: the first line must name the columns {','.join(ROSTER_COLUMNS)} (missing {', '.join(missing)})")
        return {
            row["student_id"].strip(): check_language(row["language"].strip(), f"{path} line {reader.line_num}")
            for row in reader
            if row["student_id"] and row["student_id"].strip()
        }


def configured_language(course_root: Path) -> str:
    """The course language of the course at ``course_root`` (its nbgrader_config.py, else $JACOBIANS_LANGUAGE)."""
    from traitlets.config.loader import PyFileConfigLoader  # only the CLI needs to read a config file

    config_file = Path(course_root) / "nbgrader_config.py"
    if not config_file.is_file():
        return environment_language()
    return CourseLanguage(config=PyFileConfigLoader(config_file.name, path=str(config_file.parent)).load_config()).language


def feedback_language(step: LoggingConfigurable, resources: dict) -> str:
    """The language an nbgrader step (a preprocessor) writes for the student of ``resources``."""
    from nbgrader.coursedir import CourseDirectory  # the preprocessors' config, only when one asks

    student = resources.get("nbgrader", {}).get("student") or ""
    return CourseLanguage(parent=step).for_student(student, Path(CourseDirectory(parent=step).root))


CODE_STUB_MESSAGE = N_("not implemented yet: replace this line with your code")


def code_stub(language: str) -> str:
    """What students see in place of each solution region, in ``language`` (``c.ClearSolutions.code_stub``)."""
    with use_language(language):
        return f'# YOUR CODE HERE\nraise NotImplementedError("{_(CODE_STUB_MESSAGE)}")'


def environment_language_or_stop() -> str:
    """The course language for ``nbgrader_config.py``: ``JACOBIANS_LANGUAGE`` (unset or empty: English).

    An unknown value stops the command (SystemExit, status 2) with a line naming the variable:
    traitlets reports an exception raised in a config file and carries on without the course's
    configuration, which would release and grade with nbgrader's defaults.
    """
    try:
        return environment_language()
    except LanguageError as error:
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(2) from None
