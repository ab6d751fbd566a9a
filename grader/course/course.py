"""A course directory and nbgrader's own API over it, configured by its nbgrader_config.py."""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.apps import NbGraderAPI
from nbgrader.utils import chdir
from traitlets import import_item
from traitlets.config.loader import PyFileConfigLoader

from grader.contract import exercises
from grader.course import timestamps
from grader.errors import NoCourse, UnknownName
from grader.i18n import _
from grader.integrity import incidents
from grader.integrity.messages import Message, rendered
from grader.preprocessors.normalise_notebook import notebook_problem
from grader.sandbox.policy import handed_in_links

CONFIG_FILE = "nbgrader_config.py"
PROJECT_ROOT = Path(__file__).resolve().parents[2]

SUMMARY_LIMIT = 600  # characters of an outcome's one-line summary


@dataclass(frozen=True)
class Outcome:
    """What happened to one submission in one nbgrader step.

    ``error``: why the step failed ("" when ``ok``); ``flags``: what the integrity steps
    recorded on a graded submission (``grader.integrity.incidents``), in order. Each is English
    text, and those that are a ``grader.integrity.messages.Message`` are shown in the current language.
    """

    student: str
    assignment: str
    ok: bool
    error: str = ""
    flags: tuple[str, ...] = ()

    def summary(self) -> str:
        """The error and the flags on one line, in the current language, at most SUMMARY_LIMIT characters ("" when there is neither)."""
        text = "; ".join(rendered(part) for part in (self.error, *self.flags) if part)
        return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1] + "\u2026"


EXCEPTION_LINE = re.compile(r"^\s*([\w.]+(Error|Exception|Exit)\b.*)$")


def _first_error_line(result: dict) -> str:
    """The root cause in nbgrader's captured log: its first exception line that is not nbgrader's summary."""
    text = "\n".join(filter(None, (result.get("log"), result.get("error"))))
    causes = [m.group(1) for m in map(EXCEPTION_LINE.match, text.splitlines()) if m and "NbGraderException" not in m.group(1)]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return (causes or lines[-1:] or ["unknown error"])[0][:300]


