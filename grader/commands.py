"""What each command of the instructor's CLI does, as functions with keyword arguments.

``grader.cli`` parses the command line and calls one of these; each returns the exit
status and prints what the instructor reads. Every command works on a course directory
(the one holding nbgrader_config.py) through nbgrader's own API, so it grades exactly
as plain ``nbgrader`` commands run at the course root do. A problem the instructor can
fix raises a ``grader.errors.CourseError``.
"""

from __future__ import annotations

import shutil
import signal
import sys
from pathlib import Path

import numpy as np

from grader.autograde import parallel
from grader.autograde.interruption import Interrupted, stop_signals_interrupt
from grader.contract import exercises
from grader.course import simulate
from grader.course.course import CONFIG_FILE, PROJECT_ROOT, Course, Outcome
from grader.course.notebooks import build_all
from grader.errors import CourseError, NothingGraded
from grader.i18n import SOURCE_LANGUAGE, _, current_language

SEED_MAX = 2**32 - 1  # numpy's legacy seed range, and exercises.seed_for's
DEMO_DIR = PROJECT_ROOT / ".demo" / "course"
# What the demo copies into its fresh course: the course's sources; it releases them itself.
COURSE_FILES = (CONFIG_FILE, "source")


def say_failures(outcomes: list[Outcome], step: str) -> int:
    """Print how many of ``outcomes`` succeeded, each failure with its error, each flagged one with its flags."""
    failed = [o for o in outcomes if not o.ok]
    print(_("{step}: {done} of {total} succeeded").format(step=step, done=len(outcomes) - len(failed), total=len(outcomes)))
    for o in outcomes:
        who = f"{o.student}/{o.assignment}" if o.student else o.assignment
        if not o.ok:
            print(_("  FAILED {who}: {reason}").format(who=who, reason=o.summary()))
        elif o.flags:
            print(_("  flagged {who}: {reason}").format(who=who, reason=o.summary()))
    return 1 if failed else 0


def _assignments(course: Course, names: list[str] | None) -> list[str]:
    return [course.check_assignment(a) for a in names] if names else course.assignments()


def build(*, course: Path) -> int:
    """Build the source/ notebooks from notebooks/*.py.

    Args:
        course: the course directory
    """
    built = build_all(Path(course), current_language())
    for path in built:
        print(_("built {path}").format(path=path))
    print(_("build: {count} notebooks written to {folder}").format(count=len(built), folder=Path(course) / "source"))
    return 0


def release(*, course: Path, assignments: list[str] | None = None) -> int:
    """``nbgrader generate_assignment`` for each assignment: source/ -> release/.

    Args:
        course: the course directory
        assignments: assignment names (None or empty: all)
    """
    course = Course(course)
    return say_failures([course.release(a) for a in _assignments(course, assignments)], _("release"))


def autograde_all(course: Course, assignments: list[str], students: list[str] | None, force: bool,
                  workers: int | None = None, scheduler: str | None = None) -> list[Outcome]:
    """Grade on every core (or the Dask cluster at ``scheduler``), skipping what is graded unless ``force``."""
    graded, plan = parallel.autograde_class(course, assignments, students, force, workers, scheduler)
    if plan.skipped:
        print(_("autograde: {count} already graded, skipped (--force grades them again)").format(count=len(plan.skipped)))
    if retried := sum(g.attempts > 1 for g in graded):
        print(_("autograde: {count} met a locked gradebook and were graded again").format(count=retried))
    return [g.outcome for g in graded]


def autograde(*, course: Path, assignments: list[str] | None = None, students: list[str] | None = None,
              force: bool = False, workers: int | None = None, scheduler: str | None = None) -> int:
    """Autograde submitted/ into the gradebook.

    Args:
        course: the course directory
        assignments: assignment names (None or empty: all)
        students: only these students (None: every one who submitted)
        force: grade again what is already graded
        workers: grading processes (None: startup.default_workers(), one per core and one more)
        scheduler: a Dask scheduler's address (tcp://host:port) to grade on instead

    Ctrl-C or SIGTERM: one line (how many were graded; the same command grades the rest), no
    process of the run left, exit status 128 + the signal's number (130, 143).
    """
    course = Course(course)
    chosen = _assignments(course, assignments)
    for student in students or []:
        require_submission_folders(course, student, chosen, every=bool(assignments))
    for assignment in chosen:
        if not course.submitted_students(assignment):
            print(_("autograde: no submissions of {assignment} in submitted/ "
                    "(put each student's notebook in submitted/<student>/{assignment}/)").format(assignment=assignment))
    with stop_signals_interrupt() as caught:
        try:
            outcomes = autograde_all(course, chosen, students, force, workers, scheduler)
        except Interrupted as stop:
            # Without --force the next run would skip the submissions this one never reached (their
            # earlier grading is still there): only the same command grades them all again.
            again = (_("autograde: interrupted; {graded} of {total} submissions graded again: run the same command "
                       "again to grade them all again (without --force, those not reached keep their earlier grading)")
                     if force else
                     _("autograde: interrupted; {graded} of {total} submissions graded: "
                       "run the same command again to grade the rest"))
            print(again.format(graded=stop.graded, total=stop.total), file=sys.stderr)
            return 128 + (caught[0] if caught else signal.SIGINT)
    return say_failures(outcomes, _("autograde")) if outcomes else 0


