"""What each command of the instructor's CLI does, as functions with keyword arguments.

``grader.cli`` parses the command line and calls one of these; each returns the exit
status and prints what the instructor reads. Every command works on a course directory
(the one holding nbgrader_config.py) through nbgrader's own API, so it grades exactly
as plain ``nbgrader`` commands run at the course root do. A problem the instructor can
fix raises a ``grader.errors.CourseError``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np

from grader.autograde import parallel
from grader.contract import exercises
from grader.course import simulate
from grader.course.course import CONFIG_FILE, PROJECT_ROOT, Course, Outcome
from grader.course.notebooks import build_all
from grader.errors import CourseError, NothingGraded

SEED_MAX = 2**32 - 1  # numpy's legacy seed range, and exercises.seed_for's
DEMO_DIR = PROJECT_ROOT / ".demo" / "course"
# What the demo copies into its fresh course: the course's sources; it releases them itself.
COURSE_FILES = (CONFIG_FILE, "source")


def say_failures(outcomes: list[Outcome], step: str) -> int:
    """Print how many of ``outcomes`` succeeded, each failure with its error, each flagged one with its flags."""
    failed = [o for o in outcomes if not o.ok]
    print(f"{step}: {len(outcomes) - len(failed)} of {len(outcomes)} succeeded")
    for o in outcomes:
        who = f"{o.student}/{o.assignment}" if o.student else o.assignment
        if not o.ok:
            print(f"  FAILED {who}: {o.summary()}")
        elif o.flags:
            print(f"  flagged {who}: {o.summary()}")
    return 1 if failed else 0


def _assignments(course: Course, names: list[str] | None) -> list[str]:
    return [course.check_assignment(a) for a in names] if names else course.assignments()


def build(*, course: Path) -> int:
    """Build the source/ notebooks from notebooks/*.py.

    Args:
        course: the course directory
    """
    built = build_all(Path(course))
    for path in built:
        print(f"built {path}")
    print(f"build: {len(built)} notebooks written to {Path(course) / 'source'}")
    return 0


def release(*, course: Path, assignments: list[str] | None = None) -> int:
    """``nbgrader generate_assignment`` for each assignment: source/ -> release/.

    Args:
        course: the course directory
        assignments: assignment names (None or empty: all)
    """
    course = Course(course)
    return say_failures([course.release(a) for a in _assignments(course, assignments)], "release")


def autograde_all(course: Course, assignments: list[str], students: list[str] | None, force: bool,
                  workers: int | None = None, scheduler: str | None = None) -> list[Outcome]:
    """Grade on every core (or the Dask cluster at ``scheduler``), skipping what is graded unless ``force``."""
    graded, plan = parallel.autograde_class(course, assignments, students, force, workers, scheduler)
    if plan.skipped:
        print(f"autograde: {len(plan.skipped)} already graded, skipped (--force grades them again)")
    if retried := sum(g.attempts > 1 for g in graded):
        print(f"autograde: {retried} met a locked gradebook and were graded again")
    return [g.outcome for g in graded]


def autograde(*, course: Path, assignments: list[str] | None = None, students: list[str] | None = None,
              force: bool = False, workers: int | None = None, scheduler: str | None = None) -> int:
    """Autograde submitted/ into the gradebook.

    Args:
        course: the course directory
        assignments: assignment names (None or empty: all)
        students: only these students (None: every one who submitted)
        force: grade again what is already graded
        workers: grading processes (None: two per core)
        scheduler: a Dask scheduler's address (tcp://host:port) to grade on instead
    """
    course = Course(course)
    chosen = _assignments(course, assignments)
    for student in students or []:
        require_submission_folders(course, student, chosen, every=bool(assignments))
    for assignment in chosen:
        if not course.submitted_students(assignment):
            print(f"autograde: no submissions of {assignment} in submitted/ "
                  f"(put each student's notebook in submitted/<student>/{assignment}/)")
    outcomes = autograde_all(course, chosen, students, force, workers, scheduler)
    return say_failures(outcomes, "autograde") if outcomes else 0


def require_submission_folders(course: Course, student: str, assignments: list[str], every: bool) -> None:
    """Refuse a ``--student`` without a submission folder (a misspelt id), before anything is recorded.

    An existing but empty folder is a submission (graded 0, "holds no notebook"). ``every``: the
    assignments were named, so each needs the folder; otherwise at least one of them does.
    """
    missing = [a for a in assignments if student not in course.submitted_students(a)]
    if missing and (every or len(missing) == len(assignments)):
        raise CourseError(f"no submission folder submitted/{student}/{missing[0]}: check the student id")


def autograded_students(course: Course, assignment: str) -> list[str]:
    return sorted(p.parent.name for p in (course.root / "autograded").glob(f"*/{assignment}") if p.is_dir())


def feedback_all(course: Course, assignments: list[str]) -> list[Outcome]:
    return [course.feedback(assignment, student) for assignment in assignments for student in autograded_students(course, assignment)]


def say_missing_feedback(course: Course, assignments: list[str]) -> None:
    """Say which assignments have nothing autograded, and which submissions get no feedback page (their autograde failed)."""
    for assignment in assignments:
        graded = autograded_students(course, assignment)
        if not graded:
            print(f"feedback: no autograded submissions of {assignment} "
                  f"(run `python -m grader autograde {assignment}` first)")
        if failed := [s for s in course.submitted_students(assignment) if s not in graded]:
            print(f"feedback: no feedback page for {', '.join(failed)} in {assignment}: "
                  "their autograde failed or has not run (see autograde's output)")


