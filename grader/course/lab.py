"""The students' side on this machine: a student's home, their nbgrader config, their JupyterLab.

``make lab`` (``python -m grader lab``) plays both sides of nbgrader's exchange: the instructor
releases every generated assignment (release/) to the course's exchange, the student fetches
what they do not have yet into their home, and JupyterLab 4 starts there in a student's view:
nbgrader's Assignments panel and Validate button, none of the instructor's tools.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange import ExchangeFactory
from nbgrader.utils import capture_log
from traitlets.config.loader import PyFileConfigLoader

from grader.course.course import CONFIG_FILE, Course
from grader.i18n import _
from grader.errors import CourseError

# nbgrader 0.9.6's lab plugins that only an instructor uses, and their server extensions.
INSTRUCTOR_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:create-assignment",
)
INSTRUCTOR_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
)
# JupyterLab's "get Jupyter news?" toast would cover the notebook (and it polls the internet).
QUIET_PLUGINS = ("@jupyterlab/apputils-extension:announcements",)


class ExchangeStepFailed(CourseError):
    """An exchange step (release, fetch) failed; the message ends with nbgrader's log."""


class NothingReleased(CourseError):
    """No assignment has a generated release/ folder to open to a student."""


@dataclass(frozen=True)
class StudentHome:
    """One student's home: Jupyter's root (their fetched assignments) and, hidden in it, their
    Jupyter config dir (.jupyter: nbgrader config, student view) and nbgrader's submit cache."""

    root: Path
    student_id: str

    @property
    def config_dir(self) -> Path:
        return self.root / ".jupyter"

    @property
    def cache_dir(self) -> Path:
        return self.root / ".nbgrader_cache"

    def env(self) -> dict[str, str]:
        """This process's environment with the student's Jupyter config dir, where nbgrader and
        JupyterLab read this student's settings (the other Jupyter dirs stay the project's)."""
        return {**os.environ, "JUPYTER_CONFIG_DIR": str(self.config_dir)}

    def write_config(self, course_id: str, exchange_root: Path) -> None:
        """Write the student's nbgrader config and JupyterLab's student view into .jupyter/."""
        (self.config_dir / "labconfig").mkdir(parents=True, exist_ok=True)
        (self.config_dir / CONFIG_FILE).write_text(student_nbgrader_config(self, course_id, exchange_root), encoding="utf-8")
        (self.config_dir / "labconfig" / "page_config.json").write_text(json.dumps(student_page_config(), indent=2), encoding="utf-8")
        (self.config_dir / "jupyter_server_config.json").write_text(json.dumps(student_server_config(), indent=2), encoding="utf-8")

    def nbgrader_config(self):
        """The student's nbgrader config, as nbgrader's own commands load it."""
        return PyFileConfigLoader(CONFIG_FILE, path=str(self.config_dir)).load_config()


def student_nbgrader_config(home: StudentHome, course_id: str, exchange_root: Path) -> str:
    """Text of the student's nbgrader_config.py: the course, the exchange, who they are."""
    return f'''"""nbgrader config of student {home.student_id!r} (written by grader/course/lab.py; rewritten by `make lab`)."""

c = get_config()  # noqa: F821

c.CourseDirectory.course_id = {course_id!r}
c.Exchange.root = {str(exchange_root)!r}
# Fetched assignments and fetched feedback land in the student's home, whatever the working directory.
c.Exchange.assignment_dir = {str(home.root)!r}
c.Exchange.cache = {str(home.cache_dir)!r}
# Who submits: on one machine every simulated student shares the OS account nbgrader would use.
c.CourseDirectory.student_id = {home.student_id!r}
# Validate reports every cell that fails (the visible tests too), not only the graded ones.
c.Validator.validate_all = True
'''


def student_page_config() -> dict:
    """JupyterLab's labconfig/page_config.json: the lab plugins a student does not see."""
    return {"disabledExtensions": {plugin: True for plugin in INSTRUCTOR_PLUGINS + QUIET_PLUGINS}}


