"""The instructor's command line: ``python -m grader <command>`` (or ``jacobians <command>``).

Every command works on a course directory (the one holding nbgrader_config.py:
the current directory, else this project) through nbgrader's own API, so it
grades exactly as plain ``nbgrader`` commands run at the course root do.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import warnings
from pathlib import Path

import numpy as np

from grader.contract import exercises
from grader.autograde import parallel
from grader.course import simulate
from grader.course.course import CONFIG_FILE, PROJECT_ROOT, Course, CourseError, Outcome
from grader.course.jupyter_env import use_project_dirs
from grader.course.notebooks import NotebookError, build_all
from grader.i18n import LanguageError, _, current_language, use_language
from grader.i18n.catalogue import translated_languages
from grader.i18n.course_language import configured_language

DEMO_DIR = PROJECT_ROOT / ".demo" / "course"
# What the demo copies into its fresh course: the course's sources; it releases them itself.
COURSE_FILES = (CONFIG_FILE, "source")


def _course_root(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    return Path.cwd() if (Path.cwd() / CONFIG_FILE).is_file() else PROJECT_ROOT


def _say_failures(outcomes: list[Outcome], step: str) -> int:
    failed = [o for o in outcomes if not o.ok]
    done = len(outcomes) - len(failed)
    print(_("{step}: {done} of {total} succeeded").format(step=step, done=done, total=len(outcomes)))
    for o in outcomes:
        who = f"{o.student}/{o.assignment}" if o.student else o.assignment
        if not o.ok:
            print(_("  FAILED {who}: {reason}").format(who=who, reason=o.reason))
        elif o.reason:  # a graded submission's reason holds what the integrity steps flagged
            print(_("  flagged {who}: {reason}").format(who=who, reason=o.reason))
    return 1 if failed else 0


def _assignments(course: Course, names: list[str]) -> list[str]:
    return [course.check_assignment(a) for a in names] if names else course.assignments()


def cmd_build(args) -> int:
    for path in build_all(Path(args.course), current_language()):
        print(_("built {path}").format(path=path))
    return 0


def cmd_i18n_status(args) -> int:
    from grader.i18n.status import problems  # imported here: only this command extracts messages

    found = problems(PROJECT_ROOT / "notebooks", args.language or translated_languages())
    print("\n".join(found) or _("every catalogue entry and every notebook cell is translated and current"))
    return 1 if found else 0


def cmd_i18n_skeleton(args) -> int:
    from grader.i18n.notebooks import write_skeleton

    path = write_skeleton(PROJECT_ROOT / "notebooks" / f"{args.assignment}.py", args.language)
    print(_("wrote {path}: translate each cell, then set its en_sha as python -m grader i18n status says").format(path=path))
    return 0


def cmd_release(args) -> int:
    course = Course(args.course)
    return _say_failures([course.release(a) for a in _assignments(course, args.assignment)], _("release"))


def autograde_all(course: Course, assignments: list[str], students: list[str] | None, force: bool,
                  workers: int | None = None, scheduler: str | None = None) -> list[Outcome]:
    """Grade on every core (or the Dask cluster at ``scheduler``), skipping what is graded unless ``force``."""
    graded, plan = parallel.autograde_class(course, assignments, students, force, workers, scheduler)
    if plan.skipped:
        print(_("autograde: {count} already graded, skipped (--force grades them again)").format(count=len(plan.skipped)))
    if retried := sum(g.attempts > 1 for g in graded):
        print(_("autograde: {count} met a locked gradebook and were graded again").format(count=retried))
    return [g.outcome for g in graded]


def cmd_autograde(args) -> int:
    course = Course(args.course)
    outcomes = autograde_all(course, _assignments(course, args.assignment), args.student, args.force, args.workers, args.scheduler)
    return _say_failures(outcomes, _("autograde"))


def feedback_all(course: Course, assignments: list[str]) -> list[Outcome]:
    return [
        course.feedback(assignment, student)
        for assignment in assignments
        for student in sorted(p.parent.name for p in (course.root / "autograded").glob(f"*/{assignment}") if p.is_dir())
    ]


def cmd_feedback(args) -> int:
    course = Course(args.course)
    return _say_failures(feedback_all(course, _assignments(course, args.assignment)), _("feedback"))


def cmd_export(args) -> int:
    course = Course(args.course)
    path = course.export(Path(args.to), args.assignment)
    print(_("grades written to {path}").format(path=path))
    return 0


def score_table(course: Course) -> str:
    """Students as rows, assignments as columns, 'score / max' in each cell."""
    scores = course.scores()
    assignments = [a for a in course.assignments() if any(key[1] == a for key in scores)]
    students = sorted({student for student, _ in scores})
    student_label, total_label = _("student"), _("total")
    width = max([len(student_label)] + [len(s) for s in students])
    header = student_label.ljust(width) + "".join(f"  {a:>14}" for a in assignments) + "  " + total_label.rjust(14)
    lines = [header, "-" * len(header)]
    for student in students:
        cells, total, total_max = [], 0.0, 0.0
        for assignment in assignments:
            score, maximum = scores.get((student, assignment), (0.0, 0.0))
            total, total_max = total + score, total_max + maximum
            cells.append(f"  {f'{score:g} / {maximum:g}':>14}")
        lines.append(student.ljust(width) + "".join(cells) + f"  {f'{total:g} / {total_max:g}':>14}")
    return "\n".join(lines)


def cmd_scores(args) -> int:
    print(score_table(Course(args.course)))
    return 0


def cmd_collect(args) -> int:
    from grader.course.collect import collect  # imported here: only this command needs it

    print(collect(Course(args.course), args.assignment, Path(args.download), force=args.force).summary())
    return 0


def print_report(course: Course) -> int:
    from grader.report.report import write_reports  # imported here: matplotlib is slow to import

    print(_("report: {path}").format(path=write_reports(course)))
    return 0


def cmd_report(args) -> int:
    return print_report(Course(args.course))


def fresh_demo_course(target: Path) -> Path:
    """A new course folder holding only the course's own files (re-running starts from scratch)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in COURSE_FILES:
        source = PROJECT_ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    return target


