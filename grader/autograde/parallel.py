"""Autograde a whole class at once: every core (or a Dask cluster), one gradebook.

nbgrader grades one notebook after another, in one process. Here grading
processes each run nbgrader's own Autograde converter in-process, with the
course's own pipeline (nbgrader_config.py), one submission at a time: a student's
submissions are never graded by two processes at once, since nbgrader's steps
for one student (their autograded folder, their gradebook rows) are not safe to
interleave. Local processes take submissions one by one (assignment by assignment,
so that few wait for a student another has); a Dask task is a whole student.
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
import contextlib
import gc
import multiprocessing
import os
import shutil
import socket
import sys
import threading
import time
import warnings
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable, TextIO

import psutil
from nbclient import NotebookClient
from nbgrader.api import Gradebook
from nbgrader.apps import NbGraderAPI
from nbgrader.converters import Autograde
from traitlets import import_item

from grader.course.course import CONFIG_FILE, Course, Outcome
from grader.i18n import _
from grader.autograde.gradebook_engines import shared_engines
from grader.autograde.interruption import Interrupted, die_with_parent, grading_into
from grader.course.jupyter_env import use_project_dirs
from grader.autograde.kernel_forks import TEMPLATES, close_template, with_forked_kernels

LOCKED_RETRIES = 3  # gradings of one submission that met "database is locked"


@dataclass(frozen=True)
class Graded:
    """One submission graded by one grading process."""

    outcome: Outcome
    worker: str  # host:pid of the grading process
    started: float  # time.time() when its grading began
    seconds: float
    attempts: int = 1  # more than one: it met a locked gradebook and was graded again


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


# -- in a grading process ---------------------------------------------------------------

_courses: dict[str, tuple[int, Course]] = {}  # root -> (its config's mtime, Course)
_grading = threading.Lock()  # nbgrader changes the working directory: one grading per process at a time


def forked_kernel_pipeline(preprocessors: list) -> list:
    """The configured autograde pipeline with its Execute step (whichever class it is) forking kernels."""
    steps = []
    for step in preprocessors:
        cls = import_item(step) if isinstance(step, str) else step
        steps.append(with_forked_kernels(cls) if isinstance(cls, type) and issubclass(cls, NotebookClient) else step)
    return steps


def grading_course(root: str) -> Course:
    """This process's Course for ``root``: nbgrader imported and configured once (again when the
    config changes: a Dask worker outlives runs), kernels forked."""
    changed = (Path(root) / CONFIG_FILE).stat().st_mtime_ns
    if _courses.get(root, (None,))[0] != changed:
        use_project_dirs(Path(__file__).resolve().parents[2])
        warnings.filterwarnings("ignore", module="nbgrader")
        course = Course(Path(root))
        configured = course.config.Autograde
        pipeline = configured.get("autograde_preprocessors", Autograde.class_traits()["autograde_preprocessors"].default())
        configured.autograde_preprocessors = forked_kernel_pipeline(list(pipeline))
        course.api = NbGraderAPI(course.coursedir, config=course.config)
        _courses[root] = (changed, course)
        # What is loaded now lives for the whole run: the collector need not walk it at every collection.
        gc.freeze()
    return _courses[root][1]


def ready_kernel_template(course: Course) -> None:
    """Start the kernel template of the configured Execute step now, to be shared by the grading
    processes forked next, when its kernel manager can say what the template needs before a launch."""
    for step in course.config.Autograde.autograde_preprocessors:
        if isinstance(step, type) and issubclass(step, NotebookClient):
            manager = step(config=course.config).kernel_manager_class
            if hasattr(manager, "template_launch"):
                # nbgrader's autograde runs its kernels with NBGRADER_EXECUTION set (converters/autograde.py).
                TEMPLATES.start_shared(*manager.template_launch(dict(os.environ, NBGRADER_EXECUTION="autograde")))


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def grade_one(course: Course, student: str, assignment: str) -> Graded:
    started = time.time()
    folder = course.coursedir.format_path(course.coursedir.autograded_directory, student, assignment)
    for attempt in range(1, LOCKED_RETRIES + 1):
        try:
            with grading_into(folder):
                outcome = course.autograde(assignment, student, force=True)
        except Exception as error:  # noqa: BLE001 - one submission never stops the others
            outcome = Outcome(student, assignment, False, f"{type(error).__name__}: {error}"[:300])
        if outcome.ok or "database is locked" not in outcome.error:
            break
    return Graded(outcome, worker_name(), started, time.time() - started, attempt)


def grade_student(root: str, student: str, assignments: tuple[str, ...],
                  report: Callable[[Graded], None] | None = None) -> list[Graded]:
    """Autograde ``student``'s ``assignments`` one after another, in this process, into the gradebook.

    The unit of work of local and Dask workers alike; ``report`` hears of each submission as it is done.
    """
    graded = []
    with _grading, shared_engines():
        course = grading_course(root)
        for assignment in assignments:
            graded.append(grade_one(course, student, assignment))
            if report:
                report(graded[-1])
    return graded


# -- local workers --------------------------------------------------------------------


def _local_worker(root: str, connection, parent: int) -> None:
    """A local grading process: students in, one message per graded submission out.

    Its gradebook engines live as long as it does (grader.autograde.gradebook_engines), and it
    ends when its parent does, however that ends (grader.autograde.interruption).
    """
    die_with_parent(parent)
    # Kernels and their launchers inherit these: keep the instructor's terminal for the progress line.
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    try:
        with shared_engines():
            while (task := connection.recv()) is not None:
                student, assignments = task
                grade_student(root, student, assignments, report=lambda graded: connection.send(("graded", graded)))
                connection.send(("done", student))
    finally:
        close_template()


@dataclass
class _Worker:
    process: multiprocessing.Process
    connection: object
    student: str | None = None
    remaining: list[str] | None = None


def notebook_order(work: dict[str, tuple[str, ...]]) -> collections.deque[tuple[str, str]]:
    """Every (student, assignment) of ``work``, assignment by assignment: neighbours are different
    students, so that the grading processes rarely wait for one another's student."""
    rounds = max(map(len, work.values()), default=0)
    return collections.deque((student, assignments[i]) for i in range(rounds)
                             for student, assignments in work.items() if i < len(assignments))