def require_submission_folders(course: Course, student: str, assignments: list[str], every: bool) -> None:
    """Refuse a ``--student`` without a submission folder (a misspelt id), before anything is recorded.

    An existing but empty folder is a submission (graded 0, "holds no notebook"). ``every``: the
    assignments were named, so each needs the folder; otherwise at least one of them does.
    """
    missing = [a for a in assignments if student not in course.submitted_students(a)]
    if missing and (every or len(missing) == len(assignments)):
        raise CourseError(_("no submission folder submitted/{student}/{assignment}: check the student id")
                          .format(student=student, assignment=missing[0]))


def autograded_students(course: Course, assignment: str) -> list[str]:
    return sorted(p.parent.name for p in (course.root / "autograded").glob(f"*/{assignment}") if p.is_dir())


def feedback_all(course: Course, assignments: list[str]) -> list[Outcome]:
    return [course.feedback(assignment, student) for assignment in assignments for student in autograded_students(course, assignment)]


def say_missing_feedback(course: Course, assignments: list[str]) -> None:
    """Say which assignments have nothing autograded, and which submissions get no feedback page (their autograde failed)."""
    for assignment in assignments:
        graded = autograded_students(course, assignment)
        if not graded:
            print(_("feedback: no autograded submissions of {assignment} "
                    "(run `python -m grader autograde {assignment}` first)").format(assignment=assignment))
        if failed := [s for s in course.submitted_students(assignment) if s not in graded]:
            print(_("feedback: no feedback page for {students} in {assignment}: "
                    "their autograde failed or has not run (see autograde's output)").format(students=", ".join(failed), assignment=assignment))


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
    return say_failures(outcomes, _("feedback")) if outcomes else 0


def export(*, course: Path, to: Path, assignments: list[str] | None = None) -> int:
    """Write the grades with the configured export plugin.

    Args:
        course: the course directory
        to: the destination file
        assignments: only these assignments (None: all)
    """
    print(_("grades written to {path}").format(path=Course(course).export(Path(to), assignments)))
    return 0


def score_table(course: Course) -> str:
    """Students as rows, assignments as columns, 'score / max' in each cell."""
    scores = course.scores()
    if not scores:
        raise NothingGraded(course.nothing_graded())
    assignments = [a for a in course.assignments() if any(key[1] == a for key in scores)]
    students = sorted({student for student, _ in scores})
    width = max([len(_("student"))] + [len(s) for s in students])
    header = _("student").ljust(width) + "".join(f"  {a:>14}" for a in assignments) + "  " + _("total").rjust(14)
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

    print(_("report: {path}").format(path=write_reports(course)))
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
    print(_("demo course in {path}").format(path=root))
    status = say_failures([course.release(a) for a in assignments], _("release"))
    students = simulate.default_class()
    for student in students:
        print(f"  {student.id:>12}: {student.notes}")
    simulate.write_submissions(root, students, assignments)
    status |= say_failures(autograde_all(course, assignments, None, force=True), _("autograde"))
    status |= say_failures(feedback_all(course, assignments), _("feedback"))
    grades = course.export(root / "grades.csv")
    print(_("grades exported to {path}").format(path=grades))
    print(_("feedback in {path}").format(path=root / "feedback"))
    print()
    print(score_table(course))
    status |= _print_report(course)
    return status


def lab(*, course: Path, student: str = "student", port: int = 8888) -> int:
    """A student's JupyterLab with the released assignments, in the course language.

    The committed release/ is English: in another language the lab runs on a copy of the
    course, ``<course>/.lab/course-<language>``, released there in that language.

    Args:
        course: the course directory
        student: the simulated student's id
        port: JupyterLab's port on 127.0.0.1
    """
    from grader.course.lab import start_lab  # imported here: only this command starts JupyterLab

    language = current_language()
    if language != SOURCE_LANGUAGE:
        copy = Course(fresh_demo_course(Path(course) / ".lab" / f"course-{language}"))
        if say_failures([copy.release(a) for a in copy.assignments()], _("release")):
            return 1
        course = copy.root
    return start_lab(course=course, student=student, port=port)


def i18n_status(*, languages: list[str] | None = None) -> int:
    """List what is left to translate: catalogue entries and notebook cells (exit status 1 if anything).

    Args:
        languages: only these languages (None: every translated language)
    """
    from grader.i18n.catalogue import translated_languages
    from grader.i18n.status import problems  # imported here: only this command extracts messages

    found = problems(PROJECT_ROOT / "notebooks", languages or translated_languages())
    print("\n".join(found) or _("every catalogue entry and every notebook cell is translated and current"))
    return 1 if found else 0


def i18n_skeleton(*, assignment: str, language: str) -> int:
    """Start ``notebooks/<language>/<assignment>.py`` from the English cells (each marked untranslated).

    Args:
        assignment: a notebook of notebooks/, e.g. ps5_window
        language: the translation's language
    """
    from grader.i18n.notebooks import write_skeleton

    path = write_skeleton(PROJECT_ROOT / "notebooks" / f"{assignment}.py", language)
    print(_("wrote {path}: translate each cell, then set its en_sha as python -m grader i18n status says").format(path=path))
    return 0


def cases(*, function: str, seed: int) -> int:
    """Print the inputs a hidden test drew from a seed (to reproduce a student's failing case).

    Args:
        function: a contract function name, e.g. jacobian_sigmoid
        seed: the seed printed in the feedback
    """
    exercise = exercises.get(function)
    if not 0 <= seed <= SEED_MAX:
        raise CourseError(_("seed {seed} is out of range: seeds are 0..{maximum} (2**32-1), as the feedback prints them")
                          .format(seed=seed, maximum=SEED_MAX))
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
