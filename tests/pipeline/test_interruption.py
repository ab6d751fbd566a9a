"""An autograde run stopped mid-class (README "Grading a whole class fast"): a real run of the CLI
is sent Ctrl-C, SIGTERM or SIGKILL while it grades, and then no process of the run may remain.

Survivors are looked for by process, never in a log: this test process becomes a child
subreaper (Linux's PR_SET_CHILD_SUBREAPER) while the run lives, so that every process the run
started, orphaned or not, in a session of its own or not (kernels are), stays one of its
descendants instead of escaping to init.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from tests.helpers import PROJECT, copy_course
from grader.course import simulate
from grader.course.course import Course

ASSIGNMENT = "ps3_dense"
COPIES = 3  # of each of the default class's profiles
STUDENTS = COPIES * len(simulate.default_class())
PR_SET_CHILD_SUBREAPER = 36
PROGRESS = re.compile(r"autograde: (\d+)/\d+ notebooks")
INTERRUPTED = re.compile(r"autograde: interrupted; (\d+) of (\d+) submissions graded: run the same command again to grade the rest")

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="subreapers and PR_SET_PDEATHSIG are Linux's")


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    """A released ps3_dense with three copies of the default class, graded by nobody yet."""
    root = tmp_path_factory.mktemp("interruption") / "released"
    course = copy_course(root, [ASSIGNMENT])
    profiles = simulate.default_class()
    students = [simulate.Student(f"{p.id}{copy}", p.answers, p.blank) for copy in range(COPIES) for p in profiles]
    simulate.write_submissions(course.root, students, [ASSIGNMENT])
    return root


@pytest.fixture
def course(released, tmp_path) -> Path:
    shutil.copytree(released, tmp_path / "course")
    return tmp_path / "course"


@pytest.fixture(autouse=True)
def temp(monkeypatch) -> Path:
    """The runs' TMPDIR, empty: where kernels' sockets and connection files go (short: a socket's path is)."""
    folder = Path(tempfile.mkdtemp(prefix="jt-"))
    monkeypatch.setenv("TMPDIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def left_in(temp: Path) -> list[str]:
    """What the run left in its TMPDIR (it must leave nothing: stopped runs too)."""
    return sorted(str(path.relative_to(temp)) for path in temp.rglob("*"))


@contextlib.contextmanager
def adopting_orphans():
    """Within: processes orphaned below this one are re-parented to it; after: they are reaped."""
    libc = ctypes.CDLL(None, use_errno=True)
    assert libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    try:
        yield
    finally:
        libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)
        for child in psutil.Process().children(recursive=True):
            with contextlib.suppress(psutil.Error):
                child.kill()
        with contextlib.suppress(ChildProcessError):
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass


def live_descendants(before: set[int]) -> list[psutil.Process]:
    """This process's descendants (the run's, with the subreaper) that are not zombies; zombies are reaped."""
    alive = []
    for process in psutil.Process().children(recursive=True):
        if process.pid in before:
            continue
        with contextlib.suppress(psutil.Error):
            if process.status() == psutil.STATUS_ZOMBIE:
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(process.pid, os.WNOHANG)
            else:
                alive.append(process)
    return alive


def executed(notebook: Path) -> bool:
    """Whether an autograded notebook is the graded one (nbgrader first writes it sanitized: no outputs)."""
    return any(cell.get("outputs") for cell in nbformat.read(notebook, as_version=4).cells)


class Run:
    """``python -m grader autograde ps3_dense`` in a session of its own (a terminal's job), its output read as it comes."""

    def __init__(self, course: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "grader", "autograde", ASSIGNMENT, "--workers", "4"],
            cwd=course, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=lambda: self.lines.extend(self.process.stdout), daemon=True)
        self.reader.start()

    def graded(self) -> int:
        return max([int(m.group(1)) for m in map(PROGRESS.search, list(self.lines)) if m] or [0])

    def wait_mid_class(self, before: set[int]) -> None:
        """Until it reported graded submissions and kernels run (more processes than it, 4 workers, 4 templates)."""
        deadline = time.monotonic() + 240
        while not (self.graded() >= 2 and len(live_descendants(before)) > 9):
            assert self.process.poll() is None, "the class was graded before it could be interrupted"
            assert time.monotonic() < deadline, "the run never got going"
            time.sleep(0.05)

    def finish(self) -> str:
        self.process.wait(timeout=60)
        self.reader.join(timeout=10)
        return "".join(self.lines)