class Course:
    """The course at ``root``: its config, nbgrader's API, and the gradebook."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        config_path = self.root / CONFIG_FILE
        if not config_path.is_file():
            raise NoCourse(_("no {config} in {root}: run from the course root or pass --course DIR").format(config=CONFIG_FILE, root=self.root))
        self.config = PyFileConfigLoader(CONFIG_FILE, path=str(self.root)).load_config()
        self.coursedir = timestamps.LenientCourseDirectory(config=self.config)
        self.api = NbGraderAPI(self.coursedir, config=self.config)

    @property
    def db_url(self) -> str:
        return self.coursedir.db_url

    def assignments(self) -> list[str]:
        """Assignments with a source folder, in course order."""
        present = {p.name for p in (self.root / "source").iterdir() if p.is_dir()} if (self.root / "source").is_dir() else set()
        return [a for a in exercises.ASSIGNMENTS if a in present]

    def check_assignment(self, assignment: str) -> str:
        if assignment not in self.assignments():
            raise UnknownName(_("unknown assignment {assignment!r}: this course has {assignments}").format(
                assignment=assignment, assignments=", ".join(self.assignments())))
        return assignment

    def nothing_graded(self) -> str:
        """What ``scores`` and ``report`` say when the gradebook holds no graded submission."""
        return _("nothing graded yet in {root}: run autograde first").format(root=self.root)

    def submitted_students(self, assignment: str) -> list[str]:
        submitted = self.root / "submitted"
        if not submitted.is_dir():
            return []
        return sorted(p.name for p in submitted.iterdir() if (p / assignment).is_dir())

    def release(self, assignment: str) -> Outcome:
        """``nbgrader generate_assignment``: source/ -> release/, and the gradebook's copy of the tests."""
        result = self._in_root(self.api.generate_assignment, self.check_assignment(assignment), force=True, create=True)
        return Outcome("", assignment, result["success"], "" if result["success"] else _first_error_line(result))

    def autograde(self, assignment: str, student: str, force: bool = True) -> Outcome:
        """Grade one submission: its error names what failed, its flags what the integrity steps recorded."""
        folder = self.coursedir.format_path(self.coursedir.submitted_directory, student, assignment)
        with self._copying_no_links(folder):
            result = self._in_root(self.api.autograde, assignment, student, force=force, create=True)
        stamp = timestamps.read(folder).problem
        late = (Message("timestamp/no_penalty", problem=stamp),) if stamp else ()
        if not result["success"]:
            self._record_zero(assignment, student)
            return Outcome(student, assignment, False, self._submission_problem(assignment, student) or _first_error_line(result), late)
        return Outcome(student, assignment, True, flags=late + tuple(incidents.flags(self._autograded_notebooks(assignment, student))))

    @contextmanager
    def _copying_no_links(self, folder: str):
        """nbgrader copies a submission's other files by following links (a dangling one stops it):
        what the student handed in as symbolic links is left out (grader.sandbox.policy.handed_in_links)."""
        configured = list(self.coursedir.ignore)
        links = handed_in_links(folder) if os.path.isdir(folder) else []
        # nbgrader matches each ignore glob against a file's own name, in its own folder.
        self.coursedir.ignore = configured + sorted({glob.escape(os.path.basename(link)) for link in links})
        try:
            yield
        finally:
            self.coursedir.ignore = configured

    def _record_zero(self, assignment: str, student: str) -> None:
        """A submission nbgrader could not grade is in the gradebook all the same, with 0 (as nbgrader scores a missing notebook)."""
        with Gradebook(self.db_url, self.coursedir.course_id) as gradebook:
            try:
                gradebook.find_submission(assignment, student)
                return
            except MissingEntry:
                pass
            gradebook.update_or_create_student(student)
            submission = gradebook.update_or_create_submission(assignment, student)
            for grade in (grade for notebook in submission.notebooks for grade in notebook.grades):
                grade.auto_score, grade.needs_manual_grade = 0, False
            gradebook.db.commit()

    def _autograded_notebooks(self, assignment: str, student: str) -> list[dict]:
        """The student's autograded notebooks of ``assignment``, as JSON, in name order."""
        folder = Path(self.coursedir.format_path(self.coursedir.autograded_directory, student, assignment))
        return [json.loads(path.read_bytes()) for path in sorted(folder.glob("*.ipynb"))]

    def _submission_problem(self, assignment: str, student: str) -> Message | None:
        """What is wrong with the handed-in files themselves, said plainly (None: nothing found)."""
        folder = Path(self.coursedir.format_path(self.coursedir.submitted_directory, student, assignment))
        wanted = {p.name for p in Path(self.coursedir.format_path(self.coursedir.source_directory, ".", assignment)).glob("*.ipynb")}
        present = {p.name for p in folder.glob("*.ipynb")}
        if not present:
            others = sorted(p.name for p in folder.iterdir() if p.name != timestamps.FILE_NAME) if folder.is_dir() else []
            held = Message("submission/holds_only", files=", ".join(others[:5])) if others else Message("submission/empty")
            return Message("submission/no_notebook", folder=str(folder), held=held, wanted=", ".join(sorted(wanted)))
        if wanted - present:
            return Message("submission/misnamed", missing=", ".join(sorted(wanted - present)), folder=str(folder),
                           present=", ".join(sorted(present)))
        for name in sorted(wanted):
            try:
                nbformat.read(folder / name, as_version=4)
            except Exception as error:  # noqa: BLE001 - any unreadable file is the student's, said as such
                return Message("submission/unreadable", name=name, error=f"{type(error).__name__}: {str(error)[:150]}")
        return None

    def feedback(self, assignment: str, student: str) -> Outcome:
        """``nbgrader generate_feedback`` for one submission; its files replace the old ones only once all are written."""
        final = Path(self.coursedir.format_path(self.coursedir.feedback_directory, student, assignment))
        configured = self.coursedir.feedback_directory
        staging = Path(tempfile.mkdtemp(prefix=".feedback-", dir=self.root))
        self.coursedir.feedback_directory = staging.name
        try:
            result = self._in_root(self.api.generate_feedback, assignment, student, force=True)
            if result["success"]:
                _move_files(staging / student / assignment, final)
        finally:
            self.coursedir.feedback_directory = configured
            shutil.rmtree(staging, ignore_errors=True)
        if result["success"]:
            return Outcome(student, assignment, True)
        graded = Path(self.coursedir.format_path(self.coursedir.autograded_directory, student, assignment))
        problems = [f"{path.name}: {problem}" for path in sorted(graded.glob("*.ipynb")) if (problem := notebook_problem(path))]
        return Outcome(student, assignment, False, "; ".join(problems) or _first_error_line(result))

    def export(self, destination: Path, assignments: list[str] | None = None) -> Path:
        """Write the grades with the configured export plugin (``ExportApp.plugin_class``)."""
        for assignment in assignments or []:
            self.check_assignment(assignment)
        plugin_name = self.config.ExportApp.get("plugin_class", "nbgrader.plugins.export.CsvExportPlugin")
        plugin = import_item(plugin_name)(config=self.config)
        plugin.to = str(destination)
        plugin.assignment = list(assignments or [])
        with Gradebook(self.db_url, self.coursedir.course_id) as gradebook:
            plugin.export(gradebook)
        return Path(destination)

    def scores(self) -> dict[tuple[str, str], tuple[float, float]]:
        """(student, assignment) -> (score, max score) for every student and assignment in the gradebook.

        As in grades.csv and the report: the score is after the late penalty, and work not handed
        in scores 0 of the assignment's maximum.
        """
        table = {}
        with Gradebook(self.db_url, self.coursedir.course_id) as gradebook:
            for assignment in gradebook.assignments:
                for student in gradebook.students:
                    try:
                        submission = gradebook.find_submission(assignment.name, student.id)
                    except MissingEntry:
                        table[(student.id, assignment.name)] = (0.0, assignment.max_score)
                        continue
                    score = max(0.0, submission.score - submission.late_submission_penalty)
                    table[(student.id, assignment.name)] = (score, submission.max_score)
        return table

    def cell_scores(self, assignment: str, student: str) -> dict[str, float]:
        """grade_id -> points the gradebook holds for one submission (manual grades win over auto)."""
        with Gradebook(self.db_url, self.coursedir.course_id) as gradebook:
            submission = gradebook.find_submission(assignment, student)
            return {grade.name: grade.score for notebook in submission.notebooks for grade in notebook.grades}

    def _in_root(self, call, *args, **kwargs) -> dict:
        # nbgrader resolves some paths against the working directory.
        with chdir(self.root):
            return call(*args, **kwargs)


def _move_files(source: Path, target: Path) -> None:
    """Rename every file under ``source`` to the same place under ``target`` (os.replace: each file whole, old or new)."""
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, destination)
