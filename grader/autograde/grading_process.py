"""What runs in a grading process, local or on a Dask worker: nbgrader's Autograde converter,
in-process, with the course's own pipeline, its Execute step forking kernels from a template
(grader.autograde.kernel_forks), one submission at a time."""

from __future__ import annotations

import gc
import os
import socket
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from nbclient import NotebookClient
from nbgrader.apps import NbGraderAPI
from nbgrader.converters import Autograde
from traitlets import import_item

from grader.autograde.gradebook_engines import shared_engines
from grader.autograde.interruption import grading_into
from grader.autograde.kernel_forks import TEMPLATES, with_forked_kernels
from grader.autograde.startup import start_template_for
from grader.course.course import CONFIG_FILE, Course, Outcome
from grader.course.jupyter_env import use_project_dirs

LOCKED_RETRIES = 3  # gradings of one submission that met "database is locked"


@dataclass(frozen=True)
class Graded:
    """One submission graded by one grading process."""

    outcome: Outcome
    worker: str  # host:pid of the grading process
    started: float  # time.time() when its grading began
    seconds: float
    attempts: int = 1  # more than one: it met a locked gradebook and was graded again


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
    """Start the kernel template of the configured Execute step now (unless it runs already: the
    CLI may have started it, grader.autograde.startup), to be shared by the grading processes forked
    next, when its kernel manager can say what the template needs before a launch; else close any."""
    for step in course.config.Autograde.autograde_preprocessors:
        if isinstance(step, type) and issubclass(step, NotebookClient):
            manager = step(config=course.config).kernel_manager_class
            if hasattr(manager, "template_launch"):
                start_template_for(manager)
                return
    TEMPLATES.close()


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


def grade_student(root: str, student: str, assignments: tuple[str, ...]) -> list[Graded]:
    """Autograde ``student``'s ``assignments`` one after another, in this process, into the gradebook.

    The unit of work of local workers (one assignment) and Dask workers (all of a student's) alike.
    """
    with _grading, shared_engines():
        course = grading_course(root)
        return [grade_one(course, student, assignment) for assignment in assignments]
