"""The instructor's command line: ``python -m grader <command>`` (or ``jacobians <command>``).

Argument parsing and dispatch only: each command is a function of ``grader.commands``
called with keyword arguments. A ``CourseError``
(a problem the user can fix) is printed as one line with exit status 2; any other
exception is a bug and keeps its traceback.
"""

import sys

# jsonschema, imported by nbformat, loads the optional IRI format checker (rfc3987-syntax, which
# JupyterLab's jupyter-events pulls in) when installed, and it compiles grammars on import (its
# cost: README, "Grading a whole class fast"). No schema the grader validates (notebooks,
# nbgrader's cell metadata) has an IRI format, so the CLI goes without that checker. Here, before
# anything imports nbformat, so that `python -m grader` and the installed `jacobians` start alike.
sys.modules.setdefault("rfc3987_syntax", None)

import argparse  # noqa: E402
import os  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

from grader import commands  # noqa: E402
from grader.autograde.startup import default_workers, names_in_utf8  # noqa: E402
from grader.course.course import CONFIG_FILE, PROJECT_ROOT  # noqa: E402
from grader.course.jupyter_env import use_project_dirs  # noqa: E402
from grader.errors import CourseError  # noqa: E402
from grader.i18n import _, use_language  # noqa: E402
from grader.i18n.catalogue import translated_languages  # noqa: E402
from grader.i18n.course_language import configured_language  # noqa: E402

ALL = "assignments (default: all)"


