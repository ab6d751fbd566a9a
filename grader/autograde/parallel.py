"""Autograde a whole class at once: every core (or a Dask cluster), one gradebook.

nbgrader grades one notebook after another, in one process. Here grading
processes each run nbgrader's own Autograde converter in-process, with the
course's own pipeline (nbgrader_config.py), one submission at a time: a student's
submissions are never graded by two processes at once, since nbgrader's steps
for one student (their autograded folder, their gradebook rows) are not safe to
interleave. Local processes take submissions one by one, the longest assignment first
as measured in the run (grader.autograde.local_workers); a Dask task is a whole student.
Kernels are forked from a pre-imported template whenever it can
reproduce the configured Execute step's launch, the sandbox launcher included
(grader.autograde.kernel_forks); each notebook still gets a fresh kernel process.

The same function, ``grade_student``, runs in local worker processes and on Dask
workers (``--scheduler tcp://host:port``), so both write the very grades plain
``nbgrader autograde`` writes. Each grading process writes the gradebook itself,
through nbgrader: SQLite serialises the writes (waiting up to its busy timeout),
and a submission that still meets a locked database is graded again.
"""

from __future__ import annotations

import collections
import os
import sys
import time
from dataclasses import dataclass
from typing import Callable, TextIO

from nbgrader.api import Gradebook

from grader.autograde.grading_process import Graded, grade_student
from grader.autograde.interruption import Interrupted
from grader.autograde.local_workers import run_local
from grader.autograde.startup import default_workers
from grader.course.course import Course, Outcome
from grader.errors import NotReleased
from grader.i18n import _


@dataclass(frozen=True)
class Plan:
    """What to grade, one entry per student (their assignments in course order), and what is skipped."""

    work: dict[str, tuple[str, ...]]
    skipped: tuple[tuple[str, str], ...]  # (student, assignment) already graded

    @property
    def notebooks(self) -> int:
        return sum(len(assignments) for assignments in self.work.values())


def already_graded(course: Course, student: str, assignment: str) -> bool:
    """nbgrader's own rule (BaseConverter.init_destination): an autograded folder not older than the submission."""
    coursedir = course.coursedir
    graded = coursedir.format_path(coursedir.autograded_directory, student, assignment)
    if not os.path.isdir(graded):
        return False
    submitted = coursedir.get_existing_timestamp(coursedir.format_path(coursedir.submitted_directory, student, assignment))
    previous = coursedir.get_existing_timestamp(graded)
    return not (submitted is not None and previous is not None and submitted > previous)


def plan(course: Course, assignments: list[str], students: list[str] | None, force: bool) -> Plan:
    work: dict[str, list[str]] = collections.defaultdict(list)
    skipped = []
    for assignment in assignments:
        submitted = course.submitted_students(assignment)
        # A named student is graded only where their folder is: no phantom 0 for work never handed in.
        for student in [s for s in students if s in submitted] if students else submitted:
            if not force and already_graded(course, student, assignment):
                skipped.append((student, assignment))
            else:
                work[student].append(assignment)
    return Plan({student: tuple(work[student]) for student in sorted(work)}, tuple(skipped))


# -- Dask -------------------------------------------------------------------------------


def run_dask(root: str, work: dict[str, tuple[str, ...]], scheduler, on_graded: Callable[[Graded], None]) -> None:
    """Grade ``work`` on the Dask cluster at ``scheduler`` (an address, or a distributed Client/LocalCluster).

    Every worker must see the course at ``root`` (a shared file system) and have this package installed.
    """
    from distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        futures = {client.submit(grade_student, root, student, assignments, pure=False): (student, assignments)
                   for student, assignments in work.items()}
        for future in as_completed(futures):
            student, assignments = futures[future]
            try:
                results = future.result()
            except Exception as error:  # noqa: BLE001 - a lost worker fails its student only
                reason = f"the Dask task failed: {type(error).__name__}: {error}"[:300]
                results = [Graded(Outcome(student, a, False, reason), "dask", time.time(), 0.0) for a in assignments]
            for graded in results:
                on_graded(graded)
    finally:
        if client is not scheduler:
            client.close()


# -- the whole class --------------------------------------------------------------------


class Progress:
    """``done/total``, notebooks per second and time left, on one line (a terminal) or every tenth (a log)."""

    def __init__(self, total: int, out: TextIO | None):
        self.total, self.done, self.out = total, 0, out
        self.started = time.monotonic()
        self.live = bool(out) and out.isatty()
        self._shown_tenth = -1

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        if rate > 0 and self.done < self.total:
            left = _("{seconds:.0f} s left").format(seconds=(self.total - self.done) / rate)
        else:
            left = _("{seconds:.0f} s").format(seconds=elapsed)
        return _("autograde: {done}/{total} notebooks, {rate:.2f}/s, {left}").format(done=self.done, total=self.total, rate=rate, left=left)

    def stop(self) -> None:
        """End a live line cut short, so that what is printed next starts on its own line."""
        if self.live and self.done < self.total:
            self.out.write("\n")
            self.out.flush()

    def step(self) -> None:
        self.done += 1
        if not self.out:
            return
        if self.live:
            self.out.write("\r" + self.line().ljust(60) + ("\n" if self.done == self.total else ""))
            self.out.flush()
        elif (tenth := self.done * 10 // max(self.total, 1)) > self._shown_tenth:
            self._shown_tenth = tenth
            print(self.line(), file=self.out, flush=True)


def autograde_class(course: Course, assignments: list[str], students: list[str] | None = None, force: bool = False,
                    workers: int | None = None, scheduler=None, progress: TextIO | None = sys.stderr) -> tuple[list[Graded], Plan]:
    """Grade what ``plan`` says needs grading; returns every graded submission (failures included) and the plan."""
    work = plan(course, assignments, students, force)
    if not work.work:
        return [], work
    with Gradebook(course.db_url, course.coursedir.course_id) as gradebook:
        # (and the schema exists before several processes open the gradebook at once)
        recorded = {assignment.name for assignment in gradebook.assignments}
    # nbgrader records an assignment and its graded cells when it is released; without them each
    # submission would fail alone with "MissingEntry: No such assignment".
    if never := " ".join(sorted({a for assignments in work.work.values() for a in assignments} - recorded)):
        raise NotReleased(_("submissions of an assignment never released in this course ({assignments}): release "
                            "first (python -m grader --course {root} release {assignments}), then autograde").format(
                                assignments=never, root=course.root))
    graded: list[Graded] = []
    meter = Progress(work.notebooks, progress)

    def on_graded(result: Graded) -> None:
        graded.append(result)
        meter.step()

    root = str(course.root)
    try:
        if scheduler is not None:
            run_dask(root, work.work, scheduler, on_graded)
        else:
            run_local(root, work.work, workers or default_workers(), on_graded)
    except KeyboardInterrupt:
        meter.stop()
        raise Interrupted(sum(g.outcome.ok for g in graded), work.notebooks) from None
    position = {assignment: i for i, assignment in enumerate(assignments)}
    return sorted(graded, key=lambda g: (position.get(g.outcome.assignment, 0), g.outcome.student)), work