def feedback(*, course: Path, assignments: list[str] | None = None) -> int:
    """``nbgrader generate_feedback`` for every autograded submission.

    Args:
        course: the course directory
        assignments: assignment names (None or empty: all)
    """
    course = Course(course)
    chosen = _assignments(course, assignments)
    say_missing_feedback(course, chosen)
    outcomes = feedback_all(course, chosen)
    return say_failures(outcomes, "feedback") if outcomes else 0


def export(*, course: Path, to: Path, assignments: list[str] | None = None) -> int:
    """Write the grades with the configured export plugin.

    Args:
        course: the course directory
        to: the destination file
        assignments: only these assignments (None: all)
    """
    print(f"grades written to {Course(course).export(Path(to), assignments)}")
    return 0


def score_table(course: Course) -> str:
    """Students as rows, assignments as columns, 'score / max' in each cell."""
    scores = course.scores()
    if not scores:
        raise NothingGraded(course.nothing_graded())
    assignments = [a for a in course.assignments() if any(key[1] == a for key in scores)]
    students = sorted({student for student, _ in scores})
    width = max([len("student")] + [len(s) for s in students])
    header = "student".ljust(width) + "".join(f"  {a:>14}" for a in assignments) + "  " + "total".rjust(14)
    lines = [header, "-" * len(header)]
    for student in students:
        cells, total, total_max = [], 0.0, 0.0
        for assignment in assignments:
            score, maximum = scores.get((student, assignment), (0.0, 0.0))
            total, total_max = total + score, total_max + maximum
            cells.append(f"  {f'{score:g} / {maximum:g}':>14}")
        lines.append(student.ljust(width) + "".join(cells) + f"  {f'{total:g} / {total_max:g}':>14}")
    return "\n".join(lines)


def scores(*, course: Path) -> int:
    """Print scores per student and assignment.

    Args:
        course: the course directory
    """
    print(score_table(Course(course)))
    return 0


def collect(*, course: Path, assignment: str, download: Path, force: bool = False) -> int:
    """``nbgrader zip_collect`` an LMS download into submitted/.

    Args:
        course: the course directory
        assignment: the assignment the download is for
        download: the LMS's zip of submissions, or the folder it unzips to
        force: replace submissions already collected
    """
    from grader.course.collect import collect as collect_download  # imported here: only this command needs it

    print(collect_download(Course(course), assignment, Path(download), force=force).summary())
    return 0


def report(*, course: Path) -> int:
    """Write the HTML grading report per assignment and for the course, in reports/.

    Args:
        course: the course directory
    """
    return _print_report(Course(course))


def _print_report(course: Course) -> int:
    from grader.report.report import write_reports  # imported here: matplotlib is slow to import

    print(f"report: {write_reports(course)}")
    return 0


def fresh_demo_course(target: Path) -> Path:
    """A new course folder holding only the course's own files (re-running starts from scratch)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in COURSE_FILES:
        source = PROJECT_ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    return target


def demo(*, directory: Path = DEMO_DIR, assignments: list[str] | None = None) -> int:
    """A whole term on the embedded default class: release, submit, autograde, feedback, export, scores.

    Args:
        directory: where the demo course is created (replaced when it exists)
        assignments: only these assignments (None: all)
    """
    root = fresh_demo_course(Path(directory))
    course = Course(root)
    assignments = _assignments(course, assignments)
    print(f"demo course in {root}")
    status = say_failures([course.release(a) for a in assignments], "release")
    students = simulate.default_class()
    for student in students:
        print(f"  {student.id:>12}: {student.notes}")
    simulate.write_submissions(root, students, assignments)
    status |= say_failures(autograde_all(course, assignments, None, force=True), "autograde")
    status |= say_failures(feedback_all(course, assignments), "feedback")
    grades = course.export(root / "grades.csv")
    print(f"grades exported to {grades}")
    print(f"feedback in {root / 'feedback'}")
    print()
    print(score_table(course))
    status |= _print_report(course)
    return status


def cases(*, function: str, seed: int) -> int:
    """Print the inputs a hidden test drew from a seed (to reproduce a student's failing case).

    Args:
        function: a contract function name, e.g. jacobian_sigmoid
        seed: the seed printed in the feedback
    """
    exercise = exercises.get(function)
    if not 0 <= seed <= SEED_MAX:
        raise CourseError(f"seed {seed} is out of range: seeds are 0..{SEED_MAX} (2**32-1), as the feedback prints them")
    for case in exercise.cases(seed):
        print(f"# {case.label}")
        for name, value in zip(exercise.params, case.args):
            print(f"{name} = {python_literal(value)}")
    return 0


def python_literal(value) -> str:
    """``value`` as code that rebuilds it exactly: every entry of an array, at full precision (np.array(...))."""
    if not np.ndim(value):
        return repr(value)
    array = np.asarray(value)
    body = np.array2string(array, separator=", ", threshold=sys.maxsize, max_line_width=100,
                           floatmode="unique", prefix="np.array(")
    return f"np.array({body}, dtype=np.{array.dtype})"