def _course_root(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    return Path.cwd() if (Path.cwd() / CONFIG_FILE).is_file() else PROJECT_ROOT


def _add_grading(sub) -> None:
    """build, release, autograde, feedback: the steps of an assignment's life."""
    sub.add_parser("build", help="build source/ notebooks from notebooks/*.py").set_defaults(
        run=lambda a: commands.build(course=a.course))

    release = sub.add_parser("release", help="nbgrader generate_assignment: source/ -> release/")
    release.add_argument("assignment", nargs="*", help=ALL)
    release.set_defaults(run=lambda a: commands.release(course=a.course, assignments=a.assignment))

    autograde = sub.add_parser("autograde", help="autograde submitted/ into the gradebook")
    autograde.add_argument("assignment", nargs="*", help=ALL)
    autograde.add_argument("--student", action="append", help="only this student (repeatable)")
    autograde.add_argument("--force", action="store_true", help="grade again what is already graded")
    autograde.add_argument("--workers", type=int, default=default_workers(),
                           help="grading processes (default: one per core and one more, within the memory available; %(default)s here)")
    autograde.add_argument("--scheduler", help="grade on this Dask cluster instead (tcp://host:port; workers see the course dir)")
    autograde.set_defaults(run=lambda a: commands.autograde(course=a.course, assignments=a.assignment, students=a.student,
                                                            force=a.force, workers=a.workers, scheduler=a.scheduler))

    feedback = sub.add_parser("feedback", help="nbgrader generate_feedback for every autograded submission")
    feedback.add_argument("assignment", nargs="*", help=ALL)
    feedback.set_defaults(run=lambda a: commands.feedback(course=a.course, assignments=a.assignment))


def _add_grades(sub) -> None:
    """export, scores, collect, report: grades in and out."""
    export = sub.add_parser("export", help="write grades for the LMS")
    export.add_argument("--to", default="grades.csv", help="destination file (default: grades.csv)")
    export.add_argument("--assignment", action="append", help="only this assignment (repeatable; plain names, no [ ])")
    export.set_defaults(run=lambda a: commands.export(course=a.course, to=Path(a.to), assignments=a.assignment))

    sub.add_parser("scores", help="print scores per student and assignment").set_defaults(
        run=lambda a: commands.scores(course=a.course))

    collect = sub.add_parser("collect", help="nbgrader zip_collect an LMS download (Canvas file names) into submitted/")
    collect.add_argument("assignment", help="the assignment the download is for")
    collect.add_argument("download", help="the LMS's zip of submissions, or the folder it unzips to")
    collect.add_argument("--force", action="store_true", help="replace submissions already collected")
    collect.set_defaults(run=lambda a: commands.collect(course=a.course, assignment=a.assignment,
                                                        download=Path(a.download), force=a.force))

    sub.add_parser("report", help="HTML grading report per assignment and for the course, in reports/").set_defaults(
        run=lambda a: commands.report(course=a.course))


def _add_tools(sub) -> None:
    """demo, cases, lab: the simulated term, a hidden test's inputs, a student's JupyterLab."""
    demo = sub.add_parser("demo", help="play a whole term on a simulated class")
    demo.add_argument("--dir", default=str(commands.DEMO_DIR), help=f"where the demo course is created (default: {commands.DEMO_DIR})")
    demo.add_argument("--assignment", action="append", help="only this assignment (repeatable; default: all)")
    demo.set_defaults(run=lambda a: commands.demo(directory=Path(a.dir), assignments=a.assignment))

    cases = sub.add_parser("cases", help="print a hidden test's inputs for a seed")
    cases.add_argument("function", help="a contract function name, e.g. jacobian_sigmoid")
    cases.add_argument("--seed", type=int, required=True, help="the seed printed in the feedback")
    cases.set_defaults(run=lambda a: commands.cases(function=a.function, seed=a.seed))

    i18n = sub.add_parser("i18n", help="translations: what is missing or stale, a new notebook's skeleton")
    i18n_sub = i18n.add_subparsers(dest="i18n_command", required=True)
    status = i18n_sub.add_parser("status", help="list untranslated, fuzzy, stale and missing entries and cells (exit 1 if any)")
    status.add_argument("--language", action="append", choices=translated_languages(), help="only this language (repeatable)")
    status.set_defaults(run=lambda a: commands.i18n_status(languages=a.language))
    skeleton = i18n_sub.add_parser("skeleton", help="start notebooks/<language>/<assignment>.py from the English cells")
    skeleton.add_argument("assignment", help="a notebook of notebooks/, e.g. ps5_window")
    skeleton.add_argument("--language", default="ko", choices=translated_languages())
    skeleton.set_defaults(run=lambda a: commands.i18n_skeleton(assignment=a.assignment, language=a.language))

    student_lab = sub.add_parser("lab", help="a student's JupyterLab on 127.0.0.1 with the released assignments (Ctrl-C stops it)")
    student_lab.add_argument("--student", default="student", help="the simulated student's id (default: student)")
    student_lab.add_argument("--port", type=int, default=8888, help="JupyterLab's port on 127.0.0.1 (default: 8888)")
    student_lab.set_defaults(run=lambda a: commands.lab(course=a.course, student=a.student, port=a.port))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m grader", description=__doc__.splitlines()[0])
    parser.add_argument("--course", help="course directory (default: the current one if it has nbgrader_config.py, else this project)")
    sub = parser.add_subparsers(dest="command", required=True)
    for add in (_add_grading, _add_grades, _add_tools):
        add(sub)
    return parser


def in_utf8_mode() -> None:
    """Run again in Python's UTF-8 mode when the locale's encoding is not UTF-8 (``LC_ALL=C``, an old host).

    Folder names are student ids, and nbgrader turns them into gradebook text and back into
    paths: with an ASCII file system encoding a student ``학생01`` can be neither stored nor
    found. Every file the course writes names UTF-8 anyway; this settles names and the terminal.
    """
    if names_in_utf8():
        return
    os.execv(sys.executable, [sys.executable, "-X", "utf8", "-m", "grader", *sys.argv[1:]])


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # run as a command (python -m grader, jacobians), not called by a program
        in_utf8_mode()
    args = build_parser().parse_args(argv)
    args.course = _course_root(args.course).resolve()
    use_project_dirs(PROJECT_ROOT)
    # nbgrader 0.9.6's gradebook code trips SQLAlchemy 2 autoflush warnings that mean nothing here.
    warnings.filterwarnings("ignore", module="nbgrader")
    try:
        # Every command speaks the course language (nbgrader_config.py, or $JACOBIANS_LANGUAGE).
        with use_language(configured_language(args.course)):
            return args.run(args)
    except CourseError as error:
        print(_("error: {error}").format(error=error), file=sys.stderr)
        return 2