def survivors_after(before: set[int], seconds: float) -> list[str]:
    """The run's processes still alive ``seconds`` after its CLI ended (checked until none are)."""
    deadline = time.monotonic() + seconds
    while (alive := live_descendants(before)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return [f"{p.pid} {' '.join(p.cmdline())[:120]}" for p in alive if p.is_running()]


def interrupt(course: Path, send) -> tuple[int, str, list[str]]:
    """Start a run, ``send`` it a signal mid-class; its exit status, its output, and what survived it."""
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    with adopting_orphans():
        run = Run(course)
        run.wait_mid_class(before)
        send(run.process)
        output = run.finish()
        return run.process.returncode, output, survivors_after(before, seconds=10)


def scores(course: Path) -> dict[str, float]:
    return {student: score for (student, _), (score, _) in Course(course).scores().items()}


def test_ctrl_c_stops_everything_says_so_in_one_line_and_the_same_command_resumes(course, temp):
    status, output, survivors = interrupt(course, lambda run: os.killpg(run.pid, signal.SIGINT))  # as a terminal does
    assert survivors == []
    assert left_in(temp) == []
    assert status == 130
    assert "Traceback" not in output
    lines = [m for m in map(INTERRUPTED.search, output.splitlines()) if m]
    assert len(lines) == 1, output
    graded = int(lines[0].group(1))
    assert int(lines[0].group(2)) == STUDENTS and 0 < graded < STUDENTS, output

    resumed = subprocess.run([sys.executable, "-m", "grader", "autograde", ASSIGNMENT], cwd=course,
                             capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    skipped = int(re.search(r"autograde: (\d+) already graded, skipped", resumed.stdout).group(1))
    done = int(re.search(r"autograde: (\d+) of (\d+) succeeded", resumed.stdout).group(1))
    assert skipped >= graded and skipped + done == STUDENTS
    # every student graded once, consistently: the copies of each profile got the same score
    got = scores(course)
    assert len(got) == STUDENTS
    for profile in simulate.default_class():
        assert len({got[f"{profile.id}{copy}"] for copy in range(COPIES)}) == 1, (profile.id, got)
    assert left_in(temp) == []


def test_ctrl_c_while_the_cli_starts_says_so_in_one_line(course, temp):
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    with adopting_orphans():
        run = Run(course)
        deadline = time.monotonic() + 60
        while not psutil.Process(run.process.pid).children():  # the kernel template: started before nbgrader is imported
            assert run.process.poll() is None and time.monotonic() < deadline, run.finish()
            time.sleep(0.002)
        os.killpg(run.process.pid, signal.SIGINT)
        output = run.finish()
        assert survivors_after(before, seconds=10) == []
    assert run.process.returncode == 130
    assert "Traceback" not in output
    assert len(output.strip().splitlines()) == 1, output
    assert output.strip() == "interrupted" or INTERRUPTED.search(output), output
    assert scores(course) == {}
    assert left_in(temp) == []


def test_sigterm_behaves_like_ctrl_c(course, temp):
    status, output, survivors = interrupt(course, lambda run: os.kill(run.pid, signal.SIGTERM))  # the CLI alone, as timeout(1) does
    assert survivors == []
    assert left_in(temp) == []
    assert status == 128 + signal.SIGTERM
    assert len(INTERRUPTED.findall(output)) == 1 and "Traceback" not in output


def test_sigkill_of_the_cli_leaves_no_process_of_the_run(course, temp):
    status, _, survivors = interrupt(course, lambda run: os.kill(run.pid, signal.SIGKILL))
    assert status == -signal.SIGKILL
    assert survivors == []
    assert left_in(temp) == []  # its grading processes removed their own temporary files
    # the submissions being graded when it died are not left for the next run to take for graded
    folders = list(course.glob(f"autograded/*/{ASSIGNMENT}"))
    assert folders
    for folder in folders:
        notebook = folder / f"{ASSIGNMENT}.ipynb"
        assert notebook.is_file() and executed(notebook), f"{folder} was left half graded"


def kernel_busy_worker(cli: psutil.Process) -> psutil.Process | None:
    """A grading process of the run (the CLI's child) whose kernel is running: mid-submission.

    Its kernels are the shared kernel template's children; the grading process holds the pidfd of
    its own from launch to reaping, and Linux names the process of a pidfd in its fdinfo.
    """
    for worker in cli.children():
        with contextlib.suppress(OSError, psutil.Error):
            for info in Path(f"/proc/{worker.pid}/fdinfo").iterdir():
                if (pid := re.search(r"^Pid:\s+(\d+)$", info.read_text(), re.M)) and psutil.pid_exists(int(pid[1])):
                    return worker
    return None


def test_a_grading_process_killed_mid_submission_fails_its_student_only_and_the_next_run_grades_it(course, temp):
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    with adopting_orphans():
        run = Run(course)
        run.wait_mid_class(before)
        deadline = time.monotonic() + 60
        while (worker := kernel_busy_worker(psutil.Process(run.process.pid))) is None:
            assert time.monotonic() < deadline, "no grading process ever had a kernel running"
            time.sleep(0.02)
        worker.kill()  # as the out-of-memory killer would: no handler runs
        output = run.finish()
        assert survivors_after(before, seconds=10) == []
    assert left_in(temp) == []  # what its kernel left, the CLI removed
    assert run.process.returncode == 1, output
    failed = re.findall(rf"FAILED (\S+)/{ASSIGNMENT}: the grading process died \(exit code -9\)", output)
    assert len(failed) == 1, output
    assert not (course / "autograded" / failed[0] / ASSIGNMENT).exists()  # else the next run would skip it

    again = subprocess.run([sys.executable, "-m", "grader", "autograde", ASSIGNMENT], cwd=course,
                           capture_output=True, text=True, timeout=600)
    assert "autograde: 1 of 1 succeeded" in again.stdout, again.stdout + again.stderr
    profile = failed[0].rstrip("0123456789")
    got = scores(course)
    assert got[failed[0]] == got[f"{profile}{(int(failed[0][len(profile):]) + 1) % COPIES}"]
