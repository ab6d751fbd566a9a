"""A course directory and nbgrader's own API over it, configured by its nbgrader_config.py."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from traitlets import import_item
from traitlets.config.loader import PyFileConfigLoader

from grader.contract import exercises
from grader.integrity import incidents as integrity_log

CONFIG_FILE = "nbgrader_config.py"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


class CourseError(RuntimeError):
    """A problem with the course directory, said so the instructor knows what to do."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one submission in one nbgrader step."""

    student: str
    assignment: str
    ok: bool
    reason: str = ""


EXCEPTION_LINE = re.compile(r"^\s*([\w.]+(Error|Exception|Exit)\b.*)$")


def _first_error_line(result: dict) -> str:
    """The root cause in nbgrader's captured log: its first exception line that is not nbgrader's summary."""
    text = "\n".join(filter(None, (result.get("log"), result.get("error"))))
    causes = [m.group(1) for m in map(EXCEPTION_LINE.match, text.splitlines()) if m and "NbGraderException" not in m.group(1)]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return (causes or lines[-1:] or ["unknown error"])[0][:300]


# What the sandbox and the integrity steps flagged (grader/integrity/incidents.py), as nbgrader logged it.
INTEGRITY_NOTE = re.compile(rf"{integrity_log.PREFIX}\S+/\S+: (.*)$", re.M)


def _integrity_notes(result: dict) -> list[str]:
    """Each distinct flag raised while grading one submission, in order."""
    return list(dict.fromkeys(m.group(1).strip() for m in INTEGRITY_NOTE.finditer(result.get("log") or "")))


class Course:
    """The course at ``root``: its config, nbgrader's API, and the gradebook."""

    def __init__(self, root: Path):
        self.root = Path(root).resolve()
        config_path = self.root / CONFIG_FILE
        if not config_path.is_file():
            raise CourseError(f"no {CONFIG_FILE} in {self.root}: run from the course root or pass --course DIR")
        self.config = PyFileConfigLoader(CONFIG_FILE, path=str(self.root)).load_config()
        self.coursedir = CourseDirectory(config=self.config)
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
            raise CourseError(f"unknown assignment {assignment!r}: this course has {', '.join(self.assignments())}")
        return assignment

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
        """Grade one submission; the reason names what failed, and anything the integrity steps flagged."""
        result = self._in_root(self.api.autograde, assignment, student, force=force, create=True)
        failure = [] if result["success"] else [self._submission_problem(assignment, student) or _first_error_line(result)]
        reason = "; ".join(failure + _integrity_notes(result))
        return Outcome(student, assignment, result["success"], reason if len(reason) <= 600 else reason[:599] + "\u2026")

    def _submission_problem(self, assignment: str, student: str) -> str | None:
        """What is wrong with the handed-in files themselves, said plainly (None: nothing found)."""
        folder = Path(self.coursedir.format_path(self.coursedir.submitted_directory, student, assignment))
        wanted = {p.name for p in Path(self.coursedir.format_path(self.coursedir.source_directory, ".", assignment)).glob("*.ipynb")}
        present = {p.name for p in folder.glob("*.ipynb")}
        if wanted - present:
            found = f"found only {', '.join(sorted(present))}" if present else "no notebook at all"
            return f"{', '.join(sorted(wanted - present))} is not in {folder} ({found}): rename the student's notebook and grade again"
        for name in sorted(wanted):
            try:
                nbformat.read(folder / name, as_version=4)
            except Exception as error:  # noqa: BLE001 - any unreadable file is the student's, said as such
                return f"{name} is not a readable notebook ({type(error).__name__}: {str(error)[:150]}): no credit until it is submitted again"
        return None

    def feedback(self, assignment: str, student: str) -> Outcome:
        result = self._in_root(self.api.generate_feedback, assignment, student, force=True)
        return Outcome(student, assignment, result["success"], "" if result["success"] else _first_error_line(result))

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
        """(student, assignment) -> (score, max score) for every graded submission."""
        table = {}
        with Gradebook(self.db_url, self.coursedir.course_id) as gradebook:
            for assignment in gradebook.assignments:
                for student in gradebook.students:
                    try:
                        submission = gradebook.find_submission(assignment.name, student.id)
                    except MissingEntry:
                        continue
                    table[(student.id, assignment.name)] = (submission.score, submission.max_score)
        return table

    def cell_scores(self, assignment: str, student: str) -> dict[str, float]:
        """grade_id -> points the gradebook holds for one submission (manual grades win over auto)."""
        with Gradebook(self.db_url, self.coursedir.course_id) as gradebook:
            submission = gradebook.find_submission(assignment, student)
            return {grade.name: grade.score for notebook in submission.notebooks for grade in notebook.grades}

    def _in_root(self, call, *args, **kwargs) -> dict:
        # nbgrader resolves some paths against the working directory.
        cwd = os.getcwd()
        os.chdir(self.root)
        try:
            return call(*args, **kwargs)
        finally:
            os.chdir(cwd)