def student_server_config() -> dict:
    """jupyter_server_config.json: the instructor's server extensions are off for a student."""
    return {"ServerApp": {"jpserver_extensions": {extension: False for extension in INSTRUCTOR_SERVER_EXTENSIONS}}}


def _run_exchange_step(step, what: str) -> None:
    result = capture_log(step)
    if not result["success"]:
        raise ExchangeStepFailed(f"{what} failed:\n{result.get('log', '')}{result.get('error', '')}")


def release_to_exchange(course: Course, assignment: str) -> None:
    """Instructor: ``nbgrader release_assignment --force``: release/<assignment> -> the exchange.

    A newer release replaces the older one; what students already fetched is never touched.
    """
    coursedir = CourseDirectory(config=course.config, assignment_id=assignment)
    release = course.api.exchange.ReleaseAssignment(
        coursedir=coursedir, authenticator=course.api.authenticator, config=course.config
    )
    release.force = True
    _run_exchange_step(release, f"release_assignment {assignment}")


def fetch_assignment(home: StudentHome, assignment: str) -> None:
    """Student: ``nbgrader fetch_assignment``: the exchange -> <home>/<assignment>."""
    config = home.nbgrader_config()
    coursedir = CourseDirectory(config=config, assignment_id=assignment)
    fetch = ExchangeFactory(config=config).FetchAssignment(
        coursedir=coursedir, authenticator=Authenticator(config=config), config=config
    )
    _run_exchange_step(fetch, f"fetch_assignment {assignment} for {home.student_id}")


def released_assignments(course: Course) -> list[str]:
    """Assignments with a generated release/ folder, in course order."""
    return [a for a in course.assignments() if (course.root / "release" / a).is_dir()]


def open_to_student(course: Course, home: StudentHome, assignments: list[str]) -> list[str]:
    """Release ``assignments`` to the exchange and give ``home`` the ones it lacks; return those fetched.

    A student's copy is never overwritten: their work stays.
    """
    home.root.mkdir(parents=True, exist_ok=True)
    home.write_config(course.coursedir.course_id, Path(course.api.exchange_root))
    fetched = []
    for assignment in assignments:
        release_to_exchange(course, assignment)
        if not (home.root / assignment).exists():
            fetch_assignment(home, assignment)
            fetched.append(assignment)
    return fetched


def lab_command(home: StudentHome, port: int, token: str | None = None) -> list[str]:
    """The command line of the student's JupyterLab on 127.0.0.1:port (a token of its own unless given)."""
    command = [
        str(Path(sys.executable).parent / "jupyter-lab"),
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        # CI and containers run as root; Jupyter refuses root unless told.
        "--ServerApp.allow_root=True",
        f"--ServerApp.root_dir={home.root}",
    ]
    return command + ([f"--IdentityProvider.token={token}"] if token is not None else [])


def start_lab(*, course: Path, student: str = "student", port: int = 8888) -> int:
    """Release every generated assignment, fetch what ``student`` lacks, and become their JupyterLab.

    Returns only when there is nothing to open (else the process is JupyterLab's from then on).

    Args:
        course: the course directory
        student: the simulated student's id
        port: JupyterLab's port on 127.0.0.1
    """
    course = Course(Path(course))
    assignments = released_assignments(course)
    if not assignments:
        raise NothingReleased(f"nothing generated in {course.root / 'release'}: run `make release` first")
    home = StudentHome(course.root / ".lab" / student, student)
    fetched = open_to_student(course, home, assignments)
    print(_("released to the exchange {exchange}: {assignments}").format(exchange=course.api.exchange_root, assignments=", ".join(assignments)))
    print(_("fetched into {home}: {assignments}").format(
        home=home.root, assignments=", ".join(fetched) or _("nothing new (the student keeps their copies)")))
    print(_("starting JupyterLab as student {student!r}: open the http://127.0.0.1:{port}/lab?token=... URL below").format(student=student, port=port))
    sys.stdout.flush()
    command = lab_command(home, port)
    os.chdir(home.root)  # nbgrader's Validate also reads nbgrader_config.py from the server's working directory
    os.execve(command[0], command, home.env())