def next_notebook(pending: collections.deque[tuple[str, str]], busy: set[str]) -> tuple[str, str] | None:
    """Take the first pending submission whose student no grading process has now (None: there is none)."""
    for index, (student, assignment) in enumerate(pending):
        if student not in busy:
            del pending[index]
            return student, assignment
    return None


def run_local(root: str, work: dict[str, tuple[str, ...]], workers: int, on_graded: Callable[[Graded], None]) -> None:
    """Grade ``work`` in ``workers`` local processes, one submission at a time each (never two of one
    student at once); a process that dies fails only the submission it was grading."""
    context = multiprocessing.get_context("fork")  # the parent has nbgrader imported already: workers start at once
    pending = notebook_order(work)

    def start() -> _Worker:
        ours, theirs = context.Pipe()
        process = context.Process(target=_local_worker, args=(root, theirs, os.getpid()), daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, ours)

    # Configured once here, and the kernel template started: the forked grading processes inherit
    # both, and the template's imports run while they start.
    ready_kernel_template(grading_course(root))
    pool = [start() for _ in range(max(1, min(workers, len(pending))))]
    try:
        while pending or any(w.student for w in pool):
            for index, worker in enumerate(pool):
                if worker.student is None and (task := next_notebook(pending, {w.student for w in pool})):
                    if not worker.process.is_alive():
                        pool[index] = worker = start()
                    worker.student, assignment = task
                    worker.remaining = [assignment]
                    worker.connection.send((worker.student, (assignment,)))
            busy = [w for w in pool if w.student]
            wait([w.connection for w in busy] + [w.process.sentinel for w in busy])
            for index, worker in enumerate(pool):
                if not worker.student or (not _drain(worker, on_graded) and worker.process.is_alive()):
                    continue
                worker.process.join(timeout=5)
                _drain(worker, on_graded)  # what it sent before it died
                if worker.student:
                    reason = f"the grading process died (exit code {worker.process.exitcode})"
                    _forget_half_graded(root, worker.student, worker.remaining[0])
                    for assignment in worker.remaining:
                        on_graded(Graded(Outcome(worker.student, assignment, False, reason), f"local:{worker.process.pid}", time.time(), 0.0))
                    pool[index] = start()
    except BaseException:  # Ctrl-C, SIGTERM, or a failure here: stop every grading process now
        for worker in pool:
            with contextlib.suppress(Exception):
                _drain(worker, on_graded)  # what was graded before the signal counts
        _stop(pool, lambda worker: worker.process.terminate(), wait=5)
        close_template()
        raise
    _stop(pool, lambda worker: worker.connection.send(None), wait=10)
    close_template()


def _forget_half_graded(root: str, student: str, assignment: str) -> None:
    """Remove the autograded folder a grading process was writing when it died (killed, out of
    memory): nbgrader's skipping rule would take it for graded, and the next run would not grade it."""
    coursedir = grading_course(root).coursedir
    shutil.rmtree(coursedir.format_path(coursedir.autograded_directory, student, assignment), ignore_errors=True)


def _stop(pool: list[_Worker], ask: Callable[[_Worker], None], wait: float) -> None:
    """Ask each live grading process to stop, give them ``wait`` seconds together, then kill what is left."""
    for worker in pool:
        if worker.process.is_alive():
            try:
                ask(worker)
            except OSError:  # it died meanwhile
                pass
    deadline = time.monotonic() + wait
    for worker in pool:
        worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()


def _drain(worker: _Worker, on_graded: Callable[[Graded], None]) -> bool:
    """Take the worker's messages until it is idle or has none; True when its pipe closed (it died)."""
    while worker.student and worker.connection.poll():
        try:
            kind, payload = worker.connection.recv()
        except (EOFError, OSError):
            return True
        if kind == "graded":
            worker.remaining.remove(payload.outcome.assignment)
            on_graded(payload)
        else:
            worker.student, worker.remaining = None, None
    return False


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


WORKER_BYTES = 256 << 20  # a grading process and its kernel at their peak, with room to spare


def default_workers() -> int:
    """Four per core: a worker spends about three quarters of its time waiting for its kernel to
    start, answer each cell and stop (README "Grading a whole class fast"); at most one per
    WORKER_BYTES of the memory available now."""
    return max(1, min(4 * (os.cpu_count() or 1), psutil.virtual_memory().available // WORKER_BYTES))


def autograde_class(course: Course, assignments: list[str], students: list[str] | None = None, force: bool = False,
                    workers: int | None = None, scheduler=None, progress: TextIO | None = sys.stderr) -> tuple[list[Graded], Plan]:
    """Grade what ``plan`` says needs grading; returns every graded submission (failures included) and the plan."""
    work = plan(course, assignments, students, force)
    if not work.work:
        return [], work
    with Gradebook(course.db_url, course.coursedir.course_id):
        pass  # the schema exists before several processes open the gradebook at once
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
