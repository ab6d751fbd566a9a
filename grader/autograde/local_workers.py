"""Local grading processes: forked from the CLI, each takes one submission at a time, never two
of one student at once, and reports each as it is graded."""

from __future__ import annotations

import collections
import contextlib
import multiprocessing
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Callable

from grader.autograde.gradebook_engines import shared_engines
from grader.autograde.grading_process import Graded, grade_student, grading_course, ready_kernel_template
from grader.autograde.interruption import die_with_parent, held_stop_signals
from grader.autograde.kernel_forks import close_template
from grader.course.course import Outcome


def _local_worker(root: str, connection, parent: int, scratch: str) -> None:
    """A local grading process: a submission in, its ``Graded`` out, until it is sent None.

    Its gradebook engines live as long as it does (grader.autograde.gradebook_engines), and it
    ends when its parent does, however that ends (grader.autograde.interruption). Its temporary
    files (its kernels' sockets and connection files; a kernel's home and working copy when not
    isolated) go in ``scratch``, which it removes when stopped, and its parent at the end of the run.
    """
    tempfile.tempdir = scratch
    die_with_parent(parent, scratch)
    # Kernels and their launchers inherit these: keep the instructor's terminal for the progress line.
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    try:
        with shared_engines():
            while (task := connection.recv()) is not None:
                student, assignment = task
                connection.send(grade_student(root, student, (assignment,))[0])
    finally:
        close_template()


@dataclass
class _Worker:
    process: multiprocessing.Process
    connection: object
    task: tuple[str, str] | None = None  # the (student, assignment) it is grading


def _busy(pool: list[_Worker]) -> set[str]:
    return {w.task[0] for w in pool if w.task}


def notebook_order(work: dict[str, tuple[str, ...]]) -> collections.deque[tuple[str, str]]:
    """Every (student, assignment) of ``work``, assignment by assignment: neighbours are different
    students, so that the grading processes rarely wait for one another's student."""
    rounds = max(map(len, work.values()), default=0)
    return collections.deque((student, assignments[i]) for i in range(rounds)
                             for student, assignments in work.items() if i < len(assignments))


class AssignmentTimes:
    """How long a notebook of each assignment takes to grade, learned from this run's gradings."""

    def __init__(self):
        self.total: dict[str, float] = collections.defaultdict(float)  # seconds graded, per assignment
        self.count: dict[str, int] = collections.defaultdict(int)
        self.started: set[str] = set()

    def graded(self, graded: Graded) -> None:
        self.total[graded.outcome.assignment] += graded.seconds
        self.count[graded.outcome.assignment] += 1

    def expected(self, assignment: str) -> float:
        """Its mean so far; an assignment not yet started: infinity (measure it first, it may be the
        longest); started but not yet measured: the mean of those measured."""
        if self.count.get(assignment):
            return self.total[assignment] / self.count[assignment]
        if assignment not in self.started:
            return float("inf")
        measured = sum(self.count.values())
        return sum(self.total.values()) / measured if measured else 0.0


def next_notebook(pending: collections.deque[tuple[str, str]], busy: set[str],
                  expected: Callable[[str], float] | None = None) -> tuple[str, str] | None:
    """Take a pending submission whose student no grading process has now (None: there is none):
    of the assignment ``expected`` to take longest (longest first: the run does not end on a few
    long notebooks while the other cores idle), the first in ``pending`` among equals."""
    free = [index for index, (student, _) in enumerate(pending) if student not in busy]
    if not free:
        return None
    index = max(free, key=lambda i: (expected(pending[i][1]), -i)) if expected else free[0]
    task = pending[index]
    del pending[index]
    return task


def run_local(root: str, work: dict[str, tuple[str, ...]], workers: int, on_graded: Callable[[Graded], None]) -> None:
    """Grade ``work`` in ``workers`` local processes, one submission at a time each (never two of one
    student at once); a process that dies fails only the submission it was grading."""
    context = multiprocessing.get_context("fork")  # the parent has nbgrader imported already: workers start at once
    pending = notebook_order(work)
    times = AssignmentTimes()

    def graded(result: Graded) -> None:
        times.graded(result)
        on_graded(result)

    scratches: list[str] = []  # every grading process's temporary folder

    def start() -> _Worker:
        ours, theirs = context.Pipe()
        scratch = tempfile.mkdtemp(prefix="jacobians-")  # short: a kernel's socket path is at most 107 bytes
        scratches.append(scratch)
        process = context.Process(target=_local_worker, args=(root, theirs, os.getpid(), scratch), daemon=True)
        with held_stop_signals():  # a Ctrl-C during the fork would be lost
            process.start()
        theirs.close()
        return _Worker(process, ours)

    # Configured once here, and the kernel template started: the forked grading processes inherit
    # both, and the template's imports run while they start.
    ready_kernel_template(grading_course(root))
    pool: list[_Worker] = []
    try:
        pool.extend(start() for _ in range(max(1, min(workers, len(pending)))))
        while pending or _busy(pool):
            for index, worker in enumerate(pool):
                if worker.task is None and (task := next_notebook(pending, _busy(pool), times.expected)):
                    times.started.add(task[1])
                    if not worker.process.is_alive():
                        pool[index] = worker = start()
                    worker.task = task
                    worker.connection.send(task)
            busy = [w for w in pool if w.task]
            wait([w.connection for w in busy] + [w.process.sentinel for w in busy])
            for index, worker in enumerate(pool):
                if not worker.task or (not _drain(worker, graded) and worker.process.is_alive()):
                    continue
                worker.process.join(timeout=5)
                _drain(worker, graded)  # what it sent before it died
                if worker.task:
                    student, assignment = worker.task
                    reason = f"the grading process died (exit code {worker.process.exitcode})"
                    _forget_half_graded(root, student, assignment)
                    on_graded(Graded(Outcome(student, assignment, False, reason), f"local:{worker.process.pid}", time.time(), 0.0))
                    pool[index] = start()
    except BaseException:  # Ctrl-C, SIGTERM, or a failure here: stop every grading process now
        for worker in pool:
            with contextlib.suppress(Exception):
                _drain(worker, graded)  # what was graded before the signal counts
        _stop(pool, lambda worker: worker.process.terminate(), wait=5)
        raise
    else:
        _stop(pool, lambda worker: worker.connection.send(None), wait=10)
    finally:
        close_template()
        # Now that every kernel is gone (a killed grading process's may have outlived it), and however
        # each grading process ended.
        for scratch in scratches:
            shutil.rmtree(scratch, ignore_errors=True)


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
    """Take the worker's graded submission if it has sent it; True when its pipe closed (it died)."""
    if worker.task and worker.connection.poll():
        try:
            graded = worker.connection.recv()
        except (EOFError, OSError):
            return True
        worker.task = None
        on_graded(graded)
    return False
