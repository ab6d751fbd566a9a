"""Collect submissions from an LMS download (a zip or its unzipped folder) into submitted/.

nbgrader's ZipCollectApp does the work, with the course's file-name pattern
(``FileNameCollectorPlugin.named_regexp`` in nbgrader_config.py: Canvas's), so plain
``nbgrader zip_collect`` collects the same way. Around it, this module stages the
download where zip_collect looks for it, refuses what zip_collect would half-do
(replacing collected work without --force, two LMS users with one student id),
and says what it collected, what was late and what it skipped.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from nbgrader.apps.zipcollectapp import ZipCollectApp
from nbgrader.coursedir import CourseDirectory
from nbgrader.utils import find_all_notebooks

from grader.course.course import Course
from grader.i18n import _
from grader.errors import CourseError


@dataclass(frozen=True)
class CollectedFile:
    name: str  # the file's name in the download
    student: str
    notebook: str  # the name it is collected as, in submitted/<student>/<assignment>/
    late: bool  # the LMS marked it late (Canvas: "late_" in the name)
    lms_user: str  # the LMS's own user id, when the pattern names one (group lms_user_id), else ""


@dataclass(frozen=True)
class CollectReport:
    assignment: str
    collected: list[CollectedFile]
    skipped: list[str]  # files in the download whose names do not match the LMS pattern
    unexpected: list[CollectedFile]  # collected, but not named like a notebook of the release

    @property
    def students(self) -> list[str]:
        return sorted({f.student for f in self.collected})

    def summary(self) -> str:
        lines = [_("collected {notebooks} notebooks of {students} students into submitted/*/{assignment}/").format(
            notebooks=len(self.collected), students=len(self.students), assignment=self.assignment)]
        late = sorted({f.student for f in self.collected if f.late})
        if late:
            lines.append(_("  late (marked by the LMS; it gives no time, so no nbgrader late penalty applies): {students}").format(students=", ".join(late)))
        if self.skipped:
            lines.append(_("  skipped {count} files not named like an LMS submission: {files}").format(count=len(self.skipped), files=", ".join(self.skipped)))
        for f in self.unexpected:
            lines.append(_("  unexpected notebook name {notebook!r} from {student} (file {file}): collected as is; "
                           "rename it to one of the release's notebooks and collect again").format(notebook=f.notebook, student=f.student, file=f.name))
        return "\n".join(lines)


def refuse_broken_zips(archives: list[Path]) -> None:
    """zip_collect's extractor raises a bare traceback on a file that is not a zip: say which one instead."""
    for archive in archives:
        if not zipfile.is_zipfile(archive):
            raise CourseError(_("{archive} is not a zip file: pass the LMS's zip of submissions, or the folder it unzips to")
                              .format(archive=archive))


class ZipCollect:
    """One run of nbgrader's ZipCollectApp on ``downloaded/<assignment>/archive`` (its default layout)."""

    def __init__(self, course: Course, assignment: str):
        self.assignment = course.check_assignment(assignment)
        self.coursedir = CourseDirectory(config=course.config)
        self.coursedir.assignment_id = assignment
        self.app = ZipCollectApp(coursedir=self.coursedir, config=course.config)
        # Its per-file log lines are summarised by the CollectReport; kept here for error messages.
        self.log = io.StringIO()
        handler = logging.StreamHandler(self.log)
        handler.setFormatter(logging.Formatter("[%(levelname)s] %(message)s"))
        self.app.log.handlers = [handler]
        self.app.log.propagate = False

    @property
    def archive(self) -> Path:
        return Path(self.app._format_collect_path(self.app.archive_directory))

    @property
    def extracted(self) -> Path:
        return Path(self.app._format_collect_path(self.app.extracted_directory))

    @property
    def released_notebooks(self) -> list[str]:
        release = self.coursedir.format_path(self.coursedir.release_directory, ".", self.assignment)
        return find_all_notebooks(release) if os.path.isdir(release) else []

    def stage(self, download: Path) -> None:
        """Copy the download (a .zip, or a folder of files and zips) into a fresh archive folder."""
        if not download.exists():
            raise CourseError(f"no such download: {download}")
        refuse_broken_zips([download] if download.is_file() else sorted(download.rglob("*.zip")))
        if self.archive.parent.exists():
            shutil.rmtree(self.archive.parent)  # our staging copy only, never the download itself
        if download.is_dir():
            shutil.copytree(download, self.archive)
        else:
            self.archive.mkdir(parents=True)
            shutil.copy2(download, self.archive / download.name)

    def require_release(self) -> None:
        if not self.released_notebooks:
            raise CourseError(f"{self.assignment} is not released: run `python -m grader release {self.assignment}` first")

    def run(self, force: bool) -> CollectReport:
        self.app.force = force
        self._step(self.app.init_plugins)
        self._step(self.app.extract_archive_files)
        report = self.classify(sorted(p for p in self.extracted.rglob("*") if p.is_file()))
        self.refuse_clashes(report, force)
        self._step(self.app.process_extracted_files)
        return report

    def classify(self, files: list[Path]) -> CollectReport:
        """What zip_collect will do with each extracted file, by the collector plugin's own matching."""
        collected, skipped, unexpected = [], [], []
        released = set(self.released_notebooks)
        for path in files:
            name = path.name
            info = self.app.collector_plugin_inst.collect(str(path))
            if not info:
                skipped.append(name)
                continue
            notebook = os.path.splitext(info["file_id"])[0] + path.suffix
            found = CollectedFile(name, info["student_id"], notebook, bool(info.get("late")), info.get("lms_user_id") or "")
            collected.append(found)
            if notebook not in released:
                unexpected.append(found)
        return CollectReport(self.assignment, collected, skipped, unexpected)

    def refuse_clashes(self, report: CollectReport, force: bool) -> None:
        """Stop before copying anything, where zip_collect would stop half-way or mix two students."""
        users: dict[str, set[str]] = {}
        for f in report.collected:
            users.setdefault(f.student, set()).add(f.lms_user)
        shared = sorted(s for s, ids in users.items() if len(ids) > 1)
        if shared:
            raise CourseError(f"several LMS users share the student id {', '.join(shared)}: "
                              "key students by the LMS user id instead (README: Collecting from an LMS)")
        present = [s for s in report.students
                   if any(Path(self.coursedir.format_path(self.coursedir.submitted_directory, s, self.assignment)).glob("*"))]
        if present and not force:
            raise CourseError(f"already collected for {', '.join(present)}: pass --force to replace their submissions")

    def _step(self, step) -> None:
        """Run a ZipCollectApp step; its ``fail`` (sys.exit) becomes a CourseError with its message."""
        try:
            step()
        except SystemExit:
            errors = [line for line in self.log.getvalue().splitlines() if line.startswith("[ERROR]")]
            raise CourseError(f"zip_collect failed: {errors[-1] if errors else self.log.getvalue()[-300:]}") from None


def collect(course: Course, assignment: str, download: Path, force: bool = False) -> CollectReport:
    """Stage ``download`` under downloaded/<assignment>/archive and collect it into submitted/."""
    run = ZipCollect(course, assignment)
    run.require_release()
    run.stage(Path(download).resolve())
    return run.run(force)