def cmd_demo(args) -> int:
    """A whole term on the embedded default class: release, submit, autograde, feedback, export, scores."""
    root = fresh_demo_course(Path(args.dir))
    course = Course(root)
    assignments = _assignments(course, args.assignment or [])
    print(_("demo course in {path}").format(path=root))
    status = _say_failures([course.release(a) for a in assignments], _("release"))
    students = simulate.default_class()
    for student in students:
        print(f"  {student.id:>12}: {student.notes}")
    simulate.write_submissions(root, students, assignments)
    status |= _say_failures(autograde_all(course, assignments, None, force=True), _("autograde"))
    status |= _say_failures(feedback_all(course, assignments), _("feedback"))
    grades = course.export(root / "grades.csv")
    print(_("grades exported to {path}").format(path=grades))
    print(_("feedback in {path}").format(path=root / "feedback"))
    print()
    print(score_table(course))
    status |= print_report(course)
    return status


def cmd_cases(args) -> int:
    """Print the inputs a hidden test drew from a seed (to reproduce a student's failing case)."""
    exercise = exercises.get(args.function)
    np.set_printoptions(precision=17, threshold=50)
    for case in exercise.cases(args.seed):
        print(f"# {case.label}")
        for name, value in zip(exercise.params, case.args):
            print(f"{name} = {np.array2string(np.asarray(value), separator=', ') if np.ndim(value) else repr(value)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m grader", description=__doc__.splitlines()[0])
    parser.add_argument("--course", help="course directory (default: the current one if it has nbgrader_config.py, else this project)")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("build", help="build source/ notebooks from notebooks/*.py").set_defaults(run=cmd_build)

    release = sub.add_parser("release", help="nbgrader generate_assignment: source/ -> release/")
    release.add_argument("assignment", nargs="*", help="assignments (default: all)")
    release.set_defaults(run=cmd_release)

    autograde = sub.add_parser("autograde", help="autograde submitted/ into the gradebook")
    autograde.add_argument("assignment", nargs="*", help="assignments (default: all)")
    autograde.add_argument("--student", action="append", help="only this student (repeatable)")
    autograde.add_argument("--force", action="store_true", help="grade again what is already graded")
    autograde.add_argument("--workers", type=int, default=parallel.default_workers(),
                           help="grading processes (default: two per core, %(default)s here)")
    autograde.add_argument("--scheduler", help="grade on this Dask cluster instead (tcp://host:port; workers see the course dir)")
    autograde.set_defaults(run=cmd_autograde)

    feedback = sub.add_parser("feedback", help="nbgrader generate_feedback for every autograded submission")
    feedback.add_argument("assignment", nargs="*", help="assignments (default: all)")
    feedback.set_defaults(run=cmd_feedback)

    export = sub.add_parser("export", help="write grades for the LMS")
    export.add_argument("--to", default="grades.csv", help="destination file (default: grades.csv)")
    export.add_argument("--assignment", action="append", help="only this assignment (repeatable; plain names, no [ ])")
    export.set_defaults(run=cmd_export)

    sub.add_parser("scores", help="print scores per student and assignment").set_defaults(run=cmd_scores)

    collect = sub.add_parser("collect", help="nbgrader zip_collect an LMS download (Canvas file names) into submitted/")
    collect.add_argument("assignment", help="the assignment the download is for")
    collect.add_argument("download", help="the LMS's zip of submissions, or the folder it unzips to")
    collect.add_argument("--force", action="store_true", help="replace submissions already collected")
    collect.set_defaults(run=cmd_collect)

    sub.add_parser("report", help="HTML grading report per assignment and for the course, in reports/").set_defaults(run=cmd_report)

    demo = sub.add_parser("demo", help="play a whole term on a simulated class")
    demo.add_argument("--dir", default=str(DEMO_DIR), help=f"where the demo course is created (default: {DEMO_DIR})")
    demo.add_argument("--assignment", action="append", help="only this assignment (repeatable; default: all)")
    demo.set_defaults(run=cmd_demo)

    i18n = sub.add_parser("i18n", help="translations: what is missing or stale, a new notebook's skeleton")
    i18n_sub = i18n.add_subparsers(dest="i18n_command", required=True)
    status = i18n_sub.add_parser("status", help="list untranslated, fuzzy, stale and missing entries and cells (exit 1 if any)")
    status.add_argument("--language", action="append", choices=translated_languages(), help="only this language (repeatable)")
    status.set_defaults(run=cmd_i18n_status)
    skeleton = i18n_sub.add_parser("skeleton", help="start notebooks/<language>/<assignment>.py from the English cells")
    skeleton.add_argument("assignment", help="a notebook of notebooks/, e.g. ps5_window")
    skeleton.add_argument("--language", default="ko", choices=translated_languages())
    skeleton.set_defaults(run=cmd_i18n_skeleton)

    cases = sub.add_parser("cases", help="print a hidden test's inputs for a seed")
    cases.add_argument("function", help="a contract function name, e.g. jacobian_sigmoid")
    cases.add_argument("--seed", type=int, required=True, help="the seed printed in the feedback")
    cases.set_defaults(run=cmd_cases)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.course = str(_course_root(args.course).resolve())
    use_project_dirs(PROJECT_ROOT)
    # nbgrader 0.9.6's gradebook code trips SQLAlchemy 2 autoflush warnings that mean nothing here.
    warnings.filterwarnings("ignore", module="nbgrader")
    try:
        with use_language(configured_language(Path(args.course))):
            return args.run(args)
    except (CourseError, NotebookError, KeyError, LanguageError, FileExistsError) as error:
        print(_("error: {error}").format(error=error), file=sys.stderr)
        return 2
